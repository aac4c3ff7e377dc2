"""Tests of the date-expression extractor: raw expressions only, never resolved dates."""

from __future__ import annotations

import pytest

from lib.nlp import events
from lib.nlp.events import extract_date_expressions


def texts(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(row["text"], row["source"], row["preceding"]) for row in extract_date_expressions(nlp(text), doc_id="d1")]


def test_rows_hold_the_expression_as_written_with_offsets(nlp) -> None:
    text = "Talks stalled. The ministry said on 12 March 2024 that talks would resume Tuesday."
    rows = extract_date_expressions(nlp(text), doc_id="d1")
    assert [row["text"] for row in rows] == ["12 March 2024", "Tuesday"]
    first = rows[0]
    assert text[first["start"] : first["end"]] == "12 March 2024"
    assert first["sent_index"] == 1
    assert first["preceding"] == "on"
    assert set(first) == {"doc_id", "sent_index", "start", "end", "text", "label", "source", "preceding", "tense"}
    assert [row["tense"] for row in rows] == ["past", "conditional"]
    assert all(isinstance(value, (str, int)) for value in first.values())


def test_since_is_kept_as_the_preceding_word(nlp) -> None:
    assert texts(nlp, "Fighting flared in March and since May has continued.") == [
        ("March", "ner", "in"),
        ("May", "ner", "since"),
    ]


def test_patterns_fill_what_the_ner_misses_without_duplicates(nlp) -> None:
    found = texts(nlp, "Officials met tonight and again overnight.")
    assert ("overnight", "pattern", "again") in found
    assert [text for text, _, _ in found].count("tonight") == 1


def test_time_entities_are_kept_only_when_they_name_a_day_or_span(nlp) -> None:
    found = [
        text for text, _, _ in texts(nlp, "The IDF said on Wednesday evening it had advanced over the past 24 hours.")
    ]
    assert "the past 24 hours" in found
    assert not any(text == "evening" for text in found)


@pytest.mark.parametrize("text", [
    "Troops march on Gaza.", "They may leave soon.", "A specialist cuts a tree limb in Augusta, Georgia.",
    "Aid arrived in Marchena.",
])
def test_month_names_used_as_words_are_not_dates(nlp, text: str) -> None:
    assert texts(nlp, text) == []


def test_registry() -> None:
    assert events.EXTRACTORS == {"date_expressions": extract_date_expressions}
    assert events.EXTRACTOR_VERSION == "3"


def test_seed_expressions_are_stored_raw(seed_corpus) -> None:
    table = seed_corpus.table("date_expressions")
    assert {"doc_id", "sent_index", "start", "end", "text", "source", "preceding"} <= set(table)
    assert "date_start" not in table
    unnamed = seed_corpus.documents.loc[seed_corpus.documents["outlet"] == "", "doc_id"].item()
    rows = table[table["doc_id"] == unnamed]
    assert "October 7, 2023" in set(rows["text"])
    assert rows.loc[rows["text"] == "January", "preceding"].tolist() == ["since"]
    text = seed_corpus.read_texts([unnamed])["text"].iloc[0]
    for row in rows.itertuples():
        assert text[row.start : row.end] == row.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # benchmark sentences: the clause's tense says which way a date lies
        ("President Bush says opposition demands to pull U.S. troops out of Iraq by October would embolden "
         "the enemy.", [("October", "by", "future")]),
        ("Heavy rainfall and tidal surges also continued on Monday and is reported to continue until Tuesday.",
         [("Monday", "on", "past"), ("Tuesday", "until", "present")]),
        ("The sky is clouding up, and opening like a wound, while menacing storms are once again forecast for "
         "the remainder of this week.", [("the remainder of this week", "for", "present")]),
        # a pattern that holds the model's entity whole replaces it ("August" → "11 August")
        ("According to the police, on the night of 11 August, officers pursued a car carrying the alleged gang "
         "members.", [("11 August", "of", "past")]),
    ],
)
def test_tense_and_span_of_real_sentences(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:
    rows = extract_date_expressions(nlp(text), doc_id="d1")
    assert [(row["text"], row["preceding"], row["tense"]) for row in rows] == expected
