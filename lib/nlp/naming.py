"""How an article names its actors: descriptors (appositives, copulas, titles, "the X group") and noun phrases."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import entities_of, entities_within, entity_at, sentence_index, tokens_where
from lib.nlp.quote_marks import QuoteSpan
from lib.nlp.quotes import direct_quotes, doc_index
from lib.nlp.speakers import GROUP_HEADS, ORG_LABELS, DocIndex, find_antecedent

EXTRACTOR_VERSION = "1"

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
ANAPHOR_DETERMINERS = frozenset({"the", "this", "that"})
PHRASE_SKIP_DEPS = frozenset({"det", "poss", "case", "predet", "nummod", "punct"})
_WORDLIKE = re.compile(r"^[A-Za-z][\w\s'\u2019.&-]*$")
_QUOTE_CHARS = str.maketrans("", "", "\"'\u2018\u2019\u201c\u201d")


def _entity_of(token: Token, doc: Doc) -> Span | None:
    if not token.ent_type_ or token.ent_type_ not in ACTOR_LABELS:
        return None
    return entity_at(doc, token.i)


def compact_descriptor(head: Token) -> Span:
    """Return a head noun with its left modifiers, without articles or possessors."""
    doc = head.doc
    mods = [c for c in head.lefts if c.dep_ in MODIFIER_DEPS]
    first = min((m.left_edge for m in mods), key=lambda t: t.i, default=head)
    while first.i < head.i and (first.dep_ in PHRASE_SKIP_DEPS or first.is_punct):
        first = doc[first.i + 1]
    return doc[first.i : head.i + 1]


def normalise_phrase(span: Span) -> str:
    """Lower-case a phrase and collapse its whitespace."""
    return " ".join(span.text.lower().split())


def _row(doc_id: str, index: DocIndex, descriptor: Span, actor: Span, method: str,
         spans: list[QuoteSpan]) -> dict[str, Any]:
    start = descriptor.start_char
    return {
        "doc_id": doc_id, "sent_index": index.sent_index(start),
        "start": start, "end": descriptor.end_char,
        "descriptor": normalise_phrase(descriptor), "phrase": descriptor.text,
        "actor": actor.text, "actor_start": actor.start_char, "actor_end": actor.end_char,
        "actor_label": actor.label_, "method": method,
        "in_quote": any(span.mark_start <= start < span.mark_end for span in spans),
    }


def _is_descriptor_head(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and not token.ent_type_


def _appositive_pairs(doc: Doc) -> list[tuple[Token, Span, str]]:
    pairs: list[tuple[Token, Span, str]] = []
    for token in (doc[i] for i in tokens_where(doc, "dep", ("appos", "attr")).tolist()):
        if token.dep_ == "appos":
            for described, named in ((token.head, token), (token, token.head)):
                actor = _entity_of(named, doc)
                if actor is not None and _is_descriptor_head(described):
                    pairs.append((described, actor, "appositive"))
        elif token.dep_ == "attr" and token.head.lemma_ == "be" and _is_descriptor_head(token):
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            actor = _entity_of(subject, doc) if subject is not None else None
            if actor is not None:
                pairs.append((token, actor, "copula"))
    return pairs


def _title_pairs(doc: Doc) -> list[tuple[Span, Span, str]]:
    """Titles written before a person's name: "Hamas spokesman Abdel Latif al-Qanua"."""
    pairs: list[tuple[Span, Span, str]] = []
    for ent in entities_of(doc):
        if ent.label_ != "PERSON" or ent.start == 0:
            continue
        inside = {t.i for t in ent}
        run: list[Token] = []
        token = doc[ent.start - 1]
        while token.dep_ == "compound" and (token.head.i in inside or token.head in run):
            run.insert(0, token)
            inside.add(token.i)
            if token.i == 0:
                break
            token = doc[token.i - 1]
        if run and not run[-1].ent_type_ and run[-1].pos_ in ("NOUN", "PROPN"):
            pairs.append((doc[run[0].i : run[-1].i + 1], ent, "title"))
    return pairs


