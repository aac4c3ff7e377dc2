"""Resolving date expressions as written ("last Friday", "in March", "will meet on Friday") by article date, tense."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from lib.analysis.date_units import (
    EITHER,
    NEEDS_ANCHOR,
    RESOLVED,
    TENSE_DIRECTION,
    UNRESOLVED,
    Resolution,
    choose_year,
    month_range,
    needs_anchor,
    resolved,
    unresolved,
)
from lib.analysis.relative_dates import (
    DAY_WORDS,
    WEEKDAY,
    WEEKDAYS,
    resolve_relative,
    resolve_weekday,
    resolve_with_dateparser,
)

__all__ = ["NEEDS_ANCHOR", "RESOLVED", "UNRESOLVED", "Resolution", "parse_published",
           "resolve_date_expression", "spoken_year"]

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

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:\s*,?\s*{_YEAR}\b)?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR}\b)?")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_YEAR = re.compile(rf"^{_MONTH}\s*,?\s*(?:of\s+)?{_YEAR}$")
_MONTH_ONLY = re.compile(rf"^{_MONTH}$")
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")
_VAGUE = re.compile(
    r"\b(?:recent|recently|coming|these days|nowadays|daily|weekly|monthly|annual|annually|"
    r"every|each|decades?|centuries|ages|long)\b"
)
_RELATIVE_TO_EVENT = re.compile(r"\b(?:earlier|later|before|after|previous|prior|following|next)\b")
_LEADING = re.compile(r"^(?:the|on|in|at|of|by|over|until|till|from|during|as of)\s+")
_PART = re.compile(r"^(?P<part>early|mid|late|earlier|later|(?:the\s+)?(?:rest|remainder)\s+of)[\s-]+")
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_POSSESSIVE = re.compile(r"'s?\b.*$")
_DATE_WORDS = re.compile(
    r"\b(?:\d{4}|" + "|".join(MONTHS) + r"|" + "|".join(WEEKDAYS)
    + r"|yesterday|today|tonight|ago|weeks?|months?|years?|days?|hours?|weekends?)\b"
)
_NUMBER_WORDS = {
    word: value for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split())
} | {word: 10 * value for value, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}


def _two_digits(words: list[str]) -> int | None:
    """0–99 written in words ("eighty-one", "five", "" for none)."""
    if not words:
        return 0
    values = [_NUMBER_WORDS.get(word) for word in words]
    if None in values or len(values) > 2 or (len(values) == 2 and (values[0] % 10 or values[1] >= 10)):
        return None
    return sum(values)  # type: ignore[arg-type]


_DECADE = re.compile(r"^(?P<decade>(?:18|19|20)\d0)['\u2019]?s$")
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}


def decade(text: str) -> int | None:
    """The first year of a decade ("1990s", "nineteen nineties"), or None."""
    if match := _DECADE.match(text):
        return int(match["decade"])
    words = text.split()
    if len(words) == 2 and words[0] in ("eighteen", "nineteen", "twenty") and words[1] in _DECADE_WORDS:
        return _NUMBER_WORDS[words[0]] * 100 + _DECADE_WORDS[words[1]]
    return None


def spoken_year(text: str) -> int | None:
    """A year written as it is said ("two thousand five", "nineteen eighty-one"), or None."""
    words = [word for word in re.split(r"[\s-]+", text.lower()) if word and word != "and"]
    if len(words) >= 2 and words[:2] == ["two", "thousand"]:
        rest = _two_digits(words[2:])
        return None if rest is None else 2000 + rest
    if len(words) >= 2 and words[0] in ("nineteen", "eighteen", "twenty") and words[1] != "thousand":
        century, rest = _NUMBER_WORDS[words[0]], _two_digits(words[1:])
        return None if rest is None or rest < 10 else century * 100 + rest
    return None


INDEFINITE = frozenset({"a", "an", "any", "every", "each"})
""""on a Monday" or "every Friday" names no particular day."""
_YEAR_WORDS = re.compile(r"\b(?P<which>next|last|this)\s+year\b")


def _years_named(text: str, anchor: date) -> range:
    """The years a date without digits for its year may fall in: the year before, of and after
    the article, or the one "next year", "last year" or "this year" names."""
    found = _YEAR_WORDS.search(text)
    if found is None:
        return range(anchor.year - 1, anchor.year + 2)
    year = anchor.year + {"next": 1, "last": -1, "this": 0}[found["which"]]
    return range(year, year + 1)


def _day_of(match: re.Match[str], anchor: date | None, direction: str) -> Resolution:
    month = MONTHS[match["month"]]
    day = int(match["day"])
    if match["year"]:
        try:
            when = date(int(match["year"]), month, day)
        except ValueError:
            return unresolved("not a calendar date")
        return resolved(when, when, "day")
    if anchor is None:
        return needs_anchor()
    candidates = []
    for year in _years_named(match.string, anchor):
        try:
            candidates.append((date(year, month, day), date(year, month, day)))
        except ValueError:
            continue
    weekday = WEEKDAY.search(match.string)
    if weekday is not None:  # "Friday, June 24": the year in which June 24 is a Friday
        candidates = [c for c in candidates if c[0].weekday() == WEEKDAYS[weekday["weekday"]]] or candidates
    chosen = choose_year(candidates, anchor, direction)
    if chosen is None:
        return unresolved("not a calendar date")
    return resolved(chosen[0], chosen[0], "day", "year taken from the article date and the tense")


def _resolve_month(month: int, anchor: date | None, part: str, direction: str) -> Resolution:
    """A month without a year: the one the tense points to; a month still running at the
    article's date runs up to it unless the clause looks ahead."""
    if anchor is None:
        return needs_anchor()
    ranges = [month_range(year, month, part) for year in range(anchor.year - 1, anchor.year + 2)]
    start, end = choose_year(ranges, anchor, direction) or ranges[1]
    if start <= anchor <= end:
        start, end = (max(start, anchor), end) if direction == "future" else (start, anchor)
    return resolved(start, end, "month")


