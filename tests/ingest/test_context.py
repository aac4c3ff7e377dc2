"""What the corpus shows: lines that open many unrelated articles, and each site's numeric date order."""

from __future__ import annotations

from lib.ingest.context import build_context, numeric_orders, opening_furniture
from lib.records import RawArticle

STORIES = (
    "Jean Charest has called a provincial election for September 4, 2012, after meeting the lieutenant governor.",
    "The final day of rowing at the London Paralympics took place yesterday at Eton Dorney, with all medals decided.",
    "Wikinews interviewed Duncan Campbell, one of the creators of wheelchair rugby, on Wednesday in London.",
)


def test_a_line_opening_several_unrelated_articles_is_furniture() -> None:
    texts = [f"Wiki Actu en\n\nAugust 2, 2012\n\n{story}" for story in STORIES]
    assert "wiki actu en" in opening_furniture(texts)


def test_a_syndicated_headline_opening_copies_of_one_story_is_not() -> None:
    copy = f"Hurricane Helene kills 40, produces 'catastrophic flooding'\n\n{STORIES[0]}"
    assert opening_furniture([copy, copy.replace("'", "‘", 1), copy]) == frozenset()


def test_a_sites_numeric_dates_state_its_order() -> None:
    pages = [
        ("https://www.dvidshub.net/image/8315122/unified", "Date Taken: 03.30.2024\nDate Posted: 03.31.2024 14:49"),
        ("https://www.dvidshub.net/image/8675092/soldiers", "Date Posted: 10.02.2024 22:07"),
        ("https://example.org/a", "Posted 13.02.2024"),
        ("https://mixed.example/a", "03.30.2024"),
        ("https://mixed.example/b", "30.03.2024"),
    ]
    assert numeric_orders(pages) == {"dvidshub.net": "MD", "example.org": "DM"}


def test_sidecar_addresses_count_for_pasted_text() -> None:
    raws = [RawArticle(file="a.txt", text="4.18.2007\n\nEuropean Parliament Members Defend Criticisms of Rendition")]
    context = build_context(raws, {"a.txt": {"url": "http://poenglish.blogspot.com/2007_04_18_archive.html"}})
    assert context.numeric_orders == {"poenglish.blogspot.com": "MD"}
