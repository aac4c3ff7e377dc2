"""Reading a corpus folder: every supported format into raw articles, with per-file problems."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from lib.ingest.htmlmeta import read_head_metadata
from lib.ingest.limits import read_limits
from lib.records import Problem, RawArticle

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl", ".csv")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
SIDECAR_NAME = "metadata.csv"
CORRECTIONS_NAME = "corrections.csv"
RESERVED_NAMES = (SIDECAR_NAME, CORRECTIONS_NAME)

TEXT_COLUMNS = ("text", "body", "content", "article", "full_text", "fulltext", "maintext")
HINT_COLUMNS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publication", "publisher", "site", "sitename", "media"),
    "author": ("author", "authors", "byline"),
    "published": ("published", "date", "publish_date", "published_at", "pubdate", "timestamp"),
    "url": ("url", "link", "source_url"),
}


PREFERRED_ENCODINGS = {
    name: rank for rank, name in enumerate(("cp1252", "latin_1", "cp1250", "iso8859_15", "cp1251", "cp1256", "cp1255"))
}
"""Among encodings that fit equally well, the ones news files most often come in."""


def max_file_bytes() -> int:
    """The largest file the reader accepts, in bytes (MAX_FILE_MB, see lib.ingest.limits)."""
    return read_limits().max_file_bytes


class UnreadableError(ValueError):
    """A file or record that cannot become an article; the message says why."""


@dataclass
class ReadResult:
    """Articles read from a folder, and a message for every file that was not fully read."""

    articles: list[RawArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


def decode_declared(data: bytes, encoding: str, label: str) -> str:
    """Decode bytes whose byte-order mark names their encoding; bytes that break it reject the file."""
    if label == "UTF-16" and len(data) % 2:
        raise UnreadableError(f"starts with a {label} byte-order mark but has an odd number of bytes")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableError(
            f"starts with a {label} byte-order mark but byte {error.start} is not {label} ({error.reason})"
        ) from None


def decode_bytes(data: bytes) -> str:
    """Decode file bytes: BOMs first, then UTF-8, then a detected encoding; never mojibake."""
    for bom, encoding, label in BOMS:
        if data.startswith(bom):
            text = decode_declared(data, encoding, label)
            if "\x00" in text:
                raise UnreadableError("binary content (NUL characters), not text")
            return text
    if b"\x00" in data:
        raise UnreadableError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableError("binary content: no text encoding fits")
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return str(min(tied, key=lambda m: PREFERRED_ENCODINGS.get(m.encoding, len(PREFERRED_ENCODINGS))))


def iter_corpus_files(folder: Path) -> Iterator[Path]:
    """Yield the files of a corpus folder in a stable order, skipping hidden ones."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and relative.as_posix() not in RESERVED_NAMES:
            yield path


def read_folder(folder: Path) -> ReadResult:
    """Read every file of a corpus folder; one broken file never stops the others."""
    result = ReadResult()
    limit = max_file_bytes()
    for path in iter_corpus_files(folder):
        name = path.relative_to(folder).as_posix()
        size = path.stat().st_size
        if size > limit:
            message = f"{size / 1024 / 1024:.1f} MB is over the {limit / 1024 / 1024:.0f} MB limit (MAX_FILE_MB)"
            result.problems.append(Problem(name, "rejected", message))
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            result.problems.append(Problem(name, "rejected", f"cannot be read: {error.strerror or error}"))
            continue
        read_into(result, name=name, data=data)
    return result


