"""AppTest of the source framing page on the seed corpus."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from lib.ui import state
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "2_Framing.py")
OUTLETS = {
    "All Israel News", "Ynetnews", "The Times of Israel", "Anadolu Agency", "(unknown outlet)",
}
KNOWN_OUTLETS = OUTLETS - {"(unknown outlet)"}
"""The framing views compare outlets, so the seed whose outlet is unknown is left out of them."""


def run_page(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=300)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def table(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table showing these columns (st.dataframe carries no key without selection)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def array(value) -> np.ndarray:
    """A figure array as sent to the browser (plotly packs numeric arrays as base64)."""
    if isinstance(value, dict) and "bdata" in value:
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.asarray(value)


def figures(at: AppTest) -> dict[str, go.Figure]:
    """Plotly figures on the page by title (untitled ones by position)."""
    shown = [pio.from_json(chart.proto.spec, skip_invalid=True) for chart in at.get("plotly_chart")]
    return {f.layout.title.text or str(i): f for i, f in enumerate(shown)}


def figure_titled(at: AppTest, start: str) -> go.Figure:
    return next(f for title, f in figures(at).items() if title.startswith(start))


def test_terms_tab_is_the_default_and_runs_alone(app_env) -> None:
    at = run_page()
    assert not at.exception
    assert [t.label for t in at.tabs] == [
        "Distinctive terms", "Naming", "Who is quoted", "Attribution & hedging", "Frames", "Tone",
        "Concordance", "Headlines & ledes"]
    assert at.selectbox(key=state.FRAMING_GROUP_BY).value == "outlet"
    assert at.selectbox(key=state.FRAMING_OUTLET).value == "All Israel News"
    assert "(unknown outlet)" not in at.selectbox(key=state.FRAMING_OUTLET).options
    assert at.selectbox(key=state.FRAMING_VERSUS).value == "all the rest"
    assert any(m.value.startswith("**No term passes \\|z\\| ≥ 1\\.96") for m in at.markdown)
    assert any("1 article\\: too few for significant term differences" in c.value for c in at.caption)
    scatter = figure_titled(at, "Each dot is a term")
    assert "gaza city" in {point[0] for point in scatter.data[0].customdata}
    assert "Each dot is a term (lemma or noun phrase): all 250 terms used at least twice" in scatter.layout.title.text
    bars = figure_titled(at, "Each bar is a term")
    assert "none of the" in bars.layout.title.text
    assert any("1 article without a known outlet is left out" in c.value for c in at.caption)
    assert not [d for d in at.dataframe]  # no term picked, and other tabs did not run


def test_term_in_the_url_opens_its_sentences_with_links(app_env) -> None:
    at = run_page(**{state.FRAMING_TERM: "military pressure (phrase)", state.FRAMING_OUTLET: "Anadolu Agency"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_TERM).value == "military pressure (phrase)"
    found = table(at, "outlet", "doc_id", "sent_index", "text", "group")
    assert set(found["outlet"]) == KNOWN_OUTLETS
    assert set(found["group"]) == {"Anadolu Agency", "all the rest (3 outlets)"}
    assert found["text"].str.lower().str.contains("military pressure").all()
    assert all(link == f"Article?article={d}&sentence={i}"
               for link, d, i in zip(found["article"], found["doc_id"], found["sent_index"], strict=True))


def test_a_long_evidence_table_shows_its_first_rows_and_says_so(app_env, monkeypatch: pytest.MonkeyPatch) -> None:
    from lib.ui import framing_tables

    every = run_page(**{state.FRAMING_TERM: "military pressure (phrase)", state.FRAMING_OUTLET: "Anadolu Agency"})
    total = len(table(every, "outlet", "doc_id", "sent_index", "text", "group"))
    assert total > 2
    monkeypatch.setattr(framing_tables, "SHOWN_ROWS", 2)
    at = run_page(**{state.FRAMING_TERM: "military pressure (phrase)", state.FRAMING_OUTLET: "Anadolu Agency"})
    assert not at.exception
    assert len(table(at, "outlet", "doc_id", "sent_index", "text", "group")) == 2
    assert f"Showing the first 2 of {total:,} rows; the CSV has all." in [c.value for c in at.caption]


def test_groups_by_country_from_the_url(app_env) -> None:
    at = run_page(**{state.FRAMING_GROUP_BY: "country", state.FRAMING_OUTLET: "Israel",
                     state.FRAMING_FIND: "hostage"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_OUTLET).options == ["Israel", "Turkey"]
    assert at.selectbox(key=state.FRAMING_VERSUS).options == ["all the rest", "Turkey"]
    scatter = figure_titled(at, "Each dot is a term")
    assert "Israel (3 outlets): 3 articles, 2,065 words" in scatter.layout.title.text
    found = next(trace for trace in scatter.data if trace.name == "found")
    assert len(found.x) >= 1
    assert at.text_input(key=state.FRAMING_FIND).value == "hostage"  # in the popover, named on its button


def test_naming_hamas_terror_vs_militant(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Naming"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_ACTOR).value == "Hamas"
    labels = table(at, "label", "voice", "method").groupby("outlet")["label"].agg(set)
    assert "(unknown outlet)" not in labels.index  # its "militant group" is not compared as an outlet's
    assert "terror group" in labels["The Times of Israel"]
    heat = figure_titled(at, "How each outlet names Hamas")
    own = heat.data[0]
    assert "militant group" not in list(own.y)
    row = list(own.y).index("terror group")
    assert len(array(own.z)[row]) == 4


def test_israeli_forces_label_inside_a_quote(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Naming", state.FRAMING_ACTOR: "Israel Defense Forces",
                     state.FRAMING_LABEL: "occupation army"})
    assert not at.exception
    naming = table(at, "label", "voice", "method")
    assert naming[["outlet", "label", "voice"]].values.tolist() == [
        ["All Israel News", "occupation army", "in quote"]]


def test_who_is_quoted(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Who is quoted", state.FRAMING_SPEAKER: "Yoav Gallant"})
    assert not at.exception
    quotes = table(at, "speaker_label", "quote", "verb")
    assert set(quotes["speaker_label"]) == {"Yoav Gallant"}
    assert set(quotes["outlet"]) >= {"All Israel News", "Anadolu Agency"}
    assert "(unknown outlet)" not in set(quotes["outlet"])
    speakers = figure_titled(at, "Each cell: a speaker's share of an outlet's quoted words").data[0]
    assert "Abdel Latif al-Qanua" in speakers.y
    at = run_page(**{state.FRAMING_TAB: "Who is quoted",
                     state.FRAMING_SPEAKER: "Abdel Latif al-Qanua"})
    quotes = table(at, "speaker_label", "quote", "verb")
    assert quotes[["outlet", "speaker_category"]].values.tolist() == [["Ynetnews", "spokesperson"]]


def test_hamas_run_cue(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Attribution & hedging",
                     state.FRAMING_CUE: "X-run / X-controlled"})
    assert not at.exception
    evidence = table(at, "cues", "spans", "marked")
    assert set(evidence["outlet"]) == {"The Times of Israel"}
    assert set(evidence["cues"]) == {"Hamas-run"}


def test_frames_show_cue_spans(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Frames", state.FRAMING_FRAME: "legality"})
    assert not at.exception
    evidence = table(at, "cues", "spans", "marked")
    assert "genocide" in " ".join(evidence["cues"]).lower()
    heat = figure_titled(at, "Frame cues: each cell is an outlet's hits").data[0]
    assert heat.y[0] == "economic" and len(heat.y) == 15


def test_tone_marks_outlets_with_too_few_sentences(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Tone", state.ENTITY: "Hamas"})
    assert not at.exception
    tone = figure_titled(at, "Sentences naming Hamas")
    small = {t.name for t in tone.data if t.text == ("too little text",)}
    assert small == {"All Israel News", "Anadolu Agency"}
    notes = [c.value for c in at.caption if "too few sentences to say an outlet" in c.value]
    assert notes and "All Israel News" in notes[-1] and "Anadolu Agency" in notes[-1]


@pytest.mark.parametrize(("query", "mode", "outlet", "match"), [
    ("ceasefire", "words", "Anadolu Agency", "cease-fire"),
    ("military pressure", "words", "All Israel News", "military pressure"),
    ("negotiat*", "wildcards", "All Israel News", "negotiations"),
    (r"hostages?\b", "regex", "Anadolu Agency", "hostage")])
def test_concordance(app_env, query: str, mode: str, outlet: str, match: str) -> None:
    at = run_page(**{state.FRAMING_TAB: "Concordance", state.FRAMING_QUERY: query, state.FRAMING_QUERY_MODE: mode})
    assert not at.exception
    kwic = table(at, "left", "match", "right")
    assert outlet in set(kwic["outlet"])
    assert match in set(kwic["match"].str.lower())
    assert kwic["article"].str.contains("&sentence=").all()
    bars = figure_titled(at, f"“{query}”: each bar is an outlet's hits per 1,000 words").data[0]
    assert any(label.startswith(outlet) for label in bars.y)
    assert any("too few to compare these outlets" in c.value for c in at.caption)


def test_concordance_refuses_what_cannot_run_in_linear_time(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Concordance", state.FRAMING_QUERY: r"(\w+) \1",
                     state.FRAMING_QUERY_MODE: "regex"})
    assert not at.exception
    assert "Back-references and look-arounds are not supported" in at.error[0].value
    at = run_page(**{state.FRAMING_TAB: "Concordance", state.FRAMING_QUERY: "(x+x+)+y",
                     state.FRAMING_QUERY_MODE: "regex"})
    assert not at.exception and "No sentence in the selection matches" in at.info[0].value


def test_headlines_every_article_by_outlet(app_env) -> None:
    at = run_page(**{state.FRAMING_TAB: "Headlines & ledes"})
    assert not at.exception
    heads = table(at, "title", "lede", "n_articles")
    assert set(heads["outlet"]) == KNOWN_OUTLETS and len(heads) == 4
    assert heads["article"].str.startswith("Article?article=").all()
    assert any(c.value.startswith("4 articles from 4 outlets") for c in at.caption)


def test_invalid_url_values_fall_back_quietly(app_env) -> None:
    at = run_page(**{state.FRAMING_TERM: "junk", state.FRAMING_TAB: "Nope"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_TERM).value is None
    at = run_page(**{state.FRAMING_GROUP_BY: "nope", state.FRAMING_OUTLET: "Nobody"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_GROUP_BY).value == "outlet"
    assert at.selectbox(key=state.FRAMING_OUTLET).value == "All Israel News"
    at = run_page(**{state.FRAMING_TAB: "Naming", state.FRAMING_ACTOR: "Nobody"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_ACTOR).value == "Hamas"