def _normalise(text: str) -> tuple[str, str]:
    """Lower-case, drop leading prepositions/articles, a leading part (early, mid, late,
    earlier, later, the rest of) and a possessive ("last year's holiday" → "last year")."""
    cleaned = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:")
    cleaned = re.sub(r"(?<=\d),(?=\d{4})", ", ", cleaned)
    if re.search(r"[a-z]'s?\b", cleaned) and cleaned.removeprefix("the ") not in HOLIDAYS:
        cleaned = _POSSESSIVE.sub("", cleaned)
    part = ""
    for _ in range(3):
        stripped = _LEADING.sub("", cleaned)
        if match := _PART.match(stripped):
            part = "rest" if match["part"].endswith("of") else match["part"]
            stripped = stripped[match.end():]
        if stripped == cleaned:
            break
        cleaned = stripped
    if cleaned not in DAY_WORDS:
        cleaned = _TIME_OF_DAY.sub("", cleaned)
    return cleaned, part


HOLIDAYS = {"new year": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
            "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24)}
"""Holidays on a fixed day of the year, read like a date without a year."""


def _holiday(text: str, anchor: date | None, direction: str) -> Resolution | None:
    day = HOLIDAYS.get(text)
    if day is None:
        return None
    if anchor is None:
        return needs_anchor()
    ranges = [(date(year, *day), date(year, *day)) for year in range(anchor.year - 1, anchor.year + 2)]
    chosen = choose_year(ranges, anchor, direction)
    return resolved(chosen[0], chosen[0], "day", "holiday in the year the tense points to") if chosen else None


def _resolve_absolute(text: str, anchor: date | None, part: str, direction: str) -> Resolution | None:
    if text in HOLIDAYS:
        return _holiday(text, anchor, direction)
    if match := _ISO.search(text):
        try:
            when = date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return unresolved("not a calendar date")
        return resolved(when, when, "day")
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.search(text):
            return _day_of(match, anchor, direction)
    if match := _MONTH_YEAR.match(text):
        start, end = month_range(int(match["year"]), MONTHS[match["month"]], part)
        return resolved(start, end, "month")
    if (first := decade(text)) is not None:
        return resolved(date(first, 1, 1), date(first + 9, 12, 31), "decade")
    year = int(match["year"]) if (match := _YEAR_ONLY.match(text)) else spoken_year(text)
    if year is not None:
        return resolved(date(year, 1, 1), date(year, 12, 31), "year")
    if match := _MONTH_ONLY.match(text):
        return _resolve_month(MONTHS[match["month"]], anchor, part, direction)
    return None


def _resolve_plain(text: str, anchor: date | None, part: str, direction: str) -> Resolution:
    if (text not in DAY_WORDS | HOLIDAYS.keys() and not _DATE_WORDS.search(text) and spoken_year(text) is None
            and decade(text) is None):
        return unresolved("no calendar date in the expression")
    found = _resolve_absolute(text, anchor, part, direction)
    if found is None:
        found = resolve_relative(text, anchor, part=part, direction=direction)
    if found is not None:
        return found
    if _VAGUE.search(text):
        return unresolved("vague period")
    match = WEEKDAY.search(text)
    if match is not None and (match["which"] or not _RELATIVE_TO_EVENT.search(text)):
        return resolve_weekday(match, anchor, direction=direction)
    if _RELATIVE_TO_EVENT.search(text):
        return unresolved("relative to another event, not to the article date")
    return resolve_with_dateparser(text, anchor)


@lru_cache(maxsize=100_000)
def resolve_date_expression(text: str, anchor: date | None, preceding: str = "", tense: str = "") -> Resolution:
    """Resolve a date expression as written against the article's own date and its clause's tense.

    ``preceding`` is the word before the expression; "since" turns the result into a range
    that runs up to the article date. ``tense`` (past, present, future, conditional) says
    which way a date without a year lies: "on March 11" is the nearest March 11 (the last one
    before the article in a past-tense clause, the next one in a future one), "on Friday" the
    latest Friday on or before the article unless the clause looks ahead ("will meet on
    Friday"). Spans ("last week", "six weeks ago", "in March") become ranges. Without an
    anchor, anything that needs one is reported as such rather than guessed.
    """
    cleaned, part = _normalise(text)
    if preceding.lower() in INDEFINITE and cleaned in WEEKDAYS:
        return unresolved("any such day, not a particular one")
    since = preceding.lower() == "since" or cleaned.startswith("since ")
    cleaned = cleaned.removeprefix("since ").strip().removeprefix("the ")
    direction = "past" if since else TENSE_DIRECTION.get(tense, EITHER)
    resolution = _resolve_plain(cleaned, anchor, part, direction)
    if not since or resolution.status != RESOLVED or resolution.start is None:
        return resolution
    if anchor is None:
        return Resolution(
            resolution.start, None, "since", RESOLVED, "open-ended: the article date is unknown"
        )
    return resolved(resolution.start, max(anchor, resolution.start), "since", "up to the article date")


def parse_published(value: object) -> date | None:
    """Return a documents.published value ("YYYY-MM-DD" or "") as a date, None if unknown."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
