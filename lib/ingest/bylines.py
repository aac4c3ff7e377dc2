"""Bylines as pages write them, and the person names in them.

"By A and B", "A | Publisher", "A, Associated Press", "Reporting by A; Editing by B", "Written by A",
"Posted by A". A byline that names only an outlet, a desk, a bureau or an office ("By NDT Bureau",
"By DCMS-5", "By VOA News", "Staff") names no author. Names keep their own words only: ranks and
honorifics ("Tech. Sgt.", "Dr.") are dropped, using the editable lexicon ``lib/data/name_words.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib import DATA_DIR
from lib.ingest.dates import read_date
from lib.ingest.outlets import Outlet, find_outlets, lookup_outlet

NAME_WORDS_FILE = DATA_DIR / "name_words.csv"
BYLINE_LEAD = re.compile(
    r"^[\s•·*]*(?P<lead>(?:(?:additional\s+)?reporting|posted|written|story|words|text|report|photos?|video)\s+by"
    r"|by)\b[\s:·•|-]*(?P<rest>.*)$",
    re.IGNORECASE,
)
PIPE_BYLINE = re.compile(r"^(?P<name>[^|]{3,60}?)\s*\|\s*(?P<rest>[^|]{0,60})$")
SKIPPED_PARTS = re.compile(r"^\s*(?:editing|edited|graphics|photos?|design|compiled|translated)\s+by\b", re.I)
PARTICLES = frozenset(
    "de da das do dos di du del della van von der den ter bin ibn binti al el la le y".split()
)
BYLINE_MAX_WORDS = 20
PHOTO_LEADS = ("photo by", "photos by", "video by")


@dataclass(frozen=True)
class Byline:
    """What a byline line names: people, and outlets (publishers or wires) it credits."""

    text: str
    names: tuple[str, ...]
    outlets: tuple[Outlet, ...]
    photo: bool = False
    """A "Photo by" line: its person is the author only of a page that is the photo itself."""


@lru_cache(maxsize=2)
def load_name_words(path: Path = NAME_WORDS_FILE) -> dict[str, tuple[tuple[str, ...], ...]]:
    """{kind: phrases as token tuples}: titles and ranks, services, desk, organisation, role and
    platform words."""
    kinds: dict[str, list[tuple[str, ...]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kinds.setdefault(row["kind"].strip(), []).append(tuple(row["phrase"].casefold().split()))
    return {kind: tuple(sorted(phrases, key=len, reverse=True)) for kind, phrases in kinds.items()}


def _prefix(tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase the tokens start with (0 if none)."""
    folded = [token.casefold() for token in tokens]
    for phrase in phrases:
        if tuple(folded[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading ranks and honorifics ("Air Force Master Sgt.", "Dr."), keeping two tokens at least."""
    words = load_name_words()
    while len(tokens) > 2:
        title = _prefix(tokens, words["title"])
        if not title:
            service = _prefix(tokens, words["service"])
            title = service + _prefix(tokens[service:], words["title"]) if service else 0
            title = title if title > service else 0
        if not title or len(tokens) - title < 2:
            break
        tokens = tokens[title:]
    return tokens


def has_word(tokens: list[str], kind: str) -> bool:
    """Whether any token (or run of tokens) is a lexicon phrase of that kind."""
    phrases = load_name_words()[kind]
    return any(_prefix(tokens[start:], phrases) for start in range(len(tokens)))


def _name_token(token: str) -> bool:
    core = token.rstrip(".,")
    if not core or any(ch.isdigit() for ch in core) or "_" in core or "@" in core:
        return False
    if core.casefold() in PARTICLES:
        return True
    letters = core.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
    return letters.isalpha() and core[0].isupper()


def person_name(text: str) -> str:
    """The person a piece of a byline names, without rank or honorific; "" if it names no person."""
    tokens = text.strip(" .,;:·•|").split()
    if not 2 <= len(tokens) <= 8:
        return ""
    tokens = strip_titles(tokens)
    capitals = [t for t in tokens if t.rstrip(".").casefold() not in PARTICLES]
    if not 2 <= len(tokens) <= 5 or len(capitals) < 2 or not all(_name_token(t) for t in tokens):
        return ""
    if all(t.isupper() and len(t.rstrip(".")) <= 4 for t in capitals):
        return ""  # a run of acronyms ("NDT", "AP NY") names a desk, not a person
    if any(has_word(tokens, kind) for kind in ("desk", "org", "role", "platform")):
        return ""
    return " ".join(tokens).rstrip(",")


def _pieces(rest: str) -> list[str]:
    """The comma / "and" / "&" separated pieces of a byline's remainder, skipping editing credits."""
    pieces: list[str] = []
    for part in re.split(r"\s*;\s*", rest):
        if SKIPPED_PARTS.match(part):
            continue
        part = re.sub(r"^\s*(?:(?:additional\s+)?reporting|writing)\s+by\s+", "", part, flags=re.I)
        pieces += [p for p in re.split(r"\s*(?:,|&|\band\b)\s*", part) if p.strip()]
    return pieces


def read_pieces(pieces: list[str], registry: tuple[Outlet, ...]) -> tuple[list[str], list[Outlet]]:
    """People named before the first affiliation, and the outlets named anywhere."""
    names: list[str] = []
    outlets: list[Outlet] = []
    affiliated = False
    for piece in pieces:
        outlet = lookup_outlet(piece.strip(" ."), registry)
        found = [outlet] if outlet else find_outlets(piece, registry)
        outlets += [o for o in found if o not in outlets]
        name = "" if found or affiliated else person_name(piece)
        names += [name] if name else []
        affiliated = affiliated or not name
    return names, outlets


@lru_cache(maxsize=8192)
def _read_byline(line: str, registry: tuple[Outlet, ...]) -> Byline | None:
    text = line.strip()
    if len(text.split()) > BYLINE_MAX_WORDS or (text.endswith(".") and not re.search(r"\b[A-Z]\.$", text)):
        return None
    lead = BYLINE_LEAD.match(text)
    if lead:
        if lead["lead"].lower() == "by" and lead["rest"][:1].islower():
            return None  # "by the end of the year": a sentence, not a byline
        names, outlets = read_pieces(_pieces(lead["rest"]), registry)
        return Byline(text, tuple(names), tuple(outlets), photo=lead["lead"].lower() in PHOTO_LEADS)
    pipe = PIPE_BYLINE.match(text)
    if pipe and person_name(pipe["name"]):
        rest = pipe["rest"].strip()
        outlet = lookup_outlet(rest, registry) if rest else None
        if not rest or outlet is not None or read_date(rest)[0]:  # "Jane Doe |", "| Reuters", "| March 5, 2024"
            return Byline(text, (person_name(pipe["name"]),), (outlet,) if outlet else ())
    return _name_with_outlet(text, registry)


def _name_with_outlet(text: str, registry: tuple[Outlet, ...]) -> Byline | None:
    """ "A, Associated Press": a person, then a registered outlet and nothing else."""
    head, _, tail = text.rpartition(",")
    outlet = lookup_outlet(tail.strip(" ."), registry) if head else None
    if outlet is None:
        return None
    names = [person_name(piece) for piece in re.split(r"\s*(?:,|&|\band\b)\s*", head)]
    return Byline(text, tuple(names), (outlet,)) if names and all(names) else None


def read_byline(line: str, registry: tuple[Outlet, ...]) -> Byline | None:
    """The byline a line is, or None when the line is not shaped like one."""
    return _read_byline(line, registry)


def role_line(line: str) -> bool:
    """ "Sean McCormack, Spokesman": a person and their office, as briefings and statements show them."""
    head, sep, tail = line.strip().partition(",")
    return bool(sep) and bool(person_name(head)) and has_word(tail.split(), "role") and len(tail.split()) <= 5


PLACED_BYLINE = re.compile(r"^(?P<names>.+?)\s+(?:in|at|from)\s+[A-Z][\w .'-]{1,40}$")


def placed_byline(line: str) -> bool:
    """ "Jane Doe in Jerusalem", "Jane Doe and John Roe in Washington": a byline with the reporters' place.

    The same shape can be a headline ("Joe Biden in Kyiv"), so it is only read as a stamp when
    deciding which line is the headline, never as an author.
    """
    match = PLACED_BYLINE.match(line.strip())
    pieces = re.split(r"\s*(?:,|&|\band\b)\s*", match["names"]) if match else []
    return bool(pieces) and all(person_name(piece) for piece in pieces)
