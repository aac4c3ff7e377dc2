"""Evidence tables: the column that carries the meaning first and wide, no ids or offsets, every row
opening the Article reader at its sentence (the CSV keeps every column)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote_plus, urlencode

import pandas as pd
import streamlit as st

from lib.ui import state
from lib.ui.row_fit import CELL_PAD_PX, CHAR_PX, ONE_LINE_PX, fit_row_height, fit_table_height

ARTICLE_PAGE = "Article"
ID_COLUMNS = frozenset({
    "doc_id", "sent_index", "start", "end", "start_char", "end_char", "sent_start", "sent_end", "key",
    "doc_id_a", "doc_id_b", "sent_index_a", "sent_index_b", "key_a", "key_b", "story", "mention_id",
    "token_start", "token_end",
})  # fmt: skip
"""Ids and character offsets: kept in the CSV, never shown in a table."""
DATE_COLUMNS = ("published", "date_start", "date_end", "latest_named_date", "published_a", "published_b", "as_of")
MEANING_WIDTH = 520
"""Pixels for the sentence: about 75 characters a line; rows grow until the longest sentence shows whole."""
SOURCE_WIDTH = 190
"""Pixels for a column saying where a value came from ("date from", "outlet from")."""
OTHER_TEXT_WIDTH = 180
"""Pixels at most for any other column of text (a title, a long outlet name): longer text wraps,
rather than running past the table's edge."""
SHOWN_ROWS = 2000
"""Rows an evidence table sends to the browser (a role ledger over 100,000 articles has 200,000); a
caption says how many there are, and the page's CSV download, where it has one, holds them all."""


def link_to_article(doc_id: str, *, sentence: int | None = None, **params: str) -> str:
    """Relative URL of the article reader for one article, at one sentence when given."""
    query = {state.ARTICLE: doc_id, **params}
    if sentence is not None:
        query[state.SENTENCE] = str(int(sentence))
    return f"{ARTICLE_PAGE}?{urlencode(query)}"


def visible_columns(columns: Sequence[str]) -> list[str]:
    """The columns a table shows: every one but ids and offsets."""
    return [name for name in columns if name not in ID_COLUMNS]


def article_links(frame: pd.DataFrame, **params: str) -> list[str]:
    """One reader link per row: at its sentence when the row has one, else at the article."""
    if "doc_id" not in frame:
        return []
    sentences = frame["sent_index"] if "sent_index" in frame else pd.Series([None] * len(frame), index=frame.index)
    if {state.ARTICLE, state.SENTENCE} & set(params):
        return [link_to_article(str(doc_id), sentence=None if pd.isna(index) else int(index), **params)
                for doc_id, index in zip(frame["doc_id"], sentences, strict=True)]
    # link_to_article's URL, its fixed parts encoded once (2,000 rows a table, each rerun)
    start = f"{ARTICLE_PAGE}?{urlencode({state.ARTICLE: ''})}"
    extra = f"&{urlencode(params)}" if params else ""
    at = f"&{urlencode({state.SENTENCE: ''})}"
    return [f"{start}{quote_plus(str(doc_id))}{extra}" + ("" if pd.isna(index) else f"{at}{int(index)}")
            for doc_id, index in zip(frame["doc_id"], sentences, strict=True)]


def wrapped_widths(frame: pd.DataFrame, columns: Sequence[str], meaning: str | None, *, width: int = MEANING_WIDTH
                   ) -> dict[str, int]:
    """Pixel widths of the shown columns whose text wraps: the meaning column, where a value came
    from, and any other text too long for OTHER_TEXT_WIDTH."""
    widths: dict[str, int] = {}
    for name in columns:
        if name == meaning or name not in frame:
            continue
        if str(name).endswith(" from"):
            widths[name] = SOURCE_WIDTH
        elif pd.api.types.is_object_dtype(frame[name].dtype) or pd.api.types.is_string_dtype(frame[name].dtype):
            longest = frame[name].dropna().astype(str).str.len().max()
            if pd.notna(longest) and longest * CHAR_PX + CELL_PAD_PX > OTHER_TEXT_WIDTH:
                widths[name] = OTHER_TEXT_WIDTH
    return {**widths, **({meaning: width} if meaning else {})}


