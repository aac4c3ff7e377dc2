"""AppTest of the source framing page on the seed corpus."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from lib import state
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "2_Framing.py")
OUTLETS = {
    "All Israel News", "Ynetnews", "The Times of Israel", "Anadolu Agency", "(unknown outlet)",
}  # fmt: skip


def run_page(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=300)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def table(at: AppTest, *columns: str):
    """The first table showing these columns (st.dataframe carries no key without selection)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_default_view_shows_every_measure(app_env) -> None:
    at = run_page()
    assert not at.exception
    assert [t.label for t in at.tabs] == [
        "Distinctive terms", "Naming", "Who is quoted", "Attribution & hedging", "Frames", "Tone",
        "Concordance", "Headlines & ledes"]
    heads = table(at, "title", "lede", "n_articles")
    assert set(heads["outlet"]) == OUTLETS and len(heads) == 5
    kwic = table(at, "left", "match", "right")
    assert set(kwic["outlet"]) == OUTLETS - {"(unknown outlet)"}
    quotes = table(at, "speaker_label", "quote", "verb")
    qanua = quotes[quotes["speaker_label"] == "Abdel Latif al-Qanua"]
    assert qanua[["outlet", "speaker_category"]].values.tolist() == [["Ynetnews", "spokesperson"]]
    assert at.selectbox(key=state.FRAMING_ACTOR).value == "Hamas"
    naming = table(at, "label", "voice", "method")
    labels = naming.groupby("outlet")["label"].agg(set)
    assert "militant group" in labels["(unknown outlet)"]
    assert "terror group" not in labels["(unknown outlet)"]
    assert "terror group" in labels["The Times of Israel"]
    titles = [f["layout"].get("title", {}).get("text", "") for f in figures(at)]
    assert "How each outlet names Hamas" in titles


def test_term_in_the_url_opens_its_sentences(app_env) -> None:
    at = run_page(**{state.FRAMING_TERM: "military pressure (phrase)"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_TERM).value == "military pressure (phrase)"
    found = table(at, "outlet", "doc_id", "sent_index", "text")
    assert set(found["outlet"]) == OUTLETS - {"(unknown outlet)"}
    assert found["text"].str.lower().str.contains("military pressure").all()


def test_cue_and_speaker_selections(app_env) -> None:
    at = run_page(**{state.FRAMING_CUE: "X-run / X-controlled", state.FRAMING_SPEAKER: "Yoav Gallant"})
    assert not at.exception
    cues = table(at, "cues", "spans", "marked")
    assert set(cues["outlet"]) == {"The Times of Israel", "(unknown outlet)"}
    assert set(cues["cues"]) == {"Hamas-run"}
    quotes = table(at, "speaker_label", "quote", "verb")
    assert set(quotes["speaker_label"]) == {"Yoav Gallant"}
    assert len(set(quotes["outlet"])) >= 3


def test_israeli_forces_and_tone_for_an_entity(app_env) -> None:
    at = run_page(**{state.FRAMING_ACTOR: "Israel Defense Forces", state.ENTITY: "Hamas",
                     state.FRAMING_QUERY: "ceasefire"})
    assert not at.exception
    naming = table(at, "label", "voice", "method")
    occupation = naming[naming["label"] == "occupation army"]
    assert occupation[["outlet", "voice"]].values.tolist() == [["All Israel News", "in quote"]]
    assert "IDF" in set(naming["label"])
    titles = [f["layout"].get("title", {}).get("text", "") for f in figures(at)]
    assert "Sentences naming Hamas" in titles
    tone = next(f for f in figures(at) if f["layout"].get("title", {}).get("text") ==
                "Sentences naming Hamas")
    small = [t for t in tone["data"] if t.get("text") == ["too little text"]]
    assert {t["name"] for t in small} == {"All Israel News", "Anadolu Agency"}
    kwic = table(at, "left", "match", "right")
    assert "cease-fire" in set(kwic["match"])


def test_invalid_url_values_fall_back_quietly(app_env) -> None:
    at = run_page(**{state.FRAMING_TERM: "junk", state.FRAMING_ACTOR: "Nobody",
                     state.FRAMING_CUE: "no such cue"})
    assert not at.exception
    assert at.selectbox(key=state.FRAMING_TERM).value is None
    assert at.selectbox(key=state.FRAMING_CUE).value is None
    assert at.selectbox(key=state.FRAMING_ACTOR).value == "Hamas"
