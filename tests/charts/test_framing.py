"""Tests of the framing view's Plotly figures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.charts import framing as charts


def scored(enough: bool = True, terms: int = 5) -> pd.DataFrame:
    rows = []
    for i in range(terms):
        for outlet, sign in (("A", 1), ("B", -1)):
            rows.append({"outlet": outlet, "term": f"t{i}", "kind": "lemma", "count": i + 1,
                         "total": 2 * i + 2, "per_1000": 1.0, "delta": sign * i,
                         "z": sign * (i - 1.0), "n_words": 500 if enough else 10,
                         "enough": enough})
    return pd.DataFrame(rows)


def test_terms_scatter_caps_points_and_carries_terms() -> None:
    figure = charts.build_terms_scatter(scored(terms=50), outlet="A", max_points=10, selected="t49")
    points, labels, ring = figure.data
    assert len(points.x) == 10
    assert {row[0] for row in points.customdata} == {f"t{i}" for i in range(40, 50)}
    assert "t49" in labels.text and ring.x[0] == 100
    assert labels.mode == "text" and labels.hoverinfo == "skip"
    assert figure.layout.xaxis.type == "log"


def test_terms_on_one_spot_share_one_label() -> None:
    rows = pd.DataFrame({"term": ["truce", "ceasefire", "deal", "rafah", "army", "tunnel"],
                         "total": [2, 2, 2, 5, 9, 9], "z": [1.25, 1.25, 1.25, 1.5, 0.3, -2.5]})
    labels = charts.label_terms(rows, label_top=4)
    assert labels.to_dict("records") == [
        {"total": 9, "z": -2.5, "label": "tunnel"},
        {"total": 5, "z": 1.5, "label": "rafah"},
        {"total": 2, "z": 1.25, "label": "truce, ceasefire +1 more"},
    ]


def test_a_label_that_would_cover_a_stronger_one_is_left_out() -> None:
    rows = pd.DataFrame({"term": ["hostages", "hostage deal", "gaza", "ceasefire"],
                         "total": [100, 101, 100, 3], "z": [3.0, 2.99, -3.0, 2.5]})
    labels = charts.label_terms(rows, label_top=0)
    # "hostage deal" sits a pixel from "hostages"; "gaza" shares its x but not its height.
    assert labels["label"].tolist() == ["hostages", "gaza", "ceasefire"]


def test_terms_scatter_says_too_little_text() -> None:
    figure = charts.build_terms_scatter(scored(enough=False), outlet="A")
    assert not figure.data
    assert "too little text" in figure.layout.annotations[0].text
    assert "n=10 words" in figure.layout.annotations[0].text


def test_terms_bars_one_panel_per_outlet() -> None:
    top = scored().query("z > 0")
    outlets = pd.DataFrame({"outlet": ["A", "B", "C"], "n_words": [500, 500, 20],
                            "enough": [True, True, False]})
    figure = charts.build_terms_bars(top, outlets)
    assert [t.name for t in figure.data] == ["A", "B", "C"]
    assert list(figure.data[0].y) == ["t2", "t3", "t4"]
    assert figure.data[2].y == (charts.TOO_LITTLE,)
    assert [a.text for a in figure.layout.annotations][2] == "C<br><sub>n=20 words</sub>"


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


def test_concordance_bars() -> None:
    counts = pd.DataFrame({"outlet": ["A", "B"], "n_words": [1000, 500], "hits": [3, 0],
                           "articles": [1, 0], "per_1000": [3.0, 0.0]})
    figure = charts.build_concordance_bars(counts, query="ceasefire")
    [bar] = figure.data
    assert list(bar.y) == [3.0, 0.0] and list(bar.text) == ["3 hits", "0 hits"]
    assert "ceasefire" in figure.layout.title.text


def test_picked_custom() -> None:
    assert charts.picked_custom({"points": [{"customdata": ["war", "lemma", 3]}]}) == [
        "war", "lemma", 3]
    assert charts.picked_custom({"points": []}) is None
    assert charts.picked_custom(None) is None


def test_empty_inputs_give_a_message() -> None:
    for figure in (charts.build_lexicon_heatmap(pd.DataFrame(), title="t"),
                   charts.build_tone_figure(pd.DataFrame(), title="t")):
        assert isinstance(figure, go.Figure) and figure.layout.annotations


def test_labels_near_the_edges_lean_inwards() -> None:
    drawn = pd.Series([2, 3, 10, 60])
    assert charts.place_labels(pd.Series([2, 10, 60]), drawn) == ["top right", "top center", "top left"]
    assert charts.place_labels(pd.Series([5]), pd.Series([5])) == ["top right"]
