"""No view reads the corpus's big tables whole: sentences and mentions are queried through the engine.

At 100,000 articles the sentences table holds 1.5 million rows and the mentions table 4.2 million;
a view that reads either into pandas costs gigabytes. Every page and every tab runs here on the
seeds with such reads recorded (the page still gets the table, so one read fails one test, not the
rest of the page).
"""

from __future__ import annotations

import traceback

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.store.corpus import Corpus
from lib.ui import state
from tests.conftest import ROOT

BIG_TABLES = ("sentences", "mentions")

VIEWS = [
    ("dashboard.py", None, None),
    *[("pages/1_Entities.py", state.ENTITY_TAB, tab)
      for tab in ("Ranking", "Share of each outlet", "Network", "Role ledger", "Review")],
    *[("pages/2_Framing.py", state.FRAMING_TAB, tab)
      for tab in ("Distinctive terms", "Naming", "Who is quoted", "Attribution & hedging", "Frames", "Tone",
                  "Concordance", "Headlines & ledes")],
    *[("pages/3_Timeline.py", state.TIMELINE_TAB, tab)
      for tab in ("Publication", "Dates named in the text", "Reported figures", "Mentions over time")],
    ("pages/4_Article.py", None, None),
    ("pages/5_Corpus.py", None, None),
    ("pages/6_Metadata.py", None, None),
    ("pages/7_Stories.py", None, None),
]


@pytest.fixture()
def whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read of a big table whole, with where it came from (no view's result cached from an
    earlier test, so each view computes what it shows)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    found: list[str] = []
    table = Corpus.table

    def recording(self: Corpus, name: str, columns: list[str] | None = None):
        if name in BIG_TABLES:
            caller = "".join(traceback.format_stack(limit=6)[:-1])
            found.append(f"{name} {columns or 'every column'} read whole from\n{caller}")
        return table(self, name, columns)

    monkeypatch.setattr(Corpus, "table", recording)
    return found


@pytest.mark.parametrize(("page", "key", "tab"), VIEWS, ids=[f"{p}:{t}" if t else p for p, _, t in VIEWS])
def test_no_view_reads_sentences_or_mentions_whole(app_env, whole_reads: list[str], page: str,
                                                   key: str | None, tab: str | None) -> None:
    at = AppTest.from_file(str(ROOT / page), default_timeout=240)
    if key:
        at.query_params[key] = tab
    at.run()
    assert not at.exception
    assert not whole_reads, "\n".join(whole_reads)


def test_an_entity_profile_and_an_article_read_no_table_whole(app_env, seed_corpus,
                                                             whole_reads: list[str]) -> None:
    at = AppTest.from_file(str(ROOT / "pages/1_Entities.py"), default_timeout=240)
    at.query_params[state.ENTITY] = "Hamas"
    at.run()
    assert not at.exception
    reader = AppTest.from_file(str(ROOT / "pages/4_Article.py"), default_timeout=240)
    reader.query_params[state.ARTICLE] = str(seed_corpus.documents["doc_id"].iloc[0])
    reader.run()
    assert not reader.exception
    assert not whole_reads, "\n".join(whole_reads)


@pytest.mark.parametrize("params", [
    {state.FRAMING_TAB: "Concordance", state.FRAMING_QUERY: "ceasefire", state.FRAMING_QUERY_MODE: "words"},
    {state.FRAMING_TAB: "Distinctive terms", state.FRAMING_TERM: "hostage"},
    {state.FRAMING_TAB: "Naming", state.FRAMING_ACTOR: "Hamas"},
], ids=["concordance", "term", "naming"])
def test_framing_evidence_reads_no_table_whole(app_env, whole_reads: list[str], params: dict[str, str]) -> None:
    at = AppTest.from_file(str(ROOT / "pages/2_Framing.py"), default_timeout=240)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert not whole_reads, "\n".join(whole_reads)


def test_a_story_reads_no_table_whole(app_env, copied_folder, copied_corpus, whole_reads: list[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_DIR", str(copied_folder))
    at = AppTest.from_file(str(ROOT / "pages/7_Stories.py"), default_timeout=240).run()
    assert not at.exception
    assert at.selectbox(key=state.STORY).options  # a story of two articles is shown, with its ledes
    assert not whole_reads, "\n".join(whole_reads)
