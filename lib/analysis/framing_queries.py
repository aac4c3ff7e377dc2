"""The Source framing view's engine queries: the chosen articles' rows of a table in the table's own
order, term counts per outlet counted in the engine, and the corpus's alias look-up.

Views that keep their pandas measures get only the rows they need (the articles passing the filters,
the columns asked for) in the order filtering the whole table gave, so their tables stay the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from lib.analysis.concordance import LEDE_SEARCH, MIN_LEDE_WORDS
from lib.analysis.filters import outlet_labels
from lib.analysis.patterns import Query
from lib.analysis.terms import LEMMA_SHAPE, TERM_COLUMNS
from lib.nlp.entities import normalise_mention
from lib.store.corpus import Corpus
from lib.store.engine import Engine, quote_path

SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
          "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
"""Every character besides the space that Python's ``str.split()`` splits on."""
LEMMA_TOKENS = "string_split(translate(s.lemmas, ?, ?), ' ')"
"""A sentence's lemmas as a list, split where ``str.split()`` splits them (empty items are dropped later);
its parameters are ``SPACES`` and as many spaces."""
ROW = "file_row_number"
MENTION_COLUMNS = ["doc_id", "sent_index", "start", "end", "text", "entity", "entity_label"]
"""The columns of the mentions that naming and quotes read."""


def describe_framing_chosen(documents: pd.DataFrame) -> pd.DataFrame:
    """doc_id and outlet label of the articles a framing measure compares (the relation ``chosen``)."""
    return pd.DataFrame({"doc_id": documents["doc_id"].astype("str").to_numpy(),
                         "outlet": outlet_labels(documents).astype("str").to_numpy()})


def query_rows(corpus: Corpus, name: str, chosen: pd.DataFrame, columns: Sequence[str], *,
               on: Sequence[str] = ("doc_id",), where: str = "TRUE", params: Sequence[object] = (),
               relations: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """A table's rows whose ``on`` columns are among ``chosen``'s, only ``columns``, in the table's order.

    ``where`` is an SQL condition on the table's columns (alias ``t``) and on ``relations`` (frames
    registered under their names for this query). A table held in memory (a
    visitor's corrected mentions) is read in its own order too; a missing table gives no rows.
    """
    held = corpus.tables.get(name)
    folder = corpus.folder_of(name) if held is None else None
    path = folder / f"{name}.parquet" if folder else None
    if held is None and (path is None or not path.is_file() or not corpus.has_table(name)):
        return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})
    frames = {name: frame for name, frame in {**corpus.tables, "entities": corpus.entities}.items()
              if len(frame.columns)} | (relations or {})
    if held is not None:  # the chosen rows picked here, so only they are copied
        keys = pd.MultiIndex.from_frame(chosen[list(on)]) if len(on) > 1 else chosen[on[0]]
        rows = held[(pd.MultiIndex.from_frame(held[list(on)]) if len(on) > 1 else held[on[0]]).isin(keys)]
        frames["held_rows"] = rows.assign(**{ROW: np.arange(len(rows))})
        source = "held_rows"
    else:
        source = f"read_parquet({quote_path(path)}, file_row_number = true)"
    keys = ", ".join(on)
    picked = ", ".join(f't."{column}"' for column in columns)
    sql = f"SELECT {picked} FROM {source} t JOIN chosen USING ({keys}) WHERE {where} ORDER BY t.{ROW}"
    engine = corpus.engine or Engine({})
    return engine.query(sql, list(params), chosen=chosen[list(on)].drop_duplicates(), frames=frames)


def count_lemma_query(corpus: Corpus, chosen: pd.DataFrame, *, min_length: int = 3) -> pd.DataFrame:
    """Content lemmas per outlet (``terms.count_lemmas`` counted in the engine): outlet, term, kind, count."""
    if not corpus.has_table("sentences") or chosen.empty:
        return pd.DataFrame(columns=list(TERM_COLUMNS))
    counts = corpus.query(
        f"""SELECT outlet, term, count(*) AS count FROM (
                SELECT c.outlet, unnest({LEMMA_TOKENS}) AS term FROM sentences s JOIN chosen c USING (doc_id))
            GROUP BY outlet, term
            HAVING length(term) >= ? AND regexp_full_match(term, '[a-z][a-z''-]+')
                   AND NOT list_contains(?::VARCHAR[], term)
            ORDER BY outlet, term""",
        [SPACES, " " * len(SPACES), min_length, sorted(STOP_WORDS)], chosen=chosen)
    vocabulary = pd.Series(counts["term"].unique(), dtype="str")
    good = vocabulary[(vocabulary.str.len() >= min_length) & vocabulary.str.match(LEMMA_SHAPE)
                      & ~vocabulary.isin(STOP_WORDS)]
    counts = counts[counts["term"].isin(good)]
    return counts.assign(kind="lemma")[list(TERM_COLUMNS)].reset_index(drop=True)


