"""Tests of the line-shape test that keeps headlines, links and captions out of quotes and figures."""

from __future__ import annotations

import pytest

from lib.nlp.line_shape import BODY, CAPTION, HEADING, is_body_at, line_kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("The wildfire has killed more than 90 people.", BODY),
        ("Java Jive writes about the flooding in Jakarta:", BODY),
        ("The demonstrations have already killed six people [2], including one police officer.", BODY),
        ("Fake news about “human sacrifices” for the Padma Bridge leads to violence in Bangladesh", HEADING),
        ("‘Massacre’ of Suspected Gang Members Has Mozambicans Asking: What's the Role of Police?", HEADING),
        ("Women check their phones at a bus stop displaying portraits of Israeli hostages taken by Hamas "
         "militants during their Oct. 7, 2023, terror attack on Israel, in Jerusalem, Jan. 15, 2025.", CAPTION),
        ("The U.N. says it needs more than $300 million to assist the hardest hit victims of", BODY),  # wrapped
    ],
)
def test_line_kind(line: str, kind: str) -> None:
    assert line_kind(line) == kind


def test_a_line_going_on_in_lower_case_was_wrapped() -> None:
    text = ("The U.N. says it needs more than $300 million to assist the hardest hit\n"
            "victims of Cyclone Nargis in Burma, the agency said on Tuesday.")
    assert is_body_at(text, 5)
    text = "VOA60 America - Six workers missing after Baltimore bridge collapse presumed dead\n\nplease wait"
    assert not is_body_at(text, 5)
