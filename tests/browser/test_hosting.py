"""A hosted instance under attack, in a real browser: secrets that cannot be read stop every page (H1),
no visitor waits on another's parse and a parse can be cancelled (H2), and "Delete my articles"
removes the files and parses at once (M6)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from lib.store import jobs
from tests.browser.conftest import start_server, stop_server, wait_for_app
from tests.conftest import SEEDS

PARAGRAPH = ("Qatari and Egyptian mediators met Hamas officials in Doha on {day}, a diplomat said, and Israel's "
             "negotiators are expected in Cairo to discuss a ceasefire and the release of {count} hostages. ")


def articles_metric(page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text("Articles", exact=True))
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def parse_status(workspaces: Path) -> jobs.JobStatus | None:
    if not workspaces.is_dir():
        return None
    folders = [f for f in workspaces.iterdir() if f.is_dir() and not f.name.startswith(".")]
    return jobs.current_status(folders[0]) if folders else None


def add_file(page, path: Path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_test_id("stBaseButton-secondaryFormSubmit").filter(has_text="Add files").click()


def long_upload(path: Path, *, records: int) -> Path:
    """A JSON Lines file of distinct articles, long enough that its parse takes a while."""
    lines = [json.dumps({"title": f"Report {n}", "text": PARAGRAPH.format(day=f"day {n}", count=n) * 12})
             for n in range(records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def hosted(chromium_path: str, session_cache: Path, seed_corpus, tmp_path: Path):
    workspaces = tmp_path / "workspaces"
    server = start_server({"CORPUS_DIR": str(SEEDS), "CACHE_DIR": str(session_cache), "READ_ONLY": "1",
                           "WORKSPACE_DIR": str(workspaces)})
    yield server, workspaces
    stop_server(server)


@pytest.mark.browser
def test_unreadable_secrets_stop_every_page(browser, chromium_path, session_cache: Path, seed_corpus,
                                            tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("read_only = true\npassword = change me\n", encoding="utf-8")  # H1: a value left unquoted
    server = start_server({"CORPUS_DIR": str(SEEDS), "CACHE_DIR": str(session_cache), "READ_ONLY": "",
                           "STREAMLIT_SECRETS_FILES": str(secrets)})
    try:
        page = browser.new_context().new_page()
        for path in ("", "Entities", "Corpus", "Article?article=x"):
            page.goto(f"{server.url}/{path}")
            page.get_by_text("This instance is not configured correctly").wait_for(timeout=60_000)
            main = page.locator('[data-testid="stMain"]').inner_text()
            assert "cannot be read" in main and "Articles" not in main
            assert page.locator('[data-testid="stSidebar"]').count() == 0 or \
                "Outlets" not in page.locator('[data-testid="stSidebar"]').inner_text()
    finally:
        stop_server(server)


@pytest.mark.browser
def test_another_visitor_never_waits_for_a_parse_and_it_can_be_cancelled(browser, hosted, tmp_path: Path) -> None:
    server, workspaces = hosted
    uploader = browser.new_context().new_page()
    uploader.goto(f"{server.url}/Corpus")
    wait_for_app(uploader)
    add_file(uploader, long_upload(tmp_path / "long.jsonl", records=120))
    uploader.get_by_text("Parsing your articles").wait_for(timeout=120_000)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and getattr(parse_status(workspaces), "state", "") != "running":
        time.sleep(0.2)
    visitor = browser.new_context().new_page()
    for path in ("Entities", "Timeline", ""):
        visitor.goto(f"{server.url}/{path}")
        wait_for_app(visitor)
        assert parse_status(workspaces).running, f"{path or 'Overview'} loaded only after the parse"
    assert articles_metric(visitor) == "5"
    uploader.get_by_role("button", name="Cancel").click()
    uploader.get_by_text("the parse was cancelled").wait_for(timeout=60_000)
    assert parse_status(workspaces).state == "cancelled"


@pytest.mark.browser
def test_delete_my_articles_removes_files_and_parses_at_once(browser, hosted, tmp_path: Path) -> None:
    server, workspaces = hosted
    article = tmp_path / "doha.txt"
    article.write_text("Mediators meet in Doha\n\n" + PARAGRAPH.format(day="Sunday", count=3), encoding="utf-8")
    page = browser.new_context().new_page()
    page.goto(f"{server.url}/Corpus")
    wait_for_app(page)
    add_file(page, article)
    page.get_by_text("1 of these rows are your articles").wait_for(timeout=240_000)
    link = page.url
    folders = [f for f in workspaces.iterdir() if f.is_dir() and not f.name.startswith(".")]
    assert len(folders) == 1 and any((folders[0] / "cache").rglob("*.parquet"))
    page.get_by_role("button", name="Delete my articles").click()
    page.get_by_text("Delete my articles").wait_for(state="detached", timeout=60_000)
    wait_for_app(page)
    assert not folders[0].exists()
    fresh = browser.new_context().new_page()
    fresh.goto(link.replace("/Corpus", "/"))  # the old link opens nothing any more
    wait_for_app(fresh)
    assert articles_metric(fresh) == "5" and "ws=" not in fresh.url
