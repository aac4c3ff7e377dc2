"""Registry of per-document extractors that run on each parsed Doc during the build.

An extractor is ``fn(doc: Doc, *, doc_id: str) -> list[dict]``. It runs once per article
while the spaCy Doc is alive and returns rows for one named table; every row carries
``doc_id`` and, where it belongs to a sentence, ``sent_index`` (the sentence's position in
``doc.sents``) and character offsets into the cleaned article text. Only work that needs the
parse belongs here. Tone and the cue and frame lexicons are measured on the sentence rows after
the parse (``lib.nlp.measures``), stamped with the lexicon files they used: editing a lexicon
never forces a re-parse (assembly and the view match the edited lexicon again); the concordance
searches the stored sentences at analysis time.

Each view module lists its extractors in a module-level ``EXTRACTORS`` dict
(table name -> function) and bumps its ``EXTRACTOR_VERSION`` when its output changes; the
version becomes part of the cache key.
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable, Collection
from types import ModuleType
from typing import Any, TypeVar

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LIKE_NUM,
    LOWER,
    POS,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span

CACHE_PREFIX = "news_framing_"
SENTENCES_KEY = "news_framing_sentences"
STARTS_KEY = "news_framing_sentence_starts"
TEXT_KEY = "news_framing_text"
ENTITIES_KEY = "news_framing_entities"
ENTITY_AT_KEY = "news_framing_entity_at"
ARRAY_KEY = "news_framing_token_array"
FOUND_KEY = "news_framing_found_tokens"

TOKEN_COLUMNS = {
    "lemma": LEMMA, "lower": LOWER, "pos": POS, "dep": DEP, "tag": TAG, "ent_type": ENT_TYPE,
    "idx": IDX, "length": LENGTH, "is_punct": IS_PUNCT, "is_space": IS_SPACE, "is_alpha": IS_ALPHA,
    "like_num": LIKE_NUM, "spacy": SPACY,
}
"""Token attributes read once per Doc into one array, so extractors can pick the few tokens
they look at without building a Python ``Token`` for every word of the article."""
_COLUMN_POSITION = {name: position for position, name in enumerate(TOKEN_COLUMNS)}

Extractor = Callable[..., list[dict[str, Any]]]
T = TypeVar("T")

EXTRACTOR_MODULES = ("lib.nlp.roles", "lib.nlp.quotes", "lib.nlp.naming", "lib.nlp.events", "lib.nlp.figures")


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in EXTRACTOR_MODULES]


def load_extractors() -> dict[str, Extractor]:
    """Return every registered extractor, keyed by the table it fills."""
    extractors: dict[str, Extractor] = {}
    for module in _modules():
        for table, function in getattr(module, "EXTRACTORS", {}).items():
            if table in extractors:
                raise ValueError(f"two extractors write table {table!r}")
            extractors[table] = function
    return extractors


def describe_extractors() -> str:
    """Return a string naming every extractor module and version, for the cache key."""
    parts = [
        f"{module.__name__}={getattr(module, 'EXTRACTOR_VERSION', '0')}"
        for module in _modules()
    ]
    return ";".join(parts)


def per_doc(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """A value computed once per Doc and kept in its ``user_data`` (until ``forget``)."""
    cached = doc.user_data.get(key)
    if cached is None:
        cached = compute()
        doc.user_data[key] = cached
    return cached


def text_of(doc: Doc) -> str:
    """The Doc's text, built once per Doc (``doc.text`` joins every token on each access)."""
    return per_doc(doc, TEXT_KEY, lambda: doc.text)


def sentences_of(doc: Doc) -> list[Span]:
    """The Doc's sentences, computed once per Doc (``doc.sents`` and ``token.sent`` rescan the Doc)."""
    return per_doc(doc, SENTENCES_KEY, lambda: list(doc.sents))


def sentence_index(doc: Doc, token_i: int) -> int:
    """Position in ``sentences_of(doc)`` of the sentence holding token ``token_i``."""
    starts = per_doc(doc, STARTS_KEY, lambda: [sent.start for sent in sentences_of(doc)])
    return bisect_right(starts, token_i) - 1


def entities_of(doc: Doc) -> list[Span]:
    """The Doc's entity spans, built once per Doc (``doc.ents`` makes new spans on each access)."""
    return per_doc(doc, ENTITIES_KEY, lambda: list(doc.ents))


def entities_within(span: Span) -> list[Span]:
    """The entity spans lying wholly inside ``span`` (``span.ents``, from the Doc's cached list)."""
    return [ent for ent in entities_of(span.doc) if span.start <= ent.start and ent.end <= span.end]


def entity_at(doc: Doc, token_i: int) -> Span | None:
    """The entity span holding token ``token_i``, or None."""
    return per_doc(doc, ENTITY_AT_KEY, lambda: _entity_lookup(doc))[token_i]


