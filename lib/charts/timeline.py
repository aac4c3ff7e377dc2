"""Plotly figures of the timeline view: publication and event lanes, reported figures, mentions."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from lib.charts.colours import build_outlet_colours, outlet_colour

WINDOW_SYMBOLS = {"cumulative": "circle", "windowed": "diamond-open"}
ENTITY_COLOURS = qualitative.Bold
MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}
TITLED_MARGIN = {**MARGIN, "t": 100}
"""Room for a title and subtitle above subplot titles."""


def _padded_range(values: pd.Series, *, share: float = 0.05, minimum_days: int = 15) -> list[str]:
    """An x range around the dates with some room on both sides (a single date gets a month)."""
    dates = pd.to_datetime(values).dropna()
    first, last = dates.min(), dates.max()
    pad = max(pd.Timedelta(days=minimum_days), (last - first) * share)
    return [f"{first - pad:%Y-%m-%d}", f"{last + pad:%Y-%m-%d}"]


LOG_SPREAD = 100
"""A kind whose largest value is at least this many times its smallest gets a log axis."""


def _value_axis(values: pd.Series) -> dict[str, object]:
    """A linear axis from zero, or, where values span two powers of ten or more, a log axis
    whose ticks sit at 1, 10, 100, 1k... and whose title says it is one."""
    low, high = max(float(values.min()), 1.0), max(float(values.max()), 1.0)
    if high / low < LOG_SPREAD:  # an explicit range: autorange misses points of the undated column
        return {"type": "linear", "range": [0, high * 1.15], "title_text": "value", "tickformat": "~s"}
    return {"type": "log", "dtick": 1, "tickformat": "~s", "title_text": "value (log scale)",
            "range": [math.floor(math.log10(low)) - 0.1, math.ceil(math.log10(high)) + 0.1]}


def _colours(outlets: pd.Series, colours: Mapping[str, str] | None) -> Mapping[str, str]:
    return colours if colours is not None else build_outlet_colours(sorted(set(outlets.astype(str))))


def _marker_sizes(counts: pd.Series) -> list[float]:
    return [8 + 6 * math.sqrt(max(int(count), 1) - 1) for count in counts]


def _empty_figure(title: str, message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    figure.update_layout(title=title, height=220, xaxis={"visible": False},
                         yaxis={"visible": False}, margin=MARGIN)
    return figure


def build_lane_figure(
    points: pd.DataFrame, *, size_column: str, title: str, unit: str, note: str = "",
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Return one lane per outlet on a date axis; marker size grows with ``size_column``.

    ``points`` has outlet, period, hover, key and the count column; each point carries its
    key in ``customdata[0]`` so a click can select it. The title gets n (the total count).
    """
    if points.empty:
        return _empty_figure(title, note or "Nothing to place on the time axis.")
    colours = _colours(points["outlet"], colours)
    title = f"{title}: n = {int(points[size_column].sum()):,} {unit}"
    note = f"point = one outlet's {unit} in one period (bigger = more); click one for its sentences" + (
        f". {note}" if note else "")
    figure = go.Figure()
    for outlet, rows in points.groupby("outlet", sort=True):
        figure.add_trace(go.Scatter(
            x=rows["period"], y=rows["outlet"], mode="markers", name=str(outlet),
            marker={"size": _marker_sizes(rows[size_column]), "color": outlet_colour(colours, str(outlet)),
                    "line": {"width": 1, "color": "white"}},
            customdata=rows[["key", size_column, "hover"]].to_numpy(),
            hovertemplate=(f"<b>%{{y}}</b> · %{{x|%Y-%m-%d}}<br>%{{customdata[1]}} {unit}"
                           "<br>%{customdata[2]}<extra></extra>"),
        ))
    lanes = points["outlet"].nunique()
    figure.update_layout(
        title={"text": title, "subtitle": {"text": note}},
        height=150 + 44 * lanes, showlegend=False, margin=MARGIN,
        xaxis={"type": "date", "title": "", "range": _padded_range(points["period"])},
        yaxis={"title": "", "categoryorder": "category descending"},
    )
    return figure


def _series_lines(dated: pd.DataFrame) -> list[go.Scatter]:
    lines = []
    for series, rows in dated[dated["window"] == "cumulative"].groupby("series"):
        if len(rows) < 2:
            continue
        rows = rows.sort_values("published")
        lines.append(go.Scatter(
            x=rows["published"], y=rows["value"], mode="lines", name=str(series),
            line={"color": "#999999", "dash": "dot", "width": 1}, hoverinfo="skip",
            showlegend=False, legendgroup="series",
        ))
    return lines


def _figure_hover() -> str:
    return ("<b>%{customdata[1]} %{customdata[2]}</b> (%{customdata[3]})<br>%{customdata[4]}"
            "<br>claimed by: %{customdata[5]}<br>%{customdata[6]}<extra></extra>")


def _figure_customdata(rows: pd.DataFrame) -> list[list[object]]:
    data = []
    for row in rows.itertuples(index=False):
        when = (f"published {row.published:%Y-%m-%d}" if not pd.isna(row.published)
                else "article undated" + (f"; names dates up to {row.latest_named_date:%Y-%m-%d}"
                                          if not pd.isna(row.latest_named_date) else ""))
        window = row.window if not row.window_text else f"{row.window}: {row.window_text}"
        data.append([row.key, f"{row.qualifier} {row.value:,.0f}".strip(), row.kind, window,
                     f"{row.outlet} · {when}", row.holder or "(not stated)", row.series])
    return data


