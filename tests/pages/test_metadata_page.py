"""AppTest of the metadata editor: least certain first, an edit saved where it belongs and shown at once."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.ui import state
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "6_Metadata.py")


def edit_first_row(at: AppTest, **changes: str) -> AppTest:
    at.session_state["metadata_editor"] = {"edited_rows": {0: changes}, "added_rows": [], "deleted_rows": []}
    return at.run()


def editor_rows(at: AppTest):
    return at.data_editor(key="metadata_editor").value


@pytest.fixture()
def writable(app_env, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORPUS_DIR", str(corpus_copy))
    return corpus_copy


def test_the_article_without_an_outlet_comes_first(app_env, seed_corpus) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    rows = editor_rows(at)
    assert len(rows) == 5 and rows.iloc[0]["outlet"] == ""
    assert {m.label: m.value for m in at.metric}["No outlet"] == "1"
    documents = seed_corpus.documents
    weak = pd.Series(False, index=documents.index)
    for field in ("title", "outlet", "author", "published"):
        weak |= documents[field].eq("") | documents[f"{field}_confidence"].isin(["none", "low"])
    at.toggle(key=state.META_WEAK).set_value(True).run()
    assert sorted(editor_rows(at)["key"]) == sorted(documents.loc[weak, "file"])


def test_an_outlet_set_in_the_app_is_saved_to_metadata_csv_and_shown(writable: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    file = editor_rows(at).iloc[0]["key"]
    edit_first_row(at, outlet="Example Gazette")
    at.button(key="save_metadata").click().run()
    assert not at.exception
    with (writable / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    assert rows[file]["outlet"] == "Example Gazette" and rows[file]["source"] == "set in the app"
    assert [s.value for s in at.success] == ["Saved 1 article(s). Every view now uses the new values."]
    shown = editor_rows(at).set_index("key")
    assert shown.loc[file, "outlet"] == "Example Gazette"
    assert shown.loc[file, "outlet_source"] == "sidecar (set in the app)"


def test_read_only_keeps_an_edit_for_this_visitor_only(writable: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READ_ONLY", "1")
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    file = editor_rows(at).iloc[0]["key"]
    edit_first_row(at, outlet="Example Gazette", published="not a date")
    at.button(key="save_metadata").click().run()
    assert not at.exception
    assert not (writable / "metadata.csv").exists()
    assert [e.value for e in at.error] == [f"{file}: 'not a date' is not a date (write it as 2024-05-31); not saved"]
    shown = editor_rows(at).set_index("key")
    assert shown.loc[file, "outlet"] == "Example Gazette"
    assert shown.loc[file, "outlet_source"] == "set in the app (for you only)"
    other = AppTest.from_file(PAGE, default_timeout=180).run()  # another visitor
    assert other.data_editor(key="metadata_editor").value.set_index("key").loc[file, "outlet"] == ""
