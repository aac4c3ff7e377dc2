"""The query engine: DuckDB over a corpus's Parquet tables, so views filter, group and rank inside
the engine and pandas holds only the small results a chart or table shows.

Every table of an assembled corpus is a view over its Parquet file (the corrected ``mentions`` and
``entities`` over the corrections folder's files). A query sees the articles passing the filters
as the relation ``chosen(doc_id)``, registered per query, and joins it.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq

ENGINE_THREADS = 2
"""DuckDB threads per query (the machine's cores; Streamlit runs several sessions at once)."""
DEFAULT_MEMORY = "1GB"
"""What one corpus's engine may hold (``ENGINE_MEMORY`` overrides it, in DuckDB's units: "512MB",
"4GB"); a query needing more spills to ``ENGINE_TEMP_DIR`` (a folder under the system's temporary
folder by default) instead of growing the process."""


def engine_config(environ: dict[str, str] | None = None) -> dict[str, object]:
    """DuckDB's settings for one corpus's engine: threads, memory limit and where it spills."""
    env = os.environ if environ is None else environ
    spill = env.get("ENGINE_TEMP_DIR") or str(Path(tempfile.gettempdir()) / "news-framing-engine")
    return {"threads": ENGINE_THREADS, "memory_limit": env.get("ENGINE_MEMORY") or DEFAULT_MEMORY,
            "temp_directory": spill}


def quote_path(path: Path) -> str:
    """A file path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def quote_name(name: str) -> str:
    """A table name as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


class Engine:
    """An in-memory DuckDB database whose views read one corpus's Parquet tables."""

    def __init__(self, tables: dict[str, Path]) -> None:
        self._database = duckdb.connect(":memory:", config=engine_config())
        self._lock = threading.Lock()
        self.names = tuple(sorted(tables))
        for name, path in tables.items():
            self._database.execute(
                f"CREATE VIEW {quote_name(name)} AS SELECT * FROM read_parquet({quote_path(path)})"
            )

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, *,
              chosen: Iterable[str] | pd.DataFrame | None = None,
              frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
        """Run one query and return its (small) result.

        ``chosen`` doc ids (or a frame with a ``doc_id`` column and whatever else the query joins,
        such as each article's outlet as the filters count it) become the relation ``chosen``;
        ``frames`` held in memory (a visitor's own corrections) stand in for the tables they name.
        """
        return self.query_all([(sql, params)], chosen=chosen, frames=frames)[0]

    def query_all(self, statements: Sequence[tuple[str, Sequence[Any] | dict[str, Any] | None]], *,
                  chosen: Iterable[str] | pd.DataFrame | None = None,
                  frames: dict[str, pd.DataFrame] | None = None) -> list[pd.DataFrame]:
        """Run several statements on one connection and return each one's result: a statement can
        ``CREATE TEMP TABLE`` what the later ones read, so one scan of a big table serves them all."""
        with self._lock:
            cursor = self._database.cursor()  # a connection of its own: sessions query in parallel
        try:
            if chosen is not None:
                cursor.register("chosen", chosen if isinstance(chosen, pd.DataFrame)
                                else pd.DataFrame({"doc_id": pd.Series(list(chosen), dtype="string")}))
            for name, frame in (frames or {}).items():
                cursor.register(name, frame)
            results = []
            for sql, params in statements:
                cursor.execute(sql, params)
                results.append(cursor.df() if cursor.description else pd.DataFrame())
            return results
        finally:
            cursor.close()

    def columns(self, table: str) -> list[str]:
        """The columns a table has (an empty table may have none)."""
        if table not in self.names:
            return []
        return self.query(f"SELECT * FROM {quote_name(table)} LIMIT 0").columns.tolist()

    def close(self) -> None:
        self._database.close()


def parquet_tables(*folders: Path) -> dict[str, Path]:
    """{table: Parquet file} of complete table folders; a later folder's table wins. A table
    written without a single column (an extractor that found nothing) has no view: queries
    treat it as missing."""
    found: dict[str, Path] = {}
    for folder in folders:
        if folder and folder.is_dir():
            found.update({path.stem: path for path in sorted(folder.glob("*.parquet"))
                          if len(pq.read_schema(path).names)})
    return found
