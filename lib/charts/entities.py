"""Plotly figures of the entity mentions view: ranked bars, outlet-share heatmap, network."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from lib.records import label_word

BarMode = Literal["stack", "split"]
Metric = Literal["mentions", "articles"]

OUTLET_COLOURS = qualitative.Safe
TYPE_COLOURS = {
    "PERSON": "#4C78A8", "ORG": "#F58518", "GPE": "#54A24B", "NORP": "#B279A2",
    "LOC": "#72B7B2", "FAC": "#E45756", "EVENT": "#EECA3B", "LAW": "#9D755D",
    "WORK_OF_ART": "#FF9DA6", "PRODUCT": "#BAB0AC",
}  # fmt: skip
DEFAULT_TYPE_COLOUR = "#7F7F7F"
ROW_HEIGHT = 22


def outlet_colours(outlets: Sequence[str]) -> dict[str, str]:
    """Return a stable colour per outlet (sorted by name, so every chart agrees)."""
    ordered = sorted(set(outlets))
    return {name: OUTLET_COLOURS[i % len(OUTLET_COLOURS)] for i, name in enumerate(ordered)}


def type_colour(label: str) -> str:
    """Return the colour of an entity type."""
    return TYPE_COLOURS.get(label, DEFAULT_TYPE_COLOUR)


def build_entity_bar_figure(
    counts: pd.DataFrame,
    ranking: pd.DataFrame,
    *,
    metric: Metric = "mentions",
    mode: BarMode = "stack",
    outlets: Sequence[str] = (),
) -> go.Figure:
    """Return ranked horizontal bars of entities, one trace per outlet (stacked or side by side).

    ``ranking`` (entity, label, mentions, articles) gives the order, most mentioned on top;
    ``counts`` (entity, outlet, mentions, articles) the per-outlet lengths. Each bar carries
    the entity in ``customdata[0]`` so a click can select it. ``outlets`` (every outlet of the
    corpus) keeps each outlet's colour the same in every chart.
    """
    order = ranking["entity"].tolist()
    labels = dict(zip(ranking["entity"], ranking["label"], strict=True))
    colours = outlet_colours([*outlets, *counts["outlet"]])
    figure = go.Figure()
    for outlet, rows in counts[counts["entity"].isin(order)].groupby("outlet", sort=True):
        rows = rows.set_index("entity").reindex([e for e in order if e in set(rows["entity"])])
        figure.add_trace(
            go.Bar(
                name=str(outlet),
                orientation="h",
                y=rows.index.tolist(),
                x=rows[metric].tolist(),
                marker_color=colours[str(outlet)],
                customdata=[[e, label_word(labels.get(e, "")), str(outlet)] for e in rows.index],
                hovertemplate=f"%{{y}} (%{{customdata[1]}})<br>%{{customdata[2]}}: %{{x}} {metric}<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack" if mode == "stack" else "group",
        height=max(320, 120 + ROW_HEIGHT * len(order) * (1 if mode == "stack" else 2)),
        xaxis_title=f"{metric} (by outlet)",
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "title": None},
        legend_title_text="Outlet",
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
    )
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
        height=max(320, 140 + ROW_HEIGHT * len(rows)),
        yaxis={"categoryorder": "array", "categoryarray": rows[::-1], "title": None},
        xaxis={"title": None},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return figure


HUB = "\x00hub"
"""A hidden node tied loosely to every entity, so separate clusters stay on the canvas."""
HUB_PULL = 0.5
"""The hub's spring strength: about one shared sentence (log(2) = 0.69), so it spreads the
clusters without drowning the links."""


def layout_network(nodes: pd.DataFrame, edges: pd.DataFrame, *, seed: int = 7) -> dict[str, tuple]:
    """Return x, y positions per entity (networkx spring layout, reproducible).

    Springs pull with log(1 + shared sentences) so a few very frequent pairs do not collapse
    the centre, and a hidden hub keeps disconnected clusters from drifting off the canvas.
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes["entity"])
    for source, target, weight in edges[["source", "target", "weight"]].itertuples(index=False):
        graph.add_edge(source, target, pull=math.log1p(weight))
    if graph.number_of_nodes() == 0:
        return {}
    graph.add_edges_from(((HUB, name) for name in nodes["entity"]), pull=HUB_PULL)
    spacing = 2.0 / math.sqrt(graph.number_of_nodes())
    positions = nx.spring_layout(graph, weight="pull", seed=seed, k=spacing, iterations=100)
    return {name: (float(xy[0]), float(xy[1])) for name, xy in positions.items() if name != HUB}


