"""Canonical entities: one entity per person, organisation or place, however it is written."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lib.nlp.entities import build_alias_lookup, canonicalise, find_entities, normalise_mention, resolve_span


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


def corpus_of(*articles: tuple[str, list[tuple[str, str]]]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Mentions of several articles: each is (text, [(name as written, model label), ...]) in order."""
    rows, texts = [], {}
    for number, (text, items) in enumerate(articles):
        doc_id, position = f"d{number}", 0
        texts[doc_id] = text
        for surface, label in items:
            start = text.index(surface, position)
            position = start + len(surface)
            rows.append({"doc_id": doc_id, "sent_index": 0, "start": start, "end": position, "text": surface,
                         "label": label})
    return pd.DataFrame(rows), texts


def entities_of(frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(d, t): e for d, t, e in zip(frame["doc_id"], frame["text"], frame["entity"], strict=True)}


def test_hyphen_space_case_and_accent_variants_are_one_entity() -> None:
    frame, texts = corpus_of(
        ("Itamar Ben-Gvir spoke.", [("Itamar Ben-Gvir", "PERSON")]),
        ("Itamar Ben Gvir spoke.", [("Itamar Ben Gvir", "PERSON")]),
        ("ITAMAR BEN GVIR spoke.", [("ITAMAR BEN GVIR", "PERSON")]),
        ("António Guterres and Antonio Guterres.", [("António Guterres", "PERSON"), ("Antonio Guterres", "PERSON")]),
    )
    result = find_entities(frame, texts, rematch=False)
    assert set(result.mentions["entity"]) == {"Itamar Ben-Gvir", "António Guterres"}
    rules = set(result.merges["rule"])
    assert rules == {"same name"} and result.merges["evidence"].str.contains("hyphen|space|case|accents").all()


def test_transliterated_given_name_with_one_surname_merges() -> None:
    frame, texts = corpus_of(
        ("Binyamin Netanyahu said. Netanyahu left.", [("Binyamin Netanyahu", "PERSON"), ("Netanyahu", "ORG")]),
        ("Benjamin Netanyahu said. Netanyahu left.", [("Benjamin Netanyahu", "PERSON"), ("Netanyahu", "PERSON")]),
    )
    result = find_entities(frame, texts, rematch=False)
    assert result.mentions["entity"].nunique() == 1
    assert "transliteration" in set(result.merges["rule"])
    assert ("split", "Netanyahu") in {(k, o.split()[-1]) for k, o in zip(result.review["kind"], result.review["other"],
                                                                        strict=True)}


@pytest.mark.parametrize(("first", "second"), [("John Smith", "Joan Smith"), ("Paul Smith", "Paula Smith"),
                                               ("Daniel Smith", "Danielle Smith")])
def test_different_given_names_with_one_surname_stay_apart(first: str, second: str) -> None:
    frame, texts = corpus_of((f"{first} said.", [(first, "PERSON")]), (f"{second} said.", [(second, "PERSON")]))
    assert find_entities(frame, texts, rematch=False).mentions["entity"].nunique() == 2


def test_variants_named_in_one_article_are_two_people() -> None:
    frame, texts = corpus_of(("Binyamin Netanyahu met Benjamin Netanyahu.",
                              [("Binyamin Netanyahu", "PERSON"), ("Benjamin Netanyahu", "PERSON")]))
    assert find_entities(frame, texts, rematch=False).mentions["entity"].nunique() == 2


def test_shared_surname_merges_per_article_with_the_one_named_there() -> None:
    frame, texts = corpus_of(
        ("Ann Smith spoke. Smith left.", [("Ann Smith", "PERSON"), ("Smith", "PERSON")]),
        ("Bob Smith spoke. Smith left.", [("Bob Smith", "PERSON"), ("Smith", "PERSON")]),
        ("Smith said nothing.", [("Smith", "PERSON")]),
    )
    result = find_entities(frame, texts, rematch=False)
    found = entities_of(result.mentions)
    assert found[("d0", "Smith")] == "Ann Smith" and found[("d1", "Smith")] == "Bob Smith"
    assert found[("d2", "Smith")] == "Smith"  # named alone: either one, so neither
    assert {("Smith", "Ann Smith"), ("Smith", "Bob Smith")} <= set(zip(result.review["entity"], result.review["other"],
                                                                       strict=True))


def test_first_name_joins_only_after_the_full_name() -> None:
    frame, texts = corpus_of(
        ("Duncan Campbell plays. Duncan trains.", [("Duncan Campbell", "PERSON"), ("Duncan", "PERSON")]),
        ("Duncan arrived. Duncan Campbell plays.", [("Duncan", "PERSON"), ("Duncan Campbell", "PERSON")]),
    )
    found = entities_of(find_entities(frame, texts, rematch=False).mentions)
    assert found[("d0", "Duncan")] == "Duncan Campbell" and found[("d1", "Duncan")] == "Duncan"


def test_title_prefixed_forms_join_the_person() -> None:
    frame, texts = corpus_of(
        ("President Biden spoke; Joe Biden left.", [("President Biden", "PERSON"), ("Joe Biden", "PERSON")]),
        ("DM Gallant met Yoav Gallant's aides.", [("DM Gallant", "ORG"), ("Yoav Gallant", "PERSON")]),
        ("Councilmember Marcus Hale voted.", [("Councilmember Marcus Hale", "ORG")]),
    )
    result = find_entities(frame, texts, rematch=False)
    assert set(result.mentions["entity"]) == {"Joe Biden", "Yoav Gallant", "Marcus Hale"}
    assert result.mentions.set_index("entity").loc["Marcus Hale", "entity_label"] == "PERSON"


