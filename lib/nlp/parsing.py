"""Parsing cleaned articles with spaCy in batches into sentence, mention and extractor rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from lib.nlp.extract import (
    TEXT_KEY,
    Extractor,
    content_lemmas,
    entities_of,
    forget,
    load_extractors,
    run_extractors,
    sentence_index,
    sentences_of,
    text_of,
)
from lib.nlp.measures import measure_sentences
from lib.records import Article

ENTITY_LABELS = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
})
"""NER labels that name someone or something; dates and numbers are left to their views."""

PARAGRAPH_COMPONENT = "paragraph_breaks"
DEFAULT_BATCH_SIZE = 128
"""Articles per nlp.pipe batch: the fastest of 4-128 in bench/batch.py (see bench/RESULTS.md)."""
OFFSET_KEY = re.compile(r"(^|_)(start|end)$")

Progress = Callable[[int, int], None]


@Language.component(PARAGRAPH_COMPONENT)
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headlines never run into the body."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def prepare_pipeline(nlp: Language) -> Language:
    """Add the paragraph-break component before the parser (once)."""
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    return nlp


@dataclass
class ParsedRows:
    """Rows of every table for a batch of parsed articles."""

    doc_ids: list[str] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    extracted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sentence_counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    """(doc_id, table, error) for every extractor that failed on an article."""
    measures: dict[str, Any] = field(default_factory=dict)
    """The per-sentence measure tables (``lib.nlp.measures``: tone, cue and frame matches, stamps)."""


@dataclass(frozen=True)
class Chunk:
    """A piece of an article short enough for the pipeline, with its place in the article."""

    doc_id: str
    offset: int
    text: str


def split_long_text(text: str, *, limit: int) -> list[tuple[int, str]]:
    """Split a text over ``limit`` characters at paragraph breaks (or spaces) into pieces."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            cut = cut if cut > start else text.rfind(" ", start, end)
            end = cut if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def iter_chunks(articles: list[Article], *, limit: int) -> Iterator[Chunk]:
    """Yield every article as one or more chunks under the pipeline's max_length."""
    for article in articles:
        for offset, text in split_long_text(article.text, limit=limit):
            yield Chunk(article.doc_id, offset, text)


def sentence_rows(doc: Doc, *, doc_id: str, offset: int, first_index: int) -> list[dict[str, Any]]:
    """One row per sentence (trailing line breaks trimmed), with its lemmas for term counts."""
    rows = []
    whole = text_of(doc)
    lemmas = content_lemmas(doc)
    for index, sent in enumerate(sentences_of(doc)):
        text = whole[sent.start_char : sent.end_char].rstrip()
        rows.append({
            "doc_id": doc_id,
            "sent_index": first_index + index,
            "start": offset + sent.start_char,
            "end": offset + sent.start_char + len(text),
            "text": text,
            "lemmas": " ".join(lemma for lemma in lemmas[sent.start : sent.end] if lemma is not None),
        })
    return rows


def mention_rows(doc: Doc, *, doc_id: str, offset: int, first_index: int) -> list[dict[str, Any]]:
    """One row per named-entity span (people, organisations, places, groups, …)."""
    return [
        {
            "doc_id": doc_id,
            "sent_index": first_index + sentence_index(doc, ent.start),
            "start": offset + ent.start_char,
            "end": offset + ent.end_char,
            "text": ent.text,
            "label": ent.label_,
        }
        for ent in entities_of(doc)
        if ent.label_ in ENTITY_LABELS
    ]


def shift_rows(rows: list[dict[str, Any]], *, offset: int, first_index: int) -> list[dict[str, Any]]:
    """Move a chunk's extractor rows to article positions (keys start/end/*_start/*_end)."""
    if not offset and not first_index:
        return rows
    for row in rows:
        for key, value in row.items():
            if OFFSET_KEY.search(key) and isinstance(value, int):
                row[key] = value + offset
        if isinstance(row.get("sent_index"), int):
            row["sent_index"] += first_index
    return rows


def collect_doc(
    rows: ParsedRows, doc: Doc, chunk: Chunk, *, extractors: dict[str, Extractor]
) -> None:
    """Add one parsed chunk's rows to the batch."""
    doc.user_data[TEXT_KEY] = chunk.text  # the tokenizer keeps the text: doc.text == chunk.text
    first_index = rows.sentence_counts.get(chunk.doc_id, 0)
    if chunk.doc_id not in rows.sentence_counts:
        rows.doc_ids.append(chunk.doc_id)
    sentences = sentence_rows(doc, doc_id=chunk.doc_id, offset=chunk.offset, first_index=first_index)
    rows.sentences.extend(sentences)
    rows.mentions.extend(mention_rows(doc, doc_id=chunk.doc_id, offset=chunk.offset, first_index=first_index))
    extracted_rows, errors = run_extractors(doc, doc_id=chunk.doc_id, extractors=extractors)
    rows.errors.extend((chunk.doc_id, table, error) for table, error in errors.items())
    for table, extracted in extracted_rows.items():
        shifted = shift_rows(extracted, offset=chunk.offset, first_index=first_index)
        rows.extracted.setdefault(table, []).extend(shifted)
    rows.sentence_counts[chunk.doc_id] = first_index + len(sentences)


def parse_articles(
    nlp: Language,
    articles: list[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    progress: Progress | None = None,
) -> ParsedRows:
    """Parse articles with ``nlp.pipe`` and return the rows of every table."""
    prepare_pipeline(nlp)
    extractors = load_extractors()
    rows = ParsedRows(extracted={table: [] for table in extractors})
    chunks = list(iter_chunks(articles, limit=nlp.max_length - 1))
    pairs = ((chunk.text, chunk) for chunk in chunks)
    with nlp.memory_zone():
        for done, (doc, chunk) in enumerate(
            nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process), start=1
        ):
            collect_doc(rows, doc, chunk, extractors=extractors)
            forget(doc)
            if progress:
                progress(done, len(chunks))
    rows.measures = measure_sentences(pd.DataFrame(rows.sentences, columns=["doc_id", "sent_index", "text"]),
                                      rows.doc_ids)
    return rows
