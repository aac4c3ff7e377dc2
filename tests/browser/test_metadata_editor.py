"""The metadata editor in a real browser: pages and a search reproduced by their link, edits typed into
the grid kept across pages, saved together or discarded, and the reader's link to its article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.replicate import replicate
from lib.ui.row_fit import WRAP_PX
from tests.browser.conftest import Server, start_server, stop_server, wait_for_app
from tests.conftest import SEEDS

ARTICLES = 250
"""Three pages of the editor: the seeds' five articles, replicated (bench/replicate.py)."""
HEADER_PX = 35
"""Height of the grid's header (Streamlit's default); each row is at least row_fit.WRAP_PX tall."""
AUTHOR = 5
"""The Author column's position among the grid's columns (File, Outlet, outlet from, Published, date from, …)."""

CELL_SHOWN = """() => document.querySelector('[data-testid="stDataFrame"] table[role="grid"] td')"""
"""The grid has drawn its cells (and their accessible copy, which the tests read)."""


@pytest.fixture(scope="module")
def many(chromium_path: str, seed_corpus, session_cache: Path, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Server]:
    """The dashboard on 250 articles, read-only: saved values go to each visitor's own workspace,
    never to the corpus folder (a replicated store must not be touched)."""
    root = tmp_path_factory.mktemp("many")
    replicate(ARTICLES, source=SEEDS, cache=root / "cache", source_cache=session_cache, folder=root / "corpus",
              outlets=20, day_step=7)
    running = start_server({"CORPUS_DIR": str(root / "corpus"), "CACHE_DIR": str(root / "cache"), "READ_ONLY": "1",
                            "WORKSPACE_DIR": str(root / "workspaces")})
    yield running
    stop_server(running)


@pytest.fixture()
def visitor(browser, many: Server):
    """A new visitor (a browser context of their own) on the Metadata page of the 250 articles."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{many.url}/Metadata")
    wait_for_app(page)
    yield page
    context.close()


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def grid_rows(page) -> list[list[str]]:
    """The cells of each row the grid shows, from its accessible table (the grid itself is a canvas)."""
    page.wait_for_function(CELL_SHOWN, timeout=30_000)
    return page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stDataFrame"] table[role="grid"] tr')].filter(row => row.querySelector('td'))
        .map(row => [...row.querySelectorAll('td')].map(cell => cell.innerText))""")


def go_to(page, *, label: str, value: str, expected: str) -> None:
    field = page.get_by_label(label)
    field.fill(value)
    field.press("Enter")
    field.blur()  # a field left focused would run the page again when the grid is clicked
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(expected, timeout=60_000)
    wait_for_app(page)


def type_in_cell(page, row: int, column: int, text: str, *, expected: str) -> None:
    """Select a cell of the grid, open its editor, type, and wait for the run that keeps the edit."""
    page.wait_for_function(CELL_SHOWN, timeout=30_000)
    box = page.locator('[data-testid="stDataFrame"]').bounding_box()
    page.wait_for_timeout(500)  # the grid takes clicks a moment after it has drawn
    page.mouse.click(box["x"] + 30, box["y"] + HEADER_PX + WRAP_PX // 2)  # the first row, whatever its height
    page.wait_for_timeout(300)
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    cell = page.locator(".gdg-input")
    cell.wait_for(timeout=10_000)
    page.keyboard.type(text, delay=40)
    expect(cell).to_have_value(text)
    page.wait_for_timeout(300)  # keys sent faster than anyone types can leave the grid's editor behind
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=expected)).to_be_visible(timeout=60_000)
    wait_for_app(page)


@pytest.mark.browser
def test_pages_and_searches_are_links(browser, many: Server, visitor) -> None:
    assert "Rows 1–100 of 250" in main_text(visitor)
    go_to(visitor, label="Page (of 3)", value="3", expected="Rows 201–250 of 250")
    visitor.wait_for_url("**/Metadata?meta_page=3", timeout=10_000)
    go_to(visitor, label="Find articles", value="replica-007/", expected="Rows 1–5 of 5, matching the search")
    visitor.wait_for_url("**/Metadata?meta_q=replica-007%2F", timeout=10_000)  # the first page is no parameter
    assert len(grid_rows(visitor)) == 5 and all(row[0].startswith("replica-007/") for row in grid_rows(visitor))
    other = browser.new_context()
    page = other.new_page()
    page.goto(visitor.url)
    wait_for_app(page)
    assert "Rows 1–5 of 5, matching the search" in main_text(page)
    page.goto(f"{many.url}/Metadata?meta_page=2")
    wait_for_app(page)
    assert "Rows 101–200 of 250" in main_text(page)
    other.close()


@pytest.mark.browser
def test_edits_on_two_pages_are_kept_and_saved_together(visitor) -> None:
    first = grid_rows(visitor)[0][0]
    type_in_cell(visitor, 0, AUTHOR, "Jane Doe", expected="Save all 1 changed article(s)")
    go_to(visitor, label="Page (of 3)", value="2", expected="Rows 101–200 of 250")
    second = grid_rows(visitor)[0][0]
    type_in_cell(visitor, 0, AUTHOR, "John Roe", expected="Save all 2 changed article(s)")
    go_to(visitor, label="Page (of 3)", value="1", expected="Rows 1–100 of 250")
    assert grid_rows(visitor)[0][AUTHOR] == "Jane Doe"  # unsaved, and still there
    visitor.get_by_role("button", name="Save all 2 changed article(s)").click()
    expect(visitor.get_by_text("Saved 2 article(s).")).to_be_visible(timeout=60_000)
    wait_for_app(visitor)
    for file, author in ((first, "Jane Doe"), (second, "John Roe")):
        go_to(visitor, label="Find articles", value=file, expected="matching the search")
        row = grid_rows(visitor)[0]
        assert row[0] == file and row[AUTHOR:AUTHOR + 2] == [author, "set in the app (for you only)"]


@pytest.mark.browser
def test_discard_all_forgets_the_edits_of_every_page(visitor) -> None:
    before = grid_rows(visitor)[0]
    type_in_cell(visitor, 0, AUTHOR, "Jane Doe", expected="Save all 1 changed article(s)")
    go_to(visitor, label="Page (of 3)", value="3", expected="Rows 201–250 of 250")
    type_in_cell(visitor, 1, AUTHOR, "John Roe", expected="Save all 2 changed article(s)")
    visitor.get_by_role("button", name="Discard all").click()
    expect(visitor.get_by_role("button", name="Save all 0 changed article(s)")).to_be_disabled(timeout=60_000)
    go_to(visitor, label="Page (of 3)", value="1", expected="Rows 1–100 of 250")
    assert grid_rows(visitor)[0] == before


@pytest.mark.browser
def test_the_reader_opens_its_article_in_the_metadata_editor(page, server, seed_corpus) -> None:
    documents = seed_corpus.documents
    doc_id, file = documents.loc[documents["outlet"] == "Anadolu Agency", ["doc_id", "file"]].iloc[0]
    page.goto(f"{server.url}/Article?article={doc_id}")
    wait_for_app(page)
    page.get_by_text("Metadata and where it came from").click()
    page.get_by_role("link", name="Fix this article's metadata").click()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("Rows 1–1 of 1, matching the search",
                                                                   timeout=60_000)
    wait_for_app(page)
    assert "/Metadata?" in page.url and f"meta_q={file}" in page.url
    assert [row[0] for row in grid_rows(page)] == [file]
