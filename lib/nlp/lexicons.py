"""The editable cue and frame lexicons: reading them, and counting their matches in sentences.

Both the build (which stores every sentence's matches beside the tables) and the Source framing view
(which matches again when a lexicon was edited since the build) count with these functions, so the
two give the same rows.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib import DATA_DIR

CUES_FILE = DATA_DIR / "cues.csv"
FRAMES_FILE = DATA_DIR / "frames.csv"
FRAMES = (
    "economic", "capacity & resources", "morality", "fairness & equality", "legality",
    "policy prescription", "crime & punishment", "security & defense", "health & safety",
    "quality of life", "cultural identity", "public opinion", "political",
    "external regulation & reputation", "other",
)
"""The 15 framing dimensions of the Media Frames Corpus (Card et al. 2015), in its order."""
MATCH_COLUMNS = ("doc_id", "sent_index", "label", "hits")


def wildcard_pattern(cue: str) -> str:
    """Turn a lexicon entry ("econom*", "war crime*") into a case-insensitive word regex."""
    words = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
             for word in cue.lower().split()]
    return r"(?i:\b" + r"[\s-]+".join(words) + r"\b)"


def _read_csv(source: Path | bytes) -> pd.DataFrame:
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    return pd.read_csv(data, dtype=str, keep_default_na=False)


def load_cues(path: Path = CUES_FILE, *, data: bytes | None = None) -> pd.DataFrame:
    """Read the attribution/hedging cue list: label (the cue), kind, pattern (regex), note.
    ``data`` is the file's content when already read."""
    table = _read_csv(path if data is None else data)
    for column in ("cue", "kind", "pattern"):
        if column not in table:
            raise ValueError(f"{path.name} needs a {column!r} column")
    sensitive = table.get("case_sensitive", pd.Series("", index=table.index)).str.lower()
    patterns = [p if s == "true" else f"(?i:{p})" for p, s in zip(table["pattern"], sensitive,
                                                                     strict=True)]
    for pattern in patterns:
        re.compile(pattern)
    return table.assign(label=table["cue"], pattern=patterns)


def load_frames(path: Path = FRAMES_FILE, *, data: bytes | None = None) -> pd.DataFrame:
    """Read the frame lexicon: one row per frame with its cues and the combined regex."""
    table = _read_csv(path if data is None else data)
    if not {"frame", "cue"} <= set(table.columns):
        raise ValueError(f"{path.name} needs 'frame' and 'cue' columns")
    table = table[table["cue"].str.strip() != ""]
    rows = []
    for frame, group in table.groupby("frame", sort=False):
        cues = sorted({" ".join(c.lower().split()) for c in group["cue"]}, key=len, reverse=True)
        pattern = "|".join(wildcard_pattern(cue) for cue in cues)
        rows.append({"label": frame, "pattern": pattern, "cues": "|".join(sorted(cues))})
    return pd.DataFrame(rows, columns=["label", "pattern", "cues"])


@dataclass(frozen=True)
class Lexicons:
    """Both lexicons as read from their files, with each file's sha256 (what a build stamps its matches with)."""

    cues: pd.DataFrame
    frames: pd.DataFrame
    cues_sha256: str
    frames_sha256: str


_READ: dict[tuple[str, str], Lexicons] = {}
"""Lexicons already parsed, by their files' digests (one entry: an edit replaces it)."""


def lexicon_digests() -> tuple[str, str]:
    """The sha256 of the cue file and of the frame file as they are now."""
    return hashlib.sha256(CUES_FILE.read_bytes()).hexdigest(), hashlib.sha256(FRAMES_FILE.read_bytes()).hexdigest()


def read_lexicons() -> Lexicons:
    """Both lexicons as their files are now (each file read once, so its digest is that of what was parsed)."""
    cues_path, frames_path = CUES_FILE, FRAMES_FILE
    cue_bytes, frame_bytes = cues_path.read_bytes(), frames_path.read_bytes()
    key = (hashlib.sha256(cue_bytes).hexdigest(), hashlib.sha256(frame_bytes).hexdigest())
    if key not in _READ:
        _READ.clear()
        _READ[key] = Lexicons(load_cues(cues_path, data=cue_bytes), load_frames(frames_path, data=frame_bytes), *key)
    return _READ[key]


