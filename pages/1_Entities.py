"""Entity mentions: who each outlet talks about, with the evidence one click away."""

from __future__ import annotations

import streamlit as st

from lib.analysis import ledger as role_ledger
from lib.analysis import mentions
from lib.charts import entities as charts
from lib.nlp.corrections import append_correction
from lib.ui import app, state

ctx = app.setup_page("Entity mentions")
st.title("Who each outlet talks about")
st.caption("Click a bar, a heatmap cell or a node to open that entity's profile and evidence.")
app.note_unknown_outlets(ctx)

BARS_CHART, HEATMAP_CHART, NETWORK_CHART = state.SESSION_ENTITY_CHARTS
FIX_ACTION, FIX_TARGET, FIX_NAME, FIX_LABEL = state.SESSION_FIX_FIELDS


def select_from_chart(chart_key: str) -> None:
    """Chart click callback: the clicked entity becomes the selected one (and the URL's)."""
    entity = charts.selected_entity(st.session_state[chart_key].selection)
    if entity:
        st.session_state[state.ENTITY] = entity


def show_selectable(figure, chart_key: str) -> None:
    """Draw a chart whose point clicks select an entity."""
    app.show_chart(figure, key=chart_key, on_select=lambda: select_from_chart(chart_key), selection_mode="points")


def apply_correction(entity: str) -> None:
    """Form callback: append the correction; the corpus reloads it on this rerun, unparsed."""
    form = st.session_state
    if ctx.read_only:  # the button is disabled; a crafted request must not write either
        return
    fix = mentions.make_correction(
        form[FIX_ACTION], entity, target=form.get(FIX_TARGET) or "",
        new_name=form.get(FIX_NAME) or "", label=form.get(FIX_LABEL) or "",
    )  # fmt: skip
    if isinstance(fix, str):
        form[state.SESSION_CORRECTION] = ("error", fix)
        return
    append_correction(app.corrections_path(ctx), fix)
    form[state.ENTITY] = fix.target if fix.action in ("merge", "rename") else None
    form[state.SESSION_CORRECTION] = ("ok", f"Saved: {fix.action} {fix.entity} {fix.target}")


all_labels = app.cached(mentions.list_corpus_labels)(ctx.corpus)
all_entities = app.cached(mentions.list_corpus_entities)(ctx.corpus)
all_outlets = app.cached(mentions.list_corpus_outlets)(ctx.corpus)
left, middle, right = st.columns([3, 1, 2])
labels = left.multiselect(
    "Entity types", all_labels, key=state.ENTITY_TYPES, bind="query-params", placeholder="All types"
)
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
            view.outlet_counts, view.ranking, metric=metric, mode=mode, outlets=all_outlets
        )
        show_selectable(figure, BARS_CHART)
        st.dataframe(view.ranking, key="entity_ranking_table", hide_index=True)
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
    n_left, n_right = st.columns(2)
    top_nodes = n_left.slider(
        "Most mentioned entities shown", 10, 150, 40, 10, key=state.NETWORK_NODES, bind="query-params"
    )
    min_weight = n_right.slider(
        "Minimum shared sentences per link", 1, 20, 2, key=state.NETWORK_MIN_WEIGHT, bind="query-params"
    )
    nodes, edges = app.cached(mentions.summarise_network)(
        ctx.corpus, ctx.filters, tuple(labels), int(top_nodes), int(min_weight)
    )
    if edges.empty:
        st.info("No pair of these entities shares enough sentences; lower the minimum.")
    else:
        positions = app.cached(charts.layout_network)(nodes, edges)
        selected = st.session_state.get(state.ENTITY)
        figure = app.figure(charts.build_network_figure)(nodes, edges, positions, selected=selected)
        show_selectable(figure, NETWORK_CHART)
        st.caption(f"{len(nodes)} entities, {len(edges)} links (sentences naming both).")


