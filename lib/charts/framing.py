"""Plotly figures of the source framing view: terms, naming, speakers, cues, frames, tone, concordance."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.charts.colours import build_outlet_colours, corpus_outlet_colours, outlet_colour
from lib.store.corpus import Corpus

TOO_LITTLE = "too little text"
GREY = "#BBBBBB"
ROW_HEIGHT = 24
MANY_OUTLETS = 8
"""More outlets than this get one-line, tilted column labels."""


def colours_of(corpus: Corpus) -> dict[str, str]:
    """The corpus's one outlet colour map (lib.charts.colours), as every view uses it."""
    return corpus_outlet_colours(corpus.documents)


def _colours(outlets: Sequence[str], colours: Mapping[str, str] | None) -> dict[str, str]:
    known = colours or build_outlet_colours(sorted(set(outlets)))
    return {name: outlet_colour(known, name) for name in outlets}


def outlet_axis_label(outlet: str, n: int, unit: str, *, enough: bool = True) -> str:
    """An outlet's axis label carrying its n, and a warning when n is too small."""
    label = f"{outlet}<br><sub>n={n:,} {unit}</sub>"
    return label if enough else f"{label}<br><sub>⚠ {TOO_LITTLE}</sub>"


def _empty_figure(message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper",
                          yref="paper", font={"size": 14})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(height=200, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return figure


def _pivot(table: pd.DataFrame, *, rows: str, value: str, order: list[str]) -> pd.DataFrame:
    row_order = list(dict.fromkeys(table[rows]))
    pivot = table.pivot_table(index=rows, columns="outlet", values=value, aggfunc="sum")
    return pivot.reindex(index=row_order, columns=order)


def compact_axis_label(outlet: str, n: int, *, enough: bool = True) -> str:
    """One line for an outlet's column when there are many: its n in brackets, ⚠ when too small."""
    return f"{outlet} ({n:,})" + ("" if enough else " ⚠")


def drop_empty(outlets: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Outlets with n > 0, and a note on how many with none are not drawn ("" when all are)."""
    kept = outlets[outlets["n"] > 0]
    gone = len(outlets) - len(kept)
    return kept, (f" · {gone:,} outlet{'s' if gone != 1 else ''} with none not drawn" if gone else "")


def _heatmap(values: pd.DataFrame, text: pd.DataFrame, outlets: pd.DataFrame, *, unit: str,
             colorscale: str = "Blues", value_format: str = "") -> go.Heatmap:
    """A rows x outlets heatmap; outlets with too little text are left blank (grey).

    Past ``MANY_OUTLETS`` columns each outlet's label is one line ("name (n)"), so tilted
    labels do not run into each other.
    """
    order = outlets["outlet"].tolist()
    many = len(order) > MANY_OUTLETS
    labels = [compact_axis_label(o, int(n), enough=bool(e)) if many else
              outlet_axis_label(o, int(n), unit, enough=bool(e))
              for o, n, e in zip(outlets["outlet"], outlets["n"], outlets["enough"], strict=True)]
    z = values.reindex(columns=order).astype(float).fillna(0.0)
    weak = [o for o, e in zip(order, outlets["enough"], strict=True) if not e]
    z.loc[:, weak] = np.nan
    rows = [str(r) for r in z.index]
    return go.Heatmap(
        z=z.to_numpy(), x=labels, y=rows, colorscale=colorscale,
        text=text.reindex(index=z.index, columns=order).fillna(0).to_numpy(),
        texttemplate="%{text" + value_format + "}",
        customdata=np.array([[[r, o] for o in order] for r in rows], dtype=object),
        hovertemplate="%{customdata[0]} · %{customdata[1]}<br>%{z:.3g}<extra></extra>",
        xgap=2, ygap=2,
    )


def tilt(figure: go.Figure, columns: int) -> None:
    """Tilt the outlets' labels by 45 degrees when there are many columns."""
    if columns > MANY_OUTLETS:
        figure.update_xaxes(tickangle=-45)


def build_naming_heatmap(table: pd.DataFrame, outlets: pd.DataFrame, *, actor: str) -> go.Figure:
    """Label x outlet counts for one actor, own voice and inside quotes as two panels.

    ``outlets`` (outlet, n, enough) gives every outlet's number of labels for the actor.
    """
    if table.empty:
        return _empty_figure(f"No descriptors or names found for {actor}.")
    outlets, dropped = drop_empty(outlets)
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=("in the outlet's own voice", "inside quotes"))
    order = outlets["outlet"].tolist()
    labels = list(dict.fromkeys(table["label"]))
    for col, voice in enumerate(("own voice", "in quote"), start=1):
        part = table[table["voice"] == voice]
        counts = _pivot(part, rows="label", value="count", order=order).reindex(labels)
        heat = _heatmap(counts.fillna(0), counts.fillna(0), outlets, unit="labels")
        heat.update(showscale=col == 2, name=voice, zmin=0, zmax=float(table["count"].max()))
        figure.add_trace(heat, row=1, col=col)
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=max(260, 140 + ROW_HEIGHT * len(labels)),
                         margin={"l": 10, "r": 10, "t": 90, "b": 10},
                         title=f"How each outlet names {actor}: each cell counts an outlet's uses of a label"
                               f"<br><sub>n labels under each outlet{dropped}</sub>")
    tilt(figure, len(order))
    return figure


