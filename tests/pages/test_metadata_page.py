"""AppTest of the metadata editor: least certain first, a page of rows at a time, a search, edits kept
across pages until saved (where they belong, shown at once) or discarded."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis import metadata_review
from lib.analysis.filters import Filters
from lib.ui import state
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "6_Metadata.py")


def edit_row(at: AppTest, row: int = 0, **changes: str) -> AppTest:
    """Type values into one row of the editor's page, as the browser sends them."""
    at.session_state[at.data_editor[0].key] = {"edited_rows": {row: changes}, "added_rows": [], "deleted_rows": []}
    return at.run()


def edit_first_row(at: AppTest, **changes: str) -> AppTest:
    return edit_row(at, 0, **changes)


def editor_rows(at: AppTest):
    """The rows the editor shows (the unsaved edits of its articles in place)."""
    assert len(at.data_editor) == 1
    return at.data_editor[0].value


def caption_with(at: AppTest, start: str) -> str:
    return next(c.value for c in at.caption if c.value.startswith(start))


@pytest.fixture()
def writable(app_env, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORPUS_DIR", str(corpus_copy))
    return corpus_copy


def saved_rows(folder: Path) -> dict[str, dict[str, str]]:
    """The rows of the folder's metadata.csv, by file."""
    with (folder / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


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
    rows = saved_rows(writable)
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
    assert editor_rows(other).set_index("key").loc[file, "outlet"] == ""


def review_keys(corpus) -> list[str]:
    return metadata_review.review_corpus_metadata(corpus, Filters())["key"].tolist()


def test_a_page_of_rows_at_a_time(app_env, seed_corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata_review, "PAGE_ROWS", 2)
    keys = review_keys(seed_corpus)
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    assert editor_rows(at)["key"].tolist() == keys[:2]
    assert caption_with(at, "Rows").startswith("Rows 1–2 of 5")
    assert at.number_input(key=state.META_PAGE).max == 3
    at.number_input(key=state.META_PAGE).set_value(2).run()
    assert editor_rows(at)["key"].tolist() == keys[2:4]
    assert caption_with(at, "Rows").startswith("Rows 3–4 of 5")
    assert at.query_params[state.META_PAGE] == "2"
    at.number_input(key=state.META_PAGE).set_value(3).run()
    assert editor_rows(at)["key"].tolist() == keys[4:]
    assert caption_with(at, "Rows").startswith("Rows 5–5 of 5")


@pytest.mark.parametrize(("linked", "shown"), [("2", 2), ("99", 3), ("two", 1)])
def test_a_link_opens_its_page_or_the_nearest(app_env, seed_corpus, monkeypatch: pytest.MonkeyPatch,
                                              linked: str, shown: int) -> None:
    monkeypatch.setattr(metadata_review, "PAGE_ROWS", 2)
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.query_params[state.META_PAGE] = linked
    at.run()
    assert not at.exception
    assert at.number_input(key=state.META_PAGE).value == shown
    assert editor_rows(at)["key"].tolist() == review_keys(seed_corpus)[(shown - 1) * 2:shown * 2]


def test_find_articles_by_outlet_or_file_name(app_env, seed_corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata_review, "PAGE_ROWS", 2)
    documents = seed_corpus.documents
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    at.number_input(key=state.META_PAGE).set_value(3).run()
    at.text_input(key=state.META_FIND).input("anadolu").run()
    assert not at.exception
    assert editor_rows(at)["key"].tolist() == documents.loc[documents["outlet"] == "Anadolu Agency", "file"].tolist()
    assert at.number_input(key=state.META_PAGE).value == 1  # a new search starts on its first page
    assert caption_with(at, "Rows").startswith("Rows 1–1 of 1, matching the search")
    file = review_keys(seed_corpus)[-1]
    at.text_input(key=state.META_FIND).input(file).run()
    assert editor_rows(at)["key"].tolist() == [file]
    at.text_input(key=state.META_FIND).input("no such words anywhere").run()
    assert not at.exception and editor_rows(at).empty
    assert caption_with(at, "No article").startswith("No article to show")


def test_a_link_opens_its_search(app_env, seed_corpus) -> None:
    file = review_keys(seed_corpus)[-1]
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.query_params[state.META_FIND] = file
    at.run()
    assert not at.exception
    assert at.text_input(key=state.META_FIND).value == file
    assert editor_rows(at)["key"].tolist() == [file]


def test_edits_are_kept_across_pages_and_saved_together(writable: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata_review, "PAGE_ROWS", 2)
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    first = editor_rows(at).iloc[0]["key"]
    edit_row(at, 0, outlet="Example Gazette")
    at.number_input(key=state.META_PAGE).set_value(2).run()
    second = editor_rows(at).iloc[1]["key"]
    edit_row(at, 1, author="Jane Doe")
    at.number_input(key=state.META_PAGE).set_value(1).run()
    assert editor_rows(at).set_index("key").loc[first, "outlet"] == "Example Gazette"  # still there, unsaved
    at.text_input(key=state.META_FIND).input(second).run()
    assert editor_rows(at).set_index("key").loc[second, "author"] == "Jane Doe"
    assert not (writable / "metadata.csv").exists()
    assert at.button(key="save_metadata").label == "Save all 2 changed article(s)"
    at.button(key="save_metadata").click().run()
    assert not at.exception
    rows = saved_rows(writable)
    assert rows[first]["outlet"] == "Example Gazette" and rows[second]["author"] == "Jane Doe"
    assert [s.value for s in at.success] == ["Saved 2 article(s). Every view now uses the new values."]
    assert editor_rows(at).set_index("key").loc[second, "author_source"] == "sidecar (set in the app)"
    assert at.button(key="save_metadata").disabled


def test_discard_all_forgets_the_edits_of_every_page(writable: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata_review, "PAGE_ROWS", 2)
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    shown = editor_rows(at)
    edit_row(at, 0, outlet="Example Gazette")
    at.number_input(key=state.META_PAGE).set_value(2).run()
    edit_row(at, 0, title="A new title")
    assert at.button(key="save_metadata").label == "Save all 2 changed article(s)"
    at.button(key="discard_metadata").click().run()
    assert not at.exception
    assert at.button(key="save_metadata").disabled and at.button(key="discard_metadata").disabled
    at.number_input(key=state.META_PAGE).set_value(1).run()
    assert editor_rows(at)["outlet"].tolist() == shown["outlet"].tolist()
    assert at.button(key="save_metadata").label == "Save all 0 changed article(s)"
    assert not (writable / "metadata.csv").exists()
