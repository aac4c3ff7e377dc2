"""One label per entity, decided by evidence: the name's head word, a personal title before it,
a place context around it, then the model's majority vote."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib import DATA_DIR
from lib.nlp.entities.names import _read_csv, fold, head_label
from lib.nlp.entities.rows import iter_rows

PLACE_CUES_FILE = DATA_DIR / "place_cues.csv"
PLACE_NAMES_FILE = DATA_DIR / "place_names.txt"
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW")
STRONG_PLACE = re.compile(r"\b(?:city|town|village|province|region|district|state|county|island|port)\s+of\s+$", re.I)
ADMIN_AFTER = re.compile(r"^\s+(?:provinces?|prefectures?|states?|counties|county|districts?|regions?|"
                         r"municipality|municipalities|governorates?|oblasts?)\b", re.I)
LIST_ITEM = r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
LIST_BEFORE = re.compile(rf"(?:{LIST_ITEM}\s*(?:\([^)]*\))?\s*,\s*)*(?:(?:and|or)\s+)?$")
LIST_AFTER = re.compile(rf"^(?:\s*(?:\([^)]*\))?\s*,\s*(?:(?:and|or)\s+)?{LIST_ITEM})*"
                        rf"(?:\s*(?:\([^)]*\))?,?\s+(?:and|or)\s+{LIST_ITEM})?")
INCLUDED = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*,?\s+"
                      r"(?:including|such as|especially|notably|like)\s+$")
"""A place context carried over "including": "communities in Georgia, including Augusta"."""
APPOSED = re.compile(r"^,\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})(?=\s*(?:[,;:)\n]|\.\s|$|\s+(?:on|in|at|and)\b))")


@lru_cache(maxsize=2)
def load_place_cues(path: Path = PLACE_CUES_FILE) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for words just before or after a name that mark it as a place."""
    rows = _read_csv(path)
    before = "|".join(re.escape(r["cue"]) for r in rows if r["position"] == "before")
    after = "|".join(re.escape(r["cue"]) for r in rows if r["position"] == "after")
    return (
        re.compile(rf"\b(?:{before})\s+(?:the\s+)?$", re.I),
        re.compile(rf"^\s+(?:{after})\b", re.I),
    )


@lru_cache(maxsize=2)
def load_place_names(path: Path = PLACE_NAMES_FILE) -> frozenset[str]:
    """Folded names of countries, states, provinces and regions (lib/data/place_names.txt)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def is_place_name(name: str) -> bool:
    return fold(name) in load_place_names()


def strip_list(before_text: str, after_text: str) -> tuple[str, str]:
    """The text around a whole list of names the mention is in ("in A, B and C provinces")."""
    head = LIST_BEFORE.search(before_text)
    tail = LIST_AFTER.match(after_text)
    start = head.start() if head else len(before_text)
    end = tail.end() if tail else 0
    joined = before_text[start:] + " X " + after_text[:end]
    if "," not in joined or not re.search(r"\b(?:and|or)\b", joined):
        return before_text, after_text
    return before_text[:start], after_text[end:]


EVIDENCE_WEIGHT = 3
"""A vote backed by the text (a title, a place context) counts as this many of the model's own."""


def judge(label: str, before_text: str, after_text: str, *, titled: bool, single: bool = True) -> tuple[str, bool]:
    """(vote, whether the text backs it): PERSON after a personal title; GPE after "city of",
    before ", Georgia" or in a place context shared by its whole list ("in Fukushima, Miyagi
    and Iwate"); else the model's label, unbacked."""
    if titled:
        return "PERSON", True
    apposed = APPOSED.match(after_text) if label != "PERSON" or single else None
    if STRONG_PLACE.search(before_text) or (apposed and is_place_name(apposed.group(1))):
        return "GPE", True
    if after_text[:2] in ("'s", "’s"):
        return label, False
    outer_before, outer_after = strip_list(before_text, after_text)
    if ADMIN_AFTER.match(outer_after) and label in ("PERSON", "ORG", ""):
        return "GPE", True
    before, after = load_place_cues()
    if label == "PERSON" and (before.search(outer_before) or after.match(outer_after) or INCLUDED.search(outer_before)):
        return "GPE", True
    return label, False


def vote(label: str, before_text: str, after_text: str, *, titled: bool, single: bool = True) -> str:
    """One mention's vote (see ``judge``)."""
    return judge(label, before_text, after_text, titled=titled, single=single)[0]


def vote_labels(mentions: pd.DataFrame, texts: dict[str, str]) -> tuple[list[str], list[int]]:
    """Each prepared mention's vote and its weight (see ``judge``); mentions without a model label
    or evidence do not vote."""
    votes, weights = [], []
    columns = ("doc_id", "start", "end", "label", "titled", "name")
    for doc_id, start, end, label, titled, name in iter_rows(mentions, columns):
        text = texts.get(doc_id, "")
        if not label and not titled:
            votes.append("")
            weights.append(0)
            continue
        found, backed = judge(str(label), text[max(0, start - 100):start], text[end:end + 80], titled=bool(titled),
                              single=" " not in name)
        votes.append(found)
        weights.append(EVIDENCE_WEIGHT if backed else 1)
    return votes, weights


def majority_label(labels: Counter[str]) -> str:
    """The most frequent label; ties go to the label earlier in LABEL_PRIORITY."""
    counted = {label: n for label, n in labels.items() if label}
    if not counted:
        return ""

    def rank(item: tuple[str, int]) -> tuple[int, int]:
        label, count = item
        order = LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)
        return (-count, order)
    return min(counted.items(), key=rank)[0]


def decide_label(name: str, members: list[str], votes: Counter[str]) -> tuple[str, str]:
    """(label, evidence) of one entity: its name's head word, else titles and context, else the votes."""
    head = head_label(name)
    if head:
        return head, f"head word of {name!r}"
    if is_place_name(name):
        return "GPE", f"{name!r} is in the list of place names"
    heads = Counter(label for label in (head_label(m) for m in members) if label)
    if heads:
        return heads.most_common(1)[0][0], "head word of a merged name"
    label = majority_label(votes)
    return label or "MISC", "majority of mentions" if label else "no label"


def is_label_conflict(votes: Counter[str]) -> tuple[bool, str]:
    """(whether the votes are split, the runner-up): the top label holds under two thirds of
    at least three votes and the next one has two or more."""
    counted = [(label, n) for label, n in votes.most_common() if label]
    total = sum(n for _, n in counted)
    if len(counted) < 2 or total < 3:
        return False, ""
    (_, top), (second, runner) = counted[0], counted[1]
    return top / total < 2 / 3 and runner >= 2, second
