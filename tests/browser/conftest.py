"""Browser tests: a real `streamlit run dashboard.py` on a free port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "news-framing-screenshots")
"""Where the browser tests save what they saw: a temporary folder, unless ``SCREENSHOTS_DIR`` names
another (``SCREENSHOTS_DIR=docs/screenshots`` refreshes the README's pictures)."""


def find_chromium() -> str | None:
    """The system Chromium, or None."""
    found = os.environ.get("CHROMIUM_PATH") or next((p for p in CHROMIUM_CANDIDATES if Path(p).is_file()), None)
    return found or shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Skip outside CI when no browser is installed; in CI (CI=true) a missing browser fails."""
    path = find_chromium()
    if path:
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but no Chromium found: .ci/run installs Debian's chromium package")
    pytest.skip("no Chromium found (apt-get install -y chromium); browser tests skipped outside CI")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_path: str) -> dict:
    """Point pytest-playwright at the system Chromium (Playwright's own download is not used)."""
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running dashboard."""

    url: str
    process: subprocess.Popen
    env: dict[str, str]


def start_server(env_overrides: dict[str, str], *, script: str = "dashboard.py") -> Server:
    """Start `streamlit run <script>` on a free port and wait until it is healthy."""
    port = free_port()
    env = {**os.environ, **env_overrides}
    command = [
        sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, env)
        except OSError:
            time.sleep(0.5)
    process.kill()
    output = Path(log.name).read_text(encoding="utf-8", errors="replace")
    raise RuntimeError(f"streamlit did not start on port {port}:\n{output[-3000:]}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server(chromium_path: str, session_cache: Path, seed_corpus) -> Iterator[Server]:
    """The dashboard on the seeds, with the session's prebuilt cache."""
    running = start_server({"CACHE_DIR": str(session_cache), "CORPUS_DIR": str(ROOT / "seeds"), "READ_ONLY": ""})
    yield running
    stop_server(running)


DRAWN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('.stSpinner, [data-testid="stSkeleton"]')) return false;
    const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
    return [...charts].every(chart => chart.querySelector('.main-svg'));
}"""
"""The page is drawn: its script has finished, nothing is still loading (spinner or
placeholder skeleton) and every plotly chart has drawn its SVG."""


def wait_for_app(page, *, timeout: float = 90_000) -> None:
    """Wait until the page is drawn (see DRAWN), then a moment for late layout."""
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=timeout)
    page.wait_for_function(DRAWN, timeout=timeout, polling=50)
    page.wait_for_timeout(200)
