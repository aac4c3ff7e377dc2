"""Warm start: load a built corpus, run each page's script (AppTest) with its aggregates cached, measure memory.

Targets at 10,000 articles: load <= 2 s, each page run <= 1 s, peak RSS <= 1.5 GB.

    python bench/warm.py 10000            # builds the corpus first if the cache does not hold it
    python bench/warm.py 10000 --engine dask
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

PAGES = ("dashboard.py", "pages/1_Entities.py", "pages/2_Framing.py", "pages/3_Timeline.py", "pages/4_Article.py")
WORK = Path("/tmp/news-framing-bench")

MEASURE = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
start = time.perf_counter()
from lib.store.corpus import load_corpus
imported = time.perf_counter()
corpus = load_corpus(sys.argv[2], cache_dir=sys.argv[3])
loaded = time.perf_counter()
from streamlit.testing.v1 import AppTest
runs = {}
for page in sys.argv[4:]:
    path = os.path.join(sys.argv[1], page)
    at = AppTest.from_file(path, default_timeout=600)
    first = time.perf_counter(); at.run(); cold = time.perf_counter() - first
    again = time.perf_counter(); at.run(); warm = time.perf_counter() - again
    runs[page] = {"cold": cold, "warm": warm, "exceptions": len(at.exception)}
print(json.dumps({
    "articles": len(corpus.documents), "import_s": imported - start, "load_s": loaded - imported,
    "pages": runs, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--engine", choices=("local", "dask"), default="dask")
    args = parser.parse_args()
    folder, cache = WORK / f"corpus-{args.count}", WORK / "cache"
    if not folder.is_dir():
        generate(args.count, folder)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lib.build", str(folder), "--cache-dir", str(cache), "--engine", args.engine],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    print(f"build (or cache check): {time.perf_counter() - start:.1f} s")
    env = {**os.environ, "CORPUS_DIR": str(folder), "CACHE_DIR": str(cache)}
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, str(ROOT), str(folder), str(cache), *PAGES],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(f"articles: {result['articles']}")
    print(f"load cached corpus: {result['load_s']:.2f} s (target <= 2)  [imports {result['import_s']:.2f} s]")
    for page, run in result["pages"].items():
        print(f"  {page:<22} first run {run['cold']:.2f} s, cached run {run['warm']:.2f} s (target <= 1)"
              f"  exceptions: {run['exceptions']}")
    print(f"peak RSS: {result['peak_rss_mb']:.0f} MB (target <= 1536)")


if __name__ == "__main__":
    main()
