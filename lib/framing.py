"""Source framing analysis: naming choices, who is quoted, concordance, headlines and ledes per outlet."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lib.corpus import Corpus
from lib.cues import (
    FRAMES,
    count_frame_matches,
    count_matches,
    list_evidence,
    load_cues,
    load_frames,
    summarise_matches,
)
from lib.entities import build_alias_lookup, normalise_mention
from lib.filters import Filters, select_doc_ids
from lib.terms import MIN_WORDS as TERMS_MIN_WORDS
from lib.terms import compare_terms, find_term_sentences, outlet_of, top_terms, words_per_outlet
from lib.tone import list_tone_sentences, score_tone, sentences_mentioning, summarise_tone

MIN_QUOTED_WORDS = 30
"""Below this many quoted words an outlet's speaker shares are flagged as too little text."""
MIN_VERB_QUOTES = 5
"""Below this many attributed quotes an outlet's reporting-verb shares are flagged."""
MIN_LEDE_WORDS = 8
LEDE_SEARCH = 12
"""The lede is looked for among an article's first sentences only."""
OWN_VOICE, IN_QUOTE = "own voice", "in quote"
ROLE_CATEGORIES = frozenset({"spokesperson", "anonymous official", "statement", "media",
                             "institution"})
RESOLVED_COLUMNS = (
    "outlet", "doc_id", "sent_index", "start", "end", "quote", "kind", "verb", "words",
    "speaker", "speaker_category", "speaker_entity", "speaker_label",
)


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(str(text).split()), flags=re.IGNORECASE)


def resolve_names(frame: pd.DataFrame, mentions: pd.DataFrame, *, start: str, name: str
                  ) -> pd.DataFrame:
    """Canonical entity and its label for each row's name span.

    A name span that starts where a stored mention starts takes that mention's entity (same
    as ``lib.entities.resolve_span``, done as one join); otherwise the name text is looked up
    among known aliases (``build_alias_lookup``), so "Gallant" finds "Yoav Gallant".
    """
    result = pd.DataFrame({"entity": pd.Series(None, index=frame.index, dtype=object),
                           "entity_label": pd.Series("", index=frame.index, dtype=object)})
    if frame.empty or mentions.empty:
        return result
    keyed = frame[["doc_id", start]].rename(columns={start: "start"}).reset_index()
    keyed = keyed.dropna(subset=["start"]).astype({"start": "int64"})
    heads = mentions[["doc_id", "start", "entity", "entity_label"]].astype({"start": "int64"})
    exact = keyed.merge(heads.drop_duplicates(["doc_id", "start"]), on=["doc_id", "start"])
    result.loc[exact["index"], "entity"] = exact["entity"].to_numpy()
    result.loc[exact["index"], "entity_label"] = exact["entity_label"].to_numpy()
    lookup = build_alias_lookup(mentions)
    labels = mentions.drop_duplicates("entity").set_index("entity")["entity_label"]
    missing = result["entity"].isna() & frame[name].fillna("").astype(str).ne("")
    keys = frame.loc[missing, name].map(lambda text: normalise_mention(_strip_article(text)).lower())
    found = keys.map(lookup)
    result.loc[found.index, "entity"] = found
    result.loc[found.index, "entity_label"] = found.map(labels).fillna("")
    return result


def _speaker_label(row: pd.Series) -> str:
    entity, category = row["speaker_entity"], row["speaker_category"]
    if isinstance(entity, str) and entity:
        whole = _strip_article(row["speaker"]).lower() == _strip_article(row["speaker_name"]).lower()
        if category not in ROLE_CATEGORIES or row["entity_label"] == "PERSON" or whole:
            return entity
        return f"{category} ({entity})"
    if category in ("person", "organisation", "other") and row["speaker_name"]:
        return _strip_article(row["speaker_name"])
    return category


