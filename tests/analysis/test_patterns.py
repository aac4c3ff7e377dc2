"""Tests of search patterns: words, wildcards and regular expressions run by RE2, and what is refused."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.analysis import concordance
from lib.analysis.patterns import PatternError, compile_query


def sentences(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "d1", "sent_index": range(len(texts)), "text": list(texts),
                         "lemmas": [t.lower() for t in texts]})


def hits(query: str, mode: str, *texts: str) -> list[int]:
    return concordance.count_hits(compile_query(query, mode), sentences(*texts)).tolist()


def test_a_catastrophic_pattern_runs_in_linear_time() -> None:
    # Python's re backtracks exponentially here; RE2 answers in one pass.
    assert hits("(a+)+$", "regex", "a" * 50_000 + "b", "aaa") == [0, 1]


def test_anchors_mean_a_sentence_start_and_end() -> None:
    assert hits(r"^the \w+ said", "regex", "The minister said so.", "Then the minister said so.") == [1, 0]
    assert hits(r"talks\.$", "regex", "No talks.", "Talks. Then more.") == [1, 0]


def test_a_match_never_spans_two_sentences() -> None:
    assert hits(r"deal\s+talks", "regex", "A deal", "talks resumed") == [0, 0]


@pytest.mark.parametrize(("query", "reason"), [
    (r"(\w+) \1", "Back-references and look-arounds are not supported"),
    (r"hamas(?= said)", "Back-references and look-arounds are not supported"),
    ("(unclosed", "missing )"),
    ("a*", "matches empty text"),
])
def test_unusable_patterns_are_refused_with_a_reason(query: str, reason: str) -> None:
    with pytest.raises(PatternError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        compile_query(query, "regex")


def test_wildcards() -> None:
    assert hits("negotiat*", "wildcards", "Negotiations stalled", "negotiators met", "renegotiate") == [1, 1, 0]
    assert hits("wom?n", "wildcards", "women and a woman", "wmn") == [2, 0]
    with pytest.raises(PatternError, match="at least one letter"):
        compile_query("* ?", "wildcards")


def test_words_find_hyphen_variants_and_lemmas() -> None:
    frame = sentences("A cease-fire held.", "The ceasefire plan.", "Ceasefires fail.")
    frame["lemmas"] = ["a cease-fire hold .", "the ceasefire plan .", "ceasefire fail ."]
    assert concordance.count_hits(compile_query("ceasefire"), frame).tolist() == [1, 1, 1]


def test_empty_and_overlong_queries() -> None:
    assert compile_query("   ") is None
    with pytest.raises(PatternError, match="at most 300"):
        compile_query("a" * 301, "regex")