def count_phrase_query(corpus: Corpus, chosen: pd.DataFrame) -> pd.DataFrame:
    """Noun phrases per outlet (``terms.count_phrases`` counted in the engine)."""
    if not corpus.has_table("noun_phrases") or chosen.empty:
        return pd.DataFrame(columns=list(TERM_COLUMNS))
    counts = corpus.query(
        """SELECT c.outlet, p.phrase AS term, 'phrase' AS kind, count(*) AS count
           FROM noun_phrases p JOIN chosen c USING (doc_id) WHERE p.phrase IS NOT NULL
           GROUP BY c.outlet, p.phrase ORDER BY c.outlet, p.phrase""", chosen=chosen)
    return counts[list(TERM_COLUMNS)]


def query_term_sentences(corpus: Corpus, chosen: pd.DataFrame, term: str, kind: str) -> pd.DataFrame:
    """outlet, doc_id, sent_index, text of the sentences using a lemma or noun phrase (``find_term_sentences``)."""
    columns = ["outlet", "doc_id", "sent_index", "text"]
    if not corpus.has_table("sentences") or (kind == "phrase" and not corpus.has_table("noun_phrases")):
        return pd.DataFrame(columns=columns)
    if kind == "phrase":
        match = ("JOIN (SELECT DISTINCT doc_id, sent_index FROM noun_phrases WHERE phrase = ?) "
                 "USING (doc_id, sent_index)")
        where = "TRUE"
    else:  # the lemmas as separated by single spaces, as the pattern (?:^| )term(?: |$) reads them
        match, where = "", "list_contains(string_split(s.lemmas, ' '), ?)"
    found = corpus.query(
        f"""SELECT c.outlet, s.doc_id, s.sent_index, s.text FROM sentences s JOIN chosen c USING (doc_id) {match}
            WHERE {where} ORDER BY c.outlet, s.doc_id, s.sent_index""", [term], chosen=chosen)
    return found[columns]


