"""The shape of a line of a cleaned article: body text, or a headline, caption or link left in it.

Quotes and figures are read from body lines only. A line is judged by its shape, never by its
words: headlines, subheadlines and related-link titles end without sentence punctuation;
agency photo captions end with ", <Month> <day>, <year>."; the cleaner keeps one line per
paragraph, so the shape of the line is the shape of the paragraph. A hard-wrapped line (it
ends on a comma or a small word, or the next long line goes on in lower case) is body text.
"""

from __future__ import annotations

import re

BODY, HEADING, CAPTION = "body", "heading", "caption"

_TERMINAL = re.compile(r"[.!?\u2026:;][\"'\u201d\u2019\u00bb)\]]*\s*(?:\[\d+\])?\s*$")
"""A line ending in sentence punctuation (closing marks, brackets or a note number may follow)."""
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_CAPTION_END = re.compile(rf",\s+{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d{{2}}\.?\s*$")
"""The agency caption's closing place and date: "…, in Jerusalem, Jan. 15, 2025."."""
_WRAPPED_END = re.compile(
    r"(?:[,\u2013\u2014-]|\b(?:a|an|the|of|to|and|or|but|in|on|at|by|for|from|with|that|his|her|"
    r"its|their|our|is|are|was|were|has|have|had|will|would)|[\"\u201c])\s*$",
    re.IGNORECASE,
)
"""A line that stops mid-sentence: the text was wrapped, the sentence goes on below."""


def line_bounds(text: str, char: int) -> tuple[int, int]:
    """The start and end offsets of the line holding ``char``."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end == -1 else end


def _is_title_case(line: str) -> bool:
    """Most longer words capitalised: a headline ("‘Massacre’ of Suspected Gang Members Has …?")."""
    words = [word for word in re.findall(r"[^\W\d_][\w'’-]*", line) if len(word) > 3]
    return len(words) >= 4 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def line_kind(line: str, *, next_line: str = "") -> str:
    """"body", "heading" (no closing sentence punctuation, or in Title Case) or "caption" (an
    agency photo caption).

    ``next_line`` is the following non-empty line: when it goes on in lower case, this one
    was only wrapped.
    """
    stripped = line.strip()
    if not _TERMINAL.search(stripped):
        goes_on = next_line.strip()[:1].islower() and len(stripped) >= 40 and len(next_line.strip()) >= 30
        wrapped = _WRAPPED_END.search(stripped) or goes_on
        return BODY if wrapped else HEADING
    if _CAPTION_END.search(stripped):
        return CAPTION
    if _is_title_case(stripped) and len(stripped) < 200:
        return HEADING
    return BODY


def next_line(text: str, end: int) -> str:
    """The first non-empty line after offset ``end`` (the end of a line)."""
    rest = text[end : end + 400].lstrip()
    return rest.split("\n", 1)[0]


def is_body_at(text: str, char: int) -> bool:
    """Whether the line holding ``char`` is body text."""
    start, end = line_bounds(text, char)
    return line_kind(text[start:end], next_line=next_line(text, end)) == BODY