def show_roles() -> None:
    ledger, conflicts = app.cached(mentions.summarise_roles)(ctx.corpus, ctx.filters)
    st.markdown("**Conflicting titles**: one office given to different people at the same time.")
    if conflicts.empty:
        st.caption("No conflicting titles in the articles shown.")
    sentence = st.column_config.TextColumn(width="large")
    st.dataframe(
        conflicts, key="role_conflicts_table", hide_index=True, column_order=role_ledger.CONFLICT_VIEW_COLUMNS,
        column_config={"sentence_a": sentence, "sentence_b": sentence},
    )  # fmt: skip
    app.download_csv(conflicts, "role_conflicts", key="download_role_conflicts")
    st.markdown("**Role ledger**: every title given to a person, as written.")
    st.dataframe(
        ledger, key="role_ledger_table", hide_index=True, column_order=role_ledger.LEDGER_VIEW_COLUMNS,
        column_config={"sentence": sentence},
    )  # fmt: skip
    app.download_csv(ledger, "role_ledger", key="download_role_ledger")


TABS = {"Ranking": show_ranking, "Share of each outlet": show_shares, "Network": show_network,
        "Role ledger": show_roles}
for tab, show in zip(st.tabs(list(TABS), key=state.ENTITY_TAB, bind="query-params"), TABS.values(), strict=True):
    if tab.open:  # only the tab on screen computes and draws its charts
        with tab:
            show()

st.divider()
entity = st.selectbox(
    "Entity profile",
    all_entities,
    index=None,
    key=state.ENTITY,
    bind="query-params",
    placeholder="Pick one, or click one in a chart",
)
profile = app.cached(mentions.profile_entity)(ctx.corpus, ctx.filters, entity) if entity else None
if entity and profile is None:
    st.info(f"{app.escape_markdown(entity)} is not mentioned in the articles passing the filters.")
if profile is not None:
    st.subheader(app.escape_markdown(profile.entity))
    cols = st.columns(4)
    cols[0].metric("Type", profile.label)
    cols[1].metric("Mentions", profile.mentions)
    cols[2].metric("Articles", profile.articles)
    cols[3].metric("Outlets", len(profile.outlets))
    for column, (heading, table, name) in zip(st.columns(3), [
        ("Names merged into it", profile.aliases, "aliases"),
        ("Titles and roles, as written", profile.titles, "titles"),
        ("Named in the same sentences", profile.comentions, "comentions"),
    ], strict=True):
        with column:
            st.markdown(f"**{heading}**")
            st.dataframe(table, key=f"profile_{name}_table", hide_index=True)
            app.download_csv(table, f"{entity}-{name}", key=f"download_profile_{name}")
    outlets_figure = app.figure(charts.build_outlet_profile_figure)(profile.outlets, outlets=all_outlets)
    app.show_chart(outlets_figure, key="profile_outlets")
    st.markdown("**Every sentence that mentions it**")
    links = [app.link_to_article(doc_id, **{state.ENTITY: entity}) for doc_id in profile.kwic["doc_id"]]
    st.dataframe(
        profile.kwic.assign(open=links), key="profile_kwic_table", hide_index=True,
        column_order=["outlet", "published", "left", "keyword", "right", "open"],
        column_config={"open": st.column_config.LinkColumn("Article", display_text="read")},
    )  # fmt: skip
    app.download_csv(profile.kwic, "mentions", key="download_kwic")
    with st.expander("Correct this entity"):
        if ctx.read_only:
            st.caption("🔒 Read-only instance: corrections are disabled.")
        with st.form("entity_correction_form"):
            actions = mentions.CORRECTION_ACTIONS
            st.selectbox("Correction", list(actions), key=FIX_ACTION, format_func=actions.get)
            st.selectbox("Merge into", all_entities, index=None, key=FIX_TARGET)
            st.text_input("New name", key=FIX_NAME)
            st.selectbox("New type", sorted({*all_labels, *charts.TYPE_COLOURS}), index=None, key=FIX_LABEL)
            st.form_submit_button("Save correction", disabled=ctx.read_only, on_click=apply_correction, args=(entity,))
message = st.session_state.pop(state.SESSION_CORRECTION, None)
if message:
    (st.success if message[0] == "ok" else st.error)(app.escape_markdown(message[1]))
