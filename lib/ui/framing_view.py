"""The Source framing view's term, concordance and headline tabs: widgets, charts and their evidence."""

from __future__ import annotations

import streamlit as st

from lib.analysis import comparison, concordance, framing, patterns, terms
from lib.charts import framing as charts
from lib.charts import terms as term_charts
from lib.ui import app, state
from lib.ui.context import PageContext
from lib.ui.framing_tables import show_evidence

SCATTER, BARS = state.SESSION_FRAMING_CHARTS


def pick_term(chart_key: str) -> None:
    """Chart click callback: the clicked term becomes the selected one (and the URL's)."""
    custom = charts.picked_custom(st.session_state[chart_key].selection)
    if custom:  # the term picker is bound to the URL, so the URL follows
        st.session_state[state.FRAMING_TERM] = terms.encode_term(custom[0], custom[1])


def pick_groups(ctx: PageContext, columns: list) -> tuple[str, str, str, object]:
    """The grouping and the two groups, from widgets bound to the URL; returns (by, A, B, outlets)."""
    outlets = app.cached(framing.describe_corpus_outlets)(ctx.corpus, ctx.filters)
    by_col, a_col, b_col = columns
    # A selectbox like its two neighbours, not a radio: one kind of widget fewer to load and draw
    # on the view's first load (bench/browser.py).
    by = by_col.selectbox("Compare groups of", list(comparison.GROUPINGS), key=state.FRAMING_GROUP_BY,
                          bind="query-params")
    group_a = a_col.selectbox("Group A", comparison.list_groups(outlets, by), key=state.FRAMING_OUTLET,
                              bind="query-params")
    group_b = b_col.selectbox("against group B", comparison.list_versus(outlets, by, group_a),
                              key=state.FRAMING_VERSUS, bind="query-params")
    return by, group_a, group_b, outlets


def show_terms(ctx: PageContext) -> None:
    """Distinctive terms of group A against group B: verdict in words, labelled scatter, bars, sentences."""
    *columns, find_col = st.columns([3, 3, 3, 3])
    by, group_a, group_b, outlets = pick_groups(ctx, columns)
    counts = app.cached(framing.count_corpus_terms)(ctx.corpus, ctx.filters)
    result = app.cached(framing.compare_corpus_groups)(ctx.corpus, ctx.filters, by, group_a, group_b,
                                                       counts, outlets)
    if result is None:
        st.info("Pick two groups that each hold at least one outlet of the selection.")
        return
    st.markdown(f"**{app.escape_markdown(result.verdict)}**")
    for note in result.notes:
        st.caption(f"⚠ {app.escape_markdown(note)}")
    st.caption("Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) on lemmas "
               "and noun phrases; z beyond ±1.96 leans to one group at the 95 % level.")
    find = find_term(find_col)
    found = tuple(comparison.find_terms(result.terms, find))
    if find and not found:
        st.caption(f"No compared term contains “{app.escape_markdown(find)}”.")
    picked = terms.decode_term(st.session_state.get(state.FRAMING_TERM))
    sides = term_charts.describe_sides(result, app.cached(charts.colours_of)(ctx.corpus))
    scatter = app.figure(term_charts.build_terms_scatter)(result.terms, sides, selected=picked[1] if picked
                                                          else None, found=found)
    app.show_chart(scatter, key=SCATTER, on_select=lambda: pick_term(SCATTER), selection_mode="points")
    bars, evidence = st.columns([2, 3])
    with bars:
        app.show_chart(app.figure(term_charts.build_strongest_bars)(comparison.strongest_terms(result.terms),
                                                                    sides),
                       key=BARS, on_select=lambda: pick_term(BARS), selection_mode="points")
    with evidence:
        show_term_sentences(ctx, result)


def find_term(column) -> str:
    """The search that rings and labels terms on the scatter, in a popover named after it.

    The text box is drawn only once the popover opens (a text input's code costs every load of
    the view, bench/browser.py); the search itself lives in the URL and applies either way.
    """
    current = str(st.session_state.get(state.FRAMING_FIND) or st.query_params.get(state.FRAMING_FIND) or "").strip()
    label = f"Find on the chart: “{app.escape_markdown(current, limit=24)}”" if current else "Find a term on the chart"
    with column.popover(label, icon=":material/search:", width="stretch", key=state.SESSION_FIND_POPOVER):
        return st.text_input("Terms containing", key=state.FRAMING_FIND, bind="query-params",
                             placeholder="part of a word: rings and labels it")


