"""The headline: the file's title without its site suffix, else the page's headline line found by
shape and position. Navigation, banners, section names, site names, dates and times are never titles.
Page headers are copied from the benchmark's pages."""

from __future__ import annotations

import pytest

from lib.ingest.articles import prepare_article
from lib.ingest.context import CorpusContext
from lib.ingest.header import is_title_like
from lib.ingest.outlets import load_registry
from lib.ingest.titles import strip_site_name
from lib.records import RawArticle

BODY = (
    "Clean drinking water is essential for preventing diseases and enjoying good health, and the World Health "
    "Organization says some 663 million people do not have access to safe water."
)


def title(text: str, *, context: CorpusContext | None = None, **fields: str):
    raw = RawArticle(file="a.txt", text=text, **fields)
    return prepare_article(raw, sidecar={}, registry=load_registry(), context=context).title


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "An official website of the United States government",
        "Accessibility links",
        "1:27 p.m. EST",
        "12:42 p.m. EDT",
        "Uncategorized",
        "Pages",
        "Tuesday, January 19, 2010",
        "7.09.2007",
        "VOASE0121_This Is America",
        "Maintenance window scheduled to begin at February 14th 2200 est. until 0400 est. February 15th",
        "Trafalgar Square, London - London 2012 - countdown clock.jpg",
        "READ TO LEARN. WRITING IS AWAY OF CREATING NEW KNOWLEDGE",
    ],
)
def test_navigation_banners_dates_and_times_are_never_titles(line: str) -> None:
    assert title(f"{line}\n{BODY}").value == ""


def test_the_headline_under_the_government_banner_and_above_the_byline() -> None:
    text = ("An official website of the United States government\n"
            "A .mil website belongs to an official U.S. Department of Defense organization in the United States.\n"
            "Home : News : Article View\nNEWS | Oct. 2, 2024\n\n"
            "North Carolina Guard Delivers Food, Water to Hurricane Victims\n\n"
            "By Tech. Sgt. Juan Paz, 145th Airlift Wing, North Carolina Air National Guard\n\n" + BODY)
    field = title(text)
    assert (field.value, field.source) == (
        "North Carolina Guard Delivers Food, Water to Hurricane Victims", "text: headline above the byline or date",
    )


@pytest.mark.parametrize(
    ("header", "headline"),
    [
        ("Health Report Learning\n\nTwo Studies Give a Lift to Running Barefoot\n\n02 February 2010",
         "Two Studies Give a Lift to Running Barefoot"),
        ("Accessibility links\n\nVOA Direct Programs\n\nWorld Water Day", "World Water Day"),
        ("Mission Support Blog\n\nKey Bridge Response 2024: An Inside Look from Three Response Team Members\n\n"
         "By DCMS-5\n\nPRINT  |  E-MAIL", "Key Bridge Response 2024: An Inside Look from Three Response Team Members"),
    ],
)
def test_a_section_name_above_the_headline_is_not_the_title(header: str, headline: str) -> None:
    assert title(f"{header}\n{BODY}").value == headline


def test_the_headline_above_a_spokesman_line_under_a_repeated_masthead() -> None:
    masthead = "U.S. Department of State\n" * 4
    text = (f"{masthead}Home Issues & Press Travel & Business Countries Youth & Education Careers About State Video\n"
            "Daily Press Briefing\nSean McCormack, Spokesman\nWashington, DC\nMay 7, 2008\n" + BODY)
    assert title(text).value == "Daily Press Briefing"


def test_a_headline_the_page_repeats_wins_over_an_infobox() -> None:
    text = ("September 3, 2012\n\nMedals awarded at final day of rowing at London Paralympics\n\n"
            "Medals awarded at final day of rowing at London Paralympics\n\n"
            "From Wikinews, the free news source you can write!\nJump to: navigation, search\n"
            "2012 Summer Paralympics\n\nMonday, September 3, 2012\n" + BODY)
    field = title(text)
    assert (field.value, field.source) == ("Medals awarded at final day of rowing at London Paralympics",
                                           "text: repeated headline")


def test_a_line_that_opens_many_unrelated_articles_is_the_sites_furniture() -> None:
    text = f"Wiki Actu en\n\nAugust 2, 2012\n\nQuebec election called for September\n{BODY}"
    assert title(text).value == "Wiki Actu en"  # read alone, a site name looks like a headline
    context = CorpusContext(opening_furniture=frozenset({"wiki actu en"}))
    assert title(text, context=context).value == "Quebec election called for September"


def test_a_caption_above_the_headline_is_skipped() -> None:
    text = ("Women check their phones at a bus stop displaying portraits of Israeli hostages taken by Hamas "
            "militants during their Oct. 7, 2023, terror attack on Israel, in Jerusalem, Jan. 15, 2025.\n\n"
            "Gaza ceasefire deal to pave way for Israeli hostage release, return of displaced Palestinians\n\n"
            "by · Voice of America\n\n" + BODY)
    assert title(text).value.startswith("Gaza ceasefire deal to pave way")


def test_a_page_without_a_headline_has_no_title() -> None:
    wrapped = ("The U.N. says it needs more than $300 million to assist the hardest hit\n"
               "victims of Cyclone Nargis in Burma. This brings its total appeal to the\n"
               "international community to more than $480 million since the storm\n")
    assert title(wrapped + BODY).value == ""
    assert title("VOA NEWS\n\nJanuary 16, 2025\n\nI'm VOA's Joe Ramsey with your worldwide news update.\n"
                 + BODY).value == ""


def test_a_file_title_loses_a_trailing_site_name() -> None:
    registry = load_registry()
    assert strip_site_name("Floods in Romania | Global Voices", ("Global Voices",), registry) == "Floods in Romania"
    assert strip_site_name("BBC News - Storm hits coast", (), registry) == "Storm hits coast"
    assert strip_site_name("Israel - Hamas talks resume", (), registry) == "Israel - Hamas talks resume"
    field = title(BODY, title="World Water Day | VOA", origin="html", notes=(("title", "<title>"),))
    assert (field.value, field.source) == ("World Water Day", "html metadata (<title>)")


def test_headline_shapes() -> None:
    assert is_title_like("Could Typhoons Help to Prevent Severe Quakes?")
    assert is_title_like("U.S. Ready To Help Burmese People")
    assert not is_title_like("The Padma Bridge is a multipurpose road-rail bridge across the mighty Padma River "
                             "under construction in Bangladesh. Image by Afzal Hossain via Wikimedia Commons.")
