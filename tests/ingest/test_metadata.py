"""Metadata inference: values with provenance, and unknown when there is no evidence."""

from __future__ import annotations

from datetime import date

import dateparser
import pytest

from lib.ingest.articles import prepare_article
from lib.ingest.metadata import date_from_caption, parse_date
from lib.ingest.outlets import load_registry
from lib.records import RawArticle


def infer(text: str, **sidecar: str):
    return prepare_article(RawArticle(file="a.txt", text=text), sidecar=sidecar, registry=load_registry())


@pytest.fixture(scope="module")
def seeds(seed_corpus):
    return seed_corpus.documents.set_index("file")


@pytest.mark.parametrize(
    ("file", "outlet", "published", "source"),
    [
        ("000_3125db9d836cccb6.txt", "All Israel News", "2024-07-09", "caption date + weekday"),
        ("001_ad380cfe65578a00.txt", "Ynetnews", "", "unknown"),
        ("002_d6db648224b6c3df.txt", "The Times of Israel", "2024-02-08", "caption date + weekday"),
        ("003_71253eacffc74940.txt", "Anadolu Agency", "2024-03-26", 'text: "Published March 26,2024"'),
        ("004_615c4032b1948ec8.txt", "", "", "unknown"),
    ],
)
def test_seed_outlets_and_dates(seeds, file, outlet, published, source) -> None:
    row = seeds.loc[file]
    assert row["outlet"] == outlet
    assert row["published"] == published
    assert row["published_source"].startswith(source)


def test_unknown_outlet_and_title_stay_unknown(seeds) -> None:
    row = seeds.loc["004_615c4032b1948ec8.txt"]
    assert (row["outlet_source"], row["outlet_confidence"]) == ("unknown", "none")
    assert row["title"] == "" and row["title_source"] == "unknown"


def test_byline_gives_the_author(seeds) -> None:
    row = seeds.loc["001_ad380cfe65578a00.txt"]
    assert row["author"] == "Moran Azulay"
    assert row["author_source"] == 'text: byline "Moran Azulay|"'


@pytest.mark.parametrize(
    ("caption", "weekdays", "expected", "confidence"),
    [
        (date(2024, 7, 9), {0}, date(2024, 7, 9), "medium"),  # Monday is the day before a Tuesday caption
        (date(2024, 2, 7), {2, 3}, date(2024, 2, 8), "medium"),  # "Thursday" moves a Wednesday caption on
        (date(2024, 2, 7), set(), date(2024, 2, 7), "low"),  # no weekday to check against
        (date(2023, 12, 31), {0}, date(2024, 1, 1), "medium"),  # across the year boundary
    ],
)
def test_caption_date_checked_against_weekdays(caption, weekdays, expected, confidence) -> None:
    published, _, level = date_from_caption(caption, weekdays)
    assert (published, level) == (expected, confidence)


def test_outlet_from_url_domain() -> None:
    article = infer("Ministers met on Tuesday.", url="https://www.aljazeera.com/news/2024/3/5/talks")
    assert article.outlet.value == "Al Jazeera"
    assert article.outlet.source == "url: aljazeera.com"
    assert article.published.value == "2024-03-05"
    assert article.published.source.startswith("url")


def test_a_named_outlet_in_body_text_is_not_the_outlet() -> None:
    article = infer("The report was first published by Reuters on Monday, officials said.")
    assert article.outlet.value == ""


def test_a_published_date_never_precedes_a_reported_date() -> None:
    text = (
        "Talks resumed on Thursday, officials said.\n"
        "Ministers gathered in Cairo (Photo: Reuters, Jan. 3, 2024).\n"
        "The previous round ended on January 10, 2024 without agreement."
    )
    article = infer(text)
    assert article.published.value >= "2024-01-10"
    assert "later date in the text" in article.published.source


@pytest.mark.parametrize("text", [
    "March 26,2024", "March 26, 2024", "Sept. 5, 2024", "Sep 5 2024", "26 March 2024", "2024-03-26",
    "May 5th, 2023", "5th May 2023", "February 30, 2024", "2024-13-01", "31 Nov 2023", "Juny 5, 2024",
    "Tuesday, March 26, 2024 10:45", "yesterday",
])
def test_written_dates_read_as_dateparser_reads_them(text: str) -> None:
    parsed = dateparser.parse(
        text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    )
    assert parse_date(text) == (parsed.date() if parsed else None)