def show_term_sentences(ctx: PageContext, result: comparison.Comparison) -> None:
    """The picked term's sentences in the two groups, beside the bars and under the scatter."""
    choices = terms.encode_terms(comparison.rank_term_choices(result.terms))
    choice = st.selectbox("Term: click a dot or a bar, or type", choices, index=None, key=state.FRAMING_TERM,
                          bind="query-params", placeholder="Click a term to read its sentences")
    decoded = terms.decode_term(choice)
    if not decoded:
        st.caption("The sentences of the term you pick appear here.")
        return
    kind, term = decoded
    rows = app.cached(framing.list_term_sentences)(ctx.corpus, ctx.filters, term, kind)
    picked = comparison.pick_sides(rows, result)
    st.markdown(f"**“{app.escape_markdown(term)}”** ({app.escape_markdown(kind)}): {len(picked):,} "
                f"sentence{'s' if len(picked) != 1 else ''} in the two groups")
    show_evidence(picked, "term_sentences", first=("text",))


def show_concordance(ctx: PageContext) -> None:
    """Keyword in context for words, wildcards or a regular expression, rates and collocates per outlet."""
    left, right = st.columns([3, 2])
    query = left.text_input("Search", key=state.FRAMING_QUERY, bind="query-params",
                            placeholder="a word or phrase, negotiat* or a pattern such as hostages?")
    mode = right.radio("Read the search as", patterns.MODES, key=state.FRAMING_QUERY_MODE, bind="query-params",
                       horizontal=True, help="words: a word, its lemma or a phrase (“talks” finds “talk”); "
                       "wildcards: * any letters, ? one letter (negotiat*); regex: a regular expression, "
                       "run in linear time (no back-references or look-arounds)")
    if not query.strip():
        st.caption("Type a word, a phrase, a wildcard (* any letters, ? one letter) or a regular expression: "
                   "its rate per outlet, its sentences and its collocates appear here.")
        return
    try:
        counts, kwic = app.cached(framing.search_corpus)(ctx.corpus, ctx.filters, query, mode)
    except patterns.PatternError as error:
        st.error(str(error))
        return
    if not counts["hits"].any():
        st.info(f"No sentence in the selection matches “{app.escape_markdown(query)}” read as {mode}.")
        return
    note = concordance.describe_hit_sample(counts)
    if note:
        st.caption(f"⚠ {app.escape_markdown(note)}")
    colours = app.cached(charts.colours_of)(ctx.corpus)
    chart, collocates = st.columns([3, 2])
    with chart:
        app.show_chart(app.figure(charts.build_concordance_bars)(counts, query=query, colours=colours),
                       key="fr_kwic_chart")
    with collocates:
        lemmas = app.cached(framing.count_corpus_lemmas)(ctx.corpus, ctx.filters)
        found = app.cached(framing.collocate_corpus)(ctx.corpus, ctx.filters, query, mode, lemmas)
        st.markdown("**Top collocates per outlet**")
        st.caption("Content lemmas in the same sentences as the hits, seen there at least twice, ranked by "
                   "logDice (14 is the most exclusive pairing).")
        show_evidence(found, "collocates", first=(), wrap=False, hide=("hits",), height=380)
    st.caption(f"{len(kwic):,} sentences shown (at most 500), by outlet and date.")
    show_evidence(kwic, "concordance", first=("left", "match", "right"), wrap=False, right_aligned=("left",),
                  widths={"left": 340, "match": 120, "right": 340}, height=520)


def show_headlines(ctx: PageContext) -> None:
    """Every article's headline and lede, grouped by outlet and sorted by date."""
    heads = app.cached(framing.compare_headlines)(ctx.corpus, ctx.filters)
    outlets = heads["outlet"].nunique() if not heads.empty else 0
    st.caption(f"{len(heads):,} articles from {outlets:,} outlets: grouped by outlet (most articles first), "
               "oldest first within each, undated last.")
    show_evidence(heads, "headlines", first=("title", "lede"), widths={"title": 300, "lede": 430}, height=620)
