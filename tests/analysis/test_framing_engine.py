"""The Source framing view's tables from engine queries equal those of the pandas path that read whole tables.

Each ``pandas_*`` function below is a view's former body, run on the corpus's whole ``sentences`` and
``mentions``; the view's tables are compared with it table by table on the seeds and on the seeds with a
copied article, with copies counted once and each, and with an outlet and a date filter.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.analysis import concordance, cues, framing, framing_measures, framing_queries, terms, tone, voices
from lib.analysis.filters import Filters, select_outlet_documents
from lib.analysis.patterns import compile_query

FILTERS = {
    "all": Filters(),
    "each copy": Filters(copies_once=False),
    "one outlet": Filters(outlets=("The Times of Israel",)),
    "dated from February": Filters(start=date(2024, 2, 1), include_undated=False),
}
QUERIES = [("military pressure", "words"), ("ceasefire", "words"), ("negotiat*", "wildcards"),
           (r"hostages?\b", "regex"), ("^The", "regex"), ("said", "words"), ("talks", "words")]


@pytest.fixture(params=["seeds", "copied"])
def corpus(request, seed_corpus, copied_corpus):
    return seed_corpus if request.param == "seeds" else copied_corpus


def rows(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    if frame.empty or "doc_id" not in frame:
        return frame
    return frame[frame["doc_id"].isin(documents["doc_id"])]


def same_table(engine: pd.DataFrame, pandas: pd.DataFrame, *, order: list[str] | None = None) -> None:
    """Equal values row by row (``order``: sorted by these columns first, where row order is not shown)."""
    assert engine.columns.tolist() == pandas.columns.tolist()
    if order:
        engine, pandas = engine.sort_values(order), pandas.sort_values(order)
    pd.testing.assert_frame_equal(engine.reset_index(drop=True), pandas.reset_index(drop=True), check_dtype=False,
                                  check_index_type=False, check_column_type=False)


def test_lemmas_split_where_python_splits_them() -> None:
    every = {chr(code) for code in range(0x110000) if chr(code).isspace()}
    assert set(framing_queries.SPACES) == every - {" "}


def phrases(corpus) -> pd.DataFrame:
    return corpus.table("noun_phrases", ["doc_id", "sent_index", "phrase"])


@pytest.mark.parametrize("name", list(FILTERS))
def test_term_counts_and_scores_are_the_pandas_ones(corpus, name: str) -> None:
    filters = FILTERS[name]
    documents = select_outlet_documents(corpus.documents, filters)
    sentences, noun_phrases = rows(corpus.sentences, documents), rows(phrases(corpus), documents)
    expected = terms.count_terms(sentences, noun_phrases, documents)
    assert len(expected) > 100
    same_table(framing.count_corpus_terms(corpus, filters), expected, order=["outlet", "kind", "term"])
    same_table(framing.count_corpus_lemmas(corpus, filters), terms.count_lemmas(sentences, documents),
               order=["outlet", "term"])
    view = framing.summarise_terms_view(corpus, filters)
    scored = terms.compare_terms(sentences, noun_phrases, documents)
    same_table(view.scored, scored, order=["outlet", "kind", "term"])
    same_table(view.top, terms.top_terms(scored), order=["outlet", "kind", "term"])
    ranked = expected.sort_values(["count", "term"], ascending=[False, True])
    picked = pd.concat([ranked.head(8), ranked[ranked["kind"] == "phrase"].head(4)])
    assert (picked["kind"] == "phrase").any()
    for term, kind in zip(picked["term"], picked["kind"], strict=True):
        same_table(framing.list_term_sentences(corpus, filters, term, kind),
                   terms.find_term_sentences(term, kind, sentences, noun_phrases, documents))


def pandas_naming(corpus, filters: Filters, actor: str | None, include_names: bool) -> framing.NamingView:
    documents = select_outlet_documents(corpus.documents, filters)
    resolved = voices.resolve_descriptors(corpus.table("descriptors"), corpus.mentions, documents)
    actors = voices.rank_actors(resolved, corpus.entities)
    actor = actor if actor in actors else (actors[0] if actors else "")
    if include_names and actor:
        names = voices.list_name_forms(corpus.mentions, corpus.table("quotes"), documents, entity=actor)
        resolved = pd.concat([resolved, names], ignore_index=True) if not names.empty else resolved
    table = voices.compare_naming(resolved, documents, actor=actor)
    totals = table.groupby("outlet")["count"].sum() if not table.empty else pd.Series(dtype=int)
    outlets = framing._outlet_sizes(totals, documents, minimum=1)
    evidence = voices.list_label_sentences(resolved, rows(corpus.sentences, documents), actor=actor)
    return framing.NamingView(actors, table, outlets, evidence)


@pytest.mark.parametrize("name", list(FILTERS))
def test_naming_is_the_pandas_naming(corpus, name: str) -> None:
    filters = FILTERS[name]
    expected = pandas_naming(corpus, filters, None, True)
    assert framing.list_actors(corpus, filters) == expected.actors
    for actor in [None, *expected.actors[:5]]:
        for include_names in (True, False):
            view = framing.summarise_naming_view(corpus, filters, actor, include_names)
            wanted = pandas_naming(corpus, filters, actor, include_names)
            assert view.actors == wanted.actors
            for table in ("table", "outlets", "evidence"):
                same_table(getattr(view, table), getattr(wanted, table))


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("kinds", list(framing.SPEAKER_KINDS.values()))
def test_quotes_are_the_pandas_quotes(corpus, name: str, kinds: tuple[str, ...]) -> None:
    filters = FILTERS[name]
    documents = select_outlet_documents(corpus.documents, filters)
    resolved = voices.resolve_quotes(corpus.table("quotes"), corpus.mentions, documents)
    chosen = resolved[resolved["kind"].isin(kinds)]
    view = framing.summarise_quotes_view(corpus, filters, kinds)
    assert len(chosen) > 0
    same_table(view.quotes, chosen)
    same_table(view.speakers, voices.compare_speakers(chosen, documents, top=12))
    same_table(view.verbs, voices.count_verbs(chosen, documents))


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("picked", [False, True], ids=["matched for the filter", "picked from the corpus's"])
def test_cues_and_frames_are_the_pandas_ones(corpus, name: str, picked: bool) -> None:
    filters = FILTERS[name]
    documents = select_outlet_documents(corpus.documents, filters)
    sentences = rows(corpus.sentences, documents)
    every = framing.match_every_lexicon(corpus) if picked else None
    matches = framing.match_corpus_lexicons(corpus, filters, "", every)
    every_cue = cues.count_matches(corpus.sentences, matches.cue_lexicon)
    every_frame = cues.count_frame_matches(corpus.sentences, matches.frame_lexicon)
    for which, lexicon, every in (("cues", matches.cue_lexicon, every_cue),
                                  ("frames", matches.frame_lexicon, every_frame)):
        found = rows(every, documents)
        labels = lexicon["label"].tolist() if which == "cues" else list(cues.FRAMES)
        view = framing.summarise_lexicon_view(corpus, filters, "", which, None, matches)
        same_table(view.summary, cues.summarise_matches(found, documents, labels=labels))
        shown = 0
        for label in lexicon["label"]:
            evidence = framing.summarise_lexicon_view(corpus, filters, "", which, label, matches).evidence
            same_table(evidence, cues.list_evidence(found, sentences, documents, lexicon, label=label))
            shown += len(evidence)
        assert shown > 0


@pytest.mark.parametrize("name", list(FILTERS))
def test_tone_is_the_pandas_tone(corpus, name: str) -> None:
    filters = FILTERS[name]
    documents = select_outlet_documents(corpus.documents, filters)
    scored = rows(tone.score_tone(corpus.sentences), documents)
    sentences = rows(corpus.sentences, documents)
    mine = framing.score_corpus_tone(corpus, filters)
    for entity in [None, "Hamas", "Yoav Gallant", "Rafah", "nobody at all"]:
        only = tone.sentences_mentioning(corpus.mentions, entity) if entity else None
        for outlet in [None, *framing.list_outlets(documents)]:
            view = framing.summarise_tone_view(corpus, filters, entity, outlet, mine)
            same_table(view.overall, tone.summarise_tone(scored, documents))
            if entity:
                same_table(view.entity, tone.summarise_tone(scored, documents, only=only))
            if outlet:
                same_table(view.sentences, tone.list_tone_sentences(scored, sentences, documents, outlet=outlet,
                                                                    only=only))


@pytest.mark.parametrize("name", list(FILTERS))
def test_concordance_collocates_and_headlines_are_the_pandas_ones(corpus, name: str) -> None:
    filters = FILTERS[name]
    documents = select_outlet_documents(corpus.documents, filters)
    sentences = rows(corpus.sentences, documents)
    lemmas = terms.count_lemmas(sentences, documents)
    for text, mode in QUERIES:
        query = compile_query(text, mode)
        counts, kwic = framing.search_corpus(corpus, filters, text, mode)
        expected_counts, expected_kwic = concordance.search_concordance(query, sentences, documents)
        same_table(counts, expected_counts)
        same_table(kwic, expected_kwic)
        same_table(framing.collocate_corpus(corpus, filters, text, mode, lemmas),
                   concordance.count_collocates(query, sentences, documents, lemmas))
    same_table(framing.compare_headlines(corpus, filters), concordance.list_headlines(documents, sentences))


def test_a_visitors_own_corrections_reach_naming_and_quotes(seed_corpus) -> None:
    from lib.nlp.corrections import Correction
    from lib.store.overrides import with_corrections

    fixed = with_corrections(seed_corpus, [Correction("merge", "Yoav Gallant", target="Benjamin Netanyahu")])
    quoted = framing.summarise_quotes_view(fixed, Filters())
    assert "Yoav Gallant" not in set(quoted.quotes["speaker_entity"].dropna())
    documents = select_outlet_documents(fixed.documents, Filters())
    expected = voices.resolve_quotes(fixed.table("quotes"), fixed.mentions, documents)
    same_table(quoted.quotes, expected)
    view = framing.summarise_naming_view(fixed, Filters(), "Benjamin Netanyahu", True)
    wanted = pandas_naming(fixed, Filters(), "Benjamin Netanyahu", True)
    for table in ("table", "outlets", "evidence"):
        same_table(getattr(view, table), getattr(wanted, table))
    scored = framing.score_corpus_tone(fixed, Filters())
    toned = framing.summarise_tone_view(fixed, Filters(), "Benjamin Netanyahu", None, scored)
    only = tone.sentences_mentioning(fixed.mentions, "Benjamin Netanyahu")
    same_table(toned.entity, tone.summarise_tone(scored, documents, only=only))
    before = framing.summarise_tone_view(seed_corpus, Filters(), "Benjamin Netanyahu", None,
                                         framing.score_corpus_tone(seed_corpus, Filters()))
    assert toned.entity["n_sentences"].sum() > before.entity["n_sentences"].sum()  # Gallant's sentences join


def test_sentence_measures_read_in_batches_give_the_same_tables(seed_corpus, monkeypatch) -> None:
    monkeypatch.setattr(framing_measures, "BATCH_ARTICLES", 2)
    documents = select_outlet_documents(seed_corpus.documents, Filters())
    matches = framing.match_corpus_lexicons(seed_corpus, Filters())
    assert len(documents) > 2
    for which, found in (("cues", cues.count_matches(seed_corpus.sentences, matches.cue_lexicon)),
                         ("frames", cues.count_frame_matches(seed_corpus.sentences, matches.frame_lexicon))):
        labels = matches.cue_lexicon["label"].tolist() if which == "cues" else list(cues.FRAMES)
        summary = framing.summarise_lexicon_view(seed_corpus, Filters(), "", which, None, matches).summary
        same_table(summary, cues.summarise_matches(rows(found, documents), documents, labels=labels))
    scored = framing.score_corpus_tone(seed_corpus, Filters())
    same_table(scored, rows(tone.score_tone(seed_corpus.sentences), documents))


def test_every_articles_lede_is_the_one_find_ledes_finds(corpus) -> None:
    expected = concordance.find_ledes(corpus.documents, corpus.sentences)
    assert (expected != "").sum() >= 5
    found = framing_queries.query_ledes(corpus, corpus.documents)
    assert found.index.tolist() == expected.index.tolist()
    assert found.tolist() == expected.tolist()
