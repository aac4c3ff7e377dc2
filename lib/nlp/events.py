"""Extractor of date expressions as written (spaCy DATE/TIME entities plus explicit patterns)."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from lib.nlp.extract import entities_of, sentence_index, text_of
from lib.nlp.tense import clause_tense

EXTRACTOR_VERSION = "3"

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?:\.|(?![^\W\d_]))"
)
"""A month's name or abbreviation as a whole word ("Aug." and "August", never the "Aug" of "Augusta")."""
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
        r"\b(?:the\s+)?New Year(?:['\u2019]s (?:Day|Eve))?\b|\bChristmas(?: Day| Eve)?\b",
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


_REST_OF = re.compile(r"(?i)\b(?:the\s+)?(?:rest|remainder)\s+of\s+$")
""""the rest of" before "this week": from the article's date to the end of the week."""


def _widen(span: Span) -> Span:
    """Take in "the rest of" / "the remainder of" written right before the expression."""
    text = text_of(span.doc)
    found = _REST_OF.search(text, max(span.sent.start_char, span.start_char - 30), span.start_char)
    if found is None:
        return span
    return span.doc.char_span(found.start(), span.end_char, label=span.label_ or "DATE",
                              alignment_mode="expand") or span


def _row(span: Span, *, doc_id: str, sent_index: int, source: str) -> dict[str, Any]:
    span = _widen(span)
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
        "tense": clause_tense(span.root),
    }


def _entity_spans(doc: Doc) -> list[Span]:
    return [
        ent for ent in entities_of(doc)
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and DATE_WORD.search(ent.text))
    ]


def _pattern_spans(doc: Doc, taken: list[Span]) -> list[Span]:
    """Pattern matches that fill gaps between the entities; a match that holds an entity whole
    and more ("11 August" around "August") replaces it in ``taken``."""
    spans: list[Span] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text_of(doc)):
            start, end = match.span("expr" if "expr" in pattern.groupindex else 0)
            inside = [s for s in taken if start <= s.start_char and s.end_char <= end and (start, end) != (
                s.start_char, s.end_char)]
            taken[:] = [s for s in taken if s not in inside]
            covered = [(span.start_char, span.end_char) for span in taken + spans]
            if any(start < other_end and other_start < end for other_start, other_end in covered):
                continue
            span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
    return spans


def extract_date_expressions(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return every date expression in the article as written, never resolved.

    Resolution against the article date happens at analysis time (lib.analysis.dates), so a
    corrected publication date never forces a re-parse. ``preceding`` is the lower-cased
    word before the expression in its sentence ("since" turns a date into a range);
    ``tense`` is the tense of its clause (past, present, future, conditional or ""), which
    says whether "on Friday" is the Friday before or after the article.
    """
    entities = _entity_spans(doc)
    patterns = _pattern_spans(doc, entities)
    rows = [_row(span, doc_id=doc_id, sent_index=sentence_index(doc, span.start), source="ner")
            for span in entities]
    rows += [
        _row(span, doc_id=doc_id, sent_index=sentence_index(doc, span.start), source="pattern")
        for span in patterns
    ]
    return sorted(rows, key=lambda row: row["start"])


EXTRACTORS = {"date_expressions": extract_date_expressions}
