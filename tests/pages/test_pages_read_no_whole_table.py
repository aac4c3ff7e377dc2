"""The Stories, Article, Corpus and Metadata pages never read ``sentences`` or ``mentions`` whole:
they query the engine over the articles they show (100,000 articles hold 1.5 million sentences
and 4.2 million mentions)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.store.corpus_tables import Corpus
from lib.ui import state
from tests.conftest import ROOT


@pytest.fixture()
def forbid_whole_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    read = Corpus.table

    def table(self, name: str, columns: list[str] | None = None):
        assert not (name in ("sentences", "mentions") and columns is None), f"{name} read whole"
        return read(self, name, columns)

    monkeypatch.setattr(Corpus, "table", table)


@pytest.mark.parametrize("page", ["7_Stories.py", "4_Article.py", "5_Corpus.py", "6_Metadata.py"])
def test_a_page_reads_no_whole_table(app_env, copied_folder, copied_corpus, forbid_whole_reads,
                                     monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv("CORPUS_DIR", str(copied_folder))  # the seeds and a re-run: one story of two articles
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=180)
    if page == "4_Article.py":
        at.query_params[state.ARTICLE] = copied_corpus.documents["doc_id"].iloc[0]
        at.query_params[state.SENTENCE] = "2"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe) >= 1
