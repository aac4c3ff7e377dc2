"""Concordance patterns: a catastrophic regular expression under Python's re and under the RE2 search.

Python's backtracking ``re`` doubles its time with every character added to a line that
almost matches ``(x+x+)+y``; the concordance's RE2 search stays linear. Prints, for growing
lines, the time of each and their ratio, measured in this run (``re`` stops at a cap so the
script ends).

    python -m bench.patterns
"""

from __future__ import annotations

import re
import time

import pandas as pd

from lib.analysis import concordance
from lib.analysis.patterns import compile_query

PATTERN = "(x+x+)+y"
RE_CAP_SECONDS = 20.0


def time_call(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    query = compile_query(PATTERN, "regex")
    print(f"pattern {PATTERN!r} against a line of n x's with no y (it never matches)\n")
    print("| n | Python re (s) | RE2 search (s) | re / RE2 |")
    print("| ---: | ---: | ---: | ---: |")
    slow = False
    for n in (16, 18, 20, 22, 24, 10_000, 1_000_000):
        line = "x" * n
        sentences = pd.DataFrame({"text": [line], "lemmas": [line]})
        fast = time_call(lambda s=sentences: concordance.count_hits(query, s))
        if slow or n > 24:
            print(f"| {n:,} | not run | {fast:.6f} | |")
            continue
        backtracking = time_call(lambda s=line: re.search(PATTERN, s))
        slow = backtracking > RE_CAP_SECONDS / 4
        print(f"| {n:,} | {backtracking:.4f} | {fast:.6f} | {backtracking / fast:,.0f} |")


if __name__ == "__main__":
    main()
