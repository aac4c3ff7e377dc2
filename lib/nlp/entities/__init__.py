"""Canonical entities: the model's mentions cleaned of junk, merged within each article and then
across the corpus (every merge with its rule and evidence), labelled by evidence, and counted
every time a known name is written."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from lib.nlp.entities.credits import CREDIT_REASON
from lib.nlp.entities.junk import (
    NOT_COUNTED_COLUMNS,
    find_credits,
    find_lower_words,
    is_headline_fragment,
    known_names,
    load_fragments,
    prepare_mentions,
)
from lib.nlp.entities.labels import decide_label, majority_label, vote_labels
from lib.nlp.entities.linking import (
    link_acronyms,
    link_plurals,
    link_same_keys,
    link_short_forms,
    link_singles,
    link_transliterations,
)
from lib.nlp.entities.merging import MERGE_COLUMNS, Merger, build_nodes, find_bracketed, key_labels_of, merge_in_article
from lib.nlp.entities.names import fold, fold_words, is_acronym, match_key, normalise_mention
from lib.nlp.entities.rematch import MATCHED, find_missed
from lib.nlp.entities.review import REVIEW_COLUMNS, list_candidates
from lib.nlp.entities.spans import extend_mentions
from lib.records import ENTITY_COLUMNS, MENTION_COLUMNS, empty_frame

__all__ = [
    "Canonical", "build_alias_lookup", "canonicalise", "count_aliases", "find_entities", "majority_label",
    "match_key", "names_written", "normalise_mention", "resolve_span", "summarise_entities",
]


@dataclass(frozen=True)
class Canonical:
    """The canonical mentions and what explains them."""

    mentions: pd.DataFrame
    merges: pd.DataFrame
    """entity, alias, joined, rule, doc_id, sent_index, evidence: one row per merge of two written forms."""
    not_counted: pd.DataFrame
    """Mentions dropped or trimmed, with the reason (a user can restore a dropped one)."""
    review: pd.DataFrame
    """Merges, splits and labels the rules were unsure of, each with evidence sentences."""


def choose_name(nodes: list) -> str:
    """Name a group by its longest form (not an acronym), then its most written one."""
    counts: Counter[str] = Counter()
    for node in nodes:
        counts.update(node.names)
    return max(counts, key=lambda n: (not is_acronym(n), len(fold_words(n)), counts[n], not n.isupper(), n))


def merge_all(merger: Merger, bracketed: dict[str, set[int]]) -> list[tuple[str, list[int]]]:
    """Every merge rule in order: each article's own names first, then across the corpus.
    Returns the lone words left ambiguous (for the review queue)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(merger.nodes):
        by_doc[node.doc_id].append(index)
    for members in by_doc.values():
        merge_in_article(merger, members)
    singles = link_same_keys(merger)
    link_transliterations(merger)
    link_short_forms(merger)
    ambiguous = link_singles(merger, singles)
    link_acronyms(merger, bracketed)
    link_plurals(merger)
    return ambiguous


def find_entities(
    mentions: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame | None = None, *, rematch: bool = True
) -> Canonical:
    """Canonical entities of a corpus's mentions (see the module note); ``sentences`` places
    the mentions the rematch pass adds and gives the review queue its evidence."""
    if mentions.empty:
        empty = empty_frame(MENTION_COLUMNS)
        return Canonical(empty, empty_frame(MERGE_COLUMNS), empty_frame(NOT_COUNTED_COLUMNS),
                         empty_frame(REVIEW_COLUMNS))
    credits = find_credits(texts)
    lower_words = find_lower_words(texts)
    mentions, extended = extend_mentions(mentions, texts, lower_words, known_names(mentions))
    prepared, not_counted = prepare_mentions(mentions, texts, credits)
    not_counted = pd.concat([pd.DataFrame(extended, columns=list(NOT_COUNTED_COLUMNS)), not_counted],
                            ignore_index=True)
    votes, weights = vote_labels(prepared, texts)
    nodes, of_row = build_nodes(prepared, votes, weights)
    merger = Merger(nodes, key_labels_of(nodes))
    ambiguous = merge_all(merger, find_bracketed(nodes, prepared, of_row, texts))
    names, labels, dropped = name_groups(merger, prepared, of_row, lower_words)
    frame = prepared.assign(node=of_row, vote=votes)
    frame["root"] = [merger.find(i) for i in of_row]
    gone = frame["root"].isin(dropped)
    not_counted = pd.concat([not_counted, frame.loc[gone].assign(
        label=frame.loc[gone, "vote"], counted_as="", reason=frame.loc[gone, "root"].map(dropped),
    )[list(NOT_COUNTED_COLUMNS)]], ignore_index=True)
    frame = frame[~gone].copy()
    frame["entity"] = frame["root"].map(names)
    frame["entity_label"] = frame["root"].map(labels)
    frame["source"] = "model"
    if rematch and sentences is not None:
        frame = add_missed(frame, blocking_spans(frame, not_counted, credits), texts, sentences)
    merges = merges_frame(merger, names)
    review = list_candidates(merger, names, labels, ambiguous, frame, sentences, lower_words)
    mentions_out = frame[list(MENTION_COLUMNS)]
    return Canonical(mentions_out.sort_values(["doc_id", "start"]).reset_index(drop=True), merges,
                     not_counted.sort_values(["doc_id", "start"]).reset_index(drop=True), review)


