"""The entity pass's share of a build: canonical entities with and without the rematch pass,
against the full build of the same generated articles (CPU time of this process, best of rounds).

bench/build.py's full/plain ratio moves by more than 5% between runs on a shared machine; this
measures the entity step alone, on the same parsed articles, so its share can be read.

    python bench/entities.py 200
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
from lib.nlp.entities import find_entities  # noqa: E402
from lib.nlp.entities.junk import is_headline_line  # noqa: E402
from lib.nlp.entities.names import fold, normalise_mention  # noqa: E402
from lib.store import parquet as store  # noqa: E402
from lib.store.corpus import load_corpus  # noqa: E402


def best_cpu(function, rounds: int) -> float:
    """The smallest CPU time of ``rounds`` calls, each with the per-name caches empty (as in a build,
    which canonicalises once per process)."""
    times = []
    for _ in range(rounds):
        for cached in (fold, normalise_mention, is_headline_line):
            cached.cache_clear()
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder, cache = Path(scratch) / "articles", Path(scratch) / "cache"
        folder.mkdir()
        generate(args.count, folder)
        start = time.process_time()
        corpus = load_corpus(folder, cache_dir=cache)
        build = time.process_time() - start
        parses = next((cache / "parses").iterdir())
        ids = set(corpus.documents["doc_id"])
        raw = store.read_shards(parses, "mentions", ids)
        sentences = store.read_shards(parses, "sentences", ids)
        texts = corpus.read_texts().set_index("doc_id")["text"].to_dict()
        without = best_cpu(lambda: find_entities(raw, texts, sentences, rematch=False), args.rounds)
        with_pass = best_cpu(lambda: find_entities(raw, texts, sentences), args.rounds)
    print(f"articles: {args.count}  full build (CPU, first build, parse included) {build:.2f} s")
    print(f"entities without the rematch pass {without:.2f} s ({without / build:.1%} of the build)")
    print(f"entities with it {with_pass:.2f} s; the rematch pass {with_pass - without:.2f} s "
          f"({(with_pass - without) / build:.1%} of the build, target <= 5%)")


if __name__ == "__main__":
    main()
