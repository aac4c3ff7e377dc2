"""Tests for the entity view's figure builders, asserted on their traces and axes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.charts import entities as charts


@pytest.fixture
def ranking() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity": ["Hamas", "Yoav Gallant", "Rafah"],
            "label": ["ORG", "PERSON", "GPE"],
            "mentions": [10, 6, 3],
            "articles": [4, 3, 2],
        }
    )


@pytest.fixture
def counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity": ["Hamas", "Hamas", "Yoav Gallant", "Yoav Gallant", "Rafah"],
            "outlet": ["A", "B", "A", "B", "B"],
            "mentions": [7, 3, 4, 2, 3],
            "articles": [2, 2, 2, 1, 2],
        }
    )


def test_bar_figure_one_trace_per_outlet(counts, ranking):
    figure = charts.build_entity_bar_figure(counts, ranking)
    assert isinstance(figure, go.Figure)
    assert [trace.name for trace in figure.data] == ["A", "B"]
    a, b = figure.data
    assert list(a.y) == ["Hamas", "Yoav Gallant"]
    assert list(a.x) == [7, 4]
    assert list(b.y) == ["Hamas", "Yoav Gallant", "Rafah"]
    assert [row[0] for row in b.customdata] == ["Hamas", "Yoav Gallant", "Rafah"]
    assert figure.layout.barmode == "stack"
    assert list(figure.layout.yaxis.categoryarray) == ["Rafah", "Yoav Gallant", "Hamas"]


def test_bar_figure_split_by_outlet_and_articles(counts, ranking):
    figure = charts.build_entity_bar_figure(counts, ranking, metric="articles", mode="split")
    assert figure.layout.barmode == "group"
    assert list(figure.data[1].x) == [2, 1, 2]
    assert figure.layout.xaxis.title.text == "articles (by outlet)"


def test_outlet_colours_are_stable():
    assert charts.outlet_colours(["B", "A"]) == charts.outlet_colours(["A", "B", "A"])


@pytest.fixture
def shares() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity": ["Hamas", "Hamas", "Rafah", "Rafah"],
            "outlet": ["A", "B", "A", "B"],
            "mentions": [7, 3, 0, 3],
            "outlet_mentions": [50, 8, 50, 8],
            "share": [0.14, 0.375, 0.0, 0.375],
            "small_sample": [False, True, False, True],
        }
    )


def test_heatmap_cells_and_small_sample_note(shares):
    figure = charts.build_share_heatmap_figure(shares, entities=["Hamas", "Rafah"])
    heatmap, cells = figure.data
    assert heatmap.type == "heatmap"
    assert [list(row) for row in heatmap.z] == [[0.14, 0.375], [0.0, 0.375]]
    assert list(heatmap.y) == ["Hamas", "Rafah"]
    assert list(heatmap.x) == ["A<br>(n=50)", "B<br>(n=8 ⚠ small sample)"]
    assert cells.type == "scatter"
    assert [row[0] for row in cells.customdata] == ["Hamas", "Hamas", "Rafah", "Rafah"]
    assert [row[2] for row in cells.customdata] == [7, 3, 0, 3]
    assert "mentions" in cells.hovertemplate


@pytest.fixture
def network() -> tuple[pd.DataFrame, pd.DataFrame]:
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


def test_layout_network_is_reproducible(network):
    nodes, edges = network
    first = charts.layout_network(nodes, edges, seed=3)
    assert first == charts.layout_network(nodes, edges, seed=3)
    assert set(first) == set(nodes["entity"])
    assert charts.layout_network(nodes.head(0), edges.head(0)) == {}


def test_network_figure_nodes_by_type_and_edge_bands(network):
    nodes, edges = network
    positions = charts.layout_network(nodes, edges)
    figure = charts.build_network_figure(nodes, edges, positions, selected="Rafah", labelled=1)
    lines = [trace for trace in figure.data if trace.mode == "lines"]
    points = {trace.name: trace for trace in figure.data if trace.mode == "markers+text"}
    assert len(lines) == 3
    assert sorted(trace.line.width for trace in lines) == [1, 3, 5]
    assert sum(trace.x.count(None) for trace in lines) == 4
    assert set(points) == {"Place", "Organisation", "Person"}  # type words, not spaCy codes
    gpe = points["Place"]
    assert [row[0] for row in gpe.customdata] == ["Israel", "Rafah"]
    assert list(gpe.text) == ["", "Rafah"]
    assert gpe.marker.color == charts.type_colour("GPE")
    assert gpe.marker.size[0] > gpe.marker.size[1]
    assert list(gpe.marker.line.width) == [0.5, 3]
    assert list(points["Organisation"].text) == ["Hamas"]


def test_outlet_profile_figure(counts):
    figure = charts.build_outlet_profile_figure(counts[counts["entity"] == "Hamas"])
    (bar,) = figure.data
    assert list(bar.x) == ["A", "B"]
    assert list(bar.y) == [7, 3]


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"points": [{"x": 3, "y": "Hamas", "customdata": ["Hamas", "ORG", "A"]}]}, "Hamas"),
        ({"points": [{"x": 3, "y": "Hamas"}]}, None),
        ({"points": []}, None),
        (None, None),
    ],
)
def test_selected_entity(selection, expected):
    assert charts.selected_entity(selection) == expected


def test_outlet_colours_agree_across_charts_given_all_outlets(counts, ranking):
    outlets = ["A", "B", "C"]
    bars = charts.build_entity_bar_figure(counts, ranking, outlets=outlets)
    profile = charts.build_outlet_profile_figure(counts[counts["outlet"] == "B"], outlets=outlets)
    assert profile.data[0].marker.color[0] == bars.data[1].marker.color == charts.outlet_colours(outlets)["B"]
