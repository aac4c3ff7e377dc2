"""The Timeline's CSV downloads, written part by part with their sentences, in a real browser: byte for
byte the CSV of the table that held every sentence (the pandas path of ``test_engine_timeline``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.analysis.csvsafe import to_safe_csv
from lib.analysis.filters import Filters
from tests.analysis.test_engine_timeline import pandas_timeline
from tests.browser.conftest import wait_for_app


@pytest.mark.browser
@pytest.mark.parametrize(("tab", "button", "name", "field"), [
    ("Dates+named+in+the+text", "Download every date expression (CSV)", "timeline_all_date_expressions", "events"),
    ("Reported+figures", "Download every figure (CSV)", "timeline_figures", "figures"),
])
def test_timeline_downloads_hold_every_row_with_its_sentence(page, server, seed_corpus, tab: str, button: str,
                                                             name: str, field: str) -> None:
    page.goto(f"{server.url}/Timeline?tl_tab={tab}")
    wait_for_app(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    assert download.value.suggested_filename == f"{name}.csv"
    written = Path(download.value.path()).read_bytes().decode("utf-8")
    expected = pandas_timeline(seed_corpus, Filters())[field]
    assert "sentence" in expected and len(expected) > 0
    assert written == to_safe_csv(expected)
