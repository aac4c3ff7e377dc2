"""The metadata editor's state: unsaved edits kept across its pages and searches, and where saved
edits are kept (the corpus folder's metadata.csv, or the visitor's own folder)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib.analysis.filters import Filters
from lib.analysis.metadata_review import (
    clamp_page,
    find_edits,
    fingerprint_page,
    merge_edits,
    review_corpus_metadata,
    search_review_rows,
)
from lib.ingest.edits import check_edit, save_edits
from lib.ingest.reading import SIDECAR_NAME
from lib.records import UPLOAD_PREFIX
from lib.store.corpus import Corpus
from lib.ui import state
from lib.ui.caching import shared
from lib.ui.context import PageContext
from lib.ui.loading import OVERRIDES_NAME, current_workspace, recent_folder_signature
from lib.ui.row_fit import WRAP_PX, fit_row_height

SOURCE_COLUMNS = ("outlet_source", "published_source", "author_source", "title_source")
SOURCE_PX = 120
"""Pixels for a column saying where a value came from: four of them, the values (75 px each, the
date 95) and the title fit the page's 960 px at 1440 px without scrolling sideways."""
TITLE_PX = 160
VALUE_PX = 75
"""Pixels for the file name, the outlet and the author (Streamlit's "small")."""
DATE_PX = 95
"""Pixels for a date written YYYY-MM-DD, on one line."""


def fit_editor_rows(rows: pd.DataFrame) -> int:
    """The editor's row height for one page of rows: where each value came from and the title wrap,
    and the longest of them shows whole (at least two lines, so a row is easy to click)."""
    widths = {**dict.fromkeys(SOURCE_COLUMNS, SOURCE_PX), **dict.fromkeys(("key", "outlet", "author"), VALUE_PX),
              "title": TITLE_PX}
    return fit_row_height(rows, widths, least=WRAP_PX) or WRAP_PX


def route_edits(
    edits: dict[str, dict[str, str]], *, read_only: bool
) -> dict[str, dict[str, dict[str, str]]]:
    """Split edits by where they are kept: "corpus" (the shared metadata.csv), "uploads" (the
    visitor's metadata.csv, keyed by their own file names) or "overrides" (the visitor's values
    for shared articles when the instance is read-only)."""
    routed: dict[str, dict[str, dict[str, str]]] = {"corpus": {}, "uploads": {}, "overrides": {}}
    for key, changes in edits.items():
        if key.startswith(UPLOAD_PREFIX):
            routed["uploads"][key.removeprefix(UPLOAD_PREFIX)] = changes
        else:
            routed["overrides" if read_only else "corpus"][key] = changes
    return routed


def save_metadata(ctx: PageContext, edits: dict[str, dict[str, str]]) -> tuple[int, list[str]]:
    """Keep the edits where they belong; the next run shows them without re-parsing. Returns how
    many articles got a new value, and a message for each value that could not be saved."""
    routed = route_edits(edits, read_only=ctx.read_only)
    messages: list[str] = []
    if routed["corpus"]:
        messages += save_edits(Path(ctx.corpus.folder) / SIDECAR_NAME, routed["corpus"])
        recent_folder_signature.clear()  # the folder changed now, not within the next check
    found = current_workspace(create=bool(routed["uploads"] or routed["overrides"]))
    if found is not None and routed["uploads"]:
        messages += save_edits(found.files / SIDECAR_NAME, routed["uploads"])  # re-read with the files
    if found is not None and routed["overrides"]:
        messages += save_edits(found.folder / OVERRIDES_NAME, routed["overrides"])
    return sum(bool(check_edit(key, changes)[0]) for key, changes in edits.items()), messages


def _search(corpus: Corpus, filters: Filters, weak_only: bool, query: str, _table: pd.DataFrame) -> pd.DataFrame:
    return search_review_rows(_table, query)  # _table is the one these arguments name: not hashed


def find_review_rows(corpus: Corpus, filters: Filters, weak_only: bool, query: str) -> pd.DataFrame:
    """The editor's rows for the filters that a search finds, least certain first: one table per
    corpus and filters, shared by every visitor and never modified (slice or copy it)."""
    table = shared(review_corpus_metadata, max_entries=8)(corpus, filters, weak_only)
    if not query.strip():
        return table
    return shared(_search, max_entries=16)(corpus, filters, weak_only, " ".join(query.split()), table)


def pending_edits() -> dict[str, dict[str, str]]:
    """The edits not saved yet, from every page and search: {article key: {field: value}}."""
    return dict(st.session_state.get(state.SESSION_METADATA_EDITS, {}))


def editor_key(rows: pd.DataFrame) -> str:
    """The editor's widget key: its cell edits belong to these rows, until it is drawn anew."""
    return f"metadata_editor_{fingerprint_page(rows)}_{st.session_state.get(state.SESSION_METADATA_DRAWN, 0)}"


def keep_page_edits(rows: pd.DataFrame, edited: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Record what the editor now holds for its rows among the unsaved edits; all of them."""
    pending = merge_edits(pending_edits(), rows, find_edits(rows, edited))
    st.session_state[state.SESSION_METADATA_EDITS] = pending
    return pending


def forget_edits() -> None:
    """Drop every unsaved edit and draw the editor anew (its cell edits go with it)."""
    st.session_state[state.SESSION_METADATA_EDITS] = {}
    st.session_state[state.SESSION_METADATA_DRAWN] = st.session_state.get(state.SESSION_METADATA_DRAWN, 0) + 1


def save_all(ctx: PageContext) -> None:
    """Save every unsaved edit, of every page, and say how it went on the next run."""
    st.session_state[state.SESSION_METADATA_SAVED] = save_metadata(ctx, pending_edits())
    forget_edits()


def first_page(changed: str) -> None:
    """Callback of the search and the toggle: what they find is shown from its first page.

    Setting the page number makes Streamlit rewrite the link from the copy of it the run started
    with, which can predate the change that ran this callback; the changed widget's value is set
    again so that the link keeps it."""
    st.session_state[changed] = st.session_state[changed]
    st.session_state[state.META_PAGE] = 1


def keep_page_within(pages: int) -> None:
    """Before the page number is drawn: a page past the end (fewer rows now, or a link's number) or
    not a number at all becomes the nearest page."""
    asked = st.session_state.get(state.META_PAGE, st.query_params.get(state.META_PAGE))
    st.session_state[state.META_PAGE] = clamp_page(asked, pages)
