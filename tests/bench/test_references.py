"""The reference pages of bench/browser.py draw what they claim to (run under AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.frame import MOST_CHARTS, read_chart_count
from bench.hello import FIRST, LAST
from tests.conftest import ROOT


def test_hello_draws_one_chart_and_nothing_else() -> None:
    at = AppTest.from_file(str(ROOT / "bench" / "hello.py")).run()
    assert not at.exception
    assert [child.type for child in at.main.children.values()] == ["plotly_chart"]
    assert not at.sidebar.children


def test_hello_adds_each_named_element_above_the_chart() -> None:
    at = AppTest.from_file(str(ROOT / "bench" / "hello.py"))
    at.query_params["add"] = "multiselect,date_input,checkbox,nonsense"
    at.run()
    assert not at.exception
    assert at.multiselect(key="multiselect").label == "Outlets"
    assert at.date_input(key="date_input").value == (FIRST, LAST)
    assert at.checkbox(key="checkbox").value is True
    assert len(at.get("plotly_chart")) == 1


def test_frame_is_the_shared_sidebar_and_one_chart(app_env) -> None:
    at = AppTest.from_file(str(ROOT / "bench" / "frame.py"), default_timeout=180).run()
    assert not at.exception
    assert at.sidebar.multiselect[0].label == "Outlets"
    assert [link.label for link in at.sidebar.get("page_link")] == [
        "Overview", "Entity mentions", "Source framing", "Timeline", "Article reader", "Stories", "Your articles",
        "Metadata",
    ]
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("charts", [0, 3])
def test_frame_draws_as_many_charts_as_asked(app_env, charts: int) -> None:
    at = AppTest.from_file(str(ROOT / "bench" / "frame.py"), default_timeout=180)
    at.query_params["charts"] = str(charts)
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect[0].label == "Outlets"
    assert len(at.get("plotly_chart")) == charts
    assert [child.type for child in at.main.children.values()].count("plotly_chart") == charts


@pytest.mark.parametrize(("value", "charts"), [
    (None, 1), ("", 1), ("2", 2), ("0", 0), (str(MOST_CHARTS), MOST_CHARTS), (str(MOST_CHARTS + 1), 1),
    ("-1", 1), ("two", 1),
])
def test_a_chart_count_out_of_range_draws_one(value: str | None, charts: int) -> None:
    assert read_chart_count(value) == charts
