"""What the Timeline view computes for a corpus and filters, and the sentences behind a selected point."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from lib.analysis.dates import RESOLVED, parse_published
from lib.analysis.figure_series import flag_discrepancies, list_series, place_figures
from lib.analysis.filters import Filters, apply_filters
from lib.analysis.lanes import (
    GRANULARITIES,
    LANE_POINTS,
    RESOLVED_COLUMNS,
    count_mentions_over_time,
    describe_documents,
    event_lanes,
    floor_period,
    group_event_dates,
    list_sentence_dates,
    list_undated_articles,
    publication_points,
    resolve_events,
    resolve_expressions,
)
from lib.analysis.queries import in_list
from lib.analysis.queries import limit as limit_sql
from lib.analysis.timeline_queries import (
    query_holder_mentions,
    query_named,
    query_preview_ids,
    query_previews,
    query_rows,
    with_pair_sentences,
    with_sentences,
)

if TYPE_CHECKING:
    from lib.store.corpus import Corpus


@dataclass(frozen=True)
class TimelineTables:
    """Everything the timeline view shows that depends only on the corpus and the filters.

    ``published_lanes`` and ``event_lanes`` map each granularity to (points, granularity
    actually used after coarsening to stay under the point budget). No table holds sentences
    (at 100,000 articles those of the date expressions and figures took hundreds of megabytes):
    ``with_sentences`` reads them for the rows shown, ``iterate_with_sentences`` for a download.
    """

    documents: pd.DataFrame
    events: pd.DataFrame
    unresolved: pd.DataFrame
    event_dates: pd.DataFrame
    shared_dates: pd.DataFrame
    sentence_dates: pd.DataFrame
    undated: pd.DataFrame
    figures: pd.DataFrame
    series: pd.DataFrame
    discrepancies: pd.DataFrame
    published_lanes: dict[str, tuple[pd.DataFrame, str]]
    event_lanes: dict[str, tuple[pd.DataFrame, str]]


def _filtered(corpus: Corpus, filters: Filters) -> tuple[pd.DataFrame, set[str]]:
    documents = apply_filters(corpus.documents, filters)
    return documents, set(documents["doc_id"])


RESOLVE_CHUNK = 20_000
"""Articles whose date expressions are resolved at a time (what is kept is only their resolutions)."""


def resolve_corpus_dates(corpus: Corpus, *, chunk: int = RESOLVE_CHUNK) -> pd.DataFrame:
    """doc_id, start and ``RESOLVED_COLUMNS`` of every date expression of the corpus.

    Resolving depends on the expression and its own article only, never on the filters: made once
    per corpus, it leaves a new filter to pick its articles' rows. Read a chunk of articles at a time.
    """
    documents = corpus.documents
    parts = []
    for first in range(0, len(documents), chunk):
        some = documents.iloc[first:first + chunk]
        expressions = query_rows(corpus, some, "date_expressions")
        if not expressions.empty:
            parts.append(resolve_expressions(expressions, some)[["doc_id", "start", *RESOLVED_COLUMNS]])
    if not parts:
        return pd.DataFrame(columns=["doc_id", "start", *RESOLVED_COLUMNS])
    resolved = pd.concat(parts, ignore_index=True)
    return resolved.astype({"status": "category", "granularity": "category", "note": "category"})


def build_timeline(corpus: Corpus, filters: Filters, _resolved: pd.DataFrame | None = None, *,
                   max_points: int = LANE_POINTS) -> TimelineTables:
    """Resolve dates, place figures and bucket the lanes for the articles passing the filters.

    Only their rows are read from the engine: date expressions, figures without their sentences,
    and of the mentions those that placing figures needs (``timeline_queries``); of the sentences,
    a hash of each date expression's preview and the previews the event lanes' hovers show.
    ``_resolved`` is ``resolve_corpus_dates(corpus)``, whose rows are picked instead of resolving
    the dates again (it follows from the corpus: a leading underscore tells Streamlit's cache not to
    hash it).
    """
    documents, _ = _filtered(corpus, filters)
    events = resolve_events(query_rows(corpus, documents, "date_expressions"), documents, resolved=_resolved)
    figures = place_figures(query_rows(corpus, documents, "figures", leave_out=("sentence",)), documents, events,
                            mentions=query_holder_mentions(corpus, documents), named=query_named(corpus, documents))
    event_dates = group_event_dates(events)
    return TimelineTables(
        documents=describe_documents(documents), events=events,
        unresolved=events[events["status"] != RESOLVED].reset_index(drop=True),
        event_dates=event_dates,
        shared_dates=event_dates[event_dates["outlets"] > 1].reset_index(drop=True),
        sentence_dates=list_sentence_dates(events),
        undated=list_undated_articles(documents, events),
        figures=figures, series=list_series(figures), discrepancies=flag_discrepancies(figures),
        published_lanes={grain: publication_points(documents, granularity=grain, max_points=max_points)
                         for grain in GRANULARITIES},
        event_lanes=_event_lanes(corpus, documents, events, max_points),
    )


def _event_lanes(corpus: Corpus, documents: pd.DataFrame, events: pd.DataFrame,
                 max_points: int) -> dict[str, tuple[pd.DataFrame, str]]:
    """The event lanes, their hovers' sentence previews fetched for the lines shown only."""
    resolved = events[events["status"] == RESOLVED]
    if not resolved.empty:
        ids = query_preview_ids(corpus, documents, "date_expressions")
        keys = resolved[["doc_id", "sent_index"]].astype({"sent_index": "int64"})
        found = keys.merge(ids, on=["doc_id", "sent_index"], how="left")["preview_id"]
        resolved = resolved.assign(preview_id=found.to_numpy())
    return event_lanes(resolved, max_points=max_points, previews=lambda keys: query_previews(corpus, keys))


