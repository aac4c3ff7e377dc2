"""The download bundle: every table of the current corpus and filters, with method notes and versions."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from lib.analysis import claims, framing, mentions, overview, review, timeline
from lib.analysis.csvsafe import escape_frame, to_safe_csv
from lib.analysis.entity_queries import query_outlet_counts, query_ranking
from lib.analysis.filters import Filters, passing_mask
from lib.analysis.measure_queries import has_stored_tones
from lib.analysis.queries import describe_chosen
from lib.records import MENTION_COLUMNS, PIPELINE_VERSION, empty_frame
from lib.store.corpus import Corpus

APP_VERSION = "0.1.0"
BATCH_ARTICLES = 2_000
"""Articles whose mentions are read and written at once: a bundle of any size holds one batch."""
Table = pd.DataFrame | Iterable[pd.DataFrame]
"""A bundle's table: a frame, or frames written one after the other (the mentions, batch by batch)."""
PACKAGES = ("streamlit", "spacy", "pandas", "plotly", "pyarrow", "trafilatura", "dateparser", "vaderSentiment",
            "rapidfuzz")

METHODS = {
    "documents": "One row per article. Each of title, outlet, author, published and url carries *_source "
    "(where the value came from) and *_confidence; 'unknown' means no evidence was found and nothing was guessed.",
    "file_results": "Every file of the corpus folder: loaded (with its number of articles), duplicate (same text "
    "as an earlier file, counted once) or rejected, with the reason.",
    "mentions": "Named-entity spans found by the spaCy model (label; empty for a name the rematch pass found "
    "where the model did not tag it, source 'matched') with the canonical entity they were merged into "
    "(entity) and its label decided by evidence (entity_label); see entity_merges for every merge and its "
    "rule, not_counted for what was left out; corrections.csv applied last.",
    "entities": "One row per canonical entity in the filtered articles: majority label, mentions, articles.",
    "entity_merges": "Every merge of two written forms into one entity, with the rule that made it (same name "
    "folded, surname or shorter form in the same article, transliteration, acronym in brackets or by initials, "
    "…) and the article and sentence that show it.",
    "not_counted": "Spans the model tagged that are not counted as entities (photo credits, bylines, navigation "
    "words, lone titles, lower-case or number-only spans, headline fragments) or were trimmed, with the reason.",
    "entity_outlet_shares": "Each cell is the entity's share of that outlet's entity mentions; small_sample marks "
    "outlets with few mentions, whose shares are unstable.",
    "cooccurrence_edges": "Entities named in the same sentence; weight is the number of such sentences.",
    "role_ledger": "Titles and roles as written (appositives and titles before a name), per person, outlet and "
    "article date.",
    "role_conflicts": "The same one-holder office given to two different people (never two spellings of one) "
    "in articles whose dates overlap; undated articles give no conflict.",
    "distinctive_terms": "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) of "
    "each outlet against all the others, over lemmas and noun phrases, with z-scores.",
    "naming": "Descriptors of the most described actor per outlet, kept apart by voice (the outlet's own or "
    "inside a quote).",
    "quotes": "Direct quotes (one row per paragraph of a long quotation) and reported speech, with the sentence, "
    "the speaker as written and as a canonical entity (empty when unattributed or unnamed: a role such as "
    "'a State Department spokesperson' never becomes the organisation in it), and how it was attributed: verb, "
    "told, according-to, colon, dash, speech-noun, continuation (the previous quote of the same paragraph) or "
    "none. Headlines, subheadlines and captions hold no quotes.",
    "quoted_speakers": "Share of each outlet's quoted words that goes to each speaker.",
    "reporting_verbs": "Reporting verbs per outlet.",
    "attribution_cues": "Attribution and hedging cues (lib/data/cues.csv) counted per outlet.",
    "frames": "Cue-lexicon scores per outlet for the 15 Media Frames Corpus dimensions (Card et al. 2015); "
    "a keyword count, not a trained classifier.",
    "tone": "Mean VADER compound score of each outlet's sentences.",
    "headlines": "Headline and lede of each article, one row per outlet.",
    "event_dates": "Every date expression (spaCy DATE entities and explicit patterns) resolved against its "
    "article's publication date and the tense of its clause: a weekday to the latest such day not after the "
    "article (the next one in a future-tense clause, via dateparser), a year-less date to the nearest such "
    "day (the last one before the article in a past-tense clause, the next one in a future-tense clause), "
    "relative expressions to ranges; in an undated article relative dates stay unresolved.",
    "unresolved_dates": "Date expressions that could not be resolved, with the reason (e.g. the article is undated).",
    "shared_event_dates": "Event dates named by more than one outlet.",
    "reported_figures": "Numbers in the article body tied to what they count (killed, injured, missing, "
    "displaced, arrested, prisoners, hostages held or taken, released, rockets; deal terms such as 'hostages to "
    "be released' kept apart), with qualifier, scope (who is counted), claim holder and claimant entity, and "
    "an as-of date: the date stated, else the article's date, else unknown (as_of_source says which).",
    "figure_series": "Reported figures of the same kind and subject, in order of article date.",
    "figure_discrepancies": "Pairs of figures from different outlets with the same kind and scope, as of the "
    "same stated window or article day, about a story both sentences name, that no single count fits once "
    "hedges ('more than') and rounding are allowed for; reason says why they are comparable.",
    "flags": "Every consistency flag with both sentences and their dates: figures that disagree, and one "
    "office given to two different people at overlapping dates.",
}


