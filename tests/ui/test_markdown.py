"""Data and link values shown through Markdown stay text: no image, link, heading or table (M2, M3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from lib.ui.escaping import escape_markdown
from tests.conftest import ROOT

MARKDOWN = MarkdownIt("gfm-like")  # CommonMark with GFM tables, strikethrough and bare-URL links
IMAGE = "![pwn](https://evil.example/pixel.png)"
PAYLOADS = [
    IMAGE,
    "x\n\n# Session expired, sign in again\n\n[Sign in](https://evil.example/login)",
    "[click](javascript:alert(1))",
    "visit www.evil.example or https://evil.example now",
    "<img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "`code` **bold** _it_ ~~gone~~ $x^2$ :red[alert] :material/warning:",
    "> quoted\n- bullet\n1. numbered",
]
MARKUP = ("<a ", "<img", "<h1", "<h2", "<table", "<code", "<strong", "<em", "<s>", "<blockquote", "<li")
DANGEROUS = ("<a ", "<img", "<h1", "<h2", "<h3", "<table", "<blockquote")
"""What a data value could use to pose as the app: the app's own bold text is not among them."""


def render(text: str) -> str:
    return MARKDOWN.render(text)


def assert_inert(text: str, *, markup: tuple[str, ...] = DANGEROUS) -> None:
    html = render(text)
    assert not any(tag in html for tag in markup), html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_values_render_as_their_own_characters(payload: str) -> None:
    escaped = escape_markdown(payload)
    assert_inert(escaped, markup=MARKUP)
    assert "\n" not in escaped
    visible = " ".join(payload.split()).replace("<", "&lt;").replace(">", "&gt;")
    assert visible in render(escaped)


def test_long_values_are_cut() -> None:
    assert escape_markdown("a" * 1000, limit=10) == "a" * 9 + "…"


def markdown_bodies(at: AppTest) -> list[str]:
    """Every Markdown string the run drew: captions, markdown, alerts and subheaders, sidebar included."""
    found = []
    for kind in ("caption", "markdown", "info", "warning", "error", "success", "subheader"):
        found += [element.value for element in getattr(at, kind)]
    return found


@pytest.fixture(scope="module")
def hostile_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A corpus whose outlet name is a Markdown image (set in the sidecar, as a curator might)."""
    root = tmp_path_factory.mktemp("hostile-markdown")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        "Talks resume in Doha\n\nQatari mediators said on Sunday that Israel and Hamas would meet in Doha.\n",
        encoding="utf-8",
    )
    (corpus / "plain.txt").write_text(
        "Ceasefire talks\n\nEgyptian officials said Hamas had received a new proposal from Israel.\n",
        encoding="utf-8",
    )
    (corpus / "metadata.csv").write_text(f'file,outlet\nevil.txt,"{IMAGE} Evil News"\n', encoding="utf-8")
    return {"CORPUS_DIR": str(corpus), "CACHE_DIR": str(root / "cache")}


def run_page(page: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / page), default_timeout=240)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


# M2: an outlet name in a shared corpus rendered a remote image for every visitor.
def test_an_outlet_name_is_shown_as_text(hostile_env, monkeypatch) -> None:
    at = run_page("pages/1_Entities.py", hostile_env, monkeypatch, en_tab="Share of each outlet")
    assert not at.exception
    bodies = markdown_bodies(at)
    small = [body for body in bodies if body.startswith("⚠ Small sample")]
    assert small and escape_markdown(f"{IMAGE} Evil News") in small[0]
    for body in bodies:
        assert_inert(body)


# M3: link values with blank lines rendered images, links and a fake "Session expired" heading.
def test_link_values_are_shown_as_text(app_env, monkeypatch) -> None:
    hostile = f"Nobody\n\n{IMAGE}\n\n# Session expired, sign in again\n\n[Sign in](https://evil.example)"
    at = run_page("dashboard.py", {}, monkeypatch, outlet=hostile, entity=IMAGE)
    assert not at.exception
    ignored = [c.value for c in at.sidebar.caption if c.value.startswith("Not found in this corpus")]
    assert len(ignored) == 1 and "Session expired" in ignored[0]
    for body in markdown_bodies(at):
        assert_inert(body)


# M3: fr_term=… (lemma) was offered as a term and rendered as Markdown.
def test_a_term_from_a_link_is_offered_only_if_the_corpus_has_it(app_env, monkeypatch) -> None:
    at = run_page("pages/2_Framing.py", {}, monkeypatch, fr_term=f"{IMAGE} (lemma)")
    assert not at.exception
    picker = at.selectbox(key="fr_term")
    assert all("evil" not in option for option in picker.options) and picker.value is None
    assert not any("evil" in body for body in markdown_bodies(at))
    at = run_page("pages/2_Framing.py", {}, monkeypatch, fr_term="hostage (lemma)")
    assert at.selectbox(key="fr_term").value == "hostage (lemma)"
    assert any(body.startswith("**“hostage”** (lemma)") for body in markdown_bodies(at))


def test_every_page_escapes_what_it_shows_of_a_hostile_corpus(hostile_env, monkeypatch) -> None:
    pages = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "pages").glob("*.py"))
    for page in ("dashboard.py", *pages):
        at = run_page(page, hostile_env, monkeypatch)
        assert not at.exception, page
        for body in markdown_bodies(at):
            assert_inert(body)
    assert Path(hostile_env["CORPUS_DIR"]).is_dir()
