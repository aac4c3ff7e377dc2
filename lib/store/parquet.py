"""The Parquet cache: per-article parse shards and assembled corpus tables, written atomically."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from lib import PROJECT_DIR
from lib.nlp.extract import describe_extractors
from lib.records import MENTION_COLUMNS, PIPELINE_VERSION, SENTENCE_COLUMNS, ModelInfo, Problem

if TYPE_CHECKING:
    from lib.nlp.parsing import ParsedRows

DEFAULT_CACHE_DIR = PROJECT_DIR / ".cache"
PARSED_TABLE = "parsed"
ERRORS_TABLE = "extractor_errors"
COMPACT_AFTER = 16
"""Merge parse shards into one once there are more than this many."""


class CacheError(RuntimeError):
    """A cached table could not be read; the caller rebuilds it."""


class DamagedShard(CacheError):
    """A table of a parse shard could not be read: the shard is dropped and its articles re-parsed."""

    def __init__(self, shard: Path, error: CacheError) -> None:
        super().__init__(f"parse shard {shard.name} is damaged: {error}")
        self.shard = shard


def cache_root(cache_dir: str | Path | None = None) -> Path:
    """The cache folder: the argument, CACHE_DIR, or .cache beside the code."""
    chosen = cache_dir or os.environ.get("CACHE_DIR") or DEFAULT_CACHE_DIR
    return Path(chosen).expanduser().resolve()


def fingerprint(*parts: object) -> str:
    """A short stable hash of strings and JSON-able values."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, sort_keys=True, default=str).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:20]


