"""Tests of the distinctive-terms figures: honest colours, readable labels, clean ticks, search rings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.analysis.comparison import Comparison, Side, strongest_terms
from lib.charts import terms as charts

SIDES = charts.Sides("Outlet A", "all the rest (3 outlets)", "#AA0000", "#0000AA", "4 articles, 900 words",
                     "9 articles, 3,000 words")


def compared(z: list[float], totals: list[int] | None = None) -> pd.DataFrame:
    """A comparison table as lib.analysis.comparison.compare_groups returns it."""
    totals = totals or [10 + i for i in range(len(z))]
    return pd.DataFrame({"term": [f"term{i}" for i in range(len(z))], "kind": "lemma",
                         "count_a": [t // 2 for t in totals], "count_b": [t - t // 2 for t in totals],
                         "per_1000_a": 1.0, "per_1000_b": 1.0, "total": totals, "delta": 0.1, "z": z})


def test_only_points_past_the_lines_take_a_side_colour() -> None:
    figure = charts.build_terms_scatter(compared([2.5, 1.9, 0.0, -1.95, -3.0]), SIDES)
    points = figure.data[0]
    colour = dict(zip((row[0] for row in points.customdata), points.marker.color, strict=True))
    assert colour == {"term0": "#AA0000", "term1": charts.GREY, "term2": charts.GREY, "term3": charts.GREY,
                      "term4": "#0000AA"}
    assert "2 past the dotted lines" in figure.layout.title.text
    assert "Outlet A: 4 articles, 900 words" in figure.layout.title.text


def test_every_point_is_labelled_when_there_is_room() -> None:
    figure = charts.build_terms_scatter(compared([3.0, 1.0, -1.0, -3.0], totals=[2, 10, 50, 300]), SIDES)
    labels = figure.data[1]
    assert labels.mode == "text" and labels.hoverinfo == "skip"
    assert sorted(labels.text) == ["term0", "term1", "term2", "term3"]
    assert "4 labelled" in figure.layout.title.text


def test_crowded_labels_never_cover_each_other() -> None:
    rng = np.random.default_rng(7)
    table = compared(list(rng.normal(0, 1.2, 400)), totals=list(rng.integers(2, 80, 400)))
    labels = charts.label_spots(table)
    assert 10 < len(labels) <= charts.MAX_LABELS
    x, y = charts.pixel_position(labels, table)
    boxes = []
    for px, py, text, position in zip(x, y, labels["label"], labels["position"], strict=True):
        dx, dy = charts.POSITIONS[position]
        width = charts.CHAR_PX * len(text) + 4
        cx, cy = px + dx * (width / 2 + 6), py + dy * (charts.LINE_PX / 2 + 5)
        boxes.append((cx - width / 2, cy - charts.LINE_PX / 2, cx + width / 2, cy + charts.LINE_PX / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or a[0] >= b[2] or a[3] <= b[1] or a[1] >= b[3]


def test_terms_on_one_spot_share_one_label() -> None:
    table = compared([1.25, 1.25, 1.25, -2.5], totals=[2, 2, 2, 9])
    labels = charts.label_spots(table)
    assert set(labels["label"]) == {"term3", "term0, term1 +1 more"}


def test_a_searched_term_is_ringed_and_labelled_even_when_crowded() -> None:
    table = compared([0.5] * 300 + [0.1], totals=[5] * 300 + [2])
    figure = charts.build_terms_scatter(table, SIDES, found=("term300",), selected="term0", max_labels=0)
    names = [trace.name for trace in figure.data]
    assert names == ["terms", "labels", "found", "selected"]
    assert "term300" in figure.data[1].text
    assert figure.data[2].x == (2,)


@pytest.mark.parametrize(("low", "high", "ticks"), [
    (2, 300, [2, 5, 10, 20, 50, 100, 200]), (3, 40, [2, 5, 10, 20, 50]), (1, 1, [1])])
def test_log_axis_ticks_are_one_two_five(low: int, high: int, ticks: list[int]) -> None:
    assert charts.log_ticks(low, high) == ticks


def test_the_scatter_axis_uses_those_ticks() -> None:
    figure = charts.build_terms_scatter(compared([1.0, 2.0], totals=[3, 40]), SIDES)
    assert figure.layout.xaxis.type == "log"
    assert list(figure.layout.xaxis.tickvals) == [2, 5, 10, 20, 50]
    assert list(figure.layout.xaxis.ticktext) == ["2", "5", "10", "20", "50"]


def test_unscored_terms_give_a_message_not_a_chart() -> None:
    figure = charts.build_terms_scatter(compared([np.nan, np.nan]), SIDES)
    assert not figure.data and "too little text" in figure.layout.annotations[0].text


def test_bars_say_when_none_passes_and_stay_grey() -> None:
    strong = strongest_terms(compared([1.9, 1.2, -0.4, -1.5]))
    figure = charts.build_strongest_bars(strong, SIDES)
    [bars] = figure.data
    assert list(bars.y) == ["term3", "term2", "term1", "term0"]
    assert set(bars.marker.color) == {charts.GREY}
    assert "none of the 4 passes |z| ≥ 1.96" in figure.layout.title.text
    assert list(figure.layout.xaxis.range) == pytest.approx([-2.486, 2.486])


def test_bars_colour_the_terms_that_pass() -> None:
    strong = strongest_terms(compared([4.0, 1.0, -2.2]))
    figure = charts.build_strongest_bars(strong, SIDES)
    assert list(figure.data[0].marker.color) == ["#0000AA", charts.GREY, "#AA0000"]
    assert "2 of 3 pass" in figure.layout.title.text


def test_sides_take_the_outlet_colour_or_a_group_colour() -> None:
    colours = {"Outlet A": "#AA0000", "Outlet B": "#00AA00"}
    assert charts.side_colours(["Outlet A"], ["Outlet B"], colours) == ("#AA0000", "#00AA00")
    assert charts.side_colours(["Outlet A"], ["Outlet B", "Outlet C"], colours) == ("#AA0000",
                                                                                  charts.GROUP_COLOURS[1])
    side = Side("Israel (3 outlets)", ["a", "b", "c"], 3, 2065)
    result = Comparison(side, Side("Turkey (1 outlet)", ["d"], 1, 356), compared([1.0]), True, 0, 0, "")
    sides = charts.describe_sides(result, {"d": "#123456"})
    assert (sides.colour_a, sides.colour_b) == (charts.GROUP_COLOURS[0], "#123456")
    assert sides.n_a == "3 articles, 2,065 words" and sides.n_b == "1 article, 356 words"
