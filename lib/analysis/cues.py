"""Lexicon cues per outlet: attribution and hedging phrases, and the 15 Media Frames Corpus frames."""

from __future__ import annotations

import json
import re

import pandas as pd

from lib import DATA_DIR
from lib.analysis.terms import outlet_of, words_per_outlet
from lib.nlp.lexicons import (  # noqa: F401 - the lexicons' reading and matching, shared with the build
    CUES_FILE,
    FRAMES,
    FRAMES_FILE,
    MATCH_COLUMNS,
    count_frame_matches,
    count_matches,
    lexicon_stamp,
    load_cues,
    load_frames,
    wildcard_pattern,
)

DATA = DATA_DIR
MIN_WORDS = 200
"""Outlets with fewer words get their counts shown but are flagged as too little text."""


def summarise_matches(matches: pd.DataFrame, documents: pd.DataFrame, *, labels: list[str],
                      min_words: int = MIN_WORDS) -> pd.DataFrame:
    """Hits per outlet and label, per 1,000 words, with n (words) and whether n is enough."""
    counted = pd.DataFrame(columns=["outlet", "label", "hits", "sentences", "articles"])
    if not matches.empty:
        tagged = matches.assign(outlet=matches["doc_id"].map(outlet_of(documents)))
        counted = tagged.groupby(["outlet", "label"]).agg(
            hits=("hits", "sum"), sentences=("sent_index", "size"), articles=("doc_id", "nunique"),
        ).reset_index()
    return summarise_counts(counted, documents, labels=labels, min_words=min_words)


def summarise_counts(counted: pd.DataFrame, documents: pd.DataFrame, *, labels: list[str],
                     min_words: int = MIN_WORDS) -> pd.DataFrame:
    """``summarise_matches`` from the counts per outlet and label (outlet, label, hits, sentences, articles),
    such as the engine counts from stored matches: every outlet and label, per 1,000 words, n and enough."""
    words = words_per_outlet(documents)
    grid = pd.MultiIndex.from_product([words.index, labels], names=["outlet", "label"])
    counts = ["hits", "sentences", "articles"]
    if counted.empty:
        counted = pd.DataFrame(index=grid, columns=counts).fillna(0)
    else:
        counted = counted.set_index(["outlet", "label"])[counts].reindex(grid, fill_value=0)
    table = counted.reset_index().astype({"hits": int, "sentences": int, "articles": int})
    table["n_words"] = table["outlet"].map(words).astype(int)
    table["per_1000"] = 1000 * table["hits"] / table["n_words"].where(table["n_words"] > 0)
    table["enough"] = table["n_words"] >= min_words
    return table


def find_spans(text: str, pattern: str) -> list[tuple[int, int]]:
    """Character spans of every match of ``pattern`` in ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def mark_spans(text: str, spans: list[tuple[int, int]], *, left: str = "**", right: str = "**"
               ) -> str:
    """Wrap each span of ``text`` in markers (Markdown bold by default)."""
    out, last = [], 0
    for start, end in sorted(spans):
        out += [text[last:start], left, text[start:end], right]
        last = end
    return "".join(out + [text[last:]])


def list_evidence(matches: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame,
                  lexicon: pd.DataFrame, *, label: str, outlet: str | None = None,
                  limit: int = 200) -> pd.DataFrame:
    """The sentences behind one label's count, with the cue spans that produced it.

    ``cues`` lists the matched words; ``spans`` gives their offsets in the article text (JSON),
    so a reader can highlight them. Only the shown sentences are searched again.
    """
    columns = ["outlet", "doc_id", "sent_index", "text", "cues", "spans", "marked"]
    chosen = matches[matches["label"] == label]
    if outlet is not None:
        chosen = chosen[chosen["doc_id"].map(outlet_of(documents)) == outlet]
    found = sentences.merge(chosen[["doc_id", "sent_index"]].drop_duplicates(),
                            on=["doc_id", "sent_index"]).head(limit)
    if found.empty:
        return pd.DataFrame(columns=columns)
    pattern = lexicon.loc[lexicon["label"] == label, "pattern"].iloc[0]
    spans = [find_spans(text, pattern) for text in found["text"]]
    return found.assign(
        outlet=found["doc_id"].map(outlet_of(documents)),
        cues=[", ".join(t[a:b] for a, b in s) for t, s in zip(found["text"], spans, strict=True)],
        spans=[json.dumps([[o + a, o + b] for a, b in s]) for o, s in
               zip(found["start"], spans, strict=True)],
        marked=[mark_spans(t, s) for t, s in zip(found["text"], spans, strict=True)],
    )[columns].sort_values(["outlet", "doc_id", "sent_index"]).reset_index(drop=True)
