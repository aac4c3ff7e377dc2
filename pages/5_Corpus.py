"""Your articles: upload files, paste text or give URLs; see what loaded and what did not, and why."""

from __future__ import annotations

import shutil

import streamlit as st

from lib.analysis.overview import list_file_results
from lib.ingest import uploads
from lib.store.corpus import UPLOAD_PREFIX
from lib.ui import app, state

ctx = app.setup_page("Your articles")
st.title("Your articles")
st.caption(
    "Add articles to the views. They are kept for this browser session only and never change the "
    f"shared corpus folder. Limits: {uploads.MAX_FILES} files per upload, "
    f"{uploads.MAX_FILE_BYTES // (1024 * 1024)} MB per file, zip archives up to "
    f"{uploads.MAX_ZIP_TOTAL_BYTES // (1024 * 1024)} MB unpacked, {uploads.MAX_URLS} URLs at a time."
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
        folder = app.session_upload_dir(create=True)
        remember(uploads.save_uploads(folder, [(f.name, f.getvalue()) for f in files]))
with paste_tab, st.form("paste_form", clear_on_submit=True):
    title = st.text_input("Headline (optional)", key="paste_title")
    text = st.text_area("Article text", height=220, key="paste_text")
    if st.form_submit_button("Add text", icon=":material/content_paste:"):
        remember(uploads.save_pasted(app.session_upload_dir(create=True), text, title=title))
with url_tab, st.form("url_form", clear_on_submit=True):
    given = st.text_area("One URL per line", height=120, key="url_text")
    st.caption("Pages are fetched with trafilatura. A machine without internet access reports each URL as failed.")
    if st.form_submit_button("Fetch", icon=":material/public:"):
        with st.spinner("Fetching…"):
            remember(uploads.fetch_urls(app.session_upload_dir(create=True), uploads.parse_urls(given)))

intake: uploads.Intake | None = st.session_state.get(state.SESSION_INTAKE)
if intake is not None:
    if intake.saved:
        st.success(f"Added {len(intake.saved)} file(s).")
    for name, reason in intake.rejected:
        st.warning(f"**{name}** was not added: {reason}")

st.subheader("Every file and what became of it")
results = list_file_results(ctx.corpus.documents, list(ctx.corpus.problems))
st.dataframe(results, key="file_results", hide_index=True, width="stretch")
app.download_csv(results, "file-results", key="download_file_results")

mine = app.session_upload_dir()
if mine is not None and any(mine.iterdir()):
    count = int(results["file"].str.startswith(UPLOAD_PREFIX).sum())
    st.caption(f"{count} of these rows are your uploads (files starting with `{UPLOAD_PREFIX}`).")
    if st.button("Remove my uploads", key="remove_uploads", icon=":material/delete:"):
        shutil.rmtree(mine, ignore_errors=True)
        st.session_state.pop(state.SESSION_UPLOADS, None)
        st.session_state.pop(state.SESSION_INTAKE, None)
        st.rerun()
