"""Distinctive-terms figures: a labelled frequency-by-z scatter of two groups, and their strongest terms."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.analysis.comparison import Comparison, Side
from lib.charts.colours import OTHER_GREY, outlet_colour

Z_95 = 1.96
"""|z| beyond which a term leans to one group at the 95 % level (the dotted lines)."""
GREY = "#BBBBBB"
GROUP_COLOURS = ("#3E6FB0", "#C2572B")
"""Group A's and B's colours when a side is more than one outlet."""
MAX_POINTS = 800
"""Most points the scatter draws (the most used terms are kept; searched ones always)."""
MAX_LABELS = 70
PLOT_PX = (980, 430)
"""Rough size of the scatter's plotting area in pixels, to tell which labels would collide."""
CHAR_PX, LINE_PX = 6.2, 14.0
POSITIONS = {"top center": (0.0, 1.0), "bottom center": (0.0, -1.0), "middle right": (1.0, 0.0),
             "middle left": (-1.0, 0.0)}
"""Where a label may go around its point, in order of preference (direction in x and y)."""


@dataclass(frozen=True)
class Sides:
    """How the two groups are named and coloured in a figure, with their n."""

    a: str
    b: str
    colour_a: str
    colour_b: str
    n_a: str
    n_b: str


def side_colours(outlets_a: Sequence[str], outlets_b: Sequence[str], colours: Mapping[str, str]
                 ) -> tuple[str, str]:
    """A one-outlet side takes its outlet's colour from the corpus map; a group takes a group colour."""
    colour_a = outlet_colour(colours, outlets_a[0]) if len(outlets_a) == 1 else GROUP_COLOURS[0]
    colour_b = outlet_colour(colours, outlets_b[0]) if len(outlets_b) == 1 else GROUP_COLOURS[1]
    if colour_b in (colour_a, OTHER_GREY):
        colour_b = GROUP_COLOURS[1] if colour_a != GROUP_COLOURS[1] else GROUP_COLOURS[0]
    return colour_a, colour_b


def log_ticks(low: float, high: float) -> list[int]:
    """Tick values 1, 2, 5, 10, 20, 50 … covering [low, high], for a log axis that reads cleanly."""
    ticks = []
    for power in range(int(math.floor(math.log10(max(low, 1)))), int(math.log10(max(high, 1))) + 2):
        ticks += [step * 10**power for step in (1, 2, 5)]
    inside = [tick for tick in ticks if low / 1.5 <= tick <= high * 1.5]
    return inside or [1]


