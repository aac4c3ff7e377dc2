"""Reported figures placed in time, as series across outlets, and the pairs that disagree."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import numpy as np
import pandas as pd

from lib.analysis.dates import RESOLVED, resolve_date_expression
from lib.analysis.lanes import DATE_COLUMNS, describe_documents, latest_named_dates
from lib.analysis.voices import resolve_names
from lib.nlp.figure_kinds import load_kinds

PLACED_FIGURE_COLUMNS = [
    "doc_id", "sent_index", "start", "end", "text", "value", "qualifier", "kind", "subject", "scope",
    "holder", "claimant", "window", "window_text", "sentence", "title", "published", "published_source",
    "outlet", "subject_key", "scope_key", "series", "placement", "latest_named_date", "window_start",
    "window_end", "as_of", "as_of_source", "named", "key",
]
"""A placed figure: what it counts (kind, scope), who claims it (holder as written, claimant as a
canonical entity), as of when (the date stated, else the article's date, else unknown, with
``as_of_source`` saying which), the entities its sentence names, and its chart key. The sentence
itself is there only when the figures given to ``place_figures`` carry it."""


GENERIC_SUBJECTS = frozenset({"", "people", "person", "persons", "individuals", "others", "other"})


def subject_key(subject: object) -> str:
    """Normalise who a figure counts; generic words ("people") become ""."""
    text = subject.lower().strip() if isinstance(subject, str) else ""
    return "" if text in GENERIC_SUBJECTS else text


def scope_key(scope: object) -> str:
    """Who a figure counts, for comparing: lower case, without generic words or the counted
    noun its kind already says ("people" → "", "Israeli hostages" → "israeli")."""
    words = str(scope).lower().split() if isinstance(scope, str) else []
    nouns = load_kinds().parts.get("noun", {})
    return " ".join(word for word in words if word not in GENERIC_SUBJECTS and word != "the"
                    and word not in nouns and word.removesuffix("s") not in nouns)


def _map_distinct(values: pd.Series, function: Callable[[object], str]) -> pd.Series:
    """``values.map(function)``, calling it once per distinct value (a figure's words repeat)."""
    distinct = values.drop_duplicates()
    return values.map(dict(zip(distinct, map(function, distinct), strict=True)))


def _resolve_window(text: str, published: object) -> tuple[object, object]:
    if not isinstance(text, str) or not text or text == "since":
        return pd.NaT, pd.NaT
    anchor = None if pd.isna(published) else published.date()
    resolution = resolve_date_expression(text, anchor, "")
    if resolution.status != RESOLVED:
        return pd.NaT, pd.NaT
    return pd.Timestamp(resolution.start), pd.Timestamp(resolution.end or resolution.start)


def _window_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """window_start/window_end for each row, resolving each distinct (text, date) once."""
    keys = frame[["window_text", "published"]].drop_duplicates()
    resolved = [_resolve_window(text, day) for text, day in keys.itertuples(index=False)]
    keys = keys.assign(window_start=pd.to_datetime([start for start, _ in resolved]),
                       window_end=pd.to_datetime([end for _, end in resolved]))
    return frame.merge(keys, on=["window_text", "published"], how="left")


def _as_of(frame: pd.DataFrame) -> pd.DataFrame:
    """as_of: the end of a stated window, else the article's date, else unknown (NaT)."""
    stated = (frame["window"] == "windowed") & frame["window_end"].notna()
    as_of = frame["window_end"].where(stated, frame["published"])
    source = np.where(stated, "stated: " + frame["window_text"].astype(str),
                      np.where(frame["published"].notna(), "article date", "unknown"))
    return frame.assign(as_of=pd.to_datetime(as_of), as_of_source=source)


def _named_entities(frame: pd.DataFrame, mentions: pd.DataFrame | None,
                    named: pd.DataFrame | None = None) -> pd.Series:
    """The canonical entities each figure's sentence names, "; "-joined (the story it is about);
    ``named`` (doc_id, sent_index, named), when given, is that already joined per sentence."""
    if named is not None:
        named = named.astype({"sent_index": "int64"}).set_index(["doc_id", "sent_index"])["named"]
    elif mentions is None or mentions.empty:
        return pd.Series("", index=frame.index, dtype=object)
    else:
        named = mentions.dropna(subset=["entity"]).groupby(["doc_id", "sent_index"])["entity"].agg(
            lambda values: "; ".join(sorted(set(map(str, values)))))
    keys = pd.MultiIndex.from_frame(frame[["doc_id", "sent_index"]].astype({"sent_index": "int64"}))
    return pd.Series(named.reindex(keys).fillna("").to_numpy(), index=frame.index, dtype=object)


def _claimants(figures: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.Series:
    """The claim holder as a canonical entity where it names one (through ``resolve_names``)."""
    if mentions is None or mentions.empty or "holder_name" not in figures:
        return pd.Series("", index=figures.index, dtype=object)
    frame = figures.assign(holder_name=figures["holder_name"].fillna(""))
    found = resolve_names(frame, mentions, start="holder_name_start", name="holder_name")["entity"]
    return found.fillna("").astype(object)


def place_figures(figures: pd.DataFrame, documents: pd.DataFrame, events: pd.DataFrame, *,
                  mentions: pd.DataFrame | None = None, named: pd.DataFrame | None = None) -> pd.DataFrame:
    """Figures with their outlet, article date, series, as-of date and claimant.

    ``mentions`` resolve claim holders to entities (and, without ``named``, give the entities
    each figure's sentence names); ``named`` is those entities already joined per sentence.

    An undated article's figures get ``placement`` "undated" and the latest date its text
    names, which bounds when it was written; they are never given a made-up date, and their
    as-of date is unknown unless the sentence states one.
    """
    columns = [name for name in PLACED_FIGURE_COLUMNS if name != "sentence" or "sentence" in figures]
    if figures.empty:
        return pd.DataFrame({
            name: pd.Series(dtype="datetime64[ns]" if name in DATE_COLUMNS | {"as_of"} else "object")
            for name in columns
        })
    figures = figures.reset_index(drop=True)
    for column in ("scope", "holder_name"):
        if column not in figures:
            figures = figures.assign(**{column: ""})
    figures = figures.assign(claimant=_claimants(figures, mentions),
                             named=_named_entities(figures, mentions, named))
    frame = figures.merge(describe_documents(documents), on="doc_id", how="inner")
    frame["subject_key"] = _map_distinct(frame["subject"], subject_key)
    frame["scope_key"] = _map_distinct(frame["scope"], scope_key)
    frame["series"] = (frame["kind"] + " · " + frame["subject_key"].replace("", "unspecified")
                       + " · " + frame["window"])
    frame["placement"] = np.where(frame["published"].isna(), "undated", "article date")
    frame = frame.merge(latest_named_dates(events), on="doc_id", how="left")
    frame["latest_named_date"] = frame["latest_named_date"].where(frame["published"].isna())
    frame = _as_of(_window_dates(frame))
    frame["key"] = "fig|" + frame["doc_id"] + "|" + frame["start"].astype(str)
    frame = frame.sort_values(["kind", "published", "value", "doc_id", "start"], ignore_index=True,
                              na_position="last")
    return frame[columns]


def select_kinds(frame: pd.DataFrame, kinds: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Rows of a figures table whose kind was chosen."""
    if frame.empty or "kind" not in frame:
        return frame
    return frame[frame["kind"].isin(list(kinds))]


def list_series(placed: pd.DataFrame, *, min_reports: int = 2) -> pd.DataFrame:
    """Running totals reported more than once, in order: dated by article date, undated last.

    ``change`` is the difference from the previous dated report in the same series.
    """
    if placed.empty:
        return placed.assign(change=pd.Series(dtype="float64"))
    cumulative = placed[placed["window"] == "cumulative"]
    sizes = cumulative.groupby("series")["doc_id"].transform("size")
    frame = cumulative[sizes >= min_reports].sort_values(
        ["series", "published", "value"], na_position="last", ignore_index=True
    )
    dated_values = frame["value"].where(frame["published"].notna())
    frame["change"] = dated_values - dated_values.groupby(frame["series"]).shift(1)
    return frame


QUALIFIER_BOUNDS = {
    "more than": (1.0, np.inf), "over": (1.0, np.inf), "upwards of": (1.0, np.inf),
    "at least": (1.0, np.inf), "less than": (0.0, 1.0), "fewer than": (0.0, 1.0),
    "under": (0.0, 1.0), "at most": (0.0, 1.0), "up to": (0.0, 1.0), "as many as": (0.0, 1.0),
    "nearly": (0.9, 1.0), "almost": (0.9, 1.0), "close to": (0.9, 1.0),
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1), "roughly": (0.9, 1.1),
    "some": (0.9, 1.1), "an estimated": (0.9, 1.1),
}
"""What a hedge allows, as factors of the number ("nearly 100" is 90 to 100)."""


def value_bounds(value: float, qualifier: object) -> tuple[float, float]:
    """The range of counts a reported figure allows, its hedge and rounding included.

    A number ending in zeros may be rounded ("1,200" allows 1,150 to 1,250); "more than 1,200"
    allows anything above 1,150; "253" allows only 253.
    """
    digits = str(int(value)) if float(value).is_integer() else ""
    zeros = len(digits) - len(digits.rstrip("0")) if digits and digits != "0" else 0
    slack = 0.5 * 10 ** zeros if zeros else 0.0
    low, high = QUALIFIER_BOUNDS.get(str(qualifier or ""), (1.0, 1.0))
    return value * low - slack, value * high + slack


def _same_time(a: Mapping, b: Mapping) -> str:
    """Why two figures count the same moment ("" if they do not): overlapping stated windows,
    or articles of the same day; an unknown as-of date is never comparable."""
    if pd.isna(a["as_of"]) or pd.isna(b["as_of"]):
        return ""
    stated = [str(row["as_of_source"]).startswith("stated") for row in (a, b)]
    if all(stated):
        if a["window_start"] <= b["window_end"] and b["window_start"] <= a["window_end"]:
            return f"both count {a['window_start']:%Y-%m-%d}" + (
                "" if a["window_end"] == a["window_start"] else f" to {a['window_end']:%Y-%m-%d}")
        return ""
    if any(stated) or a["as_of"] != b["as_of"]:
        return ""
    return f"both as of their articles' date, {a['as_of']:%Y-%m-%d}"


def _names(row: Mapping) -> set[str]:
    """The entities a figure's sentence names (kept in its record under "names" once made)."""
    if "names" in row:
        return row["names"]
    return {n for n in str(row["named"]).split("; ") if n}


def _bounds(row: Mapping) -> tuple[float, float]:
    """``value_bounds`` of a figure (kept in its record under "bounds" once made)."""
    if "bounds" in row:
        return row["bounds"]
    return value_bounds(row["value"], row["qualifier"])


def _shared_names(a: Mapping, b: Mapping) -> list[str]:
    return sorted(_names(a) & _names(b))


def compare_figures(a: Mapping, b: Mapping) -> str:
    """Why two figures disagree, or "" when they do not.

    They disagree only when they count the same thing (same kind and scope), about the same
    story (their sentences name a common entity), as of the same time, and no count fits both
    once hedges and rounding are allowed for ("more than 1,200" does not contradict 1,200).
    """
    if a["kind"] != b["kind"] or a["scope_key"] != b["scope_key"] or a["outlet"] == b["outlet"]:
        return ""
    (low_a, high_a), (low_b, high_b) = _bounds(a), _bounds(b)
    if low_a <= high_b and low_b <= high_a:  # the cheapest test first: most pairs agree
        return ""
    when = _same_time(a, b)
    shared = _shared_names(a, b)
    if not when or not shared:
        return ""
    scope = a["scope_key"] or "unspecified"
    return (f"same kind ({a['kind']}) and scope ({scope}); {when}; both sentences name "
            f"{', '.join(shared[:3])}; no count fits both {describe_value(a)} and {describe_value(b)}")


def describe_value(row: Mapping) -> str:
    return f"{row['qualifier']} {row['value']:,.0f}".strip()


FLAG_SIDE = ("value", "qualifier", "outlet", "published", "as_of", "as_of_source", "claimant",
             "holder", "sentence", "doc_id", "key")
FLAG_COLUMNS = ["kind", "scope", "reason"] + [f"{c}_{side}" for side in "ab" for c in FLAG_SIDE]


PAIR_INPUTS = ("kind", "scope_key", "outlet", "as_of", "as_of_source", "window_start", "window_end", "named",
               "value", "qualifier")
"""What ``compare_figures`` reads of a figure."""


def _pair_row(a: Mapping, b: Mapping, reason: str) -> dict[str, object]:
    row: dict[str, object] = {"kind": a["kind"], "scope": a["scope_key"] or "unspecified", "reason": reason}
    for side, figure in (("a", a), ("b", b)):
        for column in FLAG_SIDE:
            if column in figure:  # figures without their sentences give pairs without them
                row[f"{column}_{side}"] = figure[column]
    return row


def flag_columns(placed: pd.DataFrame) -> list[str]:
    """``FLAG_COLUMNS``, without sentence_a and sentence_b for figures without their sentences."""
    return [c for c in FLAG_COLUMNS if "sentence" in placed or c not in ("sentence_a", "sentence_b")]


def _blocks(frame: pd.DataFrame, keys: list[str]) -> Iterator[np.ndarray]:
    """Positions of each group's rows in ``frame``, groups in sorted order (as ``groupby`` iterates)."""
    if frame.empty:
        return
    groups = frame.groupby(keys, sort=True).ngroup().fillna(-1).to_numpy(dtype="int64")
    order = np.argsort(groups, kind="stable")
    starts = np.flatnonzero(np.diff(groups[order], prepend=-2))
    for block in np.split(order, starts[1:]):
        if groups[block[0]] >= 0:  # -1: a key is missing, as groupby drops it
            yield block


def _candidate_pairs(placed: pd.DataFrame) -> Iterator[tuple[dict, dict]]:
    """Pairs that may count the same moment: figures of one kind and scope from articles of the
    same day, or with stated windows that overlap (a sweep over window starts). Rows become
    records once (a block at a time took most of the view's time)."""
    dated = placed[placed["as_of"].notna()].reset_index(drop=True)
    values = {column: dated[column].tolist() for column in dict.fromkeys([*PAIR_INPUTS, *FLAG_SIDE])
              if column in dated}
    records: dict[int, dict] = {}

    def record(i: int) -> dict:  # made when a block is reached: the search stops at its limit
        if i not in records:
            made = {column: column_values[i] for column, column_values in values.items()}
            records[i] = {**made, "bounds": _bounds(made), "names": _names(made)}  # once per figure, not per pair
        return records[i]

    stated = dated["as_of_source"].astype(str).str.startswith("stated").to_numpy()
    plain = np.flatnonzero(~stated)
    for block in _blocks(dated.iloc[plain], ["kind", "scope_key", "as_of"]):
        rows = [record(i) for i in plain[block]]
        yield from ((a, b) for i, a in enumerate(rows) for b in rows[i + 1 :])
    windowed = np.flatnonzero(stated)
    for block in _blocks(dated.iloc[windowed], ["kind", "scope_key"]):
        starts = dated["window_start"].iloc[windowed[block]]
        rows = [record(i) for i in starts.sort_values().index]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if b["window_start"] > a["window_end"]:
                    break
                yield a, b


def flag_discrepancies(placed: pd.DataFrame, *, limit: int = 500) -> pd.DataFrame:
    """Pairs of figures from different outlets that cannot both be right, with both sentences
    (where the figures carry them) and why they are comparable (``compare_figures``). At most
    ``limit`` pairs."""
    rows: list[dict[str, object]] = []
    if placed.empty:
        return pd.DataFrame(columns=flag_columns(placed))
    for a, b in _candidate_pairs(placed):
        reason = compare_figures(a, b)
        if reason:
            rows.append(_pair_row(a, b, reason))
        if len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=flag_columns(placed))
