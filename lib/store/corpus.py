"""Loading a corpus: read, clean, parse what is new, assemble canonical tables, cache them."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
from spacy.language import Language

from lib import DATA_DIR, PROJECT_DIR
from lib.ingest.articles import load_sidecar, prepare_articles
from lib.ingest.reading import read_folder
from lib.nlp.corrections import FILE_NAME as CORRECTIONS_FILE_NAME
from lib.nlp.corrections import Correction, apply_corrections, load_corrections
from lib.nlp.entities import find_entities, summarise_entities
from lib.nlp.extract import load_extractors
from lib.nlp.models import describe_model, load_nlp, read_model_info
from lib.nlp.parsing import DEFAULT_BATCH_SIZE, ParsedRows, parse_articles
from lib.records import (
    DOCUMENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    Article,
    ModelInfo,
    Problem,
    empty_frame,
)
from lib.store import parquet as store

UPLOAD_PREFIX = "upload/"
DEFAULT_CORPUS_DIR = PROJECT_DIR / "seeds"
BASE_TABLES = ("sentences", "mentions")
ERRORS_TABLE = "extractor_errors"
MERGES_TABLE = "entity_merges"
NOT_COUNTED_TABLE = "not_counted"
REVIEW_TABLE = "entity_review"
ENTITY_TABLES = (MERGES_TABLE, NOT_COUNTED_TABLE, REVIEW_TABLE)
"""What canonicalisation explains: every merge with its rule, every mention not counted, the review queue."""
SHARD_ARTICLES = 500
"""Articles per parse shard in a local build."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Corpus:
    """Every table of a parsed corpus, and what went wrong while reading it."""

    key: str
    folder: str
    model: ModelInfo
    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    """Extractor tables held in memory (a loaded corpus reads them from ``source`` instead)."""
    problems: tuple[Problem, ...] = ()
    parsed_now: int = 0
    corrections_path: str = ""
    source: str = ""
    """Folder of the assembled tables: extractor tables not in ``tables`` are read from it."""
    _read: dict[tuple[str, tuple[str, ...] | None], pd.DataFrame] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def table(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """An extractor's table (empty if no extractor filled it), optionally only some columns.

        Tables are read from Parquet on first use, with only the columns asked for, and kept:
        a visitor who opens one view never loads the tables of the others.
        """
        key = (name, tuple(columns) if columns is not None else None)
        if key in self._read:
            return self._read[key]
        whole = self.tables.get(name, self._read.get((name, None)))
        if whole is not None:
            found = whole if columns is None or whole.empty else whole[list(columns)]
        elif self.source:
            found = store.read_table(Path(self.source), name, columns=columns)
        else:
            found = pd.DataFrame()
        self._read[key] = found
        return found


def corpus_folder(folder: str | Path | None = None) -> Path:
    """The corpus folder: the argument, CORPUS_DIR, or the seeds."""
    chosen = folder or os.environ.get("CORPUS_DIR") or DEFAULT_CORPUS_DIR
    return Path(chosen).expanduser().resolve()


def corrections_file(folder: Path) -> Path:
    """The corrections file: CORRECTIONS_FILE, or corrections.csv in the corpus folder."""
    chosen = os.environ.get("CORRECTIONS_FILE")
    return Path(chosen).expanduser().resolve() if chosen else folder / CORRECTIONS_FILE_NAME


def documents_frame(articles: list[Article]) -> pd.DataFrame:
    """One row per article with metadata and provenance."""
    rows = []
    for article in articles:
        row: dict[str, object] = {"doc_id": article.doc_id, "file": article.file, "record": article.record}
        for name in ("title", "outlet", "author", "published", "url"):
            value = getattr(article, name)
            row[name], row[f"{name}_source"], row[f"{name}_confidence"] = value.value, value.source, value.confidence
        row.update({
            "outlet_kind": article.outlet_kind,
            "outlet_country": article.outlet_country,
            "words": len(article.text.split()),
            "sentences": 0,
            "text": article.text,
            "removed": json.dumps([r.__dict__ for r in article.removed], ensure_ascii=False),
        })
        rows.append(row)
    frame = pd.DataFrame(rows) if rows else empty_frame(DOCUMENT_COLUMNS)
    frame["record"] = frame["record"].astype("Int64")
    return frame[list(DOCUMENT_COLUMNS)]


@dataclass(frozen=True)
class Engine:
    """How to parse: in this process ("local") or as Dask tasks ("dask")."""

    name: str = "local"
    n_process: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE
    scheduler: str | None = None
    workers: int = 2


def rows_to_tables(rows: ParsedRows) -> dict[str, pd.DataFrame]:
    """The tables of one parse shard."""
    tables = {
        store.PARSED_TABLE: pd.DataFrame({
            "doc_id": rows.doc_ids, "sentences": [rows.sentence_counts[d] for d in rows.doc_ids],
        }),
        "sentences": pd.DataFrame(rows.sentences, columns=list(SENTENCE_COLUMNS)),
        "mentions": pd.DataFrame(rows.mentions, columns=list(MENTION_COLUMNS[:6])),
        ERRORS_TABLE: pd.DataFrame(rows.errors, columns=["doc_id", "table", "error"]),
    }
    tables.update({name: pd.DataFrame(extracted) for name, extracted in rows.extracted.items()})
    return tables


def parse_in_shards(
    nlp: Language, articles: list[Article], *, engine: Engine, progress: Progress | None
) -> Iterator[ParsedRows]:
    """Parse in slices of SHARD_ARTICLES, so a build stopped half-way keeps what it parsed."""
    total = len(articles)
    for first in range(0, total, SHARD_ARTICLES):
        part = articles[first:first + SHARD_ARTICLES]

        def report(done: int, _: int, offset: int = first) -> None:
            if progress:
                progress(offset + done, total)

        yield parse_articles(nlp, part, batch_size=engine.batch_size, n_process=engine.n_process, progress=report)


def parse_missing(
    articles: list[Article], parse_store: Path, *, nlp: Language | None, model_name: str | None,
    progress: Progress | None, engine: Engine, nlp_loader: Callable[[], Language] | None = None,
) -> int:
    """Parse the articles the store does not hold yet, one shard per batch; return how many."""
    done = store.parsed_doc_ids(parse_store)
    missing = [article for article in articles if article.doc_id not in done]
    if not missing:
        return 0
    if engine.name == "dask":
        from lib.store.cluster import parse_on_dask

        shards = (
            result.rows for result in parse_on_dask(
                missing, model_name=model_name, scheduler=engine.scheduler, workers=engine.workers,
                batch_size=engine.batch_size,
            )
        )
    else:
        pipeline = nlp or (nlp_loader() if nlp_loader else load_nlp(model_name))
        shards = parse_in_shards(pipeline, missing, engine=engine, progress=progress)
    for rows in shards:
        store.write_shard(parse_store, rows_to_tables(rows))
    names = [store.PARSED_TABLE, *BASE_TABLES, ERRORS_TABLE, *load_extractors()]
    store.compact_shards(parse_store, names)
    return len(missing)


def assemble(documents: pd.DataFrame, parse_store: Path, target: Path) -> None:
    """Gather this corpus's rows from the parse store, canonicalise entities, write them."""
    ids = set(documents["doc_id"])
    tables = {name: store.read_shards(parse_store, name, ids) for name in (store.PARSED_TABLE, *BASE_TABLES)}
    tables.update({name: store.read_shards(parse_store, name, ids) for name in (*load_extractors(), ERRORS_TABLE)})
    counts = tables.pop(store.PARSED_TABLE)
    docs = documents.copy()
    if not counts.empty:
        docs["sentences"] = docs["doc_id"].map(counts.set_index("doc_id")["sentences"]).fillna(0).astype(int)
    mentions = tables["mentions"]
    if mentions.empty:
        mentions = empty_frame(MENTION_COLUMNS[:6])
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    tables["sentences"] = tables["sentences"] if not tables["sentences"].empty else empty_frame(SENTENCE_COLUMNS)
    canonical = find_entities(mentions, texts, tables["sentences"])
    tables.update({"mentions": canonical.mentions, MERGES_TABLE: canonical.merges,
                   NOT_COUNTED_TABLE: canonical.not_counted, REVIEW_TABLE: canonical.review})
    store.write_tables_atomically({"documents": docs, **tables}, target)


def load_assembled(target: Path, names: list[str]) -> dict[str, pd.DataFrame]:
    """Read the named tables of an assembled corpus and check that its extractor tables can be
    read (their rows are read by ``Corpus.table`` when a view first asks for them)."""
    for name in load_extractors():
        store.check_table(target, name)
    return {name: store.read_table(target, name) for name in names}


def finalise(
    assembled: dict[str, pd.DataFrame], fixes: list[Correction], target: Path
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply corrections and summarise entities, cached under the corrections' fingerprint."""
    try:
        return store.read_table(target, "mentions"), store.read_table(target, "entities")
    except store.CacheError:
        pass
    mentions = apply_corrections(assembled["mentions"], fixes, assembled.get(NOT_COUNTED_TABLE))
    entities = summarise_entities(mentions, assembled["documents"])
    store.write_tables_atomically({"mentions": mentions, "entities": entities}, target)
    return mentions, entities


def read_articles(path: Path, extra_folder: Path | None) -> tuple[list[Article], list[Problem]]:
    """Read, clean and describe every article of the folder (and of the visitor's folder)."""
    read = read_folder(path)
    sidecar, sidecar_problems = load_sidecar(path)
    if extra_folder is not None and extra_folder.is_dir():
        extra = read_folder(extra_folder)
        read.articles.extend(replace(a, file=f"{UPLOAD_PREFIX}{a.file}") for a in extra.articles)
        read.problems.extend(replace(p, file=f"{UPLOAD_PREFIX}{p.file}") for p in extra.problems)
    prepared = prepare_articles(read.articles, sidecar=sidecar)
    return prepared.articles, [*read.problems, *sidecar_problems, *prepared.problems]


def folder_state(folder: Path | None) -> list[tuple[str, int, int]]:
    """Names, sizes and modification times of a folder's visible files: what decides re-reading it."""
    if folder is None or not folder.is_dir():
        return []
    state = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            info = path.stat()
            state.append((relative.as_posix(), info.st_size, info.st_mtime_ns))
    return sorted(state)


@lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """The content of the editable data files (furniture, outlets, entity rules)."""
    return store.fingerprint([(p.name, p.read_bytes().hex()) for p in sorted(DATA_DIR.glob("*")) if p.is_file()])


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame([p.__dict__ for p in problems], columns=["file", "status", "message", "record"]).astype(
        {"record": "Int64"}
    )


def problems_from_frame(frame: pd.DataFrame) -> list[Problem]:
    return [
        Problem(row.file, row.status, row.message, None if pd.isna(row.record) else int(row.record))
        for row in frame.itertuples(index=False)
    ]


def prepare_documents(
    path: Path, extra: Path | None, prepared_dir: Path
) -> tuple[pd.DataFrame, list[Problem], list[Article] | None]:
    """Documents and problems of the folder, from the cache when no file changed since."""
    try:
        documents = store.read_table(prepared_dir, "documents")
        return documents, problems_from_frame(store.read_table(prepared_dir, "problems")), None
    except store.CacheError:
        pass
    articles, problems = read_articles(path, extra)
    documents = documents_frame(articles)
    store.write_tables_atomically({"documents": documents, "problems": problems_frame(problems)}, prepared_dir)
    return documents, problems, articles


def load_corpus(
    folder: str | Path | None = None,
    *,
    cache_dir: str | Path | None = None,
    nlp: Language | None = None,
    model_name: str | None = None,
    progress: Progress | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    extra_folder: str | Path | None = None,
    engine: Engine | None = None,
    nlp_loader: Callable[[], Language] | None = None,
) -> Corpus:
    """Read a corpus folder and return its tables, parsing only articles not cached yet.

    ``extra_folder`` adds articles from a second folder (a visitor's uploads) under the file
    prefix ``upload/``; the corpus folder itself is only read. Files are re-read only when a
    name, size or modification time changed. ``nlp_loader`` supplies a shared pipeline, called
    only when something has to be parsed.
    """
    path = corpus_folder(folder)
    if not path.is_dir():
        raise FileNotFoundError(f"corpus folder {path} does not exist")
    extra = Path(extra_folder) if extra_folder is not None else None
    model = read_model_info(model_name) if nlp is None else describe_model(nlp)
    root = store.cache_root(cache_dir)
    parse_store = store.parse_store_dir(root, model)
    state = store.fingerprint(str(path), folder_state(path), str(extra), folder_state(extra), data_fingerprint())
    with store.locked(parse_store):
        documents, problems, articles = prepare_documents(path, extra, root / "prepared" / state)
        if articles is None and not set(documents["doc_id"]) <= store.parsed_doc_ids(parse_store):
            articles, problems = read_articles(path, extra)
        chosen = engine or Engine(n_process=n_process, batch_size=batch_size)
        parsed_now = parse_missing(
            articles or [], parse_store, nlp=nlp, model_name=model_name, progress=progress, engine=chosen,
            nlp_loader=nlp_loader,
        )
        base_key = store.fingerprint(documents.drop(columns=["text"]).to_json(), parse_store.name, data_fingerprint())
        target = root / "corpora" / base_key
        names = ["documents", *BASE_TABLES, ERRORS_TABLE, NOT_COUNTED_TABLE]
        try:
            assembled = load_assembled(target, names)
        except store.CacheError as error:
            if target.exists():
                problems.append(Problem("cache", "warning", f"rebuilt an unreadable cache: {error}"))
                shutil.rmtree(target, ignore_errors=True)
            assemble(documents, parse_store, target)
            assembled = load_assembled(target, names)
    return build_corpus(path, model, assembled, problems, parsed_now, target)


def with_corrections(corpus: Corpus, fixes: list[Correction]) -> Corpus:
    """The corpus with more corrections applied (a read-only visitor's own), without re-parsing."""
    if not fixes:
        return corpus
    mentions = apply_corrections(corpus.mentions, fixes, corpus.table(NOT_COUNTED_TABLE))
    return replace(
        corpus, key=store.fingerprint(corpus.key, [list(vars(fix).values()) for fix in fixes]),
        mentions=mentions, entities=summarise_entities(mentions, corpus.documents),
    )


def extractor_problems(assembled: dict[str, pd.DataFrame]) -> list[Problem]:
    """A message for every article an extractor failed on (its other tables are complete)."""
    errors = assembled.get(ERRORS_TABLE, pd.DataFrame())
    if errors.empty:
        return []
    files = assembled["documents"].set_index("doc_id")["file"]
    return [
        Problem(str(files.get(doc_id, doc_id)), "warning", f"{table} not extracted: {error}")
        for doc_id, table, error in errors[["doc_id", "table", "error"]].itertuples(index=False)
    ]


def build_corpus(
    path: Path, model: ModelInfo, assembled: dict[str, pd.DataFrame], problems: list[Problem],
    parsed_now: int, target: Path,
) -> Corpus:
    """Apply corrections (cached by their fingerprint) and put every table in one Corpus."""
    corrections = corrections_file(path)
    text = corrections.read_text(encoding="utf-8") if corrections.is_file() else ""
    corrections_key = store.fingerprint(text)
    fixes, correction_problems = load_corrections(corrections)
    mentions, entities = finalise(assembled, fixes, target / f"c-{corrections_key}")
    problems = [*problems, *extractor_problems(assembled)]
    return Corpus(
        key=store.fingerprint(target.name, corrections_key),
        folder=str(path),
        model=model,
        documents=assembled["documents"],
        sentences=assembled["sentences"],
        mentions=mentions,
        entities=entities,
        problems=tuple([*problems, *correction_problems]),
        parsed_now=parsed_now,
        corrections_path=str(corrections),
        source=str(target),
    )
