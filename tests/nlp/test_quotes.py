"""Tests of quote finding and speaker attribution, on hand-written sentences and the seeds."""

from __future__ import annotations

import pytest

from lib.nlp.quote_marks import count_words, find_quote_spans
from lib.nlp.quotes import EXTRACTORS, extract_quotes


def quotes_of(nlp, text: str) -> list[dict]:
    return extract_quotes(nlp(text), doc_id="d")


def only_direct(rows: list[dict]) -> list[dict]:
    return [row for row in rows if row["kind"] == "direct"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” today.", ["we will win"]),
        ('She said "it is over" and left.', ["it is over"]),
        ("Gallant wrote: ''We discussed the war.''", ["We discussed the war."]),
        ("A headline warns of ‘collapse of negotiations’ now", ["collapse of negotiations"]),
        ("DM Gallant says 'military pressure works' again", ["military pressure works"]),
        ("Hamas’ fighters and the group's demands", []),
        ("The word ” appears alone here.", []),
        ('An empty pair "" is no quote.', []),
    ],
)
def test_find_quote_spans_marks(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == expected


def test_unbalanced_quote_closes_at_paragraph_end() -> None:
    text = "He said “this never ends. Then nothing.\n\nThe next paragraph is plain."
    [span] = find_quote_spans(text)
    assert text[span.start : span.end] == "this never ends. Then nothing."
    assert span.balanced is False


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "“First part of the statement.\n\n“Second part,” the statement read."
    [span] = find_quote_spans(text)
    assert text[span.start : span.end].startswith("First part")
    assert text[span.start : span.end].endswith("Second part")
    assert span.balanced


def test_new_opening_mark_closes_an_unclosed_quote() -> None:
    text = "He said “one thing and then “another thing” later."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["one thing and then", "another thing"]
    assert [s.balanced for s in spans] == [False, True]


def test_count_words_counts_hyphenated_once() -> None:
    assert count_words("The Hamas-run ministry’s cease-fire, 1,200 dead") == 6


def test_registry_names_the_table() -> None:
    assert set(EXTRACTORS) == {"quotes"}


def test_speaker_after_the_quote(nlp) -> None:
    [row] = quotes_of(nlp, "“We will win,” the spokesman said.")
    assert row["quote"] == "We will win"
    assert (row["kind"], row["verb"], row["speaker_category"], row["words"]) == (
        "direct", "say", "spokesperson", 3)


def test_inverted_said_with_named_speaker(nlp) -> None:
    text = '"It is over," said Yoav Gallant.'
    [row] = quotes_of(nlp, text)
    assert row["speaker_name"] == "Yoav Gallant"
    assert row["speaker_category"] == "person"
    assert text[row["speaker_name_start"] : row["speaker_name_end"]] == "Yoav Gallant"


def test_quote_spanning_sentences(nlp) -> None:
    [row] = quotes_of(nlp, "“One. Two. Three,” she said.")
    assert row["quote"] == "One. Two. Three"
    assert row["verb"] == "say"


def test_unbalanced_quote_does_not_crash(nlp) -> None:
    rows = only_direct(quotes_of(nlp, "He said “this never ends. Then nothing.\n\nThe next one."))
    assert [(r["quote"], r["balanced"]) for r in rows] == [("this never ends. Then nothing.", False)]


def test_stray_marks_give_no_quote(nlp) -> None:
    assert only_direct(quotes_of(nlp, "The word ” appears alone here, and so does “.")) == []


def test_multi_paragraph_statement_is_one_row_per_paragraph(nlp) -> None:
    first, second = quotes_of(nlp, "“First part of the statement.\n\n“Second part,” the statement read.")
    assert (first["quote"], second["quote"]) == ("First part of the statement.", "Second part")
    assert {row["speaker_category"] for row in (first, second)} == {"statement"}
    assert (first["how"], second["how"], second["verb"]) == ("continuation", "verb", "read")
    assert first["words"] + second["words"] == 7


def test_pronoun_resolves_to_the_person_named_before(nlp) -> None:
    [row] = quotes_of(nlp, "Yoav Gallant visited Washington on Monday. “We will win,” he said.")
    assert row["speaker"] == "he"
    assert row["speaker_name"] == "Yoav Gallant"
    assert row["speaker_category"] == "person"


def test_anonymous_official(nlp) -> None:
    [row] = quotes_of(nlp, "“No deal is possible,” an Israeli official said.")
    assert row["speaker_category"] == "anonymous official"
    assert row["speaker"] == "an Israeli official"


def test_possessed_speech_noun(nlp) -> None:
    text = "Hamas rejected the offer. Defense Minister Israel Katz’s warning that “you will pay” was read."
    [row] = only_direct(quotes_of(nlp, text))
    assert row["speaker_name"] == "Israel Katz"
    assert row["verb"] == "warning"


def test_reported_speech_with_that(nlp) -> None:
    [row] = quotes_of(nlp, "The minister said that the talks had failed.")
    assert (row["kind"], row["quote"], row["verb"], row["speaker"]) == (
        "reported", "the talks had failed", "say", "The minister")


def test_according_to(nlp) -> None:
    [row] = quotes_of(nlp, "According to the Hamas-run health ministry, 30 people died.")
    assert (row["kind"], row["verb"], row["quote"]) == ("reported", "according to", "30 people died")
    assert row["speaker"] == "the Hamas-run health ministry"


def test_rows_are_parquet_scalars(nlp) -> None:
    rows = quotes_of(nlp, "“Yes,” he said. The official said that talks failed.")
    for row in rows:
        assert all(v is None or isinstance(v, str | int | float | bool) for v in row.values())
        assert {"doc_id", "sent_index", "start", "end"} <= set(row)


def test_seed_quotes(seed_corpus) -> None:
    quotes = seed_corpus.table("quotes")
    outlets = seed_corpus.documents.set_index("doc_id")["outlet"]
    qanua = quotes[quotes["speaker_name"] == "Abdel Latif al-Qanua"]
    assert len(qanua) == 1
    row = qanua.iloc[0]
    assert outlets[row["doc_id"]] == "Ynetnews"
    assert row["speaker_category"] == "spokesperson"
    assert row["quote"].startswith("any proposal based on entering the second phase")
    gallant = quotes[quotes["speaker_name"].str.contains("Gallant") & (quotes["kind"] == "direct")]
    assert {outlets[d] for d in gallant["doc_id"]} >= {"All Israel News", "Anadolu Agency", ""}
    text = seed_corpus.documents.set_index("doc_id")["text"]
    for q in quotes.itertuples():
        assert text[q.doc_id][q.start : q.end] == q.quote
