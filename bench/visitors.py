"""Many visitors: page times of 10 sessions changing filters at once against one session alone, measured server-side.

Target (issue 19): the 95th percentile of a page's run with 10 sessions at once at most 3 × that
of one session alone.

    python bench/visitors.py 10000 --replicate     # the corpus as bench/warm.py makes it
    python bench/visitors.py 1000 --sessions 10 --steps 4

Each session is a Streamlit AppTest of one page (the pages in turn), run in its own thread of one
process, as a server runs each session's script in its own thread: the corpus and the caches
are shared, as they are on a server. A session runs its page, then changes the outlet filter
``--steps`` times, each time to outlets no session has used (so every run computes its views
afresh), and each run's time is recorded. First every page runs once alone, so the corpus is loaded
and the default views cached; then one session per page runs alone, one after another (the
baseline); then ``--sessions`` sessions start together (a barrier) and run the same kind of steps
with outlets of their own. What is not measured: the browser's rendering and the websocket.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.warm import PAGES, WORK, build  # noqa: E402

MEASURE = r"""
import itertools, json, os, statistics, sys, threading, time
sys.path.insert(0, sys.argv[1])
from streamlit.testing.v1 import AppTest
from lib.store.corpus import load_corpus
from lib.ui import state

sessions, steps = int(sys.argv[4]), int(sys.argv[5])
pages = sys.argv[6:]
corpus = load_corpus(sys.argv[2], cache_dir=sys.argv[3], build=False)
outlets = sorted(corpus.documents["outlet"].value_counts().index[:16])
filters = iter(itertools.combinations(outlets, 2))

errors = []

def session(page, picks, times, barrier=None):
    at = AppTest.from_file(os.path.join(sys.argv[1], page), default_timeout=900)
    if barrier is not None:
        barrier.wait()
    try:
        for picked in [None, *picks]:
            if picked is not None:
                at.sidebar.multiselect(key=state.OUTLETS).set_value(list(picked))
            began = time.perf_counter(); at.run(); times.append((page, time.perf_counter() - began))
            if at.exception:
                raise RuntimeError(f"the page raised: {at.exception[0].value}")
    except Exception as error:
        errors.append(f"{page} {picks}: {type(error).__name__}: {error}"[:600])

for page in pages:
    session(page, [], [])
alone = []
for page in pages:
    session(page, [next(filters) for _ in range(steps)], alone)
together, barrier, threads = [], threading.Barrier(sessions), []
for number in range(sessions):
    picks = [next(filters) for _ in range(steps)]
    threads.append(threading.Thread(target=session, args=(pages[number % len(pages)], picks, together, barrier)))
started = time.perf_counter()
for thread in threads: thread.start()
for thread in threads: thread.join()
print(json.dumps({"articles": len(corpus.documents), "alone": alone, "together": together,
                  "wall_s": time.perf_counter() - started, "errors": errors}))
"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--cache", type=Path, default=WORK / "cache")
    parser.add_argument("--replicate", action="store_true", help="as bench/warm.py --replicate")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--steps", type=int, default=3, help="filter changes per session")
    args = parser.parse_args()
    folder = WORK / f"corpus-{args.count}{'-replicated' if args.replicate else ''}"
    build(args.count, folder, args.cache, replicate=args.replicate)
    env = {**os.environ, "CORPUS_DIR": str(folder), "CACHE_DIR": str(args.cache)}
    command = [sys.executable, "-c", MEASURE, str(ROOT), str(folder), str(args.cache), str(args.sessions),
               str(args.steps), *PAGES]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    for error in result["errors"]:
        print(f"session failed: {error}")
    alone = [seconds for _, seconds in result["alone"]]
    together = [seconds for _, seconds in result["together"]]
    print(f"articles: {result['articles']:,}; {args.sessions} sessions × {args.steps + 1} runs; "
          f"cores: {len(os.sched_getaffinity(0))}")
    for name, times in (("one session alone", alone), (f"{args.sessions} sessions at once", together)):
        print(f"{name:<22} page runs: {len(times)}, median {statistics.median(times):.2f} s, "
              f"p95 {p95(times):.2f} s, slowest {max(times):.2f} s")
    for page, group in itertools.groupby(sorted(result["together"]), key=lambda row: row[0]):
        mine = [s for p, s in result["alone"] if p == page]
        print(f"  {page:<22} alone median {statistics.median(mine):.2f} s, "
              f"together median {statistics.median([s for _, s in group]):.2f} s")
    print(f"p95 {args.sessions} sessions / one session: {p95(together) / p95(alone):.2f}  (target <= 3); "
          f"median: {statistics.median(together) / statistics.median(alone):.2f}  "
          f"[all {args.sessions} sessions done in {result['wall_s']:.1f} s]")


if __name__ == "__main__":
    main()