def _entity_lookup(doc: Doc) -> list[Span | None]:
    lookup: list[Span | None] = [None] * len(doc)
    for ent in entities_of(doc):
        lookup[ent.start : ent.end] = [ent] * (ent.end - ent.start)
    return lookup


def token_column(doc: Doc, name: str) -> np.ndarray:
    """One attribute of every token (a key of ``TOKEN_COLUMNS``) as an array."""
    array = per_doc(
        doc, ARRAY_KEY,
        lambda: doc.to_array(list(TOKEN_COLUMNS.values())).reshape(len(doc), len(TOKEN_COLUMNS)),
    )
    return array[:, _COLUMN_POSITION[name]]


_MATCHES: dict[tuple[str, object, bool], dict[int, bool]] = {}
"""Per query, whether a string hash matches it; hashes are the same in every Doc, so each
distinct word is looked up once per process, not once per article."""
MAX_KNOWN_HASHES = 200_000
"""Bound on the memo of one query, so a build of millions of articles stays in bounded memory."""


def tokens_where(
    doc: Doc, name: str, values: Collection[str] | Callable[[str], bool], *, fold_case: bool = False
) -> np.ndarray:
    """Ascending indices of the tokens whose attribute ``name`` (as text) is one of ``values``.

    ``values`` may instead be a test of the text (a function). ``fold_case`` compares the
    attribute lower-cased (``token.lemma_.lower() in values``).
    """
    query = (name, values if callable(values) else frozenset(values), fold_case)
    found = per_doc(doc, FOUND_KEY, dict)
    if query not in found:
        found[query] = _find_tokens(doc, query)
    return found[query]


def _find_tokens(doc: Doc, query: tuple[str, object, bool]) -> np.ndarray:
    name, values, fold_case = query
    column = token_column(doc, name)
    test = values if callable(values) else values.__contains__
    known = _MATCHES.setdefault(query, {})
    if len(known) > MAX_KNOWN_HASHES:
        known.clear()
    strings = doc.vocab.strings
    wanted = []
    for value in np.unique(column).tolist():
        matches = known.get(value)
        if matches is None:
            text = strings[value]
            matches = known[value] = bool(test(text.lower() if fold_case else text))
        if matches:
            wanted.append(value)
    return np.flatnonzero(np.isin(column, wanted)) if wanted else np.empty(0, dtype=np.intp)


_LOWER_LEMMAS: dict[int, str] = {}
_STRINGS: dict[int, str] = {}


def string_of(doc: Doc, value: int) -> str:
    """The string of a hash from a token column (``token.lower_`` of its ``lower``), looked up
    once per process."""
    text = _STRINGS.get(value)
    if text is None:
        if len(_STRINGS) > MAX_KNOWN_HASHES:
            _STRINGS.clear()
        text = _STRINGS[value] = doc.vocab.strings[value]
    return text


def content_lemmas(doc: Doc) -> list[str | None]:
    """Each token's lower-cased lemma, None for punctuation and white space."""
    if len(_LOWER_LEMMAS) > MAX_KNOWN_HASHES:
        _LOWER_LEMMAS.clear()
    strings = doc.vocab.strings
    lemmas = []
    skip = (token_column(doc, "is_punct") | token_column(doc, "is_space")).tolist()
    for value, skipped in zip(token_column(doc, "lemma").tolist(), skip, strict=True):
        if skipped:
            lemmas.append(None)
            continue
        lemma = _LOWER_LEMMAS.get(value)
        if lemma is None:
            lemma = _LOWER_LEMMAS[value] = strings[value].lower()
        lemmas.append(lemma)
    return lemmas


def tokens_before(doc: Doc, char: int) -> int:
    """How many tokens end at or before character ``char`` (the tokens of ``text[:char]``)."""
    ends = token_column(doc, "idx") + token_column(doc, "length")
    return int(np.searchsorted(ends, char, side="right"))


def forget(doc: Doc) -> None:
    """Drop the per-Doc caches, so the Doc (which they point back to) is freed at once."""
    for key in [key for key in doc.user_data if isinstance(key, str) and key.startswith(CACHE_PREFIX)]:
        del doc.user_data[key]


def run_extractors(
    doc: Doc, *, doc_id: str, extractors: dict[str, Extractor]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Run every extractor on one Doc; return rows per table and the errors of those that failed.

    A failing extractor loses only its own rows for this article: the parse and every other
    table still go through, and the error is reported with the article.
    """
    rows: dict[str, list[dict[str, Any]]] = {}
    errors: dict[str, str] = {}
    for table, function in extractors.items():
        try:
            rows[table] = function(doc, doc_id=doc_id)
        except Exception as error:  # noqa: BLE001 - one extractor's bug must not stop the build
            rows[table] = []
            errors[table] = f"{type(error).__name__}: {error}"
    return rows, errors
