"""'Count copies once': a text several outlets ran counts once, for its origin, in per-outlet measures."""

from __future__ import annotations

from dataclasses import replace

from lib.analysis import framing, mentions, overview
from lib.analysis.filters import Filters, count_hidden
from tests.conftest import RERUN_OF as TOI


def test_the_rerun_is_found_as_a_copy_of_the_earlier_article(copied_corpus) -> None:
    documents = copied_corpus.documents.set_index("file")
    assert documents.loc["rerun.txt", "copy_group"] == documents.loc[TOI, "copy_group"]
    assert documents.loc["rerun.txt", "copy_origin"] == "The Times of Israel"
    assert documents.loc["rerun.txt", "copy_origin_source"] == "earliest dated copy (2024-02-08)"
    assert bool(documents.loc[TOI, "copy_representative"])
    assert not bool(documents.loc["rerun.txt", "copy_representative"])
    assert count_hidden(copied_corpus.documents, Filters()) == {"copies": 1}


def test_naming_and_terms_count_the_copied_text_once(copied_corpus) -> None:
    each = Filters(copies_once=False)
    naming_each = framing.summarise_naming_view(copied_corpus, each, "Hamas", False).table
    naming_once = framing.summarise_naming_view(copied_corpus, Filters(), "Hamas", False).table
    assert naming_each.loc[naming_each["outlet"] == "Regional Courier", "count"].sum() > 0
    assert "Regional Courier" not in set(naming_once["outlet"])
    toi_each = naming_each.loc[naming_each["outlet"] == "The Times of Israel", "count"].sum()
    assert naming_once.loc[naming_once["outlet"] == "The Times of Israel", "count"].sum() == toi_each
    terms_each = framing.summarise_terms_view(copied_corpus, each)
    terms_once = framing.summarise_terms_view(copied_corpus, Filters())
    assert "Regional Courier" in set(terms_each.scored["outlet"])
    assert "Regional Courier" not in set(terms_once.scored["outlet"])


def test_mentions_and_the_overview_count_it_once(copied_corpus) -> None:
    each = mentions.summarise_entity_view(copied_corpus, Filters(copies_once=False))
    once = mentions.summarise_entity_view(copied_corpus, Filters())
    hamas_each = each.ranking.set_index("entity").loc["Hamas", "mentions"]
    hamas_once = once.ranking.set_index("entity").loc["Hamas", "mentions"]
    assert hamas_once < hamas_each
    summary = overview.summarise_overview(copied_corpus, Filters())
    assert summary.kpis.articles == 5 and len(summary.articles) == 6
    assert summary.articles.set_index("file").loc["rerun.txt", "copies"] == 2
    assert overview.summarise_overview(copied_corpus, replace(Filters(), copies_once=False)).kpis.articles == 6
