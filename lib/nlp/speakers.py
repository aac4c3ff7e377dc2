"""Who speaks: the noun phrase of a speaker, its named part, its category, and antecedents of "he" or "the group"."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import (
    entities_of,
    entities_within,
    entity_at,
    sentences_of,
    text_of,
    tokens_where,
)
from lib.nlp.quote_marks import QuoteSpan

SPOKESPERSON_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen",
                                "spokespeople", "spokespersons"})
OFFICIAL_WORDS = frozenset({"official", "source", "officer", "diplomat", "aide", "adviser",
                            "advisor", "insider", "negotiator"})
STATEMENT_WORDS = frozenset({"statement", "communique", "announcement", "release", "letter",
                             "post", "message", "notice", "declaration"})
MEDIA_WORDS = frozenset({"report", "newspaper", "media", "outlet", "channel", "radio",
                         "broadcaster", "site", "station", "daily", "paper"})


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


SPEECH_POS = ("VERB", "AUX")


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


def subject_of(verb: Token, index: DocIndex) -> Token | None:
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


NO_SPEAKER = {
    "speaker": "", "speaker_start": None, "speaker_end": None, "speaker_name": "",
    "speaker_name_start": None, "speaker_name_end": None, "speaker_label": "",
    "speaker_category": "unattributed",
}
