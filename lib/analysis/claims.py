"""The claims a researcher can cite, one table each: quotes, figures, dates named in the text, and flags.

Each table is computed by the same functions the views and the download bundle use (the
Source framing quotes, the Timeline's figures, dates and disagreements, the role ledger's
conflicts) and carries the sentence it comes from, so a row can be quoted without reopening
the article. ``python -m lib.build … --export DIR`` writes them as CSV.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis import framing, mentions, timeline
from lib.analysis.filters import Filters
from lib.store.corpus import Corpus

QUOTE_COLUMNS = ["doc_id", "outlet", "sent_index", "sentence", "quote", "kind", "speaker",
                 "speaker_entity", "speaker_label", "speaker_category", "how", "verb"]
FIGURE_COLUMNS = ["doc_id", "outlet", "published", "sent_index", "sentence", "text", "value", "qualifier",
                  "kind", "scope", "holder", "claimant", "as_of", "as_of_source", "window", "window_text"]
DATE_COLUMNS = ["doc_id", "outlet", "published", "sent_index", "sentence", "text", "preceding", "tense",
                "status", "date_start", "date_end", "granularity", "note"]
FLAG_COLUMNS = ["flag", "subject", "claim_a", "claim_b", "why", "outlet_a", "date_a", "sentence_a",
                "doc_id_a", "outlet_b", "date_b", "sentence_b", "doc_id_b"]
FIGURES_DISAGREE, ONE_OFFICE = "figures disagree", "one office, two people"


def query_sentence_spans(corpus: Corpus, rows: pd.DataFrame) -> pd.Series:
    """The text of the sentences each row's [start, end) runs over, joined (from its sentence
    ``sent_index`` to the last one starting before its end), looked up in the engine."""
    if rows.empty:
        return pd.Series(dtype=object)
    spots = pd.DataFrame({
        "row": range(len(rows)), "doc_id": rows["doc_id"].astype("str").to_numpy(),
        "first": rows["sent_index"].astype("int64").to_numpy(),
        "pos": (rows["end"].astype("int64") - 1).clip(lower=0).to_numpy(),
    })
    found = corpus.query(
        """WITH last AS (SELECT c.row, arg_max(s.sent_index, s.start) AS last FROM chosen c
                         JOIN sentences s ON s.doc_id = c.doc_id AND s.start <= c.pos GROUP BY c.row),
           span AS (SELECT c.row, c.doc_id, c.first, greatest(c.first, coalesce(l.last, c.first)) AS final
                    FROM chosen c LEFT JOIN last l USING (row))
           SELECT p.row, s.text FROM span p JOIN sentences s
           ON s.doc_id = p.doc_id AND s.sent_index BETWEEN p.first AND p.final ORDER BY p.row, s.sent_index""",
        chosen=spots)
    parts: dict[int, list[str]] = {}
    for row, text in zip(found["row"], found["text"], strict=True):
        if isinstance(text, str) and text:
            parts.setdefault(int(row), []).append(" ".join(text.split()))
    return pd.Series([" ".join(parts.get(row, [])) for row in range(len(rows))], index=rows.index, dtype=object)


def list_quotes(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Direct quotes and reported speech: the sentence, the words, the speaker as written and as
    a canonical entity (empty when unattributed or unnamed), and how it was attributed."""
    quotes = framing.summarise_quotes_view(corpus, filters).quotes
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    quotes = quotes.reset_index(drop=True)
    return quotes.assign(sentence=query_sentence_spans(corpus, quotes))[QUOTE_COLUMNS]


def list_figures(corpus: Corpus, tables: timeline.TimelineTables) -> pd.DataFrame:
    """Reported figures with their kind, scope, claimant and as-of date (and where it came from),
    and their sentences (read for them: the timeline's tables hold none)."""
    return timeline.with_sentences(corpus, tables.figures).reindex(columns=FIGURE_COLUMNS)


def list_dates(corpus: Corpus, tables: timeline.TimelineTables) -> pd.DataFrame:
    """Every date named in the text, resolved against its article's date and tense, or why not,
    with its sentence."""
    return timeline.with_sentences(corpus, tables.events).reindex(columns=DATE_COLUMNS)


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) or value == "" else str(pd.Timestamp(value).date())


def _figure_flags(flags: pd.DataFrame) -> pd.DataFrame:
    if flags.empty:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    return pd.DataFrame({
        "flag": FIGURES_DISAGREE, "subject": flags["kind"] + " · " + flags["scope"],
        "claim_a": [f"{q} {v:,.0f}".strip() for q, v in zip(flags["qualifier_a"], flags["value_a"], strict=True)],
        "claim_b": [f"{q} {v:,.0f}".strip() for q, v in zip(flags["qualifier_b"], flags["value_b"], strict=True)],
        "why": flags["reason"], "outlet_a": flags["outlet_a"], "date_a": flags["as_of_a"].map(_day),
        "sentence_a": flags["sentence_a"], "doc_id_a": flags["doc_id_a"], "outlet_b": flags["outlet_b"],
        "date_b": flags["as_of_b"].map(_day), "sentence_b": flags["sentence_b"], "doc_id_b": flags["doc_id_b"],
    })


def _role_flags(conflicts: pd.DataFrame) -> pd.DataFrame:
    if conflicts.empty:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    return pd.DataFrame({
        "flag": ONE_OFFICE, "subject": conflicts["role"], "claim_a": conflicts["person_a"],
        "claim_b": conflicts["person_b"], "why": conflicts["timing"], "outlet_a": conflicts["outlet_a"],
        "date_a": conflicts["published_a"].map(_day), "sentence_a": conflicts["sentence_a"],
        "doc_id_a": conflicts["doc_id_a"], "outlet_b": conflicts["outlet_b"],
        "date_b": conflicts["published_b"].map(_day), "sentence_b": conflicts["sentence_b"],
        "doc_id_b": conflicts["doc_id_b"],
    })


def list_flags(figure_flags: pd.DataFrame, role_conflicts: pd.DataFrame) -> pd.DataFrame:
    """Every consistency flag, figures that cannot both hold and one office given to two people
    at once, each with both sentences, their dates and why the two are comparable."""
    frames = [frame for frame in (_figure_flags(figure_flags), _role_flags(role_conflicts)) if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    return pd.concat(frames, ignore_index=True)[FLAG_COLUMNS]


def build_claim_tables(corpus: Corpus, filters: Filters | None = None) -> dict[str, pd.DataFrame]:
    """{"quotes", "figures", "dates", "flags"}: the citable tables for the articles passing ``filters``."""
    filters = filters or Filters()
    tables = timeline.build_timeline(corpus, filters)
    _, conflicts = mentions.summarise_roles(corpus, filters)
    return {
        "quotes": list_quotes(corpus, filters),
        "figures": list_figures(corpus, tables),
        "dates": list_dates(corpus, tables),
        "flags": list_flags(timeline.with_pair_sentences(corpus, tables.discrepancies), conflicts),
    }