def read_into(result: ReadResult, *, name: str, data: bytes) -> None:
    """Read one file's bytes into result, recording a problem instead of raising.

    Whatever goes wrong with one file (a broken encoding, JSON nested too deep, a parser's own
    error) becomes one "rejected" line with the reason; the other files still load.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        result.problems.append(Problem(name, "rejected", f"unsupported file type {suffix or '(none)'}"))
        return
    problems: list[Problem] = []
    try:
        text = decode_bytes(data)
        articles = list(parse_file(name=name, suffix=suffix, text=text, problems=problems))
    except UnreadableError as error:
        result.problems.append(Problem(name, "rejected", str(error)))
        return
    except Exception as error:  # noqa: BLE001 - any failure on one file is that file's message
        result.problems.append(Problem(name, "rejected", describe_failure(error)))
        return
    result.problems.extend(problems)
    if not articles and not problems:
        result.problems.append(Problem(name, "rejected", "no article text found"))
    result.articles.extend(articles)


MAX_REASON_CHARS = 200


def describe_failure(error: BaseException) -> str:
    """A one-line reason for an unexpected failure on one file."""
    if isinstance(error, RecursionError):
        return "nested too deeply to read"
    detail = " ".join(str(error).split())[:MAX_REASON_CHARS]
    return f"could not be read ({type(error).__name__}{': ' + detail if detail else ''})"


def parse_file(*, name: str, suffix: str, text: str, problems: list[Problem]) -> Iterable[RawArticle]:
    """Turn a decoded file into raw articles according to its format."""
    if suffix in TEXT_SUFFIXES:
        return [parse_text(name=name, text=text, markdown=suffix == ".md")]
    if suffix in HTML_SUFFIXES:
        return [parse_html(name=name, html=text)]
    if suffix == ".csv":
        return parse_csv(name=name, text=text, problems=problems)
    if suffix == ".jsonl":
        return parse_jsonl(name=name, text=text, problems=problems)
    return parse_json(name=name, text=text, problems=problems)


def require_text(text: str) -> str:
    """Return text if it holds any non-space character, else raise UnreadableError."""
    if not text or not text.strip():
        raise UnreadableError("empty: no text")
    return text


MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[*+-]\s+)")


def strip_markdown(text: str) -> str:
    """Reduce Markdown to its text: headings, quotes, bullets and link targets removed."""
    lines = [MARKDOWN_PREFIX.sub("", line) for line in text.splitlines()]
    plain = MARKDOWN_LINK.sub(r"\1", "\n".join(lines))
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", plain)


def parse_text(*, name: str, text: str, markdown: bool = False) -> RawArticle:
    """A plain-text or Markdown file is one article."""
    body = strip_markdown(text) if markdown else text
    return RawArticle(file=name, text=require_text(body.replace("\r\n", "\n")))


def parse_html(*, name: str, html: str) -> RawArticle:
    """Extract the main text with trafilatura and the page's own metadata from its head.

    trafilatura's own metadata is not used: it names a site after its host name and dates a page
    from any date in its text, which are evidence of other kinds (the URL, the text), read there.
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=False, include_comments=False, favor_recall=True)
    if extracted is None:
        raise UnreadableError("HTML page without extractable article text")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    head = read_head_metadata(html)
    return RawArticle(
        file=name,
        text=require_text(data.get("text") or ""),
        title=head.value("title"),
        outlet=head.value("outlet"),
        author=head.value("author"),
        published=head.value("published"),
        url=head.value("url"),
        origin="html",
        notes=head.notes(),
    )


def pick(record: dict[str, object], names: tuple[str, ...]) -> str:
    """Return the first non-empty value among a record's columns with one of these names."""
    lowered = {str(key).strip().lower(): value for key, value in record.items()}
    for column in names:
        value = lowered.get(column)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def record_to_article(record: dict[str, object], *, name: str, index: int) -> RawArticle:
    """Turn one CSV/JSON record into a raw article; its text column is required."""
    text = pick(record, TEXT_COLUMNS)
    if not text:
        raise UnreadableError(f"record {index}: no text in any of the columns {', '.join(TEXT_COLUMNS)}")
    hints = {key: pick(record, names) for key, names in HINT_COLUMNS.items()}
    return RawArticle(file=name, text=text.replace("\r\n", "\n"), record=index, origin="record", **hints)


def records_to_articles(
    records: Iterable[tuple[int, object]], *, name: str, problems: list[Problem]
) -> list[RawArticle]:
    """Convert records, reporting each bad one and keeping the rest."""
    articles = []
    for index, record in records:
        if not isinstance(record, dict):
            problems.append(Problem(name, "warning", f"record {index}: not an object", index))
            continue
        try:
            articles.append(record_to_article(record, name=name, index=index))
        except UnreadableError as error:
            problems.append(Problem(name, "warning", str(error), index))
        except RecursionError:
            problems.append(Problem(name, "warning", f"record {index}: nested too deeply to read", index))
    return articles


def allow_csv_fields(limit: int) -> None:
    """Let a CSV field be as long as the largest file read (the csv module's default is 128 KB)."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def parse_csv(*, name: str, text: str, problems: list[Problem]) -> list[RawArticle]:
    """One article per CSV row; a CSV without a text column is rejected as a whole."""
    allow_csv_fields(max(max_file_bytes(), len(text)))
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = {str(column).strip().lower() for column in reader.fieldnames or ()}
        if not columns & set(TEXT_COLUMNS):
            raise UnreadableError(
                f"CSV has no text column (expected one of: {', '.join(TEXT_COLUMNS)})"
            )
        rows = list(enumerate(reader, start=1))
    except csv.Error as error:
        raise UnreadableError(f"malformed CSV: {error}") from error
    return records_to_articles(rows, name=name, problems=problems)


def parse_json(*, name: str, text: str, problems: list[Problem]) -> list[RawArticle]:
    """A JSON file holds one article object, a list of them, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableError(f"invalid JSON: {error}") from error
    except RecursionError:
        raise UnreadableError("JSON nested too deeply to read") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise UnreadableError("JSON holds neither an article object nor a list of them")
    return records_to_articles(enumerate(data, start=1), name=name, problems=problems)


def parse_jsonl(*, name: str, text: str, problems: list[Problem]) -> list[RawArticle]:
    """One JSON object per line; a broken line is reported and skipped."""
    records: list[tuple[int, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(Problem(name, "warning", f"line {number}: invalid JSON ({error.msg})", number))
        except RecursionError:
            problems.append(Problem(name, "warning", f"line {number}: JSON nested too deeply to read", number))
    return records_to_articles(records, name=name, problems=problems)
