"""The Timeline's evidence tables: at most 2,000 rows shown, with their sentences read once per rows shown,
and CSV downloads that read every row's sentence part by part, only when clicked."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from lib.analysis import timeline
from lib.ui import app

SHOWN_KEPT = 32
"""Tables of rows shown kept with their sentences (each at most 2,000 rows)."""


def show_table(ctx: app.PageContext, frame: pd.DataFrame | Callable[[], pd.DataFrame], key: str,
               columns: list[str] | None = None, meaning: str | None = None, *, shown: list | None = None) -> None:
    """A bounded evidence table (``shown``: its rows and note, when already picked) and its full CSV
    (sentences read for the rows shown, the CSV's by part; a callable ``frame`` picks its rows when clicked)."""
    sentences = meaning == "sentence"
    rows, note = shown or timeline.head_rows(frame)
    app.show_evidence(with_sentences(ctx, rows) if sentences else rows, key=key, columns=columns, meaning=meaning)
    if note:
        st.caption(note)
    name, csv_key = key.removesuffix("_table"), f"{key}_csv"
    if sentences:
        download_all(ctx, frame, name, key=csv_key)
    else:
        app.download_csv(frame, name, key=csv_key)


def with_sentences(ctx: app.PageContext, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows shown with their sentences, kept by those rows: a rerun reads no sentence again."""
    return app.shared(timeline.add_sentences, max_entries=SHOWN_KEPT)(ctx.corpus, rows)


def download_all(ctx: app.PageContext, frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, *, key: str,
                 label: str = "Download CSV") -> None:
    """A CSV of every row with its sentence, written part by part when clicked."""
    rows = frame if callable(frame) else lambda: frame
    app.download_csv_parts(lambda: timeline.iterate_with_sentences(ctx.corpus, rows()), name, key=key, label=label)
