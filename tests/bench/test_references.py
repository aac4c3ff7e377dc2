"""The reference pages of bench/browser.py draw what they claim to (run under AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

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
