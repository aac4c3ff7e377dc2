"""Inferring title, outlet, author and publication date, each with its provenance."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache

import dateparser

from lib.ingest.cleaning import CleanText
from lib.ingest.outlets import (
    Outlet,
    find_outlets,
    lookup_outlet,
    outlet_for_url,
    url_host,
)
from lib.records import Field, RawArticle

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
FULL_DATE = re.compile(
    rf"\b(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}|\d{{1,2}}\s+{MONTH}\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
DATELINE = re.compile(r"^(published|updated|posted|last updated)\b\s*:?\s*(?P<date>.+)$", re.I)
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$|-)")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b")
BYLINE = re.compile(r"^(?:by\s+)?(?P<name>[^|]+?)\s*\|?$", re.I)
TEAM_BIO = re.compile(r"^(?:the\s+)?(?P<name>.+?)\s+is an?\s+(?:team|\w+ (?:reporter|correspondent))", re.I)
CREDIT_REASONS = ("photo credit", "gallery")
SELF_PROMOTION_REASONS = (
    "outlet name", "donation", "newsletter", "app store", "social follow", "comment policy",
    "author bio", "dateline", "navigation", "popular articles",
)
SELF_REFERENCE = re.compile(r"\b(?:told|to|reported by|according to)\s+(?:the\s+)?$", re.I)
CAPTION_WINDOW_DAYS = 6
TITLE_MAX_WORDS = 30


_MONTH_NUMBERS = {
    name: number for number, names in enumerate((
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
        ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
        ("oct", "october"), ("nov", "november"), ("dec", "december"),
    ), start=1) for name in names
}
_PLAIN_DATE = re.compile(
    r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]{3,9})\.?,?\s+(?P<year2>\d{4})"
    r"|(?P<year3>\d{4})-(?P<month3>\d{2})-(?P<day3>\d{2})"
)


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


def title_field(raw: RawArticle, clean: CleanText, sidecar: dict[str, str]) -> Field:
    """Title from the sidecar, the file's own metadata, or a headline-like first line."""
    if sidecar.get("title"):
        return Field(sidecar["title"], sidecar_source(sidecar), "high")
    if raw.title:
        return Field(raw.title.strip(), f"{raw.origin} metadata", "high")
    first = clean.kept_lines[0] if clean.kept_lines else ""
    words = len(first.split())
    if first and words <= TITLE_MAX_WORDS and not first.rstrip().endswith((".", ":", ";")):
        return Field(first, "text: first line", "medium")
    return Field()


def sidecar_source(sidecar: dict[str, str]) -> str:
    """Describe a sidecar value's provenance, with the curator's source where given."""
    note = sidecar.get("source", "").strip()
    return f"sidecar ({note})" if note else "sidecar"


def outlet_evidence(clean: CleanText, registry: tuple[Outlet, ...]) -> dict[Outlet, list[tuple[float, str]]]:
    """Collect weighted evidence for each outlet named in furniture, credits or self-references."""
    evidence: dict[Outlet, list[tuple[float, str]]] = defaultdict(list)
    for removed in clean.removed:
        weight = 1.0 if removed.reason in SELF_PROMOTION_REASONS else 0.0
        weight = 0.4 if removed.reason in CREDIT_REASONS else weight
        if not weight:
            continue
        for outlet in find_outlets(removed.text, registry):
            evidence[outlet].append((weight, f'text: {removed.reason} "{removed.text[:80]}"'))
    for line in clean.kept_lines:
        for outlet in find_outlets(line, registry):
            for alias in outlet.names:
                position = line.find(alias)
                if position > 0 and SELF_REFERENCE.search(line[:position]):
                    quoted = line[max(0, position - 30):position + len(alias)]
                    evidence[outlet].append((0.3, f'text: self-reference "…{quoted}"'))
                    break
    return evidence


def outlet_field(
    raw: RawArticle, clean: CleanText, sidecar: dict[str, str], registry: tuple[Outlet, ...]
) -> tuple[Field, Outlet | None]:
    """Outlet from the sidecar, the file's metadata, the URL, or furniture in the text."""
    for value, source in ((sidecar.get("outlet", ""), sidecar_source(sidecar)), (raw.outlet, f"{raw.origin} metadata")):
        if value:
            outlet = lookup_outlet(value, registry)
            return Field(outlet.name if outlet else value.strip(), source, "high"), outlet
    url = sidecar.get("url") or raw.url
    outlet = outlet_for_url(url, registry) if url else None
    if outlet:
        return Field(outlet.name, f"url: {url_host(url)}", "high"), outlet
    return outlet_from_text(clean, registry)


