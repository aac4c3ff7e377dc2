"""The role ledger: titles given to people as written, and one office held by different people at once."""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from lib.analysis.filters import describe_documents
from lib.nlp.roles import normalise_org, normalise_title

UNQUALIFIED_SHARED_TITLES = frozenset(
    {
        "ambassador",
        "captain",
        "colonel",
        "commander",
        "envoy",
        "general",
        "lieutenant",
        "major",
        "minister",
        "president",
        "secretary",
        "sergeant",
        "spokesman",
        "spokesperson",
        "spokeswoman",
    }
)
"""Titles many people hold at once when nothing qualifies them ("spokesman", but not
"defense minister"); two holders of these are not a conflict."""

SHARED_TITLES = frozenset(
    {
        "adviser", "advisor", "aide", "brother", "counterpart", "hostage", "member", "official",
        "officer", "resident", "soldier", "source", "correspondent", "reporter", "journalist",
        "analyst", "expert", "professor", "admiral", "general", "colonel", "captain", "sergeant",
        "lieutenant", "commander", "specialist", "staff", "volunteer", "worker", "student",
        "corporal", "private", "airman", "seaman", "ensign", "brigadier", "marshal",
        # ranks as abbreviated before a name, and courtesy titles
        "gen", "lt", "col", "capt", "cpt", "cmdr", "cdr", "adm", "brig", "maj", "ltc", "sgt", "msgt",
        "cpl", "pvt", "pfc", "spc", "ens", "mr", "mrs", "ms", "dr",
    }
)  # fmt: skip

"""Head words that never name a one-holder office, however qualified (ranks and crowds:
"Rear Admiral", "VOA White House Correspondent")."""

_PREPOSITIONS = frozenset({"of", "for", "in", "to", "at", "on", "with"})
SAME_NAME_RATIO = 0.85
"""Names this similar (difflib ratio) are spellings of one person ("Netanyahu", "Netanyhu")."""


LEDGER_COLUMNS = [
    "role",
    "title",
    "title_norm",
    "org",
    "person",
    "person_label",
    "surface",
    "outlet",
    "published",
    "doc_id",
    "sent_index",
    "sentence",
]
LEDGER_VIEW_COLUMNS = ["title", "person", "outlet", "published", "sentence", "org", "role", "surface"]
CONFLICT_VIEW_COLUMNS = [
    "role", "timing", "person_a", "outlet_a", "published_a", "sentence_a",
    "person_b", "outlet_b", "published_b", "sentence_b", "title_a", "title_b",
]  # fmt: skip
CONFLICT_SIDE = ["person", "title", "outlet", "published", "doc_id", "sentence"]
CONFLICT_COLUMNS = (
    ["role"]
    + [f"{name}_a" for name in CONFLICT_SIDE]
    + [f"{name}_b" for name in CONFLICT_SIDE]
    + ["gap_days", "timing"]
)


