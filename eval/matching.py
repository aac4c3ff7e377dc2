"""How the benchmark compares a value the dashboard gives with the truth: folded text and names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from lib.ingest.outlets import Outlet, load_registry, lookup_outlet

LABEL_WORDS = {
    "PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "NORP": "group",
    "FAC": "facility", "EVENT": "event",
}
"""spaCy's entity labels in the truth's words."""
_PUNCT = re.compile(r"[\u2010-\u2015\-'\u2018\u2019\u201c\u201d\".,:;!?()\[\]]+")


def fold(text: object) -> str:
    """Lower case, no accents, no punctuation, hyphens as spaces, one space between words."""
    value = unicodedata.normalize("NFKD", str(text or ""))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = _PUNCT.sub(" ", value.casefold())
    return " ".join(value.split())


def fold_name(text: object) -> str:
    """A name folded, without a leading "the" or a trailing possessive."""
    value = fold(text)
    value = re.sub(r"^the ", "", value)
    return re.sub(r" s$", "", value)


def same_outlet(predicted: str, name: str, domain: str, registry: Iterable[Outlet] | None = None) -> bool:
    """Whether a predicted outlet names the truth's publisher (by name, alias or domain)."""
    if not predicted:
        return False
    outlets = tuple(registry) if registry is not None else load_registry()
    folded = fold(predicted)
    if folded in (fold(name), fold(domain)) or (domain and predicted.lower().endswith(domain)):
        return True
    outlet = lookup_outlet(predicted, outlets)
    if outlet is None:
        return False
    return fold(name) in {fold(alias) for alias in outlet.names} or any(
        domain == own or domain.endswith(f".{own}") or own.endswith(f".{domain}") for own in outlet.domains
    )


def split_authors(value: str) -> list[str]:
    """The names in an author field: "A, B and C", "A; B", "A & B"."""
    parts = re.split(r"\s*(?:;|,|&|\band\b|\|)\s*", value or "")
    return [part.strip() for part in parts if part.strip()]


def same_authors(predicted: str, truth: Iterable[str]) -> bool:
    """The same set of people, folded."""
    return {fold_name(a) for a in split_authors(predicted)} == {fold_name(a) for a in truth}


def same_title(predicted: str, truth: str) -> bool:
    """The same headline, folded."""
    return bool(predicted) and fold(predicted) == fold(truth)


def name_forms(name: str, label: str) -> set[str]:
    """Folded forms a text may write a truth entity in: the name and, for a person, the surname."""
    folded = fold_name(name)
    forms = {folded, folded.replace(" ", "")}
    words = folded.split()
    if label == "person" and len(words) > 1:
        forms.add(words[-1])
    return forms


def name_parts(name: str) -> list[str]:
    """A truth name and, for "Augusta, Georgia" or "Fort Moore, Ga.", the part before the comma."""
    parts = [name]
    if "," in name:
        parts.append(name.split(",", 1)[0])
    return [fold_name(part) for part in parts if fold_name(part)]


def match_strength(written: str, name: str) -> int:
    """How well a written form names a truth entity: 2 the same name (folded, or without its
    spaces), 1 one name inside the other ending on the same word ("Sheikh Mohammed … Al Thani"
    and "Mohammed … Al Thani", "President Bush" and "Bush"), 0 not the same."""
    value = fold_name(written)
    best = 0
    for wanted in name_parts(name):
        if value == wanted or value.replace(" ", "") == wanted.replace(" ", ""):
            return 2
        short, long = sorted((value.split(), wanted.split()), key=len)
        if short and long[-len(short):] == short:
            best = 1
    return best


def names_entity(aliases: Iterable[str], entity: str, name: str) -> int:
    """How well a canonical entity (its name or one of its written forms) names the truth's entity."""
    return max((match_strength(written, name) for written in (entity, *aliases)), default=0)


def starts_like(text: str, prefix: str) -> bool:
    """Whether a text begins with the truth's first words (folded, ignoring the marks)."""
    return bool(prefix) and fold(text).startswith(fold(prefix)[: max(len(fold(prefix)), 1)])


def contains_words(text: str, words: str) -> bool:
    """Whether folded ``words`` occur in folded ``text``."""
    return bool(words) and fold(words) in fold(text)
