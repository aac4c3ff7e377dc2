"""What the Timeline reads from the engine: only the rows of the articles passing the filters, and of
the mentions only what placing figures needs (never whole tables)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from lib.store.engine import quote_name

if TYPE_CHECKING:
    from lib.store.corpus import Corpus

HOLDER_MENTION_COLUMNS = ["doc_id", "start", "text", "entity", "entity_label"]


def query_rows(corpus: Corpus, chosen: pd.DataFrame, table: str) -> pd.DataFrame:
    """Every row of an extractor table for the ``chosen`` articles, in the order of the articles'
    ids and the rows' offsets (an empty frame when the table is missing)."""
    if not corpus.has_table(table):
        return pd.DataFrame()
    found = corpus.query(f"SELECT t.* FROM {quote_name(table)} t JOIN chosen USING (doc_id) "
                         "ORDER BY t.doc_id, t.start", chosen=chosen[["doc_id"]])
    return found.astype({"doc_id": "str"})


def query_sentences(corpus: Corpus, chosen: pd.DataFrame, table: str) -> pd.DataFrame:
    """doc_id, sent_index, text of the sentences of the ``chosen`` articles where a table has a row."""
    if not corpus.has_table(table):
        return pd.DataFrame(columns=["doc_id", "sent_index", "text"])
    found = corpus.query(
        f"""SELECT s.doc_id, s.sent_index, s.text FROM sentences s JOIN chosen USING (doc_id)
            JOIN (SELECT DISTINCT doc_id, sent_index FROM {quote_name(table)}) USING (doc_id, sent_index)""",
        chosen=chosen[["doc_id"]])
    return found.astype({"doc_id": "str", "text": "str"})


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
