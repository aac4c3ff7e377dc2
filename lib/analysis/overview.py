"""Corpus overview figures: headline numbers, the article list, outlets and top entities."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from lib.analysis.filters import Filters, apply_filters, outlet_labels, passing_mask
from lib.analysis.queries import describe_chosen
from lib.records import Problem
from lib.store.corpus import Corpus

ARTICLE_ROWS = 500
"""Rows of the Overview's article table drawn at once (its CSV has every row)."""


@dataclass(frozen=True)
class Kpis:
    """The overview's headline numbers."""

    articles: int
    outlets: int
    unknown_outlet: int
    words: int
    first: str
    last: str
    undated: int
    entities: int


def compute_kpis(documents: pd.DataFrame, *, entities: int) -> Kpis:
    """Headline numbers for the articles shown (``entities`` of them named); unknown outlets and
    dates are counted apart."""
    known = documents["outlet"].fillna("") != ""
    dated = documents["published"].fillna("") != ""
    published = documents.loc[dated, "published"].sort_values()
    return Kpis(
        articles=len(documents),
        outlets=documents.loc[known, "outlet"].nunique(),
        unknown_outlet=int((~known).sum()),
        words=int(documents["words"].sum()),
        first=str(published.iloc[0]) if len(published) else "",
        last=str(published.iloc[-1]) if len(published) else "",
        undated=int((~dated).sum()),
        entities=entities,
    )


def format_span(first: str, last: str) -> str:
    """A compact date span by month ("Feb – Jul 2024"); exact days go in the metric's help."""
    if not first:
        return "no dates"
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y}"
    if start.year == end.year:
        return f"{start:%b} – {end:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


def list_articles(documents: pd.DataFrame) -> pd.DataFrame:
    """The article table: title, outlet, date, where each came from, and length."""
    table = pd.DataFrame({
        "doc_id": documents["doc_id"],
        "title": documents["title"].replace("", "(no title found)"),
        "outlet": outlet_labels(documents),
        "published": documents["published"].replace("", "undated"),
        "date from": documents["published_source"],
        "outlet from": documents["outlet_source"],
        "words": documents["words"].astype(int),
        "copies": documents["copy_size"].fillna(1).astype(int) if "copy_size" in documents else 1,
        "story": documents["story_title"].fillna("") if "story_title" in documents else "",
        "file": documents["file"],
    })
    return table.reset_index(drop=True)


def count_articles_per_outlet(documents: pd.DataFrame) -> pd.DataFrame:
    """Articles and words per outlet, most articles first."""
    frame = documents.assign(outlet=outlet_labels(documents))
    counts = frame.groupby("outlet").agg(articles=("doc_id", "size"), words=("words", "sum"))
    return counts.reset_index().sort_values(["articles", "outlet"], ascending=[False, True]).reset_index(drop=True)


def rank_entities_by_type(corpus: Corpus, chosen: pd.DataFrame, *, per_type: int = 5,
                          types: int = 6) -> pd.DataFrame:
    """The most mentioned entities of the most frequent types (ties by name), with article
    counts, among the ``chosen`` articles: counted in the engine."""
    ranked = corpus.query(
        """WITH grouped AS (
               SELECT entity, entity_label AS label, count(*) AS mentions, count(DISTINCT doc_id) AS articles
               FROM mentions JOIN chosen USING (doc_id) GROUP BY entity, entity_label),
           kinds AS (SELECT label FROM grouped GROUP BY label ORDER BY sum(mentions) DESC, label LIMIT ?)
           SELECT * FROM grouped WHERE label IN (SELECT label FROM kinds)
           QUALIFY row_number() OVER (PARTITION BY label ORDER BY mentions DESC, entity) <= ?
           ORDER BY mentions DESC, entity""", [types, per_type], chosen=chosen[["doc_id"]])
    for column in ("entity", "label"):
        ranked[column] = ranked[column].astype("str")
    return ranked[["entity", "label", "mentions", "articles"]]


def count_named_entities(corpus: Corpus, chosen: pd.DataFrame) -> int:
    """How many canonical entities the ``chosen`` articles name."""
    found = corpus.query("SELECT count(DISTINCT entity) AS n FROM mentions JOIN chosen USING (doc_id)",
                         chosen=chosen[["doc_id"]])
    return int(found["n"].iloc[0])


@dataclass(frozen=True)
class Overview:
    """Everything the overview page shows for one corpus and filter."""

    kpis: Kpis
    articles: pd.DataFrame
    outlets: pd.DataFrame
    entities: pd.DataFrame


def summarise_overview(corpus: Corpus, filters: Filters) -> Overview:
    """Compute the overview for the articles passing the filters (cached by the app)."""
    counted = apply_filters(corpus.documents, filters)  # a copied text once, for its origin
    every = corpus.documents[passing_mask(corpus.documents, replace(filters, copies_once=False))]
    chosen = describe_chosen(counted)
    return Overview(
        kpis=compute_kpis(counted, entities=count_named_entities(corpus, chosen)),
        articles=list_articles(every),
        outlets=count_articles_per_outlet(counted),
        entities=rank_entities_by_type(corpus, chosen),
    )


def list_file_results(documents: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """One row per file: loaded (with its article count), skipped as duplicate, or rejected, and why."""
    rows = [
        {"file": file, "status": "loaded", "articles": int(count), "message": ""}
        for file, count in documents.groupby("file").size().items()
    ]
    rows.extend(
        {
            "file": problem.file if problem.record is None else f"{problem.file} (record {problem.record})",
            "status": problem.status, "articles": 0, "message": problem.message,
        }
        for problem in problems
    )
    return pd.DataFrame(rows, columns=["file", "status", "articles", "message"]).sort_values("file", kind="stable")


def list_corpus_file_results(corpus: Corpus) -> pd.DataFrame:
    """``list_file_results`` of a corpus: cached by the corpus key, computed once per corpus
    rather than on every rerun (100,000 files at 100,000 articles)."""
    return list_file_results(corpus.documents, list(corpus.problems))
