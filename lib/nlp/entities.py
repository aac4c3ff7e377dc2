"""Canonical entities: normalising mention text and merging surnames, acronyms and variants."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib import DATA_DIR
from lib.records import ENTITY_COLUMNS, empty_frame

DATA = DATA_DIR
FRAGMENTS_FILE = DATA / "entity_fragments.txt"
PLACE_CUES_FILE = DATA / "place_cues.csv"
LEADING_DETERMINER = re.compile(r"^(the|a|an)\s+", re.I)
POSSESSIVE = re.compile(r"(['’]s|['’])$")
ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
INITIAL_SKIP = frozenset({"of", "the", "and", "for", "&", "on", "in"})
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW")
SURNAME_LABELS_EXCLUDED = frozenset({"GPE", "NORP", "LOC"})
HEAD_NOUN_LABELS = frozenset({"ORG", "LOC", "FAC", "EVENT"})


def normalise_mention(text: str) -> str:
    """Strip determiners, possessives, line breaks and trailing punctuation from a mention."""
    name = " ".join(text.split())
    name = LEADING_DETERMINER.sub("", name)
    name = POSSESSIVE.sub("", name).strip(" ,;:-–—\"'“”‘’")
    if name.endswith(".") and not ACRONYM.match(name):
        name = name.rstrip(".")
    return name


def match_key(name: str) -> str:
    """The key variants share: acronyms without dots (U.S. -> US)."""
    return name.replace(".", "") if ACRONYM.match(name) else name


@lru_cache(maxsize=2)
def load_fragments(path: Path = FRAGMENTS_FILE) -> frozenset[str]:
    """Words that are never an entity on their own."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=2)
def load_place_cues(path: Path = PLACE_CUES_FILE) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for words just before or after a name that mark it as a place."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    before = "|".join(re.escape(r["cue"]) for r in rows if r["position"] == "before")
    after = "|".join(re.escape(r["cue"]) for r in rows if r["position"] == "after")
    return (
        re.compile(rf"\b(?:{before})\s+(?:the\s+)?$", re.I),
        re.compile(rf"^\s+(?:{after})\b", re.I),
    )


def vote_labels(mentions: pd.DataFrame, texts: dict[str, str]) -> pd.Series:
    """Each mention's label vote: the model's label, or GPE for a "person" in place context."""
    before, after = load_place_cues()

    def vote(doc_id: str, start: int, end: int, label: str) -> str:
        if label != "PERSON":
            return label
        text = texts.get(doc_id, "")
        if text[end:end + 2] in ("'s", "’s"):
            return label
        if before.search(text[max(0, start - 40):start]) or after.match(text[end:end + 40]):
            return "GPE"
        return label

    columns = (mentions[c] for c in ("doc_id", "start", "end", "label"))
    return pd.Series(
        [vote(d, int(s), int(e), str(lab)) for d, s, e, lab in zip(*columns, strict=True)],
        index=mentions.index, dtype=object,
    )


def majority_label(labels: Counter[str]) -> str:
    """The most frequent label; ties go to the label earlier in LABEL_PRIORITY."""
    def rank(item: tuple[str, int]) -> tuple[int, int]:
        label, count = item
        order = LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)
        return (-count, order)
    return min(labels.items(), key=rank)[0]


class UnionFind:
    """Groups of keys that name one entity."""

    def __init__(self, keys: list[str]) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, key: str, other: str) -> None:
        self.parent[self.find(key)] = self.find(other)


