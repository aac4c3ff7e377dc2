"""Who is quoted and how actors are named, per outlet: quotes and descriptors resolved to canonical entities."""

from __future__ import annotations

import re

import pandas as pd

from lib.analysis.terms import outlet_of
from lib.nlp.entities import build_alias_lookup, normalise_mention

MIN_QUOTED_WORDS = 30
"""Below this many quoted words an outlet's speaker shares are flagged as too little text."""
MIN_VERB_QUOTES = 5
"""Below this many attributed quotes an outlet's reporting-verb shares are flagged."""


OWN_VOICE, IN_QUOTE = "own voice", "in quote"
ROLE_CATEGORIES = frozenset({"spokesperson", "anonymous official", "statement", "media",
                             "institution"})
RESOLVED_COLUMNS = (
    "outlet", "doc_id", "sent_index", "start", "end", "quote", "kind", "verb", "how", "words",
    "speaker", "speaker_category", "speaker_entity", "speaker_org", "speaker_label",
)


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(str(text).split()), flags=re.IGNORECASE)


Aliases = tuple[dict[str, str], pd.Series]
"""The corpus's alias look-up (written form, lower case, to entity) and each entity's label."""


def resolve_names(frame: pd.DataFrame, mentions: pd.DataFrame, *, start: str, name: str,
                  aliases: Aliases | None = None) -> pd.DataFrame:
    """Canonical entity and its label for each row's name span.

    A name span that starts where a stored mention starts takes that mention's entity (same
    as ``lib.entities.resolve_span``, done as one join); otherwise the name text is looked up
    among known aliases (``build_alias_lookup``), so "Gallant" finds "Yoav Gallant", and last
    as the surname of the one person of that article who carries it. ``aliases`` (the whole
    corpus's, when ``mentions`` are only some articles') default to those of ``mentions``.
    """
    result = pd.DataFrame({"entity": pd.Series(None, index=frame.index, dtype=object),
                           "entity_label": pd.Series("", index=frame.index, dtype=object)})
    if frame.empty or (mentions.empty and aliases is None):
        return result
    keyed = frame[["doc_id", start]].rename(columns={start: "start"}).reset_index()
    keyed = keyed.dropna(subset=["start"]).astype({"start": "int64"})
    heads = mentions[["doc_id", "start", "entity", "entity_label"]].astype({"start": "int64"})
    exact = keyed.merge(heads.drop_duplicates(["doc_id", "start"]), on=["doc_id", "start"])
    result.loc[exact["index"], "entity"] = exact["entity"].to_numpy()
    result.loc[exact["index"], "entity_label"] = exact["entity_label"].to_numpy()
    lookup, labels = aliases or (build_alias_lookup(mentions),
                                 mentions.drop_duplicates("entity").set_index("entity")["entity_label"])
    missing = result["entity"].isna() & frame[name].fillna("").astype(str).ne("")
    keys = frame.loc[missing, name].map(lambda text: normalise_mention(_strip_article(text)).lower())
    found = keys.map(lookup)
    surnames = _surnames_by_doc(mentions)
    by_surname = pd.Series([surnames.get((doc_id, key)) for doc_id, key in zip(
        frame.loc[missing, "doc_id"], keys, strict=True)], index=keys.index, dtype=object)
    found = found.fillna(by_surname)
    result.loc[found.index, "entity"] = found
    result.loc[found.index, "entity_label"] = found.map(labels).fillna("")
    return result


def _surnames_by_doc(mentions: pd.DataFrame) -> dict[tuple[str, str], str]:
    """{(doc_id, surname): person} for surnames only one person of the article carries, so a
    speaker the model did not tag ("Mashiach noted") is the "Uriel Mashiach" named before."""
    people = mentions.loc[mentions["entity_label"] == "PERSON", ["doc_id", "entity"]].drop_duplicates()
    people = people[people["entity"].astype(str).str.contains(" ")]
    keyed = people.assign(last=people["entity"].astype(str).str.split().str[-1].str.lower())
    alone = keyed[keyed.groupby(["doc_id", "last"])["entity"].transform("size") == 1]
    return dict(zip(zip(alone["doc_id"], alone["last"], strict=True), alone["entity"], strict=True))


LABEL_INPUTS = ["speaker_entity", "speaker_category", "speaker", "speaker_name", "entity_label", "org_entity",
                "speaker_org"]


def _speaker_label(entity: object, category: str, speaker: str, speaker_name: str, entity_label: object,
                   org_entity: object, speaker_org: str) -> str:
    if isinstance(entity, str) and entity:
        whole = _strip_article(speaker).lower() == _strip_article(speaker_name).lower()
        if category not in ROLE_CATEGORIES or entity_label == "PERSON" or whole:
            return entity
        return f"{category} ({entity})"
    if category in ("person", "organisation", "other") and speaker_name:
        return _strip_article(speaker_name)
    org = org_entity if isinstance(org_entity, str) and org_entity else ""
    org = org or _strip_article(speaker_org)
    return f"{category} ({org})" if org and category in ROLE_CATEGORIES else category


