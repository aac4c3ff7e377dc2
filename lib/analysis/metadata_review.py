"""The metadata editor's table: each article's title, outlet, date and author with where each came
from, least certain first; the articles a search finds, a page of them at a time, and the edits a
researcher made to them."""

from __future__ import annotations

import hashlib
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
PAGE_ROWS = 100
"""Rows the editor shows at once (the browser gets only these, whatever the corpus size)."""
SEARCHED_COLUMNS = ("title", "outlet", "key", "author")
"""What "Find articles" looks in: the small documents table's values, never the texts."""


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


def search_review_rows(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """The rows whose title, outlet, file name or author hold every word of ``query`` (any case),
    in the table's order; an article whose file name is the whole query comes first."""
    words = query.lower().split()
    if not words or table.empty:
        return table
    haystack = table[SEARCHED_COLUMNS[0]].str.cat([table[name] for name in SEARCHED_COLUMNS[1:]], sep="\n")
    haystack = haystack.str.lower()
    keep = pd.Series(True, index=table.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    found = table[keep]
    exact = found["key"].str.lower().eq(query.strip().lower())
    if exact.any() and not exact.iloc[0]:
        found = pd.concat([found[exact], found[~exact]])
    return found.reset_index(drop=True)


def count_pages(rows: int) -> int:
    """Pages of PAGE_ROWS rows needed for ``rows`` rows (one, empty, when there are none)."""
    return max(1, -(-rows // PAGE_ROWS))


def clamp_page(page: object, pages: int) -> int:
    """A page number within 1…pages (the first page for anything that is not a number)."""
    try:
        number = int(page)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), pages)


def slice_page(table: pd.DataFrame, page: int) -> pd.DataFrame:
    """The rows of one page (numbered from 1), indexed from 0."""
    return table.iloc[(page - 1) * PAGE_ROWS:page * PAGE_ROWS].reset_index(drop=True)


def describe_page(page: int, shown: int, total: int) -> str:
    """Which rows a page shows, e.g. "Rows 101–200 of 10,000"."""
    if not total:
        return "No article to show"
    first = (page - 1) * PAGE_ROWS + 1
    return f"Rows {first:,}–{first + shown - 1:,} of {total:,}"


def fingerprint_page(rows: pd.DataFrame) -> str:
    """A short name for the articles of a page, in order: the editor's cell edits belong to them."""
    return hashlib.blake2b("\n".join(rows["key"]).encode("utf-8"), digest_size=6).hexdigest()


def overlay_edits(rows: pd.DataFrame, pending: dict[str, dict[str, str]]) -> pd.DataFrame:
    """The rows with the unsaved values of their articles in place of the stored ones."""
    touched = rows["key"].isin(pending.keys())
    if not touched.any():
        return rows
    rows = rows.copy()
    for index in rows.index[touched]:
        for field, value in pending[rows.at[index, "key"]].items():
            if field in EDITABLE_FIELDS:
                rows.at[index, field] = value
    return rows


def merge_edits(
    pending: dict[str, dict[str, str]], rows: pd.DataFrame, page_edits: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    """The unsaved edits once a page's are known: those of articles elsewhere are kept; for the
    page's own articles, what the page holds now replaces them (a value typed back is no edit)."""
    shown = set(rows["key"])
    return {**{key: changes for key, changes in pending.items() if key not in shown}, **page_edits}
