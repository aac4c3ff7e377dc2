"""Reported figures placed in time, as series across outlets, and the pairs that disagree."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from lib.analysis.dates import RESOLVED, resolve_date_expression
from lib.analysis.lanes import DATE_COLUMNS, describe_documents, latest_named_dates

PLACED_FIGURE_COLUMNS = [
    "doc_id", "sent_index", "start", "end", "text", "value", "qualifier", "kind", "subject",
    "holder", "window", "window_text", "sentence", "title", "published", "published_source",
    "outlet", "subject_key", "series", "placement", "latest_named_date", "window_start",
    "window_end", "key",
]


GENERIC_SUBJECTS = frozenset({"", "people", "person", "persons", "individuals"})


def subject_key(subject: object) -> str:
    """Normalise who a figure counts; generic words ("people") become ""."""
    text = subject.lower().strip() if isinstance(subject, str) else ""
    return "" if text in GENERIC_SUBJECTS else text


def _resolve_window(text: str, published: object) -> tuple[object, object]:
    if not isinstance(text, str) or not text or text == "since":
        return pd.NaT, pd.NaT
    anchor = None if pd.isna(published) else published.date()
    resolution = resolve_date_expression(text, anchor, "")
    if resolution.status != RESOLVED:
        return pd.NaT, pd.NaT
    return pd.Timestamp(resolution.start), pd.Timestamp(resolution.end or resolution.start)


def _window_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """window_start/window_end for each row, resolving each distinct (text, date) once."""
    keys = frame[["window_text", "published"]].drop_duplicates()
    resolved = [_resolve_window(text, day) for text, day in keys.itertuples(index=False)]
    keys = keys.assign(window_start=pd.to_datetime([start for start, _ in resolved]),
                       window_end=pd.to_datetime([end for _, end in resolved]))
    return frame.merge(keys, on=["window_text", "published"], how="left")


def place_figures(figures: pd.DataFrame, documents: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Figures with their outlet, article date, series and (for windowed counts) window dates.

    An undated article's figures get ``placement`` "undated" and the latest date its text
    names, which bounds when it was written; they are never given a made-up date.
    """
    if figures.empty:
        return pd.DataFrame({
            name: pd.Series(dtype="datetime64[ns]" if name in DATE_COLUMNS else "object")
            for name in PLACED_FIGURE_COLUMNS
        })
    frame = figures.merge(describe_documents(documents), on="doc_id", how="inner")
    frame["subject_key"] = frame["subject"].map(subject_key)
    frame["series"] = (frame["kind"] + " · " + frame["subject_key"].replace("", "unspecified")
                       + " · " + frame["window"])
    frame["placement"] = np.where(frame["published"].isna(), "undated", "article date")
    frame = frame.merge(latest_named_dates(events), on="doc_id", how="left")
    frame["latest_named_date"] = frame["latest_named_date"].where(frame["published"].isna())
    frame = _window_dates(frame)
    frame["key"] = "fig|" + frame["doc_id"] + "|" + frame["start"].astype(str)
    frame = frame.sort_values(["kind", "published", "value"], ignore_index=True, na_position="last")
    return frame[PLACED_FIGURE_COLUMNS]


