"""Missed mentions: once an entity is known in the corpus, every place an article writes one of
its names counts, not only where the model tagged it.

The pass tokenises the texts with spaCy's tokenizer alone (no tagger, parser or NER) and runs
one PhraseMatcher with every name of every entity; a match that overlaps a span the model
tagged (counted or not) is left alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import spacy
from spacy.attrs import IS_LOWER, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from lib.nlp.entities.junk import is_headline_line, line_of, load_fragments
from lib.nlp.entities.names import is_only_titles, load_titles
from lib.nlp.entities.rows import iter_rows, sorted_by

MATCHED = "matched"
"""The ``source`` of a mention found by this pass (the model's own are ``model``)."""


DOTTED_HYPHEN = r"(?<=[A-Za-z]\.)-(?=[A-Za-z])"
"""Also split "U.S.-brokered" at its hyphen, as the tokenizer already splits "US-brokered"."""


@lru_cache(maxsize=1)
def load_tokenizer() -> Tokenizer:
    """spaCy's English tokenizer alone (the rule-based one every English pipeline starts with)."""
    nlp = spacy.blank("en")
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, DOTTED_HYPHEN]).finditer
    return nlp.tokenizer


@dataclass(frozen=True)
class Forms:
    """Every name worth looking for, with the entities it may stand for."""

    entities: dict[str, frozenset[str]]
    people: frozenset[str]
    """Entities labelled PERSON: their one-word names are looked for only where they are named."""


def collect_forms(mentions: pd.DataFrame) -> Forms:
    """The counted names of every entity, without fragments and lone titles."""
    fragments = load_fragments()
    found: dict[str, set[str]] = defaultdict(set)
    for name, entity in iter_rows(mentions, ("name", "entity")):
        if len(name) < 2 or name.lower() in fragments or is_only_titles(name) or not any(c.isupper() for c in name):
            continue
        found[name].add(entity)
    people = frozenset(mentions.loc[mentions["entity_label"] == "PERSON", "entity"])
    return Forms({form: frozenset(entities) for form, entities in found.items()}, people)


def choose_entity(form: str, forms: Forms, named: set[str]) -> str | None:
    """The entity a name stands for in an article that names ``named``, or None when unsure."""
    candidates = forms.entities[form]
    here = [e for e in candidates if e in named]
    if len(here) == 1:
        return here[0]
    if len(candidates) != 1 or here:
        return None
    entity = next(iter(candidates))
    if entity in forms.people and len(form.split()) == 1:
        return None  # a one-word name of a person counts only where the person is named
    return entity


def is_glued(doc: Doc, span: Span) -> bool:
    """Whether a capitalised word runs on into the match ("George Washington University"),
    so the match is part of a longer name the model did not tag."""
    titles = load_titles()
    for index in (span.start - 1, span.end):
        if 0 <= index < len(doc):
            token = doc[index]
            if (token.is_title and token.is_alpha and not token.is_stop and not titles.is_title_word(token.text)
                    and not (index == span.start - 1 and token.is_sent_start)):
                return True
    return False


def find_missed(
    mentions: pd.DataFrame, spans: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame
) -> pd.DataFrame:
    """New mention rows for names of known entities that the model did not tag.

    ``mentions`` are the counted mentions (with ``name``, ``entity``, ``entity_label``),
    ``spans`` every span the model tagged (doc_id, start, end) and ``sentences`` the sentence
    table (doc_id, sent_index, start), used to place each new mention in its sentence.
    """
    forms = collect_forms(mentions)
    if not forms.entities:
        return pd.DataFrame(columns=["doc_id", "sent_index", "start", "end", "text", "entity"])
    tokenizer = load_tokenizer()
    matcher = PhraseMatcher(tokenizer.vocab, attr="ORTH")
    names = sorted(forms.entities)
    for name, pattern in zip(names, tokenizer.pipe(names), strict=True):
        matcher.add(name, [pattern])
    taken = occupied_spans(spans)
    named = mentions.groupby("doc_id")["entity"].agg(set).to_dict()
    starts = sentence_starts(sentences)
    rows = []
    for doc_id, text in texts.items():
        doc = tokenizer(text)
        cache: dict[str, frozenset[str]] = {}
        found = [doc[s:e] for _, s, e in matcher(doc)]
        for span in filter_spans(found):
            if overlaps(taken.get(doc_id, ([], [])), span.start_char, span.end_char) or (
                    is_glued(doc, span) and not (len(span) > 1 and is_headline_line(line_of(text, span.start_char)))):
                continue  # in a title-case line every word is capitalised: a known full name still counts
            form = span.text
            entity = choose_entity(form, forms, named.get(doc_id, set()))
            if entity is None or (len(span) == 1 and starts_sentence(starts.get(doc_id, []), span.start_char)
                                  and form.lower() in lower_words(doc, cache)):
                continue
            sent = sentence_of(starts.get(doc_id, []), span.start_char)
            rows.append((doc_id, sent, span.start_char, span.end_char, form, entity))
    return pd.DataFrame(rows, columns=["doc_id", "sent_index", "start", "end", "text", "entity"])


def occupied_spans(spans: pd.DataFrame) -> dict[str, tuple[list[int], list[int]]]:
    """Per article, the tagged spans' starts and ends, sorted by start."""
    by_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in iter_rows(spans, ("doc_id", "start", "end")):
        by_doc[str(doc_id)].append((int(start), int(end)))
    result = {}
    for doc_id, pairs in by_doc.items():
        pairs = sorted_by(pairs, [start for start, _ in pairs])
        result[doc_id] = ([start for start, _ in pairs], [end for _, end in pairs])
    return result


def overlaps(taken: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = taken
    position = bisect_right(starts, end - 1)
    return any(ends[i] > start for i in range(max(0, position - 8), position))


def sentence_starts(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Per article, (start, sent_index) of each sentence, in order."""
    result: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, sent_index in iter_rows(sentences, ("doc_id", "start", "sent_index")):
        result[str(doc_id)].append((int(start), int(sent_index)))
    for starts in result.values():
        starts.sort()
    return dict(result)


def sentence_of(starts: list[tuple[int, int]], char: int) -> int:
    position = bisect_right(starts, (char, 1 << 30)) - 1
    return starts[position][1] if position >= 0 else 0


def starts_sentence(starts: list[tuple[int, int]], char: int) -> bool:
    position = bisect_right(starts, (char, 1 << 30)) - 1
    return position >= 0 and starts[position][0] == char


def lower_words(doc: Doc, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    """The words an article writes in lower case (a name also written so is a common word)."""
    if "words" not in cache:
        rows = doc.to_array([ORTH, IS_LOWER])
        cache["words"] = frozenset(doc.vocab.strings[orth] for orth in set(rows[rows[:, 1] == 1, 0].tolist()))
    return cache["words"]
