"""The global filters: which articles pass, what each filter hides, articles without an outlet."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.analysis.filters import (
    Filters,
    count_hidden,
    count_unknown_outlet,
    select_doc_ids,
    select_outlet_doc_ids,
)


@pytest.fixture()
def documents() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "file": ["one.txt", "upload/two.txt", "three.txt", "upload/four.txt"],
        "outlet": ["Reuters", "", "BBC News", "Reuters"],
        "published": ["2024-01-01", "", "2024-05-01", "2025-01-01"],
    })


def test_every_article_passes_no_filter(documents) -> None:
    assert select_doc_ids(documents, Filters()) == ["a", "b", "c", "d"]
    assert count_hidden(documents, Filters()) == {}


def test_each_filter_says_how_many_it_hides(documents) -> None:
    chosen = Filters(outlets=("Reuters",), start=date(2024, 2, 1), end=date(2024, 12, 31), include_undated=False,
                     mine_only=True)
    assert count_hidden(documents, chosen) == {"outlets": 2, "dates": 2, "undated": 1, "shared corpus": 2}
    assert select_doc_ids(documents, chosen) == []


def test_only_my_articles_leaves_the_shared_corpus_out(documents) -> None:
    assert select_doc_ids(documents, Filters(mine_only=True)) == ["b", "d"]


def test_articles_without_an_outlet_are_left_out_of_per_outlet_measures(documents) -> None:
    assert select_outlet_doc_ids(documents, Filters()) == ["a", "c", "d"]
    assert count_unknown_outlet(documents, Filters()) == 1
    assert count_unknown_outlet(documents, Filters(outlets=("Reuters",))) == 0


def test_a_date_filter_on_a_corpus_without_any_date_keeps_the_undated_or_hides_them() -> None:
    undated = pd.DataFrame({"doc_id": ["a", "b"], "file": ["one.txt", "two.txt"], "outlet": ["Reuters", ""],
                            "published": ["", ""]})
    assert select_doc_ids(undated, Filters(start=date(2024, 2, 1), end=date(2024, 3, 1))) == ["a", "b"]
    assert select_doc_ids(undated, Filters(start=date(2024, 2, 1), include_undated=False)) == []
    assert count_hidden(undated, Filters(start=date(2024, 2, 1), include_undated=False)) == {"undated": 2}
