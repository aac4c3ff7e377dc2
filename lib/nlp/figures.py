"""Extractor of reported figures: numbers tied to what they count, who claims them and over when."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import sentence_index, sentences_of, tokens_where

EXTRACTOR_VERSION = "1"

KIND_NOUNS = {
    "hostage": "hostages", "captive": "hostages", "abductee": "hostages",
    "prisoner": "prisoners", "detainee": "prisoners",
    "rocket": "rockets", "missile": "rockets", "projectile": "rockets",
    "death": "killed", "fatality": "killed",
    "refugee": "displaced", "evacuee": "displaced",
}
"""Nouns that name what a number counts ("253 hostages")."""

KIND_VERBS = {
    "kill": "killed", "die": "killed", "massacre": "killed", "murder": "killed",
    "slay": "killed", "slaughter": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured",
    "abduct": "hostages", "kidnap": "hostages",
    "detain": "prisoners", "arrest": "prisoners", "imprison": "prisoners", "jail": "prisoners",
    "displace": "displaced", "uproot": "displaced", "flee": "displaced",
}
"""Verbs whose object (or passive subject) is what a number counts ("killing 1,200 people")."""

KIND_PREDICATES = {
    "dead": "killed", "killed": "killed", "injured": "injured", "wounded": "injured",
    "hostage": "hostages", "captive": "hostages", "displaced": "displaced",
    "homeless": "displaced",
}
"""Predicates that complete a verb ("left 27,000 dead", "taken hostage")."""

REPORT_VERBS = frozenset({
    "say", "report", "claim", "state", "announce", "estimate", "confirm", "allege",
    "believe", "tell", "note", "add", "insist",
})
QUALIFIERS = (
    "more than", "less than", "fewer than", "over", "under", "nearly", "almost", "about",
    "around", "approximately", "roughly", "some", "at least", "at most", "up to", "close to",
    "upwards of", "as many as", "an estimated", "only",
)
NUMBER_WORDS = {
    word: value for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    word: 10 * value for value, word in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
    )
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SKIPPED_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(words: list[str]) -> float | None:
    """Return the value of a number as written ("1,200", "2.3 million", "two hundred and six")."""
    total, current, seen = 0.0, 0.0, False
    for word in (w.lower() for w in words if w.lower() not in {"and", "-"}):
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALES and seen:
            if SCALES[word] == 100:
                current *= 100
            else:
                total, current = total + current * SCALES[word], 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number(token: Token) -> bool:
    text = token.lower_
    return bool(_DIGITS.match(text) or text in NUMBER_WORDS or (text in SCALES and token.i > 0))


def _starts_number(text: str) -> bool:
    """True for a word a number phrase can start with (a sentence without one has no figures)."""
    return bool(_DIGITS.match(text) or text in NUMBER_WORDS)


def _number_phrases(sent: Span) -> Iterator[Span]:
    """Yield runs of number tokens ("Two hundred and twenty-seven") outside dates and money."""
    tokens = list(sent)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not _is_number(token) or token.ent_type_ in SKIPPED_ENTITIES or token.lower_ in SCALES:
            index += 1
            continue
        end = index + 1
        while end < len(tokens):
            if _is_number(tokens[end]) and tokens[end].ent_type_ not in SKIPPED_ENTITIES:
                end += 1
            elif (tokens[end].lower_ in {"and", "-"} and end + 1 < len(tokens)
                  and tokens[end + 1].lower_ in NUMBER_WORDS):
                end += 2
            else:
                break
        yield sent.doc[token.i:tokens[end - 1].i + 1]
        index = end


def _qualifier(phrase: Span) -> tuple[str, int]:
    """Return the hedge before a number ("more than") and the token index where it starts."""
    doc = phrase.doc
    for qualifier in sorted(QUALIFIERS, key=len, reverse=True):
        size = len(qualifier.split())
        start = phrase.start - size
        if start >= phrase.sent.start and doc[start:phrase.start].text.lower() == qualifier:
            return qualifier, start
    return "", phrase.start


def _phrase_head(phrase: Span) -> Token:
    return next((t for t in phrase if t.head.i < phrase.start or t.head.i >= phrase.end), phrase.root)


def _counted_noun(head: Token) -> Token | None:
    if head.dep_ in {"nummod", "quantmod", "amod", "compound"} and head.head.pos_ in {"NOUN", "PROPN"}:
        return head.head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _governing_verb(token: Token) -> Token | None:
    """Climb from the counted phrase through coordination to the verb it is an argument of."""
    current = token
    while current.dep_ in {"conj", "appos"} and current.head.pos_ not in {"VERB", "AUX"}:
        current = current.head
    if current.dep_ in {"dobj", "nsubjpass", "nsubj", "attr", "oprd"} and current.head.pos_ in {"VERB", "AUX"}:
        return current.head
    return None


def _kind_of_verb(verb: Token, argument: Token) -> str:
    for child in verb.children:
        if child.dep_ in {"oprd", "acomp", "attr", "dobj", "xcomp"} and child.i != argument.i:
            kind = KIND_PREDICATES.get(child.lower_) or KIND_PREDICATES.get(child.lemma_.lower())
            if kind:
                return kind
    lemma = verb.lemma_.lower()
    if lemma not in KIND_VERBS:
        return ""
    active_subject = argument.dep_ == "nsubj" and verb.tag_ != "VBN" and lemma != "die"
    return "" if active_subject else KIND_VERBS[lemma]


def classify_figure(head: Token, noun: Token | None) -> str:
    """Return what a number counts (killed, injured, hostages, …) or "" if not a tracked kind."""
    if noun is not None and noun.lemma_.lower() in KIND_NOUNS:
        return KIND_NOUNS[noun.lemma_.lower()]
    for owner in (head, noun):
        for child in owner.children if owner is not None else ():
            if child.dep_ in {"acl", "amod", "relcl"}:
                kind = KIND_PREDICATES.get(child.lower_) or KIND_VERBS.get(child.lemma_.lower())
                if kind:
                    return kind
    argument = noun if noun is not None else head
    verb = _governing_verb(argument)
    return _kind_of_verb(verb, argument) if verb is not None else ""


def _subject(noun: Token | None) -> str:
    if noun is None or noun.lemma_.lower() in KIND_NOUNS:
        return ""
    words = [t for t in noun.lefts if t.dep_ == "compound" and t.i > noun.i - 4] + [noun]
    return noun.doc[words[0].i:noun.i + 1].text


def _span_text(token: Token) -> str:
    return token.doc[token.left_edge.i:token.right_edge.i + 1].text.strip(" ,;")


def find_holder(head: Token) -> str:
    """Return who the figure is attributed to: "according to X", or the subject of X says."""
    lineage = [head, *head.ancestors]
    for token in head.sent:
        if token.lower_ == "according" and token.head in lineage:
            to = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if pobj is not None:
                return _span_text(pobj)
    for ancestor in head.ancestors:
        if ancestor.lemma_.lower() in REPORT_VERBS:
            subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return _span_text(subject)
    return ""


def _clause_heads(verb: Token | None, noun: Token | None, head: Token) -> list[Token]:
    """The tokens whose time modifiers bound the count: the number, noun, verb and its frame."""
    heads = [head] + ([noun] if noun is not None else [])
    current, hops = verb, 0
    while current is not None and hops < 4:
        heads.append(current)
        heads += [c for c in current.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
        if current.dep_ in {"conj", "pcomp", "xcomp", "advcl", "relcl", "prep"}:
            current, hops = current.head, hops + 1
        else:
            break
    return heads


def _time_modifier(child: Token) -> tuple[str, str] | None:
    """Return ("windowed"|"cumulative", text) if this dependent bounds the count in time."""
    if child.dep_ == "prep":
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        if child.lower_ == "since":
            return "cumulative", _span_text(child)
        if child.lower_ == "during" or pobj.ent_type_ in {"DATE", "TIME"}:
            return "windowed", _span_text(child)
    elif child.lower_ == "since":
        return "cumulative", "since"
    elif child.ent_type_ in {"DATE", "TIME"} and child.dep_ in {"npadvmod", "nmod", "compound"}:
        return "windowed", _span_text(child)
    return None


def find_window(head: Token, noun: Token | None) -> tuple[str, str]:
    """Return ("windowed", "in the past two days") or ("cumulative", "since …" or "")."""
    found: tuple[str, str] = ("cumulative", "")
    verb = _governing_verb(noun if noun is not None else head)
    for owner in _clause_heads(verb, noun, head):
        for child in owner.children:
            modifier = _time_modifier(child)
            if modifier and modifier[0] == "windowed":
                return modifier
            if modifier and not found[1]:
                found = modifier
    return found


def _figure_row(phrase: Span, *, doc_id: str, sent_index: int) -> dict[str, Any] | None:
    value = parse_number([t.text for t in phrase])
    if value is None or value <= 0:
        return None
    head = _phrase_head(phrase)
    noun = _counted_noun(head)
    kind = classify_figure(head, noun)
    if not kind:
        return None
    qualifier, first = _qualifier(phrase)
    window, window_text = find_window(head, noun)
    doc = phrase.doc
    return {
        "doc_id": doc_id, "sent_index": sent_index,
        "start": doc[first].idx, "end": phrase.end_char,
        "text": doc[first:phrase.end].text, "value": float(value), "qualifier": qualifier,
        "kind": kind, "subject": _subject(noun), "holder": find_holder(head),
        "window": window, "window_text": window_text, "sentence": phrase.sent.text.strip(),
    }


def extract_figures(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return every number tied to something it counts (killed, injured, hostages, …).

    Each row keeps the number's hedge (``qualifier``), the people it counts (``subject``),
    the claim holder where stated (``holder``), and whether it is a running total
    (``window`` "cumulative") or a count over a stated period ("windowed" + ``window_text``).
    """
    rows = []
    sentences = sentences_of(doc)
    numbers = tokens_where(doc, "lower", _starts_number).tolist()
    for sent_index in sorted({sentence_index(doc, i) for i in numbers}):
        sent = sentences[sent_index]
        for phrase in _number_phrases(sent):
            row = _figure_row(phrase, doc_id=doc_id, sent_index=sent_index)
            if row is not None:
                rows.append(row)
    return rows


EXTRACTORS = {"figures": extract_figures}
