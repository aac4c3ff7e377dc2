"""Views counted in the engine give the same tables as the pandas path that loaded whole tables.

Each ``pandas_*`` function below is the view's former body, run on the corpus's whole ``mentions``
and ``sentences`` read into pandas; the engine's tables are compared with it table by table on the
seeds, with copies counted once and each, and with an outlet and a date filter.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from lib.analysis import mentions as m
from lib.analysis.filters import Filters, apply_filters, has_known_outlet
from lib.analysis.ledger import build_role_ledger, find_role_conflicts, list_entity_titles

FILTERS = {
    "all": Filters(),
    "each copy": Filters(copies_once=False),
    "one outlet": Filters(outlets=("The Times of Israel",)),
    "dated from February": Filters(start=date(2024, 2, 1), include_undated=False),
}


def selected(corpus, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    documents = apply_filters(corpus.documents, filters)
    ids = set(documents["doc_id"])
    return (documents, corpus.sentences[corpus.sentences["doc_id"].isin(ids)],
            corpus.mentions[corpus.mentions["doc_id"].isin(ids)])


def known_only(documents: pd.DataFrame, mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    known = documents[has_known_outlet(documents)]
    return known, mentions[mentions["doc_id"].isin(set(known["doc_id"]))]


def pandas_entity_view(corpus, filters: Filters, labels: tuple[str, ...], top: int) -> dict[str, pd.DataFrame]:
    documents, _, mentions = selected(corpus, filters)
    ranking = m.rank_entities(mentions, labels=labels, top=top)
    order = ranking["entity"].tolist()
    known_docs, known_mentions = known_only(documents, mentions)
    return {
        "ranking": ranking,
        "outlet_counts": m.count_entity_outlets(known_mentions, known_docs, entities=order),
        "shares": m.compute_outlet_shares(known_mentions, known_docs, entities=order),
    }


def pandas_network(corpus, filters: Filters, labels: tuple[str, ...], top_nodes: int, min_weight: int):
    _, _, mentions = selected(corpus, filters)
    return m.count_cooccurrences(m.select_labels(mentions, labels), top_nodes=top_nodes, min_weight=min_weight)


def pandas_profile(corpus, filters: Filters, entity: str) -> dict[str, object]:
    documents, sentences, mentions = selected(corpus, filters)
    own = mentions[mentions["entity"] == entity]
    known_docs, known_mentions = known_only(documents, mentions)
    ids = set(own["doc_id"])
    ledger = build_role_ledger(corpus.table("roles")[lambda t: t["doc_id"].isin(ids)],
                               mentions[mentions["doc_id"].isin(ids)], documents, sentences)
    return {
        "label": str(own["entity_label"].mode().iloc[0]), "mentions": len(own),
        "articles": int(own["doc_id"].nunique()),
        "aliases": m.list_aliases(mentions, entity),
        "titles": list_entity_titles(ledger, entity),
        "outlets": m.count_entity_outlets(known_mentions, known_docs, entities=[entity]),
        "comentions": m.list_comentions(mentions, entity),
        "kwic": m.build_kwic(mentions, sentences, documents, entity),
    }


def same_table(engine: pd.DataFrame, pandas: pd.DataFrame) -> None:
    """Equal values row by row and column by column (dtypes may differ: int32 against int64, str against object)."""
    assert engine.columns.tolist() == pandas.columns.tolist()
    pd.testing.assert_frame_equal(engine.reset_index(drop=True), pandas.reset_index(drop=True), check_dtype=False,
                                  check_index_type=False, check_column_type=False)


def pandas_labels(mentions: pd.DataFrame) -> list[str]:
    """Entity types, most mentioned first; the engine breaks ties by name, pandas by first seen."""
    counts = mentions["entity_label"].value_counts()
    return sorted(counts.index, key=lambda label: (-counts[label], label))


@pytest.fixture(params=["seeds", "copied"])
def corpus(request, seed_corpus, copied_corpus):
    return seed_corpus if request.param == "seeds" else copied_corpus


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize(("labels", "top"), [((), 25), (("PERSON",), 10), (("GPE", "ORG"), 5)])
def test_the_entity_view_gives_the_pandas_tables(corpus, name: str, labels: tuple[str, ...], top: int) -> None:
    filters = FILTERS[name]
    engine = m.summarise_entity_view(corpus, filters, labels, top)
    expected = pandas_entity_view(corpus, filters, labels, top)
    assert len(expected["ranking"]) > 0
    for table in ("ranking", "outlet_counts", "shares"):
        same_table(getattr(engine, table), expected[table])
    assert engine.labels == pandas_labels(selected(corpus, filters)[2])


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize(("labels", "top_nodes", "min_weight"), [((), 40, 2), ((), 10, 1), (("PERSON", "GPE"), 20, 1)])
def test_the_network_gives_the_pandas_tables(corpus, name: str, labels, top_nodes: int, min_weight: int) -> None:
    nodes, edges = m.summarise_network(corpus, FILTERS[name], labels, top_nodes, min_weight)
    expected_nodes, expected_edges = pandas_network(corpus, FILTERS[name], labels, top_nodes, min_weight)
    assert len(expected_edges) > 0
    same_table(nodes, expected_nodes)
    same_table(edges, expected_edges)


def test_every_entity_profile_gives_the_pandas_tables(corpus) -> None:
    entities = m.rank_entities(corpus.mentions)["entity"].tolist()
    for name, filters in FILTERS.items():
        for entity in entities:
            profile = m.profile_entity(corpus, filters, entity)
            passing = selected(corpus, filters)[2]
            if entity not in set(passing["entity"]):
                assert profile is None, (name, entity)
                continue
            expected = pandas_profile(corpus, filters, entity)
            for field, value in expected.items():
                if isinstance(value, pd.DataFrame):
                    same_table(getattr(profile, field), value)
                else:
                    assert getattr(profile, field) == value, (name, entity, field)


def test_a_profile_lists_the_first_sentences_by_date_and_counts_them_all(seed_corpus, monkeypatch) -> None:
    monkeypatch.setattr(m, "KWIC_ROWS", 3)
    for filters in FILTERS.values():
        documents, sentences, mentions = selected(seed_corpus, filters)
        profile = m.profile_entity(seed_corpus, filters, "Hamas")
        every = m.build_kwic(mentions, sentences, documents, "Hamas")
        assert profile.mentions == len(every) > 3
        same_table(profile.kwic, every.head(3))


def test_titles_in_a_profile_come_from_the_role_ledger(seed_corpus) -> None:
    profile = m.profile_entity(seed_corpus, Filters(), "Yoav Gallant")
    assert "Israel’s Defence Minister" in set(profile.titles["title"])
    assert len(profile.kwic) == profile.mentions >= 8


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_role_ledger_gives_the_pandas_tables(corpus, name: str) -> None:
    documents, sentences, mentions = selected(corpus, FILTERS[name])
    roles = corpus.table("roles")
    expected = build_role_ledger(roles[roles["doc_id"].isin(set(documents["doc_id"]))], mentions, documents, sentences)
    ledger, conflicts = m.summarise_roles(corpus, FILTERS[name])
    same_table(ledger, expected)
    same_table(conflicts, find_role_conflicts(expected))


def test_corpus_wide_lists_give_the_pandas_lists(corpus) -> None:
    assert m.list_corpus_entities(corpus) == m.rank_entities(corpus.mentions)["entity"].tolist()
    assert m.list_corpus_labels(corpus) == pandas_labels(corpus.mentions)


def test_a_visitors_own_corrections_reach_the_engine(seed_corpus) -> None:
    from lib.nlp.corrections import Correction
    from lib.store.overrides import with_corrections

    fixed = with_corrections(seed_corpus, [Correction("merge", "Yoav Gallant", target="Benjamin Netanyahu")])
    ranking = m.summarise_entity_view(fixed, Filters(), (), 100).ranking
    assert "Yoav Gallant" not in set(ranking["entity"])
    before = m.summarise_entity_view(seed_corpus, Filters(), (), 100).ranking.set_index("entity")["mentions"]
    after = ranking.set_index("entity")["mentions"]
    assert after["Benjamin Netanyahu"] == before["Benjamin Netanyahu"] + before["Yoav Gallant"]
    assert m.profile_entity(fixed, Filters(), "Yoav Gallant") is None
    assert "Yoav Gallant" not in m.list_corpus_entities(fixed)
    assert replace(fixed, key="other").tables["mentions"] is fixed.tables["mentions"]


def test_the_per_entity_totals_stored_beside_the_tables_match_the_mentions(corpus) -> None:
    """The review queue and the entity list read labels and totals from ``entities``, not the mentions."""
    mentions = corpus.mentions
    expected = mentions.groupby("entity").agg(label=("entity_label", "first"), mentions=("doc_id", "size"),
                                              articles=("doc_id", "nunique"))
    stored = corpus.entities.set_index("entity")[["label", "mentions", "articles"]]
    same_table(stored.sort_index(), expected.sort_index())
