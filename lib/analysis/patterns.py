"""Search patterns a person types (words, wildcards, regular expressions), run by RE2 in linear time.

RE2 never backtracks, so a pattern such as ``(a+)+$`` that stalls Python's ``re`` on a long
line takes microseconds here; what RE2 cannot do in linear time (back-references, look-around)
is refused with a message instead of run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import re2

WORDS, WILDCARD, REGEX = "words", "wildcards", "regex"
MODES = (WORDS, WILDCARD, REGEX)
"""How a query is read: a word, lemma or phrase; wildcards (* any letters, ? one); a regular expression."""
MAX_QUERY = 300
"""Longest query accepted (characters)."""
MAX_MEMORY = 8 << 20
"""RE2's memory budget for one compiled pattern: a larger one is refused as too complex."""
_WORD = r"[\w'’-]"


class PatternError(ValueError):
    """A query that cannot be searched, with the reason in words."""


@dataclass(frozen=True)
class Query:
    """A compiled query: the text pattern, and the lemma pattern for word queries."""

    mode: str
    text: str
    pattern: re2._Regexp
    lemma: re2._Regexp | None = None


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = False
    options.max_mem = MAX_MEMORY
    return options


def compile_pattern(pattern: str) -> re2._Regexp:
    """Compile with RE2 (case-insensitive); an unusable pattern raises PatternError.

    ^ and $ mean a sentence's start and end: sentences are searched one per line.
    """
    try:
        compiled = re2.compile(f"(?m){pattern}", _options())
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        hint = (" Back-references and look-arounds are not supported: they cannot run in linear time."
                if "escape" in reason or "perl operator" in reason else "")
        raise PatternError(f"Not a pattern this search can run ({reason}).{hint}") from error
    if compiled.search("") is not None:
        raise PatternError("This pattern matches empty text; give it something it must find.")
    return compiled


def _flexible_word(word: str) -> str:
    """A word that may also be written with hyphens inside ("ceasefire" ~ "cease-fire")."""
    return "-?".join(re.escape(char) for char in word)


def _wildcard_word(word: str) -> str:
    """A word with ``*`` (any letters, also none) and ``?`` (one letter)."""
    parts = {"*": f"{_WORD}*", "?": _WORD}
    return "".join(parts.get(char, re.escape(char)) for char in word)


def compile_query(text: str, mode: str = WORDS) -> Query | None:
    """The query as RE2 patterns; None when it is empty. Raises PatternError when unusable."""
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_QUERY:
        raise PatternError(f"The query is {len(text)} characters long; at most {MAX_QUERY} are searched.")
    words = text.lower().split()
    if mode == REGEX:
        return Query(mode, text, compile_pattern(text))
    if mode == WILDCARD:
        if all(set(word) <= {"*", "?"} for word in words):
            raise PatternError("A wildcard needs at least one letter beside it, such as negotiat*.")
        return Query(mode, text, compile_pattern(r"\b" + r"[\s-]+".join(map(_wildcard_word, words)) + r"\b"))
    strict = r"\b" + r"[\s-]+".join(map(_flexible_word, words)) + r"\b"
    lemma = r"(?:^| )" + " ".join(re.escape(word) for word in words) + r"(?: |$)"
    return Query(mode, text, compile_pattern(strict), compile_pattern(lemma))


def context_pattern(query: Query) -> re2._Regexp:
    """The pattern that marks a hit inside its sentence: word queries also take endings ("talk" ~ "talks")."""
    if query.mode != WORDS:
        return query.pattern
    words = query.text.lower().split()
    return compile_pattern(r"\b" + rf"{_WORD}*[\s-]+".join(map(_flexible_word, words)) + rf"{_WORD}*")
