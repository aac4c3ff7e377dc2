"""Timeline analysis: resolve date expressions, place articles, events, figures and mentions in time."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from lib.filters import Filters, label_outlet, select_doc_ids

if TYPE_CHECKING:
    from lib.corpus import Corpus

RESOLVED = "resolved"
NEEDS_ANCHOR = "needs article date"
UNRESOLVED = "unresolved"

GRANULARITIES = ("day", "week", "month")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": 1, "last night": 1, "overnight": 1,
}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": None, "few": None, "a few": None,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:\s*,?\s*{_YEAR}\b)?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR}\b)?")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_YEAR = re.compile(rf"^{_MONTH}\s*,?\s*(?:of\s+)?{_YEAR}$")
_MONTH_ONLY = re.compile(rf"^{_MONTH}$")
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")
_WEEKDAY = re.compile(r"\b(?P<last>last\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")
_UNITS = r"(?P<unit>hour|day|week|month|year)s?"
_COUNT = r"(?P<count>\d+|" + "|".join(SMALL_NUMBERS) + r")"
_PAST_SPAN = re.compile(rf"^(?:the\s+)?(?:past|last|previous)\s+(?:{_COUNT}\s+)?{_UNITS}$")
_AGO = re.compile(rf"^{_COUNT}\s+{_UNITS}\s+ago$")
_THIS_LAST = re.compile(r"^(?P<which>this|last)\s+(?P<unit>week|month|year)$")
_DURATION = re.compile(rf"^(?:for\s+)?(?:about\s+|nearly\s+|almost\s+)?{_COUNT}\s+{_UNITS}$")
_WEEKEND = re.compile(r"^(?:the\s+|this\s+|last\s+|past\s+)?weekend$")
_VAGUE = re.compile(
    r"\b(?:recent|recently|coming|these days|nowadays|daily|weekly|monthly|annual|annually|"
    r"every|each|decades?|centuries|ages|long)\b"
)
_RELATIVE_TO_EVENT = re.compile(
    r"\b(?:earlier|later|before|after|previous|prior|following|next)\b"
)
_LEADING = re.compile(r"^(?:the|on|in|at|of|by|over|until|till|from|during|as of)\s+")
_PART = re.compile(r"^(?P<part>early|mid|late|earlier|later)[\s-]+")
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_DATE_WORDS = re.compile(
    r"\b(?:\d{4}|" + "|".join(MONTHS) + r"|" + "|".join(WEEKDAYS)
    + r"|yesterday|today|tonight|ago|weeks?|months?|years?|days?|hours?|weekends?)\b"
)


PROBE_BASES = (date(2001, 6, 15), date(2013, 2, 20))
"""Two unrelated base dates: an expression dateparser reads the same way from both needs no anchor."""


@dataclass(frozen=True)
class Resolution:
    """An expression resolved to an inclusive date range, or why it could not be."""

    start: date | None = None
    end: date | None = None
    granularity: str = ""
    status: str = UNRESOLVED
    note: str = ""


def _unresolved(note: str) -> Resolution:
    return Resolution(status=UNRESOLVED, note=note)


def _needs_anchor() -> Resolution:
    return Resolution(status=NEEDS_ANCHOR, note="relative to the article date, which is unknown")


def _resolved(start: date, end: date, granularity: str, note: str = "") -> Resolution:
    return Resolution(start=start, end=end, granularity=granularity, status=RESOLVED, note=note)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_not_after(month: int, day: int, anchor: date) -> date | None:
    """Return month/day in the latest year that keeps it on or before the anchor."""
    for year in range(anchor.year, anchor.year - 8, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= anchor:
            return candidate
    return None


def _day_of(match: re.Match[str], anchor: date | None) -> Resolution:
    month = MONTHS[match["month"]]
    day = int(match["day"])
    if match["year"]:
        try:
            when = date(int(match["year"]), month, day)
        except ValueError:
            return _unresolved("not a calendar date")
        return _resolved(when, when, "day")
    if anchor is None:
        return _needs_anchor()
    when = _year_not_after(month, day, anchor)
    if when is None:
        return _unresolved("not a calendar date")
    return _resolved(when, when, "day", "year taken from the article date")


def _month_range(year: int, month: int, part: str) -> tuple[date, date]:
    last = _month_end(year, month)
    if part == "early":
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part == "late":
        return date(year, month, 21), last
    return date(year, month, 1), last


def _resolve_month(month: int, anchor: date | None, part: str) -> Resolution:
    if anchor is None:
        return _needs_anchor()
    year = anchor.year if date(anchor.year, month, 1) <= anchor else anchor.year - 1
    start, end = _month_range(year, month, part)
    return _resolved(start, min(end, anchor), "month")


def _resolve_weekday(match: re.Match[str], anchor: date | None) -> Resolution:
    if anchor is None:
        return _needs_anchor()
    back = (anchor.weekday() - WEEKDAYS[match["weekday"]]) % 7
    if match["last"] and back == 0:
        back = 7
    when = anchor - timedelta(days=back)
    return _resolved(when, when, "day", "most recent such day not after the article date")


def _count(word: str | None) -> int | None:
    if word is None:
        return 1
    if word.isdigit():
        return int(word)
    return SMALL_NUMBERS.get(word)


def _shift(anchor: date, unit: str, count: int) -> date:
    if unit == "hour":
        return anchor - timedelta(days=max(1, round(count / 24)))
    if unit == "day":
        return anchor - timedelta(days=count)
    if unit == "week":
        return anchor - timedelta(weeks=count)
    months = anchor.year * 12 + anchor.month - 1 - (count * 12 if unit == "year" else count)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(anchor.day, calendar.monthrange(year, month + 1)[1]))


def _unit_range(when: date, unit: str) -> tuple[date, date]:
    if unit == "week":
        monday = when - timedelta(days=when.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return date(when.year, when.month, 1), _month_end(when.year, when.month)
    if unit == "year":
        return date(when.year, 1, 1), date(when.year, 12, 31)
    return when, when


def _resolve_relative(text: str, anchor: date | None) -> Resolution | None:
    """Resolve expressions that count back from the article date; None if not one of them."""
    if text in DAY_WORDS:
        if anchor is None:
            return _needs_anchor()
        when = anchor - timedelta(days=DAY_WORDS[text])
        return _resolved(when, when, "day")
    if match := _THIS_LAST.match(text):
        if anchor is None:
            return _needs_anchor()
        when = anchor if match["which"] == "this" else _shift(anchor, match["unit"], 1)
        start, end = _unit_range(when, match["unit"])
        return _resolved(start, min(end, anchor), match["unit"])
    if match := _PAST_SPAN.match(text):
        count = _count(match["count"])
        if count is None:
            return _unresolved("vague span")
        if anchor is None:
            return _needs_anchor()
        return _resolved(_shift(anchor, match["unit"], count), anchor, "range", "window up to the article date")
    if _WEEKEND.match(text):
        if anchor is None:
            return _needs_anchor()
        sunday = anchor - timedelta(days=(anchor.weekday() - 6) % 7)
        saturday = sunday - timedelta(days=1)
        return _resolved(saturday, min(sunday, anchor), "range", "most recent weekend")
    if match := _AGO.match(text):
        return _resolve_ago(match, anchor)
    if _DURATION.match(text):
        return _unresolved("a duration, not a date")
    return None


def _resolve_ago(match: re.Match[str], anchor: date | None) -> Resolution:
    import dateparser

    if anchor is None:
        return _needs_anchor()
    base = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(
        match.group(0), languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
    )
    count = _count(match["count"])
    when = parsed.date() if parsed else (_shift(anchor, match["unit"], count) if count else None)
    if when is None:
        return _unresolved("vague span")
    start, end = _unit_range(when, match["unit"])
    return _resolved(start, min(end, anchor), match["unit"] if start != end else "day")


def _normalise(text: str) -> tuple[str, str]:
    """Lower-case, drop leading prepositions/articles and a leading early/mid/late part."""
    cleaned = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:")
    cleaned = re.sub(r"(?<=\d),(?=\d{4})", ", ", cleaned)
    part = ""
    for _ in range(3):
        stripped = _LEADING.sub("", cleaned)
        if match := _PART.match(stripped):
            part = match["part"]
            stripped = stripped[match.end():]
        if stripped == cleaned:
            break
        cleaned = stripped
    if cleaned not in DAY_WORDS:
        cleaned = _TIME_OF_DAY.sub("", cleaned)
    return cleaned, part if part in {"early", "mid", "late"} else ""


def _resolve_absolute(text: str, anchor: date | None, part: str) -> Resolution | None:
    if match := _ISO.search(text):
        try:
            when = date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return _unresolved("not a calendar date")
        return _resolved(when, when, "day")
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.search(text):
            return _day_of(match, anchor)
    if match := _MONTH_YEAR.match(text):
        start, end = _month_range(int(match["year"]), MONTHS[match["month"]], part)
        return _resolved(start, end, "month")
    if match := _YEAR_ONLY.match(text):
        year = int(match["year"])
        return _resolved(date(year, 1, 1), date(year, 12, 31), "year")
    if match := _MONTH_ONLY.match(text):
        return _resolve_month(MONTHS[match["month"]], anchor, part)
    return None


def _resolve_plain(text: str, anchor: date | None, part: str) -> Resolution:
    if text in DAY_WORDS:
        return _resolve_relative(text, anchor) or _unresolved("not understood")
    if not _DATE_WORDS.search(text):
        return _unresolved("no calendar date in the expression")
    absolute = _resolve_absolute(text, anchor, part)
    if absolute is not None:
        return absolute
    relative = _resolve_relative(text, anchor)
    if relative is not None:
        return relative
    if _VAGUE.search(text):
        return _unresolved("vague period")
    if _RELATIVE_TO_EVENT.search(text):
        return _unresolved("relative to another event, not to the article date")
    if match := _WEEKDAY.search(text):
        return _resolve_weekday(match, anchor)
    return _resolve_with_dateparser(text, anchor)


@lru_cache(maxsize=20_000)
def _dateparser_answer(text: str, base: date) -> tuple[date, str] | None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
    })
    data = parser.get_date_data(text)
    return None if data.date_obj is None else (data.date_obj.date(), data.period or "day")


def _resolve_with_dateparser(text: str, anchor: date | None) -> Resolution:
    """Fall back to dateparser; an answer that moves with the base date needs an anchor."""
    probes = [_dateparser_answer(text, base) for base in PROBE_BASES]
    if probes[0] is None or probes[1] is None:
        return _unresolved("not understood")
    if anchor is None:
        if probes[0] != probes[1]:
            return _needs_anchor()
        answer = probes[0]
    else:
        answer = _dateparser_answer(text, anchor) if probes[0] != probes[1] else probes[0]
    if answer is None:
        return _unresolved("not understood")
    start, end = _unit_range(*answer)
    return _resolved(start, end, answer[1])


@lru_cache(maxsize=100_000)
def resolve_date_expression(text: str, anchor: date | None, preceding: str = "") -> Resolution:
    """Resolve a date expression as written against the article's own date.

    ``preceding`` is the word before the expression; "since" turns the result into a range
    that runs up to the article date. Weekdays resolve to the most recent such day on or
    before the anchor, a year-less date takes the latest year that keeps it on or before the
    anchor, and spans ("last week", "six weeks ago", "in March") become ranges. Without an
    anchor, anything that needs one is reported as such rather than guessed.
    """
    cleaned, part = _normalise(text)
    since = preceding.lower() == "since" or cleaned.startswith("since ")
    cleaned = cleaned.removeprefix("since ").strip()
    resolution = _resolve_plain(cleaned, anchor, part)
    if not since or resolution.status != RESOLVED or resolution.start is None:
        return resolution
    if anchor is None:
        return Resolution(
            resolution.start, None, "since", RESOLVED, "open-ended: the article date is unknown"
        )
    return _resolved(resolution.start, max(anchor, resolution.start), "since", "up to the article date")


def parse_published(value: object) -> date | None:
    """Return a documents.published value ("YYYY-MM-DD" or "") as a date, None if unknown."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
    "doc_id", "sent_index", "start", "end", "text", "source", "preceding", "outlet", "title",
    "published", "status", "date_start", "date_end", "granularity", "note", "sentence",
]
PLACED_FIGURE_COLUMNS = [
    "doc_id", "sent_index", "start", "end", "text", "value", "qualifier", "kind", "subject",
    "holder", "window", "window_text", "sentence", "title", "published", "published_source",
    "outlet", "subject_key", "series", "placement", "latest_named_date", "window_start",
    "window_end", "key",
]
DATE_COLUMNS = frozenset({"published", "date_start", "date_end", "latest_named_date", "window_start",
                          "window_end"})
