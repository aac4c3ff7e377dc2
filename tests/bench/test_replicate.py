"""bench/replicate.py writes a corpus the loader opens as built, with every table consistent across replicas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench.generate import generate
from bench.replicate import replicate
from lib.nlp.extract import load_extractors
from lib.store import parquet as store
from lib.store.corpus import Corpus, load_corpus

ARTICLES, REPLICAS = 6, 3


def table(corpus: Corpus, name: str) -> pd.DataFrame:
    """An assembled table as stored (whether the corpus holds it in memory or queries it)."""
    return store.read_table(Path(corpus.source), name)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, nlp):
    root = tmp_path_factory.mktemp("replicate")
    generate(ARTICLES, root / "source")
    source = load_corpus(root / "source", cache_dir=root / "cache", nlp=nlp)
    copy = replicate(ARTICLES * REPLICAS, source=root / "source", cache=root / "big", source_cache=root / "cache",
                     folder=root / "big-corpus", outlets=20, day_step=7)
    return source, copy


def test_the_loader_opens_the_replica_as_built(pair) -> None:
    source, copy = pair
    assert len(copy.documents) == ARTICLES * REPLICAS
    assert copy.documents["doc_id"].is_unique
    assert copy.parsed_now == 0
    for name in ("sentences", "mentions", *load_extractors()):
        assert len(table(copy, name)) == REPLICAS * len(table(source, name)), name


def test_every_table_names_only_articles_of_the_replica(pair) -> None:
    _, copy = pair
    ids = set(copy.documents["doc_id"])
    for name in ("sentences", "mentions", *load_extractors()):
        assert set(table(copy, name)["doc_id"]) <= ids, name
    assert set(copy.documents["copy_group"]) <= ids
    assert copy.documents["story"].nunique() == REPLICAS * pair[0].documents["story"].nunique()


def test_a_replica_keeps_the_text_and_moves_outlet_and_date(pair) -> None:
    source, copy = pair
    first = source.documents.iloc[0].to_dict() | source.read_texts().iloc[0].to_dict()
    texts = copy.read_texts()
    copies = copy.documents[copy.documents["doc_id"].isin(texts.loc[texts["text"] == first["text"], "doc_id"])]
    copies = copies.sort_values("file")
    assert len(copies) == REPLICAS
    assert copies["outlet"].nunique() == REPLICAS
    days = (pd.to_datetime(copies["published"]) - pd.Timestamp(first["published"])).dt.days
    assert sorted(days) == [0, 7, 14]
    counts = table(copy, "sentences").groupby("doc_id").size()
    assert counts[copies["doc_id"]].nunique() == 1  # each copy has the source's sentences


def test_entities_count_every_replica(pair) -> None:
    source, copy = pair
    merged = source.entities.merge(copy.entities, on="entity", suffixes=("", "_copy"))
    assert len(merged) == len(source.entities)
    assert (merged["mentions_copy"] == REPLICAS * merged["mentions"]).all()
    assert (merged["articles_copy"] == REPLICAS * merged["articles"]).all()
