"""AppTest of the overview page on the seed corpus."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from lib.analysis import overview
from lib.ui import state
from lib.ui.escaping import escape_markdown
from lib.ui.evidence import SOURCE_WIDTH
from tests.conftest import ROOT


def run_dashboard(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_shows_the_seed_corpus(app_env) -> None:
    at = run_dashboard()
    assert not at.exception
    assert metric(at, "Articles") == "5"
    assert metric(at, "Outlets") == "4"
    assert metric(at, "Date span") == "Feb – Jul 2024"
    assert int(metric(at, "Entities")) > 40
    table = at.dataframe[0].value
    assert len(table) == 5
    assert set(table["outlet"]) == {
        "All Israel News", "Ynetnews", "The Times of Israel", "Anadolu Agency", "(unknown outlet)",
    }
    anadolu = table[table["outlet"] == "Anadolu Agency"].iloc[0]
    assert anadolu["published"] == "2024-03-26"
    assert "Published March 26,2024" in anadolu["date from"]


def test_outlet_filter_from_the_url(app_env) -> None:
    at = run_dashboard(outlet=["Ynetnews", "Anadolu Agency"])
    assert not at.exception
    assert metric(at, "Articles") == "2"
    table = at.dataframe[0].value
    assert sorted(table["outlet"]) == ["Anadolu Agency", "Ynetnews"]


def test_unknown_outlet_in_the_url_falls_back_to_all(app_env) -> None:
    at = run_dashboard(outlet="No Such Outlet")
    assert not at.exception
    assert metric(at, "Articles") == "5"


def test_undated_articles_can_be_left_out(app_env) -> None:
    at = run_dashboard(undated="false")
    assert not at.exception
    assert metric(at, "Articles") == "3"


def test_missing_model_shows_what_to_install(app_env, monkeypatch) -> None:
    monkeypatch.setenv("SPACY_MODEL", "no_such_pipeline")
    at = run_dashboard()
    assert not at.exception
    message = at.error[0].value
    assert "No spaCy model could be loaded" in message and "pip install -r requirements.txt" in message


def test_values_a_link_cannot_show_are_named(app_env) -> None:
    at = run_dashboard(outlet=["Ynetnews", "No Such Outlet"], entity="Nobody", article="../../etc/passwd")
    assert not at.exception
    assert metric(at, "Articles") == "1"
    note = next(c.value for c in at.sidebar.caption if "ignored" in c.value)
    for value in ("outlet=No Such Outlet", "entity=Nobody", "article=../../etc/passwd"):
        assert escape_markdown(value) in note  # shown as text (M3), never as Markdown


def test_the_share_link_is_drawn_once_asked_for(app_env) -> None:
    at = run_dashboard(outlet="Ynetnews")
    assert not at.code  # no highlighter on a plain page load
    at.toggle(key=state.SESSION_SHOW_LINK).set_value(True).run()
    assert not at.exception
    assert "outlet=Ynetnews" in at.code[0].value


def test_a_long_article_list_is_cut_with_a_note(app_env, monkeypatch) -> None:
    monkeypatch.setattr(overview, "ARTICLE_ROWS", 2)
    at = run_dashboard()
    assert not at.exception
    assert len(at.dataframe[0].value) == 2
    assert "showing the first 2 of 5 rows; the CSV has all" in [c.value for c in at.caption]


def test_the_article_table_fits_where_each_value_came_from_beside_the_titles(app_env) -> None:
    """At 1440 px the table's columns fit the page: titles and sources wrap, none runs off the edge."""
    proto = run_dashboard().dataframe[0].proto
    columns = json.loads(proto.columns)
    assert {name: columns[name]["width"] for name in ("date from", "outlet from")} == {
        "date from": SOURCE_WIDTH, "outlet from": SOURCE_WIDTH,
    }
    assert columns["title"]["width"] < SOURCE_WIDTH * 2 and proto.row_height > 64  # 64 px: Streamlit wraps above it
