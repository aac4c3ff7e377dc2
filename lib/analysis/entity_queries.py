"""Entity counts queried in the engine: rankings, per-outlet counts, co-occurrence and one entity's
evidence, for the articles passing the filters (the relation ``chosen``)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.analysis.queries import in_list, limit
from lib.store.corpus import Corpus

RANK_COLUMNS = ["entity", "label", "mentions", "articles"]
OUTLET_COLUMNS = ["entity", "outlet", "mentions", "articles"]
KWIC_ROW_COLUMNS = ["doc_id", "sent_index", "start", "end", "start_sent", "text_sent", "outlet", "published", "title"]


def _typed(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A query result with pandas' own string dtype (as the tables read from Parquet have)."""
    frame = frame[columns]
    for column in columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype("str")
    return frame.reset_index(drop=True)


def query_ranking(corpus: Corpus, chosen: pd.DataFrame, *, labels: Iterable[str] = (),
                  top: int | None = None) -> pd.DataFrame:
    """entity, label, mentions and articles, most mentioned first (then most articles, then name)."""
    where, params = in_list("entity_label", labels)
    found = corpus.query(
        f"""SELECT entity, min(entity_label) AS label, count(*) AS mentions, count(DISTINCT doc_id) AS articles
            FROM mentions JOIN chosen USING (doc_id) WHERE {where}
            GROUP BY entity ORDER BY mentions DESC, articles DESC, entity {limit(top)}""",
        params, chosen=chosen[["doc_id"]])
    return _typed(found, RANK_COLUMNS)


def query_labels(corpus: Corpus, chosen: pd.DataFrame | None = None) -> list[str]:
    """The entity types mentioned, most mentioned first (ties by name); the whole corpus without ``chosen``."""
    join = "JOIN chosen USING (doc_id)" if chosen is not None else ""
    found = corpus.query(
        f"SELECT entity_label, count(*) AS n FROM mentions {join} GROUP BY entity_label ORDER BY n DESC, entity_label",
        chosen=None if chosen is None else chosen[["doc_id"]])
    return found["entity_label"].tolist()


def query_outlet_counts(corpus: Corpus, chosen: pd.DataFrame, entities: Iterable[str]) -> pd.DataFrame:
    """entity, outlet, mentions and articles per (entity, outlet) pair, among articles of a known outlet."""
    where, params = in_list("entity", entities)
    found = corpus.query(
        f"""SELECT entity, outlet, count(*) AS mentions, count(DISTINCT doc_id) AS articles
            FROM mentions JOIN chosen USING (doc_id) WHERE known AND {where}
            GROUP BY entity, outlet ORDER BY entity, mentions DESC, outlet""",
        params, chosen=chosen)
    return _typed(found, OUTLET_COLUMNS)


def query_outlet_totals(corpus: Corpus, chosen: pd.DataFrame) -> pd.Series:
    """Mentions of every entity type per known outlet, sorted by outlet."""
    found = corpus.query("""SELECT outlet, count(*) AS outlet_mentions FROM mentions JOIN chosen USING (doc_id)
                            WHERE known GROUP BY outlet ORDER BY outlet""", chosen=chosen)
    return found.set_index(found["outlet"].astype("str"))["outlet_mentions"].rename_axis("outlet")


def query_pairs(corpus: Corpus, chosen: pd.DataFrame, entities: list[str], *, min_weight: int) -> pd.DataFrame:
    """source, target, weight: sentences naming both of two of the entities, at least ``min_weight``."""
    found = corpus.query(
        """WITH named AS (SELECT DISTINCT doc_id, sent_index, entity FROM mentions JOIN chosen USING (doc_id)
                          WHERE list_contains(?::VARCHAR[], entity))
           SELECT a.entity AS source, b.entity AS target, count(*) AS weight
           FROM named a JOIN named b USING (doc_id, sent_index) WHERE a.entity < b.entity
           GROUP BY a.entity, b.entity HAVING count(*) >= ? ORDER BY weight DESC, source, target""",
        [entities, min_weight], chosen=chosen[["doc_id"]])
    return _typed(found, ["source", "target", "weight"])


def query_entity_counts(corpus: Corpus, chosen: pd.DataFrame, entity: str) -> pd.DataFrame:
    """label, written text, mentions and articles of one entity, per (label, text) written."""
    found = corpus.query(
        """SELECT entity_label AS label, text, count(*) AS mentions, count(DISTINCT doc_id) AS articles
           FROM mentions JOIN chosen USING (doc_id) WHERE entity = ? GROUP BY entity_label, text""",
        [entity], chosen=chosen[["doc_id"]])
    return _typed(found, ["label", "text", "mentions", "articles"])


def query_entity_articles(corpus: Corpus, chosen: pd.DataFrame, entity: str) -> int:
    """How many of the articles passing the filters mention the entity."""
    found = corpus.query("SELECT count(DISTINCT doc_id) AS n FROM mentions JOIN chosen USING (doc_id) WHERE entity = ?",
                         [entity], chosen=chosen[["doc_id"]])
    return int(found["n"].iloc[0])


