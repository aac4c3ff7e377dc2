"""Browser: warm page load of each view in headless Chromium against the frame page, and in-app navigation.

Servers for the dashboard and the reference pages run on this machine at the same time, on the
same corpus and with the same Streamlit configuration. A load is ``page.goto`` until the page is
drawn (READY): the script has finished, no spinner or placeholder shows and every chart has
drawn its SVG. Each page and its references are loaded once to warm the caches, then in turns
(a reference, the page, the next reference, the page, …) so that all see the same moments of a
noisy machine; a printed ratio is the median of the ratios of a page load to the reference load
just before it.

The references are ``bench/frame.py``, the app's shared frame (sidebar, filters and boxes):
with one chart (issue 19's first form of the target: at most 1.3, on the seeds and at 10,000
articles), and with as many plotly charts as the view drew on its first load (``?charts=N``;
each chart costs the browser a fixed time to draw, so this ratio is the view's own overhead:
queries, Python, widgets). ``--hello`` adds ``bench/hello.py`` (one chart, nothing else), the
reference of the older target. ``--elements`` instead measures what one Streamlit element type
adds to the one-chart page (``bench/hello.py?add=NAME``, placeholder content), the unit the
views are built of.

In-app navigation (target: median at most 1 s at 10,000 articles) is a click, in one browser
tab, from the moment it is made until the page is drawn again (READY, after the click's script
run has started): each page link of the sidebar in turn, and each tab of the tabbed views (tabs
that rerun the script), in turns, ``--rounds`` times; it prints the median and p95 of each kind.

    python bench/browser.py                      # the seeds
    python bench/browser.py --corpus 10000       # the 10,000-article replicated store
    python bench/browser.py --repeats 9 --pages Framing --no-navigation
    python bench/browser.py --elements
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

from bench.frame import CHARTS as CHART_COUNT  # noqa: E402
from bench.hello import ELEMENTS  # noqa: E402
from lib.ui.sidebar import PAGES as SIDEBAR  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, DRAWN, find_chromium, start_server, stop_server  # noqa: E402

PAGES = ("", "Entities", "Framing", "Timeline", "Article", "Stories", "Corpus", "Metadata")
"""URL paths of every view ('' is the Overview)."""
TABBED = ("Entities", "Framing", "Timeline")
"""Views whose tabs rerun the script (st.tabs with a key), by URL path."""
WORK = Path("/tmp/news-framing-bench")
READY = DRAWN
CHARTS = """() => document.querySelectorAll('[data-testid="stPlotlyChart"]').length"""
"""The plotly charts in the page (Streamlit's plotly element, drawn or not)."""
ARM = """() => {
    window.__benchRan = false;
    window.__benchTitle = document.title;
    if (window.__benchObserver) window.__benchObserver.disconnect();
    window.__benchObserver = new MutationObserver(() => { window.__benchRan = true; });
    window.__benchObserver.observe(document.body, {attributes: true, subtree: true,
                                                   attributeFilter: ['data-test-script-state']});
}"""
"""Before a click: note the page title and any change of the script state from now on."""
STARTED = {
    "page": "() => window.__benchRan || document.title !== window.__benchTitle",
    "tab": """() => window.__benchRan || [...document.querySelectorAll('[data-testid="stMain"] [role="tabpanel"]')]
        .some(panel => panel.checkVisibility() && panel.querySelector('[data-testid="stElementContainer"]'))""",
}
"""The click's script run has started: the script state changed (a fast run may start and end
within one frame and leave no trace there), or else for a page link the new page set its title,
for a tab the opened tab drew an element (a tab's elements come only from its run)."""


def load_time(page, url: str) -> float:
    """Seconds from navigation until the page is drawn (see READY)."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=300_000, polling=10)
    return time.perf_counter() - start


def click_time(page, target, *, kind: str) -> float:
    """Seconds from a click on target (a "page" link or a "tab") until its run started and the page is drawn."""
    page.evaluate(ARM)
    start = time.perf_counter()
    target.click()
    page.wait_for_function(f"() => ({STARTED[kind]})() && ({READY})()", timeout=300_000, polling=10)
    return time.perf_counter() - start


def count_charts(page) -> int:
    """The plotly charts in the page (drawn ones: load_time waits until every chart is drawn)."""
    return page.evaluate(CHARTS)


def paired_loads(browser, url: str, reference_urls: list[str], *, repeats: int,
                 page=None) -> tuple[float, list[tuple[float, float, int]]]:
    """Load each reference and then the page, reference after reference (one turn), `repeats`
    turns, after a warm-up load each; the page's median load, and for each reference its median
    load, the median ratio of the page's load to the reference's just before it, and the charts
    the reference drew. Each load follows a load of another page in another tab, whichever it
    is: the load just after the view's is slower (seen on the seeds: 0.2 s). ``page`` is a
    browser tab already showing the page (warmed up); otherwise one is opened."""
    contexts = [browser.new_context() for _ in reference_urls]
    references = [context.new_page() for context in contexts]
    if page is None:
        contexts.append(browser.new_context())
        page = contexts[-1].new_page()
        load_time(page, url)
    for reference, reference_url in zip(references, reference_urls, strict=True):
        load_time(reference, reference_url)
    loads = [([], []) for _ in reference_urls]
    for _ in range(repeats):
        for reference, reference_url, (times, pages) in zip(references, reference_urls, loads, strict=True):
            times.append(load_time(reference, reference_url))
            pages.append(load_time(page, url))
    charts = [count_charts(reference) for reference in references]
    for context in contexts:
        context.close()
    return statistics.median(p for _times, pages in loads for p in pages), [
        (statistics.median(times), statistics.median(p / r for p, r in zip(pages, times, strict=True)), count)
        for (times, pages), count in zip(loads, charts, strict=True)
    ]


def paired_ratio(browser, reference_url: str, url: str, *, repeats: int) -> tuple[float, float, float]:
    """Median load of the page, of the reference, and median paired ratio, loaded in turns."""
    page, [(reference, ratio, _charts)] = paired_loads(browser, url, [reference_url], repeats=repeats)
    return page, reference, ratio


def frame_with_charts(frame_url: str, charts: int) -> str:
    """The frame page drawing `charts` plotly charts (its own URL for one, which it draws unasked)."""
    return frame_url if charts == 1 else f"{frame_url}/?{CHART_COUNT}={charts}"


def measure_view(browser, url: str, *, frame_url: str, hello_url: str | None, repeats: int) -> dict:
    """One view against the one-chart frame, the frame drawing as many charts as the view's first
    load (when that is not one) and, with hello_url, the one-chart page; loaded in turns."""
    context = browser.new_context()
    page = context.new_page()
    load_time(page, url)
    charts = count_charts(page)
    references = {"frame": frame_url}
    if charts != 1:
        references["frame(N)"] = frame_with_charts(frame_url, charts)
    if hello_url:
        references["one chart"] = hello_url
    median, measured = paired_loads(browser, url, list(references.values()), repeats=repeats, page=page)
    context.close()
    result = {"charts": charts, "page": median, **dict(zip(references, measured, strict=True))}
    result.setdefault("frame(N)", result["frame"])
    if result["frame(N)"][2] != charts:
        sys.exit(f"the frame page drew {result['frame(N)'][2]} charts, not {charts}: see bench/frame.py")
    return result


def measure_views(browser, dashboard_url: str, *, frame_url: str, hello_url: str | None, pages: list[str],
                  repeats: int) -> None:
    print("view: charts drawn on first load, its median load; vs the frame with one chart and vs the frame "
          "with as many charts as the view: median load and median paired ratio (target <= 1.3)")
    columns = ["view", "charts", "view s", "frame(1) s", "ratio", "frame(N) s", "ratio-N"]
    if hello_url:
        columns += ["one chart s", "ratio-hello"]
    print("| " + " | ".join(columns) + " |")
    print("|" + " --- |" * len(columns), flush=True)
    for path in pages:
        result = measure_view(browser, f"{dashboard_url}/{path}", frame_url=frame_url, hello_url=hello_url,
                              repeats=repeats)
        cells = [path or "Overview", str(result["charts"]), f"{result['page']:.2f}"]
        for name in ("frame", "frame(N)", "one chart") if hello_url else ("frame", "frame(N)"):
            cells += [f"{result[name][0]:.2f}", f"{result[name][1]:.2f}"]
        print("| " + " | ".join(cells) + " |", flush=True)
    if hello_url:
        page, hello, ratio = paired_ratio(browser, hello_url, frame_url, repeats=repeats)
        print(f"(frame)  {page:.2f} s / {hello:.2f} s = {ratio:.2f} (vs one chart)", flush=True)


def summarise(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{label:<34} {len(times):>3} clicks  median {statistics.median(times):.2f} s  p95 {p95:.2f} s  "
          f"max {ordered[-1]:.2f} s", flush=True)


def measure_sidebar(browser, dashboard_url: str, *, rounds: int) -> list[float]:
    """Click each sidebar page link in turn (after a warm-up round); the seconds of each click."""
    context = browser.new_context()
    page = context.new_page()
    load_time(page, dashboard_url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    labels = [label for _path, label, _icon in SIDEBAR[1:]] + [SIDEBAR[0][1]]
    times: dict[str, list[float]] = {label: [] for label in labels}
    for round_ in range(rounds + 1):
        for label in labels:
            seconds = click_time(page, sidebar.get_by_role("link", name=label, exact=True), kind="page")
            if round_:
                times[label].append(seconds)
    context.close()
    for label, seconds in times.items():
        print(f"  sidebar → {label:<20} median {statistics.median(seconds):.2f} s", flush=True)
    return [s for seconds in times.values() for s in seconds]


def measure_tabs(browser, dashboard_url: str, path: str, *, rounds: int) -> list[float]:
    """Click each tab of a tabbed view in turn (after a warm-up round); the seconds of each click."""
    context = browser.new_context()
    page = context.new_page()
    load_time(page, f"{dashboard_url}/{path}")
    tabs = page.locator('[data-testid="stMain"] [data-testid="stTabs"]').first.get_by_role("tab")
    names = tabs.all_inner_texts()
    order = list(range(1, len(names))) + [0]
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(rounds + 1):
        for index in order:
            seconds = click_time(page, tabs.nth(index), kind="tab")
            if round_:
                times[names[index]].append(seconds)
    context.close()
    print("  " + path + ": " + ", ".join(f"{name} {statistics.median(s):.2f} s" for name, s in times.items()),
          flush=True)
    return [s for seconds in times.values() for s in seconds]


def measure_navigation(browser, dashboard_url: str, *, rounds: int, tabbed: list[str]) -> None:
    print("in-app navigation: click until drawn (target: median <= 1 s at 10,000)")
    sidebar = measure_sidebar(browser, dashboard_url, rounds=rounds)
    tabs = [s for path in tabbed for s in measure_tabs(browser, dashboard_url, path, rounds=rounds)]
    summarise("sidebar page links", sidebar)
    if tabs:
        summarise("tabs (" + ", ".join(tabbed) + ")", tabs)
    summarise("all clicks", sidebar + tabs)


def measure_elements(browser, hello_url: str, *, names: list[str], repeats: int) -> None:
    print("one chart + element: page / one chart = ratio")
    for name in names:
        page, hello, ratio = paired_ratio(browser, hello_url, f"{hello_url}/?add={name}", repeats=repeats)
        print(f"+ {name:<16}  {page:.2f} s / {hello:.2f} s = {ratio:.2f}", flush=True)


def corpus_env(count: int | None) -> dict[str, str]:
    """CORPUS_DIR and CACHE_DIR: the environment's, or the replicated store of `count` articles."""
    if count is None:
        return {key: os.environ[key] for key in ("CORPUS_DIR", "CACHE_DIR") if key in os.environ}
    folder = WORK / f"corpus-{count}-replicated"
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: make it with python bench/warm.py {count} --replicate")
    return {"CORPUS_DIR": str(folder), "CACHE_DIR": str(WORK / "cache")}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, metavar="N", help="serve the N-article replicated store "
                        f"({WORK}/corpus-N-replicated, made by bench/warm.py N --replicate)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3, help="navigation rounds over every link and tab")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="URL paths ('' is the Overview)")
    parser.add_argument("--tabs", nargs="*", default=list(TABBED), help="tabbed views whose tabs are clicked")
    parser.add_argument("--hello", action="store_true", help="also compare each view with the one-chart page")
    parser.add_argument("--no-views", action="store_true", help="only time in-app navigation")
    parser.add_argument("--no-navigation", action="store_true", help="only time page loads")
    parser.add_argument("--elements", nargs="*", help="element types to measure (all when none is named)")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    env = {**corpus_env(args.corpus), "READ_ONLY": ""}
    servers = {}
    if args.hello or args.elements is not None:
        servers["one chart"] = start_server({}, script="bench/hello.py")
    try:
        if args.elements is None:
            servers["frame"] = start_server(env, script="bench/frame.py")
            servers["dashboard"] = start_server(env)
        urls = {name: server.url for name, server in servers.items()}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            if args.elements is not None:
                measure_elements(browser, urls["one chart"], names=args.elements or list(ELEMENTS),
                                 repeats=args.repeats)
            else:
                dashboard = urls.pop("dashboard")
                if not args.no_views:
                    measure_views(browser, dashboard, frame_url=urls["frame"], hello_url=urls.get("one chart"),
                                  pages=args.pages, repeats=args.repeats)
                if not args.no_navigation:
                    measure_navigation(browser, dashboard, rounds=args.rounds, tabbed=args.tabs)
            browser.close()
    finally:
        for server in servers.values():
            stop_server(server)


if __name__ == "__main__":
    main()
