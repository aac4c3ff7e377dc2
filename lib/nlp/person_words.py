"""Words for people (an editable lexicon): titles and ranks that are never a name, nouns for a person."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from lib import DATA_DIR

PERSON_WORDS_FILE = DATA_DIR / "person_words.csv"
_WORD = re.compile(r"[\w'’]+(?:\.[\w]+)*")


@lru_cache(maxsize=2)
def load_person_words(path: Path = PERSON_WORDS_FILE) -> dict[str, frozenset[str]]:
    """{kind: words} for the kinds "title", "qualifier", "role" and "people" (lines starting # are notes)."""
    kinds: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            word = (row.get("word") or "").strip().lower()
            if word and not word.startswith("#"):
                kinds.setdefault((row.get("kind") or "").strip(), set()).add(word)
    return {kind: frozenset(words) for kind, words in kinds.items()}


def _words(text: str) -> list[str]:
    return [word.lower().rstrip(".") for word in _WORD.findall(text)]


def is_title_only(text: str) -> bool:
    """True for a name made only of titles and ranks ("Master Sgt", "Prime Minister")."""
    words = _words(text)
    lexicon = load_person_words()
    known = lexicon.get("title", frozenset()) | lexicon.get("qualifier", frozenset())
    return bool(words) and all(word in known for word in words) and any(
        word in lexicon.get("title", frozenset()) for word in words)


def counts_people(word: str) -> bool:
    """True for a noun that counts people ("people", "residents", "workers", "officials")."""
    lexicon = load_person_words()
    key = word.lower().rstrip(".")
    return any(key in lexicon.get(kind, frozenset()) for kind in ("people", "role", "title"))


def is_person_word(word: str) -> bool:
    """True for a title or a noun that stands for a person ("minister", "official", "resident")."""
    lexicon = load_person_words()
    key = word.lower().rstrip(".")
    return key in lexicon.get("title", frozenset()) or key in lexicon.get("role", frozenset())
