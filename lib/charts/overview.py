"""Overview charts: top entities by type and articles per outlet."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.charts.colours import TYPE_COLOURS, build_outlet_colours, outlet_colour
from lib.records import label_word


def build_top_entities_figure(ranked: pd.DataFrame, *, articles: int | None = None) -> go.Figure:
    """Horizontal bars of the most mentioned entities, coloured by type (the same colours everywhere)."""
    frame = ranked.sort_values("mentions").assign(label=lambda f: f["label"].map(label_word))
    figure = px.bar(
        frame, x="mentions", y="entity", color="label", orientation="h",
        color_discrete_map={label_word(code): colour for code, colour in TYPE_COLOURS.items()},
        custom_data=["articles", "label"],
        labels={"mentions": "Mentions", "entity": "", "label": "Type"},
    )  # fmt: skip
    figure.update_traces(
        hovertemplate="<b>%{y}</b><br>%{x} mentions in %{customdata[0]} articles<extra>%{customdata[1]}</extra>"
    )
    source = f" in {articles} article{'s' if articles != 1 else ''}" if articles is not None else ""
    figure.update_layout(
        title={"text": f"The {len(frame)} most mentioned entities{source}",
               "subtitle": {"text": "bar = one entity's mentions, coloured by type"}},
        height=max(340, 22 * len(frame) + 140),
        yaxis={"categoryorder": "total ascending"}, margin={"l": 10, "r": 10, "t": 70, "b": 10},
    )  # fmt: skip
    return figure


TICK_CHARS = 32
"""An outlet's name on the axis is cut to this many characters ("…" marks it); the bar's hover has it whole."""


def shorten(name: str, most: int = TICK_CHARS) -> str:
    return name if len(name) <= most else name[:most - 1].rstrip() + "…"


def build_outlet_figure(counts: pd.DataFrame, *, colours: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars of articles per outlet, most first, in the corpus's outlet colours, with word
    counts on hover: an outlet's name reads whole however long it is and however many outlets there are."""
    colours = colours if colours is not None else build_outlet_colours(sorted(counts["outlet"]))
    total = int(counts["articles"].sum())
    frame = counts.sort_values(["articles", "outlet"], ascending=[True, False])  # most at the top
    names = frame["outlet"].tolist()
    figure = go.Figure(go.Bar(
        y=frame["outlet"], x=frame["articles"], orientation="h", customdata=frame[["words"]],
        hovertemplate="<b>%{y}</b><br>%{x} articles, %{customdata[0]:,} words<extra></extra>",
        marker_color=[outlet_colour(colours, str(o)) for o in frame["outlet"]],
    ))
    figure.update_layout(
        title={"text": f"Articles per outlet (n = {total} articles)",
               "subtitle": {"text": "bar = one outlet's articles; grey = outlet unknown"}},
        xaxis_title="Articles", yaxis_title="",
        xaxis={"dtick": 1 if frame["articles"].max() <= 10 else None},
        yaxis={"categoryorder": "array", "categoryarray": names, "tickvals": names,
               "ticktext": [shorten(str(name)) for name in names]},
        margin={"l": 10, "r": 10, "t": 70, "b": 10}, height=max(300, 120 + 22 * len(frame)),
    )  # fmt: skip
    return figure
