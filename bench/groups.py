"""Copies and stories at scale: time grouping N synthetic articles (python bench/groups.py 100000).

Articles are made by sampling 8 to 14 sentences from the benchmark's real articles and replacing
a third of their words with other words of the benchmark (so that, as in real coverage, articles
share words and topics but rarely whole sentences), dated over a year; one in twenty is a copy of
an earlier one with a new first paragraph and a trimmed end.
The whole grouping (copies found with MinHash LSH and checked, then stories) is timed once, by the
wall clock and by the process's CPU time (the grouping runs in one thread).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.nlp.stories import group_articles  # noqa: E402

EVAL = Path(__file__).resolve().parent.parent / "eval" / "corpus"


def sentence_pool() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((EVAL / "pasted").glob("*.txt")))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 8]
    return sorted(set(sentences))


def make_documents(count: int, *, seed: int = 7) -> pd.DataFrame:
    generator = np.random.default_rng(seed)
    pool = sentence_pool()
    vocabulary = sorted({word for sentence in pool for word in sentence.split()})

    def rewrite(sentence: str) -> str:
        words = sentence.split()
        swap = generator.random(len(words)) < 1 / 3
        picks = generator.integers(0, len(vocabulary), size=len(words))
        return " ".join(vocabulary[p] if s else w for w, s, p in zip(words, swap, picks, strict=True))

    texts, days = [], generator.integers(0, 365, size=count)
    for number in range(count):
        if number > 20 and generator.random() < 0.05:
            original = texts[int(generator.integers(0, number))].split("\n\n")
            texts.append("\n\n".join([rewrite(pool[int(generator.integers(len(pool)))]), *original[1:-1]]))
            continue
        picked = generator.choice(len(pool), size=int(generator.integers(8, 15)), replace=False)
        texts.append("\n\n".join(rewrite(pool[i]) for i in picked))
    published = (pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d")
    return pd.DataFrame({
        "doc_id": [f"d{n:07d}" for n in range(count)], "text": texts, "published": published,
        "title": [t.split("\n", 1)[0][:80] for t in texts], "outlet": [f"Outlet {n % 50}" for n in range(count)],
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, nargs="?", default=10_000)
    count = parser.parse_args().articles
    documents = make_documents(count)
    start, cpu = time.perf_counter(), time.process_time()
    groups = group_articles(documents)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    copies = int((groups["copy_size"] > 1).sum())
    print(f"{count} articles grouped in {seconds:.1f} s ({seconds / count * 1000:.2f} ms per article): "
          f"{copies} in copy groups, {groups['story'].nunique()} stories; {cpu:.1f} s of CPU time "
          f"(on a machine busy with other work, the CPU time is what the grouping costs)")


if __name__ == "__main__":
    main()