def query_comentions(corpus: Corpus, chosen: pd.DataFrame, entity: str, *, top: int = 15) -> pd.DataFrame:
    """entity, label, sentences: entities named in the same sentences as one entity, most first."""
    found = corpus.query(
        f"""WITH own AS (SELECT DISTINCT doc_id, sent_index FROM mentions JOIN chosen USING (doc_id) WHERE entity = ?)
            SELECT m.entity, min(m.entity_label) AS label, count(DISTINCT (m.doc_id, m.sent_index)) AS sentences
            FROM mentions m JOIN own USING (doc_id, sent_index) WHERE m.entity <> ?
            GROUP BY m.entity ORDER BY sentences DESC, m.entity {limit(top)}""",
        [entity, entity], chosen=chosen[["doc_id"]])
    return _typed(found, ["entity", "label", "sentences"])


def query_kwic_rows(corpus: Corpus, chosen: pd.DataFrame, entity: str, *, top: int | None = None) -> pd.DataFrame:
    """The mentions of one entity (the first ``top`` by date, then outlet, article and place), each
    with its sentence's start and text and its article's outlet, date and title."""
    found = corpus.query(
        f"""SELECT m.doc_id, m.sent_index, m.start, m."end", s.start AS start_sent, s.text AS text_sent,
                   c.outlet, c.published, c.title
            FROM mentions m JOIN chosen c USING (doc_id) JOIN sentences s USING (doc_id, sent_index)
            WHERE m.entity = ? ORDER BY c.published = '', c.published, c.outlet, m.doc_id, m.start {limit(top)}""",
        [entity], chosen=chosen)
    return _typed(found, KWIC_ROW_COLUMNS)


def query_ledger_rows(corpus: Corpus, doc_ids: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(roles, mentions, sentences) of some articles that the role ledger reads: the titles given,
    the mentions in their sentences (in article order) and those sentences."""
    if "roles" not in (corpus.engine.names if corpus.engine else ()):
        return pd.DataFrame(), pd.DataFrame(), pd.DataFrame()
    roles = corpus.query('SELECT r.* FROM roles r JOIN chosen USING (doc_id) ORDER BY r.doc_id, r.start, r."end"',
                         chosen=doc_ids)
    spots = roles[["doc_id", "sent_index"]].drop_duplicates().astype({"doc_id": "str"})
    mentions = corpus.query(
        """SELECT m.doc_id, m.sent_index, m.start, m."end", m.entity, m.entity_label FROM mentions m
           JOIN chosen USING (doc_id, sent_index) ORDER BY m.doc_id, m.start, m."end" """, chosen=spots)
    sentences = corpus.query(
        "SELECT s.doc_id, s.sent_index, s.text FROM sentences s JOIN chosen USING (doc_id, sent_index)",
        chosen=spots)
    return roles, mentions, sentences


def query_titles(corpus: Corpus, chosen: pd.DataFrame, entity: str) -> pd.DataFrame:
    """title, outlets, mentions: the titles given to one entity as written (the role ledger's
    ``list_entity_titles``). A title's person is the first mention (in article order) its span
    overlaps in its sentence, or the name as written when it overlaps none."""
    if "roles" not in (corpus.engine.names if corpus.engine else ()):
        return pd.DataFrame(columns=["title", "outlets", "mentions"])
    found = corpus.query(
        """WITH named AS (SELECT DISTINCT doc_id, sent_index FROM mentions JOIN chosen USING (doc_id)
                          WHERE entity = ?),
           candidates AS (
               SELECT row_number() OVER () AS row, r.doc_id, r.sent_index, r.start, r."end", r.title, r.person
               FROM roles r JOIN (SELECT DISTINCT doc_id FROM named) USING (doc_id)
               LEFT JOIN named n ON n.doc_id = r.doc_id AND n.sent_index = r.sent_index
               WHERE r.person = ? OR n.doc_id IS NOT NULL),
           resolved AS (
               SELECT c.row, any_value(c.doc_id) AS doc_id, any_value(c.title) AS title,
                      coalesce(arg_min(m.entity, (m.start, m."end")), any_value(c.person)) AS person
               FROM candidates c LEFT JOIN mentions m ON m.doc_id = c.doc_id AND m.sent_index = c.sent_index
                    AND m.start < c."end" AND c.start < m."end"
               GROUP BY c.row)
           SELECT r.title, string_agg(DISTINCT c.outlet, ', ' ORDER BY c.outlet) AS outlets, count(*) AS mentions
           FROM resolved r JOIN chosen c USING (doc_id) WHERE r.person = ?
           GROUP BY r.title ORDER BY mentions DESC, r.title""",
        [entity, entity, entity], chosen=chosen)
    return _typed(found, ["title", "outlets", "mentions"])
