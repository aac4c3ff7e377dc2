"""Every limit that keeps a hosted instance usable: one environment variable each, read here only.

The figures are shown once in the UI (the "Your articles" page prints ``describe_limits``) and
once in the README's Hosting section, and enforced where they are shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

MB = 1024 * 1024


class ConfigError(ValueError):
    """A configuration value that is not one of the documented forms; the app refuses to start."""


@dataclass(frozen=True)
class Limits:
    """The instance's limits; each field is read from the environment variable of its name."""

    max_file_mb: float = 10
    """MAX_FILE_MB: the largest file read (corpus file, upload, zip archive or member, fetched page).
    Streamlit's upload limit (server.maxUploadSize in .streamlit/config.toml) holds the same figure."""
    workspace_mb: float = 20
    """WORKSPACE_MB: bytes of articles one visitor's workspace may hold."""
    workspace_files: int = 200
    """WORKSPACE_FILES: files one visitor's workspace may hold."""
    workspace_words: int = 400_000
    """WORKSPACE_WORDS: words of a visitor's articles parsed; articles beyond it are rejected."""
    uploads_mb: float = 500
    """UPLOADS_MB: bytes on disk of every workspace together, parses included."""
    uploads_files: int = 5_000
    """UPLOADS_FILES: files of every workspace together."""
    workspace_hours: float = 24
    """WORKSPACE_HOURS: a workspace is deleted this many hours after its last change."""
    parse_workers: int = 1
    """PARSE_WORKERS: visitors' uploads parsed at the same time (others wait their turn)."""
    max_urls: int = 20
    """MAX_URLS: URLs fetched in one go."""
    fetch_seconds: float = 20
    """FETCH_SECONDS: time allowed for one URL; a page not complete by then is rejected."""

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def workspace_bytes(self) -> int:
        return int(self.workspace_mb * MB)

    @property
    def uploads_bytes(self) -> int:
        return int(self.uploads_mb * MB)


def read_limits(environ: Mapping[str, str] | None = None) -> Limits:
    """The limits from the environment; a value that is not a positive number raises ConfigError."""
    env = os.environ if environ is None else environ
    values: dict[str, float | int] = {}
    for item in fields(Limits):
        name = item.name.upper()
        raw = env.get(name, "").strip()
        if not raw:
            continue
        kind = int if item.type == "int" else float
        try:
            value = kind(raw)
        except ValueError:
            raise ConfigError(f"{name}={raw!r} is not a {'whole ' if kind is int else ''}number") from None
        if not value > 0:
            raise ConfigError(f"{name}={raw!r} must be above 0")
        values[item.name] = value
    return Limits(**values)


def format_mb(value: float) -> str:
    """10 -> "10 MB", 0.5 -> "0.5 MB"."""
    return f"{value:g} MB"


def describe_limits(limits: Limits) -> str:
    """The limits in one sentence, as the UI shows them."""
    return (
        f"Files up to {format_mb(limits.max_file_mb)} each (a zip's members too); your articles up to "
        f"{format_mb(limits.workspace_mb)} and {limits.workspace_files} files, {limits.workspace_words:,} "
        f"words parsed; {limits.max_urls} URLs at a time. They are kept {limits.workspace_hours:g} hours "
        "after your last change."
    )
