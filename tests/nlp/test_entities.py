"""Canonical entities: one entity per person, organisation or place, however it is written."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lib.nlp.entities import build_alias_lookup, canonicalise, normalise_mention, resolve_span


def mentions_of(*items: tuple[str, str], text: str = "") -> tuple[pd.DataFrame, dict[str, str]]:
    rows = []
    position = 0
    for surface, label in items:
        rows.append(
            {
                "doc_id": "d1",
                "sent_index": 0,
                "start": position,
                "end": position + len(surface),
                "text": surface,
                "label": label,
            }
        )
        position += len(surface) + 1
    texts = {"d1": text or " ".join(surface for surface, _ in items)}
    return pd.DataFrame(rows), texts


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("the Gaza Strip", "Gaza Strip"),
        ("Hamas’s", "Hamas"),
        ("Yoav\nGallant", "Yoav Gallant"),
        ("U.S.", "U.S."),
        ("The United Nations", "United Nations"),
    ],
)
def test_normalise_mention(surface: str, expected: str) -> None:
    assert normalise_mention(surface) == expected


def entity_of(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["text"], frame["entity"], strict=True))


def test_surname_merges_into_the_one_full_name() -> None:
    frame, texts = mentions_of(("Yoav Gallant", "PERSON"), ("Gallant", "PERSON"), ("Gallant", "ORG"))
    assert set(canonicalise(frame, texts)["entity"]) == {"Yoav Gallant"}


def test_surname_shared_by_two_people_is_not_merged() -> None:
    frame, texts = mentions_of(("Ann Smith", "PERSON"), ("Bob Smith", "PERSON"), ("Smith", "PERSON"))
    assert entity_of(canonicalise(frame, texts))["Smith"] == "Smith"


@pytest.mark.parametrize(
    ("short", "long"),
    [("IDF", "Israel Defense Forces"), ("U.S.", "United States"), ("UN", "United Nations")],
)
def test_acronym_merges_with_its_expansion(short: str, long: str) -> None:
    frame, texts = mentions_of((short, "ORG"), (long, "ORG"), (f"the {long}", "ORG"))
    assert set(canonicalise(frame, texts)["entity"]) == {long}


def test_title_fragment_is_dropped() -> None:
    frame, texts = mentions_of(("Defense", "ORG"), ("Hamas", "ORG"))
    assert list(canonicalise(frame, texts)["entity"]) == ["Hamas"]


def test_person_label_in_place_context_votes_for_a_place() -> None:
    text = "troops seize the southern city of Khan Younis, fighting in Khan Younis, and Khan Younis fell"
    starts = [i for i in range(len(text)) if text.startswith("Khan Younis", i)]
    frame = pd.DataFrame(
        [
            {"doc_id": "d1", "sent_index": 0, "start": s, "end": s + 11, "text": "Khan Younis", "label": "PERSON"}
            for s in starts
        ]
    )
    result = canonicalise(frame, {"d1": text})
    assert list(result["entity_label"]) == ["GPE", "GPE", "GPE"]  # two place contexts outvote one
    assert list(result["label"]) == ["PERSON", "PERSON", "PERSON"]  # the model's own label is kept


def test_resolve_span_and_alias_lookup() -> None:
    frame, texts = mentions_of(("Benjamin Netanyahu", "PERSON"), ("Netanyahu", "PERSON"))
    result = canonicalise(frame, texts)
    assert resolve_span(result, "d1", 19, 25) == "Benjamin Netanyahu"
    assert resolve_span(result, "d1", 100, 110) is None
    assert build_alias_lookup(result)["netanyahu"] == "Benjamin Netanyahu"


def test_seed_entities(seed_corpus) -> None:
    entities = seed_corpus.entities.set_index("entity")
    gallant = entities.loc["Yoav Gallant"]
    assert gallant["label"] == "PERSON" and gallant["articles"] >= 4
    assert set(json.loads(gallant["aliases"])) == {"Yoav Gallant", "Gallant"}
    assert "Netanyahu" in json.loads(entities.loc["Benjamin Netanyahu", "aliases"])
    assert {"IDF", "Israel Defense Forces"} <= set(json.loads(entities.loc["Israel Defense Forces", "aliases"]))
    assert entities.loc["Rafah", "label"] == "GPE"
    assert entities.loc["Khan Younis", "label"] in ("GPE", "LOC")
    people = set(entities.index[entities["label"] == "PERSON"])
    assert "Rafah" not in people and "Gallant" not in entities.index and "Defense" not in entities.index


def test_hebrew_captions_produce_no_entity(seed_corpus) -> None:
    assert not seed_corpus.mentions["text"].str.contains(r"[\u0590-\u05FF]", regex=True).any()
