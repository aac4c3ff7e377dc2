"""The Timeline's evidence tables: a download given a callable picks its rows only when clicked, the rows
the table shows, each with its sentence."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.ui import app, state
from tests.conftest import ROOT


def test_the_resolved_dates_download_picks_the_rows_shown_when_clicked(app_env, monkeypatch) -> None:
    downloads = {}
    monkeypatch.setattr(app, "download_csv_parts", lambda parts, name, **options: downloads.setdefault(name, parts))
    at = AppTest.from_file(str(ROOT / "pages/3_Timeline.py"), default_timeout=240)
    at.query_params[state.TIMELINE_TAB] = "Dates named in the text"
    at.run()
    assert not at.exception
    shown = next(frame.value for frame in at.dataframe
                 if {"date_start", "sentence", "text"} <= set(frame.value.columns))
    written = pd.concat(list(downloads["timeline_events"]()), ignore_index=True)
    assert len(written) == len(shown) > 0
    assert written["text"].tolist() == shown["text"].tolist()
    assert written["sentence"].tolist() == shown["sentence"].tolist()
