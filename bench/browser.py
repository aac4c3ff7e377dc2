"""Browser: warm page load of each view in headless Chromium against a one-chart hello-world page.

Both servers run in this process's machine at the same time; each page is loaded once to warm
the caches, then three times; the median is compared (target: at most 1.3x the hello-world page).

    python bench/browser.py                      # the seeds
    CORPUS_DIR=/tmp/news-framing-bench/corpus-10000 CACHE_DIR=/tmp/news-framing-bench/cache python bench/browser.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, find_chromium, start_server, stop_server  # noqa: E402

PAGES = ("", "Entities", "Framing", "Timeline", "Article")
READY = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelectorAll('.stSpinner').length === 0;
}"""


def load_time(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=300_000)
    page.wait_for_load_state("networkidle")
    return time.perf_counter() - start


def median_load(browser, url: str, *, repeats: int = 3) -> float:
    context = browser.new_context()
    page = context.new_page()
    load_time(page, url)
    times = [load_time(page, url) for _ in range(repeats)]
    context.close()
    return statistics.median(times)


def main() -> None:
    env = {key: os.environ[key] for key in ("CORPUS_DIR", "CACHE_DIR") if key in os.environ}
    dashboard = start_server(env)
    hello = start_server({}, script="bench/hello.py")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            reference = median_load(browser, hello.url)
            print(f"hello-world page: {reference:.2f} s")
            for path in PAGES:
                seconds = median_load(browser, f"{dashboard.url}/{path}")
                print(f"{path or 'Overview':<10} {seconds:.2f} s  ratio {seconds / reference:.2f}  (target <= 1.3)")
            browser.close()
    finally:
        stop_server(dashboard)
        stop_server(hello)


if __name__ == "__main__":
    main()
