"""A loaded corpus: documents and per-entity totals in memory, every other table read or queried on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.records import MENTION_COLUMNS, ModelInfo, Problem, empty_frame
from lib.store import parquet as store
from lib.store import shards
from lib.store.engine import Engine as QueryEngine

CORRECTED_TABLES = ("mentions",)
"""Tables read from the corrections' folder rather than the assembled one."""
BASE_TABLES = ("sentences",)
"""Tables read from the folder the corrected tables were made in, whatever ``source`` says."""


@dataclass(frozen=True)
class Corpus:
    """Every table of a parsed corpus, and what went wrong while reading it."""

    key: str
    folder: str
    model: ModelInfo
    documents: pd.DataFrame
    entities: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    """Tables held in memory (a visitor's own corrected ``mentions``); the others are read from
    ``source`` when a view first asks for them, or queried there through ``engine``."""
    problems: tuple[Problem, ...] = ()
    parsed_now: int = 0
    corrections_path: str = ""
    source: str = ""
    """Folder of the assembled tables: extractor tables not in ``tables`` are read from it."""
    parse_stores: tuple[str, ...] = ()
    """Parse stores the assembled tables came from: a table that turns out damaged is gathered again."""
    corrected: str = ""
    """Folder of the corrected ``mentions`` and ``entities`` (under ``source``, per corrections file)."""
    engine: QueryEngine | None = field(default=None, compare=False, repr=False)
    """DuckDB views over the tables on disk: views filter, group and rank there."""
    _read: dict[tuple[str, tuple[str, ...] | None], pd.DataFrame] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _damaged: list[str] = field(default_factory=list, init=False, compare=False, repr=False)

    @property
    def sentences(self) -> pd.DataFrame:
        """Every sentence, read whole on first use (ported views query ``engine`` instead)."""
        return self.table("sentences")

    @property
    def mentions(self) -> pd.DataFrame:
        """Every mention with its canonical entity, read whole on first use (ported views query
        ``engine`` instead)."""
        return self.table("mentions")

    def query(self, sql: str, params: list[object] | None = None, *,
              chosen: pd.DataFrame | list[str] | None = None) -> pd.DataFrame:
        """Run one query on the engine; tables held in memory stand in for those on disk."""
        return self.query_all([(sql, params)], chosen=chosen)[0]

    def query_all(self, statements: list[tuple[str, list[object] | None]], *,
                  chosen: pd.DataFrame | list[str] | None = None) -> list[pd.DataFrame]:
        """Run several statements on one engine connection (temporary tables carry over), each one's result."""
        held = {name: frame for name, frame in {**self.tables, "entities": self.entities}.items()
                if len(frame.columns)}
        engine = self.engine or QueryEngine({})
        return engine.query_all(statements, chosen=chosen, frames=held)

    def read_texts(self, doc_ids: list[str] | None = None) -> pd.DataFrame:
        """doc_id, text and removed (the lines cleaning removed, as JSON) of some articles, in the
        order given (of every article, in corpus order, without ``doc_ids``): read from disk, as
        the loaded ``documents`` leave them there."""
        if doc_ids is None:
            found = self.query("SELECT doc_id, text, removed FROM documents")
        else:
            chosen = pd.DataFrame({"doc_id": pd.Series(list(doc_ids), dtype="string"), "place": range(len(doc_ids))})
            found = self.query("""SELECT d.doc_id, d.text, d.removed FROM documents d JOIN chosen c USING (doc_id)
                                  ORDER BY c.place""", chosen=chosen)
        return found.astype({"doc_id": "str", "text": "str", "removed": "str"}).reset_index(drop=True)

    @property
    def stale(self) -> bool:
        """True once a damaged cache was found behind this corpus: loading it again heals it."""
        return bool(self._damaged)

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
        elif self.folder_of(name):
            found = self.read_source(name, columns)
        else:
            found = pd.DataFrame()
        self._read[key] = found
        return found

    def has_table(self, name: str) -> bool:
        """Whether a view can read the table: held in memory, or on disk where ``table`` reads it and
        in the engine (an extractor that found nothing writes a table the engine has no view of)."""
        if name in self.tables:
            return True
        return self.folder_of(name) is not None and self.engine is not None and name in self.engine.names

    def folder_of(self, name: str) -> Path | None:
        """Where a table is read from: the corrected mentions and the sentences beside them, whatever
        ``source`` says; the others from ``source``."""
        if name in CORRECTED_TABLES and self.corrected:
            return Path(self.corrected)
        if name in BASE_TABLES and self.corrected:
            return Path(self.corrected).parent
        return Path(self.source) if self.source else None

    def read_source(self, name: str, columns: list[str] | None) -> pd.DataFrame:
        """Read a table from the assembled folder; one damaged anywhere (not only in its footer)
        is gathered again from the parse shards, or dropped so that the next load rebuilds it."""
        if name in CORRECTED_TABLES and self.corrected:
            return self.read_corrected(name, columns)
        folder = self.folder_of(name)
        try:
            return store.read_table(folder, name, columns=columns)
        except store.CacheError as error:
            whole = shards.heal_table(folder, name, self.parse_stores, set(self.documents["doc_id"]), error)
        if whole is None:
            self._damaged.append(name)
            return pd.DataFrame()
        return whole if columns is None or whole.empty else whole[[c for c in columns if c in whole]]


    def read_corrected(self, name: str, columns: list[str] | None) -> pd.DataFrame:
        """Read a corrected table; one found damaged is removed, so the next load writes it again."""
        try:
            return store.read_table(Path(self.corrected), name, columns=columns)
        except store.CacheError:
            (Path(self.corrected) / f"{name}.parquet").unlink(missing_ok=True)
            self._damaged.append(name)
            return empty_frame(MENTION_COLUMNS)
