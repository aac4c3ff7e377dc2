"""Row heights fitted to a table's longest text: no sentence or provenance cut at a row's edge."""

from __future__ import annotations

import pandas as pd

from lib.ui import editing
from lib.ui.evidence import MEANING_WIDTH
from lib.ui.row_fit import (
    AUTO_PX,
    HEADER_PX,
    LINE_PX,
    MOST_LINES,
    PAD_PX,
    WRAP_PX,
    count_lines,
    fit_row_height,
    fit_table_height,
)

LONG = (
    "“In light of the ongoing threats by the occupation army to large neighborhoods of Gaza City and demanding "
    "their evacuation, and the massacres, killings and displacement it is carrying out, brother Ismail Haniyeh, "
    "head of the political bureau of the Hamas movement, made urgent contacts with the mediator brothers, "
    "warning of the repercussions.”"
)
"""A sentence of 318 characters, the kind the role ledger cut after three lines."""


def test_a_line_holds_what_the_width_allows_and_wraps_at_words() -> None:
    assert count_lines("Hamas", 75) == 1
    assert count_lines("word " * 30, MEANING_WIDTH) == 2  # 150 characters, 75 a line
    assert count_lines("a" * 10 + " " + "b" * 70, MEANING_WIDTH) == 2  # the long word moves to a line of its own
    assert count_lines("first line\nsecond line", MEANING_WIDTH) == 2


def test_the_longest_sentence_sets_every_row_and_shows_whole() -> None:
    frame = pd.DataFrame({"sentence": ["Gallant spoke.", LONG, None], "outlet": ["x" * 400, "y", "z"]})
    lines = count_lines(LONG, MEANING_WIDTH)
    assert lines == 5
    assert fit_row_height(frame, {"sentence": MEANING_WIDTH}) == PAD_PX + LINE_PX * lines
    assert fit_row_height(frame.head(1), {"sentence": MEANING_WIDTH}) is None  # one line: the grid's own height
    assert fit_row_height(frame.head(1), {"sentence": MEANING_WIDTH}, least=90) == 90
    assert fit_row_height(frame, {"missing": MEANING_WIDTH}) is None


def test_two_lines_still_get_a_row_the_grid_wraps_in() -> None:
    frame = pd.DataFrame({"sentence": ["word " * 20]})
    assert fit_row_height(frame, {"sentence": MEANING_WIDTH}) == WRAP_PX


def test_a_runaway_cell_stops_growing_the_rows() -> None:
    frame = pd.DataFrame({"sentence": ["word " * 2000]})
    assert fit_row_height(frame, {"sentence": MEANING_WIDTH}) == PAD_PX + LINE_PX * MOST_LINES


def test_named_widths_count_as_streamlits_pixels() -> None:
    frame = pd.DataFrame({"title": ["word " * 20]})
    assert fit_row_height(frame, {"title": "small"}) > fit_row_height(frame, {"title": "large"})


def test_the_metadata_editor_shows_the_longest_provenance_whole() -> None:
    provenance = 'text: app store "Get the Ynetnews app on your smartphone" (line 3 of the page)'
    rows = pd.DataFrame({"outlet_source": ["unknown", provenance], "published_source": ["unknown"] * 2,
                         "author_source": ["unknown"] * 2, "title_source": ["unknown"] * 2, "title": ["A", "B"]})
    lines = count_lines(provenance, editing.SOURCE_PX)
    assert lines >= 5
    assert editing.fit_editor_rows(rows) == PAD_PX + LINE_PX * lines
    assert editing.fit_editor_rows(rows.iloc[[0]]) == WRAP_PX


def test_a_table_of_tall_rows_shows_four_of_them_at_once() -> None:
    assert fit_table_height(500, None) == "auto"
    assert fit_table_height(2, 180) == HEADER_PX + 2 * 181 + 3  # every row, no empty space below
    assert fit_table_height(8, 180) == HEADER_PX + 8 * 181 + 3  # a small table shows all its rows
    assert fit_table_height(500, 180) == HEADER_PX + 4 * 181 + 3
    assert fit_table_height(500, 70) == AUTO_PX  # short rows: Streamlit's own height holds more than four


def draw_tables() -> None:
    """Two evidence tables and a wrapped table, as the views draw them (an AppTest script)."""
    import pandas as pd

    from lib.ui.evidence import show_evidence, show_wrapped_table

    long = "word " * 100
    show_evidence(pd.DataFrame({"doc_id": ["d1", "d2"], "sent_index": [0, 1], "sentence": ["Short.", long]}),
                  key="long", meaning="sentence")
    show_evidence(pd.DataFrame({"doc_id": ["d1"], "sent_index": [0], "sentence": ["Short."]}), key="short",
                  meaning="sentence")
    show_wrapped_table(pd.DataFrame({"field": ["outlet"], "source": [long]}), key="wrapped", widths={"source": 420})


def test_the_tables_drawn_get_rows_as_tall_as_their_longest_text() -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(draw_tables).run()
    assert not app.exception
    heights = [element.proto.row_height for element in app.main if type(element).__name__ == "Dataframe"]
    long = "word " * 100
    assert heights == [
        PAD_PX + LINE_PX * count_lines(long, MEANING_WIDTH),
        0,  # one line: the grid's own height
        PAD_PX + LINE_PX * count_lines(long, 420),
    ]
