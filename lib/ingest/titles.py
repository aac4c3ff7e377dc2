"""The headline: the file's own title first (without a trailing " | Site"), then the page's headline line.

A headline line is found by shape and position, never by a site's wording: among the headline-like
lines above the body (navigation, banners, section names, site names, dates and times are not
headline-like or were removed as furniture), the one the page repeats (title and heading), else the
one standing right above a byline or date stamp, else the first that is not a section label above a
longer line. A line that opens many unrelated articles of the corpus is the site's furniture.
"""

from __future__ import annotations

import re

from lib.ingest.bylines import placed_byline
from lib.ingest.context import CorpusContext, fold_line
from lib.ingest.header import header_lines, is_photo_credit, is_stamp, is_title_like, next_line, strip_gallery_suffix
from lib.ingest.outlets import Outlet, lookup_outlet
from lib.ingest.published import sidecar_source
from lib.records import Field, RawArticle, RemovedLine

SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
LABEL_MAX_WORDS = 4
REPEATED_MIN_WORDS = 5
REPEATED_MAX_TIMES = 3
"""A headline shows at most this often (page title, heading, picture title); a line repeated more is a masthead."""


def _folded(text: str) -> str:
    return re.sub(r"[^\w]", "", text.casefold())


def names_the_site(text: str, site_names: tuple[str, ...], registry: tuple[Outlet, ...]) -> bool:
    """Whether a piece of a title is the site's own name (a registry alias, the site name or its domain)."""
    folded = _folded(text)
    if not folded:
        return False
    if lookup_outlet(text, registry) is not None:
        return True
    for name in filter(None, site_names):
        label = _folded(name.split(".")[0]) if "." in name else ""
        if folded == _folded(name) or (label and folded.startswith(label) and len(folded) <= len(label) + 4):
            return True
    return False


def strip_site_name(title: str, site_names: tuple[str, ...], registry: tuple[Outlet, ...]) -> str:
    """ "Headline | Site" or "Site - Headline" → "Headline", when that part is the site's name."""
    parts = SITE_SEPARATOR.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    if names_the_site(parts[-1], site_names, registry):
        return strip_site_name(title[: title.rstrip().rfind(parts[-1])].rstrip(" |-–—:·•"), site_names, registry)
    if names_the_site(parts[0], site_names, registry):
        return title.strip()[len(parts[0]):].lstrip(" |-–—:·•")
    return title.strip()


def _candidates(
    lines: tuple[RemovedLine, ...], *, site_names: tuple[str, ...], registry: tuple[Outlet, ...],
    context: CorpusContext,
) -> list[int]:
    found = []
    for index, line in enumerate(lines):
        following = next_line(lines, index)
        if line.reason or not is_title_like(line.text) or is_stamp(line.text, registry):
            continue
        if fold_line(line.text) in context.opening_furniture or names_the_site(line.text, site_names, registry):
            continue
        if following is not None and is_photo_credit(following):
            continue  # the title or caption of a picture
        found.append(index)
    return found


def _repeated(lines: tuple[RemovedLine, ...], candidates: list[int]) -> int | None:
    counts: dict[str, int] = {}
    for line in lines:
        key = fold_line(strip_gallery_suffix(line.text))
        counts[key] = counts.get(key, 0) + 1
    for index in candidates:
        text = strip_gallery_suffix(lines[index].text)
        if len(text.split()) >= REPEATED_MIN_WORDS and 2 <= counts[fold_line(text)] <= REPEATED_MAX_TIMES:
            return index
    return None


def _above_stamp(lines: tuple[RemovedLine, ...], candidates: list[int], registry: tuple[Outlet, ...]) -> int | None:
    for index in candidates:
        following = next_line(lines, index)
        if following is None:
            continue
        if is_stamp(following.text, registry) and not placed_byline(lines[index].text):
            return index
        if placed_byline(following.text) and is_stamp_at(lines, index + 2, registry):
            return index  # headline, "Jane Doe in Jerusalem", date
    return None


def is_stamp_at(lines: tuple[RemovedLine, ...], index: int, registry: tuple[Outlet, ...]) -> bool:
    return index < len(lines) and is_stamp(lines[index].text, registry)


def _first_not_label(lines: tuple[RemovedLine, ...], candidates: list[int]) -> int | None:
    for position, index in enumerate(candidates):
        words = len(lines[index].text.split())
        later = candidates[position + 1] if position + 1 < len(candidates) else None
        is_label = (words <= LABEL_MAX_WORDS and later == index + 1
                    and len(lines[later].text.split()) >= words)
        if not is_label:
            return index
    return None


def headline_field(
    lines: tuple[RemovedLine, ...], *, site_names: tuple[str, ...], registry: tuple[Outlet, ...],
    context: CorpusContext,
) -> Field:
    """The page's headline line, by shape and position."""
    header = header_lines(lines)
    candidates = _candidates(header, site_names=site_names, registry=registry, context=context)
    for pick, how, confidence in (
        (_repeated(header, candidates), "repeated headline", "medium"),
        (_above_stamp(header, candidates, registry), "headline above the byline or date", "medium"),
        (_first_not_label(header, candidates), "first headline-like line", "low"),
    ):
        if pick is not None:
            return Field(strip_gallery_suffix(header[pick].text), f"text: {how}", confidence)
    return Field()


def title_field(
    raw: RawArticle, lines: tuple[RemovedLine, ...], sidecar: dict[str, str], *,
    site_names: tuple[str, ...], registry: tuple[Outlet, ...], context: CorpusContext,
) -> Field:
    """Title from the sidecar, the file's own metadata, or the page's headline line."""
    if sidecar.get("title"):
        return Field(sidecar["title"], sidecar_source(sidecar), "high")
    if raw.title.strip():
        where = dict(raw.notes).get("title", "")
        title = strip_site_name(raw.title, site_names, registry)
        suffix = f" ({where})" if where else ""
        return Field(title, f"{raw.origin} metadata{suffix}", "high")
    return headline_field(lines, site_names=site_names, registry=registry, context=context)
