"""Copies of one text: article bodies that are substantially the same, found without comparing
every pair (MinHash signatures in a locality-sensitive index) and then checked exactly.

A copy may be trimmed, may open with a different paragraph or carry other furniture: two bodies
are copies when most of the shorter one's five-word shingles occur in the other (containment),
which a trimmed copy keeps and two different stories on one topic do not.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from datasketch import MinHashLSH

from lib import DATA_DIR

SHINGLE_WORDS = 5
NUM_PERM = 64
CANDIDATE_JACCARD = 0.2
"""The index's threshold: a trimmed copy shares few shingles with the whole text (Jaccard), so
candidates are gathered generously (missing one costs more than checking one) and the exact
check below decides."""
CANDIDATE_WEIGHTS = (0.5, 0.5)
"""Weights of false candidates and missed ones when the index chooses its bands."""
GROUPING_FILE = DATA_DIR / "grouping.csv"
"""The editable settings of copies and stories (setting, value, meaning)."""


@lru_cache(maxsize=4)
def load_grouping_settings(path: Path = GROUPING_FILE) -> dict[str, float]:
    """{setting: value} from the grouping settings file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["setting"].strip(): float(row["value"]) for row in csv.DictReader(handle)}


MIN_CONTAINMENT = load_grouping_settings()["copy_min_containment"]
"""Share of the shorter body's shingles that must occur in the other for the two to be copies."""
MIN_SHINGLES = 25
"""Bodies shorter than this many shingles (about 30 words) are never called copies."""
MIN_NAMES_KEPT = 1.0
"""Copies name the same people: this share of the people the shorter body names in full (first
and last name) must be named in the other too; two interviews from one template share their
words, not their people."""
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
"""The blocks of combining marks (accents), dropped after decomposition."""
_POWERS = np.cumprod(np.concatenate(([1], np.full(4095, 1_000_003))).astype(np.uint64))
"""Powers of the word-hash base (uint64 arithmetic wraps: the same bytes always give the same hash)."""


def fold(text: str) -> str:
    """Lower case without accents: what copies are compared on."""
    folded = text.casefold()
    return folded if folded.isascii() else _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def fold_words(text: str) -> list[str]:
    """The body's words, folded."""
    return _WORD.findall(fold(text))


def word_hashes(text: str) -> np.ndarray:
    """A 64-bit hash of each word of the folded text, in order, computed over its bytes at once
    (a word is a run of letters and digits; any non-ASCII byte counts as a letter)."""
    data = np.frombuffer(fold(text).encode("utf-8"), dtype=np.uint8)
    is_word = (data >= 0x80) | ((data >= 0x30) & (data <= 0x39)) | ((data >= 0x61) & (data <= 0x7A))
    positions = np.flatnonzero(is_word)
    if not len(positions):
        return np.empty(0, dtype=np.uint64)
    first = np.flatnonzero(np.diff(positions, prepend=-2) != 1)  # where each word starts in positions
    offset = np.arange(len(positions)) - np.repeat(first, np.diff(np.append(first, len(positions))))
    values = (data[positions].astype(np.uint64) + np.uint64(1)) * _POWERS[np.minimum(offset, len(_POWERS) - 1)]
    return np.add.reduceat(values, first)


def shingle_hashes(words: np.ndarray) -> np.ndarray:
    """Sorted unique hashes of the five-word shingles of a body's word hashes."""
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    hashes = np.zeros(len(words) - SHINGLE_WORDS + 1, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):  # a polynomial hash of each window of word hashes (wrapping)
        hashes = hashes * np.uint64(0x9E3779B97F4A7C15) + words[offset:len(words) - SHINGLE_WORDS + 1 + offset]
    return np.unique(hashes)


