"""The publication date from ranked evidence, and each refusal: an unordered numeric date, a conflict,
a photo's date, a broadcast date, an update date, a date the article reports. Page lines are copied
from the benchmark's pages."""

from __future__ import annotations

import pytest

from lib.ingest.articles import prepare_article
from lib.ingest.context import CorpusContext
from lib.ingest.outlets import load_registry
from lib.records import RawArticle

BODY = (
    "Members of the European Parliament have gone before US Congress to defend the findings of a report "
    "criticizing the practice of extraordinary rendition."
)


def published(text: str, *, context: CorpusContext | None = None, url: str = "", **fields: str):
    """The date of a pasted page (``url``: the address a researcher noted for it in metadata.csv)."""
    raw = RawArticle(file="a.txt", text=text, **fields)
    sidecar = {"url": url} if url else {}
    return prepare_article(raw, sidecar=sidecar, registry=load_registry(), context=context).published


def test_a_section_labelled_date_line_under_the_banner() -> None:
    field = published("Home : News : Article View\nNEWS | Oct. 2, 2024\n\n"
                      "North Carolina Guard Delivers Food, Water to Hurricane Victims\n" + BODY)
    assert (field.value, field.source) == ("2024-10-02", 'text: "NEWS | Oct. 2, 2024"')


def test_a_labelled_posting_date_anywhere_on_the_page() -> None:
    field = published(f"Unified Command begins salvage operations of Key Bridge Incident\n{BODY}\n"
                      "Date Taken: 03.30.2024\nDate Posted: 03.31.2024 14:49\nVIRIN: 240330-G-LB555-1329")
    assert (field.value, field.confidence) == ("2024-03-31", "high")


def test_the_url_date_agrees_with_the_byline_date() -> None:
    field = published("U.S. Embassy Helps Americans in Burma Cyclone\n\nPosted by Steve Royster\nMay 7, 2008\n" + BODY,
                      url="http://blogs.state.gov/stories/2008/05/07/us-embassy-helps-americans-burma-cyclone")
    assert (field.value, field.confidence) == ("2008-05-07", "high")


def test_an_unordered_numeric_date_stays_unknown() -> None:
    field = published(f"7.09.2007\n\nPakistan Mosque Leader Vows to Continue Standoff\n{BODY}")
    assert field.value == ""
    assert field.source.startswith("ambiguous numeric date, order not stated: 2007-07-09 or 2007-09-07")


def test_the_page_states_the_order_of_its_numeric_dates() -> None:
    field = published(f"Posted 10.02.2024\n{BODY}\nDate Taken: 09.28.2024")
    assert field.value == "2024-10-02" and "month-day order stated by this page" in field.source


def test_the_site_states_the_order_of_its_numeric_dates() -> None:
    context = CorpusContext(numeric_orders={"dvidshub.net": "MD"})
    text = f"U.S. Soldiers assist civil authorities during Hurricane Helene\n{BODY}\nDate Posted: 10.02.2024 22:07"
    url = "https://www.dvidshub.net/image/8675092/us-soldiers-assist-civil-authorities-during-hurricane-helene"
    assert published(text, url=url).value == ""
    field = published(text, url=url, context=context)
    assert field.value == "2024-10-02" and "stated by this site's pages" in field.source


def test_two_stamps_that_disagree_give_unknown_and_show_the_conflict() -> None:
    field = published("1.22.2007\n\nVOASE0121_This Is America\n\n21 January 2007\n"
                      "Hillary Clinton Enters the Race for a Prize As-Yet Unclaimed by Any Woman in American Politics\n"
                      + BODY)
    assert field.value == ""
    assert field.source == 'conflict: 2007-01-22 (text: "1.22.2007"); 2007-01-21 (text: "21 January 2007")'


def test_url_and_page_of_adjacent_ranks_that_disagree_give_unknown() -> None:
    field = published(f"Some headline about the floods\nMay 9, 2008\n{BODY}",
                      url="https://example.org/2008/05/08/floods")
    assert field.value == "" and field.source.startswith("conflict:")


def test_metadata_outranks_a_page_stamp_two_ranks_below() -> None:
    field = published(f"Some headline about the floods\nMay 9, 2008\n{BODY}", published="2008-05-08", origin="record")
    assert (field.value, field.source) == ("2008-05-08", "record metadata")


@pytest.mark.parametrize("value", ["10/02/2024", "2024", "March 2024"])
def test_metadata_dates_need_day_month_year_and_a_stated_order(value: str) -> None:
    assert published(BODY, published=value, origin="record").value == ""


def test_a_photo_date_is_not_the_publication_date() -> None:
    text = ("U.S. Army Soldiers, from the 82nd Airborne Division, prepare to board a CH-47\n"
            "ASHEVILLE, NORTH CAROLINA, UNITED STATES\n10.04.2024\nPhoto by Sgt. Nicholas Session\n" + BODY)
    assert published(text).value == ""


def test_a_broadcast_date_is_not_the_publication_date() -> None:
    text = ("Tuesday, January 19, 2010\n\nStudying in the US: Writing College Papers\n\n"
            "Transcript of radio broadcast:\n29 April 2009\n\n"
            "This is the VOA Special English Education Report.\n" + BODY)
    assert published(text).value == "2010-01-19"


def test_published_wins_over_updated_and_an_update_alone_is_no_publication_date() -> None:
    assert published(f"Published: March 5, 2024\nUpdated: March 7, 2024\n{BODY}").value == "2024-03-05"
    field = published(f"Council approves budget\nUpdated: March 7, 2024\n{BODY}")
    assert field.value == "" and field.source.startswith("only an update date")


def test_never_the_date_of_an_event_the_article_reports() -> None:
    text = ("Hurricane Helene’s winds surged in strength as the storm churned over unusually warm waters in the Gulf "
            "of Mexico and closed in on the Florida Panhandle and southern Georgia on September 26, 2024.\n"
            "Aerial view of the Dali cargo vessel which crashed into the Francis Scott Key Bridge, causing it to "
            "collapse in Baltimore, Maryland, March 26, 2024.\n" + BODY)
    assert published(text).value == ""


def test_a_caption_date_needs_a_weekday_named_in_the_text() -> None:
    caption = "Prime Minister at a press conference in Jerusalem, Feb. 7, 2024. (Sam Sokol / Times of Israel)"
    assert published(f"{caption}\n{BODY}").value == ""
    field = published(f"{caption}\n{BODY} The talks ended on Thursday.")
    assert (field.value, field.confidence) == ("2024-02-08", "medium")
