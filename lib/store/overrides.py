"""What a visitor set in the app for their session only, laid over a loaded corpus: metadata values
and entity corrections (on a read-only instance), without re-parsing."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from lib.ingest.edits import EDITABLE_FIELDS, record_key
from lib.ingest.outlets import load_registry, lookup_outlet
from lib.nlp.corrections import Correction, apply_corrections
from lib.nlp.entities import summarise_entities
from lib.store.corpus import NOT_COUNTED_TABLE, Corpus
from lib.store.parquet import fingerprint

OVERRIDE_SOURCE = "set in the app (for you only)"


def apply_overrides(documents: pd.DataFrame, overrides: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Documents with a visitor's own metadata values set, each with its provenance."""
    if not overrides:
        return documents
    registry = load_registry()
    frame = documents.copy()
    for index, file, record in frame[["file", "record"]].itertuples():
        key = record_key(file, None if pd.isna(record) else int(record))
        changes = {**overrides.get(file, {}), **overrides.get(key, {})}
        for name, value in changes.items():
            if name not in EDITABLE_FIELDS or not value:
                continue
            frame.loc[index, [name, f"{name}_source", f"{name}_confidence"]] = [value, OVERRIDE_SOURCE, "high"]
            if name == "outlet":
                outlet = lookup_outlet(value, registry)
                described = [outlet.kind, outlet.country] if outlet else ["", ""]
                frame.loc[index, ["outlet_kind", "outlet_country"]] = described
    return frame


def overlay_corpus(corpus: Corpus, overrides: dict[str, dict[str, str]], stamp: str) -> Corpus:
    """A corpus whose documents carry a visitor's own metadata values (its other tables are shared)."""
    return replace(corpus, key=fingerprint(corpus.key, stamp), documents=apply_overrides(corpus.documents, overrides))


def with_corrections(corpus: Corpus, fixes: list[Correction]) -> Corpus:
    """The corpus with more corrections applied (a read-only visitor's own), without re-parsing."""
    if not fixes:
        return corpus
    mentions = apply_corrections(corpus.mentions, fixes, corpus.table(NOT_COUNTED_TABLE))
    return replace(
        corpus, key=fingerprint(corpus.key, [list(vars(fix).values()) for fix in fixes]),
        tables={**corpus.tables, "mentions": mentions}, entities=summarise_entities(mentions, corpus.documents),
    )