DOWNLOAD_BATCH = 50_000
"""Rows of a table written to a download at a time, each batch with its sentences read for it alone."""


def iterate_with_sentences(corpus: Corpus, rows: pd.DataFrame, *, batch: int = DOWNLOAD_BATCH
                           ) -> Iterator[pd.DataFrame]:
    """The rows (date expressions or figures) ``batch`` at a time, each part with its sentences
    (``with_sentences``): what a download writes part by part, never holding every sentence."""
    if rows.empty:
        yield with_sentences(corpus, rows)
    for first in range(0, len(rows), batch):
        yield with_sentences(corpus, rows.iloc[first:first + batch])



def rank_entity_options(corpus: Corpus, filters: Filters, *, limit: int = 200) -> list[str]:
    """Entities mentioned in the filtered articles, most mentioned first (ties by name)."""
    documents, _ = _filtered(corpus, filters)
    found = corpus.query(f"""SELECT entity, count(*) AS n FROM mentions JOIN chosen USING (doc_id)
                             GROUP BY entity ORDER BY n DESC, entity {limit_sql(limit)}""",
                         chosen=documents[["doc_id"]])
    return found["entity"].tolist()


def build_mention_counts(
    corpus: Corpus, filters: Filters, _sentence_dates: pd.DataFrame, entities: tuple[str, ...],
    granularity: str, basis: str,
) -> pd.DataFrame:
    """Mentions of the chosen entities per outlet and period (article or event date).

    ``_sentence_dates`` is ``build_timeline(corpus, filters).sentence_dates``: it follows from
    the corpus and filters, so a cache keyed on them need not hash it (a leading underscore
    tells Streamlit's cache to skip an argument; hashing it took every rerun of the tab).
    """
    documents, _ = _filtered(corpus, filters)
    where, params = in_list("entity", entities)
    by_event = basis == "event"  # by article date, one row per article and entity is enough
    place = "sent_index" if by_event else "min(sent_index) AS sent_index"
    group = "doc_id, sent_index, entity" if by_event else "doc_id, entity"
    mentions = corpus.query(f"""SELECT doc_id, {place}, entity, count(*) AS count
                                FROM mentions JOIN chosen USING (doc_id) WHERE {where} GROUP BY {group}""",
                            params, chosen=documents[["doc_id"]])
    if not entities:
        mentions = mentions.iloc[0:0]
    return count_mentions_over_time(mentions.astype({"doc_id": "str", "entity": "str"}), documents,
                                    _sentence_dates, entities, granularity=granularity, basis=basis)


