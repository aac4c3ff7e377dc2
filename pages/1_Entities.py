"""Entity mentions: who each outlet talks about, with the evidence one click away."""

from __future__ import annotations

import streamlit as st

from lib.analysis import ledger as role_ledger
from lib.analysis import mentions
from lib.analysis.filters import narrow_outlets
from lib.analysis.samples import describe_sample
from lib.charts import entities as charts
from lib.charts import network
from lib.records import label_word
from lib.ui import app, entity_profile, state
from lib.ui import review as review_ui

ctx = app.setup_page("Entity mentions")
st.title("Who each outlet talks about")
st.caption("Click a bar, a heatmap cell or a node: its sentences open over the chart, its profile below.")

BARS_CHART, HEATMAP_CHART, NETWORK_CHART = state.SESSION_ENTITY_CHARTS


def select_from_chart(chart_key: str) -> None:
    """Chart click callback: the clicked entity becomes the selected one (and the URL's)."""
    entity = charts.selected_entity(st.session_state[chart_key].selection)
    if entity:
        st.session_state[state.ENTITY] = entity
        st.session_state[state.SESSION_PROFILE_DIALOG] = entity


def show_selectable(figure, chart_key: str) -> None:
    """Draw a chart whose point clicks select an entity."""
    app.show_chart(figure, key=chart_key, on_select=lambda: select_from_chart(chart_key), selection_mode="points")


all_labels = app.cached(mentions.list_corpus_labels)(ctx.corpus)
all_entities = app.cached(mentions.list_corpus_entities)(ctx.corpus)
all_outlets = app.cached(mentions.list_corpus_outlets)(ctx.corpus)
colours = app.outlet_colours(ctx)
left, middle, right = st.columns([3, 1, 2])
words = left.multiselect(
    "Entity types", [label_word(c) for c in all_labels], key=state.ENTITY_TYPES, bind="query-params",
    placeholder="All types",
)
labels = [code for code in all_labels if label_word(code) in words]
top = middle.number_input("Top", 5, 100, 25, 5, key=state.ENTITY_TOP, bind="query-params")
metric = right.radio(
    "Bar length", ["mentions", "articles"], horizontal=True, key=state.ENTITY_METRIC, bind="query-params"
)
view = app.cached(mentions.summarise_entity_view)(ctx.corpus, ctx.filters, tuple(labels), int(top))


def show_ranking() -> None:
    names = {"stack": "stacked", "split": "side by side"}
    mode = st.radio(
        "Outlets", list(names), horizontal=True, key=state.ENTITY_BARS, bind="query-params", format_func=names.get
    )
    if view.ranking.empty:
        st.info("No entities of these types in the articles shown.")
    else:
        figure = app.figure(charts.build_entity_bar_figure)(
            view.outlet_counts, view.ranking, metric=metric, mode=mode, colours=colours, articles=len(ctx.doc_ids)
        )
        show_selectable(figure, BARS_CHART)
        note = describe_sample(len(ctx.doc_ids))
        if note:
            st.caption(f"⚠ {note}")
        if st.toggle("Show the ranking as a table", key=state.SESSION_RANKING_TABLE):
            st.dataframe(view.ranking.assign(label=view.ranking["label"].map(label_word)),
                         key="entity_ranking_table", hide_index=True)
        app.download_csv(view.ranking, "entity_ranking", key="download_entity_ranking")


def show_shares() -> None:
    if not view.shares.empty:
        figure = app.figure(charts.build_share_heatmap_figure)(view.shares, entities=view.ranking["entity"])
        show_selectable(figure, HEATMAP_CHART)
        if view.small_outlets:
            st.caption(
                f"⚠ Small sample (< {mentions.SMALL_SAMPLE_MENTIONS} mentions): "
                f"{', '.join(app.escape_markdown(o) for o in view.small_outlets)}. "
                "Their shares can swing on a single article."
            )


def show_network() -> None:
    n_outlets, n_left, n_right = st.columns([2, 1, 1])
    in_view = [o for o in all_outlets if not ctx.filters.outlets or o in ctx.filters.outlets]
    picked = n_outlets.multiselect("Outlets in the network", in_view, key=state.NETWORK_OUTLETS,
                                   bind="query-params", placeholder="Every outlet in the sidebar filters")
    top_nodes = n_left.slider("Most mentioned entities shown", 10, 150, 40, 10, key=state.NETWORK_NODES,
                              bind="query-params")
    min_weight = n_right.slider("Minimum shared sentences per link", 1, 20, 2, key=state.NETWORK_MIN_WEIGHT,
                                bind="query-params")
    nodes, edges = app.cached(mentions.summarise_network)(
        ctx.corpus, narrow_outlets(ctx.filters, picked), tuple(labels), int(top_nodes), int(min_weight))
    if edges.empty:
        st.info("No pair of these entities shares enough sentences; lower the minimum.")
    else:
        positions = app.cached(network.layout_network)(nodes, edges)
        selected = st.session_state.get(state.ENTITY)
        figure = app.figure(network.build_network_figure)(nodes, edges, positions, selected=selected)
        show_selectable(figure, NETWORK_CHART)


def show_roles() -> None:
    ledger, conflicts = app.shared(mentions.summarise_roles, max_entries=16)(ctx.corpus, ctx.filters)  # read-only
    st.markdown("**Conflicting titles**: one office given to different people at the same time.")
    if conflicts.empty:
        st.caption("No conflicting titles in the articles shown.")
    app.show_paired_evidence(conflicts, key="role_conflicts_table", columns=role_ledger.CONFLICT_VIEW_COLUMNS)
    app.download_csv(conflicts, "role_conflicts", key="download_role_conflicts")
    st.markdown("**Role ledger**: every title given to a person, as written.")
    app.show_evidence(ledger, key="role_ledger_table", meaning="sentence", label="Sentence",
                      columns=role_ledger.LEDGER_VIEW_COLUMNS)
    app.download_csv(ledger, "role_ledger", key="download_role_ledger")


def show_review() -> None:
    review_ui.show_review_queue(ctx)
    with st.expander("Not counted as entities"):
        review_ui.show_not_counted(ctx)


TABS = {"Ranking": show_ranking, "Share of each outlet": show_shares, "Network": show_network,
        "Role ledger": show_roles, "Review": show_review}
for tab, show in zip(st.tabs(list(TABS), key=state.ENTITY_TAB, bind="query-params"), TABS.values(), strict=True):
    if tab.open:  # only the tab on screen computes and draws its charts
        with tab:
            show()

clicked = st.session_state.pop(state.SESSION_PROFILE_DIALOG, None)
if clicked:
    entity_profile.show_profile_dialog(ctx, clicked)
st.divider()
entity = st.selectbox(
    "Entity profile", all_entities, index=None, key=state.ENTITY, bind="query-params",
    placeholder="Pick one, or click one in a chart",
)
if entity:
    entity_profile.show_profile(ctx, entity, all_entities=all_entities, all_labels=all_labels)
message = st.session_state.pop(state.SESSION_CORRECTION, None)
if message:
    (st.success if message[0] == "ok" else st.error)(app.escape_markdown(message[1]))