def test_shorter_form_joins_the_one_longer_name() -> None:
    frame, texts = corpus_of(
        ("The Francis Scott Key Bridge fell.", [("Francis Scott Key Bridge", "ORG")]),
        ("Crews cleared the Key Bridge.", [("the Key Bridge", "ORG")]),
        ("The UN Security Council met; the Security Council voted.",
         [("The UN Security Council", "ORG"), ("the Security Council", "ORG")]),
        ("Hurricane Helene hit. Helene moved north.", [("Hurricane Helene", "PERSON"), ("Helene", "PERSON")]),
    )
    result = find_entities(frame, texts, rematch=False)
    assert set(result.mentions["entity"]) == {"Francis Scott Key Bridge", "UN Security Council", "Hurricane Helene"}
    labels = result.mentions.drop_duplicates("entity").set_index("entity")["entity_label"]
    assert labels["Francis Scott Key Bridge"] == "FAC" and labels["Hurricane Helene"] == "EVENT"


@pytest.mark.parametrize(
    ("long", "short"),
    [("Coalition Avenir Québec", "Québec"), ("Western North Carolina", "North Carolina"),
     ("California State Democratic Party", "Democratic Party"), ("University of Southern California", "California"),
     ("Gaza City", "Gaza")],
)
def test_a_shorter_name_that_is_another_entity_stays_apart(long: str, short: str) -> None:
    frame, texts = corpus_of((f"{long} and {short}.", [(long, "ORG"), (short, "GPE")]),
                             (f"In {short} today.", [(short, "GPE")]))
    assert find_entities(frame, texts, rematch=False).mentions["entity"].nunique() == 2


def test_acronym_joins_the_name_it_spells_out_in_brackets() -> None:
    frame, texts = corpus_of(
        ("The National Hurricane Center (NHC) warned.", [("The National Hurricane Center (NHC", "ORG")]),
        ("The NHC said.", [("NHC", "ORG")]),
    )
    result = find_entities(frame, texts, rematch=False)
    assert set(result.mentions["entity"]) == {"National Hurricane Center"}
    assert set(result.merges["rule"]) == {"acronym in brackets"}


def test_acronym_with_two_expansions_or_a_person_stays_apart() -> None:
    frame, texts = corpus_of(
        ("Associated Press and Alpha Partners.", [("Associated Press", "ORG"), ("Alpha Partners", "ORG")]),
        ("AP reported.", [("AP", "ORG")]),
        ("Alan Parker said. The AFP said.", [("Alan Parker", "PERSON"), ("AFP", "ORG")]),
        ("AP again and AP.", [("AP", "ORG")]),
    )
    assert "AP" in set(find_entities(frame, texts, rematch=False).mentions["entity"])
    frame, texts = corpus_of(("Alan Parker said.", [("Alan Parker", "PERSON")]), ("AP said.", [("AP", "ORG")]))
    assert set(find_entities(frame, texts, rematch=False).mentions["entity"]) == {"Alan Parker", "AP"}


def test_labels_by_evidence() -> None:
    frame, texts = corpus_of(
        ("Crews cut trees in Augusta, Georgia, on Monday.", [("Augusta", "PERSON"), ("Georgia", "GPE")]),
        ("Homes in Fukushima, Miyagi and Iwate were lost.",
         [("Fukushima", "PERSON"), ("Miyagi", "ORG"), ("Iwate", "ORG")]),
        ("Troops entered the city of Khan Younis.", [("Khan Younis", "ORG")]),
        ("Singh said the deal held. Sabrina Singh added more.", [("Singh", "GPE"), ("Sabrina Singh", "PERSON")]),
    )
    labels = find_entities(frame, texts, rematch=False).mentions.drop_duplicates("entity").set_index("entity")
    assert labels.loc["Augusta", "entity_label"] == "GPE"
    assert labels.loc["Khan Younis", "entity_label"] == "GPE"
    assert labels.loc["Sabrina Singh", "entity_label"] == "PERSON" and "Singh" not in labels.index
    assert labels.loc["Fukushima", "entity_label"] == "GPE"


def test_junk_goes_to_the_not_counted_table_with_its_reason() -> None:
    frame, texts = corpus_of(
        ("Breaking News\nMaster Sgt. Jesse Huneycutt said the Right.png Winnipeg team won.",
         [("Breaking News", "ORG"), ("Master Sgt", "PERSON"), ("Jesse Huneycutt", "PERSON"),
          ("Right.png Winnipeg", "PERSON")]),
    )
    result = find_entities(frame, texts, rematch=False)
    assert set(result.mentions["entity"]) == {"Jesse Huneycutt", "Winnipeg"}
    reasons = dict(zip(result.not_counted["text"], result.not_counted["reason"], strict=True))
    assert reasons["Breaking News"] == "navigation word" and reasons["Master Sgt"] == "title word"
    assert reasons["Right.png Winnipeg"].startswith("trimmed")
    assert result.mentions.set_index("entity").loc["Jesse Huneycutt", "entity_label"] == "PERSON"


def test_a_stance_toward_a_person_is_not_a_second_person() -> None:
    frame, texts = corpus_of(("Hugo Chavez spoke to Pro-Chavez crowds. Chavez left.",
                              [("Hugo Chavez", "PERSON"), ("Pro-Chavez", "PERSON"), ("Chavez", "PERSON")]))
    found = entities_of(find_entities(frame, texts, rematch=False).mentions)
    assert found[("d0", "Chavez")] == "Hugo Chavez"
