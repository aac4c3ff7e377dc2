"""Stories: one event's coverage across outlets, side by side, with copies folded under their origin."""

from __future__ import annotations

import streamlit as st

from lib.analysis import stories
from lib.charts.stories import build_story_timeline_figure
from lib.ui import app, state
from lib.ui.row_fit import fit_row_height, fit_table_height

ctx = app.setup_page("Stories")
st.title("Which outlets covered the same event")
st.caption(
    "Articles are grouped into stories by what their text says (TF-IDF similarity) within a week of each "
    "other; copies of one text count once. Pick a story to see its headlines and ledes side by side, "
    "who covered it, and when."
)

listed = app.cached(stories.list_stories)(ctx.corpus, ctx.filters)
if listed.empty:
    st.info(stories.explain_no_stories(ctx.corpus, ctx.filters))
    st.stop()
labels = app.cached(stories.label_stories)(listed)
story = st.selectbox(
    f"Story ({len(listed)} with two or more articles, most outlets first)", listed["story"].tolist(),
    key=state.STORY, bind="query-params", format_func=labels.get,
)
with st.expander("Every story", expanded=False):
    row_px = fit_row_height(listed, {"title": "large"})  # a long headline wraps, never cut at the edge
    st.dataframe(listed.drop(columns=["story"]), key="stories_table", hide_index=True, width="stretch",
                 row_height=row_px, height=fit_table_height(len(listed), row_px),
                 column_config={"title": st.column_config.TextColumn("Story (first headline)", width="large")})
    app.download_csv(listed, "stories", key="download_stories")

view = app.cached(stories.summarise_story)(ctx.corpus, ctx.filters, story)
if view is None:
    st.info("None of this story's articles pass the filters.")
    st.stop()
left, right = st.columns([3, 2])
with left:
    if view.timeline.empty:
        st.caption("No article of this story is dated, so there is no timeline.")
    else:
        figure = app.figure(build_story_timeline_figure)(view.timeline, colours=app.outlet_colours(ctx))
        app.show_chart(figure, key="story_timeline_chart")
with right:
    st.markdown("**Covered by**")
    app.show_wrapped_table(view.coverage, key="story_outlets_table", widths={"outlet": 140}, config={
        "days_after": st.column_config.NumberColumn("days later", format="%d", help="Days after the first report")})
    st.markdown("**Usually cover its topic, not this event**")
    st.caption(f"Topic: {', '.join(view.topic) or 'no named entity'}. Outlets with two or more other articles "
               "naming it.")
    if view.missing.empty:
        st.caption("None.")
    else:
        app.show_wrapped_table(view.missing, key="story_missing_table", widths={"outlet": 200})

st.subheader("Headlines and ledes, side by side")
app.show_evidence(view.articles, key="story_articles_table", meaning="lede", label="Lede", width=360,
                  columns=["title", "outlet", "published", "origin"])
app.download_csv(view.articles, f"story-{story}", key="download_story_articles")
