"""Registry of per-document extractors that run on each parsed Doc during the build.

An extractor is ``fn(doc: Doc, *, doc_id: str) -> list[dict]``. It runs once per article
while the spaCy Doc is alive and returns rows for one named table; every row carries
``doc_id`` and, where it belongs to a sentence, ``sent_index`` (the sentence's position in
``doc.sents``) and character offsets into the cleaned article text. Only work that needs the
parse belongs here: lexicon matching (cues, frames, concordance) runs at analysis time over
the stored sentences so that editing a lexicon never forces a re-parse.

Each view module lists its extractors in a module-level ``EXTRACTORS`` dict
(table name -> function) and bumps its ``EXTRACTOR_VERSION`` when its output changes; the
version becomes part of the cache key.
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable
from types import ModuleType
from typing import Any

from spacy.tokens import Doc, Span

SENTENCES_KEY = "news_framing_sentences"
STARTS_KEY = "news_framing_sentence_starts"
TEXT_KEY = "news_framing_text"

Extractor = Callable[..., list[dict[str, Any]]]

EXTRACTOR_MODULES = ("lib.roles", "lib.quotes", "lib.naming", "lib.events", "lib.figures")


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in EXTRACTOR_MODULES]


def load_extractors() -> dict[str, Extractor]:
    """Return every registered extractor, keyed by the table it fills."""
    extractors: dict[str, Extractor] = {}
    for module in _modules():
        for table, function in getattr(module, "EXTRACTORS", {}).items():
            if table in extractors:
                raise ValueError(f"two extractors write table {table!r}")
            extractors[table] = function
    return extractors


def describe_extractors() -> str:
    """Return a string naming every extractor module and version, for the cache key."""
    parts = [
        f"{module.__name__}={getattr(module, 'EXTRACTOR_VERSION', '0')}"
        for module in _modules()
    ]
    return ";".join(parts)


def text_of(doc: Doc) -> str:
    """The Doc's text, built once per Doc (``doc.text`` joins every token on each access)."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None:
        cached = doc.text
        doc.user_data[TEXT_KEY] = cached
    return cached


def sentences_of(doc: Doc) -> list[Span]:
    """The Doc's sentences, computed once per Doc (``doc.sents`` and ``token.sent`` rescan the Doc)."""
    cached = doc.user_data.get(SENTENCES_KEY)
    if cached is None:
        cached = list(doc.sents)
        doc.user_data[SENTENCES_KEY] = cached
    return cached


def sentence_index(doc: Doc, token_i: int) -> int:
    """Position in ``sentences_of(doc)`` of the sentence holding token ``token_i``."""
    starts = doc.user_data.get(STARTS_KEY)
    if starts is None:
        starts = [sent.start for sent in sentences_of(doc)]
        doc.user_data[STARTS_KEY] = starts
    return bisect_right(starts, token_i) - 1


def run_extractors(
    doc: Doc, *, doc_id: str, extractors: dict[str, Extractor]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Run every extractor on one Doc; return rows per table and the errors of those that failed.

    A failing extractor loses only its own rows for this article: the parse and every other
    table still go through, and the error is reported with the article.
    """
    rows: dict[str, list[dict[str, Any]]] = {}
    errors: dict[str, str] = {}
    for table, function in extractors.items():
        try:
            rows[table] = function(doc, doc_id=doc_id)
        except Exception as error:  # noqa: BLE001 - one extractor's bug must not stop the build
            rows[table] = []
            errors[table] = f"{type(error).__name__}: {error}"
    return rows, errors
