"""AppTest of the timeline page on the seed corpus."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.ui import app, state
from tests.conftest import ROOT


def run_timeline(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "3_Timeline.py"), default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


EVENTS = {state.TIMELINE_TAB: "Dates named in the text"}
FIGURES = {state.TIMELINE_TAB: "Reported figures"}
MENTIONS = {state.TIMELINE_TAB: "Mentions over time"}


def table(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table shown that has all these columns."""
    return next(frame.value for frame in at.dataframe if set(columns) <= set(frame.value.columns))


def chart(at: AppTest, key: str) -> dict:
    element = next(item for item in at.get("plotly_chart") if item.key == key)
    return json.loads(element.proto.spec)


def markdown(at: AppTest, start: str) -> str:
    return next(item.value for item in at.markdown if item.value.startswith(start))


def test_timeline_page_on_the_seeds(app_env) -> None:
    at = run_timeline()
    assert not at.exception
    assert at.radio(key=state.TIMELINE_GRANULARITY).value == "day"

    undated = table(at, "outlet", "title", "note").set_index("outlet")
    assert sorted(undated.index) == ["(unknown outlet)", "Ynetnews"]
    assert undated.loc["(unknown outlet)", "note"] == (
        "written on or after 2023-10-07")
    assert undated.loc["Ynetnews", "note"] == "no date in the text"
    assert undated["title"].str.strip().ne("").all()  # the untitled article is named by its file
    lanes = chart(at, "timeline_published_chart")
    assert sorted(trace["name"] for trace in lanes["data"]) == [
        "All Israel News", "Anadolu Agency", "The Times of Israel"]
    assert any(item.value.startswith("Click a point") for item in at.caption)


def test_dates_named_in_the_text(app_env) -> None:
    at = run_timeline(**EVENTS)
    assert not at.exception
    shared = table(at, "outlet_names", "surfaces")
    assert shared.iloc[0]["outlets"] == 3
    assert str(shared.iloc[0]["date_start"])[:10] == "2023-10-07"
    unresolved = table(at, "status", "note", "sentence")
    assert set(unresolved.loc[unresolved["outlet"] == "Ynetnews", "status"]) == {"needs article date"}
    assert "six weeks ago" in set(unresolved["text"])


def test_reported_figures(app_env) -> None:
    at = run_timeline(**FIGURES)
    assert not at.exception
    series = table(at, "series", "change")
    toll = series[series["series"] == "killed · palestinians · cumulative"]
    assert toll["value"].tolist() == [27000.0, 32400.0, 49500.0]
    # "less than 1,200" and 1,200 on October 7 can both hold; the undated 251 has no as-of date
    flags = table(at, "value_a", "value_b", "reason")
    assert flags.empty
    assert markdown(at, "**Outlets reporting different").endswith("(0)")
    assert toll["as_of_source"].tolist() == ["article date", "article date", "unknown"]


def test_clicked_point_and_range_come_from_the_url(app_env, seed_corpus) -> None:
    at = run_timeline(**{
        state.TIMELINE_POINT: "event|day|Anadolu Agency|2023-10-07",
        state.TIMELINE_RANGE: "2024-02-01..2024-02-29", **EVENTS,
    })
    assert not at.exception
    assert markdown(at, "**Selected:") == "**Selected: dates named** (1 rows)"  # under its own chart
    selected = table(at, "detail", "open")
    assert list(selected.columns[:3]) == ["sentence", "open", "detail"]  # the sentence first
    assert "which killed less than 1,200 people" in selected.iloc[0]["sentence"]
    assert selected.iloc[0]["detail"] == "Oct. 7 → 2023-10-07"
    documents = seed_corpus.documents
    anadolu = documents.loc[documents["outlet"] == "Anadolu Agency", "doc_id"].item()
    sentences = seed_corpus.sentences
    index = sentences.loc[(sentences["doc_id"] == anadolu) & sentences["text"].str.contains("less than 1,200"),
                          "sent_index"].item()
    assert selected.iloc[0]["open"] == app.link_to_article(anadolu, sentence=index)
    other_tab = run_timeline(**{state.TIMELINE_POINT: "event|day|Anadolu Agency|2023-10-07"})
    assert not any(m.value.startswith("**Selected:") for m in other_tab.markdown)  # not on another tab
    assert markdown(at, "**Date expressions resolved**").startswith(
        "**Date expressions resolved** (2024-02-01 to 2024-02-29:")
    in_range = table(at, "date_start", "date_end", "granularity", "sentence")
    assert set(in_range["outlet"]) == {"The Times of Israel"}
    lanes = chart(at, "timeline_events_chart")
    assert lanes["layout"]["xaxis"]["range"] == ["2024-02-01", "2024-02-29"]


