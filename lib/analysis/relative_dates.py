"""Dates that count from the article's own date: "yesterday", "last week", "next month", "six weeks ago", weekdays."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from lib.analysis.date_units import (
    FUTURE,
    PAST,
    Resolution,
    month_end,
    needs_anchor,
    resolved,
    unit_range,
    unresolved,
    week_part,
)

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
_UNITS = r"(?P<unit>hour|day|week|month|year)s?"
_COUNT = r"(?P<count>\d+|" + "|".join(SMALL_NUMBERS) + r")"
WEEKDAY = re.compile(r"\b(?:(?P<which>last|next|this)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")
_PAST_SPAN = re.compile(rf"^(?:the\s+)?(?:past|last|previous)\s+(?:{_COUNT}\s+)?{_UNITS}$")
_AGO = re.compile(rf"^{_COUNT}\s+{_UNITS}\s+ago$")
_UNIT = re.compile(r"^(?P<which>this|last|next)\s+(?P<unit>week|month|year)$")
_DURATION = re.compile(rf"^(?:for\s+)?(?:about\s+|nearly\s+|almost\s+)?{_COUNT}\s+{_UNITS}$")
_WEEKEND = re.compile(r"^(?P<which>the\s+|this\s+|last\s+|past\s+|next\s+)?weekend$")

PROBE_BASES = (date(2001, 6, 15), date(2013, 2, 20))
"""Two unrelated base dates: an expression dateparser reads the same way from both needs no anchor."""


def _count(word: str | None) -> int | None:
    if word is None:
        return 1
    if word.isdigit():
        return int(word)
    return SMALL_NUMBERS.get(word)


def shift_back(anchor: date, unit: str, count: int) -> date:
    """``count`` hours, days, weeks, months or years before the anchor."""
    if unit == "hour":
        return anchor - timedelta(days=max(1, round(count / 24)))
    if unit == "day":
        return anchor - timedelta(days=count)
    if unit == "week":
        return anchor - timedelta(weeks=count)
    months = anchor.year * 12 + anchor.month - 1 - (count * 12 if unit == "year" else count)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(anchor.day, month_end(year, month + 1).day))


def _next_unit(anchor: date, unit: str) -> date:
    if unit == "week":
        return anchor + timedelta(weeks=1)
    if unit == "month":
        return month_end(anchor.year, anchor.month) + timedelta(days=1)
    return date(anchor.year + 1, 1, 1)


def _unit_resolution(which: str, unit: str, anchor: date, *, part: str, direction: str) -> Resolution:
    """"this week" (to the article date in a past clause, else all of it), "last month", "next year".

    "earlier this week" runs to the article's date, "later" or "the rest of this week" from it."""
    if which == "last":
        start, end = unit_range(shift_back(anchor, unit, 1), unit)
        return resolved(start, end, unit)
    when = anchor if which == "this" else _next_unit(anchor, unit)
    start, end = unit_range(when, unit)
    if which == "this" and (part == "earlier" or (direction == PAST and part not in ("later", "rest"))):
        end = min(end, anchor)
    elif which == "this" and part in ("later", "rest"):
        start = anchor
    elif unit == "week":
        start, end = week_part(start, end, part)
    return resolved(start, end, unit)


def _weekend(which: str, anchor: date, direction: str) -> Resolution:
    ahead = which.strip() == "next" or (direction == FUTURE and which.strip() in ("", "this", "the"))
    if ahead:
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7 or 7)
        return resolved(saturday, saturday + timedelta(days=1), "range", "the coming weekend")
    sunday = anchor - timedelta(days=(anchor.weekday() - 6) % 7)
    saturday = sunday - timedelta(days=1)
    return resolved(saturday, min(sunday, anchor), "range", "most recent weekend")


def resolve_relative(text: str, anchor: date | None, *, part: str = "", direction: str = ""
                     ) -> Resolution | None:
    """Resolve expressions that count from the article date; None if not one of them."""
    if _DURATION.match(text):
        return unresolved("a duration, not a date")
    matched = (text in DAY_WORDS or _UNIT.match(text) or _PAST_SPAN.match(text) or _WEEKEND.match(text)
               or _AGO.match(text))
    if not matched:
        return None
    span = _PAST_SPAN.match(text)
    if span and _count(span["count"]) is None:
        return unresolved("vague span")
    if anchor is None:
        return needs_anchor()
    if text in DAY_WORDS:
        when = anchor - timedelta(days=DAY_WORDS[text])
        return resolved(when, when, "day")
    if match := _UNIT.match(text):
        return _unit_resolution(match["which"], match["unit"], anchor, part=part, direction=direction)
    if span:
        start = shift_back(anchor, span["unit"], _count(span["count"]) or 1)
        return resolved(start, anchor, "range", "window up to the article date")
    if match := _WEEKEND.match(text):
        return _weekend(match["which"] or "", anchor, direction)
    return resolve_ago(_AGO.match(text), anchor)


def resolve_ago(match: re.Match[str], anchor: date) -> Resolution:
    """"six weeks ago": the week (month, year) that many units before the article date."""
    import dateparser

    base = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(
        match.group(0), languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
    )
    count = _count(match["count"])
    when = parsed.date() if parsed else (shift_back(anchor, match["unit"], count) if count else None)
    if when is None:
        return unresolved("vague span")
    start, end = unit_range(when, match["unit"])
    return resolved(start, min(end, anchor), match["unit"] if start != end else "day")


def resolve_weekday(match: re.Match[str], anchor: date | None, *, direction: str = "") -> Resolution:
    """A weekday: the latest such day on or before the article date ("last Tuesday": before
    it), or in a future-tense clause ("will meet on Friday", "next Friday") the next one after it
    (dateparser, PREFER_DATES_FROM "future")."""
    if anchor is None:
        return needs_anchor()
    if match["which"] == "next" or direction == FUTURE:
        answer = _dateparser_answer(match["weekday"], anchor, prefer="future")
        if answer is not None:
            return resolved(answer[0], answer[0], "day", "the next such day after the article date")
    back = (anchor.weekday() - WEEKDAYS[match["weekday"]]) % 7
    if match["which"] == "last" and back == 0:
        back = 7
    when = anchor - timedelta(days=back)
    return resolved(when, when, "day", "most recent such day not after the article date")


@lru_cache(maxsize=20_000)
def _dateparser_answer(text: str, base: date, *, prefer: str = "past") -> tuple[date, str] | None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": prefer,
    })
    data = parser.get_date_data(text)
    return None if data.date_obj is None else (data.date_obj.date(), data.period or "day")


def resolve_with_dateparser(text: str, anchor: date | None) -> Resolution:
    """Fall back to dateparser; an answer that moves with the base date needs an anchor."""
    probes = [_dateparser_answer(text, base) for base in PROBE_BASES]
    if probes[0] is None or probes[1] is None:
        return unresolved("not understood")
    if anchor is None:
        if probes[0] != probes[1]:
            return needs_anchor()
        answer = probes[0]
    else:
        answer = _dateparser_answer(text, anchor) if probes[0] != probes[1] else probes[0]
    if answer is None:
        return unresolved("not understood")
    start, end = unit_range(*answer)
    return resolved(start, end, answer[1])
