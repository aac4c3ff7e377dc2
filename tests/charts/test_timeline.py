"""Tests of the timeline chart builders: traces, axes and the keys points carry."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.analysis import figure_series, lanes, timeline
from lib.analysis.filters import Filters
from lib.charts import timeline as charts


@pytest.fixture(scope="module")
def seeds(seed_corpus) -> timeline.TimelineTables:
    return timeline.build_timeline(seed_corpus, Filters())


def test_lane_figure_has_one_lane_per_outlet(seed_corpus) -> None:
    points, _ = lanes.publication_points(seed_corpus.documents)
    figure = charts.build_lane_figure(
        points, size_column="articles", title="Published", unit="articles", note="2 undated articles listed beside"
    )
    assert sorted(trace.name for trace in figure.data) == ["All Israel News", "Anadolu Agency", "The Times of Israel"]
    anadolu = next(trace for trace in figure.data if trace.name == "Anadolu Agency")
    assert list(anadolu.x) == [pd.Timestamp("2024-03-26")]
    assert anadolu.customdata[0][0] == "pub|day|Anadolu Agency|2024-03-26"
    assert "Published March 26,2024" in anadolu.customdata[0][2]
    assert figure.layout.xaxis.type == "date"
    assert figure.layout.title.subtitle.text.endswith("2 undated articles listed beside")
    assert figure.layout.title.text == f"Published: n = {int(points['articles'].sum())} articles"


def test_lane_figure_when_empty() -> None:
    figure = charts.build_lane_figure(pd.DataFrame(), size_column="articles", title="T", unit="x")
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "Nothing to place on the time axis."


def test_figures_figure_puts_undated_figures_beside_the_axis(seeds) -> None:
    killed = figure_series.select_kinds(seeds.figures, ["killed"])
    figure = charts.build_figures_figure(killed)
    lines = [trace for trace in figure.data if trace.mode == "lines"]
    assert [list(line.y) for line in lines] == [[27000.0, 32400.0]]
    undated = [trace for trace in figure.data if trace.mode == "markers" and trace.xaxis == "x2"]
    values = sorted(value for trace in undated for value in trace.y)
    assert values == [430.0, 1200.0, 49500.0]
    assert {x for trace in undated for x in trace.x} == {"(unknown outlet)"}
    assert figure.layout.xaxis2.type == "category"
    assert figure.layout.yaxis.type == "log"  # 430 to 49,500: more than two powers of ten
    assert figure.layout.yaxis.dtick == 1 and figure.layout.yaxis.tickformat == "~s"  # 100, 1k, 10k, 100k
    assert figure.layout.yaxis.title.text == "value (log scale)"
    toll = next(
        row for trace in undated for row in trace.customdata if row[0].startswith("fig|") and "49,500" in row[1]
    )
    assert "article undated; names dates up to 2023-10-07" in toll[4]
    diamonds = {trace.marker.symbol for trace in undated if 430.0 in trace.y}
    assert diamonds == {"diamond-open"}


def test_figures_figure_bounds_points(seeds) -> None:
    figure = charts.build_figures_figure(seeds.figures, max_points=5)
    shown = sum(len(trace.y) for trace in figure.data if trace.mode == "markers")
    assert shown == 5
    assert figure.layout.title.subtitle.text.endswith(f"showing 5 of {len(seeds.figures)} figures")


def test_mentions_figure_small_multiples(seed_corpus, seeds) -> None:
    counts = timeline.build_mention_counts(seed_corpus, Filters(), seeds.sentence_dates,
                                           ("Hamas", "Israel"), "month", "article")
    figure = charts.build_mentions_figure(counts)
    titles = [annotation.text for annotation in figure.layout.annotations]
    assert titles == ["All Israel News", "Anadolu Agency", "The Times of Israel"]
    assert sorted({trace.name for trace in figure.data}) == ["Hamas", "Israel"]
    unplaced = int(counts.loc[counts["period"].isna(), "mentions"].sum())
    assert figure.layout.title.subtitle.text.endswith(f"{unplaced} mentions could not be placed in time")
    assert figure.data[0].customdata[0][0].startswith("mention|month|article|All Israel News|")


def test_mentions_figure_caps_the_number_of_outlets(seed_corpus, seeds) -> None:
    counts = timeline.build_mention_counts(seed_corpus, Filters(), seeds.sentence_dates,
                                           ("Hamas",), "month", "article")
    figure = charts.build_mentions_figure(counts, max_outlets=2)
    assert [annotation.text for annotation in figure.layout.annotations] == [
        "All Israel News", "The Times of Israel"]
    assert figure.layout.title.subtitle.text.endswith(
        "showing the 2 of 3 outlets with most mentions")


def test_figures_figure_keeps_a_linear_axis_when_values_are_close(seeds) -> None:
    figures = seeds.figures
    close = figures[figures["value"].between(10, 500)]
    if close.empty or close["value"].max() / close["value"].min() >= charts.LOG_SPREAD:
        pytest.skip("the seeds have no kind with values this close")
    figure = charts.build_figures_figure(close.assign(kind="one kind"))
    assert figure.layout.yaxis.type == "linear"
    assert figure.layout.yaxis.title.text == "value"
