"""Entity mention analysis: rankings, outlet shares, co-occurrence, profiles, KWIC and corrections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lib.analysis import entity_queries as queries
from lib.analysis.filters import Filters, apply_filters, describe_documents
from lib.analysis.ledger import build_role_ledger, find_role_conflicts
from lib.analysis.queries import select_chosen
from lib.nlp.corrections import Correction
from lib.store.corpus import Corpus

SMALL_SAMPLE_MENTIONS = 30
"""Outlets with fewer mentions than this get a small-sample note next to their shares."""
KWIC_ROWS = 1000
"""Sentences an entity's profile lists (the first by date): a click shows its evidence at once at any size."""


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
    return spread_shares(counts, totals, wanted, small_sample=small_sample)


def spread_shares(counts: pd.Series, totals: pd.Series, wanted: list[str], *,
                  small_sample: int = SMALL_SAMPLE_MENTIONS) -> pd.DataFrame:
    """Each entity's share of each outlet's mentions, from mentions per (entity, outlet) and per outlet."""
    totals = totals.rename("outlet_mentions")
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
    return cut_kwic(joined, width=width)


def cut_kwic(joined: pd.DataFrame, *, width: int = 70) -> pd.DataFrame:
    """Keyword-in-context rows from mentions joined to their sentence (``start_sent``, ``text_sent``)
    and article (outlet, published, title), by date then outlet."""
    if joined.empty:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    joined = joined.copy()
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


@dataclass(frozen=True)
class EntityOverview:
    """What the entity page charts for one corpus, filter and type choice."""

    labels: list[str]
    ranking: pd.DataFrame
    outlet_counts: pd.DataFrame
    shares: pd.DataFrame
    small_outlets: list[str]


def summarise_entity_view(
    corpus: Corpus, filters: Filters, labels: tuple[str, ...] = (), top: int = 25
) -> EntityOverview:
    """Return the ranked entities, their per-outlet counts and outlet shares (top ``top``), counted
    in the engine: only these small tables reach pandas."""
    chosen = select_chosen(corpus.documents, filters)
    ranking = queries.query_ranking(corpus, chosen, labels=labels, top=top)
    order = ranking["entity"].tolist()
    outlet_counts = queries.query_outlet_counts(corpus, chosen, order) if order else pd.DataFrame(
        columns=OUTLET_COLUMNS)
    counts = outlet_counts.set_index(["entity", "outlet"])["mentions"]
    shares = spread_shares(counts, queries.query_outlet_totals(corpus, chosen), order)
    return EntityOverview(
        labels=queries.query_labels(corpus, chosen),
        ranking=ranking,
        # every mention has a bar segment (an unknown outlet's in grey), so bars add up to the ranking;
        # the shares above compare known outlets only
        outlet_counts=queries.query_outlet_counts(corpus, chosen, order, known_only=False) if order else outlet_counts,
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
    """Return (nodes, edges) of the co-occurrence network for the articles passing the filters:
    the ``top_nodes`` most mentioned entities of the types, linked by sentences naming both."""
    chosen = select_chosen(corpus.documents, filters)
    ranked = queries.query_ranking(corpus, chosen, labels=labels, top=top_nodes)
    edges = queries.query_pairs(corpus, chosen, ranked["entity"].tolist(), min_weight=min_weight)
    degree = pd.concat([edges["source"], edges["target"]]).value_counts().rename("degree")
    nodes = ranked.merge(degree, left_on="entity", right_index=True)
    return nodes.reset_index(drop=True)[NODE_COLUMNS], edges[EDGE_COLUMNS]


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
    """The first ``KWIC_ROWS`` of the sentences naming it (all of them when fewer)."""


def count_aliases(written: pd.DataFrame) -> pd.DataFrame:
    """name, mentions: the surface names (whitespace made single) of per-text mention counts."""
    names = written.assign(name=written["text"].str.split().str.join(" "))
    counts = names.groupby("name", as_index=False)["mentions"].sum()
    return counts.sort_values(["mentions", "name"], ascending=[False, True]).reset_index(drop=True)


def profile_entity(corpus: Corpus, filters: Filters, entity: str) -> EntityProfile | None:
    """Return one entity's profile in the articles passing the filters (None if not mentioned),
    its counts and evidence sentences looked up in the engine (one scan of its mentions)."""
    found = queries.query_profile(corpus, select_chosen(corpus.documents, filters), entity, kwic_rows=KWIC_ROWS)
    written = found["written"]
    if written.empty:
        return None
    labels = written.groupby("label")["mentions"].sum()
    return EntityProfile(
        entity=entity,
        label=str(labels[labels == labels.max()].index.min()),
        mentions=int(written["mentions"].sum()),
        articles=int(found["articles"]["n"].iloc[0]),
        aliases=count_aliases(written),
        titles=found["titles"],
        outlets=found["outlets"],
        comentions=found["comentions"],
        kwic=cut_kwic(found["kwic"]),
    )


def summarise_roles(corpus: Corpus, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (role ledger, conflicts) for the articles passing the filters."""
    documents = apply_filters(corpus.documents, filters)
    roles, people, sentences = queries.query_ledger_rows(corpus, documents[["doc_id"]])
    ledger = build_role_ledger(roles, people, documents, sentences)
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
    return queries.query_labels(corpus)


def list_corpus_outlets(corpus: Corpus) -> list[str]:
    """Return every outlet of the corpus as views name it, sorted (keeps chart colours stable)."""
    return sorted(set(describe_documents(corpus.documents)["outlet"]))


def list_corpus_entities(corpus: Corpus) -> list[str]:
    """Return every canonical entity in the corpus, most mentioned first (then most articles, then
    name), from the per-entity totals computed when the corpus was assembled."""
    totals = corpus.entities
    return totals.sort_values(["mentions", "articles", "entity"], ascending=[False, False, True])["entity"].tolist()
