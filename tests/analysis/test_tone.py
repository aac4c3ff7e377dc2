"""Tests of sentence tone per outlet."""

from __future__ import annotations

import pandas as pd

from lib.analysis.tone import list_tone_sentences, score_tone, sentences_mentioning, summarise_tone


def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    documents = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["One", ""], "words": [10, 10]})
    sentences = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"], "sent_index": [0, 1, 2, 0],
        "text": ["The massacre killed many.", "A wonderful, happy peace.", "The massacre killed many.",
                 "The talks resumed."],
    })
    return documents, sentences


def test_scores_and_summary() -> None:
    documents, sentences = sample()
    tone = score_tone(sentences)
    assert tone["compound"].iloc[0] < -0.5 and tone["compound"].iloc[1] > 0.5
    assert tone["compound"].iloc[0] == tone["compound"].iloc[2]
    summary = summarise_tone(tone, documents, min_sentences=2).set_index("outlet")
    assert summary.loc["One", "n_sentences"] == 3
    assert summary.loc["One", "negative"] == 2 / 3
    assert bool(summary.loc["One", "enough"]) and not bool(summary.loc["(unknown outlet)", "enough"])


def test_entity_restriction_keeps_empty_outlets() -> None:
    documents, sentences = sample()
    mentions = pd.DataFrame({"doc_id": ["a"], "sent_index": [1], "entity": ["Peace"]})
    only = sentences_mentioning(mentions, "Peace")
    summary = summarise_tone(score_tone(sentences), documents, only=only).set_index("outlet")
    assert summary.loc["One", "n_sentences"] == 1
    assert summary.loc["(unknown outlet)", "n_sentences"] == 0
    rows = list_tone_sentences(score_tone(sentences), sentences, documents, outlet="One")
    assert rows["text"].iloc[0] == "The massacre killed many."
