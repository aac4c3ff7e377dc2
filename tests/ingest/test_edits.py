"""Metadata set in the app: merged into a metadata.csv sidecar, checked, and applied by the reader."""

from __future__ import annotations

import csv
from pathlib import Path

from lib.ingest.articles import prepare_articles
from lib.ingest.edits import check_edit, record_key, save_edits, sidecar_row
from lib.records import RawArticle


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_record_is_named_by_its_file_and_number() -> None:
    assert record_key("exports/a.csv", 3) == "exports/a.csv#3"
    assert record_key("a.txt", None) == "a.txt"


def test_dates_are_checked_and_written_as_iso() -> None:
    kept, messages = check_edit("a.txt", {"published": "May 31, 2024", "outlet": "  Reuters "})
    assert kept == {"published": "2024-05-31", "outlet": "Reuters"}
    kept, messages = check_edit("a.txt", {"published": "last spring"})
    assert kept == {} and messages == ["a.txt: 'last spring' is not a date (write it as 2024-05-31); not saved"]


def test_save_merges_into_an_existing_sidecar_and_keeps_the_curators_note(tmp_path: Path) -> None:
    sidecar = tmp_path / "metadata.csv"
    sidecar.write_text("file,outlet,source,notes\nb.txt,Reuters,checked against the wire,keep me\n", encoding="utf-8")
    messages = save_edits(sidecar, {"b.txt": {"title": "A headline"}, "c.txt": {"outlet": "BBC News"}})
    assert messages == []
    rows = {row["file"]: row for row in read_rows(sidecar)}
    assert rows["b.txt"]["outlet"] == "Reuters" and rows["b.txt"]["title"] == "A headline"
    assert rows["b.txt"]["source"] == "checked against the wire; set in the app"
    assert rows["b.txt"]["notes"] == "keep me"
    assert rows["c.txt"]["outlet"] == "BBC News" and rows["c.txt"]["source"] == "set in the app"


def test_a_record_row_overrides_its_files_row() -> None:
    sidecar = {"x.csv": {"outlet": "Reuters", "source": "file"}, "x.csv#2": {"outlet": "AP", "source": "row"}}
    assert sidecar_row(sidecar, RawArticle("x.csv", "text", record=2))["outlet"] == "AP"
    assert sidecar_row(sidecar, RawArticle("x.csv", "text", record=1))["outlet"] == "Reuters"


def test_the_reader_applies_a_saved_edit() -> None:
    raw = RawArticle("a.txt", "Headline\n\nOfficials said the talks resumed on Monday in Cairo.")
    sidecar = {"a.txt": {"outlet": "Example Gazette", "published": "2024-06-01", "source": "set in the app"}}
    article = prepare_articles([raw], sidecar=sidecar).articles[0]
    assert article.outlet.value == "Example Gazette"
    assert article.outlet.source == "sidecar (set in the app)"
    assert article.published.value == "2024-06-01"
