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


def query_outlet_counts(
    corpus: Corpus, chosen: pd.DataFrame, entities: Iterable[str], *, known_only: bool = True
) -> pd.DataFrame:
    """entity, outlet, mentions and articles per (entity, outlet) pair, among articles of a known outlet
    (or of every article, the unknown outlet under its label, with ``known_only`` False)."""
    where, params = in_list("entity", entities)
    known = "known AND" if known_only else ""
    found = corpus.query(
        f"""SELECT entity, outlet, count(*) AS mentions, count(DISTINCT doc_id) AS articles
            FROM mentions JOIN chosen USING (doc_id) WHERE {known} {where}
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


def query_ledger_rows(corpus: Corpus, doc_ids: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(roles, mentions, sentences) of some articles that the role ledger reads: the titles given,
    the mentions in their sentences (in article order) and those sentences."""
    if not corpus.has_table("roles"):
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


def query_profile(corpus: Corpus, chosen: pd.DataFrame, entity: str, *, kwic_rows: int,
                  top_comentions: int = 15) -> dict[str, pd.DataFrame]:
    """One entity's evidence in the articles passing the filters, from one scan of its mentions:

    - ``written``: label, text, mentions, articles per (label, text) written;
    - ``articles``: n, the articles naming it;
    - ``outlets``: entity, outlet, mentions, articles per known outlet, most first;
    - ``kwic``: its first ``kwic_rows`` mentions by date, then outlet, article and place, each with
      its sentence's start and text and its article's outlet, date and title;
    - ``comentions``: entity, label, sentences: the others named in its sentences, most first;
    - ``titles``: title, outlets, mentions: the titles given to it (the role ledger's
      ``list_entity_titles``). A title's person is the first mention (in article order) its span
      overlaps in its sentence, or the name as written when it overlaps none.
    """
    has_roles = corpus.has_table("roles")
    statements = [
        ("""CREATE TEMP TABLE own AS
            SELECT m.doc_id, m.sent_index, m.start, m."end", m.entity_label AS label, m.text
            FROM mentions m SEMI JOIN chosen USING (doc_id) WHERE m.entity = ?""", [entity]),
        ("""SELECT label, text, count(*) AS mentions, count(DISTINCT doc_id) AS articles FROM own
            GROUP BY label, text""", None),
        ("SELECT count(DISTINCT doc_id) AS n FROM own", None),
        ("""SELECT ? AS entity, c.outlet, count(*) AS mentions, count(DISTINCT doc_id) AS articles
            FROM own JOIN chosen c USING (doc_id) WHERE c.known
            GROUP BY c.outlet ORDER BY mentions DESC, c.outlet""", [entity]),
        (f"""SELECT o.doc_id, o.sent_index, o.start, o."end", s.start AS start_sent, s.text AS text_sent,
                    o.outlet, o.published, o.title
             FROM (SELECT own.*, c.outlet, c.published, c.title FROM own JOIN chosen c USING (doc_id)
                   ORDER BY c.published = '', c.published, c.outlet, doc_id, own.start {limit(kwic_rows)}) o
             JOIN sentences s USING (doc_id, sent_index)""", None),
        (f"""WITH spots AS (SELECT DISTINCT doc_id, sent_index FROM own)
             SELECT m.entity, min(m.entity_label) AS label, count(DISTINCT (m.doc_id, m.sent_index)) AS sentences
             FROM mentions m JOIN spots USING (doc_id, sent_index) WHERE m.entity <> ?
             GROUP BY m.entity ORDER BY sentences DESC, m.entity {limit(top_comentions)}""", [entity]),
    ]
    if has_roles:
        statements.append((
            """WITH named AS (SELECT DISTINCT doc_id, sent_index FROM own),
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
               GROUP BY r.title ORDER BY mentions DESC, r.title""", [entity, entity]))
    _, written, articles, outlets, kwic, comentions, *titles = corpus.query_all(statements, chosen=chosen)
    return {
        "written": _typed(written, ["label", "text", "mentions", "articles"]),
        "articles": articles,
        "outlets": _typed(outlets, OUTLET_COLUMNS),
        "kwic": _typed(kwic, KWIC_ROW_COLUMNS),
        "comentions": _typed(comentions, ["entity", "label", "sentences"]),
        "titles": _typed(titles[0], ["title", "outlets", "mentions"]) if titles
        else pd.DataFrame(columns=["title", "outlets", "mentions"]),
    }
