"""Plotly figure of the Stories view: when each outlet first reported one event."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from lib.charts.colours import build_outlet_colours, outlet_colour

PAD = pd.Timedelta(days=2)
"""Room left of the first report and right of the last, at least (their labels need it)."""
DAILY_TICKS_WITHIN = pd.Timedelta(days=10)
"""An axis this short or shorter gets one tick a day: left alone, Plotly ticks hours and
milliseconds around a story reported on one day."""
ONE_DAY_MS = 86_400_000


def build_story_timeline_figure(timeline: pd.DataFrame, *, colours: Mapping[str, str] | None = None) -> go.Figure:
    """One marker per outlet at the date of its first article on the story; the first report is
    marked and every other marker says how many days later it came. ``colours`` is the corpus's map."""
    colours = colours if colours is not None else build_outlet_colours(sorted(set(timeline["outlet"])))
    ordered = timeline.sort_values(["published", "outlet"])
    figure = go.Figure()
    for row in ordered.itertuples(index=False):
        label = "first report" if row.first else f"+{row.days_after} day{'s' if row.days_after != 1 else ''}"
        figure.add_trace(go.Scatter(
            x=[row.published], y=[row.outlet], mode="markers+text", name=row.outlet, showlegend=False,
            text=[label], textposition="middle right", marker={"size": 14, "color": outlet_colour(colours, row.outlet),
                                                              "symbol": "star" if row.first else "circle"},
            customdata=[[row.doc_id, row.title]],
            hovertemplate="%{y}<br>%{x|%Y-%m-%d} (" + label + ")<br>%{customdata[1]}<extra></extra>",
        ))
    figure.update_layout(
        title={"text": f"When each outlet first reported it<br><sup>one mark per outlet, n = {len(ordered)} "
                       f"outlet{'s' if len(ordered) != 1 else ''} with a dated article</sup>"},
        xaxis={"title": "publication date", "type": "date", **date_axis_span(pd.to_datetime(ordered["published"]))},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": list(reversed(ordered["outlet"].tolist()))},
        height=max(220, 60 + 36 * len(ordered)), margin={"l": 10, "r": 90, "t": 70, "b": 40},
    )
    return figure


def date_axis_span(dates: pd.Series) -> dict[str, object]:
    """The date axis's range, padded so that the first and last marks and their labels show, and one
    tick a day over a short span (whole days: a publication date has no time)."""
    first, last = dates.min(), dates.max()
    pad = max(PAD, (last - first) * 0.08)
    span: dict[str, object] = {"range": [first - pad, last + pad]}
    if last - first + 2 * pad <= DAILY_TICKS_WITHIN:
        span.update(dtick=ONE_DAY_MS, tickformat="%b %-d, %Y")
    return span
