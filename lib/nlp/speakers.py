"""Who speaks: a speaker's noun phrase, the person or organisation it names, its category, antecedents."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import (
    entities_of,
    entities_within,
    entity_at,
    per_doc,
    sentences_of,
    text_of,
    tokens_where,
)
from lib.nlp.person_words import is_person_word, is_title_only
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
AFFILIATION_LABELS = frozenset({"ORG", "GPE", "NORP"})
ANTECEDENT_WINDOW = 2
"""How many sentences back an anaphor ("the group", "he") may look for its antecedent."""
PERSON_PRONOUNS = frozenset({"he", "she"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl", "ccomp", "csubj", "prep"})
"""Links a participle or complement clause hangs from; its subject is the clause above's."""


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


def _is_rank(token: Token) -> bool:
    """A subject token that is only a title or rank ("Sgt" of "Master Sgt.")."""
    ent = entity_at(token.doc, token.i)
    return is_title_only(ent.text if ent is not None else token.text)


def subject_of(verb: Token, index: DocIndex) -> Token | None:
    """Return the subject of a reporting verb, climbing out of participle and complement clauses.

    A passive reporting verb's subject is what was said or who was told ("Chicago is called
    the windy city", "he was told"), so only its agent ("by X") speaks; a passive verb higher
    up speaks through its subject ("X was quoted as saying").

    Of two subjects ("said Master Sgt. Jesse Huneycutt" parsed as two), a title alone is never
    chosen; a relative pronoun ("rumors that claimed") stands for the noun it belongs to.
    """
    token = verb
    for _ in range(6):
        deps = ("nsubj",) if token is verb else ("nsubj", "nsubjpass")
        subjects = [c for c in token.children if c.dep_ in deps and not index.in_quote(c.idx)]
        if token is verb and not subjects:
            subjects = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        named = [c for c in subjects if not _is_rank(c)] or subjects
        if named:
            subject = min(named, key=lambda c: abs(c.i - token.i))
            if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return token.head
            return name_after_rank(subject) or subject
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def name_after_rank(token: Token) -> Token | None:
    """The name a title or rank is written before, when the parser split them
    ("said Master Sgt. | Jesse Huneycutt, …" parsed as two sentences)."""
    if not _is_rank(token):
        return None
    ent = entity_at(token.doc, token.i)
    after = ent.end if ent is not None else token.i + 1
    doc = token.doc
    while after < len(doc) and doc[after].text in (".", ",") and "\n" not in doc[after].whitespace_:
        after += 1
    name = entity_at(doc, after) if after < len(doc) else None
    if name is not None and name.start == after and name.label_ == "PERSON" and not is_title_only(name.text):
        return name.root
    return None


def main_subject(sent: Span) -> Token | None:
    """The subject of a sentence's main verb (or of its first coordinated verb that has one)."""
    root = sent.root
    for verb in (root, *(c for c in root.children if c.dep_ == "conj")):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        named = [c for c in subjects if not _is_rank(c)] or subjects
        if named:
            return named[0]
    return None


def _line_start(doc: Doc, char: int) -> int:
    return text_of(doc).rfind("\n", 0, char) + 1


def _phrase_of(token: Token) -> Span:
    """Return the noun phrase a token heads: left modifiers, its name, its "for/from/at/to …" phrase.

    The phrase never reaches past the token's line, so captions and headlines that the
    parser glued onto a sentence stay out of it. An entity the head belongs to is kept whole
    ("The National Oceanic and Atmospheric Administration", parsed as a coordination).
    """
    doc = token.doc
    right = token
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at", "in", "to"):
            right = child.right_edge
        elif child.dep_ in ("compound", "flat"):
            right = child.right_edge
    own = entity_at(doc, token.i)
    if own is not None and own[-1].i > right.i:
        right = own[-1]
    floor = _line_start(doc, token.idx)
    left = token.left_edge if own is None else doc[min(token.left_edge.i, own.start)]
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

    Resolves "the terror group" to the organisation named within ``window`` sentences before
    it. Salience adds up the name's mentions, halving per sentence back; a subject in an
    earlier sentence counts ``SUBJECT_WEIGHT`` times; ties go to the latest. Names in
    ``exclude`` (lower case, without "the") are never chosen.
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