def build_figures_figure(
    placed: pd.DataFrame, *, max_points: int = 1500, colours: Mapping[str, str] | None = None
) -> go.Figure:
    """Return reported figures against article date: one row per kind, undated beside the axis.

    The right-hand column holds figures from undated articles (by outlet, never at a made-up
    date). Running totals of the same series are joined by a dotted line; windowed counts are
    open diamonds. Points carry their key in ``customdata[0]``.
    """
    title = f"Reported figures by article date: n = {len(placed):,} figures"
    if placed.empty:
        return _empty_figure(title, "No figures found in these articles.")
    shown = placed
    if len(placed) > max_points:
        sizes = placed.groupby("series")["doc_id"].transform("size")
        shown = placed.assign(size=sizes).nlargest(max_points, "size")
    kinds = sorted(shown["kind"].unique())
    figure = make_subplots(
        rows=len(kinds), cols=2, shared_yaxes=True, shared_xaxes="columns", column_widths=[0.82, 0.18],
        horizontal_spacing=0.02, vertical_spacing=0.35 / len(kinds) if len(kinds) > 1 else 0.0,
        row_titles=kinds, column_titles=["dated articles", "undated articles"],
    )
    colours = _colours(placed["outlet"], colours)
    in_legend: set[str] = set()
    for row_number, kind in enumerate(kinds, start=1):
        rows = shown[shown["kind"] == kind]
        dated, undated = rows[rows["published"].notna()], rows[rows["published"].isna()]
        for line in _series_lines(dated):
            figure.add_trace(line, row=row_number, col=1)
        for column, part in ((1, dated), (2, undated)):
            for (outlet, window), group in part.groupby(["outlet", "window"]):
                figure.add_trace(go.Scatter(
                    x=group["published"] if column == 1 else group["outlet"], y=group["value"],
                    mode="markers", name=str(outlet), legendgroup=str(outlet),
                    showlegend=str(outlet) not in in_legend,
                    marker={"color": outlet_colour(colours, str(outlet)), "size": 11,
                            "symbol": WINDOW_SYMBOLS.get(str(window), "circle")},
                    customdata=_figure_customdata(group), hovertemplate=_figure_hover(),
                ), row=row_number, col=column)
                in_legend.add(str(outlet))
        axis = _value_axis(rows["value"])
        figure.update_yaxes(**{**axis, "title_text": ""}, row=row_number)
        figure.update_yaxes(title_text=axis["title_text"], row=row_number, col=1)
        if dated.empty:  # no dated point: the undated column carries the scale itself
            figure.update_yaxes(showticklabels=True, row=row_number, col=2)
        figure.update_xaxes(type="category", row=row_number, col=2)
    dated = shown["published"].dropna()
    figure.update_xaxes(type="date", col=1, showticklabels=True,
                        **({"range": _padded_range(dated)} if len(dated) else {}))
    note = "point = one figure as an article reports it, one row of charts per kind"
    if len(shown) < len(placed):
        note += f"; showing {len(shown)} of {len(placed)} figures"
    figure.update_layout(
        title={"text": title, "subtitle": {"text": note}},
        height=200 + 260 * len(kinds), margin=TITLED_MARGIN,
        legend={"title": "Outlet", "orientation": "h", "y": -0.08 if len(kinds) > 2 else -0.2},
    )
    return figure


def build_mentions_figure(
    counts: pd.DataFrame, *, basis: str = "article", max_outlets: int = 12
) -> go.Figure:
    """Return small multiples, one row per outlet, of mentions per period for each entity.

    Counts with no period (undated article, or no date in the sentence) are left out and
    summed in the subtitle, as are outlets beyond the ``max_outlets`` with most mentions.
    Points carry their key in ``customdata[0]``.
    """
    title = "Mentions over time by " + ("article date" if basis == "article" else "event date")
    title += f": n = {int(counts['mentions'].sum()) if len(counts) else 0:,} mentions"
    placed = counts[counts["period"].notna()]
    unplaced = int(counts.loc[counts["period"].isna(), "mentions"].sum()) if len(counts) else 0
    notes = [f"{unplaced} mentions could not be placed in time"] if unplaced else []
    if placed.empty:
        return _empty_figure(title, "; ".join(notes) or "No mentions of the chosen entities.")
    totals = placed.groupby("outlet")["mentions"].sum().sort_values(ascending=False)
    if len(totals) > max_outlets:
        notes.append(f"showing the {max_outlets} of {len(totals)} outlets with most mentions")
    outlets = sorted(totals.index[:max_outlets])
    note = "; ".join(["point = one entity's mentions in one outlet per period", *notes])
    entities = sorted(placed["entity"].unique())
    colours = {entity: ENTITY_COLOURS[i % len(ENTITY_COLOURS)] for i, entity in enumerate(entities)}
    figure = make_subplots(rows=len(outlets), cols=1, shared_xaxes=True, subplot_titles=outlets,
                           vertical_spacing=0.25 / max(len(outlets), 1))
    for row_number, outlet in enumerate(outlets, start=1):
        for entity in entities:
            rows = placed[(placed["outlet"] == outlet) & (placed["entity"] == entity)]
            if rows.empty:
                continue
            rows = rows.sort_values("period")
            figure.add_trace(go.Scatter(
                x=rows["period"], y=rows["mentions"], mode="lines+markers", name=entity,
                legendgroup=entity, showlegend=entity not in {t.name for t in figure.data},
                line={"color": colours[entity]}, customdata=rows[["key"]].to_numpy(),
                hovertemplate=f"<b>{entity}</b> · {outlet}<br>%{{x|%Y-%m-%d}}: %{{y}} mentions<extra></extra>",
            ), row=row_number, col=1)
    figure.update_xaxes(type="date")
    figure.update_yaxes(rangemode="tozero")
    figure.update_layout(
        title={"text": title, "subtitle": {"text": note}} if note else title,
        height=180 + 150 * len(outlets), margin=TITLED_MARGIN, legend={"title": "Entity"},
    )
    return figure
