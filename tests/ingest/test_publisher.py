"""The publisher and the wire origin, evidence by evidence, and each refusal: an outlet the body cites
is never the publisher, nor is a wire credit, a photo agency or a masthead copied without the page's
own furniture. Lines are copied from the benchmark's pages."""

from __future__ import annotations

import pytest

from lib.ingest.articles import prepare_article
from lib.ingest.outlets import load_registry
from lib.records import RawArticle

BODY = (
    "Hurricane Helene made landfall late Thursday in Florida’s Big Bend region as a Category 4 hurricane, and "
    "its damaging effects were felt hundreds of miles away."
)


def article(text: str, sidecar: dict[str, str] | None = None, **fields: str):
    return prepare_article(RawArticle(file="a.txt", text=text, **fields), sidecar=sidecar or {},
                           registry=load_registry())


def test_the_sidecar_outranks_the_url_and_the_page() -> None:
    found = article(f"Support Global Voices\n{BODY}", {"outlet": "Reuters", "url": "https://www.voanews.com/a/1.html"})
    assert (found.outlet.value, found.outlet.source) == ("Reuters", "sidecar")


def test_html_metadata_names_the_site() -> None:
    found = article(BODY, outlet="Voice of America", origin="html", notes=(("outlet", "og:site_name"),),
                    url="https://www.voanews.com/a/3249999.html")
    assert (found.outlet.value, found.outlet.source) == ("Voice of America", "html metadata (og:site_name)")


@pytest.mark.parametrize(
    ("url", "outlet", "source", "confidence"),
    [
        ("https://www.voanews.com/a/3249999.html", "Voice of America", "url: voanews.com", "high"),
        ("https://www.defense.gov/News/Releases/Release/Article/3921723/statement/", "defense.gov",
         "url: defense.gov, not in registry", "medium"),
        ("https://www.dvidshub.net/news/482550/active-duty-troops", "Defense Visual Information Distribution Service",
         "url: dvidshub.net", "high"),
    ],
)
def test_the_urls_registered_domain(url, outlet, source, confidence) -> None:
    found = article(BODY, {"url": url})
    assert (found.outlet.value, found.outlet.source, found.outlet.confidence) == (outlet, source, confidence)


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Support Global Voices", 'text: donation "Support Global Voices"'),
        ("- Global Voices - https://globalvoices.org -",
         'text: masthead "- Global Voices - https://globalvoices.org -"'),
    ],
)
def test_the_pages_own_furniture_names_the_publisher(line: str, source: str) -> None:
    found = article(f"{line}\n\nDeadly police raids in Guinea as President Alpha Condé clings to power\n{BODY}")
    assert (found.outlet.value, found.outlet.source) == ("Global Voices", source)


def test_a_logo_and_a_repeated_masthead_name_an_unregistered_publisher() -> None:
    logo = article("Forgot Password?\nDefense Visual Information Distribution Service Logo\nKey Bridge Incident 2024\n"
                   + BODY)
    assert logo.outlet.value == "Defense Visual Information Distribution Service"
    masthead = article("U.S. Department of State\n" * 5 + f"Daily Press Briefing\n{BODY}")
    assert (masthead.outlet.value, masthead.outlet.confidence) == ("U.S. Department of State", "medium")


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister told Fox News on Sunday that the plan would go ahead.",
        "The storm killed 40 people, according to Reuters.",
        "CNN reported that the bridge would reopen in May.",
        "In an interview with Al Jazeera, the governor said help was coming.",
        "Hamas spokesman Abdel Latif al-Qanua said on Wednesday, Ynetnews reported.",
    ],
)
def test_an_outlet_the_body_cites_is_never_the_publisher(sentence: str) -> None:
    found = article(f"{BODY}\n{sentence}\n{BODY}")
    assert (found.outlet.value, found.wire.value) == ("", "")


def test_a_photo_agency_is_never_the_publisher() -> None:
    found = article(f"Hurricane Helene kills 40, produces ‘catastrophic flooding’\n\nBy NDT Bureau\n\n{BODY}\n\n"
                    "Credit : Voice of America (VOA), Photo Credit : Associated Press (AP)")
    assert found.outlet.value == ""
    assert (found.wire.value, found.wire.source) == (
        "Voice of America", 'text: credit "Credit : Voice of America (VOA), Photo Credit : Associated Press (AP)"',
    )


def test_a_wire_credit_alone_leaves_the_publisher_unknown() -> None:
    found = article(f"Hurricane Helene kills 40, produces 'catastrophic flooding'\n\nby · Voice of America\n\n{BODY}")
    assert (found.outlet.value, found.outlet.source) == ("", "wire credit Voice of America; publisher not stated")
    assert found.wire.value == "Voice of America"


def test_a_wire_credit_on_a_page_whose_site_is_known_is_its_wire_origin() -> None:
    found = article(f"Gaza ceasefire deal to pave way for Israeli hostage release\n\nby · Voice of America\n\n{BODY}",
                    {"url": "https://1375.topnews.com/en/?article=1764366149877887737"})
    assert (found.outlet.value, found.wire.value) == ("topnews.com", "Voice of America")


def test_a_dateline_credit_and_a_wire_copyright_give_the_wire_never_the_publisher() -> None:
    found = article(f"Skip to main content\nSubscribe\nMIAMI (AP) — {BODY}\n{BODY}\n"
                    "© 2024 The Associated Press. All rights reserved.")
    assert (found.outlet.value, found.wire.value) == ("", "Associated Press")


def test_a_masthead_copied_without_the_pages_own_furniture_is_only_a_credit() -> None:
    found = article(f"VOA NEWS\n\nJanuary 16, 2025\n\nI'm VOA's Joe Ramsey with your worldwide news update.\n{BODY}")
    assert (found.outlet.value, found.wire.value) == ("", "Voice of America")
    with_furniture = article(f"Contact Us\nAnadolu Agency MIDDLE EAST\nPublished March 26,2024\nSubscribe\n{BODY}")
    assert with_furniture.outlet.value == "Anadolu Agency"


def test_a_republished_page_names_its_origin() -> None:
    found = article(f"{BODY}\nRetrieved from “https://en.wikinews.org/w/index.php?title=Australia:_Mat_Morgan”")
    assert (found.outlet.value, found.wire.value) == ("", "wikinews.org")
    excerpt = article(f"{BODY}\nRead the full article on Global Voices Online here",
                      {"url": "https://www.balancingact-africa.com/news/telecoms-en/41835/mozambiques-president"})
    assert (excerpt.outlet.value, excerpt.wire.value) == ("balancingact-africa.com", "Global Voices")


def test_an_author_column_naming_a_wire_is_the_wire_origin() -> None:
    found = article(BODY, author="Reuters", origin="record", outlet="Yahoo News")
    assert (found.outlet.value, found.wire.value, found.wire.source) == ("Yahoo News", "Reuters",
                                                                         "record metadata author")
    assert found.author.value == ""
