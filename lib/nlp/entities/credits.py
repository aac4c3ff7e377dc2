"""Photo credits inside body text: "(U.S. Army photo by Spc. Sarah Horne)", "(Police Department via
AP)", "Image by Afzal Hossain via Wikimedia Commons." A name written only to credit a picture is
not someone the article talks about, so no mention inside a credit is counted.

Two shapes are found, both with the cue words of lib/data/entity_junk.csv (scope "credit", and
"bracket end" for cues that only end a bracket, such as "via AP"):
- a bracket whose text holds a cue: the whole bracket is the credit;
- a cue opening a clause (a line, a sentence, a bracket or the words "This"/"A" before it):
  the credit runs from the cue over the name written after it, to the first word in lower case.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib import DATA_DIR
from lib.nlp.entities.names import _read_csv

JUNK_FILE = DATA_DIR / "entity_junk.csv"
CREDIT_REASON = "photo credit"
BRACKET = re.compile(r"\(([^()\n]{1,240})\)|\[([^\[\]\n]{1,240})\]")
NAME_TOKEN = r"(?:[A-Z0-9\u00C0-\u00DE][\w’'.\-]{0,3}\.|[A-Z0-9\u00C0-\u00DE](?:[\w’'\-]|\.(?=\w))*)"
"""A capitalised word, an initial or a short abbreviation ("Sgt.", "U.S."); a longer word's full
stop ends the sentence and the credit."""
NAME_RUN = re.compile(rf"[ \t]*{NAME_TOKEN}(?:[ \t]+(?:(?:via|of|and|the|de|da|del|van|von|&|/)[ \t]+)?{NAME_TOKEN})*")
"""The name a credit gives: capitalised words, initials and numbers, with small joining words."""
CLAUSE_LEAD = re.compile(r"[.!?:;|\[(—–\n]\s*(?:(?:this|a|an|the)\s+)?$", re.I)


@dataclass(frozen=True)
class CreditCues:
    """Cue patterns: ``lead`` opens a credit, ``bracket_end`` ends a bracket that is one."""

    lead: re.Pattern[str]
    bracket_end: re.Pattern[str]


@lru_cache(maxsize=2)
def load_credit_cues(path: Path = JUNK_FILE) -> CreditCues:
    """The editable credit cues (lib/data/entity_junk.csv, scopes "credit" and "bracket end")."""
    rows = _read_csv(path)
    lead = "|".join(f"(?:{r['pattern']})" for r in rows if r["scope"] == "credit") or r"(?!)"
    end = "|".join(f"(?:{r['pattern']})" for r in rows if r["scope"] == "bracket end") or r"(?!)"
    return CreditCues(re.compile(rf"\b(?:{lead})", re.I), re.compile(rf"\b(?:{end})\s*$"))


def find_credit_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of the text that credit a picture, sorted and merged."""
    cues = load_credit_cues()
    spans = []
    for match in BRACKET.finditer(text):
        inner = match.group(1) or match.group(2)
        if cues.lead.search(inner) or cues.bracket_end.search(inner):
            spans.append((match.start(), match.end()))
    for match in cues.lead.finditer(text):
        before = ("\n" if match.start() < 12 else "") + text[max(0, match.start() - 12):match.start()]
        if not CLAUSE_LEAD.search(before):
            continue
        run = NAME_RUN.match(text, match.end())
        if run:
            spans.append((match.start(), run.end()))
    return merge_spans(spans)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the character span [start, end) overlaps one of the sorted, merged spans."""
    position = bisect_left(spans, (end, -1)) - 1
    return position >= 0 and spans[position][1] > start
