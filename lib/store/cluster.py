"""Scale-out parsing on Dask: the same per-article parse, as tasks over partitions of the corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language

from lib.nlp.models import load_nlp
from lib.nlp.parsing import DEFAULT_BATCH_SIZE, ParsedRows, parse_articles, prepare_pipeline
from lib.records import Article

ARTICLES_PER_PARTITION = 64


@dataclass(frozen=True)
class PartitionResult:
    """One partition's parsed rows and which worker process parsed them."""

    rows: ParsedRows
    """Every row from a Dask worker; only the article ids from a local pool's worker, which writes
    the partition's shard itself (``lib.store.processes.parse_into_store``)."""
    pid: int
    loads: int
    peak_rss: int = 0
    """The worker's peak resident memory in bytes after this partition (0 where unknown)."""


@lru_cache(maxsize=2)
def worker_pipeline(model_name: str | None) -> Language:
    """The pipeline of this worker process, loaded once and reused by every task it runs."""
    return prepare_pipeline(load_nlp(model_name))


def parse_partition(articles: list[Article], model_name: str | None, batch_size: int) -> PartitionResult:
    """Parse one partition inside a worker process (a Dask worker, or one of the local pool)."""
    nlp = worker_pipeline(model_name)
    rows = parse_articles(nlp, articles, batch_size=batch_size)
    return PartitionResult(rows, os.getpid(), worker_pipeline.cache_info().misses, peak_rss())


def peak_rss() -> int:
    """This process's peak resident memory in bytes (VmHWM on Linux, else 0)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0
    found = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(found[0]) * 1024 if found else 0


def split(articles: list[Article], size: int) -> list[list[Article]]:
    """Partitions of at most ``size`` articles, in corpus order."""
    return [articles[start:start + size] for start in range(0, len(articles), size)]


def make_client(*, scheduler: str | None, workers: int) -> Any:
    """A client of a running scheduler, or of a new LocalCluster with one thread per worker."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def parse_on_dask(
    articles: list[Article],
    *,
    model_name: str | None,
    scheduler: str | None = None,
    workers: int = 2,
    batch_size: int = DEFAULT_BATCH_SIZE,
    partition_size: int | None = None,
) -> Iterator[PartitionResult]:
    """Parse articles as Dask tasks, one per partition, yielding each result as it completes.

    The caller writes each partition as it arrives, so a build stopped half-way keeps the
    partitions already parsed.
    """
    from distributed import as_completed

    client = make_client(scheduler=scheduler, workers=workers)
    try:
        cores = max(1, sum(client.nthreads().values()))
        size = partition_size or max(1, min(ARTICLES_PER_PARTITION, -(-len(articles) // (cores * 4))))
        futures = [
            client.submit(parse_partition, part, model_name, batch_size, pure=False)
            for part in split(articles, size)
        ]
        for future in as_completed(futures):
            yield future.result()
            future.release()
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()


def describe_workers(results: list[PartitionResult]) -> pd.DataFrame:
    """Partitions and model loads per worker process (a worker loads the model once)."""
    frame = pd.DataFrame([{"pid": r.pid, "loads": r.loads} for r in results])
    return frame.groupby("pid").agg(partitions=("loads", "size"), loads=("loads", "max")).reset_index()
