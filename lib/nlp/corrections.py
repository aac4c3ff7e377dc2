"""The editable corrections file: merge, rename, relabel or drop canonical entities."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from lib.nlp.entities import majority_label
from lib.records import Problem

Action = Literal["merge", "rename", "relabel", "drop"]
ACTIONS: tuple[Action, ...] = ("merge", "rename", "relabel", "drop")
COLUMNS = ("action", "entity", "target", "label")
FILE_NAME = "corrections.csv"


@dataclass(frozen=True)
class Correction:
    """One row of the corrections file."""

    action: Action
    entity: str
    target: str = ""
    label: str = ""


def check_row(row: dict[str, str]) -> str:
    """Return what is wrong with a corrections row, or "" if it can be applied."""
    action = row.get("action", "")
    if action not in ACTIONS:
        return f"unknown action {action!r} (use {', '.join(ACTIONS)})"
    if not row.get("entity"):
        return "no entity named"
    if action in ("merge", "rename") and not row.get("target"):
        return f"{action} needs a target"
    if action == "relabel" and not row.get("label"):
        return "relabel needs a label"
    return ""


def parse_corrections(text: str, *, name: str = FILE_NAME) -> tuple[list[Correction], list[Problem]]:
    """Parse corrections CSV text; bad rows are reported and skipped, the rest apply."""
    corrections: list[Correction] = []
    problems: list[Problem] = []
    for number, raw in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        row = {str(k).strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        error = check_row(row)
        if error:
            problems.append(Problem(name, "warning", f"row {number}: {error}; skipped", number))
            continue
        corrections.append(
            Correction(row["action"], row["entity"], row.get("target", ""), row.get("label", "").upper())
        )
    return corrections, problems


def load_corrections(path: Path) -> tuple[list[Correction], list[Problem]]:
    """Read the corrections file if it exists."""
    if not path.is_file():
        return [], []
    return parse_corrections(path.read_text(encoding="utf-8"), name=path.name)


def append_correction(path: Path, correction: Correction) -> None:
    """Add one correction to the file, writing atomically (temp file, then rename)."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not existing.strip():
        writer.writerow(COLUMNS)
    elif not existing.endswith("\n"):
        buffer.write("\n")
    writer.writerow([correction.action, correction.entity, correction.target, correction.label])
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".corrections-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(existing + buffer.getvalue())
    os.replace(temp, path)


def apply_corrections(mentions: pd.DataFrame, corrections: list[Correction]) -> pd.DataFrame:
    """Apply corrections in file order to canonical mentions."""
    frame = mentions.copy()
    for correction in corrections:
        selected = frame["entity"] == correction.entity
        if correction.action == "drop":
            frame = frame[~selected]
        elif correction.action in ("merge", "rename"):
            frame.loc[selected, "entity"] = correction.target
            target = frame["entity"] == correction.target
            if target.any():
                label = majority_label(Counter(frame.loc[target, "entity_label"]))
                frame.loc[target, "entity_label"] = label
        else:
            frame.loc[selected, "entity_label"] = correction.label
    return frame.reset_index(drop=True)
