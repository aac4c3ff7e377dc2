"""On the benchmark's real articles (eval/corpus), the dashboard never gives a wrong outlet, a wrong
date, a date where the page states none, an author where there is no byline or a title where the
page shows none. One build per test session; it takes about a minute."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.score import WRONG, score_metadata
from eval.truth import CORPUS_DIR, load_truth
from lib.store.corpus import load_corpus

NEVER_WRONG = ("outlet", "date", "date where none stated", "author (no byline)", "title where none shown")


@pytest.fixture(scope="module")
def tallies(nlp, tmp_path_factory: pytest.TempPathFactory):
    corpus = load_corpus(CORPUS_DIR, cache_dir=Path(tmp_path_factory.mktemp("benchmark")), nlp=nlp)
    return score_metadata(load_truth(), corpus)


def test_every_benchmark_article_is_read(tallies) -> None:
    assert tallies["article read"].counts[WRONG] == 0
    assert tallies["outlet"].total == 107


@pytest.mark.parametrize("measure", NEVER_WRONG)
def test_nothing_is_wrong_on_the_benchmark(tallies, measure: str) -> None:
    assert tallies[measure].counts[WRONG] == 0, tallies[measure].errors
