"""Copies of one text: found when trimmed or re-headed, never between different stories; their origin."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lib.nlp.copies import (
    _permutations,
    band_candidates,
    choose_origin,
    find_copies,
    find_copy_pairs,
    shingle_hashes,
    signature,
    signatures,
    word_hashes,
)

EVAL = Path(__file__).resolve().parents[2] / "eval" / "corpus"


def body(name: str) -> str:
    """A benchmark article's text without its first line (the headline)."""
    return (EVAL / name).read_text(encoding="utf-8").split("\n", 1)[1]


@pytest.fixture(scope="module")
def helene() -> str:
    return body("pasted/va-hurricane-helene-kills-40.txt")


def documents(*texts: str, outlets: tuple[str, ...] = (), dates: tuple[str, ...] = ()) -> pd.DataFrame:
    count = len(texts)
    return pd.DataFrame({
        "doc_id": [f"d{n}" for n in range(count)], "text": list(texts),
        "outlet": list(outlets) or [f"Outlet {n}" for n in range(count)],
        "published": list(dates) or [""] * count,
    })


def test_a_copy_with_another_headline_and_first_paragraph_is_found(helene: str) -> None:
    paragraphs = [p for p in helene.split("\n\n") if p.strip()]
    copy = "\n\n".join(["Storm toll rises across the Southeast",
                        "Officials in several states said on Saturday that the count was still rising.",
                        *paragraphs[1:]])
    pairs = find_copy_pairs({"origin": helene, "copy": copy})
    assert [(left, right) for left, right, _ in pairs] == [("origin", "copy")]


def test_a_trimmed_copy_is_found(helene: str) -> None:
    paragraphs = [p for p in helene.split("\n\n") if p.strip()]
    trimmed = "\n\n".join(paragraphs[: max(3, len(paragraphs) // 3)])
    assert len(find_copy_pairs({"origin": helene, "trimmed": trimmed})) == 1


def test_two_stories_from_one_wire_on_one_day_are_not_copies() -> None:
    bridge = body("pasted/va-search-resume-six-workers-baltimore-bridge.txt")
    presumed = body("pasted/va-six-workers-missing-bridge-collapse-presumed-dead.txt")
    frame = find_copies(documents(bridge, presumed, outlets=("Voice of America",) * 2,
                                  dates=("2024-03-27", "2024-03-27")))
    assert frame["copy_group"].nunique() == 2 and (frame["copy_size"] == 1).all()


def test_two_interviews_from_one_template_are_not_copies() -> None:
    template = ("{name} is running for the Green Party in the provincial election, in the {riding} riding. "
                "Our reporter interviewed {him} regarding values, experience and the campaign. Stay tuned for "
                "further interviews; every candidate from every party is eligible, and will be contacted. "
                "Expect interviews from every party as well as independents, and from every riding in the "
                "province, before the vote on the eleventh of the month.")
    one = template.format(name="John Ogilvie", riding="Carleton", him="him")
    two = template.format(name="Mary Zetterlund", riding="Willowdale", him="her")
    people = {"a": {"ogilvie"}, "b": {"zetterlund"}}
    assert find_copy_pairs({"a": one, "b": two}, people) == []
    assert len(find_copy_pairs({"a": one, "b": two})) == 1  # without names, the words alone agree


def test_the_origin_is_the_wire_credit_the_copies_agree_on() -> None:
    members = [("a", "Local Gazette", "2024-05-02", "Associated Press"), ("b", "Town Herald", "2024-05-01", "")]
    assert choose_origin(members) == ("b", "Associated Press", "wire credit (Associated Press)")


def test_else_the_earliest_dated_copy_and_a_tie_stays_unknown() -> None:
    members = [("a", "Town Herald", "2024-05-02", ""), ("b", "Voice of America", "2024-05-01", "")]
    assert choose_origin(members) == ("b", "Voice of America", "earliest dated copy (2024-05-01)")
    tie = [("a", "Town Herald", "2024-05-01", ""), ("b", "Voice of America", "2024-05-01", "")]
    assert choose_origin(tie) == ("a", "", "unknown")


def test_signatures_of_many_sets_equal_each_set_signed_alone(helene: str) -> None:
    paragraphs = [p for p in helene.split(". ") if len(p.split()) > 5]
    sets = [shingle_hashes(word_hashes(p)) for p in paragraphs]
    a, b = _permutations()
    together = signatures(sets, a, b, chunk=64)  # several chunks
    assert len(sets) >= 5
    assert np.array_equal(together, np.stack([signature(found, a, b) for found in sets]))


def test_band_candidates_are_the_pairs_agreeing_on_a_whole_band() -> None:
    rows = np.random.default_rng(3).integers(0, 3, size=(40, 6)).astype(np.uint64)
    expected = sorted(
        (i, j) for j in range(40) for i in range(j)
        if any(np.array_equal(rows[i, band * 2:band * 2 + 2], rows[j, band * 2:band * 2 + 2]) for band in range(3))
    )
    found = band_candidates(rows, bands=3, width=2).tolist()
    assert sorted(map(tuple, found)) == expected
    assert found == sorted(found, key=lambda pair: (pair[1], pair[0]))
