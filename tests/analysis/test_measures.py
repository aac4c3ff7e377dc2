"""The per-sentence measures the build stores (tone, cue and frame matches) give the Source framing view the
tables it makes when it matches in the app; an edited lexicon is matched in the app again, and says so."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis import cues, framing, measure_queries, tone
from lib.analysis.filters import Filters, select_outlet_documents
from lib.nlp import lexicons
from lib.nlp.measures import MEASURE_TABLES, STAMPS_TABLE
from lib.store import parquet as store
from lib.store.corpus import load_corpus
from lib.store.engine import Engine, parquet_tables
from lib.ui import state
from tests.conftest import FIXTURES, ROOT, SEEDS

FILTERS = {
    "all": Filters(),
    "each copy": Filters(copies_once=False),
    "one outlet": Filters(outlets=("The Times of Israel",)),
    "dated from February": Filters(start=date(2024, 2, 1), include_undated=False),
}


@pytest.fixture(scope="module")
def review_corpus(tmp_path_factory: pytest.TempPathFactory, session_cache: Path, nlp):
    folder = tmp_path_factory.mktemp("review") / "articles"
    shutil.copytree(FIXTURES / "review_corpus", folder)
    return load_corpus(folder, cache_dir=session_cache, nlp=nlp)


@pytest.fixture(params=["seeds", "review"])
def corpus(request, seed_corpus, review_corpus):
    return seed_corpus if request.param == "seeds" else review_corpus


def in_app(corpus):
    """The corpus as a store built before the measures were stored: the view matches and scores in the app."""
    tables = parquet_tables(Path(corpus.source), Path(corpus.corrected))
    engine = Engine({name: path for name, path in tables.items() if name not in MEASURE_TABLES})
    return dataclasses.replace(corpus, key=f"{corpus.key}-in-app", engine=engine)


def same_table(found: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert found.columns.tolist() == expected.columns.tolist()
    pd.testing.assert_frame_equal(found.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False,
                                  check_index_type=False, check_column_type=False)


def edited_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cue list with one cue more ("ceasefire", which the seeds use), in place of the shipped one."""
    path = tmp_path / "cues.csv"
    text = lexicons.CUES_FILE.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\nceasefire,hedging,\\bceasefire\\b,false,A test cue\n", encoding="utf-8")
    monkeypatch.setattr(lexicons, "CUES_FILE", path)
    return path


@pytest.mark.parametrize("name", list(FILTERS))
def test_stored_cue_and_frame_tables_equal_the_in_app_ones(corpus, name: str) -> None:
    filters = FILTERS[name]  # on the undated review fixture the date filter keeps no article
    other = in_app(corpus)
    assert measure_queries.check_lexicon_matches(corpus) == measure_queries.STORED
    assert measure_queries.check_lexicon_matches(other) == measure_queries.MISSING
    stored, matched = framing.match_corpus_lexicons(corpus, filters), framing.match_corpus_lexicons(other, filters)
    assert stored.cues is None and matched.cues is not None
    for which, lexicon in (("cues", stored.cue_lexicon), ("frames", stored.frame_lexicon)):
        view = framing.summarise_lexicon_view(corpus, filters, "", which, None, stored)
        expected = framing.summarise_lexicon_view(other, filters, "", which, None, matched)
        same_table(view.summary, expected.summary)
        for label in lexicon["label"]:
            same_table(framing.summarise_lexicon_view(corpus, filters, "", which, label, stored).evidence,
                       framing.summarise_lexicon_view(other, filters, "", which, label, matched).evidence)
    if corpus.documents["outlet"].eq("The Times of Israel").any() and name == "all":
        assert view.summary["hits"].sum() > 0


@pytest.mark.parametrize("name", list(FILTERS))
def test_stored_tone_tables_equal_the_in_app_ones(corpus, name: str) -> None:
    filters = FILTERS[name]  # on the undated review fixture the date filter keeps no article
    other = in_app(corpus)
    stored, scored = framing.score_corpus_tone(corpus, filters), framing.score_corpus_tone(other, filters)
    same_table(stored, scored)
    entities = framing.list_corpus_entities(corpus, limit=3)
    for entity in [None, *entities]:
        for outlet in [None, *framing.list_outlets(corpus.documents)]:
            expected = framing.summarise_tone_view(other, filters, entity, outlet, scored)
            for view in (framing.summarise_tone_view(corpus, filters, entity, outlet, stored),
                         framing.summarise_tone_view(corpus, filters, entity, outlet, None)):
                for table in ("overall", "entity", "sentences"):
                    same_table(getattr(view, table), getattr(expected, table))


