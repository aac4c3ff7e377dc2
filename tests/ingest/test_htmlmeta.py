"""What a saved page's head states about itself, each value with the tag it came from."""

from __future__ import annotations

from pathlib import Path

from lib.ingest.htmlmeta import read_head_metadata
from lib.ingest.reading import parse_html

SAVED = Path(__file__).resolve().parents[2] / "eval" / "corpus" / "saved"
PAGE = """<!DOCTYPE html><html><head>
<title>Storm hits coast - Example Gazette</title>
<meta name="twitter:site" content="@examplegazette">
<meta name="author" content="https://example.org/staff/jane">
<link rel="canonical" href="https://example.org/news/storm">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Not the article"},
  {"@type": "NewsArticle", "headline": "Storm hits coast", "datePublished": "2024-03-05T10:42:00Z",
   "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
   "publisher": {"@type": "Organization", "name": "Example Gazette"}}]}</script>
<script type="application/ld+json">{ broken json </script>
</head><body><p>A storm hit the coast.</p></body></html>"""


def test_json_ld_and_meta_tags_with_where_each_value_was_found() -> None:
    head = read_head_metadata(PAGE)
    assert head.found == {
        "outlet": ("Example Gazette", "JSON-LD publisher"),  # a Twitter handle is not a site name
        "author": ("Jane Doe, John Roe", "JSON-LD author"),  # a profile address is not a name
        "published": ("2024-03-05T10:42:00Z", "JSON-LD datePublished"),
        "title": ("Storm hits coast", "JSON-LD headline"),
        "url": ("https://example.org/news/storm", "canonical link"),
    }


def test_a_saved_page_without_metadata_gives_no_date_from_its_text() -> None:
    html = (SAVED / "gd-soldiers-assist-civil-authorities-image.html").read_text(encoding="utf-8")
    raw = parse_html(name="page.html", html=html)
    assert raw.published == "" and raw.outlet == ""  # trafilatura read 2024-02-10 from "10.02.2024"
    assert raw.title == "U.S. Soldiers assist civil authorities during Hurricane Helene"
    assert raw.url == "https://www.dvidshub.net/image/8675092/us-soldiers-assist-civil-authorities-during-hurricane-helene"
    assert dict(raw.notes) == {"title": "<title>", "url": "canonical link"}
