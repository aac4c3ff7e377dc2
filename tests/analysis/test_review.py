"""The review queue and the not-counted table, on the seeds and on hand-built candidates."""

from __future__ import annotations

import pandas as pd

from lib.analysis import review
from lib.analysis.filters import Filters
from lib.nlp.corrections import Correction


def candidate(**values: str) -> pd.Series:
    return pd.Series({"kind": "merge", "entity": "Joe Biden", "other": "Joseph Biden", "label": "", **values})


def test_decisions_become_corrections() -> None:
    assert review.decide(candidate(), accept=True) == Correction("merge", "Joe Biden", "Joseph Biden")
    assert review.decide(candidate(), accept=False) == Correction("keep", "Joe Biden", "Joseph Biden")
    split = candidate(kind="split", entity="Benjamin Netanyahu", other="Binyamin Netanyahu")
    assert review.decide(split, accept=True) == Correction("split", "Benjamin Netanyahu", "Binyamin Netanyahu")
    label = candidate(kind="label", entity="Jaki Stitt", other="", label="PERSON")
    assert review.decide(label, accept=True) == Correction("relabel", "Jaki Stitt", label="PERSON")
    assert review.decide(label, accept=False) == Correction("keep", "Jaki Stitt", label="PERSON")


def test_answered_and_moot_candidates_leave_the_queue() -> None:
    row = candidate()
    assert review.is_decided(row, [Correction("keep", "Joseph Biden", "Joe Biden")])
    assert not review.is_decided(row, [Correction("keep", "Joe Biden", "Jill Biden")])
    assert review.is_moot(row, {"Joseph Biden": "PERSON"})  # Joe Biden merged away already
    assert review.is_moot(candidate(kind="label", other="", label="PERSON"), {"Joe Biden": "PERSON"})
    assert review.describe_candidate("label", "Jaki Stitt", "", "PERSON") == "Is “Jaki Stitt” a person?"


def test_seed_queue_and_not_counted(seed_corpus) -> None:
    queue = review.list_review_queue(seed_corpus, [])
    assert list(queue.columns) == review.QUEUE_COLUMNS
    assert set(queue["kind"]) <= {"merge", "split", "label"}
    not_counted = review.list_not_counted(seed_corpus, Filters(), [])
    reasons = dict(zip(not_counted["text"], not_counted["reason"], strict=True))
    assert reasons["Gallant's Washington"] == "trimmed: possessive glue"
    assert reasons["Defense"] == "title or name fragment"
    again = review.list_not_counted(seed_corpus, Filters(), [Correction("restore", "Defense")])
    assert "Defense" not in set(again["text"])


def test_merges_of_an_entity_say_their_rule(seed_corpus) -> None:
    merges = review.list_entity_merges(seed_corpus, "Yoav Gallant")
    assert merges.to_dict("records") == [{"alias": "Gallant", "rule": "surname in the same article",
                                          "evidence": "'Yoav Gallant' named in the article"}]