def _edge_trace(edges: pd.DataFrame, positions: Mapping[str, tuple], width: float) -> go.Scatter:
    xs: list[Any] = []
    ys: list[Any] = []
    for source, target in zip(edges["source"], edges["target"], strict=True):
        (x0, y0), (x1, y1) = positions[source], positions[target]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return go.Scatter(
        x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
        line={"width": width, "color": "rgba(120,120,120,0.45)"},
    )  # fmt: skip


def _node_size(mentions: int, largest: int) -> float:
    return 8 + 32 * math.sqrt(mentions / max(largest, 1))


def build_network_figure(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    positions: Mapping[str, tuple],
    *,
    selected: str | None = None,
    labelled: int = 25,
) -> go.Figure:
    """Return the co-occurrence network: node size = mentions, colour = type, edge width = weight.

    Edges are drawn in three width bands (one trace each) so thousands of edges stay cheap;
    only the ``labelled`` most mentioned nodes (and the selected one) carry a text label.
    """
    figure = go.Figure()
    if not edges.empty:
        bands = pd.qcut(edges["weight"].rank(method="first"), q=min(3, len(edges)), labels=False)
        for band, group in edges.groupby(bands):
            figure.add_trace(_edge_trace(group, positions, width=1 + 2 * int(band)))
    largest = int(nodes["mentions"].max()) if not nodes.empty else 1
    named = set(nodes.sort_values("mentions", ascending=False).head(labelled)["entity"]) | {selected}
    for label, group in nodes.groupby("label", sort=True):
        figure.add_trace(
            go.Scatter(
                name=label_word(label),
                x=[positions[e][0] for e in group["entity"]],
                y=[positions[e][1] for e in group["entity"]],
                mode="markers+text",
                text=[e if e in named else "" for e in group["entity"]],
                textposition="top center",
                marker={
                    "size": [_node_size(int(v), largest) for v in group["mentions"]],
                    "color": type_colour(str(label)),
                    "line": {
                        "width": [3 if e == selected else 0.5 for e in group["entity"]],
                        "color": "#222",
                    },
                },
                customdata=group[["entity", "label", "mentions", "degree"]].assign(
                    label=group["label"].map(label_word)).values.tolist(),
                hovertemplate="%{customdata[0]} (%{customdata[1]})<br>%{customdata[2]} mentions, "
                "%{customdata[3]} neighbours<extra></extra>",
            )
        )
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    figure.update_layout(
        height=600, xaxis=hidden, yaxis=hidden, legend_title_text="Type",
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, hovermode="closest",
    )  # fmt: skip
    return figure


def build_outlet_profile_figure(counts: pd.DataFrame, *, outlets: Sequence[str] = ()) -> go.Figure:
    """Return one entity's mentions per outlet as bars (articles on hover), coloured as elsewhere."""
    ordered = counts.sort_values("mentions", ascending=False)
    colours = outlet_colours([*outlets, *ordered["outlet"]])
    figure = go.Figure(
        go.Bar(
            x=ordered["outlet"].tolist(),
            y=ordered["mentions"].tolist(),
            marker_color=[colours[o] for o in ordered["outlet"]],
            customdata=ordered[["articles"]].values.tolist(),
            hovertemplate="%{x}: %{y} mentions in %{customdata[0]} articles<extra></extra>",
        )
    )
    figure.update_layout(
        height=300, yaxis_title="mentions", xaxis_title=None,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
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
