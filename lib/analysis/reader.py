"""Safe HTML of one article: displaCy entity markup from stored mentions, sentence emphasis."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import urlencode, urlparse

import pandas as pd
from spacy import displacy
from spacy.displacy.render import DEFAULT_LABEL_COLORS

from lib.ingest.edits import record_key
from lib.records import label_word
from lib.store.corpus import Corpus

OPEN_FOCUS = "\ue000"
CLOSE_FOCUS = "\ue001"
OPEN_TARGET = "\ue002"
CLOSE_TARGET = "\ue003"
"""Private-use characters that mark emphasised sentences (and the one a link opened at) until the
markup is built."""
MARKERS = (OPEN_FOCUS, CLOSE_FOCUS, OPEN_TARGET, CLOSE_TARGET)
TARGET_ID = "nfe-sentence"
TARGET_TAG = (f'<mark id="{TARGET_ID}" class="nfe-target" '
              'style="background: #ffd966; outline: 2px solid #e0a800; padding: 0.1em 0;">')

ENTITY_OPEN = '<mark class="entity" style="'
ENTITY_OPEN_UNBROKEN = f"{ENTITY_OPEN}white-space: nowrap; "
FOCUS_TAG = '<mark class="nfe-focus" style="background: #fff3b0; padding: 0.1em 0;">'
SCROLL_TO_TARGET = (f"<script>setTimeout(() => document.getElementById('{TARGET_ID}')"
                    "?.scrollIntoView({block: 'center'}), 300);</script>")
"""Brings the sentence a link opened the article at into view."""
METADATA_FIELDS = ("title", "outlet", "author", "published", "url")


def escape(text: object) -> str:
    """Return text safe to place in HTML content or a quoted attribute."""
    return html.escape("" if text is None else str(text), quote=True)


def safe_url(url: object) -> str | None:
    """Return the URL if it is an absolute http(s) link, else None (no javascript: or data:)."""
    text = str(url or "").strip()
    parsed = urlparse(text)
    return text if parsed.scheme in {"http", "https"} and parsed.netloc else None


def select_spans(mentions: pd.DataFrame, *, length: int) -> list[dict[str, Any]]:
    """Return non-overlapping entity spans (start, end, label) inside the text, in order."""
    spans: list[dict[str, Any]] = []
    last_end = 0
    for row in mentions.sort_values(["start", "end"]).itertuples(index=False):
        start, end = int(row.start), int(row.end)
        if start < last_end or end > length or start >= end:
            continue
        spans.append({"start": start, "end": end, "label": escape(label_word(row.entity_label))})
        last_end = end
    return spans


def _insert_markers(
    text: str, focus: Iterable[tuple[int, int]], target: tuple[int, int] | None = None
) -> tuple[str, list[int]]:
    """Return text with focus (and target) markers inserted and the sorted original positions of
    markers; at one position closing comes before opening and the target nests inside a focus."""
    markers = [(int(start), 0, 0, OPEN_FOCUS) for start, _ in focus] + [
        (int(end), -1, 1, CLOSE_FOCUS) for _, end in focus]
    if target is not None:
        markers += [(int(target[0]), 0, 1, OPEN_TARGET), (int(target[1]), -1, 0, CLOSE_TARGET)]
    pieces, cursor = [], 0
    for position, _, _, marker in sorted(markers):
        pieces += [text[cursor:position], marker]
        cursor = position
    pieces.append(text[cursor:])
    return "".join(pieces), sorted(position for position, _, _, _ in markers)


def _shift(spans: list[dict[str, Any]], positions: list[int]) -> list[dict[str, Any]]:
    """Move entity offsets past inserted markers; drop entities a sentence boundary cuts."""
    shifted = []
    for span in spans:
        if any(span["start"] < p < span["end"] for p in positions):
            continue
        before_start = sum(p <= span["start"] for p in positions)
        before_end = sum(p < span["end"] for p in positions)
        shifted.append({**span, "start": span["start"] + before_start, "end": span["end"] + before_end})
    return shifted


def render_article_html(
    text: str,
    mentions: pd.DataFrame,
    *,
    focus: Iterable[tuple[int, int]] = (),
    target: tuple[int, int] | None = None,
    colors: Mapping[str, str] | None = None,
) -> str:
    """Return the article with entities highlighted and focus sentences emphasised.

    ``mentions`` holds this article's stored mentions (start, end, entity_label); nothing is
    re-parsed. ``focus`` lists (start, end) character spans to emphasise; ``target`` is the one
    sentence a link opened the article at (marked with the id ``TARGET_ID``). Article text is
    escaped by displaCy; labels are escaped here.
    """
    clean = text
    for marker in MARKERS:
        clean = clean.replace(marker, "\ufffd")
    spans = select_spans(mentions, length=len(clean))
    target = target if target is not None and 0 <= target[0] < target[1] <= len(clean) else None
    marked, positions = _insert_markers(clean, [(s, e) for s, e in focus if 0 <= s < e], target)
    document = {"text": marked, "ents": _shift(spans, positions), "title": None}
    shades = {label_word(code).upper(): colour for code, colour in DEFAULT_LABEL_COLORS.items()}
    options = {"colors": {**shades, **dict(colors or {})}}
    markup = displacy.render(document, style="ent", manual=True, jupyter=False, options=options)
    markup = markup.replace(ENTITY_OPEN, ENTITY_OPEN_UNBROKEN)  # a name and its label never split over two lines
    markup = markup.replace(OPEN_FOCUS, FOCUS_TAG).replace(CLOSE_FOCUS, "</mark>")
    return markup.replace(OPEN_TARGET, TARGET_TAG).replace(CLOSE_TARGET, "</mark>")


def build_header_html(document: Mapping[str, Any]) -> str:
    """Return the article's title, outlet, date and link as escaped HTML."""
    title = escape(document.get("title") or "(untitled)")
    outlet = escape(document.get("outlet") or "(unknown outlet)")
    published = escape(document.get("published") or "date unknown")
    url = safe_url(document.get("url"))
    link = f' · <a href="{escape(url)}" target="_blank" rel="noopener noreferrer">source</a>'
    return f'<h3 class="nfe-title">{title}</h3><p class="nfe-meta">{outlet} · {published}{link if url else ""}</p>'


