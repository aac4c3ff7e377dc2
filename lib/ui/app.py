"""The one Streamlit adapter every page calls: page setup, and the helpers pages draw with.

Pages use ``app.cached``, ``app.shared`` and ``app.figure`` (from ``lib.ui.caching``) through this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from lib.ui import state
from lib.ui.access import is_read_only, require_access
from lib.ui.caching import cached, figure, filtered_doc_ids, shared
from lib.ui.context import APP_TITLE, PageContext
from lib.ui.loading import current_corpus, session_upload_dir
from lib.ui.review import apply_session_corrections
from lib.ui.sidebar import (
    bundle_download,
    find_ignored_link_values,
    note_ignored_link_values,
    share_link,
    sidebar_filters,
    sidebar_navigation,
    sidebar_summary,
)

ARTICLE_PAGE = "Article"


def setup_page(title: str, *, icon: str = "📰") -> PageContext:
    """Configure the page, load the corpus and draw the shared sidebar; every page calls this."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=icon, layout="wide")
    require_access()
    sidebar_navigation()
    corpus = apply_session_corrections(current_corpus())
    linked = {key: st.query_params.get_all(key) for key in (state.OUTLETS, state.DATE_RANGE, state.UNDATED,
                                                             state.ENTITY, state.ARTICLE)}
    filters = sidebar_filters(corpus)
    note_ignored_link_values(find_ignored_link_values(corpus, linked))
    doc_ids = tuple(cached(filtered_doc_ids)(corpus, filters))
    read_only = is_read_only()
    sidebar_summary(corpus, doc_ids, read_only)
    share_link()
    context = PageContext(corpus, filters, doc_ids, read_only)
    bundle_download(context)
    return context


def link_to_article(doc_id: str, **params: str) -> str:
    """Relative URL of the article reader for one article."""
    return f"{ARTICLE_PAGE}?{urlencode({state.ARTICLE: doc_id, **params})}"


def plotly_config(name: str) -> dict[str, Any]:
    """Plotly toolbar settings: PNG downloads named after the chart."""
    return {"toImageButtonOptions": {"format": "png", "filename": f"news-framing-{name}", "scale": 2}}


def show_chart(figure: Any, *, key: str, name: str | None = None, **options: Any) -> Any:
    """Render a plotly figure whose PNG download (toolbar camera) is named after the chart."""
    title = name or key.strip("_").removesuffix("_chart").replace("_", "-")
    return st.plotly_chart(figure, key=key, config=plotly_config(title), **options)


def download_csv(frame: pd.DataFrame, name: str, *, key: str, label: str = "Download CSV") -> None:
    """A CSV download button for a table shown on the page; the CSV is written only when clicked."""
    st.download_button(
        label, lambda: frame.to_csv(index=False).encode("utf-8"), file_name=f"{name}.csv",
        mime="text/csv", key=key, icon=":material/download:", on_click="ignore",
    )


def corrections_path(ctx: PageContext) -> Path:
    """The corrections file the foundation applies to this corpus."""
    return Path(ctx.corpus.corrections_path)


__all__ = [
    "PageContext", "cached", "corrections_path", "download_csv", "figure", "link_to_article", "setup_page",
    "session_upload_dir", "shared", "show_chart",
]
