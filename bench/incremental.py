"""Incremental build: adding one article to a built corpus parses exactly one article.

    python bench/incremental.py 1000
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
from lib.nlp.models import load_nlp  # noqa: E402
from lib.store.corpus import load_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    args = parser.parse_args()
    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as work:
        folder, cache = Path(work) / "corpus", Path(work) / "cache"
        generate(args.count, folder)
        start = time.perf_counter()
        first = load_corpus(folder, cache_dir=cache, nlp=nlp)
        full = time.perf_counter() - start
        (folder / "one-more.txt").write_text(
            "Talks resume in Doha\n\nMediators said on Sunday that delegations would return to Doha "
            "next week to discuss the release of the remaining hostages.\n",
            encoding="utf-8",
        )
        start = time.perf_counter()
        grown = load_corpus(folder, cache_dir=cache, nlp=nlp)
        added = time.perf_counter() - start
    assert first.parsed_now == args.count, first.parsed_now
    assert grown.parsed_now == 1, grown.parsed_now
    print(f"articles: {args.count}  full build: {full:.1f} s  ({first.parsed_now} parsed)")
    print(f"add 1 article: {added:.2f} s  ({grown.parsed_now} parsed; {len(grown.documents)} articles now)")


if __name__ == "__main__":
    main()
