"""Resolving date expressions as written ("last Friday", "in March") against an article's date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

RESOLVED = "resolved"
NEEDS_ANCHOR = "needs article date"
UNRESOLVED = "unresolved"


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
