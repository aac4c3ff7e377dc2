"""The sentences behind a Timeline point: in a dialog when it is clicked, and under the chart it belongs to."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.analysis import timeline
from lib.analysis.timeline import TimelineTables
from lib.ui import app, state

CHART_KINDS = {"published": "pub", "events": "event", "figures": "fig", "mentions": "mention"}
"""Which chart each kind of point key comes from: a selection shows only under its own chart."""


def show_rows(rows: pd.DataFrame, *, key: str) -> None:
    """The point's sentences, the sentence first and wide, each opening its article there."""
    app.show_evidence(rows, key=key, meaning="sentence", label="Sentence",
                      columns=["detail", "outlet", "published", "title"],
                      rows=6)  # fmt: skip


@st.dialog("The sentences behind this point", width="large", on_dismiss="rerun")
def show_dialog(ctx: app.PageContext, tables: TimelineTables, point: str) -> None:
    """A clicked point's sentences, over the chart, so nothing has to be scrolled to."""
    rows = timeline.describe_point(ctx.corpus, tables, point)
    st.markdown(f"**{timeline.describe_point_kind(point).capitalize()}**: {len(rows)} row(s)")
    show_rows(rows, key="timeline_point_dialog_table")


def open_dialog(ctx: app.PageContext, tables: TimelineTables) -> None:
    """Open the dialog for a point clicked on this rerun (once per click)."""
    point = st.session_state.pop(state.SESSION_TIMELINE_DIALOG, None)
    if point:
        show_dialog(ctx, tables, point)


def clear_selection() -> None:
    st.query_params.pop(state.TIMELINE_POINT, None)
    st.query_params.pop(state.TIMELINE_RANGE, None)


def show_selected(ctx: app.PageContext, tables: TimelineTables, chart: str) -> None:
    """Under a chart: the sentences of the point selected in it (a point of another chart is not shown)."""
    point = st.query_params.get(state.TIMELINE_POINT, "")
    ranged = bool(st.query_params.get(state.TIMELINE_RANGE, "")) and chart != "mentions"
    if point.partition("|")[0] != CHART_KINDS.get(chart):
        st.caption("Click a point to see the sentences behind it" + ("" if chart == "figures" else
                   "; drag across the chart to select a date range") + ".")
        point = ""
    else:
        rows = timeline.describe_point(ctx.corpus, tables, point)
        st.markdown(f"**Selected: {timeline.describe_point_kind(point)}** ({len(rows)} rows)")
        show_rows(rows, key="timeline_point_table")
    if point or ranged:
        st.button("Clear selection", key="timeline_clear_selection", on_click=clear_selection)
