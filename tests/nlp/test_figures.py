"""Tests of reported-figure extraction: value, hedge, kind, subject, claim holder and window."""

from __future__ import annotations

import pytest

from lib.nlp import figures
from lib.nlp.figures import extract_figures, parse_number


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,200"], 1200),
        (["27,000"], 27000),
        (["59"], 59),
        (["five"], 5),
        (["2.3", "million"], 2_300_000),
        (["Two", "hundred", "and", "twenty", "-", "seven"], 227),
        (["one", "thousand", "two", "hundred"], 1200),
        (["thousands"], None),
        (["a"], None),
    ],
)
def test_parse_number(words: list[str], value: float | None) -> None:
    assert parse_number(words) == value


def one(nlp, text: str) -> dict:
    rows = extract_figures(nlp(text), doc_id="d1")
    assert len(rows) == 1, rows
    return rows[0]


def test_windowed_toll_with_attribution(nlp) -> None:
    row = one(
        nlp,
        "According to the Hamas-run health ministry, more than 430 Palestinians have been killed in the past two days.",
    )
    assert (row["value"], row["qualifier"], row["kind"], row["subject"]) == (
        430.0,
        "more than",
        "killed",
        "Palestinians",
    )
    assert row["holder"] == "the Hamas-run health ministry"
    assert (row["window"], row["window_text"]) == ("windowed", "in the past two days")
    assert row["text"] == "more than 430"


def test_running_total_with_reporting_verb(nlp) -> None:
    row = one(nlp, "Israel says it has killed over 10,000 Hamas gunmen in Gaza.")
    assert (row["value"], row["qualifier"], row["subject"], row["holder"]) == (
        10000.0,
        "over",
        "Hamas gunmen",
        "Israel",
    )
    assert (row["window"], row["window_text"]) == ("cumulative", "")


def test_left_dead_and_number_words(nlp) -> None:
    row = one(nlp, "The war has left more than 27,000 Palestinians dead, according to the ministry.")
    assert (row["kind"], row["value"], row["holder"]) == ("killed", 27000.0, "the ministry")
    row = one(nlp, "Two hundred and twenty-seven IDF soldiers have been killed in Gaza.")
    assert (row["value"], row["subject"], row["holder"]) == (227.0, "IDF soldiers", "")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gunmen abducted 253 people from the festival.", "hostages taken"),
        ("The deal would free 1,500 prisoners.", "prisoners to be released"),
        ("Militants fired three rockets at the city.", "rockets"),
        ("Officials said 12 soldiers were wounded.", "injured"),
        ("About a fifth of the 132 remaining captives are dead.", "hostages held"),
    ],
)
def test_kinds(nlp, text: str, kind: str) -> None:
    assert one(nlp, text)["kind"] == kind


@pytest.mark.parametrize(
    "text",
    [
        "He has 3 children and 2 dogs.",
        "Fourteen countries voted in favour.",
        "The war, now in day 172, goes on.",
        "It has displaced 85% of the population.",
        "The 2023 budget was cut.",
        "Visit https://bit.ly/4eJ37pE for 5 tips.",
    ],
)
def test_numbers_that_count_nothing_tracked_are_skipped(nlp, text: str) -> None:
    assert extract_figures(nlp(text), doc_id="d1") == []


def test_the_active_subject_of_kill_is_not_a_death_toll(nlp) -> None:
    rows = extract_figures(nlp("Some 5 soldiers killed 3 militants."), doc_id="d1")
    assert [(row["value"], row["kind"], row["subject"]) for row in rows] == [(3.0, "killed", "militants")]


def test_since_makes_a_running_total(nlp) -> None:
    row = one(nlp, "More than 32,400 Palestinians have since been killed.")
    assert (row["window"], row["qualifier"]) == ("cumulative", "more than")


def test_registry() -> None:
    assert figures.EXTRACTORS == {"figures": extract_figures}