def _permutations(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(seed)
    a = generator.integers(1, 1 << 63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = generator.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
    return a, b


def signature(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The MinHash signature of a set of shingle hashes: for each of NUM_PERM multiply-shift hash
    functions (a·x + b mod 2^64, top 32 bits), the minimum over the set."""
    return ((hashes[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)).min(axis=0)


def containment(left: np.ndarray, right: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other."""
    smaller = min(len(left), len(right))
    return len(np.intersect1d(left, right, assume_unique=True)) / smaller if smaller else 0.0


def names_agree(shorter: set[str], longer_words: set[str]) -> bool:
    """Whether the people the shorter body names (their surnames) are named in the other."""
    return not shorter or len(shorter & longer_words) >= MIN_NAMES_KEPT * len(shorter)


BODY_LINE_WORDS = 8
"""A name counts for a copy only where written in a body line of at least this many words (a
masthead or a credit line names sites and photographers, not the people a text is about)."""


def in_body_line(text: str, start: int) -> bool:
    """Whether the character at ``start`` sits in a line of body text."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return len(text[line_start:line_end if line_end >= 0 else len(text)].split()) >= BODY_LINE_WORDS


def person_surnames(mentions: pd.DataFrame, texts: dict[str, str]) -> dict[str, set[str]]:
    """{doc: surnames (folded) of the people its body names in full (a lone word the model tags
    as a person is too often a place or a party to count)}."""
    column = "entity_label" if "entity_label" in mentions else "label"  # the canonical label, when known
    people = mentions[mentions[column] == "PERSON"] if not mentions.empty else mentions
    surnames: dict[str, set[str]] = {}
    for doc_id, text, start in zip(people.get("doc_id", []), people.get("text", []), people.get("start", []),
                                   strict=True):
        words = fold_words(str(text))
        if len(words) >= 2 and len(words[-1]) >= 3 and in_body_line(texts.get(doc_id, ""), int(start)):
            surnames.setdefault(doc_id, set()).add(words[-1])
    return surnames


def signatures(hash_sets: list[np.ndarray], a: np.ndarray, b: np.ndarray, *, chunk: int = 1 << 21
               ) -> np.ndarray:
    """MinHash signatures of many shingle sets at once, one row each (see ``signature``): the sets
    are laid end to end in chunks of about ``chunk`` hashes and each hash function's minimum is
    taken per set with one ``minimum.reduceat``."""
    rows = np.zeros((len(hash_sets), NUM_PERM), dtype=np.uint64)
    start = 0
    while start < len(hash_sets):
        stop, size = start, 0
        while stop < len(hash_sets) and (size == 0 or size + len(hash_sets[stop]) <= chunk):
            size += len(hash_sets[stop])
            stop += 1
        block = np.concatenate(hash_sets[start:stop])
        offsets = np.cumsum([0, *(len(found) for found in hash_sets[start:stop - 1])])
        for column in range(NUM_PERM):
            rows[start:stop, column] = np.minimum.reduceat((block * a[column] + b[column]) >> np.uint64(32), offsets)
        start = stop
    return rows


@lru_cache(maxsize=1)
def band_shape() -> tuple[int, int]:
    """(bands, rows per band) of the index: chosen by datasketch for the candidate threshold and
    the weights of false candidates and missed ones."""
    index = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM, weights=CANDIDATE_WEIGHTS)
    return index.b, index.r


def bucket_pairs(order: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """(i, j) pairs of rows with the same key, i < j, given the rows in key order (stable): each
    row pairs with every row before it in its bucket, laid out with ``repeat`` (no bucket loop)."""
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    bucket_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    earlier = np.arange(len(order)) - bucket_start  # rows before each row in its bucket
    total = int(earlier.sum())
    if not total:
        return np.empty((0, 2), dtype=np.int64)
    right = np.repeat(np.arange(len(order)), earlier)
    run_start = np.repeat(np.cumsum(earlier) - earlier, earlier)
    left = np.repeat(bucket_start, earlier) + np.arange(total) - run_start
    return np.column_stack((order[left], order[right]))


def band_candidates(rows: np.ndarray, *, bands: int, width: int) -> np.ndarray:
    """(i, j) row pairs, i < j, whose signatures agree on every value of at least one band: the
    candidates of a locality-sensitive index, found by sorting each band's keys (no pair loop)."""
    found = [np.empty((0, 2), dtype=np.int64)]
    for band in range(bands):
        _, keys = np.unique(rows[:, band * width:(band + 1) * width], axis=0, return_inverse=True)
        keys = keys.reshape(-1)
        found.append(bucket_pairs(np.argsort(keys, kind="stable"), keys))
    pairs = np.sort(np.concatenate(found), axis=1)
    if not len(pairs):
        return pairs
    pairs = np.unique(pairs, axis=0)
    return pairs[np.lexsort((pairs[:, 0], pairs[:, 1]))]


def find_copy_pairs(texts: dict[str, str], people: dict[str, set[str]] | None = None
                    ) -> list[tuple[str, str, float]]:
    """(doc, doc, containment) for every pair of bodies that are copies of one text, the earlier
    body (in corpus order) first.

    ``people`` gives each body's surnames of the people it names; two bodies that name different
    people are not copies, however many of their words they share."""
    people = people or {}
    hashes = {doc_id: shingle_hashes(word_hashes(text)) for doc_id, text in texts.items()}
    usable = [(doc_id, found) for doc_id, found in hashes.items() if len(found) >= MIN_SHINGLES]
    if len(usable) < 2:
        return []
    bands, width = band_shape()
    candidates = band_candidates(signatures([found for _, found in usable], *_permutations()),
                                 bands=bands, width=width)
    pairs: list[tuple[str, str, float]] = []
    for first, second in candidates.tolist():
        (left, left_set), (right, right_set) = usable[first], usable[second]
        share = containment(left_set, right_set)
        shorter, longer = (left, right) if len(left_set) <= len(right_set) else (right, left)
        if share >= MIN_CONTAINMENT and names_agree(people.get(shorter, set()), set(fold_words(texts[longer]))):
            pairs.append((left, right, round(share, 3)))
    return pairs


def group_pairs(doc_ids: Iterable[str], pairs: list[tuple[str, str, float]]) -> dict[str, str]:
    """{doc: group} where a group is the first doc (in corpus order) of its connected copies."""
    order = {doc_id: position for position, doc_id in enumerate(doc_ids)}
    parent = {doc_id: doc_id for doc_id in order}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for left, right, _ in pairs:
        first, second = sorted((root(left), root(right)), key=order.__getitem__)
        parent[second] = first
    return {doc_id: root(doc_id) for doc_id in order}


def choose_origin(members: list[tuple[str, str, str, str]]) -> tuple[str, str, str]:
    """(representative doc, origin outlet, provenance) of one group of copies, given its members
    as (doc, outlet, published, wire) in corpus order.

    A wire credit the copies agree on names the origin; else the earliest dated member (a tie
    between outlets stays unknown); else the origin is unknown and the first member stands for
    the text.
    """
    dated = [m for m in members if len(m[2]) >= 10]
    first_day = min((m[2][:10] for m in dated), default="")
    earliest = [m for m in dated if m[2][:10] == first_day]
    credited = {m[3] for m in members if m[3]}
    if len(credited) == 1:
        wire = credited.pop()
        keeper = next((m for m in members if m[1] == wire), earliest[0] if earliest else members[0])
        return keeper[0], wire, f"wire credit ({wire})"
    if earliest and len({m[1] for m in earliest}) == 1 and earliest[0][1]:
        return earliest[0][0], earliest[0][1], f"earliest dated copy ({first_day})"
    return members[0][0], "", "unknown"


COPY_COLUMNS = ["doc_id", "copy_group", "copy_size", "copy_origin", "copy_origin_source", "copy_representative"]


def find_copies(documents: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: its copy group (its own id when it has no copy), the group's size,
    origin outlet with provenance, and whether it is the copy that stands for the text."""
    if documents.empty:
        return pd.DataFrame(columns=COPY_COLUMNS)
    texts = dict(zip(documents["doc_id"], documents["text"].fillna(""), strict=True))
    people = person_surnames(mentions, texts) if mentions is not None else None
    groups = group_pairs(texts, find_copy_pairs(texts, people))
    frame = pd.DataFrame({
        "doc_id": documents["doc_id"], "copy_group": documents["doc_id"].map(groups),
        "outlet": documents["outlet"].fillna("").astype(str),
        "published": documents["published"].fillna("").astype(str),
        "wire": documents["wire"].fillna("").astype(str) if "wire" in documents else "",
    })
    frame["copy_size"] = frame.groupby("copy_group")["doc_id"].transform("size")
    frame["copy_origin"], frame["copy_origin_source"], frame["copy_representative"] = "", "", True
    copied = frame[frame["copy_size"] > 1]
    members = copied[["doc_id", "outlet", "published", "wire"]].itertuples(index=False, name=None)
    by_group: dict[str, list[tuple[str, str, str, str]]] = {}
    for group, member in zip(copied["copy_group"], members, strict=True):
        by_group.setdefault(group, []).append(member)
    origins = {group: choose_origin(found) for group, found in by_group.items()}
    index = copied.index
    frame.loc[index, "copy_origin"] = copied["copy_group"].map(lambda g: origins[g][1])
    frame.loc[index, "copy_origin_source"] = copied["copy_group"].map(lambda g: origins[g][2])
    frame.loc[index, "copy_representative"] = copied["doc_id"] == copied["copy_group"].map(lambda g: origins[g][0])
    return frame[COPY_COLUMNS].reset_index(drop=True)
