"""Tests of the log-odds (informative Dirichlet prior) term comparison."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lib.analysis.terms import (
    compare_log_odds,
    compare_terms,
    decode_term,
    encode_term,
    find_term_sentences,
    list_term_options,
    top_terms,
)


def counts(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["outlet", "term", "count"])
    return frame.assign(kind="lemma")


def test_log_odds_matches_the_formula() -> None:
    table = counts([("A", "war", 10), ("A", "peace", 2), ("B", "war", 2), ("B", "peace", 10)])
    scored = compare_log_odds(table).set_index(["outlet", "term"])
    # prior a_w = corpus count: war 12, peace 12; a0 = 24; n_A = n_B = 12
    a, a0 = 12.0, 24.0
    delta = math.log((10 + a) / (12 + a0 - 10 - a)) - math.log((2 + a) / (12 + a0 - 2 - a))
    z = delta / math.sqrt(1 / (10 + a) + 1 / (2 + a))
    assert scored.loc[("A", "war"), "delta"] == pytest.approx(delta)
    assert scored.loc[("A", "war"), "z"] == pytest.approx(z)
    assert scored.loc[("B", "war"), "z"] == pytest.approx(-z)
    assert scored.loc[("A", "war"), "per_1000"] == pytest.approx(1000 * 10 / 12)


def test_equal_use_scores_zero_and_three_outlets_compare_to_the_rest() -> None:
    table = counts([("A", "talks", 5), ("B", "talks", 5), ("C", "talks", 5),
                    ("A", "hostage", 1), ("B", "hostage", 1), ("C", "hostage", 9)])
    scored = compare_log_odds(table).set_index(["outlet", "term"])
    even = compare_log_odds(counts([("A", "x", 4), ("B", "x", 4), ("A", "y", 2), ("B", "y", 2)]))
    assert even["z"].abs().max() == pytest.approx(0.0)
    assert scored.loc[("C", "hostage"), "z"] > 1.5
    assert scored.loc[("A", "hostage"), "z"] < 0
    assert scored.loc[("A", "hostage"), "z"] == pytest.approx(scored.loc[("B", "hostage"), "z"])


def test_rare_terms_and_single_outlet_give_nothing() -> None:
    assert compare_log_odds(counts([("A", "war", 1), ("B", "peace", 1)])).empty
    assert compare_log_odds(counts([("A", "war", 5)])).empty


def documents(words: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(words), "outlet": ["A", "B", ""][: len(words)],
                         "words": list(words.values())})


def test_compare_terms_flags_outlets_with_too_little_text() -> None:
    docs = documents({"d1": 400, "d2": 400, "d3": 20})
    sentences = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2", "d3"], "sent_index": [0, 1, 0, 0],
        "start": 0, "end": 1, "text": "",
        "lemmas": ["the war rage on", "war war", "peace talk resume", "war and peace"],
    })
    phrases = pd.DataFrame({"doc_id": ["d1", "d2"], "sent_index": [0, 0],
                            "phrase": ["military pressure", "military pressure"]})
    scored = compare_terms(sentences, phrases, docs, min_words=100)
    unknown = scored[scored["outlet"] == "(unknown outlet)"]
    assert not unknown["enough"].any() and unknown["z"].isna().all()
    assert set(scored["kind"]) == {"lemma", "phrase"}
    assert "the" not in set(scored["term"])
    top = top_terms(scored, per_outlet=1, min_count=2)
    assert top.set_index("outlet").loc["A", "term"] == "war"


def test_find_term_sentences_by_lemma_and_phrase() -> None:
    docs = documents({"d1": 10, "d2": 10})
    sentences = pd.DataFrame({"doc_id": ["d1", "d2"], "sent_index": [0, 0], "start": 0, "end": 1,
                              "text": ["Wars rage.", "Warsaw talks."],
                              "lemmas": ["war rage", "warsaw talk"]})
    phrases = pd.DataFrame({"doc_id": ["d2"], "sent_index": [0], "phrase": ["warsaw talk"]})
    assert find_term_sentences("war", "lemma", sentences, phrases, docs)["text"].tolist() == [
        "Wars rage."]
    found = find_term_sentences("warsaw talk", "phrase", sentences, phrases, docs)
    assert found[["outlet", "text"]].values.tolist() == [["B", "Warsaw talks."]]


def test_term_encoding_round_trips() -> None:
    value = encode_term("military pressure", "phrase")
    assert value == "military pressure (phrase)"
    assert decode_term(value) == ("phrase", "military pressure")
    assert decode_term("nonsense") is None and decode_term(None) is None
    top = pd.DataFrame({"term": ["war"], "kind": ["lemma"]})
    assert list_term_options(top, value) == [value, "war (lemma)"]
    assert list_term_options(top, "junk") == ["war (lemma)"]
    known = pd.DataFrame({"term": ["war", "military pressure"], "kind": ["lemma", "phrase"]})
    assert list_term_options(top, value, known=known) == [value, "war (lemma)"]
    assert list_term_options(top, "![x](https://evil.example/i.png) (lemma)", known=known) == ["war (lemma)"]


def test_seed_terms(seed_corpus) -> None:
    scored = compare_terms(seed_corpus.sentences, seed_corpus.table("noun_phrases"),
                           seed_corpus.documents)
    assert scored["enough"].all()
    assert set(scored["outlet"]) == {"All Israel News", "Ynetnews", "The Times of Israel",
                                     "Anadolu Agency", "(unknown outlet)"}
    unknown = scored[(scored["outlet"] == "(unknown outlet)") & (scored["term"] == "militant group")]
    assert unknown["z"].iloc[0] > 1.0
    pressure = scored[scored["term"] == "military pressure"].set_index("outlet")["count"]
    assert pressure["All Israel News"] == 3
