"""A visitor's articles are parsed in a process of their own (H2): progress on disk, a cancel that
stops it, a failure reported as one line, a limit on parses at once, and only the workspace's own
cache written (M7)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path

import pytest

from lib.ingest import workspace as spaces
from lib.store import jobs
from lib.store.corpus import NotBuilt, load_corpus, read_articles
from tests.conftest import SEEDS

PARAGRAPH = ("Qatari and Egyptian mediators met Hamas officials in Doha on Sunday, a diplomat said, "
             "and Israel's negotiators are expected in Cairo later this week to discuss a ceasefire. ")


def digest(folder: Path) -> str:
    found = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".lock":
            found.update(path.as_posix().encode() + path.read_bytes())
    return found.hexdigest()


def workspace_with(root: Path, texts: dict[str, str]) -> spaces.Workspace:
    made = spaces.open_workspace(spaces.new_token(), root=root, create=True)
    for name, text in texts.items():
        (made.files / name).write_text(text, encoding="utf-8")
    return made


def request_for(made: spaces.Workspace, shared: Path, **changes: object) -> jobs.ParseRequest:
    options = {"corpus": str(SEEDS), "workspace": str(made.folder), "shared_cache": str(shared), "model_name": "",
               "word_budget": 400_000, "slots": 1, "signature": jobs.files_signature(made.files), **changes}
    return jobs.ParseRequest(**options)


def wait_until(made: spaces.Workspace, done, *, timeout: float = 240) -> jobs.JobStatus:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = jobs.current_status(made.folder)
        if status is not None and done(status):
            return status
        time.sleep(0.2)
    raise AssertionError(f"the parse did not get there: {jobs.read_status(made.folder)}")


def test_the_worker_parses_into_the_workspace_and_never_writes_the_shared_cache(
    tmp_path: Path, session_cache: Path, seed_corpus
) -> None:
    made = workspace_with(tmp_path, {"mine.txt": "Mediators meet\n\n" + PARAGRAPH})
    shared = digest(session_cache)
    jobs.start_parse(request_for(made, session_cache))
    status = wait_until(made, lambda s: not s.running)
    assert (status.state, status.message) == ("done", "1 of your articles parsed")
    assert digest(session_cache) == shared
    corpus = load_corpus(SEEDS, cache_dir=made.cache, extra_folder=made.files, read_caches=(session_cache,),
                         word_budget=400_000, build=False)
    assert len(corpus.documents) == 6 and "upload/mine.txt" in set(corpus.documents["file"])
    assert not spaces.worker_alive(made.folder)


def test_cancel_stops_the_worker_and_nothing_is_served(tmp_path: Path, session_cache: Path, seed_corpus) -> None:
    made = workspace_with(tmp_path, {f"long-{n}.txt": f"Report {n}\n\n" + PARAGRAPH * 400 for n in range(4)})
    jobs.start_parse(request_for(made, session_cache))
    wait_until(made, lambda s: s.state == "running" and s.done > 0)
    jobs.cancel_parse(made.folder)
    assert not spaces.worker_alive(made.folder)
    assert jobs.current_status(made.folder).state == "cancelled"
    with pytest.raises(NotBuilt):
        load_corpus(SEEDS, cache_dir=made.cache, extra_folder=made.files, read_caches=(session_cache,),
                    word_budget=400_000, build=False)


def test_a_failed_parse_is_one_line(tmp_path: Path, session_cache: Path) -> None:
    made = workspace_with(tmp_path, {"mine.txt": PARAGRAPH})
    jobs.start_parse(request_for(made, session_cache, corpus=str(tmp_path / "no-such-folder")))
    status = wait_until(made, lambda s: not s.running)
    assert status.state == "failed"
    assert status.message.startswith("FileNotFoundError: corpus folder") and "\n" not in status.message


def test_parses_wait_for_a_free_slot(tmp_path: Path, session_cache: Path, seed_corpus) -> None:
    made = workspace_with(tmp_path, {"mine.txt": PARAGRAPH})
    (tmp_path / ".slots").mkdir()
    with (tmp_path / ".slots" / "0.lock").open("a") as slot:
        fcntl.flock(slot, fcntl.LOCK_EX)  # the instance's one slot is busy with another visitor
        jobs.start_parse(request_for(made, session_cache))
        deadline = time.monotonic() + 120
        while not spaces.worker_alive(made.folder) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert spaces.worker_alive(made.folder)
        assert jobs.current_status(made.folder).state == "queued"
        fcntl.flock(slot, fcntl.LOCK_UN)
    assert wait_until(made, lambda s: not s.running).state == "done"


def test_a_parse_whose_process_died_is_reported(tmp_path: Path) -> None:
    made = workspace_with(tmp_path, {"mine.txt": PARAGRAPH})
    jobs.write_status(made.folder, jobs.JobStatus("running", "sig", 3, 10, "parsing"))
    old = time.time() - 2 * jobs.START_GRACE_SECONDS
    os.utime(made.job_file, (old, old))
    assert jobs.current_status(made.folder) == jobs.JobStatus("failed", "sig", message="the parse stopped unexpectedly")


def test_articles_over_the_word_budget_are_rejected_with_the_reason(tmp_path: Path) -> None:
    made = workspace_with(tmp_path, {"a.txt": "one two three four five six", "b.txt": "seven eight nine ten",
                                     "c.txt": "eleven"})
    articles, problems = read_articles(SEEDS, made.files, word_budget=8)
    assert sorted(a.file for a in articles if a.file.startswith("upload/")) == ["upload/a.txt", "upload/c.txt"]
    rejected = {p.file: p.message for p in problems if p.status == "rejected"}
    assert rejected == {"upload/b.txt": "over the word budget: your articles may hold 8 words in all"}
