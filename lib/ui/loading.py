"""The corpus every session shares, and each visitor's own articles over it.

The shared corpus is loaded once per folder state; a page whose corpus is loaded never waits on a
lock. A visitor's uploads live in their workspace (lib.ingest.workspace), found by the token in
their URL, and are parsed by a background worker (lib.store.jobs) into the workspace's own
cache; until it is done, the visitor sees the shared corpus and the parse's progress.

For other pages: ``current_workspace()``, ``workspace_folder()`` (the visitor's article files),
``workspace_cache()`` (their parses) and ``workspace_status()`` (the background parse).
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from spacy.language import Language

from lib.ingest import workspace as spaces
from lib.ingest.articles import parse_sidecar
from lib.ingest.uploads import Intake
from lib.nlp.models import ModelUnavailableError, choose_model_name, load_nlp
from lib.nlp.parsing import prepare_pipeline
from lib.store import jobs
from lib.store.corpus import Corpus, NotBuilt, corpus_folder, corrections_file, folder_state, load_corpus
from lib.store.overrides import overlay_corpus
from lib.store.parquet import cache_root, fingerprint
from lib.ui import state
from lib.ui.access import current_access

FOLDER_CHECK_SECONDS = 10
"""New or changed files in the corpus folder are noticed within this many seconds."""
SWEEP_EVERY_SECONDS = 600
"""Expired workspaces are looked for at most this often."""


@st.cache_data(ttl=FOLDER_CHECK_SECONDS, max_entries=8, show_spinner=False)
def recent_folder_signature(folder: str) -> str:
    """The corpus folder's signature, rechecked at most every FOLDER_CHECK_SECONDS."""
    return folder_signature(Path(folder))


def folder_signature(folder: Path) -> str:
    """A cheap fingerprint of a folder: names, sizes and modification times of its files."""
    return fingerprint(folder_state(folder))


@dataclass
class CorpusShelf:
    """Loaded corpora shared by every session, with a lock so one build of the shared corpus runs at a time."""

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


def shelved(shelf: CorpusShelf, key: tuple[str, ...]) -> Corpus | None:
    """A loaded corpus, read without the lock (a visitor never waits for another's build)."""
    found = shelf.corpora.get(key)
    return None if found is None or found.stale else found


def load_shared_corpus(folder: Path, key: tuple[str, ...]) -> Corpus:
    """Return the shared corpus for a folder state, parsing with a progress bar if needed."""
    shelf = corpus_shelf()
    if (found := shelved(shelf, key)) is not None:
        return found
    with shelf.lock:
        if (found := shelved(shelf, key)) is not None:
            return found
        bar = st.empty()

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"Parsing articles with spaCy: {done} of {total}")

        with st.spinner("Reading the corpus…"):
            model = choose_model_name()
            corpus = load_corpus(
                folder, cache_dir=cache_root(None), progress=progress, model_name=model,
                nlp_loader=lambda: shared_nlp(model),
            )
        bar.empty()
        while len(shelf.corpora) >= shelf.capacity:
            shelf.corpora.pop(next(iter(shelf.corpora)))
        shelf.corpora[key] = corpus
        gc.freeze()  # the model and tables live on: keep them out of every later collection
        return corpus


@st.cache_data(ttl=SWEEP_EVERY_SECONDS, show_spinner=False)
def sweep_workspaces(root: str) -> int:
    """Delete expired workspaces (at most once every SWEEP_EVERY_SECONDS per process)."""
    return spaces.sweep_expired(Path(root), limits=current_access().limits)


def current_workspace(*, create: bool = False) -> spaces.Workspace | None:
    """This visitor's workspace, from the session or the token in the URL (created if asked).

    The token is kept in the session and written back into the URL, so a reload of any page,
    or the visitor's own link, finds the same articles until the workspace expires.
    """
    root = spaces.workspace_root()
    sweep_workspaces(str(root))
    token = st.session_state.get(state.SESSION_WORKSPACE) or st.query_params.get(state.WORKSPACE) or ""
    found = spaces.open_workspace(token, root=root, create=create)
    if found is None and create:
        found = spaces.open_workspace(spaces.new_token(), root=root, create=True)
    if found is None:
        st.session_state.pop(state.SESSION_WORKSPACE, None)
        if state.WORKSPACE in st.query_params:
            del st.query_params[state.WORKSPACE]
        return None
    st.session_state[state.SESSION_WORKSPACE] = found.token
    if st.query_params.get(state.WORKSPACE) != found.token:
        st.query_params[state.WORKSPACE] = found.token
    return found


def workspace_folder(*, create: bool = False) -> Path | None:
    """The folder of this visitor's own article files (None if they have none)."""
    found = current_workspace(create=create)
    return found.files if found is not None else None


def workspace_cache() -> Path | None:
    """The cache folder of this visitor's parses (never the shared cache)."""
    found = current_workspace()
    return found.cache if found is not None else None


session_upload_dir = workspace_folder
"""The earlier name of ``workspace_folder``."""


def workspace_status() -> jobs.JobStatus | None:
    """The background parse of this visitor's articles, if any."""
    found = current_workspace()
    return jobs.current_status(found.folder) if found is not None else None


def job_signature(found: spaces.Workspace, key: tuple[str, ...]) -> str:
    """What a workspace's parse depends on: its files, and the shared corpus, corrections and model."""
    return fingerprint(key, jobs.files_signature(found.files))


def parse_request(found: spaces.Workspace, folder: Path, signature: str) -> jobs.ParseRequest:
    """What the background worker needs to parse this workspace over the shared corpus."""
    limits = current_access().limits
    return jobs.ParseRequest(
        corpus=str(folder), workspace=str(found.folder), shared_cache=str(cache_root(None)),
        model_name=choose_model_name(), word_budget=limits.workspace_words, slots=limits.parse_workers,
        signature=signature,
    )


