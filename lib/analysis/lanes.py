"""Dates in lanes: resolved date expressions and publication dates per outlet and period, mentions over time."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from lib.analysis.dates import RESOLVED, parse_published, resolve_date_expression
from lib.analysis.filters import label_outlet
from lib.analysis.relative_dates import WEEKDAYS

GRANULARITIES = ("day", "week", "month")


def floor_period(values: pd.Series, granularity: str) -> pd.Series:
    """Return the first day of the day/week (Monday)/month each datetime falls in."""
    values = pd.to_datetime(values)
    if granularity == "month":
        return values.dt.to_period("M").dt.start_time
    if granularity == "week":
        return values.dt.normalize() - pd.to_timedelta(values.dt.day_of_week, unit="D")
    return values.dt.normalize()


# ---------------------------------------------------------------------------------------------
# Tables: events, publications, figures, mentions over time.

EVENT_COLUMNS = [
    "doc_id", "sent_index", "start", "end", "text", "source", "preceding", "tense", "outlet", "title",
    "published", "status", "date_start", "date_end", "granularity", "note",
]
"""A resolved date expression; its sentence (a last ``sentence`` column) only where asked for."""

DATE_COLUMNS = frozenset({"published", "date_start", "date_end", "latest_named_date", "window_start",
                          "window_end"})

COARSER = {"day": "week", "week": "month", "month": "month"}


def describe_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """doc_id, outlet label, title, published (datetime, NaT if undated), published_source."""
    frame = documents[["doc_id", "title", "published", "published_source"]].copy()
    frame["outlet"] = documents["outlet"].map(label_outlet)
    frame["published"] = pd.to_datetime(
        frame["published"].fillna("").str.slice(0, 10), format="%Y-%m-%d", errors="coerce"
    )
    return frame


RESOLVE_KEYS = ["text", "preceding", "tense", "published_raw"]


def _resolve_rows(keys: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for text, preceding, tense, published in keys.itertuples(index=False):
        resolution = resolve_date_expression(text, parse_published(published), preceding or "", tense or "")
        rows.append({
            "text": text, "preceding": preceding, "tense": tense, "published_raw": published,
            "status": resolution.status, "date_start": resolution.start,
            "date_end": resolution.end, "granularity": resolution.granularity,
            "note": resolution.note,
        })
    return pd.DataFrame(rows)


_BARE_WEEKDAY = re.compile(r"^(?:since\s+|on\s+|early\s+|late\s+)*(?P<day>" + "|".join(WEEKDAYS) + r")"
                           r"(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE)
_DATED_WEEKDAY = re.compile(r"^(?:on\s+)?(?P<day>" + "|".join(WEEKDAYS) + r")\b.*\d", re.IGNORECASE)
STATED_WEEKDAY_DAYS = 14
"""How far before a dated article a weekday the article itself writes with its date may lie."""


def apply_stated_weekdays(frame: pd.DataFrame) -> pd.DataFrame:
    """A bare weekday the article also writes with its full date ("on Thursday, September 12,
    2013" … "the toll since Thursday") is that day, when it lies within
    ``STATED_WEEKDAY_DAYS`` before the article's date. Undated articles are left alone."""
    stated = frame[(frame["status"] == RESOLVED) & (frame["granularity"] == "day")
                   & frame["text"].str.match(_DATED_WEEKDAY) & frame["published"].notna()]
    days: dict[tuple[str, str], pd.Timestamp] = {}
    for row in stated.itertuples(index=False):
        day = _DATED_WEEKDAY.match(row.text)["day"].lower()
        back = (row.published - row.date_start).days
        if row.date_start.day_name().lower() == day and 0 <= back <= STATED_WEEKDAY_DAYS:
            days[(row.doc_id, day)] = row.date_start
    if not days:
        return frame
    frame = frame.copy()
    for index, row in frame[frame["text"].str.match(_BARE_WEEKDAY)].iterrows():
        when = days.get((row["doc_id"], _BARE_WEEKDAY.match(row["text"])["day"].lower()))
        if when is None or row["tense"] == "future":
            continue
        since = row["granularity"] == "since"
        frame.loc[index, ["date_start", "date_end", "note"]] = [
            when, row["published"] if since else when, "the day the article writes with this weekday"]
    return frame


RESOLVED_COLUMNS = ["status", "date_start", "date_end", "granularity", "note"]
"""What resolving a date expression gives, stored per (doc_id, start) by ``resolve_expressions``."""


def _prepare_expressions(expressions: pd.DataFrame) -> pd.DataFrame:
    frame = expressions.copy()
    for column in ("preceding", "tense"):
        frame[column] = frame[column].fillna("") if column in frame else ""
    return frame


def resolve_expressions(expressions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Each stored date expression resolved against its article's published date and the tense
    of its clause (its columns, the article's outlet, title and date, and ``RESOLVED_COLUMNS``).

    Each distinct (text, preceding word, tense, article date) is resolved once; a bare weekday the
    article also writes with its date takes that date (``apply_stated_weekdays``). What an
    expression resolves to depends only on its own article, so any set of articles may be resolved
    at once and its rows picked later.
    """
    frame = _prepare_expressions(expressions)
    raw = documents[["doc_id", "published"]].rename(columns={"published": "published_raw"})
    frame = frame.merge(raw, on="doc_id", how="inner")
    frame["published_raw"] = frame["published_raw"].fillna("")
    resolved = _resolve_rows(frame[RESOLVE_KEYS].drop_duplicates())
    frame = frame.merge(resolved, on=RESOLVE_KEYS, how="left")
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    frame = frame.merge(describe_documents(documents)[["doc_id", "outlet", "title", "published"]],
                        on="doc_id", how="left")
    return apply_stated_weekdays(frame)


def _with_resolved(expressions: pd.DataFrame, documents: pd.DataFrame, resolved: pd.DataFrame) -> pd.DataFrame:
    frame = _prepare_expressions(expressions).merge(
        resolved[["doc_id", "start", *RESOLVED_COLUMNS]], on=["doc_id", "start"], how="inner")
    for column in ("status", "granularity", "note"):
        frame[column] = frame[column].astype(object)
    return frame.merge(describe_documents(documents)[["doc_id", "outlet", "title", "published"]],
                       on="doc_id", how="inner")


def resolve_events(
    expressions: pd.DataFrame, documents: pd.DataFrame, sentences: pd.DataFrame | None = None, *,
    resolved: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every stored date expression of the articles, resolved (``resolve_expressions``), with its
    outlet and title, and its sentence (stripped; "" if missing) when ``sentences`` (doc_id,
    sent_index, text) are given.

    One row per expression, kept even when it cannot be resolved (status says why).
    ``resolved``, when given, holds the resolutions already made for these articles (or more),
    per doc_id and start: they are looked up rather than made again.
    """
    columns = EVENT_COLUMNS + (["sentence"] if sentences is not None else [])
    if expressions.empty:
        return pd.DataFrame({
            name: pd.Series(dtype="datetime64[ns]" if name in DATE_COLUMNS else "object")
            for name in columns
        })
    if resolved is None:
        frame = resolve_expressions(expressions, documents)
    else:
        frame = _with_resolved(expressions, documents, resolved)
    if sentences is not None:
        text = sentences[["doc_id", "sent_index", "text"]].rename(columns={"text": "sentence"})
        frame = frame.merge(text, on=["doc_id", "sent_index"], how="left")
        frame["sentence"] = frame["sentence"].fillna("").str.strip()
    return frame[columns].sort_values(["doc_id", "start"], ignore_index=True)


def group_event_dates(events: pd.DataFrame, *, min_outlets: int = 1) -> pd.DataFrame:
    """Dates (or ranges) named in the text, with how many outlets and articles name each."""
    resolved = events[events["status"] == RESOLVED]
    columns = ["date_start", "date_end", "granularity", "outlets", "articles", "mentions",
               "outlet_names", "surfaces"]
    if resolved.empty:
        return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})
    keys = ["date_start", "date_end", "granularity"]
    grouped = resolved.groupby(keys, dropna=False).agg(
        outlets=("outlet", "nunique"), articles=("doc_id", "nunique"), mentions=("text", "size"),
    )
    for name, column in (("outlet_names", "outlet"), ("surfaces", "text")):
        distinct = resolved.drop_duplicates(keys + [column]).sort_values(column)
        grouped[name] = join_per_group(distinct, keys, column, sep="; ").to_numpy()
    grouped = grouped.reset_index()
    grouped = grouped[grouped["outlets"] >= min_outlets]
    return grouped.sort_values(["outlets", "mentions", "date_start"], ascending=[False, False, True],
                               ignore_index=True)[columns]


LANE_POINTS = 1000
"""Most points a lane chart draws; past it the chart moves to weeks, then months (at 10,000
articles, 2,000 points with their hover lists made the Timeline twice as slow to draw)."""


def _coarsen(frame: pd.DataFrame, *, time_column: str, groups: list[str], granularity: str,
             max_points: int) -> tuple[pd.DataFrame, str]:
    """Add a ``period`` column at the finest granularity that keeps points under max_points."""
    chosen = granularity
    while True:
        periods = floor_period(frame[time_column], chosen)
        count = len(frame.assign(period=periods)[groups + ["period"]].drop_duplicates())
        if count <= max_points or COARSER[chosen] == chosen:
            return frame.assign(period=periods), chosen
        chosen = COARSER[chosen]


def join_per_group(frame: pd.DataFrame, keys: list[str], column: str, *, sep: str,
                   limit: int | None = None) -> pd.Series:
    """A column's values per group of ``keys`` in the frame's order (at most ``limit``), joined by
    ``sep``; groups in sorted order, indexed as ``groupby(keys, dropna=False)`` indexes them.
    One join per group, without a pandas object per group (that took most of a lane's time)."""
    grouped = frame.groupby(keys, sort=True, dropna=False)
    codes = grouped.ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    values = frame[column].astype(str).to_numpy(dtype=object)[order]
    chunks = np.split(values, np.flatnonzero(np.diff(codes[order])) + 1) if len(values) else []
    return pd.Series([sep.join(chunk[:limit]) for chunk in chunks], index=grouped.size().index, dtype=object)


def _hover_lists(frame: pd.DataFrame, keys: list[str], *, limit: int = 5) -> pd.Series:
    """Per group, its first ``limit`` distinct ``line`` values joined by line breaks, and how
    many more there are."""
    lines = frame[keys + ["line"]].astype({"line": "str"}).drop_duplicates()
    shown = join_per_group(lines, keys, "line", sep="<br>", limit=limit)
    more = lines.groupby(keys, dropna=False).size() - limit
    note = np.where(more > 0, "<br>… and " + more.astype(str) + " more", "")
    return (shown + note).rename("hover")


def iso_days(values: pd.Series) -> pd.Series:
    """Each datetime as "YYYY-MM-DD" (missing where it is), converted at once rather than one by one."""
    days = pd.to_datetime(values).to_numpy(dtype="datetime64[D]").astype(str)
    return pd.Series(days, index=values.index, dtype=object).where(values.notna().to_numpy())


PREVIEW_CHARACTERS = 90
"""How much of its sentence an event's hover line quotes."""
Previews = Callable[[pd.DataFrame], pd.DataFrame]
"""Given rows' doc_id and sent_index, the ``preview`` of each such sentence (doc_id, sent_index,
preview): its stripped text's first ``PREVIEW_CHARACTERS`` characters."""


def _event_line_parts(resolved: pd.DataFrame) -> pd.DataFrame:
    """An event's hover line is head + preview + tail: "<b>text</b> → start…end: “preview…” (title)".
    Without the sentence, ``preview_id`` (equal where the previews are) stands in for the preview
    until the lines shown are written."""
    parts = resolved.assign(
        head="<b>" + resolved["text"] + "</b> → " + iso_days(resolved["date_start"])
        + ("…" + iso_days(resolved["date_end"])).fillna("") + ": “",
        tail="…” (" + resolved["title"].fillna("").str.slice(0, 50) + ")")
    if "preview_id" not in parts:
        parts["preview_id"] = parts["sentence"].fillna("").str.slice(0, PREVIEW_CHARACTERS)
    return parts[EVENT_POINT_INPUTS]


EVENT_POINT_INPUTS = ["doc_id", "sent_index", "outlet", "text", "date_start", "status", "head", "preview_id", "tail"]
HOVER_LINES = 5  # lines a point's hover lists, then how many more there are
LINE_KEYS = ["head", "preview_id", "tail"]


def _own_previews(rows: pd.DataFrame) -> pd.DataFrame:  # rows whose preview_id is the preview itself
    return rows[["doc_id", "sent_index"]].assign(preview=rows["preview_id"])


def _bucket_events(resolved: pd.DataFrame, granularity: str, max_points: int
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    """The expressions with their period, each point's distinct lines, the first ``HOVER_LINES``
    of them (whose previews are needed), and the granularity used."""
    frame, used = _coarsen(resolved, time_column="date_start", groups=["outlet"],
                           granularity=granularity, max_points=max_points)
    keys = ["outlet", "period"]
    distinct = frame.drop_duplicates(keys + LINE_KEYS)
    shown = distinct.groupby(keys, sort=False, dropna=False).head(HOVER_LINES)
    return frame, distinct, shown, used


def _event_points(frame: pd.DataFrame, distinct: pd.DataFrame, shown: pd.DataFrame, previews: pd.DataFrame,
                  used: str) -> tuple[pd.DataFrame, str]:
    keys = ["outlet", "period"]
    text = shown[["doc_id", "sent_index"]].astype({"sent_index": "int64"}).merge(
        previews[["doc_id", "sent_index", "preview"]].drop_duplicates(["doc_id", "sent_index"]),
        on=["doc_id", "sent_index"], how="left")["preview"].fillna("").to_numpy(dtype=object)
    lines = shown[keys].assign(line=shown["head"].to_numpy(dtype=object) + text + shown["tail"].to_numpy(dtype=object))
    more = distinct.groupby(keys, dropna=False).size() - HOVER_LINES
    note = np.where(more > 0, "<br>… and " + more.astype(str) + " more", "")
    hover = (join_per_group(lines, keys, "line", sep="<br>", limit=HOVER_LINES) + note).rename("hover")
    points = frame.groupby(keys).agg(mentions=("text", "size"), articles=("doc_id", "nunique")).join(
        hover).reset_index()
    points["key"] = f"event|{used}|" + points["outlet"] + "|" + iso_days(points["period"])
    return points, used


def event_points(
    events: pd.DataFrame, *, granularity: str = "day", max_points: int = LANE_POINTS,
    previews: Previews | None = None,
) -> tuple[pd.DataFrame, str]:
    """Resolved expressions bucketed per outlet and period of their start, for the event chart.

    Each point's hover lists its first ``HOVER_LINES`` distinct lines (expression, date, the start
    of its sentence, title). ``events`` either carry their ``sentence``, or a ``preview_id`` per
    row and ``previews`` fetches the previews of the lines shown, and of no others.
    """
    return event_lanes(events, previews=previews, max_points=max_points, granularities=(granularity,))[granularity]


def event_lanes(events: pd.DataFrame, *, max_points: int = LANE_POINTS, previews: Previews | None = None,
                granularities: tuple[str, ...] = GRANULARITIES) -> dict[str, tuple[pd.DataFrame, str]]:
    """``event_points`` at every granularity, each expression's hover line parts written once and
    the previews of every granularity's lines fetched at once."""
    resolved = events[events["status"] == RESOLVED]
    if resolved.empty:
        return {grain: (pd.DataFrame(columns=["outlet", "period", "mentions", "articles", "hover", "key"]), grain)
                for grain in granularities}
    resolved = _event_line_parts(resolved)
    buckets = {grain: _bucket_events(resolved, grain, max_points) for grain in granularities}
    shown = pd.concat([bucket[2] for bucket in buckets.values()])[["doc_id", "sent_index", "preview_id"]]
    fetched = (previews or _own_previews)(shown.drop_duplicates(["doc_id", "sent_index"]))
    fetched = fetched.astype({"doc_id": "str", "sent_index": "int64"})
    return {grain: _event_points(frame, distinct, lines, fetched, used)
            for grain, (frame, distinct, lines, used) in buckets.items()}


def publication_points(
    documents: pd.DataFrame, *, granularity: str = "day", max_points: int = LANE_POINTS
) -> tuple[pd.DataFrame, str]:
    """Dated articles bucketed per outlet and period; hover names titles and date provenance."""
    described = describe_documents(documents)
    dated = described[described["published"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=["outlet", "period", "articles", "hover", "key"]), granularity
    frame, used = _coarsen(dated, time_column="published", groups=["outlet"],
                           granularity=granularity, max_points=max_points)
    frame = frame.assign(line=frame["title"].fillna("").str.slice(0, 80) + " — date from "
                         + frame["published_source"].fillna("unknown"))
    points = frame.groupby(["outlet", "period"]).agg(articles=("doc_id", "size")).join(
        _hover_lists(frame, ["outlet", "period"])).reset_index()
    points["key"] = f"pub|{used}|" + points["outlet"] + "|" + iso_days(points["period"])
    return points, used


def latest_named_dates(events: pd.DataFrame) -> pd.DataFrame:
    """doc_id, latest_named_date: the latest single day each text names (a lower bound on when
    it was written)."""
    days = events[(events["status"] == RESOLVED) & (events["granularity"] == "day")]
    latest = days.groupby("doc_id")["date_end"].max().rename("latest_named_date").reset_index()
    return latest.astype({"latest_named_date": "datetime64[ns]"})


def list_undated_articles(documents: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Articles without a publication date, with the latest date their text names."""
    described = describe_documents(documents)
    if "file" in documents:  # an article without a title is named by its file, never left blank
        untitled = described["title"].fillna("").str.strip().eq("")
        described.loc[untitled, "title"] = "(untitled) " + documents.loc[untitled, "file"].astype(str)
    undated = described[described["published"].isna()].copy()
    undated = undated.merge(latest_named_dates(events), on="doc_id", how="left")
    undated["note"] = undated["latest_named_date"].map(
        lambda day: "no date in the text" if pd.isna(day) else f"written on or after {day:%Y-%m-%d}")
    return undated[["doc_id", "outlet", "title", "published_source", "latest_named_date", "note"]]


def list_sentence_dates(events: pd.DataFrame) -> pd.DataFrame:
    """The first resolved date (not a "since" range) named in each sentence."""
    dated = events[(events["status"] == RESOLVED) & (events["granularity"] != "since")]
    return dated.drop_duplicates(["doc_id", "sent_index"])[["doc_id", "sent_index", "date_start"]]


def count_mentions_over_time(
    mentions: pd.DataFrame, documents: pd.DataFrame, sentence_dates: pd.DataFrame,
    entities: tuple[str, ...], *, granularity: str = "month", basis: str = "article",
    max_points: int = 3000,
) -> pd.DataFrame:
    """Mentions of the chosen entities per outlet and period.

    ``basis`` "article" counts by article date; "event" by the first resolved date named in
    the mention's own sentence. Mentions that cannot be placed get period NaT (still counted).
    The granularity coarsens (column ``granularity``) if the points would exceed max_points.
    A ``count`` column, where given, says how many mentions each row stands for.
    """
    columns = ["doc_id", "sent_index", "entity", *(["count"] if "count" in mentions else [])]
    chosen = mentions[mentions["entity"].isin(entities)][columns]
    described = describe_documents(documents)[["doc_id", "outlet", "published"]]
    frame = chosen.merge(described, on="doc_id", how="inner")
    if basis == "event":
        frame = frame.merge(sentence_dates, on=["doc_id", "sent_index"], how="left")
        frame["when"] = frame["date_start"]
    else:
        frame["when"] = frame["published"]
    frame, used = _coarsen(frame, time_column="when", groups=["outlet", "entity"],
                           granularity=granularity, max_points=max_points)
    grouped = frame.groupby(["outlet", "entity", "period"], dropna=False)
    counts = grouped["count"].sum() if "count" in frame else grouped.size()
    counts = counts.rename("mentions").reset_index()
    counts["key"] = (f"mention|{used}|{basis}|" + counts["outlet"] + "|" + counts["entity"] + "|"
                     + counts["period"].dt.strftime("%Y-%m-%d").fillna(""))
    counts["granularity"] = used
    return counts.sort_values(["outlet", "entity", "period"], ignore_index=True)
