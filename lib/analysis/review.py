"""The review queue and the not-counted table: what the entity rules were unsure of or left
out, and the correction each decision saves."""

from __future__ import annotations

import json

import pandas as pd

from lib.analysis.filters import Filters, select_doc_ids
from lib.nlp.corrections import Correction
from lib.records import label_word
from lib.store.corpus import MERGES_TABLE, NOT_COUNTED_TABLE, REVIEW_TABLE, Corpus

QUEUE_COLUMNS = ["candidate", "question", "kind", "entity", "other", "label", "reason", "evidence"]
NOT_COUNTED_VIEW = ["text", "reason", "counted_as", "label", "doc_id", "sent_index"]


def describe_candidate(kind: str, entity: str, other: str, label: str) -> str:
    """The question a candidate asks, in words."""
    if kind == "merge":
        return f"Are “{entity}” and “{other}” one entity?"
    if kind == "split":
        return f"Is “{other}” really “{entity}”?"
    return f"Is “{entity}” a {label_word(label).lower()}?"


def is_decided(row: pd.Series, corrections: list[Correction]) -> bool:
    """Whether a correction already answers the candidate (either way)."""
    pair = {row["entity"], row["other"]}
    for fix in corrections:
        if row["kind"] in ("merge", "split") and {fix.entity, fix.target} == pair:
            return True
        if row["kind"] == "label" and fix.entity == row["entity"] and fix.action in ("relabel", "keep") and (
                not fix.target):
            return True
    return False


def is_moot(row: pd.Series, labels: dict[str, str]) -> bool:
    """Whether the corpus no longer holds the question (an entity merged away, the label already set)."""
    if row["entity"] not in labels:
        return True
    if row["kind"] == "merge":
        return row["other"] not in labels
    if row["kind"] == "label":
        return labels[row["entity"]] == row["label"]
    return False


def list_review_queue(corpus: Corpus, corrections: list[Correction]) -> pd.DataFrame:
    """Open candidates: not answered by a correction and still true of the corpus."""
    table = corpus.table(REVIEW_TABLE)
    if table.empty:
        return pd.DataFrame(columns=QUEUE_COLUMNS)
    labels = corpus.entities.set_index("entity")["label"].to_dict()  # the per-entity totals, beside the tables
    open_rows = table[[not is_decided(row, corrections) and not is_moot(row, labels)
                       for _, row in table.iterrows()]].copy()
    open_rows["question"] = [describe_candidate(k, e, o, lab) for k, e, o, lab in
                             open_rows[["kind", "entity", "other", "label"]].itertuples(index=False)]
    open_rows["evidence"] = open_rows["evidence"].map(format_evidence)
    return open_rows.reset_index(drop=True)[QUEUE_COLUMNS]


def format_evidence(evidence: str) -> str:
    """The evidence sentences as lines of text: “name”: sentence."""
    try:
        items = json.loads(evidence or "[]")
    except json.JSONDecodeError:
        return ""
    return "\n".join(f"“{item['name']}”: {item['sentence']}" for item in items if item.get("sentence"))


def decide(row: pd.Series | dict, *, accept: bool) -> Correction:
    """The correction that saves a decision on a candidate."""
    kind, entity, other, label = row["kind"], row["entity"], row["other"], row["label"]
    if kind == "merge":
        return Correction("merge", entity, target=other) if accept else Correction("keep", entity, target=other)
    if kind == "split":
        return Correction("split", entity, target=other) if accept else Correction("keep", entity, target=other)
    return Correction("relabel", entity, label=label) if accept else Correction("keep", entity, label=label)


def list_not_counted(corpus: Corpus, filters: Filters, corrections: list[Correction]) -> pd.DataFrame:
    """Mentions left out (or trimmed) in the articles passing the filters, without restored ones,
    in article order (then by place), looked up in the engine."""
    if not corpus.has_table(NOT_COUNTED_TABLE):
        return pd.DataFrame(columns=NOT_COUNTED_VIEW)
    restored = sorted({fix.entity for fix in corrections if fix.action == "restore"})
    ids = select_doc_ids(corpus.documents, filters)
    chosen = pd.DataFrame({"doc_id": pd.Series(ids, dtype="string"), "place": range(len(ids))})
    rows = corpus.query(
        """SELECT n.* FROM not_counted n JOIN chosen c USING (doc_id) WHERE NOT list_contains(?::VARCHAR[], n.text)
           ORDER BY c.place, n.sent_index, n.start, n."end" """, [restored], chosen=chosen)
    rows = rows.astype({column: "str" for column in ("text", "reason", "counted_as", "label", "doc_id")})
    return rows.assign(label=rows["label"].map(label_word)).reset_index(drop=True)[NOT_COUNTED_VIEW]


def list_entity_merges(corpus: Corpus, entity: str) -> pd.DataFrame:
    """How each written form joined an entity: the rule and its evidence."""
    table = corpus.table(MERGES_TABLE)
    if table.empty:
        return pd.DataFrame(columns=["alias", "rule", "evidence"])
    return table.loc[table["entity"] == entity, ["alias", "rule", "evidence"]].reset_index(drop=True)


def list_all_merges(corpus: Corpus) -> pd.DataFrame:
    """Every recorded merge of the corpus (for the download bundle)."""
    return corpus.table(MERGES_TABLE)
