"""Every tab of the tabbed views on a large store: its first run on the default filters, on a new filter, and cached.

``bench/warm.py`` times each page as it opens (its first tab). A visitor also opens the other tabs;
this script opens each one from its link (the tab in the URL), in a fresh process after loading the
corpus, as ``bench/warm.py`` does:

    python bench/tabs.py 100000            # the replicated store bench/warm.py makes
    python bench/tabs.py 10000 --replicate
    python bench/tabs.py 100000 --pages pages/2_Framing.py
    python bench/tabs.py 100000 --pages pages/2_Framing.py --tabs "Attribution & hedging" Frames Tone

Per tab: its first run (default filters: every article; only what the earlier tabs cached is
shared), its cached run, its first run on a new filter (3 outlets no tab used before) and that
run cached. The process's peak RSS is reported at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.warm import WORK, build  # noqa: E402

TABS = {
    "pages/1_Entities.py": ("en_tab", ["Ranking", "Share of each outlet", "Network", "Role ledger", "Review"]),
    "pages/2_Framing.py": ("fr_tab", ["Distinctive terms", "Naming", "Who is quoted", "Attribution & hedging",
                                      "Frames", "Tone", "Concordance", "Headlines & ledes"]),
    "pages/3_Timeline.py": ("tl_tab", ["Publication", "Dates named in the text", "Reported figures",
                                       "Mentions over time"]),
}

MEASURE = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from lib.store.corpus import load_corpus
corpus = load_corpus(sys.argv[2], cache_dir=sys.argv[3], build=False)
from streamlit.testing.v1 import AppTest
from lib.ui import state

def timed(at):
    began = time.perf_counter(); at.run(); return time.perf_counter() - began

outlets = sorted(corpus.documents["outlet"].value_counts().index[:60])
runs, number = [], 0
for page, (key, tabs) in json.loads(sys.argv[4]).items():
    for tab in tabs:
        at = AppTest.from_file(os.path.join(sys.argv[1], page), default_timeout=1800)
        at.query_params[key] = tab
        run = {"page": page, "tab": tab, "first": timed(at), "cached": timed(at)}
        picked = outlets[(number * 3) % len(outlets):][:3]
        number += 1
        at.sidebar.multiselect(key=state.OUTLETS).set_value(picked)
        run["new_filter"] = timed(at)
        run["new_filter_cached"] = timed(at)
        run["exceptions"] = [str(e.value)[:300] for e in at.exception]
        runs.append(run)
        print(json.dumps(run), flush=True)
print(json.dumps({"articles": len(corpus.documents),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--cache", type=Path, default=WORK / "cache")
    parser.add_argument("--replicate", action="store_true", help="replicate a built 1,000-article corpus")
    parser.add_argument("--pages", nargs="*", default=list(TABS), help="which tabbed pages")
    parser.add_argument("--tabs", nargs="*", help="only these tabs of the chosen pages (default: every tab)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose pages are measured")
    args = parser.parse_args()
    folder = WORK / f"corpus-{args.count}{'-replicated' if args.replicate else ''}"
    build(args.count, folder, args.cache, replicate=args.replicate)
    env = {**os.environ, "CORPUS_DIR": str(folder), "CACHE_DIR": str(args.cache)}
    chosen = json.dumps({page: (TABS[page][0], [tab for tab in TABS[page][1] if not args.tabs or tab in args.tabs])
                         for page in args.pages})
    target = 2.0 if args.count > 10_000 else 1.0
    with subprocess.Popen([sys.executable, "-c", MEASURE, str(args.root), str(folder), str(args.cache), chosen],
                          cwd=args.root, env=env, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            run = json.loads(line)
            if "tab" not in run:
                print(f"articles: {run['articles']:,}; peak RSS {run['peak_rss_mb']:,.0f} MB (target <= 1536)")
                continue
            print(f"{run['page']:<22} {run['tab']:<26} first {run['first']:6.2f} s, cached {run['cached']:.2f} s; "
                  f"new filter {run['new_filter']:5.2f} s (target <= {target:g}), "
                  f"cached {run['new_filter_cached']:.2f} s  exceptions: {len(run['exceptions'])}", flush=True)
            for message in run["exceptions"]:
                print(f"      {message}")
    if process.returncode:
        sys.exit(f"the measuring process failed ({process.returncode})")


if __name__ == "__main__":
    main()
