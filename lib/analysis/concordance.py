"""Concordance search (words, wildcards, regular expressions) with collocates, and every article's headline and lede."""

from __future__ import annotations

import numpy as np
import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from lib.analysis.patterns import Query, context_pattern
from lib.analysis.terms import LEMMA_SHAPE, outlet_of, words_per_outlet

MIN_LEDE_WORDS = 8
LEDE_SEARCH = 12
"""The lede is looked for among an article's first sentences only."""
KWIC_COLUMNS = ["left", "match", "right", "outlet", "published", "doc_id", "sent_index"]
COUNT_COLUMNS = ["outlet", "hits", "articles", "n_words", "per_1000"]
MAX_HITS = 100_000
"""Most hits one search counts (a pattern matching nearly every word stops there)."""


def locate_matches(texts: pd.Series, pattern) -> pd.DataFrame:
    """Every non-empty match of a compiled RE2 pattern: (row, start, end) with row the position in
    ``texts``. The texts are searched as one string, so the search is one linear pass."""
    values = texts.fillna("").astype(str).str.replace("\n", " ", regex=False).tolist()
    joined = "\n".join(values)
    starts = np.cumsum([0] + [len(value) + 1 for value in values[:-1]])
    found = []
    for match in pattern.finditer(joined):
        if match.end() > match.start():
            found.append((match.start(), match.end()))
            if len(found) >= MAX_HITS:
                break
    spans = np.array(found, dtype=int).reshape(-1, 2)
    rows = np.searchsorted(starts, spans[:, 0], side="right") - 1
    inside = spans[:, 1] <= starts[rows] + np.array([len(values[r]) for r in rows], dtype=int)
    return pd.DataFrame({"row": rows[inside], "start": spans[inside, 0] - starts[rows[inside]],
                         "end": spans[inside, 1] - starts[rows[inside]]})


def count_hits(query: Query, sentences: pd.DataFrame) -> pd.Series:
    """Hits per sentence (index as ``sentences``): text matches, or lemma matches when more."""
    text = locate_matches(sentences["text"], query.pattern)["row"].value_counts()
    hits = pd.Series(0, index=range(len(sentences))).add(text, fill_value=0)
    if query.lemma is not None:
        lemma = locate_matches(sentences["lemmas"], query.lemma)["row"].value_counts()
        hits = np.maximum(hits, pd.Series(0, index=hits.index).add(lemma, fill_value=0))
    return pd.Series(hits.to_numpy(dtype=int), index=sentences.index)


