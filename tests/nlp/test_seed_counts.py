"""The seeds' ten most mentioned entities are counted every time the text writes them."""

from __future__ import annotations

from lib.analysis.mentions import rank_entities

HAND_COUNTS = {
    # Counted by reading the five cleaned seed texts (what the Article reader shows; the lines the
    # cleaner removes are not counted). A name inside another entity's name is that entity's
    # ("The Times of Israel", "Israeli Army Radio", "U.S. State Department", "Palestinian
    # Authority"), not a mention of this one.
    "Hamas": 53,  # 9 + 11 + 13 + 5 + 15; with "Hamas’s" (3), "Hamas’", "Hamas'" and "Hamas-run"
    "Gaza": 39,  # "Gaza" alone, not "Gaza Strip" (6) or "Gaza City" (7); "the southern Gaza city of Rafah" counts
    "Israel": 38,  # 40 "Israel" outside "Israel Defense Forces" and "Israel Katz", less 2 "The Times of
    # Israel"; the donation line the cleaner keeps writes "Israel & the Middle East"
    "Israeli": 25,  # 26 "Israeli"/"Israelis" (one in "US-Israeli"), less 1 in "Israeli Army Radio"
    "United States": 19,  # 20 "US"/"U.S."/"United States" ("US-Israeli", "U.S.-brokered" count), less 1 in
    # "the U.S. State Department"
    "Israel Defense Forces": 18,  # "IDF" 16 (with "IDF’s") and "Israel Defense Forces" 2
    "Yoav Gallant": 14,  # "Yoav Gallant" 6, "Gallant" 8 (with "Gallant's Washington"); 2 + 0 + 2 + 6 + 4
    "Rafah": 12,  # 2 in All Israel News, 10 in The Times of Israel
    "Gaza Strip": 10,  # "the Gaza Strip" 6, "the Strip" 4
    "Palestinians": 8,  # 10 "Palestinian(s)", less "Palestinian Islamic Jihad" and "Palestinian Authority"
}


def test_top_ten_counts_equal_the_hand_counts(seed_corpus) -> None:
    ranking = rank_entities(seed_corpus.mentions, top=10).set_index("entity")["mentions"]
    assert ranking.to_dict() == HAND_COUNTS


def test_gallant_is_counted_fourteen_times_by_article(seed_corpus) -> None:
    own = seed_corpus.mentions[seed_corpus.mentions["entity"] == "Yoav Gallant"]
    outlets = own["doc_id"].map(seed_corpus.documents.set_index("doc_id")["outlet"])
    # All Israel News 2, The Times of Israel 2, Anadolu Agency 6, the unnamed outlet 4 (hand count)
    assert outlets.fillna("").value_counts().to_dict() == {
        "Anadolu Agency": 6, "": 4, "All Israel News": 2, "The Times of Israel": 2,
    }  # fmt: skip
    assert set(own.loc[own["source"] == "matched", "text"]) == {"Gallant"}  # found again where the model missed it
