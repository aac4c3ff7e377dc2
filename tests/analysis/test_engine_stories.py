"""Stories, claims, the bundle, the reader and the review tables queried in the engine give the tables
of the pandas path that read ``sentences``, ``mentions`` and the articles' text whole.

Each ``pandas_*`` function below is the former body, run on whole tables read into pandas (the
articles' text from the assembled ``documents`` table on disk, which the loaded corpus no longer
holds); the engine's tables are compared with it on the seeds and on the seeds with a re-run copy,
with copies counted once and each, and with an outlet and a date filter.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from lib.analysis import claims, exports, reader, review, stories
from lib.analysis import mentions as m
from lib.analysis.concordance import find_ledes
from lib.analysis.filters import Filters, select_doc_ids
from lib.records import label_word
from lib.store import parquet as store
from lib.store.corpus import NOT_COUNTED_TABLE
from tests.analysis.test_engine_views import FILTERS, same_table


@pytest.fixture(params=["seeds", "copied"])
def corpus(request, seed_corpus, copied_corpus):
    return seed_corpus if request.param == "seeds" else copied_corpus


def whole_documents(corpus) -> pd.DataFrame:
    """The assembled documents with every article's text and removed lines, as read before."""
    return store.read_table(Path(corpus.source), "documents")


def pandas_topic(corpus, doc_ids: set[str]) -> list[str]:
    """The story's most mentioned entities (ties by name, as the engine breaks them)."""
    mentions = corpus.mentions[corpus.mentions["doc_id"].isin(doc_ids)]
    counts = mentions[mentions["entity_label"].isin(stories.TOPIC_LABELS)]["entity"].value_counts()
    return sorted(counts.index, key=lambda entity: (-counts[entity], entity))[:stories.TOPIC_ENTITIES]


def pandas_usual_outlets(corpus, documents: pd.DataFrame, story_ids: set[str], topic: list[str]) -> pd.DataFrame:
    mentions = corpus.mentions[corpus.mentions["entity"].isin(topic) & corpus.mentions["doc_id"].isin(
        documents["doc_id"]) & ~corpus.mentions["doc_id"].isin(story_ids)]
    outlets = documents.set_index("doc_id")["outlet"]
    counts = mentions.drop_duplicates("doc_id")["doc_id"].map(outlets).value_counts()
    covered = set(outlets[outlets.index.isin(story_ids)])
    usual = counts[(counts >= stories.USUAL_ARTICLES) & ~counts.index.isin(covered)]
    table = usual.rename("articles on the topic").rename_axis("outlet").reset_index()
    return table.sort_values(["articles on the topic", "outlet"], ascending=[False, True])


@pytest.mark.parametrize("usual", [1, 2])
@pytest.mark.parametrize("name", list(FILTERS))
def test_every_story_gives_the_pandas_tables(corpus, name: str, usual: int, monkeypatch) -> None:
    monkeypatch.setattr(stories, "USUAL_ARTICLES", usual)  # one: the seeds' outlets have few articles each
    filters = FILTERS[name]
    documents = stories._every_copy(corpus, filters)
    assert not documents.empty
    for story in documents["story"].unique():
        view = stories.summarise_story(corpus, filters, story)
        own = documents[documents["story"] == story]
        ids = set(own["doc_id"])
        ledes = find_ledes(own, corpus.sentences)
        assert view.articles.set_index("doc_id")["lede"].to_dict() == ledes.to_dict()
        assert any(ledes), story
        topic = pandas_topic(corpus, ids)
        assert view.topic == topic and topic
        # with the topic of every other story too: outlets that usually cover it
        for other in documents["story"].unique():
            other_topic = pandas_topic(corpus, set(documents.loc[documents["story"] == other, "doc_id"]))
            same_table(stories.query_usual_outlets(corpus, documents, ids, other_topic),
                       pandas_usual_outlets(corpus, documents, ids, other_topic))


def test_some_outlet_usually_covers_a_topic(seed_corpus, monkeypatch) -> None:
    """The comparison above is not only of empty tables."""
    monkeypatch.setattr(stories, "USUAL_ARTICLES", 1)
    documents = stories._every_copy(seed_corpus, Filters())
    found = stories.query_usual_outlets(seed_corpus, documents, {documents["doc_id"].iloc[0]}, ["Hamas", "Israel"])
    assert len(found) >= 2