def search_concordance(query: Query | None, sentences: pd.DataFrame, documents: pd.DataFrame, *,
                       width: int = 70, limit: int = 500) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-outlet hits per 1,000 words, and keyword-in-context rows (at most ``limit``).

    A word query's sentence hits are the larger of its text and lemma matches, so "ceasefire"
    finds "cease-fire" and "negotiation" finds "negotiations".
    """
    words = words_per_outlet(documents)
    counts = pd.DataFrame({"outlet": words.index, "hits": 0, "articles": 0, "n_words": words.to_numpy()})
    if query is None or sentences.empty:
        return counts.assign(per_1000=0.0), pd.DataFrame(columns=KWIC_COLUMNS)
    hits = count_hits(query, sentences)
    found = sentences[hits > 0].assign(hits=hits[hits > 0])
    found = found.assign(outlet=found["doc_id"].map(outlet_of(documents)))
    per_outlet = found.groupby("outlet").agg(hits=("hits", "sum"), articles=("doc_id", "nunique"))
    counts = counts[["outlet", "n_words"]].merge(per_outlet, left_on="outlet", right_index=True, how="left")
    counts = counts.fillna({"hits": 0, "articles": 0}).astype({"hits": int, "articles": int})
    counts["per_1000"] = 1000 * counts["hits"] / counts["n_words"].where(counts["n_words"] > 0)
    return counts[COUNT_COLUMNS], list_contexts(found, documents, query, width=width, limit=limit)


def list_contexts(found: pd.DataFrame, documents: pd.DataFrame, query: Query, *, width: int,
                  limit: int) -> pd.DataFrame:
    """One keyword-in-context row per hit sentence, in outlet and date order."""
    dates = documents.set_index("doc_id")["published"].fillna("")
    found = found.assign(published=found["doc_id"].map(dates))
    found = found.sort_values(["outlet", "published", "doc_id", "sent_index"]).head(limit)
    texts = found["text"].fillna("").astype(str).str.split().str.join(" ").reset_index(drop=True)
    spans = locate_matches(texts, context_pattern(query)).drop_duplicates("row").set_index("row")
    rows = []
    for i, row in enumerate(found.itertuples(index=False)):
        text = texts[i]
        start, end = (spans.loc[i, "start"], spans.loc[i, "end"]) if i in spans.index else (0, 0)
        rows.append({"left": text[max(0, start - width):start], "match": text[start:end],
                     "right": text[end:end + width], "outlet": row.outlet, "published": row.published,
                     "doc_id": row.doc_id, "sent_index": row.sent_index})
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def count_collocates(query: Query | None, sentences: pd.DataFrame, documents: pd.DataFrame,
                     lemma_counts: pd.DataFrame, *, top: int = 8, min_together: int = 2) -> pd.DataFrame:
    """Each outlet's top collocates of a query: content lemmas in the same sentences as its hits.

    Ranked by logDice (Rychlý 2008), 14 + log2(2 f_xy / (f_x + f_y)), with f_x the query's hits in
    the outlet, f_y the lemma's uses in the outlet (``lemma_counts``: outlet, term, count) and
    f_xy its uses in the hit sentences; a lemma seen fewer than ``min_together`` times there is left out.
    """
    columns = ["outlet", "collocate", "together", "uses", "hits", "log_dice"]
    if query is None or sentences.empty:
        return pd.DataFrame(columns=columns)
    hits = count_hits(query, sentences)
    found = sentences[hits > 0].assign(hits=hits[hits > 0])
    found = found.assign(outlet=found["doc_id"].map(outlet_of(documents)))
    own = set(query.text.lower().split())
    lemmas = found.assign(collocate=found["lemmas"].fillna("").str.split()).explode("collocate")
    lemmas = lemmas[lemmas["collocate"].str.match(LEMMA_SHAPE, na=False) & ~lemmas["collocate"].isin(STOP_WORDS)
                    & ~lemmas["collocate"].isin(own) & (lemmas["collocate"].str.len() >= 3)]
    together = lemmas.groupby(["outlet", "collocate"]).size().rename("together").reset_index()
    together = together[together["together"] >= min_together]
    uses = lemma_counts.rename(columns={"term": "collocate", "count": "uses"})[["outlet", "collocate", "uses"]]
    table = together.merge(uses, on=["outlet", "collocate"], how="left").fillna({"uses": 0})
    table = table.merge(found.groupby("outlet")["hits"].sum().rename("hits").reset_index(), on="outlet")
    table["uses"] = np.maximum(table["uses"], table["together"]).astype(int)
    table["log_dice"] = (14 + np.log2(2 * table["together"] / (table["hits"] + table["uses"]))).round(2)
    table = table.sort_values(["outlet", "log_dice", "together"], ascending=[True, False, False])
    return table.groupby("outlet").head(top)[columns].reset_index(drop=True)


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


def list_headlines(documents: pd.DataFrame, sentences: pd.DataFrame | None = None, *,
                   ledes: pd.Series | None = None) -> pd.DataFrame:
    """Every article's headline and lede, grouped by outlet (most articles first) and sorted by date.

    Undated articles come last in their outlet; ``n_articles`` is the outlet's number of articles.
    The ledes are found among ``sentences`` unless given (``ledes``: doc_id → lede, as ``find_ledes``).
    """
    columns = ["title", "lede", "outlet", "published", "n_articles", "doc_id"]
    if documents.empty:
        return pd.DataFrame(columns=columns)
    docs = documents.assign(outlet=outlet_of(documents).loc[documents["doc_id"]].to_numpy())
    found = find_ledes(docs, sentences) if ledes is None else ledes.reindex(docs["doc_id"]).fillna("")
    docs["lede"] = found.to_numpy()
    docs["n_articles"] = docs.groupby("outlet")["doc_id"].transform("size")
    docs["published"] = docs["published"].fillna("").astype(str)
    docs["undated"] = docs["published"].eq("")
    docs = docs.sort_values(["n_articles", "outlet", "undated", "published", "title"],
                            ascending=[False, True, True, True, True])
    return docs.fillna({"lede": "", "title": ""})[columns].reset_index(drop=True)


MIN_HITS = 10
"""Fewer hits than this in an outlet: its rate is too unsteady to compare with another's."""
MIN_HIT_ARTICLES = 5


def describe_hit_sample(counts: pd.DataFrame) -> str | None:
    """Say in words which outlets' rates rest on too few hits or articles to compare."""
    small = counts[(counts["hits"] > 0) & ((counts["hits"] < MIN_HITS) | (counts["articles"] < MIN_HIT_ARTICLES))]
    if small.empty:
        return None
    parts = [f"{row.outlet} {row.hits} hit{'s' if row.hits != 1 else ''} in {row.articles} "
             f"article{'s' if row.articles != 1 else ''}" for row in small.head(8).itertuples(index=False)]
    more = f" and {len(small) - 8} more" if len(small) > 8 else ""
    return (f"{'; '.join(parts)}{more}: too few to compare these outlets' rates (a rate needs at least "
            f"{MIN_HITS} hits in {MIN_HIT_ARTICLES} articles); read them as examples, not as a habit.")
