"""Direct quotes and reported speech, each with its speaker, extracted from a parsed article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.extract import (
    entities_of,
    entities_within,
    entity_at,
    per_doc,
    sentences_of,
    text_of,
    tokens_before,
    tokens_where,
)

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

SPOKESPERSON_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen",
                                "spokespeople", "spokespersons"})
OFFICIAL_WORDS = frozenset({"official", "source", "officer", "diplomat", "aide", "adviser",
                            "advisor", "insider", "negotiator"})
STATEMENT_WORDS = frozenset({"statement", "communique", "announcement", "release", "letter",
                             "post", "message", "notice", "declaration"})
MEDIA_WORDS = frozenset({"report", "newspaper", "media", "outlet", "channel", "radio",
                         "broadcaster", "site", "station", "daily", "paper"})
SPEECH_NOUNS = frozenset({"warning", "statement", "remark", "comment", "word", "claim", "threat",
                          "vow", "pledge", "promise", "call", "message", "assertion", "accusation"})
"""Nouns that carry a speaker as possessor right before a quote ("Katz's warning that …")."""
INSTITUTION_WORDS = frozenset({"ministry", "department", "office", "government", "authority",
                               "agency", "police", "court", "council", "committee", "bureau",
                               "cabinet", "parliament", "commission", "administration"})
GROUP_HEADS = frozenset({"group", "movement", "organization", "organisation", "militia",
                         "faction", "army", "military", "regime"})
"""Heads of noun phrases that stand in for a named organisation ("the terror group")."""

NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
ORG_LABELS = frozenset({"ORG"})
ANTECEDENT_WINDOW = 2
"""How many sentences back an anaphor ("the group", "he") may look for its antecedent."""
MAX_QUOTE_CHARS = 4000
SPEECH_POS = ("VERB", "AUX")
INDEX_KEY = "news_framing_quote_index"
DIRECT_KEY = "news_framing_direct_quotes"

_DOUBLE_MARKS = re.compile(r"''|[\u201c\u201d\u201e\u00ab\u00bb\"]")
_OPENING = frozenset({"\u201c", "\u201e", "\u00ab"})
_CLOSING = frozenset({"\u201d", "\u00bb"})
_SINGLE_QUOTE = re.compile(
    r"(?<![\w'\u2019])['\u2018](?=\w)([^\n'\u2018]*?[\w.,!?])['\u2019](?![\w'])"
)
_PARAGRAPH_OPENING = re.compile(r"[^\S\n]*\n\s*(''|[\u201c\u201e\u00ab\"])")
_WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-'\u2019]\w+)*")


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: ``start``/``end`` bound the words, ``mark_*`` include the marks."""

    start: int
    end: int
    mark_start: int
    mark_end: int
    balanced: bool = True


def count_words(text: str) -> int:
    """Return the number of words in a string (hyphenated words count once)."""
    return len(_WORD.findall(text))


def _mark_role(text: str, pos: int, mark: str) -> str:
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if before.isspace() or before in "([{\u2014\u2013-:/":
        return "close" if after.isspace() or after == "" else "open"
    return "close"


def _next_paragraph_opens(text: str, pos: int) -> int | None:
    """Return the position of an opening mark that starts the paragraph after ``pos``."""
    match = _PARAGRAPH_OPENING.match(text, pos)
    return match.start(1) if match else None


def _make_span(text: str, mark_start: int, width: int, close: int, close_width: int
               ) -> QuoteSpan | None:
    start, end = mark_start + width, close
    inner = text[start:end]
    start += len(inner) - len(inner.lstrip())
    end -= len(inner) - len(inner.rstrip(" \t\n\r\xa0,;:"))
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return QuoteSpan(start, end, mark_start, close + close_width, close_width > 0)


