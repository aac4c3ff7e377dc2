"""The shared sidebar: navigation, the global filters bound to the URL, the corpus summary, sharing and the bundle."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from lib import PROJECT_DIR
from lib.analysis.filters import Filters, date_bounds, outlet_labels
from lib.store.corpus import UPLOAD_PREFIX, Corpus
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
    ("pages/5_Corpus.py", "Your articles", ":material/upload_file:"),
)


def filter_options(corpus: Corpus) -> tuple[list[str], date | None, date | None]:
    """The outlets and the publication-date bounds the filters offer (cached per corpus)."""
    return sorted(outlet_labels(corpus.documents).unique()), *date_bounds(corpus.documents)


def sidebar_filters(corpus: Corpus) -> Filters:
    """Draw the global filters (bound to the URL) and return them."""
    outlets, first, last = cached(filter_options)(corpus)
    chosen = st.sidebar.multiselect(
        "Outlets", outlets, key=state.OUTLETS, bind="query-params", placeholder="All outlets",
    )
    start: date | None = None
    end: date | None = None
    if first and last:
        picked = st.sidebar.date_input(
            "Published between", value=(first, last), min_value=first, max_value=last,
            key=state.DATE_RANGE, bind="query-params",
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            start, end = picked
    include_undated = st.sidebar.checkbox(
        "Include undated articles", value=True, key=state.UNDATED, bind="query-params",
    )
    return Filters(tuple(chosen), start, end, include_undated)


def sidebar_summary(corpus: Corpus, ctx_doc_ids: tuple[str, ...], read_only: bool) -> None:
    """Name the corpus and model in use, and how many articles pass the filters."""
    box = st.sidebar.container(border=True)
    mine = int(corpus.documents["file"].str.startswith(UPLOAD_PREFIX).sum())
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
    ignored += [f"{state.UNDATED}={v}" for v in linked[state.UNDATED] if v.lower() not in ("true", "false")]
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
