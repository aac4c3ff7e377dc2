"""Tests for the roles extractor: compound titles, appositives and title normalisation."""

from __future__ import annotations

import pytest

from lib.nlp.roles import EXTRACTORS, extract_roles, normalise_org, normalise_title


def _roles(nlp, text: str) -> list[tuple[str, str, str, str | None]]:
    rows = extract_roles(nlp(text), doc_id="d1")
    return [(row["person"], row["title"], row["title_norm"], row["org"]) for row in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Israel’s Defence Minister, Yoav Gallant, has ordered the military to seize areas.",
            ("Yoav Gallant", "Israel’s Defence Minister", "israel's defense minister", "Israel's"),
        ),
        (
            "In a recent meeting, Defense Minister Yoav Gallant stated that talks go on.",
            ("Yoav Gallant", "Defense Minister", "defense minister", None),
        ),
        (
            "Hamas spokesman Abdel Latif al-Qanua said on Wednesday that it is fine.",
            ("Abdel Latif al-Qanua", "Hamas spokesman", "hamas spokesman", "Hamas"),
        ),
        (
            "The official said that U.S. Secretary of State Antony Blinken expressed concern.",
            ("Antony Blinken", "U.S. Secretary of State", "us secretary of state", "US"),
        ),
        (
            "Hamas also responded to Defense Minister Israel Katz’s warning that it is bad.",
            ("Israel Katz", "Defense Minister", "defense minister", None),
        ),
        (
            "Israeli Defense Minister Yoav Gallant met officials on Tuesday.",
            ("Yoav Gallant", "Israeli Defense Minister", "israeli defense minister", "Israeli"),
        ),
        (
            "It was a proposal brought by US envoy Steve Witkoff, which involves hostages.",
            ("Steve Witkoff", "US envoy", "us envoy", "US"),
        ),
    ],
)
def test_extract_roles_finds_one_title(nlp, text, expected):
    assert _roles(nlp, text) == [expected]


def test_compound_and_appositive_titles_of_one_person(nlp):
    text = (
        "IDF Captain Uriel Mashiach, a commander in the Sabra Battalion of the Givati Brigade, "
        "told the Maariv news site that Hamas fighters are tired."
    )
    rows = _roles(nlp, text)
    assert [row[:2] for row in rows] == [
        ("Uriel Mashiach", "IDF Captain"),
        ("Uriel Mashiach", "commander in the Sabra Battalion of the Givati Brigade"),
    ]
    assert rows[0][3] == "IDF"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UN Secretary-General Antonio Guterres called for calm.", [("Antonio Guterres", "UN Secretary-General")]),
        ("The well-known Defense Minister Yoav Gallant spoke.", [("Yoav Gallant", "Defense Minister")]),
        ("Mr. Smith left early.", []),
    ],
)
def test_hyphens_and_honorifics(nlp, text, expected):
    assert [row[:2] for row in _roles(nlp, text)] == expected


def test_appositive_after_name_stops_at_the_clause(nlp):
    rows = _roles(nlp, "Israel Katz, the defence minister, said that the army would push on.")
    assert rows == [("Israel Katz", "defence minister", "defense minister", None)]


def test_row_offsets_point_at_the_person(nlp):
    text = "Hamas spokesman Abdel Latif al-Qanua said on Wednesday that it is fine."
    (row,) = extract_roles(nlp(text), doc_id="d1")
    assert text[row["start"] : row["end"]] == "Abdel Latif al-Qanua"
    assert row["doc_id"] == "d1"
    assert row["sent_index"] == 0
    assert all(isinstance(value, str | int | type(None)) for value in row.values())


def test_sent_index_counts_sentences(nlp):
    text = "The war goes on. Defense Minister Yoav Gallant spoke on Monday."
    (row,) = extract_roles(nlp(text), doc_id="d1")
    assert row["sent_index"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "Israeli American hostages were named by American Edan Alexander.",
        "Get the app: https://bit.ly/3ZL7iNv | Apple App Store",
        "Netanyahu said Israel returned to combat.",
    ],
)
def test_no_title_without_a_title_noun(nlp, text):
    assert all(row[1] != "American" for row in _roles(nlp, text))
    assert all("http" not in row[1] for row in _roles(nlp, text))
    assert all(row[1] for row in _roles(nlp, text))


def test_plain_sentence_gives_no_roles(nlp):
    assert _roles(nlp, "Netanyahu said Israel returned to combat after Hamas refused.") == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Israel’s Defence Minister", "israel's defense minister"),
        ("the Defense Minister", "defense minister"),
        ("U.S. Secretary of State", "us secretary of state"),
        ("UN Secretary-General", "un secretary general"),
        ("Minister of Labour", "minister of labor"),
        ("head of the organisation", "head of the organization"),
    ],
)
def test_normalise_title(title, expected):
    assert normalise_title(title) == expected


@pytest.mark.parametrize(
    ("org", "expected"),
    [("U.S.", "us"), ("Israel's", "israel"), ("the UN", "un"), ("Hamas", "hamas")],
)
def test_normalise_org(org, expected):
    assert normalise_org(org) == expected


def test_registered_as_roles_table():
    assert EXTRACTORS == {"roles": extract_roles}


def test_roles_on_the_seeds(seed_corpus):
    roles = seed_corpus.table("roles")
    titles = roles.groupby("person")["title"].agg(set)
    assert "Defense Minister" in titles["Israel Katz"]
    assert {"Defense Minister", "Israeli Defense Minister", "Israel’s Defence Minister"} <= titles["Yoav Gallant"]
    assert "Hamas spokesman" in titles["Abdel Latif al-Qanua"]
    assert "IDF Captain" in titles["Uriel Mashiach"]
    assert "U.S. Secretary of State" in titles["Antony Blinken"]
    texts = seed_corpus.read_texts().set_index("doc_id")["text"].to_dict()
    for row in roles.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.person


def test_a_rank_tagged_as_a_person_holds_no_title(nlp):
    # National Guard (benchmark): the model tags "Master Sgt" as a person; it is the rank of
    # Jesse Huneycutt, not someone titled "USAF Master".
    text = ('“It was a big effort by the Aerial Port and some augmented personnel we had here in Charlotte", '
            "said USAF Master Sgt. Jesse Huneycutt, 145th Logistic Readiness Squadron, Air Transportation "
            "Specialist.")
    assert all(not person.startswith("Sgt") for person, *_ in _roles(nlp, text))
