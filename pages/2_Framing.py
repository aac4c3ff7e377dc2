"""Source framing: how each outlet tells the same story, measured and shown with its evidence."""

from __future__ import annotations

import streamlit as st

from lib.analysis import cues, framing, measure_queries, samples
from lib.charts import framing as charts
from lib.ui import app, framing_tables, framing_view, state

ctx = app.setup_page("Source framing")
st.title("How each outlet frames the story")
st.caption("Every measure compares all outlets at once; n sits under each outlet, and outlets with "
           "too little text are marked instead of drawn. Pick a term, label or cue to read the "
           "sentences behind a number.")
app.note_unknown_outlets(ctx)
TABS = ["Distinctive terms", "Naming", "Who is quoted", "Attribution & hedging", "Frames", "Tone",
        "Concordance", "Headlines & ledes"]
VIEWS_KEPT = 16
"""Naming and quote views kept (shared, never copied: their evidence tables run to 100,000s of rows)."""


def show_table(frame, name: str, *, first=("text",)) -> None:
    framing_tables.show_evidence(frame, name, first=first)


def note_thin(outlets, measure: str) -> None:
    note = samples.describe_thin(outlets, measure)
    if note:
        st.caption(f"⚠ {app.escape_markdown(note)}")


def show_naming() -> None:
    actors = app.cached(framing.list_actors)(ctx.corpus, ctx.filters)
    left, right = st.columns([3, 1])
    actor = left.selectbox("Actor", actors, key=state.FRAMING_ACTOR, bind="query-params")
    names = right.checkbox("Include name forms", value=True, key=state.FRAMING_NAMES,
                           bind="query-params")
    naming = app.shared(framing.summarise_naming_view, max_entries=VIEWS_KEPT)(ctx.corpus, ctx.filters, actor, names)
    st.caption("Descriptors from appositives, copulas, titles and “the X group” phrases resolved "
               "to the actor; a label inside a quotation is counted apart from the outlet's voice.")
    app.show_chart(app.figure(charts.build_naming_heatmap)(naming.table, naming.outlets, actor=actor or ""),
                    key="fr_naming_chart")
    label = st.selectbox("Label", framing.list_labels(naming.table), index=None,
                         key=state.FRAMING_LABEL, bind="query-params", placeholder="All labels")
    show_table(framing.pick_rows(naming.evidence, "label", label), "naming_evidence")


def show_quotes() -> None:
    kinds = st.radio("Count", list(framing.SPEAKER_KINDS), horizontal=True,
                     key=state.FRAMING_QUOTE_KINDS, bind="query-params")
    quoted = app.shared(framing.summarise_quotes_view, max_entries=VIEWS_KEPT)(ctx.corpus, ctx.filters,
                                                                              framing.SPEAKER_KINDS[kinds])
    app.show_chart(app.figure(charts.build_share_heatmap)(
        quoted.speakers, quoted.speaker_outlets, rows="speaker_label", unit="quoted words",
        title="Each cell: a speaker's share of an outlet's quoted words (%)<br><sub>n quoted words under "
              "each outlet</sub>"), key="fr_speakers_chart")
    note_thin(quoted.speaker_outlets, "speakers")
    app.show_chart(app.figure(charts.build_share_heatmap)(
        quoted.verbs, quoted.verb_outlets, rows="verb", unit="attributed quotes",
        title="Each cell: a reporting verb's share of an outlet's attributed quotes (%)<br><sub>n attributed "
              "quotes under each outlet</sub>"), key="fr_verbs_chart")
    note_thin(quoted.verb_outlets, "verbs")
    speaker = st.selectbox("Speaker", framing.list_labels(quoted.quotes, "speaker_label"),
                           index=None, key=state.FRAMING_SPEAKER, bind="query-params",
                           placeholder="All speakers")
    show_table(framing.pick_rows(quoted.quotes, "speaker_label", speaker), "quotes", first=("quote",))


