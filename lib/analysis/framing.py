"""What the Source framing view computes for a corpus and filters: terms, naming, quotes, cues, tone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from lib.analysis.comparison import (
    GROUPINGS,
    Comparison,
    compare_sides,
    describe_outlets,
    make_side,
    members,
    side_label,
)
from lib.analysis.concordance import count_collocates, list_headlines, search_concordance
from lib.analysis.cues import (
    FRAMES,
    count_frame_matches,
    count_matches,
    list_evidence,
    summarise_counts,
    summarise_matches,
)
from lib.analysis.filters import Filters, select_outlet_documents
from lib.analysis.framing_queries import (
    MENTION_COLUMNS,
    count_lemma_query,
    count_phrase_query,
    describe_framing_chosen,
    load_aliases,
    name_starts,
    query_candidates,
    query_ledes,
    query_name_mentions,
    query_rows,
    query_term_sentences,
    sentences_mentioning_query,
)
from lib.analysis.measure_queries import (
    STORED,
    check_lexicon_matches,
    has_stored_tones,
    query_label_matches,
    query_match_counts,
    query_tones,
    summarise_tone_query,
)
from lib.analysis.patterns import compile_query
from lib.analysis.terms import MIN_WORDS as TERMS_MIN_WORDS
from lib.analysis.terms import (
    compare_log_odds,
    outlet_of,
    top_terms,
    words_per_outlet,
)
from lib.analysis.tone import list_tone_sentences, score_tone, summarise_tone
from lib.analysis.voices import (
    MIN_QUOTED_WORDS,
    MIN_VERB_QUOTES,
    compare_naming,
    compare_speakers,
    count_verbs,
    list_label_sentences,
    list_name_forms,
    rank_actors,
    resolve_descriptors,
    resolve_quotes,
)
from lib.nlp.lexicons import read_lexicons
from lib.nlp.measures import CUES_TABLE, FRAMES_TABLE
from lib.store.corpus import Corpus

SPEAKER_KINDS = {"direct and reported": ("direct", "reported"), "direct quotes": ("direct",),
                 "reported speech": ("reported",)}


def _selection(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Articles passing the filters with a known outlet: every framing measure compares outlets."""
    return select_outlet_documents(corpus.documents, filters)


