"""The editable outlet registry: names, aliases, domains, country and kind of news outlets."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import tldextract

from lib import DATA_DIR

REGISTRY_FILE = DATA_DIR / "outlets.csv"
SHORT_ALIAS = 4
"""Aliases shorter than this (AP, AA, FT…) match only as written, never in capitals of a shouted line."""
WIRE_KINDS = ("wire", "news agency")
"""A registry kind containing one of these words marks a wire service: its credit is an origin, not a publisher."""

_DOMAINS = tldextract.TLDExtract(suffix_list_urls=(), include_psl_private_domains=True, cache_dir=None)
"""Registered domains from tldextract's bundled Public Suffix List: offline, and a blogspot.com or
github.io site counts as its own site."""


@dataclass(frozen=True)
class Outlet:
    """One registry row."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str
    kind: str

    def __hash__(self) -> int:
        return hash(self.name)  # cheap: registries are keys of cached look-ups, hashed on every call

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def is_wire(self) -> bool:
        return any(word in self.kind.lower() for word in WIRE_KINDS)


class Registry(tuple):
    """The registry's outlets, a tuple that hashes once: it is an argument of cached look-ups
    (``outlet_matcher``, bylines) called for every line read, and a tuple hashes all its items on
    every call."""

    def __hash__(self) -> int:
        cached = self.__dict__.get("hash")
        if cached is None:
            cached = self.__dict__["hash"] = tuple.__hash__(self)
        return cached


def split_list(value: str | None) -> tuple[str, ...]:
    """Split a |-separated registry cell."""
    return tuple(part.strip() for part in (value or "").split("|") if part.strip())


@lru_cache(maxsize=4)
def load_registry(path: Path = REGISTRY_FILE) -> tuple[Outlet, ...]:
    """Read the outlet registry CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return Registry(
            Outlet(
                name=row["name"].strip(),
                aliases=split_list(row.get("aliases")),
                domains=tuple(d.lower() for d in split_list(row.get("domains"))),
                country=(row.get("country") or "").strip(),
                kind=(row.get("kind") or "").strip(),
            )
            for row in csv.DictReader(handle)
            if (row.get("name") or "").strip()
        )


def alias_forms(alias: str) -> tuple[str, ...]:
    """How an alias may be written: as in the registry or, when long, in capitals.

    Matching the case as written keeps outlets named by ordinary words ("The Hill", "Dawn") from
    matching "the hill" or "dawn"; the capital form covers shouted mastheads ("ALL ISRAEL NEWS").
    """
    return (alias,) if len(alias) < SHORT_ALIAS or alias.isupper() else (alias, alias.upper())


@dataclass(frozen=True)
class OutletMatcher:
    """One pattern for every alias of a registry, longest first, and the outlet each form names."""

    pattern: re.Pattern[str]
    forms: dict[str, Outlet]

    def __hash__(self) -> int:
        return id(self)


@lru_cache(maxsize=4)
def outlet_matcher(registry: tuple[Outlet, ...]) -> OutletMatcher:
    forms: dict[str, Outlet] = {}
    for outlet in registry:
        for alias in outlet.names:
            for form in alias_forms(alias):
                forms.setdefault(form, outlet)
    body = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return OutletMatcher(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])"), forms)


def find_outlet_spans(text: str, registry: tuple[Outlet, ...]) -> list[tuple[int, int, Outlet]]:
    """Every (start, end, outlet) named in a text, in reading order; a name inside a longer one
    ("The Times" in "The Times of Israel") does not count."""
    matcher = outlet_matcher(registry)
    return [(m.start(), m.end(), matcher.forms[m.group(0)]) for m in matcher.pattern.finditer(text)]


def find_outlets(text: str, registry: tuple[Outlet, ...]) -> list[Outlet]:
    """Return the outlets named in a piece of text, each once, in reading order."""
    found: list[Outlet] = []
    for _, _, outlet in find_outlet_spans(text, registry):
        if outlet not in found:
            found.append(outlet)
    return found


def lookup_outlet(name: str, registry: tuple[Outlet, ...]) -> Outlet | None:
    """Return the registry outlet a given name or alias denotes, if any."""
    folded = " ".join(name.split()).casefold()
    for outlet in registry:
        if folded in (alias.casefold() for alias in outlet.names):
            return outlet
    return None


def url_host(url: str) -> str:
    """Return the host of a URL without a leading www."""
    host = (urlparse(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


def registered_domain(url: str) -> str:
    """The domain a site registered (``defense.gov``, ``bbc.co.uk``, ``poenglish.blogspot.com``)."""
    host = url_host(url)
    if not host:
        return ""
    parts = _DOMAINS(host)
    return parts.top_domain_under_public_suffix or host


def outlet_for_url(url: str, registry: tuple[Outlet, ...]) -> Outlet | None:
    """Return the registry outlet whose domain serves a URL (the longest matching domain wins)."""
    host = url_host(url)
    best: tuple[int, Outlet] | None = None
    for outlet in registry:
        for domain in outlet.domains:
            if (host == domain or host.endswith(f".{domain}")) and (best is None or len(domain) > best[0]):
                best = (len(domain), outlet)
    return best[1] if best else None


def outlet_line_reason(line: str, registry: tuple[Outlet, ...]) -> str:
    """Return "outlet name" for a furniture line that is an outlet's name plus a section label."""
    match = outlet_matcher(registry).pattern.match(line)
    if not match:
        return ""
    rest = line[match.end():].strip(" |-–—:")
    return "outlet name" if not rest or (len(rest.split()) <= 3 and rest.isupper()) else ""
