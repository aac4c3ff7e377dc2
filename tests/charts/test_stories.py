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
