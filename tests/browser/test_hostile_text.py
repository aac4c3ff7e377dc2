"""Article text, titles, outlets, authors, file names and URL parameters are shown as text, never run."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.ingest.articles import content_id
from tests.browser.conftest import start_server, stop_server, wait_for_app

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<a href=\"javascript:window.__pwned='link'\">click me</a>",
    "[a markdown link](javascript:window.__pwned='md')",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
    "**bold** <b id=\"injected\">injected</b> $x^2$",
]
TITLE = "<script>window.__pwned='title'</script> Ceasefire <b id=\"injected-title\">talks</b>"


def write_hostile_corpus(folder: Path) -> None:
    folder.mkdir()
    body = " ".join(f"Hamas official Ahmed Nasser said on Monday {p} that talks had stalled." for p in PAYLOADS)
    (folder / "<img src=x onerror=alert(1)>.txt").write_text(f"{TITLE}\n\n{body}\n", encoding="utf-8")
    (folder / "plain.txt").write_text(
        "Talks resume in Doha\n\nQatari mediators said on Sunday that Israel and Hamas would meet in Doha.\n",
        encoding="utf-8",
    )
    (folder / "metadata.csv").write_text(
        'file,outlet,author,url,source\n"<img src=x onerror=alert(1)>.txt",'
        '"<script>window.__pwned=\'outlet\'</script>Evil News","<img src=x onerror=alert(2)>",'
        '"javascript:window.__pwned=\'url\'",test payloads\n',
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile_server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_corpus(root / "corpus")
    running = start_server({"CORPUS_DIR": str(root / "corpus"), "CACHE_DIR": str(root / "cache")})
    yield running
    stop_server(running)


PAGES = [
    "", "Entities", "Entities?entity=Ahmed+Nasser", "Framing", "Timeline", "Article",
    "Corpus", "Metadata", "Stories", "?outlet=<script>window.__pwned='param'</script>",
    "Entities?entity=<img src=x onerror=\"window.__pwned='param'\">",
    "Article?article=../../etc/passwd",
]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_payloads_render_as_text(page, hostile_server, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_server.url}/{path}")
    wait_for_app(page, timeout=240_000)
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert page.locator('[data-testid="stException"]').count() == 0
    selector = 'img[src="x"], #injected, #injected-title, svg[onload], iframe[src^="javascript"], a[href^="javascript"]'
    injected = page.evaluate("(selector) => document.querySelectorAll(selector).length", selector)
    assert injected == 0


@pytest.mark.browser
def test_article_page_shows_the_payload_as_text(page, hostile_server, tmp_path: Path) -> None:
    write_hostile_corpus(tmp_path / "again")
    text = (tmp_path / "again" / "<img src=x onerror=alert(1)>.txt").read_text(encoding="utf-8")
    page.goto(f"{hostile_server.url}/Article?article={content_id(text)}")
    wait_for_app(page, timeout=240_000)
    page.get_by_text("Ahmed Nasser", exact=False).first.wait_for(timeout=60_000)
    shown = page.locator('[data-testid="stMain"]').inner_text()
    assert "<script>window.__pwned = 'script'</script>" in shown
    assert "<img src=x onerror=" in shown
    assert page.evaluate("() => window.__pwned") is None
