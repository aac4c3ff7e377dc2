"""Tests for the Overview's outlet figure: every outlet's name reads whole, most articles first."""

from __future__ import annotations

import pandas as pd

from lib.charts.overview import build_outlet_figure

LONG = "Defense Visual Information Distribution Service"


def test_outlets_are_horizontal_bars_most_articles_at_the_top() -> None:
    counts = pd.DataFrame({"outlet": ["VOA", LONG, "(unknown outlet)"], "articles": [5, 12, 20],
                           "words": [900, 3000, 4100]})
    figure = build_outlet_figure(counts)
    [bars] = figure.data
    assert bars.orientation == "h"
    assert list(figure.layout.yaxis.categoryarray) == ["VOA", LONG, "(unknown outlet)"]  # drawn bottom to top
    assert list(bars.y) == list(figure.layout.yaxis.categoryarray) and list(bars.x) == [5, 12, 20]


def test_the_figure_grows_with_the_outlets() -> None:
    few = pd.DataFrame({"outlet": ["A", "B"], "articles": [1, 2], "words": [10, 20]})
    many = pd.DataFrame({"outlet": [f"outlet {i}" for i in range(30)], "articles": range(1, 31), "words": [10] * 30})
    assert build_outlet_figure(few).layout.height == 300
    assert build_outlet_figure(many).layout.height == 120 + 22 * 30  # every bar a line of its own
    assert build_outlet_figure(few).layout.xaxis.dtick == 1


def test_a_long_name_is_cut_on_the_axis_and_whole_on_hover() -> None:
    counts = pd.DataFrame({"outlet": [LONG, "VOA"], "articles": [3, 1], "words": [10, 20]})
    figure = build_outlet_figure(counts)
    ticks = dict(zip(figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext, strict=True))
    assert ticks == {"VOA": "VOA", LONG: "Defense Visual Information Dist…"}
    assert LONG in figure.data[0].y  # the bar, its hover and a click keep the whole name
