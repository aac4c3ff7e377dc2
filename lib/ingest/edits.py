"""Metadata a researcher sets in the app, written as rows of a metadata.csv sidecar.

The sidecar is the file the reader already applies (strongest evidence, provenance "sidecar (…)"),
so an edit is seen by the next load without re-parsing anything. A record of a CSV or JSON file
is named ``file#record`` (the record's number as the file messages give it).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from lib.ingest.dates import parse_date
from lib.records import RawArticle

EDITABLE_FIELDS = ("title", "outlet", "author", "published")
SET_IN_APP = "set in the app"
SIDECAR_FIELDS = ("file", "title", "outlet", "author", "published", "url", "source")


def record_key(file: str, record: int | None) -> str:
    """How a sidecar names one article: its file, and its record for files holding several."""
    return file if record is None else f"{file}#{record}"


def check_edit(key: str, changes: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The changes that can be saved, and a message for each that cannot."""
    kept, messages = {}, []
    for field, value in changes.items():
        value = " ".join(str(value or "").split())
        if field not in EDITABLE_FIELDS:
            messages.append(f"{key}: {field} cannot be set here")
        elif field == "published" and value and parse_date(value) is None:
            messages.append(f"{key}: {value!r} is not a date (write it as 2024-05-31); not saved")
        else:
            kept[field] = parse_date(value).isoformat() if field == "published" and value else value
    return kept, messages


def read_sidecar_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The sidecar's columns and rows as they are (an absent file has none)."""
    if not path.is_file():
        return list(SIDECAR_FIELDS), []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    columns = [str(c) for c in reader.fieldnames or ()]
    columns += [c for c in SIDECAR_FIELDS if c not in columns]
    return columns, [dict(row) for row in reader]


def write_atomically(path: Path, text: str) -> None:
    """Replace a file's content in one step, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.replace(temporary, path)


def save_edits(path: Path, edits: dict[str, dict[str, str]], *, source: str = SET_IN_APP) -> list[str]:
    """Merge edits ({article key: {field: value}}) into a sidecar file; return messages for
    values that were not saved. Other rows and columns are kept as they are."""
    columns, rows = read_sidecar_rows(path)
    by_key = {(row.get("file") or "").strip(): row for row in rows}
    messages: list[str] = []
    for key, changes in edits.items():
        kept, problems = check_edit(key, changes)
        messages += problems
        if not kept:
            continue
        row = by_key.get(key)
        if row is None:
            row = by_key[key] = {"file": key}
            rows.append(row)
        row.update(kept)
        earlier = (row.get("source") or "").strip()
        row["source"] = earlier if source in earlier else f"{earlier}; {source}" if earlier else source
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({column: row.get(column) or "" for column in columns} for row in rows)
    write_atomically(path, out.getvalue())
    return messages


def sidecar_row(sidecar: dict[str, dict[str, str]], raw: RawArticle) -> dict[str, str]:
    """The sidecar's values for one article: its file's row, overridden by a row naming its record."""
    whole = sidecar.get(raw.file, {})
    if raw.record is None:
        return whole
    own = sidecar.get(record_key(raw.file, raw.record), {})
    merged = {**whole, **{column: value for column, value in own.items() if value}}
    return merged if own or whole else {}
