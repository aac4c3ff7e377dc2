"""Names as written and as compared: normalising a mention, folding case, accents and joiners,
titles before a name, initials and the head word that gives a name its type."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib import DATA_DIR

TITLES_FILE = DATA_DIR / "person_titles.csv"
HEADS_FILE = DATA_DIR / "name_heads.csv"
LEADING_DETERMINER = re.compile(r"^(the|a|an)\s+", re.I)
POSSESSIVE = re.compile(r"(['’]s|['’])$")
TRAILING_CONNECTOR = re.compile(r"(?:\s+(?:of|and|for|the|on|in|&))+$", re.I)
"""A name the model cut after a small word ("Joint Chiefs of") loses it."""
ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
INITIAL_SKIP = frozenset({"of", "the", "and", "for", "&", "on", "in", "de", "du", "des", "la", "le", "to", "at"})
CONNECTORS = frozenset({"of", "on", "for", "in", "at", "de", "del", "du", "des", "la", "le", "and", "to", "the"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ben", "ibn", "abu", "van", "von", "der", "den", "de", "da", "di",
                            "du", "la", "le", "del", "dos", "das", "mac", "st"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                        "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest", "inner",
                        "outer", "new", "old"})
JOINERS = re.compile(r"[\u2010-\u2015\-'\u2018\u2019`´.]")
_EDGE_PUNCT = " ,;:-–—\"'“”‘’()[]{}"


@lru_cache(maxsize=1 << 16)  # names repeat across a corpus
def normalise_mention(text: str) -> str:
    """Strip determiners, possessives, line breaks, stray brackets and trailing punctuation."""
    name = " ".join(str(text).split())
    name = LEADING_DETERMINER.sub("", name)
    name = _cut_unbalanced(name)
    name = POSSESSIVE.sub("", name).strip(_EDGE_PUNCT)
    name = TRAILING_CONNECTOR.sub("", name)
    if name.endswith(".") and not ACRONYM.match(name) and not re.search(r"\b[A-Z]\.$", name):
        name = name.rstrip(".")
    return name


def _cut_unbalanced(name: str) -> str:
    """Keep the part before an unclosed bracket ("National Hurricane Center (NHC" -> the name)."""
    for opening, closing in ("()", "[]"):
        if name.count(opening) > name.count(closing):
            head = name[: name.rindex(opening)].strip()
            name = head or name.replace(opening, "")
        elif name.count(closing) > name.count(opening):
            name = name.replace(closing, "")
    return name


def match_key(name: str) -> str:
    """The key variants share: acronyms without dots (U.S. -> US)."""
    return name.replace(".", "") if ACRONYM.match(name) else name


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The form names are compared in: no case, accents, hyphens, apostrophes, dots or spaces.

    "Ben-Gvir", "Ben Gvir" and "BEN GVIR" fold alike; so do "António" and "Antonio", "U.S." and "US".
    """
    value = unicodedata.normalize("NFKD", name)
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).casefold()
    return re.sub(r"\s+", "", JOINERS.sub("", value))


def fold_words(name: str) -> list[str]:
    """The words of a name, each folded (hyphens split words: "Ben-Gvir" -> ben, gvir)."""
    value = re.sub(r"[\u2010-\u2015\-]", " ", name)
    return [fold(word) for word in value.split() if fold(word)]


def is_acronym(name: str) -> bool:
    """An acronym or an all-capitals single word ("IDF", "U.S.", "USACE")."""
    return bool(ACRONYM.match(name)) or (" " not in name and name.isupper() and 2 <= len(name) <= 6)


def initials_variants(name: str) -> set[str]:
    """Initials with and without the small words (Voice of America -> VA and VOA)."""
    found = {initials(name), initials(name, skip=frozenset())}
    return {value for value in found if len(value) >= 2}


