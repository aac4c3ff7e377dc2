"""Article reader: one article's cleaned text with its entities, provenance and removed lines."""

from __future__ import annotations

import streamlit as st

from lib.analysis import reader
from lib.charts.colours import type_tints
from lib.ui import app, state

ctx = app.setup_page("Article", icon="📄")
st.title("Article reader")

choices = app.shared(reader.list_corpus_article_choices)(ctx.corpus)  # read only
PICKER = state.SESSION_ARTICLE_PICKER


def write_article_to_url() -> None:
    """The picked article's id goes in the URL (the picker shows titles, the URL ids)."""
    picked = st.session_state[PICKER]
    if picked:
        st.query_params[state.ARTICLE] = picked
    else:
        st.query_params.pop(state.ARTICLE, None)


from_url = st.query_params.get(state.ARTICLE)
if from_url in choices and st.session_state.get(PICKER) != from_url:
    st.session_state[PICKER] = from_url
shown = choices
if len(choices) > reader.PICKER_LIMIT:
    query = st.text_input("Find an article", key=state.SESSION_ARTICLE_SEARCH,
                          placeholder="Words of its title, outlet or date (YYYY-MM-DD)")
    shown = reader.narrow_article_choices(choices, query, keep=st.session_state.get(PICKER),
                                          limit=reader.PICKER_LIMIT)
    which = "matching" if query.strip() else "newest"
    st.caption(f"{len(choices):,} articles: the picker lists the {len(shown):,} {which}.")
doc_id = st.selectbox(
    "Article", list(shown), index=None, key=PICKER, format_func=choices.get,
    on_change=write_article_to_url, placeholder="Pick an article (or open one from any table)",
)  # fmt: skip
if not doc_id:
    st.info("Pick an article to read it with its entities highlighted.")
    st.stop()
if doc_id not in ctx.doc_ids:
    st.caption("This article is outside the sidebar filters; it is shown anyway.")

entities = app.cached(reader.build_article_view)(ctx.corpus, doc_id, None).entities
entity = st.selectbox(
    "Emphasise the sentences that mention", entities, index=None, key=state.ENTITY,
    bind="query-params", placeholder="Pick an entity in this article",
)  # fmt: skip
sentence = reader.parse_sentence_index(st.query_params.get(state.SENTENCE)) if from_url == doc_id else None
view = app.cached(reader.build_article_view)(ctx.corpus, doc_id, entity, sentence, type_tints())

st.html(view.header)
if view.sentence:
    st.info(f"Opened at this sentence (marked in the text below): “{app.escape_markdown(view.sentence)}”",
            icon=":material/format_quote:")
if entity:
    st.caption(f"{view.focus_sentences} sentence(s) mention {app.escape_markdown(entity)}; they are highlighted.")
    st.html(reader.build_profile_link_html(entity, key=state.ENTITY))
st.html(view.body)
if view.sentence:
    st.html(reader.SCROLL_TO_TARGET, unsafe_allow_javascript=True)

with st.expander("Metadata and where it came from"):
    app.link_page("pages/6_Metadata.py", "Fix this article's metadata", icon=":material/edit_note:",
                  query_params={state.META_FIND: view.key})  # above the table, which moves what follows it as it draws
    app.show_wrapped_table(view.metadata, key="article_metadata_table", widths={"value": 300, "source": 420})
    app.download_csv(view.metadata, "article-metadata", key="download_article_metadata")
with st.expander(f"Lines removed while cleaning ({len(view.removed)})"):
    if view.removed.empty:
        st.caption("Nothing was removed from this article.")
    else:
        app.show_wrapped_table(view.removed, key="article_removed_table", widths={"text": 480, "reason": 300})
        app.download_csv(view.removed, "article-removed-lines", key="download_article_removed")
