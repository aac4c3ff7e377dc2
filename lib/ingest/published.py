"""The publication date, from ranked evidence, unknown when the evidence disagrees.

Ranks, strongest first (after a curator's sidecar, which always wins):

1. the file's own metadata: a CSV/JSON column, an HTML meta tag or JSON-LD;
2. the URL's path or slug (``/2024/05/31/``, ``/20241001/``, ``-november-20-2023``);
3. a date stamp on the page: a byline or dateline, a "Published" / "Posted" / "Updated" line
   (published wins over updated), a date line under the headline;
4. a photo caption's date checked against the weekdays the text names (only when 1-3 are silent).

A date needs day, month and year stated; a numeric date such as 10.02.2024 whose order neither
the page nor its site's other pages state stays unknown. A date labelled as something else (taken,
broadcast) or standing by a photo credit is not the publication date. When two pieces of evidence of
the same or adjacent ranks disagree, the date is unknown and its provenance shows the conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from lib.ingest.cleaning import CleanText
from lib.ingest.context import CorpusContext
from lib.ingest.dates import (
    WEEKDAYS,
    DateLine,
    dates_in_url,
    find_full_dates,
    label_meaning,
    parse_date,
    read_date,
    read_date_line,
)
from lib.ingest.header import body_start, is_photo_credit, next_line, previous_text
from lib.ingest.outlets import registered_domain
from lib.records import Field, RawArticle, RemovedLine

METADATA, URL, TEXT, CAPTION = 1, 2, 3, 4
CAPTION_WINDOW_DAYS = 6
CAPTION_MAX_WORDS = 40
WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b")
ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)")


@dataclass(frozen=True)
class Evidence:
    """One piece of date evidence: its rank, the day (or the two days an unordered numeric date
    can mean), where it came from, and its label ("published", "updated" or "")."""

    rank: int
    days: tuple[date, ...]
    source: str
    label: str = ""

    @property
    def definite(self) -> bool:
        return len(self.days) == 1

    def allows(self, day: date) -> bool:
        return day in self.days


def sidecar_source(sidecar: dict[str, str]) -> str:
    """Describe a sidecar value's provenance, with the curator's source where given."""
    note = sidecar.get("source", "").strip()
    return f"sidecar ({note})" if note else "sidecar"


def read_metadata_date(value: str) -> tuple[date, ...]:
    """The day a metadata value states: ISO first, numeric only with a stated order, written forms."""
    text = value.strip()
    iso = ISO_PREFIX.match(text)
    if iso:
        parsed = parse_date(f"{iso[1]}-{iso[2]}-{iso[3]}")
        return (parsed,) if parsed else ()
    readings, _, _ = read_date(text)
    if readings or not re.search(r"[A-Za-z]{3}", text):
        return readings
    parsed = parse_date(text)
    return (parsed,) if parsed else ()


def metadata_evidence(raw: RawArticle) -> list[Evidence]:
    if not raw.published:
        return []
    where = dict(raw.notes).get("published", "")
    source = f"{raw.origin} metadata" + (f" ({where})" if where else "")
    days = read_metadata_date(raw.published)
    return [Evidence(METADATA, days, source)] if days else []


def url_evidence(url: str) -> list[Evidence]:
    return [Evidence(URL, (day,), f"url: {written}") for written, day in dates_in_url(url or "")]


def _page_order(stamps: list[DateLine]) -> dict[str, str]:
    """{separator: order} stated by the page's own numeric dates."""
    orders: dict[str, set[str]] = {}
    for stamp in stamps:
        if stamp.order in ("MD", "DM"):
            orders.setdefault(stamp.separator, set()).add(stamp.order)
    return {sep: next(iter(found)) for sep, found in orders.items() if len(found) == 1}


def _ordered(stamp: DateLine, page: dict[str, str], site: str) -> tuple[tuple[date, ...], str]:
    """The readings of a stamp, narrowed to one when the page or its site states the order, and how."""
    if len(stamp.readings) == 1:
        return stamp.readings, ""
    order, where = (page[stamp.separator], "this page") if stamp.separator in page else (site, "this site's pages")
    month_day, day_month = stamp.readings
    note = f"; {'month-day' if order == 'MD' else 'day-month'} order stated by {where}"
    return ((month_day,), note) if order == "MD" else ((day_month,), note) if order == "DM" else (stamp.readings, "")