def show_lexicon(which: str) -> None:
    stamp = cues.lexicon_stamp()
    matching = app.cached(measure_queries.check_lexicons)(ctx.corpus, stamp)
    every = None  # the build's matches serve, read for the articles in view
    if matching != measure_queries.STORED:
        st.caption(f"⚠ {measure_queries.describe_matching(matching)}")
        every = app.shared(framing.match_every_lexicon, max_entries=2)(ctx.corpus, stamp)
    lexicons = app.cached(framing.match_corpus_lexicons)(ctx.corpus, ctx.filters, stamp, every)
    if which == "cues":
        st.caption(f"Cue list `{cues.CUES_FILE.name}` (editable). Cells: hits; colour: per "
                   "1,000 words.")
        options, key = lexicons.cue_lexicon["label"], state.FRAMING_CUE
        title = "Attribution and hedging cues: each cell is an outlet's hits (colour: per 1,000 words)"
    else:
        st.caption(f"The 15 Media Frames Corpus dimensions (Card et al. 2015) scored from "
                   f"`{cues.FRAMES_FILE.name}` (editable); “other” has no cues.")
        options, key = cues.FRAMES, state.FRAMING_FRAME
        title = "Frame cues: each cell is an outlet's hits (colour: per 1,000 words)"
    label = st.selectbox(which.rstrip("s").capitalize(), options, index=None, key=key,
                         bind="query-params", placeholder="Pick one to read its sentences")
    view = app.cached(framing.summarise_lexicon_view)(ctx.corpus, ctx.filters, stamp, which,
                                                      label, lexicons)
    app.show_chart(app.figure(charts.build_lexicon_heatmap)(view.summary, title=title,
                                                 order=() if which == "cues" else cues.FRAMES),
                    key=f"fr_{which}_chart")
    note_thin(view.summary, "lexicon")
    if label:
        show_table(view.evidence, f"{which}_sentences")


def show_tone() -> None:
    note = measure_queries.describe_tone_scoring(ctx.corpus)
    tone = None  # the build's scores serve, summarised in the engine
    if note:
        st.caption(f"⚠ {note}")
        tone = app.cached(framing.score_corpus_tone)(ctx.corpus, ctx.filters)
    left, right = st.columns(2)
    entity = left.selectbox("Sentences mentioning", framing.list_corpus_entities(ctx.corpus),
                            index=None, key=state.ENTITY, bind="query-params",
                            placeholder="Pick an entity")
    outlets = app.cached(framing.list_view_outlets)(ctx.corpus, ctx.filters)
    outlet = right.selectbox("Read an outlet's sentences", outlets,
                             index=None, key=state.FRAMING_TONE_OUTLET, bind="query-params",
                             placeholder="Pick an outlet")
    toned = app.cached(framing.summarise_tone_view)(ctx.corpus, ctx.filters, entity, outlet, tone)
    colours = app.cached(charts.colours_of)(ctx.corpus)
    mark = "each dot is an outlet's mean sentence tone (VADER) with its 95 % interval; n sentences under it"
    app.show_chart(app.figure(charts.build_tone_figure)(toned.overall, title=f"All sentences: {mark}",
                                                        colours=colours), key="fr_tone_chart")
    note_thin(toned.overall, "tone")
    if entity:
        app.show_chart(app.figure(charts.build_tone_figure)(toned.entity, title=f"Sentences naming {entity}: {mark}",
                                                            colours=colours), key="fr_tone_entity_chart")
        note_thin(toned.entity, "tone")
    if outlet:
        show_table(toned.sentences, "tone_sentences")


SHOW = [lambda: framing_view.show_terms(ctx), show_naming, show_quotes, lambda: show_lexicon("cues"),
        lambda: show_lexicon("frames"), show_tone,
        lambda: framing_view.show_concordance(ctx), lambda: framing_view.show_headlines(ctx)]
for tab, show in zip(st.tabs(TABS, key=state.FRAMING_TAB, bind="query-params"), SHOW, strict=True):
    if tab.open:  # only the selected tab runs its analysis
        with tab:
            show()
