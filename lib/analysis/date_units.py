"""What date resolution is built from: a resolution and its status, calendar ranges, a tense's direction."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

RESOLVED = "resolved"
NEEDS_ANCHOR = "needs article date"
UNRESOLVED = "unresolved"

PAST, FUTURE, EITHER = "past", "future", ""
"""Which way from the article's date a date without a year (or a weekday) lies."""

NEAR_FUTURE_DAYS = 60
"""Without a tense to go by, a year-less date up to this many days after the article is read
as coming, not as last year's."""

TENSE_DIRECTION = {"past": PAST, "future": FUTURE}
"""A past-tense clause looks back, a future one ahead; present, conditional or unknown tense
take the nearest such date (a year-less date) or the latest one (a weekday)."""


@dataclass(frozen=True)
class Resolution:
    """An expression resolved to an inclusive date range, or why it could not be."""

    start: date | None = None
    end: date | None = None
    granularity: str = ""
    status: str = UNRESOLVED
    note: str = ""


def unresolved(note: str) -> Resolution:
    return Resolution(status=UNRESOLVED, note=note)


def needs_anchor() -> Resolution:
    return Resolution(status=NEEDS_ANCHOR, note="relative to the article date, which is unknown")


def resolved(start: date, end: date, granularity: str, note: str = "") -> Resolution:
    return Resolution(start=start, end=end, granularity=granularity, status=RESOLVED, note=note)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_range(year: int, month: int, part: str) -> tuple[date, date]:
    """A month, or its early (1–10), mid (11–20) or late (21–end) part."""
    last = month_end(year, month)
    if part == "early":
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part == "late":
        return date(year, month, 21), last
    return date(year, month, 1), last


def unit_range(when: date, unit: str) -> tuple[date, date]:
    """The week (Monday to Sunday), month or year holding ``when``; a day is itself."""
    if unit == "week":
        monday = when - timedelta(days=when.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return date(when.year, when.month, 1), month_end(when.year, when.month)
    if unit == "year":
        return date(when.year, 1, 1), date(when.year, 12, 31)
    return when, when


def week_part(start: date, end: date, part: str) -> tuple[date, date]:
    """The early (Monday–Wednesday), mid (Tuesday–Thursday) or late (Thursday–Sunday) part of a week."""
    offsets = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}.get(part)
    if offsets is None:
        return start, end
    return start + timedelta(days=offsets[0]), start + timedelta(days=offsets[1])


def _distance(start: date, end: date, anchor: date) -> int:
    if start <= anchor <= end:
        return 0
    return (start - anchor).days if start > anchor else (anchor - end).days


def choose_year(ranges: list[tuple[date, date]], anchor: date, direction: str) -> tuple[date, date] | None:
    """Of the same calendar range in consecutive years, the one a tense points to.

    Past: the latest that starts on or before the article's date; future: the earliest that
    ends on or after it. Otherwise the one holding the article's date, else the latest before
    it unless the next one is nearer and within ``NEAR_FUTURE_DAYS`` (news looks back more
    than ahead): "March 11" in an article of 5 March 2025 is 2025-03-11, "October 7" in one
    of April 2024 is 2023-10-07.
    """
    before = [item for item in ranges if item[0] <= anchor]
    after = [item for item in ranges if item[1] >= anchor]
    if direction == PAST:
        return max(before) if before else None
    if direction == FUTURE:
        return min(after) if after else None
    latest, upcoming = (max(before) if before else None), (min(after) if after else None)
    if latest is None or upcoming is None or latest == upcoming:
        return latest or upcoming
    ahead, back = _distance(*upcoming, anchor), _distance(*latest, anchor)
    return upcoming if ahead <= NEAR_FUTURE_DAYS and ahead < back else latest
