"""Tests of the framing view's Plotly figures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.charts import framing as charts


def outlet_sizes(*rows: tuple[str, int, bool]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["outlet", "n", "enough"])


def test_naming_heatmap_two_voices() -> None:
    table = pd.DataFrame({"label": ["terror group", "occupation army"], "method": "anaphor",
                          "outlet": ["A", "B"], "voice": ["own voice", "in quote"],
                          "count": [2, 1], "n_labels": [2, 1]})
    figure = charts.build_naming_heatmap(table, outlet_sizes(("A", 2, True), ("B", 1, True)),
                                         actor="X")
    own, quoted = figure.data
    assert list(own.y) == ["terror group", "occupation army"]
    assert own.z[0][0] == 2 and own.z[1][1] == 0
    assert quoted.z[1][1] == 1
    assert own.x[0].startswith("A<br>") and "n=2 labels" in own.x[0]


def test_share_heatmap_blanks_small_outlets() -> None:
    table = pd.DataFrame({"speaker_label": ["S", "S"], "outlet": ["A", "B"], "share": [0.5, 1.0]})
    figure = charts.build_share_heatmap(table, outlet_sizes(("A", 100, True), ("B", 3, False)),
                                        rows="speaker_label", unit="quoted words", title="t")
    [heat] = figure.data
    assert heat.z[0][0] == 0.5 and math.isnan(heat.z[0][1])
    assert "too little text" in heat.x[1]
    assert heat.text[0][0] == 50


def test_lexicon_heatmap_order_and_rates() -> None:
    summary = pd.DataFrame({"outlet": ["A", "A"], "label": ["b", "a"], "hits": [1, 3],
                            "per_1000": [1.0, 3.0], "n_words": [1000, 1000], "enough": True})
    figure = charts.build_lexicon_heatmap(summary, title="t", order=("a", "b"))
    [heat] = figure.data
    assert list(heat.y) == ["a", "b"] and heat.z[0][0] == 3.0
    assert "n=1,000 words" in heat.x[0]


def test_tone_figure_marks_small_samples() -> None:
    summary = pd.DataFrame({"outlet": ["A", "B"], "n_sentences": [40, 3], "mean": [-0.2, 0.5],
                            "sd": [0.4, 0.1], "negative": [0.6, 0.0], "positive": [0.2, 1.0],
                            "se": [0.4 / np.sqrt(40), 0.1], "enough": [True, False]})
    figure = charts.build_tone_figure(summary, title="t")
    a, b = figure.data
    assert a.x[0] == -0.2 and a.error_x.array[0] > 0
    assert b.text == (charts.TOO_LITTLE,) and b.x[0] == 0


def test_concordance_bars_draw_outlets_with_hits_in_the_corpus_colours() -> None:
    counts = pd.DataFrame({"outlet": ["A", "B", "C"], "n_words": [1000, 500, 800], "hits": [3, 0, 4],
                           "articles": [1, 0, 2], "per_1000": [3.0, 0.0, 5.0]})
    figure = charts.build_concordance_bars(counts, query="ceasefire", colours={"A": "#111111", "C": "#222222"})
    [bar] = figure.data
    assert list(bar.x) == [5.0, 3.0] and list(bar.text) == ["4 hits in 2 articles", "3 hits in 1 article"]
    assert list(bar.marker.color) == ["#222222", "#111111"]
    assert bar.y[0].startswith("C") and "800 words" in bar.y[0]
    assert "ceasefire" in figure.layout.title.text
    assert "1 outlets without a hit are not drawn" in figure.layout.title.text


def test_picked_custom() -> None:
    assert charts.picked_custom({"points": [{"customdata": ["war", "lemma", 3]}]}) == [
        "war", "lemma", 3]
    assert charts.picked_custom({"points": []}) is None
    assert charts.picked_custom(None) is None


def test_empty_inputs_give_a_message() -> None:
    for figure in (charts.build_lexicon_heatmap(pd.DataFrame(), title="t"),
                   charts.build_tone_figure(pd.DataFrame(), title="t")):
        assert isinstance(figure, go.Figure) and figure.layout.annotations


def test_many_outlets_get_one_line_tilted_labels_and_empty_ones_are_not_drawn() -> None:
    names = [f"Outlet {i}" for i in range(12)]
    table = pd.DataFrame({"speaker_label": "X", "outlet": names[:10], "share": 0.5})
    sizes = outlet_sizes(*[(name, 0 if i >= 10 else 50 + i, i != 3) for i, name in enumerate(names)])
    figure = charts.build_share_heatmap(table, sizes, rows="speaker_label", unit="quoted words",
                                        title="t<br><sub>n</sub>")
    [heat] = figure.data
    assert list(heat.x)[:4] == ["Outlet 0 (50)", "Outlet 1 (51)", "Outlet 2 (52)", "Outlet 3 (53) ⚠"]
    assert len(heat.x) == 10 and figure.layout.xaxis.tickangle == -45
    assert figure.layout.title.text == "t<br><sub>n · 2 outlets with none not drawn</sub>"
