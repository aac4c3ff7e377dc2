"""The benchmark's report: one table of measures with their targets, every error, and the README section."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eval.claims import MISSED, score_dates, score_figures, score_flags, score_quotes
from eval.groups import score_copies, score_stories
from eval.score import RIGHT, UNKNOWN, WRONG, Tally, aliases_of, find_false_merges, judge_entities, score_metadata
from eval.truth import Truth, load_checked_flags, load_judgements
from lib.store.corpus import Corpus

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"
TARGETS = {
    "outlet": "right ≥ 90%, none WRONG",
    "date": "right ≥ 90%, none WRONG",
    "date where none stated": "none WRONG",
    "author (bylined)": "right ≥ 85%",
    "author (no byline)": "none WRONG",
    "title": "right ≥ 90%",
    "title where none shown": "none WRONG",
    "key entities found, right label": "right ≥ 95%",
    "key entities in one canonical entity": "right ≥ 95%",
    "quote speakers": "right ≥ 95%, WRONG ≤ 2%",
    "figure precision": "right ≥ 95%",
    "figure recall": "right ≥ 80%",
    "dates named in the text": "right ≥ 90%",
    "dates in the wrong year": "none WRONG",
    "copies found": "right ≥ 95%",
    "false copy pairs": "none WRONG",
}


@dataclass
class Report:
    """Every measure of one benchmark run."""

    corpus: dict[str, object]
    tallies: list[Tally]
    notes: dict[str, object] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "corpus": self.corpus, "notes": self.notes, "lists": self.lists,
            "measures": {t.name: {"counts": dict(t.counts), "errors": t.errors} for t in self.tallies},
        }


def describe_corpus(truths: list[Truth], corpus: Corpus) -> dict[str, object]:
    forms = Counter(truth.form for truth in truths)
    stories = Counter(truth.story for truth in truths if truth.story)
    return {
        "articles": len(truths),
        "publishers": len({truth.publisher for truth in truths}),
        "forms": dict(forms),
        "stories with 2+ publishers": sum(
            len({t.publisher for t in truths if t.story == story}) > 1 for story in stories
        ),
        "copy pairs": sum(bool(truth.copy_of) for truth in truths),
        "labelled articles": sum(truth.labelled for truth in truths),
        "file messages": len(corpus.problems),
    }


def build_report(truths: list[Truth], corpus: Corpus) -> Report:
    """Score everything the benchmark measures."""
    metadata = score_metadata(truths, corpus)
    aliases = aliases_of(corpus.entities)
    quotes = score_quotes(truths, corpus, aliases)
    precision, recall, kinds, other = score_figures(truths, corpus)
    dates, years = score_dates(truths, corpus)
    junk, judged, unjudged = judge_entities(corpus.entities, load_judgements())
    false_merges = find_false_merges(truths, corpus.entities, aliases)
    copies, false_copies = score_copies(truths, corpus)
    flag_notes, flags = score_flags(corpus, load_checked_flags())
    return Report(
        corpus=describe_corpus(truths, corpus),
        tallies=[*metadata.values(), quotes, precision, recall, kinds, other, dates, years, copies, false_copies],
        notes={
            "canonical entities": len(corpus.entities),
            "junk entities (of those judged)": f"{junk} of {judged}",
            "entities not yet judged": len(unjudged),
            "false merges": len(false_merges),
            **score_stories(truths, corpus),
            **flag_notes,
        },
        lists={"false merges": false_merges, "entities not yet judged": unjudged[:200], "flags": flags,
               "file messages": [f"{p.file}: {p.status}: {p.message}" for p in corpus.problems]},
    )


def _cell(tally: Tally, verdict: str) -> str:
    count = tally.counts[verdict]
    return f"{count} ({count / tally.total:.0%})" if tally.total and verdict == RIGHT else str(count)


def render_table(report: Report, *, measured: str) -> str:
    """The Markdown table of measures, with the corpus it was measured on."""
    corpus = report.corpus
    forms = ", ".join(f"{n} {name}" for name, n in sorted(corpus["forms"].items()))
    lines = [
        f"Measured {measured} by `python -m eval` on {corpus['articles']} real articles from "
        f"{corpus['publishers']} publishers ({forms}); {corpus['stories with 2+ publishers']} events covered "
        f"by several publishers, {corpus['copy pairs']} syndicated copies, {corpus['labelled articles']} "
        "articles with every quote, figure and date labelled.",
        "",
        "| Measure | Right | Unknown | WRONG | Missed | n | Target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for tally in report.tallies:
        if tally.name == "article read":
            continue
        lines.append(
            f"| {tally.name} | {_cell(tally, RIGHT)} | {tally.counts[UNKNOWN]} | {tally.counts[WRONG]} | "
            f"{tally.counts[MISSED]} | {tally.total} | {TARGETS.get(tally.name, '')} |"
        )
    lines.append("")
    lines += [f"- {name}: {value}" for name, value in report.notes.items()]
    return "\n".join(lines)


def render_errors(report: Report) -> str:
    """Every error behind the table, grouped by measure."""
    out = []
    for tally in report.tallies:
        if tally.errors:
            out.append(f"\n## {tally.name}: {len(tally.errors)}")
            out += [f"  {error}" for error in tally.errors]
    for name, items in report.lists.items():
        if items:
            out.append(f"\n## {name}: {len(items)}")
            out += [f"  {item}" for item in items]
    return "\n".join(out)


def write_readme(table: str, path: Path = README) -> None:
    """Replace the text between the Accuracy markers of the README with the table."""
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise ValueError(f"{path.name} has no {BEGIN} … {END} section")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    path.write_text(pattern.sub(lambda _: f"{BEGIN}\n{table}\n{END}", text), encoding="utf-8")
