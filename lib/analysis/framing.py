"""What the Source framing view computes for a corpus and filters: terms, naming, quotes, cues, tone."""

from __future__ import annotations

from dataclasses import dataclass

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
from lib.analysis.filters import Filters, passing_mask, select_outlet_documents
from lib.analysis.framing_measures import (  # noqa: F401 - the cue, frame and tone views, as pages call them
    BATCH_ARTICLES,
    LexiconMatches,
    LexiconView,
    ToneView,
    match_corpus_lexicons,
    match_every_lexicon,
    score_corpus_tone,
    summarise_lexicon_view,
    summarise_tone_view,
)
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
)
from lib.analysis.patterns import compile_query
from lib.analysis.terms import MIN_WORDS as TERMS_MIN_WORDS
from lib.analysis.terms import (
    compare_log_odds,
    outlet_of,
    top_terms,
    words_per_outlet,
)
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


def list_view_outlets(corpus: Corpus, filters: Filters) -> list[str]:
    """Outlet labels of the articles passing the filters, sorted (the tone view's outlet picker): a
    mask over the documents, as the filters pick them, rather than a lookup of every id in view."""
    documents = corpus.documents
    return list_outlets(documents[passing_mask(documents, filters)])
