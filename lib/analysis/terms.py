"""Distinctive terms per outlet: log-odds ratios with an informative Dirichlet prior (Monroe et al. 2008)."""

from __future__ import annotations

import re
from itertools import chain

import numpy as np
import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from lib.analysis.filters import outlet_labels

MIN_WORDS = 250
"""An outlet with fewer words than this gets no distinctiveness score, only its counts."""
MIN_TERM_COUNT = 2
"""Terms seen fewer times than this in the whole selection are left out."""
TERM_COLUMNS = ("outlet", "term", "kind", "count")
LEMMA_SHAPE = re.compile(r"^[a-z][a-z'-]+$")


def outlet_of(documents: pd.DataFrame) -> pd.Series:
    """Map doc_id to the outlet label shown to people."""
    return pd.Series(outlet_labels(documents).to_numpy(), index=documents["doc_id"].to_numpy())


def words_per_outlet(documents: pd.DataFrame) -> pd.Series:
    """Total words per outlet label."""
    words = pd.to_numeric(documents["words"], errors="coerce").fillna(0)
    return words.groupby(outlet_labels(documents).to_numpy()).sum().astype(int)


def count_lemmas(sentences: pd.DataFrame, documents: pd.DataFrame, *, min_length: int = 3
                 ) -> pd.DataFrame:
    """Count content lemmas (no stop words, numbers or short tokens) per outlet.

    Tokens are counted first and filtered on the distinct vocabulary afterwards, so the word
    tests run once per distinct lemma rather than once per token.
    """
    if sentences.empty:
        return pd.DataFrame(columns=list(TERM_COLUMNS))
    words = sentences["lemmas"].fillna("").astype(str).str.split()
    outlets = sentences["doc_id"].map(outlet_of(documents)).to_numpy()
    tokens = pd.DataFrame({
        "outlet": np.repeat(outlets, words.str.len().to_numpy()),
        "term": list(chain.from_iterable(words)),
    })
    counts = tokens.value_counts(["outlet", "term"]).rename("count").reset_index()
    vocabulary = pd.Series(counts["term"].unique())
    good = vocabulary[(vocabulary.str.len() >= min_length) & vocabulary.str.match(LEMMA_SHAPE)
                      & ~vocabulary.isin(STOP_WORDS)]
    counts = counts[counts["term"].isin(good)]
    return counts.assign(kind="lemma")[list(TERM_COLUMNS)].reset_index(drop=True)