class _DoubleQuoteScanner:
    """Pairs double quotation marks left to right, tolerating unbalanced ones."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[QuoteSpan] = []
        self.open_at: tuple[int, int] | None = None
        self.scan_from = 0

    def _emit(self, close: int, close_width: int) -> None:
        assert self.open_at is not None
        span = _make_span(self.text, self.open_at[0], self.open_at[1], close, close_width)
        if span is not None:
            self.spans.append(span)
        self.open_at = None

    def _cross_paragraphs(self, pos: int, role: str) -> bool:
        """Handle an open quote that ran past a line end; True if the mark is consumed."""
        para_end = self.text.find("\n", self.scan_from, pos)
        while self.open_at is not None and para_end != -1:
            resume = _next_paragraph_opens(self.text, para_end)
            if resume is None or resume > pos:
                self._emit(para_end, 0)
                return False
            if resume == pos:
                self.scan_from = pos + 1
                return role == "open"
            self.scan_from = resume + 1
            para_end = self.text.find("\n", self.scan_from, pos)
        return False

    def feed(self, pos: int, mark: str, role: str) -> None:
        """Take the next quotation mark (its position, text and open/close role)."""
        if self.open_at is not None and self._cross_paragraphs(pos, role):
            return
        if self.open_at is None:
            if role == "open":
                self.open_at, self.scan_from = (pos, len(mark)), pos
        elif role == "close" or pos - self.open_at[0] > MAX_QUOTE_CHARS:
            self._emit(pos, len(mark))
        else:
            self._emit(pos, 0)
            self.open_at, self.scan_from = (pos, len(mark)), pos

    def finish(self) -> list[QuoteSpan]:
        """Close what is still open at the end of its paragraph and return every span."""
        if self.open_at is not None:
            self._cross_paragraphs(len(self.text), "close")
        if self.open_at is not None:
            para_end = self.text.find("\n", self.scan_from)
            self._emit(len(self.text) if para_end == -1 else para_end, 0)
        return self.spans


def find_double_quotes(text: str) -> list[QuoteSpan]:
    """Return double-quoted passages, joining multi-paragraph quotes and closing stray ones.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quotation mark (the newspaper convention); otherwise it is closed at the paragraph end
    and marked unbalanced. A closing mark with nothing open is ignored.
    """
    scanner = _DoubleQuoteScanner(text)
    for match in _DOUBLE_MARKS.finditer(text):
        scanner.feed(match.start(), match.group(), _mark_role(text, match.start(), match.group()))
    return scanner.finish()


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return every quoted passage: double quotes, then single quotes outside them."""
    spans = find_double_quotes(text)
    covered = [(span.mark_start, span.mark_end) for span in spans]
    for match in _SINGLE_QUOTE.finditer(text):
        if "''" in match.group():
            continue
        if any(a <= match.start() < b for a, b in covered):
            continue
        spans.append(QuoteSpan(match.start(1), match.end(1), match.start(), match.end()))
    return sorted(spans, key=lambda span: span.start)


