"""A click on a chart shows the evidence behind it inside the viewport, at 1440 x 900."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS, wait_for_app

VIEWPORT = {"width": 1440, "height": 900}


def dialog_in_view(page) -> str:
    """The open dialog's text, once it is drawn and wholly inside the viewport."""
    dialog = page.locator('[role="dialog"]')
    dialog.wait_for(state="visible", timeout=60_000)
    page.wait_for_function(
        """() => { const d = document.querySelector('[role="dialog"]');
                   return d && !d.querySelector('[data-testid="stSkeleton"]')
                          && d.querySelector('[data-testid="stDataFrame"]'); }""",
        timeout=60_000,
    )
    box = dialog.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] < VIEWPORT["height"] - 200  # its top and content are on screen
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"]
    return dialog.inner_text()


def click_first_mark(page, url: str, selector: str) -> str:
    """Open a view at 1440 x 900, click its chart's first mark and return the dialog's text (in view)."""
    page.set_viewport_size(VIEWPORT)
    page.goto(url)
    wait_for_app(page)
    page.locator(selector).first.click(force=True)
    return dialog_in_view(page)


@pytest.mark.browser
def test_clicking_a_ranking_bar_shows_the_entity_profile_in_view(page, server) -> None:
    text = click_first_mark(page, f"{server.url}/Entities", ".js-plotly-plot .barlayer .point path")
    entity = page.evaluate("() => new URL(location.href).searchParams.get('entity')")
    assert entity and entity in text
    assert "Every sentence that mentions it" in text
    assert "Mentions" in text
    page.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "entities-click.png"))


@pytest.mark.browser
def test_clicking_a_timeline_point_shows_its_sentences_in_view(page, server) -> None:
    text = click_first_mark(page, f"{server.url}/Timeline", ".js-plotly-plot .scatterlayer .point")
    assert "Articles published" in text