def _overlapping(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    joined = left.merge(right, on=["doc_id", "sent_index"], suffixes=("", "_m"))
    hit = (joined["start_m"] < joined["end"]) & (joined["start"] < joined["end_m"])
    return joined[hit].drop_duplicates(["doc_id", "start", "end", "title"])


def role_of(title_norm: str, org: str | None) -> str:
    """Return the office a title names, without the body it names first ("israel's X" -> "X")."""
    key = normalise_org(org or "")
    for prefix in (f"{key}'s ", f"{key} "):
        if key and title_norm.startswith(prefix):
            return title_norm[len(prefix) :].strip()
    return title_norm


def build_role_ledger(
    roles: pd.DataFrame,
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
) -> pd.DataFrame:
    """Return title -> person -> outlet -> date rows, with the person as its canonical entity."""
    if roles.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    people = mentions[["doc_id", "sent_index", "start", "end", "entity", "entity_label"]]
    resolved = _overlapping(roles, people)[["doc_id", "start", "end", "title", "entity", "entity_label"]]
    ledger = roles.merge(resolved, on=["doc_id", "start", "end", "title"], how="left")
    ledger["surface"] = ledger["person"]
    ledger["person"] = ledger["entity"].fillna(ledger["surface"])
    ledger["person_label"] = ledger["entity_label"].fillna("")
    ledger["org"] = ledger["org"].fillna("")
    ledger["role"] = [role_of(norm, org) for norm, org in zip(ledger["title_norm"], ledger["org"], strict=True)]
    ledger = ledger.merge(describe_documents(documents)[["doc_id", "outlet", "published"]], on="doc_id")
    ledger = ledger.merge(
        sentences[["doc_id", "sent_index", "text"]].rename(columns={"text": "sentence"}),
        on=["doc_id", "sent_index"],
        how="left",
    )
    ledger["sentence"] = ledger["sentence"].fillna("").str.split().str.join(" ")
    ordered = ledger.sort_values(["role", "published", "person", "doc_id", "start"])
    return ordered.reset_index(drop=True)[LEDGER_COLUMNS]


def _head_word(role: str) -> str:
    words = role.split()
    for index, word in enumerate(words):
        if word in _PREPOSITIONS and index > 0:
            return words[index - 1]
    return words[-1] if words else ""


def _is_exclusive(role: str, titles: pd.Series) -> bool:
    """An office one person holds at a time: written capitalised somewhere, not a rank or crowd."""
    head = _head_word(role)
    if not head or head in SHARED_TITLES or (role == head and head in UNQUALIFIED_SHARED_TITLES):
        return False
    if head.endswith("s") and not head.endswith("ss"):
        return False  # a plural: "war cabinet ministers"
    return any(
        word[:1].isupper() and normalise_title(word) == head
        for title in titles
        for word in title.replace("-", " ").split()
    )


def _orgs_compatible(left: str, right: str) -> bool:
    """Bodies match when equal, unnamed on one side, or one names the other ("israel"/"israeli")."""
    return not left or not right or left.startswith(right) or right.startswith(left)


def _summarise_holders(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (role, person): first and last dated mention, undated, rows, bodies."""
    return (
        frame.assign(undated=frame["date"].isna())
        .groupby(["role", "person"])
        .agg(
            first=("date", "min"),
            last=("date", "max"),
            undated=("undated", "any"),
            rows=("doc_id", "size"),
            orgs=("org_key", lambda keys: tuple(sorted(set(keys)))),
        )
        .reset_index()
    )


def _any_compatible(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    return any(_orgs_compatible(a, b) for a in left for b in right)


def same_person(left: str, right: str) -> bool:
    """Two names of one person: the same surname, or spellings too close to tell apart
    ("Benjamin Netanyahu", "Binyamin Netanyahu", "Netanyahu")."""
    names = [unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().split()
             for name in (left, right)]
    if not names[0] or not names[1]:
        return False
    if names[0][-1] == names[1][-1]:
        return True
    return SequenceMatcher(None, " ".join(names[0]), " ".join(names[1])).ratio() >= SAME_NAME_RATIO


def _pair_holders(holders: pd.DataFrame, *, window_days: int, max_per_role: int, max_holders: int) -> pd.DataFrame:
    """Return holder pairs of one office whose dated periods overlap (within ``window_days``).

    Only the ``max_holders`` most-cited dated holders of each office are paired, which bounds
    the work on a large corpus; two names of one person are never a pair.
    """
    holders = holders[holders["first"].notna()]
    holders = holders.sort_values(["rows", "person"], ascending=[False, True]).groupby("role").head(max_holders)
    holders = holders.assign(open_org=[("" in orgs) for orgs in holders["orgs"]])
    pairs = holders.merge(holders, on="role", suffixes=("_a", "_b"))
    pairs = pairs[pairs["person_a"] < pairs["person_b"]]
    distinct = [not same_person(a, b) for a, b in zip(pairs["person_a"], pairs["person_b"], strict=True)]
    pairs = pairs[np.array(distinct, dtype=bool)]
    easy = pairs["open_org_a"] | pairs["open_org_b"]
    checked = [
        _any_compatible(a, b) for a, b in zip(pairs.loc[~easy, "orgs_a"], pairs.loc[~easy, "orgs_b"], strict=True)
    ]
    pairs = pd.concat([pairs[easy], pairs[~easy][np.array(checked, dtype=bool)]])
    window = pd.Timedelta(days=window_days)
    dated = (pairs["first_a"] - window <= pairs["last_b"]) & (pairs["first_b"] - window <= pairs["last_a"])
    pairs = pairs[dated.fillna(False).astype(bool)].assign(support=lambda p: p["rows_a"] + p["rows_b"])
    pairs = pairs.sort_values(["support", "person_a", "person_b"], ascending=[False, True, True])
    return pairs.groupby("role", sort=True).head(max_per_role)


def _closest_dated(a: pd.DataFrame, b: pd.DataFrame) -> tuple[pd.Series, pd.Series, int] | None:
    """Return the row of each side whose dates are nearest each other, and the gap in days."""
    left = a[a["date"].notna()]
    right = b[b["date"].notna()].sort_values("date")
    if left.empty or right.empty:
        return None
    days_b = right["date"].to_numpy(dtype="datetime64[D]").astype("int64")
    days_a = left["date"].to_numpy(dtype="datetime64[D]").astype("int64")
    slots = np.clip(np.searchsorted(days_b, days_a), 1, max(len(days_b) - 1, 1))
    candidates = np.stack([slots - 1, np.minimum(slots, len(days_b) - 1)])
    gaps = np.abs(days_b[candidates] - days_a)
    flat = int(gaps.argmin())
    side, index = np.unravel_index(flat, gaps.shape)
    return left.iloc[index], right.iloc[candidates[side, index]], int(gaps[side, index])


def _describe_conflict(pair, a: pd.DataFrame, b: pd.DataFrame, *, window_days: int) -> dict | None:
    closest = _closest_dated(a, b)
    if closest is None:
        return None
    row_a, row_b, gap = closest
    timing = (
        f"same period ({gap} days apart)" if gap <= window_days
        else f"overlapping periods (nearest mentions {gap} days apart)"
    )  # fmt: skip
    sides = {f"{name}_{key}": row[name] for key, row in (("a", row_a), ("b", row_b)) for name in CONFLICT_SIDE}
    return {"role": pair.role, **sides, "gap_days": gap, "timing": timing}


def _holder_frame(ledger: pd.DataFrame) -> pd.DataFrame:
    """Dated mentions of people (canonical entities labelled PERSON) in one-holder offices."""
    frame = ledger.assign(
        date=pd.to_datetime(ledger["published"].replace("", None), errors="coerce", format="%Y-%m-%d"),
        org_key=ledger["org"].fillna("").map(normalise_org),
    )
    if "person_label" in frame:
        frame = frame[frame["person_label"] == "PERSON"]
    titles = frame.drop_duplicates(["role", "title"]).groupby("role")["title"]
    exclusive = [role for role, written in titles if _is_exclusive(str(role), written)]
    return frame[frame["role"].isin(exclusive) & frame["date"].notna()]


def find_role_conflicts(
    ledger: pd.DataFrame, *, window_days: int = 3, max_per_role: int = 20, max_holders: int = 60
) -> pd.DataFrame:
    """Return pairs of different people given the same one-holder office at overlapping dates.

    Each holder's period runs from their first to their last dated mention; two periods
    conflict when they overlap, or come within ``window_days`` (the same news cycle). A
    successor named months later is no conflict, an undated article gives no dates to compare
    (no conflict), and two spellings of one person are never two holders. Each conflict shows
    both sentences and their dates. Each office pairs its ``max_holders`` most-cited holders
    and keeps its ``max_per_role`` best-supported pairs.
    """
    if ledger.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    frame = _holder_frame(ledger)
    if frame["person"].nunique() < 2:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    pairs = _pair_holders(
        _summarise_holders(frame), window_days=window_days, max_per_role=max_per_role, max_holders=max_holders
    )
    if pairs.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    groups = frame.groupby(["role", "person"])

    def rows(role: str, person: str, others: tuple[str, ...]) -> pd.DataFrame:
        own = groups.get_group((role, person))
        fitting = [key for key in own["org_key"].unique() if _any_compatible((key,), others)]
        return own[own["org_key"].isin(fitting)]

    found = [
        _describe_conflict(
            pair,
            rows(pair.role, pair.person_a, pair.orgs_b),
            rows(pair.role, pair.person_b, pair.orgs_a),
            window_days=window_days,
        )  # fmt: skip
        for pair in pairs.itertuples(index=False)
    ]
    found = [row for row in found if row is not None]
    if not found:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    return pd.DataFrame(found)[CONFLICT_COLUMNS].reset_index(drop=True)


def list_entity_titles(ledger: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Return the titles given to one entity as written: title, outlets, mentions."""
    own = ledger[ledger["person"] == entity]
    if own.empty:
        return pd.DataFrame(columns=["title", "outlets", "mentions"])
    grouped = own.groupby("title").agg(
        outlets=("outlet", lambda values: ", ".join(sorted(set(values)))),
        mentions=("doc_id", "size"),
    )
    return grouped.reset_index().sort_values(["mentions", "title"], ascending=[False, True]).reset_index(drop=True)