def initials(name: str) -> str:
    """Initials of a multi-word name's significant words (Israel Defense Forces -> IDF)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in INITIAL_SKIP]
    return "".join(w[0] for w in words if w[0].isupper()) if len(words) > 1 else ""


def unique(candidates: list[str]) -> str | None:
    """The only candidate, or None when there are none or several."""
    return candidates[0] if len(candidates) == 1 else None


def merge_keys(keys: dict[str, Counter[str]]) -> UnionFind:
    """Union surname-only, acronym, head-noun and plural mentions with their full names."""
    groups = UnionFind(list(keys))
    label_of = {key: majority_label(labels) for key, labels in keys.items()}
    multi = [key for key in keys if len(key.split()) > 1]
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in multi:
        by_initials[initials(key)].append(key)
        by_last[key.split()[-1]].append(key)
    for key in keys:
        if len(key.split()) != 1:
            continue
        label = label_of[key]
        target = None
        if ACRONYM.match(key) or key.isupper():
            target = unique(by_initials.get(key.replace(".", ""), []))
        if target is None and label not in SURNAME_LABELS_EXCLUDED:
            target = unique([k for k in by_last.get(key, []) if label_of[k] == "PERSON"])
        if target is None and label in HEAD_NOUN_LABELS:
            target = unique([k for k in by_last.get(key, []) if label_of[k] != "PERSON"])
        if target is None and label == "NORP" and key.endswith("s") and key[:-1] in keys:
            target = key[:-1]
        if target is not None:
            groups.union(key, target)
    return groups


def choose_name(members: list[str], counts: Counter[str]) -> str:
    """Name a group by its longest form, then its most frequent one."""
    return max(members, key=lambda key: (len(key.split()), counts[key], key))


def canonicalise(mentions: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Return mentions with ``entity`` and ``entity_label``; fragments are dropped."""
    if mentions.empty:
        return mentions.assign(entity=pd.Series(dtype=object), entity_label=pd.Series(dtype=object))
    frame = mentions.copy()
    frame["vote"] = vote_labels(frame, texts)
    frame["key"] = frame["text"].map(lambda t: match_key(normalise_mention(str(t))))
    frame = frame[frame["key"].str.contains(r"[^\W\d_]", regex=True)]
    keys: dict[str, Counter[str]] = defaultdict(Counter)
    for key, vote in zip(frame["key"], frame["vote"], strict=True):
        keys[key][vote] += 1
    groups = merge_keys(keys)
    counts = Counter({key: sum(labels.values()) for key, labels in keys.items()})
    members: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        members[groups.find(key)].append(key)
    fragments = load_fragments()
    names: dict[str, str] = {}
    for group in members.values():
        if len(group) == 1 and group[0].lower() in fragments:
            continue
        name = choose_name(group, counts)
        names.update({key: name for key in group})
    frame["entity"] = frame["key"].map(names)
    frame = frame[frame["entity"].notna()]
    labels = frame.groupby("entity")["vote"].agg(lambda votes: majority_label(Counter(votes)))
    frame["entity_label"] = frame["entity"].map(labels)
    return frame.drop(columns=["vote", "key"]).reset_index(drop=True)


def count_aliases(texts: pd.Series) -> str:
    """The names merged into an entity with their counts, most frequent first (ties by name), as JSON."""
    counts = Counter(" ".join(str(text).split()) for text in texts)
    return json.dumps(dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))))


def summarise_entities(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical entity: label, mentions, articles, outlets and merged names."""
    if mentions.empty:
        return empty_frame(ENTITY_COLUMNS)
    outlets = mentions["doc_id"].map(documents.set_index("doc_id")["outlet"])
    frame = mentions.assign(outlet=outlets.fillna(""))
    grouped = frame.groupby("entity")
    table = pd.DataFrame({
        "label": grouped["entity_label"].first(),
        "mentions": grouped.size(),
        "articles": grouped["doc_id"].nunique(),
        "outlets": grouped["outlet"].nunique(),
        "aliases": grouped["text"].agg(count_aliases),
    }).reset_index()
    return table.sort_values(["mentions", "entity"], ascending=[False, True]).reset_index(drop=True)[
        list(ENTITY_COLUMNS)
    ]


def resolve_span(mentions: pd.DataFrame, doc_id: str, start: int, end: int) -> str | None:
    """The canonical entity of the mention overlapping a character span of an article."""
    rows = mentions[(mentions["doc_id"] == doc_id) & (mentions["start"] < end) & (mentions["end"] > start)]
    if rows.empty:
        return None
    return str(rows.iloc[0]["entity"])


def build_alias_lookup(mentions: pd.DataFrame) -> dict[str, str]:
    """Map every normalised surface form (lower case) to its canonical entity."""
    lookup: dict[str, str] = {}
    for text, entity in zip(mentions["text"], mentions["entity"], strict=True):
        lookup.setdefault(normalise_mention(str(text)).lower(), str(entity))
    for entity in mentions["entity"].unique():
        lookup.setdefault(str(entity).lower(), str(entity))
    return lookup