def _chosen(corpus: Corpus, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The selection's articles, and their doc_id and outlet as engine queries join them."""
    documents = _selection(corpus, filters)
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


def _outlet_sizes(values: pd.Series, documents: pd.DataFrame, *, minimum: int) -> pd.DataFrame:
    outlets = sorted(outlet_of(documents).unique())
    n = values.reindex(outlets, fill_value=0).astype(int)
    return pd.DataFrame({"outlet": outlets, "n": n.to_numpy(), "enough": (n >= minimum).to_numpy()})


@dataclass(frozen=True)
class TermsView:
    """Scored terms, each outlet's top terms, and each outlet's n (words)."""

    scored: pd.DataFrame
    top: pd.DataFrame
    outlets: pd.DataFrame


def summarise_terms_view(corpus: Corpus, filters: Filters, prior_weight: float = 1.0,
                         per_outlet: int = 10) -> TermsView:
    """Distinctive lemmas and noun phrases of every outlet in the selection."""
    documents = _selection(corpus, filters)
    scored = compare_log_odds(count_corpus_terms(corpus, filters), prior_weight=prior_weight)
    words = words_per_outlet(documents)
    scored = scored.assign(n_words=scored["outlet"].map(words).fillna(0).astype(int))
    scored = scored.assign(enough=scored["n_words"] >= TERMS_MIN_WORDS)
    scored.loc[~scored["enough"], ["delta", "z"]] = np.nan
    scored = scored.sort_values(["outlet", "z"], ascending=[True, False]).reset_index(drop=True)
    outlets = pd.DataFrame({"outlet": words.index, "n_words": words.to_numpy(),
                            "enough": (words >= TERMS_MIN_WORDS).to_numpy()})
    return TermsView(scored, top_terms(scored, per_outlet=per_outlet), outlets)


def describe_corpus_outlets(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Each outlet of the selection with its registry country and kind, articles and words."""
    return describe_outlets(_selection(corpus, filters))


def count_corpus_terms(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Lemma and noun-phrase counts per outlet of the selection (outlet, term, kind, count)."""
    _, chosen = _chosen(corpus, filters)
    return pd.concat([count_lemma_query(corpus, chosen), count_phrase_query(corpus, chosen)], ignore_index=True)


def compare_corpus_groups(corpus: Corpus, filters: Filters, by: str, group_a: str, group_b: str,
                          _counts: pd.DataFrame, _outlets: pd.DataFrame) -> Comparison | None:
    """Group A against group B (``REST``: every other outlet) on every term; None when a side is empty.

    ``_counts`` and ``_outlets`` come from ``count_corpus_terms`` and ``describe_corpus_outlets``
    for the same corpus and filters, which the key stands for.
    """
    by = by if by in GROUPINGS else "outlet"
    names_a = members(_outlets, by, group_a)
    names_b = members(_outlets, by, group_b, besides=group_a)
    names_b = [name for name in names_b if name not in names_a]
    if not names_a or not names_b:
        return None
    a = make_side(_outlets, names_a, side_label(by, group_a, names_a))
    b = make_side(_outlets, names_b, side_label(by, group_b, names_b))
    return compare_sides(_counts, a, b)


def list_term_sentences(corpus: Corpus, filters: Filters, term: str, kind: str) -> pd.DataFrame:
    """The sentences of the selection that use a term (lemma or noun phrase), per outlet."""
    _, chosen = _chosen(corpus, filters)
    return query_term_sentences(corpus, chosen, term, kind)


@dataclass(frozen=True)
class NamingView:
    """One actor's labels per outlet and voice, the actors to choose from, and the evidence."""

    actors: list[str]
    table: pd.DataFrame
    outlets: pd.DataFrame
    evidence: pd.DataFrame


def summarise_naming_view(corpus: Corpus, filters: Filters, actor: str | None = None,
                          include_names: bool = True) -> NamingView:
    """How each outlet names ``actor`` (default: the most-described actor)."""
    documents, chosen = _chosen(corpus, filters)
    rows = _descriptors(corpus, documents, chosen)
    actors = rank_actors(rows, corpus.entities)
    actor = actor if actor in actors else (actors[0] if actors else "")
    if include_names and actor:
        quotes = query_rows(corpus, "quotes", chosen, ["doc_id", "start", "end", "kind"])
        own = query_rows(corpus, "mentions", chosen, MENTION_COLUMNS, where="t.entity = ?", params=[actor])
        names = list_name_forms(own, quotes, documents, entity=actor)
        rows = pd.concat([rows, names], ignore_index=True) if not names.empty else rows
    table = compare_naming(rows, documents, actor=actor)
    totals = table.groupby("outlet")["count"].sum() if not table.empty else pd.Series(dtype=int)
    outlets = _outlet_sizes(totals, documents, minimum=1)
    keys = rows.loc[rows["actor_entity"] == actor, ["doc_id", "sent_index"]]
    evidence = list_label_sentences(rows, _sentences(corpus, keys, ["doc_id", "sent_index", "text"],
                                                     on=("doc_id", "sent_index")), actor=actor)
    return NamingView(actors, table, outlets, evidence)


def _descriptors(corpus: Corpus, documents: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """The selection's descriptors resolved to their actors (names looked up among the corpus's aliases)."""
    columns = corpus.engine.columns("descriptors") if corpus.engine else []
    descriptors = query_rows(corpus, "descriptors", chosen, columns) if columns else pd.DataFrame()
    mentions = query_name_mentions(corpus, chosen, name_starts(descriptors, "actor_start"))
    return resolve_descriptors(descriptors, mentions, documents, aliases=load_aliases(corpus))


@dataclass(frozen=True)
class QuotesView:
    """Resolved quotes, the speaker x outlet matrix and reporting verbs, with each outlet's n."""

    quotes: pd.DataFrame
    speakers: pd.DataFrame
    verbs: pd.DataFrame
    speaker_outlets: pd.DataFrame
    verb_outlets: pd.DataFrame


def summarise_quotes_view(corpus: Corpus, filters: Filters,
                          kinds: tuple[str, ...] = ("direct", "reported"), top: int = 12
                          ) -> QuotesView:
    """Who each outlet quotes (share of quoted words) and with which reporting verbs."""
    documents, chosen = _chosen(corpus, filters)
    columns = corpus.engine.columns("quotes") if corpus.engine else []
    quotes = query_rows(corpus, "quotes", chosen, columns) if columns else pd.DataFrame()
    mentions = query_name_mentions(corpus, chosen, name_starts(quotes, "speaker_name_start"))
    resolved = resolve_quotes(quotes, mentions, documents, aliases=load_aliases(corpus))
    chosen = resolved[resolved["kind"].isin(kinds)]
    speakers = compare_speakers(chosen, documents, top=top)
    verbs = count_verbs(chosen, documents)
    attributed = chosen[chosen["verb"].fillna("") != ""]
    return QuotesView(
        chosen, speakers, verbs,
        _outlet_sizes(chosen.groupby("outlet")["words"].sum(), documents,
                      minimum=MIN_QUOTED_WORDS),
        _outlet_sizes(attributed.groupby("outlet").size(), documents, minimum=MIN_VERB_QUOTES),
    )


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


def list_corpus_entities(corpus: Corpus, *, limit: int = 200) -> list[str]:
    """The most mentioned entities (for the tone entity picker)."""
    return corpus.entities["entity"].head(limit).astype(str).tolist()


def search_corpus(corpus: Corpus, filters: Filters, query: str, mode: str = "words"
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Concordance of ``query`` over the selection: per-outlet rates and keyword in context.

    Raises PatternError (lib.analysis.patterns) for a query that cannot be searched.
    """
    documents, chosen = _chosen(corpus, filters)
    compiled = compile_query(query, mode)
    return search_concordance(compiled, query_candidates(corpus, chosen, compiled), documents)


def count_corpus_lemmas(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Content-lemma counts per outlet of the selection (for collocate scores)."""
    _, chosen = _chosen(corpus, filters)
    return count_lemma_query(corpus, chosen)


def collocate_corpus(corpus: Corpus, filters: Filters, query: str, mode: str,
                     _lemmas: pd.DataFrame) -> pd.DataFrame:
    """Each outlet's top collocates of ``query`` (``_lemmas``: ``count_corpus_lemmas``, same key)."""
    documents, chosen = _chosen(corpus, filters)
    compiled = compile_query(query, mode)
    return count_collocates(compiled, query_candidates(corpus, chosen, compiled), documents, _lemmas)


def compare_headlines(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Every article's headline and lede, grouped by outlet and sorted by date."""
    documents = _selection(corpus, filters)
    return list_headlines(documents, ledes=query_ledes(corpus, documents))


def list_actors(corpus: Corpus, filters: Filters) -> list[str]:
    """Actors that have descriptors in the selection, most-described first."""
    documents, chosen = _chosen(corpus, filters)
    return rank_actors(_descriptors(corpus, documents, chosen), corpus.entities)


def pick_rows(frame: pd.DataFrame, column: str, value: str | None) -> pd.DataFrame:
    """Rows of a shown table whose ``column`` equals ``value`` (all rows when value is None)."""
    if value is None or frame.empty or column not in frame:
        return frame
    return frame[frame[column] == value].reset_index(drop=True)


def list_labels(frame: pd.DataFrame, column: str = "label") -> list[str]:
    """Distinct values of a shown table's column, sorted, for a picker."""
    if frame.empty or column not in frame:
        return []
    return sorted(frame[column].dropna().astype(str).unique())


def list_outlets(documents: pd.DataFrame) -> list[str]:
    """Outlet labels of the shown articles, sorted."""
    return sorted(outlet_of(documents).unique())
