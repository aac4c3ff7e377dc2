"""The one Streamlit adapter: cached corpus, shared sidebar, filters from the URL, cache helpers."""

from __future__ import annotations

import gc
import hmac
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from spacy.language import Language
from streamlit.errors import StreamlitPageNotFoundError

from lib import PROJECT_DIR
from lib.analysis.filters import Filters, date_bounds, outlet_labels, select_doc_ids
from lib.nlp.models import ModelUnavailableError, choose_model_name, load_nlp
from lib.nlp.parsing import prepare_pipeline
from lib.store.corpus import UPLOAD_PREFIX, Corpus, corpus_folder, corrections_file, folder_state, load_corpus
from lib.store.parquet import cache_root, fingerprint
from lib.ui import state

APP_TITLE = "News framing explorer"
ARTICLE_PAGE = "Article"
PAGES = (
    ("dashboard.py", "Overview", ":material/dashboard:"),
    ("pages/1_Entities.py", "Entity mentions", ":material/groups:"),
    ("pages/2_Framing.py", "Source framing", ":material/compare:"),
    ("pages/3_Timeline.py", "Timeline", ":material/timeline:"),
    ("pages/4_Article.py", "Article reader", ":material/article:"),
    ("pages/5_Corpus.py", "Your articles", ":material/upload_file:"),
)
ROOT = PROJECT_DIR
FOLDER_CHECK_SECONDS = 10
"""New or changed files in the corpus folder are noticed within this many seconds."""
T = TypeVar("T")


@dataclass(frozen=True)
class PageContext:
    """What every page works with: the corpus, the filters, and the articles passing them."""

    corpus: Corpus
    filters: Filters
    doc_ids: tuple[str, ...]
    read_only: bool

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of a table whose article passes the global filters."""
        if frame.empty or "doc_id" not in frame:
            return frame
        return frame[frame["doc_id"].isin(self.doc_ids)]

    def documents(self) -> pd.DataFrame:
        """Articles passing the global filters."""
        return self.frame(self.corpus.documents)


def is_read_only() -> bool:
    """READ_ONLY=1 in the environment, or read_only = true in the app's secrets."""
    if os.environ.get("READ_ONLY", "").strip().lower() in ("1", "true", "yes"):
        return True
    return bool(secret("read_only"))


@st.cache_data(ttl=FOLDER_CHECK_SECONDS, max_entries=8, show_spinner=False)
def recent_folder_signature(folder: str) -> str:
    """The corpus folder's signature, rechecked at most every FOLDER_CHECK_SECONDS."""
    return folder_signature(Path(folder))


def folder_signature(folder: Path) -> str:
    """A cheap fingerprint of a folder: names, sizes and modification times of its files."""
    return fingerprint(folder_state(folder))


@dataclass
class CorpusShelf:
    """Loaded corpora shared by every session, with a lock so one build runs at a time."""

    corpora: dict[tuple[str, ...], Corpus]
    lock: threading.Lock
    capacity: int = 4


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def shared_nlp(model_name: str) -> Language:
    """The spaCy pipeline, loaded once per process and only when something must be parsed."""
    return prepare_pipeline(load_nlp(model_name))


@st.cache_resource(show_spinner=False)
def corpus_shelf() -> CorpusShelf:
    """The process-wide shelf of loaded corpora."""
    return CorpusShelf(corpora={}, lock=threading.Lock())


def load_shared_corpus(folder: Path, key: tuple[str, ...], uploads: Path | None = None) -> Corpus:
    """Return the loaded corpus for a folder state, parsing with a progress bar if needed."""
    shelf = corpus_shelf()
    with shelf.lock:
        if key in shelf.corpora:
            return shelf.corpora[key]
        bar = st.empty()

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"Parsing articles with spaCy: {done} of {total}")

        with st.spinner("Reading the corpus…"):
            model = choose_model_name()
            corpus = load_corpus(
                folder, cache_dir=cache_root(None), progress=progress, extra_folder=uploads, model_name=model,
                nlp_loader=lambda: shared_nlp(model),
            )
        bar.empty()
        while len(shelf.corpora) >= shelf.capacity:
            shelf.corpora.pop(next(iter(shelf.corpora)))
        shelf.corpora[key] = corpus
        gc.freeze()  # the model and tables live on: keep them out of every later collection
        return corpus


