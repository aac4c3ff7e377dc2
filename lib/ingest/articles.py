"""From raw articles to cleaned articles with ids, metadata and duplicates reported."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from lib.ingest.bylines import read_byline
from lib.ingest.cleaning import clean_text
from lib.ingest.context import CorpusContext, build_context
from lib.ingest.dates import read_date_line
from lib.ingest.edits import record_key, sidecar_row
from lib.ingest.metadata import infer_metadata, parse_date
from lib.ingest.outlets import Outlet, load_registry, outlet_line_reason
from lib.ingest.reading import SIDECAR_NAME, decode_bytes, describe_failure, read_folder
from lib.records import UPLOAD_PREFIX, Article, Problem, RawArticle

ENGLISH_MIN_WORDS = 25
ENGLISH_SHARE_WARNING = 0.15
"""English news prose has 35-50% function words; far fewer means another language."""
SIDECAR_COLUMNS = ("title", "outlet", "author", "published", "url", "source")


@dataclass
class Prepared:
    """Articles ready to parse, in corpus order, and messages about skipped ones."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def english_share(text: str) -> float | None:
    """Share of words that are English function words (None for texts too short to tell)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < ENGLISH_MIN_WORDS:
        return None
    return sum(word in STOP_WORDS for word in words) / len(words)


def content_id(text: str) -> str:
    """A stable article id: the hash of its text with white space folded."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def load_sidecar(folder: Path) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Read metadata.csv (keyed by file); bad rows are reported and skipped."""
    path = folder / SIDECAR_NAME
    if not path.is_file():
        return {}, []
    try:
        text = decode_bytes(path.read_bytes())
    except ValueError as error:
        return {}, [Problem(SIDECAR_NAME, "rejected", str(error))]
    return parse_sidecar(text)


def parse_sidecar(text: str) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Parse sidecar CSV text into {file: {column: value}}, reporting rows it cannot use."""
    reader = csv.DictReader(io.StringIO(text))
    if "file" not in [str(c).strip().lower() for c in reader.fieldnames or ()]:
        return {}, [Problem(SIDECAR_NAME, "rejected", "sidecar needs a 'file' column")]
    rows: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for number, row in enumerate(reader, start=2):
        cells = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
        name = cells.get("file", "")
        if not name:
            problems.append(Problem(SIDECAR_NAME, "warning", f"row {number}: no file name", number))
            continue
        if cells.get("published") and parse_date(cells["published"]) is None:
            problems.append(Problem(
                SIDECAR_NAME, "warning",
                f"row {number}: published {cells['published']!r} is not a date; ignored", number,
            ))
            cells["published"] = ""
        rows[name] = {column: cells.get(column, "") for column in SIDECAR_COLUMNS}
    return rows, problems


def page_line_reason(line: str, registry: tuple[Outlet, ...]) -> str:
    """Furniture a line is by its shape: an outlet's name, a date stamp, a byline."""
    reason = outlet_line_reason(line, registry)
    if reason:
        return reason
    if read_date_line(line) is not None:
        return "dateline"
    byline = read_byline(line, registry)
    if byline is not None:
        return "photo credit" if byline.photo else "byline"
    return ""


def prepare_article(
    raw: RawArticle, *, sidecar: dict[str, str], registry: tuple[Outlet, ...], context: CorpusContext | None = None,
) -> Article:
    """Clean one raw article and infer its metadata (``context``: what the rest of the corpus shows)."""
    clean = clean_text(raw.text, line_reason=partial(page_line_reason, registry=registry))
    meta = infer_metadata(raw, clean, sidecar=sidecar, registry=registry, context=context)
    return Article(
        doc_id=content_id(raw.text),
        file=raw.file,
        text=clean.text,
        title=meta["title"],
        outlet=meta["outlet"],
        author=meta["author"],
        published=meta["published"],
        url=meta["url"],
        outlet_kind=str(meta["outlet_kind"]),
        outlet_country=str(meta["outlet_country"]),
        removed=clean.removed,
        record=raw.record,
        wire=meta["wire"],
    )


def prepare_articles(
    raws: list[RawArticle], *, sidecar: dict[str, dict[str, str]], registry: tuple[Outlet, ...] | None = None
) -> Prepared:
    """Clean every article, give it an id, and report exact duplicates (kept once)."""
    outlets = load_registry() if registry is None else registry
    context = build_context(raws, sidecar)
    prepared = Prepared()
    first_seen: dict[str, str] = {}
    for raw in raws:
        where = raw.file if raw.record is None else f"{raw.file}#{raw.record}"
        doc_id = content_id(raw.text)
        if doc_id in first_seen:
            prepared.problems.append(Problem(
                raw.file, "duplicate", f"same text as {first_seen[doc_id]}; counted once", raw.record,
            ))
            continue
        try:
            article = prepare_article(raw, sidecar=sidecar_row(sidecar, raw), registry=outlets, context=context)
        except Exception as error:  # noqa: BLE001 - one article's failure is that article's message
            prepared.problems.append(Problem(raw.file, "rejected", describe_failure(error), raw.record))
            continue
        if not article.text.strip():
            prepared.problems.append(Problem(
                raw.file, "rejected", "only page furniture, no article text", raw.record,
            ))
            continue
        first_seen[doc_id] = where
        prepared.articles.append(article)
        share = english_share(article.text)
        if share is not None and share < ENGLISH_SHARE_WARNING:
            prepared.problems.append(Problem(
                raw.file, "warning",
                f"loaded, but does not look like English ({share:.0%} English function words): "
                "the English model may mis-read it", raw.record,
            ))
    return prepared


def read_articles(
    path: Path, extra_folder: Path | None, *, word_budget: int | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read, clean and describe every article of the folder and of the visitor's folder (its
    articles beyond ``word_budget`` words in all are rejected with the reason).

    The visitor's own metadata.csv applies to the visitor's files only: a row naming a file that
    is not among them is reported and ignored; the other rows still apply.
    """
    read = read_folder(path)
    sidecar, sidecar_problems = load_sidecar(path)
    if extra_folder is not None and extra_folder.is_dir():
        extra = read_folder(extra_folder)
        words = 0
        for article in extra.articles:
            count = len(article.text.split())
            if word_budget is not None and words + count > word_budget:
                message = f"over the word budget: your articles may hold {word_budget:,} words in all"
                extra.problems.append(Problem(article.file, "rejected", message, article.record))
            else:
                words += count
                read.articles.append(replace(article, file=f"{UPLOAD_PREFIX}{article.file}"))
        read.problems.extend(replace(p, file=f"{UPLOAD_PREFIX}{p.file}") for p in extra.problems)
        own, own_problems = load_sidecar(extra_folder)
        known = {a.file for a in extra.articles} | {record_key(a.file, a.record) for a in extra.articles}
        sidecar.update({f"{UPLOAD_PREFIX}{name}": row for name, row in own.items() if name in known})
        sidecar_problems += [replace(p, file=f"{UPLOAD_PREFIX}{p.file}") for p in own_problems]
        sidecar_problems += [
            Problem(f"{UPLOAD_PREFIX}{SIDECAR_NAME}", "warning", f"no file of yours is named {name!r}; row ignored")
            for name in own if name not in known
        ]
    prepared = prepare_articles(read.articles, sidecar=sidecar)
    return prepared.articles, [*read.problems, *sidecar_problems, *prepared.problems]
