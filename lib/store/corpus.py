"""Loading a corpus: read, clean, parse what is new, assemble canonical tables, cache them."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd
from spacy.language import Language

from lib import DATA_DIR, PROJECT_DIR
from lib.ingest.articles import read_articles
from lib.nlp.corrections import FILE_NAME as CORRECTIONS_FILE_NAME
from lib.nlp.corrections import Correction, apply_corrections, load_corrections
from lib.nlp.entities import find_entities, names_written, summarise_entities
from lib.nlp.extract import load_extractors
from lib.nlp.measures import MEASURE_TABLES, restamp_measures
from lib.nlp.models import describe_model, read_model_info
from lib.nlp.parsing import DEFAULT_BATCH_SIZE
from lib.nlp.stories import group_articles
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
from lib.store import shards
from lib.store.corpus_tables import Corpus
from lib.store.engine import Engine as QueryEngine
from lib.store.engine import parquet_tables
from lib.store.processes import Pool
from lib.store.shards import Engine, Progress

DEFAULT_CORPUS_DIR = PROJECT_DIR / "seeds"


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
        for name in ("title", "outlet", "wire", "author", "published", "url"):
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


def assemble(documents: pd.DataFrame, stores: tuple[Path, ...], target: Path) -> None:
    """Gather this corpus's rows from the parse stores, canonicalise entities, write them."""
    tables = shards.gather(stores, shards.parse_table_names(), set(documents["doc_id"]))
    counts = tables.pop(store.PARSED_TABLE)
    docs = documents.copy()
    if not counts.empty:
        docs["sentences"] = docs["doc_id"].map(counts.set_index("doc_id")["sentences"]).fillna(0).astype(int)
    mentions = tables["mentions"]
    if mentions.empty:
        mentions = empty_frame(MENTION_COLUMNS[:6])
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    tables["sentences"] = tables["sentences"] if not tables["sentences"].empty else empty_frame(SENTENCE_COLUMNS)
    tables.update(restamp_measures(tables, tables["sentences"], docs["doc_id"]))
    canonical = find_entities(mentions, texts, tables["sentences"])
    tables.update({"mentions": canonical.mentions, MERGES_TABLE: canonical.merges,
                   NOT_COUNTED_TABLE: canonical.not_counted, REVIEW_TABLE: canonical.review})
    tables[GROUPS_TABLE] = group_articles(docs, names_written(canonical))
    store.write_tables_atomically({"documents": docs, **tables}, target)


def load_assembled(target: Path, names: list[str]) -> dict[str, pd.DataFrame]:
    """Read the named tables of an assembled corpus and check that its other tables can be read
    (their rows are queried by the engine, or read by ``Corpus.table`` when a view asks for them)."""
    for name in (*LAZY_TABLES, *MEASURE_TABLES, *load_extractors()):
        store.check_table(target, name)
    tables = {name: store.read_table(target, name, columns=LOADED_DOCUMENT_COLUMNS if name == "documents" else None)
              for name in names}
    if GROUPS_TABLE in tables and "doc_id" not in tables[GROUPS_TABLE]:
        raise store.CacheError(f"{target} was assembled before copies and stories were grouped")
    return tables


def finalise(
    assembled: dict[str, pd.DataFrame], fixes: list[Correction], target: Path, *, write: bool = True
) -> pd.DataFrame:
    """Apply corrections and summarise entities, cached under the corrections' fingerprint; the
    corrected mentions stay on disk (checked here, queried by the engine)."""
    try:
        store.check_table(target, "mentions")
        return store.read_table(target, "entities")
    except store.CacheError:
        if not write:
            raise
    source = target.parent
    mentions = apply_corrections(store.read_table(source, "mentions"), fixes,
                                 store.read_table(source, NOT_COUNTED_TABLE))
    entities = summarise_entities(mentions, assembled["documents"])
    store.write_tables_atomically({"mentions": mentions, "entities": entities}, target)
    return entities


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


TEXT_COLUMNS = ("text", "removed")
"""Columns of ``documents`` left on disk at load (hundreds of MB at 100,000 articles): each
article's text and the lines cleaning removed, read by ``Corpus.read_texts`` when a view shows them."""
LOADED_DOCUMENT_COLUMNS = [column for column in DOCUMENT_COLUMNS if column not in TEXT_COLUMNS]


