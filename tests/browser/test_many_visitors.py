"""Ten visitors at once on one server: each sees its own filters, every page renders, memory stays bounded."""

from __future__ import annotations

import statistics
import time

import psutil
import pytest

from tests.browser.conftest import wait_for_app

VISITORS = [
    ("", "outlet=Ynetnews", 1),
    ("", "outlet=Anadolu+Agency&outlet=Ynetnews", 2),
    ("", "undated=false", 3),
    ("", "", 5),
    ("Entities", "outlet=The+Times+of+Israel", 1),
    ("Entities", "entity=Yoav+Gallant", 5),
    ("Framing", "outlet=All+Israel+News&outlet=Ynetnews", 2),
    ("Timeline", "undated=false", 3),
    ("Article", "", 5),
    ("", "outlet=%28unknown+outlet%29", 1),
]
PER_SESSION_MB = 40
"""Bound on server memory growth per extra session (measured: see bench/RESULTS.md)."""


def rss_mb(pid: int) -> float:
    process = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 1024 / 1024


@pytest.mark.browser
def test_ten_visitors_see_their_own_view(browser, server) -> None:
    warm = browser.new_context()
    warm_page = warm.new_page()
    warm_page.goto(server.url)
    wait_for_app(warm_page)
    before = rss_mb(server.process.pid)
    contexts = [browser.new_context() for _ in VISITORS]
    pages = [context.new_page() for context in contexts]
    started = time.perf_counter()
    for page, (path, query, _) in zip(pages, VISITORS, strict=True):
        page.goto(f"{server.url}/{path}?{query}" if query else f"{server.url}/{path}", wait_until="commit")
    ready = []
    for page, (path, query, expected) in zip(pages, VISITORS, strict=True):
        wait_for_app(page, timeout=180_000)
        ready.append(time.perf_counter() - started)
        assert page.locator('[data-testid="stException"]').count() == 0, (path, query)
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert f"Showing {expected} of 5 articles" in sidebar, (path, query, sidebar)
    after = rss_mb(server.process.pid)
    growth = (after - before) / len(VISITORS)
    p95 = statistics.quantiles(ready, n=20, method="inclusive")[-1]
    print(f"{len(VISITORS)} sessions at once: p95 time to a rendered page {p95:.1f} s (slowest {max(ready):.1f} s); "
          f"server RSS {before:.0f} MB -> {after:.0f} MB ({growth:.1f} MB per session)")
    assert growth < PER_SESSION_MB
    for context in [warm, *contexts]:
        context.close()