def package_versions() -> dict[str, str]:
    """Versions of the packages whose behaviour shapes the numbers."""
    found = {}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def describe_versions(corpus: Corpus) -> dict[str, object]:
    """App, pipeline, model and package versions, for the bundle's versions.json."""
    return {
        "app": APP_VERSION,
        "pipeline": PIPELINE_VERSION,
        "model": {"name": corpus.model.name, "version": corpus.model.version},
        "spacy": corpus.model.spacy_version,
        "packages": package_versions(),
        "corpus_key": corpus.key,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def query_mention_batches(corpus: Corpus, doc_ids: list[str]) -> Iterator[pd.DataFrame]:
    """The mentions of the articles, in corpus order then by place, ``BATCH_ARTICLES`` articles at a time."""
    if not doc_ids:
        yield empty_frame(MENTION_COLUMNS)
    for first in range(0, len(doc_ids), BATCH_ARTICLES):
        ids = doc_ids[first:first + BATCH_ARTICLES]
        batch = pd.DataFrame({"doc_id": pd.Series(ids, dtype="string"), "place": range(len(ids))})
        found = corpus.query("""SELECT m.* FROM mentions m JOIN chosen c USING (doc_id)
                                ORDER BY c.place, m.start, m."end" """, chosen=batch)
        yield found


def query_outlet_shares(corpus: Corpus, documents: pd.DataFrame) -> pd.DataFrame:
    """Each entity's share of each outlet's mentions in the articles (each under its own outlet),
    every entity mentioned in them, most mentioned first."""
    chosen = describe_chosen(documents)
    counts = query_outlet_counts(corpus, chosen, [], known_only=False)
    wanted = query_ranking(corpus, chosen)["entity"].tolist()
    totals = counts.groupby("outlet")["mentions"].sum()
    return mentions.spread_shares(counts.set_index(["entity", "outlet"])["mentions"], totals, wanted)


def table_builders(corpus: Corpus, filters: Filters) -> dict[str, Callable[[], Table]]:
    """Every table of the bundle, as a function that computes it for the corpus and filters."""
    selected = corpus.documents[passing_mask(corpus.documents, filters)]
    ids = selected["doc_id"].tolist()
    roles = cache(lambda: mentions.summarise_roles(corpus, filters))
    quotes = cache(lambda: framing.summarise_quotes_view(corpus, filters))
    times = cache(lambda: timeline.build_timeline(corpus, filters))
    return {
        "documents": lambda: selected.drop(columns=["text", "removed"], errors="ignore"),
        "file_results": lambda: overview.list_file_results(corpus.documents, list(corpus.problems)),
        "mentions": lambda: query_mention_batches(corpus, ids),
        "entities": lambda: query_ranking(corpus, describe_chosen(selected)),
        "entity_merges": lambda: review.list_all_merges(corpus),
        "not_counted": lambda: review.list_not_counted(corpus, filters, []),
        "entity_outlet_shares": lambda: query_outlet_shares(corpus, selected),
        "cooccurrence_edges": lambda: mentions.summarise_network(corpus, filters)[1],
        "role_ledger": lambda: roles()[0],
        "role_conflicts": lambda: roles()[1],
        "distinctive_terms": lambda: framing.summarise_terms_view(corpus, filters).scored,
        "naming": lambda: framing.summarise_naming_view(corpus, filters).table,
        "quotes": lambda: claims.list_quotes(corpus, filters),
        "quoted_speakers": lambda: quotes().speakers,
        "reporting_verbs": lambda: quotes().verbs,
        "attribution_cues": lambda: lexicon_summary(corpus, filters, "cues"),
        "frames": lambda: lexicon_summary(corpus, filters, "frames"),
        "tone": lambda: framing.summarise_tone_view(  # stored scores are summarised in the engine
            corpus, filters, None, None,
            None if has_stored_tones(corpus) else framing.score_corpus_tone(corpus, filters),
        ).overall,
        "headlines": lambda: framing.compare_headlines(corpus, filters),
        "event_dates": lambda: timeline.iterate_with_sentences(corpus, times().events),
        "unresolved_dates": lambda: timeline.iterate_with_sentences(corpus, times().unresolved),
        "shared_event_dates": lambda: times().shared_dates,
        "reported_figures": lambda: timeline.iterate_with_sentences(corpus, times().figures),
        "figure_series": lambda: timeline.iterate_with_sentences(corpus, times().series),
        "figure_discrepancies": lambda: timeline.with_pair_sentences(corpus, times().discrepancies),
        "flags": lambda: claims.list_flags(timeline.with_pair_sentences(corpus, times().discrepancies), roles()[1]),
    }


def iterate_frames(table: Table) -> Iterator[pd.DataFrame]:
    """The frames of a table, one after the other (a frame is its own only one)."""
    if isinstance(table, pd.DataFrame):
        yield table
    else:
        yield from table


def write_csv(archive: zipfile.ZipFile, name: str, table: Table) -> None:
    """Write a table into the archive as safe CSV, frame by frame: the header once, first."""
    with archive.open(name, "w") as member, io.TextIOWrapper(member, encoding="utf-8", newline="") as out:
        written = False
        for frame in iterate_frames(table):
            out.write(escape_frame(frame).to_csv(index=False, header=not written))
            written = True
        if not written:
            out.write(to_safe_csv(pd.DataFrame()))


def lexicon_summary(corpus: Corpus, filters: Filters, which: str) -> pd.DataFrame:
    matches = framing.match_corpus_lexicons(corpus, filters)
    return framing.summarise_lexicon_view(corpus, filters, "", which, None, matches).summary


def describe_filters(filters: Filters) -> dict[str, object]:
    data = asdict(filters)
    return {key: (value.isoformat() if hasattr(value, "isoformat") else value) for key, value in data.items()}


def build_bundle(
    corpus: Corpus, filters: Filters, *, extra: dict[str, Callable[[], Table]] | None = None
) -> bytes:
    """A zip of every table as CSV, METHODS.md, versions.json and filters.json."""
    builders = {**table_builders(corpus, filters), **(extra or {})}
    failed: dict[str, str] = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, build in builders.items():
            try:
                write_csv(archive, f"tables/{name}.csv", build())
            except Exception as error:  # noqa: BLE001 - one measure's failure must not lose the others
                failed[name] = f"{type(error).__name__}: {error}"
        archive.writestr("METHODS.md", methods_note(builders, failed))
        archive.writestr("versions.json", json.dumps(describe_versions(corpus), indent=2))
        archive.writestr("filters.json", json.dumps(describe_filters(filters), indent=2))
    return buffer.getvalue()


def methods_note(builders: dict[str, Callable[[], Table]], failed: dict[str, str]) -> str:
    """A short note per table: what it measures, and which tables could not be computed."""
    lines = ["# What each table measures", ""]
    for name in builders:
        note = METHODS.get(name, "")
        status = f" **Not exported:** {failed[name]}" if name in failed else ""
        lines.append(f"- `tables/{name}.csv`: {note}{status}")
    return "\n".join(lines) + "\n"