def build_profile_link_html(entity: str, *, page: str = "Entities", key: str = "entity") -> str:
    """Return an escaped link to an entity's profile on the entity page."""
    href = f"{page}?{urlencode({key: entity})}"
    return f'<a href="{escape(href)}" target="_self">Open the profile of {escape(entity)}</a>'


def build_metadata_table(document: Mapping[str, Any]) -> pd.DataFrame:
    """Return field, value, source and confidence of the article's metadata (its provenance)."""
    rows = [
        {
            "field": name,
            "value": str(document.get(name) or ""),
            "source": str(document.get(f"{name}_source") or ""),
            "confidence": str(document.get(f"{name}_confidence") or ""),
        }
        for name in METADATA_FIELDS
    ]
    return pd.DataFrame(rows, columns=["field", "value", "source", "confidence"])


def list_removed_lines(removed: str | None) -> pd.DataFrame:
    """Return the lines cleaning removed (line, text, reason) from the stored JSON audit."""
    try:
        rows = json.loads(removed or "[]")
    except json.JSONDecodeError:
        rows = []
    frame = pd.DataFrame(rows if isinstance(rows, list) else [])
    for column in ("line", "text", "reason"):
        if column not in frame:
            frame[column] = pd.Series(dtype="object")
    return frame[["line", "text", "reason"]]


def focus_spans(sentences: pd.DataFrame, mentions: pd.DataFrame, entity: str) -> list[tuple[int, int]]:
    """Return (start, end) of this article's sentences that mention the entity."""
    wanted = mentions.loc[mentions["entity"] == entity, "sent_index"].unique()
    rows = sentences[sentences["sent_index"].isin(wanted)].sort_values("start")
    return list(zip(rows["start"].astype(int), rows["end"].astype(int), strict=True))


@dataclass(frozen=True)
class ArticleView:
    """Everything the article reader shows for one article and selected entity."""

    doc_id: str
    header: str
    body: str
    entities: list[str]
    focus_sentences: int
    sentence: str
    """The text of the sentence a link opened the article at ("" when none)."""
    metadata: pd.DataFrame
    removed: pd.DataFrame
    key: str = ""
    """How the metadata editor and metadata.csv name the article: its file (and record)."""


