"""Metadata: each article's outlet, date, author and title with its evidence; fix what is unknown or wrong."""

from __future__ import annotations

import streamlit as st

from lib.analysis import metadata_review
from lib.ui import app, editing, state
from lib.ui.row_fit import fit_table_height

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
                           bind="query-params", on_change=editing.first_page, args=(state.META_WEAK,))
search, paging = st.columns([3, 1], vertical_alignment="bottom")
query = search.text_input("Find articles", key=state.META_FIND, bind="query-params", on_change=editing.first_page,
                          args=(state.META_FIND,),
                          placeholder="Words of a title, outlet, file name or author") or ""
found = editing.find_review_rows(ctx.corpus, ctx.filters, only_uncertain, query)
pages = metadata_review.count_pages(len(found))
editing.keep_page_within(pages)
page = paging.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=state.META_PAGE,
                           bind="query-params")
rows = metadata_review.slice_page(found, page)
pending = editing.pending_edits()
st.caption(f"{metadata_review.describe_page(page, len(rows), len(found))}"
           f"{', matching the search' if query.strip() else ''}, least certain first.")


def source(label: str) -> st.column_config.Column:
    return st.column_config.TextColumn(label, disabled=True, width=editing.SOURCE_PX)


edited = st.data_editor(
    metadata_review.overlay_edits(rows, pending), key=editing.editor_key(rows), hide_index=True, width="stretch",
    num_rows="fixed", row_height=(row_px := editing.fit_editor_rows(rows)), height=fit_table_height(len(rows), row_px),
    column_order=["key", "outlet", "outlet_source", "published", "published_source", "author", "author_source",
                  "title", "title_source"],
    column_config={
        "key": st.column_config.TextColumn("File", disabled=True, width=editing.VALUE_PX),
        "outlet": st.column_config.TextColumn("Outlet", width=editing.VALUE_PX),
        "outlet_source": source("outlet from"),
        "published": st.column_config.TextColumn("Published", width=editing.DATE_PX, help="YYYY-MM-DD"),
        "published_source": source("date from"),
        "author": st.column_config.TextColumn("Author", width=editing.VALUE_PX),
        "author_source": source("author from"),
        "title": st.column_config.TextColumn("Title", width=editing.TITLE_PX),
        "title_source": source("title from"),
    },
)
pending = editing.keep_page_edits(rows, edited)
save, discard, _ = st.columns([2, 1, 3])
if save.button(f"Save all {len(pending)} changed article(s)", key="save_metadata", disabled=not pending,
               type="primary", help="Every unsaved edit, on every page and search"):
    editing.save_all(ctx)
    st.rerun()
if discard.button("Discard all", key="discard_metadata", disabled=not pending, help="Forget every unsaved edit"):
    editing.forget_edits()
    st.rerun()
saved = st.session_state.pop(state.SESSION_METADATA_SAVED, None)
if saved:
    count, problems = saved
    if count:
        st.success(f"Saved {count} article(s). Every view now uses the new values.")
    for problem in problems:
        st.error(problem)
app.download_csv(found, "metadata", key="download_metadata")