def column_settings(frame: pd.DataFrame, meaning: str | None, label: str | None, *, width: int = MEANING_WIDTH,
                    wrapped: dict[str, int] | None = None) -> dict[str, object]:
    """Column settings: the meaning column ``width`` pixels wide, the ``wrapped`` columns at their
    widths (never cut at the edge), dates as dates, the link as "read"."""
    settings: dict[str, object] = {
        name: st.column_config.DateColumn(format="YYYY-MM-DD") for name in DATE_COLUMNS
        if name in frame and pd.api.types.is_datetime64_any_dtype(frame[name])
    }  # fmt: skip
    settings.update({name: st.column_config.TextColumn(width=px) for name, px in (wrapped or {}).items()
                     if name != meaning})
    if meaning:
        settings[meaning] = st.column_config.TextColumn(label or meaning, width=width, pinned=True)
    settings["open"] = st.column_config.LinkColumn("Article", display_text="read", width="small",
                                                   pinned=bool(meaning))
    return settings


def show_evidence(
    frame: pd.DataFrame,
    *,
    key: str,
    meaning: str | None = None,
    label: str | None = None,
    columns: Sequence[str] | None = None,
    link_params: dict[str, str] | None = None,
    height: int | str = "auto",
    rows: int | None = None,
    width: int = MEANING_WIDTH,
) -> None:
    """A table of evidence: ``meaning`` first, ``width`` pixels wide with wrapped text, then ``columns``
    (or every column), without ids or offsets, and a link per row to the article at that sentence;
    ``rows`` caps the height at that many rows (the rest scroll inside the table)."""
    total = len(frame)
    frame = frame.head(SHOWN_ROWS)
    shown = list(columns) if columns is not None else list(frame.columns)
    order = visible_columns([name for name in ([meaning] if meaning else []) + shown if name != "open"])
    order = [name for name in dict.fromkeys(order) if name in frame.columns]
    meaning = meaning if meaning in order else None
    wrapped = wrapped_widths(frame, order, meaning, width=width)
    row_height = fit_row_height(frame, wrapped)
    if rows is not None:
        height = 40 + ((row_height or ONE_LINE_PX) + 1) * max(1, min(rows, len(frame)))
    elif height == "auto":
        height = fit_table_height(len(frame), row_height)
    links = article_links(frame, **(link_params or {}))
    table = frame.assign(open=links) if links else frame
    if links:  # the link beside the meaning column, where it is never scrolled off
        order.insert(1 if meaning else len(order), "open")
    st.dataframe(
        table[order], key=key, hide_index=True, width="stretch", column_order=order, height=height,
        column_config=column_settings(frame, meaning, label, width=width, wrapped=wrapped), row_height=row_height,
    )  # fmt: skip
    if total > len(frame):
        st.caption(f"Showing the first {len(frame):,} of {total:,} rows.")


def _side_links(frame: pd.DataFrame, side: str) -> list[str]:
    """Reader links for one side of a paired row (``doc_id_a``, ``sent_index_a``...)."""
    named = {f"doc_id_{side}": "doc_id", f"sent_index_{side}": "sent_index"}
    return article_links(frame[[c for c in named if c in frame]].rename(columns=named)) or [None] * len(frame)


def show_paired_evidence(frame: pd.DataFrame, *, key: str, columns: Sequence[str] = ()) -> None:
    """A table of rows that set two sentences side by side (two counts that disagree, two people
    given one office): each sentence first and wide, with its own link to its article."""
    table = frame.assign(open_a=_side_links(frame, "a"), open_b=_side_links(frame, "b"))
    order = ["sentence_a", "open_a", "sentence_b", "open_b", *visible_columns(list(columns))]
    order = [name for name in dict.fromkeys(order) if name in table.columns and name in order]
    link = st.column_config.LinkColumn("Article", display_text="read", width="small")
    widths = {f"sentence_{side}": MEANING_WIDTH * 3 // 4 for side in "ab"}
    settings = {name: st.column_config.TextColumn(f"Sentence {name[-1].upper()}", width=px)
                for name, px in widths.items()}
    row_height = fit_row_height(table, widths)
    st.dataframe(
        table[order], key=key, hide_index=True, width="stretch", column_order=order, row_height=row_height,
        height=fit_table_height(len(table), row_height),
        column_config={**settings, "open_a": link, "open_b": link},
    )  # fmt: skip


def show_wrapped_table(frame: pd.DataFrame, *, key: str, widths: dict[str, int],
                       config: dict[str, object] | None = None) -> None:
    """A table whose ``widths`` columns (pixels) wrap their text, rows tall enough for the longest;
    ``config``: other columns' settings."""
    row_height = fit_row_height(frame, widths)
    st.dataframe(
        frame, key=key, hide_index=True, width="stretch", row_height=row_height,
        height=fit_table_height(len(frame), row_height),
        column_config={**{name: st.column_config.TextColumn(width=px) for name, px in widths.items() if name in frame},
                       **(config or {})},
    )  # fmt: skip
