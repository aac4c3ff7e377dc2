"""A visitor's own articles: uploaded files, zip archives and pasted text, saved within a quota.

Sizes are counted from the bytes actually written, never from what a file or a zip archive
declares: a zip member is read in one bounded piece, so an archive that lies about its sizes
costs no more memory or disk than the space left.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lib.ingest.limits import format_mb
from lib.ingest.reading import SUPPORTED_SUFFIXES

SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass
class Intake:
    """What an upload added to the visitor's folder, and what it turned away (with reasons)."""

    saved: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Allowance:
    """What a workspace may still take: bytes and files, the tighter of the visitor's and the instance's."""

    bytes_left: int
    files_left: int
    max_file_bytes: int
    bytes_reason: str = "your articles' space is full"
    files_reason: str = "your articles' file limit is reached"

    def refuse(self, size: int) -> str | None:
        """Why a file of this many bytes cannot be saved, or None if it can."""
        if size > self.max_file_bytes:
            return f"larger than {format_mb(self.max_file_bytes / 1024 / 1024)}"
        if self.files_left <= 0:
            return self.files_reason
        if size > self.bytes_left:
            return self.bytes_reason
        return None

    def take(self, size: int) -> None:
        self.bytes_left -= size
        self.files_left -= 1


def safe_name(name: str, *, taken: set[str]) -> str:
    """A file name that cannot leave the folder: no separators, no leading dots, unique."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").split("/")[-1])
    base = SAFE_NAME.sub("_", base).strip(" .") or "article"
    stem, suffix = Path(base).stem or "article", Path(base).suffix.lower()
    candidate = f"{stem[:120]}{suffix}"
    number = 2
    while candidate in taken:
        candidate = f"{stem[:120]}-{number}{suffix}"
        number += 1
    taken.add(candidate)
    return candidate


def existing_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def save_bytes(
    folder: Path, name: str, data: bytes, intake: Intake, taken: set[str], *, allowance: Allowance, label: str = "",
) -> None:
    """Save one file if its type and size are allowed; otherwise record why not."""
    suffix = Path(name).suffix.lower()
    shown = label or name
    refusal = None if suffix in SUPPORTED_SUFFIXES else f"unsupported file type {suffix or '(none)'}"
    refusal = refusal or allowance.refuse(len(data))
    if refusal:
        intake.rejected.append((shown, refusal))
        return
    target = safe_name(name, taken=taken)
    (folder / target).write_bytes(data)
    allowance.take(len(data))
    intake.saved.append(target)


def skipped_member(member: zipfile.ZipInfo) -> bool:
    """Folders, hidden files and macOS resource forks are not articles."""
    return member.is_dir() or Path(member.filename).name.startswith(".") or "__MACOSX" in member.filename


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, cap: int) -> bytes:
    """A member's bytes, reading at most ``cap + 1`` whatever size the archive declares."""
    with archive.open(member) as stream:
        return stream.read(cap + 1)


def save_zip(folder: Path, name: str, data: bytes, intake: Intake, taken: set[str], *, allowance: Allowance) -> None:
    """Save the supported members of a zip archive, flat, never extracting paths from it.

    The archive as a whole may unpack to no more than the space left plus one file over the
    limit (the read that finds a member too large); then it stops, with a message.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        intake.rejected.append((name, "not a readable zip archive"))
        return
    budget = allowance.bytes_left + allowance.max_file_bytes
    with archive:
        for member in archive.infolist():
            label = f"{name}: {member.filename}"
            if skipped_member(member):
                continue
            if Path(member.filename).suffix.lower() not in SUPPORTED_SUFFIXES:
                intake.rejected.append((label, f"unsupported file type {Path(member.filename).suffix or '(none)'}"))
                continue
            if budget <= 0 or allowance.files_left <= 0:
                intake.rejected.append((name, "stopped unpacking: " + (
                    allowance.files_reason if allowance.files_left <= 0 else allowance.bytes_reason)))
                return
            cap = min(allowance.max_file_bytes, allowance.bytes_left, budget)
            try:
                content = read_member(archive, member, cap=cap)
            except Exception as error:  # noqa: BLE001 - a broken, encrypted or lying member is one line
                intake.rejected.append((label, f"could not be unpacked ({type(error).__name__})"))
                continue
            budget -= len(content)
            if len(content) > cap:  # cut off at the limit: never saved in part
                intake.rejected.append((label, allowance.refuse(len(content)) or allowance.bytes_reason))
                continue
            save_bytes(folder, member.filename, content, intake, taken, allowance=allowance, label=label)


def save_uploads(folder: Path, files: list[tuple[str, bytes]], *, allowance: Allowance) -> Intake:
    """Save uploaded files (zip archives unpacked) into the visitor's folder."""
    folder.mkdir(parents=True, exist_ok=True)
    intake = Intake()
    taken = existing_names(folder)
    for name, data in files:
        if len(data) > allowance.max_file_bytes:
            intake.rejected.append((name, allowance.refuse(len(data)) or ""))
        elif name.lower().endswith(".zip"):
            save_zip(folder, name, data, intake, taken, allowance=allowance)
        else:
            save_bytes(folder, name, data, intake, taken, allowance=allowance)
    return intake


def save_pasted(folder: Path, text: str, *, title: str = "", allowance: Allowance) -> Intake:
    """Save pasted text as a .txt article (its first line is taken as the title if given)."""
    intake = Intake()
    body = text.strip()
    if not body:
        intake.rejected.append(("pasted text", "empty: no text"))
        return intake
    folder.mkdir(parents=True, exist_ok=True)
    content = f"{title.strip()}\n\n{body}\n" if title.strip() else f"{body}\n"
    name = f"{title.strip()[:60] or 'pasted'}.txt"
    save_bytes(folder, name, content.encode("utf-8"), intake, existing_names(folder), allowance=allowance)
    return intake
