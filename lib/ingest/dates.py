"""Reading dates as pages write them: full written dates, numeric dates whose order is stated or not,
whole-line date stamps ("NEWS | Oct. 2, 2024", "Date Posted: 03.31.2024 14:49") and dates in URLs."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import dateparser

from lib import DATA_DIR

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FULL_DATE = re.compile(
    rf"\b(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
NUMERIC_DATE = re.compile(r"(?<![\d.:/-])(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?![\d/-]|\.\d)")
"""1.22.2007, 03/31/2024, 2009-7-6: three numbers with one separator."""
TIME = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?|\d{1,2}\s*[ap]\.?m\.?(?:\s*[A-Z]{2,4})?)"
_WEEKDAY = rf"(?:(?:{'|'.join(WEEKDAYS)}|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?),?\s+)"
_SIDE_LABEL = r"[A-Za-z][\w .&'-]{0,30}?"
DATE_LINE = re.compile(
    r"^[\s•·*–—-]*(?:(?P<lead>(?:first |last )?(?:published|updated|posted|modified)(?: on)?)\s*:?\s*"
    rf"|(?P<label>[A-Za-z][\w ]{{0,25}}?)\s*:\s*|(?P<before>{_SIDE_LABEL})\s*\|\s*)?"
    rf"{_WEEKDAY}?(?P<date>[^|]*?\d{{4}}[^|]*?)(?:,?\s*(?:at\s+)?{TIME})?"
    rf"(?:\s*\|\s*(?P<after>{_SIDE_LABEL}))?(?:\s*[·•|]\s*\d+\s*min(?:ute)?s?\s+read)?\s*$",
    re.IGNORECASE,
)
URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|\.|$)")
URL_SLUG = re.compile(
    rf"(?<![a-z])(?:(?P<month>{MONTH})[-_](?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[-_](?P<month2>{MONTH}))"
    r"[-_](?P<year>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
DATE_LABELS_FILE = DATA_DIR / "date_labels.csv"

_MONTH_NUMBERS = {
    name: number for number, names in enumerate((
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
        ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
        ("oct", "october"), ("nov", "november"), ("dec", "december"),
    ), start=1) for name in names
}
_PLAIN_DATE = re.compile(
    r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>[A-Za-z]{3,9})\.?,?\s+(?P<year2>\d{4})"
    r"|(?P<year3>\d{4})-(?P<month3>\d{2})-(?P<day3>\d{2})"
)


@dataclass(frozen=True)
class DateLine:
    """A line that is only a date stamp, with the label it carries ("published", "updated", "other" or "")."""

    text: str
    label: str
    readings: tuple[date, ...]
    """One date, or the two readings of a numeric date whose order the line does not state."""
    separator: str = ""
    """For a numeric date, its separator ("." "/" "-"); "" for a written one."""
    order: str = ""
    """For a numeric date, "MD" or "DM" when its numbers state the order."""


def _plain_date(text: str) -> date | bool:
    """The date of "March 26, 2024", "26 March 2024" or "2024-03-26" (False: another form)."""
    match = _PLAIN_DATE.fullmatch(text)
    if match is None:
        return False
    if match["year3"]:
        month: int | None = int(match["month3"])
        day, year = int(match["day3"]), int(match["year3"])
    else:
        month = _MONTH_NUMBERS.get((match["month"] or match["month2"]).lower())
        day, year = int(match["day"] or match["day2"]), int(match["year"] or match["year2"])
    if month is None:
        return False
    try:
        return date(year, month, day)
    except ValueError:
        return False  # dateparser decides (it reads "2024-13-01" as 13 January)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """Parse a full date (day, month and year all present).

    The common written forms are read directly; anything else goes to dateparser (about a
    millisecond a call, which adds up over thousands of articles).
    """
    plain = _plain_date(text.strip())
    if plain is not False:
        return plain
    parsed = dateparser.parse(
        text.strip(),
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date() if parsed else None


@lru_cache(maxsize=4096)
def find_full_dates(text: str) -> tuple[tuple[str, date], ...]:
    """Return (expression, date) for every full calendar date written in a text."""
    found = []
    for match in FULL_DATE.finditer(text):
        parsed = parse_date(match.group(0))
        if parsed:
            found.append((match.group(0), parsed))
    return tuple(found)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day) if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def numeric_readings(first: int, second: int, third: int) -> tuple[tuple[date, ...], str]:
    """The dates three numbers can mean, and the order they state ("YMD", "MD", "DM" or "").

    A year written first is always year-month-day. Otherwise a number above 12 states which is
    the day; when both could be months, both readings are returned and the order is unstated.
    """
    if first > 31:
        found = _valid(first, second, third)
        return ((found,) if found else ()), "YMD"
    if third < 1000:
        return (), ""
    month_day, day_month = _valid(third, first, second), _valid(third, second, first)
    if month_day and not day_month:
        return (month_day,), "MD"
    if day_month and not month_day:
        return (day_month,), "DM"
    readings = tuple(dict.fromkeys(d for d in (month_day, day_month) if d))
    return readings, ("MD" if len(readings) == 1 else "")


def read_date(text: str) -> tuple[tuple[date, ...], str, str]:
    """Read a date expression: (readings, numeric separator, stated order); no readings if it is none."""
    numeric = NUMERIC_DATE.fullmatch(text.strip())
    if numeric:
        readings, order = numeric_readings(int(numeric[1]), int(numeric[3]), int(numeric[4]))
        return readings, numeric[2], order
    written = FULL_DATE.fullmatch(text.strip().rstrip("."))
    parsed = parse_date(written.group(0)) if written else None
    return ((parsed,) if parsed else ()), "", ""


@lru_cache(maxsize=1)
def load_date_labels(path: Path = DATE_LABELS_FILE) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The editable lexicon of words that say what a date is: published, updated, or something else."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            (re.compile(rf"\b{row['word'].strip()}\b", re.IGNORECASE), row["meaning"].strip())
            for row in csv.DictReader(handle)
        )


def label_meaning(label: str) -> str:
    """What a label says about the date beside it ("published", "updated", "other"), "" if nothing."""
    for pattern, meaning in load_date_labels():
        if pattern.search(label):
            return meaning
    return ""


@lru_cache(maxsize=8192)
def read_date_line(line: str) -> DateLine | None:
    """The date stamp a whole line is, or None when the line says anything more than a date."""
    if len(line) > 80 or not re.search(r"\d{4}", line):
        return None
    match = DATE_LINE.match(line.strip())
    if not match:
        return None
    readings, separator, order = read_date(match["date"])
    if not readings:
        return None
    sides = " ".join(part for part in (match["lead"], match["label"], match["before"], match["after"]) if part)
    return DateLine(line.strip(), label_meaning(sides) if sides else "", readings, separator, order)


def url_path(url: str) -> str:
    """The decoded path of a URL (dates in query strings are archive or search parameters)."""
    parsed = urlparse(url if "//" in url else f"//{url}")
    return unquote(parsed.path or "")


def dates_in_url(url: str) -> list[tuple[str, date]]:
    """Every full date written in a URL's path: /2024/05/31/, /20241001/, a-13-2007-04-18-…, -november-20-2023."""
    path = url_path(url)
    found: list[tuple[str, date]] = []
    for match in URL_YMD.finditer(path):
        parsed = _valid(int(match[1]), int(match[2]), int(match[3]))
        found += [(match.group(0), parsed)] if parsed else []
    for match in URL_COMPACT.finditer(path):
        parsed = _valid(int(match[1]), int(match[2]), int(match[3]))
        found += [(match.group(0).strip("/"), parsed)] if parsed else []
    for match in URL_SLUG.finditer(path):
        month = _MONTH_NUMBERS.get((match["month"] or match["month2"]).lower().rstrip("."))
        day = int(match["day"] or match["day2"])
        parsed = _valid(int(match["year"]), month, day) if month else None
        found += [(match.group(0), parsed)] if parsed else []
    return found
