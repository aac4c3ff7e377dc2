"""Sharing and hosting in a real browser: links, CSV downloads, uploads and read-only mode."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.conftest import start_server, stop_server, wait_for_app
from tests.conftest import SEEDS


def digest(folder: Path) -> str:
    value = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            value.update(path.name.encode() + path.read_bytes())
    return value.hexdigest()


@pytest.mark.browser
def test_articles_csv_download_has_the_rows_shown(page, server) -> None:
    page.goto(f"{server.url}/?outlet=Ynetnews&outlet=Anadolu+Agency")
    wait_for_app(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    table = pd.read_csv(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert download.value.suggested_filename == "articles.csv"
    assert sorted(table["outlet"]) == ["Anadolu Agency", "Ynetnews"]


@pytest.mark.browser
def test_shared_entity_link_opens_the_same_profile(browser, server) -> None:
    url = f"{server.url}/Entities?entity=Yoav+Gallant&outlet=Anadolu+Agency&outlet=The+Times+of+Israel"
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Yoav Gallant" in main and "Every sentence that mentions it" in main
    assert "Showing 2 of 5 articles" in page.locator('[data-testid="stSidebar"]').inner_text()
    context.close()


def articles_metric(page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text("Articles", exact=True))
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def upload_article(page, tmp_path: Path) -> None:
    """Add one article on "Your articles" and wait until its background parse has joined the views."""
    article = tmp_path / "doha-talks.txt"
    article.write_text(
        "Mediators meet in Doha\n\nQatari and Egyptian mediators met Hamas officials in Doha on Sunday, "
        "a diplomat said, as Israel weighed a new proposal.\n",
        encoding="utf-8",
    )
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(article))
    page.get_by_test_id("stBaseButton-secondaryFormSubmit").filter(has_text="Add files").click()
    page.get_by_text("1 of these rows are your articles").wait_for(timeout=240_000)
    wait_for_app(page, timeout=180_000)


@pytest.mark.browser
@pytest.mark.parametrize("read_only", ["", "1"])
def test_upload_joins_the_overview_and_never_touches_the_corpus(
    browser, chromium_path, corpus_copy: Path, tmp_path: Path, session_cache: Path, read_only: str
) -> None:
    before = digest(corpus_copy)
    workspaces = tmp_path / "workspaces"
    server = start_server({"CORPUS_DIR": str(corpus_copy), "CACHE_DIR": str(session_cache), "READ_ONLY": read_only,
                           "WORKSPACE_DIR": str(workspaces)})
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{server.url}/Corpus")
        wait_for_app(page)
        shared = digest(session_cache)
        upload_article(page, tmp_path)
        assert digest(session_cache) == shared  # the visitor's parse went to their workspace only (M7)
        page.get_by_role("link", name="Overview").click()
        wait_for_app(page)
        assert articles_metric(page) == "6"
        assert "5 articles + 1 of yours" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert "ws=" in page.url  # the token came back into the URL on another page
        page.reload()
        wait_for_app(page)
        assert articles_metric(page) == "6"  # a reload keeps the visitor's articles
        other = browser.new_context().new_page()
        other.goto(f"{server.url}/")
        wait_for_app(other)
        assert articles_metric(other) == "5"
        context.close()
    finally:
        stop_server(server)
    assert digest(corpus_copy) == before


@pytest.mark.browser
def test_read_only_mode_keeps_corrections_in_the_session(browser, chromium_path, session_cache: Path,
                                                          seed_corpus) -> None:
    server = start_server({"CORPUS_DIR": str(SEEDS), "CACHE_DIR": str(session_cache), "READ_ONLY": "1"})
    try:
        page = browser.new_context().new_page()
        page.goto(f"{server.url}/Entities?entity=Yoav+Gallant")
        wait_for_app(page)
        page.get_by_text("Correct this entity").click()
        assert "kept for your session only" in page.locator('[data-testid="stMain"]').inner_text()
        page.get_by_role("button", name="Save correction").click()  # "merge" with no target: refused
        page.get_by_text("Choose another entity to merge into.").wait_for(timeout=60_000)  # the rerun drew it
        wait_for_app(page)
        assert "Choose another entity to merge into." in page.locator('[data-testid="stMain"]').inner_text()
        assert not (SEEDS / "corrections.csv").exists()  # the shared corpus folder is never written
    finally:
        stop_server(server)
