"""Visitors' uploads: safe names, quotas counted from real bytes, zip archives read in bounded pieces."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from lib.ingest import uploads

MB = 1024 * 1024


def ample(**changes: int) -> uploads.Allowance:
    """Room for 100 files and 10 MB, files up to 1 MB (unless changed)."""
    return uploads.Allowance(**{"bytes_left": 10 * MB, "files_left": 100, "max_file_bytes": MB, **changes})


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_file_names_cannot_leave_the_folder(tmp_path: Path) -> None:
    intake = uploads.save_uploads(tmp_path, [
        ("../../etc/passwd.txt", b"Officials said talks resumed."),
        ("Gaza report ünïcode .. name.txt", b"Another article about the talks."),
        ("..\\windows\\evil.md", b"# Heading\n\nText."),
    ], allowance=ample())
    assert intake.saved == ["passwd.txt", "Gaza report ünïcode .. name.txt", "evil.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(intake.saved)


def test_unsupported_and_oversized_files_are_rejected_with_reasons(tmp_path: Path) -> None:
    intake = uploads.save_uploads(
        tmp_path, [("scan.pdf", b"%PDF"), ("long.txt", b"x" * 11), ("ok.txt", b"short")],
        allowance=ample(max_file_bytes=10),
    )
    assert intake.saved == ["ok.txt"]
    assert intake.rejected == [("scan.pdf", "unsupported file type .pdf"), ("long.txt", "larger than 9.53674e-06 MB")]


def test_same_name_twice_gets_a_new_name(tmp_path: Path) -> None:
    uploads.save_uploads(tmp_path, [("a.txt", b"one")], allowance=ample())
    intake = uploads.save_uploads(tmp_path, [("a.txt", b"two")], allowance=ample())
    assert intake.saved == ["a-2.txt"]


def test_zip_members_are_saved_flat(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../outside.txt", "Article one text.")
        archive.writestr("folder/inner.csv", "title,text\nT,Body text.\n")
        archive.writestr("folder/image.png", "png")
        archive.writestr("__MACOSX/._inner.csv", "junk")
    intake = uploads.save_uploads(tmp_path, [("batch.zip", buffer.getvalue())], allowance=ample())
    assert intake.saved == ["outside.txt", "inner.csv"]
    assert intake.rejected == [("batch.zip: folder/image.png", "unsupported file type .png")]
    assert not (tmp_path.parent / "outside.txt").exists()


def test_broken_zip_is_reported(tmp_path: Path) -> None:
    assert uploads.save_uploads(tmp_path, [("bad.zip", b"not a zip")], allowance=ample()).rejected == [
        ("bad.zip", "not a readable zip archive"),
    ]


def test_pasted_text_becomes_an_article(tmp_path: Path) -> None:
    intake = uploads.save_pasted(tmp_path, "Talks resumed in Doha on Sunday.", title="Talks resume", allowance=ample())
    assert intake.saved == ["Talks resume.txt"]
    assert (tmp_path / "Talks resume.txt").read_text() == "Talks resume\n\nTalks resumed in Doha on Sunday.\n"
    assert uploads.save_pasted(tmp_path, "   ", allowance=ample()).rejected == [("pasted text", "empty: no text")]


# H3: no quota. Every click counts against what is left, in bytes and in files.
def test_clicks_stop_at_the_quota_counted_from_the_bytes_written(tmp_path: Path) -> None:
    allowance = ample(bytes_left=2500, files_left=100, max_file_bytes=1000)
    for click in range(5):
        uploads.save_uploads(tmp_path, [(f"a{click}.txt", b"x" * 1000)], allowance=allowance)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a0.txt", "a1.txt"]
    assert folder_bytes(tmp_path) == 2000 and allowance.bytes_left == 500
    last = uploads.save_uploads(tmp_path, [("a5.txt", b"x" * 1000)], allowance=allowance)
    assert last.rejected == [("a5.txt", "your articles' space is full")]


def test_file_quota_counts_zip_members(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(10):
            archive.writestr(f"{number}.txt", f"Article {number}.")
    intake = uploads.save_uploads(tmp_path, [("many.zip", buffer.getvalue())], allowance=ample(files_left=3))
    assert intake.saved == ["0.txt", "1.txt", "2.txt"]
    assert intake.rejected == [("many.zip", "stopped unpacking: your articles' file limit is reached")]


def lying_zip(*, members: int, declared: int, actual: int) -> bytes:
    """A zip whose members each declare ``declared`` bytes but inflate to ``actual`` zero bytes."""
    payload = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = payload.compress(b"\0" * actual) + payload.flush()
    crc = zlib.crc32(b"\0" * actual)
    local, central, offset = b"", b"", 0
    for number in range(members):
        name = f"bomb{number}.txt".encode()
        header = struct.pack("<4s5H3L2H", b"PK\3\4", 20, 0, 8, 0, 0, crc, len(data), declared, len(name), 0)
        central += struct.pack("<4s6H3L5H2L", b"PK\1\2", 20, 20, 0, 8, 0, 0, crc, len(data), declared,
                               len(name), 0, 0, 0, 0, 0, offset) + name
        local += header + name + data
        offset += len(header) + len(name) + len(data)
    end = struct.pack("<4s4H2LH", b"PK\5\6", 0, 0, members, members, len(central), offset, 0)
    return local + central + end


@pytest.mark.parametrize("declared", [10, 2**32 - 1], ids=["declares-small", "declares-huge"])
def test_a_zip_that_lies_about_sizes_costs_no_more_than_the_limit(tmp_path: Path, declared: int) -> None:
    # H4: a 5 MB zip whose 50 members inflate to 100 MB each (5 GB), declaring a tiny or a huge size.
    archive = lying_zip(members=50, declared=declared, actual=100 * MB)
    assert len(archive) < 6 * MB
    allowance = ample(bytes_left=3 * MB, max_file_bytes=8 * MB)
    tracemalloc.start()
    try:
        intake = uploads.save_uploads(tmp_path, [("bomb.zip", archive)], allowance=allowance)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert intake.saved == [] and folder_bytes(tmp_path) == 0
    assert peak < 12 * MB  # the archive itself, plus one member read up to the space left
    reasons = {reason for _, reason in intake.rejected}
    if declared == 10:  # read up to the declared size, then the checksum fails
        assert reasons == {"could not be unpacked (BadZipFile)"}
    else:  # read up to the space left, then stopped once the archive had unpacked that much
        assert intake.rejected[0] == ("bomb.zip: bomb0.txt", "your articles' space is full")
        assert intake.rejected[-1] == ("bomb.zip", "stopped unpacking: your articles' space is full")
        assert len(intake.rejected) < 6
