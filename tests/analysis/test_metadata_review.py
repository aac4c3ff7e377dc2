"""The metadata editor's table: least certain articles first, and the cells a researcher changed."""

from __future__ import annotations

from lib.analysis.metadata_review import count_unknown_fields, find_edits, list_metadata_for_review


def test_the_least_certain_article_comes_first(seed_corpus) -> None:
    table = list_metadata_for_review(seed_corpus.documents)
    assert len(table) == 5
    assert table["certainty"].is_monotonic_increasing
    first = table.iloc[0]
    assert first["outlet"] == "" and first["outlet_source"] == "unknown"


def test_unknown_fields_are_counted(seed_corpus) -> None:
    counts = count_unknown_fields(seed_corpus.documents)
    assert counts["outlet"] == 1
    assert set(counts) == {"title", "outlet", "author", "published"}


def test_only_changed_cells_are_edits(seed_corpus) -> None:
    shown = list_metadata_for_review(seed_corpus.documents)
    edited = shown.copy()
    edited.loc[0, "outlet"] = "Example Gazette"
    edited.loc[1, "title"] = " " + str(shown.loc[1, "title"]) + " "  # white space alone is no change
    assert find_edits(shown, edited) == {shown.loc[0, "key"]: {"outlet": "Example Gazette"}}