class DocIndex:
    """Char-offset look-ups on one Doc: sentences, paragraphs and quoted regions."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.sents = sentences_of(doc)
        self.sent_starts = [sent.start_char for sent in self.sents]
        self.newlines = [m.start() for m in re.finditer("\n", text_of(doc))]
        self.spans = spans
        self._verbs: dict[frozenset[str], list[int]] = {}

    def speech_verbs(self, lemmas: frozenset[str]) -> list[int]:
        """Ascending indices of verbs (VERB or AUX) whose lower-cased lemma is in ``lemmas``."""
        if lemmas not in self._verbs:
            verbs = set(tokens_where(self.doc, "pos", SPEECH_POS).tolist())
            found = tokens_where(self.doc, "lemma", lemmas, fold_case=True).tolist()
            self._verbs[lemmas] = [i for i in found if i in verbs]
        return self._verbs[lemmas]

    def sent_index(self, char: int) -> int:
        """Position of the sentence holding a character offset."""
        return max(bisect_right(self.sent_starts, char) - 1, 0)

    def paragraph(self, char: int) -> int:
        """Number of line breaks before a character offset (its line)."""
        return bisect_right(self.newlines, char)

    def in_quote(self, char: int) -> bool:
        """True when a character offset lies inside a quotation (marks included)."""
        return any(span.mark_start <= char < span.mark_end for span in self.spans)


def _subject_of(verb: Token, index: DocIndex) -> Token | None:
    """Return the subject nearest to a reporting verb, climbing out of participle clauses."""
    token = verb
    for _ in range(5):
        subjects = [c for c in token.children
                    if c.dep_ in ("nsubj", "nsubjpass") and not index.in_quote(c.idx)]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - token.i))
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "acl", "ccomp"):
            return None
        token = token.head
    return None


def _line_start(doc: Doc, char: int) -> int:
    return text_of(doc).rfind("\n", 0, char) + 1


def _phrase_of(token: Token) -> Span:
    """Return the noun phrase a token heads: left modifiers and 'of/for/to …' phrases.

    The phrase never reaches past the token's line, so captions and headlines that the
    parser glued onto a sentence stay out of it.
    """
    doc = token.doc
    right = token
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at", "in", "to"):
            right = child.right_edge
        elif child.dep_ in ("compound", "flat"):
            right = child.right_edge
    floor = _line_start(doc, token.idx)
    left = token.left_edge
    while left.i < token.i and (left.idx < floor or left.is_punct or left.is_space):
        left = doc[left.i + 1]
    line_end = text_of(doc).find("\n", token.idx)
    while right.i > token.i and (0 <= line_end < right.idx or right.is_punct):
        right = doc[right.i - 1]
    return doc[left.i : right.i + 1]


SUBJECT_WEIGHT = 3.0
"""How much more a subject in an earlier sentence counts as antecedent than another mention."""


def _candidate_mentions(doc: Doc, labels: frozenset[str], lo: int, hi: int) -> list[Span]:
    spans = [ent for ent in entities_of(doc)
             if ent.label_ in labels and lo <= ent.start_char and ent.end_char <= hi]
    if "PERSON" in labels:
        subjects = set(tokens_where(doc, "dep", ("nsubj", "nsubjpass")).tolist())
        names = (doc[i] for i in tokens_where(doc, "pos", ("PROPN",)).tolist() if i in subjects)
        spans += [doc[t.i : t.i + 1] for t in names
                  if lo <= t.idx and t.idx + len(t) <= hi and entity_at(doc, t.i) is None]
    return sorted(spans, key=lambda span: span.start)


def find_antecedent(doc: Doc, char: int, *, labels: frozenset[str],
                    window: int = ANTECEDENT_WINDOW, index: DocIndex | None = None,
                    exclude: frozenset[str] = frozenset()) -> Span | None:
    """Return the most salient name with one of ``labels`` before ``char``.

    Resolves "the terror group" or "he" to the organisation or person named within ``window``
    sentences before it. Salience adds up the name's mentions, halving per sentence back;
    a subject in an earlier sentence counts ``SUBJECT_WEIGHT`` times; ties go to the latest.
    Names in ``exclude`` (lower case, without "the") are never chosen.
    """
    sents = index.sents if index else sentences_of(doc)
    starts = index.sent_starts if index else [sent.start_char for sent in sents]
    here = max(bisect_right(starts, char) - 1, 0)
    floor = sents[max(here - window, 0)].start_char
    scores: dict[str, tuple[float, int, Span]] = {}
    for span in _candidate_mentions(doc, labels, floor, char):
        back = here - max(bisect_right(starts, span.start_char) - 1, 0)
        is_subject = span.root.dep_ in ("nsubj", "nsubjpass") and back > 0
        weight = (SUBJECT_WEIGHT if is_subject else 1.0) * 0.5 ** back
        key = span.text.lower().removeprefix("the ")
        if key in exclude:
            continue
        total = scores.get(key, (0.0, 0, span))[0] + weight
        scores[key] = (total, span.start, span)
    if not scores:
        return None
    return max(scores.values(), key=lambda item: (item[0], item[1]))[2]


def _is_proper_name(head: Token) -> bool:
    """True when the head's entity is a proper name, not a common noun NER tagged ("health
    ministry"), so "the Hamas-run health ministry" is an institution tied to Hamas."""
    ent = entity_at(head.doc, head.i)
    return ent is not None and any(t.pos_ == "PROPN" for t in ent)