def shared_key(folder: Path) -> tuple[str, ...]:
    """What the shared corpus in memory depends on: the folder's files, the corrections, the model."""
    corrections = corrections_file(folder)
    corrections_key = str(corrections.stat().st_mtime_ns) if corrections.is_file() else ""
    model = os.environ.get("SPACY_MODEL", "")
    return (str(folder), recent_folder_signature(str(folder)), str(corrections), corrections_key, model)


def start_workspace_parse() -> None:
    """Parse this visitor's articles again in the background (after an upload, or to retry)."""
    found = current_workspace()
    folder = corpus_folder(None)
    if found is not None:
        jobs.start_parse(parse_request(found, folder, job_signature(found, shared_key(folder))))


@st.cache_resource(max_entries=16, ttl=3600, show_spinner=False)
def built_workspace_corpus(folder: str, workspace: str, signature: str) -> Corpus:
    """A workspace's corpus as its worker built it (NotBuilt if it has not yet)."""
    return load_corpus(
        folder, cache_dir=Path(workspace) / "cache", extra_folder=Path(workspace) / "files",
        read_caches=(cache_root(None),), model_name=choose_model_name(),
        word_budget=current_access().limits.workspace_words, build=False,
    )


def workspace_corpus(found: spaces.Workspace, folder: Path, key: tuple[str, ...]) -> Corpus | None:
    """The shared corpus with this visitor's articles, or None while (or if) they are not parsed.

    A parse is started when the files, the shared corpus or its corrections changed since the
    last one; a failed or cancelled parse is not retried until the visitor asks.
    """
    signature = job_signature(found, key)
    status = jobs.current_status(found.folder)
    if status is None or status.signature != signature:
        jobs.start_parse(parse_request(found, folder, signature))
        return None
    if status.state != "done":
        return None
    try:
        return built_workspace_corpus(str(folder), str(found.folder), signature)
    except NotBuilt as error:
        jobs.write_status(found.folder, jobs.JobStatus("failed", signature, message=f"cannot be opened: {error}"))
        return None


def forget_workspace_corpora() -> None:
    """Drop every loaded workspace corpus from memory (after a visitor deletes their articles)."""
    built_workspace_corpus.clear()


def add_articles(save: Callable[..., Intake]) -> Intake:
    """Save articles into this visitor's workspace (created if needed) within what its quota and
    the instance's still allow, then start parsing them in the background."""
    found = current_workspace(create=True)
    assert found is not None
    allowance = spaces.allowance_for(found, root=spaces.workspace_root(), limits=current_access().limits)
    intake = save(found.files, allowance=allowance)
    if intake.saved:
        spaces.mark_changed(found)
        start_workspace_parse()
    return intake


def cancel_workspace_parse() -> None:
    """Stop the background parse of this visitor's articles."""
    found = current_workspace()
    if found is not None:
        jobs.cancel_parse(found.folder)


def delete_workspace() -> None:
    """Delete this visitor's articles and their parses at once, and forget the workspace."""
    found = current_workspace()
    if found is not None:
        spaces.delete_folder(found.folder)
    st.session_state.pop(state.SESSION_WORKSPACE, None)
    st.session_state.pop(state.SESSION_INTAKE, None)
    if state.WORKSPACE in st.query_params:
        del st.query_params[state.WORKSPACE]
    forget_workspace_corpora()


def note_workspace_parse() -> None:
    """A line in the sidebar while this visitor's articles are being parsed."""
    status = workspace_status()
    if status is not None and status.running:
        done = f" ({status.done} of {status.total})" if status.total else ""
        st.sidebar.caption(f"⏳ Your articles are being parsed{done}; the views show the shared corpus until then.")


OVERRIDES_NAME = "metadata-overrides.csv"
"""A visitor's own values for shared articles on a read-only instance, kept beside (not among)
the workspace's article files, so setting one never starts a parse."""


def session_overrides(found: spaces.Workspace | None) -> tuple[dict[str, dict[str, str]], str]:
    """The visitor's own metadata values for shared articles, and a fingerprint for cache keys."""
    path = found.folder / OVERRIDES_NAME if found is not None else None
    if path is None or not path.is_file():
        return {}, ""
    text = path.read_text(encoding="utf-8")
    rows, _ = parse_sidecar(text)
    return rows, fingerprint(text)


@st.cache_resource(max_entries=32, show_spinner=False, hash_funcs={Corpus: lambda corpus: corpus.key})
def overlaid_corpus(corpus: Corpus, overrides: dict[str, dict[str, str]], stamp: str) -> Corpus:
    """The corpus with a visitor's own metadata values laid over its documents (kept per visitor)."""
    return overlay_corpus(corpus, overrides, stamp)


def current_corpus() -> Corpus:
    """The corpus in use; stops the page with a clear message if it cannot be loaded."""
    folder = corpus_folder(None)
    if not folder.is_dir():
        st.error(f"The corpus folder `{folder}` does not exist. Set CORPUS_DIR to a folder of articles.")
        st.stop()
    key = shared_key(folder)
    try:
        shared = load_shared_corpus(folder, key)
        found = current_workspace()
        chosen = shared if found is None or not any(found.files.iterdir()) else (
            workspace_corpus(found, folder, key) or shared)
        overrides, stamp = session_overrides(found)
        return overlaid_corpus(chosen, overrides, stamp) if overrides else chosen
    except ModelUnavailableError as error:
        st.error(f"No spaCy model could be loaded. {error}")
        st.stop()
    raise AssertionError("unreachable")
