"""Small samples in words: what a count of articles is too few for, said beside the measure."""

from __future__ import annotations

FEW_ARTICLES = {
    "a ranking that stands for the outlets' coverage": 20,
    "comparing outlets' shares": 10,
    "a trend over time": 10,
}
"""Fewest articles each claim needs before it reads as more than these articles' wording."""


def describe_sample(articles: int, *, claim: str = "a ranking that stands for the outlets' coverage") -> str | None:
    """A sentence saying the sample is too small for the claim, or None when it is large enough."""
    needed = FEW_ARTICLES.get(claim, 10)
    if articles >= needed:
        return None
    noun = "article" if articles == 1 else "articles"
    return f"{articles} {noun}: too few for {claim} (about {needed} or more needed); read it as these articles only."
