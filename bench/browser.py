"""Browser: warm page load of each view in headless Chromium against a one-chart hello-world page.

Both servers run on this machine at the same time, with the same Streamlit configuration.
A load is ``page.goto`` until the page is drawn: the script has finished, no spinner or
placeholder shows and every chart has drawn its SVG. Each page and the hello-world page are
loaded once to warm the caches, then in turns (hello-world, page, hello-world, page, …) so
that both see the same moments of a noisy machine; the printed ratio is the median of the
paired ratios (target: at most 1.3).
The ratio is printed for the drawn page and, as measured before, with 500 ms of network idle
added to both loads (that fixed wait makes every ratio smaller).

    python bench/browser.py                      # the seeds
    python bench/browser.py --repeats 9
    CORPUS_DIR=/tmp/news-framing-bench/corpus-10000 CACHE_DIR=/tmp/news-framing-bench/cache python bench/browser.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, DRAWN, find_chromium, start_server, stop_server  # noqa: E402

PAGES = ("", "Entities", "Framing", "Timeline", "Article")
READY = DRAWN


def load_time(page, url: str) -> tuple[float, float]:
    """Seconds from navigation until the page is drawn (see READY), and until the network has
    then been idle for 500 ms (the measure bench/RESULTS.md used before 2026-11-22)."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=300_000, polling=10)
    drawn = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    return drawn, time.perf_counter() - start


def paired_loads(browser, reference_url: str, url: str, *, repeats: int) -> tuple[list, list]:
    """Load times of the reference page and of the page, taken in turns after one warm-up each."""
    contexts = [browser.new_context(), browser.new_context()]
    reference, page = (context.new_page() for context in contexts)
    load_time(reference, reference_url)
    load_time(page, url)
    references, pages = [], []
    for _ in range(repeats):
        references.append(load_time(reference, reference_url))
        pages.append(load_time(page, url))
    for context in contexts:
        context.close()
    return references, pages


def summary(references: list, pages: list, which: int) -> str:
    ratio = statistics.median(p[which] / r[which] for p, r in zip(pages, references, strict=True))
    page = statistics.median(p[which] for p in pages)
    reference = statistics.median(r[which] for r in references)
    return f"{page:.2f} s / {reference:.2f} s = {ratio:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="URL paths ('' is the Overview)")
    args = parser.parse_args()
    env = {key: os.environ[key] for key in ("CORPUS_DIR", "CACHE_DIR") if key in os.environ}
    dashboard = start_server(env)
    hello = start_server({}, script="bench/hello.py")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            print("page        drawn: page / one chart = ratio   drawn + 500 ms network idle: ratio  (target <= 1.3)")
            for path in args.pages:
                references, pages = paired_loads(browser, hello.url, f"{dashboard.url}/{path}", repeats=args.repeats)
                print(f"{path or 'Overview':<10}  {summary(references, pages, 0)}   {summary(references, pages, 1)}",
                      flush=True)
            browser.close()
    finally:
        stop_server(dashboard)
        stop_server(hello)


if __name__ == "__main__":
    main()
