"""Small samples said in words: which outlets have too little for the claim a measure draws."""

from __future__ import annotations

import pandas as pd

from lib.analysis.cues import MIN_WORDS as CUE_MIN_WORDS
from lib.analysis.tone import MIN_SENTENCES
from lib.analysis.voices import MIN_QUOTED_WORDS, MIN_VERB_QUOTES

MEASURES = {
    "speakers": ("n", MIN_QUOTED_WORDS, "quoted words", "who an outlet quotes"),
    "verbs": ("n", MIN_VERB_QUOTES, "attributed quotes", "an outlet's reporting verbs"),
    "tone": ("n_sentences", MIN_SENTENCES, "sentences", "an outlet's tone"),
    "lexicon": ("n_words", CUE_MIN_WORDS, "words", "an outlet's rate of cues"),
}
"""Per measure: the column holding n, the least n that supports its claim, n's unit, the claim."""


def describe_thin(outlets: pd.DataFrame, measure: str, *, shown: int = 6) -> str | None:
    """One sentence naming the outlets whose n is under the measure's minimum; None when there are none."""
    column, minimum, unit, claim = MEASURES[measure]
    if outlets.empty or column not in outlets:
        return None
    sizes = outlets.drop_duplicates("outlet").set_index("outlet")[column].fillna(0).astype(int)
    thin = sizes[sizes < minimum].sort_values()
    if thin.empty:
        return None
    named = ", ".join(f"{outlet} ({n:,} {unit})" for outlet, n in thin.head(shown).items())
    more = f" and {len(thin) - shown} more" if len(thin) > shown else ""
    return (f"{named}{more}: too few {unit} to say {claim} (at least {minimum:,} are needed); "
            "marked instead of drawn.")
