"""Removing page furniture line by line, keeping every removed line in an audit list."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib import DATA_DIR
from lib.records import RemovedLine

FURNITURE_FILE = DATA_DIR / "furniture.csv"
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class FurnitureRule:
    """A line pattern that marks page furniture, for lines up to max_words words."""

    reason: str
    max_words: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class CleanText:
    """An article's kept lines joined as paragraphs, and the lines taken out."""

    text: str
    removed: tuple[RemovedLine, ...]
    kept_lines: tuple[str, ...]
    lines: tuple[RemovedLine, ...] = ()
    """Every non-empty line in page order, kept ones with reason "" (metadata reads their positions)."""


@lru_cache(maxsize=4)
def load_furniture_rules(path: Path = FURNITURE_FILE) -> tuple[FurnitureRule, ...]:
    """Read the editable furniture lexicon (reason, max_words, pattern)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            FurnitureRule(
                reason=row["reason"].strip(),
                max_words=int(row["max_words"]),
                pattern=re.compile(row["pattern"], re.IGNORECASE),
            )
            for row in csv.DictReader(handle)
        )


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=65536)
def script_of(char: str) -> str:
    """Return the Unicode script family of a letter (LATIN, HEBREW, ARABIC, CJK, …)."""
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else ""


@lru_cache(maxsize=4096)
def letter_scripts(text: str) -> Counter[str]:
    """Count letters per script family (ASCII letters are Latin, counted without a lookup).

    Cached per line (an article's lines are counted twice: for its own script, then line by
    line); callers must not modify the returned counter.
    """
    counts = Counter({"LATIN": len(_ASCII_LETTER.findall(text))})
    if not text.isascii():
        counts.update(script_of(char) for char in _NON_ASCII.findall(text) if char.isalpha())
    return counts


def dominant_script(lines: list[str]) -> str:
    """Return the script most letters of the article are written in."""
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(letter_scripts(line))
    return counts.most_common(1)[0][0] if counts else ""


def foreign_script(line: str, *, article_script: str) -> str:
    """Return the other script a line is mostly written in, or "" if it is the article's own."""
    counts = letter_scripts(line)
    total = sum(counts.values())
    if not total or not article_script:
        return ""
    script, count = counts.most_common(1)[0]
    if script != article_script and count / total > 0.5:
        return script.title()
    return ""


def match_furniture(line: str, rules: tuple[FurnitureRule, ...]) -> str:
    """Return the furniture reason a line matches, or ""."""
    words = len(line.split())
    for rule in rules:
        if words <= rule.max_words and rule.pattern.search(line):
            return rule.reason
    return ""


def normalise_line(line: str) -> str:
    """Fold case and white space, for finding repeated lines."""
    return " ".join(line.lower().split())


def classify_line(
    line: str,
    *,
    seen: set[str],
    article_script: str,
    rules: tuple[FurnitureRule, ...],
    line_reason: Callable[[str], str] | None = None,
) -> str:
    """Return why a line is removed, or "" to keep it."""
    reason = match_furniture(line, rules) or (line_reason(line) if line_reason else "")
    if reason:
        return reason
    script = foreign_script(line, article_script=article_script)
    if script:
        return f"other script ({script})"
    if normalise_line(line) in seen:
        return "repeated line"
    return ""


def clean_text(
    text: str,
    *,
    rules: tuple[FurnitureRule, ...] | None = None,
    line_reason: Callable[[str], str] | None = None,
) -> CleanText:
    """Remove furniture, foreign-script and repeated lines; keep the rest unaltered.

    ``line_reason`` adds a furniture test of the caller's (e.g. outlet-name lines).
    """
    furniture = load_furniture_rules() if rules is None else rules
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    article_script = dominant_script(lines)
    every: list[RemovedLine] = []
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        reason = classify_line(
            line, seen=seen, article_script=article_script, rules=furniture, line_reason=line_reason
        )
        every.append(RemovedLine(line=number, text=line, reason=reason))
        seen.add(normalise_line(line))
    kept = tuple(entry.text for entry in every if not entry.reason)
    removed = tuple(entry for entry in every if entry.reason)
    return CleanText(PARAGRAPH_BREAK.join(kept), removed, kept, tuple(every))
