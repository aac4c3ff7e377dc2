"""Candidates for the review queue: merges, splits and labels the rules were not sure of, each
with the sentences that let a reader decide."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pandas as pd

from lib.nlp.entities.labels import is_label_conflict, is_place_name
from lib.nlp.entities.merging import PLACE_LABELS, Merger
from lib.nlp.entities.names import DIRECTIONS, fold, head_label, is_person_shaped
from lib.nlp.entities.variants import similar_given_name

REVIEW_COLUMNS = ("candidate", "kind", "entity", "other", "label", "reason", "evidence")
UNSURE_RULES = ("transliteration",)
"""Merges made by these rules are listed as possible splits."""
MAX_EVIDENCE = 3


def list_candidates(
    merger: Merger, names: dict[int, str], labels: dict[int, str], ambiguous: list[tuple[str, list[int]]],
    mentions: pd.DataFrame, sentences: pd.DataFrame | None, lower_words: frozenset[str],
) -> pd.DataFrame:
    """Every candidate with its evidence sentences (first mention of each entity involved)."""
    rows: list[tuple[str, str, str, str, str]] = []
    rows += ambiguous_words(merger, names, ambiguous)
    rows += similar_people(merger, names)
    rows += unsure_merges(merger, names)
    rows += label_doubts(merger, names, labels, lower_words)
    evidence = evidence_finder(mentions, sentences)
    seen: set[str] = set()
    table = []
    for kind, entity, other, label, reason in rows:
        candidate = f"{kind}|{entity}|{other}|{label}"
        if candidate in seen or entity == other:
            continue
        seen.add(candidate)
        table.append((candidate, kind, entity, other, label, reason, evidence(entity, other)))
    return pd.DataFrame(table, columns=list(REVIEW_COLUMNS))


def ambiguous_words(merger: Merger, names: dict[int, str], ambiguous: list[tuple[str, list[int]]]) -> list:
    """A lone word ("Smith") that ends several full names: merge it into one of them?"""
    rows = []
    lone_names = {node.key: names.get(merger.find(i)) for i, node in enumerate(merger.nodes)
                  if len(node.words) == 1}
    for key, roots in ambiguous:
        lone = lone_names.get(key)
        fulls = sorted({names[r] for r in roots if r in names and names[r] != lone})
        for full in fulls if lone else []:
            others = ", ".join(f for f in fulls if f != full)
            rows.append(("merge", lone, full, "", f"{lone!r} alone may be {full!r} (also {others})"))
    return rows


def similar_people(merger: Merger, names: dict[int, str]) -> list:
    """Two people with one surname and given names alike but not alike enough to merge."""
    by_surname: dict[str, set[int]] = defaultdict(set)
    for index, node in enumerate(merger.nodes):
        if merger.is_person(index):
            by_surname[node.words[-1]].add(merger.find(index))
    rows = []
    for roots in by_surname.values():
        ordered = sorted((r for r in roots if r in names), key=lambda r: names[r])
        for position, a in enumerate(ordered):
            for b in ordered[position + 1:]:
                if similar_given_name(merger.nodes[a].words[0], merger.nodes[b].words[0]):
                    rows.append(("merge", names[a], names[b], "", "one surname, given names alike"))
    return rows


def unsure_merges(merger: Merger, names: dict[int, str]) -> list:
    """Merges by a rule that can be wrong (transliterations, initials): split them again?"""
    rows = []
    for alias, joined, rule, evidence in merger.merges:
        entity = names.get(merger.find(alias))
        other = merger.nodes[alias].name if merger.nodes[alias].name != entity else merger.nodes[joined].name
        if entity and rule in UNSURE_RULES and other != entity:
            rows.append(("split", entity, other, "", f"merged by {rule}: {evidence}"))
    return rows


def looks_like_a_person(merger: Merger, name: str, lower_words: frozenset[str]) -> bool:
    """Two or three capitalised words, none a common word the corpus writes in lower case
    ("Control Vehicle"), a direction ("New York Times") or a place or group ("UN Dorothy Shea")."""
    words = name.split()
    return (len(words) in (2, 3) and is_person_shaped(words) and not names_a_group(merger, name)
            and not any(w.lower() in lower_words or w.lower() in DIRECTIONS for w in words))


def label_doubts(merger: Merger, names: dict[int, str], labels: dict[int, str],
                 lower_words: frozenset[str] = frozenset()) -> list:
    """Split label votes, and one-mention entities shaped like a person but not labelled one."""
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    written: Counter[int] = Counter()
    for index, node in enumerate(merger.nodes):
        votes[merger.find(index)].update(node.votes)
        written[merger.find(index)] += sum(node.names.values())
    rows = []
    for root, name in names.items():
        conflict, runner_up = is_label_conflict(votes[root])
        decided = head_label(name) is not None or is_place_name(name)  # the name itself settled it
        if conflict and runner_up != labels[root] and not decided:
            shown = ", ".join(f"{label} {n}" for label, n in votes[root].most_common() if label)
            rows.append(("label", name, "", runner_up, f"mentions are labelled {shown}"))
        elif written[root] == 1 and labels[root] not in ("PERSON", "GPE", "LOC") and looks_like_a_person(
                merger, name, lower_words):
            rows.append(("label", name, "", "PERSON", f"one mention, written like a person's name "
                         f"(labelled {labels[root]})"))
    return rows


def names_a_group(merger: Merger, name: str) -> bool:
    """Whether a name holds an acronym or a word the corpus labels a place or a group
    ("UN Dorothy Shea", "Palestinian Islamic Jihad"): not simply a person's name."""
    return any(word.isupper() or merger.key_labels.get(fold(word)) in PLACE_LABELS for word in name.split())


def evidence_finder(mentions: pd.DataFrame, sentences: pd.DataFrame | None):
    """A function giving, as JSON, the first sentences that name an entity and another one."""
    firsts = mentions.sort_values(["doc_id", "start"]).drop_duplicates("entity").set_index("entity")
    by_name = mentions.sort_values(["doc_id", "start"]).drop_duplicates("name").set_index("name")
    text_of = {}
    if sentences is not None and not sentences.empty:
        text_of = {(d, int(i)): " ".join(str(t).split())
                   for d, i, t in sentences[["doc_id", "sent_index", "text"]].itertuples(index=False)}

    def find(entity: str, other: str) -> str:
        found = []
        for name in (entity, other):
            table = firsts if name in firsts.index else by_name
            if not name or name not in table.index:
                continue
            row = table.loc[name]
            key = (str(row["doc_id"]), int(row["sent_index"]))
            found.append({"name": name, "doc_id": key[0], "sent_index": key[1], "sentence": text_of.get(key, "")})
        return json.dumps(found[:MAX_EVIDENCE], ensure_ascii=False)
    return find
