"""A visitor's workspace: their uploaded files and their parses, found by an unguessable token.

The token travels in the visitor's URL; on disk a workspace is named by the token's hash, so a
folder listing does not reveal anyone's link. A workspace lives ``Limits.workspace_hours``
after its last change, then is swept. Nothing in it is ever written to the shared cache.

    <root>/<sha256(token)[:32]>/files/      the visitor's articles
    <root>/<sha256(token)[:32]>/cache/      their parses (a cache folder of its own)
    <root>/<sha256(token)[:32]>/job.json    the background parse's progress
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lib.ingest.limits import Limits, format_mb
from lib.ingest.uploads import Allowance

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
JOB_LOCK = ".job.lock"
JOB_PID = ".job.pid"
STOP_WAIT_SECONDS = 10


@dataclass(frozen=True)
class Workspace:
    """One visitor's workspace."""

    token: str
    folder: Path

    @property
    def files(self) -> Path:
        return self.folder / "files"

    @property
    def cache(self) -> Path:
        return self.folder / "cache"

    @property
    def job_file(self) -> Path:
        return self.folder / "job.json"


def workspace_root() -> Path:
    """Where workspaces live: WORKSPACE_DIR, or news-framing-workspaces in the system's temp folder."""
    chosen = os.environ.get("WORKSPACE_DIR") or Path(tempfile.gettempdir()) / "news-framing-workspaces"
    return Path(chosen).expanduser().resolve()


def new_token() -> str:
    """A fresh unguessable token (192 random bits)."""
    return secrets.token_urlsafe(24)


def is_token(value: object) -> bool:
    """True for a string shaped like a token (anything else in a URL is ignored)."""
    return isinstance(value, str) and TOKEN.fullmatch(value) is not None


def open_workspace(token: str, *, root: Path, create: bool = False) -> Workspace | None:
    """The workspace of a token: None if the token is malformed, or if it has none and ``create`` is off."""
    if not is_token(token):
        return None
    workspace = Workspace(token, root / hashlib.sha256(token.encode("ascii")).hexdigest()[:32])
    if create:
        workspace.files.mkdir(parents=True, exist_ok=True)
        workspace.cache.mkdir(parents=True, exist_ok=True)
    return workspace if workspace.files.is_dir() else None


def measure(folder: Path) -> tuple[int, int]:
    """Bytes and files under a folder, from the files on disk (symbolic links not followed)."""
    total = count = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(parent, name)).st_size
                count += 1
    return total, count


def allowance_for(workspace: Workspace, *, root: Path, limits: Limits) -> Allowance:
    """What this workspace may still take: the tighter of its own quota and the instance's."""
    mine_bytes, mine_files = measure(workspace.files)
    all_bytes, _ = measure(root)
    all_files = sum(measure(folder / "files")[1] for folder in root.iterdir() if folder.is_dir())
    own = (limits.workspace_bytes - mine_bytes, limits.workspace_files - mine_files)
    instance = (limits.uploads_bytes - all_bytes, limits.uploads_files - all_files)
    return Allowance(
        bytes_left=max(0, min(own[0], instance[0])),
        files_left=max(0, min(own[1], instance[1])),
        max_file_bytes=limits.max_file_bytes,
        bytes_reason=(f"your articles would pass {format_mb(limits.workspace_mb)}" if own[0] <= instance[0]
                      else "the instance's space for visitors' articles is full; try again later"),
        files_reason=(f"your articles would pass {limits.workspace_files} files" if own[1] <= instance[1]
                      else "the instance's file limit for visitors' articles is reached; try again later"),
    )


def mark_changed(workspace: Workspace) -> None:
    """Start the time-to-live again (called after every change to the files)."""
    if workspace.files.is_dir():
        os.utime(workspace.files)


def expires_at(workspace: Workspace, *, limits: Limits) -> datetime:
    """When the workspace will be swept, unless it changes before."""
    changed = datetime.fromtimestamp(workspace.files.stat().st_mtime, UTC)
    return changed + timedelta(hours=limits.workspace_hours)


def expired_folders(root: Path, *, limits: Limits, now: float | None = None) -> list[Path]:
    """Workspace folders whose last change is older than the time-to-live."""
    if not root.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - limits.workspace_hours * 3600
    expired = []
    for folder in root.iterdir():
        if folder.name.startswith("."):  # the parse slots' locks, never a workspace
            continue
        files = folder / "files"
        with contextlib.suppress(OSError):
            stamp = (files if files.is_dir() else folder).stat().st_mtime
            if folder.is_dir() and stamp < cutoff:
                expired.append(folder)
    return expired


@contextlib.contextmanager
def job_lock(folder: Path, *, wait: bool = True) -> Iterator[bool]:
    """The lock a workspace's parse holds while it runs; yields False if ``wait`` is off and it is taken."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / JOB_LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def worker_alive(folder: Path) -> bool:
    """True while a parse holds the workspace's job lock."""
    if not folder.is_dir():
        return False
    with job_lock(folder, wait=False) as free:
        return not free


def stop_worker(folder: Path) -> bool:
    """Stop the parse running for a workspace folder, if any; True if one was stopped.

    A running parse holds the job lock and has written its process id beside it, so a process
    is signalled only while the lock shows it is alive and ours.
    """
    if not worker_alive(folder):
        return False
    try:
        pid = int((folder / JOB_PID).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    while time.monotonic() < deadline and worker_alive(folder):
        time.sleep(0.05)
    return True


def delete_folder(folder: Path) -> None:
    """Remove a workspace folder at once: its parse is stopped first, then its files and parses go."""
    if folder.is_dir():
        stop_worker(folder)
        shutil.rmtree(folder, ignore_errors=True)


def sweep_expired(root: Path, *, limits: Limits, now: float | None = None) -> int:
    """Delete every expired workspace; return how many."""
    expired = expired_folders(root, limits=limits, now=now)
    for folder in expired:
        delete_folder(folder)
    return len(expired)
