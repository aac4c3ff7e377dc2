"""Build speed: a full build against plain nlp.pipe in one process, and on every core against one.

Overhead (target: at most 1.05). Both run in this process on the same generated articles with
the same pipeline and components.
A first build of a separate small corpus warms both paths up (the first batches through a
fresh pipeline are slower, whichever path runs them). Then plain ``nlp.pipe`` and the full build
(into an empty cache) alternate for ``--rounds`` rounds; the printed ratio is the full build's
best time over plain ``nlp.pipe``'s best time (target: at most 1.05), and every round is shown.
Each round also times the parse with its extractors and measures alone (``parse_articles``, what a
worker does): the full build over it is what reading, cleaning, Parquet and assembly add to what
the dashboard shows (proposed target: at most 1.05).
Both wall-clock time and this process's CPU time (every thread, ``time.process_time``) are
measured: on a shared machine other work steals wall-clock time from either path at random,
while the CPU time counts only the work this process did.

Cores (target on 2 cores: at least 1.7). The same corpus built as ``python -m lib.build`` builds
it, each build in a new Python process of its own (timed from its imports done to the corpus
built), by the default (``Engine(n_process=None)``: one worker process per core, capped by
memory) against one process (``--processes 1``), each from an empty cache: the workers import
the parser and load the model, and the one-process build loads the model, every time. The first
default build starts every worker at once where memory holds even a pessimistic worker
(``ASSUMED_WORKER_BYTES`` each), else it measures a worker's memory on a first partition before
the other workers start. Later default builds, into an empty cache that keeps only the measured
peak, and one-process builds then alternate in ``--pairs`` pairs, and the median pair's speed-up
is the measure (load elsewhere on a shared machine moved one run by 10-20%). The building process's CPU
time is printed for each: with workers, it is the part of the build that does not parse (reading,
canonical entities, stories, Parquet), which bounds the speed-up.

    python bench/build.py                      # N = 400: overhead and cores
    python bench/build.py 500 --rounds 3 --only overhead
    python bench/build.py 800 --only cores
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from lib.nlp.models import load_nlp  # noqa: E402
from lib.nlp.parsing import DEFAULT_BATCH_SIZE, prepare_pipeline  # noqa: E402
from lib.store.processes import MEASURE_FILE, available_cores  # noqa: E402
from lib.store.shards import Engine  # noqa: E402

# load_corpus is imported where it is used, as lib/build.py does: the workers re-import this module.

WARM_UP_ARTICLES = 30
WARM_UP_SEED = 7


def time_plain_pipe(nlp, texts: list[str], *, batch_size: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds for nlp.pipe over the texts, consuming every Doc."""
    start, cpu = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        len(doc)
    return time.perf_counter() - start, time.process_time() - cpu


