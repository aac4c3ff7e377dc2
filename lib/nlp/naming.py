"""How an article names its actors: descriptors (appositives, copulas, titles, "the X group") and noun phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import (
    entities_of,
    entities_within,
    entity_at,
    sentence_index,
    string_of,
    text_of,
    token_column,
    tokens_where,
)
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


@dataclass(frozen=True)
class _PhraseTokens:
    """What noun phrases read of every token, as lists (no ``Token`` built per word)."""

    skip: list[bool]
    """Whether a token opening a phrase is dropped: an article, a possessor, a number, punctuation, a pronoun."""
    alpha: list[bool]
    lower: list[str]
    space: list[str]
    noun: list[bool]
    lemma: list[int]
    starts: list[int]
    ends: list[int]


def _phrase_tokens(doc: Doc) -> _PhraseTokens:
    skip = token_column(doc, "is_punct").astype(bool) | token_column(doc, "like_num").astype(bool)
    skip[tokens_where(doc, "dep", PHRASE_SKIP_DEPS)] = True
    skip[tokens_where(doc, "pos", ("PRON",))] = True
    nouns = np.zeros(len(doc), dtype=bool)
    nouns[tokens_where(doc, "pos", ("NOUN",))] = True  # a phrase's head is lemmatised if a noun
    starts = token_column(doc, "idx")
    return _PhraseTokens(
        skip=skip.tolist(), alpha=token_column(doc, "is_alpha").astype(bool).tolist(),
        lower=[string_of(doc, value) for value in token_column(doc, "lower").tolist()],
        space=[" " if space else "" for space in token_column(doc, "spacy").tolist()],
        noun=nouns.tolist(), lemma=token_column(doc, "lemma").tolist(),
        starts=starts.tolist(), ends=(starts + token_column(doc, "length")).tolist(),
    )


def _phrase_text(doc: Doc, tokens: _PhraseTokens, first: int, end: int) -> str | None:
    """The phrase of a chunk's tokens ``first``..``end`` in lower case, its head lemmatised if a
    noun; None if fewer than two words or a line break."""
    if sum(tokens.alpha[first:end]) < 2 or "\n" in text_of(doc)[tokens.starts[first] : tokens.ends[end - 1]]:
        return None
    words = [word + space for word, space in zip(tokens.lower[first : end - 1], tokens.space[first : end - 1],
                                                 strict=True)]
    head = end - 1
    last = string_of(doc, tokens.lemma[head]).lower() if tokens.noun[head] else tokens.lower[head]
    return "".join(words) + last


def extract_noun_phrases(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return multi-word noun phrases (articles and possessors dropped, head lemmatised)."""
    rows: list[dict[str, Any]] = []
    tokens = _phrase_tokens(doc)
    skip = tokens.skip
    for chunk in doc.noun_chunks:
        first, end = chunk.start, chunk.end
        while first < end and skip[first]:
            first += 1
        phrase = _phrase_text(doc, tokens, first, end) if first < end else None
        if phrase is None:
            continue
        phrase = " ".join(phrase.translate(_QUOTE_CHARS).split())
        if " " not in phrase:
            continue
        rows.append({
            "doc_id": doc_id, "sent_index": sentence_index(doc, first),
            "start": tokens.starts[first], "end": tokens.ends[end - 1], "phrase": phrase,
        })
    return rows


EXTRACTORS = {"descriptors": extract_descriptors, "noun_phrases": extract_noun_phrases}
