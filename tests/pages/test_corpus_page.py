"""AppTest of the "Your articles" page: pasted text is parsed in the background into the visitor's
own workspace and joins the views; the corpus folder and the shared cache are untouched."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.store import jobs
from tests.conftest import ROOT, SEEDS


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def wait_for_parse(root: Path, *, timeout: float = 240) -> jobs.JobStatus:
    """The finished state of the one workspace's background parse."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        folders = [f for f in root.iterdir() if f.is_dir() and not f.name.startswith(".")]
        status = jobs.current_status(folders[0]) if folders else None
        if status is not None and not status.running:
            return status
        time.sleep(0.5)
    raise AssertionError("the background parse did not finish")


def test_pasted_article_joins_the_views_from_the_visitors_workspace(app_env, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("READ_ONLY", "1")
    monkeypatch.setenv("WORKSPACE_DIR", str(tmp_path / "workspaces"))
    seeds, shared = folder_digest(SEEDS), folder_digest(app_env)
    at = AppTest.from_file(str(ROOT / "pages/5_Corpus.py"), default_timeout=180).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 5
    at.text_input(key="paste_title").input("Mediators meet in Doha")
    at.text_area(key="paste_text").input(
        "Qatari and Egyptian mediators met Hamas officials in Doha on Sunday, a diplomat said."
    )
    at.button[1].click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Added 1 file(s)")
    token = at.query_params["ws"]
    assert len(token) == 32
    assert wait_for_parse(tmp_path / "workspaces").state == "done"
    at.run()
    assert not at.exception
    results = at.dataframe[0].value
    assert len(results) == 6
    row = results[results["file"] == "upload/Mediators meet in Doha.txt"].iloc[0]
    assert (row["status"], row["articles"]) == ("loaded", 1)
    assert folder_digest(SEEDS) == seeds
    assert folder_digest(app_env) == shared  # nothing of the workspace entered the shared cache
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "seeds: 5 articles + 1 of yours" in sidebar and "**Showing** 6 of 6 articles" in sidebar


def test_a_malformed_upload_is_one_line_and_never_locks_the_visitor_out(app_env, tmp_path, monkeypatch) -> None:
    # H5: an uploaded file with a BOM and a bad byte, or JSON nested too deeply, broke every page for
    # that visitor, "Remove my uploads" included.
    import codecs

    from lib.ingest import workspace as spaces

    root = tmp_path / "workspaces"
    monkeypatch.setenv("WORKSPACE_DIR", str(root))
    mine = spaces.open_workspace(spaces.new_token(), root=root, create=True)
    (mine.files / "bom.txt").write_bytes(codecs.BOM_UTF8 + b"Talks \xff resumed")
    (mine.files / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (mine.files / "good.txt").write_text("Talks resume\n\nMediators met in Doha on Sunday, officials said.\n",
                                         encoding="utf-8")
    at = AppTest.from_file(str(ROOT / "pages/5_Corpus.py"), default_timeout=180)
    at.query_params["ws"] = mine.token
    at.run()
    assert not at.exception
    assert wait_for_parse(root).state == "done"
    at.run()
    assert not at.exception
    results = at.dataframe[0].value.set_index("file")
    assert results.loc["upload/good.txt", "status"] == "loaded"
    assert results.loc["upload/bom.txt", "status"] == "rejected"
    assert "byte-order mark" in results.loc["upload/bom.txt", "message"]
    assert results.loc["upload/deep.json", "message"] == "JSON nested too deeply to read"
    at.button(key="remove_uploads").click().run()
    assert not at.exception
    assert not mine.folder.exists() and len(at.dataframe[0].value) == 5
    assert "ws" not in at.query_params