def _org_entities(quotes: pd.DataFrame, mentions: pd.DataFrame, aliases: Aliases | None) -> pd.Series:
    """The canonical entity of the organisation or country a role speaker is tied to (by name)."""
    orgs = quotes.assign(org_start=None)
    return resolve_names(orgs, mentions, start="org_start", name="speaker_org", aliases=aliases)["entity"]


def resolve_quotes(quotes: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame,
                   *, aliases: Aliases | None = None) -> pd.DataFrame:
    """Quotes with their outlet, the speaker's canonical entity, and a label for the matrix.

    Named speakers become their entity ("Yoav Gallant"); a role speaker is never the
    organisation or country named in its title: "a State Department spokesperson" keeps no
    entity and is labelled "spokesperson (State Department)"; unnamed ones keep their
    category ("anonymous official"). ``how`` says by which cue each quote was attributed.
    """
    if quotes.empty:
        return pd.DataFrame(columns=list(RESOLVED_COLUMNS))
    quotes = quotes[quotes["doc_id"].isin(documents["doc_id"])].reset_index(drop=True)
    for column, default in (("how", ""), ("speaker_org", "")):
        if column not in quotes:
            quotes = quotes.assign(**{column: default})
    quotes = quotes.assign(how=quotes["how"].fillna(""), speaker_org=quotes["speaker_org"].fillna(""))
    names = resolve_names(quotes, mentions, start="speaker_name_start", name="speaker_name", aliases=aliases)
    frame = quotes.assign(speaker_entity=names["entity"], entity_label=names["entity_label"],
                          org_entity=_org_entities(quotes, mentions, aliases),
                          outlet=quotes["doc_id"].map(outlet_of(documents)))
    is_named = frame["speaker_entity"].notna() & frame["speaker_category"].isin(
        ["person", "organisation", "other", "pronoun"])
    frame.loc[is_named, "speaker_category"] = frame.loc[is_named, "entity_label"].map(
        lambda label: "person" if label == "PERSON" else "organisation")
    frame["speaker_label"] = [_speaker_label(*values) for values in
                              zip(*(frame[column].tolist() for column in LABEL_INPUTS), strict=True)]
    return frame[list(RESOLVED_COLUMNS)]


def compare_speakers(resolved: pd.DataFrame, documents: pd.DataFrame, *, top: int = 12,
                     kinds: tuple[str, ...] = ("direct", "reported"),
                     min_words: int = MIN_QUOTED_WORDS) -> pd.DataFrame:
    """Speaker x outlet: share of each outlet's quoted words given to each speaker.

    Speakers beyond the ``top`` by total words are pooled as "other speakers". Every outlet
    gets its n (quoted words, quotes) and ``enough`` (n >= ``min_words``).
    """
    columns = ["speaker_label", "outlet", "words", "quotes", "share", "n_words", "n_quotes",
               "enough"]
    chosen = resolved[resolved["kind"].isin(kinds)]
    outlets = sorted(outlet_of(documents).unique())
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    ranking = chosen.groupby("speaker_label")["words"].sum().sort_values(ascending=False)
    keep = set(ranking.index[:top])
    pooled = chosen.assign(speaker_label=chosen["speaker_label"].where(
        chosen["speaker_label"].isin(keep), "other speakers"))
    table = pooled.groupby(["speaker_label", "outlet"]).agg(
        words=("words", "sum"), quotes=("words", "size")).reset_index()
    totals = chosen.groupby("outlet").agg(n_words=("words", "sum"), n_quotes=("words", "size"))
    totals = totals.reindex(outlets, fill_value=0)
    table = table.merge(totals, left_on="outlet", right_index=True)
    table["share"] = table["words"] / table["n_words"].where(table["n_words"] > 0)
    table["enough"] = table["n_words"] >= min_words
    order = {label: i for i, label in enumerate(list(ranking.index[:top]) + ["other speakers"])}
    table = table.sort_values(["speaker_label", "outlet"], key=lambda s: s.map(order)
                              if s.name == "speaker_label" else s)
    return table[columns].reset_index(drop=True)


