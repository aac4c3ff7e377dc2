"""What is not counted as an entity, and why: photo credits, bylines, navigation words, lone
titles, lower-case or number-only spans; what is trimmed: file names, brackets, possessive glue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib import DATA_DIR
from lib.nlp.entities.credits import CREDIT_REASON, find_credit_spans, in_spans
from lib.nlp.entities.labels import load_place_names
from lib.nlp.entities.names import (
    CONNECTORS,
    DIRECTIONS,
    _read_csv,
    ends_with_title,
    fold,
    head_label,
    is_acronym,
    is_only_titles,
    is_person_shaped,
    load_heads,
    load_titles,
    normalise_mention,
    split_title,
    trailing_titles,
)
from lib.nlp.entities.rows import iter_rows

JUNK_FILE = DATA_DIR / "entity_junk.csv"
FRAGMENTS_FILE = DATA_DIR / "entity_fragments.txt"
FILE_NAME = re.compile(r"\S*?\.(?:png|jpe?g|gif|svg|webp|tiff?)(?!(?-i:[a-z]))[^\w\s]*", re.I)
CREDIT_LEAD = re.compile(r"^\W*(?:photos?|images?|video|graphic)\s+(?:by|courtesy(?:\s+of)?|credit)\s*:?\s*", re.I)
JOINED = re.compile(r"\s+(?:&|and)\s+")
GLUE = re.compile(r"['’]s\s+(?=[A-Z])")
CONTRACTION = re.compile(r"^\s*(?:\w+['’](?:re|m|ll|ve|d)|(?:it|that|here|there|he|she|what|who|let)['’]s)\s+", re.I)
"""A pronoun and its verb run into a name ("You’re Duncan Campbell"): never part of the name."""
NOT_COUNTED_COLUMNS = ("doc_id", "sent_index", "start", "end", "text", "label", "counted_as", "reason")
PREPARED_COLUMNS = ("doc_id", "sent_index", "start", "end", "text", "label", "name", "key", "titled", "headline",
                    "after_the", "opens")
AFTER_THE = re.compile(r"\bthe\s+(?:[\w’'-]+\s+)?$", re.I)
LETTER = re.compile(r"[^\W\d_]")
OPENING = re.compile(r"(?:^|[.!?][\"”’)]*[ \t]+|\n[ \t]*)[\"“‘(]*$")
"""What comes before a word that opens a sentence or a line (where any word is capitalised)."""


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


@lru_cache(maxsize=4096)  # every mention on a line asks again
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
    return name_reason(name) or line_reason(line)


def name_reason(name: str) -> str:
    """Why a mention is not counted, judged by its name alone ("" when it is counted)."""
    if not LETTER.search(name):
        return "number only"
    if not any(ch.isupper() for ch in name) or is_mostly_lower(name):
        return "lower case"
    if is_only_titles(name):
        return "title word"
    rules = load_junk_rules()
    for pattern, reason in rules.mention:
        if pattern.fullmatch(name):
            return reason
    return ""


def line_reason(line: str) -> str:
    """Why every mention on a line is not counted (a byline, a share row), or ""."""
    for pattern, reason in load_junk_rules().line:
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


NAME_PREFIXES = frozenset({"mc", "mac", "de", "di", "da", "du", "le", "la", "van", "von", "st", "al", "el", "fitz",
                           "o", "d"})
"""Prefixes written joined to a capitalised name ("McDonald", "DeSantis", "LeBron"): no glue."""
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
GLUE_POINT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def glue_points(text: str, known: frozenset[str]) -> list[int]:
    """Where two names were run together without a space ("HaleWikinews", "SitesU.S. Department of
    State"): a lower-case letter or digit followed by a capital inside one word, when what follows
    is a name the corpus writes on its own and what precedes is no name prefix ("MacArthur")."""
    points = []
    for match in GLUE_POINT.finditer(text):
        at = match.start()
        word_start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
        head = text[word_start:at]
        if len(head) < 2 or head.lower() in NAME_PREFIXES or not head[0].isupper() and not head[0].isdigit():
            continue
        rest, word = text[at:].strip(), text[at:].split()[0]
        if fold(normalise_mention(rest)) in known or fold(normalise_mention(word)) in known:
            points.append(at)
    return points


def split_inner_title(offset: int, piece: str) -> list[tuple[int, str]]:
    """A name, a personal title and a person run into one mention ("USAID Administrator Fore",
    "New York Governor Kathy Hochul") is two names: the title is left out. The part before the
    title must read as an organisation or a place (an acronym, a head word, a known place)."""
    titles = load_titles()
    words = piece.split()
    for index in range(1, len(words) - 1):
        if words[index].rstrip(".").lower() not in titles.titles:
            continue
        first = index
        while first > 0 and titles.is_title_word(words[first - 1]):
            first -= 1
        left, rest = " ".join(words[:first]), words[index + 1:]
        if (left and is_person_shaped(rest) and not all(w.rstrip(".").lower() in SUFFIXES for w in rest)
                and (is_acronym(left) or head_label(left) or fold(left) in load_place_names())):
            after = piece.index(rest[0], len(" ".join(words[:index + 1])))
            return [(offset, left), (offset + after, " ".join(rest))]
        return [(offset, piece)]
    return [(offset, piece)]


def cut_at(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The pieces of a text between the (start, end) gaps, as (offset, piece)."""
    pieces, position = [], 0
    for start, end in sorted(cuts):
        pieces.append((position, text[position:start]))
        position = end
    pieces.append((position, text[position:]))
    return pieces


def trim_parts(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """The counted parts of a mention as (offset, text): file names, credit words and a leading
    pronoun cut; possessive glue, names run together, a title between two names and two known
    names joined by "&" or "and" split."""
    cleaned = FILE_NAME.sub(lambda m: " " * len(m.group()), text)
    cleaned = CREDIT_LEAD.sub(lambda m: " " * len(m.group()), cleaned)
    cleaned = CONTRACTION.sub(lambda m: " " * len(m.group()), cleaned)
    cuts = [(m.start(), m.end()) for m in GLUE.finditer(cleaned)]
    cuts += [(at, at) for at in glue_points(cleaned, known)] if known else []
    parts = []
    for offset, piece in cut_at(cleaned, cuts):
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            extra = trailing_titles(piece)
            if extra:
                piece = piece.rsplit(None, extra)[0]
            parts += split_inner_title(offset + lead, piece)
    return split_joined(parts, known) if known else parts


def known_names(mentions: pd.DataFrame) -> frozenset[str]:
    """Folded names the corpus tags, and the known place names."""
    return frozenset(fold(normalise_mention(str(text))) for text in mentions["text"].unique()) | load_place_names()


def find_credits(texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """Per article, the spans that credit a picture (see ``credits``)."""
    return {doc_id: find_credit_spans(text) for doc_id, text in texts.items()}


def choose_voter(raw: str, parts: list[tuple[int, str]], label: str) -> int:
    """Which part of a split mention the model's label speaks for: the last, except that a name
    before a title keeps a label other than PERSON ("USAID" of "USAID Administrator Fore")."""
    last = len(parts) - 1
    if last > 0 and label != "PERSON" and ends_with_title(raw[:parts[last][0]]):
        return last - 1
    return last


def prepare_mentions(
    mentions: pd.DataFrame, texts: dict[str, str], credits: dict[str, list[tuple[int, int]]] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counted mentions with name, fold key, title evidence and headline flag; not-counted rows)."""
    kept: list[tuple[object, ...]] = []
    dropped: list[tuple[object, ...]] = []
    columns = ("doc_id", "sent_index", "start", "end", "text", "label")
    known = known_names(mentions)
    credits = find_credits(texts) if credits is None else credits
    reasons: dict[str, str] = {}  # junk reasons of names and lines, each asked again and again
    trims: dict[str, list[tuple[int, str]]] = {}  # the parts of each written form
    for doc_id, sent, start, end, text, label in iter_rows(mentions, columns):
        full = texts.get(doc_id, "")
        if in_spans(credits.get(doc_id, []), int(start), int(end)):
            dropped.append((doc_id, sent, int(start), int(end), " ".join(str(text).split()), str(label), "",
                            CREDIT_REASON))
            continue
        raw = str(text)
        if raw not in trims:
            trims[raw] = trim_parts(raw, known)
        parts = trims[raw]
        trimmed = len(parts) != 1 or parts[0][1] != raw.strip()
        voter = choose_voter(raw, parts, str(label))
        for number, (offset, piece) in enumerate(parts):
            row_start = int(start) + offset
            row = _prepare_one(doc_id, sent, row_start, row_start + len(piece), piece, full, reasons)
            if row is None:
                continue
            name, reason, titled, headline = row
            before = full[max(0, row_start - 25):row_start]
            vote = str(label) if number == voter else ""
            if reason:
                dropped.append((doc_id, sent, row_start, row_start + len(piece), piece, vote, "", reason))
            else:
                kept.append((doc_id, sent, row_start, row_start + len(piece), piece, vote, name, fold(name),
                             titled, headline, bool(AFTER_THE.search(before)),
                             " " not in name and bool(OPENING.search(before if row_start >= 25 else "\n" + before))))
        if trimmed:
            counted = " | ".join(p for _, p in parts)
            dropped.append((doc_id, sent, int(start), int(end), " ".join(raw.split()), str(label), counted,
                            f"trimmed: {trim_reason(raw, parts, known)}"))
    return (pd.DataFrame(kept, columns=list(PREPARED_COLUMNS)),
            pd.DataFrame(dropped, columns=list(NOT_COUNTED_COLUMNS)))


def trim_reason(raw: str, parts: list[tuple[int, str]], known: frozenset[str]) -> str:
    """Why a mention was trimmed or split into ``parts``."""
    if GLUE.search(raw):
        return "possessive glue"
    if CREDIT_LEAD.search(raw):
        return "credit words"
    if glue_points(raw, known):
        return "names run together"
    if len(parts) > 1:
        return "two names joined" if JOINED.search(raw) else "a title between two names"
    if CONTRACTION.search(FILE_NAME.sub("", raw)):
        return "a pronoun and verb before the name"
    return "title words at the end" if trailing_titles(raw.strip()) else "file name or bracket"


def _prepare_one(
    doc_id: str, sent: int, start: int, end: int, piece: str, full: str, reasons: dict[str, str]
) -> tuple[str, str, bool, bool] | None:
    """(display name, junk reason, title evidence, in a headline line) of one counted part."""
    name = normalise_mention(piece)
    if not name:
        return None
    line = line_of(full, start) if full else ""
    if name not in reasons:
        reasons[name] = name_reason(name)
    if not reasons[name] and "\n" + line not in reasons:
        reasons["\n" + line] = line_reason(line)  # a line key starts with a break, no name does
    reason = reasons[name] or reasons["\n" + line]
    reason = reason or ("hashtag or handle" if full[max(0, start - 1):start] in ("#", "@") else "")
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
