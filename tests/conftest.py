"""Shared fixtures: the real model and the seed corpus, built once per test session."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def main_module_restored():
    """AppTest runs a page as the ``__main__`` module and leaves it there; a process started later
    by spawning (the build's worker pool, Dask's nanny) would run that page again as it starts. Each
    test gets back the ``__main__`` it started with."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole session, also used by the app under AppTest."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["CACHE_DIR"] = str(folder)
    os.environ.pop("CORPUS_DIR", None)
    os.environ.pop("READ_ONLY", None)
    return folder


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once."""
    from lib.nlp.models import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_corpus(session_cache: Path, nlp):
    """The five seed articles, parsed once into the session cache."""
    from lib.store.corpus import load_corpus

    return load_corpus(SEEDS, cache_dir=session_cache, nlp=nlp)


@pytest.fixture()
def app_env(session_cache: Path, seed_corpus, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Environment for an AppTest run on the seeds with the session cache."""
    monkeypatch.setenv("CACHE_DIR", str(session_cache))
    monkeypatch.delenv("CORPUS_DIR", raising=False)
    monkeypatch.delenv("READ_ONLY", raising=False)
    monkeypatch.chdir(ROOT)
    return session_cache


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed folder (the seeds themselves are never written to)."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


RERUN_OF = "002_d6db648224b6c3df.txt"
"""The seed article (The Times of Israel's) that the ``copied_folder`` corpus has another outlet re-run."""


@pytest.fixture(scope="session")
def copied_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus a later re-run of one seed article by another outlet (a syndicated copy)."""
    folder = tmp_path_factory.mktemp("copied")
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    text = (SEEDS / RERUN_OF).read_text(encoding="utf-8")
    (folder / "rerun.txt").write_text("Regional Courier\n\n" + text, encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "file,outlet,published\nrerun.txt,Regional Courier,2024-02-10\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def copied_corpus(copied_folder: Path, session_cache: Path, nlp):
    """The ``copied_folder`` corpus, parsed once into the session cache."""
    from lib.store.corpus import load_corpus

    return load_corpus(copied_folder, cache_dir=session_cache, nlp=nlp)
