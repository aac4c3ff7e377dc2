"""What is not counted, trimmed or made whole before entities are counted, with sentences from
real articles: photo credits, names cut short by the model, names run together, and spans that
name nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.nlp.entities import find_entities, names_written
from lib.nlp.entities.credits import find_credit_spans
from lib.nlp.entities.junk import choose_voter, junk_reason, trim_parts
from lib.nlp.entities.names import fold, is_only_titles
from lib.nlp.entities.spans import extend_mentions


def tag(text: str, *tagged: tuple[str, str], doc_id: str = "d1") -> pd.DataFrame:
    """Mentions the model tagged in one text: (surface, label), each at its first place after the last."""
    rows, position = [], 0
    for surface, label in tagged:
        start = text.index(surface, position)
        rows.append({"doc_id": doc_id, "sent_index": 0, "start": start, "end": start + len(surface),
                     "text": surface, "label": label})
        position = start + 1
    return pd.DataFrame(rows)


def credited(text: str) -> list[str]:
    return [text[start:end] for start, end in find_credit_spans(text)]


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Partners demonstrate our resilience. (U.S. Army photo by Spc. Sarah Horne)",
         "(U.S. Army photo by Spc. Sarah Horne)"),
        ("Rescue crews assist residents in Venice, Florida. (Venice Police Department via AP)",
         "(Venice Police Department via AP)"),
        ("A bridge under construction in Bangladesh. Image by Afzal Hossain via Wikimedia Commons. CC BY-SA 4.0",
         "Image by Afzal Hossain via Wikimedia Commons"),
        ("Photo taken in October, 2016. By Flickr user Cheng-en Cheng. License: Attribution-ShareAlike 2.0",
         "By Flickr user Cheng-en Cheng"),
        ("Mozambican police are frequently criticized for abuse. Screenshot from YouTube video by TVM Moçambique.",
         "Screenshot from YouTube video by TVM Moçambique"),
        ("This work, Unified Command begins salvage operations [Image 5 of 5], by PO2 Taylor Bacon, identified by",
         "Image 5 of 5], by PO2 Taylor Bacon"),
    ],
)
def test_a_photo_credit_in_the_text_is_found(text: str, credit: str) -> None:
    assert credited(text) == [credit]


@pytest.mark.parametrize(
    "text",
    [
        "The video below shows the level of damage and amount of floodwater on the first evening.",
        "Some used social media to share images of the “hell” they were living through.",
        "Another Twitter user, @FauziPewarisPG, wonders if this is a result of climate change:",
        "The council is to be restored with an election to be held via post from October 5-22, 2021.",
        "U.S. Prepared to Provide Additional $13 Million in Assistance via World Food Program",
    ],
)
def test_text_that_credits_no_picture_has_no_credit(text: str) -> None:
    assert credited(text) == []


def test_names_in_a_credit_are_not_counted_and_not_found_again() -> None:
    text = ("U.S. Army North moved troops to Asheville. The soldiers unloaded supplies. "
            "(U.S. Army photo by Spc. Sarah Horne)")
    mentions = tag(text, ("U.S. Army North", "ORG"), ("Asheville", "GPE"), ("Sarah Horne", "PERSON"))
    result = find_entities(mentions, {"d1": text}, pd.DataFrame(
        [{"doc_id": "d1", "sent_index": 0, "start": 0, "end": len(text), "text": text, "lemmas": ""}]))
    assert set(result.mentions["entity"]) == {"U.S. Army North", "Asheville"}
    assert result.not_counted.set_index("text").loc["Sarah Horne", "reason"] == "photo credit"
    # copies are still told apart by their photographers
    assert "Sarah Horne" in set(names_written(result)["text"])


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Twenty", "number only"),  # "Twenty five years ago…"
        ("Category 4", "scale or number"),  # "made landfall as a Category 4 hurricane"
        ("U.S. Army Soldiers", "people described, not named"),
        ("North Carolina Guardsman", "people described, not named"),
        ("Pro-Chavez", "stance word (pro- or anti-)"),  # "Pro-Chavez law student Lenin Sosa"
        ("Masi ngebom?astagfirullah", "run-on text"),
        ("Title 10", ""),
        ("Landsat 8", ""),
        ("One Hundred Tenth Congress", ""),
        ("Anti-Defamation League", ""),
        ("U.S. Army", ""),
    ],
)
def test_spans_that_name_nothing(name: str, reason: str) -> None:
    assert junk_reason(name, "") == reason


def test_a_hashtag_is_not_counted() -> None:
    text = "Ini soal Indonesiamu dan Indonesiaku. #prayForSolo"
    result = find_entities(tag(text, ("prayForSolo", "ORG")), {"d1": text}, rematch=False)
    assert result.mentions.empty and list(result.not_counted["reason"]) == ["hashtag or handle"]


def test_a_title_of_two_words_is_a_title() -> None:
    assert is_only_titles("Chargé d'Affaires")


@pytest.mark.parametrize(
    ("written", "known", "parts"),
    [
        ("You’re Duncan Campbell", (), [(7, "Duncan Campbell")]),
        ("HaleWikinews", ("Wikinews",), [(0, "Hale"), (4, "Wikinews")]),
        ("Left.pngHawkeye7Wikinews", ("Wikinews",), [(8, "Hawkeye7"), (16, "Wikinews")]),
        ("State Department Archive SitesU.S. Department of State", ("U.S. Department of State",),
         [(0, "State Department Archive Sites"), (30, "U.S. Department of State")]),
        ("MacArthur", ("Arthur",), [(0, "MacArthur")]),  # a name prefix, not two names
        ("YouTube", ("Wikinews",), [(0, "YouTube")]),
        ("USAID Administrator Fore", (), [(0, "USAID"), (20, "Fore")]),
        ("New York Governor Kathy Hochul", (), [(0, "New York"), (18, "Kathy Hochul")]),
        ("Martin Luther King Jr", (), [(0, "Martin Luther King Jr")]),
        ("Royal Prince Alfred Hospital", (), [(0, "Royal Prince Alfred Hospital")]),
    ],
)
def test_names_run_together_are_split(written: str, known: tuple[str, ...], parts: list[tuple[int, str]]) -> None:
    assert trim_parts(written, frozenset({fold("Placeholder"), *(fold(k) for k in known)})) == parts


def test_a_name_before_a_title_keeps_the_models_label() -> None:
    parts = trim_parts("USAID Administrator Fore", frozenset({fold("Placeholder")}))
    assert choose_voter("USAID Administrator Fore", parts, "ORG") == 0
    assert choose_voter("USAID Administrator Fore", parts, "PERSON") == 1


def extended(text: str, *tagged: tuple[str, str], known: tuple[str, ...] = (), lower: str = "") -> list[str]:
    frame, _ = extend_mentions(tag(text, *tagged), {"d1": text}, frozenset(lower.split()),
                               frozenset(fold(k) for k in known))
    return list(frame["text"])


def test_a_units_number_is_part_of_its_name() -> None:
    text = "Soldiers from the 82nd Combat Aviation Brigade, 82nd Airborne Division, and 20th Engineer Brigade moved."
    assert extended(text, ("Combat Aviation Brigade", "ORG"), ("82nd Airborne Division", "ORG"),
                    ("Engineer Brigade", "ORG")) == [
        "82nd Combat Aviation Brigade", "82nd Airborne Division", "20th Engineer Brigade"]


def test_a_name_cut_after_a_small_word_takes_the_rest() -> None:
    text = "The group is called the Internet Corporation for Assigned Names and Numbers, or ICANN."
    assert extended(text, ("the Internet Corporation for Assigned Names and", "ORG"), ("Numbers", "ORG"),
                    ("ICANN", "ORG")) == ["the Internet Corporation for Assigned Names and Numbers", "ICANN"]


def test_the_second_half_of_a_hyphenated_name_joins_it() -> None:
    text = "The Coastal-Promontory ward covers towns such as Venus Bay. An Arab-Israeli peace was signed."
    assert extended(text, ("Coastal", "ORG"), ("Venus Bay", "GPE"), ("Arab", "NORP"), known=("Israeli",)) == [
        "Coastal-Promontory", "Venus Bay", "Arab"]  # "Israeli" is a name of its own


def test_proper_words_beside_a_span_join_it() -> None:
    text = ("The radiometer on the NOAA-NASA Suomi NPP satellite has a low-light sensor. "
            "Secretary of Defense Lloyd J. Austin III has approved requests.")
    assert extended(text, ("NPP", "ORG"), ("Defense", "ORG"), ("J. Austin III", "PERSON"),
                    lower="the radiometer on satellite has") == [
        "NOAA-NASA Suomi NPP", "Defense", "Lloyd J. Austin III"]


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("Bush met leaders at the White House Tuesday to talk.", [("the White House", "ORG")]),  # a day
        ("Helene hit Florida's Big Bend area late Thursday.", [("Florida", "GPE"), ("Big Bend", "LOC")]),
        ("Hello, I'm Faith Lapidus. And I'm Steve Ember.", [("Faith Lapidus", "PERSON"), ("Steve Ember", "PERSON")]),
        ("Crews cleared the river in Baltimore Maryland on Friday.", [("Baltimore", "GPE"), ("Maryland", "GPE")]),
        ("Dark Nights In Georgia After Hurricane Helene", [("Georgia", "GPE")]),  # a title-case line
        ("Winnipeg? Duncan Campbell: Winnipeg, Manitoba.", [("Duncan Campbell", "PERSON")]),  # a sentence's start
    ],
)
def test_words_that_are_not_part_of_the_name_stay_out(text: str, tagged: list[tuple[str, str]]) -> None:
    assert extended(text, *tagged, lower="bush met leaders crews cleared hit area late") == [s for s, _ in tagged]


def test_a_common_word_opening_a_sentence_is_not_counted() -> None:
    text = ("Crews cleared wreckage from the Patapsco River. Debris and wreckage removal is on-going. "
            "The debris was taken to Sparrows Point.")
    result = find_entities(tag(text, ("the Patapsco River", "LOC"), ("Debris", "PERSON"), ("Sparrows Point", "GPE")),
                           {"d1": text}, rematch=False)
    assert set(result.mentions["entity"]) == {"Patapsco River", "Sparrows Point"}
    reason = result.not_counted.set_index("text").loc["Debris", "reason"]
    assert reason == "common word (capitalised only where it opens a sentence or line)"
