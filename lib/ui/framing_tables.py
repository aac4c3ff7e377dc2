"""Evidence tables of the Source framing view: what a row says first and wide, every row opening its article.

Ids and offsets (doc_id, sent_index, start, end) stay out of the table and in its CSV download.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from lib.analysis.timeline import head_rows
from lib.ui.app import download_csv
from lib.ui.evidence import ID_COLUMNS, article_links
from lib.ui.row_fit import HEADER_PX, ONE_LINE_PX, fit_row_height, fit_table_height

HIDDEN = ID_COLUMNS | {"offset", "spans", "marked"}
LINK = "article"
SHOWN_ROWS = 2000
"""Rows a table sends to the browser (a common term in 100,000 articles has over 100,000 sentences);
its CSV download holds every row."""


def shown_columns(frame: pd.DataFrame, first: Sequence[str], *, linked: bool = True) -> list[str]:
    """The columns a reader sees: ``first`` (the meaning), the link, then the rest without ids."""
    lead = [column for column in first if column in frame]
    rest = [column for column in frame.columns if column not in lead and column not in HIDDEN]
    return [*lead, *([LINK] if linked else []), *rest]


def fit_height(rows: int, most: int | None, *, row_px: int | None) -> int | str:
    """A table's height: its rows (``row_px`` tall, the grid's own height if None) plus the header,
    up to ``most`` pixels; without a limit, four tall rows (or Streamlit's own height)."""
    if most is None:
        return fit_table_height(rows, row_px)
    return min(most, HEADER_PX + rows * (row_px or ONE_LINE_PX) + 3)


def show_evidence(frame: pd.DataFrame, name: str, *, first: Sequence[str], wrap: bool = True,
                  right_aligned: Sequence[str] = (), widths: Mapping[str, str | int] | None = None,
                  hide: Sequence[str] = (), height: int | None = None) -> None:
    """One evidence table with its CSV download (all columns, ids included).

    ``first`` columns lead, "large" unless ``widths`` says otherwise; ``hide`` leaves more columns
    out of the table (not of the download).
    """
    if frame.empty:
        st.caption("No rows.")
        return
    linked = "doc_id" in frame
    head, note = head_rows(frame, limit=SHOWN_ROWS)
    shown = head.assign(**{LINK: article_links(head)}) if linked else head
    config: dict[str, object] = {LINK: st.column_config.LinkColumn("open", display_text="open ↗", width="small")}
    first_widths = {column: (widths or {}).get(column, "large") for column in first}
    for column, width in first_widths.items():
        config[column] = st.column_config.TextColumn(
            width=width, alignment="right" if column in right_aligned else None)
    row_px = fit_row_height(head, first_widths) if wrap else None  # the longest text shows whole
    st.dataframe(shown, key=f"fr_{name}_table", hide_index=True,
                 column_order=[c for c in shown_columns(frame, first, linked=linked) if c not in hide],
                 column_config=config, row_height=row_px, height=fit_height(len(head), height, row_px=row_px))
    if note:
        st.caption(note[0].upper() + note[1:] + ".")
    download_csv(frame, name, key=f"fr_{name}_download")