def build_share_heatmap(table: pd.DataFrame, outlets: pd.DataFrame, *, rows: str,
                        unit: str, title: str) -> go.Figure:
    """Row x outlet shares (speakers or reporting verbs), percentages in the cells."""
    if table.empty:
        return _empty_figure("Nothing to show for this selection.")
    outlets, dropped = drop_empty(outlets)
    order = outlets["outlet"].tolist()
    shares = _pivot(table, rows=rows, value="share", order=order)
    figure = go.Figure(_heatmap(shares, 100 * shares, outlets, unit=unit, value_format=":.0f"))
    tilt(figure, len(order))
    title = title.replace("</sub>", f"{dropped}</sub>") if "</sub>" in title else title + dropped
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=max(260, 150 + ROW_HEIGHT * len(shares)), title=title,
                         margin={"l": 10, "r": 10, "t": 70, "b": 10})
    return figure


def build_lexicon_heatmap(summary: pd.DataFrame, *, title: str, order: Sequence[str] = ()
                          ) -> go.Figure:
    """Label x outlet hits per 1,000 words (cells show raw hits), n words on each column."""
    if summary.empty:
        return _empty_figure("Nothing to show for this selection.")
    outlets = summary.drop_duplicates("outlet")[["outlet", "n_words", "enough"]]
    outlets = outlets.rename(columns={"n_words": "n"})
    names = outlets["outlet"].tolist()
    rates = _pivot(summary, rows="label", value="per_1000", order=names)
    hits = _pivot(summary, rows="label", value="hits", order=names)
    if order:
        rates = rates.reindex([label for label in order if label in rates.index])
    figure = go.Figure(_heatmap(rates, hits, outlets, unit="words", colorscale="Oranges"))
    tilt(figure, len(names))
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=max(260, 120 + ROW_HEIGHT * len(rates)),
                         title=title, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return figure


def build_tone_figure(summary: pd.DataFrame, *, title: str, colours: Mapping[str, str] | None = None
                      ) -> go.Figure:
    """Mean VADER tone per outlet with a 95% interval; outlets with too few sentences get none."""
    if summary.empty:
        return _empty_figure("No sentences to score.")
    colours = _colours(summary["outlet"].tolist(), colours)
    figure = go.Figure()
    for row in summary.itertuples(index=False):
        label = outlet_axis_label(row.outlet, int(row.n_sentences), "sentences",
                                  enough=bool(row.enough))
        if not row.enough or row.n_sentences == 0:
            figure.add_trace(go.Scatter(x=[0], y=[label], mode="markers+text", name=row.outlet,
                                        marker={"symbol": "circle-open", "color": GREY},
                                        text=[TOO_LITTLE], textposition="middle right",
                                        showlegend=False))
            continue
        error = 1.96 * (row.se if isinstance(row.se, float) and not math.isnan(row.se) else 0.0)
        figure.add_trace(go.Scatter(
            x=[row.mean], y=[label], mode="markers", name=row.outlet, showlegend=False,
            marker={"size": 12, "color": colours[row.outlet]},
            error_x={"type": "data", "array": [error], "visible": True},
            customdata=[[row.outlet, row.negative, row.positive]],
            hovertemplate="%{customdata[0]}: mean %{x:.2f}<br>negative %{customdata[1]:.0%},"
                          " positive %{customdata[2]:.0%}<extra></extra>",
        ))
    figure.add_vline(x=0, line_color=GREY)
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(range=[-1, 1], title="mean VADER compound (−1 negative … +1 positive)")
    figure.update_layout(height=max(240, 90 + 50 * len(summary)), title=title,
                         margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return figure


def build_concordance_bars(counts: pd.DataFrame, *, query: str, colours: Mapping[str, str] | None = None
                           ) -> go.Figure:
    """Hits per 1,000 words for a search, one horizontal bar per outlet (most hits first), n words beside each."""
    if counts.empty:
        return _empty_figure("No outlets.")
    colours = _colours(counts["outlet"].tolist(), colours)
    silent = int((counts["hits"] == 0).sum())
    ordered = counts[counts["hits"] > 0].sort_values(["per_1000", "outlet"], ascending=[False, True])
    labels = [f"{o} <span style='font-size:10px'>({int(n):,} words)</span>"
              for o, n in zip(ordered["outlet"], ordered["n_words"], strict=True)]
    figure = go.Figure(go.Bar(
        y=labels, x=ordered["per_1000"].fillna(0), orientation="h",
        marker_color=[colours[o] for o in ordered["outlet"]],
        text=[f"{h:,} hit{'s' if h != 1 else ''} in {a:,} article{'s' if a != 1 else ''}"
              for h, a in zip(ordered["hits"], ordered["articles"], strict=True)],
        textposition="outside", cliponaxis=False,
        customdata=ordered["outlet"], hovertemplate="%{customdata}: %{x:.2f} per 1,000 words<extra></extra>",
    ))
    figure.update_xaxes(title="hits per 1,000 words", rangemode="tozero")
    figure.update_yaxes(autorange="reversed", automargin=True)
    total = int(counts["hits"].sum())
    figure.update_layout(height=max(260, 110 + 24 * len(ordered)),
                         title=f"“{query}”: each bar is an outlet's hits per 1,000 words"
                               f"<br><sub>{total:,} hits in all; n = the outlet's words"
                               f"{f'; {silent:,} outlets without a hit are not drawn' if silent else ''}</sub>",
                         margin={"l": 10, "r": 90, "t": 60, "b": 10})
    return figure


def picked_custom(selection: object) -> list | None:
    """customdata of the first clicked point of a Plotly selection event, if any."""
    points = getattr(selection, "points", None)
    if points is None and isinstance(selection, dict):
        points = selection.get("points")
    for point in points or []:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if custom:
            return list(custom)
    return None
