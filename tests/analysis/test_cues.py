"""Tests of the editable cue and frame lexicons and their per-outlet counts."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from lib.analysis.cues import (
    FRAMES,
    count_matches,
    lexicon_stamp,
    list_evidence,
    load_cues,
    load_frames,
    mark_spans,
    summarise_matches,
    wildcard_pattern,
)


@pytest.mark.parametrize(
    ("cue", "text", "found"),
    [
        ("econom*", "The economy and economic costs", ["economy", "economic"]),
        ("war crime*", "accused of war crimes and war-crime denial", ["war crimes", "war-crime"]),
        ("law", "international law, lawyers", ["law"]),
        ("un", "The UN said; unions did not", ["UN"]),
    ],
)
def test_wildcard_pattern(cue: str, text: str, found: list[str]) -> None:
    assert re.findall(wildcard_pattern(cue), text) == found


def test_shipped_lexicons_load() -> None:
    cues = load_cues()
    assert {"according to", "X-run / X-controlled", "cannot be independently verified",
            "reportedly", "alleged", "claims"} <= set(cues["label"])
    frames = load_frames()
    assert set(frames["label"]) == set(FRAMES) - {"other"}
    assert len(FRAMES) == 15


def test_case_sensitive_cue(tmp_path) -> None:
    path = tmp_path / "cues.csv"
    path.write_text('cue,kind,pattern,case_sensitive\nrun,attribution,"\\b[A-Z]\\w*-run\\b",true\n')
    [pattern] = load_cues(path)["pattern"]
    assert re.findall(pattern, "the Hamas-run ministry, a long-run plan") == ["Hamas-run"]


def test_bad_lexicon_is_rejected(tmp_path) -> None:
    path = tmp_path / "frames.csv"
    path.write_text("name,cue\nx,y\n")
    with pytest.raises(ValueError, match="frame"):
        load_frames(path)


def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    documents = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["One", "Two"], "words": [1000, 50]})
    sentences = pd.DataFrame({
        "doc_id": ["a", "a", "b"], "sent_index": [0, 1, 0], "start": [0, 40, 0], "end": [1, 1, 1],
        "text": ["According to the Hamas-run ministry, 5 died.", "It reportedly ended.",
                 "Figures cannot be independently verified, according to officials."],
        "lemmas": "",
    })
    return documents, sentences


def test_counts_summary_and_evidence_spans() -> None:
    documents, sentences = sample()
    lexicon = load_cues()
    matches = count_matches(sentences, lexicon)
    summary = summarise_matches(matches, documents, labels=list(lexicon["label"]), min_words=100)
    table = summary.set_index(["outlet", "label"])
    assert table.loc[("One", "according to"), "hits"] == 1
    assert table.loc[("One", "according to"), "per_1000"] == pytest.approx(1.0)
    assert table.loc[("Two", "cannot be independently verified"), "hits"] == 1
    assert not table.loc[("Two", "according to"), "enough"]
    assert table.loc[("One", "alleged"), "hits"] == 0
    evidence = list_evidence(matches, sentences, documents, lexicon, label="X-run / X-controlled")
    [row] = evidence.to_dict("records")
    assert row["cues"] == "Hamas-run"
    assert json.loads(row["spans"]) == [[17, 26]]
    assert row["marked"] == "According to the **Hamas-run** ministry, 5 died."


def test_mark_spans() -> None:
    assert mark_spans("a b c", [(4, 5), (0, 1)], left="[", right="]") == "[a] b [c]"


def test_lexicon_stamp_changes_with_the_file(tmp_path) -> None:
    path = tmp_path / "cues.csv"
    path.write_text("cue,kind,pattern\n")
    before = lexicon_stamp(path)
    path.write_text("cue,kind,pattern\nx,y,z\n")
    import os

    os.utime(path, ns=(1, 1))
    assert lexicon_stamp(path) != before


def test_seed_hamas_run_in_every_outlet_that_uses_it(seed_corpus) -> None:
    lexicon = load_cues()
    matches = count_matches(seed_corpus.sentences, lexicon)
    summary = summarise_matches(matches, seed_corpus.documents, labels=list(lexicon["label"]))
    run = summary[summary["label"] == "X-run / X-controlled"].set_index("outlet")["hits"]
    documents = seed_corpus.documents.merge(seed_corpus.read_texts(), on="doc_id")
    text = documents.assign(outlet=documents["outlet"].replace("", "(unknown outlet)")).groupby("outlet")["text"].agg(
        " ".join)
    users = {o for o, t in text.items() if "Hamas-run" in t}
    assert users == {"The Times of Israel", "(unknown outlet)"}
    assert {o for o, hits in run.items() if hits > 0} == users
    assert run["(unknown outlet)"] == 2
