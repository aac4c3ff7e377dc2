"""What the Timeline reads from the engine: only the rows of the articles passing the filters, of the
mentions only what placing figures needs, and of the sentences only those of the rows shown or
written to a download (never whole tables, and no table the view keeps holds a sentence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lib.store.engine import quote_name

if TYPE_CHECKING:
    from lib.store.corpus import Corpus

HOLDER_MENTION_COLUMNS = ["doc_id", "start", "text", "entity", "entity_label"]


def _columns(corpus: Corpus, table: str) -> list[str]:
    if table in corpus.tables:
        return list(corpus.tables[table].columns)
    return corpus.engine.columns(table) if corpus.engine else []


def query_rows(corpus: Corpus, chosen: pd.DataFrame, table: str, leave_out: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every row of an extractor table for the ``chosen`` articles, in the order of the articles'
    ids and the rows' offsets, without the columns ``leave_out`` names (an empty frame when the
    table is missing)."""
    if not corpus.has_table(table):
        return pd.DataFrame()
    columns = [column for column in _columns(corpus, table) if column not in leave_out]
    if not columns:
        return pd.DataFrame()
    found = corpus.query(f"SELECT {', '.join('t.' + quote_name(c) for c in columns)} FROM {quote_name(table)} t "
                         "JOIN chosen USING (doc_id) ORDER BY t.doc_id, t.start", chosen=chosen[["doc_id"]])
    return found.astype({"doc_id": "str"})


SENTENCE_KEYS = ["doc_id", "sent_index"]
PREVIEW_CHARACTERS = 90
"""How much of a sentence a hover line quotes."""
WHITESPACE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
"""What Python's ``str.strip`` removes (no whitespace lies past U+3000), for the engine's ``trim``."""


def _distinct_keys(keys: pd.DataFrame) -> pd.DataFrame:
    return (keys[SENTENCE_KEYS].dropna().astype({"doc_id": "str", "sent_index": "int64"})
            .drop_duplicates(ignore_index=True))


def query_sentence_texts(corpus: Corpus, keys: pd.DataFrame) -> pd.DataFrame:
    """doc_id, sent_index, text (stripped, as in Python) of the sentences of some (doc_id, sent_index)
    keys; a key without a sentence is left out."""
    wanted = _distinct_keys(keys)
    if wanted.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "sent_index": pd.Series(dtype="int64"),
                             "text": pd.Series(dtype=object)})
    found = corpus.query("SELECT s.doc_id, s.sent_index, trim(s.text, ?) AS text FROM sentences s "
                         "JOIN chosen c ON s.doc_id = c.doc_id AND s.sent_index = c.sent_index",
                         [WHITESPACE], chosen=wanted)
    return found.astype({"doc_id": "str", "sent_index": "int64"})


def query_previews(corpus: Corpus, keys: pd.DataFrame) -> pd.DataFrame:
    """doc_id, sent_index, preview: the first ``PREVIEW_CHARACTERS`` characters of each key's sentence,
    stripped ("" without one), what a hover line quotes: ``text.strip()[:90]``, computed in the engine."""
    wanted = _distinct_keys(keys)
    if wanted.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "sent_index": pd.Series(dtype="int64"),
                             "preview": pd.Series(dtype=object)})
    found = corpus.query(
        "SELECT c.doc_id, c.sent_index, coalesce(left(trim(s.text, ?), ?), '') AS preview FROM chosen c "
        "LEFT JOIN sentences s ON s.doc_id = c.doc_id AND s.sent_index = c.sent_index",
        [WHITESPACE, PREVIEW_CHARACTERS], chosen=wanted)
    return found.astype({"doc_id": "str", "sent_index": "int64", "preview": "str"})


def query_preview_ids(corpus: Corpus, chosen: pd.DataFrame, table: str) -> pd.DataFrame:
    """doc_id, sent_index, preview_id for each sentence of the ``chosen`` articles where a table has
    a row: a hash of its preview (``query_previews``), equal where the previews are equal, so hover
    lines can be told apart without holding the previews themselves."""
    if not corpus.has_table(table):
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "sent_index": pd.Series(dtype="int64"),
                             "preview_id": pd.Series(dtype="uint64")})
    found = corpus.query(
        f"""SELECT k.doc_id, k.sent_index, hash(coalesce(left(trim(s.text, ?), ?), '')) AS preview_id
            FROM (SELECT DISTINCT t.doc_id, t.sent_index FROM {quote_name(table)} t JOIN chosen USING (doc_id)) k
            LEFT JOIN sentences s ON s.doc_id = k.doc_id AND s.sent_index = k.sent_index""",
        [WHITESPACE, PREVIEW_CHARACTERS], chosen=chosen[["doc_id"]])
    return found.astype({"doc_id": "str", "sent_index": "int64"})


def query_figure_sentences(corpus: Corpus, keys: pd.DataFrame) -> pd.DataFrame:
    """doc_id, start, sentence of some figures (by their article and offset), as the figures table
    stores them."""
    empty = pd.DataFrame({"doc_id": pd.Series(dtype=object), "start": pd.Series(dtype="int64"),
                          "sentence": pd.Series(dtype=object)})
    wanted = keys[["doc_id", "start"]].dropna().astype({"doc_id": "str", "start": "int64"}).drop_duplicates()
    if wanted.empty or not corpus.has_table("figures") or "sentence" not in _columns(corpus, "figures"):
        return empty
    found = corpus.query("SELECT f.doc_id, f.start, f.sentence FROM figures f "
                         "JOIN chosen c ON f.doc_id = c.doc_id AND f.start = c.start", chosen=wanted)
    return found.astype({"doc_id": "str", "start": "int64"})


