"""A visitor's own articles: uploaded files, zip archives, pasted text and fetched URLs."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from lib.ingest.reading import SUPPORTED_SUFFIXES

MAX_FILES = 200
"""Files per upload (a zip counts its members)."""
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 200 * 1024 * 1024
MAX_URLS = 20
SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass
class Intake:
    """What an upload added to the visitor's folder, and what it turned away (with reasons)."""

    saved: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def safe_name(name: str, *, taken: set[str]) -> str:
    """A file name that cannot leave the folder: no separators, no leading dots, unique."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").split("/")[-1])
    base = SAFE_NAME.sub("_", base).strip(" .") or "article"
    stem, suffix = Path(base).stem or "article", Path(base).suffix.lower()
    candidate = f"{stem}{suffix}"
    number = 2
    while candidate in taken:
        candidate = f"{stem}-{number}{suffix}"
        number += 1
    taken.add(candidate)
    return candidate


def existing_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def save_bytes(
    folder: Path, name: str, data: bytes, intake: Intake, taken: set[str], *, label: str = ""
) -> None:
    """Save one file if its type and size are allowed; otherwise record why not."""
    suffix = Path(name).suffix.lower()
    shown = label or name
    if suffix not in SUPPORTED_SUFFIXES:
        intake.rejected.append((shown, f"unsupported file type {suffix or '(none)'}"))
    elif len(data) > MAX_FILE_BYTES:
        intake.rejected.append((shown, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"))
    elif len(intake.saved) >= MAX_FILES:
        intake.rejected.append((shown, f"more than {MAX_FILES} files in one upload"))
    else:
        target = safe_name(name, taken=taken)
        (folder / target).write_bytes(data)
        intake.saved.append(target)


def save_zip(folder: Path, name: str, data: bytes, intake: Intake, taken: set[str]) -> None:
    """Save the supported members of a zip archive (never extracting paths from it)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        intake.rejected.append((name, "not a readable zip archive"))
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if sum(m.file_size for m in members) > MAX_ZIP_TOTAL_BYTES:
            intake.rejected.append((name, f"unpacks to more than {MAX_ZIP_TOTAL_BYTES // (1024 * 1024)} MB"))
            return
        for member in members:
            label = f"{name}: {member.filename}"
            if Path(member.filename).name.startswith(".") or "__MACOSX" in member.filename:
                continue
            if member.file_size > MAX_FILE_BYTES:
                intake.rejected.append((label, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"))
                continue
            save_bytes(folder, member.filename, archive.read(member), intake, taken, label=label)


def save_uploads(folder: Path, files: list[tuple[str, bytes]]) -> Intake:
    """Save uploaded files (zip archives unpacked) into the visitor's folder."""
    folder.mkdir(parents=True, exist_ok=True)
    intake = Intake()
    taken = existing_names(folder)
    for name, data in files:
        if name.lower().endswith(".zip"):
            save_zip(folder, name, data, intake, taken)
        else:
            save_bytes(folder, name, data, intake, taken)
    return intake


def save_pasted(folder: Path, text: str, *, title: str = "") -> Intake:
    """Save pasted text as a .txt article (its first line is taken as the title if given)."""
    intake = Intake()
    body = text.strip()
    if not body:
        intake.rejected.append(("pasted text", "empty: no text"))
        return intake
    folder.mkdir(parents=True, exist_ok=True)
    content = f"{title.strip()}\n\n{body}\n" if title.strip() else f"{body}\n"
    save_bytes(folder, f"{title.strip()[:60] or 'pasted'}.txt", content.encode("utf-8"), intake, existing_names(folder))
    return intake


def parse_urls(text: str) -> list[str]:
    """The http(s) URLs in a block of text, one per line, at most MAX_URLS."""
    urls = [line.strip() for line in text.splitlines() if line.strip()]
    return [url for url in urls if re.match(r"^https?://[^\s/]+", url)][:MAX_URLS]


def fetch_urls(folder: Path, urls: list[str]) -> Intake:
    """Fetch each URL's page with trafilatura and save it as HTML; report each failure."""
    import trafilatura

    folder.mkdir(parents=True, exist_ok=True)
    intake = Intake()
    taken = existing_names(folder)
    for url in urls:
        try:
            html = trafilatura.fetch_url(url)
        except Exception as error:  # noqa: BLE001 - any network failure is reported per URL
            html, reason = None, f"could not fetch ({type(error).__name__})"
        else:
            reason = "could not fetch: no answer (is this machine offline?)"
        if not html:
            intake.rejected.append((url, reason))
            continue
        page = f'<link rel="canonical" href="{escape(url, quote=True)}">\n{html}'
        name = re.sub(r"^https?://", "", url).replace("/", "_")[:80] + ".html"
        save_bytes(folder, name, page.encode("utf-8"), intake, taken)
    return intake
