"""Bad input, long articles and cache faults: nothing crashes, nothing is lost or counted twice."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from lib import build, records
from lib.store.corpus import load_corpus
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
FORMATS = FIXTURES / "formats"


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("messy")
    for source in (FORMATS, BAD):
        for path in source.iterdir():
            if path.name != "metadata.csv":
                shutil.copy(path, folder / path.name)
    (folder / "huge.txt").write_bytes(b"Officials said talks resumed. " * (21 * 1024 * 1024 // 30))
    return folder


@pytest.fixture(scope="module")
def messy(messy_folder: Path, tmp_path_factory: pytest.TempPathFactory, nlp):
    return load_corpus(messy_folder, cache_dir=tmp_path_factory.mktemp("cache"), nlp=nlp)


def statuses(corpus) -> dict[str, str]:
    return {p.file: p.status for p in corpus.problems if p.record is None}


def test_every_good_file_loads_and_every_bad_one_is_named(messy) -> None:
    files = set(messy.documents["file"])
    assert {"latin1.txt", "francais.txt", "long.txt", "nav heavy.html", "résumé of ..talks .txt"} <= files
    assert len(messy.documents) == len(set(messy.documents["doc_id"])) == 14
    problems = statuses(messy)
    for name in ("binary.txt", "empty.txt", "blank.txt", "no_text.csv", "scan.pdf", "huge.txt"):
        assert problems[name] == "rejected"
    assert problems["zz_copy_of_plain.txt"] == "duplicate"
    assert problems["francais.txt"] == "warning"
    huge = next(p for p in messy.problems if p.file == "huge.txt")
    assert "over the 10 MB limit" in huge.message


def text_of(corpus, file: str) -> str:
    """The text of the article read from a file (the loaded documents leave texts on disk)."""
    doc_id = corpus.documents.set_index("file").loc[file, "doc_id"]
    return corpus.read_texts([doc_id])["text"].iloc[0]


def test_latin1_text_is_decoded(messy) -> None:
    text = text_of(messy, "latin1.txt")
    assert "café" in text and "«welcome sign»" in text


def test_html_scripts_styles_and_navigation_are_gone(messy) -> None:
    text = text_of(messy, "nav heavy.html")
    assert "Security Council delayed a vote" in text
    for junk in ("tracking", "display:block", "var x", "Politics"):
        assert junk not in text


def test_article_longer_than_max_length_is_split_not_crashed(tmp_path: Path, nlp) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    shutil.copy(BAD / "long.txt", folder / "long.txt")
    limit = nlp.max_length
    nlp.max_length = 2_000
    try:
        corpus = load_corpus(folder, cache_dir=tmp_path / "cache", nlp=nlp)
    finally:
        nlp.max_length = limit
    sentences = corpus.sentences
    text = corpus.read_texts()["text"].iloc[0]
    assert len(text) > 7 * 2_000
    assert sentences["sent_index"].tolist() == list(range(len(sentences)))
    for row in sentences.itertuples():
        assert text[row.start:row.end] == row.text
    last = sentences.iloc[-1]["text"]
    assert last.startswith("Paragraph 119")


def test_cli_summary_names_every_bad_file(messy_folder: Path, tmp_path: Path, capsys) -> None:
    assert build.main([str(messy_folder), "--cache-dir", str(tmp_path / "cache")]) == 0
    printed = capsys.readouterr().out
    assert "14 articles loaded" in printed
    for line in ("rejected  binary.txt: binary content", "rejected  huge.txt:", "duplicate zz_copy_of_plain.txt",
                 "warning   francais.txt: loaded, but does not look like English"):
        assert line in printed


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    for name in ("plain.txt", "notes.md", "records.jsonl"):
        shutil.copy(FORMATS / name, folder / name)
    return folder


def test_cache_of_an_older_pipeline_version_is_not_reused(small_corpus: Path, tmp_path: Path, nlp, monkeypatch) -> None:
    cache = tmp_path / "cache"
    assert load_corpus(small_corpus, cache_dir=cache, nlp=nlp).parsed_now == 4
    monkeypatch.setattr(records, "PIPELINE_VERSION", "older")
    monkeypatch.setattr("lib.store.parquet.PIPELINE_VERSION", "older")
    assert load_corpus(small_corpus, cache_dir=cache, nlp=nlp).parsed_now == 4


def test_missing_table_in_the_cache_is_rebuilt(small_corpus: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    first = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    for path in (cache / "corpora").glob("*/mentions.parquet"):
        path.unlink()
    again = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    assert again.parsed_now == 0
    assert any("rebuilt an unreadable cache" in p.message for p in again.problems)
    pd.testing.assert_frame_equal(first.mentions, again.mentions)


def test_half_written_shards_are_ignored(small_corpus: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    store_dir = next((cache / "parses").iterdir())
    (store_dir / ".shard-killed-midway").mkdir()
    (store_dir / "shard-without-marker").mkdir()
    (store_dir / "shard-without-marker" / "sentences.parquet").write_bytes(b"partial")
    shutil.rmtree(cache / "corpora")
    corpus = load_corpus(small_corpus, cache_dir=cache, nlp=nlp)
    assert corpus.parsed_now == 0 and len(corpus.documents) == 4


def test_two_builds_of_the_same_corpus_at_once(small_corpus: Path, tmp_path: Path, nlp) -> None:
    cache = tmp_path / "cache"
    results: list = []
    errors: list = []

    def run() -> None:
        try:
            results.append(load_corpus(small_corpus, cache_dir=cache, nlp=nlp))
        except Exception as error:  # noqa: BLE001 - the test reports any failure below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.parsed_now for r in results) == [0, 4]
    assert results[0].key == results[1].key


def test_bad_files_through_the_upload_path(messy_folder: Path, tmp_path: Path, session_cache: Path, nlp) -> None:
    from lib.ingest import uploads
    from lib.ingest.limits import read_limits
    from tests.conftest import SEEDS

    files = [(path.name, path.read_bytes()) for path in sorted(messy_folder.iterdir())]
    limits = read_limits({})
    allowance = uploads.Allowance(bytes_left=limits.workspace_bytes, files_left=limits.workspace_files,
                                  max_file_bytes=limits.max_file_bytes)
    intake = uploads.save_uploads(tmp_path / "mine", files, allowance=allowance)
    assert dict(intake.rejected) == {"scan.pdf": "unsupported file type .pdf", "huge.txt": "larger than 10 MB"}
    before = sorted(p.relative_to(session_cache) for p in session_cache.rglob("*"))
    corpus = load_corpus(SEEDS, cache_dir=tmp_path / "workspace-cache", nlp=nlp, extra_folder=tmp_path / "mine",
                         read_caches=(session_cache,))
    assert corpus.parsed_now == 14  # the seeds' parses come from the shared cache, which gains nothing
    assert sorted(p.relative_to(session_cache) for p in session_cache.rglob("*")) == before
    mine = corpus.documents[corpus.documents["file"].str.startswith("upload/")]
    assert len(mine) == 14 and len(corpus.documents) == 5 + 14
    problems = {p.file: p.status for p in corpus.problems if p.record is None}
    for name in ("binary.txt", "empty.txt", "blank.txt", "no_text.csv"):
        assert problems[f"upload/{name}"] == "rejected"
    assert problems["upload/zz_copy_of_plain.txt"] == "duplicate"
    assert "upload/résumé of ..talks .txt" in set(mine["file"])
