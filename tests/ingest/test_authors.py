"""Bylines and authors: the people a byline names without rank or honorific, and no author from a
byline that names only an outlet, a desk, a bureau or an office. Bylines are copied from the
benchmark's pages."""

from __future__ import annotations

import pytest

from lib.ingest.articles import prepare_article
from lib.ingest.bylines import person_name, read_byline, role_line
from lib.ingest.outlets import load_registry
from lib.records import RawArticle

BODY = "The vital supplies, including 48 pallets of Meals Ready to Eat and 24 pallets of water, were flown in."


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Tech. Sgt. Juan Paz, 145th Airlift Wing, North Carolina Air National Guard", ("Juan Paz",)),
        ("By Air Force Master Sgt. Erich B. Smith, National Guard Bureau", ("Erich B. Smith",)),
        ("By Lt. Col. Darrin Haas, Tennessee National Guard Public Affairs Office", ("Darrin Haas",)),
        ("• By Tech. Sgt. Juan Paz", ("Juan Paz",)),
        ("Posted by Steve Royster", ("Steve Royster",)),
        ("Story by Charles Delano", ("Charles Delano",)),
        ("Moran Azulay|", ("Moran Azulay",)),
        ("Reporting by Jane Doe and John Roe; Editing by Mark Smith", ("Jane Doe", "John Roe")),
        ("Jane Doe, Associated Press", ("Jane Doe",)),
        ("By Marine Le Pen", ("Marine Le Pen",)),  # a first name that is also a service is kept
    ],
)
def test_bylines_name_people_without_their_rank(registry, line, names) -> None:
    byline = read_byline(line, registry)
    assert byline is not None and byline.names == names


@pytest.mark.parametrize(
    ("line", "outlets"),
    [
        ("By NDT Bureau", ()),
        ("By DCMS-5", ()),
        ("By Staff Writer", ()),
        ("by · Voice of America", ("Voice of America",)),
        ("By VOA News", ("Voice of America",)),
    ],
)
def test_a_byline_naming_only_an_outlet_a_desk_or_an_office_names_no_one(registry, line, outlets) -> None:
    byline = read_byline(line, registry)
    assert byline is not None and byline.names == ()
    assert tuple(outlet.name for outlet in byline.outlets) == outlets


@pytest.mark.parametrize(
    "line",
    ["By the end of the year, prices rose.", "Sean McCormack, Spokesman", "Linda Gradstein, VOA News, Jerusalem."],
)
def test_lines_that_are_not_bylines(registry, line) -> None:
    assert read_byline(line, registry) is None


def test_a_person_and_their_office_is_a_stamp_not_a_byline() -> None:
    assert role_line("Sean McCormack, Spokesman")
    assert person_name("U.S. Department of State") == ""


def author(text: str, **fields: str):
    return prepare_article(RawArticle(file="a.txt", text=text, **fields), sidecar={}, registry=load_registry()).author


def test_the_byline_under_the_headline_is_the_author() -> None:
    field = author("North Carolina Guard Delivers Food, Water to Hurricane Victims\n\n"
                   "By Tech. Sgt. Juan Paz, 145th Airlift Wing, North Carolina Air National Guard\n\n" + BODY)
    assert (field.value, field.confidence) == ("Juan Paz", "medium")
    assert field.source.startswith('text: byline "By Tech. Sgt. Juan Paz')


def test_an_outlet_only_byline_gives_no_author() -> None:
    assert author(f"Hurricane Helene kills 40, produces ‘catastrophic flooding’\n\nBy NDT Bureau\n\n{BODY}").value == ""
    assert author(f"Key Bridge Response 2024: An Inside Look\n\nBy DCMS-5\n\n{BODY}").value == ""


def test_a_photo_byline_counts_only_on_the_photo_page_header() -> None:
    header = "Unified Command begins salvage operations\nBALTIMORE, MD, UNITED STATES\n03.30.2024\n"
    field = author(f"{header}Photo by Petty Officer 2nd Class Taylor Bacon\n{BODY}")
    assert (field.value, field.confidence) == ("Taylor Bacon", "low")
    later = author(f"Joint Effort to Clear Debris\n{BODY}\n{BODY}\nPhoto By: Coast Guard Petty Officer Kimberly Reave")
    assert later.value == ""


def test_an_author_column_naming_an_outlet_gives_no_author() -> None:
    assert author(BODY, author="Reuters", origin="record").value == ""
    field = author(BODY, author="By Jane Doe and John Roe", origin="record")
    assert (field.value, field.source) == ("Jane Doe, John Roe", "record metadata")
