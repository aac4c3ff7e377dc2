"""Tests for the article reader's HTML: entity markup, emphasis, escaping, metadata."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from lib.analysis import reader

TEXT = "Defense Minister Yoav Gallant spoke.\nHamas replied in Rafah."


def _mentions(rows: list[tuple[int, int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["start", "end", "entity", "entity_label"])


@pytest.fixture
def mentions() -> pd.DataFrame:
    gallant = TEXT.index("Yoav Gallant")
    hamas = TEXT.index("Hamas")
    rafah = TEXT.index("Rafah")
    return _mentions(
        [
            (gallant, gallant + 12, "Yoav Gallant", "PERSON"),
            (hamas, hamas + 5, "Hamas", "ORG"),
            (rafah, rafah + 5, "Rafah", "GPE"),
        ]
    )


def _marked(markup: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip() for text in re.findall(r'<mark class="entity"[^>]*>(.*?)<span', markup, re.S)
    ]


def test_entities_are_marked_with_labels(mentions):
    markup = reader.render_article_html(TEXT, mentions)
    assert _marked(markup) == ["Yoav Gallant", "Hamas", "Rafah"]
    assert "Person" in markup and "Place" in markup  # type words, coloured as displaCy colours their codes
    assert "background: #aa9cfc" in markup  # displaCy's PERSON colour
    assert "<br>" in markup
    assert "nfe-focus" not in markup


def test_a_name_and_its_label_stay_on_one_line(mentions):
    styles = re.findall(r'<mark class="entity" style="([^"]*)"', reader.render_article_html(TEXT, mentions))
    assert len(styles) == 3 and all(style.startswith("white-space: nowrap;") for style in styles)


def test_focus_sentence_is_emphasised_without_breaking_entities(mentions):
    cut = TEXT.index("\n")
    markup = reader.render_article_html(TEXT, mentions, focus=[(cut + 1, len(TEXT))])
    focus = markup[markup.index(reader.FOCUS_TAG) :]
    assert focus.count("</mark>") == 3  # Hamas, Rafah, then the sentence
    assert _marked(markup) == ["Yoav Gallant", "Hamas", "Rafah"]
    assert "Defense Minister" in markup[: markup.index(reader.FOCUS_TAG)]


def test_focus_starting_at_an_entity(mentions):
    start = TEXT.index("Hamas")
    markup = reader.render_article_html(TEXT, mentions, focus=[(start, len(TEXT))])
    assert markup.index(reader.FOCUS_TAG) < markup.index("Hamas")
    assert _marked(markup) == ["Yoav Gallant", "Hamas", "Rafah"]


def test_text_and_labels_are_escaped():
    text = 'Hi <script>alert("x")</script> & Bob.'
    bob = text.index("Bob")
    markup = reader.render_article_html(text, _mentions([(bob, bob + 3, "Bob", "<img src=x onerror=alert(1)>")]))
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert "<img" not in markup
    assert "&lt;img" in markup


def test_marker_characters_in_the_text_cannot_inject_markup(mentions):
    markup = reader.render_article_html(reader.OPEN_FOCUS + TEXT[1:], mentions)
    assert "nfe-focus" not in markup


def test_overlapping_and_out_of_range_mentions_are_skipped():
    spans = reader.select_spans(_mentions([(0, 7, "A", "ORG"), (3, 9, "B", "ORG"), (10, 99, "C", "GPE")]), length=20)
    assert [span["start"] for span in spans] == [0]


def test_header_escapes_and_checks_the_link():
    header = reader.build_header_html(
        {"title": "<b>T</b>", "outlet": "", "published": "", "url": "javascript:alert(1)"}
    )
    assert "&lt;b&gt;T&lt;/b&gt;" in header
    assert "(unknown outlet)" in header and "date unknown" in header
    assert "href" not in header
    linked = reader.build_header_html({"title": "T", "url": 'https://x.example/a?"b'})
    assert 'href="https://x.example/a?&quot;b"' in linked


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.ynetnews.com/a", "https://www.ynetnews.com/a"),
        ("http://x.example", "http://x.example"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert reader.safe_url(url) == expected


def test_metadata_table_shows_provenance():
    table = reader.build_metadata_table(
        {"title": "T", "title_source": "first line", "title_confidence": "medium", "outlet": ""}
    )
    assert table.iloc[0].tolist() == ["title", "T", "first line", "medium"]
    assert table["field"].tolist() == ["title", "outlet", "author", "published", "url"]


def test_list_removed_lines():
    removed = json.dumps([{"line": 3, "text": "Subscribe", "reason": "furniture"}])
    assert reader.list_removed_lines(removed).values.tolist() == [[3, "Subscribe", "furniture"]]
    assert reader.list_removed_lines("").empty
    assert reader.list_removed_lines("not json").columns.tolist() == ["line", "text", "reason"]


def test_focus_spans_of_an_entity():
    sentences = pd.DataFrame({"sent_index": [0, 1, 2], "start": [0, 10, 20], "end": [9, 19, 29]})
    mentions = pd.DataFrame({"sent_index": [0, 2, 2], "entity": ["A", "A", "B"]})
    assert reader.focus_spans(sentences, mentions, "A") == [(0, 9), (20, 29)]
    assert reader.focus_spans(sentences, mentions, "Z") == []


def test_article_view_on_the_seeds(seed_corpus):
    documents = seed_corpus.documents
    doc_id = str(documents.loc[documents["outlet"] == "Anadolu Agency", "doc_id"].iloc[0])
    view = reader.build_article_view(seed_corpus, doc_id, "Yoav Gallant")
    assert view is not None
    # The text names Gallant in six sentences (1-6); the rematch pass counts the sixth ("Following
    # that meeting, Gallant wrote on X"), which the model did not tag, and the glued "Gallant's
    # Washington" now counts as Gallant.
    assert view.body.count('class="nfe-focus"') == view.focus_sentences == 6
    own = seed_corpus.mentions[seed_corpus.mentions["doc_id"] == doc_id]
    assert len(_marked(view.body)) == len(own)
    assert view.entities[0] in set(own["entity"])
    assert "Anadolu Agency" in view.header
    assert view.key == documents.loc[documents["doc_id"] == doc_id, "file"].iloc[0]  # what Metadata finds it by
    assert reader.build_article_view(seed_corpus, "missing", None) is None


def test_article_choices_name_title_outlet_and_date(seed_corpus):
    choices = reader.list_article_choices(seed_corpus.documents)
    assert len(choices) == 5
    labels = list(choices.values())
    assert labels[0].endswith("2024-07-09")  # newest first, undated last
    assert labels[-1].endswith("undated")


def test_a_large_corpus_is_searched_before_it_is_picked() -> None:
    choices = {f"d{i}": f"Title {i} · {'Ynetnews' if i % 2 else 'Anadolu Agency'} · 2024-03-{i % 28 + 1:02d}"
               for i in range(1200)}
    newest = reader.narrow_article_choices(choices, "", limit=500)
    assert list(newest) == [f"d{i}" for i in range(500)]
    found = reader.narrow_article_choices(choices, "ynetnews 2024-03-02", limit=500)
    assert found and all("Ynetnews" in label and "2024-03-02" in label for label in found.values())
    assert len(found) == len([label for label in choices.values() if "Ynetnews" in label and "2024-03-02" in label])
    kept = reader.narrow_article_choices(choices, "nothing like this", keep="d999", limit=500)
    assert list(kept) == ["d999"]


def test_the_linked_sentence_is_marked_inside_its_focus(mentions):
    cut = TEXT.index("\n")
    markup = reader.render_article_html(TEXT, mentions, focus=[(cut + 1, len(TEXT))], target=(cut + 1, len(TEXT)))
    assert markup.index(reader.FOCUS_TAG) < markup.index(reader.TARGET_TAG)  # nested: focus outside
    assert markup.count(f'id="{reader.TARGET_ID}"') == 1
    assert _marked(markup) == ["Yoav Gallant", "Hamas", "Rafah"]
    assert reader.TARGET_TAG not in reader.render_article_html(TEXT, mentions, target=(5, len(TEXT) + 10))


@pytest.mark.parametrize(("value", "expected"), [("3", 3), ("0", 0), ("-1", None), ("x", None), (None, None)])
def test_parse_sentence_index(value, expected):
    assert reader.parse_sentence_index(value) == expected


def test_article_view_opens_at_a_sentence(seed_corpus):
    doc_id = str(seed_corpus.documents["doc_id"].iloc[0])
    sentences = seed_corpus.sentences[seed_corpus.sentences["doc_id"] == doc_id]
    second = sentences[sentences["sent_index"] == 1].iloc[0]
    view = reader.build_article_view(seed_corpus, doc_id, None, 1)
    assert view.sentence == " ".join(str(second["text"]).split())
    assert reader.TARGET_TAG in view.body
    assert reader.build_article_view(seed_corpus, doc_id, None, 10_000).sentence == ""
