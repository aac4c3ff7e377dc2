"""Corrections: split, restore and keep, beside merge, rename, relabel and drop."""

from __future__ import annotations

import pandas as pd

from lib.nlp.corrections import Correction, apply_corrections, parse_corrections


def mentions() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a", "a", "b"], "sent_index": [0, 1, 0], "start": [0, 20, 0], "end": [18, 29, 8],
        "text": ["Binyamin Netanyahu", "Netanyahu", "Benjamin Netanyahu"], "label": ["PERSON"] * 3,
        "entity": ["Benjamin Netanyahu"] * 3, "entity_label": ["PERSON"] * 3,
        "name": ["Binyamin Netanyahu", "Netanyahu", "Benjamin Netanyahu"], "source": ["model"] * 3,
    })


def test_split_gives_a_written_form_its_own_entity() -> None:
    result = apply_corrections(mentions(), [Correction("split", "Benjamin Netanyahu", "Binyamin Netanyahu")])
    assert list(result["entity"]) == ["Binyamin Netanyahu", "Benjamin Netanyahu", "Benjamin Netanyahu"]


def test_restore_counts_a_dropped_mention_again() -> None:
    dropped = pd.DataFrame({"doc_id": ["b"], "sent_index": [2], "start": [40], "end": [47], "text": ["Matariki"],
                            "label": ["ORG"], "counted_as": [""], "reason": ["headline fragment"]})
    result = apply_corrections(mentions(), [Correction("restore", "Matariki", label="EVENT")], dropped)
    restored = result[result["entity"] == "Matariki"].iloc[0]
    assert (restored["entity_label"], restored["source"], restored["start"]) == ("EVENT", "restored", 40)


def test_keep_changes_nothing_and_parses() -> None:
    fixes, problems = parse_corrections("action,entity,target,label\nkeep,Joe Biden,Joseph Biden,\n"
                                        "split,Benjamin Netanyahu,,\n")
    assert fixes == [Correction("keep", "Joe Biden", "Joseph Biden")]
    assert "split needs a target" in problems[0].message
    pd.testing.assert_frame_equal(apply_corrections(mentions(), fixes), mentions())
