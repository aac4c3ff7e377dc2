"""Inferring an article's title, outlet, wire origin, author and publication date, each with its
provenance and confidence. Each kind of evidence lives in its own module: ``publisher`` (outlet and
wire), ``published`` (dates), ``authors``, ``titles``; this module puts them together."""

from __future__ import annotations

from lib.ingest.authors import author_field
from lib.ingest.cleaning import CleanText
from lib.ingest.context import CorpusContext
from lib.ingest.dates import find_full_dates, parse_date
from lib.ingest.outlets import Outlet, registered_domain
from lib.ingest.published import date_from_caption, published_field, sidecar_source
from lib.ingest.publisher import outlet_and_wire
from lib.ingest.titles import title_field
from lib.records import Field, RawArticle

__all__ = ["date_from_caption", "find_full_dates", "infer_metadata", "parse_date", "sidecar_source"]


def infer_metadata(
    raw: RawArticle, clean: CleanText, *, sidecar: dict[str, str], registry: tuple[Outlet, ...],
    context: CorpusContext | None = None,
) -> dict[str, object]:
    """Return every metadata field of an article, with provenance."""
    corpus = context or CorpusContext()
    url = sidecar.get("url") or raw.url
    outlet, registered, wire = outlet_and_wire(raw, clean, sidecar, url=url, registry=registry)
    site_names = tuple(filter(None, (
        outlet.value, *(registered.names if registered else ()), raw.outlet, registered_domain(url) if url else "",
    )))
    url_source = sidecar_source(sidecar) if sidecar.get("url") else f"{raw.origin} metadata"
    return {
        "title": title_field(raw, clean.lines, sidecar, site_names=site_names, registry=registry, context=corpus),
        "outlet": outlet,
        "wire": wire,
        "outlet_kind": registered.kind if registered else "",
        "outlet_country": registered.country if registered else "",
        "author": author_field(raw, clean, sidecar, registry),
        "published": published_field(raw, clean, sidecar, url=url, context=corpus),
        "url": Field(url, url_source, "high") if url else Field(),
    }