def _is_anaphor(head: Token) -> bool:
    if head.lemma_.lower() not in GROUP_HEADS or head.tag_ not in ("NN", "NNP") or head.ent_type_:
        return False
    determiners = [c.lower_ for c in head.children if c.dep_ in ("det", "poss")]
    if determiners and determiners[0] not in ANAPHOR_DETERMINERS:
        return False
    mods = [c for c in head.lefts if c.dep_ in MODIFIER_DEPS]
    return any(not c.ent_type_ for c in mods) and not any(c.tag_ == "VBG" for c in mods)


def _quote_speakers(index: DocIndex) -> list[tuple[QuoteSpan, frozenset[str]]]:
    rows = direct_quotes(index.doc)
    return [
        (span, frozenset(name.lower().removeprefix("the ")
                         for name in (row["speaker_name"], row["speaker"]) if name))
        for span, row in zip(index.spans, rows, strict=True)
    ]


def _anaphor_pairs(doc: Doc, index: DocIndex) -> list[tuple[Span, Span, str]]:
    """Definite group noun phrases ("the terror group") given to the salient organisation.

    Inside a quote, the quote's own speaker is never the antecedent: a group does not call
    itself "the occupation army".
    """
    pairs: list[tuple[Span, Span, str]] = []
    speakers = _quote_speakers(index)
    for head in (doc[i] for i in tokens_where(doc, "lemma", GROUP_HEADS, fold_case=True).tolist()):
        if not _is_anaphor(head):
            continue
        descriptor = compact_descriptor(head)
        if any(t.tag_ in ("VBG", "VBN") for t in descriptor[:-1]):
            continue
        named = [ent for ent in entities_within(descriptor) if ent.label_ in ORG_LABELS]
        if named:
            rest = doc[named[-1].end : head.i + 1]
            pairs.append((rest, named[-1], "name modifier"))
            continue
        exclude = frozenset().union(*(names for span, names in speakers
                                      if span.mark_start <= head.idx < span.mark_end))
        actor = find_antecedent(doc, descriptor.start_char, labels=ORG_LABELS, index=index,
                                exclude=exclude)
        if actor is not None:
            pairs.append((descriptor, actor, "anaphor"))
    return pairs


def extract_descriptors(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return one row per descriptor attached to a named actor in ``doc``."""
    index = doc_index(doc)
    spans = index.spans
    rows = [
        _row(doc_id, index, compact_descriptor(head), actor, method, spans)
        for head, actor, method in _appositive_pairs(doc)
    ]
    for descriptor, actor, method in _title_pairs(doc) + _anaphor_pairs(doc, index):
        rows.append(_row(doc_id, index, descriptor, actor, method, spans))
    rows = [row for row in rows if _WORDLIKE.match(row["descriptor"]) and _WORDLIKE.match(
        " ".join(row["actor"].split()))]
    return sorted(rows, key=lambda row: row["start"])


def _phrase_tokens(chunk: Span) -> Span | None:
    doc = chunk.doc
    first = chunk.start
    while first < chunk.end and (
        doc[first].dep_ in PHRASE_SKIP_DEPS or doc[first].is_punct or doc[first].pos_ == "PRON"
        or doc[first].like_num
    ):
        first += 1
    span = doc[first : chunk.end]
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or "\n" in span.text:
        return None
    return span


def extract_noun_phrases(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return multi-word noun phrases (articles and possessors dropped, head lemmatised)."""
    rows: list[dict[str, Any]] = []
    for chunk in doc.noun_chunks:
        span = _phrase_tokens(chunk)
        if span is None:
            continue
        head = span[-1]
        words = [t.lower_ + t.whitespace_ for t in span[:-1]]
        phrase = "".join(words) + (head.lemma_.lower() if head.pos_ == "NOUN" else head.lower_)
        phrase = " ".join(phrase.translate(_QUOTE_CHARS).split())
        if " " not in phrase:
            continue
        rows.append({
            "doc_id": doc_id, "sent_index": sentence_index(doc, span.start),
            "start": span.start_char, "end": span.end_char, "phrase": phrase,
        })
    return rows


EXTRACTORS = {"descriptors": extract_descriptors, "noun_phrases": extract_noun_phrases}