PICKER_LIMIT = 500
"""Most articles the picker lists at once; a larger corpus is searched first (10,000 titles in
one picker made the page twice as slow to draw)."""


def narrow_article_choices(
    choices: dict[str, str], query: str, *, keep: str | None = None, limit: int = PICKER_LIMIT
) -> dict[str, str]:
    """The choices whose label holds every word of ``query`` (all of them up to ``limit``),
    first ``limit`` in their order; ``keep`` (the article open now) is always among them."""
    words = query.lower().split()
    if words:
        found = (key for key, label in choices.items() if all(word in label.lower() for word in words))
    else:
        found = iter(choices)
    shown = list(islice(found, limit))
    if keep in choices and keep not in shown:
        shown = [keep, *shown[: limit - 1]]
    return {key: choices[key] for key in shown}


def list_corpus_article_choices(corpus: Corpus) -> dict[str, str]:
    """The picker's choices for a corpus: cached by the corpus key, where caching on the
    documents table would hash every article's text on each rerun."""
    return list_article_choices(corpus.documents)


def list_article_choices(documents: pd.DataFrame) -> dict[str, str]:
    """Return doc_id -> "title · outlet · date" for the article picker, newest first."""
    ordered = documents.assign(undated=documents["published"].fillna("") == "").sort_values(
        ["undated", "published", "title"], ascending=[True, False, True]
    )
    return {
        str(row.doc_id): " · ".join(
            [
                str(row.title or "(untitled)"),
                str(row.outlet or "(unknown outlet)"),
                str(row.published or "undated"),
            ]
        )
        for row in ordered.itertuples(index=False)
    }


def query_article_rows(corpus: Corpus, doc_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(mentions, sentences) of one article, in its order, looked up in the engine."""
    mentions = corpus.query('SELECT * FROM mentions WHERE doc_id = ? ORDER BY start, "end"', [doc_id])
    sentences = corpus.query("SELECT * FROM sentences WHERE doc_id = ? ORDER BY sent_index", [doc_id])
    return mentions, sentences


def query_article_text(corpus: Corpus, doc_id: str) -> tuple[str, str]:
    """One article's text and the lines cleaning removed (JSON), read from disk: the loaded
    documents leave both there."""
    found = corpus.read_texts([doc_id])
    if found.empty:
        return "", "[]"
    return str(found["text"].iloc[0]), str(found["removed"].iloc[0])


def parse_sentence_index(value: object) -> int | None:
    """A sentence index from the URL; anything but a whole number of zero or more is None."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def find_sentence(sentences: pd.DataFrame, index: int | None) -> tuple[tuple[int, int] | None, str]:
    """The (start, end) and text of one sentence of an article by its index; (None, "") if absent."""
    rows = sentences[sentences["sent_index"] == index] if index is not None else sentences.head(0)
    if rows.empty:
        return None, ""
    row = rows.iloc[0]
    return (int(row["start"]), int(row["end"])), " ".join(str(row["text"]).split())


def build_article_view(
    corpus: Corpus, doc_id: str, entity: str | None, sentence: int | None = None,
    colors: Mapping[str, str] | None = None,
) -> ArticleView | None:
    """Return what the reader shows for one article (None if the id is not in the corpus), with the
    sentence ``sentence`` (an index in the article) marked when given; ``colors`` are the marks'
    backgrounds by type (displaCy's own where absent)."""
    documents = corpus.documents[corpus.documents["doc_id"] == doc_id]
    if documents.empty:
        return None
    document = documents.iloc[0].to_dict()
    mentions, sentences = query_article_rows(corpus, doc_id)
    text, removed = query_article_text(corpus, doc_id)
    focus = focus_spans(sentences, mentions, entity) if entity else []
    target, target_text = find_sentence(sentences, sentence)
    ranked = mentions.groupby("entity").size().sort_values(ascending=False, kind="stable")
    return ArticleView(
        doc_id=doc_id,
        header=build_header_html(document),
        body=render_article_html(text, mentions, focus=focus, target=target,
                                 colors=colors),
        entities=ranked.index.tolist(),
        focus_sentences=len(focus),
        sentence=target_text,
        metadata=build_metadata_table(document),
        removed=list_removed_lines(removed),
        key=record_key(str(document["file"]), None if pd.isna(document.get("record")) else int(document["record"])),
    )