def resolve_quotes(quotes: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame
                   ) -> pd.DataFrame:
    """Quotes with their outlet, the speaker's canonical entity, and a label for the matrix.

    Named speakers become their entity ("Yoav Gallant"); role speakers tied to a name become
    "spokesperson (State Department)"; unnamed ones keep their category ("anonymous official").
    """
    if quotes.empty:
        return pd.DataFrame(columns=list(RESOLVED_COLUMNS))
    quotes = quotes[quotes["doc_id"].isin(documents["doc_id"])].reset_index(drop=True)
    names = resolve_names(quotes, mentions, start="speaker_name_start", name="speaker_name")
    frame = quotes.assign(speaker_entity=names["entity"], entity_label=names["entity_label"],
                          outlet=quotes["doc_id"].map(outlet_of(documents)))
    is_named = frame["speaker_entity"].notna() & frame["speaker_category"].isin(
        ["person", "organisation", "other", "pronoun"])
    frame.loc[is_named, "speaker_category"] = frame.loc[is_named, "entity_label"].map(
        lambda label: "person" if label == "PERSON" else "organisation")
    frame["speaker_label"] = frame.apply(_speaker_label, axis=1) if len(frame) else []
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
                        documents: pd.DataFrame) -> pd.DataFrame:
    """Descriptor rows with outlet, the actor's canonical entity, and the voice they are in."""
    columns = ["outlet", "doc_id", "sent_index", "start", "end", "actor_entity", "label",
               "method", "voice", "phrase"]
    if descriptors.empty:
        return pd.DataFrame(columns=columns)
    chosen = descriptors[descriptors["doc_id"].isin(documents["doc_id"])].reset_index(drop=True)
    names = resolve_names(chosen, mentions, start="actor_start", name="actor")
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


def _flexible_word(word: str) -> str:
    """A word that may also be written with hyphens inside ("ceasefire" ~ "cease-fire")."""
    return "-?".join(re.escape(char) for char in word)


def _query_patterns(query: str) -> tuple[str, str, str]:
    words = query.lower().split()
    strict = r"(?i)\b" + r"[\s-]+".join(_flexible_word(w) for w in words) + r"\b"
    loose = r"(?i)\b" + r"\w*[\s-]+".join(_flexible_word(w) for w in words) + r"\w*"
    lemma = r"(?:^| )" + " ".join(re.escape(w) for w in words) + r"(?= |$)"
    return strict, loose, lemma