def _stamp_label(lines: tuple[RemovedLine, ...], index: int, stamp: DateLine) -> str:
    """The stamp's own label, or that of a label line just above it ("Transcript of broadcast:")."""
    above = previous_text(lines, index)
    if not stamp.label and above.endswith(":") and len(above.split()) <= 6:
        return label_meaning(above) or stamp.label
    following = next_line(lines, index)
    if following is not None and is_photo_credit(following):
        return "other"  # the date of the picture the credit belongs to
    return stamp.label


def text_evidence(clean: CleanText, *, url: str, context: CorpusContext) -> list[Evidence]:
    """Date stamps in the page's header, and labelled ("Published …") stamps anywhere."""
    lines = clean.lines
    start = body_start(lines)
    stamps = [(index, read_date_line(line.text)) for index, line in enumerate(lines)]
    found = [(index, stamp) for index, stamp in stamps
             if stamp and (index < start or stamp.label in ("published", "updated"))]
    page = _page_order([stamp for _, stamp in stamps if stamp])
    site = context.numeric_orders.get(registered_domain(url), "") if url else ""
    evidence = []
    for index, stamp in found:
        label = _stamp_label(lines, index, stamp)
        if label != "other":
            days, note = _ordered(stamp, page, site)
            evidence.append(Evidence(TEXT, days, f'text: "{stamp.text[:60]}"{note}', label))
    return evidence


def _describe(evidence: list[Evidence]) -> str:
    parts = []
    for item in evidence:
        shown = " or ".join(day.isoformat() for day in item.days)
        parts.append(f"{shown} ({item.source})")
    return "; ".join(dict.fromkeys(parts))


def _confidence(chosen: Evidence, agreeing: list[Evidence]) -> str:
    if chosen.rank == METADATA or len({item.rank for item in agreeing}) > 1:
        return "high"
    return "high" if chosen.label == "published" else "medium"


def resolve(evidence: list[Evidence]) -> Field | None:
    """The date the strongest evidence states, or a conflict; None when no rank 1-3 evidence exists."""
    for rank in (METADATA, URL, TEXT):
        here = [item for item in evidence if item.rank == rank and item.label != "updated"]
        if not here:
            continue
        definite = {item.days[0] for item in here if item.definite}
        if len(definite) != 1:
            reason = "conflict" if definite else "ambiguous numeric date, order not stated"
            return Field("", f"{reason}: {_describe(here)}", "none")
        day = definite.pop()
        near = [item for item in evidence if item.rank in (rank, rank + 1) and item.rank <= TEXT
                and item.label != "updated"]
        against = [item for item in near if not item.allows(day)]
        if against:
            return Field("", f"conflict: {_describe(near)}", "none")
        chosen = max((item for item in here if item.definite), key=lambda item: item.label == "published")
        agreeing = [item for item in evidence if item.allows(day)]
        return Field(day.isoformat(), chosen.source, _confidence(chosen, agreeing))
    updates = [item for item in evidence if item.label == "updated"]
    if updates:
        return Field("", f"only an update date: {_describe(updates)}", "none")
    return None


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


def caption_field(clean: CleanText) -> Field:
    """A caption date checked against the weekdays the text names; without a weekday, nothing."""
    captions = [
        found for removed in clean.removed
        if removed.reason == "photo credit" and len(removed.text.split()) <= CAPTION_MAX_WORDS
        for _, found in find_full_dates(removed.text)
    ]
    weekdays = weekdays_in(clean.kept_lines)
    if not captions or not weekdays:
        return Field()
    caption = max(captions)
    body_dates = [found for line in clean.kept_lines for _, found in find_full_dates(line)]
    anchor = max([caption, *body_dates])
    published, source, confidence = date_from_caption(anchor, weekdays)
    if confidence == "low":
        return Field()
    if anchor != caption:
        source = f"{source}; moved past a later date in the text"
    return Field(published.isoformat(), f"{source} ({caption:%b %d, %Y})", confidence)


def published_field(
    raw: RawArticle, clean: CleanText, sidecar: dict[str, str], *, url: str, context: CorpusContext
) -> Field:
    """Publication date, strongest evidence first; never a guess."""
    if sidecar.get("published"):
        parsed = parse_date(sidecar["published"])
        if parsed:
            return Field(parsed.isoformat(), sidecar_source(sidecar), "high")
    evidence = metadata_evidence(raw) + url_evidence(url) + text_evidence(clean, url=url, context=context)
    resolved = resolve(evidence)
    return resolved if resolved is not None else caption_field(clean)
