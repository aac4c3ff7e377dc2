"""Stories: the articles that cover the same event, clustered by what their text says and when.

Each text is a TF-IDF vector of its words (copies of one text count once). In date order, an
article joins the story whose articles of the last ``window_days`` it is, on average, most
similar to (cosine), when that average reaches ``threshold``; otherwise it starts a story. An
undated article joins the story whose centroid it is closest to, on a higher threshold, at any
date. Only articles within the window are compared, so the work grows with the corpus times the
articles of one window, never with every pair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from lib.nlp.copies import COPY_COLUMNS, find_copies, load_grouping_settings

STORY_WINDOW_DAYS = int(load_grouping_settings()["story_window_days"])
"""Articles more than this many days from every article of a story start a new one."""
STORY_SIMILARITY = load_grouping_settings()["story_similarity"]
"""Average cosine similarity (TF-IDF) an article needs to a story's articles of the window to join it."""
UNDATED_MARGIN = 0.1
"""How much more similar an undated article must be, as no date window narrows its choice."""
STORY_COLUMNS = ["doc_id", "story", "story_size", "story_title"]


@dataclass(frozen=True)
class StorySettings:
    """The knobs of story clustering (documented in the README; tune them for your corpus)."""

    window_days: int = STORY_WINDOW_DAYS
    threshold: float = STORY_SIMILARITY


def text_vectors(texts: list[str]) -> sparse.csr_matrix:
    """Unit-length TF-IDF vectors of the texts' words (English stop words left out)."""
    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, max_df=0.5 if len(texts) > 20 else 1.0,
        token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b", dtype=np.float32,
    )
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no words at all (empty texts)
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def _day_numbers(published: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(published.fillna("").astype(str).str[:10], format="%Y-%m-%d", errors="coerce")
    return ((stamps - pd.Timestamp("1970-01-01")).dt.days).to_numpy(dtype="float64", na_value=np.nan)


BLOCK = 512
"""Articles compared with their date window at once (bounds memory: BLOCK x window similarities)."""


def _closest_story(near: np.ndarray, sims: np.ndarray) -> tuple[int, float]:
    """(story, mean similarity) of the story the window's articles (their stories ``near``, their
    similarities ``sims``) are on average most similar to; ties go to the older story."""
    stories, inverse = np.unique(near, return_inverse=True)
    means = np.bincount(inverse, weights=sims) / np.bincount(inverse)
    best = int(np.argmax(means))
    return int(stories[best]), float(means[best])


def _assign_dated(vectors: sparse.csr_matrix, days: np.ndarray, settings: StorySettings) -> np.ndarray:
    """Stories of dated rows (``days`` ascending): each joins the story its earlier neighbours
    within the window are, on average, most similar to, when that average reaches the threshold."""
    labels = np.full(len(days), -1, dtype=np.int64)
    next_label = 0
    for start in range(0, len(days), BLOCK):
        stop = min(start + BLOCK, len(days))
        low = int(np.searchsorted(days, days[start] - settings.window_days, side="left"))
        scores = (vectors[start:stop] @ vectors[low:stop].T).toarray()
        for row in range(start, stop):
            window = slice(int(np.searchsorted(days, days[row] - settings.window_days, side="left")), row)
            if window.start < window.stop:
                best, mean = _closest_story(labels[window], scores[row - start, window.start - low:window.stop - low])
                if mean >= settings.threshold:
                    labels[row] = best
                    continue
            labels[row], next_label = next_label, next_label + 1
    return labels


def _assign_undated(vectors: sparse.csr_matrix, dated: sparse.csr_matrix, labels: np.ndarray, first: int,
                    settings: StorySettings) -> np.ndarray:
    """Stories of undated rows: the story whose centroid they are most similar to, on a higher
    threshold (no date narrows the choice); else a story of their own, numbered from ``first``."""
    own = np.arange(first, first + vectors.shape[0])
    if not dated.shape[0] or not vectors.shape[0]:
        return own
    members = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))))
    centroids = normalize(members @ dated)
    chosen = own.copy()
    for start in range(0, vectors.shape[0], BLOCK):
        scores = (vectors[start:start + BLOCK] @ centroids.T).toarray()
        best = scores.argmax(axis=1)
        keep = scores[np.arange(len(best)), best] >= settings.threshold + UNDATED_MARGIN
        chosen[start:start + BLOCK] = np.where(keep, best, own[start:start + BLOCK])
    return chosen


def assign_stories(texts: list[str], published: pd.Series, settings: StorySettings) -> list[int]:
    """The story number of each text (in input order)."""
    vectors = text_vectors(texts)
    days = _day_numbers(published.reset_index(drop=True))
    dated = np.flatnonzero(~np.isnan(days))
    dated = dated[np.argsort(days[dated], kind="stable")]
    undated = np.flatnonzero(np.isnan(days))
    dated_labels = _assign_dated(vectors[dated], days[dated], settings)
    first = int(dated_labels.max()) + 1 if len(dated_labels) else 0
    undated_labels = _assign_undated(vectors[undated], vectors[dated], dated_labels, first, settings)
    labels = np.empty(len(texts), dtype=np.int64)
    labels[dated], labels[undated] = dated_labels, undated_labels
    return labels.tolist()


def find_stories(documents: pd.DataFrame, copies: pd.DataFrame, settings: StorySettings | None = None
                 ) -> pd.DataFrame:
    """One row per article: its story (named after the story's earliest article), the story's
    size in articles and its first headline. Copies of one text are clustered as one text."""
    if documents.empty:
        return pd.DataFrame(columns=STORY_COLUMNS)
    frame = documents[["doc_id", "text", "published", "title"]].merge(
        copies[["doc_id", "copy_group", "copy_representative"]], on="doc_id", how="left")
    frame["copy_group"] = frame["copy_group"].fillna(frame["doc_id"])
    texts = frame.drop_duplicates("copy_group")
    labels = assign_stories(texts["text"].fillna("").tolist(), texts["published"], settings or StorySettings())
    frame["number"] = frame["copy_group"].map(dict(zip(texts["copy_group"], labels, strict=True)))
    frame["day"] = frame["published"].fillna("").astype(str).str[:10].replace("", "9999")
    first = frame.sort_values(["day", "doc_id"]).drop_duplicates("number").set_index("number")
    frame["story"] = frame["number"].map(first["doc_id"])
    frame["story_title"] = frame["number"].map(first["title"].fillna(""))
    frame["story_size"] = frame.groupby("number")["doc_id"].transform("size")
    return frame[STORY_COLUMNS]


GROUP_COLUMNS = [*COPY_COLUMNS, *STORY_COLUMNS[1:]]


def group_articles(documents: pd.DataFrame, mentions: pd.DataFrame | None = None,
                   settings: StorySettings | None = None) -> pd.DataFrame:
    """Each article's copy group (with the group's origin) and story, in corpus order."""
    copies = find_copies(documents, mentions)
    stories = find_stories(documents, copies, settings)
    if copies.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    return copies.merge(stories, on="doc_id", how="left")[GROUP_COLUMNS]