def read_prepared(prepared_dir: Path, *, text: bool = True) -> tuple[pd.DataFrame, list[Problem]]:
    """Documents (without their text unless ``text``; the removed lines stay, as the assembled
    tables' fingerprint reads them) and problems as cached; CacheError if they are not."""
    columns = None if text else [column for column in DOCUMENT_COLUMNS if column != "text"]
    documents = store.read_table(prepared_dir, "documents", columns=columns)
    return documents, store.problems_from_frame(store.read_table(prepared_dir, "problems"))


def prepare_documents(
    path: Path, extra: Path | None, prepared_dir: Path, *, word_budget: int | None = None
) -> tuple[pd.DataFrame, list[Problem], list[Article] | None]:
    """Documents and problems of the folder, from the cache when no file changed since."""
    try:
        return (*read_prepared(prepared_dir), None)
    except store.CacheError:
        pass
    articles, problems = read_articles(path, extra, word_budget=word_budget)
    documents = documents_frame(articles)
    store.write_tables_atomically({"documents": documents, "problems": store.problems_frame(problems)}, prepared_dir)
    return documents, problems, articles


class NotBuilt(store.CacheError):
    """Loading without building found something still to read, parse or assemble."""


@dataclass(frozen=True)
class Layout:
    """Where one load reads and writes: the cache root, its parse store, and parse stores only read."""

    root: Path
    parse_store: Path
    read_stores: tuple[Path, ...]
    state: str

    @property
    def stores(self) -> tuple[Path, ...]:
        return (self.parse_store, *self.read_stores)

    @property
    def prepared(self) -> Path:
        return self.root / "prepared" / self.state

    def is_prepared(self) -> bool:
        """Whether this folder's documents are cached (else the build reads and cleans them)."""
        return (self.prepared / "complete.json").is_file()

    def target(self, documents: pd.DataFrame) -> Path:
        """The folder of the assembled tables for these documents."""
        described = documents.drop(columns=["text"], errors="ignore").to_json()
        key = store.fingerprint(described, self.parse_store.name, data_fingerprint())
        return self.root / "corpora" / key


GROUPS_TABLE = "groups"
"""Copies of one text and stories, per article (computed once per corpus, beside the tables)."""
MERGES_TABLE, NOT_COUNTED_TABLE, REVIEW_TABLE = "entity_merges", "not_counted", "entity_review"
ENTITY_TABLES = (MERGES_TABLE, NOT_COUNTED_TABLE, REVIEW_TABLE)
"""What canonicalisation explains: every merge with its rule, every mention not counted, the review queue."""
ASSEMBLED_TABLES = ["documents", shards.ERRORS_TABLE, GROUPS_TABLE]
"""Tables read into memory at load; the others stay on disk until queried or asked for."""
LAZY_TABLES = (*shards.BASE_TABLES, NOT_COUNTED_TABLE)
MAX_HEALS = 8  # damaged parse shards dropped and re-parsed in one load before it gives up


def open_built(path: Path, model: ModelInfo, layout: Layout) -> Corpus:
    """The corpus exactly as cached, read without the write lock and without writing anything
    (so a complete cache is served from a read-only folder, and never waits on a build)."""
    documents, problems = read_prepared(layout.prepared, text=False)
    target = layout.target(documents)
    return build_corpus(path, model, load_assembled(target, ASSEMBLED_TABLES), problems, 0, target,
                        stores=layout.stores, write=False)


def build_locked(
    path: Path, extra: Path | None, model: ModelInfo, layout: Layout, *, parse: Callable[..., int],
    word_budget: int | None, start_parsers: Callable[..., AbstractContextManager[Pool | None]] | None = None,
) -> Corpus:
    """Read, parse and assemble what the cache lacks, holding the parse store's lock; parser
    processes (``start_parsers``) start loading the model before the articles are read."""
    start = start_parsers or (lambda _, **__: nullcontext())
    with store.locked(layout.parse_store), start(layout.parse_store, reading=not layout.is_prepared()) as pool:
        documents, problems, articles = prepare_documents(path, extra, layout.prepared, word_budget=word_budget)
        parsed_now, healed = 0, []
        for _ in range(MAX_HEALS):
            try:
                parsed = store.parsed_doc_ids(layout.parse_store).union(
                    *(store.parsed_doc_ids(s, heal=False) for s in layout.read_stores))
                if articles is None and not set(documents["doc_id"]) <= parsed:
                    articles, problems = read_articles(path, extra, word_budget=word_budget)
                parsed_now += parse(articles or [], layout.parse_store, read_stores=layout.read_stores, pool=pool)
                target = layout.target(documents)
                assembled = assemble_if_needed(documents, layout, target, problems)
                break
            except store.DamagedShard as error:
                if error.shard.parent != layout.parse_store:
                    raise
                healed.append(Problem("cache", "warning", f"re-parsed the articles of a damaged shard: {error}"))
                store.drop_shard(error.shard)
        else:
            raise store.CacheError(f"parse shards in {layout.parse_store} keep failing to read")
    return build_corpus(path, model, assembled, [*problems, *healed], parsed_now, target, stores=layout.stores)


