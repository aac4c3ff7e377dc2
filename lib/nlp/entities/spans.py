"""Names the model cut short, made whole from the text around them before anything is counted:
a unit's ordinal ("82nd" of "82nd Combat Aviation Brigade"), the rest of a name cut after a small
word ("Internet Corporation for Assigned Names and" + "Numbers"), a hyphen's second half
("Coastal" of "Coastal-Promontory") and a proper word beside the span ("Suomi" of "Suomi NPP").

A proper word is capitalised, never written in lower case anywhere in the corpus, no title, day
or month, not at a sentence's start, not part of another tagged name, and on a line that is not
a title-case headline (where every word is capitalised). Each extension is recorded with its
reason; a tagged span inside a longer one joins it.
"""

from __future__ import annotations

import calendar
import re
from collections import namedtuple
from dataclasses import dataclass

import pandas as pd

from lib.nlp.entities.junk import is_headline_line, line_of, load_fragments
from lib.nlp.entities.names import CONNECTORS, TRAILING_CONNECTOR, fold, head_label, load_titles
from lib.nlp.entities.rows import sorted_by

ORDINAL_BEFORE = re.compile(r"(?<![\w-])(?:\d+-)?\d+(?:st|nd|rd|th)\s+$")
HYPHEN_AFTER = re.compile(r"-[A-Z\u00C0-\u00DE][\w’']*")
PROPER_WORD = re.compile(r"[A-Z\u00C0-\u00DE][\w’']*(?:-[A-Z\u00C0-\u00DE][\w’']*)*|[A-Z]\.")
MIXED_CASE = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
"""Words glued from two ("PHOTOSCyclone"): never taken into a name."""
CAPITAL_RUN = re.compile(r"(?:[ ](?:(?:of|and|for|the|on|in|&)[ ])*[A-Z\u00C0-\u00DE][\w’'.\-]*)+")
DATE_WORDS = frozenset(word.lower() for word in (*calendar.day_name, *calendar.month_name) if word)
CLITIC = re.compile(r"['’](?:[a-z]{1,2})?$")
"""A possessive or a contraction ("Florida's", "I'm"): the word is not part of the next name."""
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“(\[])\s*$")


@dataclass(frozen=True)
class Context:
    """What the extensions read: the article's text, its tagged spans and the corpus's words."""

    text: str
    spans: list[tuple[int, int, str]]
    lower_words: frozenset[str]
    known: frozenset[str]
    """Folded names the corpus tags on their own: a hyphen's second half that is one ("Arab-Israeli")
    joins two names, it does not finish one."""

    def headline(self, start: int) -> bool:
        return is_headline_line(line_of(self.text, start))

    def tagged(self, start: int, end: int, own: tuple[int, int]) -> str | None:
        """The label of another tagged span overlapping [start, end), if any."""
        for s, e, label in self.spans:
            if s < end and e > start and (s, e) != own:
                return label
        return None


def is_proper_word(word: str, context: Context) -> bool:
    """A capitalised word the corpus never writes in lower case, and no title, day or month."""
    if not PROPER_WORD.fullmatch(word) or MIXED_CASE.search(word) or word in ("I", "A") or CLITIC.search(word):
        return False
    bare = word.rstrip(".").lower()
    return (bare not in context.lower_words and bare not in load_fragments() and bare not in DATE_WORDS
            and bare not in CONNECTORS and not load_titles().is_title_word(word))


def extend_left(start: int, end: int, label: str, context: Context) -> int:
    """The new start after taking the proper words just before the span."""
    text = context.text
    while True:
        match = re.search(r"(?:^|(?<=[ \n]))(\S+) $", text[max(0, start - 40):start])
        if not match:
            return start
        word = match.group(1)
        at = start - len(word) - 1
        if (at <= 0 or SENTENCE_END.search(text[max(0, at - 3):at]) or not is_proper_word(word, context)
                or context.tagged(at, start - 1, (start, end)) or other_side_claims(at, label, context, (start, end))):
            return start
        start = at


def other_side_claims(at: int, label: str, context: Context, own: tuple[int, int]) -> bool:
    """Whether the tagged span just before the word could take it instead (a word between two
    names goes to neither, unless it is a given name before a person's surname)."""
    before = context.tagged(max(0, at - 2), at, own)
    return before is not None and label != "PERSON"


