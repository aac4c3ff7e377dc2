"""The outlet that published a page, and the wire or outlet a syndicated text comes from.

Publisher evidence, strongest first: the sidecar or a record column; the page's HTML metadata
(og:site_name, the JSON-LD publisher); the URL's registered domain (a registry hit gives the outlet,
another domain gives itself, "not in registry"); then the page's own furniture: calls to donate,
subscribe, download its app or follow it, its comment policy, its logo, a print masthead with its
address, a masthead line the page repeats, a "By Name, Publisher" byline, a photo credit naming a
staff photographer's outlet. A bare outlet-name line counts only on a page that carries its own
furniture; otherwise it may be a credit copied with the text.

Wire evidence: a dateline credit ("WASHINGTON (Reuters) –"), "originally published by" and "some
information came from" lines, "Read the full article on X", a byline naming only an outlet or a wire
("by · Voice of America", "A, Associated Press"), a wire's copyright line. A wire credit never makes
the wire the publisher; an outlet the body cites ("told X", "according to X") is neither.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from lib.ingest.bylines import has_word, person_name, read_byline
from lib.ingest.cleaning import CleanText
from lib.ingest.context import fold_line
from lib.ingest.header import body_start
from lib.ingest.outlets import (
    Outlet,
    find_outlet_spans,
    find_outlets,
    lookup_outlet,
    outlet_for_url,
    registered_domain,
    url_host,
)
from lib.ingest.published import sidecar_source
from lib.records import Field, RawArticle, RemovedLine

SELF_PROMOTION = ("donation", "newsletter", "app store", "social follow", "comment policy")
CHROME = (*SELF_PROMOTION, "navigation", "share row", "login", "accessibility", "government banner", "banner",
          "category list", "related links", "popular articles", "media player", "masthead")
"""Reasons of lines that are the page's own furniture (not text copied from elsewhere)."""
WIRE_CREDITS = ("republication credit", "source link", "read more", "site tagline")
DATELINE_CREDIT = re.compile(r"^(?:[A-Z][A-Za-z0-9 .,'-]{1,40}\s*)?\((?P<credit>[A-Za-z][\w .&/-]{1,30})\)\s*[-–—]")
CONTENT_CREDIT = re.compile(r"^credit\s*:\s*(?P<who>.+?)(?:,\s*photo credit\b.*)?$", re.IGNORECASE)
STAFF_PHOTO = re.compile(r"\(([^()/]{2,60})\s/\s([^()]{2,60})\)\.?$")
TAGLINE = re.compile(r"^from (?P<name>[^,]{2,40}),", re.IGNORECASE)
URL_IN_TEXT = re.compile(r"https?://[^\s”\"'<>)]+")
MASTHEAD_REPEATS = 3
MASTHEAD_SCAN = 15


@dataclass(frozen=True)
class Claim:
    """A piece of text evidence naming an outlet, with its weight."""

    name: str
    outlet: Outlet | None
    weight: float
    source: str


def _claims(outlets: list[Outlet], weight: float, line: RemovedLine, what: str) -> list[Claim]:
    return [Claim(o.name, o, weight, f'text: {what} "{line.text[:80]}"') for o in outlets]


def _site_of(url: str, registry: tuple[Outlet, ...]) -> tuple[str, Outlet | None]:
    outlet = outlet_for_url(url, registry)
    return (outlet.name, outlet) if outlet else (registered_domain(url), None)


def _masthead(line: RemovedLine, registry: tuple[Outlet, ...]) -> list[Claim]:
    """A logo line ("X Logo") or a print masthead ("- X - https://x.org -")."""
    address = URL_IN_TEXT.search(line.text)
    if address:
        name, outlet = _site_of(address.group(0), registry)
        return [Claim(name, outlet, 1.0, f'text: masthead "{line.text[:80]}"')] if name else []
    named = re.sub(r"\s*logo$", "", line.text, flags=re.IGNORECASE).strip(" -|")
    outlet = lookup_outlet(named, registry)
    if outlet:
        return [Claim(outlet.name, outlet, 1.0, f'text: logo "{line.text[:80]}"')]
    if proper_name(named) and not has_word(named.split(), "platform"):
        return [Claim(named, None, 0.7, f'text: logo "{line.text[:80]}"')]
    return []


def proper_name(text: str) -> bool:
    """A short run of capitalised words: how a masthead names its site."""
    words = text.split()
    capitals = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return 1 <= len(words) <= 8 and len(capitals) >= max(1, len(words) - 2) and not person_name(text)


