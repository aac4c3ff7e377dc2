"""What a saved page's head states about itself: site name, publisher, author, dates, title, address.

Only metadata is read here (meta tags, JSON-LD, the canonical link, ``<title>``): a date in the
page's text is evidence of another rank, read with the text. Each value keeps the tag it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import html as lxml_html

SITE_NAME_TAGS = (("property", "og:site_name"), ("name", "application-name"), ("name", "twitter:site"))
AUTHOR_TAGS = (("name", "author"), ("property", "article:author"), ("name", "parsely-author"), ("name", "byl"))
DATE_TAGS = (
    ("property", "article:published_time"), ("name", "article:published_time"), ("itemprop", "datePublished"),
    ("name", "pubdate"), ("name", "publishdate"), ("name", "publish-date"), ("name", "date"),
    ("name", "dc.date"), ("name", "dc.date.issued"), ("name", "dcterms.date"), ("name", "sailthru.date"),
    ("property", "og:published_time"), ("name", "parsely-pub-date"),
)
TITLE_TAGS = (("property", "og:title"), ("name", "twitter:title"))
URL_TAGS = (("property", "og:url"),)


@dataclass
class HeadMetadata:
    """{field: (value, where it was found)} for title, outlet, author, published and url."""

    found: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, name: str, value: object, where: str) -> None:
        text = " ".join(str(value or "").split())
        if text and name not in self.found:
            self.found[name] = (text, where)

    def value(self, name: str) -> str:
        return self.found.get(name, ("", ""))[0]

    def notes(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, where) for name, (_, where) in self.found.items())


def _meta(tree: lxml_html.HtmlElement, attribute: str, key: str) -> str:
    for element in tree.iterfind(".//meta"):
        if (element.get(attribute) or "").strip().lower() == key:
            return (element.get("content") or "").strip()
    return ""


def _json_ld_objects(tree: lxml_html.HtmlElement) -> Iterator[dict]:
    """Every JSON-LD object of the page, @graph members included; broken blocks are skipped."""
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                stack.extend(item.get("@graph") or [])
                yield item


def _name_of(value: object) -> str:
    """A JSON-LD person or organisation as a name ("name" of an object, each of a list)."""
    if isinstance(value, list):
        return ", ".join(filter(None, (_name_of(item) for item in value)))
    if isinstance(value, dict):
        return str(value.get("name") or "")
    return str(value or "")


def _read_json_ld(tree: lxml_html.HtmlElement, head: HeadMetadata) -> None:
    for item in _json_ld_objects(tree):
        kind = str(item.get("@type") or "")
        if "Article" not in kind and "Posting" not in kind and "Report" not in kind:
            continue
        head.add("outlet", _name_of(item.get("publisher")), "JSON-LD publisher")
        head.add("author", _name_of(item.get("author")), "JSON-LD author")
        head.add("published", item.get("datePublished"), "JSON-LD datePublished")
        head.add("title", item.get("headline"), "JSON-LD headline")
        head.add("url", item.get("url") if str(item.get("url", "")).startswith("http") else "", "JSON-LD url")


def read_head_metadata(page: str) -> HeadMetadata:
    """The metadata a page states about itself, each value with its tag."""
    head = HeadMetadata()
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return head
    for attribute, key in SITE_NAME_TAGS:
        value = _meta(tree, attribute, key)
        head.add("outlet", "" if value.startswith("@") else value, key)
    for attribute, key in AUTHOR_TAGS:
        value = _meta(tree, attribute, key)
        head.add("author", "" if value.startswith("http") else value, key)
    for attribute, key in DATE_TAGS:
        head.add("published", _meta(tree, attribute, key), key)
    for attribute, key in TITLE_TAGS:
        head.add("title", _meta(tree, attribute, key), key)
    _read_json_ld(tree, head)
    title = tree.find(".//title")
    head.add("title", title.text_content() if title is not None else "", "<title>")
    canonical = next((link.get("href") for link in tree.iterfind(".//link")
                      if "canonical" in (link.get("rel") or "").lower().split()), "")
    head.add("url", canonical if str(canonical).startswith("http") else "", "canonical link")
    for attribute, key in URL_TAGS:
        value = _meta(tree, attribute, key)
        head.add("url", value if value.startswith("http") else "", key)
    return head
