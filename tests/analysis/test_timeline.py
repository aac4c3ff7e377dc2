"""Tests of timeline analysis: date resolution, event grouping, figure series and discrepancies."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from lib.analysis import figure_series, lanes, timeline
from lib.analysis.dates import NEEDS_ANCHOR, RESOLVED, UNRESOLVED, resolve_date_expression
from lib.analysis.filters import Filters

TUESDAY = date(2024, 7, 9)
D = date


@pytest.mark.parametrize(
    ("text", "anchor", "preceding", "start", "end", "granularity"),
    [
        # weekdays: the most recent such day not after the article date, the same day included
        ("Tuesday", TUESDAY, "on", D(2024, 7, 9), D(2024, 7, 9), "day"),
        ("Monday", TUESDAY, "on", D(2024, 7, 8), D(2024, 7, 8), "day"),
        ("Wednesday", TUESDAY, "", D(2024, 7, 3), D(2024, 7, 3), "day"),
        ("last Tuesday", TUESDAY, "", D(2024, 7, 2), D(2024, 7, 2), "day"),
        ("Earlier Tuesday", TUESDAY, "", D(2024, 7, 9), D(2024, 7, 9), "day"),
        ("late Wednesday evening", D(2024, 2, 8), "", D(2024, 2, 7), D(2024, 2, 7), "day"),
        # year-less dates keep the latest year on or before the article date
        ("October 7", D(2024, 2, 8), "on", D(2023, 10, 7), D(2023, 10, 7), "day"),
        ("Oct. 7", D(2024, 3, 26), "an", D(2023, 10, 7), D(2023, 10, 7), "day"),
        ("October 7", D(2024, 10, 7), "", D(2024, 10, 7), D(2024, 10, 7), "day"),
        ("December 31", D(2024, 1, 2), "", D(2023, 12, 31), D(2023, 12, 31), "day"),
        ("January 1", D(2024, 1, 1), "", D(2024, 1, 1), D(2024, 1, 1), "day"),
        ("Monday", D(2024, 1, 2), "", D(2024, 1, 1), D(2024, 1, 1), "day"),
        ("Sunday", D(2024, 1, 2), "", D(2023, 12, 31), D(2023, 12, 31), "day"),
        # explicit dates need no anchor
        ("October 7, 2023", None, "on", D(2023, 10, 7), D(2023, 10, 7), "day"),
        ("March 26,2024", None, "", D(2024, 3, 26), D(2024, 3, 26), "day"),
        ("12 March 2024", None, "", D(2024, 3, 12), D(2024, 3, 12), "day"),
        ("2024-01-15", None, "", D(2024, 1, 15), D(2024, 1, 15), "day"),
        ("2023/10/07", None, "", D(2023, 10, 7), D(2023, 10, 7), "day"),
        ("March 2023", None, "in", D(2023, 3, 1), D(2023, 3, 31), "month"),
        ("2023", None, "in", D(2023, 1, 1), D(2023, 12, 31), "year"),
        # ranges
        ("March", TUESDAY, "in", D(2024, 3, 1), D(2024, 3, 31), "month"),
        ("December", D(2024, 1, 15), "in", D(2023, 12, 1), D(2023, 12, 31), "month"),
        ("March", D(2024, 3, 26), "in", D(2024, 3, 1), D(2024, 3, 26), "month"),
        ("early March", TUESDAY, "since", D(2024, 3, 1), TUESDAY, "since"),
        ("January", D(2024, 3, 26), "since", D(2024, 1, 1), D(2024, 3, 26), "since"),
        ("last week", TUESDAY, "", D(2024, 7, 1), D(2024, 7, 7), "week"),
        ("last week", D(2024, 1, 3), "", D(2023, 12, 25), D(2023, 12, 31), "week"),
        ("this week", D(2024, 2, 8), "", D(2024, 2, 5), D(2024, 2, 11), "week"),  # all of it
        ("earlier this week", TUESDAY, "", D(2024, 7, 8), TUESDAY, "week"),
        ("six weeks ago", TUESDAY, "", D(2024, 5, 27), D(2024, 6, 2), "week"),
        ("the past two days", TUESDAY, "in", D(2024, 7, 7), TUESDAY, "range"),
        ("the past 24 hours", TUESDAY, "over", D(2024, 7, 8), TUESDAY, "range"),
        ("the weekend", TUESDAY, "over", D(2024, 7, 6), D(2024, 7, 7), "range"),
        ("yesterday", D(2024, 1, 1), "", D(2023, 12, 31), D(2023, 12, 31), "day"),
        ("this morning", TUESDAY, "", TUESDAY, TUESDAY, "day"),
    ],
)
def test_resolved(text, anchor, preceding, start, end, granularity) -> None:
    resolution = resolve_date_expression(text, anchor, preceding)
    assert (resolution.status, resolution.start, resolution.end, resolution.granularity) == (
        RESOLVED,
        start,
        end,
        granularity,
    )


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "start", "end"),
    [
        # a weekday: the last one on or before the article, the next one in a future clause
        ("Friday", TUESDAY, "future", D(2024, 7, 12), D(2024, 7, 12)),  # "will meet on Friday"
        ("Friday", TUESDAY, "past", D(2024, 7, 5), D(2024, 7, 5)),  # "met on Friday"
        ("Tuesday", TUESDAY, "future", D(2024, 7, 16), D(2024, 7, 16)),
        ("next Friday", TUESDAY, "", D(2024, 7, 12), D(2024, 7, 12)),
        # a date without a year: the nearest, the last one before in a past clause
        ("March 11", D(2025, 3, 5), "present", D(2025, 3, 11), D(2025, 3, 11)),  # "meets again on March 11"
        ("March 11", D(2025, 3, 5), "past", D(2024, 3, 11), D(2024, 3, 11)),
        ("March 11", D(2025, 3, 20), "future", D(2026, 3, 11), D(2026, 3, 11)),
        ("October 7", D(2024, 4, 8), "", D(2023, 10, 7), D(2023, 10, 7)),  # news looks back
        # a month: "by October" in a May article looking ahead is this year's October
        ("October", D(2007, 5, 1), "future", D(2007, 10, 1), D(2007, 10, 31)),
        ("October", D(2007, 5, 1), "past", D(2006, 10, 1), D(2006, 10, 31)),
        ("March", D(2024, 3, 26), "future", D(2024, 3, 26), D(2024, 3, 31)),
        # this/next unit
        ("this week", D(2024, 2, 8), "past", D(2024, 2, 5), D(2024, 2, 8)),
        ("the remainder of this week", D(2009, 1, 17), "present", D(2009, 1, 17), D(2009, 1, 18)),
        ("next month", D(2009, 1, 17), "present", D(2009, 2, 1), D(2009, 2, 28)),
        ("early next week", TUESDAY, "future", D(2024, 7, 15), D(2024, 7, 17)),
        ("last year's", D(2021, 2, 7), "", D(2020, 1, 1), D(2020, 12, 31)),
        # years written as said (VOA Special English)
        ("two thousand five", D(2005, 12, 28), "", D(2005, 1, 1), D(2005, 12, 31)),
        ("nineteen eighty-one", None, "", D(1981, 1, 1), D(1981, 12, 31)),
    ],
)
def test_resolved_by_tense(text, anchor, tense, start, end) -> None:
    resolution = resolve_date_expression(text, anchor, "", tense)
    assert (resolution.status, resolution.start, resolution.end) == (RESOLVED, start, end)


def test_a_weekday_written_with_a_date_picks_the_year() -> None:
    # "The first Matariki holiday is scheduled for Friday, June 24 of next year." (7 February 2021)
    resolution = resolve_date_expression("Friday, June 24 of next year", D(2021, 2, 7), "for", "future")
    assert (resolution.start, resolution.end) == (D(2022, 6, 24), D(2022, 6, 24))
    assert resolve_date_expression("Friday, June 24", D(2021, 2, 7), "").start == D(2022, 6, 24)


def test_an_indefinite_weekday_is_no_particular_day() -> None:
    # "… would likely always fall on a Monday or Friday according to Ardern."
    resolution = resolve_date_expression("Monday", D(2021, 2, 7), "a", "conditional")
    assert (resolution.status, resolution.note) == (UNRESOLVED, "any such day, not a particular one")


def test_a_bare_weekday_is_the_day_the_article_writes_with_it() -> None:
    # Global Voices, 20 September 2013: "… on Thursday, September 12, 2013 …" then "The toll
    # since Thursday is nine dead": that Thursday, not the one before the article.
    expressions = pd.DataFrame([
        {"doc_id": "a", "sent_index": 0, "start": 0, "end": 29, "text": "Thursday, September 12, 2013",
         "source": "ner", "preceding": "on", "tense": "past"},
        {"doc_id": "a", "sent_index": 3, "start": 90, "end": 98, "text": "Thursday", "source": "ner",
         "preceding": "since", "tense": "present"},
    ])
    documents = documents_frame(("a", "Global Voices", "2013-09-20"))
    sentences = pd.DataFrame({"doc_id": ["a", "a"], "sent_index": [0, 3], "text": ["s0", "s3"]})
    events = lanes.resolve_events(expressions, documents, sentences)
    since = events.iloc[1]
    assert (since["date_start"], since["date_end"], since["granularity"]) == (
        pd.Timestamp("2013-09-12"), pd.Timestamp("2013-09-20"), "since")
    undated = lanes.resolve_events(expressions, documents_frame(("a", "Global Voices", "")), sentences)
    assert undated.iloc[1]["status"] == NEEDS_ANCHOR


def test_since_a_year_written_in_words_runs_to_the_article() -> None:
    resolution = resolve_date_expression("nineteen eighty-one", D(2005, 12, 28), "since")
    assert (resolution.start, resolution.end, resolution.granularity) == (D(1981, 1, 1), D(2005, 12, 28), "since")


@pytest.mark.parametrize(
    ("text", "anchor", "status", "note"),
    [
        ("Friday", None, NEEDS_ANCHOR, "relative to the article date, which is unknown"),
        ("six weeks ago", None, NEEDS_ANCHOR, "relative to the article date, which is unknown"),
        ("October 7", None, NEEDS_ANCHOR, "relative to the article date, which is unknown"),
        ("day 172", TUESDAY, UNRESOLVED, "not understood"),
        ("Ramadan", TUESDAY, UNRESOLVED, "no calendar date in the expression"),
        ("daily", TUESDAY, UNRESOLVED, "no calendar date in the expression"),
        ("recent weeks", TUESDAY, UNRESOLVED, "vague period"),
        ("a few weeks ago", TUESDAY, UNRESOLVED, "vague span"),
        ("a day earlier", TUESDAY, UNRESOLVED, "relative to another event, not to the article date"),
        ("two weeks", TUESDAY, UNRESOLVED, "a duration, not a date"),
        ("February 30, 2024", None, UNRESOLVED, "not a calendar date"),
    ],
)
def test_not_resolved(text, anchor, status, note) -> None:
    resolution = resolve_date_expression(text, anchor, "")
    assert (resolution.status, resolution.start, resolution.note) == (status, None, note)


def test_since_an_explicit_date_in_an_undated_article_is_open_ended() -> None:
    resolution = resolve_date_expression("October 7, 2023", None, "since")
    assert (resolution.start, resolution.end, resolution.granularity) == (D(2023, 10, 7), None, "since")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-01..2024-03-31", (D(2024, 2, 1), D(2024, 3, 31))),
        ("2024-03-31..2024-02-01", (D(2024, 2, 1), D(2024, 3, 31))),
        ("2024-02-01", None),
        ("yesterday..today", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_range(value, expected) -> None:
    assert timeline.parse_range(value) == expected


def test_read_selection() -> None:
    selection = {
        "points": [{"customdata": ["fig|abc|12", 5]}],
        "box": [{"x": ["2024-03-05 12:00", "2024-01-02"]}],
    }
    assert timeline.read_selection(selection) == ("fig|abc|12", "2024-01-02..2024-03-05")
    assert timeline.read_selection({}) == ("", "")


TOI_253 = ("War erupted on October 7 when thousands of Hamas-led terrorists burst into Israel from the Gaza "
           "Strip, massacring 1,200 people, mostly civilians, and abducting 253 people of all ages.")


def figure_row(**values) -> dict:
    row = {
        "doc_id": "a",
        "sent_index": 0,
        "start": 0,
        "end": 3,
        "text": "",
        "value": 253.0,
        "qualifier": "",
        "kind": "hostages taken",
        "subject": "people",
        "scope": "people",
        "holder": "",
        "holder_name": "",
        "holder_name_start": None,
        "window": "windowed",
        "window_text": "on October 7",
        "sentence": TOI_253,
    }
    return row | values


def documents_frame(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"doc_id": d, "outlet": o, "published": p, "title": d, "published_source": "test"} for d, o, p in rows]
    )


def mentions_frame(*rows: tuple[str, str]) -> pd.DataFrame:
    """(doc_id, entity) mentions in each figure's sentence (sentence 0)."""
    return pd.DataFrame([{"doc_id": d, "sent_index": 0, "start": 100 + i, "end": 105 + i, "text": e,
                          "label": "GPE", "entity": e, "entity_label": "GPE"} for i, (d, e) in enumerate(rows)])


