"""Entity mention analysis: rankings, outlet shares, co-occurrence, profiles, KWIC, role ledger."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.corpus import Corpus
from lib.corrections import Correction
from lib.filters import Filters, label_outlet, select_doc_ids
from lib.roles import normalise_org, normalise_title

SMALL_SAMPLE_MENTIONS = 30
"""Outlets with fewer mentions than this get a small-sample note next to their shares."""

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
        "adviser",
        "advisor",
        "aide",
        "brother",
        "counterpart",
        "hostage",
        "member",
        "official",
        "officer",
        "resident",
        "soldier",
        "source",
    }
)
"""Head words that never name a one-holder office, however qualified."""

_PREPOSITIONS = frozenset({"of", "for", "in", "to", "at", "on", "with"})

RANK_COLUMNS = ["entity", "label", "mentions", "articles"]
OUTLET_COLUMNS = ["entity", "outlet", "mentions", "articles"]
SHARE_COLUMNS = ["entity", "outlet", "mentions", "outlet_mentions", "share", "small_sample"]
EDGE_COLUMNS = ["source", "target", "weight"]
NODE_COLUMNS = ["entity", "label", "mentions", "degree"]
KWIC_COLUMNS = [
    "doc_id",
    "sent_index",
    "outlet",
    "published",
    "title",
    "left",
    "keyword",
    "right",
    "sentence",
]
LEDGER_COLUMNS = [
    "role",
    "title",
    "title_norm",
    "org",
    "person",
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


def describe_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Return doc_id, outlet (display label), published and title of each document."""
    frame = documents[["doc_id", "outlet", "published", "title"]].copy()
    frame["outlet"] = frame["outlet"].fillna("").map(label_outlet)
    frame["published"] = frame["published"].fillna("")
    frame["title"] = frame["title"].fillna("")
    return frame


def select_labels(mentions: pd.DataFrame, labels: Iterable[str] = ()) -> pd.DataFrame:
    """Return mentions whose canonical entity has one of the labels (all when labels is empty)."""
    wanted = list(labels)
    return mentions[mentions["entity_label"].isin(wanted)] if wanted else mentions


def list_labels(mentions: pd.DataFrame) -> list[str]:
    """Return the entity types present, most mentioned first."""
    return mentions["entity_label"].value_counts().index.tolist()


def rank_entities(mentions: pd.DataFrame, *, labels: Iterable[str] = (), top: int | None = None) -> pd.DataFrame:
    """Return entity, label, mentions and articles, most mentioned first (ties by name)."""
    selected = select_labels(mentions, labels)
    if selected.empty:
        return pd.DataFrame(columns=RANK_COLUMNS)
    ranked = (
        selected.groupby("entity", sort=False)
        .agg(
            label=("entity_label", "first"),
            mentions=("doc_id", "size"),
            articles=("doc_id", "nunique"),
        )
        .reset_index()
        .sort_values(["mentions", "articles", "entity"], ascending=[False, False, True])
    )
    ranked = ranked.head(top) if top else ranked
    return ranked.reset_index(drop=True)[RANK_COLUMNS]


def count_entity_outlets(
    mentions: pd.DataFrame, documents: pd.DataFrame, *, entities: Iterable[str] | None = None
) -> pd.DataFrame:
    """Return entity, outlet, mentions and articles per (entity, outlet) pair."""
    selected = mentions if entities is None else mentions[mentions["entity"].isin(list(entities))]
    if selected.empty:
        return pd.DataFrame(columns=OUTLET_COLUMNS)
    joined = selected.merge(describe_documents(documents)[["doc_id", "outlet"]], on="doc_id")
    counts = (
        joined.groupby(["entity", "outlet"])
        .agg(mentions=("doc_id", "size"), articles=("doc_id", "nunique"))
        .reset_index()
    )
    return counts.sort_values(["entity", "mentions"], ascending=[True, False]).reset_index(drop=True)[OUTLET_COLUMNS]


