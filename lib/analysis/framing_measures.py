"""The Source framing view's sentence-by-sentence measures: attribution and hedging cues, frames and tone.

The build stores every sentence's matches and scores (``lib.nlp.measures``); these views read them for the
articles in view through the engine (``measure_queries``), and match or score in the app only when a lexicon
was edited since the build or the store predates them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd

from lib.analysis.cues import (
    FRAMES,
    count_frame_matches,
    count_matches,
    list_evidence,
    summarise_counts,
    summarise_matches,
)
from lib.analysis.filters import Filters, select_outlet_documents
from lib.analysis.framing_queries import describe_framing_chosen, query_rows, sentences_mentioning_query
from lib.analysis.measure_queries import (
    STORED,
    check_lexicon_matches,
    has_stored_tones,
    query_label_matches,
    query_match_counts,
    query_tones,
    summarise_tone_query,
)
from lib.analysis.tone import list_tone_sentences, score_tone, summarise_tone
from lib.nlp.lexicons import read_lexicons
from lib.nlp.measures import CUES_TABLE, FRAMES_TABLE
from lib.store.corpus import Corpus


def _chosen(corpus: Corpus, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles passing the filters with a known outlet, and their doc_id and outlet as engine queries join them."""
    documents = select_outlet_documents(corpus.documents, filters)
    return documents, describe_framing_chosen(documents)


def _sentences(corpus: Corpus, chosen: pd.DataFrame, columns: list[str], **query) -> pd.DataFrame:
    return query_rows(corpus, "sentences", chosen, columns, **query)


BATCH_ARTICLES = 2_000
"""Sentence-by-sentence measures (cues, frames, tone) read this many articles' sentences at a time."""


def _by_batch(corpus: Corpus, chosen: pd.DataFrame, measure: Callable[[pd.DataFrame], pd.DataFrame]
              ) -> pd.DataFrame:
    """A per-sentence measure of the chosen articles' sentences, run on a batch of articles at a time
    so that a large selection's text is never held at once; the rows of every batch, concatenated."""
    parts = [measure(_sentences(corpus, chosen.iloc[start:start + BATCH_ARTICLES], ["doc_id", "sent_index", "text"]))
             for start in range(0, max(len(chosen), 1), BATCH_ARTICLES)]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]



@dataclass(frozen=True)
class LexiconMatches:
    """Cue and frame matches over the sentences of a selection (``cues`` and ``frames`` None: the stored
    matches serve, read in the engine for each view)."""

    cue_lexicon: pd.DataFrame
    frame_lexicon: pd.DataFrame
    cues: pd.DataFrame | None
    frames: pd.DataFrame | None


def match_every_lexicon(corpus: Corpus, stamp: str = "") -> LexiconMatches:
    """Match the editable cue and frame lexicons against every article's sentences (``stamp``: the
    lexicons' file state). A sentence matches on its own, whatever the filters: made once per corpus
    and lexicon state, it leaves each filter to pick its articles' rows."""
    del stamp  # part of the cache key only: a lexicon edit gives a new stamp
    return _match_lexicons(corpus, describe_framing_chosen(corpus.documents))


def _match_lexicons(corpus: Corpus, chosen: pd.DataFrame) -> LexiconMatches:
    """The cue and frame lexicons as they are now, matched against the chosen articles' sentences."""
    lexicons = read_lexicons()
    cue_lexicon, frame_lexicon = lexicons.cues, lexicons.frames
    return LexiconMatches(cue_lexicon, frame_lexicon,
                          _by_batch(corpus, chosen, lambda sentences: count_matches(sentences, cue_lexicon)),
                          _by_batch(corpus, chosen, lambda sentences: count_frame_matches(sentences, frame_lexicon)))


def match_corpus_lexicons(corpus: Corpus, filters: Filters, stamp: str = "",
                          _every: LexiconMatches | None = None) -> LexiconMatches:
    """The cue and frame matches of the selection's sentences (``stamp``: the lexicon files' state): the
    build's, when they were made with these lexicon files; else ``_every`` (``match_every_lexicon(corpus,
    stamp)``), whose rows are picked; else matched now. ``_every`` follows from the corpus and stamp: a
    leading underscore tells Streamlit's cache not to hash it."""
    _, chosen = _chosen(corpus, filters)
    if _every is not None:
        ids = set(chosen["doc_id"])
        return LexiconMatches(_every.cue_lexicon, _every.frame_lexicon,
                              _every.cues[_every.cues["doc_id"].isin(ids)].reset_index(drop=True),
                              _every.frames[_every.frames["doc_id"].isin(ids)].reset_index(drop=True))
    if check_lexicon_matches(corpus) == STORED:
        lexicons = read_lexicons()
        return LexiconMatches(lexicons.cues, lexicons.frames, None, None)
    return _match_lexicons(corpus, chosen)


