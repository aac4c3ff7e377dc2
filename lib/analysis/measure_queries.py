"""The per-sentence measures the build stored (tone, cue and frame matches), read for the articles in view.

The build stamps its matches with the sha256 of the lexicon files it used (``measure_stamps``). The
stored matches serve the Source framing view while the lexicon files are still those; once a lexicon
was edited (or on a store built before the measures were stored) the view matches in the app again.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis.tone import NEGATIVE, POSITIVE, summarise_tone_counts
from lib.nlp.lexicons import lexicon_digests
from lib.nlp.measures import LEXICON_TABLES, STAMPS_TABLE, TONES_TABLE
from lib.store.corpus import Corpus
from lib.store.engine import quote_path

STORED, EDITED, MISSING = "stored", "edited", "missing"
"""What the lexicon matches of a corpus are: stored and current, stored with lexicon files edited since, or
not stored at all."""
COUNT_COLUMNS = ["outlet", "label", "hits", "sentences", "articles"]


def check_lexicon_matches(corpus: Corpus) -> str:
    """STORED when the corpus holds cue and frame matches made with the lexicon files as they are now,
    EDITED when they were made with other files, MISSING when it holds none."""
    if not all(corpus.has_table(name) for name in (*LEXICON_TABLES, STAMPS_TABLE)):
        return MISSING
    stamps = corpus.query(f"SELECT DISTINCT cues_sha256, frames_sha256 FROM {STAMPS_TABLE}")
    now = lexicon_digests()
    same = all((cues, frames) == now for cues, frames in stamps.itertuples(index=False))
    return STORED if same else EDITED


def check_lexicons(corpus: Corpus, stamp: str = "") -> str:
    """``check_lexicon_matches`` under a cache key: ``stamp`` (the lexicon files' state) changes with an edit."""
    del stamp
    return check_lexicon_matches(corpus)


def describe_matching(state: str) -> str:
    """The caption of lexicons matched in the app ("" when the stored matches serve)."""
    if state == EDITED:
        return ("The lexicon files were edited since this corpus was built: their cues are matched here, "
                "against every sentence (slower than the matches the build stored).")
    if state == MISSING:
        return ("This corpus was built before lexicon matches were stored: the cues are matched here, "
                "against every sentence (slower; building it again stores them).")
    return ""


def describe_tone_scoring(corpus: Corpus) -> str:
    """The caption of tone scored in the app ("" when the build's scores serve)."""
    return "" if has_stored_tones(corpus) else ("This corpus was built before tone was stored: every sentence "
                                                "is scored here (slower; building it again stores it).")


def has_stored_tones(corpus: Corpus) -> bool:
    """Whether the corpus holds every sentence's tone as the build scored it."""
    return corpus.has_table(TONES_TABLE)


def query_match_counts(corpus: Corpus, chosen: pd.DataFrame, table: str) -> pd.DataFrame:
    """Hits, matching sentences and articles per outlet and label of the chosen articles (``chosen``: doc_id,
    outlet), counted in the engine from a stored match table (``cue_matches`` or ``frame_matches``)."""
    if chosen.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    label = LEXICON_TABLES[table]
    return corpus.query(
        f"""SELECT c.outlet, t.{label} AS label, sum(t.hits) AS hits, count(*) AS sentences,
                   count(DISTINCT t.doc_id) AS articles
            FROM {table} t JOIN chosen c USING (doc_id) GROUP BY c.outlet, t.{label} ORDER BY c.outlet, label""",
        chosen=chosen)[COUNT_COLUMNS]


def query_label_matches(corpus: Corpus, chosen: pd.DataFrame, table: str, label: str) -> pd.DataFrame:
    """The stored matches of one label in the chosen articles: doc_id, sent_index, label, hits."""
    column = LEXICON_TABLES[table]
    return corpus.query(
        f"""SELECT t.doc_id, t.sent_index, t.{column} AS label, t.hits FROM {table} t JOIN chosen c USING (doc_id)
            WHERE t.{column} = ? ORDER BY t.doc_id, t.sent_index""", [label], chosen=chosen[["doc_id"]])


def query_tones(corpus: Corpus, chosen: pd.DataFrame, *, batch: int) -> pd.DataFrame:
    """The stored tone of the chosen articles' sentences (doc_id, sent_index, compound), in the order scoring
    them ``batch`` articles at a time gives: by batch of the chosen articles, in table order within each."""
    picked = pd.DataFrame({"doc_id": chosen["doc_id"].to_numpy(), "batch": [i // batch for i in range(len(chosen))]})
    path = corpus.folder_of(TONES_TABLE) / f"{TONES_TABLE}.parquet"
    found = corpus.query(
        f"""SELECT t.doc_id, t.sent_index, t.compound
            FROM read_parquet({quote_path(path)}, file_row_number = true) t JOIN chosen c USING (doc_id)
            ORDER BY c.batch, t.file_row_number""", chosen=picked)
    return found.astype({"doc_id": "str", "sent_index": "int64", "compound": "float64"})


def summarise_tone_query(corpus: Corpus, chosen: pd.DataFrame, documents: pd.DataFrame, *,
                         only: pd.DataFrame | None = None) -> pd.DataFrame:
    """``tone.summarise_tone`` of the chosen articles' stored scores, counted in the engine (``only``: just these
    (doc_id, sent_index), such as the sentences naming an entity)."""
    restrict = "JOIN only_keys o USING (doc_id, sent_index)" if only is not None else ""
    keys = only[["doc_id", "sent_index"]].astype({"doc_id": "str", "sent_index": "int64"}) if only is not None else None
    counted = corpus.engine.query(
        f"""SELECT c.outlet, count(*) AS n_sentences, avg(t.compound) AS mean, stddev_samp(t.compound) AS sd,
                   avg(CASE WHEN t.compound <= ? THEN 1.0 ELSE 0.0 END) AS negative,
                   avg(CASE WHEN t.compound >= ? THEN 1.0 ELSE 0.0 END) AS positive
            FROM {TONES_TABLE} t JOIN chosen c USING (doc_id) {restrict} GROUP BY c.outlet""",
        [NEGATIVE, POSITIVE], chosen=chosen[["doc_id", "outlet"]], frames={} if keys is None else {"only_keys": keys})
    return summarise_tone_counts(counted, documents)
