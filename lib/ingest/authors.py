"""The author: the sidecar, the file's metadata, then the page's byline; a byline naming only an
outlet, a desk or an office gives no author, and a photo credit gives one only on a photo's own page."""

from __future__ import annotations

import re

from lib.ingest.bylines import person_name, read_byline
from lib.ingest.cleaning import CleanText
from lib.ingest.header import header_lines
from lib.ingest.outlets import Outlet, lookup_outlet
from lib.ingest.published import sidecar_source
from lib.records import Field, RawArticle, RemovedLine

TEAM_BIO = re.compile(r"^(?:the\s+)?(?P<name>.+?)\s+is an?\s+(?:team|\w+ (?:reporter|correspondent))", re.I)
PHOTO_BYLINE_MAX_WORDS = 10


def names_in_value(value: str, registry: tuple[Outlet, ...]) -> list[str]:
    """The people an author column or meta tag names ("A, B and C", "By A"); none for "Reuters"."""
    value = re.sub(r"^\s*by\s+", "", value, flags=re.IGNORECASE)
    pieces = [p for p in re.split(r"\s*(?:;|,|&|\||\band\b)\s*", value) if p.strip()]
    names = [person_name(piece) for piece in pieces if lookup_outlet(piece, registry) is None]
    return [name for name in names if name]


def _byline_lines(clean: CleanText) -> list[RemovedLine]:
    """The page's header, then byline lines further down, in page order."""
    header = header_lines(clean.lines)
    later = [line for line in clean.lines[len(header):] if line.reason in ("byline", "author bio")]
    return [*header, *later]


def byline_author(clean: CleanText, registry: tuple[Outlet, ...]) -> Field:
    """The people the page's byline names (a "Photo by" line only when no other byline names anyone)."""
    photo = Field()
    for line in _byline_lines(clean):
        byline = read_byline(line.text, registry)
        if byline is not None and byline.names:
            if not byline.photo:
                return Field(", ".join(byline.names), f'text: byline "{line.text[:60]}"', "medium")
            if not photo.known and "|" not in line.text and len(line.text.split()) <= PHOTO_BYLINE_MAX_WORDS:
                photo = Field(", ".join(byline.names), f'text: photo byline "{line.text[:60]}"', "low")
        bio = TEAM_BIO.match(line.text) if line.reason == "author bio" else None
        if bio and person_name(bio.group("name")):
            return Field(person_name(bio.group("name")), f'text: author bio "{line.text[:60]}"', "medium")
    return photo


def author_field(raw: RawArticle, clean: CleanText, sidecar: dict[str, str], registry: tuple[Outlet, ...]) -> Field:
    """Author from the sidecar, the file's metadata or a byline; unknown rather than an outlet."""
    if sidecar.get("author"):
        return Field(sidecar["author"], sidecar_source(sidecar), "high")
    names = names_in_value(raw.author, registry) if raw.author.strip() else []
    if names:
        where = dict(raw.notes).get("author", "")
        return Field(", ".join(names), f"{raw.origin} metadata" + (f" ({where})" if where else ""), "high")
    return byline_author(clean, registry)
