"""How a direct quote is attributed: only a cue in its own sentence or its immediate frame.

The cues, tried in turn: a speech noun with its owner ("Katz's warning that “…”"), a reporting
verb with its subject (the verb the quote hangs from, else the nearest one in the quote's own
sentence or the clause that closes it: "“…,” Singh told reporters"), "according to X", a
colon ("X said:", "X had this message:" ending the paragraph before, "NAME: “…”",
"“…”: X writes"), a dash ("“…” — X"). A quote without a cue of its own may continue the
previous attributed quote of the same paragraph; anything else is unattributed, never given to
the last speaker seen.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from lib.nlp.extract import entities_of, text_of, tokens_before
from lib.nlp.quote_marks import QuoteSpan
from lib.nlp.speakers import DocIndex, describe_speaker, main_subject, subject_of

HOW_VERB, HOW_TOLD, HOW_ACCORDING, HOW_COLON = "verb", "told", "according-to", "colon"
HOW_DASH, HOW_NOUN, HOW_CONTINUATION, HOW_NONE = "dash", "speech-noun", "continuation", "none"

REPORTING_VERBS = frozenset({
    "accuse", "acknowledge", "add", "admit", "affirm", "allege", "announce", "argue", "ask",
    "assert", "blame", "call", "caution", "charge", "claim", "complain", "concede", "conclude",
    "condemn", "confirm", "contend", "counter", "declare", "demand", "deny", "describe",
    "emphasise", "emphasize", "explain", "express", "highlight", "indicate", "inform", "insist",
    "maintain", "mention", "note", "observe", "pledge", "post", "predict", "promise", "read",
    "recall", "reiterate", "remark", "reply", "report", "respond", "say", "state", "stress",
    "suggest", "tell", "threaten", "tweet", "underline", "underscore", "urge", "vow", "warn",
    "write",
})
"""Lemmas of verbs that introduce speech."""

SPEECH_NOUNS = frozenset({"warning", "statement", "remark", "comment", "word", "claim", "threat",
                          "vow", "pledge", "promise", "call", "message", "assertion", "accusation"})
"""Nouns that carry a speaker as possessor right before a quote ("Katz's warning that …")."""

_DASH_AFTER = re.compile(r"\s*[\u2014\u2013-]{1,2}\s*")
_DASH_BEFORE = re.compile(r"\s*[\u2014\u2013-]{1,2}\s*$")


@dataclass(frozen=True)
class Attribution:
    """Who said a quote, by which cue (``how``), with which verb, and where the cue is."""

    how: str
    verb: str
    speaker: dict[str, Any]
    at: int


def _line(index: DocIndex, char: int) -> tuple[int, int]:
    text = text_of(index.doc)
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end == -1 else end


def _closes_clause(span: QuoteSpan, text: str) -> bool:
    """Whether the words after a quote finish its sentence ("“…,” she said" or "“Why?” he asked")."""
    after = text[span.mark_end : span.mark_end + 40].lstrip(" \t")
    return "," in text[span.end : span.mark_end] or after[:1].islower()


def frame_sentences(span: QuoteSpan, index: DocIndex) -> list[Span]:
    """The quote's own sentences, and the next one when it only closes the quote's clause."""
    first, last = index.sent_index(span.mark_start), index.sent_index(max(span.mark_end - 1, 0))
    sents = index.sents[first : last + 1]
    text = text_of(index.doc)
    following = index.sents[last + 1] if last + 1 < len(index.sents) else None
    if following is not None and _closes_clause(span, text):
        between = text[span.mark_end : following.start_char]
        if "\n" not in between and not any(ch.isalnum() for ch in between):
            sents = [*sents, following]
    return list(sents)


def _speaker_of_verb(verb: Token, index: DocIndex) -> dict[str, Any] | None:
    subject = subject_of(verb, index)
    return None if subject is None else describe_speaker(subject, index=index)


def _name_between(index: DocIndex, start: int, end: int) -> Token | None:
    """The speaker written between a closing quote mark and its verb ("“…,” Deputy Press
    Secretary Sabrina Singh told reporters"), when the parser gave the verb no subject."""
    if "\n" in text_of(index.doc)[start:end]:
        return None
    ents = [e for e in entities_of(index.doc) if start <= e.start_char and e.end_char <= end
            and e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
    people = [e for e in ents if e.label_ == "PERSON"]
    return (people or ents)[-1].root if ents else None


def _verb_attribution(verb: Token, index: DocIndex, span: QuoteSpan | None = None) -> Attribution | None:
    speaker = _speaker_of_verb(verb, index)
    if speaker is None and span is not None and verb.idx >= span.mark_end:
        head = _name_between(index, span.mark_end, verb.idx)
        speaker = describe_speaker(head, index=index) if head is not None else None
    if speaker is None:
        return None
    lemma = verb.lemma_.lower()
    return Attribution(HOW_TOLD if lemma == "tell" else HOW_VERB, lemma, speaker, verb.idx)


def _is_reporting(token: Token, index: DocIndex) -> bool:
    return (token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_VERBS
            and not index.in_quote(token.idx))


def governing_verb(span: QuoteSpan, index: DocIndex) -> Token | None:
    """The reporting verb the quoted words hang from in the parse ("said" in "X said “…”")."""
    doc = index.doc
    inside = doc[tokens_before(doc, span.start) : tokens_before(doc, span.end)]
    for token in inside:
        if span.start <= token.head.idx < span.end:
            continue
        for ancestor in (token.head, *token.head.ancestors):
            if _is_reporting(ancestor, index):
                return ancestor
    return None


def nearest_verb(span: QuoteSpan, index: DocIndex, sents: list[Span]) -> Token | None:
    """The reporting verb nearest the quote in its frame, on the quote's own lines."""
    para_lo, para_hi = index.paragraph(span.mark_start), index.paragraph(span.mark_end - 1)
    verbs = index.speech_verbs(REPORTING_VERBS)
    lo, hi = sents[0].start, sents[-1].end
    best: tuple[int, Token] | None = None
    for i in verbs[bisect_left(verbs, lo) : bisect_left(verbs, hi)]:
        token = index.doc[i]
        if index.in_quote(token.idx) or not para_lo <= index.paragraph(token.idx) <= para_hi:
            continue
        distance = max(span.mark_start - token.idx - len(token), token.idx - span.mark_end, 0)
        if subject_of(token, index) is not None and (best is None or distance < best[0]):
            best = (distance, token)
    return best[1] if best else None


def _possessor(token: Token) -> Token | None:
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    before = token.doc[token.i - 1] if token.i > 0 else None
    if owner is None and before is not None and before.tag_ == "POS":
        owner = before.head
    return owner


def speech_noun_attribution(span: QuoteSpan, index: DocIndex) -> Attribution | None:
    """A possessed speech noun right before the quote ("Katz's warning that “…”")."""
    end = tokens_before(index.doc, span.mark_start)
    for token in reversed(list(index.doc[max(end - 4, 0) : end])):
        if token.is_punct or token.lower_ == "that" or token.is_space:
            continue
        owner = _possessor(token) if {token.lower_, token.lemma_.lower()} & SPEECH_NOUNS else None
        if owner is None:
            return None
        return Attribution(HOW_NOUN, token.lower_, describe_speaker(owner, index=index), token.idx)
    return None


def according_attribution(index: DocIndex, sents: list[Span]) -> Attribution | None:
    """"According to X" in the quote's own sentence."""
    for sent in sents:
        for token in sent:
            if token.lower_ != "according" or index.in_quote(token.idx):
                continue
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if source is not None:
                return Attribution(HOW_ACCORDING, "according to",
                                   describe_speaker(source, index=index), token.idx)
    return None


def _label_head(index: DocIndex, start: int, end: int) -> Token | None:
    """The name of a "NAME:" or "NAME —" label: its last proper noun (or named entity)."""
    doc = index.doc
    tokens = [t for t in doc[tokens_before(doc, start) : tokens_before(doc, end)] if not t.is_punct]
    if any(t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in tokens):
        return None
    names = [t for t in tokens if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
    return names[-1] if names else None


def _subject_attribution(sent: Span, index: DocIndex, how: str, at: int) -> Attribution | None:
    subject = main_subject(sent)
    if subject is None:
        return None
    return Attribution(how, sent.root.lemma_.lower(), describe_speaker(subject, index=index), at)


def colon_attribution(span: QuoteSpan, index: DocIndex) -> Attribution | None:
    """"NAME: “…”", a paragraph ending "…:" right before a quote that opens the next one, or "“…”: X writes"."""
    text = text_of(index.doc)
    line_start, _ = _line(index, span.mark_start)
    prefix = text[line_start : span.mark_start].rstrip()
    if prefix.endswith(":") and len(prefix.split()) <= 6:
        head = _label_head(index, line_start, len(prefix) + line_start - 1)
        if head is not None:
            return Attribution(HOW_COLON, "", describe_speaker(head, index=index), line_start)
    if not prefix and line_start > 0 and text[:line_start].rstrip().endswith(":"):
        colon = len(text[:line_start].rstrip()) - 1
        found = _subject_attribution(index.sents[index.sent_index(colon)], index, HOW_COLON, colon)
        if found is not None:
            return found
    return _colon_after(span, index)


def _colon_after(span: QuoteSpan, index: DocIndex) -> Attribution | None:
    """"“…”: Active Voice republishes the account": the subject of the clause after the colon."""
    after = text_of(index.doc)[span.mark_end : span.mark_end + 3]
    if not after.lstrip().startswith(":"):
        return None
    colon = span.mark_end + after.index(":")
    rest = [t for t in index.sents[index.sent_index(colon)] if t.idx > colon]
    subjects = [t for t in rest if t.dep_ in ("nsubj", "nsubjpass") and t.head.idx > colon]
    if not subjects:
        return None
    speaker = describe_speaker(subjects[0], index=index)
    return Attribution(HOW_COLON, subjects[0].head.lemma_.lower(), speaker, colon)


def dash_attribution(span: QuoteSpan, index: DocIndex) -> Attribution | None:
    """"“…” — X" after the quote, or "X — “…”" opening its line."""
    text = text_of(index.doc)
    line_start, line_end = _line(index, span.mark_start)
    after = _DASH_AFTER.match(text, span.mark_end, line_end)
    if after is not None:
        name_end = re.search(r"[,.;(]|$", text[after.end() : line_end])
        head = _label_head(index, after.end(), after.end() + name_end.start())
        first = index.doc[tokens_before(index.doc, after.end())] if head is not None else None
        if head is not None and first is not None and first.pos_ == "PROPN":
            return Attribution(HOW_DASH, "", describe_speaker(head, index=index), after.start())
    prefix = text[line_start : span.mark_start]
    before = _DASH_BEFORE.search(prefix)
    if before is not None and 0 < len(prefix[: before.start()].split()) <= 6:
        head = _label_head(index, line_start, line_start + before.start())
        if head is not None:
            return Attribution(HOW_DASH, "", describe_speaker(head, index=index), line_start)
    return None


_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
              "spoke": "speak", "read": "read"}
_PREFIX_VERB = re.compile(r"(?P<verb>\b[A-Za-z]+)\s*[,:]?\s*$")


def _verb_lemma(word: str) -> str:
    """The reporting verb a word is a form of ("adds" → "add", "said" → "say"), or ""."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    stems = (word, word[:-1], word[:-2], word.removesuffix("ied") + "y")
    return next((stem for stem in stems if stem in REPORTING_VERBS), "")


def prefix_verb_attribution(span: QuoteSpan, index: DocIndex) -> Attribution | None:
    """"She says,“…”": the line before the quote ends on a reporting verb and its subject, read
    from the text when the tokenizer glued the verb to the quote mark."""
    text = text_of(index.doc)
    line_start = text.rfind("\n", 0, span.mark_start) + 1
    match = _PREFIX_VERB.search(text, line_start, span.mark_start)
    lemma = _verb_lemma(match["verb"]) if match is not None else ""
    if not lemma:
        return None
    before = tokens_before(index.doc, match.start("verb"))
    subject = index.doc[before - 1] if before > 0 else None
    if subject is None or subject.idx < line_start or subject.pos_ not in ("PRON", "PROPN", "NOUN"):
        return None
    how = HOW_TOLD if lemma == "tell" else HOW_VERB
    return Attribution(how, lemma, describe_speaker(subject, index=index), match.start("verb"))


def find_attribution(span: QuoteSpan, index: DocIndex) -> Attribution | None:
    """The cue that attributes one quotation, or None when it has none of its own."""
    found = speech_noun_attribution(span, index)
    if found is not None:
        return found
    sents = frame_sentences(span, index)
    verb = governing_verb(span, index)
    found = _verb_attribution(verb, index, span) if verb is not None else None
    if found is None:
        nearest = nearest_verb(span, index, sents)
        found = _verb_attribution(nearest, index) if nearest is not None else None
    return (found or according_attribution(index, sents) or prefix_verb_attribution(span, index)
            or colon_attribution(span, index) or dash_attribution(span, index))
