"""What is not counted as an entity, and why: photo credits, bylines, navigation words, lone
titles, lower-case or number-only spans; what is trimmed: file names, brackets, possessive glue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib import DATA_DIR
from lib.nlp.entities.labels import load_place_names
from lib.nlp.entities.names import (
    CONNECTORS,
    DIRECTIONS,
    _read_csv,
    ends_with_title,
    fold,
    head_label,
    is_only_titles,
    load_heads,
    normalise_mention,
    split_title,
    trailing_titles,
)

JUNK_FILE = DATA_DIR / "entity_junk.csv"
FRAGMENTS_FILE = DATA_DIR / "entity_fragments.txt"
FILE_NAME = re.compile(r"\S*?\.(?:png|jpe?g|gif|svg|webp|tiff?)\b[^\w\s]*", re.I)
CREDIT_LEAD = re.compile(r"^\W*(?:photos?|images?|video|graphic)\s+(?:by|courtesy(?:\s+of)?|credit)\s*:?\s*", re.I)
JOINED = re.compile(r"\s+(?:&|and)\s+")
GLUE = re.compile(r"['’]s\s+(?=[A-Z])")
NOT_COUNTED_COLUMNS = ("doc_id", "sent_index", "start", "end", "text", "label", "counted_as", "reason")
PREPARED_COLUMNS = ("doc_id", "sent_index", "start", "end", "text", "label", "name", "key", "titled", "headline",
                    "after_the")
AFTER_THE = re.compile(r"\bthe\s+(?:[\w’'-]+\s+)?$", re.I)


@dataclass(frozen=True)
class JunkRules:
    """Whole-mention and whole-line patterns, each with its reason."""

    mention: tuple[tuple[re.Pattern[str], str], ...]
    line: tuple[tuple[re.Pattern[str], str], ...]


@lru_cache(maxsize=2)
def load_junk_rules(path: Path = JUNK_FILE) -> JunkRules:
    """The editable junk patterns (lib/data/entity_junk.csv)."""
    rows = _read_csv(path)
    mention = tuple((re.compile(rf"(?:{r['pattern']})", re.I), r["reason"]) for r in rows if r["scope"] == "mention")
    line = tuple((re.compile(r["pattern"], re.I), r["reason"]) for r in rows if r["scope"] == "line")
    return JunkRules(mention, line)


@lru_cache(maxsize=2)
def load_fragments(path: Path = FRAGMENTS_FILE) -> frozenset[str]:
    """Words that are never an entity on their own."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def line_of(text: str, start: int) -> str:
    """The line of the text a character offset is on."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start)
    return text[first:last if last >= 0 else len(text)]


def is_headline_line(line: str) -> bool:
    """A short line in title case without a closing full stop ("Radical Mosque Leader Vows to Die")."""
    words = line.split()
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if not 3 <= len(words) <= 16 or line.rstrip().endswith((".", ":", "”", '"')) or len(long_words) < 2:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


def is_mostly_lower(name: str) -> bool:
    """More than half the words in lower case, small words aside ("kebencian yang mengatasnamakan-Mu")."""
    words = [w for w in name.split() if w.lower() not in CONNECTORS and w[:1].isalpha()]
    return len(words) > 1 and sum(w[0].islower() for w in words) * 2 > len(words)


def junk_reason(name: str, line: str) -> str:
    """Why a mention is not counted, or "" when it is."""
    if not re.search(r"[^\W\d_]", name):
        return "number only"
    if not any(ch.isupper() for ch in name) or is_mostly_lower(name):
        return "lower case"
    if is_only_titles(name):
        return "title word"
    rules = load_junk_rules()
    for pattern, reason in rules.mention:
        if pattern.fullmatch(name):
            return reason
    for pattern, reason in rules.line:
        if pattern.search(line):
            return reason
    return ""


def split_joined(parts: list[tuple[int, str]], known: frozenset[str]) -> list[tuple[int, str]]:
    """Split "Israel & the Middle East" in two when each side is a name the corpus knows alone."""
    result = []
    for offset, piece in parts:
        match = JOINED.search(piece)
        left, right = (piece[: match.start()], piece[match.end():]) if match else ("", "")
        if match and fold(normalise_mention(left)) in known and fold(normalise_mention(right)) in known:
            result += [(offset, left), (offset + match.end(), right)]
        else:
            result.append((offset, piece))
    return result


def trim_parts(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """The counted parts of a mention as (offset, text): file names and credit words cut,
    possessive glue split, two known names joined by "&" or "and" split."""
    cleaned = FILE_NAME.sub(lambda m: " " * len(m.group()), text)
    cleaned = CREDIT_LEAD.sub(lambda m: " " * len(m.group()), cleaned)
    parts = []
    position = 0
    for piece in GLUE.split(cleaned):
        offset = cleaned.index(piece, position)
        position = offset + len(piece)
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            extra = trailing_titles(piece)
            if extra:
                piece = piece.rsplit(None, extra)[0]
            parts.append((offset + lead, piece))
    return split_joined(parts, known) if known else parts


def prepare_mentions(mentions: pd.DataFrame, texts: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counted mentions with name, fold key, title evidence and headline flag; not-counted rows)."""
    kept: list[tuple[object, ...]] = []
    dropped: list[tuple[object, ...]] = []
    columns = ("doc_id", "sent_index", "start", "end", "text", "label")
    known = frozenset(fold(normalise_mention(str(text))) for text in mentions["text"].unique()) | load_place_names()
    for doc_id, sent, start, end, text, label in mentions[list(columns)].itertuples(index=False):
        full = texts.get(doc_id, "")
        raw = str(text)
        parts = trim_parts(raw, known)
        trimmed = len(parts) != 1 or parts[0][1] != raw.strip()
        for number, (offset, piece) in enumerate(parts):
            row_start = int(start) + offset
            row = _prepare_one(doc_id, sent, row_start, row_start + len(piece), piece, full)
            if row is None:
                continue
            name, reason, titled, headline = row
            after_the = bool(AFTER_THE.search(full[max(0, row_start - 25):row_start]))
            vote = str(label) if number == len(parts) - 1 else ""
            if reason:
                dropped.append((doc_id, sent, row_start, row_start + len(piece), piece, vote, "", reason))
            else:
                kept.append((doc_id, sent, row_start, row_start + len(piece), piece, vote, name, fold(name),
                             titled, headline, after_the))
        if trimmed:
            counted = " | ".join(p for _, p in parts)
            why = ("possessive glue" if GLUE.search(raw) else "credit words" if CREDIT_LEAD.search(raw)
                   else "two names joined" if len(parts) > 1 else "title words at the end"
                   if trailing_titles(raw.strip()) else "file name or bracket")
            dropped.append((doc_id, sent, int(start), int(end), " ".join(raw.split()), str(label), counted,
                            f"trimmed: {why}"))
    return (pd.DataFrame(kept, columns=list(PREPARED_COLUMNS)),
            pd.DataFrame(dropped, columns=list(NOT_COUNTED_COLUMNS)))