def test_invalid_url_values_fall_back_quietly(app_env) -> None:
    at = run_timeline(**{
        state.TIMELINE_POINT: "no|such|point", state.TIMELINE_RANGE: "soon..later",
        state.TIMELINE_GRANULARITY: "year", **EVENTS,
    })
    assert not at.exception
    assert at.radio(key=state.TIMELINE_GRANULARITY).value == "day"
    assert not any(m.value.startswith("**Selected:") for m in at.markdown)
    assert any(item.value.startswith("Click a point") for item in at.caption)
    assert markdown(at, "**Date expressions resolved**").startswith(
        "**Date expressions resolved** (all dates:")


def test_kinds_entities_and_basis_from_the_url(app_env) -> None:
    at = run_timeline(**{state.TIMELINE_KINDS: "hostages held", state.TIMELINE_GRANULARITY: "month", **FIGURES})
    assert not at.exception
    assert at.multiselect(key=state.TIMELINE_KINDS).value == ["hostages held"]
    series = table(at, "series", "change")
    assert set(series["series"]) == {"hostages held · unspecified · cumulative"}
    figures = chart(at, "timeline_figures_chart")
    assert figures["layout"]["annotations"][-1]["text"] == "hostages held"
    at = run_timeline(**{state.TIMELINE_ENTITIES: ["Gaza"], state.TIMELINE_BASIS: "event", **MENTIONS})
    assert not at.exception
    mentions = chart(at, "timeline_mentions_chart")
    assert {trace["name"] for trace in mentions["data"]} == {"Gaza"}
    assert mentions["layout"]["title"]["text"].startswith("Mentions over time by event date: n = ")


def test_global_outlet_filter_applies(app_env) -> None:
    at = run_timeline(outlet="Anadolu Agency")
    assert not at.exception
    assert not [item for item in at.markdown if item.value.startswith("**Undated articles**")]
    assert "0 undated article(s)" in json.dumps(chart(at, "timeline_published_chart"))
    assert markdown(run_timeline(outlet="Anadolu Agency", **FIGURES), "**Outlets reporting different").endswith("(0)")
    at = run_timeline(outlet="Anadolu Agency", **EVENTS)
    in_range = table(at, "date_start", "date_end", "granularity", "sentence")
    assert set(in_range["outlet"]) == {"Anadolu Agency"}


WHOLE_TABLES = {"sentences", "mentions", "date_expressions", "figures"}
"""Tables the Timeline must query for the articles it shows rather than read whole."""


def test_no_tab_reads_a_large_table_whole(app_env, monkeypatch) -> None:
    import streamlit as st

    from lib.store.corpus_tables import Corpus

    read = Corpus.table

    def refuse_large(corpus, name, columns=None):
        assert name not in WHOLE_TABLES, f"the Timeline read {name} whole"
        return read(corpus, name, columns)

    monkeypatch.setattr(Corpus, "table", refuse_large)
    st.cache_data.clear()
    st.cache_resource.clear()
    points = {"": "pub|day|Anadolu Agency|2024-03-26", "Dates named in the text": "event|day|Anadolu Agency|2023-10-07",
              "Reported figures": "", "Mentions over time": "mention|month|article|Anadolu Agency|Hamas|2024-03-01"}
    for tab, point in points.items():
        params = {state.TIMELINE_TAB: tab} if tab else {}
        at = run_timeline(**params, **({state.TIMELINE_POINT: point} if point else {}))
        assert not at.exception, (tab, [item.value for item in at.exception])
        if point:
            assert not markdown(at, "**Selected:").endswith("(0 rows)"), tab

