"""Extractor of reported figures: numbers tied to what they count, who claims them, whom and over when."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from lib.nlp.extract import sentence_index, sentences_of, text_of, tokens_where
from lib.nlp.figure_kinds import adjacent_kind, classify_figure, governing_verb, load_kinds
from lib.nlp.line_shape import is_body_at
from lib.nlp.quotes import direct_quotes, doc_index
from lib.nlp.speakers import NO_SPEAKER, describe_speaker

EXTRACTOR_VERSION = "2"

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


def _joins_number(tokens: list[Token], end: int) -> bool:
    """"and" or a hyphen inside a number written in words ("two hundred and six", "twenty-thousand")."""
    following = tokens[end + 1].lower_ if end + 1 < len(tokens) else ""
    return tokens[end].lower_ in {"and", "-"} and (following in NUMBER_WORDS or following in SCALES)


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
            elif _joins_number(tokens, end):
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


_BETWEEN = frozenset({"more", "other", "others", "additional", "further", "extra", "new"})
"""Words between a number and its noun ("three million more people")."""


def counted_noun(head: Token) -> Token | None:
    """The noun a number counts ("253 people", "dozens of hostages", "three million more people")."""
    target = head.head
    if head.dep_ in {"nummod", "quantmod", "amod", "compound", "npadvmod"} and target.lower_ in _BETWEEN:
        if target.dep_ in {"amod", "advmod"} and target.head.pos_ in {"NOUN", "PROPN"}:
            return target.head
    if head.dep_ in {"nummod", "quantmod", "amod", "compound"} and target.pos_ in {"NOUN", "PROPN"}:
        return target
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject(noun: Token | None) -> str:
    """Who is counted, as the noun with its compound names ("Palestinians", "IDF soldiers")."""
    if noun is None or load_kinds().get("noun", noun.lemma_):
        return ""
    words = [t for t in noun.lefts if t.dep_ == "compound" and t.i > noun.i - 4] + [noun]
    return noun.doc[words[0].i:noun.i + 1].text


_SCOPE_DEPS = frozenset({"compound", "amod", "nmod"})


def find_scope(noun: Token | None) -> str:
    """Who is counted, with the words that narrow it ("remaining captives", "Israeli hostages",
    "six workers" → "workers"); "" when the number stands alone."""
    if noun is None:
        return ""
    kinds = load_kinds()
    words = [t for t in noun.lefts if t.dep_ in _SCOPE_DEPS and t.lower_ not in _BETWEEN
             and not t.like_num and not kinds.get("predicate", t.lower_) and t.i > noun.i - 5]
    return " ".join(token.text for token in [*words, noun])


def _span_text(token: Token) -> str:
    return token.doc[token.left_edge.i:token.right_edge.i + 1].text.strip(" ,;")


def find_holder_token(head: Token) -> Token | None:
    """The head of who the figure is attributed to: "according to X", or the subject of "X says"
    whose reported clause holds the figure ("the disaster claimed the lives of 14" claims nothing)."""
    lineage = [head, *head.ancestors]
    for token in head.sent:
        if token.lower_ == "according" and token.head in lineage:
            to = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if pobj is not None:
                return pobj
    below = head
    for ancestor in head.ancestors:
        reports = below.dep_ in ("ccomp", "parataxis", "xcomp") or ancestor.lemma_.lower() in ("estimate",)
        if ancestor.lemma_.lower() in REPORT_VERBS and reports:
            subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
        below = ancestor
    return None


def find_holder(head: Token) -> str:
    """Return who the figure is attributed to: "according to X", or the subject of X says."""
    token = find_holder_token(head)
    return _span_text(token) if token is not None else ""


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
    verb = governing_verb(noun if noun is not None else head)
    for owner in _clause_heads(verb, noun, head):
        for child in owner.children:
            modifier = _time_modifier(child)
            if modifier and modifier[0] == "windowed":
                return modifier
            if modifier and not found[1]:
                found = modifier
    return found


def _holder_columns(head: Token) -> dict[str, Any]:
    """The claim holder as written and, through the speaker rules, the person or body it names.

    A figure inside a direct quote with no holder of its own is claimed by the quote's speaker.
    """
    token = find_holder_token(head)
    index = doc_index(head.doc)
    if token is not None:
        speaker = describe_speaker(token, index=index)
        text = _span_text(token)
    else:
        speaker = next((row for row in direct_quotes(head.doc)
                        if row["body"] and row["start"] <= head.idx < row["end"]), NO_SPEAKER)
        text = speaker["speaker"]
    return {"holder": text, "holder_name": speaker["speaker_name"],
            "holder_name_start": speaker["speaker_name_start"],
            "holder_name_end": speaker["speaker_name_end"],
            "holder_category": speaker["speaker_category"] if text else ""}


def _figure_row(phrase: Span, *, doc_id: str, sent_index: int) -> dict[str, Any] | None:
    value = parse_number([t.text for t in phrase])
    if value is None or value <= 0:
        return None
    head = _phrase_head(phrase)
    noun = counted_noun(head)
    doc = phrase.doc
    following = doc[phrase.end] if phrase.end < phrase.sent.end else None
    kind = classify_figure(head, noun, following=following)
    if not kind:
        return None
    if adjacent_kind(following) and (noun is None or following.head.i != noun.i):
        noun = None  # "22,000 dead and widespread devastation": the dead are counted
    qualifier, first = _qualifier(phrase)
    window, window_text = find_window(head, noun)
    return {
        "doc_id": doc_id, "sent_index": sent_index,
        "start": doc[first].idx, "end": phrase.end_char,
        "text": doc[first:phrase.end].text, "value": float(value), "qualifier": qualifier,
        "kind": kind, "subject": _subject(noun), "scope": find_scope(noun), **_holder_columns(head),
        "window": window, "window_text": window_text, "sentence": phrase.sent.text.strip(),
    }


def extract_figures(doc: Doc, *, doc_id: str) -> list[dict[str, Any]]:
    """Return every number in the article's body tied to something it counts (killed, injured,
    hostages to be released, …); headlines, captions and related links hold no figures.

    Each row keeps the number's hedge (``qualifier``), who is counted (``subject``, and
    ``scope`` with the words that narrow it), the claim holder where stated (``holder``, and
    the person or body it names), and whether it is a running total (``window``
    "cumulative") or a count over a stated period ("windowed" + ``window_text``).
    """
    rows = []
    sentences = sentences_of(doc)
    text = text_of(doc)
    numbers = tokens_where(doc, "lower", _starts_number).tolist()
    for sent_index in sorted({sentence_index(doc, i) for i in numbers}):
        sent = sentences[sent_index]
        if not is_body_at(text, sent.start_char):
            continue
        for phrase in _number_phrases(sent):
            row = _figure_row(phrase, doc_id=doc_id, sent_index=sent_index)
            if row is not None:
                rows.append(row)
    return rows


EXTRACTORS = {"figures": extract_figures}
