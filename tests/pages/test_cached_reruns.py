"""A rerun with the same filters (a click that changes no data) recomputes nothing and copies no big table.

At 100,000 articles a tab's cached run must take at most 0.3 s (``bench/tabs.py``). What made some take
more: a table unpickled from ``st.cache_data`` on every rerun (quotes, naming evidence, the role ledger),
an uncached lookup of every article id in view (the tone view's outlet picker), or work redone on each
rerun (relabelling the not-counted mentions; picking and sorting the Timeline's date expressions and
reading the sentences of the rows shown). Each is counted here on the seeds: the second run calls nothing
the first did, and gets the very table the first kept.
"""

from __future__ import annotations

from collections import Counter

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.analysis import framing, mentions, review, timeline, timeline_queries
from lib.analysis.filters import Filters, select_doc_ids
from lib.records import LABEL_WORDS
from lib.ui import app, state
from lib.ui import review as review_ui
from tests.conftest import ROOT


@pytest.fixture()
def calls() -> Counter:
    """Calls of the functions ``count`` wraps, with every cache emptied first."""
    st.cache_data.clear()
    st.cache_resource.clear()
    return Counter()


def count(monkeypatch: pytest.MonkeyPatch, calls: Counter, module: object, name: str) -> None:
    """Count the calls of ``module.name`` (what the pages and lib call at run time)."""
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def run_twice(page: str, key: str, tab: str, calls: Counter) -> tuple[AppTest, Counter]:
    """Run a tab, then rerun it as a widget click that changes no data does; the calls of each run."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=240)
    at.query_params[key] = tab
    at.run()
    assert not at.exception, [item.value for item in at.exception]
    first = Counter(calls)
    at.run()
    assert not at.exception, [item.value for item in at.exception]
    return at, calls - first


@pytest.mark.parametrize(("tab", "summary"), [("Who is quoted", "summarise_quotes_view"),
                                               ("Naming", "summarise_naming_view")])
def test_a_rerun_of_a_framing_tab_gets_the_kept_evidence_not_a_copy(app_env, calls, monkeypatch, tab: str,
                                                                   summary: str) -> None:
    count(monkeypatch, calls, framing, summary)
    seen = []
    pick = framing.pick_rows
    monkeypatch.setattr(framing, "pick_rows", lambda frame, *args: seen.append(frame) or pick(frame, *args))
    _, again = run_twice("pages/2_Framing.py", state.FRAMING_TAB, tab, calls)
    assert calls[summary] == 1 and not again
    assert len(seen) == 2 and seen[0] is seen[1] and len(seen[0]) > 0


def test_a_rerun_of_tone_filters_no_article_again(app_env, seed_corpus, calls, monkeypatch) -> None:
    count(monkeypatch, calls, framing, "list_view_outlets")
    at, again = run_twice("pages/2_Framing.py", state.FRAMING_TAB, "Tone", calls)
    assert calls["list_view_outlets"] == 1 and not again
    assert at.selectbox(key=state.FRAMING_TONE_OUTLET).options == [
        "(unknown outlet)", "All Israel News", "Anadolu Agency", "The Times of Israel", "Ynetnews"]


def test_the_tone_outlets_are_those_of_the_articles_in_view(seed_corpus) -> None:
    documents = seed_corpus.documents
    for filters in (Filters(), Filters(outlets=("Anadolu Agency", "Ynetnews"))):
        shown = documents[documents["doc_id"].isin(select_doc_ids(documents, filters))]
        assert framing.list_view_outlets(seed_corpus, filters) == framing.list_outlets(shown)


def record_tables(monkeypatch: pytest.MonkeyPatch, module: object) -> dict[str, list]:
    """The frames ``module.show_evidence`` is given, by table key."""
    seen: dict[str, list] = {}
    show = module.show_evidence

    def recording(frame, **options):
        seen.setdefault(options["key"], []).append(frame)
        return show(frame, **options)

    monkeypatch.setattr(module, "show_evidence", recording)
    return seen


def test_a_rerun_of_the_role_ledger_gets_the_kept_ledger(app_env, calls, monkeypatch) -> None:
    count(monkeypatch, calls, mentions, "summarise_roles")
    seen = record_tables(monkeypatch, app)
    _, again = run_twice("pages/1_Entities.py", state.ENTITY_TAB, "Role ledger", calls)
    assert calls["summarise_roles"] == 1 and not again
    first, second = seen["role_ledger_table"]
    assert first is second and len(first) > 0


def test_a_rerun_of_review_relabels_nothing_again(app_env, calls, monkeypatch) -> None:
    count(monkeypatch, calls, review, "list_not_counted")
    seen = record_tables(monkeypatch, review_ui)
    at, again = run_twice("pages/1_Entities.py", state.ENTITY_TAB, "Review", calls)
    assert calls["list_not_counted"] == 1 and not again
    first, second = seen["not_counted_table"]
    assert first is second
    shown = next(frame.value for frame in at.dataframe if "counted_as" in frame.value.columns)
    assert len(shown) > 0 and set(shown["label"]) <= set(LABEL_WORDS.values())


def test_a_rerun_of_dates_named_picks_and_reads_nothing_again(app_env, calls, monkeypatch) -> None:
    count(monkeypatch, calls, timeline, "events_in_range")
    count(monkeypatch, calls, timeline_queries, "query_sentence_texts")
    at, again = run_twice("pages/3_Timeline.py", state.TIMELINE_TAB, "Dates named in the text", calls)
    assert calls["events_in_range"] == 1 and calls["query_sentence_texts"] == 2  # resolved, then not placed
    assert not again
    shown = next(frame.value for frame in at.dataframe if {"date_start", "sentence"} <= set(frame.value.columns))
    assert len(shown) > 0 and shown["sentence"].str.len().gt(0).all()


def test_a_rerun_of_reported_figures_reads_no_sentence_again(app_env, calls, monkeypatch) -> None:
    count(monkeypatch, calls, timeline_queries, "query_figure_sentences")
    _, again = run_twice("pages/3_Timeline.py", state.TIMELINE_TAB, "Reported figures", calls)
    assert calls["query_figure_sentences"] >= 1 and not again