def _byline(line: RemovedLine, registry: tuple[Outlet, ...], *, chrome: bool) -> tuple[list[Claim], list[Claim]]:
    """ "By Name, Publisher" names the publisher on a page that carries its own furniture; elsewhere,
    and always for a wire or a byline naming only an outlet, it credits the text's origin."""
    byline = read_byline(line.text, registry)
    if byline is None or not byline.outlets:
        return [], []
    wires = [o for o in byline.outlets if o.is_wire or not byline.names or not chrome]
    own = [o for o in byline.outlets if o not in wires]
    return _claims(own, 0.7, line, "byline"), _claims(wires, 0.8, line, "byline credit")


def _photo_credit(line: RemovedLine, registry: tuple[Outlet, ...]) -> tuple[list[Claim], list[Claim]]:
    credit = CONTENT_CREDIT.match(line.text)
    if credit:
        return [], _claims(find_outlets(credit["who"], registry), 0.8, line, "credit")
    staff = STAFF_PHOTO.search(line.text)
    outlets = [o for o in find_outlets(staff.group(2), registry) if not o.is_wire] if staff else []
    return _claims(outlets, 0.4, line, "staff photo credit"), []


def _wire_credit(line: RemovedLine, registry: tuple[Outlet, ...]) -> list[Claim]:
    claims = _claims(find_outlets(line.text, registry), 0.8, line, line.reason)
    tagline = TAGLINE.match(line.text) if line.reason == "site tagline" else None
    if not claims and tagline and proper_name(tagline["name"]):
        return [Claim(tagline["name"], None, 0.5, f'text: site tagline "{line.text[:80]}"')]
    address = URL_IN_TEXT.search(line.text)
    if not claims and address:
        name, outlet = _site_of(address.group(0), registry)
        claims = [Claim(name, outlet, 0.8, f'text: {line.reason} "{line.text[:80]}"')] if name else []
    return claims


def line_claims(line: RemovedLine, registry: tuple[Outlet, ...], *, chrome: bool = False
                ) -> tuple[list[Claim], list[Claim]]:
    """(publisher claims, wire claims) one line makes (``chrome``: the page carries its own furniture)."""
    reason = line.reason
    if reason in SELF_PROMOTION:
        return _claims(find_outlets(line.text, registry), 1.0, line, reason), []
    if reason in ("author bio", "copyright"):
        outlets = find_outlets(line.text, registry)
        own = [o for o in outlets if not o.is_wire]
        return _claims(own, 1.0, line, reason), _claims([o for o in outlets if o.is_wire], 0.8, line, reason)
    if reason == "masthead":
        return _masthead(line, registry), []
    if reason == "byline":
        return _byline(line, registry, chrome=chrome)
    if reason == "photo credit":
        return _photo_credit(line, registry)
    if reason in WIRE_CREDITS:
        return [], _wire_credit(line, registry)
    credit = DATELINE_CREDIT.match(line.text) if not reason else None
    outlet = lookup_outlet(credit["credit"], registry) if credit else None
    return [], ([Claim(outlet.name, outlet, 1.0, f'text: dateline credit "{line.text[:60]}"')] if outlet else [])


def repeated_masthead(lines: tuple[RemovedLine, ...], registry: tuple[Outlet, ...]) -> list[Claim]:
    """A name the top of the page repeats again and again (logos and their alternative texts)."""
    top = lines[:MASTHEAD_SCAN]
    counts = Counter(fold_line(line.text) for line in top)
    for line in top:
        if counts[fold_line(line.text)] >= MASTHEAD_REPEATS and proper_name(line.text) and not line.reason:
            outlet = lookup_outlet(line.text, registry)
            if outlet is None and has_word(line.text.split(), "desk"):
                continue  # "World News" three times is a menu, not a masthead
            name = outlet.name if outlet else line.text
            times = counts[fold_line(line.text)]
            return [Claim(name, outlet, 0.7, f'text: masthead repeated {times} times "{line.text}"')]
    return []


def text_claims(clean: CleanText, registry: tuple[Outlet, ...]) -> tuple[list[Claim], list[Claim]]:
    """Every publisher and wire claim of a page's lines."""
    publishers, wires = repeated_masthead(clean.lines, registry), []
    chrome = any(line.reason in CHROME for line in clean.lines)
    edges = page_edges(clean.lines)
    for index, line in enumerate(clean.lines):
        if line.reason == "outlet name":
            named = find_outlets(line.text, registry)[:1]
            own = chrome and index in edges and (not any(o.is_wire for o in named) or _sectioned(line, registry))
            (publishers if own else wires).extend(_claims(named, 1.0 if own else 0.6, line, "outlet name"))
            continue
        if line.reason == "masthead" and index >= MASTHEAD_SCAN:
            continue  # a logo further down belongs to a partner or an embed, not to the page
        own, credited = line_claims(line, registry, chrome=chrome)
        publishers += own
        wires += credited
    return publishers, wires


