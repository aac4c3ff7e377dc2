"""The Stories view: events covered by several articles, who covered each, who did not, and when."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from lib.analysis.concordance import LEDE_SEARCH, find_ledes
from lib.analysis.filters import Filters, label_outlet, outlet_labels, passing_mask
from lib.analysis.queries import limit
from lib.nlp.stories import STORY_SIMILARITY, STORY_WINDOW_DAYS
from lib.store.corpus import Corpus

TOPIC_ENTITIES = 3
"""A story's topic: its most mentioned entities (people, organisations, places, groups)."""
USUAL_ARTICLES = 2
"""An outlet "usually covers the topic" with at least this many other articles naming it."""
TOPIC_LABELS = ("PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC", "LOC")
STORY_COLUMNS = ["story", "title", "articles", "outlets", "first", "last", "copies"]


STORY_DOCUMENT_COLUMNS = ["doc_id", "outlet", "published", "title", "story", "story_title", "copy_group",
                          "copy_representative", "copy_origin"]
"""What the view reads of each article."""


def _every_copy(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """The articles passing the filters, copies included (a story shows every copy, folded)."""
    keep = passing_mask(corpus.documents, replace(filters, copies_once=False))
    columns = [column for column in STORY_DOCUMENT_COLUMNS if column in corpus.documents]
    documents = corpus.documents.loc[keep, columns]
    return documents.assign(outlet=outlet_labels(documents))


def list_stories(corpus: Corpus, filters: Filters, *, min_articles: int = 2) -> pd.DataFrame:
    """Stories with at least ``min_articles`` articles passing the filters, largest first."""
    documents = _every_copy(corpus, filters)
    if documents.empty or "story" not in documents:
        return pd.DataFrame(columns=STORY_COLUMNS)
    dated = documents["published"].fillna("").replace("", None)
    known = documents["outlet"].where(documents["outlet"] != label_outlet(""))
    copy = ~documents["copy_representative"].fillna(True).astype(bool)
    grouped = documents.assign(dated=dated, known=known, copy=copy.astype(int)).groupby("story").agg(
        title=("story_title", "first"), articles=("doc_id", "size"), outlets=("known", "nunique"),
        first=("dated", "min"), last=("dated", "max"), copies=("copy", "sum"),
    ).reset_index()
    grouped = grouped[grouped["articles"] >= min_articles]
    ordered = grouped.sort_values(["outlets", "articles", "first"], ascending=[False, False, True], na_position="last")
    return ordered[STORY_COLUMNS].reset_index(drop=True)


def label_stories(listed: pd.DataFrame) -> dict[str, str]:
    """story -> the picker's label: first headline, articles and outlets, and a number when two
    stories would read the same (the picker tells its options apart by their labels)."""
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for story, title, articles, outlets in listed[["story", "title", "articles", "outlets"]].itertuples(index=False):
        label = f"{title or '(no title)'} · {articles} articles, {outlets} outlets"
        seen[label] = seen.get(label, 0) + 1
        labels[story] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return labels


def explain_no_stories(corpus: Corpus, filters: Filters) -> str:
    """Why no story of two or more articles shows: how many articles and stories there are, and
    the settings that decide when two articles are one story."""
    documents = _every_copy(corpus, filters)
    if documents.empty:
        return "No article passes the filters."
    stories = documents["story"].nunique() if "story" in documents else len(documents)
    return (
        f"The {len(documents)} article(s) shown form {stories} stories of one article each: no two were "
        f"published within {STORY_WINDOW_DAYS} days of each other with similar enough text (an average TF-IDF "
        f"similarity of at least {STORY_SIMILARITY:g}). Widen the filters, add articles on the same events, "
        "or change story_window_days and story_similarity in lib/data/grouping.csv."
    )


@dataclass(frozen=True)
class StoryView:
    """One story: its articles side by side, who covered it, who usually covers its topic but
    did not, and each outlet's delay after the first report."""

    articles: pd.DataFrame
    timeline: pd.DataFrame
    coverage: pd.DataFrame
    topic: list[str]
    missing: pd.DataFrame


def query_lede_sentences(corpus: Corpus, doc_ids: list[str]) -> pd.DataFrame:
    """doc_id, sent_index, text of the sentences of some articles where a lede is looked for."""
    found = corpus.query("""SELECT s.doc_id, s.sent_index, s.text FROM sentences s JOIN chosen USING (doc_id)
                            WHERE s.sent_index < ? ORDER BY s.doc_id, s.sent_index""",
                         [LEDE_SEARCH], chosen=doc_ids)
    return found.astype({"doc_id": "str", "text": "str"}) if len(found) else found


def _articles(documents: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The story's articles with headline and lede; each copy under its origin's copy."""
    sentences = query_lede_sentences(corpus, documents["doc_id"].tolist())
    table = documents.assign(lede=find_ledes(documents, sentences).to_numpy())
    kept = table["copy_representative"].fillna(True).astype(bool)
    keeper = table[kept].set_index("copy_group")["doc_id"]
    table["copy_of"] = table["copy_group"].map(keeper).where(~kept, "")
    table["origin"] = table["copy_origin"].fillna("")
    order = table["copy_group"].map(keeper).fillna(table["doc_id"])
    table = table.assign(_order=order, _copy=table["copy_of"].ne("")).sort_values(["published", "_order", "_copy"])
    columns = ["outlet", "published", "title", "lede", "copy_of", "origin", "doc_id"]
    return table[columns].reset_index(drop=True)


def _timeline(documents: pd.DataFrame) -> pd.DataFrame:
    """Each outlet's first article of the story and how many days after the first report it came."""
    dated = documents[documents["published"].fillna("").str.len() >= 10]
    if dated.empty:
        return pd.DataFrame(columns=["outlet", "published", "days_after", "title", "doc_id", "first"])
    dated = dated.assign(published=pd.to_datetime(dated["published"].str[:10]))
    own = dated.sort_values("published").groupby("outlet").head(1)
    start = own["published"].min()
    own = own.assign(days_after=(own["published"] - start).dt.days, first=own["published"] == start)
    return own[["outlet", "published", "days_after", "title", "doc_id", "first"]].reset_index(drop=True)


def _coverage(documents: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """Every outlet that covered the story: its articles, first date (or undated) and delay."""
    counts = documents.groupby("outlet")["doc_id"].size().rename("articles").reset_index()
    table = counts.merge(timeline[["outlet", "published", "days_after"]], on="outlet", how="left")
    table["published"] = pd.to_datetime(table["published"]).dt.strftime("%Y-%m-%d").fillna("undated")
    return table.sort_values(["days_after", "outlet"], na_position="last").reset_index(drop=True)


def query_topic(corpus: Corpus, doc_ids: list[str]) -> list[str]:
    """The entities (of the topic's types) most mentioned in some articles, most first (ties by name)."""
    found = corpus.query(
        f"""SELECT entity, count(*) AS n FROM mentions JOIN chosen USING (doc_id)
            WHERE list_contains(?::VARCHAR[], entity_label) GROUP BY entity ORDER BY n DESC, entity
            {limit(TOPIC_ENTITIES)}""", [list(TOPIC_LABELS)], chosen=doc_ids)
    return found["entity"].astype("str").tolist()


def query_usual_outlets(corpus: Corpus, documents: pd.DataFrame, story_ids: set[str],
                        topic: list[str]) -> pd.DataFrame:
    """Outlets with at least USUAL_ARTICLES other articles naming the topic's entities but no
    article in the story, most articles first (ties by name)."""
    columns = ["outlet", "articles on the topic"]
    own = documents["doc_id"].isin(story_ids)
    others = documents.loc[~own, ["doc_id", "outlet"]]
    if not topic or others.empty:
        return pd.DataFrame(columns=columns)
    found = corpus.query(
        """SELECT outlet, count(DISTINCT doc_id) AS articles FROM mentions JOIN chosen USING (doc_id)
           WHERE list_contains(?::VARCHAR[], entity) GROUP BY outlet HAVING count(DISTINCT doc_id) >= ?
           ORDER BY articles DESC, outlet""", [topic, USUAL_ARTICLES], chosen=others)
    found = found[~found["outlet"].isin(set(documents.loc[own, "outlet"]))]
    return pd.DataFrame({columns[0]: found["outlet"].astype("str"), columns[1]: found["articles"].astype(int)},
                        columns=columns).reset_index(drop=True)


def summarise_story(corpus: Corpus, filters: Filters, story: str) -> StoryView | None:
    """Everything the Stories view shows for one story (None if no article of it passes the filters)."""
    documents = _every_copy(corpus, filters)
    if "story" not in documents:
        return None
    own = documents[documents["story"] == story]
    if own.empty:
        return None
    ids = set(own["doc_id"])
    topic = query_topic(corpus, own["doc_id"].tolist())
    timeline = _timeline(own)
    return StoryView(
        articles=_articles(own, corpus), timeline=timeline, coverage=_coverage(own, timeline), topic=topic,
        missing=query_usual_outlets(corpus, documents, ids, topic),
    )
