"""bench/browser.py picks the corpus its servers share: the environment's, or a replicated store by size."""

from __future__ import annotations

import pytest

from bench import browser


def test_corpus_env_names_the_replicated_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(browser, "WORK", tmp_path)
    (tmp_path / "corpus-10000-replicated").mkdir()
    assert browser.corpus_env(10000) == {"CORPUS_DIR": str(tmp_path / "corpus-10000-replicated"),
                                         "CACHE_DIR": str(tmp_path / "cache")}


def test_corpus_env_stops_when_the_store_is_missing(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(browser, "WORK", tmp_path)
    with pytest.raises(SystemExit, match="bench/warm.py 500 --replicate"):
        browser.corpus_env(500)


def test_corpus_env_without_a_size_keeps_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("CORPUS_DIR", "/data/articles")
    monkeypatch.delenv("CACHE_DIR", raising=False)
    assert browser.corpus_env(None) == {"CORPUS_DIR": "/data/articles"}


def test_every_view_and_every_tabbed_view_is_measured() -> None:
    assert [path or "Overview" for path in browser.PAGES] == [
        "Overview", "Entities", "Framing", "Timeline", "Article", "Stories", "Corpus", "Metadata"]
    assert set(browser.TABBED) <= set(browser.PAGES)


def test_the_frame_with_n_charts_is_asked_by_its_query_parameter() -> None:
    assert browser.frame_with_charts("http://127.0.0.1:8502", 1) == "http://127.0.0.1:8502"
    assert browser.frame_with_charts("http://127.0.0.1:8502", 3) == "http://127.0.0.1:8502/?charts=3"
    assert browser.frame_with_charts("http://127.0.0.1:8502", 0) == "http://127.0.0.1:8502/?charts=0"
