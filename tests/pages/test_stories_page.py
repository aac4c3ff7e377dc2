"""AppTest of the Stories view: a story's coverage side by side, the timeline, and an empty corpus."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.ui import state
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "7_Stories.py")


def table(at: AppTest, *columns: str):
    """The first table on the page that has these columns."""
    return next(frame.value for frame in at.dataframe if set(columns) <= set(frame.value.columns))


def test_the_seeds_have_no_story_of_two_articles(app_env) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    [said] = [i.value for i in at.info]
    assert said.startswith("The 5 article(s) shown form 5 stories of one article each") and "grouping.csv" in said


def test_a_story_shows_its_outlets_timeline_and_ledes(app_env, copied_folder, copied_corpus,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_DIR", str(copied_folder))
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    assert len(at.selectbox(key=state.STORY).options) == 1
    outlets = table(at, "outlet", "articles", "days_after")
    assert outlets["outlet"].tolist() == ["The Times of Israel", "Regional Courier"]
    articles = table(at, "lede", "origin", "open")
    assert articles["origin"].tolist() == ["The Times of Israel", "The Times of Israel"]
    assert articles["open"].str.startswith("Article?article=").all()
    assert len(at.get("plotly_chart")) == 1