SURNAMES_KEY = "news_framing_person_surnames"


def _surnames(doc: Doc) -> frozenset[str]:
    """The last words of the people the article names ("Gallant" of "Yoav Gallant")."""
    return per_doc(doc, SURNAMES_KEY, lambda: frozenset(
        ent[-1].text for ent in entities_of(doc) if ent.label_ == "PERSON" and len(ent) > 1))


def _person_like(token: Token) -> bool:
    """A person: a named person (or a surname the article gave in full before the model
    missed it), a title or a noun for a person ("the official")."""
    ent = entity_at(token.doc, token.i)
    if ent is not None:
        return ent.label_ == "PERSON" and not is_title_only(ent.text)
    if token.pos_ == "PROPN" and token.text in _surnames(token.doc):
        return True
    return is_person_word(token.lemma_.lower()) or is_person_word(token.lower_)


def _people_in(sent: Span) -> list[Span]:
    return [ent for ent in entities_within(sent) if ent.label_ == "PERSON" and not is_title_only(ent.text)]


def find_person_antecedent(token: Token, index: DocIndex, *, window: int = ANTECEDENT_WINDOW
                           ) -> Token | None:
    """The person "he" or "she" stands for: the main subject of the nearest earlier sentence.

    Going back sentence by sentence, a main subject that is a person ("Moatasem al-Namrouti",
    "the official") is the antecedent and "he"/"she" passes on to the sentence before. A
    sentence that names someone without making them its subject makes the pronoun ambiguous:
    no antecedent rather than a guess (an official's words are never given to the minister
    the official talked about).
    """
    here = index.sent_index(token.idx)
    for back in range(here - 1, max(here - 1 - window, -1), -1):
        sent = index.sents[back]
        subject = main_subject(sent)
        if subject is not None and subject.lower_ in PERSON_PRONOUNS:
            continue
        if subject is not None and _person_like(subject):
            return subject
        people = _people_in(sent)
        if subject is None and len(people) == 1:
            return people[0].root  # the parser lost the main subject; one person is named
        if people:
            return None
    return None


def _is_proper_name(head: Token) -> bool:
    """True when the head's entity is a proper name, not a common noun NER tagged ("health
    ministry"), so "the Hamas-run health ministry" is an institution tied to Hamas."""
    ent = entity_at(head.doc, head.i)
    return ent is not None and any(t.pos_ == "PROPN" for t in ent)


def _category(phrase: Span, head: Token, person: bool) -> str:
    words = {head.lower_, head.lemma_.lower()}
    words |= {t.lower_ for t in head.children if t.dep_ in ("compound", "amod")}
    lemma = head.lemma_.lower()
    if words & SPOKESPERSON_WORDS:
        return "spokesperson"
    if person:
        return "person"
    for category, lexicon in (("anonymous official", OFFICIAL_WORDS), ("statement", STATEMENT_WORDS),
                              ("media", MEDIA_WORDS)):
        if lemma in lexicon:
            return category
    if lemma in INSTITUTION_WORDS and not _is_proper_name(head):
        return "institution"
    if head.pos_ == "PRON":
        return "pronoun"
    if any(ent.label_ in NAMED_LABELS for ent in entities_within(phrase)):
        return "organisation"
    return "other"


def _person_described(phrase: Span, head: Token) -> Span | None:
    """The person a speaker phrase describes: its own name, or the name in apposition to it
    ("Israel's military chief of staff, Lt. Gen. Herzi Halevi"), never a person it is only
    related to ("the daughter of X")."""
    candidates = [entity_at(head.doc, head.i)]
    for child in head.children:
        if child.dep_ == "appos" or (child.dep_ == "poss" and head.lemma_.lower() in STATEMENT_WORDS | {"office"}):
            candidates += [entity_at(head.doc, t.i) for t in child.subtree]
    for ent in candidates:
        if ent is not None and ent.label_ == "PERSON" and not is_title_only(ent.text):
            return ent
    return None


