"""Tests for entity mention analysis on small hand-built tables shaped like the corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.analysis import ledger as role_ledger
from lib.analysis import mentions as m
from lib.nlp.roles import normalise_title
from lib.records import UNKNOWN_OUTLET_LABEL

TEXTS = {
    "a1": "Defense Minister Yoav Gallant met Netanyahu. Gallant went to Rafah.",
    "b1": "Israel Katz spoke. Defense Minister Israel Katz warned Hamas in Rafah.",
    "c1": "Israel’s Defence Minister, Yoav Gallant, ordered troops into Rafah.",
}


def _mention(doc_id: str, sent_index: int, surface: str, entity: str, label: str, nth: int = 0):
    text = TEXTS[doc_id]
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {
        "doc_id": doc_id, "sent_index": sent_index, "start": start, "end": start + len(surface),
        "text": surface, "label": label, "entity": entity, "entity_label": label,
    }  # fmt: skip


@pytest.fixture
def documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a1", "b1", "c1"],
            "title": ["Gallant visits", "Katz warns", "Gallant orders"],
            "outlet": ["Outlet A", "Outlet B", ""],
            "published": ["2024-02-08", "", ""],
            "url": ["https://a.example/1", "", ""],
            "text": [TEXTS["a1"], TEXTS["b1"], TEXTS["c1"]],
        }
    )


def _sentences_of(doc_id: str) -> list[dict]:
    text = TEXTS[doc_id]
    cut = text.index(". ") + 1
    return [
        {"doc_id": doc_id, "sent_index": 0, "start": 0, "end": cut, "text": text[:cut]},
        {
            "doc_id": doc_id,
            "sent_index": 1,
            "start": cut + 1,
            "end": len(text),
            "text": text[cut + 1 :],
        },
    ]


@pytest.fixture
def sentences() -> pd.DataFrame:
    rows = _sentences_of("a1") + _sentences_of("b1")
    rows.append({"doc_id": "c1", "sent_index": 0, "start": 0, "end": len(TEXTS["c1"]), "text": TEXTS["c1"]})
    return pd.DataFrame(rows)


@pytest.fixture
def mentions() -> pd.DataFrame:
    rows = [
        _mention("a1", 0, "Yoav Gallant", "Yoav Gallant", "PERSON"),
        _mention("a1", 0, "Netanyahu", "Benjamin Netanyahu", "PERSON"),
        _mention("a1", 1, "Gallant", "Yoav Gallant", "PERSON", nth=1),
        _mention("a1", 1, "Rafah", "Rafah", "GPE"),
        _mention("b1", 0, "Israel Katz", "Israel Katz", "PERSON"),
        _mention("b1", 1, "Israel Katz", "Israel Katz", "PERSON", nth=1),
        _mention("b1", 1, "Hamas", "Hamas", "ORG"),
        _mention("b1", 1, "Rafah", "Rafah", "GPE"),
        _mention("c1", 0, "Israel", "Israel", "GPE"),
        _mention("c1", 0, "Yoav Gallant", "Yoav Gallant", "PERSON"),
        _mention("c1", 0, "Rafah", "Rafah", "GPE"),
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def roles() -> pd.DataFrame:
    def row(doc_id, surface, title, org, sent_index=0, nth=0):
        mention = _mention(doc_id, sent_index, surface, surface, "PERSON", nth=nth)
        norm = normalise_title(title)
        return {
            "doc_id": doc_id, "sent_index": sent_index, "start": mention["start"],
            "end": mention["end"], "person": surface, "title": title, "title_norm": norm,
            "org": org,
        }  # fmt: skip

    return pd.DataFrame(
        [
            row("a1", "Yoav Gallant", "Defense Minister", None),
            row("b1", "Israel Katz", "Defense Minister", None, sent_index=1, nth=1),
            row("c1", "Yoav Gallant", "Israel’s Defence Minister", "Israel's"),
        ]
    )


def test_rank_entities_counts_mentions_and_articles(mentions):
    ranked = m.rank_entities(mentions)
    assert ranked.iloc[0].to_dict() == {
        "entity": "Rafah", "label": "GPE", "mentions": 3, "articles": 3,
    }  # fmt: skip
    gallant = ranked.set_index("entity").loc["Yoav Gallant"]
    assert (gallant["mentions"], gallant["articles"]) == (3, 2)


def test_rank_entities_filters_by_type_and_top(mentions):
    ranked = m.rank_entities(mentions, labels=["PERSON"], top=2)
    assert ranked["entity"].tolist() == ["Yoav Gallant", "Israel Katz"]
    assert m.rank_entities(mentions, labels=["EVENT"]).empty


def test_list_labels_most_mentioned_first(mentions):
    assert m.list_labels(mentions) == ["PERSON", "GPE", "ORG"]


def test_count_entity_outlets_names_the_unknown_outlet(mentions, documents):
    counts = m.count_entity_outlets(mentions, documents, entities=["Yoav Gallant"])
    assert counts[["outlet", "mentions", "articles"]].values.tolist() == [
        ["Outlet A", 2, 1],
        [UNKNOWN_OUTLET_LABEL, 1, 1],
    ]


def test_compute_outlet_shares(mentions, documents):
    shares = m.compute_outlet_shares(mentions, documents, entities=["Rafah", "Israel Katz"])
    cell = shares.set_index(["entity", "outlet"]).loc[("Israel Katz", "Outlet B")]
    assert cell["mentions"] == 2
    assert cell["outlet_mentions"] == 4
    assert cell["share"] == pytest.approx(0.5)
    assert bool(cell["small_sample"]) is True
    empty = shares.set_index(["entity", "outlet"]).loc[("Israel Katz", "Outlet A")]
    assert (empty["mentions"], empty["share"]) == (0, 0.0)
    assert len(shares) == 6


def test_small_sample_threshold(mentions, documents):
    shares = m.compute_outlet_shares(mentions, documents, entities=["Rafah"], small_sample=4)
    flags = shares.set_index("outlet")["small_sample"].to_dict()
    assert flags == {"Outlet A": False, "Outlet B": False, UNKNOWN_OUTLET_LABEL: True}


def test_count_cooccurrences_weights_sentences(mentions):
    nodes, edges = m.count_cooccurrences(mentions, min_weight=1)
    weights = {(row.source, row.target): row.weight for row in edges.itertuples()}
    assert weights[("Rafah", "Yoav Gallant")] == 2
    assert weights[("Hamas", "Israel Katz")] == 1
    assert ("Israel Katz", "Yoav Gallant") not in weights
    assert set(nodes.columns) == {"entity", "label", "mentions", "degree"}


def test_count_cooccurrences_thresholds(mentions):
    nodes, edges = m.count_cooccurrences(mentions, min_weight=2)
    assert edges.values.tolist() == [["Rafah", "Yoav Gallant", 2]]
    assert sorted(nodes["entity"]) == ["Rafah", "Yoav Gallant"]
    nodes, edges = m.count_cooccurrences(mentions, top_nodes=2, min_weight=1)
    assert set(nodes["entity"]) <= {"Rafah", "Yoav Gallant"}


def test_list_aliases_and_comentions(mentions):
    aliases = m.list_aliases(mentions, "Yoav Gallant")
    assert aliases.values.tolist() == [["Yoav Gallant", 2], ["Gallant", 1]]
    co = m.list_comentions(mentions, "Yoav Gallant")
    assert co.values.tolist() == [
        ["Rafah", "GPE", 2], ["Benjamin Netanyahu", "PERSON", 1], ["Israel", "GPE", 1],
    ]  # fmt: skip


def test_build_kwic_splits_sentence_around_mention(mentions, sentences, documents):
    kwic = m.build_kwic(mentions, sentences, documents, "Yoav Gallant")
    assert len(kwic) == 3
    assert kwic["outlet"].tolist() == ["Outlet A", "Outlet A", UNKNOWN_OUTLET_LABEL]  # undated last
    last = kwic.iloc[-1]
    assert (last["left"], last["keyword"]) == ("Israel’s Defence Minister,", "Yoav Gallant")
    second = kwic[kwic["sent_index"] == 1].iloc[0]
    assert (second["left"], second["keyword"], second["right"]) == ("", "Gallant", "went to Rafah.")
    assert m.build_kwic(mentions, sentences, documents, "Nobody").empty


def test_build_kwic_clips_long_context(mentions, sentences, documents):
    kwic = m.build_kwic(mentions, sentences, documents, "Rafah", width=8)
    assert all(len(left) <= 9 for left in kwic["left"])


def test_role_of_strips_the_named_body():
    assert role_ledger.role_of("israel's defense minister", "Israel's") == "defense minister"
    assert role_ledger.role_of("us secretary of state", "US") == "secretary of state"
    assert role_ledger.role_of("head of the hamas movement", "Hamas") == "head of the hamas movement"


def test_build_role_ledger(roles, mentions, documents, sentences):
    ledger = role_ledger.build_role_ledger(roles, mentions, documents, sentences)
    assert ledger["role"].unique().tolist() == ["defense minister"]
    katz = ledger[ledger["person"] == "Israel Katz"].iloc[0]
    assert (katz["outlet"], katz["published"]) == ("Outlet B", "")
    assert katz["sentence"].startswith("Defense Minister Israel Katz warned")
    assert set(ledger["person"]) == {"Yoav Gallant", "Israel Katz"}


def test_undated_articles_give_no_role_conflict(roles, mentions, documents, sentences):
    # Katz's article is undated: there are no dates to overlap, so no conflict is claimed.
    ledger = role_ledger.build_role_ledger(roles, mentions, documents, sentences)
    assert set(ledger["person_label"]) == {"PERSON"}
    assert role_ledger.find_role_conflicts(ledger).empty


def _ledger(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["person", "title", "org", "outlet", "published"])
    frame["title_norm"] = frame["title"].map(normalise_title)
    frame["role"] = [role_ledger.role_of(n, o) for n, o in zip(frame["title_norm"], frame["org"], strict=True)]
    frame["doc_id"] = [f"d{i}" for i in range(len(frame))]
    frame["sentence"] = frame["person"] + " spoke."
    return frame


def test_conflict_when_dated_in_the_same_news_cycle():
    ledger = _ledger(
        [
            ("Yoav Gallant", "Defense Minister", "", "X", "2024-03-01"),
            ("Israel Katz", "Israeli Defence Minister", "Israeli", "Y", "2024-03-03"),
        ]
    )
    (row,) = role_ledger.find_role_conflicts(ledger).to_dict("records")
    assert (row["published_a"], row["published_b"], row["gap_days"]) == ("2024-03-03", "2024-03-01", 2)
    assert row["timing"] == "same period (2 days apart)"


@pytest.mark.parametrize(
    "rows",
    [
        [
            ("A", "Defense Minister", "", "X", "2024-01-01"),
            ("B", "Defense Minister", "", "Y", "2024-12-01"),
        ],
        [("A", "Hamas spokesman", "Hamas", "X", ""), ("B", "Hamas spokesman", "Hamas", "Y", "")],
        [("A", "IDF Captain", "IDF", "X", ""), ("B", "IDF Captain", "IDF", "Y", "")],
        [
            ("A", "US Defense Secretary", "US", "X", ""),
            ("B", "Israeli Defense Secretary", "Israeli", "Y", ""),
        ],
        [("A", "hostage", "", "X", ""), ("B", "hostage", "", "Y", "")],
        [("A", "Defense Minister", "", "X", ""), ("A", "Defence Minister", "", "Y", "")],
        [
            ("Benjamin Netanyahu", "Prime Minister", "", "X", "2024-03-01"),
            ("Binyamin Netanyahu", "Israeli Prime Minister", "Israeli", "Y", "2024-03-01"),
        ],
        [
            ("Yoav Gallant", "Defense Minister", "", "X", "2024-03-01"),
            ("Israel Katz", "Defense Minister", "", "Y", "2024-03-11"),
        ],
        [("Yoav Gallant", "Defense Minister", "", "X", "2024-03-01"), ("Israel Katz", "Defense Minister", "", "Y", "")],
        [
            ("Mike Mullen", "Admiral", "", "X", "2007-07-31"),
            ("Shannon Gilreath", "U.S. Coast Guard Rear Admiral", "U.S. Coast Guard", "Y", "2007-07-31"),
        ],
        [("Kaimana McBrayer", "Spc.", "", "X", "2023-08-20"), ("Levi Lemisio", "Spc.", "", "X", "2023-08-20")],
        [("Jane Roe", "Staff Sgt.", "", "X", "2024-10-01"), ("John Doe", "Sgt.", "", "Y", "2024-10-01")],
    ],
    ids=["succession", "spokesman", "rank", "other-country", "crowd", "same-person", "spelling",
         "ten-days-apart", "one-undated", "admirals", "abbreviated-rank", "abbreviated-sergeants"],
)
def test_no_conflict(rows):
    assert role_ledger.find_role_conflicts(_ledger(rows)).empty


def test_list_entity_titles(roles, mentions, documents, sentences):
    ledger = role_ledger.build_role_ledger(roles, mentions, documents, sentences)
    titles = role_ledger.list_entity_titles(ledger, "Yoav Gallant")
    assert titles.values.tolist() == [
        ["Defense Minister", "Outlet A", 1],
        ["Israel’s Defence Minister", UNKNOWN_OUTLET_LABEL, 1],
    ]


def test_seed_rankings(seed_corpus):
    ranked = m.rank_entities(seed_corpus.mentions).set_index("entity")
    assert ranked.loc["Yoav Gallant", "label"] == "PERSON"
    assert ranked.loc["Yoav Gallant", "articles"] >= 4
    assert ranked.loc["Rafah", "label"] == "GPE"
    assert ranked.loc["Khan Younis", "label"] == "GPE"
    assert not ranked.index.str.contains(r"[\u0590-\u05ff]").any()
    aliases = m.list_aliases(seed_corpus.mentions, "Benjamin Netanyahu").set_index("name")
    assert {"Netanyahu", "Benjamin Netanyahu"} <= set(aliases.index)


def test_seed_profile_lists_gallant_in_every_outlet_that_names_him(seed_corpus):
    kwic = m.build_kwic(seed_corpus.mentions, seed_corpus.sentences, seed_corpus.documents, "Yoav Gallant")
    assert set(kwic["outlet"]) == {
        "All Israel News", "The Times of Israel", "Anadolu Agency", UNKNOWN_OUTLET_LABEL,
    }  # fmt: skip
    assert (kwic["keyword"].str.contains("Gallant")).all()


def test_seed_katz_and_gallant_are_no_conflict_without_dates(seed_corpus):
    # Both "Defense Minister Israel Katz" (Ynetnews) and "Israel’s Defence Minister, Yoav
    # Gallant" (unknown outlet) come from undated articles: nothing says their dates overlap.
    ledger = role_ledger.build_role_ledger(
        seed_corpus.table("roles"), seed_corpus.mentions, seed_corpus.documents,
        seed_corpus.sentences,
    )  # fmt: skip
    ministers = ledger[ledger["role"] == "defense minister"]
    assert {"Israel Katz", "Yoav Gallant"} <= set(ministers["person"])
    assert role_ledger.find_role_conflicts(ledger).empty


def test_seed_network_thresholds(seed_corpus):
    nodes, edges = m.count_cooccurrences(seed_corpus.mentions, top_nodes=10, min_weight=3)
    assert len(nodes) <= 10
    assert (edges["weight"] >= 3).all()
    assert ("Hamas", "Israel") in set(zip(edges["source"], edges["target"], strict=True))


def test_conflict_over_overlapping_periods_names_the_nearest_mentions():
    ledger = _ledger(
        [
            ("A", "Defense Minister", "", "X", "2024-01-01"),
            ("A", "Defense Minister", "", "X", "2024-09-01"),
            ("B", "Defense Minister", "", "Y", "2024-05-01"),
        ]
    )
    (row,) = role_ledger.find_role_conflicts(ledger).to_dict("records")
    assert row["published_a"] == "2024-01-01"  # 121 days before B, against 123 after
    assert row["gap_days"] == 121
    assert row["timing"] == "overlapping periods (nearest mentions 121 days apart)"


def test_conflicts_are_bounded_per_office():
    rows = [(f"Person {chr(65 + i)}{chr(97 + i)}", "Defense Minister", "", f"O{i}", "2024-03-01") for i in range(26)]
    conflicts = role_ledger.find_role_conflicts(_ledger(rows), max_per_role=5, max_holders=10)
    assert len(conflicts) == 5
    assert set(conflicts["timing"]) == {"same period (0 days apart)"}


@pytest.mark.parametrize(
    ("action", "options", "expected"),
    [
        ("merge", {"target": "Gaza"}, ("merge", "Gaza City", "Gaza", "")),
        ("rename", {"new_name": "  Gaza   City  North "}, ("rename", "Gaza City", "Gaza City North", "")),
        ("relabel", {"label": "loc"}, ("relabel", "Gaza City", "", "LOC")),
        ("drop", {}, ("drop", "Gaza City", "", "")),
    ],
)
def test_make_correction(action, options, expected):
    fix = m.make_correction(action, "Gaza City", **options)
    assert (fix.action, fix.entity, fix.target, fix.label) == expected


@pytest.mark.parametrize(
    ("action", "options"),
    [("merge", {}), ("merge", {"target": "Gaza City"}), ("rename", {"new_name": " "}), ("relabel", {}), ("x", {})],
)
def test_make_correction_explains_what_is_missing(action, options):
    assert isinstance(m.make_correction(action, "Gaza City", **options), str)


def test_summaries_follow_the_filters(seed_corpus):
    from lib.analysis.filters import Filters

    ynet = Filters(outlets=("Ynetnews",))
    view = m.summarise_entity_view(seed_corpus, ynet, ("PERSON",), 10)
    assert set(view.ranking["label"]) == {"PERSON"}
    assert set(view.outlet_counts["outlet"]) == {"Ynetnews"}
    assert "Israel Katz" in set(view.ranking["entity"])
    assert m.profile_entity(seed_corpus, ynet, "Yoav Gallant") is None
    everything = m.profile_entity(seed_corpus, Filters(), "Yoav Gallant")
    assert everything.articles >= 4
    assert "Israel’s Defence Minister" in set(everything.titles["title"])
    ledger, conflicts = m.summarise_roles(seed_corpus, ynet)
    assert set(ledger["outlet"]) == {"Ynetnews"}
    assert conflicts.empty


def test_outlet_counts_add_up_to_the_ranking_with_the_unknown_outlet(seed_corpus):
    from lib.analysis.filters import Filters

    view = m.summarise_entity_view(seed_corpus, Filters(), (), 25)
    totals = view.outlet_counts.groupby("entity")["mentions"].sum()
    assert totals.to_dict() == view.ranking.set_index("entity")["mentions"].to_dict()
    assert "(unknown outlet)" in set(view.outlet_counts["outlet"])  # drawn grey, never dropped
    assert "(unknown outlet)" not in set(view.shares["outlet"])  # never compared as one outlet