def initials(name: str, *, skip: frozenset[str] = INITIAL_SKIP) -> str:
    """Initials of a multi-word name's significant words (Israel Defense Forces -> IDF, U.S. Army -> USA)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in skip]
    if len(words) < 2:
        return ""
    letters = []
    for word in words:
        if ACRONYM.match(word) or (word.isupper() and len(word) <= 4):
            letters.append(word.replace(".", ""))
        elif word[0].isupper() or word.lower() in INITIAL_SKIP:
            letters.append(word[0])
    return "".join(letters).upper()


@dataclass(frozen=True)
class Titles:
    """Personal titles and the words that only come before one."""

    titles: frozenset[str]
    modifiers: frozenset[str]

    def is_title_word(self, word: str) -> bool:
        bare = word.rstrip(".").lower()
        return bare in self.titles or bare in self.modifiers


@lru_cache(maxsize=2)
def load_titles(path: Path = TITLES_FILE) -> Titles:
    """The editable list of personal titles (lib/data/person_titles.csv)."""
    rows = _read_csv(path)
    return Titles(
        frozenset(r["word"].lower() for r in rows if r["kind"] == "title"),
        frozenset(r["word"].lower() for r in rows if r["kind"] == "modifier"),
    )


@lru_cache(maxsize=2)
def load_heads(path: Path = HEADS_FILE) -> dict[tuple[str, str], str]:
    """{(word, "first" or "last"): label} from lib/data/name_heads.csv."""
    return {(r["word"].lower(), r["position"]): r["label"].upper() for r in _read_csv(path)}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def is_person_shaped(words: list[str]) -> bool:
    """One to four capitalised words (particles such as "al" or "bin" allowed), no digits."""
    if not 1 <= len(words) <= 4:
        return False
    for word in words:
        bare = word.strip(".,")
        if bare.lower() in NAME_PARTICLES and len(words) > 1:
            continue
        if not bare or not bare[0].isupper() or any(ch.isdigit() for ch in bare):
            return False
    return head_label(" ".join(words)) is None


def split_title(name: str) -> tuple[str, str]:
    """("Gen.", "Mike Mullen") for "Gen. Mike Mullen"; ("", name) when no title leads the name.

    A leading run of titles and modifiers counts only when it holds a title and what follows
    is shaped like a person's name ("General Motors" keeps its first word).
    """
    titles = load_titles()
    words = name.split()
    cut = 0
    while cut < len(words) and titles.is_title_word(words[cut]):
        cut += 1
    if cut == 0 or cut == len(words):
        return "", name
    lead = [w.rstrip(".").lower() for w in words[:cut]]
    if not any(word in titles.titles for word in lead) or not is_person_shaped(words[cut:]):
        return "", name
    return " ".join(words[:cut]), " ".join(words[cut:])


RANKS = frozenset({"general", "admiral"})
"""Title words only after a modifier ("Major General", "Rear Admiral"); alone they start names ("General Motors")."""


def is_only_titles(name: str) -> bool:
    """Whether a mention is made only of titles ("Master Sgt", "Prime Minister", "Major General")."""
    titles = load_titles()
    words = [w.rstrip(".").lower() for w in name.split()]
    if len(words) > 1 and words[-1] in RANKS and all(titles.is_title_word(w) for w in words[:-1]):
        return True
    return bool(words) and all(titles.is_title_word(w) for w in words) and any(w in titles.titles for w in words)


BEFORE_TITLE_ONLY = frozenset({"rear", "vice", "deputy", "acting", "former", "lance", "staff", "master", "petty",
                               "interim"})
"""Modifiers that only ever stand before a title ("Rear Admiral"): never the end of a name."""


def trailing_titles(name: str) -> int:
    """How many personal titles end a name ("U.S. Army Capt" ends in one): the model sometimes
    runs a name into the rank of the next one. Nothing is cut from a name made only of titles."""
    titles = load_titles()
    words = name.split()
    cut = len(words)
    while cut > 1 and (words[cut - 1].rstrip(".").lower() in titles.titles
                       or words[cut - 1].lower() in BEFORE_TITLE_ONLY):
        cut -= 1
    if cut == len(words) or all(titles.is_title_word(w) for w in words[:cut]):
        return 0
    if not any(w.rstrip(".").lower() in titles.titles or w.lower() in BEFORE_TITLE_ONLY for w in words[cut:]):
        return 0
    return len(words) - cut


def ends_with_title(text: str) -> bool:
    """Whether the text just before a name ends in a personal title ("… Councilmember ")."""
    words = text.split()
    if not words:
        return False
    last = words[-1].rstrip(".,").lower()
    return last in load_titles().titles and (words[-1][0].isupper() or len(words) == 1)


def head_label(name: str) -> str | None:
    """The label a name's head word gives it: its last word before "of"/"on"/…, else its first word."""
    words = name.split()
    if not words:
        return None
    heads = load_heads()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in CONNECTORS), len(words))
    last = words[cut - 1].strip(".,").lower()
    first = words[0].strip(".,").lower()
    if len(words) > 1 and (last, "last") in heads:
        return heads[(last, "last")]
    if len(words) > 1 and (first, "first") in heads:
        return heads[(first, "first")]
    return None