def assemble_if_needed(
    documents: pd.DataFrame, layout: Layout, target: Path, problems: list[Problem]
) -> dict[str, pd.DataFrame]:
    """The assembled tables, assembled again if any of them cannot be read (with a warning)."""
    try:
        return load_assembled(target, ASSEMBLED_TABLES)
    except store.CacheError as error:
        if target.exists():
            problems.append(Problem("cache", "warning", f"rebuilt an unreadable cache: {error}"))
            shutil.rmtree(target, ignore_errors=True)
    assemble(documents, layout.stores, target)
    return load_assembled(target, ASSEMBLED_TABLES)


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
    read_caches: tuple[Path, ...] = (),
    word_budget: int | None = None,
    build: bool = True,
) -> Corpus:
    """Read a corpus folder and return its tables, parsing only articles not cached yet.

    ``extra_folder`` adds articles from a second folder (a visitor's uploads) under the file
    prefix ``upload/``, at most ``word_budget`` words of them; the corpus folder itself is only
    read. Files are re-read only when a name, size or modification time changed. ``nlp_loader``
    supplies a shared pipeline, called only when something has to be parsed. Parses found in
    ``read_caches`` (the shared cache, for a visitor's workspace) are used but never written.
    A complete cache is served without taking the lock; with ``build`` off, anything else
    raises NotBuilt instead of being built.
    """
    path = corpus_folder(folder)
    if not path.is_dir():
        raise FileNotFoundError(f"corpus folder {path} does not exist")
    extra = Path(extra_folder) if extra_folder is not None else None
    model = read_model_info(model_name) if nlp is None else describe_model(nlp)
    root = store.cache_root(cache_dir)
    state = store.fingerprint(
        str(path), folder_state(path), str(extra), folder_state(extra), data_fingerprint(), word_budget,
    )
    layout = Layout(root, store.parse_store_dir(root, model),
                    tuple(store.parse_store_dir(Path(c), model) for c in read_caches), state)
    try:
        return open_built(path, model, layout)
    except store.CacheError as error:
        if not build:
            raise NotBuilt(str(error)) from error
    engine = engine or Engine(n_process=n_process, batch_size=batch_size)
    parse = partial(shards.parse_missing, nlp=nlp, model_name=model_name, progress=progress, nlp_loader=nlp_loader,
                    engine=engine)
    start_parsers = partial(shards.started_parsers, nlp=nlp, model_name=model_name, engine=engine)
    return build_locked(path, extra, model, layout, parse=parse, word_budget=word_budget, start_parsers=start_parsers)


def build_corpus(
    path: Path, model: ModelInfo, assembled: dict[str, pd.DataFrame], problems: list[Problem],
    parsed_now: int, target: Path, *, stores: tuple[Path, ...] = (), write: bool = True,
) -> Corpus:
    """Apply corrections (cached by their fingerprint) and put every table in one Corpus."""
    corrections = corrections_file(path)
    text = corrections.read_text(encoding="utf-8") if corrections.is_file() else ""
    corrections_key = store.fingerprint(text)
    fixes, correction_problems = load_corrections(corrections)
    corrected = target / f"c-{corrections_key}"
    entities = finalise(assembled, fixes, corrected, write=write)
    problems = [*problems, *shards.extractor_problems(assembled)]
    return Corpus(
        key=store.fingerprint(target.name, corrections_key),
        folder=str(path),
        model=model,
        documents=assembled["documents"].merge(assembled[GROUPS_TABLE], on="doc_id", how="left"),
        entities=entities,
        problems=tuple([*problems, *correction_problems]),
        parsed_now=parsed_now,
        corrections_path=str(corrections),
        source=str(target),
        parse_stores=tuple(str(p) for p in stores),
        corrected=str(corrected),
        engine=QueryEngine(parquet_tables(target, corrected)),
    )
