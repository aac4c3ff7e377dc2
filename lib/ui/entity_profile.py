"""The entity profile of the Entity view: names merged into it (with the rule behind each),
titles, outlets, co-mentions, every sentence, and the correction form."""

from __future__ import annotations

import streamlit as st

from lib.analysis import mentions
from lib.analysis import review as review_data
from lib.charts import entities as charts
from lib.records import label_word
from lib.ui import app, state
from lib.ui.escaping import escape_markdown
from lib.ui.review import save_correction

FIX_ACTION, FIX_TARGET, FIX_NAME, FIX_LABEL = state.SESSION_FIX_FIELDS


def apply_correction(ctx: app.PageContext, entity: str) -> None:
    """Form callback: save the correction; the corpus reloads it on this rerun, unparsed."""
    form = st.session_state
    fix = mentions.make_correction(
        form[FIX_ACTION], entity, target=form.get(FIX_TARGET) or "",
        new_name=form.get(FIX_NAME) or "", label=form.get(FIX_LABEL) or "",
    )  # fmt: skip
    if isinstance(fix, str):
        form[state.SESSION_CORRECTION] = ("error", fix)
        return
    where = save_correction(ctx, fix)
    form[state.ENTITY] = fix.target if fix.action in ("merge", "rename") else None
    form[state.SESSION_CORRECTION] = ("ok", f"Saved: {fix.action} {fix.entity} {fix.target}. {where}")


def show_tables(profile: mentions.EntityProfile, merges) -> None:
    """The profile's small tables side by side, each with its CSV download."""
    for column, (heading, table, name) in zip(st.columns(4), [
        ("Names merged into it", profile.aliases, "aliases"),
        ("How they were merged", merges, "merges"),
        ("Titles and roles, as written", profile.titles, "titles"),
        ("Named in the same sentences", profile.comentions, "comentions"),
    ], strict=True):
        with column:
            st.markdown(f"**{heading}**")
            st.dataframe(table, key=f"profile_{name}_table", hide_index=True)
            app.download_csv(table, f"{profile.entity}-{name}", key=f"download_profile_{name}")


def show_correction_form(ctx: app.PageContext, entity: str, all_entities: list[str], all_labels: list[str]) -> None:
    with st.expander("Correct this entity"):
        if ctx.read_only:
            st.caption("🔒 Read-only instance: corrections are kept for your session only.")
        with st.form("entity_correction_form"):
            actions = mentions.CORRECTION_ACTIONS
            st.selectbox("Correction", list(actions), key=FIX_ACTION, format_func=actions.get)
            st.selectbox("Merge into", all_entities, index=None, key=FIX_TARGET)
            st.text_input("New name", key=FIX_NAME)
            types = sorted({*all_labels, *charts.TYPE_COLOURS}, key=label_word)
            st.selectbox("New type", types, index=None, key=FIX_LABEL, format_func=label_word)
            st.form_submit_button("Save correction", on_click=apply_correction, args=(ctx, entity))


def show_profile(ctx: app.PageContext, entity: str, *, all_entities: list[str], all_outlets: list[str],
                 all_labels: list[str]) -> None:
    """Everything about one entity in the articles passing the filters."""
    profile = app.cached(mentions.profile_entity)(ctx.corpus, ctx.filters, entity)
    if profile is None:
        st.info(f"{escape_markdown(entity)} is not mentioned in the articles passing the filters.")
        return
    st.subheader(escape_markdown(profile.entity))
    cols = st.columns(4)
    cols[0].metric("Type", label_word(profile.label))
    cols[1].metric("Mentions", profile.mentions)
    cols[2].metric("Articles", profile.articles)
    cols[3].metric("Outlets", len(profile.outlets))
    show_tables(profile, app.cached(review_data.list_entity_merges)(ctx.corpus, entity))
    outlets_figure = app.figure(charts.build_outlet_profile_figure)(profile.outlets, outlets=all_outlets)
    app.show_chart(outlets_figure, key="profile_outlets")
    st.markdown("**Every sentence that mentions it**")
    links = [app.link_to_article(doc_id, **{state.ENTITY: entity}) for doc_id in profile.kwic["doc_id"]]
    st.dataframe(
        profile.kwic.assign(open=links), key="profile_kwic_table", hide_index=True,
        column_order=["outlet", "published", "left", "keyword", "right", "open"],
        column_config={"open": st.column_config.LinkColumn("Article", display_text="read")},
    )  # fmt: skip
    if profile.mentions > len(profile.kwic):
        st.caption(f"Showing the first {len(profile.kwic):,} of {profile.mentions:,} mentions, by date; "
                   "the CSV has these.")
    app.download_csv(profile.kwic, "mentions", key="download_kwic")
    show_correction_form(ctx, entity, all_entities, all_labels)