POINT_COLUMNS = ["outlet", "title", "published", "sentence", "detail", "doc_id", "sent_index"]
POINT_KINDS = {"pub": "articles published", "event": "dates named", "fig": "reported figure",
               "mention": "mentions"}


def describe_point_kind(key: str) -> str:
    """What a chart point key stands for, in words ("dates named")."""
    return POINT_KINDS.get(key.partition("|")[0], "unknown point")


def _in_period(values: pd.Series, granularity: str, period: str) -> pd.Series:
    return floor_period(values, granularity) == pd.Timestamp(period)


def _figure_point(corpus: Corpus, tables: TimelineTables, rest: str) -> pd.DataFrame:
    doc_id, _, start = rest.rpartition("|")
    figures = tables.figures
    rows = with_sentences(corpus, figures[(figures["doc_id"] == doc_id) & (figures["start"].astype(str) == start)])
    return rows.assign(detail=rows["text"] + " · " + rows["kind"] + " · " + rows["window"])


def _lane_point(corpus: Corpus, tables: TimelineTables, kind: str, rest: str) -> pd.DataFrame:
    granularity, outlet_period = rest.split("|", 1)
    outlet, _, period = outlet_period.rpartition("|")
    if kind == "event":
        events = tables.events
        rows = with_sentences(corpus, events[(events["outlet"] == outlet)
                                             & _in_period(events["date_start"], granularity, period)])
        return rows.assign(detail=rows["text"] + " → " + rows["date_start"].dt.strftime("%Y-%m-%d"))
    documents = tables.documents
    docs = documents[(documents["outlet"] == outlet)
                     & _in_period(documents["published"], granularity, period)]
    first = corpus.query("SELECT doc_id, sent_index, text FROM sentences JOIN chosen USING (doc_id) "
                         "WHERE sent_index = 0", chosen=docs[["doc_id"]]).astype({"doc_id": "str"})
    rows = docs.merge(first.rename(columns={"text": "sentence"}), on="doc_id", how="left")
    return rows.assign(detail="date from " + rows["published_source"].fillna("unknown"),
                       sentence=rows["sentence"].fillna("").str.strip())


def _mention_point(corpus: Corpus, tables: TimelineTables, rest: str) -> pd.DataFrame:
    granularity, basis, remainder = rest.split("|", 2)
    outlet_entity, _, period = remainder.rpartition("|")
    outlet, _, entity = outlet_entity.partition("|")
    chosen = corpus.query(
        """SELECT m.doc_id, m.sent_index, m.text, s.text AS sentence FROM mentions m JOIN chosen USING (doc_id)
           LEFT JOIN sentences s USING (doc_id, sent_index) WHERE m.entity = ? ORDER BY m.doc_id, m.start""",
        [entity], chosen=tables.documents.loc[tables.documents["outlet"] == outlet, ["doc_id"]])
    frame = chosen.astype({"doc_id": "str"}).merge(tables.documents, on="doc_id")
    frame = frame[frame["outlet"] == outlet]
    if basis == "event":
        frame = frame.merge(tables.sentence_dates, on=["doc_id", "sent_index"], how="left")
        when = frame["date_start"]
    else:
        when = frame["published"]
    frame = frame[_in_period(when, granularity, period)] if period else frame[when.isna()]
    return frame.assign(detail=frame["text"], sentence=frame["sentence"].str.strip())