def _message(text: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=text, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                          font={"size": 14})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(height=200, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return figure


def point_colours(z: pd.Series, sides: Sides) -> list[str]:
    """A point is coloured by the side it leans to only when it passes |z| ≥ 1.96; grey otherwise."""
    return [sides.colour_a if v >= Z_95 else sides.colour_b if v <= -Z_95 else GREY for v in z]


def build_terms_scatter(terms: pd.DataFrame, sides: Sides, *, selected: str | None = None,
                        found: Sequence[str] = (), max_points: int = MAX_POINTS,
                        max_labels: int = MAX_LABELS) -> go.Figure:
    """Uses in both groups (x, log) against z (y), Scattertext-style: as many labels as fit.

    ``terms`` comes from ``lib.analysis.comparison.compare_groups``. Points carry (term, kind,
    count_a, count_b) in customdata so a click opens the term's sentences; ``found`` (a search)
    and ``selected`` are ringed and always labelled.
    """
    scored = terms[terms["z"].notna()]
    if scored.empty:
        return _message("No term to place: too little text on one side.")
    keep = set(found) | ({selected} if selected else set())
    drawn = pd.concat([scored.nlargest(max_points, "total"), scored[scored["term"].isin(keep)]])
    drawn = drawn.drop_duplicates(["term", "kind"])
    figure = go.Figure(go.Scatter(
        x=drawn["total"], y=drawn["z"], mode="markers", name="terms",
        marker={"color": point_colours(drawn["z"], sides), "size": 7, "opacity": 0.75},
        customdata=np.stack([drawn["term"], drawn["kind"], drawn["count_a"], drawn["count_b"]], axis=1),
        hovertemplate=(f"%{{customdata[0]}} (%{{customdata[1]}})<br>{sides.a}: %{{customdata[2]}} uses"
                       f"<br>{sides.b}: %{{customdata[3]}} uses<br>z = %{{y:.2f}}<extra></extra>"),
    ))
    labels = label_spots(drawn, keep=keep, max_labels=max_labels)
    figure.add_trace(go.Scatter(x=labels["total"], y=labels["z"], mode="text", text=labels["label"],
                                textposition=labels["position"], textfont={"size": 11, "color": "#333"},
                                hoverinfo="skip", showlegend=False, name="labels"))
    ring(figure, drawn[drawn["term"].isin(found)], colour="#E8A400", name="found")
    if selected:
        ring(figure, drawn[drawn["term"] == selected], colour="black", name="selected")
    style_scatter(figure, drawn, sides, labelled=len(labels), tested=len(scored))
    return figure


def ring(figure: go.Figure, rows: pd.DataFrame, *, colour: str, name: str) -> None:
    """Circle some points (search hits, the selected term) without taking their clicks."""
    if not rows.empty:
        figure.add_trace(go.Scatter(x=rows["total"], y=rows["z"], mode="markers", name=name,
                                    marker={"size": 15, "color": "rgba(0,0,0,0)",
                                            "line": {"width": 2, "color": colour}},
                                    hoverinfo="skip", showlegend=False))


def style_scatter(figure: go.Figure, drawn: pd.DataFrame, sides: Sides, *, labelled: int, tested: int) -> None:
    """Axes with clean log ticks, the ±1.96 lines, the sides named at the top and bottom, the title."""
    low, high = float(drawn["total"].min()), float(drawn["total"].max())
    ticks = log_ticks(low, high)
    figure.update_xaxes(type="log", tickvals=ticks, ticktext=[f"{t:,}" for t in ticks],
                        title="uses by the two groups together (log scale)")
    bottom, top = min(float(drawn["z"].min()), -Z_95), max(float(drawn["z"].max()), Z_95)
    figure.update_yaxes(title="z (log-odds ratio ÷ its standard error)", zeroline=True,
                        range=[bottom - 0.6, top + 0.6])
    for text, y, anchor in ((f"↑ leans to {sides.a}", 1.0, "top"), (f"↓ leans to {sides.b}", 0.0, "bottom")):
        figure.add_annotation(text=text, x=0.0, xref="paper", y=y, yref="paper", showarrow=False, xanchor="left",
                              yanchor=anchor, font={"size": 12, "color": "#555"}, bgcolor="rgba(255,255,255,0.8)")
    for level in (Z_95, -Z_95):
        figure.add_hline(y=level, line_dash="dot", line_color="#888",
                         annotation_text=f"z = {level:+.2f}", annotation_position="right",
                         annotation_font={"size": 10, "color": "#888"})
    passing = int((drawn["z"].abs() >= Z_95).sum())
    figure.update_layout(
        title={"text": f"Each dot is a term (lemma or noun phrase): {drawn_words(len(drawn), tested)}, "
                       f"{passing:,} past the dotted lines, {labelled:,} labelled"
                       f"<br><sub>{sides.a}: {sides.n_a} · {sides.b}: {sides.n_b}</sub>",
               "font": {"size": 15}},
        height=560, showlegend=False, margin={"l": 10, "r": 60, "t": 70, "b": 10},
    )


def drawn_words(drawn: int, tested: int) -> str:
    """How many of the tested terms the scatter draws, in words."""
    if drawn >= tested:
        return f"all {tested:,} terms used at least twice"
    return f"the {drawn:,} most used of {tested:,} terms"


def label_spots(drawn: pd.DataFrame, *, keep: set[str] = frozenset(), max_labels: int = MAX_LABELS,
                per_label: int = 2) -> pd.DataFrame:
    """Labels (total, z, label, position) for as many spots as fit without covering each other.

    Terms on one spot (same uses and z, common in small corpora) share a label: the ``per_label``
    most used names and "+N more". Spots holding a kept term come first, then by |z| and uses;
    each label tries four places around its point and is left out when none is free.
    """
    spots = drawn.assign(spot=drawn["z"].round(6), kept=drawn["term"].isin(keep))
    spots = spots.sort_values(["kept", "total"], ascending=False, kind="stable")
    grouped = spots.groupby(["total", "spot"], sort=False)
    table = grouped.agg(z=("z", "first"), names=("term", list), kept=("kept", "max")).reset_index()
    table["label"] = [", ".join(names[:per_label]) + (f" +{len(names) - per_label} more"
                                                      if len(names) > per_label else "") for names in table["names"]]
    table["rank"] = table["z"].abs() * np.log1p(table["total"])
    table = table.sort_values(["kept", "rank"], ascending=False, kind="stable")
    x, y = pixel_position(table, drawn)
    placed: list[tuple[float, float, float, float]] = []
    rows = []
    for (total, z, label, kept), px, py in zip(table[["total", "z", "label", "kept"]].itertuples(index=False),
                                              x, y, strict=True):
        if len(rows) >= max_labels and not kept:
            break
        position, box = free_place(px, py, len(label), placed)
        if position:
            placed.append(box)
            rows.append({"total": total, "z": z, "label": label, "position": position})
    return pd.DataFrame(rows, columns=["total", "z", "label", "position"])


def pixel_position(spots: pd.DataFrame, drawn: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Where spots sit on the plotting area in pixels (x on the log axis)."""
    low, high = np.log10(drawn["total"].min()), np.log10(drawn["total"].max())
    bottom, top = min(drawn["z"].min(), -Z_95), max(drawn["z"].max(), Z_95)
    x = (np.log10(spots["total"].to_numpy(dtype=float)) - low) / ((high - low) or 1.0) * PLOT_PX[0]
    y = (spots["z"].to_numpy(dtype=float) - bottom) / ((top - bottom) or 1.0) * PLOT_PX[1]
    return x, y


def free_place(x: float, y: float, chars: int, placed: list[tuple[float, float, float, float]]
               ) -> tuple[str | None, tuple[float, float, float, float]]:
    """The first place around a point where a label of ``chars`` characters covers no placed label
    and stays inside the plotting area; its box is (left, bottom, right, top)."""
    width, height = CHAR_PX * chars + 4, LINE_PX
    for position, (dx, dy) in POSITIONS.items():
        cx = x + dx * (width / 2 + 6)
        cy = y + dy * (height / 2 + 5)
        box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
        if box[0] < -20 or box[2] > PLOT_PX[0] + 40 or box[1] < -10 or box[3] > PLOT_PX[1] + 10:
            continue
        if all(box[2] <= p[0] or box[0] >= p[2] or box[3] <= p[1] or box[1] >= p[3] for p in placed):
            return position, box
    return None, (0.0, 0.0, 0.0, 0.0)


def build_strongest_bars(strong: pd.DataFrame, sides: Sides) -> go.Figure:
    """The strongest terms each way as z bars; only bars past ±1.96 are coloured.

    ``strong`` comes from ``lib.analysis.comparison.strongest_terms`` (side a above, b below).
    """
    if strong.empty:
        return _message("No scored term to rank.")
    ordered = strong.sort_values("z")
    colours = point_colours(ordered["z"], sides)
    passing = int(ordered["passes"].sum())
    figure = go.Figure(go.Bar(
        x=ordered["z"], y=ordered["term"], orientation="h", marker_color=colours, name="strongest",
        text=[f"{a} vs {b} uses" for a, b in zip(ordered["count_a"], ordered["count_b"], strict=True)],
        textposition="auto", textfont={"size": 10},
        customdata=np.stack([ordered["term"], ordered["kind"], ordered["count_a"], ordered["count_b"]], axis=1),
        hovertemplate="%{customdata[0]}: z = %{x:.2f}<extra></extra>",
    ))
    for level in (Z_95, -Z_95):
        figure.add_vline(x=level, line_dash="dot", line_color="#888")
    verdict = (f"{passing} of {len(ordered)} pass |z| ≥ {Z_95} (coloured)" if passing
               else f"none of the {len(ordered)} passes |z| ≥ {Z_95}: all grey")
    figure.update_layout(
        title={"text": f"Each bar is a term, strongest z each way<br><sub>{verdict}<br>right: {sides.a} "
                       f"({sides.n_a})<br>left: {sides.b} ({sides.n_b})</sub>", "font": {"size": 15}},
        height=max(320, 110 + 22 * len(ordered)), showlegend=False,
        margin={"l": 10, "r": 10, "t": 135, "b": 10},
    )
    reach = max(float(ordered["z"].abs().max()), Z_95 + 0.3) * 1.1
    figure.update_xaxes(title="z (dotted: ±1.96)", zeroline=True, range=[-reach, reach])
    figure.update_yaxes(automargin=True)
    return figure


def describe_sides(comparison: Comparison, colours: Mapping[str, str]) -> Sides:
    """Names, colours and n of a comparison's two groups, for the figures."""
    colour_a, colour_b = side_colours(comparison.a.outlets, comparison.b.outlets, colours)
    return Sides(comparison.a.label, comparison.b.label, colour_a, colour_b,
                 count_words(comparison.a), count_words(comparison.b))


def count_words(side: Side) -> str:
    """A side's n in words: "3 articles, 2,065 words"."""
    return f"{side.articles:,} article{'s' if side.articles != 1 else ''}, {side.words:,} words"