def query_name_mentions(corpus: Corpus, chosen: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """The chosen articles' mentions that can resolve a name (``resolve_names``): every person's (whose
    surname may be the name) and those starting where a name starts (``names``: doc_id, start)."""
    starts = names.dropna().astype({"doc_id": "str", "start": "int64"}).drop_duplicates()
    return query_rows(corpus, "mentions", chosen, MENTION_COLUMNS, relations={"name_starts": starts},
                      where="""t.entity_label = 'PERSON' OR EXISTS (
                                   SELECT 1 FROM name_starts n WHERE n.doc_id = t.doc_id AND n.start = t.start)""")


def name_starts(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """doc_id and start of each row's name span (``column``), for ``query_name_mentions``."""
    if frame.empty or column not in frame:
        return pd.DataFrame({"doc_id": pd.Series(dtype="str"), "start": pd.Series(dtype="int64")})
    return pd.DataFrame({"doc_id": frame["doc_id"].to_numpy(), "start": frame[column].to_numpy()})


def query_candidates(corpus: Corpus, chosen: pd.DataFrame, query: Query | None) -> pd.DataFrame:
    """The selection's sentences the query may match (the engine's RE2 runs the same pattern on each
    sentence alone), in table order: the rest have no hit, so the concordance is the same without them."""
    columns = ["doc_id", "sent_index", "text", "lemmas"]
    if query is None:
        return pd.DataFrame({column: pd.Series(dtype="str") for column in columns})
    tests = [("t.text", query.pattern.pattern)] + ([("t.lemmas", query.lemma.pattern)] if query.lemma else [])
    where = " OR ".join(f"regexp_matches(replace(coalesce({column}, ''), chr(10), ' '), ?, 'i')"
                        for column, _ in tests)
    return query_rows(corpus, "sentences", chosen, columns, where=where, params=[pattern for _, pattern in tests])


def sentences_mentioning_query(corpus: Corpus, chosen: pd.DataFrame, entity: str) -> pd.DataFrame:
    """(doc_id, sent_index) of the chosen articles' sentences that mention an entity."""
    found = query_rows(corpus, "mentions", chosen, ["doc_id", "sent_index"], where="t.entity = ?", params=[entity])
    return found.drop_duplicates().reset_index(drop=True)


def load_aliases(corpus: Corpus) -> tuple[dict[str, str], pd.Series]:
    """The corpus's alias look-up (``build_alias_lookup``: each written form, lower case, to its entity,
    first seen first) and each entity's first label, from distinct (text, entity) pairs in table order."""
    held = corpus.tables.get("mentions")
    if held is not None:
        pairs = held[["text", "entity", "entity_label"]].assign(first=np.arange(len(held)))
        pairs = pairs.drop_duplicates(["text", "entity", "entity_label"])
    else:
        folder = corpus.folder_of("mentions")
        path = folder / "mentions.parquet" if folder else None
        if path is None or not path.is_file() or not corpus.has_table("mentions"):
            return {}, pd.Series(dtype="str")
        pairs = _pairs_on_disk(str(path), path.stat().st_mtime_ns, corpus.engine)
    return _build_lookup(pairs)


@lru_cache(maxsize=4)
def _pairs_on_disk(path: str, stamp: int, engine: Engine) -> pd.DataFrame:
    """Distinct (text, entity, entity_label) of a mentions file with the row each is first seen in."""
    del stamp  # part of the key: a rewritten file is read again
    return engine.query(
        f"""SELECT text, entity, entity_label, min({ROW}) AS first
            FROM read_parquet({quote_path(path)}, file_row_number = true)
            GROUP BY text, entity, entity_label ORDER BY first""")


def _build_lookup(pairs: pd.DataFrame) -> tuple[dict[str, str], pd.Series]:
    pairs = pairs.sort_values("first", kind="stable")
    lookup: dict[str, str] = {}
    for text, entity in zip(pairs["text"], pairs["entity"], strict=True):
        lookup.setdefault(normalise_mention(str(text)).lower(), str(entity))
    firsts = pairs.drop_duplicates("entity")
    for entity in firsts["entity"]:
        lookup.setdefault(str(entity).lower(), str(entity))
    return lookup, firsts.set_index("entity")["entity_label"]


LEDE_END = "[.!?][\"'\u201d\u2019)]?$"
"""How a lede ends (``find_ledes``' pattern, in RE2)."""


def _joined(column: str) -> str:
    """A text column's words joined by single spaces (``" ".join(text.split())``); parameters: ``SPACES``
    and as many spaces."""
    return f"trim(regexp_replace(translate(coalesce({column}, ''), ?, ?), ' +', ' ', 'g'))"


def query_ledes(corpus: Corpus, documents: pd.DataFrame) -> pd.Series:
    """Each article's lede as ``concordance.find_ledes`` finds it (doc_id → text, "" when none), found
    in the engine among the first sentences of every article."""
    chosen = pd.DataFrame({"doc_id": documents["doc_id"].astype("str").to_numpy(),
                           "title": [" ".join(str(title).split()) for title in documents["title"].fillna("")]})
    if not corpus.has_table("sentences") or chosen.empty:
        return pd.Series("", index=chosen["doc_id"].to_numpy(), dtype="str")
    spaces = [SPACES, " " * len(SPACES)]
    found = corpus.query(
        f"""WITH early AS (SELECT s.doc_id, s.sent_index, {_joined("s.text")} AS lede, c.title
                           FROM sentences s JOIN chosen c USING (doc_id) WHERE s.sent_index < ?)
            SELECT doc_id, arg_min(lede, sent_index) AS lede FROM early
            WHERE length(lede) - length(replace(lede, ' ', '')) + 1 >= ? AND lede <> title
                  AND regexp_matches(lede, ?)
            GROUP BY doc_id""",
        [*spaces, LEDE_SEARCH, MIN_LEDE_WORDS, LEDE_END], chosen=chosen)
    return found.set_index("doc_id")["lede"].reindex(chosen["doc_id"]).fillna("")
