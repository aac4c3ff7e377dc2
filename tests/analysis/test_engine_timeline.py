"""The Timeline read through the engine gives the same tables as the pandas path that read whole tables.

``pandas_timeline`` is ``build_timeline``'s former body: the date expressions, figures and every
mention of the corpus read whole into pandas, then kept for the articles passing the filters, and
figure pairs compared row by row (``pandas_discrepancies``). The engine's tables are compared with
it table by table on the seeds and on the seeds with a copied article, with an outlet and a date
filter; so are the mention counts and the rows behind chart points.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date

import numpy as np
import pandas as pd
import pytest

from lib.analysis import exports, figure_series, lanes, timeline, timeline_queries
from lib.analysis.csvsafe import to_safe_csv, to_safe_csv_parts
from lib.analysis.dates import RESOLVED
from lib.analysis.filters import Filters, apply_filters
from tests.conftest import FIXTURES

FILTERS = {
    "all": Filters(),
    "each copy": Filters(copies_once=False),
    "one outlet": Filters(outlets=("The Times of Israel",)),
    "dated from February": Filters(start=date(2024, 2, 1), include_undated=False),
}


def pandas_discrepancies(placed: pd.DataFrame, *, limit: int = 500) -> pd.DataFrame:
    """``flag_discrepancies`` as it was: every block of candidates turned into records on its own."""
    rows: list[dict[str, object]] = []
    if placed.empty:
        return pd.DataFrame(columns=figure_series.FLAG_COLUMNS)
    dated = placed[placed["as_of"].notna()]
    stated = dated["as_of_source"].astype(str).str.startswith("stated")
    pairs = []
    for _, block in dated[~stated].groupby(["kind", "scope_key", "as_of"]):
        records = block.to_dict("records")
        pairs.extend((a, b) for i, a in enumerate(records) for b in records[i + 1 :])
    for _, block in dated[stated].groupby(["kind", "scope_key"]):
        records = block.sort_values("window_start").to_dict("records")
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                if b["window_start"] > a["window_end"]:
                    break
                pairs.append((a, b))
    for a, b in pairs:
        reason = figure_series.compare_figures(a, b)
        if reason:
            rows.append(figure_series._pair_row(a, b, reason))
        if len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=figure_series.FLAG_COLUMNS)


def pandas_timeline(corpus, filters: Filters) -> dict[str, object]:
    documents = apply_filters(corpus.documents, filters)
    ids = set(documents["doc_id"])

    def rows_of(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["doc_id"].isin(ids)] if "doc_id" in frame else frame

    sentences = rows_of(corpus.sentences)
    events = lanes.resolve_events(rows_of(corpus.table("date_expressions")), documents, sentences)
    figures = figure_series.place_figures(rows_of(corpus.table("figures")), documents, events,
                                          mentions=rows_of(corpus.mentions))
    event_dates = lanes.group_event_dates(events)
    return {
        "documents": lanes.describe_documents(documents), "events": events,
        "unresolved": events[events["status"] != RESOLVED].reset_index(drop=True),
        "event_dates": event_dates,
        "shared_dates": event_dates[event_dates["outlets"] > 1].reset_index(drop=True),
        "sentence_dates": lanes.list_sentence_dates(events),
        "undated": lanes.list_undated_articles(documents, events),
        "figures": figures, "series": figure_series.list_series(figures),
        "discrepancies": pandas_discrepancies(figures),
        "published_lanes": {grain: lanes.publication_points(documents, granularity=grain)
                            for grain in lanes.GRANULARITIES},
        "event_lanes": {grain: lanes.event_points(events, granularity=grain) for grain in lanes.GRANULARITIES},
    }


def pandas_mention_counts(corpus, filters: Filters, sentence_dates: pd.DataFrame, entities: tuple[str, ...],
                          granularity: str, basis: str) -> pd.DataFrame:
    documents = apply_filters(corpus.documents, filters)
    mentions = corpus.mentions[corpus.mentions["doc_id"].isin(set(documents["doc_id"]))]
    return lanes.count_mentions_over_time(mentions, documents, sentence_dates, entities,
                                          granularity=granularity, basis=basis)


def pandas_point(corpus, tables: timeline.TimelineTables, key: str) -> pd.DataFrame:
    """The rows behind a point as they were found: lanes and mentions in whole sentences and mentions."""
    kind, _, rest = key.partition("|")
    documents, sentences = tables.documents, corpus.sentences
    if kind == "pub":
        granularity, outlet_period = rest.split("|", 1)
        outlet, _, period = outlet_period.rpartition("|")
        docs = documents[(documents["outlet"] == outlet)
                         & (lanes.floor_period(documents["published"], granularity) == pd.Timestamp(period))]
        first = sentences[sentences["sent_index"] == 0][["doc_id", "sent_index", "text"]]
        rows = docs.merge(first.rename(columns={"text": "sentence"}), on="doc_id", how="left")
        rows = rows.assign(detail="date from " + rows["published_source"].fillna("unknown"),
                           sentence=rows["sentence"].fillna("").str.strip())
    elif kind == "mention":
        granularity, basis, remainder = rest.split("|", 2)
        outlet_entity, _, period = remainder.rpartition("|")
        outlet, _, entity = outlet_entity.partition("|")
        mentions = corpus.mentions.sort_values(["doc_id", "start"], kind="stable")
        own = mentions[mentions["entity"] == entity][["doc_id", "sent_index", "text"]]
        own = own.merge(sentences[["doc_id", "sent_index", "text"]].rename(columns={"text": "sentence"}),
                        on=["doc_id", "sent_index"], how="left")
        frame = own.merge(documents, on="doc_id")
        frame = frame[frame["outlet"] == outlet]
        if basis == "event":
            frame = frame.merge(tables.sentence_dates, on=["doc_id", "sent_index"], how="left")
            when = frame["date_start"]
        else:
            when = frame["published"]
        in_period = lanes.floor_period(when, granularity) == pd.Timestamp(period) if period else when.isna()
        frame = frame[in_period]
        rows = frame.assign(detail=frame["text"], sentence=frame["sentence"].str.strip())
    else:
        return timeline.describe_point(corpus, tables, key)
    if rows.empty:
        return pd.DataFrame(columns=timeline.POINT_COLUMNS)
    rows = rows.assign(sent_index=rows.get("sent_index", 0))
    return rows[timeline.POINT_COLUMNS].drop_duplicates(ignore_index=True)


def same_table(engine: pd.DataFrame, pandas: pd.DataFrame) -> None:
    """Equal values row by row and column by column (dtypes may differ: int32 against int64, str against object)."""
    assert engine.columns.tolist() == pandas.columns.tolist()
    pd.testing.assert_frame_equal(engine.reset_index(drop=True), pandas.reset_index(drop=True), check_dtype=False,
                                  check_index_type=False, check_column_type=False)


@pytest.fixture(params=["seeds", "copied"])
def corpus(request, seed_corpus, copied_corpus):
    return seed_corpus if request.param == "seeds" else copied_corpus


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("resolved_once", [False, True], ids=["resolved per filter", "resolved per corpus"])
def test_the_timeline_gives_the_pandas_tables(corpus, name: str, resolved_once: bool) -> None:
    resolved = timeline.resolve_corpus_dates(corpus, chunk=2) if resolved_once else None
    tables = timeline.build_timeline(corpus, FILTERS[name], resolved)
    expected = pandas_timeline(corpus, FILTERS[name])
    assert len(expected["events"]) > 0 and len(expected["figures"]) > 0
    for field, value in expected.items():
        if isinstance(value, dict):
            for grain, (points, used) in value.items():
                engine_points, engine_used = getattr(tables, field)[grain]
                assert engine_used == used, (field, grain)
                same_table(engine_points, points)
        else:  # the engine's tables leave sentences out; read for their rows, they are the same
            table = getattr(tables, field)
            same_table(table, value.drop(columns=SENTENCE_COLUMNS, errors="ignore"))
            if field in WITH_SENTENCES:
                same_table(timeline.with_sentences(corpus, table), value)
            elif field == "discrepancies":
                same_table(timeline.with_pair_sentences(corpus, table), value)


SENTENCE_COLUMNS = ["sentence", "sentence_a", "sentence_b"]
WITH_SENTENCES = ("events", "unresolved", "figures", "series")
"""The tables that carried their rows' sentences (the figure pairs carry both of theirs)."""


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_timeline_tables_hold_no_sentences(corpus, name: str) -> None:
    tables = timeline.build_timeline(corpus, FILTERS[name])
    for field in dataclasses.fields(tables):
        value = getattr(tables, field.name)
        frames = [points for points, _ in value.values()] if isinstance(value, dict) else [value]
        for frame in frames:
            assert not set(frame.columns) & set(SENTENCE_COLUMNS), field.name
    assert len(tables.events) > 0 and len(tables.figures) > 0


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("batch", [2, timeline.DOWNLOAD_BATCH])
def test_downloads_are_the_csv_of_the_tables_with_their_sentences(corpus, name: str, batch: int) -> None:
    """A download written batch by batch, each batch's sentences read for it, is byte for byte the
    CSV of the table that held every sentence; so is the export bundle's."""
    tables = timeline.build_timeline(corpus, FILTERS[name])
    expected = pandas_timeline(corpus, FILTERS[name])
    for field in WITH_SENTENCES:
        table = getattr(tables, field)
        parts = list(timeline.iterate_with_sentences(corpus, table, batch=batch))
        assert len(parts) == max(1, -(-len(table) // batch))
        assert all(len(part) <= batch for part in parts)
        assert to_safe_csv_parts(parts) == to_safe_csv(expected[field]), field
    bundle = exports.build_bundle(corpus, FILTERS[name])
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        for member, field in (("event_dates", "events"), ("unresolved_dates", "unresolved"),
                              ("reported_figures", "figures"), ("figure_series", "series"),
                              ("figure_discrepancies", "discrepancies")):
            assert archive.read(f"tables/{member}.csv").decode("utf-8") == to_safe_csv(expected[field]), member


def test_previews_are_python_strip_and_slice(seed_corpus) -> None:
    """The engine's preview of a sentence is ``text.strip()[:90]``, non-ASCII whitespace and
    characters outside the basic plane included."""
    sentences = seed_corpus.sentences[["doc_id", "sent_index", "text"]]
    found = timeline_queries.query_previews(seed_corpus, sentences).merge(sentences, on=["doc_id", "sent_index"])
    assert len(found) == len(sentences) > 0
    assert found["preview"].tolist() == [text.strip()[:90] for text in found["text"]]
    texts = ["\u00a0\u3000 héllo\u2028 wörld 👍🏽 e\u0301 \x1c", "\x85" + "é👍🏽 " * 40 + "\u202f", "  ", "plain"]
    engine = seed_corpus.engine
    for text in texts:
        got = engine.query("SELECT left(trim(?, ?), 90) AS p", [text, timeline_queries.WHITESPACE])["p"].iloc[0]
        assert got == text.strip()[:90]


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("basis", ["article", "event"])
def test_mention_counts_give_the_pandas_tables(corpus, name: str, basis: str) -> None:
    tables = timeline.build_timeline(corpus, FILTERS[name])
    entities = tuple(timeline.rank_entity_options(corpus, FILTERS[name])[:4])
    for grain in lanes.GRANULARITIES:
        counts = timeline.build_mention_counts(corpus, FILTERS[name], tables.sentence_dates, entities, grain, basis)
        expected = pandas_mention_counts(corpus, FILTERS[name], tables.sentence_dates, entities, grain, basis)
        assert counts["mentions"].sum() == expected["mentions"].sum() > 0
        same_table(counts.drop(columns="mentions"), expected.drop(columns="mentions"))
        assert counts["mentions"].tolist() == expected["mentions"].tolist()


def point_keys(corpus, tables: timeline.TimelineTables, filters: Filters) -> list[str]:
    keys = [points["key"].iloc[i] for lanes_of in (tables.published_lanes, tables.event_lanes)
            for points, _ in lanes_of.values() for i in range(min(3, len(points)))]
    keys += tables.figures["key"].head(3).tolist()
    entities = tuple(timeline.rank_entity_options(corpus, filters)[:2])
    for basis in ("article", "event"):
        counts = timeline.build_mention_counts(corpus, filters, tables.sentence_dates, entities, "month", basis)
        keys += counts["key"].head(3).tolist()
    return keys


@pytest.mark.parametrize("name", ["all", "one outlet"])
def test_the_rows_behind_a_point_are_the_pandas_rows(corpus, name: str) -> None:
    tables = timeline.build_timeline(corpus, FILTERS[name])
    keys = point_keys(corpus, tables, FILTERS[name])
    assert {key.partition("|")[0] for key in keys} == {"pub", "event", "fig", "mention"}
    for key in keys:
        rows = timeline.describe_point(corpus, tables, key)
        assert len(rows) > 0, key
        same_table(rows, pandas_point(corpus, tables, key))


def reference_event_lines(resolved: pd.DataFrame) -> pd.Series:
    """An event's hover line as the Timeline wrote it from every event's whole sentence."""
    return ("<b>" + resolved["text"] + "</b> → " + lanes.iso_days(resolved["date_start"])
            + ("…" + lanes.iso_days(resolved["date_end"])).fillna("")
            + ": “" + resolved["sentence"].fillna("").str.slice(0, 90) + "…” ("
            + resolved["title"].fillna("").str.slice(0, 50) + ")")


def reference_hover_lists(frame: pd.DataFrame, keys: list[str], *, limit: int = 5) -> pd.Series:
    lines = frame[keys + ["line"]].astype({"line": "str"}).drop_duplicates()
    shown = lanes.join_per_group(lines, keys, "line", sep="<br>", limit=limit)
    more = lines.groupby(keys, dropna=False).size() - limit
    note = np.where(more > 0, "<br>… and " + more.astype(str) + " more", "")
    return (shown + note).rename("hover")


def reference_event_points(events: pd.DataFrame, granularity: str, max_points: int) -> tuple[pd.DataFrame, str]:
    """The event lane's points and hovers as they were made: a line per event row, from its sentence."""
    resolved = events[events["status"] == RESOLVED]
    if resolved.empty:
        return pd.DataFrame(columns=["outlet", "period", "mentions", "articles", "hover", "key"]), granularity
    resolved = resolved.assign(line=reference_event_lines(resolved))
    frame, used = lanes._coarsen(resolved[["doc_id", "outlet", "text", "date_start", "status", "line"]],
                                 time_column="date_start", groups=["outlet"], granularity=granularity,
                                 max_points=max_points)
    points = frame.groupby(["outlet", "period"]).agg(
        mentions=("text", "size"), articles=("doc_id", "nunique"),
    ).join(reference_hover_lists(frame, ["outlet", "period"])).reset_index()
    points["key"] = f"event|{used}|" + points["outlet"] + "|" + lanes.iso_days(points["period"])
    return points, used


@pytest.fixture(scope="session")
def review_corpus(session_cache, nlp):
    """The review fixture corpus (copies, undated articles, many outlets)."""
    from lib.store.corpus import load_corpus

    return load_corpus(FIXTURES / "review_corpus", cache_dir=session_cache, nlp=nlp)


@pytest.mark.parametrize("which", ["seeds", "copied", "review"])
@pytest.mark.parametrize("name", ["all", "each copy", "one outlet"])
@pytest.mark.parametrize("max_points", [lanes.LANE_POINTS, 3])
def test_event_hovers_are_the_lines_written_from_whole_sentences(request, which: str, name: str,
                                                                 max_points: int) -> None:
    corpus = request.getfixturevalue(f"{which}_corpus" if which != "seeds" else "seed_corpus")
    filters = FILTERS[name]
    tables = timeline.build_timeline(corpus, filters, max_points=max_points)
    events = pandas_timeline(corpus, filters)["events"]
    assert "sentence" in events
    hovers = []
    for grain in lanes.GRANULARITIES:
        points, used = tables.event_lanes[grain]
        expected, expected_used = reference_event_points(events, grain, max_points)
        assert used == expected_used
        same_table(points, expected)
        hovers += points["hover"].tolist()
    if which == "copied" and name == "all":  # the copy names the same dates: more lines than a hover lists
        assert any("… and " in hover for hover in hovers)
