"""Entity mentions: who each outlet talks about, with the evidence one click away."""

from __future__ import annotations

import streamlit as st

from lib import app, mentions, state
from lib.charts import entities as charts
from lib.corrections import append_correction

ctx = app.setup_page("Entity mentions")
st.title("Who each outlet talks about")
st.caption("Click a bar, a heatmap cell or a node to open that entity's profile and evidence.")

BARS_CHART, HEATMAP_CHART, NETWORK_CHART = state.SESSION_ENTITY_CHARTS


def select_from_chart(chart_key: str) -> None:
    """Chart click callback: the clicked entity becomes the selected one (and the URL's)."""
    entity = charts.selected_entity(st.session_state[chart_key].selection)
    if entity:
        st.session_state[state.ENTITY] = entity


def apply_correction(entity: str) -> None:
    """Form callback: append the correction; the corpus reloads it on this rerun, unparsed."""
    form = st.session_state
    fix = mentions.make_correction(
        form["_fix_action"], entity, target=form.get("_fix_target") or "",
        new_name=form.get("_fix_name", ""), label=form.get("_fix_label") or "",
    )  # fmt: skip
    if isinstance(fix, str):
        form[state.SESSION_CORRECTION] = ("error", fix)
        return
    append_correction(app.corrections_path(ctx), fix)
    form[state.ENTITY] = fix.target if fix.action in ("merge", "rename") else None
    form[state.SESSION_CORRECTION] = ("ok", f"Saved: {fix.action} {fix.entity} {fix.target}")


all_labels = app.cached(mentions.list_corpus_labels)(ctx.corpus)
all_entities = app.cached(mentions.list_corpus_entities)(ctx.corpus)
left, middle, right = st.columns([3, 1, 2])
labels = left.multiselect(
    "Entity types", all_labels, key=state.ENTITY_TYPES, bind="query-params", placeholder="All types"
)
top = middle.number_input(
    "Top", min_value=5, max_value=100, value=25, step=5, key=state.ENTITY_TOP, bind="query-params"
)
metric = right.radio(
    "Bar length", ["mentions", "articles"], horizontal=True, key=state.ENTITY_METRIC,
    bind="query-params",
)  # fmt: skip
view = app.cached(mentions.summarise_entity_view)(ctx.corpus, ctx.filters, tuple(labels), int(top))

bars_tab, heatmap_tab, network_tab, roles_tab = st.tabs(
    ["Ranking", "Share of each outlet", "Co-occurrence network", "Role ledger"]
)
with bars_tab:
    mode = st.radio(
        "Outlets", ["stack", "split"], horizontal=True, key=state.ENTITY_BARS, bind="query-params",
        format_func={"stack": "stacked", "split": "side by side"}.get,
    )  # fmt: skip
    if view.ranking.empty:
        st.info("No entities of these types in the articles shown.")
    else:
        figure = charts.build_entity_bar_figure(view.outlet_counts, view.ranking, metric=metric, mode=mode)
        st.plotly_chart(
            figure, key=BARS_CHART, on_select=lambda: select_from_chart(BARS_CHART),
            selection_mode="points",
        )  # fmt: skip
        st.dataframe(view.ranking, key="entity_ranking_table", hide_index=True)
with heatmap_tab:
    if not view.shares.empty:
        figure = charts.build_share_heatmap_figure(view.shares, entities=view.ranking["entity"])
        st.plotly_chart(
            figure, key=HEATMAP_CHART, on_select=lambda: select_from_chart(HEATMAP_CHART),
            selection_mode="points",
        )  # fmt: skip
        small = sorted(set(view.shares.loc[view.shares["small_sample"], "outlet"]))
        if small:
            st.caption(
                f"⚠ Small sample (< {mentions.SMALL_SAMPLE_MENTIONS} mentions): "
                + ", ".join(small)
                + ". Their shares can swing on a single article."
            )
