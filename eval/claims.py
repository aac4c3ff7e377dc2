"""Scoring quotes, figures and dates named in the text on the benchmark's labelled articles."""

from __future__ import annotations

import pandas as pd

from eval.matching import fold, fold_name
from eval.score import RIGHT, UNKNOWN, WRONG, Tally, match_documents
from eval.truth import Truth
from lib.analysis.claims import build_claim_tables
from lib.analysis.lanes import resolve_events
from lib.analysis.voices import resolve_quotes
from lib.store.corpus import Corpus

MISSED = "missed"


def _begins(text: object, prefix: str) -> bool:
    """The folded text begins with the folded prefix (the truth gives a quote's first words)."""
    return bool(prefix) and fold(text).startswith(fold(prefix))


def _in_sentence(sentence: object, prefix: str) -> bool:
    return bool(prefix) and fold(prefix)[:60] in fold(sentence)


def same_speaker(predicted: str, aliases: list[str], truth: str) -> bool:
    """The predicted speaker is the truth's: the same name, one of the entity's written forms,
    or (for a person written in full in the truth) the same surname."""
    wanted = fold_name(truth)
    forms = {fold_name(value) for value in (predicted, *aliases) if value}
    if wanted in forms:
        return True
    words = wanted.split()
    return len(words) > 1 and any(form.split()[-1:] == words[-1:] and len(form.split()) <= len(words)
                                  for form in forms)


def _speaker_of(row: pd.Series) -> str:
    entity = row.get("speaker_entity")
    if isinstance(entity, str) and entity:
        return entity
    return ""


def score_quotes(truths: list[Truth], corpus: Corpus, aliases: dict[str, list[str]]) -> Tally:
    """Every labelled quote: its speaker right, left unattributed (unknown), WRONG, or the quote missed."""
    tally = Tally("quote speakers")
    rows = match_documents(truths, corpus.documents)
    quotes = resolve_quotes(corpus.table("quotes"), corpus.mentions, corpus.documents)
    direct = quotes[quotes["kind"] == "direct"]
    for truth in (t for t in truths if t.labelled and t.key in rows):
        own = direct[direct["doc_id"] == rows[truth.key]["doc_id"]]
        for wanted in truth.quotes:
            match = own[own["quote"].map(lambda text, w=wanted: _begins(text, w.get("quote", "")))]
            where = f"{truth.file}: “{wanted.get('quote', '')[:50]}…”"
            if match.empty:
                tally.add(MISSED, f"{where} not found as a quote")
                continue
            predicted = _speaker_of(match.iloc[0])
            speaker = wanted.get("speaker")
            if not speaker:
                tally.add(RIGHT if not predicted else WRONG, f"{where} unattributed in the text, gave {predicted}")
            elif not predicted:
                tally.add(UNKNOWN, f"{where} left unattributed, said by {speaker}")
            elif same_speaker(predicted, aliases.get(predicted, []), speaker):
                tally.add(RIGHT)
            else:
                tally.add(WRONG, f"{where} gave {predicted}, said by {speaker}")
    return tally


UNTYPED = "other"
"""The truth's kind for counts of anything else (soldiers deployed, trucks, homes)."""


