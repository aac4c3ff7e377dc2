"""Source framing in a real browser: a click on a term opens its sentences beside the chart, and the URL keeps it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_app


@pytest.mark.browser
@pytest.mark.parametrize(("chart", "marks"), [(0, ".scatterlayer .trace path.point"), (1, ".barlayer .point path")])
def test_a_clicked_term_shows_its_sentences_in_its_tab(page, server, chart: int, marks: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server.url}/Framing")
    wait_for_app(page)
    plot = page.locator(".js-plotly-plot").nth(chart)
    mark = plot.locator(marks).first
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.href.includes('fr_term=')", timeout=60_000)
    wait_for_app(page)
    panel = page.locator('[data-testid="stTabs"] [role="tabpanel"]:visible')
    assert panel.locator('[data-testid="stDataFrame"]').count() == 1
    assert "sentence" in panel.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
