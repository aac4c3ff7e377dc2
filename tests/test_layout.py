"""The shape of lib/: imports go down the data's path, only the adapter imports Streamlit, no module is long."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parent.parent / "lib"
LAYERS = ("records", "ingest", "nlp", "store", "analysis", "charts", "ui", "build")
"""lib's packages in the order the data passes through them; a module imports only earlier ones."""
MAX_LINES = 400


def layer_of(path: Path) -> str:
    return path.relative_to(LIB).with_suffix("").parts[0]


def imported_modules(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            if node.module == "lib":
                found += [f"lib.{alias.name}" for alias in node.names]
    return found


MODULES = sorted(path for path in LIB.rglob("*.py") if layer_of(path) in LAYERS)


def test_every_module_belongs_to_a_layer() -> None:
    strays = [path.name for path in LIB.glob("*.py") if path.stem not in (*LAYERS, "__init__")]
    assert strays == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(LIB)))
def test_imports_go_down_the_flow(path: Path) -> None:
    here = LAYERS.index(layer_of(path))
    upward = [
        name for name in imported_modules(path)
        if name.startswith("lib.") and name.split(".")[1] in LAYERS
        and LAYERS.index(name.split(".")[1]) > here
    ]
    assert upward == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(LIB)))
def test_only_the_adapter_imports_streamlit(path: Path) -> None:
    streamlit = [name for name in imported_modules(path) if name.split(".")[0] == "streamlit"]
    assert layer_of(path) == "ui" or streamlit == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(LIB)))
def test_no_module_is_over_the_line_budget(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


PAGE_MAX_LINES = 150
PAGES = sorted((LIB.parent / "pages").glob("*.py")) + [LIB.parent / "dashboard.py"]


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_pages_are_storyboards_within_the_line_budget(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= PAGE_MAX_LINES
