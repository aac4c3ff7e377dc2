"""The global filters every view applies: outlets, a date range, and whether undated articles count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib.records import UNKNOWN_OUTLET_LABEL


@dataclass(frozen=True)
class Filters:
    """Which articles the views look at; empty outlets means every outlet."""

    outlets: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    include_undated: bool = True


def label_outlet(outlet: object) -> str:
    """How views name an outlet: the unknown outlet ("") gets a visible label."""
    return outlet if isinstance(outlet, str) and outlet else UNKNOWN_OUTLET_LABEL


def outlet_labels(documents: pd.DataFrame) -> pd.Series:
    """Each article's outlet as shown to people ("(unknown outlet)" when not known)."""
    return documents["outlet"].fillna("").replace("", UNKNOWN_OUTLET_LABEL)


def select_doc_ids(documents: pd.DataFrame, filters: Filters) -> list[str]:
    """Ids of the articles passing the filters, in corpus order."""
    keep = pd.Series(True, index=documents.index)
    if filters.outlets:
        keep &= outlet_labels(documents).isin(filters.outlets)
    published = pd.to_datetime(documents["published"].replace("", None), errors="coerce").dt.date
    dated = published.notna()
    in_range = pd.Series(True, index=documents.index)
    if filters.start:
        in_range &= dated & (published >= filters.start)
    if filters.end:
        in_range &= dated & (published <= filters.end)
    keep &= (dated & in_range) | (~dated & filters.include_undated)
    return documents.loc[keep, "doc_id"].tolist()


def date_bounds(documents: pd.DataFrame) -> tuple[date | None, date | None]:
    """Earliest and latest publication date among dated articles."""
    published = pd.to_datetime(documents["published"].replace("", None), errors="coerce").dropna()
    if published.empty:
        return None, None
    return published.min().date(), published.max().date()


def describe_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Return doc_id, outlet (display label), published and title of each document."""
    frame = documents[["doc_id", "outlet", "published", "title"]].copy()
    frame["outlet"] = frame["outlet"].fillna("").map(label_outlet)
    frame["published"] = frame["published"].fillna("")
    frame["title"] = frame["title"].fillna("")
    return frame
