"""Distinctive terms between two groups of outlets (by outlet, country or kind), with the verdict in words."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.analysis.filters import outlet_labels

REST = "all the rest"
"""Group B's value meaning every outlet of the selection that is not in group A."""
GROUPINGS = {"outlet": "outlet", "country": "outlet_country", "kind": "outlet_kind"}
"""What groups can be made of: an outlet, or the registry's country or kind of an outlet."""
NOT_IN_REGISTRY = "(not in the registry)"
Z_95 = 1.96
"""|z| beyond which a term leans to one group at the 95 % level."""
MIN_WORDS = 250
"""A group with fewer words than this gets no z-scores, only its counts."""
MIN_ARTICLES = 5
"""Fewer articles than this on a side: its terms describe those articles' stories, not a habit."""
MIN_TERM_COUNT = 2
"""Terms used fewer times than this by the two groups together are not tested."""
TERM_COLUMNS = ["term", "kind", "count_a", "count_b", "per_1000_a", "per_1000_b", "total", "delta", "z"]


def describe_outlets(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: its registry country and kind (the most common value), articles and words."""
    labels = outlet_labels(documents).to_numpy()
    frame = pd.DataFrame({
        "outlet": labels,
        "country": _registry_value(documents, "outlet_country"),
        "kind": _registry_value(documents, "outlet_kind"),
        "words": pd.to_numeric(documents["words"], errors="coerce").fillna(0).to_numpy(),
    })
    grouped = frame.groupby("outlet", sort=True)
    return pd.DataFrame({
        "country": grouped["country"].agg(lambda values: values.mode().iloc[0]),
        "kind": grouped["kind"].agg(lambda values: values.mode().iloc[0]),
        "articles": grouped.size(),
        "words": grouped["words"].sum().astype(int),
    }).reset_index()


def _registry_value(documents: pd.DataFrame, column: str) -> np.ndarray:
    values = documents[column] if column in documents else pd.Series("", index=documents.index)
    return values.fillna("").astype(str).replace("", NOT_IN_REGISTRY).to_numpy()


def list_groups(outlets: pd.DataFrame, by: str) -> list[str]:
    """The values group A can take for a grouping, most articles first (ties by name)."""
    column = "outlet" if by == "outlet" else by
    sizes = outlets.groupby(column)["articles"].sum()
    return sorted(sizes.index, key=lambda value: (-sizes[value], value))


def members(outlets: pd.DataFrame, by: str, value: str, *, besides: str | None = None) -> list[str]:
    """The outlets in a group; ``REST`` is every outlet not in the group ``besides``."""
    column = "outlet" if by == "outlet" else by
    if value == REST:
        return sorted(outlets.loc[outlets[column] != besides, "outlet"])
    return sorted(outlets.loc[outlets[column] == value, "outlet"])


def compare_groups(counts: pd.DataFrame, group_a: list[str], group_b: list[str], *,
                   words_a: int, words_b: int, prior_weight: float = 1.0,
                   min_count: int = MIN_TERM_COUNT) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), A vs B.

    The prior count of a term is ``prior_weight`` times its count in A and B together.
    delta = log((y_a + a) / (n_a + a0 - y_a - a)) - log((y_b + a) / (n_b + a0 - y_b - a)),
    var ~ 1 / (y_a + a) + 1 / (y_b + a), z = delta / sqrt(var); positive z leans to A.
    ``counts`` has one row per (outlet, term, kind); rates are per 1,000 words of each group.
    """
    side = np.where(counts["outlet"].isin(group_a), "a", np.where(counts["outlet"].isin(group_b), "b", ""))
    used = counts.assign(side=side)[side != ""]
    if used.empty:
        return pd.DataFrame(columns=TERM_COLUMNS)
    table = used.pivot_table(index=["term", "kind"], columns="side", values="count", aggfunc="sum",
                             fill_value=0).reindex(columns=["a", "b"], fill_value=0)
    table = table[table.sum(axis=1) >= min_count]
    y_a, y_b = table["a"].to_numpy(dtype=float), table["b"].to_numpy(dtype=float)
    alpha = prior_weight * (y_a + y_b)
    alpha0, n_a, n_b = alpha.sum(), y_a.sum(), y_b.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log(y_a + alpha) - np.log(n_a + alpha0 - y_a - alpha)
                 - np.log(y_b + alpha) + np.log(n_b + alpha0 - y_b - alpha))
        z = delta / np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    frame = pd.DataFrame({
        "term": table.index.get_level_values("term"), "kind": table.index.get_level_values("kind"),
        "count_a": y_a.astype(int), "count_b": y_b.astype(int),
        "per_1000_a": 1000 * y_a / max(words_a, 1), "per_1000_b": 1000 * y_b / max(words_b, 1),
        "total": (y_a + y_b).astype(int), "delta": delta, "z": z,
    })
    return frame.sort_values(["z", "total"], ascending=[False, False]).reset_index(drop=True)


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its label, outlets, articles and words."""

    label: str
    outlets: list[str]
    articles: int
    words: int


@dataclass(frozen=True)
class Comparison:
    """Two groups' terms scored against each other, and what can be said of them in words."""

    a: Side
    b: Side
    terms: pd.DataFrame
    scored: bool
    passing_a: int
    passing_b: int
    verdict: str
    notes: list[str] = field(default_factory=list)


