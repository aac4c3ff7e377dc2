"""python -m eval: build the benchmark corpus, score it against its truth, print the table and every error.

    python -m eval                 # the table, then every error
    python -m eval --readme        # also write the table into README.md's Accuracy section
    python -m eval --json out.json # also write every count and error as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from eval.report import build_report, render_errors, render_table, write_readme
from eval.truth import CORPUS_DIR, check_truth, load_truth
from lib.store.corpus import load_corpus


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", help="cache folder (default: a fresh temporary one)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--json", type=Path, help="write counts and errors as JSON here")
    parser.add_argument("--quiet", action="store_true", help="print the table only, not the errors")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    truths = load_truth()
    problems = check_truth(truths)
    if problems:
        print("The truth itself has problems:", *problems, sep="\n  ", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="news-framing-eval-") as scratch:
        corpus = load_corpus(CORPUS_DIR, cache_dir=args.cache_dir or scratch)
        report = build_report(truths, corpus)
    measured = date.today().isoformat()
    print(render_table(report, measured=measured))
    if not args.quiet:
        print(render_errors(report))
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    if args.readme:
        write_readme(render_table(report, measured=measured))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
