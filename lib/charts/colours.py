"""One colour per outlet and one per entity type, the same in every chart, tab, filter and upload.

The outlet map is made once per corpus from the shared corpus's outlets, most articles first (ties
by name), so filtering never changes it and a visitor's uploads only add colours after them. The
palette's colours go to the outlets with most articles; any further outlet, and articles whose
outlet is unknown, are grey.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from plotly.colors import qualitative

from lib.analysis.filters import is_upload
from lib.records import UNKNOWN_OUTLET_LABEL, label_word

OUTLET_PALETTE = (*qualitative.Safe[:-1], *qualitative.Dark2, *qualitative.Bold[:-1])
"""Distinct colours for outlets (the palettes' own greys left out)."""
UNKNOWN_GREY = "#9E9E9E"
OTHER_GREY = "#C7C7C7"
OTHER_OUTLETS = "other outlets"
TYPE_COLOURS = {
    "PERSON": "#4C78A8", "ORG": "#F58518", "GPE": "#54A24B", "NORP": "#B279A2",
    "LOC": "#72B7B2", "FAC": "#E45756", "EVENT": "#EECA3B", "LAW": "#9D755D",
    "WORK_OF_ART": "#FF9DA6", "PRODUCT": "#BAB0AC",
}  # fmt: skip
DEFAULT_TYPE_COLOUR = "#7F7F7F"


def rank_outlets(documents: pd.DataFrame) -> list[str]:
    """Known outlets, most articles first, ties by name: the order colours are given in."""
    outlets = documents["outlet"].fillna("").astype(str)
    counts = outlets[outlets.ne("")].value_counts()
    return sorted(counts.index, key=lambda name: (-counts[name], name))


def build_outlet_colours(shared: Iterable[str], added: Iterable[str] = ()) -> dict[str, str]:
    """{outlet: colour}: the shared corpus's outlets first, in the given order, then a visitor's."""
    colours: dict[str, str] = {UNKNOWN_OUTLET_LABEL: UNKNOWN_GREY, "": UNKNOWN_GREY, OTHER_OUTLETS: OTHER_GREY}
    for name in (*shared, *added):
        if name not in colours:
            used = len(colours) - 3
            colours[name] = OUTLET_PALETTE[used] if used < len(OUTLET_PALETTE) else OTHER_GREY
    return colours


def outlet_colour(colours: Mapping[str, str], outlet: str) -> str:
    """An outlet's colour in a corpus's map (grey for an outlet the map does not know)."""
    return colours.get(outlet, OTHER_GREY)


def type_colour(label: str) -> str:
    """The colour of an entity type (a spaCy label such as PERSON)."""
    return TYPE_COLOURS.get(label, DEFAULT_TYPE_COLOUR)


def corpus_outlet_colours(documents: pd.DataFrame) -> dict[str, str]:
    """The corpus's outlet map: shared outlets, then origins of copied texts, then the visitor's own."""
    uploaded = is_upload(documents)
    origins = documents.get("copy_origin", pd.Series(dtype=object)).dropna().astype(str)
    return build_outlet_colours(
        [*rank_outlets(documents[~uploaded]), *sorted(set(origins[origins.ne("")]))],
        rank_outlets(documents[uploaded]),
    )


def tint(colour: str, *, share: float) -> str:
    """The colour mixed with white (``share`` of white), so black text stays readable on it."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mixed = (round(value + (255 - value) * share) for value in (red, green, blue))
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def type_tints(*, share: float = 0.55) -> dict[str, str]:
    """Light backgrounds of the type colours, keyed as displaCy names the marks ("PERSON" -> "PERSON"
    under its word, upper case), so the Article reader marks each type in its chart colour."""
    return {label_word(code).upper(): tint(colour, share=share) for code, colour in TYPE_COLOURS.items()}


LEGEND_BESIDE_MOST = 8
"""Outlets a legend lists beside the plot; with more (or a long name), it goes under the plot."""
LEGEND_NAME_CHARS = 28
"""A name longer than this beside the plot would squeeze the bars."""
FIGURE_PX = 940
LEGEND_CHAR_PX, LEGEND_ITEM_PX, LEGEND_ROW_PX = 6.5, 40, 19


def place_outlet_legend(outlets: Sequence[str], *, figure_px: int = FIGURE_PX) -> tuple[dict[str, object], int]:
    """Where a chart's outlet legend goes, and the pixels it adds under the plot: beside the plot for
    a few short names, else in rows under it, so the plot keeps the figure's width."""
    names = [str(outlet) for outlet in outlets]
    if len(names) <= LEGEND_BESIDE_MOST and all(len(name) <= LEGEND_NAME_CHARS for name in names):
        return {"title": {"text": "Outlet"}}, 0
    widest = LEGEND_ITEM_PX + LEGEND_CHAR_PX * max(len(name) for name in names)
    rows = -(-len(names) // max(1, int(figure_px // widest)))  # Plotly lines entries up in columns of the widest
    legend = {"title": {"text": "Outlet", "side": "top"}, "orientation": "h", "x": 0, "xanchor": "left",
              "y": 0, "yanchor": "bottom", "yref": "container"}  # at the figure's foot, under the axis title
    return legend, LEGEND_ROW_PX * rows + 30
