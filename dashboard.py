"""Overview: what is in the corpus, from which outlets and when, and who is mentioned most."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.analysis import overview
from lib.analysis.samples import describe_sample
from lib.analysis.timeline import head_rows
from lib.charts.overview import build_outlet_figure, build_top_entities_figure
from lib.ui import app

TITLE_PX = 320
"""The Overview's titles: narrower than a sentence, so that where each value came from fits beside them."""

ctx = app.setup_page("Overview")
st.title("News framing explorer")
st.caption(
    "Who each outlet talks about, how it frames the same story, and when. "
    "Every number below is computed from the articles shown; open an article to see the text behind it."
)

summary = app.cached(overview.summarise_overview)(ctx.corpus, ctx.filters)
kpis = summary.kpis

columns = st.columns([0.8, 0.8, 1, 2.6, 0.9])  # the date span ("Sep 2002 – Jan 2025") fits whole
columns[0].metric("Articles", kpis.articles)
columns[1].metric(
    "Outlets", kpis.outlets,
    help=f"{kpis.unknown_outlet} article(s) name no outlet we could identify." if kpis.unknown_outlet else None,
)
columns[2].metric("Words", f"{kpis.words:,}")
columns[3].metric(
    "Date span", overview.format_span(kpis.first, kpis.last),
    help=(f"{kpis.first} to {kpis.last}. " if kpis.first else "")
    + (f"{kpis.undated} article(s) have no publication date we can stand behind." if kpis.undated else ""),
)
columns[4].metric("Entities", kpis.entities)
if kpis.unknown_outlet or kpis.undated:
    st.caption(
        f"{kpis.unknown_outlet} article(s) without a known outlet and {kpis.undated} without a known date "
        "are kept and shown as such, never guessed."
    )

st.subheader("Articles")
articles = summary.articles.copy()
shown, note = head_rows(articles, limit=overview.ARTICLE_ROWS)
app.show_evidence(shown, key="articles_table", meaning="title", label="Title", width=TITLE_PX)
if note:
    st.caption(note)
app.download_csv(articles, "articles", key="download_articles")

left, right = st.columns(2)
with left:
    ranked = summary.entities
    if ranked.empty:
        st.info("No named entities in the articles shown.")
    else:
        app.show_chart(app.figure(build_top_entities_figure)(ranked, articles=kpis.articles), key="top_entities_chart")
with right:
    counts = summary.outlets
    if counts.empty:
        st.info("No articles pass the filters.")
    else:
        app.show_chart(app.figure(build_outlet_figure)(counts, colours=app.outlet_colours(ctx)), key="outlets_chart")
sample = describe_sample(kpis.articles)
if sample:
    st.caption(f"⚠ {sample}")

if ctx.corpus.problems:
    with st.expander(f"File messages ({len(ctx.corpus.problems)})"):
        problems = pd.DataFrame([p.__dict__ for p in ctx.corpus.problems])
        st.dataframe(problems, key="problems_table", hide_index=True)
        app.download_csv(problems, "file-messages", key="download_problems")
