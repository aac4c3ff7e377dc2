"""Parse stores: parsing the articles they lack, one shard per batch, and gathering rows from them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.language import Language

from lib.nlp.extract import load_extractors
from lib.nlp.measures import MEASURE_TABLES, restamp_measures
from lib.nlp.models import load_nlp
from lib.nlp.parsing import DEFAULT_BATCH_SIZE, ParsedRows, parse_articles
from lib.records import Article, Problem
from lib.store import parquet as store
from lib.store.processes import Pool, most_processes, parse_in_pool, started_pool

LOGGER = logging.getLogger(__name__)
BASE_TABLES = ("sentences", "mentions")
ERRORS_TABLE = store.ERRORS_TABLE
SHARD_ARTICLES = 500
"""Articles per parse shard in a local build."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Engine:
    """How to parse: on this machine ("local") or as Dask tasks ("dask"). A local build with
    ``n_process`` None uses every core, as many as memory allows (``lib.store.processes``)."""

    name: str = "local"
    n_process: int | None = 1
    batch_size: int = DEFAULT_BATCH_SIZE
    scheduler: str | None = None
    workers: int = 2


def parse_table_names() -> tuple[str, ...]:
    """Every table a parse shard holds: the parsed articles, sentences and mentions, extractor errors, the
    per-sentence measures and every extractor's table."""
    return (store.PARSED_TABLE, *BASE_TABLES, ERRORS_TABLE, *MEASURE_TABLES, *load_extractors())


def parse_in_shards(
    nlp: Language, articles: list[Article], *, engine: Engine, progress: Progress | None, processes: int = 1,
) -> Iterator[ParsedRows]:
    """Parse in slices of SHARD_ARTICLES, so a build stopped half-way keeps what it parsed."""
    total = len(articles)
    for first in range(0, total, SHARD_ARTICLES):
        part = articles[first:first + SHARD_ARTICLES]

        def report(done: int, _: int, offset: int = first) -> None:
            if progress:
                progress(offset + done, total)

        yield parse_articles(nlp, part, batch_size=engine.batch_size, n_process=processes, progress=report)


def started_parsers(
    parse_store: Path, *, nlp: Language | None, model_name: str | None, engine: Engine, reading: bool,
) -> contextlib.AbstractContextManager[Pool | None]:
    """Worker processes started before a build reads its articles (``reading``), so they load the
    model meanwhile: only where the build would parse in a pool (a local build, no pipeline given,
    more than one core), else None."""
    if not reading or nlp is not None or engine.name != "local":
        return contextlib.nullcontext()
    return started_pool(model_name=model_name, store=parse_store, requested=engine.n_process,
                        batch_size=engine.batch_size)


def parse_missing(
    articles: list[Article], parse_store: Path, *, nlp: Language | None, model_name: str | None,
    progress: Progress | None, engine: Engine, nlp_loader: Callable[[], Language] | None = None,
    read_stores: tuple[Path, ...] = (), pool: Pool | None = None,
) -> int:
    """Parse the articles no store holds yet into ``parse_store``, one shard per batch; return how
    many. ``pool``: worker processes already started (``started_parsers``) parse them."""
    done = store.parsed_doc_ids(parse_store).union(*(store.parsed_doc_ids(s, heal=False) for s in read_stores))
    missing = [article for article in articles if article.doc_id not in done]
    if not missing:
        if pool is not None:
            pool.close(wait=False)  # started in case: its workers stop once they have loaded
        return 0
    started = pool is not None and not pool.closed
    in_pool = engine.name == "local" and nlp is None and (
        started or most_processes(len(missing), requested=engine.n_process) > 1)
    if in_pool:  # each worker writes the shards it parses
        for _ in parse_in_pool(missing, model_name=model_name, store=parse_store, requested=engine.n_process,
                               batch_size=engine.batch_size, progress=progress, pool=pool):
            pass
    else:
        for rows in parse_rows(missing, nlp=nlp, model_name=model_name, progress=progress, engine=engine,
                               nlp_loader=nlp_loader):
            store.write_shard(parse_store, store.shard_tables(rows))
    store.compact_shards(parse_store, list(parse_table_names()))
    return len(missing)


def parse_rows(
    missing: list[Article], *, nlp: Language | None, model_name: str | None,
    progress: Progress | None, engine: Engine, nlp_loader: Callable[[], Language] | None,
) -> Iterator[ParsedRows]:
    """Parsed rows of the articles, a part at a time: as Dask tasks, or in this process."""
    if engine.name == "dask":
        from lib.store.cluster import parse_on_dask

        results = parse_on_dask(missing, model_name=model_name, scheduler=engine.scheduler,
                                workers=engine.workers, batch_size=engine.batch_size)
        return (result.rows for result in results)
    processes = engine.n_process or 1 if nlp is not None else 1
    pipeline = nlp or (nlp_loader() if nlp_loader else load_nlp(model_name))
    return parse_in_shards(pipeline, missing, engine=engine, progress=progress, processes=processes)


def gather(stores: tuple[Path, ...], names: tuple[str, ...], ids: set[str]) -> dict[str, pd.DataFrame]:
    """The named tables' rows for these articles, each article's rows from the first store holding it."""
    plan: list[tuple[Path, set[str]]] = []
    for parse_store in stores:
        held = store.parsed_doc_ids(parse_store, heal=parse_store == stores[0]) & ids
        plan.append((parse_store, held))
        ids = ids - held
    tables = {}
    for name in names:
        frames = [store.read_shards(parse_store, name, held) for parse_store, held in plan if held]
        frames = [frame for frame in frames if not frame.empty]
        tables[name] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return tables


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


def heal_table(
    source: Path, name: str, stores: tuple[str, ...], ids: set[str], error: store.CacheError
) -> pd.DataFrame | None:
    """Gather a damaged assembled table again from its parse stores and write it back (with a
    warning); if a shard is damaged too, drop it and the table, so the next load re-parses them."""
    LOGGER.warning("rebuilding table %s of %s: %s", name, source, error)
    try:
        whole = gather_table(tuple(Path(p) for p in stores), name, ids)
        store.replace_table(source, name, whole)
        return whole
    except store.CacheError as failure:
        LOGGER.warning("table %s is rebuilt on the next load: %s", name, failure)
        if isinstance(failure, store.DamagedShard):
            store.drop_shard(failure.shard)
        (source / f"{name}.parquet").unlink(missing_ok=True)
        return None


def gather_table(stores: tuple[Path, ...], name: str, ids: set[str]) -> pd.DataFrame:
    """One table's rows for these articles from the parse stores; a measure table as the lexicons are
    now (the articles whose shard stamps other lexicon files are matched again, as assembly does)."""
    if name not in MEASURE_TABLES:
        return gather(stores, (name,), ids)[name]
    tables = gather(stores, (*MEASURE_TABLES, "sentences"), ids)
    return restamp_measures(tables, tables["sentences"], sorted(ids))[name]
