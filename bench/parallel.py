"""Parallel build: the same corpus built with 1 and with 2 worker processes on the Dask path.

Prints the speed-up measured in this run (target on a 2-core machine: at least 1.7).

    python bench/parallel.py 200
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from lib.store.corpus import Engine, load_corpus  # noqa: E402


def timed_build(folder: Path, cache: Path, engine: Engine) -> tuple[float, int]:
    start = time.perf_counter()
    corpus = load_corpus(folder, cache_dir=cache, engine=engine)
    return time.perf_counter() - start, corpus.parsed_now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "corpus"
        generate(args.count, folder)
        one, parsed_one = timed_build(folder, Path(work) / "one", Engine(name="dask", workers=1, batch_size=16))
        two, parsed_two = timed_build(folder, Path(work) / "two", Engine(name="dask", workers=2, batch_size=16))
    print(f"articles: {args.count}  (parsed {parsed_one} and {parsed_two})")
    print(f"1 worker:  {one:.1f} s")
    print(f"2 workers: {two:.1f} s")
    print(f"speed-up: {one / two:.2f}  (target >= 1.7)")


if __name__ == "__main__":
    main()
