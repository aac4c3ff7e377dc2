"""Metadata: each article's outlet, date, author and title with its evidence; fix what is unknown or wrong."""

from __future__ import annotations

import streamlit as st

from lib.analysis import metadata_review
from lib.ui import app, editing, state

ctx = app.setup_page("Metadata")
st.title("Check and fix each article's metadata")
st.caption(
    "Every value says where it came from. Least certain articles come first; type a value to set "
    "it, then save. Views update at once, without parsing anything again."
)

unknown = app.cached(metadata_review.count_corpus_unknown_fields)(ctx.corpus, ctx.filters)
columns = st.columns(4)
for column, field in zip(columns, ("outlet", "published", "author", "title"), strict=True):
    column.metric(f"No {'date' if field == 'published' else field}", unknown[field],
                  help=f"Articles shown whose {field} is unknown.")

if ctx.read_only:
    st.info("🔒 Read-only instance: what you set here applies for you only, in this session.")
else:
    st.caption("Saved to `metadata.csv` in the corpus folder (your own articles: to your folder), "
               "with the source “set in the app”.")

only_uncertain = st.toggle("Only articles with an unknown or weak value", key=state.META_WEAK,
                           bind="query-params")
shown = app.cached(metadata_review.review_corpus_metadata)(ctx.corpus, ctx.filters, only_uncertain)


def source(label: str) -> st.column_config.Column:
    return st.column_config.TextColumn(label, disabled=True, width="small")


edited = st.data_editor(
    shown, key="metadata_editor", hide_index=True, width="stretch", num_rows="fixed",
    column_order=["key", "outlet", "outlet_source", "published", "published_source", "author", "author_source",
                  "title", "title_source"],
    column_config={
        "key": st.column_config.TextColumn("File", disabled=True, width="small"),
        "outlet": st.column_config.TextColumn("Outlet", width="small"),
        "outlet_source": source("outlet from"),
        "published": st.column_config.TextColumn("Published", width="small", help="YYYY-MM-DD"),
        "published_source": source("date from"),
        "author": st.column_config.TextColumn("Author", width="small"),
        "author_source": source("author from"),
        "title": st.column_config.TextColumn("Title", width="medium"),
        "title_source": source("title from"),
    },
)
edits = metadata_review.find_edits(shown, edited)
if st.button(f"Save {len(edits)} changed article(s)", key="save_metadata", disabled=not edits, type="primary"):
    st.session_state[state.SESSION_METADATA_SAVED] = editing.save_metadata(ctx, edits)
    st.rerun()
saved = st.session_state.pop(state.SESSION_METADATA_SAVED, None)
if saved:
    count, problems = saved
    if count:
        st.success(f"Saved {count} article(s). Every view now uses the new values.")
    for problem in problems:
        st.error(problem)
app.download_csv(shown, "metadata", key="download_metadata")
