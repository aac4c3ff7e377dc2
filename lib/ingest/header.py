"""The top of a page, by the shape of its lines: headline-like lines, stamps (bylines, dates, a
person and their office), captions, and where the body starts."""

from __future__ import annotations

import re

from lib.ingest.bylines import read_byline, role_line
from lib.ingest.dates import FULL_DATE, read_date_line
from lib.ingest.outlets import Outlet
from lib.records import RemovedLine

HEADER_LINES = 30
"""How far down a page its header (masthead, headline, byline, date) may reach."""
BODY_MIN_WORDS = 12
TITLE_MAX_WORDS = 30
GALLERY_SUFFIX = re.compile(r"\s*\[(?:image|photo|picture|video)\s+\d+\s+of\s+\d+\]\s*$", re.IGNORECASE)
CAPTION_END = re.compile(rf"(?:,|\bon|\bin)\s+{FULL_DATE.pattern}\.?\s*(?:\([^()]*\)\.?)?\s*$")
ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
URL_LIKE = re.compile(r"https?://|www\.|\.(?:com|org|net|gov|mil)\b|\.(?:jpe?g|png|gif|svg|pdf|mp3|mp4)\b", re.I)
SENTENCE_END = re.compile(r"(\w+)[.!?]\s+[A-Z]")
ABBREVIATIONS = frozenset(
    "gov gen sen rep sgt col capt cpt adm cmdr maj prof mrs rev sec amb lt st jr sr inc corp co ltd vs no vol "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft dept univ ave blvd".split()
)
TIME_LINE = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?$", re.IGNORECASE)
PHOTO_CREDIT_START = re.compile(r"^(?:photo|image|video|picture)s?\s*(?:by|:)|^(?:credit|courtesy)\b", re.I)


def strip_gallery_suffix(text: str) -> str:
    """ "Title [Image 4 of 5]" → "Title"."""
    return GALLERY_SUFFIX.sub("", text)


def two_sentences(text: str) -> bool:
    """A full stop ending a word, then a capital ("…in Bangladesh. Image by…"); "Gov. Smith" is one sentence."""
    for match in SENTENCE_END.finditer(text):
        word = match.group(1)
        if word[-2:].isalpha() and word[-2:].islower() and word.casefold() not in ABBREVIATIONS:
            return True
    return False


def is_title_like(text: str) -> bool:
    """Shaped like a headline: 2-30 words, starting with a capital or digit, not shouted, not a
    sentence, not an address, a date, a time, a byline or a file name."""
    text = strip_gallery_suffix(text.strip())
    tokens = text.split()
    first = text.lstrip("‘'\"“«(")[:1]
    if not 2 <= len(tokens) <= TITLE_MAX_WORDS or not (first.isupper() or first.isdigit()):
        return False
    if not any(ch.islower() for ch in text) or (text[-1] in ".:;,!" and not ABBREVIATION_END.search(text)):
        return False
    if URL_LIKE.search(text) or "_" in text or "@" in text or TIME_LINE.match(text) or two_sentences(text):
        return False
    return read_date_line(text) is None


def is_caption(text: str) -> bool:
    """A photo caption's shape: a sentence that ends with the place and date of the picture."""
    return bool(CAPTION_END.search(text.strip()))


def is_stamp(text: str, registry: tuple[Outlet, ...]) -> bool:
    """A byline, a date stamp, or a person and their office: what sits under a headline."""
    return read_date_line(text) is not None or read_byline(text, registry) is not None or role_line(text)


def is_photo_credit(line: RemovedLine) -> bool:
    """A line cleaning removed as the credit of a picture."""
    return line.reason == "photo credit" and bool(PHOTO_CREDIT_START.match(line.text))


def _continues(lines: tuple[RemovedLine, ...], index: int) -> bool:
    """Whether the next line carries on the same sentence (a hard-wrapped paragraph)."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is None or following.reason or not following.text[0].islower():
        return False
    return not lines[index].text.rstrip().endswith((".", ":"))


def body_start(lines: tuple[RemovedLine, ...]) -> int:
    """Index of the first kept line that is body text; len(lines) when there is none."""
    for index, line in enumerate(lines):
        if line.reason:
            continue
        if _continues(lines, index):
            return index
        if len(line.text.split()) >= BODY_MIN_WORDS and not is_title_like(line.text) and not is_caption(line.text):
            return index
    return len(lines)


def header_lines(lines: tuple[RemovedLine, ...]) -> tuple[RemovedLine, ...]:
    """The lines above the body, at most HEADER_LINES of them."""
    return lines[:min(body_start(lines), HEADER_LINES)]


def previous_text(lines: tuple[RemovedLine, ...], index: int) -> str:
    return lines[index - 1].text if index > 0 else ""


def next_line(lines: tuple[RemovedLine, ...], index: int) -> RemovedLine | None:
    return lines[index + 1] if index + 1 < len(lines) else None
