"""The global filters every view applies: outlets, a date range, undated articles, only the visitor's own."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from lib.records import UNKNOWN_OUTLET_LABEL, UPLOAD_PREFIX


@dataclass(frozen=True)
class Filters:
    """Which articles the views look at; empty outlets means every outlet."""

    outlets: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    include_undated: bool = True
    mine_only: bool = False
    """Only the visitor's own articles: the shared corpus is left out of every view."""
    copies_once: bool = True
    """Count a text copied by several outlets once, for its origin (off: each publisher counts its copy)."""


def label_outlet(outlet: object) -> str:
    """How views name an outlet: the unknown outlet ("") gets a visible label."""
    return outlet if isinstance(outlet, str) and outlet else UNKNOWN_OUTLET_LABEL


def outlet_labels(documents: pd.DataFrame) -> pd.Series:
    """Each article's outlet as shown to people ("(unknown outlet)" when not known)."""
    return documents["outlet"].fillna("").replace("", UNKNOWN_OUTLET_LABEL)


def is_upload(documents: pd.DataFrame) -> pd.Series:
    """Whether each article is one of the visitor's own (uploaded, pasted or fetched)."""
    return documents["file"].fillna("").str.startswith(UPLOAD_PREFIX)


def filter_masks(documents: pd.DataFrame, filters: Filters) -> dict[str, pd.Series]:
    """One mask per filter, True where the article passes it (all True when a filter is off)."""
    everything = pd.Series(True, index=documents.index)
    in_range, dated = everything, everything
    if filters.start or filters.end or not filters.include_undated:  # dates are parsed only when a filter reads them
        published = pd.to_datetime(documents["published"].replace("", None), errors="coerce").dt.date
        dated = published.notna()
        in_range = everything.copy()
        days = published[dated]  # compared only where there is a day: a column of no date at all is not one of days
        if len(days):
            if filters.start:
                in_range[days.index] &= days >= filters.start
            if filters.end:
                in_range[days.index] &= days <= filters.end
    return {
        "outlets": outlet_labels(documents).isin(filters.outlets) if filters.outlets else everything,
        "dates": in_range,
        "undated": dated | filters.include_undated,
        "shared corpus": is_upload(documents) if filters.mine_only else everything,
        "copies": documents["copy_representative"].fillna(True).astype(bool)
        if filters.copies_once and "copy_representative" in documents else everything,
    }


def passing_mask(documents: pd.DataFrame, filters: Filters) -> pd.Series:
    """True where an article passes every filter."""
    keep = pd.Series(True, index=documents.index)
    for mask in filter_masks(documents, filters).values():
        keep &= mask
    return keep


def select_doc_ids(documents: pd.DataFrame, filters: Filters) -> list[str]:
    """Ids of the articles passing the filters, in corpus order."""
    return documents.loc[passing_mask(documents, filters), "doc_id"].tolist()


def apply_filters(documents: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The articles passing the filters, as per-outlet measures count them: with "count copies
    once", the copy standing for a copied text is counted for the text's origin (an unknown
    origin leaves it without an outlet, so per-outlet measures leave it out and say so)."""
    passing = documents[passing_mask(documents, filters)]
    if not filters.copies_once or "copy_size" not in passing:
        return passing
    copied = passing["copy_size"].fillna(1).gt(1)
    if not copied.any():
        return passing
    passing = passing.copy()
    origin = passing.loc[copied, "copy_origin"].fillna("").astype(str)
    passing.loc[copied, "outlet"] = origin
    passing.loc[copied, "outlet_source"] = "origin of its copies: " + passing.loc[copied, "copy_origin_source"]
    return passing


def has_known_outlet(documents: pd.DataFrame) -> pd.Series:
    """Whether each article's outlet is known (articles without one are never compared as one outlet)."""
    return documents["outlet"].fillna("").astype(str).str.strip().ne("")


def select_outlet_documents(documents: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The articles passing the filters whose outlet is known: what per-outlet measures use."""
    passing = apply_filters(documents, filters)
    return passing[has_known_outlet(passing)]


def select_outlet_doc_ids(documents: pd.DataFrame, filters: Filters) -> list[str]:
    """Ids of the articles per-outlet measures use."""
    return select_outlet_documents(documents, filters)["doc_id"].tolist()


def count_unknown_outlet(documents: pd.DataFrame, filters: Filters) -> int:
    """How many articles passing the filters per-outlet measures leave out for want of an outlet."""
    passing = apply_filters(documents, filters)
    return int((~has_known_outlet(passing)).sum())


def count_hidden(documents: pd.DataFrame, filters: Filters) -> dict[str, int]:
    """How many articles each filter hides on its own (only filters that hide any)."""
    hidden = {name: int((~mask).sum()) for name, mask in filter_masks(documents, filters).items()}
    return {name: count for name, count in hidden.items() if count}


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


def narrow_outlets(filters: Filters, outlets: list[str] | tuple[str, ...]) -> Filters:
    """The filters kept to these outlets as well (as they are when none are given)."""
    if not outlets:
        return filters
    kept = tuple(o for o in outlets if not filters.outlets or o in filters.outlets)
    return replace(filters, outlets=kept or filters.outlets)