def test_the_stored_rows_are_every_sentence_matched(corpus) -> None:
    lexicon = lexicons.read_lexicons()
    sentences = corpus.sentences
    for table, label, found in (("cue_matches", "cue", cues.count_matches(sentences, lexicon.cues)),
                                ("frame_matches", "frame", cues.count_frame_matches(sentences, lexicon.frames))):
        stored = corpus.table(table).rename(columns={label: "label"})
        keys = ["doc_id", "sent_index", "label"]
        same_table(stored.sort_values(keys), found.sort_values(keys))
    same_table(corpus.table("sentence_tones"), tone.score_tone(sentences))
    stamps = corpus.table(STAMPS_TABLE)
    assert sorted(stamps["doc_id"]) == sorted(corpus.documents["doc_id"])
    assert set(zip(stamps["cues_sha256"], stamps["frames_sha256"], strict=True)) == {lexicons.lexicon_digests()}


def test_an_edited_lexicon_is_matched_in_the_app(seed_corpus, tmp_path: Path, monkeypatch) -> None:
    edited_lexicon(tmp_path, monkeypatch)
    assert measure_queries.check_lexicon_matches(seed_corpus) == measure_queries.EDITED
    matches = framing.match_corpus_lexicons(seed_corpus, Filters())
    assert matches.cues is not None
    summary = framing.summarise_lexicon_view(seed_corpus, Filters(), "", "cues", None, matches).summary
    assert summary.loc[summary["label"] == "ceasefire", "hits"].sum() > 0
    documents = select_outlet_documents(seed_corpus.documents, Filters())
    expected = cues.count_matches(seed_corpus.sentences, matches.cue_lexicon)
    expected = expected[expected["doc_id"].isin(documents["doc_id"])]
    same_table(summary, cues.summarise_matches(expected, documents, labels=matches.cue_lexicon["label"].tolist()))


def captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption]


def test_the_page_says_when_it_matches_an_edited_lexicon(app_env, tmp_path: Path, monkeypatch) -> None:
    page = str(ROOT / "pages/2_Framing.py")
    at = AppTest.from_file(page, default_timeout=300)
    at.query_params[state.FRAMING_TAB] = "Attribution & hedging"
    at.run()
    assert not at.exception
    assert not [c for c in captions(at) if "matched here" in c]
    edited_lexicon(tmp_path, monkeypatch)
    at = AppTest.from_file(page, default_timeout=300)
    at.query_params[state.FRAMING_TAB] = "Attribution & hedging"
    at.run()
    assert not at.exception
    assert [c for c in captions(at) if "edited since this corpus was built" in c]
    assert "ceasefire" in set(at.selectbox(key=state.FRAMING_CUE).options)


def test_reassembly_matches_again_the_articles_stamped_with_other_lexicons(tmp_path: Path, nlp, monkeypatch) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    moved = sorted(folder.glob("*.txt"))[0]
    shutil.move(moved, tmp_path / moved.name)
    first = load_corpus(folder, cache_dir=tmp_path / "cache", nlp=nlp)
    parse_store = Path(first.parse_stores[0])
    shards = store.list_shards(parse_store)
    assert all(not store.read_table(shard, "cue_matches").empty for shard in shards)
    edited_lexicon(tmp_path, monkeypatch)
    shutil.move(tmp_path / moved.name, folder / moved.name)  # an article added: the corpus is assembled again
    second = load_corpus(folder, cache_dir=tmp_path / "cache", nlp=nlp)
    assert second.parsed_now == 1
    assert measure_queries.check_lexicon_matches(second) == measure_queries.STORED
    lexicon = lexicons.read_lexicons()
    found = cues.count_matches(second.sentences, lexicon.cues)
    assert "ceasefire" in set(found["label"])
    stored = second.table("cue_matches").rename(columns={"cue": "label"})
    keys = ["doc_id", "sent_index", "label"]
    same_table(stored.sort_values(keys), found.sort_values(keys))
    stamps = second.table(STAMPS_TABLE)
    assert len(stamps) == len(second.documents)
    assert set(zip(stamps["cues_sha256"], stamps["frames_sha256"], strict=True)) == {lexicons.lexicon_digests()}
