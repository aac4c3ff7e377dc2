"""Plotly figures of the source framing view: terms, naming, speakers, cues, frames, tone, concordance."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

MAX_POINTS = 400
"""Most points a terms scatter draws (the most frequent terms are kept)."""
TOO_LITTLE = "too little text"
GREY = "#BBBBBB"
ROW_HEIGHT = 24
Z_95 = 1.96
"""|z| beyond which a term is distinctive at the 95 % level (the scatter's dotted lines)."""


def outlet_colours(outlets: Sequence[str]) -> dict[str, str]:
    """A stable colour per outlet (sorted by name, as in the other views)."""
    ordered = sorted(set(outlets))
    return {name: qualitative.Safe[i % len(qualitative.Safe)] for i, name in enumerate(ordered)}


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


def build_terms_scatter(scored: pd.DataFrame, *, outlet: str, max_points: int = MAX_POINTS,
                        selected: str | None = None, label_top: int = 12) -> go.Figure:
    """Frequency (x, log) against distinctiveness z (y) for one outlet, Scattertext-style.

    Points carry (term, kind, count) in customdata so a click can open the term's sentences.
    Only the ``max_points`` most frequent terms are drawn; the ``label_top`` highest z and every
    |z| >= 1.96 are labelled, in a text trace of their own (see ``label_terms``).
    """
    rows = scored[scored["outlet"] == outlet]
    if rows.empty:
        return _empty_figure(f"No terms for {outlet}.")
    if not bool(rows["enough"].iloc[0]):
        return _empty_figure(f"{outlet}: {TOO_LITTLE} for distinctive terms "
                             f"(n={int(rows['n_words'].iloc[0]):,} words).")
    rows = rows.nlargest(max_points, "total")
    figure = go.Figure(go.Scatter(
        x=rows["total"], y=rows["z"], mode="markers",
        # Colour repeats z (the y axis), so no colour bar: it would only cost drawing time.
        marker={"color": rows["z"], "colorscale": "RdBu", "reversescale": True, "cmid": 0,
                "size": 8, "showscale": False},
        customdata=np.stack([rows["term"], rows["kind"], rows["count"]], axis=1),
        hovertemplate="%{customdata[0]} (%{customdata[1]})<br>in corpus: %{x}"
                      "<br>in outlet: %{customdata[2]}<br>z = %{y:.2f}<extra></extra>",
        name=outlet,
    ))
    labels = label_terms(rows, label_top=label_top)
    figure.add_trace(go.Scatter(x=labels["total"], y=labels["z"], mode="text", text=labels["label"],
                                textposition=place_labels(labels["total"], rows["total"]),
                                textfont={"size": 10}, hoverinfo="skip", showlegend=False, name="labels"))
    if selected is not None and selected in set(rows["term"]):
        chosen = rows[rows["term"] == selected]
        figure.add_trace(go.Scatter(x=chosen["total"], y=chosen["z"], mode="markers",
                                    marker={"size": 16, "color": "rgba(0,0,0,0)",
                                            "line": {"width": 2, "color": "black"}},
                                    hoverinfo="skip", showlegend=False, name="selected"))
    figure.add_hline(y=Z_95, line_dash="dot", line_color=GREY)
    figure.add_hline(y=-Z_95, line_dash="dot", line_color=GREY)
    figure.update_xaxes(type="log", title="frequency in the selection (log)")
    figure.update_yaxes(title=f"z-score: {outlet} vs the rest")
    figure.update_layout(height=480, showlegend=False, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return figure


def log_position(x: pd.Series, drawn: pd.Series) -> np.ndarray:
    """Where each x sits on the scatter's log axis, from 0 (the smallest drawn) to 1 (the largest)."""
    low, high = np.log10(drawn.min()), np.log10(drawn.max())
    return (np.log10(x.to_numpy(dtype=float)) - low) / ((high - low) or 1.0)


def place_labels(x: pd.Series, drawn: pd.Series) -> list[str]:
    """Text positions on a log x axis: labels near either edge lean inwards instead of being cut."""
    where = log_position(x, drawn)
    return ["top right" if w < 0.2 else "top left" if w > 0.8 else "top center" for w in where]


def label_terms(rows: pd.DataFrame, *, label_top: int = 12, per_label: int = 2) -> pd.DataFrame:
    """One label (total, z, label) per labelled spot of the scatter, none drawn over another.

    The ``label_top`` highest z and every |z| >= 1.96 are candidates. Terms with the same
    frequency and z sit on one spot (common in small corpora) and share one label: the
    ``per_label`` highest-z names and "+N more". Spots are then labelled in order of |z| and a
    label that would cover one already placed is left out (its point still names it on hover).
    """
    chosen = rows.nlargest(label_top, "z")["term"]
    picked = rows[rows["term"].isin(chosen) | (rows["z"].abs() >= Z_95)]
    picked = picked.assign(spot=picked["z"].round(6)).sort_values("z", ascending=False, kind="stable")
    grouped = picked.groupby(["total", "spot"], sort=False)
    labels = grouped.agg(z=("z", "first"), names=("term", list)).reset_index()
    labels["label"] = [", ".join(names[:per_label]) + (f" +{len(names) - per_label} more"
                                                       if len(names) > per_label else "")
                       for names in labels["names"]]
    labels = labels.iloc[np.argsort(-labels["z"].abs().to_numpy(), kind="stable")]
    keep = uncrowded(labels, rows)
    return labels[keep][["total", "z", "label"]].reset_index(drop=True)


PLOT_PX = (820, 400)
"""Rough size in pixels of the scatter's plotting area, to tell which labels would collide."""
CHAR_PX, LINE_PX = 5.5, 14


def uncrowded(labels: pd.DataFrame, drawn: pd.DataFrame) -> list[bool]:
    """Which labels, placed in the given order, cover no label placed before them."""
    bottom, top = min(drawn["z"].min(), -Z_95), max(drawn["z"].max(), Z_95)
    xs = log_position(labels["total"], drawn["total"]) * PLOT_PX[0]
    ys = (labels["z"].to_numpy(dtype=float) - bottom) / ((top - bottom) or 1.0) * PLOT_PX[1]
    widths = [CHAR_PX * len(text) + 4 for text in labels["label"]]
    placed: list[tuple[float, float, float]] = []
    keep = []
    for x, y, width in zip(xs, ys, widths, strict=True):
        clear = all(abs(x - px) * 2 >= width + pw or abs(y - py) >= LINE_PX for px, py, pw in placed)
        keep.append(clear)
        if clear:
            placed.append((x, y, width))
    return keep


def build_terms_bars(top: pd.DataFrame, outlets: pd.DataFrame, *, columns: int = 3) -> go.Figure:
    """Small multiples: each outlet's most distinctive terms as horizontal z bars.

    ``outlets`` (outlet, n_words, enough) lists every outlet; those with too little text get a
    panel that says so instead of bars.
    """
    if outlets.empty:
        return _empty_figure("No outlets.")
    names = outlets["outlet"].tolist()
    rows = math.ceil(len(names) / columns)
    titles = [f"{o}<br><sub>n={n:,} words</sub>" for o, n in zip(names, outlets["n_words"], strict=True)]
    figure = make_subplots(rows=rows, cols=min(columns, len(names)), subplot_titles=titles,
                           horizontal_spacing=0.18, vertical_spacing=0.12)
    colours = outlet_colours(names)
    for i, (outlet, enough) in enumerate(zip(names, outlets["enough"], strict=True)):
        row, col = i // columns + 1, i % columns + 1
        terms = top[top["outlet"] == outlet].sort_values("z")
        if not enough or terms.empty:
            figure.add_trace(go.Bar(x=[0], y=[TOO_LITTLE if not enough else "no distinctive term"],
                                    orientation="h", marker_color=GREY, name=outlet,
                                    showlegend=False, hoverinfo="skip"), row=row, col=col)
            continue
        figure.add_trace(go.Bar(
            x=terms["z"], y=terms["term"], orientation="h", marker_color=colours[outlet],
            name=outlet, showlegend=False,
            customdata=np.stack([terms["term"], terms["kind"], terms["count"]], axis=1),
            hovertemplate="%{customdata[0]}: z = %{x:.2f}, used %{customdata[2]} times"
                          "<extra></extra>",
        ), row=row, col=col)
    figure.update_layout(height=max(320, rows * 330), margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return figure


def _pivot(table: pd.DataFrame, *, rows: str, value: str, order: list[str]) -> pd.DataFrame:
    row_order = list(dict.fromkeys(table[rows]))
    pivot = table.pivot_table(index=rows, columns="outlet", values=value, aggfunc="sum")
    return pivot.reindex(index=row_order, columns=order)


def _heatmap(values: pd.DataFrame, text: pd.DataFrame, outlets: pd.DataFrame, *, unit: str,
             colorscale: str = "Blues", value_format: str = "") -> go.Heatmap:
    """A rows x outlets heatmap; outlets with too little text are left blank (grey)."""
    order = outlets["outlet"].tolist()
    labels = [outlet_axis_label(o, int(n), unit, enough=bool(e)) for o, n, e in
              zip(outlets["outlet"], outlets["n"], outlets["enough"], strict=True)]
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


def build_naming_heatmap(table: pd.DataFrame, outlets: pd.DataFrame, *, actor: str) -> go.Figure:
    """Label x outlet counts for one actor, own voice and inside quotes as two panels.

    ``outlets`` (outlet, n, enough) gives every outlet's number of labels for the actor.
    """
    if table.empty:
        return _empty_figure(f"No descriptors or names found for {actor}.")
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
                         margin={"l": 10, "r": 10, "t": 60, "b": 10},
                         title=f"How each outlet names {actor}")
    return figure


def build_share_heatmap(table: pd.DataFrame, outlets: pd.DataFrame, *, rows: str,
                        unit: str, title: str) -> go.Figure:
    """Row x outlet shares (speakers or reporting verbs), percentages in the cells."""
    if table.empty:
        return _empty_figure("Nothing to show for this selection.")
    order = outlets["outlet"].tolist()
    shares = _pivot(table, rows=rows, value="share", order=order)
    figure = go.Figure(_heatmap(shares, 100 * shares, outlets, unit=unit, value_format=":.0f"))
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=max(260, 120 + ROW_HEIGHT * len(shares)), title=title,
                         margin={"l": 10, "r": 10, "t": 40, "b": 10})
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
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=max(260, 120 + ROW_HEIGHT * len(rates)),
                         title=title, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return figure


def build_tone_figure(summary: pd.DataFrame, *, title: str) -> go.Figure:
    """Mean VADER tone per outlet with a 95% interval; outlets with too few sentences get none."""
    if summary.empty:
        return _empty_figure("No sentences to score.")
    colours = outlet_colours(summary["outlet"].tolist())
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


def build_concordance_bars(counts: pd.DataFrame, *, query: str) -> go.Figure:
    """Hits per 1,000 words for a search, one bar per outlet, n words under each."""
    if counts.empty:
        return _empty_figure("No outlets.")
    colours = outlet_colours(counts["outlet"].tolist())
    labels = [outlet_axis_label(o, int(n), "words") for o, n in
              zip(counts["outlet"], counts["n_words"], strict=True)]
    figure = go.Figure(go.Bar(
        x=labels, y=counts["per_1000"].fillna(0),
        marker_color=[colours[o] for o in counts["outlet"]],
        text=[f"{h} hits" for h in counts["hits"]], textposition="outside",
        customdata=counts["outlet"], hovertemplate="%{customdata}: %{y:.2f} per 1,000 words"
                                                   "<extra></extra>",
    ))
    figure.update_yaxes(title="hits per 1,000 words")
    figure.update_layout(height=360, title=f"“{query}” per outlet",
                         margin={"l": 10, "r": 10, "t": 40, "b": 10})
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
