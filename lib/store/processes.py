"""Local parallel parsing: how many processes a build uses, and a process pool that runs them."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from lib.nlp.parsing import DEFAULT_BATCH_SIZE
from lib.records import Article
from lib.store.cluster import ARTICLES_PER_PARTITION, PartitionResult, parse_partition, split

ARTICLES_PER_PROCESS = 40
"""Fewer articles than this per process and a process's model load costs more than it saves."""
MEMORY_HEADROOM = 0.8
"""Share of the available memory the workers may take (the rest is left to this process and others)."""
MEASURE_FILE = "worker-memory.json"
SAMPLE_ARTICLES = 8


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the system reports one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def available_memory() -> int:
    """Bytes of memory available to new processes: psutil if installed, else /proc/meminfo."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        return int(psutil.virtual_memory().available)
    for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    raise OSError("no MemAvailable in /proc/meminfo")


def choose_processes(
    *, articles: int, cores: int, available_bytes: int, worker_bytes: int, requested: int | None = None
) -> int:
    """Worker processes for a build: ``requested`` if given, else one per core, capped by memory
    (``available_bytes`` × MEMORY_HEADROOM over one worker's peak RSS) and by the articles to parse
    (at least ARTICLES_PER_PROCESS each); never fewer than one."""
    if requested is not None:
        return max(1, requested)
    by_memory = int(available_bytes * MEMORY_HEADROOM) // max(1, worker_bytes)
    by_articles = -(-articles // ARTICLES_PER_PROCESS)
    return max(1, min(cores, by_memory, by_articles))


def peak_rss() -> int:
    """This process's peak resident memory in bytes (VmHWM)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def sample_worker(articles: list[Article], model_name: str | None) -> int:
    """Inside a fresh process: load the model, parse a few articles, return the peak RSS."""
    parse_partition(articles, model_name, DEFAULT_BATCH_SIZE)
    return peak_rss()


def measure_worker_bytes(articles: list[Article], model_name: str | None, *, store: Path) -> int:
    """One worker's peak RSS with the model loaded and a few articles parsed, measured once in a
    fresh process and remembered in the parse store (whose name fixes the model and pipeline)."""
    remembered = store / MEASURE_FILE
    try:
        return int(json.loads(remembered.read_text(encoding="utf-8"))["peak_rss"])
    except (OSError, ValueError, KeyError):
        pass
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        measured = pool.submit(sample_worker, articles[:SAMPLE_ARTICLES], model_name).result()
    store.mkdir(parents=True, exist_ok=True)
    remembered.write_text(json.dumps({"peak_rss": measured}), encoding="utf-8")
    return measured


@dataclass(frozen=True)
class Plan:
    """How many processes a local build uses, and what decided it."""

    processes: int
    cores: int
    available_bytes: int
    worker_bytes: int


def plan_build(
    articles: list[Article], model_name: str | None, *, store: Path, requested: int | None
) -> Plan:
    """The processes for parsing these articles: ``requested``, or every core capped by memory
    and by the articles; one worker's memory is measured only when more than one could be used."""
    cores = available_cores()
    if requested is not None:
        return Plan(max(1, requested), cores, 0, 0)
    if min(cores, -(-len(articles) // ARTICLES_PER_PROCESS)) <= 1:
        return Plan(1, cores, 0, 0)
    free, worker = available_memory(), measure_worker_bytes(articles, model_name, store=store)
    chosen = choose_processes(articles=len(articles), cores=cores, available_bytes=free, worker_bytes=worker)
    return Plan(chosen, cores, free, worker)


def parse_in_pool(
    articles: list[Article], *, model_name: str | None, processes: int, batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[PartitionResult]:
    """Parse articles in ``processes`` fresh processes (each loads the model once), yielding each
    partition's rows as it completes; at most two partitions per process are in flight."""
    parts = split(articles, max(1, min(ARTICLES_PER_PARTITION, -(-len(articles) // (processes * 4)))))
    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads or a model
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        pending: set[Future[PartitionResult]] = set()
        queue, finished = iter(parts), 0
        for part in queue:
            pending.add(pool.submit(parse_partition, part, model_name, batch_size))
            if len(pending) >= processes * 2:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                finished += len(result.rows.doc_ids)
                if progress:
                    progress(finished, len(articles))
                yield result
                if (part := next(queue, None)) is not None:
                    pending.add(pool.submit(parse_partition, part, model_name, batch_size))
