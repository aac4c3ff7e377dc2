"""The metadata editor's table: least certain articles first, a search, pages of rows, and the cells a
researcher changed (kept across pages until saved)."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.analysis import metadata_review
from lib.analysis.metadata_review import (
    clamp_page,
    count_pages,
    count_unknown_fields,
    describe_page,
    find_edits,
    fingerprint_page,
    list_metadata_for_review,
    merge_edits,
    overlay_edits,
    search_review_rows,
    slice_page,
)


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


def test_a_search_looks_in_title_outlet_file_and_author(seed_corpus) -> None:
    table = list_metadata_for_review(seed_corpus.documents)
    anadolu = table.loc[table["outlet"] == "Anadolu Agency", "key"].tolist()
    assert search_review_rows(table, "ANADOLU agency")["key"].tolist() == anadolu
    title = table.loc[1, "title"]
    words = " ".join(title.split()[:2]).upper()
    assert table.loc[1, "key"] in search_review_rows(table, words)["key"].tolist()
    assert search_review_rows(table, table.loc[3, "key"])["key"].tolist() == [table.loc[3, "key"]]
    assert search_review_rows(table, "  ") is table
    assert search_review_rows(table, "no-such-word").empty


def test_the_article_named_by_its_file_comes_first() -> None:
    table = pd.DataFrame({"key": ["a.csv#12", "a.csv#1", "b.txt"], "title": ["", "", "on a.csv#1"],
                          "outlet": "", "author": ""})
    assert search_review_rows(table, "a.csv#1")["key"].tolist() == ["a.csv#1", "a.csv#12", "b.txt"]


@pytest.mark.parametrize(("rows", "pages"), [(0, 1), (1, 1), (100, 1), (101, 2), (10_000, 100)])
def test_pages_of_a_hundred_rows(rows: int, pages: int) -> None:
    assert metadata_review.PAGE_ROWS == 100
    assert count_pages(rows) == pages


@pytest.mark.parametrize(("page", "clamped"), [(2, 2), (0, 1), (-3, 1), (9, 3), ("2", 2), ("x", 1), (None, 1)])
def test_a_page_number_is_kept_within_the_pages(page: object, clamped: int) -> None:
    assert clamp_page(page, 3) == clamped


def test_a_page_slices_the_table_and_says_which_rows() -> None:
    table = pd.DataFrame({"key": [f"{n:05d}.txt" for n in range(10_000)]})
    rows = slice_page(table, 2)
    assert rows["key"].tolist() == [f"{n:05d}.txt" for n in range(100, 200)]
    assert rows.index.tolist() == list(range(100))
    assert describe_page(2, len(rows), len(table)) == "Rows 101–200 of 10,000"
    assert describe_page(100, len(slice_page(table, 100)), len(table)) == "Rows 9,901–10,000 of 10,000"
    assert describe_page(1, 0, 0) == "No article to show"
    assert fingerprint_page(rows) != fingerprint_page(slice_page(table, 3))
    assert fingerprint_page(rows) == fingerprint_page(slice_page(table, 2))


def test_unsaved_edits_are_shown_and_merged_per_article(seed_corpus) -> None:
    table = list_metadata_for_review(seed_corpus.documents)
    page, elsewhere = table.iloc[:2].reset_index(drop=True), table.loc[4, "key"]
    first, second = page["key"]
    pending = {first: {"outlet": "Example Gazette"}, second: {"author": "Jane Doe"}, elsewhere: {"title": "T"}}
    shown = overlay_edits(page, pending)
    assert shown.loc[0, "outlet"] == "Example Gazette" and shown.loc[1, "author"] == "Jane Doe"
    assert page.loc[0, "outlet"] == table.loc[0, "outlet"]  # the page itself is left as it was
    edited = shown.copy()
    edited.loc[1, "author"] = page.loc[1, "author"]  # typed back: no longer an edit
    merged = merge_edits(pending, page, find_edits(page, edited))
    assert merged == {first: {"outlet": "Example Gazette"}, elsewhere: {"title": "T"}}
