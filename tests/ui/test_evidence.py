"""Evidence tables' links and columns: every row opens its article at its sentence; ids stay out."""

from __future__ import annotations

import pandas as pd

from lib.ui import evidence, state


def test_links_open_the_article_at_the_sentence() -> None:
    rows = pd.DataFrame({"doc_id": ["d1", "d2"], "sent_index": [4, None], "sentence": ["A.", "B."]})
    links = evidence.article_links(rows, **{state.ENTITY: "Hamas"})
    assert links == ["Article?article=d1&entity=Hamas&sentence=4", "Article?article=d2&entity=Hamas"]
    assert evidence.article_links(rows.drop(columns=["doc_id"])) == []


def test_links_are_those_link_to_article_writes() -> None:
    rows = pd.DataFrame({"doc_id": ["a b/c&d", "é?=#", "plain"], "sent_index": [0, 12, None]})
    for params in ({}, {state.ENTITY: "Al-Aqsa & co"}):
        assert evidence.article_links(rows, **params) == [
            evidence.link_to_article(doc_id, sentence=None if pd.isna(index) else int(index), **params)
            for doc_id, index in zip(rows["doc_id"], rows["sent_index"], strict=True)]


def test_paired_rows_link_each_side() -> None:
    rows = pd.DataFrame({"doc_id_a": ["d1"], "doc_id_b": ["d2"], "sent_index_b": [7]})
    assert evidence._side_links(rows, "a") == ["Article?article=d1"]
    assert evidence._side_links(rows, "b") == ["Article?article=d2&sentence=7"]
    assert evidence._side_links(rows.drop(columns=["doc_id_a"]), "a") == [None]


def test_ids_and_offsets_are_not_shown() -> None:
    columns = ["sentence", "doc_id", "sent_index", "start", "end", "outlet", "key_a", "date_start"]
    assert evidence.visible_columns(columns) == ["sentence", "outlet", "date_start"]


def test_long_text_in_any_shown_column_wraps_at_a_set_width() -> None:
    rows = pd.DataFrame({
        "lede": ["A lede."], "title": ["Helene Relief Efforts: The NCANG delivers 450,000 pounds of cargo"],
        "outlet": ["VOA"], "date from": ["caption date"], "articles": [3], "hidden": ["x" * 200],
    })  # fmt: skip
    widths = evidence.wrapped_widths(rows, ["lede", "title", "outlet", "date from", "articles"], "lede", width=360)
    assert widths == {"title": evidence.OTHER_TEXT_WIDTH, "date from": evidence.SOURCE_WIDTH, "lede": 360}
