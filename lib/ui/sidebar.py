"""The shared sidebar: navigation, the global filters bound to the URL, the corpus summary, sharing and the bundle."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from lib import PROJECT_DIR
from lib.analysis.filters import Filters, count_hidden, date_bounds, is_upload, outlet_labels
from lib.store.corpus import Corpus
from lib.ui import state
from lib.ui.caching import cached
from lib.ui.context import APP_TITLE, PageContext
from lib.ui.escaping import escape_markdown

PAGES = (
    ("dashboard.py", "Overview", ":material/dashboard:"),
    ("pages/1_Entities.py", "Entity mentions", ":material/groups:"),
    ("pages/2_Framing.py", "Source framing", ":material/compare:"),
    ("pages/3_Timeline.py", "Timeline", ":material/timeline:"),
    ("pages/4_Article.py", "Article reader", ":material/article:"),
    ("pages/7_Stories.py", "Stories", ":material/view_timeline:"),
    ("pages/5_Corpus.py", "Your articles", ":material/upload_file:"),
    ("pages/6_Metadata.py", "Metadata", ":material/edit_note:"),
)


def filter_options(corpus: Corpus) -> tuple[list[str], date | None, date | None]:
    """The outlets and the publication-date bounds the filters offer (cached per corpus)."""
    return sorted(outlet_labels(corpus.documents).unique()), *date_bounds(corpus.documents)


def follow_date_bounds(first: date, last: date) -> None:
    """Widen (or move) the date filter with the corpus, unless the visitor narrowed it.

    A range still equal to the bounds offered last time was never narrowed, so it becomes the
    new bounds: articles added later (uploads dated after the corpus) stay in view.
    """
    bounds = (first, last)
    offered = st.session_state.get(state.SESSION_DATE_BOUNDS)
    current = st.session_state.get(state.DATE_RANGE)
    if offered is not None and offered != bounds and (current is None or tuple(current) == offered):
        st.session_state[state.DATE_RANGE] = bounds
    elif isinstance(current, tuple | list) and len(current) == 2 and not first <= current[0] <= current[1] <= last:
        st.session_state[state.DATE_RANGE] = (max(first, min(current[0], last)), min(last, max(current[1], first)))
    st.session_state[state.SESSION_DATE_BOUNDS] = bounds


def sidebar_filters(corpus: Corpus) -> Filters:
    """Draw the global filters (bound to the URL) and return them."""
    outlets, first, last = cached(filter_options)(corpus)
    chosen = st.sidebar.multiselect(
        "Outlets", outlets, key=state.OUTLETS, bind="query-params", placeholder="All outlets",
    )
    start: date | None = None
    end: date | None = None
    if first and last:
        follow_date_bounds(first, last)
        options = {"min_value": first, "max_value": last, "key": state.DATE_RANGE, "bind": "query-params"}
        if state.DATE_RANGE not in st.session_state:
            options["value"] = (first, last)  # a value set through the state must not be given again
        picked = st.sidebar.date_input("Published between", **options)
        if isinstance(picked, tuple) and len(picked) == 2:
            start, end = picked
    include_undated = st.sidebar.checkbox(
        "Include undated articles", value=True, key=state.UNDATED, bind="query-params",
    )
    mine_only = False
    if is_upload(corpus.documents).any():
        mine_only = st.sidebar.toggle(
            "Only my articles", value=False, key=state.MINE, bind="query-params",
            help="Leave the shared corpus out of every view and compare only the articles you added.",
        )
    copies_once = st.sidebar.toggle(
        "Count copies once", value=True, key=state.COPIES_ONCE, bind="query-params",
        help="A text several outlets ran (a wire story, a re-published release) counts once, for its "
             "origin, in every per-outlet measure. Off: each publisher counts its copy.",
    )
    return Filters(tuple(chosen), start, end, include_undated, mine_only, copies_once)


HIDDEN_BY = {
    "outlets": "the outlet filter", "dates": "the date range", "undated": "leaving out undated articles",
    "shared corpus": "“Only my articles”",
    "copies": "counting copies once",
}


def count_hidden_articles(corpus: Corpus, filters: Filters) -> dict[str, int]:
    """How many articles each active filter hides (cached per corpus and filters)."""
    return count_hidden(corpus.documents, filters)


def note_hidden_articles(corpus: Corpus, filters: Filters) -> None:
    """Say how many articles each active filter hides."""
    for name, count in cached(count_hidden_articles)(corpus, filters).items():
        st.sidebar.caption(f"{HIDDEN_BY[name]} hides {count} article{'s' if count != 1 else ''}")


def sidebar_summary(corpus: Corpus, ctx_doc_ids: tuple[str, ...], read_only: bool) -> None:
    """Name the corpus and model in use, and how many articles pass the filters."""
    box = st.sidebar.container(border=True)
    mine = int(is_upload(corpus.documents).sum())
    shared = len(corpus.documents) - mine
    yours = f" + {mine} of yours" if mine else ""
    box.caption(f"**Corpus** {escape_markdown(Path(corpus.folder).name)}: {shared} articles{yours}")
    box.caption(f"**Model** {corpus.model.label} · spaCy {corpus.model.spacy_version}")
    box.caption(f"**Showing** {len(ctx_doc_ids)} of {len(corpus.documents)} articles")
    if corpus.problems:
        box.caption(f"⚠ {len(corpus.problems)} file messages (see Overview)")
    if read_only:
        box.caption("🔒 Read-only instance: the corpus and corrections cannot be changed.")


def sidebar_navigation() -> None:
    """Links to every view that exists, with readable names."""
    with st.sidebar:
        st.markdown(f"**{APP_TITLE}**")
        for path, label, icon in PAGES:
            if (PROJECT_DIR / path).is_file():
                try:
                    st.page_link(path, label=label, icon=icon)
                except StreamlitPageNotFoundError:
                    break  # a page run on its own (AppTest) has no app around it to link to
        st.divider()


def bundle_download(ctx: PageContext) -> None:
    """A zip of every table for the corpus and filters in view, prepared on request."""
    from lib.analysis.exports import build_bundle

    with st.sidebar.expander("Download all tables", icon=":material/folder_zip:"):
        st.caption("Every table for the articles shown, as CSV, with a method note per measure and the versions.")
        if st.button("Prepare the bundle", key="prepare_bundle"):
            st.session_state[state.SESSION_BUNDLE] = (ctx.corpus.key, ctx.filters)
        if st.session_state.get(state.SESSION_BUNDLE) == (ctx.corpus.key, ctx.filters):
            with st.spinner("Computing every table…"):
                data = cached(build_bundle, max_entries=4)(ctx.corpus, ctx.filters)
            st.download_button(
                "Download bundle (.zip)", data, file_name=f"news-framing-{ctx.corpus.key[:8]}.zip",
                mime="application/zip", key="download_bundle", icon=":material/download:",
            )


def share_link() -> None:
    """The link that reproduces this view, with a copy button."""
    base = str(st.context.url or "").split("?")[0]
    query = urlencode(
        [(key, value) for key in st.query_params if key != state.WORKSPACE  # a visitor's token stays theirs
         for value in st.query_params.get_all(key)], doseq=False
    )
    with st.sidebar.expander("Share this view", icon=":material/link:"):
        st.caption("The link opens this page with the same filters and selections.")
        # The box with a copy button loads a code highlighter (0.2 s of browser time on every
        # page, bench/browser.py), so it is drawn only once asked for.
        if st.toggle("Show the link", key=state.SESSION_SHOW_LINK):
            st.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)
            st.caption("Copy it with the button at the right of the box.")


def find_ignored_link_values(corpus: Corpus, linked: dict[str, list[str]]) -> list[str]:
    """The values of a shared link that this corpus cannot show (they fall back to defaults)."""
    outlets = set(cached(filter_options)(corpus)[0])
    ignored = [f"{state.OUTLETS}={value}" for value in linked[state.OUTLETS] if value not in outlets]
    for value in linked[state.DATE_RANGE]:
        try:
            date.fromisoformat(value)
        except ValueError:
            ignored.append(f"{state.DATE_RANGE}={value}")
    for key in (state.UNDATED, state.MINE, state.COPIES_ONCE):
        ignored += [f"{key}={v}" for v in linked.get(key, []) if v.lower() not in ("true", "false")]
    entities = corpus.entities["entity"]
    ignored += [f"{state.ENTITY}={v}" for v in linked[state.ENTITY] if v and not entities.eq(v).any()]
    articles = corpus.documents["doc_id"]
    ignored += [f"{state.ARTICLE}={v}" for v in linked[state.ARTICLE] if v and not articles.eq(v).any()]
    return ignored


def note_ignored_link_values(ignored: list[str]) -> None:
    """A short note naming link values that were not found and fell back to defaults."""
    if ignored:
        shown = ", ".join(escape_markdown(value, limit=80) for value in ignored[:5])
        st.sidebar.caption(f"Not found in this corpus, so ignored: {shown}")
