"""Scoring copies of one text and story clusters against the truth's copy_of links and story ids."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import pandas as pd

from eval.score import RIGHT, UNKNOWN, WRONG, Tally, match_documents
from eval.truth import Truth
from lib.store.corpus import Corpus


def truth_doc_ids(truths: list[Truth], corpus: Corpus) -> dict[tuple[str, int | None], str]:
    rows = match_documents(truths, corpus.documents)
    return {key: str(row["doc_id"]) for key, row in rows.items()}


def copy_key(reference: str) -> tuple[str, int | None]:
    """A truth ``copy_of`` ("file" or "file#record", records counted from 0) as a truth key."""
    file, _, record = reference.partition("#")
    return file, int(record) if record else None


def truth_copy_components(truths: list[Truth], ids: dict) -> dict[str, int]:
    """{doc: component} where a component joins every article linked by copy_of."""
    parent: dict[str, str] = {doc: doc for doc in ids.values()}

    def root(doc: str) -> str:
        while parent[doc] != doc:
            doc = parent[doc]
        return doc

    for truth in truths:
        if truth.copy_of and truth.key in ids and copy_key(truth.copy_of) in ids:
            parent[root(ids[truth.key])] = root(ids[copy_key(truth.copy_of)])
    return {doc: hash(root(doc)) for doc in parent}


def score_copies(truths: list[Truth], corpus: Corpus) -> tuple[Tally, Tally]:
    """Each labelled copy found in its origin's group; and every predicted pair of copies that the
    truth does not link (a false copy pair)."""
    found, false_pairs = Tally("copies found"), Tally("false copy pairs")
    ids = truth_doc_ids(truths, corpus)
    group = corpus.documents.set_index("doc_id")["copy_group"] if "copy_group" in corpus.documents else pd.Series()
    for truth in truths:
        if not truth.copy_of or truth.key not in ids or copy_key(truth.copy_of) not in ids:
            continue
        same = group.get(ids[truth.key]) == group.get(ids[copy_key(truth.copy_of)])
        found.add(RIGHT if same else UNKNOWN, f"{truth.file}: not grouped with {truth.copy_of}")
    components = truth_copy_components(truths, ids)
    files = corpus.documents.set_index("doc_id")["file"]
    members = defaultdict(list)
    for doc, copy_group in group.items():
        if doc in components:
            members[copy_group].append(doc)
    for docs in members.values():
        for left, right in combinations(sorted(docs), 2):
            real = components[left] == components[right]
            false_pairs.add(RIGHT if real else WRONG, f"{files[left]} and {files[right]} grouped as copies")
    return found, false_pairs


def score_stories(truths: list[Truth], corpus: Corpus) -> dict[str, object]:
    """Purity (each predicted story's share of its most common true story) and inverse purity
    (each true story's share in its most common predicted story), over benchmark articles."""
    ids = truth_doc_ids(truths, corpus)
    if "story" not in corpus.documents:
        return {}
    story = corpus.documents.set_index("doc_id")["story"]
    truth_story = {ids[t.key]: t.story for t in truths if t.key in ids and t.story}
    predicted, actual = defaultdict(list), defaultdict(list)
    for doc, name in truth_story.items():
        predicted[story.get(doc)].append(name)
        actual[name].append(story.get(doc))
    total = len(truth_story)
    purity = sum(Counter(v).most_common(1)[0][1] for v in predicted.values()) / total if total else 0.0
    inverse = sum(Counter(v).most_common(1)[0][1] for v in actual.values()) / total if total else 0.0
    multi = [name for name, docs in actual.items() if len(docs) > 1]
    return {
        "story purity": f"{purity:.0%} (target ≥ 90%)",
        "story inverse purity (true stories kept together)": f"{inverse:.0%}",
        "stories found / true stories": f"{len(predicted)} / {len(actual)} ({len(multi)} with 2+ articles)",
    }
