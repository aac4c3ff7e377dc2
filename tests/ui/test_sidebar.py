"""The shared sidebar: the date filter follows the corpus, filters say what they hide, "only my articles"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.ingest import workspace as spaces
from lib.ui import state
from tests.conftest import ROOT
from tests.pages.test_corpus_page import wait_for_parse

PAGE = str(ROOT / "dashboard.py")


def write_upload(folder: Path, name: str, day: str) -> None:
    (folder / name).write_text(
        f"Published {day}\n\nTalks on the truce resumed in Cairo, mediators said on Tuesday, "
        "and delegations from both sides were expected to return next week.\n", encoding="utf-8",
    )


@pytest.fixture()
def workspace(app_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> spaces.Workspace:
    """A visitor's workspace (their own articles, parsed in the background)."""
    root = tmp_path / "workspaces"
    monkeypatch.setenv("WORKSPACE_DIR", str(root))
    return spaces.open_workspace(spaces.new_token(), root=root, create=True)


def join(at: AppTest, found: spaces.Workspace) -> AppTest:
    """Open the visitor's link, wait for their articles to be parsed, and show the views again."""
    at.query_params[state.WORKSPACE] = found.token
    at.run()
    assert wait_for_parse(found.folder.parent).state == "done"
    return at.run()


def sidebar_text(at: AppTest) -> str:
    return " ".join(c.value for c in at.sidebar.caption)


def test_the_date_range_widens_when_later_articles_are_added(workspace: spaces.Workspace) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    first, last = at.date_input(key=state.DATE_RANGE).value
    assert last < date(2025, 6, 1)
    for number, day in enumerate(("June 2, 2025", "July 3, 2025", "August 4, 2025")):
        write_upload(workspace.files, f"later-{number}.txt", day)
    join(at, workspace)
    assert not at.exception
    assert at.date_input(key=state.DATE_RANGE).value == (first, date(2025, 8, 4))
    assert "**Showing** 8 of 8 articles" in sidebar_text(at)


def test_a_narrowed_range_stays_narrowed(workspace: spaces.Workspace) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    first, last = at.date_input(key=state.DATE_RANGE).value
    at.date_input(key=state.DATE_RANGE).set_value((first, first)).run()
    write_upload(workspace.files, "later.txt", "June 2, 2025")
    join(at, workspace)
    assert at.date_input(key=state.DATE_RANGE).value == (first, first)
    assert "the date range hides" in sidebar_text(at)


def test_filters_say_how_many_articles_they_hide(app_env) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    at.multiselect(key=state.OUTLETS).set_value(["Ynetnews"]).run()
    assert "the outlet filter hides 4 articles" in sidebar_text(at)


def test_only_my_articles_leaves_the_shared_corpus_out(workspace: spaces.Workspace) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not [t for t in at.sidebar.toggle if t.key == state.MINE]  # no switch without articles of yours
    write_upload(workspace.files, "mine.txt", "June 2, 2025")
    join(at, workspace)
    at.toggle(key=state.MINE).set_value(True).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"
    assert "“Only my articles” hides 5 articles" in sidebar_text(at)
