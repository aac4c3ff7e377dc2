"""Direct quotes and reported speech, each with its speaker, extracted from a parsed article."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import (
    per_doc,
    text_of,
    tokens_before,
    tokens_where,
)
from lib.nlp.quote_marks import QuoteSpan, count_words, find_quote_spans
from lib.nlp.speakers import NO_SPEAKER, DocIndex, describe_speaker, subject_of

EXTRACTOR_VERSION = "1"

REPORTING_VERBS = frozenset({
    "accuse", "acknowledge", "add", "admit", "affirm", "allege", "announce", "argue", "ask",
    "assert", "blame", "call", "caution", "charge", "claim", "complain", "concede", "conclude",
    "condemn", "confirm", "contend", "counter", "declare", "demand", "deny", "describe",
    "emphasise", "emphasize", "explain", "highlight", "indicate", "inform", "insist", "maintain",
    "mention", "note", "observe", "pledge", "post", "predict", "promise", "read", "recall",
    "reiterate", "remark", "reply", "report", "respond", "say", "state", "stress", "suggest",
    "tell", "threaten", "tweet", "underline", "underscore", "urge", "vow", "warn", "write",
})
"""Lemmas of verbs that introduce speech; a direct quote is given to the nearest one."""

CLAUSE_VERBS = REPORTING_VERBS - {"call", "describe", "highlight", "read", "condemn", "blame"}
"""Reporting verbs whose clausal complement counts as reported speech."""


SPEECH_NOUNS = frozenset({"warning", "statement", "remark", "comment", "word", "claim", "threat",
                          "vow", "pledge", "promise", "call", "message", "assertion", "accusation"})
"""Nouns that carry a speaker as possessor right before a quote ("Katz's warning that …")."""


INDEX_KEY = "news_framing_quote_index"
DIRECT_KEY = "news_framing_direct_quotes"


def _nearest_verb(span: QuoteSpan, index: DocIndex) -> Token | None:
    first, last = index.sent_index(span.mark_start), index.sent_index(max(span.mark_end - 1, 0))
    para_lo, para_hi = index.paragraph(span.mark_start), index.paragraph(span.mark_end - 1)
    best: tuple[int, Token] | None = None
    verbs = index.speech_verbs(REPORTING_VERBS)
    lo, hi = index.sents[first].start, index.sents[last].end
    for i in verbs[bisect_left(verbs, lo) : bisect_left(verbs, hi)]:
        token = index.doc[i]
        if index.in_quote(token.idx):
            continue
        if not para_lo <= index.paragraph(token.idx) <= para_hi:
            continue
        distance = max(span.mark_start - token.idx - len(token), token.idx - span.mark_end, 0)
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


def _possessor(token: Token) -> Token | None:
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    before = token.doc[token.i - 1] if token.i > 0 else None
    if owner is None and before is not None and before.tag_ == "POS":
        owner = before.head
    return owner


def _speech_noun_owner(span: QuoteSpan, index: DocIndex) -> tuple[Token, Token] | None:
    """Return (noun, owner) for a possessed speech noun before a quote ("Katz's warning that")."""
    end = tokens_before(index.doc, span.mark_start)
    for token in reversed(list(index.doc[max(end - 4, 0) : end])):
        if token.is_punct or token.lower_ == "that" or token.is_space:
            continue
        owner = _possessor(token) if {token.lower_, token.lemma_.lower()} & SPEECH_NOUNS else None
        return (token, owner) if owner is not None else None
    return None


def _speaker_for_verb(verb: Token, index: DocIndex) -> dict[str, Any]:
    subject = subject_of(verb, index)
    if subject is None:
        return dict(NO_SPEAKER)
    return describe_speaker(subject, index=index)


def _quote_row(doc_id: str, span: QuoteSpan, index: DocIndex, *, kind: str, verb: str,
               speaker: dict[str, Any], words: int | None = None) -> dict[str, Any]:
    text = text_of(index.doc)[span.start : span.end]
    return {
        "doc_id": doc_id, "sent_index": index.sent_index(span.start),
        "start": span.start, "end": span.end, "quote": text, "kind": kind,
        "balanced": span.balanced, "verb": verb,
        "words": count_words(text) if words is None else words, **speaker,
    }


def attribute_direct_quotes(doc_id: str, index: DocIndex) -> list[dict[str, Any]]:
    """One row per quoted span of ``index``, with the speaker of its nearest reporting verb.

    A quote with no reporting verb of its own, within two sentences of an attributed quote,
    continues that quote's speaker (the "… ,” he said. “…”" pattern).
    """
    rows: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for span in index.spans:
        owned = _speech_noun_owner(span, index)
        verb = _nearest_verb(span, index)
        if owned is not None:
            speaker, lemma = describe_speaker(owned[1], index=index), owned[0].lower_
        elif verb is not None:
            speaker, lemma = _speaker_for_verb(verb, index), verb.lemma_.lower()
        elif previous is not None and previous["verb"] and (
            index.sent_index(span.start) - previous["sent_index"] <= 2
        ):
            speaker = {key: previous[key] for key in NO_SPEAKER}
            lemma = previous["verb"]
        else:
            speaker, lemma = dict(NO_SPEAKER), ""
        row = _quote_row(doc_id, span, index, kind="direct", verb=lemma, speaker=speaker)
        rows.append(row)
        previous = row
    return rows


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


def _reported_rows(doc_id: str, index: DocIndex) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    according = tokens_where(index.doc, "lower", ("according",)).tolist()
    for i in sorted({*according, *index.speech_verbs(CLAUSE_VERBS)}):
        token = index.doc[i]
        found = _according_to(token)
        if found is not None:
            source, content = found
            speaker, verb = describe_speaker(source, index=index), "according to"
        elif token.lemma_.lower() in CLAUSE_VERBS and token.pos_ in ("VERB", "AUX"):
            content = _reported_span(token)
            if content is None or index.in_quote(token.idx):
                continue
            speaker, verb = _speaker_for_verb(token, index), token.lemma_.lower()
        else:
            continue
        start, end = _clip_to_line(text_of(index.doc), content.start_char, content.end_char,
                                   token.idx)
        if _quoted_chars(start, end, index.spans) * 2 > end - start:
            continue
        words = _words_outside(text_of(index.doc)[start:end], start, index.spans)
        if words < 3:
            continue
        span = QuoteSpan(start, end, start, end)
        rows.append(_quote_row(doc_id, span, index, kind="reported", verb=verb, speaker=speaker,
                               words=words))
    return rows


def doc_index(doc: Doc) -> DocIndex:
    """The Doc's quote index, built once per Doc (the quotes and descriptors extractors share it)."""
    return per_doc(doc, INDEX_KEY, lambda: DocIndex(doc, find_quote_spans(text_of(doc))))


def direct_quotes(doc: Doc) -> list[dict[str, Any]]:
    """The Doc's direct quotes with their speakers (rows without ``doc_id``), built once per Doc."""
    return per_doc(doc, DIRECT_KEY, lambda: attribute_direct_quotes("", doc_index(doc)))


def extract_quotes(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return one row per direct quote and per reported-speech clause in ``doc``."""
    index = doc_index(doc)
    direct = [{**row, "doc_id": doc_id} for row in direct_quotes(doc)]
    rows = direct + _reported_rows(doc_id, index)
    return sorted(rows, key=lambda row: (row["start"], row["kind"]))


EXTRACTORS = {"quotes": extract_quotes}
