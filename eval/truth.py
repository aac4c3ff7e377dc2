"""The benchmark's truth: one record per article, read from eval/truth/*.jsonl, and its checks."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parent
CORPUS_DIR = EVAL_DIR / "corpus"
TRUTH_DIR = EVAL_DIR / "truth"
MANIFEST_FILE = EVAL_DIR / "MANIFEST.csv"
"""Each article's source URL and licence."""
JUDGEMENTS_FILE = TRUTH_DIR / "entity_judgements.csv"
"""Canonical entities judged by hand: real (a person, organisation, place …) or junk."""
FLAGS_FILE = TRUTH_DIR / "flags_checked.csv"
"""Consistency flags raised on the benchmark, each checked by hand: real or false alarm."""
FORMS = {"pasted": "text copied from the page", "saved": "saved HTML", "exports": "CSV export rows"}


@dataclass(frozen=True)
class Truth:
    """What one article's page states, written by reading it before the dashboard saw it."""

    file: str
    record: int | None
    url: str
    licence: str
    publisher: str
    publisher_domain: str
    wire_origin: str | None
    published: str | None
    authors: tuple[str, ...]
    title: str
    entities: tuple[dict[str, str], ...]
    story: str
    copy_of: str | None
    labelled: bool
    quotes: tuple[dict[str, Any], ...] = ()
    figures: tuple[dict[str, Any], ...] = ()
    dates: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int | None]:
        """How the built corpus names this article: its file (relative to the corpus) and record."""
        return self.file, self.record

    @property
    def form(self) -> str:
        return self.file.split("/", 1)[0]


def _record(row: dict[str, Any]) -> Truth:
    known = {name for name in Truth.__dataclass_fields__ if name != "extra"}
    return Truth(
        file=row["file"], record=row.get("record"), url=row.get("url") or "",
        licence=row.get("licence") or "", publisher=row.get("publisher") or "",
        publisher_domain=(row.get("publisher_domain") or "").lower(),
        wire_origin=row.get("wire_origin") or None, published=row.get("published") or None,
        authors=tuple(row.get("authors") or ()), title=row.get("title") or "",
        entities=tuple(row.get("entities") or ()), story=row.get("story") or "",
        copy_of=row.get("copy_of") or None, labelled=bool(row.get("labelled")),
        quotes=tuple(row.get("quotes") or ()), figures=tuple(row.get("figures") or ()),
        dates=tuple(row.get("dates") or ()),
        extra={key: value for key, value in row.items() if key not in known},
    )


def load_truth(folder: Path = TRUTH_DIR) -> list[Truth]:
    """Every truth record, in file order."""
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    records.append(_record(json.loads(line)))
                except (json.JSONDecodeError, KeyError) as error:
                    raise ValueError(f"{path.name} line {number}: {error}") from error
    return sorted(records, key=lambda truth: (truth.file, truth.record if truth.record is not None else -1))


def check_truth(records: list[Truth], corpus: Path = CORPUS_DIR) -> list[str]:
    """Problems with the truth itself: missing files, duplicate keys, copies pointing nowhere."""
    problems = []
    keys = [truth.key for truth in records]
    problems += [f"duplicate truth for {key}" for key in {k for k in keys if keys.count(k) > 1}]
    files = {truth.file for truth in records}
    problems += [f"no such file: {name}" for name in sorted(files) if not (corpus / name).is_file()]
    listed = {(row["file"], int(row["record"]) if row["record"] else None) for row in load_manifest()}
    problems += [f"{truth.file}#{truth.record}: no source URL and licence in MANIFEST.csv"
                 for truth in records if truth.key not in listed]
    for truth in records:
        if truth.copy_of and truth.copy_of.split("#")[0] not in files:
            problems.append(f"{truth.file}: copy_of {truth.copy_of} is not in the truth")
        if not truth.publisher:
            problems.append(f"{truth.file}: a publisher is required")
    return problems


def load_judgements(path: Path = JUDGEMENTS_FILE) -> dict[str, str]:
    """{canonical entity: "real" | "junk"} as judged by hand."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["entity"]: row["verdict"].strip().lower() for row in csv.DictReader(handle)}


def load_checked_flags(path: Path = FLAGS_FILE) -> dict[str, str]:
    """{flag key: "real" | "false alarm"} for flags checked by hand."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row["verdict"].strip().lower() for row in csv.DictReader(handle)}


def load_manifest(path: Path = MANIFEST_FILE) -> list[dict[str, str]]:
    """Every article's source URL and licence."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
