"""Caches heal (M10-M12): a table damaged anywhere is rebuilt with a warning, a damaged parse shard is
dropped and re-parsed, and a complete cache is served without the write lock (so from a read-only
folder, and without waiting for a build that holds the lock)."""

from __future__ import annotations

import fcntl
import logging
import shutil
import threading
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from lib.store import parquet as store
from lib.store.corpus import NotBuilt, load_corpus
from tests.conftest import FIXTURES


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    for name in ("plain.txt", "notes.md", "records.jsonl"):
        shutil.copy(FIXTURES / "formats" / name, folder / name)
    return folder


def damage_data_pages(path: Path) -> None:
    """Flip bytes near the end of the largest column's data (after its page header); the footer stays intact."""
    meta = pq.read_metadata(path)
    column = max((meta.row_group(0).column(i) for i in range(meta.num_columns)),
                 key=lambda c: c.total_compressed_size)
    data = bytearray(path.read_bytes())
    start = column.dictionary_page_offset if column.has_dictionary_page else column.data_page_offset
    end = start + column.total_compressed_size  # the chunk ends with its last data page
    for index in range(end - 12, end - 4):
        data[index] ^= 0x55
    path.write_bytes(bytes(data))
    pq.read_metadata(path)  # the footer still reads: only the pages are damaged


def assembled(cache: Path) -> Path:
    return next(p for p in (cache / "corpora").iterdir() if not p.name.startswith("."))


def test_an_extractor_table_damaged_in_its_data_pages_is_rebuilt_with_a_warning(
    small_corpus: Path, tmp_path: Path, nlp, caplog
) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    expected = first.table("noun_phrases")
    assert len(expected) > 5
    damage_data_pages(assembled(cache) / "noun_phrases.parquet")
    again = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)  # the footer check passes
    with caplog.at_level(logging.WARNING, logger="lib.store.shards"):
        healed = again.table("noun_phrases")
    pd.testing.assert_frame_equal(healed, expected)
    assert any("rebuilding table noun_phrases" in record.getMessage() for record in caplog.records)
    third = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    pd.testing.assert_frame_equal(third.table("noun_phrases"), expected)  # written back, healed for good
    assert not third.stale


def test_a_base_table_damaged_in_its_data_pages_is_rebuilt_with_a_warning(
    small_corpus: Path, tmp_path: Path, nlp, caplog
) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    expected = first.sentences
    damage_data_pages(assembled(cache) / "sentences.parquet")
    again = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)  # only the footer is read at load
    assert again.parsed_now == 0
    with caplog.at_level(logging.WARNING, logger="lib.store.shards"):
        healed = again.sentences
    pd.testing.assert_frame_equal(healed, expected)
    assert any("rebuilding table sentences" in record.getMessage() for record in caplog.records)
    pd.testing.assert_frame_equal(load_corpus(small_corpus, cache_dir=cache, nlp=nlp).sentences, expected)


def test_corrected_mentions_damaged_in_their_data_pages_are_written_again_on_the_next_load(
    small_corpus: Path, tmp_path: Path, nlp
) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    expected = first.mentions
    damage_data_pages(Path(first.corrected) / "mentions.parquet")
    again = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    assert again.mentions.empty and again.stale  # the app loads a stale corpus again
    healed = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    assert healed.parsed_now == 0 and not healed.stale
    pd.testing.assert_frame_equal(healed.mentions, expected)


def shard_with(cache: Path, table: str) -> Path:
    parses = next((cache / "parses").iterdir())
    return next(shard for shard in store.list_shards(parses) if (shard / f"{table}.parquet").is_file())


def test_a_damaged_table_in_a_parse_shard_is_dropped_and_re_parsed(small_corpus: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    damaged = shard_with(cache, "quotes")
    (damaged / "quotes.parquet").write_bytes(b"PAR1 not parquet at all PAR1")
    shutil.rmtree(cache / "corpora")  # the next load must assemble from the shards
    again = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    assert again.parsed_now == len(first.documents)
    assert not damaged.exists()
    assert any("re-parsed the articles of a damaged shard" in p.message for p in again.problems)
    pd.testing.assert_frame_equal(again.mentions, first.mentions)
    pd.testing.assert_frame_equal(again.table("quotes"), first.table("quotes"))
    assert load_corpus(small_corpus, cache_dir=cache, nlp=nlp).parsed_now == 0


def test_a_damaged_table_and_its_shard_heal_on_the_next_load(small_corpus: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    expected = first.table("noun_phrases")
    damage_data_pages(assembled(cache) / "noun_phrases.parquet")
    damage_data_pages(shard_with(cache, "noun_phrases") / "noun_phrases.parquet")
    again = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    assert again.table("noun_phrases").empty and again.stale  # the app loads a stale corpus again
    healed = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    assert healed.parsed_now == len(first.documents)
    pd.testing.assert_frame_equal(healed.table("noun_phrases"), expected)


def test_a_complete_cache_is_served_without_the_write_lock(small_corpus: Path, tmp_path: Path, nlp,
                                                           monkeypatch) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)

    def refuse(folder: Path):
        raise PermissionError(13, "Read-only file system", str(folder / ".lock"))

    monkeypatch.setattr(store, "locked", refuse)  # as in a read-only folder: the lock file cannot be opened
    for path in [cache, *cache.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        served = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
        assert served.key == first.key and served.parsed_now == 0
        pd.testing.assert_frame_equal(served.mentions, first.mentions)
        pd.testing.assert_frame_equal(served.table("quotes"), first.table("quotes"))
    finally:
        for path in [cache, *cache.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)


def test_a_complete_cache_never_waits_for_a_build_holding_the_lock(small_corpus: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    parses = next((cache / "parses").iterdir())
    with (parses / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # another builder holds the lock for as long as it likes
        result: list = []
        reader = threading.Thread(target=lambda: result.append(load_corpus(small_corpus, cache_dir=cache, nlp=nlp)))
        reader.start()
        reader.join(timeout=120)
        assert not reader.is_alive(), "a cached load waited on the build lock"
        fcntl.flock(handle, fcntl.LOCK_UN)
    assert result[0].key == first.key


def test_without_building_a_missing_cache_is_an_error_not_a_parse(small_corpus: Path, tmp_path: Path, nlp) -> None:
    with pytest.raises(NotBuilt):
        load_corpus(small_corpus, cache_dir=tmp_path / "cache", nlp=nlp, build=False)
    assert not (tmp_path / "cache" / "parses").exists()


@pytest.mark.parametrize("name", ["sentence_tones", "measure_stamps"])
def test_a_measure_table_damaged_in_its_data_pages_is_gathered_again(
    small_corpus: Path, tmp_path: Path, nlp, name: str
) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    expected = first.table(name)
    assert len(expected) >= 3
    damage_data_pages(assembled(cache) / f"{name}.parquet")
    healed = load_corpus(small_corpus, cache_dir=cache, nlp=nlp).table(name)
    key = ["doc_id", "sent_index"] if "sent_index" in expected else ["doc_id"]
    pd.testing.assert_frame_equal(healed.sort_values(key).reset_index(drop=True),
                                  expected.sort_values(key).reset_index(drop=True), check_dtype=False)
