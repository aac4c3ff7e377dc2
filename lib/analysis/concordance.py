"""Concordance search over sentences, and each article's headline and lede, per outlet."""

from __future__ import annotations

import re

import pandas as pd

from lib.analysis.terms import outlet_of, words_per_outlet

MIN_LEDE_WORDS = 8
LEDE_SEARCH = 12
"""The lede is looked for among an article's first sentences only."""


def _flexible_word(word: str) -> str:
    """A word that may also be written with hyphens inside ("ceasefire" ~ "cease-fire")."""
    return "-?".join(re.escape(char) for char in word)


def _query_patterns(query: str) -> tuple[str, str, str]:
    words = query.lower().split()
    strict = r"(?i)\b" + r"[\s-]+".join(_flexible_word(w) for w in words) + r"\b"
    loose = r"(?i)\b" + r"\w*[\s-]+".join(_flexible_word(w) for w in words) + r"\w*"
    lemma = r"(?:^| )" + " ".join(re.escape(w) for w in words) + r"(?= |$)"
    return strict, loose, lemma


def search_concordance(query: str, sentences: pd.DataFrame, documents: pd.DataFrame, *,
                       width: int = 70, limit: int = 300) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-outlet hits per 1,000 words for a word, lemma or phrase, and keyword-in-context rows.

    A sentence's hits are the larger of its text matches and its lemma matches, so "ceasefire"
    finds "cease-fire" and "negotiation" finds "negotiations".
    """
    words = words_per_outlet(documents)
    counts = pd.DataFrame({"outlet": words.index, "hits": 0, "articles": 0,
                           "n_words": words.to_numpy()})
    kwic = pd.DataFrame(columns=["outlet", "doc_id", "sent_index", "left", "match", "right"])
    if not query.strip() or sentences.empty:
        return counts.assign(per_1000=0.0), kwic
    strict, loose, lemma = _query_patterns(query)
    hits = pd.concat([sentences["text"].str.count(strict),
                      sentences["lemmas"].fillna("").str.count(lemma)], axis=1).max(axis=1)
    found = sentences[hits > 0].assign(hits=hits[hits > 0])
    found = found.assign(outlet=found["doc_id"].map(outlet_of(documents)))
    per_outlet = found.groupby("outlet").agg(hits=("hits", "sum"), articles=("doc_id", "nunique"))
    counts = counts.drop(columns=["hits", "articles"]).merge(
        per_outlet, left_on="outlet", right_index=True, how="left").fillna({"hits": 0, "articles": 0})
    counts = counts.astype({"hits": int, "articles": int})
    counts["per_1000"] = 1000 * counts["hits"] / counts["n_words"].where(counts["n_words"] > 0)
    rows = []
    for row in found.head(limit).itertuples(index=False):
        text = " ".join(str(row.text).split())
        match = re.search(loose, text) or re.search(r"^.*$", text)
        rows.append({"outlet": row.outlet, "doc_id": row.doc_id, "sent_index": row.sent_index,
                     "left": text[max(0, match.start() - width) : match.start()],
                     "match": match.group(), "right": text[match.end() : match.end() + width]})
    if rows:
        kwic = pd.DataFrame(rows).sort_values(["outlet", "doc_id", "sent_index"])
    return counts, kwic.reset_index(drop=True)


def find_ledes(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """Each article's lede (doc_id → text): its first sentence of at least ``MIN_LEDE_WORDS`` words
    that is not the title and ends like a sentence (headline-style decks and captions without a
    full stop are skipped); "" when none is found."""
    early = sentences[(sentences["sent_index"] < LEDE_SEARCH) & sentences["doc_id"].isin(documents["doc_id"])]
    candidates = early.merge(documents[["doc_id", "title"]], on="doc_id")
    text = candidates["text"].str.split().str.join(" ")
    title = candidates["title"].fillna("").str.split().str.join(" ")
    ends = text.str.contains(r"[.!?][\"'\u201d\u2019)]?$", regex=True)
    usable = (text.str.count(" ") + 1 >= MIN_LEDE_WORDS) & (text != title) & ends
    ledes = candidates[usable].assign(lede=text[usable]).sort_values(["doc_id", "sent_index"]).groupby("doc_id").head(1)
    return ledes.set_index("doc_id")["lede"].reindex(documents["doc_id"]).fillna("")


def list_headlines(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: its latest article's headline and lede, and how many articles it has."""
    columns = ["outlet", "title", "lede", "published", "doc_id", "n_articles"]
    if documents.empty:
        return pd.DataFrame(columns=columns)
    docs = documents.assign(outlet=outlet_of(documents).loc[documents["doc_id"]].to_numpy())
    docs["lede"] = find_ledes(docs, sentences).to_numpy()
    docs["n_articles"] = docs.groupby("outlet")["doc_id"].transform("size")
    latest = docs.sort_values(["outlet", "published"], ascending=[True, False]).groupby(
        "outlet").head(1)
    return latest.fillna({"lede": ""})[columns].reset_index(drop=True)
