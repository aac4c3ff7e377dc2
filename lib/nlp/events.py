"""Extractor of date expressions as written (spaCy DATE/TIME entities plus explicit patterns)."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from lib.nlp.extract import entities_of, sentence_index, text_of

EXTRACTOR_VERSION = "1"

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
_UNIT = r"(?:hour|day|week|month|year)s?"
PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*,\s*(?:19|20)\d{{2}}\b)?",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*(?:19|20)\d{{2}}\b)?",
        r"\b\d{4}-\d{2}-\d{2}\b",
        rf"\b{_MONTH}\s+(?:19|20)\d{{2}}\b",
        rf"\b(?:in|since|until|by|from|during|early|late|mid)\s(?P<expr>{_MONTH})(?!\s*\d)",
        r"\b(?:in|since|until|during)\s(?P<expr>(?:19|20)\d{2})\b",
        rf"\b(?:last\s+)?{_WEEKDAY}\b",
        r"\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Oo]vernight)\b",
        rf"\b{_NUMBER}\s+{_UNIT}\s+ago\b",
        r"\b(?:[Ll]ast|[Tt]his|[Pp]ast)\s+(?:week|month|year|weekend)\b",
        rf"\b(?:the\s+)?(?:past|last|previous)\s+{_NUMBER}\s+{_UNIT}\b",
    )
)
"""Date expressions the statistical NER often misses; they only fill gaps between entities.

A bare month counts only after a preposition ("in March"), so the verbs march/may do not."""

DATE_WORD = re.compile(
    rf"(?i)\b(?:{_WEEKDAY}|{_MONTH}|yesterday|today|tonight|overnight|ago|past|last|weekend)"
)
"""A TIME entity is kept only if it names a day or a span ("Thursday night", "the past 24 hours")."""


def _row(span: Span, *, doc_id: str, sent_index: int, source: str) -> dict[str, Any]:
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    return {
        "doc_id": doc_id,
        "sent_index": sent_index,
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "label": span.label_ or "DATE",
        "source": source,
        "preceding": before.lower_ if before is not None else "",
    }


def _entity_spans(doc: Doc) -> list[Span]:
    return [
        ent for ent in entities_of(doc)
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and DATE_WORD.search(ent.text))
    ]


def _pattern_spans(doc: Doc, taken: list[Span]) -> list[Span]:
    covered = [(span.start_char, span.end_char) for span in taken]
    spans: list[Span] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text_of(doc)):
            start, end = match.span("expr" if "expr" in pattern.groupindex else 0)
            if any(start < other_end and other_start < end for other_start, other_end in covered):
                continue
            span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
            if span is None:
                continue
            covered.append((span.start_char, span.end_char))
            spans.append(span)
    return spans


def extract_date_expressions(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return every date expression in the article as written, never resolved.

    Resolution against the article date happens at analysis time (lib.timeline), so a
    corrected publication date never forces a re-parse. ``preceding`` is the lower-cased
    word before the expression in its sentence ("since" turns a date into a range).
    """
    entities = _entity_spans(doc)
    rows = [_row(span, doc_id=doc_id, sent_index=sentence_index(doc, span.start), source="ner")
            for span in entities]
    rows += [
        _row(span, doc_id=doc_id, sent_index=sentence_index(doc, span.start), source="pattern")
        for span in _pattern_spans(doc, entities)
    ]
    return sorted(rows, key=lambda row: row["start"])


EXTRACTORS = {"date_expressions": extract_date_expressions}
