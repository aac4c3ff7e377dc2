"""Which written names are one entity: merged within each article first, then across the corpus,
every merge kept with its rule and the sentence that shows it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from lib.nlp.entities.labels import is_place_name, majority_label
from lib.nlp.entities.names import (
    CONNECTORS,
    DIRECTIONS,
    fold,
    fold_words,
    head_label,
    initials,
    is_acronym,
    load_heads,
)
from lib.nlp.entities.rows import iter_rows

PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
STANCE_PREFIXES = ("pro-", "anti-", "ex-", "post-", "pre-", "non-")
"""'Pro-Chavez' is a stance toward a person, not a person."""
BRACKETED = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")
MERGE_COLUMNS = ("entity", "alias", "joined", "rule", "doc_id", "sent_index", "evidence")


@dataclass
class Node:
    """One written name (fold key) in one article, with what its mentions say about it."""

    doc_id: str
    key: str
    names: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    first: int = 0
    sent_index: int = 0
    after_the: int = 0
    """Mentions written after "the" ("the Strip", "the 15-member Council"): a short form of a longer name."""

    @cached_property
    def name(self) -> str:
        """The node's most written form (read only once every mention is in)."""
        return max(self.names.items(), key=lambda item: (item[1], not item[0].isupper(), item[0]))[0]

    @cached_property
    def words(self) -> list[str]:
        return fold_words(self.name)


class Merger:
    """Union-find over the nodes, recording each merge's rule and evidence."""

    def __init__(self, nodes: list[Node], key_labels: dict[str, str]) -> None:
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.key_labels = key_labels
        self.merges: list[tuple[int, int, str, str]] = []
        self.people: dict[int, bool] = {}

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def union(self, alias: int, target: int, rule: str, evidence: str) -> None:
        """Join ``alias`` to ``target``; a merge of two different written forms is recorded."""
        a, b = self.find(alias), self.find(target)
        if a == b:
            return
        self.parent[a] = b
        if self.nodes[alias].name != self.nodes[target].name:
            self.merges.append((alias, target, rule, evidence))

    def label(self, index: int) -> str:
        return self.key_labels.get(self.nodes[index].key, "")

    def is_person(self, index: int) -> bool:
        """A full name (two words or more) labelled PERSON, not starting with a direction."""
        found = self.people.get(index)
        if found is None:
            words = self.nodes[index].words
            name = self.nodes[index].name.lower()
            found = self.people[index] = (self.label(index) == "PERSON" and len(words) > 1
                                          and words[0] not in DIRECTIONS and not name.startswith(STANCE_PREFIXES))
        return found


def build_nodes(prepared: pd.DataFrame, votes: list[str], weights: list[int]) -> tuple[list[Node], list[int]]:
    """One node per (article, fold key), and each prepared mention's node."""
    index: dict[tuple[str, str], int] = {}
    nodes: list[Node] = []
    of_row = []
    columns = ("doc_id", "key", "name", "start", "sent_index", "after_the")
    rows = zip(iter_rows(prepared, columns), votes, weights, strict=True)
    for (doc_id, key, name, start, sent, after_the), vote, weight in rows:
        slot = index.get((doc_id, key))
        if slot is None:
            slot = index[(doc_id, key)] = len(nodes)
            nodes.append(Node(doc_id, key, first=int(start), sent_index=int(sent)))
        node = nodes[slot]
        node.names[name] += 1
        node.votes[vote] += weight
        node.after_the += bool(after_the)
        if int(start) < node.first:
            node.first, node.sent_index = int(start), int(sent)
        of_row.append(slot)
    return nodes, of_row


