"""A loaded corpus is served without its build lock (H2), and what an unauthenticated websocket client
can still do, clearing every cache (M4), costs a reload from disk, never data or a visitor's parse."""

from __future__ import annotations

import threading

import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.store import jobs
from lib.ui.loading import corpus_shelf
from tests.conftest import ROOT

DASHBOARD = str(ROOT / "dashboard.py")


def articles(at: AppTest) -> str:
    return next(metric.value for metric in at.metric if metric.label == "Articles")


def test_a_loaded_corpus_is_served_while_a_build_holds_the_lock(app_env) -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert not at.exception and articles(at) == "5"
    shelf = corpus_shelf()
    assert shelf.corpora  # the shelf the app itself filled
    assert shelf.lock.acquire(timeout=10)  # another corpus is being built, for as long as it takes
    try:
        finished = threading.Event()

        def visit() -> None:
            again = AppTest.from_file(DASHBOARD, default_timeout=60).run()
            assert not again.exception and articles(again) == "5"
            finished.set()

        visitor = threading.Thread(target=visit)
        visitor.start()
        visitor.join(timeout=90)
        assert finished.is_set(), "a page whose corpus was loaded waited on the build lock"
    finally:
        shelf.lock.release()


def test_clearing_every_cache_costs_a_reload_from_disk(app_env, tmp_path, monkeypatch) -> None:
    # M4: Streamlit's "clear cache" message (accepted from any websocket client, before any login)
    # empties st.cache_data and st.cache_resource for every visitor. The app must come back whole.
    monkeypatch.setenv("WORKSPACE_DIR", str(tmp_path))
    before = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    folder = tmp_path / "a-workspace"
    folder.mkdir()
    jobs.write_status(folder, jobs.JobStatus("running", "sig", 4, 10, "parsing"))
    st.cache_data.clear()
    st.cache_resource.clear()
    after = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert not after.exception
    assert articles(after) == articles(before) == "5"
    assert [m.value for m in after.metric] == [m.value for m in before.metric]
    assert jobs.read_status(folder) == jobs.JobStatus("running", "sig", 4, 10, "parsing")  # kept on disk


def test_the_readme_says_what_the_in_script_password_cannot_stop() -> None:
    hosting = (ROOT / "README.md").read_text(encoding="utf-8").split("## Hosting", 1)[1]
    for words in ("clear every cache", "upload files into server memory", "`st.login`", "reverse proxy",
                  "`Authlib>=1.3.2`", "/_stcore/stream"):
        assert words in hosting
