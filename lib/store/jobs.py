"""A visitor's articles parsed in a process of their own, so no other visitor waits on them.

The worker (``python -m lib.store.jobs``) runs at a lower CPU priority, takes one of the
instance's PARSE_WORKERS slots (a file lock, released even if it is killed), holds its
workspace's job lock while it runs, and writes its progress to the workspace's job.json.
It reads the shared cache's parses but writes only into the workspace's own cache. Cancelling
stops the process; nothing of a cancelled or failed parse is served.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from lib import PROJECT_DIR
from lib.ingest.workspace import JOB_PID, job_lock, stop_worker, worker_alive
from lib.records import UPLOAD_PREFIX
from lib.store.corpus import folder_state, load_corpus
from lib.store.parquet import fingerprint

RUNNING = ("queued", "running")
START_GRACE_SECONDS = 60
"""A parse recorded as running whose process has not held its lock for this long has died."""
PROGRESS_EVERY_SECONDS = 0.5
WORKER_NICENESS = 10


@dataclass(frozen=True)
class ParseRequest:
    """Everything the worker needs, as plain strings and numbers (it runs in another process)."""

    corpus: str
    workspace: str
    shared_cache: str
    model_name: str
    word_budget: int
    slots: int
    signature: str

    @property
    def folder(self) -> Path:
        return Path(self.workspace)


@dataclass(frozen=True)
class JobStatus:
    """A workspace parse as its job.json records it."""

    state: str
    signature: str = ""
    done: int = 0
    total: int = 0
    message: str = ""

    @property
    def running(self) -> bool:
        return self.state in RUNNING


def files_signature(files: Path) -> str:
    """What the parse of a workspace depends on: the names, sizes and times of its files."""
    return fingerprint(folder_state(files))


def read_status(folder: Path) -> JobStatus | None:
    """The recorded state of a workspace's parse (None if there never was one)."""
    try:
        data = json.loads((folder / "job.json").read_text(encoding="utf-8"))
        return JobStatus(**{key: data[key] for key in ("state", "signature", "done", "total", "message")})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def current_status(folder: Path) -> JobStatus | None:
    """The parse's state, with a parse whose process died (killed, out of memory) shown as failed."""
    status = read_status(folder)
    if status is None or not status.running or worker_alive(folder):
        return status
    with contextlib.suppress(OSError):
        if time.time() - (folder / "job.json").stat().st_mtime < START_GRACE_SECONDS:
            return status
    return JobStatus("failed", status.signature, message="the parse stopped unexpectedly")


def write_status(folder: Path, status: JobStatus) -> None:
    """Record a parse's state (a temporary file renamed into place: readers never see half)."""
    if not folder.is_dir():
        return
    temp = folder / f".job-{os.getpid()}.json"
    temp.write_text(json.dumps(asdict(status)), encoding="utf-8")
    os.replace(temp, folder / "job.json")


def start_parse(request: ParseRequest) -> None:
    """Start parsing a workspace in a new process (a parse already running for it is stopped)."""
    stop_worker(request.folder)
    write_status(request.folder, JobStatus("queued", request.signature, message="waiting for a free worker"))
    command = [sys.executable, "-m", "lib.store.jobs", json.dumps(asdict(request))]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    threading.Thread(target=process.wait, daemon=True).start()  # reaps it when it ends


def cancel_parse(folder: Path) -> None:
    """Stop a workspace's parse and record that it was cancelled."""
    status = read_status(folder)
    stop_worker(folder)
    if status is not None and status.running:
        write_status(folder, JobStatus("cancelled", status.signature, message="cancelled"))


@contextlib.contextmanager
def worker_slot(root: Path, slots: int) -> Iterator[None]:
    """Hold one of the instance's parse slots, waiting (as "queued") until one is free."""
    folder = root / ".slots"
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        for number in range(slots):
            with (folder / f"{number}.lock").open("a") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue
                yield
                return
        time.sleep(0.5)


def run_parse(request: ParseRequest) -> None:
    """The worker: parse the workspace's articles over the shared corpus into its own cache."""
    folder = request.folder
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] >= PROGRESS_EVERY_SECONDS or done == total:
            last[0] = time.monotonic()
            write_status(folder, JobStatus("running", request.signature, done, total, "parsing"))

    with job_lock(folder):
        (folder / JOB_PID).write_text(str(os.getpid()), encoding="ascii")
        with worker_slot(folder.parent, request.slots):
            write_status(folder, JobStatus("running", request.signature, message="reading your articles"))
            try:
                corpus = load_corpus(
                    request.corpus, cache_dir=folder / "cache", extra_folder=folder / "files",
                    read_caches=(Path(request.shared_cache),), model_name=request.model_name or None,
                    word_budget=request.word_budget, progress=progress,
                )
            except Exception as error:  # noqa: BLE001 - the visitor sees why their parse failed
                write_status(folder, JobStatus("failed", request.signature, message=f"{type(error).__name__}: {error}"))
                return
        mine = int(corpus.documents["file"].str.startswith(UPLOAD_PREFIX).sum())
        write_status(folder, JobStatus("done", request.signature, mine, mine, f"{mine} of your articles parsed"))


if __name__ == "__main__":
    run_parse(ParseRequest(**json.loads(sys.argv[1])))
