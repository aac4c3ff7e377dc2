"""Tests of the citable claim tables (quotes, figures, dates, flags) and their CSV export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib import build
from lib.analysis import claims
from lib.analysis.filters import Filters


def test_claim_tables_on_the_seeds(seed_corpus) -> None:
    tables = claims.build_claim_tables(seed_corpus, Filters())
    quotes = tables["quotes"]
    assert list(quotes.columns) == claims.QUOTE_COLUMNS
    [rafah] = quotes[quotes["quote"] == "no compromise"].to_dict("records")
    assert rafah["sentence"].startswith("However, he stressed that there would be “no compromise”")
    assert (rafah["how"], rafah["speaker_label"]) == ("verb", "anonymous official")
    assert pd.isna(rafah["speaker_entity"])
    gallant = quotes[quotes["speaker_entity"] == "Yoav Gallant"]
    assert "The military pressure has created conditions that allow progress in the deal." in set(gallant["quote"])
    figures = tables["figures"].set_index("value")
    taken = figures.loc[253.0]
    assert (taken["kind"], taken["as_of_source"]) == ("hostages taken", "stated: on October 7")
    assert figures.loc[1500.0, "kind"] == "prisoners to be released"
    dates = tables["dates"]
    assert list(dates.columns) == claims.DATE_COLUMNS
    assert set(dates["tense"]) <= {"past", "present", "future", "conditional", ""}
    assert tables["flags"].empty and list(tables["flags"].columns) == claims.FLAG_COLUMNS


def test_flags_table_shows_both_sides() -> None:
    figure_flags = pd.DataFrame([{
        "kind": "hostages taken", "scope": "unspecified", "reason": "same kind …", "value_a": 253.0,
        "qualifier_a": "", "outlet_a": "A", "as_of_a": pd.Timestamp("2023-10-07"), "sentence_a": "s a",
        "doc_id_a": "a", "value_b": 251.0, "qualifier_b": "", "outlet_b": "B",
        "as_of_b": pd.Timestamp("2023-10-07"), "sentence_b": "s b", "doc_id_b": "b",
    }])
    [row] = claims.list_flags(figure_flags, pd.DataFrame()).to_dict("records")
    assert (row["flag"], row["claim_a"], row["claim_b"], row["date_a"]) == (
        "figures disagree", "253", "251", "2023-10-07")


def test_cli_exports_the_claim_tables(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert build.main([str(corpus_copy), "--cache-dir", str(tmp_path / "cache"), "--export", str(out)]) == 0
    for name, columns in (("quotes", claims.QUOTE_COLUMNS), ("figures", claims.FIGURE_COLUMNS),
                          ("dates", claims.DATE_COLUMNS), ("flags", claims.FLAG_COLUMNS)):
        table = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        assert list(table.columns) == columns
    quotes = pd.read_csv(out / "quotes.csv", keep_default_na=False)
    qanua = quotes[quotes["speaker_entity"] == "Abdel Latif al-Qanua"].iloc[0]
    assert (qanua["how"], qanua["speaker"]) == ("verb", "Hamas spokesman Abdel Latif al-Qanua")
