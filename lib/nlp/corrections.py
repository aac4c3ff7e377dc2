"""The editable corrections file: merge, rename, relabel, drop, split or restore canonical
entities, and keep (a review-queue candidate the user rejected)."""

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

from lib.nlp.entities import majority_label, normalise_mention
from lib.records import Problem

Action = Literal["merge", "rename", "relabel", "drop", "split", "restore", "keep"]
ACTIONS: tuple[Action, ...] = ("merge", "rename", "relabel", "drop", "split", "restore", "keep")
"""split: the name ``target`` written as part of ``entity`` becomes an entity of its own;
restore: a not-counted mention written ``entity`` counts again (as ``target`` if given, with
``label`` if given); keep: a review candidate rejected (``entity`` and ``target`` are not one,
or ``entity`` keeps its label rather than ``label``), which changes no count."""
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
    if action in ("merge", "rename", "split") and not row.get("target"):
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


def apply_corrections(
    mentions: pd.DataFrame, corrections: list[Correction], not_counted: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Apply corrections in file order to canonical mentions (``not_counted`` feeds restores)."""
    frame = mentions.copy()
    for correction in corrections:
        selected = frame["entity"] == correction.entity
        if correction.action == "drop":
            frame = frame[~selected]
        elif correction.action in ("merge", "rename"):
            frame.loc[selected, "entity"] = correction.target
            relabel_to_majority(frame, correction.target)
        elif correction.action == "split":
            written = frame["text"].map(normalise_mention) == correction.target
            frame.loc[selected & written, "entity"] = correction.target
            relabel_to_majority(frame, correction.target)
        elif correction.action == "restore":
            frame = pd.concat([frame, restored_rows(not_counted, correction, frame)], ignore_index=True)
        elif correction.action == "relabel":
            frame.loc[selected, "entity_label"] = correction.label
    return frame.reset_index(drop=True)


def relabel_to_majority(frame: pd.DataFrame, entity: str) -> None:
    """Give every mention of an entity the majority label of its mentions."""
    target = frame["entity"] == entity
    if target.any():
        frame.loc[target, "entity_label"] = majority_label(Counter(frame.loc[target, "entity_label"]))


def restored_rows(not_counted: pd.DataFrame | None, correction: Correction, mentions: pd.DataFrame) -> pd.DataFrame:
    """The not-counted mentions written as ``correction.entity``, as counted mentions."""
    if not_counted is None or not_counted.empty:
        return mentions.iloc[0:0]
    rows = not_counted[(not_counted["text"] == correction.entity) & (not_counted["counted_as"] == "")]
    entity = correction.target or normalise_mention(correction.entity)
    known = mentions.loc[mentions["entity"] == entity, "entity_label"]
    label = correction.label or (known.iloc[0] if not known.empty else (rows["label"].mode().iloc[0]
                                                                         if rows["label"].any() else "MISC"))
    restored = rows.assign(entity=entity, entity_label=label, name=normalise_mention(correction.entity),
                           source="restored")
    return restored[[c for c in mentions.columns if c in restored.columns]]
