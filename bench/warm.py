"""Warm start: load a built corpus, then run each page's script (AppTest) as a visitor would, measuring time and memory.

Targets (issue 19): load ≤ 2 s at 100,000 articles; each view's first run on a new filter ≤ 1 s at
10,000 and ≤ 2 s at 100,000; a cached run ≤ 0.3 s at 100,000; a click's evidence (an entity
picked: its profile and every sentence naming it) ≤ 0.5 s at 100,000; peak RSS ≤ 1.5 GB.

    python bench/warm.py 10000            # builds the corpus first (every core) if the cache lacks it
    python bench/warm.py 100000           # replicates a built 1,000-article corpus (bench/replicate.py)
    python bench/warm.py 10000 --replicate
    python bench/warm.py 100000 --pages pages/6_Metadata.py     # one page alone

Up to REPLICATE_OVER articles the corpus is generated and built with ``python -m lib.build``;
above it, a 1,000-article corpus is generated and built, then replicated. Then, in a fresh
process, each page runs under AppTest, in the order a visitor meets them: its first run (the
default filters, nothing cached for this page yet), a cached run, a first run on a new filter
(outlets no page has used yet) and a cached run of that. On the Entities page, picking the most
mentioned entity is the click whose evidence is timed (the page runs again with the profile).
Peak RSS is this measuring process's (the corpus, the model-free app, every page's caches).
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

PAGES = ("dashboard.py", "pages/1_Entities.py", "pages/2_Framing.py", "pages/3_Timeline.py", "pages/4_Article.py",
         "pages/5_Corpus.py", "pages/7_Stories.py", "pages/6_Metadata.py")
WORK = Path("/tmp/news-framing-bench")
REPLICATE_OVER = 10_000
SOURCE_ARTICLES = 1_000

MEASURE = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
start = time.perf_counter()
from lib.store.corpus import load_corpus
imported = time.perf_counter()
corpus = load_corpus(sys.argv[2], cache_dir=sys.argv[3], build=False)
loaded = time.perf_counter()
from streamlit.testing.v1 import AppTest
from lib.ui import state

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

load_rss = rss_mb()

def timed(at):
    began = time.perf_counter(); at.run(); return time.perf_counter() - began

runs = {}
outlets = sorted(corpus.documents["outlet"].value_counts().index[:24])
for number, page in enumerate(sys.argv[4:]):
    at = AppTest.from_file(os.path.join(sys.argv[1], page), default_timeout=900)
    run = {"first": timed(at), "cached": timed(at)}
    picked = outlets[(number * 3) % len(outlets):][:3]
    at.sidebar.multiselect(key=state.OUTLETS).set_value(picked)
    run["new_filter"] = timed(at)
    run["new_filter_cached"] = timed(at)
    if page.endswith("Entities.py"):
        top = at.selectbox(key=state.ENTITY).options[0]
        at.selectbox(key=state.ENTITY).set_value(top)
        run["click_evidence"] = timed(at)
        run["click_evidence_cached"] = timed(at)
        run["entity"] = top
    run["exceptions"] = [str(e.value)[:300] for e in at.exception]
    run["rss_mb"] = rss_mb()
    runs[page] = run
print(json.dumps({
    "articles": len(corpus.documents), "import_s": imported - start, "load_s": loaded - imported,
    "pages": runs, "load_rss_mb": load_rss, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def store_opens(folder: Path, cache: Path) -> bool:
    """Whether the built corpus of ``folder`` opens from ``cache`` as it is (a replicated folder's
    manifest outlives its store when the cache is cleared or the pipeline version changes)."""
    check = ("import sys; from lib.store.corpus import load_corpus; "
             "load_corpus(sys.argv[1], cache_dir=sys.argv[2], build=False)")
    return subprocess.run([sys.executable, "-c", check, str(folder), str(cache)], cwd=ROOT,
                          capture_output=True).returncode == 0


def build(count: int, folder: Path, cache: Path, *, replicate: bool = False) -> None:
    """Generate and build the corpus (every core), or for large counts replicate a built one."""
    if count <= SOURCE_ARTICLES or (count <= REPLICATE_OVER and not replicate):
        if not folder.is_dir():
            generate(count, folder)
        subprocess.run([sys.executable, "-m", "lib.build", str(folder), "--cache-dir", str(cache)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        return
    source = WORK / f"corpus-{SOURCE_ARTICLES}"
    build(SOURCE_ARTICLES, source, cache)
    if not (folder / "REPLICATED.json").is_file() or not store_opens(folder, cache):
        subprocess.run([sys.executable, "bench/replicate.py", str(count), "--source", str(source),
                        "--source-cache", str(cache), "--cache", str(cache), "--folder", str(folder)],
                       cwd=ROOT, check=True)


def report(result: dict) -> None:
    large = result["articles"] > REPLICATE_OVER
    view_target = 2.0 if large else 1.0
    print(f"articles: {result['articles']:,}")
    print(f"warm start (load_corpus of the built corpus): {result['load_s']:.2f} s (target <= 2)"
          f"  [imports {result['import_s']:.2f} s]")
    for page, run in result["pages"].items():
        print(f"  {page:<22} first run {run['first']:.2f} s, cached {run['cached']:.2f} s; "
              f"new filter {run['new_filter']:.2f} s (target <= {view_target:g}), "
              f"cached {run['new_filter_cached']:.2f} s (target <= 0.3)  RSS after {run.get('rss_mb', 0):,.0f} MB"
              f"  exceptions: {len(run['exceptions'])}")
        for message in run["exceptions"]:
            print(f"      {message}")
        if "click_evidence" in run:
            print(f"  click -> evidence ({run['entity']}): {run['click_evidence']:.2f} s (target <= 0.5), "
                  f"again {run['click_evidence_cached']:.2f} s")
    if "load_rss_mb" in result:
        print(f"RSS right after load_corpus: {result['load_rss_mb']:,.0f} MB")
    print(f"peak RSS: {result['peak_rss_mb']:,.0f} MB (target <= 1536)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--cache", type=Path, default=WORK / "cache")
    parser.add_argument("--replicate", action="store_true", help="replicate a built 1,000-article corpus "
                        f"whatever the count (the default above {REPLICATE_OVER:,})")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose pages and library are "
                        "measured (another branch's worktree; the corpus is built with this one)")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), metavar="PAGE",
                        help="the page scripts to run, in this order (default: every view)")
    args = parser.parse_args()
    folder = WORK / f"corpus-{args.count}{'-replicated' if args.replicate else ''}"
    start = time.perf_counter()
    build(args.count, folder, args.cache, replicate=args.replicate)
    print(f"build (or cache check): {time.perf_counter() - start:.1f} s")
    env = {**os.environ, "CORPUS_DIR": str(folder), "CACHE_DIR": str(args.cache)}
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(args.root), str(folder), str(args.cache), *args.pages],
        cwd=args.root, env=env, capture_output=True, text=True,
    )
    if measured.returncode:
        sys.exit(f"the measuring process failed:\n{measured.stderr[-3000:]}")
    report(json.loads(measured.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
