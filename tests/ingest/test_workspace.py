"""Visitors' workspaces: unguessable tokens, quotas per visitor and per instance, expiry and deletion."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.ingest import workspace as spaces
from lib.ingest.limits import read_limits
from lib.ingest.uploads import save_uploads

LIMITS = read_limits({"WORKSPACE_MB": "0.01", "WORKSPACE_FILES": "3", "UPLOADS_MB": "0.025",
                      "UPLOADS_FILES": "5", "WORKSPACE_HOURS": "2"})


def test_tokens_are_unguessable_and_anything_else_opens_nothing(tmp_path: Path) -> None:
    tokens = {spaces.new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(spaces.is_token(token) for token in tokens)
    for bad in ("", "../../etc", "a" * 31, "a" * 33, "a" * 31 + "/", None, 5):
        assert spaces.open_workspace(bad, root=tmp_path, create=True) is None
    assert list(tmp_path.iterdir()) == []


def test_a_workspace_is_found_again_by_its_token_and_named_by_its_hash(tmp_path: Path) -> None:
    token = spaces.new_token()
    made = spaces.open_workspace(token, root=tmp_path, create=True)
    assert made is not None and made.files.is_dir() and made.cache.is_dir()
    assert token not in made.folder.name  # a folder listing does not reveal anyone's link
    assert spaces.open_workspace(token, root=tmp_path) == made
    assert spaces.open_workspace(spaces.new_token(), root=tmp_path) is None


def test_quota_per_visitor_in_bytes_and_files(tmp_path: Path) -> None:
    mine = spaces.open_workspace(spaces.new_token(), root=tmp_path, create=True)
    files = [(f"{n}.txt", b"x" * 4000) for n in range(4)]
    intake = save_uploads(mine.files, files, allowance=spaces.allowance_for(mine, root=tmp_path, limits=LIMITS))
    assert intake.saved == ["0.txt", "1.txt"]
    assert intake.rejected == [("2.txt", "your articles would pass 0.01 MB"),
                               ("3.txt", "your articles would pass 0.01 MB")]
    small = [(f"s{n}.txt", b"y") for n in range(3)]
    intake = save_uploads(mine.files, small, allowance=spaces.allowance_for(mine, root=tmp_path, limits=LIMITS))
    assert intake.saved == ["s0.txt"] and intake.rejected[-1] == ("s2.txt", "your articles would pass 3 files")


def test_quota_per_instance_counts_every_workspace_on_disk(tmp_path: Path) -> None:
    for _ in range(2):
        other = spaces.open_workspace(spaces.new_token(), root=tmp_path, create=True)
        save_uploads(other.files, [("a.txt", b"x" * 8000)], allowance=spaces.allowance_for(
            other, root=tmp_path, limits=LIMITS))
    (other.cache / "parsed.parquet").write_bytes(b"p" * 6000)  # parses count too: they are real bytes
    mine = spaces.open_workspace(spaces.new_token(), root=tmp_path, create=True)
    allowance = spaces.allowance_for(mine, root=tmp_path, limits=LIMITS)
    assert allowance.bytes_left == int(0.025 * 1024 * 1024) - 22000
    intake = save_uploads(mine.files, [("b.txt", b"x" * 5000)], allowance=allowance)
    assert intake.rejected == [("b.txt", "the instance's space for visitors' articles is full; try again later")]


def test_expired_workspaces_are_swept_and_fresh_ones_kept(tmp_path: Path) -> None:
    old = spaces.open_workspace(spaces.new_token(), root=tmp_path, create=True)
    fresh = spaces.open_workspace(spaces.new_token(), root=tmp_path, create=True)
    (old.files / "a.txt").write_text("old", encoding="utf-8")
    three_hours_ago = time.time() - 3 * 3600
    os.utime(old.files, (three_hours_ago, three_hours_ago))
    assert spaces.expires_at(fresh, limits=LIMITS).timestamp() == pytest.approx(time.time() + 2 * 3600, abs=60)
    slots = tmp_path / ".slots"
    slots.mkdir()
    os.utime(slots, (three_hours_ago, three_hours_ago))
    assert spaces.sweep_expired(tmp_path, limits=LIMITS) == 1
    assert not old.folder.exists() and fresh.folder.is_dir() and slots.is_dir()


def test_a_change_starts_the_time_to_live_again(tmp_path: Path) -> None:
    mine = spaces.open_workspace(spaces.new_token(), root=tmp_path, create=True)
    os.utime(mine.files, (time.time() - 3 * 3600,) * 2)
    spaces.mark_changed(mine)
    assert spaces.sweep_expired(tmp_path, limits=LIMITS) == 0


def test_deleting_stops_a_running_parse_first_then_removes_everything(tmp_path: Path) -> None:
    mine = spaces.open_workspace(spaces.new_token(), root=tmp_path, create=True)
    (mine.files / "a.txt").write_text("text", encoding="utf-8")
    holder = (
        "import sys, time; from pathlib import Path; from lib.ingest.workspace import job_lock, JOB_PID\n"
        "folder = Path(sys.argv[1])\n"
        "with job_lock(folder):\n"
        "    (folder / JOB_PID).write_text(str(__import__('os').getpid()))\n"
        "    print('holding', flush=True); time.sleep(60)\n"
    )
    worker = subprocess.Popen([sys.executable, "-c", holder, str(mine.folder)], stdout=subprocess.PIPE, text=True)
    assert worker.stdout.readline().strip() == "holding"
    assert spaces.worker_alive(mine.folder)
    spaces.delete_folder(mine.folder)
    assert worker.wait(timeout=15) != 0  # killed, not finished
    assert not mine.folder.exists()
    assert spaces.open_workspace(mine.token, root=tmp_path) is None
