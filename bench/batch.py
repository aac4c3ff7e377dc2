"""Batch size: nlp.pipe throughput on the same generated articles for several batch sizes.

    python bench/batch.py 200
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
from lib.ingest.cleaning import clean_text  # noqa: E402
from lib.nlp.models import load_nlp  # noqa: E402
from lib.nlp.parsing import prepare_pipeline  # noqa: E402

SIZES = (4, 16, 32, 64, 128)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=200)
    args = parser.parse_args()
    nlp = prepare_pipeline(load_nlp())
    with tempfile.TemporaryDirectory() as work:
        paths = generate(args.count, Path(work))
        texts = [clean_text(path.read_text(encoding="utf-8")).text for path in paths]
    words = sum(len(text.split()) for text in texts)
    list(nlp.pipe(texts[:8]))
    for size in SIZES:
        start = time.perf_counter()
        with nlp.memory_zone():
            for doc in nlp.pipe(texts, batch_size=size):
                len(doc)
        seconds = time.perf_counter() - start
        print(f"batch_size {size:>4}: {seconds:6.1f} s  {words / seconds:7,.0f} words/s")


if __name__ == "__main__":
    main()
