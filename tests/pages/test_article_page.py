"""AppTest of the article reader on the seed corpus."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis import reader
from lib.ui import state
from lib.ui.escaping import escape_markdown
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "4_Article.py")
HEBREW = re.compile(r"[\u0590-\u05ff]")


def run_page(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def doc_id_of(corpus, outlet: str) -> str:
    return str(corpus.documents.loc[corpus.documents["outlet"] == outlet, "doc_id"].iloc[0])


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def marked_entities(body: str) -> list[str]:
    found = re.findall(r'<mark class="entity"[^>]*>(.*?)<span', body, re.S)
    return [" ".join(text.split()) for text in found]


def table(at: AppTest, *columns: str):
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_no_article_asks_to_pick_one(app_env) -> None:
    at = run_page()
    assert not at.exception
    assert at.selectbox(key=state.SESSION_ARTICLE_PICKER).value is None
    assert "Pick an article" in at.info[0].value


def test_unknown_article_id_falls_back(app_env) -> None:
    at = run_page(**{state.ARTICLE: "nope"})
    assert not at.exception
    assert at.selectbox(key=state.SESSION_ARTICLE_PICKER).value is None


def test_article_with_entity_emphasised(app_env, seed_corpus) -> None:
    doc_id = doc_id_of(seed_corpus, "Anadolu Agency")
    at = run_page(**{state.ARTICLE: doc_id, state.ENTITY: "Yoav Gallant"})
    assert not at.exception
    assert at.selectbox(key=state.SESSION_ARTICLE_PICKER).value == doc_id
    assert at.selectbox(key=state.ENTITY).value == "Yoav Gallant"
    header, link, body = html_bodies(at)
    assert "Anadolu Agency · 2024-03-26" in header
    assert "Entities?entity=Yoav+Gallant" in link
    # Anadolu's article names Gallant in six sentences; all six are counted now (two were missed:
    # "Gallant's Washington" glued into one span, and "Gallant wrote on X", which the model did not tag).
    assert body.count('class="nfe-focus"') == 6
    assert "Gallant" in marked_entities(body)
    assert any("6 sentence(s) mention Yoav Gallant" in c.value for c in at.caption)
    metadata = table(at, "field", "value", "source", "confidence").set_index("field")
    assert metadata.loc["published", "value"] == "2024-03-26"
    assert metadata.loc["published", "source"] != ""
    removed = table(at, "line", "text", "reason")
    assert "Subscribe" in set(removed["text"])


def test_article_without_entity_has_no_emphasis(app_env, seed_corpus) -> None:
    doc_id = doc_id_of(seed_corpus, "The Times of Israel")
    at = run_page(**{state.ARTICLE: doc_id})
    assert not at.exception
    body = html_bodies(at)[-1]
    assert "nfe-focus" not in body
    assert {"Rafah", "Khan Younis"} <= set(marked_entities(body))


@pytest.mark.parametrize("outlet", ["Ynetnews"])
def test_hebrew_caption_gives_no_entity(app_env, seed_corpus, outlet) -> None:
    at = run_page(**{state.ARTICLE: doc_id_of(seed_corpus, outlet)})
    assert not at.exception
    marks = marked_entities(html_bodies(at)[-1])
    assert marks
    assert not [mark for mark in marks if HEBREW.search(mark)]


def test_entity_not_in_the_article_is_dropped(app_env, seed_corpus) -> None:
    doc_id = doc_id_of(seed_corpus, "Ynetnews")
    at = run_page(**{state.ARTICLE: doc_id, state.ENTITY: "Yoav Gallant"})
    assert not at.exception
    assert at.selectbox(key=state.ENTITY).value is None
    assert "nfe-focus" not in html_bodies(at)[-1]


def test_a_corpus_over_the_picker_limit_is_searched_first(app_env, seed_corpus, monkeypatch) -> None:
    monkeypatch.setattr(reader, "PICKER_LIMIT", 2)
    at = run_page()
    picker = at.selectbox(key=state.SESSION_ARTICLE_PICKER)
    assert len(picker.options) == 2
    assert "5 articles: the picker lists the 2 newest." in [c.value for c in at.caption]
    at.text_input(key=state.SESSION_ARTICLE_SEARCH).input("Anadolu").run()
    picker = at.selectbox(key=state.SESSION_ARTICLE_PICKER)
    assert len(picker.options) == 1 and "Anadolu Agency" in picker.options[0]
    opened = run_page(**{state.ARTICLE: doc_id_of(seed_corpus, "Ynetnews")})
    assert [o for o in opened.selectbox(key=state.SESSION_ARTICLE_PICKER).options if "Ynetnews" in o]


def test_a_link_opens_the_article_at_its_sentence(app_env, seed_corpus) -> None:
    doc_id = doc_id_of(seed_corpus, "Anadolu Agency")
    sentences = seed_corpus.sentences[seed_corpus.sentences["doc_id"] == doc_id]
    text = " ".join(str(sentences.loc[sentences["sent_index"] == 5, "text"].item()).split())
    at = run_page(**{state.ARTICLE: doc_id, state.SENTENCE: "5"})
    assert not at.exception
    quoted = escape_markdown(text)[:60]
    assert any(quoted in item.value for item in at.info)  # the sentence, quoted above the text
    bodies = html_bodies(at)
    assert any(f'id="{reader.TARGET_ID}"' in body for body in bodies)
    assert any("scrollIntoView" in body for body in bodies)
    at = run_page(**{state.ARTICLE: doc_id, state.SENTENCE: "not a number"})
    assert not at.exception
    assert not any("Opened at" in item.value for item in at.info)  # ignored quietly


def test_the_reader_links_to_the_article_in_the_metadata_editor(app_env, seed_corpus) -> None:
    at = run_page(**{state.ARTICLE: doc_id_of(seed_corpus, "Anadolu Agency")})
    assert not at.exception
    assert "Fix this article's metadata" in [c.value for c in at.caption]  # a link inside the app
