"""A local build uses every core memory allows, and its process pool writes what one process writes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from bench.generate import generate
from lib.ingest.articles import read_articles
from lib.nlp.extract import load_extractors
from lib.store.cluster import ARTICLES_PER_PARTITION
from lib.store.corpus import Engine, load_corpus
from lib.store.parquet import parsed_doc_ids
from lib.store.processes import (
    ARTICLES_PER_PROCESS,
    ASSUMED_WORKER_BYTES,
    MEASURE_FILE,
    MEMORY_HEADROOM,
    SMALLEST_PARTITION,
    available_cores,
    available_memory,
    choose_processes,
    parse_in_pool,
    partition_sizes,
    planned_worker_bytes,
    started_pool,
)
from lib.store.shards import parse_missing, started_parsers

GB = 1024**3


@pytest.mark.parametrize(
    ("cores", "available", "worker", "articles", "expected"),
    [
        (2, 16 * GB, GB // 2, 1000, 2),  # every core
        (8, 16 * GB, GB // 2, 100_000, 8),
        (8, 2 * GB, GB // 2, 100_000, 3),  # 2 GB × 0.8 / 0.5 GB: memory caps it at 3
        (8, GB // 4, GB // 2, 100_000, 1),  # never fewer than one
        (8, 16 * GB, GB // 2, ARTICLES_PER_PROCESS * 3, 3),  # too few articles to use every core
        (8, 16 * GB, GB // 2, 5, 1),
        (1, 16 * GB, GB // 2, 100_000, 1),
    ],
)
def test_processes_are_cores_capped_by_memory_and_articles(
    cores: int, available: int, worker: int, articles: int, expected: int
) -> None:
    assert choose_processes(articles=articles, cores=cores, available_bytes=available, worker_bytes=worker) == expected


def test_memory_cap_leaves_headroom() -> None:
    worker = GB
    exactly_three = int(3 * worker / MEMORY_HEADROOM) + 1
    assert choose_processes(articles=10**6, cores=64, available_bytes=exactly_three, worker_bytes=worker) == 3
    assert choose_processes(articles=10**6, cores=64, available_bytes=exactly_three - 2, worker_bytes=worker) == 2


@pytest.mark.parametrize("requested", [1, 3, 16])
def test_requested_processes_override_the_choice(requested: int) -> None:
    assert choose_processes(
        articles=5, cores=2, available_bytes=GB, worker_bytes=GB, requested=requested
    ) == requested


@pytest.mark.parametrize(("articles", "workers"), [(1, 2), (50, 2), (400, 2), (1000, 2), (400, 8), (10_000, 4)])
def test_partitions_cover_the_articles_and_shrink_towards_the_end(articles: int, workers: int) -> None:
    sizes = partition_sizes(articles, workers=workers)
    assert sum(sizes) == articles
    assert all(1 <= size <= ARTICLES_PER_PARTITION for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # the last ones are the smallest: the workers finish together
    assert all(size >= SMALLEST_PARTITION for size in sizes[:-1])


@pytest.mark.parametrize(
    ("measured", "available", "expected"),
    [
        (GB // 2, GB, GB // 2),  # an earlier build measured it
        (None, 16 * GB, ASSUMED_WORKER_BYTES),  # room for two workers of the assumed size: no waiting
        (None, 2 * GB, None),  # too little for that: a first partition measures a worker first
    ],
)
def test_a_build_waits_to_measure_only_when_memory_is_short(measured, available, expected) -> None:
    assert planned_worker_bytes(400, most=2, measured=measured, available_bytes=available) == expected


def test_partitions_of_400_articles_on_two_workers() -> None:
    assert partition_sizes(400, workers=2) == [64, 64, 64, 52, 39, 30, 22, 17, 12, 9, 8, 8, 8, 3]


def test_this_machine_reports_cores_and_memory() -> None:
    assert 1 <= available_cores() <= 4096
    assert available_memory() > 64 * 1024**2


def sort(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("doc_id", "sent_index", "start", "end") if c in frame]
    return frame.sort_values(keys).reset_index(drop=True) if keys else frame


def test_pool_build_equals_one_process_build(tmp_path: Path, nlp) -> None:
    count = ARTICLES_PER_PROCESS + 10  # enough for two processes
    generate(count, tmp_path / "corpus")
    one = load_corpus(tmp_path / "corpus", cache_dir=tmp_path / "one", nlp=nlp)
    pool = load_corpus(tmp_path / "corpus", cache_dir=tmp_path / "pool", engine=Engine(n_process=None, batch_size=8))
    assert one.parsed_now == pool.parsed_now == count
    [store] = (tmp_path / "pool" / "parses").iterdir()
    assert len(list(store.glob("shard-*"))) >= 2  # parsed as several partitions
    worker = json.loads((store / MEASURE_FILE).read_text(encoding="utf-8"))["peak_rss"]
    assert 50 * 1024**2 < worker < 8 * GB  # a worker with the model loaded, measured
    for name in ("documents", "sentences", "mentions", "entities"):
        pd.testing.assert_frame_equal(sort(getattr(one, name)), sort(getattr(pool, name)), check_dtype=False)
    for name in load_extractors():
        pd.testing.assert_frame_equal(sort(one.table(name)), sort(pool.table(name)), check_dtype=False)


def test_memory_without_psutil_reads_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    import psutil

    expected = psutil.virtual_memory().available
    monkeypatch.setitem(sys.modules, "psutil", None)  # import psutil now raises ImportError
    assert abs(available_memory() - expected) < 0.25 * expected


def test_workers_started_before_reading_parse_the_articles(tmp_path: Path) -> None:
    generate(ARTICLES_PER_PROCESS + 10, tmp_path / "corpus")
    articles = read_articles(tmp_path / "corpus", None)[0]
    with started_pool(model_name=None, store=tmp_path / "store", requested=2) as pool:
        assert pool is not None
        started = {future.result() for future in pool.started}  # workers running before any partition
        results = list(parse_in_pool(articles, model_name=None, store=tmp_path / "store", requested=2, pool=pool))
        assert pool.closed
    assert started and len({result.pid for result in results} | started) <= 2  # no process besides them
    assert all(result.loads == 1 for result in results)  # each worker loaded the model once, as it started
    assert sorted(d for result in results for d in result.rows.doc_ids) == sorted(a.doc_id for a in articles)
    assert not any(result.rows.sentences or result.rows.mentions for result in results)  # only ids come back
    assert parsed_doc_ids(tmp_path / "store") == {a.doc_id for a in articles}  # the workers wrote the shards


def test_a_parse_stopped_half_way_waits_for_the_partitions_in_flight(tmp_path: Path) -> None:
    generate(ARTICLES_PER_PROCESS + 10, tmp_path / "corpus")
    articles = read_articles(tmp_path / "corpus", None)[0]
    store = tmp_path / "store"
    with started_pool(model_name=None, store=store, requested=2) as pool:
        results = parse_in_pool(articles, model_name=None, store=store, requested=2, pool=pool)
        first = next(results)
        workers = list(pool.executor._processes.values())
        results.close()  # the build stops after its first partition
        assert workers and not any(worker.is_alive() for worker in workers)  # in-flight partitions finished
    assert not list(store.glob(".shard-*"))  # and no shard was left half-written
    assert set(first.rows.doc_ids) <= parsed_doc_ids(store) < {a.doc_id for a in articles}


def test_workers_started_for_nothing_to_parse_are_stopped(tmp_path: Path) -> None:
    generate(3, tmp_path / "corpus")
    articles = read_articles(tmp_path / "corpus", None)[0]
    engine, store = Engine(n_process=2), tmp_path / "store"
    for expected in (3, 0):  # a few articles, which the started workers parse all the same; then none
        with started_parsers(store, nlp=None, model_name=None, engine=engine, reading=True) as pool:
            parsed = parse_missing(articles, store, nlp=None, model_name=None, progress=None, engine=engine,
                                   pool=pool)
            assert parsed == expected and pool.closed


def test_no_workers_start_where_one_process_parses(tmp_path: Path) -> None:
    with started_pool(model_name=None, store=tmp_path, requested=1) as pool:
        assert pool is None
    engine = Engine(n_process=2)
    with started_parsers(tmp_path, nlp=None, model_name=None, engine=engine, reading=False) as pool:
        assert pool is None  # the articles are cached: nothing is read while workers would load