def make_side(outlets: pd.DataFrame, names: list[str], label: str) -> Side:
    """A side from its outlets (articles and words summed from ``describe_outlets``)."""
    rows = outlets[outlets["outlet"].isin(names)]
    return Side(label, names, int(rows["articles"].sum()), int(rows["words"].sum()))


def side_label(by: str, value: str, names: list[str]) -> str:
    """How a group is named: an outlet by its name, a country or kind with its number of outlets."""
    if by == "outlet" and value != REST:
        return value
    noun = "outlet" if len(names) == 1 else "outlets"
    return f"{value} ({len(names)} {noun})"


def compare_sides(counts: pd.DataFrame, a: Side, b: Side, *, prior_weight: float = 1.0) -> Comparison:
    """Score A against B and say in words what passes, and what the sample sizes allow."""
    terms = compare_groups(counts, a.outlets, b.outlets, words_a=a.words, words_b=b.words,
                           prior_weight=prior_weight)
    notes = [note for note in (sample_note(a), sample_note(b)) if note]
    scored = a.words >= MIN_WORDS and b.words >= MIN_WORDS and not terms.empty
    if not scored:
        terms = terms.assign(delta=np.nan, z=np.nan)
        return Comparison(a, b, terms, False, 0, 0, unscored_verdict(a, b, terms), notes)
    passing_a, passing_b = int((terms["z"] >= Z_95).sum()), int((terms["z"] <= -Z_95).sum())
    return Comparison(a, b, terms, True, passing_a, passing_b,
                      scored_verdict(a, b, len(terms), passing_a, passing_b), notes)


def sample_note(side: Side) -> str | None:
    """A side's sample in words when it is too small for the claim the terms draw."""
    if side.words < MIN_WORDS:
        return (f"{side.label}: {side.words:,} words: too little text to score terms "
                f"(at least {MIN_WORDS:,} are needed).")
    if side.articles < MIN_ARTICLES:
        noun, story = ("article", "this article's story") if side.articles == 1 else (
            "articles", "these articles' stories")
        return (f"{side.label}: {side.articles} {noun}: too few for significant term differences; "
                f"its terms describe {story}, not a habit (at least {MIN_ARTICLES} articles are needed).")
    return None


def unscored_verdict(a: Side, b: Side, terms: pd.DataFrame) -> str:
    """Why no z-score is given."""
    if terms.empty:
        return f"{a.label} and {b.label} share no term used at least {MIN_TERM_COUNT} times."
    return f"No z-scores: {a.label} or {b.label} has too little text; the terms are listed by count only."


def scored_verdict(a: Side, b: Side, tested: int, passing_a: int, passing_b: int) -> str:
    """The comparison's result in one or two sentences, with what chance alone would give."""
    chance = 0.05 * tested
    if passing_a + passing_b == 0:
        return (f"No term passes |z| ≥ {Z_95} between {a.label} and {b.label} ({tested:,} terms tested): "
                f"nothing here is distinctive at the 95 % level. The strongest terms are shown with their z.")
    text = (f"{passing_a:,} of {tested:,} terms lean to {a.label} and {passing_b:,} to {b.label} "
            f"at |z| ≥ {Z_95}.")
    if passing_a + passing_b <= chance:
        text += (f" Chance alone would let about {chance:.0f} of {tested:,} terms pass, so these may be "
                 "noise: read their sentences before drawing a conclusion.")
    return text


def strongest_terms(terms: pd.DataFrame, *, each: int = 10) -> pd.DataFrame:
    """The ``each`` highest and lowest z terms, with the side each leans to and whether it passes."""
    scored = terms[terms["z"].notna()]
    top = scored[scored["z"] > 0].nlargest(each, "z").assign(side="a")
    bottom = scored[scored["z"] < 0].nsmallest(each, "z").assign(side="b")
    both = pd.concat([top, bottom], ignore_index=True)
    return both.assign(passes=both["z"].abs() >= Z_95)


def list_versus(outlets: pd.DataFrame, by: str, group_a: str | None) -> list[str]:
    """Group B's choices: every other outlet of the selection together, then each other group."""
    return [REST, *(value for value in list_groups(outlets, by) if value != group_a)]


def find_terms(terms: pd.DataFrame, text: str | None, *, limit: int = 25) -> list[str]:
    """Terms containing ``text`` (case-insensitive), most used first: a search on the scatter."""
    needle = (text or "").strip().lower()
    if not needle or terms.empty:
        return []
    hits = terms[terms["term"].str.lower().str.contains(needle, regex=False)]
    return hits.nlargest(limit, "total")["term"].tolist()


def rank_term_choices(terms: pd.DataFrame) -> pd.DataFrame:
    """Every compared term, strongest |z| first (then most used), for a term picker."""
    strength = terms["z"].abs().fillna(0)
    return terms.assign(strength=strength).sort_values(["strength", "total"], ascending=False)


def pick_sides(sentences: pd.DataFrame, comparison: Comparison) -> pd.DataFrame:
    """A term's sentences from the two compared groups, each with the group it belongs to."""
    side = np.where(sentences["outlet"].isin(comparison.a.outlets), comparison.a.label,
                    np.where(sentences["outlet"].isin(comparison.b.outlets), comparison.b.label, ""))
    picked = sentences.assign(group=side)
    return picked[picked["group"] != ""].reset_index(drop=True)
