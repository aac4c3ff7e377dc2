"""Your articles: upload files, paste text or give URLs; watch them parse, see what loaded and why not."""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib.analysis.overview import list_corpus_file_results
from lib.ingest import fetching, uploads
from lib.ingest.limits import describe_limits
from lib.ingest.workspace import expires_at
from lib.records import UPLOAD_PREFIX
from lib.ui import access, app, loading, state

ctx = app.setup_page("Your articles")
limits = access.current_access().limits
st.title("Your articles")
st.caption(
    "Add articles to the views. They are kept in your own workspace, which only the link in your "
    "address bar opens, and never change the shared corpus or its cache. " + describe_limits(limits)
)


def remember(intake: uploads.Intake) -> None:
    st.session_state[state.SESSION_INTAKE] = intake
    st.rerun()


upload_tab, paste_tab, url_tab = st.tabs(["Upload files", "Paste text", "From URLs"])
with upload_tab, st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader(
        "Articles (.txt, .md, .html, .json, .jsonl, .csv, or a .zip of them)",
        type=["txt", "md", "html", "htm", "json", "jsonl", "csv", "zip"],
        accept_multiple_files=True, key="upload_files",
    )
    if st.form_submit_button("Add files", icon=":material/upload:") and files:
        remember(loading.add_articles(partial(uploads.save_uploads, files=[(f.name, f.getvalue()) for f in files])))
with paste_tab, st.form("paste_form", clear_on_submit=True):
    title = st.text_input("Headline (optional)", key="paste_title")
    text = st.text_area("Article text", height=220, key="paste_text")
    if st.form_submit_button("Add text", icon=":material/content_paste:"):
        remember(loading.add_articles(partial(uploads.save_pasted, text=text, title=title)))
with url_tab, st.form("url_form", clear_on_submit=True):
    lines = st.text_area("One URL per line", height=120, key="url_text")
    st.caption("Only public http and https addresses are fetched; a page not complete within "
               f"{limits.fetch_seconds:g} s is not kept.")
    if st.form_submit_button("Fetch", icon=":material/public:"):
        with st.spinner("Fetching…"):
            urls = fetching.split_urls(lines)
            remember(loading.add_articles(partial(fetching.fetch_urls, urls=urls, limits=limits)))

intake: uploads.Intake | None = st.session_state.get(state.SESSION_INTAKE)
if intake is not None:
    if intake.saved:
        st.success(f"Added {len(intake.saved)} file(s); they are parsed in the background.")
    for name, reason in intake.rejected:
        st.warning(f"**{app.escape_markdown(name)}** was not added: {app.escape_markdown(reason)}")


@st.fragment(run_every=1.0)
def show_parse() -> None:
    """The background parse's progress and a cancel button; when it ends, every view reloads."""
    status = loading.workspace_status()
    if status is None or status != st.session_state.get(state.SESSION_JOB_NOTICE) and not status.running:
        st.rerun(scope="app")
    share = status.done / status.total if status.total else 0.0
    st.progress(share, text=f"Parsing your articles: {status.done} of {status.total or '…'} "
                            f"({app.escape_markdown(status.message)})")
    if st.button("Cancel", key="cancel_parse", icon=":material/stop:"):
        loading.cancel_workspace_parse()
        st.rerun(scope="app")


status = loading.workspace_status()
st.session_state[state.SESSION_JOB_NOTICE] = status
if status is not None and status.running:
    show_parse()
elif status is not None and status.state in ("failed", "cancelled"):
    st.warning(f"Your articles are not in the views: the parse was {status.state} "
               f"({app.escape_markdown(status.message)}).")
    if st.button("Parse them again", key="retry_parse", icon=":material/refresh:"):
        loading.start_workspace_parse()
        st.rerun()

st.subheader("Every file and what became of it")
results = app.shared(list_corpus_file_results)(ctx.corpus)  # read only
st.dataframe(results, key="file_results", hide_index=True, width="stretch")
app.download_csv(results, "file-results", key="download_file_results")

mine = loading.current_workspace()
if mine is not None and any(mine.files.iterdir()):
    count = int(results["file"].str.startswith(UPLOAD_PREFIX).sum())
    st.caption(f"{count} of these rows are your articles (files starting with {UPLOAD_PREFIX}). They are kept "
               f"until {expires_at(mine, limits=limits):%Y-%m-%d %H:%M} UTC unless you add more.")
    with st.expander("Your link", icon=":material/key:"):
        st.caption("Anyone with this link sees your articles; the sidebar's shared links never include it.")
        st.code(f"{str(st.context.url or '').split('?')[0]}?{state.WORKSPACE}={mine.token}", language=None)
    if st.button("Delete my articles", key="remove_uploads", icon=":material/delete:"):
        loading.delete_workspace()
        st.rerun()
