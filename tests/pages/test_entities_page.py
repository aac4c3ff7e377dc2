"""AppTest of the entity mentions page on the seed corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.nlp.corrections import load_corrections
from lib.ui import state
from tests.conftest import FIXTURES, ROOT

PAGE = str(ROOT / "pages" / "1_Entities.py")
OUTLETS = {
    "All Israel News", "Ynetnews", "The Times of Israel", "Anadolu Agency", "(unknown outlet)",
}  # fmt: skip


def table(at: AppTest, *columns: str):
    """The first table showing these columns (st.dataframe carries no key without selection)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def ranking_table(at: AppTest):
    """The ranking as a table, drawn on request (the toggle under the bars)."""
    at.toggle(key=state.SESSION_RANKING_TABLE).set_value(True).run()
    return table(at, "entity", "label", "mentions", "articles")


def run_page(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_ranking_and_ledger_without_selection(app_env) -> None:
    at = run_page()
    assert not at.exception
    assert not [d for d in at.dataframe if {"entity", "mentions"} <= set(d.value.columns)]  # only on request
    ranking = ranking_table(at)
    assert ranking.iloc[0]["entity"] == "Hamas"
    gallant = ranking.set_index("entity").loc["Yoav Gallant"]
    assert gallant["label"] == "Person"  # type words, not spaCy codes
    assert gallant["articles"] >= 4
    assert not at.get("metric")  # no profile until an entity is chosen


def test_role_ledger_tab_lists_both_defence_ministers_without_a_conflict(app_env) -> None:
    # Katz (Ynetnews) and Gallant (unknown outlet) are both given the office in undated
    # articles: nothing says their dates overlap, so the ledger lists them and flags nothing.
    at = run_page(**{state.ENTITY_TAB: "Role ledger"})
    assert not at.exception
    ledger = table(at, "title", "person", "outlet", "published", "sentence")
    ministers = ledger[ledger["role"] == "defense minister"] if "role" in ledger else ledger
    assert {"Israel Katz", "Yoav Gallant"} <= set(ministers["person"])
    conflicts = table(at, "person_a", "person_b", "timing")
    assert conflicts.empty


def test_a_long_role_ledger_shows_its_first_rows_and_says_how_many(app_env, monkeypatch) -> None:
    from lib.ui import evidence

    every = len(table(run_page(**{state.ENTITY_TAB: "Role ledger"}), "title", "person", "outlet", "sentence"))
    assert every > 3
    monkeypatch.setattr(evidence, "SHOWN_ROWS", 3)
    at = run_page(**{state.ENTITY_TAB: "Role ledger"})
    assert not at.exception
    assert len(table(at, "title", "person", "outlet", "sentence")) == 3
    assert f"Showing the first 3 of {every:,} rows." in [c.value for c in at.caption]


def test_entity_in_the_url_opens_its_profile(app_env) -> None:
    at = run_page(**{state.ENTITY: "Yoav Gallant"})
    assert not at.exception
    assert at.selectbox(key=state.ENTITY).value == "Yoav Gallant"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Type"] == "Person"
    assert int(metrics["Articles"]) >= 4
    kwic = table(at, "sentence", "keyword", "open")
    assert list(kwic.columns[:3]) == ["sentence", "open", "keyword"]  # the sentence first, no ids or offsets
    assert not {"doc_id", "sent_index", "left", "right"} & set(kwic.columns)
    assert set(kwic["outlet"]) == {
        "All Israel News", "The Times of Israel", "Anadolu Agency", "(unknown outlet)",
    }  # fmt: skip
    assert set(kwic["keyword"]) == {"Yoav Gallant", "Gallant"}
    assert all(link.startswith("Article?article=") and "entity=Yoav+Gallant" in link and "&sentence=" in link
               for link in kwic["open"])  # each row opens its article at that sentence
    titles = table(at, "title", "outlets", "mentions")
    assert {"Defense Minister", "Israeli Defense Minister", "Israel’s Defence Minister"} <= set(titles["title"])
    aliases = table(at, "name", "mentions")
    assert set(aliases["name"]) >= {"Yoav Gallant", "Gallant"}


def test_netanyahu_merges_surname(app_env) -> None:
    at = run_page(**{state.ENTITY: "Benjamin Netanyahu"})
    assert not at.exception
    aliases = table(at, "name", "mentions").set_index("name")["mentions"]
    assert aliases["Netanyahu"] >= 1 and aliases["Benjamin Netanyahu"] >= 1


def test_type_filter_keeps_only_places(app_env) -> None:
    at = run_page(**{state.ENTITY_TYPES: "Place"})
    assert not at.exception
    ranking = ranking_table(at)
    assert set(ranking["label"]) == {"Place"}
    assert {"Rafah", "Khan Younis"} <= set(ranking["entity"])


def test_outlet_filter_narrows_the_profile(app_env) -> None:
    at = run_page(**{state.ENTITY: "Yoav Gallant", state.OUTLETS: "Anadolu Agency"})
    assert not at.exception
    kwic = table(at, "sentence", "keyword", "open")
    assert set(kwic["outlet"]) == {"Anadolu Agency"}
    # Anadolu's article writes Gallant six times, in six sentences ("Yoav Gallant" twice,
    # "Gallant's Washington", "Gallant said", "Gallant met", "Gallant wrote"): all are counted now.
    assert len(kwic) == 6


def test_unknown_entity_in_the_url_falls_back(app_env) -> None:
    at = run_page(**{state.ENTITY: "No Such Person"})
    assert not at.exception
    assert at.selectbox(key=state.ENTITY).value is None


@pytest.fixture
def corrections_env(app_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "corrections.csv"
    # An existing (empty) file gives the app's corpus cache a key of its own, so the app does
    # not reuse a corpus loaded with the default corrections file (seeds/corrections.csv).
    path.write_text("action,entity,target,label\n", encoding="utf-8")
    monkeypatch.setenv("CORRECTIONS_FILE", str(path))
    return path


def test_correction_is_saved_and_applied(corrections_env: Path) -> None:
    at = run_page(**{state.ENTITY: "Gaza City"})
    assert not at.exception
    at.selectbox(key=state.SESSION_FIX_FIELDS[0]).set_value("merge")
    at.selectbox(key=state.SESSION_FIX_FIELDS[1]).set_value("Gaza")
    next(b for b in at.button if b.label == "Save correction").click()
    at.run()
    assert not at.exception
    fixes, problems = load_corrections(corrections_env)
    assert [(f.action, f.entity, f.target) for f in fixes] == [("merge", "Gaza City", "Gaza")]
    assert not problems
    assert at.selectbox(key=state.ENTITY).value == "Gaza"
    aliases = table(at, "name", "mentions")
    assert "Gaza City" in set(aliases["name"])


def test_read_only_keeps_corrections_in_the_session(corrections_env: Path, monkeypatch) -> None:
    monkeypatch.setenv("READ_ONLY", "1")
    at = run_page(**{state.ENTITY: "Gaza City"})
    assert not at.exception
    assert any("kept for your session only" in c.value for c in at.caption)
    at.selectbox(key=state.SESSION_FIX_FIELDS[0]).set_value("merge")
    at.selectbox(key=state.SESSION_FIX_FIELDS[1]).set_value("Gaza")
    next(b for b in at.button if b.label == "Save correction").click()
    at.run()
    assert not at.exception
    assert corrections_env.read_text(encoding="utf-8") == "action,entity,target,label\n"
    assert [(f.action, f.entity) for f in at.session_state[state.SESSION_CORRECTIONS]] == [("merge", "Gaza City")]
    assert "Gaza City" in set(table(at, "name", "mentions")["name"])  # the visitor's own view is merged


@pytest.fixture
def review_env(app_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two short articles naming "Joe Biden" and "Joseph Biden": a merge the rules leave to a reader."""
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES / "review_corpus", folder)
    path = tmp_path / "corrections.csv"
    path.write_text("action,entity,target,label\n", encoding="utf-8")
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    monkeypatch.setenv("CORRECTIONS_FILE", str(path))
    return path


def test_review_queue_accept_a_merge_updates_the_ranking(review_env: Path) -> None:
    at = run_page(**{state.ENTITY_TAB: "Review"})
    assert not at.exception
    questions = [m.value for m in at.markdown if m.value.startswith("**Are “")]
    assert questions[0].startswith("**Are “Joe Biden” and “Joseph Biden” one entity\\?**")  # data shown as text
    assert any("Joseph Biden\\, the US president" in c.value for c in at.caption)  # the evidence sentence
    at.button(key="review_accept_0").click()
    at.run()
    assert not at.exception
    fixes, _ = load_corrections(review_env)
    assert [(f.action, f.entity, f.target) for f in fixes] == [("merge", "Joe Biden", "Joseph Biden")]
    assert not [m.value for m in at.markdown if m.value.startswith("**Are “Joe Biden”")]  # answered
    at = run_page(**{state.ENTITY_TAB: "Ranking"})
    ranking = ranking_table(at).set_index("entity")
    assert "Joe Biden" not in ranking.index
    assert ranking.loc["Joseph Biden", "mentions"] == 5 and ranking.loc["Joseph Biden", "articles"] == 2


def test_network_outlet_filter_keeps_the_network_to_those_outlets(app_env) -> None:
    import json

    def title(at: AppTest) -> str:
        (chart,) = at.get("plotly_chart")
        return json.loads(chart.proto.spec)["layout"]["title"]["text"]

    every = run_page(**{state.ENTITY_TAB: "Network", state.NETWORK_MIN_WEIGHT: "1"})
    one = run_page(**{state.ENTITY_TAB: "Network", state.NETWORK_MIN_WEIGHT: "1", state.NETWORK_OUTLETS: "Ynetnews"})
    assert not every.exception and not one.exception
    assert one.multiselect(key=state.NETWORK_OUTLETS).value == ["Ynetnews"]
    links = [int(title(at).split(", ")[1].split()[0]) for at in (every, one)]
    assert 0 < links[1] < links[0]  # one outlet's sentences name fewer pairs than every outlet's