def _prepare_one(
    doc_id: str, sent: int, start: int, end: int, piece: str, full: str
) -> tuple[str, str, bool, bool] | None:
    """(display name, junk reason, title evidence, in a headline line) of one counted part."""
    name = normalise_mention(piece)
    if not name:
        return None
    line = line_of(full, start) if full else ""
    reason = junk_reason(name, line)
    title, bare = split_title(name)
    titled = bool(title) or ends_with_title(full[max(0, start - 30):start]) if full else bool(title)
    return bare, reason, titled, is_headline_line(line)


def find_lower_words(texts: dict[str, str]) -> frozenset[str]:
    """Every word the corpus writes in lower case (common words, not names)."""
    words: set[str] = set()
    for text in texts.values():
        words.update(re.findall(r"(?<![\w’'-])[a-z][a-z’'-]+", text))
    return frozenset(words)


def is_headline_fragment(names: list[str], lower_words: frozenset[str]) -> bool:
    """Whether a name found only in title-case lines holds a common word that is not its head
    ("Ontario Votes", "Navy Resources Arrive", "Dark Nights"): the model joined a headline's words.
    A name of rare words ("Djibouti", "Carlos Mario Jimenez") or with a head word ("… Office") stays."""
    for name in names:
        words = name.split()
        if head_label(name) and (words[-1].lower(), "last") in load_heads():
            return False
        common = [w for w in words if w.lower().strip(",.&/") in lower_words and w.lower() not in DIRECTIONS
                  and w.lower() not in CONNECTORS]
        if not common:
            return False
    return True
