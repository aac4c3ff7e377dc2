"""Data values inside Markdown: shown as the characters they are, never as links, images or headings.

Streamlit renders st.markdown, st.caption, st.info, st.subheader and widget labels as Markdown
(with its own extensions: colours, icons, emoji shortcodes, LaTeX). Every value that comes from
the data or the URL (outlet names, file names, terms, entity names, link values, notes) goes
through ``escape_markdown`` before it is put into such a string.
"""

from __future__ import annotations

import re
import string

PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
SPACE = re.compile(r"\s+")
MAX_CHARS = 300


def escape_markdown(value: object, *, limit: int = MAX_CHARS) -> str:
    """One line of plain text for a Markdown string: white space (line breaks included) folded to
    single spaces, every ASCII punctuation character backslash-escaped, at most ``limit`` characters."""
    text = SPACE.sub(" ", str(value)).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return PUNCTUATION.sub(r"\\\1", text)
