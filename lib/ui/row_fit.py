"""Row heights that show a table's longest text whole: every row of a Streamlit data grid has one
height, so the height is set by the cell that needs the most wrapped lines.

The grid draws text in a 14 px sans-serif font. In screenshots at 1440×900 a line of a sentence
held 85 characters in 504 px (5.9 px a character); ``CHAR_PX`` leaves room for wider letters and
for the word that wraps early at the end of each line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd

CHAR_PX = 6.6
"""Pixels a character takes, on the wide side of the grid's font."""
LINE_PX = 19
"""Pixels between two wrapped lines."""
PAD_PX = 12
"""Pixels above and below a cell's text."""
CELL_PAD_PX = 16
"""Pixels left and right of a cell's text."""
WRAP_PX = 68
"""The shortest row in which the grid wraps text (it wraps only in rows taller than 4rem, 64 px)."""
MOST_LINES = 16
"""A row never grows past this many lines (about 1,200 characters of a sentence); a cell longer
than that still opens whole when clicked, and its article is one link away."""
NAMED_PX = {"small": 75, "medium": 200, "large": 400}
"""Streamlit's named column widths, in pixels."""
CHECKED_CELLS = 40
"""Longest cells of a column whose wrapping is worked out word by word; the rest are shorter."""


def count_lines(text: str, width_px: int) -> int:
    """Lines ``text`` takes when wrapped at word boundaries in a cell ``width_px`` pixels wide."""
    per_line = max(4, int((width_px - CELL_PAD_PX) / CHAR_PX))
    if len(text) <= per_line and "\n" not in text:
        return 1
    return max(1, sum(len(textwrap.wrap(part, per_line)) or 1 for part in text.splitlines()))


def count_most_lines(values: pd.Series, width_px: int) -> int:
    """The most lines any of ``values`` takes in a column ``width_px`` pixels wide."""
    texts = values.dropna().astype(str)
    if texts.empty:
        return 1
    lengths = texts.str.len()
    longest = texts.loc[lengths.nlargest(CHECKED_CELLS).index]
    return max(count_lines(text, width_px) for text in longest)


def fit_row_height(frame: pd.DataFrame, widths: Mapping[str, int | str], *, least: int | None = None) -> int | None:
    """The row height (pixels) at which every cell of the ``widths`` columns shows its whole text,
    up to ``MOST_LINES`` lines; ``least`` pixels at least. None when every cell fits one line and
    no least is asked: the grid's own height."""
    lines = max((count_most_lines(frame[name], NAMED_PX.get(width, 200) if isinstance(width, str) else width)
                 for name, width in widths.items() if name in frame), default=1)
    if lines <= 1:
        return least
    height = max(WRAP_PX, PAD_PX + LINE_PX * min(lines, MOST_LINES))
    return max(height, least or 0)


HEADER_PX = 38
"""The grid's header row, with its border."""
ONE_LINE_PX = 35
"""The grid's own row height, for rows whose every cell fits one line."""
AUTO_PX = 400
"""Streamlit's own height for a long table: ten one-line rows and the header."""
TALL_ROWS_SHOWN = 4
"""Rows of wrapped text a long table shows at once (the rest scroll inside it)."""
SMALL_TABLE_ROWS = 8
"""A table of this many rows or fewer shows every one (an article's metadata, a story's outlets)."""


def fit_table_height(count: int, row_px: int | None) -> int | str:
    """A table's height for ``count`` rows ``row_px`` tall: Streamlit's own ("auto") for one-line
    rows; for taller rows every row of a small table, else four rows (never less than Streamlit's
    own 400 px) and the rest scroll."""
    if row_px is None:
        return "auto"
    whole = HEADER_PX + count * (row_px + 1) + 3
    if count <= SMALL_TABLE_ROWS:
        return whole
    return min(whole, max(AUTO_PX, HEADER_PX + TALL_ROWS_SHOWN * (row_px + 1) + 3))