def count_phrases(noun_phrases: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Count multi-word noun phrases per outlet."""
    if noun_phrases.empty:
        return pd.DataFrame(columns=list(TERM_COLUMNS))
    phrases = noun_phrases.assign(outlet=noun_phrases["doc_id"].map(outlet_of(documents)))
    counts = phrases.groupby(["outlet", "phrase"]).size().rename("count").reset_index()
    return counts.rename(columns={"phrase": "term"}).assign(kind="phrase")[list(TERM_COLUMNS)]


def count_terms(sentences: pd.DataFrame, noun_phrases: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Content lemmas and multi-word noun phrases per outlet, in one vocabulary."""
    return pd.concat([count_lemmas(sentences, documents), count_phrases(noun_phrases, documents)],
                     ignore_index=True)


def compare_log_odds(counts: pd.DataFrame, *, prior_weight: float = 1.0,
                     min_count: int = MIN_TERM_COUNT) -> pd.DataFrame:
    """Score every term for every outlet against all other outlets together.

    Monroe, Colaresi & Quinn (2008), informative Dirichlet prior: the prior count of a term
    is ``prior_weight`` times its count in the whole selection. For outlet i and the rest j,
    delta = log((y_i + a) / (n_i + a0 - y_i - a)) - log((y_j + a) / (n_j + a0 - y_j - a)),
    variance ~ 1 / (y_i + a) + 1 / (y_j + a), z = delta / sqrt(variance).
    """
    columns = ["outlet", "term", "kind", "count", "total", "per_1000", "delta", "z"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    table = counts.pivot_table(index=["term", "kind"], columns="outlet", values="count",
                               aggfunc="sum", fill_value=0)
    table = table[table.sum(axis=1) >= min_count]
    if table.empty or table.shape[1] < 2:
        return pd.DataFrame(columns=columns)
    y = table.to_numpy(dtype=float)
    totals = y.sum(axis=1, keepdims=True)
    alpha = prior_weight * totals
    alpha0 = alpha.sum()
    n = y.sum(axis=0, keepdims=True)
    y_rest, n_rest = totals - y, n.sum() - n
    log_i = np.log(y + alpha) - np.log(n + alpha0 - y - alpha)
    log_j = np.log(y_rest + alpha) - np.log(n_rest + alpha0 - y_rest - alpha)
    delta = log_i - log_j
    z = delta / np.sqrt(1.0 / (y + alpha) + 1.0 / (y_rest + alpha))
    frame = pd.DataFrame({
        "term": np.repeat(table.index.get_level_values("term"), y.shape[1]),
        "kind": np.repeat(table.index.get_level_values("kind"), y.shape[1]),
        "outlet": np.tile(table.columns.to_numpy(), y.shape[0]),
        "count": y.ravel().astype(int),
        "total": np.repeat(totals.ravel(), y.shape[1]).astype(int),
        "per_1000": (1000 * y / n).ravel(),
        "delta": delta.ravel(),
        "z": z.ravel(),
    })
    return frame[columns]


def compare_terms(sentences: pd.DataFrame, noun_phrases: pd.DataFrame, documents: pd.DataFrame,
                  *, prior_weight: float = 1.0, min_words: int = MIN_WORDS) -> pd.DataFrame:
    """Distinctive lemmas and noun phrases per outlet, with each outlet's word count (n).

    Lemmas and phrases are scored in one vocabulary, so a phrase competes with single words.
    Outlets under ``min_words`` keep their counts but get ``enough`` = False and no z-score.
    """
    counts = count_terms(sentences, noun_phrases, documents)
    scored = compare_log_odds(counts, prior_weight=prior_weight)
    words = words_per_outlet(documents)
    scored = scored.assign(n_words=scored["outlet"].map(words).fillna(0).astype(int))
    scored = scored.assign(enough=scored["n_words"] >= min_words)
    scored.loc[~scored["enough"], ["delta", "z"]] = np.nan
    return scored.sort_values(["outlet", "z"], ascending=[True, False]).reset_index(drop=True)


def top_terms(scored: pd.DataFrame, *, per_outlet: int = 10, min_count: int = 2) -> pd.DataFrame:
    """The most distinctive terms of each outlet (highest z, used at least ``min_count`` times)."""
    used = scored[(scored["count"] >= min_count) & scored["z"].notna()]
    ranked = used.sort_values("z", ascending=False)
    return ranked.groupby("outlet", sort=True).head(per_outlet).reset_index(drop=True)


def find_term_sentences(term: str, kind: str, sentences: pd.DataFrame,
                        noun_phrases: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Sentences containing a lemma or noun phrase, with their outlet, for the evidence panel."""
    if kind == "phrase":
        keys = noun_phrases.loc[noun_phrases["phrase"] == term, ["doc_id", "sent_index"]]
        found = sentences.merge(keys.drop_duplicates(), on=["doc_id", "sent_index"])
    else:
        pattern = rf"(?:^| ){re.escape(term)}(?: |$)"
        found = sentences[sentences["lemmas"].str.contains(pattern, regex=True, na=False)]
    found = found.assign(outlet=found["doc_id"].map(outlet_of(documents)))
    columns = ["outlet", "doc_id", "sent_index", "text"]
    return found.sort_values(["outlet", "doc_id", "sent_index"])[columns].reset_index(drop=True)


def encode_term(term: str, kind: str) -> str:
    """A term and its kind as one readable URL value ("military pressure (phrase)")."""
    return f"{term} ({kind})"


_ENCODED = re.compile(r"^(?P<term>.*\S)\s+\((?P<kind>lemma|phrase)\)$")


def decode_term(value: str | None) -> tuple[str, str] | None:
    """(kind, term) from a URL value; None when it is missing or malformed."""
    match = _ENCODED.match((value or "").strip())
    return (match["kind"], match["term"]) if match else None


def list_term_options(
    top: pd.DataFrame, current: str | None = None, *, known: pd.DataFrame | None = None
) -> list[str]:
    """Encoded terms for a picker: the current selection first if it is valid and, when ``known``
    (every scored term) is given, one of the corpus's terms; then ``top``."""
    options = [encode_term(t, k) for t, k in zip(top["term"], top["kind"], strict=True)]
    decoded = decode_term(current)
    if decoded and known is not None:
        kind, term = decoded
        found = "term" in known and ((known["term"] == term) & (known["kind"] == kind)).any()
        decoded = decoded if found else None
    first = [current] if current and decoded else []
    return list(dict.fromkeys(first + options))


def encode_terms(terms: pd.DataFrame) -> list[str]:
    """Every row's term and kind as one URL value, in the rows' order."""
    return [encode_term(term, kind) for term, kind in zip(terms["term"], terms["kind"], strict=True)]
