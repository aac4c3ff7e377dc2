"""Views over a large store: memory after load and each view's run on a new filter, for one code checkout.

The store is a built corpus's assembled tables repeated N/size times (each copy's doc_ids made
distinct), so the counts are real tables of the chosen size without parsing them. Run it once per
checkout to compare the pandas path (main) with the engine path:

    python bench/engine_views.py 10000 --source /tmp/news-framing-bench/cache/corpora/<key>
    python bench/engine_views.py 10000 --source ... --root /work/main
    python bench/engine_views.py 1000 --source ... --with-timeline   # also the Timeline's build (slow)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/news-framing-bench/engine-views")
RENAMED = ("doc_id", "copy_group", "story")
"""Columns naming an article or a group of articles: each copy gets its own."""

MEASURE = r"""
import json, pickle, resource, sys, time
from dataclasses import replace
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from lib.analysis import mentions, overview, timeline
from lib.analysis.filters import Filters
from lib.nlp.models import read_model_info
from lib.store import corpus as store_corpus

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024

target, empty = Path(sys.argv[2]), Path(sys.argv[3])
start = time.perf_counter()
assembled = store_corpus.load_assembled(target, store_corpus.ASSEMBLED_TABLES)
corpus = store_corpus.build_corpus(empty, read_model_info(None), assembled, [], 0, target, write=False)
loaded = time.perf_counter() - start
after_load = rss_mb()
outlet = corpus.documents["outlet"].value_counts().index[0]
filters = {"all": Filters(), "one outlet": Filters(outlets=(outlet,)),
           "dated range": Filters(start=date(2024, 1, 1), end=date(2024, 6, 30), include_undated=False)}
top = mentions.list_corpus_entities(corpus)[0]
views = {
    "entity lists (page start)": lambda f: (mentions.list_corpus_labels(corpus), mentions.list_corpus_entities(corpus)),
    "entities: ranking+shares": lambda f: mentions.summarise_entity_view(corpus, f, (), 25),
    "entities: network": lambda f: mentions.summarise_network(corpus, f, (), 40, 2),
    "entities: role ledger": lambda f: mentions.summarise_roles(corpus, f),
    "click -> evidence (profile)": lambda f: mentions.profile_entity(corpus, f, top),
    "overview": lambda f: overview.summarise_overview(corpus, f),
    "timeline: entity options": lambda f: timeline.rank_entity_options(corpus, f),
}
if "--with-timeline" in sys.argv:
    views["timeline: build_timeline"] = lambda f: timeline.build_timeline(corpus, f)
results = {}
for name, view in views.items():
    runs = []
    for label, chosen in filters.items():
        began = time.perf_counter(); value = view(chosen); runs.append(time.perf_counter() - began)
    stored = pickle.dumps(value)
    began = time.perf_counter(); pickle.loads(stored); cached = time.perf_counter() - began
    results[name] = {"first": runs, "cached": cached, "kb": len(stored) / 1024,
                     "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
import pandas as pd
options = tuple(timeline.rank_entity_options(corpus, Filters())[:5])
runs = []
for label, chosen in filters.items():
    began = time.perf_counter()
    value = timeline.build_mention_counts(corpus, chosen, pd.DataFrame(), options, "month", "article")
    runs.append(time.perf_counter() - began)
stored = pickle.dumps(value)
began = time.perf_counter(); pickle.loads(stored); cached = time.perf_counter() - began
results["timeline: mention counts"] = {"first": runs, "cached": cached, "kb": len(stored) / 1024,
                                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
print(json.dumps({"articles": len(corpus.documents), "load_s": loaded, "rss_after_load_mb": after_load,
                  "rss_end_mb": rss_mb(), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "views": results}))
"""


def replicate(source: Path, copies: int, target: Path) -> None:
    """Write the assembled tables of ``source`` (and its corrected folders) ``copies`` times over."""
    if (target / "complete.json").is_file():
        return
    shutil.rmtree(target, ignore_errors=True)
    database = duckdb.connect()
    for path in [*source.glob("*.parquet"), *source.glob("c-*/*.parquet")]:
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        names = pq.read_schema(path).names
        if "doc_id" not in names:
            shutil.copy(path, out)
            continue
        renamed = ", ".join(f"CASE WHEN r = 0 THEN {n} ELSE {n} || '~' || r END AS {n}" for n in RENAMED if n in names)
        query = (f"SELECT * REPLACE ({renamed}) FROM read_parquet('{path}'), range({copies}) t(r) "
                 f"ORDER BY r, doc_id")
        database.execute(f"COPY ({query}) TO '{out}' (FORMAT parquet)")
    for path in [source / "complete.json", *source.glob("c-*/complete.json")]:
        shutil.copy(path, target / path.relative_to(source))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--source", type=Path, required=True, help="an assembled corpus folder (cache/corpora/<key>)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the code checkout to measure")
    parser.add_argument("--with-timeline", action="store_true", help="also time build_timeline (slow)")
    args = parser.parse_args()
    size = pq.read_metadata(args.source / "documents.parquet").num_rows
    copies = max(1, round(args.count / size))
    target = WORK / f"{args.source.name}-x{copies}"
    replicate(args.source, copies, target)
    empty = WORK / "no-corrections"
    empty.mkdir(parents=True, exist_ok=True)
    output = subprocess.run([sys.executable, "-c", MEASURE, str(args.root), str(target), str(empty),
                             *(["--with-timeline"] if args.with_timeline else [])],
                            check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(f"{args.root}: {result['articles']} articles, load {result['load_s']:.2f} s, "
          f"RSS after load {result['rss_after_load_mb']:.0f} MB, peak {result['peak_rss_mb']:.0f} MB")
    for name, view in result["views"].items():
        firsts = ", ".join(f"{s:.2f}" for s in view["first"])
        print(f"  {name:<30} first runs on new filters {firsts} s; cached (unpickle) {view['cached']:.3f} s"
              f" ({view['kb']:.0f} KB); peak RSS so far {view['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
