"""The query engine: DuckDB views over a corpus's Parquet tables, and the articles a query is asked about."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.store import parquet
from lib.store.engine import Engine, engine_config, parquet_tables


def test_views_read_the_tables_and_chosen_narrows_them(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    parquet.write_tables_atomically({
        "mentions": pd.DataFrame({"doc_id": ["a", "a", "b"], "entity": ["Hamas", "Gaza", "Hamas"]}),
        "quotes": pd.DataFrame(),  # an extractor that found nothing writes a table without columns
    }, folder)
    engine = Engine(parquet_tables(folder))
    assert engine.names == ("mentions",)
    assert engine.columns("quotes") == []
    counts = engine.query("SELECT entity, count(*) AS n FROM mentions JOIN chosen USING (doc_id) "
                          "GROUP BY entity ORDER BY entity", chosen=["a"])
    assert counts.values.tolist() == [["Gaza", 1], ["Hamas", 1]]
    every = engine.query("SELECT count(*) AS n FROM mentions WHERE entity = ?", ["Hamas"])
    assert every["n"].item() == 2


def test_the_engine_holds_at_most_its_memory_and_spills_to_its_folder(tmp_path: Path, monkeypatch) -> None:
    default = engine_config({})
    assert default["memory_limit"] == "1GB" and default["temp_directory"].endswith("news-framing-engine")
    monkeypatch.setenv("ENGINE_MEMORY", "300MB")
    monkeypatch.setenv("ENGINE_TEMP_DIR", str(tmp_path / "spill"))
    engine = Engine({})
    settings = engine.query("SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t")
    assert settings["m"].item().replace(" ", "") in {"286.1MiB", "300.0MB"}
    assert settings["t"].item() == str(tmp_path / "spill")
