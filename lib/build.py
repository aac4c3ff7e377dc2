"""Command line: build the cache for a corpus folder, report per-file results, export CSVs.

    python -m lib.build seeds                           # every core, as many processes as memory allows
    python -m lib.build ~/articles --processes 1        # one process
    python -m lib.build ~/articles --export exports/
    python -m lib.build ~/articles --engine dask --workers 2
    python -m lib.build ~/articles --engine dask --scheduler tcp://scheduler:8786
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from tqdm import tqdm

from lib.analysis.csvsafe import to_safe_csv
from lib.nlp.models import ModelUnavailableError
from lib.nlp.parsing import DEFAULT_BATCH_SIZE
from lib.records import Problem
from lib.store.shards import Engine

if TYPE_CHECKING:
    from lib.store.corpus_tables import Corpus

# lib.store.corpus and lib.analysis are imported where they are used: every parse worker is a
# spawned process that imports this module again, and would spend a second of CPU on them.

DOCUMENT_EXPORT = (
    "doc_id", "file", "title", "outlet", "author", "published", "url", "words",
    "title_source", "outlet_source", "author_source", "published_source", "url_source",
    "title_confidence", "outlet_confidence", "author_confidence", "published_confidence",
    "wire", "wire_source", "wire_confidence",
)
MENTION_EXPORT = ("doc_id", "sent_index", "start", "end", "text", "label", "entity")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m lib.build", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of articles (.txt .md .html .json .jsonl .csv)")
    parser.add_argument("--export", type=Path, help="also write documents, mentions, quotes, figures, dates and "
                        "flags as CSV here")
    parser.add_argument("--cache-dir", type=Path, help="cache folder (default: CACHE_DIR or .cache)")
    parser.add_argument("--model", help="spaCy pipeline to use (default: SPACY_MODEL or best installed)")
    parser.add_argument("--processes", type=int, help="parser processes, each loading the model (default: one "
                        "per available core, fewer if memory or the number of articles to parse is short)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="articles per nlp.pipe batch")
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="where to parse")
    parser.add_argument("--scheduler", help="with --engine dask: address of a running Dask scheduler")
    parser.add_argument("--workers", type=int, default=2, help="with --engine dask: LocalCluster workers")
    return parser.parse_args(argv)


def export_tables(corpus: Corpus, folder: Path) -> list[Path]:
    """Write documents.csv (with provenance and confidence columns, and the wire origin), mentions.csv
    and the citable claims: quotes.csv, figures.csv, dates.csv and flags.csv (``lib.analysis.claims``),
    safe to open in a spreadsheet."""
    from lib.analysis.claims import build_claim_tables

    folder.mkdir(parents=True, exist_ok=True)
    documents = corpus.documents[list(DOCUMENT_EXPORT)]
    mentions = corpus.mentions[list(MENTION_EXPORT)].rename(columns={"sent_index": "sentence"})
    paths = [folder / "documents.csv", folder / "mentions.csv"]
    paths[0].write_text(to_safe_csv(documents), encoding="utf-8")
    paths[1].write_text(to_safe_csv(mentions), encoding="utf-8")
    for name, table in build_claim_tables(corpus).items():
        paths.append(folder / f"{name}.csv")
        paths[-1].write_text(to_safe_csv(table), encoding="utf-8")
    return paths


def summarise(corpus: Corpus) -> str:
    """A short report: what loaded, what was parsed now, and every per-file message."""
    lines = [
        f"Corpus {corpus.folder}: {len(corpus.documents)} articles loaded, "
        f"{corpus.parsed_now} parsed now, {int(corpus.documents['sentences'].sum())} sentences, "
        f"{len(corpus.entities)} entities ({corpus.model.label}).",
    ]
    if corpus.problems:
        frame = pd.DataFrame([problem.__dict__ for problem in corpus.problems])
        lines.append(f"{len(frame)} file messages:")
        lines.extend(format_problem(problem) for problem in corpus.problems)
    return "\n".join(lines)


def format_problem(problem: Problem) -> str:
    where = problem.file if problem.record is None else f"{problem.file} (record {problem.record})"
    return f"  {problem.status:<9} {where}: {problem.message}"


def main(argv: list[str] | None = None) -> int:
    from lib.store.corpus import load_corpus

    args = parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: {args.corpus} is not a folder", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("lib.store.processes").setLevel(logging.INFO)  # how many processes parse, and why
    bar = tqdm(total=0, unit="article", desc="Parsing", disable=None)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        engine = Engine(
            name=args.engine, n_process=args.processes, batch_size=args.batch_size,
            scheduler=args.scheduler, workers=args.workers,
        )
        corpus = load_corpus(
            args.corpus, cache_dir=args.cache_dir, model_name=args.model, progress=progress, engine=engine,
        )
    except ModelUnavailableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        bar.close()
    print(summarise(corpus))
    if args.export:
        for path in export_tables(corpus, args.export):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
