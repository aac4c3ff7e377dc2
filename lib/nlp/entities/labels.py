"""One label per entity, decided by evidence: the name's head word, a personal title before it,
a place context around it, then the model's majority vote."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib import DATA_DIR
from lib.nlp.entities.names import _read_csv, head_label

PLACE_CUES_FILE = DATA_DIR / "place_cues.csv"
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW")
STRONG_PLACE = re.compile(r"\b(?:city|town|village|province|region|district|state|county|island|port)\s+of\s+$", re.I)


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


def vote(label: str, before_text: str, after_text: str, *, titled: bool) -> str:
    """One mention's vote: PERSON after a personal title, GPE in a place context, else the model's."""
    if titled:
        return "PERSON"
    if STRONG_PLACE.search(before_text):
        return "GPE"
    if label != "PERSON" or after_text[:2] in ("'s", "’s"):
        return label
    before, after = load_place_cues()
    if before.search(before_text) or after.match(after_text):
        return "GPE"
    return label


def vote_labels(mentions: pd.DataFrame, texts: dict[str, str]) -> list[str]:
    """Each prepared mention's vote (see ``vote``); mentions without a model label do not vote."""
    votes = []
    columns = ("doc_id", "start", "end", "label", "titled")
    for doc_id, start, end, label, titled in mentions[list(columns)].itertuples(index=False):
        text = texts.get(doc_id, "")
        if not label and not titled:
            votes.append("")
            continue
        votes.append(vote(str(label), text[max(0, start - 40):start], text[end:end + 40], titled=bool(titled)))
    return votes


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