def parse_store_dir(root: Path, model: ModelInfo) -> Path:
    """Where parses by this model and pipeline version live."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in model.name)
    version = fingerprint(PIPELINE_VERSION, describe_extractors(), model.components)
    return root / "parses" / f"{safe}-{model.version}-{version}"


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder while building into it (other builders wait)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    """Write one table as Parquet, with a checksum per data page."""
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    pq.write_table(table, path, write_page_checksum=True)  # a damaged data page fails its read


def write_tables_atomically(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    """Write a folder of tables under a temporary name, then rename it into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    try:
        for name, frame in tables.items():
            write_frame(frame, temp / f"{name}.parquet")
        (temp / "complete.json").write_text(json.dumps(sorted(tables)), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(temp, folder)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


def table_path(folder: Path, name: str) -> Path | None:
    """The Parquet file of a table of a complete folder, or None for a table it never had;
    raise CacheError if the folder is incomplete or a table it lists is missing."""
    if not (folder / "complete.json").is_file():
        raise CacheError(f"{folder} is incomplete")
    path = folder / f"{name}.parquet"
    if path.is_file():
        return path
    if name in json.loads((folder / "complete.json").read_text(encoding="utf-8")):
        raise CacheError(f"{path} is missing")
    return None


def check_table(folder: Path, name: str) -> None:
    """Raise CacheError unless a table of a complete folder is absent by design or readable
    (its Parquet footer is read; the rows are left for the first page that needs them)."""
    path = table_path(folder, name)
    try:
        if path is not None:
            pq.read_metadata(path)
    except (OSError, pa.ArrowException, ValueError) as error:
        raise CacheError(f"{path} cannot be read: {error}") from error


def read_table(folder: Path, name: str, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read one table of a complete folder; raise CacheError if it is missing or damaged anywhere
    (its footer, or a data page whose checksum does not match)."""
    table = read_arrow(folder, name, columns=columns)
    return pd.DataFrame() if table is None else to_frame(table, folder / f"{name}.parquet")


def read_arrow(folder: Path, name: str, *, columns: list[str] | None = None) -> pa.Table | None:
    """``read_table``'s rows as Arrow (None for a table the folder never had)."""
    path = table_path(folder, name)
    if path is None:
        return None
    try:
        if columns is not None:  # a table with no rows may have no columns at all
            present = set(pq.read_schema(path).names)
            columns = [column for column in columns if column in present]
        return pq.read_table(path, columns=columns, page_checksum_verification=True)
    except (OSError, pa.ArrowException, ValueError) as error:
        raise CacheError(f"{path} cannot be read: {error}") from error


def to_frame(table: pa.Table, path: Path) -> pd.DataFrame:
    try:
        return table.to_pandas()
    except (pa.ArrowException, ValueError) as error:
        raise CacheError(f"{path} cannot be read: {error}") from error


def list_shards(store: Path) -> list[Path]:
    """Complete parse shards, oldest first; half-written ones are ignored."""
    if not store.is_dir():
        return []
    shards = [p for p in store.iterdir() if p.is_dir() and not p.name.startswith(".")]
    complete = [p for p in shards if (p / "complete.json").is_file()]
    return sorted(complete, key=lambda p: (p.stat().st_mtime, p.name))


def parsed_doc_ids(store: Path, *, heal: bool = True) -> set[str]:
    """Ids of every article already parsed into this store.

    A shard whose list of articles cannot be read is removed (``heal``), so its articles are
    parsed again; a store this process must not write to (``heal`` off) just skips it.
    """
    ids: set[str] = set()
    for shard in list_shards(store):
        try:
            ids.update(read_table(shard, PARSED_TABLE, columns=["doc_id"])["doc_id"])
        except CacheError:
            if heal:
                drop_shard(shard)
    return ids


def drop_shard(shard: Path) -> None:
    """Remove a damaged shard: first its completion marker, so no reader takes it for whole."""
    with contextlib.suppress(OSError):
        (shard / "complete.json").unlink()
    shutil.rmtree(shard, ignore_errors=True)


def shard_tables(rows: ParsedRows) -> dict[str, pd.DataFrame]:
    """The tables of one parse shard: the parsed articles, sentences and mentions, extractor
    errors, every extractor's table and the per-sentence measures."""
    tables = {
        PARSED_TABLE: pd.DataFrame({
            "doc_id": rows.doc_ids, "sentences": [rows.sentence_counts[d] for d in rows.doc_ids],
        }),
        "sentences": pd.DataFrame(rows.sentences, columns=list(SENTENCE_COLUMNS)),
        "mentions": pd.DataFrame(rows.mentions, columns=list(MENTION_COLUMNS[:6])),
        ERRORS_TABLE: pd.DataFrame(rows.errors, columns=["doc_id", "table", "error"]),
    }
    tables.update({name: pd.DataFrame(extracted) for name, extracted in rows.extracted.items()})
    tables.update(rows.measures)
    return tables


def write_shard(store: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """Add a shard of newly parsed articles to the store."""
    folder = store / f"shard-{uuid.uuid4().hex[:12]}"
    write_tables_atomically(tables, folder)
    return folder


def read_shards(store: Path, name: str, doc_ids: set[str]) -> pd.DataFrame:
    """One table across every shard, limited to the given articles; DamagedShard names a bad shard."""
    frames, wanted = [], None
    for shard in list_shards(store):
        try:
            table = read_arrow(shard, name)
            if table is None or not table.num_rows or "doc_id" not in table.column_names:
                continue
            ids = table.column("doc_id")
            if wanted is None or wanted.type != ids.type:
                wanted = pa.array(list(doc_ids), type=ids.type)
            keep = pc.is_in(ids, value_set=wanted)
            table = table if pc.all(keep).as_py() else table.filter(keep)  # filtered before pandas sees it
            if table.num_rows:
                frames.append(to_frame(table, shard / f"{name}.parquet"))
        except CacheError as error:
            raise DamagedShard(shard, error) from error
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def replace_table(folder: Path, name: str, frame: pd.DataFrame) -> None:
    """Write one table of a complete folder anew (a temporary file renamed over the damaged one)."""
    temp = folder / f".{name}-{uuid.uuid4().hex[:8]}.parquet"
    try:
        write_frame(frame, temp)
        os.replace(temp, folder / f"{name}.parquet")
    finally:
        temp.unlink(missing_ok=True)


def compact_shards(store: Path, names: list[str]) -> None:
    """Merge many small shards into one so loading stays fast."""
    shards = list_shards(store)
    if len(shards) <= COMPACT_AFTER:
        return
    every = parsed_doc_ids(store)
    tables = {name: read_shards(store, name, every) for name in names}
    write_shard(store, tables)
    for shard in shards:
        shutil.rmtree(shard, ignore_errors=True)


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame([p.__dict__ for p in problems], columns=["file", "status", "message", "record"]).astype(
        {"record": "Int64"}
    )


def problems_from_frame(frame: pd.DataFrame) -> list[Problem]:
    return [
        Problem(row.file, row.status, row.message, None if pd.isna(row.record) else int(row.record))
        for row in frame.itertuples(index=False)
    ]
