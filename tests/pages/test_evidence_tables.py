"""No table on any view or tab shows an id or a character offset (the CSVs keep them)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lib.ui import state
from lib.ui.evidence import ID_COLUMNS
from tests.conftest import ROOT

VIEWS = [
    ("dashboard.py", {}),
    *[("pages/1_Entities.py", {state.ENTITY_TAB: tab, state.ENTITY: "Yoav Gallant"})
      for tab in ("Ranking", "Share of each outlet", "Network", "Role ledger", "Review")],
    *[("pages/2_Framing.py", {state.FRAMING_TAB: tab})
      for tab in ("Distinctive terms", "Naming", "Who is quoted", "Attribution & hedging", "Frames", "Tone",
                  "Concordance", "Headlines & ledes")],
    *[("pages/3_Timeline.py", {state.TIMELINE_TAB: tab, state.TIMELINE_POINT: point})
      for tab, point in (("Publication", ""), ("Dates named in the text", "event|day|Anadolu Agency|2023-10-07"),
                         ("Reported figures", ""), ("Mentions over time", ""))],
    ("pages/4_Article.py", {}),
    ("pages/5_Corpus.py", {}),
    ("pages/6_Metadata.py", {}),
    ("pages/7_Stories.py", {}),
]  # fmt: skip


def shown_columns(element) -> list[str]:
    """The headers a table shows: its column order (or every column sent), each under its label."""
    order = list(element.proto.column_order) or [str(name) for name in element.value.columns]
    settings = json.loads(element.proto.columns or "{}")
    return [(settings.get(name) or {}).get("label") or name for name in order]


def name(view: tuple[str, dict[str, str]]) -> str:
    page, params = view
    return f"{page}-{'-'.join(v for v in params.values() if v)}"


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[name(view) for view in VIEWS])
def test_no_table_shows_ids_or_offsets(app_env, seed_corpus, page: str, params: dict[str, str]) -> None:
    at = AppTest.from_file(str(ROOT / page), default_timeout=240)
    for key, value in params.items():
        if value:
            at.query_params[key] = value
    if page.endswith("4_Article.py"):
        at.query_params[state.ARTICLE] = str(seed_corpus.documents["doc_id"].iloc[0])
    at.run()
    assert not at.exception, at.exception
    shown = {f"table {i}": sorted(ID_COLUMNS & set(shown_columns(d))) for i, d in enumerate(at.dataframe)}
    assert {name: columns for name, columns in shown.items() if columns} == {}
