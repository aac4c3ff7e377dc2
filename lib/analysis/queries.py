"""What engine queries join: the articles passing the filters, each with its outlet as views count it."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.analysis.filters import Filters, apply_filters
from lib.records import UNKNOWN_OUTLET_LABEL

CHOSEN_COLUMNS = ["doc_id", "outlet", "known", "published", "title"]


def describe_chosen(documents: pd.DataFrame) -> pd.DataFrame:
    """doc_id, outlet (display label, as ``describe_documents`` gives it), known (an outlet is known),
    published and title of each article."""
    outlet = documents["outlet"].fillna("").astype(str)
    return pd.DataFrame({
        "doc_id": documents["doc_id"].to_numpy(),
        "outlet": outlet.where(outlet != "", UNKNOWN_OUTLET_LABEL).to_numpy(),
        "known": outlet.str.strip().ne("").to_numpy(),
        "published": documents["published"].fillna("").to_numpy(),
        "title": documents["title"].fillna("").to_numpy(),
    }, columns=CHOSEN_COLUMNS)


def select_chosen(documents: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The articles passing the filters as ``describe_chosen`` gives them (a copied text counted
    for its origin when copies count once): the relation ``chosen`` every view's query joins."""
    return describe_chosen(apply_filters(documents, filters))


def in_list(column: str, values: Iterable[str]) -> tuple[str, list[object]]:
    """An SQL condition keeping rows whose column is one of the values (all rows when none), and its parameter."""
    wanted = list(values)
    if not wanted:
        return "TRUE", []
    return f"list_contains(?::VARCHAR[], {column})", [wanted]


def limit(top: int | None) -> str:
    """An SQL LIMIT clause (none when top is None or 0)."""
    return f"LIMIT {int(top)}" if top else ""
