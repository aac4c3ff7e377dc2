"""Rows of a frame as plain Python values: the entity passes loop over mentions one at a time, and
a column's ``tolist`` is many times faster than iterating pandas rows (Arrow-backed strings)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd


def iter_rows(frame: pd.DataFrame, columns: tuple[str, ...] | list[str]) -> Iterator[tuple]:
    """The frame's rows as tuples of the named columns, with the values ``itertuples`` gives."""
    return zip(*(frame[column].tolist() for column in columns), strict=True)


def sorted_by(items: list, keys: Sequence[int]) -> list:
    """The items in the order of their keys, ties as ``DataFrame.sort_values`` leaves them
    (it sorts with numpy's quicksort, which is not stable): the rules read spans in this order."""
    return [items[i] for i in np.asarray(keys, dtype=np.int64).argsort(kind="quicksort").tolist()]