def count_verbs(resolved: pd.DataFrame, documents: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """Reporting verbs per outlet: count and share of that outlet's attributed quotes."""
    columns = ["verb", "outlet", "count", "share", "n_quotes"]
    used = resolved[resolved["verb"].fillna("") != ""]
    if used.empty:
        return pd.DataFrame(columns=columns)
    top_verbs = used["verb"].value_counts().index[:top]
    table = used[used["verb"].isin(top_verbs)].groupby(["verb", "outlet"]).size()
    table = table.rename("count").reset_index()
    totals = used.groupby("outlet").size().rename("n_quotes")
    table = table.merge(totals, left_on="outlet", right_index=True)
    table["share"] = table["count"] / table["n_quotes"]
    return table[columns].sort_values(["verb", "outlet"]).reset_index(drop=True)


def flag_in_quotes(rows: pd.DataFrame, quotes: pd.DataFrame, *, position: str = "start"
                   ) -> pd.Series:
    """True for rows whose ``position`` falls inside a direct quote of the same article."""
    flags = pd.Series(False, index=rows.index)
    direct = quotes[quotes["kind"] == "direct"] if not quotes.empty else quotes
    if rows.empty or direct.empty:
        return flags
    spans = direct[["doc_id", "start", "end"]].rename(columns={"start": "q_start", "end": "q_end"})
    spans = spans.astype({"q_start": "int64", "q_end": "int64"}).sort_values("q_start")
    points = rows[["doc_id", position]].rename(columns={position: "pos"}).astype({"pos": "int64"})
    points = points.reset_index().sort_values("pos")
    joined = pd.merge_asof(points, spans, left_on="pos", right_on="q_start", by="doc_id",
                           direction="backward")
    inside = joined["q_end"].notna() & (joined["pos"] < joined["q_end"])
    flags.loc[joined.loc[inside, "index"]] = True
    return flags


def resolve_descriptors(descriptors: pd.DataFrame, mentions: pd.DataFrame,
                        documents: pd.DataFrame, *, aliases: Aliases | None = None) -> pd.DataFrame:
    """Descriptor rows with outlet, the actor's canonical entity, and the voice they are in."""
    columns = ["outlet", "doc_id", "sent_index", "start", "end", "actor_entity", "label",
               "method", "voice", "phrase"]
    if descriptors.empty:
        return pd.DataFrame(columns=columns)
    chosen = descriptors[descriptors["doc_id"].isin(documents["doc_id"])].reset_index(drop=True)
    names = resolve_names(chosen, mentions, start="actor_start", name="actor", aliases=aliases)
    frame = chosen.assign(
        outlet=chosen["doc_id"].map(outlet_of(documents)),
        actor_entity=names["entity"].fillna(chosen["actor"].map(_strip_article)),
        label=chosen["descriptor"],
        voice=chosen["in_quote"].astype(bool).map({True: IN_QUOTE, False: OWN_VOICE}),
    )
    return frame[columns]


def list_name_forms(mentions: pd.DataFrame, quotes: pd.DataFrame, documents: pd.DataFrame,
                    *, entity: str) -> pd.DataFrame:
    """How an entity's own name is written per outlet ("IDF", "Israel Defense Forces")."""
    chosen = mentions[(mentions["entity"] == entity)
                      & mentions["doc_id"].isin(documents["doc_id"])].reset_index(drop=True)
    if chosen.empty:
        return pd.DataFrame(columns=["outlet", "doc_id", "sent_index", "start", "end",
                                     "actor_entity", "label", "method", "voice", "phrase"])
    inside = flag_in_quotes(chosen, quotes)
    return pd.DataFrame({
        "outlet": chosen["doc_id"].map(outlet_of(documents)), "doc_id": chosen["doc_id"],
        "sent_index": chosen["sent_index"], "start": chosen["start"], "end": chosen["end"],
        "actor_entity": entity, "label": chosen["text"].map(_strip_article),
        "method": "name", "voice": inside.map({True: IN_QUOTE, False: OWN_VOICE}),
        "phrase": chosen["text"],
    })


ACTOR_LABELS = ("ORG", "PERSON", "NORP", "GPE")


def rank_actors(descriptors: pd.DataFrame, entities: pd.DataFrame | None = None, *,
                limit: int = 30) -> list[str]:
    """Actors with the most descriptors first, then the most mentioned named entities."""
    described = [] if descriptors.empty else descriptors["actor_entity"].value_counts().index
    named = [] if entities is None or entities.empty else entities.loc[
        entities["label"].isin(ACTOR_LABELS), "entity"]
    return list(dict.fromkeys([str(a) for a in described] + [str(e) for e in named]))[:limit]


def compare_naming(rows: pd.DataFrame, documents: pd.DataFrame, *, actor: str) -> pd.DataFrame:
    """Label x outlet x voice counts for one actor, with the outlet's number of labels (n)."""
    columns = ["label", "method", "outlet", "voice", "count", "n_labels"]
    chosen = rows[rows["actor_entity"] == actor]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    table = chosen.groupby(["label", "method", "outlet", "voice"]).size().rename("count")
    table = table.reset_index()
    totals = chosen.groupby("outlet").size().rename("n_labels")
    table = table.merge(totals, left_on="outlet", right_index=True)
    return table[columns].sort_values(["method", "label", "outlet"]).reset_index(drop=True)


def list_label_sentences(rows: pd.DataFrame, sentences: pd.DataFrame, *, actor: str,
                         label: str | None = None) -> pd.DataFrame:
    """The sentences behind an actor's labels (one label, or all of them)."""
    chosen = rows[rows["actor_entity"] == actor]
    if label is not None:
        chosen = chosen[chosen["label"] == label]
    merged = chosen.merge(sentences[["doc_id", "sent_index", "text"]], on=["doc_id", "sent_index"])
    columns = ["outlet", "label", "voice", "method", "doc_id", "sent_index", "text"]
    return merged.sort_values(["outlet", "doc_id", "sent_index"])[columns].reset_index(drop=True)
