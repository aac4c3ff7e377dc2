"""Browser: warm page load of each view in headless Chromium against a one-chart hello-world page.

Servers for the dashboard and the reference pages run on this machine at the same time, with
the same Streamlit configuration. A load is ``page.goto`` until the page is drawn: the script
has finished, no spinner or placeholder shows and every chart has drawn its SVG. Each page and
its reference are loaded once to warm the caches, then in turns (reference, page, reference,
page, …) so that both see the same moments of a noisy machine; a printed ratio is the median
of the paired ratios (target: at most 1.3 against the one-chart page).

Two references are measured: ``bench/hello.py`` (one chart, nothing else: the target's
reference) and ``bench/frame.py`` (the app's shared frame, i.e. sidebar, filters and boxes,
and that one chart), which tells what a view adds to the frame every view shares.
``--elements`` instead measures what one Streamlit element type adds to the one-chart page
(``bench/hello.py?add=NAME``, placeholder content), the unit the views are built of.

    python bench/browser.py                      # the seeds
    python bench/browser.py --repeats 9 --pages Framing
    python bench/browser.py --elements
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

from bench.hello import ELEMENTS  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, DRAWN, find_chromium, start_server, stop_server  # noqa: E402

PAGES = ("", "Entities", "Framing", "Timeline", "Article")
READY = DRAWN


def load_time(page, url: str) -> float:
    """Seconds from navigation until the page is drawn (see READY)."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=300_000, polling=10)
    return time.perf_counter() - start


def paired_ratio(browser, reference_url: str, url: str, *, repeats: int) -> tuple[float, float, float]:
    """Median load of the page, of the reference, and median paired ratio, loaded in turns."""
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
    ratio = statistics.median(p / r for p, r in zip(pages, references, strict=True))
    return statistics.median(pages), statistics.median(references), ratio


def measure_views(browser, hello_url: str, frame_url: str, dashboard_url: str, *, pages: list[str],
                  repeats: int) -> None:
    print("page        vs one chart: page / reference = ratio (target <= 1.3)   vs frame + one chart: ratio")
    for path in pages:
        page, hello, ratio = paired_ratio(browser, hello_url, f"{dashboard_url}/{path}", repeats=repeats)
        again, frame, frame_ratio = paired_ratio(browser, frame_url, f"{dashboard_url}/{path}", repeats=repeats)
        print(f"{path or 'Overview':<10}  {page:.2f} s / {hello:.2f} s = {ratio:.2f}"
              f"                            {again:.2f} s / {frame:.2f} s = {frame_ratio:.2f}", flush=True)
    page, hello, ratio = paired_ratio(browser, hello_url, frame_url, repeats=repeats)
    print(f"{'(frame)':<10}  {page:.2f} s / {hello:.2f} s = {ratio:.2f}", flush=True)


def measure_elements(browser, hello_url: str, *, names: list[str], repeats: int) -> None:
    print("one chart + element: page / one chart = ratio")
    for name in names:
        page, hello, ratio = paired_ratio(browser, hello_url, f"{hello_url}/?add={name}", repeats=repeats)
        print(f"+ {name:<16}  {page:.2f} s / {hello:.2f} s = {ratio:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="URL paths ('' is the Overview)")
    parser.add_argument("--elements", nargs="*", help="element types to measure (all when none is named)")
    args = parser.parse_args()
    env = {key: os.environ[key] for key in ("CORPUS_DIR", "CACHE_DIR") if key in os.environ}
    servers = [start_server({}, script="bench/hello.py")]
    try:
        if args.elements is None:
            servers += [start_server(env, script="bench/frame.py"), start_server(env)]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            if args.elements is None:
                hello, frame, dashboard = (server.url for server in servers)
                measure_views(browser, hello, frame, dashboard, pages=args.pages, repeats=args.repeats)
            else:
                measure_elements(browser, servers[0].url, names=args.elements or list(ELEMENTS),
                                 repeats=args.repeats)
            browser.close()
    finally:
        for server in servers:
            stop_server(server)


if __name__ == "__main__":
    main()
