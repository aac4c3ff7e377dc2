"""The Stories view's tables: stories with several articles, coverage, copies folded, the timeline."""

from __future__ import annotations

from lib.analysis import stories
from lib.analysis.filters import Filters
from tests.conftest import RERUN_OF


def test_the_rerun_and_its_origin_are_one_story_of_two_outlets(copied_corpus) -> None:
    listed = stories.list_stories(copied_corpus, Filters())
    assert len(listed) == 1
    row = listed.iloc[0]
    assert (row["articles"], row["outlets"], row["copies"]) == (2, 2, 1)
    assert (row["first"], row["last"]) == ("2024-02-08", "2024-02-10")


def test_a_story_shows_the_copy_folded_under_its_origin_and_the_delay(copied_corpus) -> None:
    story = stories.list_stories(copied_corpus, Filters()).iloc[0]["story"]
    view = stories.summarise_story(copied_corpus, Filters(), story)
    documents = copied_corpus.documents.set_index("file")
    articles = view.articles.set_index("doc_id")
    rerun, origin = documents.loc["rerun.txt", "doc_id"], documents.loc[RERUN_OF, "doc_id"]
    assert articles.loc[rerun, "copy_of"] == origin and articles.loc[origin, "copy_of"] == ""
    assert articles.loc[rerun, "origin"] == "The Times of Israel"
    assert view.articles["doc_id"].tolist() == [origin, rerun]  # the copy right after its origin
    timeline = view.timeline.set_index("outlet")
    assert timeline.loc["Regional Courier", "days_after"] == 2 and bool(timeline.loc["The Times of Israel", "first"])
    assert view.articles.loc[0, "lede"].startswith("Israel is working to pressure Hamas")


def test_a_story_filtered_out_is_none(copied_corpus) -> None:
    story = stories.list_stories(copied_corpus, Filters()).iloc[0]["story"]
    assert stories.summarise_story(copied_corpus, Filters(outlets=("Ynetnews",)), story) is None


def test_no_story_of_two_says_why_with_the_settings(seed_corpus) -> None:
    assert stories.list_stories(seed_corpus, Filters()).empty
    said = stories.explain_no_stories(seed_corpus, Filters())
    assert said.startswith("The 5 article(s) shown form 5 stories of one article each")
    assert "within 7 days" in said and "lib/data/grouping.csv" in said


def test_stories_that_would_read_the_same_get_numbered_labels() -> None:
    import pandas as pd

    listed = pd.DataFrame({"story": ["a", "b", "c"], "title": ["Talks", "Talks", ""], "articles": [3, 3, 2],
                           "outlets": [2, 2, 2]})
    assert stories.label_stories(listed) == {
        "a": "Talks · 3 articles, 2 outlets", "b": "Talks · 3 articles, 2 outlets (2)",
        "c": "(no title) · 2 articles, 2 outlets"}