GENERIC_SUBJECTS = frozenset({"", "people", "person", "persons", "individuals"})
COARSER = {"day": "week", "week": "month", "month": "month"}


def describe_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """doc_id, outlet label, title, published (datetime, NaT if undated), published_source."""
    frame = documents[["doc_id", "title", "published", "published_source"]].copy()
    frame["outlet"] = documents["outlet"].map(label_outlet)
    frame["published"] = pd.to_datetime(
        frame["published"].fillna("").str.slice(0, 10), format="%Y-%m-%d", errors="coerce"
    )
    return frame


def _resolve_rows(keys: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for text, preceding, published in keys.itertuples(index=False):
        resolution = resolve_date_expression(text, parse_published(published), preceding or "")
        rows.append({
            "text": text, "preceding": preceding, "published_raw": published,
            "status": resolution.status, "date_start": resolution.start,
            "date_end": resolution.end, "granularity": resolution.granularity,
            "note": resolution.note,
        })
    return pd.DataFrame(rows)


def resolve_events(
    expressions: pd.DataFrame, documents: pd.DataFrame, sentences: pd.DataFrame
) -> pd.DataFrame:
    """Resolve every stored date expression against its article's published date.

    One row per expression, kept even when it cannot be resolved (status says why). Each
    distinct (text, preceding word, article date) is resolved once.
    """
    if expressions.empty:
        return pd.DataFrame({
            name: pd.Series(dtype="datetime64[ns]" if name in DATE_COLUMNS else "object")
            for name in EVENT_COLUMNS
        })
    frame = expressions.copy()
    if "preceding" not in frame:
        frame["preceding"] = ""
    frame["preceding"] = frame["preceding"].fillna("")
    raw = documents[["doc_id", "published"]].rename(columns={"published": "published_raw"})
    frame = frame.merge(raw, on="doc_id", how="inner")
    frame["published_raw"] = frame["published_raw"].fillna("")
    resolved = _resolve_rows(frame[["text", "preceding", "published_raw"]].drop_duplicates())
    frame = frame.merge(resolved, on=["text", "preceding", "published_raw"], how="left")
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    frame = frame.merge(describe_documents(documents)[["doc_id", "outlet", "title", "published"]],
                        on="doc_id", how="left")
    text = sentences[["doc_id", "sent_index", "text"]].rename(columns={"text": "sentence"})
    frame = frame.merge(text, on=["doc_id", "sent_index"], how="left")
    frame["sentence"] = frame["sentence"].fillna("").str.strip()
    return frame[EVENT_COLUMNS].sort_values(["doc_id", "start"], ignore_index=True)


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
        grouped[name] = distinct.groupby(keys, dropna=False)[column].agg("; ".join)
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


def _hover_list(values: pd.Series, *, limit: int = 5) -> str:
    items = list(dict.fromkeys(str(value) for value in values))
    more = f"<br>… and {len(items) - limit} more" if len(items) > limit else ""
    return "<br>".join(items[:limit]) + more


def event_points(
    events: pd.DataFrame, *, granularity: str = "day", max_points: int = LANE_POINTS
) -> tuple[pd.DataFrame, str]:
    """Resolved expressions bucketed per outlet and period of their start, for the event chart."""
    resolved = events[events["status"] == RESOLVED]
    if resolved.empty:
        return pd.DataFrame(columns=["outlet", "period", "mentions", "articles", "hover", "key"]), granularity
    frame, used = _coarsen(resolved, time_column="date_start", groups=["outlet"],
                           granularity=granularity, max_points=max_points)
    frame = frame.assign(
        line="<b>" + frame["text"] + "</b> → " + frame["date_start"].dt.strftime("%Y-%m-%d")
        + frame["date_end"].dt.strftime("…%Y-%m-%d").fillna("")
        + ": “" + frame["sentence"].fillna("").str.slice(0, 90) + "…” ("
        + frame["title"].fillna("").str.slice(0, 50) + ")"
    )
    points = frame.groupby(["outlet", "period"]).agg(
        mentions=("text", "size"), articles=("doc_id", "nunique"), hover=("line", _hover_list),
    ).reset_index()
    points["key"] = f"event|{used}|" + points["outlet"] + "|" + points["period"].dt.strftime("%Y-%m-%d")
    return points, used


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
    points = frame.groupby(["outlet", "period"]).agg(
        articles=("doc_id", "size"), hover=("line", _hover_list),
    ).reset_index()
    points["key"] = f"pub|{used}|" + points["outlet"] + "|" + points["period"].dt.strftime("%Y-%m-%d")
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
    undated = described[described["published"].isna()].copy()
    undated = undated.merge(latest_named_dates(events), on="doc_id", how="left")
    undated["note"] = undated["latest_named_date"].map(
        lambda day: "no date in the text" if pd.isna(day)
        else f"written on or after {day:%Y-%m-%d} (latest date its text names)"
    )
    return undated[["doc_id", "outlet", "title", "published_source", "latest_named_date", "note"]]


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
    """
    chosen = mentions[mentions["entity"].isin(entities)][["doc_id", "sent_index", "entity"]]
    described = describe_documents(documents)[["doc_id", "outlet", "published"]]
    frame = chosen.merge(described, on="doc_id", how="inner")
    if basis == "event":
        frame = frame.merge(sentence_dates, on=["doc_id", "sent_index"], how="left")
        frame["when"] = frame["date_start"]
    else:
        frame["when"] = frame["published"]
    frame, used = _coarsen(frame, time_column="when", groups=["outlet", "entity"],
                           granularity=granularity, max_points=max_points)
    counts = frame.groupby(["outlet", "entity", "period"], dropna=False).size()
    counts = counts.rename("mentions").reset_index()
    counts["key"] = (f"mention|{used}|{basis}|" + counts["outlet"] + "|" + counts["entity"] + "|"
                     + counts["period"].dt.strftime("%Y-%m-%d").fillna(""))
    counts["granularity"] = used
    return counts.sort_values(["outlet", "entity", "period"], ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Views over a corpus and the global filters (what the page calls through app.cached).


@dataclass(frozen=True)
class TimelineTables:
    """Everything the timeline view shows that depends only on the corpus and the filters.

    ``published_lanes`` and ``event_lanes`` map each granularity to (points, granularity
    actually used after coarsening to stay under the point budget).
    """

    documents: pd.DataFrame
    events: pd.DataFrame
    unresolved: pd.DataFrame
    event_dates: pd.DataFrame
    shared_dates: pd.DataFrame
    sentence_dates: pd.DataFrame
    undated: pd.DataFrame
    figures: pd.DataFrame
    series: pd.DataFrame
    discrepancies: pd.DataFrame
    published_lanes: dict[str, tuple[pd.DataFrame, str]]
    event_lanes: dict[str, tuple[pd.DataFrame, str]]


def _filtered(corpus: Corpus, filters: Filters) -> tuple[pd.DataFrame, set[str]]:
    doc_ids = set(select_doc_ids(corpus.documents, filters))
    return corpus.documents[corpus.documents["doc_id"].isin(doc_ids)], doc_ids


def _rows_of(frame: pd.DataFrame, doc_ids: set[str]) -> pd.DataFrame:
    return frame[frame["doc_id"].isin(doc_ids)] if "doc_id" in frame else frame


def build_timeline(corpus: Corpus, filters: Filters, *, max_points: int = LANE_POINTS) -> TimelineTables:
    """Resolve dates, place figures and bucket the lanes for the articles passing the filters."""
    documents, doc_ids = _filtered(corpus, filters)
    events = resolve_events(_rows_of(corpus.table("date_expressions"), doc_ids), documents,
                            _rows_of(corpus.sentences, doc_ids))
    figures = place_figures(_rows_of(corpus.table("figures"), doc_ids), documents, events)
    event_dates = group_event_dates(events)
    return TimelineTables(
        documents=describe_documents(documents), events=events,
        unresolved=events[events["status"] != RESOLVED].reset_index(drop=True),
        event_dates=event_dates,
        shared_dates=event_dates[event_dates["outlets"] > 1].reset_index(drop=True),
        sentence_dates=list_sentence_dates(events),
        undated=list_undated_articles(documents, events),
        figures=figures, series=list_series(figures), discrepancies=flag_discrepancies(figures),
        published_lanes={grain: publication_points(documents, granularity=grain, max_points=max_points)
                         for grain in GRANULARITIES},
        event_lanes={grain: event_points(events, granularity=grain, max_points=max_points)
                     for grain in GRANULARITIES},
    )


def rank_entity_options(corpus: Corpus, filters: Filters, *, limit: int = 200) -> list[str]:
    """Entities mentioned in the filtered articles, most mentioned first."""
    _, doc_ids = _filtered(corpus, filters)
    mentions = _rows_of(corpus.mentions, doc_ids)
    return mentions["entity"].value_counts().head(limit).index.tolist()


def build_mention_counts(
    corpus: Corpus, filters: Filters, _sentence_dates: pd.DataFrame, entities: tuple[str, ...],
    granularity: str, basis: str,
) -> pd.DataFrame:
    """Mentions of the chosen entities per outlet and period (article or event date).

    ``_sentence_dates`` is ``build_timeline(corpus, filters).sentence_dates``: it follows from
    the corpus and filters, so a cache keyed on them need not hash it (a leading underscore
    tells Streamlit's cache to skip an argument; hashing it took every rerun of the tab).
    """
    documents, doc_ids = _filtered(corpus, filters)
    return count_mentions_over_time(_rows_of(corpus.mentions, doc_ids), documents, _sentence_dates,
                                    entities, granularity=granularity, basis=basis)


POINT_COLUMNS = ["outlet", "title", "published", "sentence", "detail", "doc_id", "sent_index"]
POINT_KINDS = {"pub": "articles published", "event": "dates named", "fig": "reported figure",
               "mention": "mentions"}


def describe_point_kind(key: str) -> str:
    """What a chart point key stands for, in words ("dates named")."""
    return POINT_KINDS.get(key.partition("|")[0], "unknown point")


def _in_period(values: pd.Series, granularity: str, period: str) -> pd.Series:
    return floor_period(values, granularity) == pd.Timestamp(period)


def _figure_point(tables: TimelineTables, rest: str) -> pd.DataFrame:
    doc_id, _, start = rest.rpartition("|")
    figures = tables.figures
    rows = figures[(figures["doc_id"] == doc_id) & (figures["start"].astype(str) == start)]
    return rows.assign(detail=rows["text"] + " · " + rows["kind"] + " · " + rows["window"])


def _lane_point(corpus: Corpus, tables: TimelineTables, kind: str, rest: str) -> pd.DataFrame:
    granularity, outlet_period = rest.split("|", 1)
    outlet, _, period = outlet_period.rpartition("|")
    if kind == "event":
        events = tables.events
        rows = events[(events["outlet"] == outlet)
                      & _in_period(events["date_start"], granularity, period)]
        return rows.assign(detail=rows["text"] + " → " + rows["date_start"].dt.strftime("%Y-%m-%d"))
    documents = tables.documents
    docs = documents[(documents["outlet"] == outlet)
                     & _in_period(documents["published"], granularity, period)]
    first = corpus.sentences[corpus.sentences["sent_index"] == 0][["doc_id", "sent_index", "text"]]
    rows = docs.merge(first.rename(columns={"text": "sentence"}), on="doc_id", how="left")
    return rows.assign(detail="date from " + rows["published_source"].fillna("unknown"),
                       sentence=rows["sentence"].fillna("").str.strip())


def _mention_point(corpus: Corpus, tables: TimelineTables, rest: str) -> pd.DataFrame:
    granularity, basis, remainder = rest.split("|", 2)
    outlet_entity, _, period = remainder.rpartition("|")
    outlet, _, entity = outlet_entity.partition("|")
    mentions = corpus.mentions
    chosen = mentions[mentions["entity"] == entity][["doc_id", "sent_index", "text"]]
    frame = chosen.merge(tables.documents, on="doc_id")
    frame = frame[frame["outlet"] == outlet]
    if basis == "event":
        frame = frame.merge(tables.sentence_dates, on=["doc_id", "sent_index"], how="left")
        when = frame["date_start"]
    else:
        when = frame["published"]
    frame = frame[_in_period(when, granularity, period)] if period else frame[when.isna()]
    sentences = corpus.sentences[["doc_id", "sent_index", "text"]].rename(columns={"text": "sentence"})
    frame = frame.merge(sentences, on=["doc_id", "sent_index"], how="left")
    return frame.assign(detail=frame["text"], sentence=frame["sentence"].str.strip())


def describe_point(corpus: Corpus, tables: TimelineTables, key: str) -> pd.DataFrame:
    """The sentences (or articles) behind one chart point, found by its key; empty if stale.

    Only articles in ``tables`` (those passing the filters) are looked at.
    """
    kind, _, rest = key.partition("|")
    try:
        if kind == "fig":
            rows = _figure_point(tables, rest)
        elif kind in {"pub", "event"}:
            rows = _lane_point(corpus, tables, kind, rest)
        elif kind == "mention":
            rows = _mention_point(corpus, tables, rest)
        else:
            rows = pd.DataFrame()
    except (ValueError, KeyError):
        rows = pd.DataFrame()
    if rows.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    rows = rows.assign(sent_index=rows.get("sent_index", 0))
    return rows[POINT_COLUMNS].drop_duplicates(ignore_index=True)


def head_rows(frame: pd.DataFrame, *, limit: int = 2000) -> tuple[pd.DataFrame, str]:
    """The first ``limit`` rows of a table to show, and a note when some were left out."""
    if len(frame) <= limit:
        return frame, ""
    return frame.head(limit), f"showing the first {limit:,} of {len(frame):,} rows; the CSV has all"


def parse_range(value: object) -> tuple[date, date] | None:
    """Read a "YYYY-MM-DD..YYYY-MM-DD" URL value; anything else is None (no range)."""
    if not isinstance(value, str) or ".." not in value:
        return None
    first, _, last = value.partition("..")
    start, end = parse_published(first), parse_published(last)
    if start is None or end is None:
        return None
    return (start, end) if start <= end else (end, start)


def format_range(start: object, end: object) -> str:
    """Write a selected x range (anything pandas reads as a date) as a URL value."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    return f"{min(first, last):%Y-%m-%d}..{max(first, last):%Y-%m-%d}"


def read_selection(selection: Mapping[str, Any]) -> tuple[str, str]:
    """Return (point key, "from..to" range) from a plotly chart selection; "" where absent."""
    points = selection.get("points") or []
    key = next((str(p["customdata"][0]) for p in points if p.get("customdata")), "")
    boxes = selection.get("box") or []
    span = ""
    for box in boxes:
        xs = box.get("x") or []
        if len(xs) == 2:
            try:
                span = format_range(xs[0], xs[1])
            except (ValueError, TypeError):
                span = ""
            break
    return key, span


def events_in_range(events: pd.DataFrame, span: tuple[date, date] | None) -> pd.DataFrame:
    """Resolved expressions whose date range overlaps the selected range (all if none)."""
    resolved = events[events["status"] == RESOLVED]
    if span is None:
        return resolved.sort_values("date_start", ignore_index=True)
    start, end = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    ends = resolved["date_end"].fillna(resolved["date_start"])
    return resolved[(resolved["date_start"] <= end) & (ends >= start)].sort_values(
        "date_start", ignore_index=True)