with network_tab:
    n_left, n_right = st.columns(2)
    top_nodes = n_left.slider(
        "Most mentioned entities shown", 10, 150, 40, 10, key=state.NETWORK_NODES,
        bind="query-params",
    )  # fmt: skip
    min_weight = n_right.slider(
        "Minimum shared sentences per link", 1, 20, 2, key=state.NETWORK_MIN_WEIGHT,
        bind="query-params",
    )  # fmt: skip
    nodes, edges = app.cached(mentions.summarise_network)(
        ctx.corpus, ctx.filters, tuple(labels), int(top_nodes), int(min_weight)
    )
    if edges.empty:
        st.info("No pair of these entities shares enough sentences; lower the minimum.")
    else:
        positions = app.cached(charts.layout_network)(nodes, edges)
        figure = charts.build_network_figure(nodes, edges, positions, selected=st.session_state.get(state.ENTITY))
        st.plotly_chart(
            figure, key=NETWORK_CHART, on_select=lambda: select_from_chart(NETWORK_CHART),
            selection_mode="points",
        )  # fmt: skip
        st.caption(f"{len(nodes)} entities, {len(edges)} links (sentences naming both).")
with roles_tab:
    ledger, conflicts = app.cached(mentions.summarise_roles)(ctx.corpus, ctx.filters)
    st.markdown("**Conflicting titles**: one office given to different people at the same time.")
    if conflicts.empty:
        st.caption("No conflicting titles in the articles shown.")
    st.dataframe(conflicts, key="role_conflicts_table", hide_index=True)
    st.markdown("**Role ledger**: every title given to a person, as written.")
    st.dataframe(ledger, key="role_ledger_table", hide_index=True)
    app.download_csv(ledger, "role_ledger", key="download_role_ledger")

st.divider()
entity = st.selectbox(
    "Entity profile", all_entities, index=None, key=state.ENTITY, bind="query-params",
    placeholder="Pick an entity, or click one in a chart",
)  # fmt: skip
profile = app.cached(mentions.profile_entity)(ctx.corpus, ctx.filters, entity) if entity else None
if entity and profile is None:
    st.info(f"{entity} is not mentioned in the articles passing the filters.")
if profile is not None:
    st.subheader(profile.entity)
    cols = st.columns(4)
    cols[0].metric("Type", profile.label)
    cols[1].metric("Mentions", profile.mentions)
    cols[2].metric("Articles", profile.articles)
    cols[3].metric("Outlets", len(profile.outlets))
    a, b, c = st.columns(3)
    a.markdown("**Names merged into it**")
    a.dataframe(profile.aliases, key="profile_aliases_table", hide_index=True)
    b.markdown("**Titles and roles, as written**")
    b.dataframe(profile.titles, key="profile_titles_table", hide_index=True)
    c.markdown("**Named in the same sentences**")
    c.dataframe(profile.comentions, key="profile_comentions_table", hide_index=True)
    st.plotly_chart(charts.build_outlet_profile_figure(profile.outlets), key="profile_outlets")
    st.markdown("**Every sentence that mentions it**")
    kwic = profile.kwic.assign(open=[app.link_to_article(d, **{state.ENTITY: entity}) for d in profile.kwic["doc_id"]])
    st.dataframe(
        kwic[["outlet", "published", "left", "keyword", "right", "open"]],
        key="profile_kwic_table", hide_index=True,
        column_config={"open": st.column_config.LinkColumn("Article", display_text="read")},
    )  # fmt: skip
    app.download_csv(profile.kwic, "mentions", key="download_kwic")
    with st.expander("Correct this entity"):
        if ctx.read_only:
            st.caption("🔒 Read-only instance: corrections are disabled.")
        with st.form("entity_correction_form"):
            st.selectbox("Correction", list(mentions.CORRECTION_ACTIONS), key="_fix_action",
                         format_func=mentions.CORRECTION_ACTIONS.get)  # fmt: skip
            st.selectbox("Merge into", all_entities, index=None, key="_fix_target")
            st.text_input("New name", key="_fix_name")
            st.selectbox("New type", all_labels, index=None, key="_fix_label")
            st.form_submit_button(
                "Save correction", disabled=ctx.read_only, on_click=apply_correction,
                args=(entity,),
            )  # fmt: skip
message = st.session_state.pop(state.SESSION_CORRECTION, None)
if message:
    (st.success if message[0] == "ok" else st.error)(message[1])