def query_named(corpus: Corpus, chosen: pd.DataFrame) -> pd.DataFrame:
    """doc_id, sent_index, named: the canonical entities each sentence holding a figure names,
    sorted and "; "-joined (what ``figure_series`` compares to tell whether two figures share a story)."""
    if not (corpus.has_table("figures") and corpus.has_table("mentions")):
        return pd.DataFrame(columns=["doc_id", "sent_index", "named"])
    found = corpus.query(
        """SELECT m.doc_id, m.sent_index,
                  string_agg(DISTINCT CAST(m.entity AS VARCHAR), '; ' ORDER BY CAST(m.entity AS VARCHAR)) AS named
           FROM mentions m JOIN chosen USING (doc_id)
           JOIN (SELECT DISTINCT doc_id, sent_index FROM figures JOIN chosen USING (doc_id)) USING (doc_id, sent_index)
           WHERE m.entity IS NOT NULL GROUP BY m.doc_id, m.sent_index""", chosen=chosen[["doc_id"]])
    return found.astype({"doc_id": "str", "named": "str"})


def query_holder_mentions(corpus: Corpus, chosen: pd.DataFrame) -> pd.DataFrame:
    """The mentions that resolving figures' claim holders to entities reads, in the order of the
    articles' ids and offsets: in an article with a named holder its people and the mentions
    where a holder's name starts, and the first mention of each (surface, entity), which gives the
    same alias lookup (the first entity of each surface) as every mention (``resolve_names``)."""
    empty = pd.DataFrame(columns=HOLDER_MENTION_COLUMNS)
    if not (corpus.has_table("figures") and corpus.has_table("mentions")):
        return empty
    if "holder_name" not in (corpus.engine.columns("figures") if corpus.engine else []):
        return empty
    found = corpus.query(
        f"""WITH m AS (SELECT {', '.join('m.' + column for column in HOLDER_MENTION_COLUMNS)}
                       FROM mentions m JOIN chosen USING (doc_id)),
            holders AS (SELECT doc_id, holder_name_start FROM figures JOIN chosen USING (doc_id)
                        WHERE coalesce(holder_name, '') <> ''),
            firsts AS (SELECT min((doc_id, start)) AS first FROM m GROUP BY text, entity)
            SELECT * FROM m
            WHERE (doc_id, start) IN (SELECT first FROM firsts)
               OR (entity_label = 'PERSON' AND doc_id IN (SELECT doc_id FROM holders))
               OR (doc_id, start) IN (SELECT (doc_id, holder_name_start) FROM holders)
            ORDER BY doc_id, start""", chosen=chosen[["doc_id"]])
    return found.astype({"doc_id": "str"})


def _lookup(rows: pd.DataFrame, found: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """``found[column]`` for each row, matched on ``keys`` (missing where there is none), in the rows' order."""
    index = pd.MultiIndex.from_frame(found[keys])
    values = pd.Series(found[column].to_numpy(dtype=object), index=index)
    values = values[~values.index.duplicated()]
    wanted = pd.MultiIndex.from_frame(rows[keys].astype({keys[0]: "str", keys[1]: "int64"}))
    return pd.Series(values.reindex(wanted).to_numpy(dtype=object), index=rows.index, dtype=object)


def is_figures(rows: pd.DataFrame) -> bool:
    """Whether rows are placed figures (whose sentence the figures table stores) rather than
    rows of a sentence (a date expression, a mention)."""
    return {"value", "window_text"} <= set(rows.columns)


def with_sentences(corpus: Corpus, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with their ``sentence``, read for these rows only: a figure's as the figures table
    stores it, placed after ``window_text`` (where ``place_figures`` puts it); any other row's
    (doc_id, sent_index) sentence stripped ("" if missing), as the last column."""
    if "sentence" in rows:
        return rows
    if is_figures(rows):
        found = query_figure_sentences(corpus, rows) if not rows.empty else pd.DataFrame(
            columns=["doc_id", "start", "sentence"])
        sentence = _lookup(rows, found, ["doc_id", "start"], "sentence") if not rows.empty else pd.Series(
            index=rows.index, dtype=object)
        at = rows.columns.get_loc("window_text") + 1
        placed = rows.copy()
        placed.insert(at, "sentence", sentence)
        return placed
    if rows.empty:
        return rows.assign(sentence=pd.Series(index=rows.index, dtype=object))
    found = query_sentence_texts(corpus, rows)
    return rows.assign(sentence=_lookup(rows, found, SENTENCE_KEYS, "text").fillna(""))


def with_pair_sentences(corpus: Corpus, pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs of figures (``flag_discrepancies``) with both sentences, sentence_a and sentence_b
    where ``FLAG_COLUMNS`` puts them, found by each side's figure key ("fig|doc_id|start")."""
    if "sentence_a" in pairs:
        return pairs
    if pairs.empty:
        out = pairs.copy()
        for side in "ab":
            out.insert(out.columns.get_loc(f"holder_{side}") + 1, f"sentence_{side}", pd.Series(dtype=object))
        return out
    sides = {}
    for side in "ab":
        keys = pairs[f"key_{side}"].astype(str).str.rpartition("|")
        sides[side] = pd.DataFrame({"doc_id": pairs[f"doc_id_{side}"].astype(str),
                                    "start": pd.to_numeric(keys[2], errors="coerce")}, index=pairs.index)
    both = pd.concat(sides.values()).dropna()
    found = query_figure_sentences(corpus, both.astype({"start": "int64"})) if not both.empty else None
    out = pairs.copy()
    for side, keys in sides.items():
        values = (_lookup(keys.fillna({"start": -1}), found, ["doc_id", "start"], "sentence") if found is not None
                  else pd.Series(index=pairs.index, dtype=object))
        out.insert(out.columns.get_loc(f"holder_{side}") + 1, f"sentence_{side}", values)
    return out
