"""A visitor's own articles dated after the shared corpus appear in every view (the date filter widens)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import start_server, stop_server, wait_for_app

LATER = {
    "truce-talks-resume.txt": ("Truce talks resume in Cairo", "June 2, 2025",
                               "Mediators said on Tuesday that delegations from Israel and Hamas would meet again "
                               "in Cairo next week to discuss a phased truce."),
    "aid-convoy-crosses.txt": ("Aid convoy crosses into Gaza", "July 3, 2025",
                               "Officials said 40 trucks carrying flour and medicine crossed at Kerem Shalom on "
                               "Wednesday after a two-day delay at the border."),
    "hostage-families-rally.txt": ("Hostage families rally in Tel Aviv", "August 4, 2025",
                                   "Thousands joined relatives of the hostages in a Saturday night rally, urging "
                                   "the government to accept the mediators' proposal."),
}
"""Three different articles (not copies of one text, which would count once), all dated after the seeds."""
VIEWS = ("", "Entities", "Framing", "Timeline", "Article", "Stories", "Metadata")


def write_articles(folder: Path) -> list[str]:
    paths = []
    for name, (title, day, body) in LATER.items():
        path = folder / name
        path.write_text(f"{title}\n\nPublished {day}\n\n{body}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.browser
def test_three_later_uploads_appear_in_every_view(browser, chromium_path, corpus_copy: Path, tmp_path: Path,
                                                 session_cache: Path) -> None:
    server = start_server({"CORPUS_DIR": str(corpus_copy), "CACHE_DIR": str(session_cache), "READ_ONLY": "",
                           "WORKSPACE_DIR": str(tmp_path / "workspaces")})
    try:
        page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
        page.goto(f"{server.url}/Corpus")
        wait_for_app(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(write_articles(tmp_path))
        page.get_by_test_id("stBaseButton-secondaryFormSubmit").filter(has_text="Add files").click()
        page.get_by_text("3 of these rows are your articles").wait_for(timeout=240_000)
        token = page.url.split("ws=", 1)[1].split("&", 1)[0]
        for view in VIEWS:
            page.goto(f"{server.url}/{view}?ws={token}")
            wait_for_app(page, timeout=180_000)
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            assert "Showing 8 of 8 articles" in sidebar, (view, sidebar)
            assert "hides" not in sidebar, (view, sidebar)  # no filter hides any of them
        page.goto(f"{server.url}/?ws={token}")
        wait_for_app(page)
        span = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text("Date span", exact=True))
        assert span.locator('[data-testid="stMetricValue"]').inner_text().strip().endswith("Aug 2025")
    finally:
        stop_server(server)
