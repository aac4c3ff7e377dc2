"""The news framing explorer's library: ingest ─▶ nlp ─▶ store ─▶ analysis ─▶ charts ─▶ ui."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
"""The checkout: the seeds, the default cache folder and the pages live here."""
DATA_DIR = Path(__file__).resolve().parent / "data"
"""The editable data files (outlet registry, furniture patterns, lexicons, entity rules)."""
