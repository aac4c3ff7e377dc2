"""Titles and roles given to people: compound titles and appositives, as the article writes them."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import entities_of, entity_at, sentence_index, text_of
from lib.nlp.person_words import is_title_only

EXTRACTOR_VERSION = "3"

MAX_TITLE_TOKENS = 12
"""Longer pre- or post-modifiers are clauses, not titles."""

ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
"""Entity types that can name the body a title belongs to ("Hamas spokesman", "US envoy")."""

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "sir", "madam", "dame"})
"""Forms of address, not titles: "Mr. Smith" gives no role."""

_COMPOUND_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "prep", "pobj", "det"})
_LEADING_DROP_DEPS = frozenset({"det", "predet", "cc", "punct", "preconj"})
_STOP_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc", "appos"})

SPELLING_VARIANTS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "labour": "labor",
    "honour": "honor",
    "harbour": "harbor",
    "counsellor": "counselor",
    "councillor": "councilor",
    "centre": "center",
    "programme": "program",
    "judgement": "judgment",
}
"""British spellings mapped to one form so "Defence Minister" and "Defense Minister" compare."""

_ISATION = re.compile(r"(?<=[a-z]{3})is(ation|ations|e|ed|er|ers)\b")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-"})
_LEADING_WORDS = re.compile(r"^(?:(?:the|a|an|his|her|its|their|our)\s+)+")


def normalise_title(title: str) -> str:
    """Return a lower-cased, spelling-normalised title for comparing titles across outlets."""
    text = title.translate(_APOSTROPHES).lower()
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", text)  # u.s. -> us.
    text = re.sub(r"\b([a-z]{1,3})\.(?=\s|$|')", r"\1", text)
    text = text.replace("-", " ")
    words = [SPELLING_VARIANTS.get(word, word) for word in text.split()]
    text = " ".join(_ISATION.sub(r"iz\1", word) for word in words)
    return _LEADING_WORDS.sub("", text).strip()


def normalise_org(org: str) -> str:
    """Return an organisation or country for comparing: "U.S." -> "us", "Israel's" -> "israel"."""
    text = org.translate(_APOSTROPHES).lower().replace(".", "")
    text = re.sub(r"'s?$", "", text)
    return _LEADING_WORDS.sub("", text).strip()


def _ent_of(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    return entity_at(token.doc, token.i)


def _is_within(token: Token, ent: Span) -> bool:
    return ent.start <= token.i < ent.end


def _attaches_to(token: Token, ent: Span, *, limit: int) -> bool:
    """True if following heads from a token left of the person reaches the person first."""
    current = token
    for _ in range(limit):
        if current.head.i == current.i or current.head.i < ent.sent.start:
            return False
        current = current.head
        if _is_within(current, ent):
            return True
        if current.i > ent.start:
            return False
    return False


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners, possessive pronouns and punctuation, and trailing punctuation."""
    while tokens and (tokens[0].dep_ in _LEADING_DROP_DEPS or tokens[0].tag_ == "PRP$" or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _is_wordlike(token: Token) -> bool:
    return not (token.like_url or token.like_email) and (
        any(char.isalpha() for char in token.text) or token.text in {"&", "-", "'", "’"}
    )


def _has_title_word(tokens: list[Token]) -> bool:
    """A title needs a noun of its own: "American Edan Alexander" or "Mr. Smith" give no title."""
    if all(token.lower_.rstrip(".") in HONORIFICS for token in tokens if not token.is_punct):
        return False
    if not all(_is_wordlike(token) for token in tokens if not token.is_space):
        return False
    return any(token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in ORG_LABELS | {"PERSON"} for token in tokens)


def find_compound_title(ent: Span) -> list[Token]:
    """Return the title tokens written right before a person ("Defense Minister Yoav Gallant")."""
    tokens: list[Token] = []
    index = ent.start - 1
    while index >= ent.sent.start and len(tokens) < MAX_TITLE_TOKENS:
        token = ent.doc[index]
        if token.ent_type_ == "PERSON" or token.text in _STOP_PUNCT:
            break
        joined = _is_word_hyphen(token) and bool(tokens)
        if not joined and (token.dep_ not in _COMPOUND_DEPS or not _attaches_to(token, ent, limit=8)):
            break
        tokens.insert(0, token)
        index -= 1
    while tokens and _is_word_hyphen(tokens[0]):
        tokens = tokens[2:]  # the word's first half was not part of the title: drop the rest of it
    tokens = _trim(tokens)
    return tokens if _has_title_word(tokens) else []


def _is_word_hyphen(token: Token) -> bool:
    """A hyphen inside a word ("Secretary-General"), which the parser may attach anywhere."""
    doc = token.doc
    return (
        token.text in {"-", "‐", "‑"} and not token.whitespace_ and token.i > 0
        and not doc[token.i - 1].whitespace_
    )  # fmt: skip


def _clause_cut(tokens: list[Token], head: Token) -> list[Token]:
    kept: list[Token] = []
    for token in tokens:
        if token.text in _STOP_PUNCT or (token.i != head.i and token.dep_ in _CLAUSE_DEPS):
            break
        kept.append(token)
    return kept[:MAX_TITLE_TOKENS]


def _title_head_ok(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and _ent_of(token) is None


def find_appositive_title(ent: Span) -> list[Token]:
    """Return an appositive title: "Israel's Defence Minister, Yoav Gallant" or "X, a commander"."""
    root = ent.root
    head = root.head
    if root.dep_ == "appos" and head.i < ent.start and _title_head_ok(head):
        between = ent.doc[head.i + 1 : ent.start]
        if all(token.is_punct for token in between):
            left = [token for token in head.subtree if token.i <= head.i]
            return _trim(left) if _has_title_word(_trim(left)) else []
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end and _title_head_ok(child):
            between = ent.doc[ent.end : child.left_edge.i]
            if not all(token.is_punct for token in between):
                continue
            tokens = _clause_cut(sorted(child.subtree, key=lambda t: t.i), child)
            tokens = _trim(tokens)
            if _has_title_word(tokens):
                return tokens
    return []


def _is_title_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.pos_ == "PROPN" and not token.ent_type_


def _is_part_of_title(ent: Span, tokens: list[Token]) -> bool:
    """True for "Defense" in "Defense Minister" or "State" in "Secretary of State"."""
    if len(ent) > 1 or ent.text.isupper():
        return False
    nearby = [t for t in tokens if t.i != ent.start and abs(t.i - ent.start) <= 2]
    return any(_is_title_word(token) for token in nearby)


def _org_text(first: Token, last: Token) -> str:
    doc = first.doc
    text = text_of(doc)[first.idx : last.idx + len(last.text)]
    if last.i + 1 < len(doc) and doc[last.i + 1].tag_ == "POS" and last.dep_ == "poss":
        text += doc[last.i + 1].text
    text = text.translate(_APOSTROPHES)
    if re.fullmatch(r"(?:[A-Z]\.){2,}", text):
        text = text.replace(".", "")  # "U.S." -> "US"
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def find_org(tokens: list[Token]) -> str | None:
    """Return the organisation or country named inside a title, as written ("Hamas", "Israel's")."""
    for token in tokens:
        ent = _ent_of(token)
        if ent is None or ent.label_ not in ORG_LABELS:
            continue
        if ent.label_ == "ORG" and _is_part_of_title(ent, tokens):
            continue
        return _org_text(ent[0], ent[-1])
    for token in tokens:
        if token.dep_ == "poss" and token.pos_ == "PROPN" and token.ent_type_ != "PERSON":
            return _org_text(token, token)
    return None


def _span_text(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _row(ent: Span, tokens: list[Token], *, doc_id: str, sent_index: int) -> dict[str, Any]:
    title = " ".join(_span_text(tokens).split())
    return {
        "doc_id": doc_id,
        "sent_index": sent_index,
        "start": ent.start_char,
        "end": ent.end_char,
        "person": ent.text,
        "title": title,
        "title_norm": normalise_title(title),
        "org": find_org(tokens),
    }


def extract_roles(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return one row per title given to a PERSON mention (compound title or appositive)."""
    rows: list[dict[str, Any]] = []
    for ent in entities_of(doc):
        if ent.label_ != "PERSON" or is_title_only(ent.text):
            continue  # "Master Sgt" tagged as a person is a rank, not a holder
        seen: set[str] = set()
        for tokens in (find_compound_title(ent), find_appositive_title(ent)):
            if not tokens:
                continue
            row = _row(ent, tokens, doc_id=doc_id, sent_index=sentence_index(doc, ent.start))
            if row["title_norm"] and row["title_norm"] not in seen:
                seen.add(row["title_norm"])
                rows.append(row)
    return rows


EXTRACTORS = {"roles": extract_roles}