def _own_entity(head: Token) -> Span | None:
    """The named organisation or place the phrase is ("The National Hurricane Center", "Hamas")."""
    ent = entity_at(head.doc, head.i)
    if ent is not None and ent.label_ in NAMED_LABELS and not is_title_only(ent.text):
        return ent if _is_proper_name(head) or ent.label_ != "ORG" else None
    if head.pos_ == "PROPN" and head.text[:1].isupper() and ent is None and not is_title_only(head.text):
        names = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        first = names[0] if names and names[-1].i == head.i - 1 else head
        while first.i < head.i and (is_title_only(first.text) or not first.text.isalpha()):
            first = head.doc[first.i + 1]
        return head.doc[first.i : head.i + 1]
    return None


def _affiliation(phrase: Span, head: Token) -> str:
    """An organisation or country named inside a role phrase ("a Hamas spokesman" → Hamas)."""
    for ent in entities_within(phrase):
        if ent.label_ in AFFILIATION_LABELS and not ent.start <= head.i < ent.end:
            return ent.text
    return ""


def _resolve_anaphor(head: Token, index: DocIndex) -> tuple[Token | Span | None, str]:
    """The antecedent of "he"/"she" (a person's token) or of "the group" (an organisation)."""
    if head.lower_ in PERSON_PRONOUNS:
        return find_person_antecedent(head, index), "person"
    if head.lemma_.lower() in GROUP_HEADS | STATEMENT_WORDS and head.tag_ != "NNS":
        return find_antecedent(index.doc, head.idx, labels=ORG_LABELS, index=index), "org"
    return None, ""


def _span_columns(prefix: str, span: Span | None) -> dict[str, Any]:
    return {
        f"{prefix}": span.text if span is not None else "",
        f"{prefix}_start": span.start_char if span is not None else None,
        f"{prefix}_end": span.end_char if span is not None else None,
    }


def describe_speaker(head: Token, *, index: DocIndex, depth: int = 0) -> dict[str, Any]:
    """Return speaker columns for the noun phrase headed by ``head``.

    The speaker's name (``speaker_name``) is the person the phrase describes or the
    organisation it is; an organisation or country only mentioned inside a role phrase goes to
    ``speaker_org`` ("a Hamas spokesman": spokesperson, org Hamas). "He"/"she" take the
    person named as the subject just before; "the group" the organisation named before.
    """
    phrase = _phrase_of(head)
    named: Span | None = _person_described(phrase, head)
    if named is None and not (is_person_word(head.lemma_.lower()) and entity_at(head.doc, head.i) is None):
        named = _own_entity(head)
    is_person = named is not None and (named.label_ == "PERSON" or (
        named.label_ == "" and named[-1].text in _surnames(head.doc)))
    category = _category(phrase, head, is_person)
    if named is None:
        antecedent, kind = _resolve_anaphor(head, index) if depth == 0 else (None, "")
        if isinstance(antecedent, Token):
            inner = describe_speaker(antecedent, index=index, depth=1)
            return {**inner, **_span_columns("speaker", phrase)}
        if isinstance(antecedent, Span):
            named, category = antecedent, "organisation"
    if category in ("pronoun", "other") and named is not None:
        category = "person" if named.label_ == "PERSON" else "organisation"
    label = "PERSON" if is_person else (named.label_ if named is not None else "")
    return {
        **_span_columns("speaker", phrase),
        **_span_columns("speaker_name", named),
        "speaker_label": label,
        "speaker_category": category,
        "speaker_org": _affiliation(phrase, head) if named is None else "",
    }


NO_SPEAKER = {
    "speaker": "", "speaker_start": None, "speaker_end": None, "speaker_name": "",
    "speaker_name_start": None, "speaker_name_end": None, "speaker_label": "",
    "speaker_category": "unattributed", "speaker_org": "",
}
