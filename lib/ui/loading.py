"""The corpus every session shares: loaded once per folder state, parsed with a progress bar when needed."""

from __future__ import annotations

import gc
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from spacy.language import Language

from lib.ingest.articles import parse_sidecar
from lib.nlp.models import ModelUnavailableError, choose_model_name, load_nlp
from lib.nlp.parsing import prepare_pipeline
from lib.store.corpus import Corpus, corpus_folder, corrections_file, folder_state, load_corpus
from lib.store.parquet import cache_root, fingerprint
from lib.ui import state

FOLDER_CHECK_SECONDS = 10
"""New or changed files in the corpus folder are noticed within this many seconds."""


@st.cache_data(ttl=FOLDER_CHECK_SECONDS, max_entries=8, show_spinner=False)
def recent_folder_signature(folder: str) -> str:
    """The corpus folder's signature, rechecked at most every FOLDER_CHECK_SECONDS."""
    return folder_signature(Path(folder))


def folder_signature(folder: Path) -> str:
    """A cheap fingerprint of a folder: names, sizes and modification times of its files."""
    return fingerprint(folder_state(folder))


@dataclass
class CorpusShelf:
    """Loaded corpora shared by every session, with a lock so one build runs at a time."""

    corpora: dict[tuple[str, ...], Corpus]
    lock: threading.Lock
    capacity: int = 4


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def shared_nlp(model_name: str) -> Language:
    """The spaCy pipeline, loaded once per process and only when something must be parsed."""
    return prepare_pipeline(load_nlp(model_name))


@st.cache_resource(show_spinner=False)
def corpus_shelf() -> CorpusShelf:
    """The process-wide shelf of loaded corpora."""
    return CorpusShelf(corpora={}, lock=threading.Lock())


def load_shared_corpus(
    folder: Path, key: tuple[str, ...], uploads: Path | None = None,
    overrides: dict[str, dict[str, str]] | None = None,
) -> Corpus:
    """Return the loaded corpus for a folder state, parsing with a progress bar if needed."""
    shelf = corpus_shelf()
    with shelf.lock:
        if key in shelf.corpora:
            return shelf.corpora[key]
        bar = st.empty()

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"Parsing articles with spaCy: {done} of {total}")

        with st.spinner("Reading the corpus…"):
            model = choose_model_name()
            corpus = load_corpus(
                folder, cache_dir=cache_root(None), progress=progress, extra_folder=uploads, model_name=model,
                nlp_loader=lambda: shared_nlp(model), overrides=overrides,
            )
        bar.empty()
        while len(shelf.corpora) >= shelf.capacity:
            shelf.corpora.pop(next(iter(shelf.corpora)))
        shelf.corpora[key] = corpus
        gc.freeze()  # the model and tables live on: keep them out of every later collection
        return corpus


def session_upload_dir(*, create: bool = False) -> Path | None:
    """This browser session's own folder of uploaded articles (never the shared corpus)."""
    folder = st.session_state.get(state.SESSION_UPLOADS)
    if folder is None and create:
        folder = tempfile.mkdtemp(prefix="news-framing-upload-")
        st.session_state[state.SESSION_UPLOADS] = folder
    return Path(folder) if folder and Path(folder).is_dir() else None


OVERRIDES_NAME = ".metadata-overrides.csv"
"""A visitor's own values for shared articles on a read-only instance (hidden: never read as articles)."""


def session_overrides() -> tuple[dict[str, dict[str, str]], str]:
    """The visitor's own metadata values for shared articles, and a fingerprint for cache keys."""
    own = session_upload_dir()
    path = own / OVERRIDES_NAME if own is not None else None
    if path is None or not path.is_file():
        return {}, ""
    text = path.read_text(encoding="utf-8")
    rows, _ = parse_sidecar(text)
    return rows, fingerprint(text)


def current_corpus() -> Corpus:
    """The corpus in use; stops the page with a clear message if it cannot be loaded."""
    folder = corpus_folder(None)
    if not folder.is_dir():
        st.error(f"The corpus folder `{folder}` does not exist. Set CORPUS_DIR to a folder of articles.")
        st.stop()
    corrections = corrections_file(folder)
    corrections_key = str(corrections.stat().st_mtime_ns) if corrections.is_file() else ""
    model = os.environ.get("SPACY_MODEL", "")
    key: tuple[str, ...] = (str(folder), recent_folder_signature(str(folder)), str(corrections), corrections_key, model)
    uploads = session_upload_dir()
    overrides, overrides_key = session_overrides()
    if uploads is not None and folder_state(uploads):
        key = (*key, str(uploads), folder_signature(uploads))
    else:
        uploads = None
    if overrides:
        key = (*key, overrides_key)
    try:
        return load_shared_corpus(folder, key, uploads, overrides)
    except ModelUnavailableError as error:
        st.error(f"No spaCy model could be loaded. {error}")
        st.stop()
    raise AssertionError("unreachable")
