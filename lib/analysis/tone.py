"""Sentence tone (VADER compound score) per outlet, overall and around one entity."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.analysis.terms import outlet_of
from lib.nlp.measures import TONE_COLUMNS, score_tone  # noqa: F401 - shared with the build

MIN_SENTENCES = 10
"""Fewer sentences than this: the outlet's mean tone is shown as too little text."""
POSITIVE, NEGATIVE = 0.05, -0.05
"""VADER's own thresholds for calling a compound score positive or negative."""


def sentences_mentioning(mentions: pd.DataFrame, entity: str) -> pd.DataFrame:
    """(doc_id, sent_index) of the sentences that mention an entity."""
    keys = mentions.loc[mentions["entity"] == entity, ["doc_id", "sent_index"]]
    return keys.drop_duplicates().reset_index(drop=True)


def summarise_tone(tone: pd.DataFrame, documents: pd.DataFrame, *,
                   only: pd.DataFrame | None = None, min_sentences: int = MIN_SENTENCES
                   ) -> pd.DataFrame:
    """Mean tone and share of negative/positive sentences per outlet, with n sentences.

    ``only`` restricts to some (doc_id, sent_index) pairs, e.g. sentences naming an entity.
    Outlets with no sentence at all still get a row (n = 0), so the view can say so.
    """
    scored = tone[tone["doc_id"].isin(documents["doc_id"])]
    if only is not None:
        scored = scored.merge(only[["doc_id", "sent_index"]], on=["doc_id", "sent_index"])
    labels = outlet_of(documents)
    scored = scored.assign(outlet=scored["doc_id"].map(labels),
                           negative=scored["compound"] <= NEGATIVE,
                           positive=scored["compound"] >= POSITIVE)
    table = scored.groupby("outlet").agg(
        n_sentences=("compound", "size"), mean=("compound", "mean"),
        sd=("compound", "std"), negative=("negative", "mean"), positive=("positive", "mean"),
    )
    return summarise_tone_counts(table.reset_index(), documents, min_sentences=min_sentences)


def summarise_tone_counts(counted: pd.DataFrame, documents: pd.DataFrame, *, min_sentences: int = MIN_SENTENCES
                          ) -> pd.DataFrame:
    """``summarise_tone`` from each outlet's n_sentences, mean, sd, negative and positive share (such as the
    engine computes from stored scores): every outlet of ``documents``, with se and whether n is enough."""
    labels = outlet_of(documents)
    columns = ["n_sentences", "mean", "sd", "negative", "positive"]
    table = counted.set_index("outlet")[columns].reindex(sorted(labels.unique()))
    table["n_sentences"] = table["n_sentences"].fillna(0).astype(int)
    table["se"] = table["sd"] / np.sqrt(table["n_sentences"].where(table["n_sentences"] > 0))
    table["enough"] = table["n_sentences"] >= min_sentences
    return table.rename_axis("outlet").reset_index()


def list_tone_sentences(tone: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame,
                        *, outlet: str, only: pd.DataFrame | None = None, limit: int = 100
                        ) -> pd.DataFrame:
    """One outlet's sentences with their scores, most negative first."""
    rows = sentences.merge(tone, on=["doc_id", "sent_index"])
    if only is not None:
        rows = rows.merge(only[["doc_id", "sent_index"]], on=["doc_id", "sent_index"])
    rows = rows[rows["doc_id"].map(outlet_of(documents)) == outlet]
    columns = ["doc_id", "sent_index", "compound", "text"]
    return rows.sort_values("compound")[columns].head(limit).reset_index(drop=True)
