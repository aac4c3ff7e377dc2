"""Names as compared: folding, titles, head words, junk and trimming, with real names."""

from __future__ import annotations

import pytest

from lib.nlp.entities.junk import is_headline_fragment, is_headline_line, junk_reason, trim_parts
from lib.nlp.entities.names import (
    fold,
    head_label,
    initials,
    initials_variants,
    is_only_titles,
    normalise_mention,
    split_title,
)


@pytest.mark.parametrize(
    "variants",
    [
        ("Itamar Ben-Gvir", "Itamar Ben Gvir", "ITAMAR BEN GVIR", "Itamar BenGvir"),
        ("António Guterres", "Antonio Guterres"),
        ("REUTERS", "Reuters"),
        ("U.S.", "US"),
        ("Abdel Latif al-Qanua", "Abdel Latif al Qanua", "Abdel Latif Al-Qanua"),
        ("O’Brien", "O'Brien", "OBrien"),
    ],
)
def test_variants_fold_alike(variants: tuple[str, ...]) -> None:
    assert len({fold(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("written", "title", "name"),
    [
        ("Councilmember Marcus Hale", "Councilmember", "Marcus Hale"),
        ("President Biden", "President", "Biden"),
        ("DM Gallant", "DM", "Gallant"),
        ("Gen. Mike Mullen", "Gen.", "Mike Mullen"),
        ("Master Sgt. Jesse Huneycutt", "Master Sgt.", "Jesse Huneycutt"),
        ("Cleric Abdul Rashid Ghazi", "Cleric", "Abdul Rashid Ghazi"),
        ("General Motors", "", "General Motors"),  # "General" alone is no title
        ("Prince Edward Island", "", "Prince Edward Island"),  # the rest has a head word: a place
        ("Air Force", "", "Air Force"),  # modifiers without a title
    ],
)
def test_split_title(written: str, title: str, name: str) -> None:
    assert split_title(written) == (title, name)


def test_only_titles() -> None:
    assert is_only_titles("Master Sgt") and is_only_titles("Prime Minister")
    assert not is_only_titles("Air Force") and not is_only_titles("Yoav Gallant")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Francis Scott Key Bridge", "FAC"),
        ("Charlotte-Douglas International Airport", "FAC"),
        ("Fort Liberty", "FAC"),
        ("Lal Masjid", "FAC"),
        ("Baltimore Harbor", "LOC"),
        ("Patapsco River", "LOC"),
        ("Hurricane Helene", "EVENT"),
        ("Tropical Storm Helene", "EVENT"),
        ("Department of Defense", "ORG"),
        ("Geological Survey of Bangladesh", "ORG"),
        ("South Gippsland Shire", "GPE"),
        ("Yoav Gallant", None),
        ("Bridge", None),  # a lone head word names nothing
    ],
)
def test_head_word_gives_the_label(name: str, label: str | None) -> None:
    assert head_label(name) == label


def test_initials() -> None:
    assert initials("Israel Defense Forces") == "IDF"
    assert initials("U.S. Army Corps of Engineers") == "USACE"
    assert initials_variants("Voice of America") == {"VA", "VOA"}
    assert initials("Hamas") == ""


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("National Hurricane Center (NHC", "National Hurricane Center"), ("Hamas’s", "Hamas"),
     ("the Gaza Strip", "Gaza Strip")],
)
def test_normalise_cuts_an_unclosed_bracket(surface: str, expected: str) -> None:
    assert normalise_mention(surface) == expected


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("japanese-aliav", "", "lower case"),
        ("2024", "", "number only"),
        ("Master Sgt", "", "title word"),
        ("Breaking News", "", "navigation word"),
        ("Download", "", "navigation word"),
        ("MUSIC", "", "transcript cue"),
        ("U.S. Army Photo", "", "photo credit"),
        ("VIRIN", "", "photo credit"),
        ("Charles Delano", "By Charles Delano", "byline"),
        ("Charles Delano", "Charles Delano said the generators arrived on Monday.", ""),
        # the line's shape alone drops nothing: the credit itself is found by lib/nlp/entities/credits.py
        ("Jaki Stitt", "(U.S. Army Photo by Spc. Jaki Stitt) see less", ""),
    ],
)
def test_junk_reason(name: str, line: str, reason: str) -> None:
    assert junk_reason(name, line) == reason


def test_trim_parts() -> None:
    assert trim_parts("Right.png Winnipeg") == [(10, "Winnipeg")]
    assert trim_parts("Gallant's Washington") == [(0, "Gallant"), (10, "Washington")]
    assert trim_parts("Photo By Jaki Stitt") == [(9, "Jaki Stitt")]
    known = frozenset({fold("Israel"), fold("Middle East")})
    assert trim_parts("Israel & the Middle East", known) == [(0, "Israel"), (9, "the Middle East")]
    assert trim_parts("Procter & Gamble", known) == [(0, "Procter & Gamble")]


def test_headline_fragments() -> None:
    assert is_headline_line("Radical Mosque Leader Vows to Die")
    assert not is_headline_line("Gallant met Blinken on Tuesday, officials said.")
    lower = frozenset({"votes", "arrive", "resources", "the", "dark", "nights"})
    assert is_headline_fragment(["Ontario Votes"], lower)
    assert is_headline_fragment(["Navy Resources Arrive"], lower)
    assert not is_headline_fragment(["Djibouti"], lower)
    assert not is_headline_fragment(["Carlos Mario Jimenez"], lower)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("Major General", "title word"), ("kebencian yang mengatasnamakan-Mu", "lower case"),
     ("CHINFONewsDesk@us.navy.mil", "email or web address"), ("Attribution-ShareAlike 2.0 Generic", "licence text"),
     ("Option nationale", ""), ("Air Force", ""), ("General Motors", "")],
)
def test_more_junk(name: str, reason: str) -> None:
    assert junk_reason(name, "") == reason


def test_a_rank_run_into_a_name_is_trimmed() -> None:
    assert trim_parts("U.S. Army Capt") == [(0, "U.S. Army")]
    assert trim_parts("Master Sgt") == [(0, "Master Sgt")]  # only titles: left whole, then not counted


def test_a_name_cut_after_a_small_word_loses_it() -> None:
    assert normalise_mention("Joint Chiefs of") == "Joint Chiefs"
    assert normalise_mention("Bank of America") == "Bank of America"
