"""Visitors' uploads: safe names, limits, zip archives, pasted text and offline URL fetches."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lib.ingest import uploads


def test_file_names_cannot_leave_the_folder(tmp_path: Path) -> None:
    intake = uploads.save_uploads(tmp_path, [
        ("../../etc/passwd.txt", b"Officials said talks resumed."),
        ("Gaza report ünïcode .. name.txt", b"Another article about the talks."),
        ("..\\windows\\evil.md", b"# Heading\n\nText."),
    ])
    assert intake.saved == ["passwd.txt", "Gaza report ünïcode .. name.txt", "evil.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(intake.saved)


def test_unsupported_and_oversized_files_are_rejected_with_reasons(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 10)
    intake = uploads.save_uploads(tmp_path, [("scan.pdf", b"%PDF"), ("long.txt", b"x" * 11), ("ok.txt", b"short")])
    assert intake.saved == ["ok.txt"]
    assert intake.rejected == [("scan.pdf", "unsupported file type .pdf"), ("long.txt", "larger than 0 MB")]


def test_same_name_twice_gets_a_new_name(tmp_path: Path) -> None:
    uploads.save_uploads(tmp_path, [("a.txt", b"one")])
    intake = uploads.save_uploads(tmp_path, [("a.txt", b"two")])
    assert intake.saved == ["a-2.txt"]


def test_zip_members_are_saved_flat(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../outside.txt", "Article one text.")
        archive.writestr("folder/inner.csv", "title,text\nT,Body text.\n")
        archive.writestr("folder/image.png", "png")
        archive.writestr("__MACOSX/._inner.csv", "junk")
    intake = uploads.save_uploads(tmp_path, [("batch.zip", buffer.getvalue())])
    assert intake.saved == ["outside.txt", "inner.csv"]
    assert intake.rejected == [("batch.zip: folder/image.png", "unsupported file type .png")]
    assert not (tmp_path.parent / "outside.txt").exists()


def test_broken_zip_is_reported(tmp_path: Path) -> None:
    assert uploads.save_uploads(tmp_path, [("bad.zip", b"not a zip")]).rejected == [
        ("bad.zip", "not a readable zip archive"),
    ]


def test_pasted_text_becomes_an_article(tmp_path: Path) -> None:
    intake = uploads.save_pasted(tmp_path, "Talks resumed in Doha on Sunday.", title="Talks resume")
    assert intake.saved == ["Talks resume.txt"]
    assert (tmp_path / "Talks resume.txt").read_text() == "Talks resume\n\nTalks resumed in Doha on Sunday.\n"
    assert uploads.save_pasted(tmp_path, "   ").rejected == [("pasted text", "empty: no text")]


def test_urls_are_parsed_and_failures_reported(tmp_path: Path, monkeypatch) -> None:
    import trafilatura

    assert uploads.parse_urls("https://a.example/x\nnot a url\nftp://b\nhttp://c.example") == [
        "https://a.example/x", "http://c.example",
    ]
    monkeypatch.setattr(trafilatura, "fetch_url", lambda url: None)
    intake = uploads.fetch_urls(tmp_path, ["https://a.example/x"])
    assert intake.saved == []
    assert intake.rejected == [("https://a.example/x", "could not fetch: no answer (is this machine offline?)")]
