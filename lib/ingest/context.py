"""What a whole corpus shows about its pages' furniture: lines that open many unrelated articles,
and the order (month-day or day-month) each site writes its numeric dates in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lib.ingest.dates import read_date_line
from lib.ingest.edits import sidecar_row
from lib.ingest.outlets import registered_domain
from lib.records import RawArticle

OPENING_LINES = 8
"""A line among the first this many of an article "opens" it."""
FURNITURE_OPENINGS = 3
"""A line opening at least this many articles with different bodies is the site's furniture."""
BODY_WORDS = 20


@dataclass(frozen=True)
class CorpusContext:
    """Corpus-wide evidence; empty for a single article read alone."""

    opening_furniture: frozenset[str] = frozenset()
    numeric_orders: dict[str, str] = field(default_factory=dict)
    """{registered domain: "MD" or "DM"}, from the site's dates whose numbers state their order."""


def fold_line(line: str) -> str:
    return " ".join(line.casefold().split())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def opening_furniture(texts: Iterable[str]) -> frozenset[str]:
    """Lines that open several articles whose bodies differ (a syndicated headline opens copies of
    one body, so it is not furniture)."""
    bodies: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        lines = _lines(text)
        body = next((fold_line(line) for line in lines if len(line.split()) >= BODY_WORDS), "")
        for line in lines[:OPENING_LINES]:
            bodies[fold_line(line)].add(body or fold_line(text[:200]))
    return frozenset(line for line, seen in bodies.items() if len(seen) >= FURNITURE_OPENINGS)


def numeric_orders(pages: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{domain: order} for sites whose numeric date stamps state one order and never the other."""
    votes: dict[str, set[str]] = defaultdict(set)
    for url, text in pages:
        domain = registered_domain(url) if url else ""
        if not domain:
            continue
        for line in _lines(text):
            stamp = read_date_line(line)
            if stamp and stamp.order in ("MD", "DM"):
                votes[domain].add(stamp.order)
    return {domain: next(iter(orders)) for domain, orders in votes.items() if len(orders) == 1}


def build_context(raws: list[RawArticle], sidecar: dict[str, dict[str, str]]) -> CorpusContext:
    """The corpus context of a list of articles (their sidecar addresses included)."""
    pages = [((sidecar_row(sidecar, raw).get("url") or raw.url), raw.text) for raw in raws]
    return CorpusContext(opening_furniture([raw.text for raw in raws]), numeric_orders(pages))
