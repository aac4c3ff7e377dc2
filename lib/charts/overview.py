"""Overview charts: top entities by type and articles per outlet."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib.records import label_word

TYPE_COLOURS = {
    "PERSON": "#4C78A8", "ORG": "#F58518", "GPE": "#54A24B", "NORP": "#B279A2",
    "LOC": "#72B7B2", "FAC": "#EECA3B", "EVENT": "#E45756", "PRODUCT": "#9D755D",
    "LAW": "#BAB0AC", "WORK_OF_ART": "#FF9DA6", "LANGUAGE": "#79706E",
}


def build_top_entities_figure(ranked: pd.DataFrame) -> go.Figure:
    """Horizontal bars of the most mentioned entities, coloured by type."""
    frame = ranked.sort_values("mentions").assign(label=lambda f: f["label"].map(label_word))
    figure = px.bar(
        frame, x="mentions", y="entity", color="label", orientation="h",
        color_discrete_map={label_word(code): colour for code, colour in TYPE_COLOURS.items()},
        custom_data=["articles", "label"],
        labels={"mentions": "Mentions", "entity": "", "label": "Type"},
    )
    figure.update_traces(
        hovertemplate="<b>%{y}</b><br>%{x} mentions in %{customdata[0]} articles<extra>%{customdata[1]}</extra>"
    )
    figure.update_layout(
        title="Most mentioned entities by type", height=max(320, 22 * len(frame) + 120),
        yaxis={"categoryorder": "total ascending"}, margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return figure


def build_outlet_figure(counts: pd.DataFrame) -> go.Figure:
    """Bars of articles per outlet, with word counts on hover."""
    figure = go.Figure(go.Bar(
        x=counts["outlet"], y=counts["articles"], customdata=counts[["words"]],
        hovertemplate="<b>%{x}</b><br>%{y} articles, %{customdata[0]:,} words<extra></extra>",
        marker_color="#4C78A8",
    ))
    figure.update_layout(
        title="Articles per outlet", yaxis_title="Articles", xaxis_title="",
        yaxis={"dtick": 1 if counts["articles"].max() <= 10 else None},
        margin={"l": 10, "r": 10, "t": 50, "b": 10}, height=360,
    )
    return figure