def pandas_sentence_span(rows: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """The former ``claims._sentence_span``: the text of the sentences each row's [start, end) runs over."""
    if rows.empty:
        return pd.Series(dtype=object)
    table = sentences[["doc_id", "sent_index", "start", "text"]].sort_values("start")
    ends = rows[["doc_id", "end"]].assign(pos=(rows["end"].astype("int64") - 1).clip(lower=0))
    ends = ends.reset_index().sort_values("pos")
    last = pd.merge_asof(ends, table.rename(columns={"start": "pos", "sent_index": "last"})[
        ["doc_id", "pos", "last"]], on="pos", by="doc_id", direction="backward").set_index("index")["last"]
    texts = sentences.set_index(["doc_id", "sent_index"])["text"]
    joined = []
    for doc_id, first, final in zip(rows["doc_id"], rows["sent_index"], last.reindex(rows.index), strict=True):
        final = first if pd.isna(final) or final < first else int(final)
        parts = [texts.get((doc_id, number), "") for number in range(int(first), final + 1)]
        joined.append(" ".join(" ".join(str(part).split()) for part in parts if part))
    return pd.Series(joined, index=rows.index, dtype=object)


@pytest.mark.parametrize("name", list(FILTERS))
def test_quotes_carry_the_pandas_sentences(corpus, name: str) -> None:
    quotes = claims.list_quotes(corpus, FILTERS[name])
    assert len(quotes) > 0
    from lib.analysis import framing

    rows = framing.summarise_quotes_view(corpus, FILTERS[name]).quotes.reset_index(drop=True)
    expected = pandas_sentence_span(rows, corpus.sentences)
    assert quotes["sentence"].tolist() == expected.tolist()


def test_a_quote_over_two_sentences_joins_both(seed_corpus) -> None:
    sentences = seed_corpus.sentences
    first = sentences.iloc[3]
    rows = pd.DataFrame({"doc_id": [first["doc_id"], first["doc_id"]], "sent_index": [first["sent_index"]] * 2,
                         "start": [first["start"]] * 2, "end": [first["end"] + 3, 0]})
    assert claims.query_sentence_spans(seed_corpus, rows).tolist() == pandas_sentence_span(rows, sentences).tolist()


def pandas_bundle_tables(corpus, filters: Filters) -> dict[str, pd.DataFrame]:
    """The bundle's documents, mentions, entities, outlet shares and not-counted tables, as computed before."""
    ids = set(select_doc_ids(corpus.documents, filters))
    selected = corpus.documents[corpus.documents["doc_id"].isin(ids)]
    chosen_mentions = corpus.mentions[corpus.mentions["doc_id"].isin(ids)]
    table = corpus.table(NOT_COUNTED_TABLE)
    not_counted = table[table["doc_id"].isin(ids)]
    shares = m.compute_outlet_shares(chosen_mentions, selected, entities=chosen_mentions["entity"].unique().tolist())
    return {
        "documents": selected,
        "mentions": chosen_mentions,
        "entities": m.rank_entities(chosen_mentions),
        "entity_outlet_shares": shares.sort_values(["entity", "outlet"]),
        "not_counted": not_counted.assign(label=not_counted["label"].map(label_word))[review.NOT_COUNTED_VIEW],
    }


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_bundle_gives_the_pandas_tables(corpus, name: str) -> None:
    builders = exports.table_builders(corpus, FILTERS[name])
    expected = pandas_bundle_tables(corpus, FILTERS[name])
    assert "text" not in builders["documents"]().columns
    same_table(builders["documents"](), expected["documents"].drop(columns=["text", "removed"], errors="ignore"))
    streamed = pd.concat(list(exports.iterate_frames(builders["mentions"]())))
    assert len(expected["mentions"]) > 0
    order = ["doc_id", "start", "end", "entity", "text"]  # the same rows, in corpus order rather than the table's
    same_table(streamed.sort_values(order), expected["mentions"].sort_values(order))
    same_table(builders["entities"](), expected["entities"])
    shares = builders["entity_outlet_shares"]().sort_values(["entity", "outlet"])
    same_table(shares, expected["entity_outlet_shares"])
    columns = review.NOT_COUNTED_VIEW  # the same rows, in corpus order rather than the table's
    same_table(builders["not_counted"]().sort_values(columns), expected["not_counted"].sort_values(columns))


def test_the_mentions_stream_in_batches(seed_corpus, monkeypatch) -> None:
    monkeypatch.setattr(exports, "BATCH_ARTICLES", 2)
    batches = list(exports.iterate_frames(exports.table_builders(seed_corpus, Filters())["mentions"]()))
    assert len(batches) == 3 and all(batch["doc_id"].nunique() <= 2 for batch in batches)
    assert sum(map(len, batches)) == len(seed_corpus.mentions)


def test_the_loaded_documents_hold_no_text(corpus) -> None:
    assert not {"text", "removed"} & set(corpus.documents.columns)
    assert corpus.documents["doc_id"].tolist() == whole_documents(corpus)["doc_id"].tolist()


def test_every_article_reads_as_from_the_whole_documents(corpus) -> None:
    documents = whole_documents(corpus).set_index("doc_id")
    for doc_id in corpus.documents["doc_id"]:
        view = reader.build_article_view(corpus, doc_id, None, 2)
        mentions, sentences = reader.query_article_rows(corpus, doc_id)
        target, _ = reader.find_sentence(sentences, 2)
        text = str(documents.loc[doc_id, "text"])
        assert view.body == reader.render_article_html(text, mentions, target=target)
        same_table(view.removed, reader.list_removed_lines(documents.loc[doc_id, "removed"]))
        assert text and reader.query_article_text(corpus, doc_id) == (text, documents.loc[doc_id, "removed"])


def test_an_overlay_keeps_its_metadata_and_reads_the_text(seed_corpus) -> None:
    doc_id = seed_corpus.documents["doc_id"].iloc[0]
    documents = seed_corpus.documents.assign(title="Set by hand")
    view = reader.build_article_view(replace(seed_corpus, documents=documents), doc_id, None)
    assert "Set by hand" in view.header and len(view.body) > 1000
