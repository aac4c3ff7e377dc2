"""CSV that a spreadsheet opens as text: every CSV the app writes goes through ``to_safe_csv``.

Following OWASP's advice on CSV injection, a text cell (or column name) that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with a single quote, so the
spreadsheet shows it instead of evaluating it; fields with separators, quotes or line breaks
are quoted by the CSV writer. Numbers stay numbers (a negative number is not text).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from pandas.api.types import is_object_dtype, is_string_dtype

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """A text value that would start a formula, prefixed with a single quote; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table with every formula-leading text cell and column name escaped."""
    safe = frame.copy()
    for column in safe.columns:
        if is_object_dtype(safe[column]) or is_string_dtype(safe[column]):
            safe[column] = safe[column].map(escape_cell)
    safe.columns = [escape_cell(str(column)) for column in safe.columns]
    return safe


def to_safe_csv(frame: pd.DataFrame) -> str:
    """The table as CSV text (no index), safe to open in a spreadsheet."""
    return escape_frame(frame).to_csv(index=False)


def to_safe_csv_parts(frames: Iterable[pd.DataFrame]) -> str:
    """Frames written one after the other as one safe CSV, the header once (the first frame's):
    a table read in parts is never held whole, only its text."""
    parts = [escape_frame(frame).to_csv(index=False, header=not number) for number, frame in enumerate(frames)]
    return "".join(parts) if parts else to_safe_csv(pd.DataFrame())
