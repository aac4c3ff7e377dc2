"""Reading every supported format, and a clear message for every file that is not an article."""

from __future__ import annotations

import codecs

import pytest

from lib.ingest.articles import load_sidecar, prepare_articles
from lib.ingest.reading import ReadResult, UnreadableError, decode_bytes, read_folder, read_into
from tests.conftest import FIXTURES

FORMATS = FIXTURES / "formats"


@pytest.fixture(scope="module")
def prepared():
    read = read_folder(FORMATS)
    sidecar, sidecar_problems = load_sidecar(FORMATS)
    result = prepare_articles(read.articles, sidecar=sidecar)
    articles = {(a.file, a.record): a for a in result.articles}
    problems = {(p.file, p.record): p for p in [*read.problems, *sidecar_problems, *result.problems]}
    return articles, problems


def test_every_good_file_loads_once(prepared) -> None:
    articles, _ = prepared
    assert sorted(articles) == [
        ("cp1252.txt", None),
        ("notes.md", None),
        ("page.html", None),
        ("plain.txt", None),
        ("records.csv", 1),
        ("records.json", 1),
        ("records.jsonl", 1),
        ("records.jsonl", 3),
        ("utf16.txt", None),
    ]


@pytest.mark.parametrize(
    ("file", "record", "status", "words"),
    [
        ("binary.txt", None, "rejected", "NUL bytes"),
        ("empty.txt", None, "rejected", "empty"),
        ("blank.txt", None, "rejected", "empty"),
        ("no_text.csv", None, "rejected", "no text column"),
        ("scan.pdf", None, "rejected", "unsupported file type .pdf"),
        ("records.json", 2, "warning", "no text"),
        ("records.jsonl", 2, "warning", "invalid JSON"),
        ("zz_copy_of_plain.txt", None, "duplicate", "same text as plain.txt"),
        ("metadata.csv", 3, "warning", "not a date"),
    ],
)
def test_each_bad_file_has_a_clear_message(prepared, file, record, status, words) -> None:
    _, problems = prepared
    problem = problems[(file, record)]
    assert problem.status == status
    assert words in problem.message


def test_sidecar_overrides_inference_and_says_so(prepared) -> None:
    articles, _ = prepared
    plain = articles[("plain.txt", None)]
    assert plain.title.value == "Energy ministers meet without agreement"
    assert plain.outlet.value == "Politico"
    assert plain.outlet.source == "sidecar (curator checked the print edition)"
    assert plain.published.value == "2024-03-05"
    assert plain.author.value == "Jane Doe"
    assert plain.author.source.startswith("text: byline")


def test_html_main_text_and_metadata_via_trafilatura(prepared) -> None:
    articles, _ = prepared
    page = articles[("page.html", None)]
    assert page.title.value == "Flood defences tested as river rises"
    assert page.outlet.value == "Example Gazette"
    assert page.author.value == "Sam Lee"
    assert page.published.value == "2024-05-14"
    assert "River Severn" in page.text
    assert "tracker" not in page.text and "color: red" not in page.text


def test_record_columns_become_metadata(prepared) -> None:
    articles, _ = prepared
    csv_row = articles[("records.csv", 1)]
    assert csv_row.outlet.value == "The Guardian"
    assert csv_row.outlet.source == "url: theguardian.com"
    assert "Ferries resumed sailing" in csv_row.text
    assert articles[("records.jsonl", 1)].outlet.value == "Associated Press"
    assert articles[("records.json", 1)].published.value == "2024-06-01"


def test_markdown_is_reduced_to_text(prepared) -> None:
    notes = prepared[0][("notes.md", None)]
    assert notes.title.value == "Harbour strike enters second week"
    assert "statement" in notes.text and "https://example.org" not in notes.text
    assert "**" not in notes.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "Caf\u00e9 \u201cquoted\u201d"),
        ("Kyiv talks".encode("utf-16"), "Kyiv talks"),
        (codecs.BOM_UTF8 + "naïve".encode(), "naïve"),
    ],
)
def test_encodings_are_detected_not_mangled(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_cp1252_file_keeps_its_curly_quotes(prepared) -> None:
    assert "\u201cquoted\u201d by the caf\u00e9 owner" in prepared[0][("cp1252.txt", None)].text


def test_nul_bytes_are_rejected() -> None:
    with pytest.raises(UnreadableError):
        decode_bytes(b"abc\x00def")


def test_a_broken_file_never_stops_the_others() -> None:
    result = ReadResult()
    read_into(result, name="bad.json", data=b"{not json")
    read_into(result, name="good.txt", data=b"Officials said talks resumed on Monday.")
    assert [a.file for a in result.articles] == ["good.txt"]
    assert result.problems[0].file == "bad.json" and "invalid JSON" in result.problems[0].message
