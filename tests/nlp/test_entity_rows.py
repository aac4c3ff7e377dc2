"""The entity passes read rows as plain lists, in the order pandas would give them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.nlp.entities.rows import iter_rows, sorted_by


def test_rows_are_the_values_itertuples_gives() -> None:
    frame = pd.DataFrame({"doc_id": ["a", "b", None], "start": [3, 1, 2], "flag": [True, False, True]})
    frame["doc_id"] = frame["doc_id"].astype("str")
    expected = [tuple(row) for row in frame[["doc_id", "start", "flag"]].itertuples(index=False)]
    found = list(iter_rows(frame, ("doc_id", "start", "flag")))
    assert [repr(row) for row in found] == [repr(row) for row in expected]
    assert type(found[0][1]) is int


@pytest.mark.parametrize("count", [5, 17, 300])
def test_ties_keep_the_order_sort_values_gives(count: int) -> None:
    rng = np.random.default_rng(count)
    frame = pd.DataFrame({"start": rng.integers(0, count // 3 + 1, count), "row": np.arange(count)})
    rows = frame["row"].tolist()
    assert sorted_by(rows, frame["start"].tolist()) == frame.sort_values("start")["row"].tolist()