def score_figures(truths: list[Truth], corpus: Corpus) -> tuple[Tally, Tally, Tally, Tally]:
    """Figures: precision over what the dashboard found in labelled articles; recall over the
    truth's counts of a typed kind (killed, injured, hostages, prisoners, displaced, missing,
    arrested …) and, apart, over its other counts; and the kind of each matched figure. A vague
    count ("dozens") has no value and is not scored."""
    precision, recall, kinds = Tally("figure precision"), Tally("figure recall"), Tally("figure kind")
    other = Tally("figure recall, other counts")
    rows = match_documents(truths, corpus.documents)
    figures = corpus.table("figures")
    for truth in (t for t in truths if t.labelled and t.key in rows):
        own = figures[figures["doc_id"] == rows[truth.key]["doc_id"]] if not figures.empty else figures
        used: set[int] = set()
        for wanted in truth.figures:
            if wanted.get("value") is None:
                continue
            value = float(wanted["value"])
            tally = other if wanted.get("kind") == UNTYPED else recall
            match = own[(own["value"].astype(float) == value)
                        & own["sentence"].map(lambda s, w=wanted: _in_sentence(s, w.get("sentence", "")))]
            where = f"{truth.file}: {wanted.get('number')} {wanted.get('kind')}"
            if match.empty:
                tally.add(MISSED, f"{where} not found")
                continue
            tally.add(RIGHT)
            used.add(match.index[0])
            predicted_kind = str(match.iloc[0]["kind"])
            if tally is recall:
                kinds.add(RIGHT if predicted_kind == wanted.get("kind") else WRONG, f"{where} typed {predicted_kind}")
        for index, found in own.iterrows():
            if index in used:
                precision.add(RIGHT)
            else:
                precision.add(WRONG, f"{truth.file}: {found['text']!r} ({found['kind']}) in "
                                     f"“{str(found['sentence'])[:70]}…” is not a labelled figure")
    return precision, recall, kinds, other


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(pd.Timestamp(value).date())


def score_dates(truths: list[Truth], corpus: Corpus) -> tuple[Tally, Tally]:
    """Dates named in the text: resolved to the truth's day or range, and whether any year is wrong.

    "since X" is right when it starts on the truth's day (where it ends is the article's date,
    which the truth does not restate)."""
    tally, years = Tally("dates named in the text"), Tally("dates in the wrong year")
    rows = match_documents(truths, corpus.documents)
    events = resolve_events(corpus.table("date_expressions"), corpus.documents, corpus.sentences)
    for truth in (t for t in truths if t.labelled and t.key in rows):
        own = events[events["doc_id"] == rows[truth.key]["doc_id"]]
        for wanted in truth.dates:
            text = fold(wanted.get("text", ""))
            match = own[own["text"].map(lambda t, x=text: bool(x) and (fold(t) in x or x in fold(t)))
                        & own["sentence"].map(lambda s, w=wanted: _in_sentence(s, w.get("sentence", "")))]
            where = f"{truth.file}: {wanted.get('text')!r}"
            if match.empty:
                tally.add(MISSED, f"{where} not found")
                continue
            start, end = _day(match.iloc[0]["date_start"]), _day(match.iloc[0]["date_end"])
            want_start, want_end = wanted.get("start") or "", wanted.get("end") or wanted.get("start") or ""
            if not want_start:
                tally.add(RIGHT if not start else WRONG, f"{where} cannot be resolved, gave {start}")
            elif not start:
                tally.add(UNKNOWN, f"{where} unresolved, is {want_start}")
            elif start == want_start and (end or start) == want_end or (
                start == want_start and text.startswith("since")
            ):
                tally.add(RIGHT)
            else:
                tally.add(WRONG, f"{where} gave {start}…{end}, is {want_start}…{want_end}")
            if start and want_start:
                years.add(WRONG if start[:4] != want_start[:4] else RIGHT, f"{where} gave {start}")
    return tally, years


def flag_key(row: pd.Series) -> str:
    """How flags_checked.csv names one flag: its kind, subject and the two articles."""
    return f"{row['flag']}|{row['subject']}|{row['doc_id_a']}|{row['doc_id_b']}"


def score_flags(corpus: Corpus, checked: dict[str, str]) -> tuple[dict[str, object], list[str]]:
    """Every consistency flag raised on the benchmark, against the hand-checked list."""
    flags = build_claim_tables(corpus)["flags"]
    verdicts = [checked.get(flag_key(row)) for _, row in flags.iterrows()]
    listed = [f"{flag_key(row)}: {checked.get(flag_key(row), 'not checked yet')}: “{row['sentence_a']}” / "
              f"“{row['sentence_b']}”" for _, row in flags.iterrows()]
    notes = {"consistency flags raised": f"{len(flags)} ({verdicts.count('real')} real, "
                                         f"{verdicts.count('false alarm')} false alarms, "
                                         f"{verdicts.count(None)} not checked by hand)"}
    return notes, listed
