"""The Dask engine writes the same tables as the local build, loading the model once per worker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from bench.generate import generate
from lib.ingest.articles import prepare_articles
from lib.ingest.reading import read_folder
from lib.nlp.extract import load_extractors
from lib.nlp.measures import MEASURE_TABLES
from lib.store.cluster import describe_workers, parse_on_dask
from lib.store.corpus import Engine, load_corpus
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    generate(12, folder / "generated")
    shutil.move(folder / "generated" / "metadata.csv", folder / "generated.csv.unused")
    return folder


def sort(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("doc_id", "sent_index", "start", "end", "cue", "frame") if c in frame]
    return frame.sort_values(keys).reset_index(drop=True) if keys else frame


def test_dask_build_equals_local_build(mixed_corpus: Path, tmp_path: Path, nlp) -> None:
    local = load_corpus(mixed_corpus, cache_dir=tmp_path / "local", nlp=nlp)
    dask = load_corpus(
        mixed_corpus, cache_dir=tmp_path / "dask",
        engine=Engine(name="dask", workers=2, batch_size=8),
    )
    assert local.parsed_now == dask.parsed_now == 17
    for name in ("documents", "sentences", "mentions", "entities"):
        pd.testing.assert_frame_equal(sort(getattr(local, name)), sort(getattr(dask, name)), check_dtype=False)
    for name in (*load_extractors(), *MEASURE_TABLES):
        table = local.table(name)
        assert not table.empty, name
        pd.testing.assert_frame_equal(sort(table), sort(dask.table(name)), check_dtype=False)


def test_model_loads_once_per_worker(mixed_corpus: Path) -> None:
    articles = prepare_articles(read_folder(mixed_corpus).articles, sidecar={}).articles
    results = list(parse_on_dask(articles, model_name=None, workers=2, partition_size=3))
    workers = describe_workers(results)
    assert workers["partitions"].sum() == 6
    assert (workers["loads"] == 1).all()
