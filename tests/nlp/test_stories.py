"""Stories: articles on one event clustered within a date window; other events kept apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lib.nlp.copies import find_copies
from lib.nlp.stories import find_stories, group_articles

EVAL = Path(__file__).resolve().parents[2] / "eval" / "corpus"
BRIDGE = ("pasted/va-search-resume-six-workers-baltimore-bridge.txt", "2024-03-27")
BRIDGE_TOO = ("pasted/va-six-workers-missing-bridge-collapse-presumed-dead.txt", "2024-03-27")
PARALYMPICS = ("pasted/ob-paralympic-rowing-final-day-medals.txt", "2012-09-02")


def frame(*articles: tuple[str, str]) -> pd.DataFrame:
    texts = [(EVAL / name).read_text(encoding="utf-8") for name, _ in articles]
    return pd.DataFrame({
        "doc_id": [f"d{n}" for n in range(len(articles))], "text": texts,
        "title": [text.split("\n", 1)[0] for text in texts], "published": [day for _, day in articles],
        "outlet": ["Voice of America"] * len(articles),
    })


def test_two_reports_of_one_event_share_a_story_and_another_event_does_not() -> None:
    documents = frame(BRIDGE, BRIDGE_TOO, PARALYMPICS)
    stories = find_stories(documents, find_copies(documents)).set_index("doc_id")
    assert stories.loc["d0", "story"] == stories.loc["d1", "story"]
    assert stories.loc["d2", "story"] != stories.loc["d0", "story"]
    assert stories.loc["d0", "story_size"] == 2


def test_the_same_text_months_apart_is_still_one_copy_group_but_no_window_joins_other_events() -> None:
    documents = frame(BRIDGE, (BRIDGE_TOO[0], "2024-09-27"))
    groups = group_articles(documents).set_index("doc_id")
    assert groups.loc["d0", "story"] != groups.loc["d1", "story"]  # 184 days apart: not one event


def test_closest_story_averages_each_story_of_the_window_and_keeps_the_older_on_a_tie() -> None:
    from lib.nlp.stories import _closest_story

    sims = np.array([0.5, 0.1, 0.3, 0.3])
    assert _closest_story(np.array([7, 8, 7, 9]), sims) == (7, pytest.approx(0.4))  # labels close together
    assert _closest_story(np.array([7, 90_000, 7, 9]), sims) == (7, pytest.approx(0.4))  # an old story
    assert _closest_story(np.array([9, 4, 4, 9]), np.array([0.2, 0.3, 0.1, 0.4])) == (9, pytest.approx(0.3))
    assert _closest_story(np.array([9, 4, 4, 9]), np.full(4, 0.25)) == (4, 0.25)  # a tie: the older story
