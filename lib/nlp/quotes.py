"""Direct quotes and reported speech, each with its speaker, extracted from a parsed article."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.attribution import (
    HOW_ACCORDING,
    HOW_CONTINUATION,
    HOW_NONE,
    HOW_TOLD,
    HOW_VERB,
    REPORTING_VERBS,
    find_attribution,
)
from lib.nlp.extract import per_doc, text_of, tokens_where
from lib.nlp.line_shape import is_body_at
from lib.nlp.quote_marks import QuoteSpan, count_words, find_quote_spans, split_paragraphs
from lib.nlp.speakers import NO_SPEAKER, DocIndex, describe_speaker, subject_of

EXTRACTOR_VERSION = "2"

CLAUSE_VERBS = REPORTING_VERBS - {"call", "describe", "highlight", "read", "condemn", "blame",
                                  "express"}
"""Reporting verbs whose clausal complement counts as reported speech."""

INDEX_KEY = "news_framing_quote_index"
DIRECT_KEY = "news_framing_direct_quotes"


def _speaker_for_verb(verb: Token, index: DocIndex) -> dict[str, Any]:
    subject = subject_of(verb, index)
    if subject is None:
        return dict(NO_SPEAKER)
    return describe_speaker(subject, index=index)


def _quote_row(doc_id: str, span: QuoteSpan, index: DocIndex, *, kind: str, verb: str,
               speaker: dict[str, Any], how: str, words: int | None = None) -> dict[str, Any]:
    text = text_of(index.doc)[span.start : span.end]
    return {
        "doc_id": doc_id, "sent_index": index.sent_index(span.start),
        "start": span.start, "end": span.end, "quote": text, "kind": kind,
        "balanced": span.balanced, "verb": verb, "how": how,
        "words": count_words(text) if words is None else words, **speaker,
    }


_SENTENCE_BOUNDARY = re.compile(r"(?:^|[.!?\u2026:;\"'\u201d\u2019)\]])\s*$")


def _continues(previous: dict[str, Any] | None, span: QuoteSpan, index: DocIndex) -> bool:
    """A quote without a cue of its own continues the previous attributed quote of its paragraph
    when it stands as a sentence of its own ("“…,” he said. “…”"); a phrase quoted inside a
    sentence (the so-called “deal”) continues nobody."""
    if previous is None or previous["how"] == HOW_NONE:
        return False
    if index.paragraph(previous["mark_end"]) != index.paragraph(span.mark_start):
        return False
    text = text_of(index.doc)
    line_start = text.rfind("\n", 0, span.mark_start) + 1
    return bool(_SENTENCE_BOUNDARY.search(text[line_start : span.mark_start]))


def attribute_direct_quotes(doc_id: str, index: DocIndex) -> list[dict[str, Any]]:
    """One row per quoted span of ``index`` (in its order), with its speaker and how it was found.

    ``body`` is False for a span in a headline, subheadline or caption (by the line's shape):
    such a span is no quote. ``cue_at`` is where the attribution was read.
    """
    rows: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    text = text_of(index.doc)
    for span in index.spans:
        body = is_body_at(text, span.mark_start)
        found = find_attribution(span, index) if body else None
        if found is not None:
            speaker, how, verb, cue_at = found.speaker, found.how, found.verb, found.at
        elif body and _continues(previous, span, index):
            speaker = {key: previous[key] for key in NO_SPEAKER}
            how, verb, cue_at = HOW_CONTINUATION, previous["verb"], previous["cue_at"]
        else:
            speaker, how, verb, cue_at = dict(NO_SPEAKER), HOW_NONE, "", -1
        row = _quote_row(doc_id, span, index, kind="direct", verb=verb, speaker=speaker, how=how)
        row.update(body=body, cue_at=cue_at, mark_start=span.mark_start, mark_end=span.mark_end)
        rows.append(row)
        if body:
            previous = row
    return rows


def _pieces(row: dict[str, Any], span: QuoteSpan, index: DocIndex) -> list[dict[str, Any]]:
    """A quotation's rows, one per paragraph; the paragraph nearest the cue keeps its ``how``."""
    pieces = split_paragraphs(text_of(index.doc), span)
    if len(pieces) == 1:
        return [row]
    cue = row["cue_at"]
    nearest = min(range(len(pieces)), key=lambda i: max(pieces[i].mark_start - cue, cue - pieces[i].mark_end, 0))
    found = []
    for number, piece in enumerate(pieces):
        speaker = {key: row[key] for key in NO_SPEAKER}
        how = row["how"] if number == nearest or row["how"] == HOW_NONE else HOW_CONTINUATION
        found.append(_quote_row(row["doc_id"], piece, index, kind="direct", verb=row["verb"],
                                speaker=speaker, how=how))
    return found


def _quoted_chars(start: int, end: int, spans: list[QuoteSpan]) -> int:
    return sum(max(0, min(end, s.mark_end) - max(start, s.mark_start)) for s in spans)


def _words_outside(text: str, offset: int, spans: list[QuoteSpan]) -> int:
    inside = "".join(
        text[max(s.mark_start, offset) - offset : min(s.mark_end, offset + len(text)) - offset]
        for s in spans if s.mark_end > offset and s.mark_start < offset + len(text)
    )
    return count_words(text) - count_words(inside)


def _reported_span(token: Token) -> Span | None:
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if not clauses:
        return None
    clause = clauses[0]
    left = clause.left_edge
    if left.dep_ == "mark" and left.lower_ == "that":
        left = token.doc[left.i + 1]
    right = clause.right_edge
    while right.i > left.i and right.is_punct:
        right = token.doc[right.i - 1]
    return token.doc[left.i : right.i + 1]


def _according_to(token: Token) -> tuple[Token, Span] | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return None
    sent = token.sent
    skip = (token.left_edge.i, source.right_edge.i + 1)
    tokens = [t for t in sent if not skip[0] <= t.i < skip[1] and not t.is_punct and not t.is_space]
    if not tokens:
        return None
    return source, token.doc[tokens[0].i : tokens[-1].i + 1]


def _clip_to_line(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Clip ``[start, end)`` to the line holding ``anchor`` (a parse can span paragraphs)."""
    line_start = text.rfind("\n", 0, anchor) + 1
    line_end = text.find("\n", anchor)
    start, end = max(start, line_start), min(end, len(text) if line_end == -1 else line_end)
    segment = text[start:end]
    start += len(segment) - len(segment.lstrip())
    end = start + len(segment.strip())
    return start, max(end, start)


def _reported_clause(token: Token, index: DocIndex) -> tuple[Span, dict[str, Any], str, str] | None:
    """(content, speaker, verb, how) of an "according to X" or a reporting verb's clause."""
    found = _according_to(token)
    if found is not None:
        source, content = found
        return content, describe_speaker(source, index=index), "according to", HOW_ACCORDING
    if token.lemma_.lower() not in CLAUSE_VERBS or token.pos_ not in ("VERB", "AUX"):
        return None
    content = _reported_span(token)
    if content is None or index.in_quote(token.idx):
        return None
    lemma = token.lemma_.lower()
    return content, _speaker_for_verb(token, index), lemma, HOW_TOLD if lemma == "tell" else HOW_VERB


def _reported_rows(doc_id: str, index: DocIndex) -> list[dict[str, Any]]:
    """Reported speech ("X said that …", "according to X, …") in body lines."""
    rows: list[dict[str, Any]] = []
    text = text_of(index.doc)
    according = tokens_where(index.doc, "lower", ("according",)).tolist()
    for i in sorted({*according, *index.speech_verbs(CLAUSE_VERBS)}):
        token = index.doc[i]
        found = _reported_clause(token, index) if is_body_at(text, token.idx) else None
        if found is None:
            continue
        content, speaker, verb, how = found
        start, end = _clip_to_line(text, content.start_char, content.end_char, token.idx)
        if _quoted_chars(start, end, index.spans) * 2 > end - start:
            continue
        words = _words_outside(text[start:end], start, index.spans)
        if words < 3:
            continue
        span = QuoteSpan(start, end, start, end)
        rows.append(_quote_row(doc_id, span, index, kind="reported", verb=verb, speaker=speaker,
                               how=how, words=words))
    return rows


def doc_index(doc: Doc) -> DocIndex:
    """The Doc's quote index, built once per Doc (the quotes and descriptors extractors share it)."""
    return per_doc(doc, INDEX_KEY, lambda: DocIndex(doc, find_quote_spans(text_of(doc))))


def direct_quotes(doc: Doc) -> list[dict[str, Any]]:
    """The Doc's quoted spans with their speakers, one per span of ``doc_index(doc).spans`` (rows
    without ``doc_id``; headline and caption spans included, marked ``body`` False), built once."""
    return per_doc(doc, DIRECT_KEY, lambda: attribute_direct_quotes("", doc_index(doc)))


_INTERNAL = ("body", "cue_at", "mark_start", "mark_end")


def extract_quotes(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return one row per direct quote (per paragraph of a long quotation) and per
    reported-speech clause in the body of ``doc``; headlines and captions hold no quotes."""
    index = doc_index(doc)
    direct = []
    for row, span in zip(direct_quotes(doc), index.spans, strict=True):
        if row["body"]:
            direct += [{**piece, "doc_id": doc_id} for piece in _pieces(row, span, index)]
    direct = [{key: value for key, value in row.items() if key not in _INTERNAL} for row in direct]
    rows = direct + _reported_rows(doc_id, index)
    return sorted(rows, key=lambda row: (row["start"], row["kind"]))


EXTRACTORS = {"quotes": extract_quotes}