@dataclass(frozen=True)
class LexiconView:
    """Per-outlet counts of a lexicon and the evidence sentences of one label."""

    summary: pd.DataFrame
    evidence: pd.DataFrame


def summarise_lexicon_view(corpus: Corpus, filters: Filters, stamp: str, which: str,
                           label: str | None, _matches: LexiconMatches) -> LexiconView:
    """Cues (``which="cues"``) or frames per outlet, and the sentences behind ``label``.

    ``_matches`` comes from ``match_corpus_lexicons(corpus, filters, stamp)``; the leading underscore
    keeps it out of the cache key, which ``stamp`` stands for. Stored matches are counted in the engine.
    """
    del stamp
    documents, chosen = _chosen(corpus, filters)
    lexicon = _matches.cue_lexicon if which == "cues" else _matches.frame_lexicon
    labels = lexicon["label"].tolist() if which == "cues" else list(FRAMES)
    found = _matches.cues if which == "cues" else _matches.frames
    if found is None:
        table = CUES_TABLE if which == "cues" else FRAMES_TABLE
        summary = summarise_counts(query_match_counts(corpus, chosen, table), documents, labels=labels)
        found = query_label_matches(corpus, chosen, table, label) if label in set(lexicon["label"]) else None
    else:
        found = found[found["doc_id"].isin(documents["doc_id"])] if not found.empty else found
        summary = summarise_matches(found, documents, labels=labels)
    evidence = pd.DataFrame()
    if label in set(lexicon["label"]):
        keys = found.loc[found["label"] == label, ["doc_id", "sent_index"]]
        sentences = _sentences(corpus, keys, ["doc_id", "sent_index", "start", "text"], on=("doc_id", "sent_index"))
        evidence = list_evidence(found, sentences, documents, lexicon, label=label)
    return LexiconView(summary, evidence)


def score_corpus_tone(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """VADER score of every sentence of the selection: as the build stored it, else scored now."""
    _, chosen = _chosen(corpus, filters)
    if has_stored_tones(corpus):
        return query_tones(corpus, chosen, batch=BATCH_ARTICLES)
    return _by_batch(corpus, chosen, score_tone)


@dataclass(frozen=True)
class ToneView:
    """Tone per outlet overall and around one entity, and one outlet's scored sentences."""

    overall: pd.DataFrame
    entity: pd.DataFrame
    sentences: pd.DataFrame


def summarise_tone_view(corpus: Corpus, filters: Filters, entity: str | None,
                        outlet: str | None, _tone: pd.DataFrame | None) -> ToneView:
    """Mean tone per outlet, and for the sentences that mention ``entity``.

    ``_tone`` is ``score_corpus_tone(corpus, filters)``: fixed by the key's corpus and filters; None where the
    build stored the scores, which are summarised in the engine (one outlet's listed).
    """
    documents, chosen = _chosen(corpus, filters)
    only = sentences_mentioning_query(corpus, chosen, entity) if entity else None
    if _tone is None:
        summarise = partial(summarise_tone_query, corpus, chosen, documents)
        scored = query_tones(corpus, chosen[chosen["outlet"] == outlet], batch=BATCH_ARTICLES) if outlet else None
    else:
        scored = _tone[_tone["doc_id"].isin(documents["doc_id"])] if not _tone.empty else _tone
        summarise = partial(summarise_tone, scored, documents)
    entity_table = summarise(only=only) if entity else pd.DataFrame()
    listed = pd.DataFrame()
    if outlet:
        own = _sentences(corpus, chosen[chosen["outlet"] == outlet], ["doc_id", "sent_index", "text"])
        listed = list_tone_sentences(scored, own, documents, outlet=outlet, only=only)
    return ToneView(summarise(), entity_table, listed)