def outlet_from_text(clean: CleanText, registry: tuple[Outlet, ...]) -> tuple[Field, Outlet | None]:
    """Pick the outlet with the most furniture evidence; a tie or no evidence stays unknown."""
    scored = sorted(
        ((sum(w for w, _ in notes), outlet, notes) for outlet, notes in outlet_evidence(clean, registry).items()),
        key=lambda item: -item[0],
    )
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return Field(), None
    score, outlet, notes = scored[0]
    confidence = "high" if score >= 2 else "medium" if score >= 0.7 else "low"
    strongest = max(notes, key=lambda note: note[0])[1]
    return Field(outlet.name, strongest, confidence), outlet


def author_field(raw: RawArticle, clean: CleanText, sidecar: dict[str, str]) -> Field:
    """Author from the sidecar, the file's metadata, a byline or a staff note."""
    if sidecar.get("author"):
        return Field(sidecar["author"], sidecar_source(sidecar), "high")
    if raw.author:
        return Field(raw.author.strip(), f"{raw.origin} metadata", "high")
    for removed in clean.removed:
        pattern = BYLINE if removed.reason == "byline" else TEAM_BIO if removed.reason == "author bio" else None
        match = pattern.match(removed.text) if pattern else None
        if match:
            return Field(match.group("name").strip(), f'text: {removed.reason} "{removed.text[:60]}"', "medium")
    return Field()


def weekdays_in(lines: tuple[str, ...]) -> set[int]:
    """Return the weekday numbers (Monday=0) named in the article's body."""
    return {WEEKDAYS.index(m.group(1)) for line in lines for m in WEEKDAY.finditer(line)}


def most_recent_weekday(weekday: int, *, on_or_before: date) -> date:
    """Return the latest date with that weekday not after the given day."""
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def date_from_caption(caption: date, weekdays: set[int]) -> tuple[date, str, str]:
    """Date an article from a caption date and the weekdays its text names.

    The caption marks the news cycle: every weekday the text names should fall on or after
    the day before the caption date. The article date is the earliest day, from the caption
    date up to six days later, that keeps them all there.
    """
    if not weekdays:
        return caption, "caption date", "low"
    for offset in range(CAPTION_WINDOW_DAYS + 1):
        candidate = caption + timedelta(days=offset)
        earliest = min(most_recent_weekday(w, on_or_before=candidate) for w in weekdays)
        if earliest >= caption - timedelta(days=1):
            return candidate, "caption date + weekday", "medium"
    return caption, "caption date (weekdays in the text disagree)", "low"


def published_field(raw: RawArticle, clean: CleanText, sidecar: dict[str, str]) -> Field:
    """Publication date, strongest evidence first; never a guess."""
    for value, source, confidence in (
        (sidecar.get("published", ""), sidecar_source(sidecar), "high"),
        (raw.published, f"{raw.origin} metadata", "high"),
    ):
        parsed = parse_date(value) if value else None
        if parsed:
            return Field(parsed.isoformat(), source, confidence)
    return published_from_text(clean, url=sidecar.get("url") or raw.url)


def published_from_text(clean: CleanText, *, url: str) -> Field:
    """Date from a dateline, a URL path, or a caption date checked against weekdays."""
    for removed in clean.removed:
        match = DATELINE.match(removed.text) if removed.reason == "dateline" else None
        parsed = parse_date(match.group("date")) if match else None
        if parsed:
            return Field(parsed.isoformat(), f'text: "{removed.text[:60]}"', "high")
    match = URL_DATE.search(url or "")
    if match:
        try:
            found = date(int(match["y"]), int(match["m"]), int(match["d"]))
            return Field(found.isoformat(), f"url: {match.group(0).strip('/-')}", "medium")
        except ValueError:
            pass
    captions = [
        found for removed in clean.removed if removed.reason in CREDIT_REASONS
        for _, found in find_full_dates(removed.text)
    ]
    if not captions:
        return Field()
    caption = max(captions)
    body_dates = [found for line in clean.kept_lines for _, found in find_full_dates(line)]
    anchor = max([caption, *body_dates])
    published, source, confidence = date_from_caption(anchor, weekdays_in(clean.kept_lines))
    if anchor != caption:
        source = f"{source}; moved past a later date in the text"
    return Field(published.isoformat(), f"{source} ({caption:%b %d, %Y})", confidence)


def infer_metadata(
    raw: RawArticle, clean: CleanText, *, sidecar: dict[str, str], registry: tuple[Outlet, ...]
) -> dict[str, object]:
    """Return every metadata field of an article, with provenance."""
    outlet, registered = outlet_field(raw, clean, sidecar, registry)
    url = sidecar.get("url") or raw.url
    return {
        "title": title_field(raw, clean, sidecar),
        "outlet": outlet,
        "outlet_kind": registered.kind if registered else "",
        "outlet_country": registered.country if registered else "",
        "author": author_field(raw, clean, sidecar),
        "published": published_field(raw, clean, sidecar),
        "url": Field(url, sidecar_source(sidecar) if sidecar.get("url") else f"{raw.origin} metadata", "high")
        if url else Field(),
    }