def describe_point(corpus: Corpus, tables: TimelineTables, key: str) -> pd.DataFrame:
    """The sentences (or articles) behind one chart point, found by its key; empty if stale.

    Only articles in ``tables`` (those passing the filters) are looked at.
    """
    kind, _, rest = key.partition("|")
    try:
        if kind == "fig":
            rows = _figure_point(corpus, tables, rest)
        elif kind in {"pub", "event"}:
            rows = _lane_point(corpus, tables, kind, rest)
        elif kind == "mention":
            rows = _mention_point(corpus, tables, rest)
        else:
            rows = pd.DataFrame()
    except (ValueError, KeyError):
        rows = pd.DataFrame()
    if rows.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    rows = rows.assign(sent_index=rows.get("sent_index", 0))
    return rows[POINT_COLUMNS].drop_duplicates(ignore_index=True)


def head_rows(frame: pd.DataFrame, *, limit: int = 2000) -> tuple[pd.DataFrame, str]:
    """The first ``limit`` rows of a table to show, and a note when some were left out (their
    sentences are read apart, for the rows shown: ``add_sentences``)."""
    if len(frame) <= limit:
        return frame, ""
    return frame.head(limit), f"showing the first {limit:,} of {len(frame):,} rows; the CSV has all"


def add_sentences(corpus: Corpus, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows to show with their sentences: both of a pair of figures (``with_pair_sentences``), else
    each row's own (``with_sentences``)."""
    return with_pair_sentences(corpus, rows) if "key_a" in rows else with_sentences(corpus, rows)


def summarise_events_in_range(corpus: Corpus, filters: Filters, span: tuple[date, date] | None,
                              _events: pd.DataFrame, *, limit: int = 2000) -> tuple[int, pd.DataFrame, str]:
    """How many resolved expressions overlap ``span`` (``events_in_range``), and the first ``limit``
    of them with the note ``head_rows`` gives (their sentences are read apart, ``add_sentences``).

    ``_events`` is ``build_timeline(corpus, filters).events``: fixed by the corpus and filters, so a
    cache keyed on them and the span skips it (Streamlit's caches skip an argument with a leading
    underscore). Picking and sorting the expressions took a quarter of a second a rerun at 100,000
    articles; only the rows shown are kept, and a download picks the expressions again when clicked.
    """
    in_range = events_in_range(_events, span)
    return len(in_range), *head_rows(in_range, limit=limit)


def parse_range(value: object) -> tuple[date, date] | None:
    """Read a "YYYY-MM-DD..YYYY-MM-DD" URL value; anything else is None (no range)."""
    if not isinstance(value, str) or ".." not in value:
        return None
    first, _, last = value.partition("..")
    start, end = parse_published(first), parse_published(last)
    if start is None or end is None:
        return None
    return (start, end) if start <= end else (end, start)


def format_range(start: object, end: object) -> str:
    """Write a selected x range (anything pandas reads as a date) as a URL value."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    return f"{min(first, last):%Y-%m-%d}..{max(first, last):%Y-%m-%d}"


def read_selection(selection: Mapping[str, Any]) -> tuple[str, str]:
    """Return (point key, "from..to" range) from a plotly chart selection; "" where absent."""
    points = selection.get("points") or []
    key = next((str(p["customdata"][0]) for p in points if p.get("customdata")), "")
    boxes = selection.get("box") or []
    span = ""
    for box in boxes:
        xs = box.get("x") or []
        if len(xs) == 2:
            try:
                span = format_range(xs[0], xs[1])
            except (ValueError, TypeError):
                span = ""
            break
    return key, span


def events_in_range(events: pd.DataFrame, span: tuple[date, date] | None) -> pd.DataFrame:
    """Resolved expressions whose date range overlaps the selected range (all if none)."""
    resolved = events[events["status"] == RESOLVED]
    if span is None:
        return resolved.sort_values("date_start", ignore_index=True)
    start, end = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    ends = resolved["date_end"].fillna(resolved["date_start"])
    return resolved[(resolved["date_start"] <= end) & (ends >= start)].sort_values(
        "date_start", ignore_index=True)
