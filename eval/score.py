"""Scoring the built benchmark corpus against its truth, field by field, with every error kept."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from eval.matching import (
    LABEL_WORDS,
    fold_name,
    match_strength,
    name_forms,
    names_entity,
    same_authors,
    same_outlet,
    same_title,
)
from eval.truth import Truth
from lib.store.corpus import Corpus

RIGHT, UNKNOWN, WRONG = "right", "unknown", "WRONG"


@dataclass
class Tally:
    """Counts of right / unknown / WRONG for one measure, and the errors behind them."""

    name: str
    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, verdict: str, note: str = "") -> None:
        self.counts[verdict] += 1
        if verdict != RIGHT and note:
            self.errors.append(f"{verdict}: {note}")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, verdict: str = RIGHT) -> float:
        return self.counts[verdict] / self.total if self.total else 0.0


def match_documents(truths: list[Truth], documents: pd.DataFrame) -> dict[tuple[str, int | None], pd.Series]:
    """The built document row of each truth record (CSV truth rows count from 0, the reader from 1)."""
    rows = {}
    for _, row in documents.iterrows():
        record = None if pd.isna(row["record"]) else int(row["record"]) - 1
        rows[(row["file"], record)] = row
    return {truth.key: rows[truth.key] for truth in truths if truth.key in rows}


def score_outlet(truth: Truth, row: pd.Series, tally: Tally) -> None:
    predicted = str(row["outlet"] or "")
    where = f"{truth.file}: gave {predicted!r} ({row['outlet_source']}), page is {truth.publisher}"
    if not predicted:
        tally.add(UNKNOWN, f"{truth.file}: no outlet, page is {truth.publisher}")
    elif same_outlet(predicted, truth.publisher, truth.publisher_domain):
        tally.add(RIGHT)
    else:
        tally.add(WRONG, where)


def score_date(truth: Truth, row: pd.Series, tally: Tally, stated: Tally) -> None:
    """``tally`` over articles whose page or URL states a date; ``stated`` counts dates given
    where the page states none (each is WRONG: it cannot have come from the page)."""
    predicted = str(row["published"] or "")[:10]
    source = row["published_source"]
    if truth.published is None:
        if predicted:
            stated.add(WRONG, f"{truth.file}: gave {predicted} ({source}), the page states no date")
        else:
            stated.add(RIGHT)
        return
    if not predicted:
        tally.add(UNKNOWN, f"{truth.file}: no date, page states {truth.published}")
    elif predicted == truth.published:
        tally.add(RIGHT)
    else:
        tally.add(WRONG, f"{truth.file}: gave {predicted} ({source}), page states {truth.published}")


def score_author(truth: Truth, row: pd.Series, bylined: Tally, unbylined: Tally) -> None:
    predicted = str(row["author"] or "")
    if truth.authors:
        if not predicted:
            bylined.add(UNKNOWN, f"{truth.file}: no author, byline is {', '.join(truth.authors)}")
        elif same_authors(predicted, truth.authors):
            bylined.add(RIGHT)
        else:
            bylined.add(WRONG, f"{truth.file}: gave {predicted!r}, byline is {', '.join(truth.authors)}")
    elif predicted:
        unbylined.add(WRONG, f"{truth.file}: gave {predicted!r} ({row['author_source']}), no byline")
    else:
        unbylined.add(RIGHT)


def score_title(truth: Truth, row: pd.Series, tally: Tally, shown: Tally) -> None:
    """``tally`` over pages that show a headline; ``shown`` counts titles given where none is shown."""
    predicted = str(row["title"] or "")
    if not truth.title:
        shown.add(WRONG if predicted else RIGHT, f"{truth.file}: gave {predicted[:80]!r} ({row['title_source']}), "
                  "the page shows no headline")
    elif not predicted:
        tally.add(UNKNOWN, f"{truth.file}: no title")
    elif same_title(predicted, truth.title):
        tally.add(RIGHT)
    else:
        tally.add(WRONG, f"{truth.file}: gave {predicted[:80]!r}, headline is {truth.title[:80]!r}")


def aliases_of(entities: pd.DataFrame) -> dict[str, list[str]]:
    """{canonical entity: its written forms}."""
    return {row.entity: list(json.loads(row.aliases or "{}")) for row in entities.itertuples(index=False)}


def score_entities(
    truth: Truth, row: pd.Series, mentions: pd.DataFrame, aliases: dict[str, list[str]],
    found: Tally, merged: Tally,
) -> None:
    """Each key entity: found with the right label (``found``), and in exactly one canonical
    entity (``merged``: the entity's written forms in this article map to one canonical entity)."""
    own = mentions[mentions["doc_id"] == row["doc_id"]]
    for wanted in truth.entities:
        name, label = wanted.get("name", ""), wanted.get("label", "")
        strength = {e: names_entity(aliases.get(e, ()), e, name) for e in own["entity"].unique()}
        best = max(strength.values(), default=0)
        hits = [e for e, value in strength.items() if value and value == best]
        if not hits:
            found.add(UNKNOWN, f"{truth.file}: {name} ({label}) not found")
            continue
        labels = {LABEL_WORDS.get(str(lab), "other") for lab in own[own["entity"].isin(hits)]["entity_label"]}
        if label in labels or (label == "other" and labels):
            found.add(RIGHT)
        else:
            found.add(WRONG, f"{truth.file}: {name} labelled {sorted(labels)}, truth {label}")
        forms = name_forms(name, label)
        written = own[[written_as(text, forms) for text in own["text"]]]
        holders = set(written["entity"]) | set(hits)
        if len(holders) == 1:
            merged.add(RIGHT)
        else:
            merged.add(WRONG, f"{truth.file}: {name} split into {sorted(holders)}")


def written_as(text: str, forms: set[str]) -> bool:
    """Whether a mention's text is one of a truth entity's forms."""
    folded = fold_name(text)
    return folded in forms or folded.replace(" ", "") in forms


def find_false_merges(truths: list[Truth], entities: pd.DataFrame, aliases: dict[str, list[str]]) -> list[str]:
    """Canonical entities that hold two different truth entities (by full name, both multi-word)."""
    names = {fold_name(e["name"]): e["name"] for t in truths for e in t.entities if len(e["name"].split()) > 1}
    problems = []
    for entity in entities["entity"]:
        held = {names[f] for f in (fold_name(a) for a in [entity, *aliases.get(entity, ())]) if f in names}
        distinct = [n for i, n in enumerate(sorted(held)) if not any(match_strength(n, m) for m in sorted(held)[:i])]
        if len(distinct) > 1:
            problems.append(f"{entity}: holds {distinct}")
    return problems


def judge_entities(entities: pd.DataFrame, judgements: dict[str, str]) -> tuple[int, int, list[str]]:
    """(junk, judged, unjudged entity names) over the corpus's canonical entities."""
    junk = judged = 0
    unjudged = []
    for entity in entities["entity"]:
        verdict = judgements.get(entity)
        if verdict is None:
            unjudged.append(entity)
            continue
        judged += 1
        junk += verdict == "junk"
    return junk, judged, unjudged


def score_metadata(truths: list[Truth], corpus: Corpus) -> dict[str, Tally]:
    """Outlet, date, author, title and entity measures over every truth record."""
    rows = match_documents(truths, corpus.documents)
    tallies = {name: Tally(name) for name in (
        "outlet", "date", "date where none stated", "author (bylined)", "author (no byline)", "title",
        "title where none shown",
        "key entities found, right label", "key entities in one canonical entity", "article read",
    )}
    aliases = aliases_of(corpus.entities)
    for truth in truths:
        row = rows.get(truth.key)
        if row is None:
            tallies["article read"].add(WRONG, f"{truth.file}#{truth.record}: not in the built corpus")
            continue
        tallies["article read"].add(RIGHT)
        score_outlet(truth, row, tallies["outlet"])
        score_date(truth, row, tallies["date"], tallies["date where none stated"])
        score_author(truth, row, tallies["author (bylined)"], tallies["author (no byline)"])
        score_title(truth, row, tallies["title"], tallies["title where none shown"])
        score_entities(truth, row, corpus.mentions, aliases, tallies["key entities found, right label"],
                       tallies["key entities in one canonical entity"])
    return tallies