def session_upload_dir(*, create: bool = False) -> Path | None:
    """This browser session's own folder of uploaded articles (never the shared corpus)."""
    folder = st.session_state.get(state.SESSION_UPLOADS)
    if folder is None and create:
        folder = tempfile.mkdtemp(prefix="news-framing-upload-")
        st.session_state[state.SESSION_UPLOADS] = folder
    return Path(folder) if folder and Path(folder).is_dir() else None


def current_corpus() -> Corpus:
    """The corpus in use; stops the page with a clear message if it cannot be loaded."""
    folder = corpus_folder(None)
    if not folder.is_dir():
        st.error(f"The corpus folder `{folder}` does not exist. Set CORPUS_DIR to a folder of articles.")
        st.stop()
    corrections = corrections_file(folder)
    corrections_key = str(corrections.stat().st_mtime_ns) if corrections.is_file() else ""
    model = os.environ.get("SPACY_MODEL", "")
    key: tuple[str, ...] = (str(folder), recent_folder_signature(str(folder)), str(corrections), corrections_key, model)
    uploads = session_upload_dir()
    if uploads is not None and any(uploads.iterdir()):
        key = (*key, str(uploads), folder_signature(uploads))
    else:
        uploads = None
    try:
        return load_shared_corpus(folder, key, uploads)
    except ModelUnavailableError as error:
        st.error(f"No spaCy model could be loaded. {error}")
        st.stop()
    raise AssertionError("unreachable")


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
    box.caption(f"**Corpus** `{Path(corpus.folder).name}`: {shared} articles{yours}")
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
            if (ROOT / path).is_file():
                try:
                    st.page_link(path, label=label, icon=icon)
                except StreamlitPageNotFoundError:
                    break  # a page run on its own (AppTest) has no app around it to link to
        st.divider()


def secret(name: str) -> object | None:
    """A value from .streamlit/secrets.toml, or None when there is no such file or key."""
    try:
        return st.secrets.get(name)
    except Exception:  # noqa: BLE001 - no or unparsable secrets file means no secret
        return None


def require_access() -> None:
    """Ask for the instance password (secrets: password) or an OIDC login (secrets: [auth])."""
    if secret("auth") and not st.user.is_logged_in:
        st.info("This instance is private. Log in to continue.")
        st.button("Log in", on_click=st.login, key="login_button")
        st.stop()
    password = secret("password")
    if not password or st.session_state.get(state.SESSION_AUTHENTICATED):
        return
    typed = st.text_input("Password", type="password", key="password_input")
    if typed and hmac.compare_digest(str(typed), str(password)):
        st.session_state[state.SESSION_AUTHENTICATED] = True
        st.rerun()
    if typed:
        st.error("Wrong password.")
    st.stop()


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
        [(key, value) for key in st.query_params for value in st.query_params.get_all(key)], doseq=False
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
        shown = ", ".join(f"`{value.replace('`', '')[:80]}`" for value in ignored[:5])
        st.sidebar.caption(f"Not found in this corpus, so ignored: {shown}")


def setup_page(title: str, *, icon: str = "📰") -> PageContext:
    """Configure the page, load the corpus and draw the shared sidebar; every page calls this."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=icon, layout="wide")
    require_access()
    sidebar_navigation()
    corpus = current_corpus()
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


def corpus_hash(corpus: Corpus) -> str:
    """Corpora are identified by their key in every cache."""
    return corpus.key


def filtered_doc_ids(corpus: Corpus, filters: Filters) -> list[str]:
    """Ids of the articles passing the filters (cached per corpus and filter values)."""
    return select_doc_ids(corpus.documents, filters)


HASH_FUNCS: dict[Any, Callable[[Any], Any]] = {Corpus: corpus_hash, Filters: repr}


def cached(function: Callable[..., T], *, max_entries: int = 64) -> Callable[..., T]:
    """Wrap a pure lib function in st.cache_data keyed by corpus key and filter values."""
    return st.cache_data(max_entries=max_entries, show_spinner=False, hash_funcs=HASH_FUNCS)(function)


def shared(function: Callable[..., T], *, max_entries: int = 64) -> Callable[..., T]:
    """Like ``cached``, but every visitor gets the same object instead of an unpickled copy.

    For large results read on every rerun (copying the Timeline's tables at 10,000 articles
    took 0.5 s a run) and for plotly figures (building one, validating every property, took
    up to 0.1 s). The result must not be modified: copy it first (``go.Figure(figure)``).
    """
    return st.cache_resource(max_entries=max_entries, show_spinner=False, hash_funcs=HASH_FUNCS)(function)


figure = shared
"""Chart builders go through ``shared``: each figure is built once per input."""


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
