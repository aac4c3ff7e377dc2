"""The entity profile of the Entity view: names merged into it (with the rule behind each),
titles, outlets, co-mentions, every sentence, and the correction form."""

from __future__ import annotations

import streamlit as st

from lib.analysis import mentions
from lib.analysis import review as review_data
from lib.charts import entities as charts
from lib.charts.colours import TYPE_COLOURS
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
            shown = table.assign(label=table["label"].map(label_word)) if "label" in table else table
            st.dataframe(shown[app.visible_columns(list(shown.columns))], key=f"profile_{name}_table",
                         hide_index=True)
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
            types = sorted({*all_labels, *TYPE_COLOURS}, key=label_word)
            st.selectbox("New type", types, index=None, key=FIX_LABEL, format_func=label_word)
            st.form_submit_button("Save correction", on_click=apply_correction, args=(ctx, entity))


def show_sentences(ctx: app.PageContext, profile: mentions.EntityProfile, *, prefix: str = "") -> None:
    """Every sentence that mentions the entity, then its outlets (coloured as in every chart)."""
    st.markdown(f"**Every sentence that mentions it** ({len(profile.kwic)})")
    app.show_evidence(
        profile.kwic, key=f"{prefix}profile_kwic_table", meaning="sentence", label="Sentence",
        columns=["keyword", "outlet", "published", "title"], link_params={state.ENTITY: profile.entity},
        rows=5,
    )  # fmt: skip
    if profile.mentions > len(profile.kwic):
        st.caption(f"Showing the first {len(profile.kwic):,} of {profile.mentions:,} mentions, by date; "
                   "the CSV has these.")
    app.download_csv(profile.kwic, "mentions", key=f"{prefix}download_kwic")
    figure = app.figure(charts.build_outlet_profile_figure)(
        profile.outlets, colours=app.outlet_colours(ctx), entity=profile.entity, total=profile.mentions)
    app.show_chart(figure, key=f"{prefix}profile_outlets")


def show_metrics(profile: mentions.EntityProfile) -> None:
    cols = st.columns(4)
    cols[0].metric("Type", label_word(profile.label))
    cols[1].metric("Mentions", profile.mentions)
    cols[2].metric("Articles", profile.articles)
    cols[3].metric("Outlets", len(profile.outlets))


def show_header(ctx: app.PageContext, entity: str) -> mentions.EntityProfile | None:
    """The entity's name and counts; None, said so, when no article passing the filters mentions it."""
    profile = app.cached(mentions.profile_entity)(ctx.corpus, ctx.filters, entity)
    if profile is None:
        st.info(f"{escape_markdown(entity)} is not mentioned in the articles passing the filters.")
        return None
    st.subheader(escape_markdown(profile.entity))
    show_metrics(profile)
    return profile


@st.dialog("Entity profile", width="large", on_dismiss="rerun")
def show_profile_dialog(ctx: app.PageContext, entity: str) -> None:
    """A chart click's evidence, in view wherever the chart is: the counts and every sentence."""
    profile = show_header(ctx, entity)
    if profile is None:
        return
    show_sentences(ctx, profile, prefix="dialog_")
    st.caption("The full profile (names merged into it, titles, co-mentions, corrections) is below the charts.")


def show_profile(ctx: app.PageContext, entity: str, *, all_entities: list[str], all_labels: list[str]) -> None:
    """Everything about one entity in the articles passing the filters."""
    profile = show_header(ctx, entity)
    if profile is None:
        return
    show_sentences(ctx, profile)
    show_tables(profile, app.cached(review_data.list_entity_merges)(ctx.corpus, entity))
    show_correction_form(ctx, entity, all_entities, all_labels)