NO_EVENTS = lanes.resolve_events(pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
BOTH_NAME_ISRAEL = mentions_frame(("a", "Israel"), ("a", "Hamas"), ("b", "Israel"))


@pytest.mark.parametrize(
    ("second", "published_b", "flagged"),
    [
        ({"value": 251.0}, "2024-03-21", True),  # the same day, as stated by both: 253 against 251
        ({"value": 251.0, "window": "cumulative", "window_text": ""}, "2024-03-21", False),  # as of another date
        ({"value": 251.0, "window": "cumulative", "window_text": ""}, "", False),  # as of an unknown date
        ({"value": 250.0, "qualifier": "more than"}, "2024-03-21", False),  # the hedge allows 253
        ({"value": 250.0}, "2024-03-21", False),  # a round 250 may be 253 rounded
        ({"value": 251.0, "scope": "Israeli soldiers"}, "2024-03-21", False),  # counts others
        ({"value": 251.0, "kind": "hostages to be released"}, "2024-03-21", False),  # a deal term
    ],
)
def test_flag_discrepancies(second, published_b, flagged) -> None:
    documents = documents_frame(("a", "Outlet A", "2024-02-08"), ("b", "Outlet B", published_b))
    figures = pd.DataFrame([figure_row(), figure_row(doc_id="b", **second)])
    placed = figure_series.place_figures(figures, documents, NO_EVENTS, mentions=BOTH_NAME_ISRAEL)
    flags = figure_series.flag_discrepancies(placed)
    assert len(flags) == (1 if flagged else 0)
    if flagged:
        row = flags.iloc[0]
        assert row["reason"] == ("same kind (hostages taken) and scope (unspecified); both count 2023-10-07; "
                                 "both sentences name Israel; no count fits both 253 and 251")
        assert (row["sentence_a"], row["as_of_source_a"]) == (TOI_253, "stated: on October 7")


def test_no_flag_without_a_shared_story_or_across_one_outlet() -> None:
    documents = documents_frame(("a", "Outlet A", "2024-02-08"), ("b", "Outlet B", "2024-03-21"))
    figures = pd.DataFrame([figure_row(), figure_row(doc_id="b", value=251.0)])
    placed = figure_series.place_figures(figures, documents, NO_EVENTS, mentions=mentions_frame(("a", "Israel")))
    assert figure_series.flag_discrepancies(placed).empty
    documents = documents_frame(("a", "Outlet A", "2024-01-01"), ("b", "Outlet A", "2024-01-02"))
    placed = figure_series.place_figures(figures, documents, NO_EVENTS, mentions=BOTH_NAME_ISRAEL)
    assert figure_series.flag_discrepancies(placed).empty


@pytest.mark.parametrize(
    ("value", "qualifier", "bounds"),
    [(1200.0, "", (1150.0, 1250.0)), (1200.0, "more than", (1150.0, float("inf"))), (253.0, "", (253.0, 253.0)),
     (46000.0, "nearly", (41400.0 - 500.0, 46500.0))],
)
def test_value_bounds_allow_hedges_and_rounding(value, qualifier, bounds) -> None:
    assert figure_series.value_bounds(value, qualifier) == pytest.approx(bounds)


def test_extracted_figures_flag_only_a_real_disagreement(nlp) -> None:
    # Real sentences: The Times of Israel's 253 abducted on October 7 (seeds), and the revised
    # count of 251 in a later report, both stated for October 7, 2023: they cannot both hold.
    from lib.nlp.figures import extract_figures

    later = "Hamas-led terrorists killed some 1,200 people in Israel and abducted 251 on October 7, 2023."
    rows = [{**row, "doc_id": doc_id} for doc_id, text in (("a", TOI_253), ("b", later))
            for row in extract_figures(nlp(text), doc_id=doc_id)]
    documents = documents_frame(("a", "The Times of Israel", "2024-02-08"), ("b", "Outlet B", "2024-11-20"))
    placed = figure_series.place_figures(pd.DataFrame(rows), documents, NO_EVENTS, mentions=BOTH_NAME_ISRAEL)
    flags = figure_series.flag_discrepancies(placed)
    assert flags[["kind", "value_a", "value_b"]].values.tolist() == [["hostages taken", 253.0, 251.0]]
    killed = placed[placed["kind"] == "killed"]
    assert killed[["value", "qualifier", "as_of_source"]].values.tolist() == [
        [1200.0, "", "stated: on October 7"], [1200.0, "some", "stated: on October 7, 2023"]]


def test_publication_points_coarsen_to_stay_under_the_budget() -> None:
    documents = documents_frame(*[(f"d{i}", "Outlet", f"2024-01-{i + 1:02d}") for i in range(20)], ("u", "Outlet", ""))
    points, used = lanes.publication_points(documents, granularity="day", max_points=5)
    assert (used, points["articles"].tolist()) == ("week", [7, 7, 6])
    points, used = lanes.publication_points(documents, granularity="day", max_points=2)
    assert used == "month"
    assert points[["period", "articles"]].values.tolist() == [[pd.Timestamp("2024-01-01"), 20]]
    points, used = lanes.publication_points(documents, granularity="day", max_points=50)
    assert (used, len(points)) == ("day", 20)


# --- The seed corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seed_corpus) -> timeline.TimelineTables:
    return timeline.build_timeline(seed_corpus, Filters())


def outlet_of(seed_corpus, outlet: str) -> str:
    documents = seed_corpus.documents
    return documents.loc[documents["outlet"] == outlet, "doc_id"].item()


def test_october_7_resolves_in_every_seed_that_names_it(seeds) -> None:
    october = seeds.events[seeds.events["text"].str.contains("Oct", regex=False)]
    assert set(october["outlet"]) == {"The Times of Israel", "Anadolu Agency", "(unknown outlet)"}
    assert set(october["date_start"]) == {pd.Timestamp("2023-10-07")}
    shared = seeds.shared_dates.iloc[0]
    assert (shared["date_start"], shared["outlets"]) == (pd.Timestamp("2023-10-07"), 3)
    assert shared["surfaces"] == "Oct. 7; October 7; October 7, 2023"


def test_undated_articles_keep_anchor_dependent_dates_unresolved(seeds, seed_corpus) -> None:
    ynet = seeds.events[seeds.events["doc_id"] == outlet_of(seed_corpus, "Ynetnews")]
    assert set(ynet["status"]) == {NEEDS_ANCHOR}
    assert "six weeks ago" in set(ynet["text"])
    undated = seeds.undated.set_index("outlet")
    assert undated.loc["(unknown outlet)", "latest_named_date"] == pd.Timestamp("2023-10-07")
    assert pd.isna(undated.loc["Ynetnews", "latest_named_date"])
    # the article without a title is named by its file, never a blank row
    assert undated.loc["(unknown outlet)", "title"] == "(untitled) 004_615c4032b1948ec8.txt"
    assert undated.loc["Ynetnews", "title"].startswith("Amid renewed fighting")


def test_relative_dates_resolve_against_each_article_date(seeds) -> None:
    got = seeds.events.set_index(["outlet", "text"])
    assert got.loc[("All Israel News", "the weekend"), "date_start"] == pd.Timestamp("2024-07-06")
    assert got.loc[("Anadolu Agency", "Sunday"), "date_start"] == pd.Timestamp("2024-03-24")
    assert got.loc[("Anadolu Agency", "January"), "date_start"] == pd.Timestamp("2024-01-01")
    november = got.loc[("The Times of Israel", "November")]
    assert (november["date_start"], november["date_end"]) == (pd.Timestamp("2023-11-01"), pd.Timestamp("2023-11-30"))


def test_palestinian_death_toll_is_one_rising_series(seeds) -> None:
    series = seeds.series[seeds.series["series"] == "killed · palestinians · cumulative"]
    assert series["value"].tolist() == [27000.0, 32400.0, 49500.0]
    assert series["outlet"].tolist() == ["The Times of Israel", "Anadolu Agency", "(unknown outlet)"]
    assert series["holder"].tolist() == [
        "the Hamas-run health ministry in Gaza",
        "",
        "the Hamas-run health ministry in Gaza",
    ]
    assert series["placement"].tolist() == ["article date", "article date", "undated"]
    assert series["change"].tolist()[1] == 5400.0
    assert series["latest_named_date"].iloc[2] == pd.Timestamp("2023-10-07")
    assert 430.0 not in set(series["value"])
    windowed = seeds.figures[seeds.figures["value"] == 430.0].iloc[0]
    assert windowed["series"] == "killed · palestinians · windowed"


def test_seed_figures_carry_as_of_dates_and_raise_no_flag(seeds) -> None:
    figures = seeds.figures.set_index(["outlet", "value"])
    toi = figures.loc[("The Times of Israel", 253.0)]
    assert (toi["kind"], toi["as_of"], toi["as_of_source"]) == (
        "hostages taken", pd.Timestamp("2023-10-07"), "stated: on October 7")
    undated = figures.loc[("(unknown outlet)", 251.0)]
    assert (pd.isna(undated["as_of"]), undated["as_of_source"]) == (True, "unknown")
    assert figures.loc[("(unknown outlet)", 1200.0), "claimant"] == "Israel"
    # "less than 1,200" (Anadolu) against 1,200 (The Times of Israel), both on October 7: the
    # hedge and the rounding let both hold; 253 against 251: the 251 has no as-of date.
    assert seeds.discrepancies.empty


def test_mentions_by_article_and_by_event_date(seed_corpus, seeds) -> None:
    dates = seeds.sentence_dates
    counts = timeline.build_mention_counts(seed_corpus, Filters(), dates, ("Hamas",), "month",
                                           "article")
    toi = counts[counts["outlet"] == "The Times of Israel"]
    assert toi["period"].tolist() == [pd.Timestamp("2024-02-01")]
    assert counts.loc[counts["period"].isna(), "outlet"].tolist() == ["(unknown outlet)", "Ynetnews"]
    by_event = timeline.build_mention_counts(seed_corpus, Filters(), dates, ("Hamas",), "month",
                                             "event")
    toi = by_event[(by_event["outlet"] == "The Times of Israel") & by_event["period"].notna()]
    assert pd.Timestamp("2023-10-01") in set(toi["period"])
    assert by_event["mentions"].sum() == counts["mentions"].sum()


def test_filters_apply(seed_corpus) -> None:
    tables = timeline.build_timeline(seed_corpus, Filters(outlets=("Anadolu Agency",)))
    assert set(tables.events["outlet"]) == {"Anadolu Agency"}
    assert tables.discrepancies.empty
    assert tables.undated.empty


def test_describe_point(seed_corpus, seeds) -> None:
    rows = timeline.describe_point(seed_corpus, seeds, "event|day|Anadolu Agency|2023-10-07")
    assert len(rows) == 1
    assert "which killed less than 1,200 people" in rows.iloc[0]["sentence"]
    key = seeds.figures.loc[seeds.figures["value"] == 49500.0, "key"].item()
    rows = timeline.describe_point(seed_corpus, seeds, key)
    assert rows.iloc[0]["outlet"] == "(unknown outlet)"
    assert timeline.describe_point(seed_corpus, seeds, "event|week|X|not-a-date").empty
    assert timeline.describe_point(seed_corpus, seeds, "nonsense").empty
    rows = timeline.describe_point(seed_corpus, seeds, "mention|month|article|Ynetnews|Hamas|")
    assert set(rows["outlet"]) == {"Ynetnews"}
    assert len(rows) == 11
    rows = timeline.describe_point(seed_corpus, seeds, "pub|week|Anadolu Agency|2024-03-25")
    assert rows["detail"].tolist() == ['date from text: "Published March 26,2024"']


def test_mention_counts_coarsen_and_keep_unplaced_mentions() -> None:
    documents = documents_frame(*[(f"d{i}", "Outlet", f"2024-01-{i + 1:02d}") for i in range(20)],
                                ("u", "Other", ""))
    mentions = pd.DataFrame({"doc_id": [*documents["doc_id"], "u"], "sent_index": 0,
                             "entity": "Hamas"})
    no_dates = lanes.list_sentence_dates(NO_EVENTS)
    counts = lanes.count_mentions_over_time(mentions, documents, no_dates, ("Hamas",),
                                               granularity="day", max_points=4)
    assert counts["granularity"].unique().tolist() == ["week"]
    dated = counts[counts["period"].notna()]
    assert dated["mentions"].tolist() == [7, 7, 6]
    undated = counts[counts["period"].isna()]
    assert (undated["outlet"].item(), undated["mentions"].item()) == ("Other", 2)


def test_head_rows_bounds_what_a_table_shows() -> None:
    frame = pd.DataFrame({"n": range(5)})
    rows, note = timeline.head_rows(frame, limit=10)
    assert (len(rows), note) == (5, "")
    rows, note = timeline.head_rows(frame, limit=3)
    assert (rows["n"].tolist(), note) == ([0, 1, 2], "showing the first 3 of 5 rows; the CSV has all")


def test_a_corpus_without_extractor_tables_still_builds(seed_corpus) -> None:
    bare = dataclasses.replace(seed_corpus, key="bare", tables={}, source="")
    tables = timeline.build_timeline(bare, Filters())
    assert tables.events.empty and tables.figures.empty and tables.discrepancies.empty
    assert "change" in tables.series
    assert len(tables.undated) == 2
    points, _ = tables.published_lanes["week"]
    assert points["articles"].sum() == 3
    assert tables.event_lanes["day"][0].empty
    counts = timeline.build_mention_counts(bare, Filters(), tables.sentence_dates, (), "day", "event")
    assert counts.empty
    assert timeline.describe_point(bare, tables, "event|day|Anadolu Agency|2023-10-07").empty
