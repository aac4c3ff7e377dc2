"""AppTest of the "Your articles" page: pasted text joins the views; the corpus folder is untouched."""

from __future__ import annotations

import hashlib

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, SEEDS


def folder_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(SEEDS.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_pasted_article_joins_the_corpus_for_this_session_only(app_env, monkeypatch) -> None:
    monkeypatch.setenv("READ_ONLY", "1")
    before = folder_digest()
    at = AppTest.from_file(str(ROOT / "pages/5_Corpus.py"), default_timeout=180).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 5
    at.text_input(key="paste_title").input("Mediators meet in Doha")
    at.text_area(key="paste_text").input(
        "Qatari and Egyptian mediators met Hamas officials in Doha on Sunday, a diplomat said."
    )
    at.button[1].click().run()
    assert not at.exception
    results = at.dataframe[0].value
    assert len(results) == 6
    row = results[results["file"] == "upload/Mediators meet in Doha.txt"].iloc[0]
    assert (row["status"], row["articles"]) == ("loaded", 1)
    assert folder_digest() == before
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "`seeds`: 5 articles + 1 of yours" in sidebar and "**Showing** 6 of 6 articles" in sidebar
