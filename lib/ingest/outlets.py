"""The editable outlet registry: names, aliases, domains, country and kind of news outlets."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from lib import DATA_DIR

REGISTRY_FILE = DATA_DIR / "outlets.csv"
SHORT_ALIAS = 4
"""Aliases shorter than this (AP, AA, FT…) match only in exact case, as whole words."""


@dataclass(frozen=True)
class Outlet:
    """One registry row."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str
    kind: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def split_list(value: str | None) -> tuple[str, ...]:
    """Split a |-separated registry cell."""
    return tuple(part.strip() for part in (value or "").split("|") if part.strip())


@lru_cache(maxsize=4)
def load_registry(path: Path = REGISTRY_FILE) -> tuple[Outlet, ...]:
    """Read the outlet registry CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
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


def alias_pattern(alias: str) -> re.Pattern[str]:
    """Compile a whole-word pattern for an alias; short aliases are case-sensitive."""
    flags = 0 if len(alias) < SHORT_ALIAS else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", flags)


@lru_cache(maxsize=4)
def alias_patterns(registry: tuple[Outlet, ...]) -> tuple[tuple[Outlet, re.Pattern[str]], ...]:
    """Return (outlet, pattern) pairs, longest alias first so "All Israel News" beats "All Israel"."""
    pairs = [(outlet, alias) for outlet in registry for alias in outlet.names]
    pairs.sort(key=lambda pair: -len(pair[1]))
    return tuple((outlet, alias_pattern(alias)) for outlet, alias in pairs)


def find_outlets(text: str, registry: tuple[Outlet, ...]) -> list[Outlet]:
    """Return the outlets named in a piece of text (each once, longest alias first)."""
    found: list[Outlet] = []
    for outlet, pattern in alias_patterns(registry):
        if outlet not in found and pattern.search(text):
            found.append(outlet)
    return found


def lookup_outlet(name: str, registry: tuple[Outlet, ...]) -> Outlet | None:
    """Return the registry outlet a given name or alias denotes, if any."""
    folded = name.strip().casefold()
    for outlet in registry:
        if folded in (alias.casefold() for alias in outlet.names):
            return outlet
    return None


def outlet_for_url(url: str, registry: tuple[Outlet, ...]) -> Outlet | None:
    """Return the registry outlet whose domain serves a URL."""
    host = (urlparse(url if "//" in url else f"//{url}").hostname or "").lower()
    for outlet in registry:
        if any(host == domain or host.endswith(f".{domain}") for domain in outlet.domains):
            return outlet
    return None


def url_host(url: str) -> str:
    """Return the host of a URL without a leading www."""
    host = (urlparse(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


def outlet_line_reason(line: str, registry: tuple[Outlet, ...]) -> str:
    """Return "outlet name" for a furniture line that is an outlet's name plus a section label."""
    for _outlet, pattern in alias_patterns(registry):
        match = pattern.match(line)
        if not match:
            continue
        rest = line[match.end():].strip(" |-–—:")
        if not rest or (len(rest.split()) <= 3 and rest.isupper()):
            return "outlet name"
    return ""