def search_concordance(query: str, sentences: pd.DataFrame, documents: pd.DataFrame, *,
                       width: int = 70, limit: int = 300) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-outlet hits per 1,000 words for a word, lemma or phrase, and keyword-in-context rows.

    A sentence's hits are the larger of its text matches and its lemma matches, so "ceasefire"
    finds "cease-fire" and "negotiation" finds "negotiations".
    """
    words = words_per_outlet(documents)
    counts = pd.DataFrame({"outlet": words.index, "hits": 0, "articles": 0,
                           "n_words": words.to_numpy()})
    kwic = pd.DataFrame(columns=["outlet", "doc_id", "sent_index", "left", "match", "right"])
    if not query.strip() or sentences.empty:
        return counts.assign(per_1000=0.0), kwic
    strict, loose, lemma = _query_patterns(query)
    hits = pd.concat([sentences["text"].str.count(strict),
                      sentences["lemmas"].fillna("").str.count(lemma)], axis=1).max(axis=1)
    found = sentences[hits > 0].assign(hits=hits[hits > 0])
    found = found.assign(outlet=found["doc_id"].map(outlet_of(documents)))
    per_outlet = found.groupby("outlet").agg(hits=("hits", "sum"), articles=("doc_id", "nunique"))
    counts = counts.drop(columns=["hits", "articles"]).merge(
        per_outlet, left_on="outlet", right_index=True, how="left").fillna({"hits": 0, "articles": 0})
    counts = counts.astype({"hits": int, "articles": int})
    counts["per_1000"] = 1000 * counts["hits"] / counts["n_words"].where(counts["n_words"] > 0)
    rows = []
    for row in found.head(limit).itertuples(index=False):
        text = " ".join(str(row.text).split())
        match = re.search(loose, text) or re.search(r"^.*$", text)
        rows.append({"outlet": row.outlet, "doc_id": row.doc_id, "sent_index": row.sent_index,
                     "left": text[max(0, match.start() - width) : match.start()],
                     "match": match.group(), "right": text[match.end() : match.end() + width]})
    if rows:
        kwic = pd.DataFrame(rows).sort_values(["outlet", "doc_id", "sent_index"])
    return counts, kwic.reset_index(drop=True)


def list_headlines(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: its latest article's headline and lede, and how many articles it has.

    The lede is the first sentence of at least ``MIN_LEDE_WORDS`` words that is not the title
    and ends like a sentence (headline-style decks and captions without a full stop are skipped).
    """
    columns = ["outlet", "title", "lede", "published", "doc_id", "n_articles"]
    if documents.empty:
        return pd.DataFrame(columns=columns)
    docs = documents.assign(outlet=outlet_of(documents).loc[documents["doc_id"]].to_numpy())
    early = sentences[(sentences["sent_index"] < LEDE_SEARCH) & sentences["doc_id"].isin(docs["doc_id"])]
    candidates = early.merge(docs[["doc_id", "title"]], on="doc_id")
    text = candidates["text"].str.split().str.join(" ")
    title = candidates["title"].fillna("").str.split().str.join(" ")
    ends = text.str.contains(r"[.!?][\"'\u201d\u2019)]?$", regex=True)
    usable = (text.str.count(" ") + 1 >= MIN_LEDE_WORDS) & (text != title) & ends
    ledes = candidates[usable].sort_values(["doc_id", "sent_index"]).groupby("doc_id").head(1)
    docs = docs.merge(ledes.assign(lede=text[usable])[["doc_id", "lede"]], on="doc_id", how="left")
    docs["n_articles"] = docs.groupby("outlet")["doc_id"].transform("size")
    latest = docs.sort_values(["outlet", "published"], ascending=[True, False]).groupby(
        "outlet").head(1)
    return latest.fillna({"lede": ""})[columns].reset_index(drop=True)


# View entry points: (corpus, filters, …) -> small dataclasses, cached by the page via app.cached.

SPEAKER_KINDS = {"direct and reported": ("direct", "reported"), "direct quotes": ("direct",),
                 "reported speech": ("reported",)}


