"""Where metadata set in the app is kept: the corpus folder's metadata.csv, or the visitor's own folder."""

from __future__ import annotations

from pathlib import Path

from lib.ingest.edits import check_edit, save_edits
from lib.ingest.reading import SIDECAR_NAME
from lib.records import UPLOAD_PREFIX
from lib.ui.context import PageContext
from lib.ui.loading import OVERRIDES_NAME, current_workspace, recent_folder_signature


def route_edits(
    edits: dict[str, dict[str, str]], *, read_only: bool
) -> dict[str, dict[str, dict[str, str]]]:
    """Split edits by where they are kept: "corpus" (the shared metadata.csv), "uploads" (the
    visitor's metadata.csv, keyed by their own file names) or "overrides" (the visitor's values
    for shared articles when the instance is read-only)."""
    routed: dict[str, dict[str, dict[str, str]]] = {"corpus": {}, "uploads": {}, "overrides": {}}
    for key, changes in edits.items():
        if key.startswith(UPLOAD_PREFIX):
            routed["uploads"][key.removeprefix(UPLOAD_PREFIX)] = changes
        else:
            routed["overrides" if read_only else "corpus"][key] = changes
    return routed


def save_metadata(ctx: PageContext, edits: dict[str, dict[str, str]]) -> tuple[int, list[str]]:
    """Keep the edits where they belong; the next run shows them without re-parsing. Returns how
    many articles got a new value, and a message for each value that could not be saved."""
    routed = route_edits(edits, read_only=ctx.read_only)
    messages: list[str] = []
    if routed["corpus"]:
        messages += save_edits(Path(ctx.corpus.folder) / SIDECAR_NAME, routed["corpus"])
        recent_folder_signature.clear()  # the folder changed now, not within the next check
    found = current_workspace(create=bool(routed["uploads"] or routed["overrides"]))
    if found is not None and routed["uploads"]:
        messages += save_edits(found.files / SIDECAR_NAME, routed["uploads"])  # re-read with the files
    if found is not None and routed["overrides"]:
        messages += save_edits(found.folder / OVERRIDES_NAME, routed["overrides"])
    return sum(bool(check_edit(key, changes)[0]) for key, changes in edits.items()), messages
