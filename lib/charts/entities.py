"""Plotly figures of the entity mentions view: ranked bars, outlet-share heatmap, network."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go

from lib.charts.colours import build_outlet_colours, outlet_colour, place_outlet_legend
from lib.records import label_word

BarMode = Literal["stack", "split"]
Metric = Literal["mentions", "articles"]

ROW_HEIGHT = 22


def outlet_colours(outlets: Sequence[str], colours: Mapping[str, str] | None = None) -> dict[str, str]:
    """The corpus's map when given (the one every chart uses), else one made from these outlets."""
    return dict(colours) if colours is not None else build_outlet_colours(sorted(set(outlets)))


def build_entity_bar_figure(
    counts: pd.DataFrame,
    ranking: pd.DataFrame,
    *,
    metric: Metric = "mentions",
    mode: BarMode = "stack",
    colours: Mapping[str, str] | None = None,
    articles: int | None = None,
) -> go.Figure:
    """Return ranked horizontal bars of entities, one trace per outlet (stacked or side by side).

    ``ranking`` (entity, label, mentions, articles) gives the order, most mentioned on top;
    ``counts`` (entity, outlet, mentions, articles) the per-outlet lengths. Each bar carries
    the entity in ``customdata[0]`` so a click can select it. ``colours`` is the corpus's
    outlet map, so each outlet has the same colour in every chart; ``articles`` (the n of
    the title) is how many articles the counts come from.
    """
    order = ranking["entity"].tolist()
    labels = dict(zip(ranking["entity"], ranking["label"], strict=True))
    colours = outlet_colours(counts["outlet"].tolist(), colours)
    figure = go.Figure()
    for outlet, rows in counts[counts["entity"].isin(order)].groupby("outlet", sort=True):
        rows = rows.set_index("entity").reindex([e for e in order if e in set(rows["entity"])])
        figure.add_trace(
            go.Bar(
                name=str(outlet),
                orientation="h",
                y=rows.index.tolist(),
                x=rows[metric].tolist(),
                marker_color=outlet_colour(colours, str(outlet)),
                customdata=[[e, label_word(labels.get(e, "")), str(outlet)] for e in rows.index],
                hovertemplate=f"%{{y}} (%{{customdata[1]}})<br>%{{customdata[2]}}: %{{x}} {metric}<extra></extra>",
            )
        )
    source = f" in {articles} article{'s' if articles != 1 else ''}" if articles is not None else ""
    legend, under = place_outlet_legend([trace.name for trace in figure.data])
    figure.update_layout(
        title={"text": f"The {len(order)} most mentioned entities{source}",
               "subtitle": {"text": f"bar length = {metric}, one colour per outlet; click a bar for its sentences"}},
        barmode="stack" if mode == "stack" else "group",
        height=max(320, 140 + ROW_HEIGHT * len(order) * (1 if mode == "stack" else 2)) + under,
        xaxis_title=f"{metric} (by outlet)",
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "title": None},
        legend=legend,
        margin={"l": 10, "r": 10, "t": 70, "b": 40 + under},
    )  # fmt: skip
    return figure


def _outlet_tick(outlet: str, total: int, small: bool) -> str:
    note = " ⚠ small sample" if small else ""
    return f"{outlet}<br>(n={total}{note})"


def build_share_heatmap_figure(shares: pd.DataFrame, *, entities: Sequence[str]) -> go.Figure:
    """Return an entity x outlet heatmap of shares of each outlet's mentions.

    The raw count is on hover; outlets with few mentions are labelled "small sample" on the
    axis. A transparent marker over each cell carries the entity so a click selects it
    (heatmap cells themselves are not selectable in Plotly).
    """
    totals = shares.drop_duplicates("outlet").set_index("outlet").sort_index()
    outlets = totals.index.tolist()
    ticks = {
        name: _outlet_tick(name, int(row["outlet_mentions"]), bool(row["small_sample"]))
        for name, row in totals.iterrows()
    }
    grid = shares.set_index(["entity", "outlet"])
    rows = [e for e in entities if e in set(shares["entity"])]
    z = [[float(grid.loc[(e, o), "share"]) for o in outlets] for e in rows]
    x = [ticks[o] for o in outlets]
    figure = go.Figure(
        go.Heatmap(
            z=z, x=x, y=rows, colorscale="Blues", zmin=0, hoverinfo="skip",
            colorbar={"title": "share", "tickformat": ".0%"},
        )
    )  # fmt: skip
    cells = shares[shares["entity"].isin(rows)]
    figure.add_trace(
        go.Scatter(
            x=[ticks[o] for o in cells["outlet"]],
            y=cells["entity"].tolist(),
            mode="markers",
            marker={"symbol": "square", "size": 18, "color": "rgba(0,0,0,0)"},
            customdata=cells[["entity", "outlet", "mentions", "share"]].values.tolist(),
            hovertemplate="%{customdata[0]} in %{customdata[1]}<br>"
            "%{customdata[3]:.1%} of the outlet's mentions (%{customdata[2]} mentions)"
            "<extra></extra>",
            showlegend=False,
        )
    )
    figure.update_layout(
        title={"text": "Share of each outlet's mentions that name each entity",
               "subtitle": {"text": "cell = one entity's share of one outlet's mentions; "
                                    "n under each outlet = its mentions of these types"}},
        height=max(320, 160 + ROW_HEIGHT * len(rows)),
        yaxis={"categoryorder": "array", "categoryarray": rows[::-1], "title": None},
        xaxis={"title": None},
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
    )  # fmt: skip
    return figure


def build_outlet_profile_figure(
    counts: pd.DataFrame, *, colours: Mapping[str, str] | None = None, entity: str = "", total: int | None = None
) -> go.Figure:
    """Return one entity's mentions per outlet as bars (articles on hover), coloured as elsewhere;
    ``total`` (every mention, with those of articles without a known outlet) says what is left out."""
    ordered = counts.sort_values("mentions", ascending=False)
    colours = outlet_colours(ordered["outlet"].tolist(), colours)
    figure = go.Figure(
        go.Bar(
            x=ordered["outlet"].tolist(),
            y=ordered["mentions"].tolist(),
            marker_color=[outlet_colour(colours, o) for o in ordered["outlet"]],
            customdata=ordered[["articles"]].values.tolist(),
            hovertemplate="%{x}: %{y} mentions in %{customdata[0]} articles<extra></extra>",
        )
    )
    shown = int(ordered["mentions"].sum())
    note = "bar = one outlet's mentions; hover for its articles"
    if total is not None and total > shown:
        note += f"; {total - shown} mentions in articles without a known outlet are not compared"
    figure.update_layout(
        title={"text": f"Mentions{' of ' + entity if entity else ''} per outlet (n = {shown} mentions)",
               "subtitle": {"text": note}},
        height=320, yaxis_title="mentions", xaxis_title=None,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
    )  # fmt: skip
    return figure


def selected_entity(selection: Mapping[str, Any] | None) -> str | None:
    """Return the entity a chart click selected (``customdata[0]`` of the first point), if any."""
    points = (selection or {}).get("points") or []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom and isinstance(custom[0], str):
            return custom[0]
    return None