def compute_outlet_shares(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    entities: Iterable[str],
    small_sample: int = SMALL_SAMPLE_MENTIONS,
) -> pd.DataFrame:
    """Return each entity's share of each outlet's mentions (all entity types count as mentions)."""
    wanted = list(entities)
    joined = mentions.merge(describe_documents(documents)[["doc_id", "outlet"]], on="doc_id")
    totals = joined.groupby("outlet").size().rename("outlet_mentions")
    counts = joined[joined["entity"].isin(wanted)].groupby(["entity", "outlet"]).size().rename("mentions")
    grid = pd.MultiIndex.from_product([wanted, totals.index], names=["entity", "outlet"])
    shares = counts.reindex(grid, fill_value=0).reset_index()
    shares = shares.merge(totals.reset_index(), on="outlet")
    shares["share"] = shares["mentions"] / shares["outlet_mentions"]
    shares["small_sample"] = shares["outlet_mentions"] < small_sample
    return shares[SHARE_COLUMNS]


def _sentence_entities(mentions: pd.DataFrame, entities: Iterable[str]) -> pd.DataFrame:
    keep = mentions[mentions["entity"].isin(list(entities))]
    return keep[["doc_id", "sent_index", "entity"]].drop_duplicates()


def count_cooccurrences(
    mentions: pd.DataFrame, *, top_nodes: int = 40, min_weight: int = 2
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (nodes, edges) of entities named in the same sentence; weight = shared sentences.

    Only the ``top_nodes`` most mentioned entities take part and edges below ``min_weight`` are
    dropped, so the graph stays readable on a corpus with thousands of entities. Nodes without
    an edge are left out.
    """
    ranked = rank_entities(mentions, top=top_nodes)
    pairs = _sentence_entities(mentions, ranked["entity"])
    joined = pairs.merge(pairs, on=["doc_id", "sent_index"], suffixes=("_a", "_b"))
    joined = joined[joined["entity_a"] < joined["entity_b"]]
    edges = (
        joined.groupby(["entity_a", "entity_b"])
        .size()
        .rename("weight")
        .reset_index()
        .rename(columns={"entity_a": "source", "entity_b": "target"})
    )
    edges = edges[edges["weight"] >= min_weight]
    edges = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True])
    degree = pd.concat([edges["source"], edges["target"]]).value_counts().rename("degree")
    nodes = ranked.merge(degree, left_on="entity", right_index=True)
    return nodes.reset_index(drop=True)[NODE_COLUMNS], edges.reset_index(drop=True)[EDGE_COLUMNS]


def list_aliases(mentions: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Return the surface names merged into an entity, with how often each is written."""
    surfaces = mentions.loc[mentions["entity"] == entity, "text"].str.split().str.join(" ")
    counts = surfaces.value_counts().rename_axis("name").rename("mentions").reset_index()
    return counts.sort_values(["mentions", "name"], ascending=[False, True]).reset_index(drop=True)


def list_comentions(mentions: pd.DataFrame, entity: str, *, top: int = 15) -> pd.DataFrame:
    """Return entities named in the same sentences as an entity: entity, label, sentences."""
    own = mentions.loc[mentions["entity"] == entity, ["doc_id", "sent_index"]].drop_duplicates()
    others = mentions.merge(own, on=["doc_id", "sent_index"])
    others = others[others["entity"] != entity]
    counts = (
        others.drop_duplicates(["doc_id", "sent_index", "entity"])
        .groupby("entity")
        .agg(label=("entity_label", "first"), sentences=("doc_id", "size"))
        .reset_index()
        .sort_values(["sentences", "entity"], ascending=[False, True])
    )
    return counts.head(top).reset_index(drop=True)[["entity", "label", "sentences"]]


def _clip_left(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[-width:].lstrip()


def _clip_right(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width].rstrip() + "…"


def build_kwic(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    entity: str,
    *,
    width: int = 70,
) -> pd.DataFrame:
    """Return every mention of an entity in keyword-in-context form, by date then outlet."""
    own = mentions[mentions["entity"] == entity]
    if own.empty:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    joined = own.merge(
        sentences[["doc_id", "sent_index", "start", "text"]],
        on=["doc_id", "sent_index"],
        suffixes=("", "_sent"),
    ).merge(describe_documents(documents), on="doc_id")
    lead = joined["start"] - joined["start_sent"]
    tail = joined["end"] - joined["start_sent"]
    sentence = joined["text_sent"].tolist()
    joined["sentence"] = [" ".join(text.split()) for text in sentence]
    joined["left"] = [_clip_left(" ".join(text[:cut].split()), width) for text, cut in zip(sentence, lead, strict=True)]
    joined["keyword"] = [" ".join(text[a:b].split()) for text, a, b in zip(sentence, lead, tail, strict=True)]
    joined["right"] = [
        _clip_right(" ".join(text[cut:].split()), width) for text, cut in zip(sentence, tail, strict=True)
    ]
    joined["undated"] = joined["published"] == ""
    ordered = joined.sort_values(["undated", "published", "outlet", "doc_id", "start"])
    return ordered.reset_index(drop=True)[KWIC_COLUMNS]


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
    people = mentions[["doc_id", "sent_index", "start", "end", "entity"]]
    resolved = _overlapping(roles, people)[["doc_id", "start", "end", "title", "entity"]]
    ledger = roles.merge(resolved, on=["doc_id", "start", "end", "title"], how="left")
    ledger["surface"] = ledger["person"]
    ledger["person"] = ledger["entity"].fillna(ledger["surface"])
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


def _pair_holders(holders: pd.DataFrame, *, window_days: int, max_per_role: int, max_holders: int) -> pd.DataFrame:
    """Return holder pairs of one office whose periods overlap (dated) or cannot be told (undated).

    Only the ``max_holders`` most-cited holders of each office are paired, which bounds the
    work on a large corpus.
    """
    holders = holders.sort_values(["rows", "person"], ascending=[False, True]).groupby("role").head(max_holders)
    holders = holders.assign(open_org=[("" in orgs) for orgs in holders["orgs"]])
    pairs = holders.merge(holders, on="role", suffixes=("_a", "_b"))
    pairs = pairs[pairs["person_a"] < pairs["person_b"]]
    easy = pairs["open_org_a"] | pairs["open_org_b"]
    checked = [
        _any_compatible(a, b) for a, b in zip(pairs.loc[~easy, "orgs_a"], pairs.loc[~easy, "orgs_b"], strict=True)
    ]
    pairs = pd.concat([pairs[easy], pairs[~easy][checked]])
    window = pd.Timedelta(days=window_days)
    dated = (pairs["first_a"] - window <= pairs["last_b"]) & (pairs["first_b"] - window <= pairs["last_a"])
    pairs = pairs.assign(dated=dated.fillna(False).astype(bool), support=pairs["rows_a"] + pairs["rows_b"])
    pairs = pairs[pairs["dated"] | pairs["undated_a"] | pairs["undated_b"]]
    pairs = pairs.sort_values(["dated", "support", "person_a", "person_b"], ascending=[False, False, True, True])
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


def _undated_evidence(a: pd.DataFrame, b: pd.DataFrame) -> tuple[pd.Series, pd.Series, str]:
    """Pick one row per side, an undated one where there is one, from different outlets if possible."""
    row_a = a.assign(known=a["date"].notna()).sort_values("known", kind="stable").iloc[0]
    order_b = b.assign(known=b["date"].notna(), same=b["outlet"] == row_a["outlet"])
    row_b = order_b.sort_values(["known", "same"], kind="stable").iloc[0]
    missing = [row["outlet"] for row in (row_a, row_b) if pd.isna(row["date"])]
    return row_a, row_b, f"unknown: undated article ({'; '.join(dict.fromkeys(missing))})"


def _describe_conflict(pair, a: pd.DataFrame, b: pd.DataFrame, *, window_days: int) -> dict:
    closest = _closest_dated(a, b) if pair.dated else None
    if closest is not None:
        row_a, row_b, gap = closest
        timing = (
            f"same period ({gap} days apart)" if gap <= window_days
            else f"overlapping periods (nearest mentions {gap} days apart)"
        )  # fmt: skip
        gap_days: int | None = gap
    else:
        row_a, row_b, timing = _undated_evidence(a, b)
        gap_days = None
    sides = {f"{name}_{key}": row[name] for key, row in (("a", row_a), ("b", row_b)) for name in CONFLICT_SIDE}
    return {"role": pair.role, **sides, "gap_days": gap_days, "timing": timing}


def find_role_conflicts(
    ledger: pd.DataFrame, *, window_days: int = 60, max_per_role: int = 20, max_holders: int = 60
) -> pd.DataFrame:
    """Return pairs of people given the same one-holder office at the same time, with evidence.

    Two holders conflict when their dated mentions come within ``window_days`` of each other's
    period (a successor months later is no conflict). When an article is undated the timing
    cannot be checked, and the conflict says so instead of guessing. Each office pairs its
    ``max_holders`` most-cited holders and keeps its ``max_per_role`` best-supported pairs, so a
    large corpus gives a readable list in bounded time.
    """
    if ledger.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    frame = ledger.assign(
        date=pd.to_datetime(ledger["published"].replace("", None), errors="coerce", format="%Y-%m-%d"),
        org_key=ledger["org"].fillna("").map(normalise_org),
    )
    titles = frame.drop_duplicates(["role", "title"]).groupby("role")["title"]
    exclusive = [role for role, written in titles if _is_exclusive(str(role), written)]
    frame = frame[frame["role"].isin(exclusive)]
    if frame["person"].nunique() < 2:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    pairs = _pair_holders(
        _summarise_holders(frame), window_days=window_days, max_per_role=max_per_role, max_holders=max_holders
    )
    if pairs.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    wanted = set(zip(pairs["role"], pairs["person_a"], strict=True)) | set(
        zip(pairs["role"], pairs["person_b"], strict=True)
    )
    keys = pd.Series(list(zip(frame["role"], frame["person"], strict=True)), index=frame.index)
    groups = frame[keys.isin(wanted)].groupby(["role", "person"])

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


# Views over a corpus: one call per page section, cached by the app per corpus and filters.


@dataclass(frozen=True)
class Selection:
    """The rows of a corpus whose article passes the filters."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame


def select_corpus(corpus: Corpus, filters: Filters) -> Selection:
    """Return the documents, sentences and mentions of the articles passing the filters."""
    ids = set(select_doc_ids(corpus.documents, filters))

    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["doc_id"].isin(ids)] if "doc_id" in frame else frame

    return Selection(keep(corpus.documents), keep(corpus.sentences), keep(corpus.mentions))


@dataclass(frozen=True)
class EntityOverview:
    """What the entity page charts for one corpus, filter and type choice."""

    labels: list[str]
    entities: list[str]
    ranking: pd.DataFrame
    outlet_counts: pd.DataFrame
    shares: pd.DataFrame
    small_outlets: list[str]


def summarise_entity_view(
    corpus: Corpus, filters: Filters, labels: tuple[str, ...] = (), top: int = 25
) -> EntityOverview:
    """Return the ranked entities, their per-outlet counts and outlet shares (top ``top``)."""
    chosen = select_corpus(corpus, filters)
    ranking = rank_entities(chosen.mentions, labels=labels, top=top)
    order = ranking["entity"].tolist()
    shares = compute_outlet_shares(chosen.mentions, chosen.documents, entities=order)
    return EntityOverview(
        labels=list_labels(chosen.mentions),
        entities=rank_entities(chosen.mentions)["entity"].tolist(),
        ranking=ranking,
        outlet_counts=count_entity_outlets(chosen.mentions, chosen.documents, entities=order),
        shares=shares,
        small_outlets=sorted(set(shares.loc[shares["small_sample"], "outlet"])),
    )


def summarise_network(
    corpus: Corpus,
    filters: Filters,
    labels: tuple[str, ...] = (),
    top_nodes: int = 40,
    min_weight: int = 2,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (nodes, edges) of the co-occurrence network for the articles passing the filters."""
    chosen = select_corpus(corpus, filters)
    return count_cooccurrences(select_labels(chosen.mentions, labels), top_nodes=top_nodes, min_weight=min_weight)


@dataclass(frozen=True)
class EntityProfile:
    """Everything the profile of one entity shows."""

    entity: str
    label: str
    mentions: int
    articles: int
    aliases: pd.DataFrame
    titles: pd.DataFrame
    outlets: pd.DataFrame
    comentions: pd.DataFrame
    kwic: pd.DataFrame


def _rows_of_docs(frame: pd.DataFrame, doc_ids: set[str]) -> pd.DataFrame:
    return frame[frame["doc_id"].isin(doc_ids)] if "doc_id" in frame else frame


def profile_entity(corpus: Corpus, filters: Filters, entity: str) -> EntityProfile | None:
    """Return one entity's profile in the articles passing the filters (None if not mentioned)."""
    chosen = select_corpus(corpus, filters)
    own = chosen.mentions[chosen.mentions["entity"] == entity]
    if own.empty:
        return None
    ledger = build_role_ledger(
        _rows_of_docs(corpus.table("roles"), set(own["doc_id"])),
        _rows_of_docs(chosen.mentions, set(own["doc_id"])),
        chosen.documents,
        chosen.sentences,
    )
    return EntityProfile(
        entity=entity,
        label=str(own["entity_label"].mode().iloc[0]),
        mentions=len(own),
        articles=int(own["doc_id"].nunique()),
        aliases=list_aliases(chosen.mentions, entity),
        titles=list_entity_titles(ledger, entity),
        outlets=count_entity_outlets(chosen.mentions, chosen.documents, entities=[entity]),
        comentions=list_comentions(chosen.mentions, entity),
        kwic=build_kwic(chosen.mentions, chosen.sentences, chosen.documents, entity),
    )


def summarise_roles(corpus: Corpus, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (role ledger, conflicts) for the articles passing the filters."""
    chosen = select_corpus(corpus, filters)
    roles = _rows_of_docs(corpus.table("roles"), set(chosen.documents["doc_id"]))
    ledger = build_role_ledger(roles, chosen.mentions, chosen.documents, chosen.sentences)
    return ledger, find_role_conflicts(ledger)


CORRECTION_ACTIONS = {
    "merge": "Merge into another entity",
    "rename": "Rename",
    "relabel": "Change its type",
    "drop": "Drop (not an entity)",
}


def make_correction(
    action: str, entity: str, *, target: str = "", new_name: str = "", label: str = ""
) -> Correction | str:
    """Return the correction the form describes, or what is missing as a message."""
    name = " ".join(new_name.split())
    if action == "merge":
        if not target or target == entity:
            return "Choose another entity to merge into."
        return Correction("merge", entity, target=target)
    if action == "rename":
        if not name or name == entity:
            return "Type the new name."
        return Correction("rename", entity, target=name)
    if action == "relabel":
        if not label:
            return "Choose the type."
        return Correction("relabel", entity, label=label.upper())
    if action == "drop":
        return Correction("drop", entity)
    return f"Unknown correction {action!r}."


def list_corpus_labels(corpus: Corpus) -> list[str]:
    """Return every entity type in the corpus, most mentioned first (stable under filters)."""
    return list_labels(corpus.mentions)


def list_corpus_outlets(corpus: Corpus) -> list[str]:
    """Return every outlet of the corpus as views name it, sorted (keeps chart colours stable)."""
    return sorted(set(describe_documents(corpus.documents)["outlet"]))


def list_corpus_entities(corpus: Corpus) -> list[str]:
    """Return every canonical entity in the corpus, most mentioned first."""
    return rank_entities(corpus.mentions)["entity"].tolist()
