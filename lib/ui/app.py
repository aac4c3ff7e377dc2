"""The one Streamlit adapter every page calls: page setup, and the helpers pages draw with.

Pages use ``app.cached``, ``app.shared`` and ``app.figure`` (from ``lib.ui.caching``) through this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from lib.analysis.csvsafe import to_safe_csv, to_safe_csv_parts
from lib.analysis.filters import Filters, count_unknown_outlet
from lib.charts.colours import corpus_outlet_colours
from lib.store.corpus import Corpus
from lib.ui import state
from lib.ui.access import require_access
from lib.ui.caching import cached, figure, filtered_doc_ids, shared
from lib.ui.context import APP_TITLE, PageContext
from lib.ui.escaping import escape_markdown
from lib.ui.evidence import (
    link_to_article,
    show_evidence,
    show_paired_evidence,
    show_wrapped_table,
    visible_columns,
)
from lib.ui.loading import current_corpus, note_workspace_parse, session_upload_dir
from lib.ui.review import apply_session_corrections
from lib.ui.sidebar import (
    bundle_download,
    find_ignored_link_values,
    note_hidden_articles,
    note_ignored_link_values,
    share_link,
    sidebar_filters,
    sidebar_navigation,
    sidebar_summary,
)

LINKED_KEYS = (state.OUTLETS, state.DATE_RANGE, state.UNDATED, state.MINE, state.COPIES_ONCE, state.ENTITY,
               state.ARTICLE)
"""URL values every page checks against the corpus (an unknown one is named, then ignored)."""


def setup_page(title: str, *, icon: str = "📰") -> PageContext:
    """Configure the page, load the corpus and draw the shared sidebar; every page calls this."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=icon, layout="wide")
    access = require_access()
    sidebar_navigation()
    corpus = apply_session_corrections(current_corpus())
    note_workspace_parse()
    linked = {key: st.query_params.get_all(key) for key in LINKED_KEYS}
    filters = sidebar_filters(corpus)
    note_hidden_articles(corpus, filters)
    note_ignored_link_values(find_ignored_link_values(corpus, linked))
    doc_ids = tuple(cached(filtered_doc_ids)(corpus, filters))
    read_only = access.read_only
    sidebar_summary(corpus, doc_ids, read_only)
    share_link()
    context = PageContext(corpus, filters, doc_ids, read_only)
    bundle_download(context)
    return context


def corpus_colours(corpus: Corpus) -> dict[str, str]:
    """The corpus's outlet colours (lib.charts.colours), made from the whole corpus, never the filtered part."""
    return corpus_outlet_colours(corpus.documents)


def outlet_colours(ctx: PageContext) -> dict[str, str]:
    """The one outlet -> colour map every chart of every page uses (cached per corpus)."""
    return cached(corpus_colours)(ctx.corpus)


def plotly_config(name: str) -> dict[str, Any]:
    """Plotly toolbar settings: PNG downloads named after the chart."""
    return {"toImageButtonOptions": {"format": "png", "filename": f"news-framing-{name}", "scale": 2}}


def show_chart(figure: Any, *, key: str, name: str | None = None, **options: Any) -> Any:
    """Render a plotly figure whose PNG download (toolbar camera) is named after the chart."""
    title = name or key.strip("_").removesuffix("_chart").replace("_", "-")
    return st.plotly_chart(figure, key=key, config=plotly_config(title), **options)


def download_csv(frame: pd.DataFrame, name: str, *, key: str, label: str = "Download CSV") -> None:
    """A CSV download button for a table shown on the page; the CSV is written only when clicked,
    with formula-leading cells escaped (lib.analysis.csvsafe)."""
    st.download_button(
        label, lambda: to_safe_csv(frame).encode("utf-8"), file_name=f"{name}.csv",
        mime="text/csv", key=key, icon=":material/download:", on_click="ignore",
    )


def download_csv_parts(parts: Callable[[], Iterable[pd.DataFrame]], name: str, *, key: str,
                       label: str = "Download CSV") -> None:
    """A CSV download button for a table written part by part (``parts()`` gives the frames, each
    with what the page's table leaves out, such as sentences), only when clicked."""
    st.download_button(
        label, lambda: to_safe_csv_parts(parts()).encode("utf-8"), file_name=f"{name}.csv",
        mime="text/csv", key=key, icon=":material/download:", on_click="ignore",
    )


def count_unknown_outlet_articles(corpus: Corpus, filters: Filters) -> int:
    """Articles in view without a known outlet (cached per corpus and filters)."""
    return count_unknown_outlet(corpus.documents, filters)


def note_unknown_outlets(ctx: PageContext) -> None:
    """Say how many articles per-outlet measures leave out for want of an outlet, and where to fix it."""
    count = cached(count_unknown_outlet_articles)(ctx.corpus, ctx.filters)
    if count:
        noun = "article without a known outlet is" if count == 1 else "articles without a known outlet are"
        st.caption(
            f"{count} {noun} left out of these per-outlet measures (never compared as one outlet). "
            f"Set the outlet in Metadata to include {'it' if count == 1 else 'them'}."
        )
        link_page("pages/6_Metadata.py", "Set outlets in Metadata", icon=":material/edit_note:")


def link_page(path: str, label: str, *, icon: str | None = None, query_params: dict[str, str] | None = None) -> None:
    """A link to another view, opened with ``query_params`` when given (plain text when the page
    runs alone, outside the app)."""
    try:
        st.page_link(path, label=label, icon=icon, query_params=query_params)
    except StreamlitPageNotFoundError:
        st.caption(label)


def corrections_path(ctx: PageContext) -> Path:
    """The corrections file the foundation applies to this corpus."""
    return Path(ctx.corpus.corrections_path)


__all__ = [
    "PageContext", "cached", "corrections_path", "download_csv", "download_csv_parts", "escape_markdown", "figure",
    "link_to_article",
    "note_unknown_outlets", "outlet_colours", "session_upload_dir", "setup_page", "shared", "show_chart",
    "show_evidence", "show_paired_evidence", "show_wrapped_table", "visible_columns",
]
