"""Every CSV the app writes is inert in a spreadsheet (M1): formula-leading cells are escaped the
way OWASP advises, in the table downloads, the bundle and `python -m lib.build --export`."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from lib import build
from lib.analysis.csvsafe import escape_cell, to_safe_csv
from lib.analysis.exports import build_bundle
from lib.analysis.filters import Filters
from lib.store.corpus import load_corpus

FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
            "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_leading_text_gets_a_single_quote(value: str) -> None:
    assert escape_cell(value) == f"'{value}"


@pytest.mark.parametrize("value", ["Talks resume", "", " =not leading", "O'Brien", 5, -3.5, None])
def test_other_values_are_unchanged(value: object) -> None:
    assert escape_cell(value) == value


def read_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_a_table_keeps_numbers_and_escapes_text_and_headers() -> None:
    frame = pd.DataFrame({"title": ["=1+1", "Plain, with comma"], "value": [-5, 7], "=header": ["a", "@b"]})
    assert read_rows(to_safe_csv(frame)) == [
        ["title", "value", "'=header"], ["'=1+1", "-5", "a"], ["Plain, with comma", "7", "'@b"],
    ]
    assert frame["title"].tolist() == ["=1+1", "Plain, with comma"]  # the shown table is not changed


def test_the_download_button_writes_the_safe_csv(monkeypatch) -> None:
    from lib.ui import app

    captured = {}
    monkeypatch.setattr(app.st, "download_button", lambda label, data, **options: captured.update(data=data))
    app.download_csv(pd.DataFrame({"outlet": ["=cmd()"]}), "outlets", key="download_outlets")
    assert captured["data"]().decode("utf-8").splitlines() == ["outlet", "'=cmd()"]


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory, nlp):
    folder = tmp_path_factory.mktemp("formulas")
    (folder / "story.txt").write_text(
        "Talks resume in Doha\n\nQatari mediators said on Sunday that Israel and Hamas would meet in Doha.\n",
        encoding="utf-8",
    )
    (folder / "metadata.csv").write_text(
        'file,title,outlet,author\nstory.txt,"=HYPERLINK(""https://evil.example"",""click"")",'
        '"+cmd|\' /C calc\'!A0","@SUM(1+1)"\n', encoding="utf-8",
    )
    return folder, load_corpus(folder, cache_dir=tmp_path_factory.mktemp("formulas-cache"), nlp=nlp)


def test_the_bundle_escapes_every_table(hostile_corpus) -> None:
    _, corpus = hostile_corpus
    with zipfile.ZipFile(io.BytesIO(build_bundle(corpus, Filters()))) as bundle:
        documents = pd.read_csv(bundle.open("tables/documents.csv"), keep_default_na=False)
        texts = [bundle.read(name).decode("utf-8") for name in bundle.namelist() if name.endswith(".csv")]
    row = documents.iloc[0]
    assert row["title"] == '\'=HYPERLINK("https://evil.example","click")'
    assert row["outlet"] == "'+cmd|' /C calc'!A0" and row["author"] == "'@SUM(1+1)"
    for text in texts:
        for cells in read_rows(text):
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)


def test_the_cli_export_escapes_its_tables(hostile_corpus, tmp_path: Path) -> None:
    folder, _ = hostile_corpus
    cache = Path(hostile_corpus[1].source).parent.parent
    assert build.main([str(folder), "--cache-dir", str(cache), "--export", str(tmp_path / "out")]) == 0
    documents = read_rows((tmp_path / "out" / "documents.csv").read_text(encoding="utf-8"))
    header, row = documents[0], documents[1]
    assert row[header.index("title")] == '\'=HYPERLINK("https://evil.example","click")'
    assert row[header.index("author")] == "'@SUM(1+1)"
