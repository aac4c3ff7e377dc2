"""Local parallel parsing: how many processes a build uses, and a process pool that runs them."""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

from lib.nlp.parsing import DEFAULT_BATCH_SIZE, ParsedRows
from lib.records import Article
from lib.store import parquet as parse_shards
from lib.store.cluster import ARTICLES_PER_PARTITION, PartitionResult, parse_partition, worker_pipeline

LOGGER = logging.getLogger(__name__)
ARTICLES_PER_PROCESS = 40
"""Fewer articles than this per process and a process's model load costs more than it saves."""
MEMORY_HEADROOM = 0.8
"""Share of the available memory the workers may take (the rest is left to this process and others)."""
MEASURE_FILE = "worker-memory.json"
ASSUMED_WORKER_BYTES = 2 * 1024**3
"""A worker's peak before a build has measured one: over twice the largest measured (821 MB over a
1,000-article build). Memory for this many per core starts every worker at once."""
SMALLEST_PARTITION = 8
"""The last partitions shrink to this many articles, so the workers finish together (fewer, and
the partitions parse in smaller batches and leave more shards to merge)."""
ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""A worker per core fills the cores: numeric libraries start one thread each in a worker, not one per core."""

Progress = Callable[[int, int], None]


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the system reports one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def available_memory() -> int:
    """Bytes of memory available to new processes: psutil if installed, else /proc/meminfo, else
    the machine's physical memory."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        return int(psutil.virtual_memory().available)
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


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


def planned_worker_bytes(articles: int, *, most: int, measured: int | None, available_bytes: int) -> int | None:
    """The worker peak to plan a build by before it parses: an earlier build's measurement, else
    ASSUMED_WORKER_BYTES when memory holds ``most`` workers even that large, else None (a first
    partition parsed alone has to measure it)."""
    if measured is not None:
        return measured
    fits = choose_processes(articles=articles, cores=most, available_bytes=available_bytes,
                            worker_bytes=ASSUMED_WORKER_BYTES) == most
    return ASSUMED_WORKER_BYTES if fits else None


