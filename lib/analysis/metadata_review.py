"""The metadata editor's table: each article's title, outlet, date and author with where each came
from, least certain first, and the edits a researcher made to it."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from lib.analysis.filters import Filters, passing_mask
from lib.ingest.edits import EDITABLE_FIELDS, record_key
from lib.store.corpus import Corpus

CONFIDENCE_RANK = {"none": 0, "": 0, "low": 1, "medium": 2, "high": 3}
WEAK = 1
"""Confidence ranks at or below this are weak: unknown, or "low"."""
REVIEW_COLUMNS = [
    "key", "title", "outlet", "published", "author",
    "title_source", "outlet_source", "published_source", "author_source",
    "certainty", "weakest", "doc_id",
]


def list_metadata_for_review(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per article: the editable fields, their provenance, and a certainty score
    (0 = nothing known … 12 = every field from strong evidence); least certain first."""
    if documents.empty:
        return pd.DataFrame(columns=REVIEW_COLUMNS)
    wanted = ["doc_id", "file", "record", *(f"{field}{part}" for field in EDITABLE_FIELDS
                                         for part in ("", "_source", "_confidence"))]
    frame = documents[wanted].copy()  # only what the table shows of each article
    frame["key"] = [record_key(f, None if pd.isna(r) else int(r)) for f, r in zip(frame["file"], frame["record"],
                                                                                    strict=True)]
    certainty = pd.Series(0, index=frame.index)
    weakest = pd.Series(max(CONFIDENCE_RANK.values()), index=frame.index)
    for field in EDITABLE_FIELDS:
        frame[field] = frame[field].fillna("").astype(str)
        known = frame[field].str.strip().ne("")
        rank = frame[f"{field}_confidence"].fillna("none").map(CONFIDENCE_RANK).fillna(0).astype(int)
        certainty += rank.where(known, 0)
        weakest = weakest.clip(upper=rank.where(known, 0))
        frame[f"{field}_source"] = frame[f"{field}_source"].fillna("unknown")
    frame["certainty"], frame["weakest"] = certainty, weakest
    frame = frame.sort_values(["certainty", "key"], kind="stable", ignore_index=True)
    return frame[REVIEW_COLUMNS]


def count_unknown_fields(documents: pd.DataFrame) -> dict[str, int]:
    """How many articles have no value for each editable field."""
    return {field: int(documents[field].fillna("").astype(str).str.strip().eq("").sum()) for field in EDITABLE_FIELDS}


def find_edits(shown: pd.DataFrame, edited: pd.DataFrame) -> dict[str, dict[str, str]]:
    """{article key: {field: new value}} for every editable cell the researcher changed."""
    edits: dict[str, dict[str, str]] = {}
    before = shown.set_index("key")
    after = edited.set_index("key")
    for key in after.index.intersection(before.index):
        for field in EDITABLE_FIELDS:
            old, new = str(before.at[key, field] or ""), str(after.at[key, field] or "")
            if " ".join(new.split()) != " ".join(old.split()):
                edits.setdefault(str(key), {})[field] = new
    return edits


def review_corpus_metadata(corpus: Corpus, filters: Filters, weak_only: bool = False) -> pd.DataFrame:
    """The editor's rows for the articles passing the filters (only weak ones if asked)."""
    every_copy = replace(filters, copies_once=False)  # each article has its own metadata
    documents = corpus.documents[passing_mask(corpus.documents, every_copy)]
    table = list_metadata_for_review(documents)
    return table[table["weakest"] <= WEAK].reset_index(drop=True) if weak_only else table


def count_corpus_unknown_fields(corpus: Corpus, filters: Filters) -> dict[str, int]:
    """How many articles passing the filters have no value for each editable field."""
    every_copy = replace(filters, copies_once=False)
    return count_unknown_fields(corpus.documents[passing_mask(corpus.documents, every_copy)])
