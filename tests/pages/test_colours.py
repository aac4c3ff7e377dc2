"""Every plotly figure on every view and tab gives each outlet one colour, unfiltered and filtered to two outlets."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

import pytest
from plotly.colors import unlabel_rgb
from streamlit.testing.v1 import AppTest

from lib.analysis.filters import label_outlet
from lib.charts.colours import TYPE_COLOURS, UNKNOWN_GREY, rank_outlets
from lib.records import UNKNOWN_OUTLET_LABEL, label_word
from lib.ui import state
from tests.conftest import ROOT

VIEWS = [
    ("dashboard.py", None, ()),
    ("pages/1_Entities.py", state.ENTITY_TAB, ("Ranking", "Share of each outlet", "Network")),
    ("pages/2_Framing.py", state.FRAMING_TAB, ("Distinctive terms", "Naming", "Who is quoted",
                                               "Attribution & hedging", "Frames", "Tone")),
    ("pages/3_Timeline.py", state.TIMELINE_TAB, ("Publication", "Dates named in the text", "Reported figures",
                                                 "Mentions over time")),
    ("pages/7_Stories.py", None, ()),
]  # fmt: skip
RUNS = [(page, tab) for page, key, tabs in VIEWS for tab in (tabs or (None,))]


def figures(at: AppTest) -> list[dict]:
    """The plotly figures the run drew, as the JSON the browser gets."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def normalise(colour: str) -> str:
    """One spelling per colour: "#88CCEE" for "rgb(136, 204, 238)" and "#88ccee"."""
    if colour.startswith("rgb"):
        return "#{:02X}{:02X}{:02X}".format(*(int(round(v)) for v in unlabel_rgb(colour)[:3]))
    return colour.upper()


def _colour_pairs(trace: dict, names: set[str]) -> Iterable[tuple[str, str]]:
    """(name, colour) pairs a trace draws: its own name with a single marker colour, or one bar per
    category with a colour per bar."""
    marker = trace.get("marker") or {}
    colour = marker.get("color")
    if isinstance(colour, str) and trace.get("name") in names:
        yield trace["name"], normalise(colour)
    elif isinstance(colour, list):
        categories = trace.get("x") if trace.get("orientation") != "h" else trace.get("y")
        for category, one in zip(categories or [], colour, strict=False):
            if category in names and isinstance(one, str):
                yield category, normalise(one)


def colours_seen(at: AppTest, names: set[str]) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = defaultdict(set)
    for figure in figures(at):
        for trace in figure.get("data", []):
            for name, colour in _colour_pairs(trace, names):
                seen[name].add(colour)
    return seen


def run_view(page: str, key: str | None, tab: str | None, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=240)
    if key and tab:
        at.query_params[key] = tab
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


@pytest.fixture(scope="module")
def outlets(seed_corpus) -> list[str]:
    return [label_outlet(o) for o in [*rank_outlets(seed_corpus.documents), ""]]


@pytest.mark.parametrize(("page", "tab"), RUNS)
def test_each_outlet_has_one_colour_on_every_chart(app_env, outlets, page: str, tab: str | None) -> None:
    key = next(k for p, k, _ in VIEWS if p == page)
    names = set(outlets)
    seen: dict[str, set[str]] = defaultdict(set)
    drawn = 0
    for params in ({}, {state.OUTLETS: outlets[:2]}):
        at = run_view(page, key, tab, **params)
        assert not at.exception, at.exception
        drawn += len(figures(at))
        for name, colours in colours_seen(at, names).items():
            seen[name] |= colours
    if not drawn:  # a view with nothing to draw says so (the seeds hold no story of two articles)
        assert at.info, f"{page} {tab or ''} drew no chart and said nothing"
    several = {name: sorted(colours) for name, colours in seen.items() if len(colours) > 1}
    assert not several, f"outlets with more than one colour on {page} {tab or ''}: {several}"
    if UNKNOWN_OUTLET_LABEL in seen:
        assert seen[UNKNOWN_OUTLET_LABEL] == {UNKNOWN_GREY}


def test_an_outlet_keeps_its_colour_across_views(app_env, outlets) -> None:
    """The same outlet is drawn in the same colour on the Overview, Entities, Timeline and Framing."""
    names = set(outlets)
    seen: dict[str, set[str]] = defaultdict(set)
    for page, key, tab in [("dashboard.py", None, None), ("pages/1_Entities.py", state.ENTITY_TAB, "Ranking"),
                           ("pages/3_Timeline.py", state.TIMELINE_TAB, "Publication"),
                           ("pages/3_Timeline.py", state.TIMELINE_TAB, "Reported figures"),
                           ("pages/2_Framing.py", state.FRAMING_TAB, "Distinctive terms"),
                           ("pages/2_Framing.py", state.FRAMING_TAB, "Tone")]:
        for name, colours in colours_seen(run_view(page, key, tab), names).items():
            seen[name] |= colours
    assert len(seen) >= 3
    assert all(len(colours) == 1 for colours in seen.values()), dict(seen)
    assert len({next(iter(c)) for name, c in seen.items() if name != UNKNOWN_OUTLET_LABEL}) == len(
        [name for name in seen if name != UNKNOWN_OUTLET_LABEL])  # no two known outlets share a colour


def test_entity_types_have_one_colour_everywhere(app_env) -> None:
    words = {label_word(code): colour.upper() for code, colour in TYPE_COLOURS.items()}
    seen: dict[str, set[str]] = defaultdict(set)
    for page, key, tab in [("dashboard.py", None, None), ("pages/1_Entities.py", state.ENTITY_TAB, "Network")]:
        for name, colours in colours_seen(run_view(page, key, tab), set(words)).items():
            seen[name] |= colours
    assert seen
    assert {name: colours for name, colours in seen.items() if colours != {words[name]}} == {}