def key_labels_of(nodes: list[Node]) -> dict[str, str]:
    """Each fold key's label over the whole corpus: its head word, else its majority vote."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for node in nodes:
        votes[node.key].update(node.votes)
        names.setdefault(node.key, node.name)
    return {key: head_label(names[key]) or majority_label(count) for key, count in votes.items()}


def unique_root(merger: Merger, candidates: list[int]) -> int | None:
    """The one group the candidates belong to, or None when they belong to none or several."""
    roots = {merger.find(c) for c in candidates}
    return next(iter(roots)) if len(roots) == 1 else None


def is_tail(short: list[str], long: list[str]) -> bool:
    return len(short) < len(long) and long[-len(short):] == short


def tail_fits(merger: Merger, short: int, long: int) -> bool:
    """Whether a shorter name can be a later short form of a longer one ("Key Bridge" of
    "Francis Scott Key Bridge", "Helene" of "Hurricane Helene"), but not a place that ends a
    longer name ("Québec" in "Coalition Avenir Québec", "North Carolina" in "Western North Carolina")."""
    s, lng = merger.nodes[short], merger.nodes[long]
    if not is_tail(s.words, lng.words) or is_acronym(s.name):
        return False
    extra = lng.words[: len(lng.words) - len(s.words)]
    if all(word in DIRECTIONS for word in extra) or CONNECTORS & set(extra):
        return False
    if merger.label(long) not in ("GPE", "LOC") and names_a_place(merger, extra):
        return False
    if len(s.words) == 1:
        if 2 * s.after_the >= sum(s.names.values()):
            return merger.label(long) != "PERSON" and merger.label(short) not in ("NORP", "LANGUAGE")
        heads = load_heads()
        return len(extra) <= 2 and (extra[0], "first") in heads and merger.label(short) not in PLACE_LABELS
    if merger.is_person(long):
        return merger.label(short) not in PLACE_LABELS
    return merger.label(short) not in PLACE_LABELS and merger.label(long) != "PERSON"


def names_a_place(merger: Merger, extra: list[str]) -> bool:
    """Whether the longer name is a place's own branch of the shorter one ("California State
    Democratic Party", "North Carolina National Guard"): the words it adds start with a place."""
    for size in range(len(extra), 0, -1):
        if is_place_name(" ".join(extra[:size])) or merger.key_labels.get("".join(extra[:size])) in ("GPE", "LOC"):
            return True
    return False


def merge_in_article(merger: Merger, members: list[int]) -> None:
    """Within one article: a surname or a later first name joins the one full name there;
    a shorter form joins the one longer name it ends."""
    people = [i for i in members if merger.is_person(i)]
    by_last: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_last[merger.nodes[i].words[-1] if merger.nodes[i].words else ""].append(i)
    for index in sorted(members, key=lambda i: len(merger.nodes[i].words)):
        node = merger.nodes[index]
        if len(node.words) == 1 and not is_acronym(node.name) and not is_place_name(node.name):
            surname = [p for p in people if merger.nodes[p].words[-1] == node.words[0]]
            target = unique_root(merger, surname)
            if target is not None:
                full = merger.nodes[surname[0]].name
                merger.union(index, target, "surname in the same article", f"{full!r} named in the article")
                continue
            first = [p for p in people if merger.nodes[p].words[0] == node.words[0]
                     and merger.nodes[p].first < node.first and merger.label(index) not in PLACE_LABELS]
            target = unique_root(merger, first)
            if target is not None:
                full = merger.nodes[first[0]].name
                merger.union(index, target, "first name after the full name", f"{full!r} named before it")
                continue
        longer = [i for i in by_last.get(node.words[-1] if node.words else "", []) if i != index
                  and tail_fits(merger, index, i)]
        target = unique_root(merger, longer)
        if target is not None:
            full = merger.nodes[longer[0]].name
            merger.union(index, target, "shorter form in the same article", f"{full!r} named in the article")


def find_bracketed(nodes: list[Node], prepared: pd.DataFrame, of_row: list[int],
                   texts: dict[str, str]) -> dict[str, set[int]]:
    """{acronym fold key: nodes of names written just before it in brackets ("… Center (NHC)")}."""
    found: dict[str, set[int]] = defaultdict(set)
    for (doc_id, start, name), slot in zip(iter_rows(prepared, ("doc_id", "start", "name")), of_row, strict=True):
        if len(name.split()) < 2:
            continue
        text = texts.get(doc_id, "")
        at = text.find(name, int(start), int(start) + len(name) + 20)
        if at < 0:
            continue
        match = BRACKETED.match(text, at + len(name))
        if match and initials(name)[:1] == match.group(1)[:1].upper():
            found[fold(match.group(1))].add(slot)
    return found