def empty_matches() -> pd.DataFrame:
    """No match, with the columns (and types) of ``count_matches``."""
    return pd.DataFrame({"doc_id": pd.Series(dtype="object"), "sent_index": pd.Series(dtype="int64"),
                         "label": pd.Series(dtype="object"), "hits": pd.Series(dtype="int64")})


def _count_each(sentences: pd.DataFrame, lexicon: pd.DataFrame) -> list[pd.DataFrame]:
    frames = []
    text = sentences["text"].astype(str)
    for label, pattern in zip(lexicon["label"], lexicon["pattern"], strict=True):
        hits = text.str.count(pattern)
        found = hits > 0
        if found.any():
            frames.append(pd.DataFrame({
                "doc_id": sentences.loc[found, "doc_id"].to_numpy(),
                "sent_index": sentences.loc[found, "sent_index"].to_numpy(),
                "label": label, "hits": hits[found].to_numpy(),
            }))
    return frames


def count_matches(sentences: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Count each lexicon entry's regex matches in every sentence (one pass per entry)."""
    if sentences.empty or lexicon.empty:
        return empty_matches()
    frames = _count_each(sentences, lexicon)
    return pd.concat(frames, ignore_index=True) if frames else empty_matches()


_TOKEN = r"[a-z0-9]+"


def _word_frames(vocabulary: pd.Index, lexicon: pd.DataFrame) -> pd.DataFrame:
    """(word, label) for every vocabulary word that a one-word cue of a frame matches."""
    pairs = []
    for label, cues in zip(lexicon["label"], lexicon["cues"], strict=True):
        words = [c for c in cues.split("|") if " " not in c]
        exact = [w for w in words if not w.endswith("*")]
        prefixes = tuple(w.rstrip("*") for w in words if w.endswith("*"))
        hit = vocabulary.isin(exact)
        if prefixes:
            hit |= vocabulary.str.startswith(prefixes)
        pairs.append(pd.DataFrame({"word": vocabulary[hit], "label": label}))
    return pd.concat(pairs, ignore_index=True).drop_duplicates()


def count_frame_matches(sentences: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Count frame cues per sentence: one-word cues by token look-up, phrases by regex.

    Words are matched on a vocabulary of lower-case tokens (so the lexicon is tested once per
    distinct word, not once per sentence); multi-word cues are counted by regex only in
    sentences that contain their first word.
    """
    if sentences.empty or frames.empty:
        return empty_matches()
    keys = sentences[["doc_id", "sent_index"]].reset_index(drop=True)
    tokens = sentences["text"].astype(str).str.lower().str.findall(_TOKEN).reset_index(drop=True)
    tokens = tokens.explode().dropna().rename("word").reset_index()
    pairs = _word_frames(pd.Index(tokens["word"].unique()), frames)
    hits = tokens.merge(pairs, on="word").groupby(["index", "label"]).size().rename("hits")
    hits = hits.reset_index()
    parts = [keys.loc[hits["index"]].reset_index(drop=True).assign(
        label=hits["label"].to_numpy(), hits=hits["hits"].to_numpy())]
    for label, cues in zip(frames["label"], frames["cues"], strict=True):
        for cue in (c for c in cues.split("|") if " " in c):
            first = cue.split()[0].rstrip("*")
            rows = tokens.loc[tokens["word"].str.startswith(first), "index"].unique()
            found = sentences.iloc[rows]
            counted = found["text"].astype(str).str.count(wildcard_pattern(cue))
            found = found[counted > 0]
            parts.append(pd.DataFrame({"doc_id": found["doc_id"].to_numpy(),
                                       "sent_index": found["sent_index"].to_numpy(),
                                       "label": label, "hits": counted[counted > 0].to_numpy()}))
    matches = pd.concat(parts, ignore_index=True)
    return matches.groupby(["doc_id", "sent_index", "label"], as_index=False)["hits"].sum()


def lexicon_stamp(*paths: Path) -> str:
    """The lexicon files' modification times, so an edited lexicon is matched again."""
    chosen = paths or (CUES_FILE, FRAMES_FILE)
    return ";".join(f"{p.name}={p.stat().st_mtime_ns}" for p in chosen if p.is_file())