def _selection(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    documents = corpus.documents
    return documents[documents["doc_id"].isin(select_doc_ids(documents, filters))]


PHRASE_COLUMNS = ["doc_id", "sent_index", "phrase"]
"""The columns of the noun-phrase table the terms view reads (not their offsets)."""


def _rows(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    if frame.empty or "doc_id" not in frame:
        return frame
    return frame[frame["doc_id"].isin(documents["doc_id"])]


def _outlet_sizes(values: pd.Series, documents: pd.DataFrame, *, minimum: int) -> pd.DataFrame:
    outlets = sorted(outlet_of(documents).unique())
    n = values.reindex(outlets, fill_value=0).astype(int)
    return pd.DataFrame({"outlet": outlets, "n": n.to_numpy(), "enough": (n >= minimum).to_numpy()})


@dataclass(frozen=True)
class TermsView:
    """Scored terms, each outlet's top terms, and each outlet's n (words)."""

    scored: pd.DataFrame
    top: pd.DataFrame
    outlets: pd.DataFrame


def summarise_terms_view(corpus: Corpus, filters: Filters, prior_weight: float = 1.0,
                         per_outlet: int = 10) -> TermsView:
    """Distinctive lemmas and noun phrases of every outlet in the selection."""
    documents = _selection(corpus, filters)
    scored = compare_terms(_rows(corpus.sentences, documents),
                           _rows(corpus.table("noun_phrases", PHRASE_COLUMNS), documents), documents,
                           prior_weight=prior_weight)
    words = words_per_outlet(documents)
    outlets = pd.DataFrame({"outlet": words.index, "n_words": words.to_numpy(),
                            "enough": (words >= TERMS_MIN_WORDS).to_numpy()})
    return TermsView(scored, top_terms(scored, per_outlet=per_outlet), outlets)


def list_term_sentences(corpus: Corpus, filters: Filters, term: str, kind: str) -> pd.DataFrame:
    """The sentences of the selection that use a term (lemma or noun phrase), per outlet."""
    documents = _selection(corpus, filters)
    return find_term_sentences(term, kind, _rows(corpus.sentences, documents),
                               _rows(corpus.table("noun_phrases", PHRASE_COLUMNS), documents), documents)


@dataclass(frozen=True)
class NamingView:
    """One actor's labels per outlet and voice, the actors to choose from, and the evidence."""

    actors: list[str]
    table: pd.DataFrame
    outlets: pd.DataFrame
    evidence: pd.DataFrame


def summarise_naming_view(corpus: Corpus, filters: Filters, actor: str | None = None,
                          include_names: bool = True) -> NamingView:
    """How each outlet names ``actor`` (default: the most-described actor)."""
    documents = _selection(corpus, filters)
    rows = resolve_descriptors(corpus.table("descriptors"), corpus.mentions, documents)
    actors = rank_actors(rows, corpus.entities)
    actor = actor if actor in actors else (actors[0] if actors else "")
    if include_names and actor:
        names = list_name_forms(corpus.mentions, corpus.table("quotes"), documents, entity=actor)
        rows = pd.concat([rows, names], ignore_index=True) if not names.empty else rows
    table = compare_naming(rows, documents, actor=actor)
    totals = table.groupby("outlet")["count"].sum() if not table.empty else pd.Series(dtype=int)
    outlets = _outlet_sizes(totals, documents, minimum=1)
    evidence = list_label_sentences(rows, _rows(corpus.sentences, documents), actor=actor)
    return NamingView(actors, table, outlets, evidence)


@dataclass(frozen=True)
class QuotesView:
    """Resolved quotes, the speaker x outlet matrix and reporting verbs, with each outlet's n."""

    quotes: pd.DataFrame
    speakers: pd.DataFrame
    verbs: pd.DataFrame
    speaker_outlets: pd.DataFrame
    verb_outlets: pd.DataFrame


def summarise_quotes_view(corpus: Corpus, filters: Filters,
                          kinds: tuple[str, ...] = ("direct", "reported"), top: int = 12
                          ) -> QuotesView:
    """Who each outlet quotes (share of quoted words) and with which reporting verbs."""
    documents = _selection(corpus, filters)
    resolved = resolve_quotes(corpus.table("quotes"), corpus.mentions, documents)
    chosen = resolved[resolved["kind"].isin(kinds)]
    speakers = compare_speakers(chosen, documents, top=top)
    verbs = count_verbs(chosen, documents)
    attributed = chosen[chosen["verb"].fillna("") != ""]
    return QuotesView(
        chosen, speakers, verbs,
        _outlet_sizes(chosen.groupby("outlet")["words"].sum(), documents,
                      minimum=MIN_QUOTED_WORDS),
        _outlet_sizes(attributed.groupby("outlet").size(), documents, minimum=MIN_VERB_QUOTES),
    )


@dataclass(frozen=True)
class LexiconMatches:
    """Cue and frame matches over every sentence of a corpus (computed once per corpus)."""

    cue_lexicon: pd.DataFrame
    frame_lexicon: pd.DataFrame
    cues: pd.DataFrame
    frames: pd.DataFrame


def match_corpus_lexicons(corpus: Corpus, stamp: str = "") -> LexiconMatches:
    """Match the editable cue and frame lexicons against all sentences (``stamp``: file state)."""
    del stamp  # part of the cache key only: a lexicon edit gives a new stamp
    cue_lexicon, frame_lexicon = load_cues(), load_frames()
    return LexiconMatches(cue_lexicon, frame_lexicon,
                          count_matches(corpus.sentences, cue_lexicon),
                          count_frame_matches(corpus.sentences, frame_lexicon))


@dataclass(frozen=True)
class LexiconView:
    """Per-outlet counts of a lexicon and the evidence sentences of one label."""

    summary: pd.DataFrame
    evidence: pd.DataFrame


def summarise_lexicon_view(corpus: Corpus, filters: Filters, stamp: str, which: str,
                           label: str | None, _matches: LexiconMatches) -> LexiconView:
    """Cues (``which="cues"``) or frames per outlet, and the sentences behind ``label``.

    ``_matches`` comes from ``match_corpus_lexicons(corpus, stamp)``; the leading underscore
    keeps it out of the cache key, which ``stamp`` stands for.
    """
    del stamp
    matches = _matches
    documents = _selection(corpus, filters)
    lexicon = matches.cue_lexicon if which == "cues" else matches.frame_lexicon
    found = _rows(matches.cues if which == "cues" else matches.frames, documents)
    labels = lexicon["label"].tolist() if which == "cues" else list(FRAMES)
    summary = summarise_matches(found, documents, labels=labels)
    evidence = pd.DataFrame()
    if label in set(lexicon["label"]):
        evidence = list_evidence(found, _rows(corpus.sentences, documents), documents, lexicon,
                                 label=label)
    return LexiconView(summary, evidence)


def score_corpus_tone(corpus: Corpus) -> pd.DataFrame:
    """VADER score of every sentence of the corpus (computed once per corpus)."""
    return score_tone(corpus.sentences)


@dataclass(frozen=True)
class ToneView:
    """Tone per outlet overall and around one entity, and one outlet's scored sentences."""

    overall: pd.DataFrame
    entity: pd.DataFrame
    sentences: pd.DataFrame


def summarise_tone_view(corpus: Corpus, filters: Filters, entity: str | None,
                        outlet: str | None, _tone: pd.DataFrame) -> ToneView:
    """Mean tone per outlet, and for the sentences that mention ``entity``.

    ``_tone`` is ``score_corpus_tone(corpus)``: fixed by the corpus, so kept out of the key.
    """
    documents = _selection(corpus, filters)
    scored = _rows(_tone, documents)
    only = sentences_mentioning(corpus.mentions, entity) if entity else None
    entity_table = summarise_tone(scored, documents, only=only) if entity else pd.DataFrame()
    chosen = pd.DataFrame()
    if outlet:
        chosen = list_tone_sentences(scored, _rows(corpus.sentences, documents), documents,
                                     outlet=outlet, only=only)
    return ToneView(summarise_tone(scored, documents), entity_table, chosen)


def list_corpus_entities(corpus: Corpus, *, limit: int = 200) -> list[str]:
    """The most mentioned entities (for the tone entity picker)."""
    return corpus.entities["entity"].head(limit).astype(str).tolist()


def search_corpus(corpus: Corpus, filters: Filters, query: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Concordance of ``query`` over the selection: per-outlet rates and keyword in context."""
    documents = _selection(corpus, filters)
    return search_concordance(query, _rows(corpus.sentences, documents), documents)


def compare_headlines(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """Headline and lede side by side, one row per outlet."""
    documents = _selection(corpus, filters)
    return list_headlines(documents, _rows(corpus.sentences, documents))


def list_actors(corpus: Corpus, filters: Filters) -> list[str]:
    """Actors that have descriptors in the selection, most-described first."""
    documents = _selection(corpus, filters)
    rows = resolve_descriptors(corpus.table("descriptors"), corpus.mentions, documents)
    return rank_actors(rows, corpus.entities)


def pick_rows(frame: pd.DataFrame, column: str, value: str | None) -> pd.DataFrame:
    """Rows of a shown table whose ``column`` equals ``value`` (all rows when value is None)."""
    if value is None or frame.empty or column not in frame:
        return frame
    return frame[frame[column] == value].reset_index(drop=True)


def list_labels(frame: pd.DataFrame, column: str = "label") -> list[str]:
    """Distinct values of a shown table's column, sorted, for a picker."""
    if frame.empty or column not in frame:
        return []
    return sorted(frame[column].dropna().astype(str).unique())


def list_outlets(documents: pd.DataFrame) -> list[str]:
    """Outlet labels of the shown articles, sorted."""
    return sorted(outlet_of(documents).unique())
