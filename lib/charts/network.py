"""The co-occurrence network: a reproducible layout, labels placed so none collide, nodes coloured by type."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from lib.charts.colours import type_colour
from lib.records import label_word

HUB = "\x00hub"
"""A hidden node tied loosely to every entity, so separate clusters stay on the canvas."""
HUB_PULL = 0.5
"""The hub's spring strength: about one shared sentence (log(2) = 0.69), so it spreads the
clusters without drowning the links."""
CANVAS = (760.0, 520.0)
"""The plot area labels are placed for, in pixels: no wider than the chart is at 1440 px (a wider
chart only spreads the labels further apart) and the chart's height less its title."""
PAD = 0.08
"""Room around the outermost nodes, as a share of the layout's extent on each side."""
CHAR_WIDTH, LINE_HEIGHT = 7.0, 15.0
"""A 12 px label's width per character and its height, in pixels."""
PLACES = ("top center", "bottom center", "middle right", "middle left")
Box = tuple[float, float, float, float]


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


def layout_extent(positions: Mapping[str, tuple]) -> tuple[list[float], list[float]]:
    """The x and y ranges of the plot: the layout's extent with ``PAD`` of room on each side."""
    xs = [xy[0] for xy in positions.values()] or [0.0]
    ys = [xy[1] for xy in positions.values()] or [0.0]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return ([min(xs) - PAD * width, max(xs) + PAD * width], [min(ys) - PAD * height, max(ys) + PAD * height])


def _to_pixels(positions: Mapping[str, tuple]) -> dict[str, tuple[float, float]]:
    (x0, x1), (y0, y1) = layout_extent(positions)
    return {name: ((x - x0) / (x1 - x0) * CANVAS[0], (y - y0) / (y1 - y0) * CANVAS[1])
            for name, (x, y) in positions.items()}  # fmt: skip


def _label_box(centre: tuple[float, float], radius: float, text: str, place: str) -> Box:
    """The pixel box (left, bottom, right, top) a label takes beside its node, y upwards."""
    x, y = centre
    width, gap = CHAR_WIDTH * len(text), radius + 2
    if place == "top center":
        return (x - width / 2, y + gap, x + width / 2, y + gap + LINE_HEIGHT)
    if place == "bottom center":
        return (x - width / 2, y - gap - LINE_HEIGHT, x + width / 2, y - gap)
    if place == "middle right":
        return (x + gap, y - LINE_HEIGHT / 2, x + gap + width, y + LINE_HEIGHT / 2)
    return (x - gap - width, y - LINE_HEIGHT / 2, x - gap, y + LINE_HEIGHT / 2)


def _overlaps(box: Box, other: Box) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def place_labels(
    positions: Mapping[str, tuple], radii: Mapping[str, float], order: Sequence[str], *, limit: int
) -> dict[str, str]:
    """{entity: text position} for up to ``limit`` labels, in ``order``, none overlapping another
    label or another node; an entity with no free place keeps its name for the hover."""
    pixels = _to_pixels(positions)
    discs = {name: (x - r, y - r, x + r, y + r) for name, (x, y) in pixels.items() for r in [radii.get(name, 4.0)]}
    taken: list[Box] = []
    placed: dict[str, str] = {}
    for name in order:
        if len(placed) >= limit or name not in pixels:
            continue
        for place in PLACES:
            box = _label_box(pixels[name], radii.get(name, 4.0), name, place)
            clear = not any(_overlaps(box, other) for other in taken)
            if clear and not any(_overlaps(box, disc) for other, disc in discs.items() if other != name):
                placed[name] = place
                taken.append(box)
                break
    return placed


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


def _node_trace(group: pd.DataFrame, label: str, positions: Mapping[str, tuple], sizes: Mapping[str, float],
                places: Mapping[str, str], selected: str | None) -> go.Scatter:
    entities = group["entity"].tolist()
    return go.Scatter(
        name=label_word(label),
        x=[positions[e][0] for e in entities],
        y=[positions[e][1] for e in entities],
        mode="markers+text",
        text=[e if e in places else "" for e in entities],
        textposition=[places.get(e, "top center") for e in entities],
        marker={
            "size": [sizes[e] for e in entities],
            "color": type_colour(label),
            "line": {"width": [3 if e == selected else 0.5 for e in entities], "color": "#222"},
        },
        customdata=group[["entity", "label", "mentions", "degree"]].assign(
            label=group["label"].map(label_word)).values.tolist(),
        hovertemplate="%{customdata[0]} (%{customdata[1]})<br>%{customdata[2]} mentions, "
        "%{customdata[3]} neighbours<extra></extra>",
    )


def build_network_figure(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    positions: Mapping[str, tuple],
    *,
    selected: str | None = None,
    labelled: int = 25,
) -> go.Figure:
    """Return the co-occurrence network: node size = mentions, colour = type, edge width = weight.

    Edges are drawn in three width bands (one trace each) so thousands of edges stay cheap. Up to
    ``labelled`` nodes carry a label, the selected one and then the most mentioned first, each
    placed where it overlaps no other label or node (the others name themselves on hover).
    """
    figure = go.Figure()
    if not edges.empty:
        bands = pd.qcut(edges["weight"].rank(method="first"), q=min(3, len(edges)), labels=False)
        for band, group in edges.groupby(bands):
            figure.add_trace(_edge_trace(group, positions, width=1 + 2 * int(band)))
    largest = int(nodes["mentions"].max()) if not nodes.empty else 1
    sizes = {e: _node_size(int(m), largest) for e, m in zip(nodes["entity"], nodes["mentions"], strict=True)}
    ranked = nodes.sort_values("mentions", ascending=False, kind="stable")["entity"].tolist()
    order = [selected, *ranked] if selected in sizes else ranked
    extra = 1 if selected in sizes else 0  # the selected node is named on top of the ``labelled``
    places = place_labels(positions, {e: s / 2 for e, s in sizes.items()}, order, limit=labelled + extra)
    for label, group in nodes.groupby("label", sort=True):
        figure.add_trace(_node_trace(group, str(label), positions, sizes, places, selected))
    x_range, y_range = layout_extent(positions)
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    figure.update_layout(
        xaxis={**hidden, "range": x_range}, yaxis={**hidden, "range": y_range},
        legend={"title": {"text": "Type"}, "orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1.0,
                "xanchor": "right"},
        title={"text": f"Entities named in the same sentence: {len(nodes)} entities, {len(edges)} links",
               "subtitle": {"text": "node = entity (size = mentions, colour = type); "
                                    "line = sentences naming both; click a node for its sentences"}},
        height=640, margin={"l": 10, "r": 10, "t": 100, "b": 10}, hovermode="closest",
    )  # fmt: skip
    return figure