def time_parse_extract(nlp, articles, *, batch_size: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds for the parse with every extractor and measure (``parse_articles``,
    what a worker does), without reading, cleaning, writing or assembling."""
    from lib.nlp.parsing import parse_articles

    start, cpu = time.perf_counter(), time.process_time()
    parse_articles(nlp, articles, batch_size=batch_size)
    return time.perf_counter() - start, time.process_time() - cpu


def time_full_build(nlp, folder: Path, cache: Path, *, batch_size: int):
    """Wall-clock and CPU seconds for a full build into an empty cache, and the corpus it built."""
    from lib.store.corpus import load_corpus

    shutil.rmtree(cache, ignore_errors=True)
    start, cpu = time.perf_counter(), time.process_time()
    corpus = load_corpus(folder, cache_dir=cache, nlp=nlp, batch_size=batch_size)
    return (time.perf_counter() - start, time.process_time() - cpu), corpus


class DescendantsCPU:
    """CPU seconds this process's descendants spend while in the ``with`` block: the workers, which
    ``RUSAGE_CHILDREN`` counts only once they have exited and been waited for (a build lets its
    pool's processes exit on their own). Sampled every ``interval`` seconds; each process counts from its first sample
    (or from zero, if it started in the block) to its last, so a worker's final ``interval`` can be
    missed."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval, self.first, self.last = interval, {}, {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample_until_stopped, daemon=True)

    def sample(self) -> dict[int, float]:
        times = {}
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                cpu = child.cpu_times()
                times[child.pid] = cpu.user + cpu.system
        return times

    def sample_until_stopped(self) -> None:
        while not self.stop.wait(self.interval):
            self.last.update(self.sample())

    def __enter__(self) -> DescendantsCPU:
        self.first = self.sample()
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()
        self.last.update(self.sample())

    @property
    def seconds(self) -> float:
        return sum(cpu - self.first.get(pid, 0.0) for pid, cpu in self.last.items())


def empty_cache(cache: Path, *, keep: str | None = None) -> None:
    """Empty the cache, but for files named ``keep`` in its parse store (a worker's measured memory)."""
    kept = {path: path.read_bytes() for path in cache.glob(f"parses/*/{keep}")} if keep else {}
    shutil.rmtree(cache, ignore_errors=True)
    for path, content in kept.items():
        path.parent.mkdir(parents=True)
        path.write_bytes(content)


def time_one_build(folder: Path, cache: Path, processes: int | None, batch_size: int) -> dict[str, float]:
    """In this process: wall-clock seconds, this process's CPU seconds and its workers' CPU seconds
    of one build (``load_corpus``, its model load included) into ``cache``."""
    from lib.store.corpus import load_corpus

    with DescendantsCPU() as workers:
        start, cpu = time.perf_counter(), time.process_time()
        corpus = load_corpus(folder, cache_dir=cache, engine=Engine(n_process=processes, batch_size=batch_size))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert corpus.parsed_now == len(corpus.documents)
    return {"wall": wall, "cpu": cpu, "workers": workers.seconds}


def time_fresh_build(folder: Path, cache: Path, processes: int | None, *, batch_size: int,
                     keep: str | None = None) -> tuple[float, float, float]:
    """One build as ``python -m lib.build`` runs it, in a new Python process (its imports done, the
    build timed from there) into an emptied cache: wall-clock, CPU and workers' CPU seconds."""
    empty_cache(cache, keep=keep)
    command = [sys.executable, __file__, "--one-build", str(folder), str(cache), str(processes or 0),
               "--batch-size", str(batch_size)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    timed = json.loads(done.stdout.strip().splitlines()[-1])
    return timed["wall"], timed["cpu"], timed["workers"]


def measure_cores(folder: Path, cache: Path, *, batch_size: int, pairs: int) -> None:
    """The default (every core) against one process, each building the corpus from nothing in a
    process of its own: a first default build, then ``pairs`` pairs of one-process and later
    default builds run back to back, so that a burst of load elsewhere on the machine falls on one
    pair; the median pair is the measure."""
    first = time_fresh_build(folder, cache, None, batch_size=batch_size)
    print(f"cores available: {available_cores()}")
    print(f"every core, first build: {first[0]:.2f} s (CPU: this process {first[1]:.2f} s, workers {first[2]:.2f} s)")
    ratios = []
    for number in range(1, pairs + 1):
        one = time_fresh_build(folder, cache, 1, batch_size=batch_size)
        later = time_fresh_build(folder, cache, None, batch_size=batch_size, keep=MEASURE_FILE)
        ratios.append(one[0] / later[0])
        print(f"pair {number}: one process {one[0]:.2f} s (CPU {one[1]:.2f} s), every core {later[0]:.2f} s "
              f"(CPU: this process {later[1]:.2f} s, workers {later[2]:.2f} s), speed-up {ratios[-1]:.2f}", flush=True)
    print(f"speed-up every core/one process: median of {pairs} pairs {statistics.median(ratios):.2f} "
          f"(each: {', '.join(f'{r:.2f}' for r in ratios)})  (target >= 1.7 on 2 cores)")


def measure_overhead(nlp, root: Path, *, rounds: int, batch_size: int) -> None:
    """The full build against plain ``nlp.pipe`` (issue 19's target) and against the parse with its
    extractors and measures (what the build adds to what the dashboard shows), alternating."""
    from lib.ingest.articles import read_articles

    plains, parses, fulls = [], [], []
    articles = read_articles(root / "corpus", None)[0]
    texts = [article.text for article in articles]  # cleaned, as the build stores them
    for round_number in range(1, rounds + 1):
        full, corpus = time_full_build(nlp, root / "corpus", root / "cache", batch_size=batch_size)
        plain = time_plain_pipe(nlp, texts, batch_size=batch_size)
        parse = time_parse_extract(nlp, articles, batch_size=batch_size)
        plains.append(plain)
        parses.append(parse)
        fulls.append(full)
        print(f"round {round_number}: plain nlp.pipe {plain[0]:.2f} s (CPU {plain[1]:.2f} s), "
              f"parse and extract {parse[0]:.2f} s (CPU {parse[1]:.2f} s), "
              f"full build {full[0]:.2f} s (CPU {full[1]:.2f} s), "
              f"ratio {full[0] / plain[0]:.2f} (CPU {full[1] / plain[1]:.2f})", flush=True)
    words = int(corpus.documents["words"].sum())
    print(f"articles: {len(texts)}  words: {words:,}  model: {corpus.model.label}  components: {nlp.pipe_names}")
    for which, name in ((0, "wall-clock"), (1, "CPU")):
        plain, full = min(p[which] for p in plains), min(f[which] for f in fulls)
        parse = min(p[which] for p in parses)
        print(f"{name}: plain nlp.pipe (best of {rounds}) {plain:.2f} s ({words / plain:,.0f} words/s), "
              f"parse and extract {parse:.2f} s, full build {full:.2f} s ({words / full:,.0f} words/s), "
              f"ratio full/plain {full / plain:.2f}  (target <= 1.05), "
              f"full/(parse and extract) {full / parse:.2f}  (proposed target <= 1.05)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=400)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", choices=("overhead", "cores"))
    parser.add_argument("--pairs", type=int, default=3, help="one-process and every-core builds compared")
    parser.add_argument("--one-build", nargs=3, metavar=("FOLDER", "CACHE", "PROCESSES"),
                        help="time one build in this process (PROCESSES 0: every core) and print it as JSON")
    args = parser.parse_args()
    if args.one_build:
        folder, cache, processes = args.one_build
        print(json.dumps(time_one_build(Path(folder), Path(cache), int(processes) or None, args.batch_size)))
        return
    nlp = prepare_pipeline(load_nlp())
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        generate(WARM_UP_ARTICLES, root / "warm-up", seed=WARM_UP_SEED)
        generate(args.count, root / "corpus")
        time_full_build(nlp, root / "warm-up", root / "cache", batch_size=args.batch_size)
        if args.only != "cores":
            measure_overhead(nlp, root, rounds=args.rounds, batch_size=args.batch_size)
        if args.only != "overhead":
            measure_cores(root / "corpus", root / "cores", batch_size=args.batch_size, pairs=args.pairs)


if __name__ == "__main__":
    main()