FRAGMENT_REASON = "title or name fragment"
FRAGMENT_REASONS = frozenset({FRAGMENT_REASON})


def name_groups(
    merger: Merger, prepared: pd.DataFrame, of_row: list[int], lower_words: frozenset[str]
) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """({root: name}, {root: label}, {root: why it is not counted}) for every group."""
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(merger.nodes)):
        groups[merger.find(index)].append(index)
    fragment_keys = {fold(f) for f in load_fragments()}
    in_headline, in_body = Counter(), Counter()
    for slot, headline, opens in zip(of_row, prepared["headline"], prepared["opens"], strict=True):
        in_headline[merger.find(slot)] += 0 if headline else 1
        in_body[merger.find(slot)] += 0 if opens else 1
    names, labels, dropped = {}, {}, {}
    for root, members in groups.items():
        nodes = [merger.nodes[i] for i in members]
        name = choose_name(nodes)
        if {node.key for node in nodes} <= fragment_keys:
            dropped[root] = FRAGMENT_REASON
            continue
        if in_headline[root] == 0 and is_headline_fragment([n.name for n in nodes], lower_words):
            dropped[root] = "headline fragment (only in title-case lines, with common words)"
            continue
        if in_body[root] == 0 and all(n.name.lower() in lower_words for n in nodes):
            dropped[root] = "common word (capitalised only where it opens a sentence or line)"
            continue
        votes: Counter[str] = Counter()
        for node in nodes:
            votes.update(node.votes)
        names[root] = name
        labels[root] = decide_label(name, [n.name for n in nodes], votes)[0]
    return names, labels, dropped


def blocking_spans(
    counted: pd.DataFrame, not_counted: pd.DataFrame, credits: dict[str, list[tuple[int, int]]]
) -> pd.DataFrame:
    """Spans a found name may not overlap: every counted mention, every photo credit and every
    span not counted, except a lone fragment the model cut from a longer name ("Hurricane" of
    "Hurricane Helene")."""
    kept = not_counted[~not_counted["reason"].isin(FRAGMENT_REASONS)]
    credit_rows = pd.DataFrame([(doc_id, start, end) for doc_id, spans in credits.items() for start, end in spans],
                               columns=["doc_id", "start", "end"])
    return pd.concat([counted[["doc_id", "start", "end"]], kept[["doc_id", "start", "end"]], credit_rows],
                     ignore_index=True)


def add_missed(frame: pd.DataFrame, raw: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame) -> pd.DataFrame:
    """The counted mentions plus every known name the model did not tag (``source`` "matched")."""
    found = find_missed(frame, raw, texts, sentences)
    if found.empty:
        return frame
    labels = frame.drop_duplicates("entity").set_index("entity")["entity_label"]
    found = found.assign(label="", name=found["text"], entity_label=found["entity"].map(labels), source=MATCHED)
    return pd.concat([frame, found], ignore_index=True)


def merges_frame(merger: Merger, names: dict[int, str]) -> pd.DataFrame:
    """One row per recorded merge, named after the entity it ended in."""
    rows = []
    for alias, joined, rule, evidence in merger.merges:
        entity = names.get(merger.find(alias))
        if entity is None:
            continue
        a, b = merger.nodes[alias], merger.nodes[joined]
        rows.append((entity, a.name, b.name, rule, a.doc_id, a.sent_index, evidence))
    frame = pd.DataFrame(rows, columns=list(MERGE_COLUMNS))
    return frame.drop_duplicates(["entity", "alias", "joined", "rule"]).reset_index(drop=True)


def names_written(canonical: Canonical) -> pd.DataFrame:
    """The counted mentions and the names in photo credits (labelled as the model tagged them):
    what copy detection compares, since two captions sharing boilerplate differ by their
    photographer although a photographer is not counted as an entity."""
    credited = canonical.not_counted[canonical.not_counted["reason"] == CREDIT_REASON]
    extra = credited.assign(entity_label=credited["label"])[["doc_id", "start", "text", "entity_label"]]
    return pd.concat([canonical.mentions[["doc_id", "start", "text", "entity_label"]], extra], ignore_index=True)


def canonicalise(mentions: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """The canonical mentions alone (``find_entities`` without the rematch pass)."""
    return find_entities(mentions, texts, rematch=False).mentions


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
        "label": grouped["entity_label"].agg(lambda labels: majority_label(Counter(labels))),
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

