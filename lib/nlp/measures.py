"""Per-sentence measures made at build time and stored beside the tables: tone and lexicon matches.

None of them depends on the filters, so the build computes them once per article, in the worker that
parses it, from the sentence rows it made: every sentence's VADER tone (``sentence_tones``), every
attribution/hedging cue's hits (``cue_matches``) and every frame's hits (``frame_matches``), with the
sha256 of the lexicon files used (``measure_stamps``, one row per article). The Source framing view
reads them for the articles in view; a lexicon edited since the build is matched in the app again.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from lib.nlp.lexicons import Lexicons, count_frame_matches, count_matches, read_lexicons

TONES_TABLE, CUES_TABLE, FRAMES_TABLE, STAMPS_TABLE = "sentence_tones", "cue_matches", "frame_matches", "measure_stamps"
MEASURE_TABLES = (TONES_TABLE, CUES_TABLE, FRAMES_TABLE, STAMPS_TABLE)
TONE_COLUMNS = ("doc_id", "sent_index", "compound")
CUE_COLUMNS = ("doc_id", "sent_index", "cue", "hits")
FRAME_COLUMNS = ("doc_id", "sent_index", "frame", "hits")
STAMP_COLUMNS = ("doc_id", "cues_sha256", "frames_sha256")
LEXICON_TABLES = {CUES_TABLE: "cue", FRAMES_TABLE: "frame"}
"""The lexicon match tables and the column naming what matched (``label`` in ``count_matches``' rows)."""


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def score_tone(sentences: pd.DataFrame) -> pd.DataFrame:
    """VADER compound score (-1 … 1) for every sentence; identical texts are scored once."""
    if sentences.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype="object"), "sent_index": pd.Series(dtype="int64"),
                             "compound": pd.Series(dtype="float64")})
    texts = sentences["text"].astype(str).str.strip()
    unique = texts.drop_duplicates()
    analyzer = _analyzer()
    scores = pd.Series([analyzer.polarity_scores(t)["compound"] for t in unique],
                       index=unique.to_numpy())
    return pd.DataFrame({
        "doc_id": sentences["doc_id"].to_numpy(),
        "sent_index": sentences["sent_index"].to_numpy(),
        "compound": texts.map(scores).to_numpy(dtype=float),
    })


def match_lexicons(sentences: pd.DataFrame, lexicons: Lexicons) -> dict[str, pd.DataFrame]:
    """``cue_matches`` and ``frame_matches`` rows of these sentences."""
    cues = count_matches(sentences, lexicons.cues).rename(columns={"label": "cue"})
    frames = count_frame_matches(sentences, lexicons.frames).rename(columns={"label": "frame"})
    return {CUES_TABLE: _typed(cues, CUE_COLUMNS), FRAMES_TABLE: _typed(frames, FRAME_COLUMNS)}


def stamp_articles(doc_ids: Collection[str], lexicons: Lexicons) -> pd.DataFrame:
    """One ``measure_stamps`` row per article: the lexicon files its matches were made with."""
    ids = list(doc_ids)
    return pd.DataFrame({"doc_id": pd.Series(ids, dtype="object"), "cues_sha256": lexicons.cues_sha256,
                         "frames_sha256": lexicons.frames_sha256}, columns=list(STAMP_COLUMNS))


def measure_sentences(sentences: pd.DataFrame, doc_ids: Collection[str], lexicons: Lexicons | None = None
                      ) -> dict[str, pd.DataFrame]:
    """Every measure table of some articles' sentences (``doc_ids``: the articles, with or without sentences)."""
    lexicons = lexicons or read_lexicons()
    sentences = sentences if not sentences.empty else pd.DataFrame(columns=["doc_id", "sent_index", "text"])
    return {TONES_TABLE: _typed(score_tone(sentences), TONE_COLUMNS), **match_lexicons(sentences, lexicons),
            STAMPS_TABLE: stamp_articles(doc_ids, lexicons)}


def _typed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The columns in order, typed as every shard writes them (so an empty shard's table reads like the others)."""
    types = {"doc_id": "object", "sent_index": "int64", "hits": "int64", "compound": "float64"}
    return frame[list(columns)].astype({c: types[c] for c in columns if c in types}).reset_index(drop=True)


def restamp_measures(tables: dict[str, pd.DataFrame], sentences: pd.DataFrame, doc_ids: Collection[str],
                     lexicons: Lexicons | None = None) -> dict[str, pd.DataFrame]:
    """The measure tables of these articles as the lexicons are now: the gathered rows of articles
    stamped with the same lexicon files are kept; the others are matched again from their sentences
    (and scored again if they have no stamp at all, as when their parse predates stored measures)."""
    lexicons = lexicons or read_lexicons()
    ids = pd.Index(list(doc_ids))
    stamps = tables.get(STAMPS_TABLE, pd.DataFrame())
    stamps = stamps if not stamps.empty else pd.DataFrame(columns=list(STAMP_COLUMNS))
    current = (stamps["cues_sha256"] == lexicons.cues_sha256) & (stamps["frames_sha256"] == lexicons.frames_sha256)
    fresh, stamped = set(stamps.loc[current, "doc_id"]), set(stamps["doc_id"])
    stale, unscored = ids[~ids.isin(list(fresh))], ids[~ids.isin(list(stamped))]
    result = {name: _present(tables.get(name), columns) for name, columns in
              ((TONES_TABLE, TONE_COLUMNS), (CUES_TABLE, CUE_COLUMNS), (FRAMES_TABLE, FRAME_COLUMNS))}
    if len(stale):
        texts = sentences[sentences["doc_id"].isin(stale)]
        for name, frame in match_lexicons(texts, lexicons).items():
            kept = result[name][~result[name]["doc_id"].isin(stale)]
            result[name] = pd.concat([kept, frame], ignore_index=True)
    if len(unscored):
        tones = score_tone(sentences[sentences["doc_id"].isin(unscored)])
        kept = result[TONES_TABLE][~result[TONES_TABLE]["doc_id"].isin(unscored)]
        result[TONES_TABLE] = pd.concat([kept, _typed(tones, TONE_COLUMNS)], ignore_index=True)
    result[STAMPS_TABLE] = stamp_articles(ids, lexicons)
    return result


def _present(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> pd.DataFrame:
    if frame is None or frame.empty:
        return _typed(pd.DataFrame({c: pd.Series(dtype="object") for c in columns}), columns)
    return _typed(frame, columns)
