"""Build overhead: a full build (read, clean, parse, extract, write) against plain nlp.pipe.

Both run in this process on the same generated articles with the same pipeline and components.
A first build of a separate small corpus warms both paths up (the first batches through a
fresh pipeline are slower, whichever path runs them). Then plain ``nlp.pipe`` and the full build
(into an empty cache) alternate for ``--rounds`` rounds; the printed ratio is the full build's
best time over plain ``nlp.pipe``'s best time (target: at most 1.10), and every round is shown.
Both wall-clock time and this process's CPU time (every thread, ``time.process_time``) are
measured: on a shared machine other work steals wall-clock time from either path at random,
while the CPU time counts only the work this process did.

    python bench/build.py            # N = 100
    python bench/build.py 500 --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from lib.nlp.models import load_nlp  # noqa: E402
from lib.nlp.parsing import DEFAULT_BATCH_SIZE, prepare_pipeline  # noqa: E402
from lib.store.corpus import load_corpus  # noqa: E402

WARM_UP_ARTICLES = 30
WARM_UP_SEED = 7


def time_plain_pipe(nlp, texts: list[str], *, batch_size: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds for nlp.pipe over the texts, consuming every Doc."""
    start, cpu = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        len(doc)
    return time.perf_counter() - start, time.process_time() - cpu


def time_full_build(nlp, folder: Path, cache: Path, *, batch_size: int):
    """Wall-clock and CPU seconds for a full build into an empty cache, and the corpus it built."""
    shutil.rmtree(cache, ignore_errors=True)
    start, cpu = time.perf_counter(), time.process_time()
    corpus = load_corpus(folder, cache_dir=cache, nlp=nlp, batch_size=batch_size)
    return (time.perf_counter() - start, time.process_time() - cpu), corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    nlp = prepare_pipeline(load_nlp())
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        generate(WARM_UP_ARTICLES, root / "warm-up", seed=WARM_UP_SEED)
        generate(args.count, root / "corpus")
        time_full_build(nlp, root / "warm-up", root / "cache", batch_size=args.batch_size)
        plains, fulls = [], []
        texts: list[str] = []
        for round_number in range(1, args.rounds + 1):
            full, corpus = time_full_build(nlp, root / "corpus", root / "cache", batch_size=args.batch_size)
            texts = corpus.documents["text"].tolist()
            plain = time_plain_pipe(nlp, texts, batch_size=args.batch_size)
            plains.append(plain)
            fulls.append(full)
            print(f"round {round_number}: plain nlp.pipe {plain[0]:.2f} s (CPU {plain[1]:.2f} s), "
                  f"full build {full[0]:.2f} s (CPU {full[1]:.2f} s), "
                  f"ratio {full[0] / plain[0]:.2f} (CPU {full[1] / plain[1]:.2f})", flush=True)
    words = int(corpus.documents["words"].sum())
    print(f"articles: {len(texts)}  words: {words:,}  model: {corpus.model.label}  components: {nlp.pipe_names}")
    for which, name in ((0, "wall-clock"), (1, "CPU")):
        plain, full = min(p[which] for p in plains), min(f[which] for f in fulls)
        print(f"{name}: plain nlp.pipe (best of {args.rounds}) {plain:.2f} s ({words / plain:,.0f} words/s), "
              f"full build {full:.2f} s ({words / full:,.0f} words/s), "
              f"ratio full/plain {full / plain:.2f}  (target <= 1.10)")


if __name__ == "__main__":
    main()
