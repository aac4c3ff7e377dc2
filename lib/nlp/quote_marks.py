"""Finding quoted passages in text: paired double quotes across paragraphs, then single quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUOTE_CHARS = 4000


_DOUBLE_MARKS = re.compile(r"''|[\u201c\u201d\u201e\u00ab\u00bb\"]")
_OPENING = frozenset({"\u201c", "\u201e", "\u00ab"})
_CLOSING = frozenset({"\u201d", "\u00bb"})
_SINGLE_QUOTE = re.compile(
    r"(?<![\w'\u2019])['\u2018](?=\w)([^\n'\u2018]*?[\w.,!?])['\u2019](?![\w'])"
)
_PARAGRAPH_OPENING = re.compile(r"[^\S\n]*\n\s*(''|[\u201c\u201e\u00ab\"])")
_WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-'\u2019]\w+)*")


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: ``start``/``end`` bound the words, ``mark_*`` include the marks."""

    start: int
    end: int
    mark_start: int
    mark_end: int
    balanced: bool = True


def count_words(text: str) -> int:
    """Return the number of words in a string (hyphenated words count once)."""
    return len(_WORD.findall(text))


def _mark_role(text: str, pos: int, mark: str) -> str:
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if before.isspace() or before in "([{\u2014\u2013-:/":
        return "close" if after.isspace() or after == "" else "open"
    if before in ",;" and after.isalnum():
        return "either"  # 'She says,"We are …' opens; '"We won,"he said' closes
    return "close"


def _next_paragraph_opens(text: str, pos: int) -> int | None:
    """Return the position of an opening mark that starts the paragraph after ``pos``."""
    match = _PARAGRAPH_OPENING.match(text, pos)
    return match.start(1) if match else None


def _make_span(text: str, mark_start: int, width: int, close: int, close_width: int
               ) -> QuoteSpan | None:
    start, end = mark_start + width, close
    inner = text[start:end]
    start += len(inner) - len(inner.lstrip())
    end -= len(inner) - len(inner.rstrip(" \t\n\r\xa0,;:"))
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return QuoteSpan(start, end, mark_start, close + close_width, close_width > 0)


class _DoubleQuoteScanner:
    """Pairs double quotation marks left to right, tolerating unbalanced ones."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[QuoteSpan] = []
        self.open_at: tuple[int, int] | None = None
        self.scan_from = 0

    def _emit(self, close: int, close_width: int) -> None:
        assert self.open_at is not None
        span = _make_span(self.text, self.open_at[0], self.open_at[1], close, close_width)
        if span is not None:
            self.spans.append(span)
        self.open_at = None

    def _cross_paragraphs(self, pos: int, role: str) -> bool:
        """Handle an open quote that ran past a line end; True if the mark is consumed."""
        para_end = self.text.find("\n", self.scan_from, pos)
        while self.open_at is not None and para_end != -1:
            resume = _next_paragraph_opens(self.text, para_end)
            if resume is None or resume > pos:
                self._emit(para_end, 0)
                return False
            if resume == pos:
                self.scan_from = pos + 1
                return role == "open"
            self.scan_from = resume + 1
            para_end = self.text.find("\n", self.scan_from, pos)
        return False

    def feed(self, pos: int, mark: str, role: str) -> None:
        """Take the next quotation mark (its position, text and open/close role)."""
        if role == "either":
            role = "close" if self.open_at is not None else "open"
        if self.open_at is not None and self._cross_paragraphs(pos, role):
            return
        if self.open_at is None:
            if role == "open":
                self.open_at, self.scan_from = (pos, len(mark)), pos
        elif role == "close" or pos - self.open_at[0] > MAX_QUOTE_CHARS:
            self._emit(pos, len(mark))
        else:
            self._emit(pos, 0)
            self.open_at, self.scan_from = (pos, len(mark)), pos

    def finish(self) -> list[QuoteSpan]:
        """Close what is still open at the end of its paragraph and return every span."""
        if self.open_at is not None:
            self._cross_paragraphs(len(self.text), "close")
        if self.open_at is not None:
            para_end = self.text.find("\n", self.scan_from)
            self._emit(len(self.text) if para_end == -1 else para_end, 0)
        return self.spans


def find_double_quotes(text: str) -> list[QuoteSpan]:
    """Return double-quoted passages, joining multi-paragraph quotes and closing stray ones.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quotation mark (the newspaper convention); otherwise it is closed at the paragraph end
    and marked unbalanced. A closing mark with nothing open is ignored.
    """
    scanner = _DoubleQuoteScanner(text)
    for match in _DOUBLE_MARKS.finditer(text):
        scanner.feed(match.start(), match.group(), _mark_role(text, match.start(), match.group()))
    return scanner.finish()


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return every quoted passage: double quotes, then single quotes outside them."""
    spans = find_double_quotes(text)
    covered = [(span.mark_start, span.mark_end) for span in spans]
    for match in _SINGLE_QUOTE.finditer(text):
        if "''" in match.group():
            continue
        if any(a <= match.start() < b for a, b in covered):
            continue
        spans.append(QuoteSpan(match.start(1), match.end(1), match.start(), match.end()))
    return sorted(spans, key=lambda span: span.start)


_OPENING_MARKS = re.compile(r"^(?:''|[\u201c\u201e\u00ab\"])\s*")


def split_paragraphs(text: str, span: QuoteSpan) -> list[QuoteSpan]:
    """A quotation running over several paragraphs as one piece per paragraph.

    Each piece's ``mark_*`` bound its paragraph's part of the quotation (the opening mark a
    newspaper repeats at each new paragraph included); a one-paragraph quote is returned as is.
    """
    inner = text[span.start : span.end]
    if "\n" not in inner:
        return [span]
    pieces: list[QuoteSpan] = []
    offset = span.start
    for part in inner.split("\n"):
        start, end = offset, offset + len(part)
        offset = end + 1
        mark = _OPENING_MARKS.match(part.strip())
        lead = len(part) - len(part.lstrip()) + (mark.end() if mark else 0)
        words_start, words_end = start + lead, start + len(part.rstrip())
        if words_end <= words_start or not any(ch.isalnum() for ch in text[words_start:words_end]):
            continue
        pieces.append(QuoteSpan(words_start, words_end, start + len(part) - len(part.lstrip()),
                                words_end, span.balanced))
    if pieces:
        first, last = pieces[0], pieces[-1]
        pieces[0] = QuoteSpan(first.start, first.end, span.mark_start, first.mark_end, span.balanced)
        pieces[-1] = QuoteSpan(last.start, last.end, pieces[-1].mark_start, span.mark_end, span.balanced)
    return pieces
