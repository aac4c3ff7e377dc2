"""Timeline: when articles were published, the dates they name, reported figures and mentions."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lib.analysis import figure_series, lanes, timeline
from lib.analysis.samples import describe_sample
from lib.charts import timeline as charts
from lib.ui import app, point_evidence, state
from lib.ui.timeline_tables import download_all, show_table, with_sentences

ctx = app.setup_page("Timeline", icon="🗓️")
st.title("Timeline")
st.caption(
    "Two clocks: when each article was published, and the dates of the events it reports. "
    "Relative dates (\"on Monday\", \"last week\", \"in March\") are resolved against the article's "
    "own publication date; in an undated article they stay unresolved and are listed as such."
)

grain = st.radio(
    "Granularity", lanes.GRANULARITIES, horizontal=True, key=state.TIMELINE_GRANULARITY,
    bind="query-params",
)
resolved = app.shared(timeline.resolve_corpus_dates, max_entries=2)(ctx.corpus)
tables = app.shared(timeline.build_timeline)(ctx.corpus, ctx.filters, resolved)  # read-only below
published, published_grain = tables.published_lanes[grain]
named, named_grain = tables.event_lanes[grain]
span = timeline.parse_range(st.query_params.get(state.TIMELINE_RANGE, ""))
colours = app.outlet_colours(ctx)


def remember(event: object, chart: str) -> None:
    """Put a new chart click (point) or box (date range) into the URL, once."""
    key, picked = timeline.read_selection(getattr(event, "selection", None) or {})
    seen = st.session_state.setdefault(state.SESSION_TIMELINE_SEEN, {})
    if seen.get(chart) == (key, picked):
        return
    seen[chart] = (key, picked)
    if key:
        st.query_params[state.TIMELINE_POINT] = key
        st.session_state[state.SESSION_TIMELINE_DIALOG] = key
    if picked and chart != "figures":
        st.query_params[state.TIMELINE_RANGE] = picked


def show_chart(figure: go.Figure, chart: str) -> None:
    """Render a chart zoomed to the selected range, and remember what is clicked in it."""
    if span is not None and chart != "mentions":
        figure = go.Figure(figure)  # a copy: the built figure is shared by every visitor
        figure.update_xaxes(range=[str(span[0]), str(span[1])], selector={"type": "date"})
    remember(app.show_chart(figure, key=f"timeline_{chart}_chart", on_select="rerun"), chart)
    point_evidence.show_selected(ctx, tables, chart)


def show_published() -> None:
    note = f"{len(tables.undated)} undated article(s) listed below the chart, not on the axis"
    show_chart(app.figure(charts.build_lane_figure)(
        published, size_column="articles", unit="articles", note=note, colours=colours,
        title=f"Articles by publication date (per {published_grain})",
    ), "published")
    if len(tables.undated):
        st.markdown(f"**Undated articles** ({len(tables.undated)}): not placed in time; each was written on or after "
                    "the latest date its text names")
        show_table(ctx, tables.undated, "timeline_undated_table", ["outlet", "note"], meaning="title")


def show_events() -> None:
    show_chart(app.figure(charts.build_lane_figure)(
        named, size_column="mentions", unit="date expressions", colours=colours,
        title=f"Dates the articles name, by outlet (per {named_grain})",
        note="Each point is a date or the start of a range named in the text, resolved against "
             "the article's own date.",
    ), "events")
    st.markdown("**Dates named by several outlets**")
    show_table(ctx, tables.shared_dates, "timeline_shared_dates_table")
    count, *shown = app.shared(timeline.summarise_events_in_range, max_entries=32)(
        ctx.corpus, ctx.filters, span, tables.events)
    label = f"{span[0]} to {span[1]}" if span else "all dates"
    st.markdown(f"**Date expressions resolved** ({label}: {count})")
    show_table(ctx, lambda: timeline.events_in_range(tables.events, span), "timeline_events_table",
               ["text", "date_start", "date_end", "granularity", "outlet", "title"], meaning="sentence", shown=shown)
    unresolved = tables.unresolved
    st.markdown(f"**Not placed in time** ({len(unresolved)}): kept as written, with the reason")
    show_table(ctx, unresolved, "timeline_unresolved_table", ["text", "status", "note", "outlet"], meaning="sentence")
    download_all(ctx, tables.events, "timeline_all_date_expressions", key="timeline_download_events",
                 label="Download every date expression (CSV)")


def show_figures() -> None:
    kinds = sorted(tables.figures["kind"].unique()) if not tables.figures.empty else []
    chosen_kinds = st.multiselect("Kinds", kinds, default=kinds, key=state.TIMELINE_KINDS,
                                  bind="query-params")
    shown = figure_series.select_kinds(tables.figures, chosen_kinds)
    st.caption(
        "Figures from undated articles sit in the right-hand column: they are never given a made-up "
        "date; the hover names the latest date their text mentions (they were written on or after it). "
        "Running totals (circles) and counts over a stated window (open diamonds) are kept apart."
    )
    show_chart(app.figure(charts.build_figures_figure)(shown, colours=colours), "figures")
    st.markdown("**Running totals reported more than once**")
    series = figure_series.select_kinds(tables.series, chosen_kinds)
    show_table(ctx, series, "timeline_series_table", ["series", "outlet", "published", "qualifier", "value",
                                                 "change", "holder", "claimant", "as_of", "as_of_source",
                                                 "latest_named_date"], meaning="sentence")
    st.markdown(f"**Outlets reporting different values for the same quantity** "
                f"({len(tables.discrepancies)})")
    app.show_paired_evidence(with_sentences(ctx, timeline.head_rows(tables.discrepancies)[0]),
                             key="timeline_discrepancies_table", columns=figure_series.FLAG_COLUMNS)
    download_all(ctx, tables.figures, "timeline_figures", key="timeline_download_figures",
                 label="Download every figure (CSV)")


def show_mentions() -> None:
    options = app.cached(timeline.rank_entity_options)(ctx.corpus, ctx.filters)
    entities = st.multiselect("Entities", options, default=options[:3], key=state.TIMELINE_ENTITIES,
                              bind="query-params", max_selections=8)
    basis = st.radio("Count mentions by the date of the", ["article", "event"], horizontal=True,
                     key=state.TIMELINE_BASIS, bind="query-params")
    counts = app.cached(timeline.build_mention_counts)(
        ctx.corpus, ctx.filters, tables.sentence_dates, tuple(entities), grain, basis
    )
    note = describe_sample(len(ctx.doc_ids), claim="a trend over time")
    if note:
        st.caption(f"⚠ {note}")
    show_chart(app.figure(charts.build_mentions_figure)(counts, basis=basis), "mentions")


TABS = {"Publication": show_published, "Dates named in the text": show_events,
        "Reported figures": show_figures, "Mentions over time": show_mentions}
for tab, show in zip(st.tabs(list(TABS), key=state.TIMELINE_TAB, bind="query-params"), TABS.values(), strict=True):
    if tab.open:  # only the tab on screen computes and draws its charts
        with tab:
            show()

point_evidence.open_dialog(ctx, tables)
