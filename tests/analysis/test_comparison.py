"""Tests of distinctive terms between two groups of outlets, and of what is said about them in words."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lib.analysis import comparison, framing
from lib.analysis.comparison import REST, Side
from lib.analysis.filters import Filters


def counts(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame([(o, t, "lemma", c) for o, t, c in rows], columns=["outlet", "term", "kind", "count"])


def test_two_groups_match_the_formula() -> None:
    # alpha = [10, 10, 20], alpha0 = 40, n_a = n_b = 20.
    # truce: log(20 / 40) - log(10 / 50) = log 2.5; var = 1/20 + 1/10.
    table = counts([("A", "truce", 10), ("B", "war", 10), ("A", "deal", 10), ("B", "deal", 10)])
    scored = comparison.compare_groups(table, ["A"], ["B"], words_a=1000, words_b=2000).set_index("term")
    assert scored.loc["truce", "z"] == pytest.approx(math.log(2.5) / math.sqrt(0.15))
    assert scored.loc["war", "z"] == pytest.approx(-math.log(2.5) / math.sqrt(0.15))
    assert scored.loc["deal", "z"] == pytest.approx(0.0)
    assert scored.loc["truce", "per_1000_a"] == 10.0 and scored.loc["deal", "per_1000_b"] == 5.0
    assert list(scored.index) == ["truce", "deal", "war"]


def test_groups_sum_their_outlets_and_ignore_the_others() -> None:
    table = counts([("A", "truce", 3), ("C", "truce", 4), ("B", "truce", 1), ("D", "truce", 50)])
    scored = comparison.compare_groups(table, ["A", "C"], ["B"], words_a=10, words_b=10)
    assert scored[["count_a", "count_b", "total"]].values.tolist() == [[7, 1, 8]]


def test_terms_used_once_are_not_tested() -> None:
    scored = comparison.compare_groups(counts([("A", "truce", 1)]), ["A"], ["B"], words_a=10, words_b=10)
    assert scored.empty


def seed_view(corpus, by: str, group_a: str, group_b: str):
    filters = Filters()
    outlets = framing.describe_corpus_outlets(corpus, filters)
    return framing.compare_corpus_groups(corpus, filters, by, group_a, group_b,
                                         framing.count_corpus_terms(corpus, filters), outlets)


def test_nothing_passes_on_the_seeds_and_it_is_said(seed_corpus) -> None:
    result = seed_view(seed_corpus, "outlet", "All Israel News", REST)
    assert result.scored and result.passing_a == 0 and result.passing_b == 0
    assert result.verdict.startswith("No term passes |z| ≥ 1.96 between All Israel News and all the rest (3 outlets)")
    strongest = comparison.strongest_terms(result.terms)
    assert strongest.iloc[0]["term"] == "gaza city" and strongest.iloc[0]["z"] == pytest.approx(1.939, abs=1e-3)
    assert not strongest["passes"].any()
    assert result.notes[0] == ("All Israel News: 1 article: too few for significant term differences; its terms "
                               "describe this article's story, not a habit (at least 5 articles are needed).")


def test_groups_by_the_registry_country(seed_corpus) -> None:
    outlets = framing.describe_corpus_outlets(seed_corpus, Filters())
    assert comparison.list_groups(outlets, "country") == ["Israel", "Turkey"]
    assert comparison.list_versus(outlets, "country", "Israel") == [REST, "Turkey"]
    result = seed_view(seed_corpus, "country", "Israel", REST)
    assert result.a.outlets == ["All Israel News", "The Times of Israel", "Ynetnews"]
    assert result.b.outlets == ["Anadolu Agency"] and result.b.label == "all the rest (1 outlet)"
    assert (result.a.articles, result.b.articles) == (3, 1)
    assert result.passing_a + result.passing_b <= 0.05 * len(result.terms)
    if result.passing_a + result.passing_b:
        assert "Chance alone would let about" in result.verdict


def test_outlet_against_outlet(seed_corpus) -> None:
    result = seed_view(seed_corpus, "outlet", "Ynetnews", "The Times of Israel")
    assert result.a.outlets == ["Ynetnews"] and result.b.outlets == ["The Times of Israel"]
    assert set(result.terms["count_a"] + result.terms["count_b"]) == set(result.terms["total"])
    assert seed_view(seed_corpus, "outlet", "Ynetnews", "Ynetnews") is None


def test_too_little_text_gives_no_z() -> None:
    small = Side("Tiny", ["T"], 1, 80)
    big = Side("Big", ["B"], 20, 9000)
    result = comparison.compare_sides(counts([("T", "truce", 2), ("B", "truce", 9)]), small, big)
    assert not result.scored and result.terms["z"].isna().all()
    assert result.notes == ["Tiny: 80 words: too little text to score terms (at least 250 are needed)."]
    assert result.verdict.startswith("No z-scores")


def test_find_terms_is_a_substring_search_most_used_first() -> None:
    terms = pd.DataFrame({"term": ["hostage", "hostage deal", "truce", "Hostages"], "total": [5, 9, 3, 2]})
    assert comparison.find_terms(terms, "HOSTAGE") == ["hostage deal", "hostage", "Hostages"]
    assert comparison.find_terms(terms, " ") == [] and comparison.find_terms(terms, "zzz") == []


def test_thin_samples_are_named_with_their_n() -> None:
    from lib.analysis.samples import describe_thin

    tone = pd.DataFrame({"outlet": ["A", "B", "C"], "n_sentences": [40, 3, 9]})
    assert describe_thin(tone, "tone") == ("B (3 sentences), C (9 sentences): too few sentences to say an "
                                           "outlet's tone (at least 10 are needed); marked instead of drawn.")
    assert describe_thin(tone[tone["outlet"] == "A"], "tone") is None
    assert describe_thin(pd.DataFrame(), "speakers") is None
