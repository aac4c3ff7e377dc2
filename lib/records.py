"""Shared record types and table schemas used across the pipeline and the views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

PIPELINE_VERSION = "5"
"""Bump when reading, cleaning, parsing or extraction changes what is stored."""

UNKNOWN = "unknown"
"""Provenance given to a metadata field for which no evidence was found."""
UNKNOWN_OUTLET_LABEL = "(unknown outlet)"
"""How views name the outlet of an article whose outlet is not known."""
UPLOAD_PREFIX = "upload/"
"""File names of a visitor's own articles start with this; the shared corpus's never do."""

Confidence = Literal["high", "medium", "low", "none"]


@dataclass(frozen=True)
class Field:
    """One metadata value with where it came from and how sure we are."""

    value: str = ""
    source: str = UNKNOWN
    confidence: Confidence = "none"

    @property
    def known(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True)
class RemovedLine:
    """A line cleaning took out of an article, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class RawArticle:
    """An article as read from a file or a record, before cleaning."""

    file: str
    text: str
    record: int | None = None
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    origin: str = "file"
    """Where the hints above came from: "file", "record" (CSV/JSON columns) or "html"."""
    notes: tuple[tuple[str, str], ...] = ()
    """(hint, where in the file it was found), e.g. ("outlet", "og:site_name") for an HTML page."""


@dataclass(frozen=True)
class Article:
    """A cleaned article with its metadata and provenance, ready to parse."""

    doc_id: str
    file: str
    text: str
    title: Field
    outlet: Field
    author: Field
    published: Field
    url: Field
    outlet_kind: str = ""
    outlet_country: str = ""
    removed: tuple[RemovedLine, ...] = ()
    record: int | None = None
    wire: Field = field(default_factory=Field)
    """The wire service or outlet a syndicated text comes from, when the page credits one."""


@dataclass(frozen=True)
class Problem:
    """A per-file message: a file (or record) skipped, rejected or partly read."""

    file: str
    status: Literal["rejected", "duplicate", "warning"]
    message: str
    record: int | None = None


@dataclass(frozen=True)
class ModelInfo:
    """The spaCy pipeline in use."""

    name: str
    version: str
    spacy_version: str
    components: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


# Columns of the tables every build writes. Extractor tables add their own.
DOCUMENT_COLUMNS = (
    "doc_id", "file", "record", "title", "title_source", "title_confidence",
    "outlet", "outlet_source", "outlet_confidence", "outlet_kind", "outlet_country",
    "wire", "wire_source", "wire_confidence",
    "author", "author_source", "author_confidence",
    "published", "published_source", "published_confidence",
    "url", "url_source", "words", "sentences", "text", "removed",
)
SENTENCE_COLUMNS = ("doc_id", "sent_index", "start", "end", "text", "lemmas")
MENTION_COLUMNS = (
    "doc_id", "sent_index", "start", "end", "text", "label", "entity", "entity_label", "name", "source",
)
"""``label`` is the model's (empty for a mention the rematch pass found), ``name`` the written name
without title or possessive, ``source`` "model" or "matched"."""
ENTITY_COLUMNS = ("entity", "label", "mentions", "articles", "outlets", "aliases")

LABEL_WORDS = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Place",
    "LOC": "Region or landform",
    "NORP": "Nationality or group",
    "FAC": "Facility",
    "EVENT": "Event",
    "PRODUCT": "Product",
    "WORK_OF_ART": "Work of art",
    "LAW": "Law",
    "LANGUAGE": "Language",
    "MISC": "Other",
}
"""The one mapping from spaCy's entity labels (stored) to the words every view shows."""


def label_word(label: object) -> str:
    """The word shown for an entity label ("GPE" -> "Place"); an unknown code is title-cased."""
    code = str(label or "")
    return LABEL_WORDS.get(code, code.replace("_", " ").capitalize() if code else "Other")


def empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    """Return an empty DataFrame with the given columns (object dtype)."""
    return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})
