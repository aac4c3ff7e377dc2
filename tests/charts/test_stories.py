"""Tests for the Stories figure: one mark per outlet, in the corpus's outlet colours."""

from __future__ import annotations

import pandas as pd

from lib.charts.colours import UNKNOWN_GREY, build_outlet_colours
from lib.charts.stories import build_story_timeline_figure
from lib.records import UNKNOWN_OUTLET_LABEL


def test_story_marks_use_the_corpus_colours() -> None:
    timeline = pd.DataFrame({
        "outlet": ["B", UNKNOWN_OUTLET_LABEL], "published": pd.to_datetime(["2024-03-01", "2024-03-03"]),
        "first": [True, False], "days_after": [0, 2], "doc_id": ["b1", "u1"], "title": ["One", "Two"],
    })  # fmt: skip
    colours = build_outlet_colours(["A", "B"])  # B is the corpus's second outlet, whatever the story holds
    figure = build_story_timeline_figure(timeline, colours=colours)
    drawn = {trace.name: trace.marker.color for trace in figure.data}
    assert drawn == {"B": colours["B"], UNKNOWN_OUTLET_LABEL: UNKNOWN_GREY}
    assert colours["B"] != build_outlet_colours(["B"])["B"]  # not the colour B would get on its own
    assert [trace.text[0] for trace in figure.data] == ["first report", "+2 days"]


def story_on(dates: list[str]) -> pd.DataFrame:
    return pd.DataFrame({
        "outlet": [f"O{i}" for i in range(len(dates))], "published": pd.to_datetime(dates),
        "first": [i == 0 for i in range(len(dates))], "days_after": list(range(len(dates))),
        "doc_id": [f"d{i}" for i in range(len(dates))], "title": ["T"] * len(dates),
    })  # fmt: skip


def test_a_story_reported_on_one_day_gets_a_days_axis() -> None:
    axis = build_story_timeline_figure(story_on(["2024-10-02"])).layout.xaxis
    start, end = (pd.Timestamp(value) for value in axis.range)
    assert (start, end) == (pd.Timestamp("2024-09-30"), pd.Timestamp("2024-10-04"))  # two days either side
    assert axis.dtick == 86_400_000  # a tick a day, not hours and milliseconds
    title = build_story_timeline_figure(story_on(["2024-10-02"])).layout.title.text
    assert "n = 1 outlet with a dated article" in title


def test_a_long_story_keeps_plotlys_own_ticks_and_room_at_both_ends() -> None:
    axis = build_story_timeline_figure(story_on(["2024-01-01", "2024-03-01"])).layout.xaxis
    start, end = (pd.Timestamp(value) for value in axis.range)
    assert start < pd.Timestamp("2024-01-01") - pd.Timedelta(days=4) and end > pd.Timestamp("2024-03-05")
    assert axis.dtick is None