def select_kinds(frame: pd.DataFrame, kinds: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Rows of a figures table whose kind was chosen."""
    if frame.empty or "kind" not in frame:
        return frame
    return frame[frame["kind"].isin(list(kinds))]


def list_series(placed: pd.DataFrame, *, min_reports: int = 2) -> pd.DataFrame:
    """Running totals reported more than once, in order: dated by article date, undated last.

    ``change`` is the difference from the previous dated report in the same series.
    """
    if placed.empty:
        return placed.assign(change=pd.Series(dtype="float64"))
    cumulative = placed[placed["window"] == "cumulative"]
    sizes = cumulative.groupby("series")["doc_id"].transform("size")
    frame = cumulative[sizes >= min_reports].sort_values(
        ["series", "published", "value"], na_position="last", ignore_index=True
    )
    dated_values = frame["value"].where(frame["published"].notna())
    frame["change"] = dated_values - dated_values.groupby(frame["series"]).shift(1)
    return frame


def _times_compatible(a: pd.Series, b: pd.Series, *, window_days: int) -> str:
    """Return why two reports describe the same moment, or "" if they do not."""
    if a["window"] == "windowed":
        if pd.isna(a["window_start"]) or pd.isna(b["window_start"]):
            return "same kind of count; the window is not dated in at least one article"
        overlap = a["window_start"] <= b["window_end"] and b["window_start"] <= a["window_end"]
        return f"both count {a['window_start']:%Y-%m-%d}" if overlap else ""
    if pd.isna(a["published"]) or pd.isna(b["published"]):
        return "running total; at least one article is undated"
    gap = abs((a["published"] - b["published"]).days)
    return f"running totals published {gap} days apart" if gap <= window_days else ""


def _pair_row(a: pd.Series, b: pd.Series, reason: str) -> dict[str, object]:
    row: dict[str, object] = {"kind": a["kind"], "subject": a["subject_key"] or "unspecified",
                              "window": a["window"], "reason": reason}
    for side, figure in (("a", a), ("b", b)):
        for column in ("value", "qualifier", "outlet", "published", "holder", "sentence", "doc_id",
                       "key"):
            row[f"{column}_{side}"] = figure[column]
    return row


def _day_numbers(values: pd.Series) -> np.ndarray:
    """Days since the epoch as floats, NaN where there is no date."""
    stamps = pd.to_datetime(values)
    days = (stamps - pd.Timestamp("1970-01-01")).dt.days.astype("float64")
    return days.to_numpy(dtype="float64", na_value=np.nan)


def _candidate_pairs(
    block: pd.DataFrame, *, window_days: int, tolerance: float, chunk: int = 512
) -> Iterator[tuple[int, int]]:
    """Yield (i, j) row positions (block sorted by value) that look like one quantity, differing."""
    value = block["value"].to_numpy(dtype="float64")
    qualifier = pd.factorize(block["qualifier"].fillna(""))[0]
    outlet = pd.factorize(block["outlet"])[0]
    published = _day_numbers(block["published"])
    start, end = _day_numbers(block["window_start"]), _day_numbers(block["window_end"])
    windowed = block["window"].iloc[0] == "windowed"
    for first in range(0, len(block), chunk):
        rows = np.arange(first, min(first + chunk, len(block)))[:, None]
        last = int(np.searchsorted(value, value[rows[-1, 0]] * (1 + tolerance), side="right"))
        cols = np.arange(first, max(last, first + 1))[None, :]
        keep = (cols > rows) & (value[cols] <= value[rows] * (1 + tolerance))
        keep &= (value[cols] != value[rows]) | (qualifier[cols] != qualifier[rows])
        keep &= outlet[cols] != outlet[rows]
        if windowed:
            undated = np.isnan(start[rows]) | np.isnan(start[cols])
            keep &= undated | ((start[rows] <= end[cols]) & (start[cols] <= end[rows]))
        else:
            undated = np.isnan(published[rows]) | np.isnan(published[cols])
            keep &= undated | (np.abs(published[rows] - published[cols]) <= window_days)
        for i, j in zip(*np.nonzero(keep), strict=True):
            yield first + int(i), first + int(j)


def flag_discrepancies(
    placed: pd.DataFrame, *, window_days: int = 14, tolerance: float = 0.1, limit: int = 500
) -> pd.DataFrame:
    """Pairs of outlets reporting different values for what looks like the same quantity.

    Same kind, window type and (normalised) subject, values within ``tolerance`` of each other,
    and the same moment: the same dated window, running totals published within
    ``window_days``, or an undated side. "1,200" and "less than 1,200" differ by qualifier.
    At most ``limit`` pairs are returned.
    """
    rows: list[dict[str, object]] = []
    if placed.empty:
        return pd.DataFrame(rows)
    for _, block in placed.groupby(["kind", "window", "subject_key"]):
        block = block.sort_values("value", ignore_index=True)
        for i, j in _candidate_pairs(block, window_days=window_days, tolerance=tolerance):
            a, b = block.iloc[i], block.iloc[j]
            rows.append(_pair_row(a, b, _times_compatible(a, b, window_days=window_days)))
            if len(rows) >= limit:
                return pd.DataFrame(rows)
    return pd.DataFrame(rows)