def _category(phrase: Span, head: Token, person: Span | None) -> str:
    words = {head.lower_, head.lemma_.lower()}
    words |= {t.lower_ for t in head.children if t.dep_ in ("compound", "amod")}
    if words & SPOKESPERSON_WORDS:
        return "spokesperson"
    if person is not None:
        return "person"
    if head.lemma_.lower() in OFFICIAL_WORDS:
        return "anonymous official"
    if head.lemma_.lower() in STATEMENT_WORDS:
        return "statement"
    if head.lemma_.lower() in MEDIA_WORDS:
        return "media"
    if head.lemma_.lower() in INSTITUTION_WORDS and not _is_proper_name(head):
        return "institution"
    if head.pos_ == "PRON":
        return "pronoun"
    if any(ent.label_ in NAMED_LABELS for ent in entities_within(phrase)):
        return "organisation"
    return "other"


def _named_part(phrase: Span, head: Token) -> Span | None:
    ents = [ent for ent in entities_within(phrase) if ent.label_ in NAMED_LABELS]
    for ent in ents:
        if ent.label_ == "PERSON":
            return ent
    own = [ent for ent in ents if ent.start <= head.i < ent.end]
    if own and (_is_proper_name(head) or len(ents) == 1):
        return own[0]
    others = [ent for ent in ents if ent not in own]
    if others:
        return others[0]
    if ents:
        return ents[0]
    if head.pos_ == "PROPN":
        names = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        first = names[0] if names and names[-1].i == head.i - 1 else head
        while first.i < head.i and not head.doc[first.i : head.i].text.replace(" ", "").isalpha():
            first = head.doc[first.i + 1]
        return head.doc[first.i : head.i + 1]
    return None


def describe_speaker(head: Token, *, index: DocIndex) -> dict[str, Any]:
    """Return speaker columns for the noun phrase headed by ``head``.

    Pronouns ("he said") and group anaphors ("the group warned") are resolved to the person or
    organisation last named within a couple of sentences; the span then points at that name.
    """
    phrase = _phrase_of(head)
    named = _named_part(phrase, head)
    lemma = head.lemma_.lower()
    if named is None and head.lower_ in ("he", "she"):
        named = find_antecedent(index.doc, head.idx, labels=frozenset({"PERSON"}), index=index)
    elif named is None and lemma in GROUP_HEADS | STATEMENT_WORDS and head.tag_ != "NNS":
        named = find_antecedent(index.doc, head.idx, labels=ORG_LABELS, index=index)
    is_person = named is not None and (named.label_ == "PERSON" or (
        named.label_ == "" and head.lower_ in ("he", "she")))
    category = _category(phrase, head, named if is_person else None)
    if category in ("pronoun", "other") and named is not None:
        category = "organisation" if named.label_ in NAMED_LABELS else "person"
    return {
        "speaker": phrase.text,
        "speaker_start": phrase.start_char,
        "speaker_end": phrase.end_char,
        "speaker_name": named.text if named is not None else "",
        "speaker_name_start": named.start_char if named is not None else None,
        "speaker_name_end": named.end_char if named is not None else None,
        "speaker_label": named.label_ if named is not None else "",
        "speaker_category": category,
    }


_NO_SPEAKER = {
    "speaker": "", "speaker_start": None, "speaker_end": None, "speaker_name": "",
    "speaker_name_start": None, "speaker_name_end": None, "speaker_label": "",
    "speaker_category": "unattributed",
}


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
    subject = _subject_of(verb, index)
    if subject is None:
        return dict(_NO_SPEAKER)
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
            speaker = {key: previous[key] for key in _NO_SPEAKER}
            lemma = previous["verb"]
        else:
            speaker, lemma = dict(_NO_SPEAKER), ""
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
