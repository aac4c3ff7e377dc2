"""A visitor's own metadata values, laid over the shared corpus for their session only."""

from __future__ import annotations

import pandas as pd

from lib.store.overrides import OVERRIDE_SOURCE, apply_overrides


def test_overrides_set_values_with_their_provenance(seed_corpus) -> None:
    documents = seed_corpus.documents
    unknown = documents[documents["outlet"] == ""].iloc[0]
    changed = apply_overrides(documents, {unknown["file"]: {"outlet": "Reuters", "published": "2024-07-01"}})
    row = changed.set_index("doc_id").loc[unknown["doc_id"]]
    assert (row["outlet"], row["outlet_source"], row["outlet_confidence"]) == ("Reuters", OVERRIDE_SOURCE, "high")
    assert row["outlet_kind"] != "" and row["published"] == "2024-07-01"
    others = changed[changed["doc_id"] != unknown["doc_id"]]
    pd.testing.assert_frame_equal(others, documents[documents["doc_id"] != unknown["doc_id"]])
    assert documents.set_index("doc_id").loc[unknown["doc_id"], "outlet"] == ""  # the shared table is untouched


def test_no_overrides_is_the_same_table(seed_corpus) -> None:
    assert apply_overrides(seed_corpus.documents, {}) is seed_corpus.documents
