"""Bad files are one line (H5): whatever is wrong with one file, it becomes "rejected: reason" and
the other files load. The triggers the red team found, then a seeded fuzz over every supported type."""

from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from lib.ingest import reading
from lib.ingest.articles import prepare_articles
from lib.ingest.reading import SUPPORTED_SUFFIXES, read_folder

GOOD = "Qatari mediators said on Sunday that Israel and Hamas would resume talks in Doha next week.\n"

TRIGGERS = {
    "bom-then-invalid.txt": (codecs.BOM_UTF8 + b"Talks \xff\xfe resumed", "starts with a UTF-8 byte-order mark"),
    "utf16-odd.txt": (codecs.BOM_UTF16_LE + "Talks resumed".encode("utf-16-le") + b"\x00",
                      "starts with a UTF-16 byte-order mark but has an odd number of bytes"),
    "utf16-lone-surrogate.txt": (codecs.BOM_UTF16_LE + b"T\x00\x00\xd8a\x00", "is not UTF-16"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply to read"),
    "deep-object.json": (b'{"text":' * 50_000 + b'"x"' + b"}" * 50_000, "nested too deeply"),
    "utf16-nul.txt": (codecs.BOM_UTF16_BE + b"\x00\x00\x00T", "binary content (NUL characters)"),
}


def write_folder(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_each_trigger_is_one_rejected_line_and_the_good_file_loads(tmp_path: Path, name: str) -> None:
    data, reason = TRIGGERS[name]
    result = read_folder(write_folder(tmp_path / "corpus", {name: data}))
    assert [a.file for a in result.articles] == ["good.txt"]
    assert [(p.file, p.status) for p in result.problems] == [(name, "rejected")]
    assert reason in result.problems[0].message


def test_deeply_nested_jsonl_lines_are_one_line_each(tmp_path: Path) -> None:
    lines = [json.dumps({"text": GOOD}), "[" * 100_000 + "]" * 100_000, json.dumps({"text": GOOD + " Again."})]
    result = read_folder(write_folder(tmp_path / "corpus", {"records.jsonl": "\n".join(lines).encode()}))
    assert len(result.articles) == 3
    assert [(p.file, p.status, p.message) for p in result.problems] == [
        ("records.jsonl", "warning", "line 2: JSON nested too deeply to read"),
    ]


def test_a_csv_header_and_field_over_128_kb_are_read(tmp_path: Path) -> None:
    long_column = "x" * (200 * 1024)
    body = "Officials said talks resumed. " * 8000  # 240 KB in one field
    text = f"title,text,{long_column}\nA long one,{body},\n"
    result = read_folder(write_folder(tmp_path / "corpus", {"wide.csv": text.encode()}))
    assert sorted(a.file for a in result.articles) == ["good.txt", "wide.csv"]
    assert result.problems == []
    assert csv.field_size_limit() >= reading.max_file_bytes()


def test_an_unexpected_failure_in_a_parser_is_one_line(tmp_path: Path, monkeypatch) -> None:
    def broken(**_: object) -> None:
        raise MemoryError("out of memory while extracting")

    monkeypatch.setattr(reading, "parse_html", broken)
    result = read_folder(write_folder(tmp_path / "corpus", {"page.html": b"<html><p>Text</p></html>"}))
    assert [a.file for a in result.articles] == ["good.txt"]
    assert [(p.file, p.status, p.message) for p in result.problems] == [
        ("page.html", "rejected", "could not be read (MemoryError: out of memory while extracting)"),
    ]


def test_a_failure_while_cleaning_one_article_is_one_line(monkeypatch) -> None:
    from lib.ingest import articles

    real = articles.prepare_article

    def sometimes(raw, **options):
        if raw.file == "bad.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(raw, **options)

    monkeypatch.setattr(articles, "prepare_article", sometimes)
    raws = [reading.RawArticle(file="bad.txt", text="Broken text."), reading.RawArticle(file="good.txt", text=GOOD)]
    prepared = prepare_articles(raws, sidecar={})
    assert [a.file for a in prepared.articles] == ["good.txt"]
    assert [(p.file, p.status, p.message) for p in prepared.problems] == [
        ("bad.txt", "rejected", "nested too deeply to read"),
    ]


MALFORMED = {
    ".txt": st.binary(max_size=400),
    ".md": st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ".html": st.sampled_from([b"<html>", b"<<<>>>", b"\x00<p>", b"<p>" * 500, b"<?xml?><!DOCTYPE x [<!ENTITY a 'b'>]>"])
    | st.binary(max_size=400),
    ".htm": st.binary(max_size=400),
    ".json": st.sampled_from([b"[" * 5000, b"{", b'{"text": 5}', b'{"articles": "x"}', b"null", b"1e999"])
    | st.binary(max_size=400),
    ".jsonl": st.lists(st.sampled_from([b"{", b"[]", b'{"text": ""}', b"[" * 3000, b"\xff\xfe"]), max_size=8)
    .map(b"\n".join),
    ".csv": st.sampled_from([b'"unclosed', b"text\n\x00", b"a,b\n1,2,3,4", b'text\n"' + b"x" * 200_000])
    | st.binary(max_size=400),
}
BOMS = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])


@seed(20260501)
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.fixed_dictionaries({suffix: st.tuples(BOMS, data) for suffix, data in MALFORMED.items()}))
def test_fuzz_malformed_files_of_every_type_never_stop_the_others(tmp_path_factory, files) -> None:
    assert set(files) == set(SUPPORTED_SUFFIXES)
    folder = write_folder(tmp_path_factory.mktemp("fuzz"), {
        f"bad{suffix}": bom + data for suffix, (bom, data) in files.items()
    })
    result = read_folder(folder)
    prepared = prepare_articles(result.articles, sidecar={})
    assert "good.txt" in {a.file for a in prepared.articles}
    named = {p.file for p in [*result.problems, *prepared.problems]} | {a.file for a in result.articles}
    assert named >= {f"bad{suffix}" for suffix in SUPPORTED_SUFFIXES}  # every file loaded or has its line
    for problem in [*result.problems, *prepared.problems]:
        assert problem.status in ("rejected", "warning", "duplicate") and "\n" not in problem.message


def test_the_cli_exits_0_and_lists_every_trigger(tmp_path: Path, capsys) -> None:
    from lib import build

    wide = f"title,text,{'x' * (200 * 1024)}\nWide,{GOOD.strip()} Another sentence here.,\n".encode()
    folder = write_folder(tmp_path / "corpus", {**{name: data for name, (data, _) in TRIGGERS.items()},
                                                "wide.csv": wide})
    assert build.main([str(folder), "--cache-dir", str(tmp_path / "cache")]) == 0
    printed = capsys.readouterr().out
    assert "2 articles loaded" in printed
    for name, (_, reason) in TRIGGERS.items():
        assert f"rejected  {name}: " in printed and reason in printed
