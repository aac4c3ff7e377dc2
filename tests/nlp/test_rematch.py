"""The rematch pass: a known entity's names are counted every time an article writes them."""

from __future__ import annotations

import pandas as pd

from lib.nlp.entities import find_entities


def build(texts: dict[str, str], tagged: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    """Mentions the model tagged: (doc_id, text, label, occurrence number of that text)."""
    rows = []
    for doc_id, surface, label, nth in tagged:
        start = -1
        for _ in range(nth + 1):
            start = texts[doc_id].index(surface, start + 1)
        rows.append({"doc_id": doc_id, "sent_index": 0, "start": start, "end": start + len(surface),
                     "text": surface, "label": label})
    return pd.DataFrame(rows)


def sentences_of(texts: dict[str, str]) -> pd.DataFrame:
    rows = []
    for doc_id, text in texts.items():
        start = 0
        for index, sentence in enumerate(text.split(". ")):
            rows.append({"doc_id": doc_id, "sent_index": index, "start": start, "end": start + len(sentence),
                         "text": sentence, "lemmas": ""})
            start += len(sentence) + 2
    return pd.DataFrame(rows)


def counts(result) -> dict[str, int]:
    return result.mentions["entity"].value_counts().to_dict()


def test_every_written_name_of_a_known_entity_counts() -> None:
    texts = {"a": "Troops entered Rafah. Families fled Rafah at night. Rafah is on the border",
             "b": "Rafah was shelled"}
    mentions = build(texts, [("a", "Rafah", "GPE", 0)])
    result = find_entities(mentions, texts, sentences_of(texts))
    assert counts(result) == {"Rafah": 4}
    matched = result.mentions[result.mentions["source"] == "matched"]
    assert list(matched["sent_index"]) == [1, 2, 0] and set(matched["label"]) == {""}


def test_a_surname_counts_only_where_the_person_is_named() -> None:
    texts = {"a": "Yoav Gallant met aides. Gallant said more. Gallant left",
             "b": "Gallant is a word here. The Gallant troops marched"}
    mentions = build(texts, [("a", "Yoav Gallant", "PERSON", 0), ("a", "Gallant", "PERSON", 1)])
    result = find_entities(mentions, texts, sentences_of(texts))
    assert counts(result) == {"Yoav Gallant": 3}
    assert set(result.mentions["doc_id"]) == {"a"}


def test_a_name_inside_a_longer_capitalised_name_is_not_counted() -> None:
    texts = {"a": "Washington said yes. She studied at George Washington University. Washington Post readers"}
    mentions = build(texts, [("a", "Washington", "GPE", 0)])
    assert counts(find_entities(mentions, texts, sentences_of(texts))) == {"Washington": 1}


def test_spans_the_model_tagged_are_left_alone() -> None:
    texts = {"a": "Israel said no. The Times of Israel reported it. Israel Katz spoke"}
    mentions = build(texts, [("a", "Israel", "GPE", 0), ("a", "Times of Israel", "ORG", 0),
                             ("a", "Israel Katz", "PERSON", 0)])
    assert counts(find_entities(mentions, texts, sentences_of(texts))) == {
        "Israel": 1, "Times of Israel": 1, "Israel Katz": 1,
    }  # fmt: skip


def test_a_fragment_the_model_cut_is_made_whole_from_the_text() -> None:
    texts = {"a": "Hurricane Helene hit Florida. Aid for Hurricane Helene relief efforts arrived"}
    mentions = build(texts, [("a", "Hurricane Helene", "EVENT", 0), ("a", "Hurricane", "ORG", 1)])
    result = find_entities(mentions, texts, sentences_of(texts))
    assert counts(result) == {"Hurricane Helene": 2}  # the model tagged only "Hurricane" the second time
    assert list(result.not_counted["reason"]) == ["extended: proper words beside the name"]


def test_a_known_name_replaces_a_fragment_the_model_cut_from_it() -> None:
    # in a title-case line every word is capitalised, so the span is not extended there: the
    # fragment is dropped and the rematch pass finds the known name
    texts = {"a": "Hurricane Helene hit Florida.\nAid For Hurricane Helene Victims Arrives In Asheville\nIt came"}
    mentions = build(texts, [("a", "Hurricane Helene", "EVENT", 0), ("a", "Hurricane", "ORG", 1)])
    result = find_entities(mentions, texts, sentences_of(texts))
    assert counts(result) == {"Hurricane Helene": 2}
    assert list(result.not_counted["reason"]) == ["title or name fragment"]