def _sectioned(line: RemovedLine, registry: tuple[Outlet, ...]) -> bool:
    """ "Anadolu Agency MIDDLE EAST": a name with a section label is the site's own section strip; a
    wire's credit line never carries one."""
    spans = find_outlet_spans(line.text, registry)
    return bool(spans) and bool(line.text[spans[0][1]:].strip(" |-–—:"))


def page_edges(lines: tuple[RemovedLine, ...]) -> set[int]:
    """Indexes of the lines at the top of the page and below its last paragraph: where mastheads sit."""
    top = max(body_start(lines), MASTHEAD_SCAN)
    last = max((i for i, line in enumerate(lines) if not line.reason and len(line.text.split()) >= 12), default=-1)
    return set(range(min(top, len(lines)))) | set(range(last + 1, len(lines)))


def strongest(claims: list[Claim]) -> tuple[Claim | None, float, str]:
    """The claim with the most weight, its total, and a conflict note when two outlets tie."""
    totals: dict[str, float] = defaultdict(float)
    best: dict[str, Claim] = {}
    for claim in claims:
        totals[claim.name] += claim.weight
        if claim.name not in best or claim.weight > best[claim.name].weight:
            best[claim.name] = claim
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    if not ranked:
        return None, 0.0, ""
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, 0.0, f"conflict: {ranked[0][0]} vs {ranked[1][0]}"
    name, total = ranked[0]
    return best[name], total, ""


def author_credits(raw: RawArticle, registry: tuple[Outlet, ...]) -> list[Claim]:
    """An author column or meta tag naming only outlets ("Reuters", "AP") credits the text's origin."""
    pieces = [p.strip() for p in re.split(r"\s*(?:;|,|&|\||\band\b)\s*", raw.author) if p.strip()]
    outlets = [lookup_outlet(piece, registry) for piece in pieces]
    if not pieces or not all(outlets):
        return []
    source = f"{raw.origin} metadata author"
    return [Claim(outlet.name, outlet, 0.8, source) for outlet in outlets if outlet is not None]


def _confidence(total: float) -> str:
    return "high" if total >= 2 else "medium" if total >= 0.7 else "low"


def stated_publisher(raw: RawArticle, sidecar: dict[str, str], url: str, registry: tuple[Outlet, ...]
                     ) -> tuple[Field, Outlet | None] | None:
    """The publisher the sidecar, the file's metadata or the URL states, if any does."""
    where = dict(raw.notes).get("outlet", "")
    for value, source in (
        (sidecar.get("outlet", ""), sidecar_source(sidecar)),
        (raw.outlet, f"{raw.origin} metadata" + (f" ({where})" if where else "")),
    ):
        if value.strip():
            outlet = lookup_outlet(value, registry)
            return Field(outlet.name if outlet else value.strip(), source, "high"), outlet
    if not url_host(url):
        return None
    outlet = outlet_for_url(url, registry)
    if outlet:
        return Field(outlet.name, f"url: {url_host(url)}", "high"), outlet
    domain = registered_domain(url)
    return (Field(domain, f"url: {domain}, not in registry", "medium"), None) if domain else None


def outlet_and_wire(
    raw: RawArticle, clean: CleanText, sidecar: dict[str, str], *, url: str, registry: tuple[Outlet, ...]
) -> tuple[Field, Outlet | None, Field]:
    """(publisher, its registry row, wire origin), each with provenance."""
    publisher_claims, wire_claims = text_claims(clean, registry)
    wire, wire_total, _ = strongest(wire_claims + author_credits(raw, registry))
    stated = stated_publisher(raw, sidecar, url, registry)
    if stated is not None:
        field, outlet = stated
    else:
        claim, total, conflict = strongest(publisher_claims)
        field = Field(claim.name, claim.source, _confidence(total)) if claim else Field(source=conflict or "unknown")
        outlet = claim.outlet if claim else None
    if wire is None or same_site(wire.name, field.value) or (outlet is not None and wire.outlet == outlet):
        return _unstated(field, None), outlet, Field()
    wire_field = Field(wire.name, wire.source, "medium" if wire_total >= 0.8 else "low")
    return _unstated(field, wire), outlet, wire_field


def same_site(name: str, other: str) -> bool:
    """Whether two names denote one site: "Wikinews" and "wikinews.org", "VOA" and "VOA"."""
    def fold(text: str) -> str:
        return re.sub(r"[\W_]", "", text.casefold())

    first, second = (fold(text.split(".")[0] if "." in text and " " not in text else text) for text in (name, other))
    return bool(first) and first == second


def _unstated(field: Field, wire: Claim | None) -> Field:
    """An unknown publisher says so, naming the wire credit that is not one."""
    if field.known or wire is None:
        return field
    return Field("", f"wire credit {wire.name}; publisher not stated", "none")
