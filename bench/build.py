"""Build overhead: a full build (read, clean, parse, extract, write) against plain nlp.pipe.

Both run in this process on the same generated articles with the same pipeline and components;
the printed ratio is full build time / nlp.pipe time (target: at most 1.10).

    python bench/build.py            # N = 100
    python bench/build.py 1000
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
from lib.corpus import load_corpus  # noqa: E402
from lib.models import load_nlp  # noqa: E402
from lib.parsing import DEFAULT_BATCH_SIZE, prepare_pipeline  # noqa: E402


def time_plain_pipe(nlp, texts: list[str], *, batch_size: int) -> float:
    """Seconds for nlp.pipe over the texts, consuming every Doc."""
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        len(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    args = parser.parse_args()
    nlp = prepare_pipeline(load_nlp())
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "corpus"
        generate(args.count, folder)
        list(nlp.pipe(["Warm-up sentence for the pipeline."] * 8))
        start = time.perf_counter()
        corpus = load_corpus(folder, cache_dir=Path(work) / "cache", nlp=nlp, batch_size=args.batch_size)
        full = time.perf_counter() - start
        texts = corpus.documents["text"].tolist()
        plain = time_plain_pipe(nlp, texts, batch_size=args.batch_size)
    words = int(corpus.documents["words"].sum())
    print(f"articles: {len(texts)}  words: {words:,}  model: {corpus.model.label}  components: {nlp.pipe_names}")
    print(f"plain nlp.pipe: {plain:.2f} s  ({words / plain:,.0f} words/s)")
    print(f"full build:     {full:.2f} s  ({words / full:,.0f} words/s)")
    print(f"ratio full/plain: {full / plain:.2f}  (target <= 1.10)")


if __name__ == "__main__":
    main()