def test_seed_figures(seed_corpus) -> None:
    table = seed_corpus.table("figures")
    outlets = seed_corpus.documents.set_index("doc_id")["outlet"]
    table = table.assign(outlet=table["doc_id"].map(outlets))
    killed = table[(table["kind"] == "killed") & (table["subject"] == "Palestinians")]
    got = sorted(zip(killed["value"], killed["qualifier"], killed["window"], killed["outlet"], strict=True))
    assert got == [
        (430.0, "more than", "windowed", ""),
        (27000.0, "more than", "cumulative", "The Times of Israel"),
        (32400.0, "more than", "cumulative", "Anadolu Agency"),
        (49500.0, "more than", "cumulative", ""),
    ]
    abducted = table[table["value"].isin([251.0, 253.0])]
    assert set(abducted["kind"]) == {"hostages taken"}
    anadolu = table[(table["outlet"] == "Anadolu Agency") & (table["value"] == 1200.0)].iloc[0]
    assert (anadolu["qualifier"], anadolu["window_text"]) == ("less than", "Oct. 7")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # benchmark sentences, each counted by what it says
        ("Nine people are known to have lost their lives in flash floods that swept eastern Romania.",
         [("Nine", "killed")]),
        ("The disaster has claimed the lives of 14 people while three others are still missing.",
         [("14", "killed"), ("three", "missing")]),
        ("The Category 4 storm left over 22,000 dead and widespread devastation.", [("over 22,000", "killed")]),
        ("According to Burma’s state-controlled media, more than twenty-thousand people were killed and over "
         "forty-thousand others are still missing days after Cyclone Nargis tore through the Irrawaddy river "
         "delta region.", [("more than twenty-thousand", "killed"), ("over forty-thousand", "missing")]),
        ("The demonstrations have already killed six people [2], including one police officer, and injured "
         "dozens [3].", [("six", "killed"), ("one", "killed")]),
        ("The chase culminated in an exchange of gunfire, in which the seven individuals were fatally injured.",
         [("seven", "killed")]),
        ("However, in the backdrop of all of this economic promise is a fake news story about the Padma Bridge "
         "which has already led to eight arrests and two deaths.", [("eight", "arrested"), ("two", "killed")]),
        ("More than 50,000 people have to be evacuated.", [("More than 50,000", "displaced")]),
        ("All told — and we aren't quite done yet — eight people have died (three people are reported missing), "
         "nearly 10,000 people are being housed in shelters.",
         [("eight", "killed"), ("three", "missing"), ("nearly 10,000", "displaced")]),
        ("Experts said three million more people died of AIDS-related conditions.", [("three million", "killed")]),
        # deal terms are never tallies
        ("The deal would see the release of 33 hostages and 1,900 Palestinian prisoners.",
         [("33", "hostages to be released"), ("1,900", "prisoners to be released")]),
        ("Hamas released 24 hostages on Friday.", [("24", "hostages released")]),
    ],
)
def test_kinds_of_real_sentences(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    rows = extract_figures(nlp(text), doc_id="d1")
    assert [(row["text"], row["kind"]) for row in rows] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Israeli strike kills 12 in Gaza as talks stall",  # a related-link headline: no sentence punctuation
        "VOA60 America - Six workers missing after Baltimore bridge collapse presumed dead",
        "Palestinians inspect a house where 12 people were killed in an Israeli strike, in Gaza City, Jan. 15, 2025.",
    ],
)
def test_headlines_links_and_captions_give_no_figures(nlp, text: str) -> None:
    assert extract_figures(nlp(text + "\n\nThe talks went on."), doc_id="d1") == []


def test_claimant_scope_and_the_quotes_speaker(nlp) -> None:
    row = one(nlp, "The Hamas-run Health Ministry says Israel has killed more than 46,000 Palestinians since then.")
    assert (row["holder"], row["holder_name"], row["scope"]) == (
        "The Hamas-run Health Ministry", "Health Ministry", "Palestinians")
    row = one(nlp, "“We have 1,500 search and rescue personnel in the impacted areas, and 20 people were "
                   "injured,” Kevin Guthrie, Florida’s emergency management director, said Friday.")
    assert (row["value"], row["kind"], row["holder_name"]) == (20.0, "injured", "Kevin Guthrie")