def most_processes(articles: int, *, requested: int | None) -> int:
    """Processes a build could use before memory is known: the cores and the articles decide."""
    if requested is not None:
        return max(1, requested)
    return max(1, min(available_cores(), -(-articles // ARTICLES_PER_PROCESS)))


def remembered_worker_bytes(store: Path) -> int | None:
    """One worker's peak memory as measured by an earlier build into this parse store."""
    try:
        return int(json.loads((store / MEASURE_FILE).read_text(encoding="utf-8"))["peak_rss"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_worker_bytes(store: Path, measured: int) -> None:
    store.mkdir(parents=True, exist_ok=True)
    (store / MEASURE_FILE).write_text(json.dumps({"peak_rss": measured}), encoding="utf-8")


@contextlib.contextmanager
def one_thread_per_worker() -> Iterator[None]:
    """While worker processes start: one BLAS/OpenMP thread each, unless the caller chose a number."""
    saved = {name: os.environ.get(name) for name in ONE_THREAD}
    os.environ.update({name: value or "1" for name, value in saved.items()})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)


def start_worker(model_name: str | None) -> None:
    """Load the pipeline as a worker process starts, before its first partition arrives."""
    worker_pipeline(model_name)


def parse_into_store(articles: list[Article], model_name: str | None, batch_size: int, store: Path) -> PartitionResult:
    """Parse one partition in a worker and write it as a shard of the parse store. Only the ids
    of its articles travel back: pickling every row cost the parent more than the shard's write."""
    result = parse_partition(articles, model_name, batch_size)
    parse_shards.write_shard(store, parse_shards.shard_tables(result.rows))
    return replace(result, rows=ParsedRows(doc_ids=result.rows.doc_ids))


def partition_sizes(articles: int, *, workers: int, largest: int = ARTICLES_PER_PARTITION) -> list[int]:
    """Partition sizes that shrink as the work runs out: each takes half of a worker's share of
    what is left (at most ``largest``, at least SMALLEST_PARTITION), so large partitions parse
    at full batch speed and small ones even out the end."""
    sizes, left = [], articles
    while left > 0:
        size = min(left, max(SMALLEST_PARTITION, min(largest, -(-left // (workers * 2)))))
        sizes.append(size)
        left -= size
    return sizes


def split_guided(articles: list[Article], *, workers: int) -> Iterator[list[Article]]:
    """The articles in partitions of ``partition_sizes``, in corpus order."""
    start = 0
    for size in partition_sizes(len(articles), workers=workers):
        yield articles[start:start + size]
        start += size


class Pool:
    """Spawned worker processes (each loads the model once) parsing partitions into the parse
    store ``store``, at most ``limit`` in flight, so no more processes start than ``limit``."""

    def __init__(self, most: int, *, model_name: str | None, batch_size: int, store: Path) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a process holding threads or a model
        self.executor = ProcessPoolExecutor(most, mp_context=context, initializer=start_worker,
                                            initargs=(model_name,))
        self.model_name, self.batch_size, self.store, self.limit = model_name, batch_size, store, 1
        self.pending: set[Future[PartitionResult]] = set()
        self.closed = False
        self.started: list[Future[int]] = []
        """The tasks that started the workers ahead of the partitions (each one's result: a process id)."""

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers (those still loading the model finish loading first, unless not waited for)."""
        self.closed = True
        self.executor.shutdown(wait=wait, cancel_futures=True)

    def fill(self, queue: Iterator[list[Article]]) -> None:
        while len(self.pending) < self.limit and (part := next(queue, None)) is not None:
            self.pending.add(self.executor.submit(parse_into_store, part, self.model_name, self.batch_size,
                                                  self.store))

    def finished(self, queue: Iterator[list[Article]]) -> Iterator[PartitionResult]:
        """Results as they complete, topping the queue up before handing each one over."""
        while self.pending:
            done, self.pending = wait(self.pending, return_when=FIRST_COMPLETED)
            self.fill(queue)
            for future in done:
                yield future.result()

    def start(self, workers: int) -> None:
        """Start ``workers`` processes now (each loads the model as it starts), before any partition is
        ready: while this process reads and cleans the articles, the workers load the model."""
        with one_thread_per_worker():  # each task finding no idle worker starts one more process
            self.started = [self.executor.submit(os.getpid) for _ in range(workers)]

    def set_limit(self, limit: int, *, worker_bytes: int, available_bytes: int) -> None:
        self.limit = limit
        LOGGER.info("parsing with %d processes (planned for a worker peak of %.0f MB, %.1f GB available, %d cores)",
                    limit, worker_bytes / 1e6, available_bytes / 1e9, available_cores())


@contextlib.contextmanager
def close_when_done(pool: Pool) -> Iterator[Pool]:
    """The pool, stopped once its work is done without waiting for its processes to exit: they
    free their memory on their own cores while this process assembles what they parsed. A build
    that fails or stops half-way waits for the partitions still parsing: their workers write
    their shards before the build lets go of the parse store."""
    try:
        yield pool
    except BaseException:
        pool.close(wait=True)
        raise
    pool.close(wait=False)


def plan_workers(articles: int, *, requested: int | None, store: Path) -> tuple[int, int | None, int | None]:
    """How many processes at most for ``articles``; a worker's planned peak in bytes, None when
    ``requested`` fixes the count or when memory is not known to hold every worker (a first
    partition parsed alone measures it); and the peak an earlier build remembered, if consulted."""
    most = most_processes(articles, requested=requested)
    if requested is not None:
        return most, None, None
    measured = remembered_worker_bytes(store)
    return most, planned_worker_bytes(articles, most=most, measured=measured,
                                      available_bytes=available_memory()), measured


@contextlib.contextmanager
def started_pool(
    *, model_name: str | None, store: Path, requested: int | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[Pool | None]:
    """A pool whose workers start loading the model now, for a build about to read its articles and
    then parse them in worker processes; None where a build would parse in this process (one core
    or one process requested) or where memory is not known to hold every worker (a first partition
    parsed alone measures it). Workers never given a partition are stopped at the end."""
    most, worker, _ = plan_workers(ARTICLES_PER_PROCESS * available_cores(), requested=requested, store=store)
    if most < 2 or (requested is None and worker is None):
        yield None
        return
    pool = Pool(most, model_name=model_name, batch_size=batch_size, store=store)
    try:
        pool.start(most)
        yield pool
    finally:
        pool.close(wait=False)  # unused (nothing to parse): its workers stop once they have started


def parse_in_pool(
    articles: list[Article], *, model_name: str | None, store: Path, requested: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None, pool: Pool | None = None,
) -> Iterator[PartitionResult]:
    """Parse articles in worker processes into ``store``, one shard per partition written by its
    worker, yielding each partition's result (its article ids, the worker and its peak memory)
    as it completes.

    ``requested`` fixes the number of processes. Otherwise one per core, capped by the articles
    and by memory: by an earlier build's measurement into ``store``, else by ASSUMED_WORKER_BYTES
    when memory allows that many; else a first worker parses the first partition alone (a
    partition's whole batch is in memory at once, so a smaller one would understate it), and its
    peak memory decides how many more start. The largest peak of the whole build is remembered for
    the next one (a worker grows as it parses). ``pool``: workers already started (``started_pool``).
    """
    most, worker, measured = plan_workers(len(articles), requested=requested, store=store)
    first = requested is None and worker is None  # a first partition alone measures a worker's memory
    queue = split_guided(articles, workers=most)
    if pool is None or pool.closed:
        pool = Pool(most, model_name=model_name, batch_size=batch_size, store=store)
    finished, peak = 0, 0
    if worker is not None or requested is not None:
        free = available_memory()
        pool.set_limit(choose_processes(articles=len(articles), cores=most, available_bytes=free,
                                        worker_bytes=worker or 1, requested=requested),
                       worker_bytes=worker or 0, available_bytes=free)
    with one_thread_per_worker(), close_when_done(pool):
        pool.fill(queue)
        for result in pool.finished(queue):
            if first:  # a worker's memory unknown on this system (0) leaves the cores to decide
                remember_worker_bytes(store, result.peak_rss)
                free = available_memory()
                pool.set_limit(choose_processes(articles=len(articles), cores=most, available_bytes=free,
                                                worker_bytes=result.peak_rss),
                               worker_bytes=result.peak_rss, available_bytes=free)
                pool.fill(queue)
                first = False
            finished, peak = finished + len(result.rows.doc_ids), max(peak, result.peak_rss)
            if progress:
                progress(finished, len(articles))
            yield result
    if requested is None and peak > (measured or 0):
        remember_worker_bytes(store, peak)  # a whole build's peak, for the next build's choice
    LOGGER.info("parsed %d articles; the largest worker peaked at %.0f MB", finished, peak / 1e6)
