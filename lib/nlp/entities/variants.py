"""Spelling variants of one given name ("Benjamin"/"Binyamin", "Mohammed"/"Muhammad").

Measured on 27 pairs of known transliteration variants and 29 pairs of different names
(tests/nlp/test_variants.py): Jaro-Winkler similarity puts the variants at 0.80–1.00 but
also gives 0.92–0.98 to different names that differ only at the end (Paul/Paula,
Daniel/Danielle, Louis/Louise, George/Georgia). So a pair counts as one name when the
similarity is at least 0.85 (16 of 19 variants of five letters or more pass; "Mohamed"/
"Muhammad" at 0.80 does not) and both names are at least five letters, start alike (the same
letter, two vowels, or c/k, g/j/y) and end alike (the same letter, i and y as one). Of the 29
different names only Francis/Frances still passes; the co-occurrence guard (two names in one
article are two people) and the review queue, which lists every merge made this way, cover it.
"""

from __future__ import annotations

from rapidfuzz.distance import JaroWinkler

SIMILARITY = 0.85
MIN_LENGTH = 5
VOWELS = frozenset("aeiou")
LIKE_LETTERS = ({"c", "k", "q"}, {"g", "j", "y"}, {"i", "y"})


def _alike(a: str, b: str) -> bool:
    return a == b or (a in VOWELS and b in VOWELS) or any(a in s and b in s for s in LIKE_LETTERS)


def same_given_name(a: str, b: str) -> bool:
    """Whether two folded given names are spellings of one name (see the module note)."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_LENGTH or not a.isalpha() or not b.isalpha():
        return False
    if not _alike(a[0], b[0]) or not (a[-1] == b[-1] or {a[-1], b[-1]} == {"i", "y"}):
        return False
    return JaroWinkler.similarity(a, b) >= SIMILARITY


def similar_given_name(a: str, b: str) -> bool:
    """A weaker likeness worth a reviewer's look: one name starts the other ("Joe"/"Joseph")
    or they are close but not close enough to merge."""
    if a == b or same_given_name(a, b):
        return False
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return JaroWinkler.similarity(a, b) >= 0.8