def extend_right(start: int, end: int, context: Context) -> int:
    """The new end after taking the proper words just after the span (not after a possessive)."""
    text = context.text
    while text[end - 1:end].isalnum() and not re.search(r"['’]s?$", text[start:end]):
        match = re.match(r" ([^\s,.;:)!?\]]+)", text[end:end + 40])
        if not match or not is_proper_word(match.group(1), context):
            return end
        after = end + 1 + len(match.group(1))
        if context.tagged(end, after + 2, (start, end)) is not None:
            return end
        end = after
    return end


def extend_span(start: int, end: int, label: str, context: Context) -> tuple[int, int, str]:
    """(start, end, why) of one tagged span made whole; why is "" when nothing changed."""
    text = context.text
    if context.headline(start):
        return start, end, ""
    raw = text[start:end]
    if TRAILING_CONNECTOR.search(raw):
        run = CAPITAL_RUN.match(text, end)
        if run and not TRAILING_CONNECTOR.search(run.group()):
            return start, run.end(), "the rest of a name cut after a small word"
    ordinal = ORDINAL_BEFORE.search(text[max(0, start - 20):start])
    if ordinal and head_label(raw):
        return start - len(ordinal.group()), end, "a unit's number before its name"
    hyphen = HYPHEN_AFTER.match(text, end)
    if hyphen and fold(hyphen.group()) not in context.known and not context.tagged(end, hyphen.end(), (start, end)):
        return start, hyphen.end(), "the second half of a hyphenated name"
    new_start = extend_left(start, end, label, context)
    new_end = extend_right(new_start, end, context)
    return new_start, new_end, "proper words beside the name" if (new_start, new_end) != (start, end) else ""


def extend_mentions(
    mentions: pd.DataFrame, texts: dict[str, str], lower_words: frozenset[str], known: frozenset[str]
) -> tuple[pd.DataFrame, list[tuple[object, ...]]]:
    """(the mentions with cut names made whole and spans inside them joined to them, a
    not-counted row (doc_id, sent_index, start, end, text, label, counted_as, reason) per change)."""
    rows, notes = [], []
    for doc_id, ordered in rows_by_article(mentions):
        spans = [(int(row.start), int(row.end), row.label) for row in ordered]
        context = Context(texts.get(str(doc_id), ""), spans, lower_words, known)
        extended = []
        for row in ordered:
            start, end, why = extend_span(int(row.start), int(row.end), str(row.label), context)
            extended.append((row, start, end, why))
        rows += join_inner(extended, context.text, notes)
    frame = pd.DataFrame(rows, columns=list(mentions.columns)) if rows else mentions.iloc[0:0]
    return frame, notes


def rows_by_article(mentions: pd.DataFrame) -> list[tuple[object, list]]:
    """(doc_id, its rows as named tuples sorted by start), articles in order of first appearance:
    one pass over plain lists (a pandas group per article costs more than the work on it)."""
    row_type = namedtuple("Row", list(mentions.columns), rename=True)
    columns = [mentions[name].tolist() for name in mentions.columns]
    by_doc: dict[object, list] = {}
    for values in zip(*columns, strict=True):
        row = row_type._make(values)
        by_doc.setdefault(row.doc_id, []).append(row)
    return [(doc_id, sorted_by(rows, [row.start for row in rows])) for doc_id, rows in by_doc.items()]


def join_inner(extended: list, text: str, notes: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The extended spans of one article; a span inside another's extension joins it."""
    kept = []
    for row, start, end, why in extended:
        outer = next((e for e in extended if e[3] and e[1] <= start and end <= e[2] and e[0] is not row), None)
        written = " ".join(str(row.text).split())
        if outer is not None:
            notes.append((row.doc_id, row.sent_index, int(row.start), int(row.end), written, str(row.label),
                          " ".join(text[outer[1]:outer[2]].split()), "extended: part of a longer name"))
            continue
        if why:
            notes.append((row.doc_id, row.sent_index, int(row.start), int(row.end), written, str(row.label),
                          " ".join(text[start:end].split()), f"extended: {why}"))
        kept.append(row._replace(start=start, end=end, text=text[start:end]) if why else row)
    return kept
