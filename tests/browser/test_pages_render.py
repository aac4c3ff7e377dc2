"""Every page renders in a real browser with its charts and without an exception."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS, wait_for_app

PAGES = [
    ("", "overview", 2),
    ("Entities?entity=Yoav+Gallant", "entities", 2),
    ("Entities?en_tab=Network", "entities-network", 1),
    ("Framing", "framing", 2),
    ("Framing?fr_tab=Naming", "framing-naming", 1),
    ("Timeline", "timeline", 1),
    ("Timeline?tl_tab=Reported+figures&tl_kinds=killed&tl_kinds=hostages+held", "timeline-figures", 1),
    ("Article?article={anadolu}&entity=Yoav+Gallant", "article", 0),
    ("Corpus", "corpus", 0),
    ("Metadata", "metadata", 0),
    ("Stories", "stories", 0),
]


@pytest.mark.browser
@pytest.mark.parametrize(("path", "name", "charts"), PAGES)
def test_page_renders(page, server, seed_corpus, path: str, name: str, charts: int) -> None:
    outlets = seed_corpus.documents.set_index("outlet")["doc_id"]
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server.url}/{path.format(anadolu=outlets['Anadolu Agency'])}")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    if charts:
        page.wait_for_function(
            "(n) => document.querySelectorAll('.js-plotly-plot').length >= n", arg=charts, timeout=60_000
        )
    assert page.locator(".js-plotly-plot").count() >= charts
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
def test_outlet_filter_link_is_reproduced_in_a_new_context(browser, server) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/?outlet=Anadolu+Agency")
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Showing 1 of 5 articles" in sidebar.inner_text()
    assert "Anadolu Agency" in sidebar.inner_text()
    context.close()
