"""The Overview's and the Timeline's counts from the engine equal the pandas path's, table by table.

The ``pandas_*`` functions are the former bodies, run on the whole ``mentions`` and ``sentences``
read into pandas; the seeds are compared with copies counted once and each, and two filters.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lib.analysis import overview, timeline
from lib.analysis.filters import Filters, apply_filters
from lib.analysis.lanes import count_mentions_over_time, resolve_events
from tests.analysis.test_engine_views import FILTERS, same_table


def pandas_rank_entities_by_type(mentions: pd.DataFrame, *, per_type: int = 5, types: int = 6) -> pd.DataFrame:
    grouped = mentions.groupby(["entity", "entity_label"]).agg(
        mentions=("doc_id", "size"), articles=("doc_id", "nunique")
    ).reset_index().rename(columns={"entity_label": "label"})
    top_types = grouped.groupby("label")["mentions"].sum().nlargest(types).index
    grouped = grouped[grouped["label"].isin(top_types)]
    ranked = grouped.sort_values(["mentions", "entity"], ascending=[False, True]).groupby("label").head(per_type)
    return ranked.reset_index(drop=True)


def passing_mentions(corpus, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    documents = apply_filters(corpus.documents, filters)
    return documents, corpus.mentions[corpus.mentions["doc_id"].isin(set(documents["doc_id"]))]


@pytest.fixture(params=["seeds", "copied"])
def corpus(request, seed_corpus, copied_corpus):
    return seed_corpus if request.param == "seeds" else copied_corpus


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_overview_gives_the_pandas_tables(corpus, name: str) -> None:
    summary = overview.summarise_overview(corpus, FILTERS[name])
    _, mentions = passing_mentions(corpus, FILTERS[name])
    assert summary.kpis.entities == mentions["entity"].nunique() > 0
    same_table(summary.entities, pandas_rank_entities_by_type(mentions))
    for per_type, types in ((1, 2), (3, 1), (10, 10)):
        chosen = overview.describe_chosen(apply_filters(corpus.documents, FILTERS[name]))
        same_table(overview.rank_entities_by_type(corpus, chosen, per_type=per_type, types=types),
                   pandas_rank_entities_by_type(mentions, per_type=per_type, types=types))


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_timeline_counts_give_the_pandas_tables(corpus, name: str) -> None:
    filters = FILTERS[name]
    documents, mentions = passing_mentions(corpus, filters)
    counts = mentions["entity"].value_counts()
    expected = sorted(counts.index, key=lambda entity: (-counts[entity], entity))[:50]
    assert timeline.rank_entity_options(corpus, filters, limit=50) == expected
    tables = timeline.build_timeline(corpus, filters)
    sentences = corpus.sentences[corpus.sentences["doc_id"].isin(set(documents["doc_id"]))]
    expressions = corpus.table("date_expressions")
    expected_events = resolve_events(expressions[expressions["doc_id"].isin(set(documents["doc_id"]))],
                                     documents, sentences)
    same_table(tables.events, expected_events.drop(columns="sentence"))
    same_table(timeline.with_sentences(corpus, tables.events), expected_events)
    for basis in ("article", "event"):
        for grain in ("day", "month"):
            chosen = tuple(expected[:4])
            engine = timeline.build_mention_counts(corpus, filters, tables.sentence_dates, chosen, grain, basis)
            assert len(engine) > 0
            same_table(engine, count_mentions_over_time(mentions, documents, tables.sentence_dates, chosen,
                                                        granularity=grain, basis=basis))


def pandas_mention_point(corpus, tables, key: str) -> pd.DataFrame:
    _, granularity, basis, remainder = key.split("|", 3)
    outlet_entity, _, period = remainder.rpartition("|")
    outlet, _, entity = outlet_entity.partition("|")
    mentions = corpus.mentions
    frame = mentions[mentions["entity"] == entity][["doc_id", "sent_index", "text"]].merge(tables.documents,
                                                                                           on="doc_id")
    frame = frame[frame["outlet"] == outlet]
    if basis == "event":
        frame = frame.merge(tables.sentence_dates, on=["doc_id", "sent_index"], how="left")
        when = frame["date_start"]
    else:
        when = frame["published"]
    when_period = timeline.floor_period(when, granularity) == pd.Timestamp(period) if period else when.isna()
    frame = frame[when_period]
    sentences = corpus.sentences[["doc_id", "sent_index", "text"]].rename(columns={"text": "sentence"})
    frame = frame.merge(sentences, on=["doc_id", "sent_index"], how="left")
    frame = frame.assign(detail=frame["text"], sentence=frame["sentence"].str.strip())
    return frame[timeline.POINT_COLUMNS].drop_duplicates(ignore_index=True)


def in_order(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(frame.columns.tolist(), ignore_index=True)


@pytest.mark.parametrize("name", list(FILTERS))
def test_every_mention_point_gives_the_pandas_rows(corpus, name: str) -> None:
    tables = timeline.build_timeline(corpus, FILTERS[name])
    entities = tuple(timeline.rank_entity_options(corpus, FILTERS[name], limit=5))
    seen = 0
    for basis in ("article", "event"):
        counts = timeline.build_mention_counts(corpus, FILTERS[name], tables.sentence_dates, entities, "month", basis)
        for key in counts["key"]:
            engine = timeline.describe_point(corpus, tables, key)
            assert len(engine) > 0, key
            same_table(in_order(engine), in_order(pandas_mention_point(corpus, tables, key)))
            seen += 1
    assert seen > 5


def test_every_publication_point_names_its_first_sentence(seed_corpus) -> None:
    tables = timeline.build_timeline(seed_corpus, Filters())
    points, grain = tables.published_lanes["day"]
    firsts = seed_corpus.sentences[seed_corpus.sentences["sent_index"] == 0].set_index("doc_id")["text"]
    for key in points["key"]:
        rows = timeline.describe_point(seed_corpus, tables, key)
        assert len(rows) > 0
        assert rows["sentence"].tolist() == [firsts[doc_id].strip() for doc_id in rows["doc_id"]]


def test_every_article_reads_the_same_from_the_engine(corpus) -> None:
    """The reader looks up one article's mentions and sentences in the engine: same text marks, same entities."""
    from lib.analysis import reader

    checked = 0
    for doc_id in corpus.documents["doc_id"]:
        mentions = corpus.mentions[corpus.mentions["doc_id"] == doc_id]
        sentences = corpus.sentences[corpus.sentences["doc_id"] == doc_id]
        text = str(corpus.read_texts([doc_id])["text"].iloc[0])
        ranked = mentions.groupby("entity").size().sort_values(ascending=False, kind="stable").index.tolist()
        for entity in (None, *ranked[:3]):
            view = reader.build_article_view(corpus, doc_id, entity)
            focus = reader.focus_spans(sentences, mentions, entity) if entity else []
            assert view.entities == ranked
            assert view.focus_sentences == len(focus)
            assert view.body == reader.render_article_html(text, mentions, focus=focus)
            checked += 1
    assert checked > 10


def test_the_chosen_articles_are_described_as_views_name_them(corpus) -> None:
    from lib.analysis.filters import describe_documents, has_known_outlet
    from lib.analysis.queries import describe_chosen

    for filters in FILTERS.values():
        documents = apply_filters(corpus.documents, filters)
        expected = describe_documents(documents).assign(known=has_known_outlet(documents).to_numpy())
        same_table(describe_chosen(documents), expected[["doc_id", "outlet", "known", "published", "title"]])
