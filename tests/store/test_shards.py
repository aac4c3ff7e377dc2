"""Parse shards: read back limited to the articles asked for, each shard's rows in their order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.store import parquet as store


def write(folder: Path, rows: list[tuple[str, int]]) -> Path:
    frame = pd.DataFrame(rows, columns=["doc_id", "sent_index"])
    return store.write_shard(folder, {store.PARSED_TABLE: frame.drop_duplicates("doc_id"), "sentences": frame})


def test_read_shards_keeps_only_the_articles_asked_for(tmp_path: Path) -> None:
    write(tmp_path, [("a", 0), ("a", 1), ("b", 0)])
    write(tmp_path, [("c", 0), ("d", 0), ("d", 1)])
    rows = store.read_shards(tmp_path, "sentences", {"a", "d", "z"})
    assert sorted(rows.itertuples(index=False, name=None)) == [("a", 0), ("a", 1), ("d", 0), ("d", 1)]
    assert rows.index.tolist() == [0, 1, 2, 3]
    whole = store.read_shards(tmp_path, "sentences", {"a", "b", "c", "d"})
    assert sorted(whole["doc_id"]) == ["a", "a", "b", "c", "d", "d"] and whole["sent_index"].dtype == "int64"
    assert store.read_shards(tmp_path, "sentences", set()).empty


def test_read_shards_names_a_damaged_shard(tmp_path: Path) -> None:
    write(tmp_path, [("a", 0)])
    damaged = write(tmp_path, [("b", 0)])
    (damaged / "sentences.parquet").write_bytes(b"not parquet")
    with pytest.raises(store.DamagedShard) as raised:
        store.read_shards(tmp_path, "sentences", {"a", "b"})
    assert raised.value.shard == damaged
