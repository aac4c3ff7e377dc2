"""Tests for the co-occurrence network: layout, labels that never collide, nodes coloured by type."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.charts import network
from lib.charts.colours import type_colour


@pytest.fixture
def graph() -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = pd.DataFrame(
        {
            "entity": ["Hamas", "Israel", "Yoav Gallant", "Rafah"],
            "label": ["ORG", "GPE", "PERSON", "GPE"],
            "mentions": [40, 30, 9, 4],
            "degree": [3, 2, 2, 1],
        }
    )
    edges = pd.DataFrame(
        {
            "source": ["Hamas", "Hamas", "Israel", "Hamas"],
            "target": ["Israel", "Yoav Gallant", "Yoav Gallant", "Rafah"],
            "weight": [12, 4, 3, 1],
        }
    )
    return nodes, edges


def test_layout_network_is_reproducible(graph):
    nodes, edges = graph
    first = network.layout_network(nodes, edges, seed=3)
    assert first == network.layout_network(nodes, edges, seed=3)
    assert set(first) == set(nodes["entity"])
    assert network.layout_network(nodes.head(0), edges.head(0)) == {}


def test_network_figure_nodes_by_type_and_edge_bands(graph):
    nodes, edges = graph
    positions = network.layout_network(nodes, edges)
    figure = network.build_network_figure(nodes, edges, positions, selected="Rafah", labelled=1)
    lines = [trace for trace in figure.data if trace.mode == "lines"]
    points = {trace.name: trace for trace in figure.data if trace.mode == "markers+text"}
    assert len(lines) == 3
    assert sorted(trace.line.width for trace in lines) == [1, 3, 5]
    assert sum(trace.x.count(None) for trace in lines) == 4
    assert set(points) == {"Place", "Organisation", "Person"}  # type words, not spaCy codes
    gpe = points["Place"]
    assert [row[0] for row in gpe.customdata] == ["Israel", "Rafah"]
    assert list(gpe.text) == ["", "Rafah"]
    assert gpe.marker.color == type_colour("GPE")
    assert gpe.marker.size[0] > gpe.marker.size[1]
    assert list(gpe.marker.line.width) == [0.5, 3]
    assert list(points["Organisation"].text) == ["Hamas"]



def test_labels_never_overlap_and_crowded_names_wait_for_the_hover():
    names = [f"Entity number {i}" for i in range(30)]
    positions = {name: (i % 3 * 0.01, i // 3 * 0.01) for i, name in enumerate(names)}  # a tight clump
    positions["Far away"] = (5.0, 5.0)
    radii = dict.fromkeys(positions, 5.0)
    places = network.place_labels(positions, radii, ["Far away", *names], limit=25)
    assert places["Far away"] == "top center"
    assert 1 < len(places) < 25  # the clump has room for a few names only
    pixels = network._to_pixels(positions)
    boxes = [network._label_box(pixels[name], radii[name], name, place) for name, place in places.items()]
    assert not any(network._overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
