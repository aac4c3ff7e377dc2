"""Tests for the entity view's figure builders, asserted on their traces and axes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.charts import entities as charts
from lib.charts.colours import build_outlet_colours


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
    assert charts.outlet_colours(["B"], {"B": "#123456"}) == {"B": "#123456"}  # the corpus's map wins


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


def test_outlet_colours_agree_across_charts_given_the_corpus_map(counts, ranking):
    colours = build_outlet_colours(["C", "B", "A"])
    bars = charts.build_entity_bar_figure(counts, ranking, colours=colours, articles=4)
    profile = charts.build_outlet_profile_figure(counts[counts["outlet"] == "B"], colours=colours, entity="Hamas")
    assert profile.data[0].marker.color[0] == bars.data[1].marker.color == colours["B"]
    assert bars.layout.title.text == "The 3 most mentioned entities in 4 articles"
    assert "n = 8 mentions" in profile.layout.title.text  # 3 + 2 + 3 of outlet B
