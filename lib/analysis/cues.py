"""Lexicon cues per outlet: attribution and hedging phrases, and the 15 Media Frames Corpus frames."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from lib import DATA_DIR
from lib.analysis.terms import outlet_of, words_per_outlet

DATA = DATA_DIR
CUES_FILE = DATA / "cues.csv"
FRAMES_FILE = DATA / "frames.csv"
FRAMES = (
    "economic", "capacity & resources", "morality", "fairness & equality", "legality",
    "policy prescription", "crime & punishment", "security & defense", "health & safety",
    "quality of life", "cultural identity", "public opinion", "political",
    "external regulation & reputation", "other",
)
"""The 15 framing dimensions of the Media Frames Corpus (Card et al. 2015), in its order."""
MIN_WORDS = 200
"""Outlets with fewer words get their counts shown but are flagged as too little text."""
MATCH_COLUMNS = ("doc_id", "sent_index", "label", "hits")


def wildcard_pattern(cue: str) -> str:
    """Turn a lexicon entry ("econom*", "war crime*") into a case-insensitive word regex."""
    words = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
             for word in cue.lower().split()]
    return r"(?i:\b" + r"[\s-]+".join(words) + r"\b)"


def load_cues(path: Path = CUES_FILE) -> pd.DataFrame:
    """Read the attribution/hedging cue list: label (the cue), kind, pattern (regex), note."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("cue", "kind", "pattern"):
        if column not in table:
            raise ValueError(f"{path.name} needs a {column!r} column")
    sensitive = table.get("case_sensitive", pd.Series("", index=table.index)).str.lower()
    patterns = [p if s == "true" else f"(?i:{p})" for p, s in zip(table["pattern"], sensitive,
                                                                     strict=True)]
    for pattern in patterns:
        re.compile(pattern)
    return table.assign(label=table["cue"], pattern=patterns)


def load_frames(path: Path = FRAMES_FILE) -> pd.DataFrame:
    """Read the frame lexicon: one row per frame with its cues and the combined regex."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"frame", "cue"} <= set(table.columns):
        raise ValueError(f"{path.name} needs 'frame' and 'cue' columns")
    table = table[table["cue"].str.strip() != ""]
    rows = []
    for frame, group in table.groupby("frame", sort=False):
        cues = sorted({" ".join(c.lower().split()) for c in group["cue"]}, key=len, reverse=True)
        pattern = "|".join(wildcard_pattern(cue) for cue in cues)
        rows.append({"label": frame, "pattern": pattern, "cues": "|".join(sorted(cues))})
    return pd.DataFrame(rows, columns=["label", "pattern", "cues"])


def _empty_matches() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in MATCH_COLUMNS})


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
        return _empty_matches()
    frames = _count_each(sentences, lexicon)
    return pd.concat(frames, ignore_index=True) if frames else _empty_matches()


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
        return _empty_matches()
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


def summarise_matches(matches: pd.DataFrame, documents: pd.DataFrame, *, labels: list[str],
                      min_words: int = MIN_WORDS) -> pd.DataFrame:
    """Hits per outlet and label, per 1,000 words, with n (words) and whether n is enough."""
    words = words_per_outlet(documents)
    grid = pd.MultiIndex.from_product([words.index, labels], names=["outlet", "label"])
    if matches.empty:
        counted = pd.DataFrame(index=grid, columns=["hits", "sentences", "articles"]).fillna(0)
    else:
        tagged = matches.assign(outlet=matches["doc_id"].map(outlet_of(documents)))
        counted = tagged.groupby(["outlet", "label"]).agg(
            hits=("hits", "sum"), sentences=("sent_index", "size"), articles=("doc_id", "nunique"),
        ).reindex(grid, fill_value=0)
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


def lexicon_stamp(*paths: Path) -> str:
    """The lexicon files' modification times, so an edited lexicon is matched again."""
    chosen = paths or (CUES_FILE, FRAMES_FILE)
    return ";".join(f"{p.name}={p.stat().st_mtime_ns}" for p in chosen if p.is_file())
