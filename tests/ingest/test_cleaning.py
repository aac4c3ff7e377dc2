"""Cleaning removes page furniture line by line and keeps an audit of every removed line."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from lib.ingest.cleaning import clean_text, letter_scripts


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Donate to ALL ISRAEL NEWS", "donation"),
        ("Subscribe", "newsletter"),
        ("Get the Ynetnews app on your smartphone: Google Play: https://bit.ly/x | Apple App Store", "app store"),
        ("<< Follow Ynetnews on Facebook | Twitter | Instagram | Telegram >>", "social follow"),
        ("The commenter agrees to the privacy policy of Ynet News and agrees not to submit comments", "comment policy"),
        ("read more:", "read more"),
        ("Popular Articles", "popular articles"),
        ("2 View gallery", "gallery"),
        ("Picture of a soldier in Gaza, released on July 9, 2024 (Photo: IDF).", "photo credit"),
        ("Prime Minister at a press conference, Feb. 7, 2024. (Sam Sokol / Times of Israel)", "photo credit"),
        ("Getting your Trinity Audio player ready...", "audio player"),
        ("Published March 26,2024", "dateline"),
        # lines copied from the benchmark's pages
        ("An official website of the United States government", "government banner"),
        ("Official websites use .mil", "government banner"),
        ("Accessibility links", "accessibility"),
        ("Breaking News", "banner"),
        ("Maintenance window scheduled to begin at February 14th 2200 est. until 0400 est. February 15th",
         "maintenance notice"),
        ("This is the stable version, checked on 19 December 2024. Template changes await review.", "page notice"),
        ("Forgot Password?", "login"),
        ("No media source currently available", "media player"),
        ("0:00 0:02:51 0:00", "media player"),
        ("Download MP3   (Right-click or option-click the link.)", "media player"),
        ("Home : News : Article View", "navigation"),
        ("PRINT  |  E-MAIL", "share row"),
        ("Categories: Sub-Saharan Africa, Guinea, Citizen Media, Governance, Human Rights, Politics, Protest",
         "category list"),
        ("Newest 2012 Paralympic stories", "related links"),
        ("• 29 June 2014: Medal-seeking Spanish men arrive at 2014 Goalball World Championships", "related links"),
        ("Support Global Voices", "donation"),
        ("Courtesy Photo | U.S. Army Soldiers of the 20th Engineer Brigade load supplies on a truck at Fort...... "
         "read more read more", "photo credit"),
        ("Screenshot taken from YouTube.", "photo credit"),
        ("Read the full article on Global Voices Online here", "read more"),
        ("Defense Visual Information Distribution Service Logo", "masthead"),
        ("- Global Voices - https://globalvoices.org -", "masthead"),
        ("From Wikinews, the free news source you can write!", "site tagline"),
        ("© 2024 The Associated Press. All rights reserved.", "copyright"),
    ],
)
def test_furniture_lines_are_removed_with_their_reason(line: str, reason: str) -> None:
    body = "Officials said on Monday that the talks would resume in Cairo next week."
    cleaned = clean_text(f"{body}\n{line}\n{body} Both sides agreed.")
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    assert line not in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        "Support for the plan grew among residents who had opposed it.",
        "The plant was shut for scheduled maintenance on Tuesday.",
        "Retrieved from the river, the bodies were identified by relatives.",
        "Copyright law protects the work of authors and artists.",
        "More news outlets reported similar stories",
    ],
)
def test_body_sentences_that_share_a_furniture_word_are_kept(line: str) -> None:
    assert clean_text(line).removed == ()


def test_lines_in_another_script_are_removed() -> None:
    cleaned = clean_text(
        "Israeli forces struck targets in Gaza City on Wednesday, the military said.\n"
        "תקיפה ליד מסגד אל-מחטה בשכונת אל-תופאח\n"
        "IDF strikes in Gaza City"
    )
    assert [r.reason for r in cleaned.removed] == ["other script (Hebrew)"]
    assert cleaned.kept_lines == (
        "Israeli forces struck targets in Gaza City on Wednesday, the military said.",
        "IDF strikes in Gaza City",
    )


def test_repeated_lines_are_removed_once_seen() -> None:
    cleaned = clean_text("Headline here\nBody sentence one is here.\nHeadline here")
    assert [(r.line, r.reason) for r in cleaned.removed] == [(3, "repeated line")]


def test_body_sentences_are_never_altered() -> None:
    body = (
        "Hamas said it would not return to talks. It accused Israel of \u201cplacing obstacles\u201d.\n"
        "The group also said subscribers to its channel should expect a statement on Friday, and that "
        "its leaders would donate nothing to a process they call a trap."
    )
    cleaned = clean_text(body)
    assert cleaned.removed == ()
    assert cleaned.text == body.replace("\n", "\n\n")


def test_seed_ynetnews_hebrew_captions_are_in_the_audit(seed_corpus) -> None:
    import json

    texts = seed_corpus.read_texts().set_index("doc_id")
    documents = seed_corpus.documents.set_index("outlet").join(texts, on="doc_id")
    removed = json.loads(documents.loc["Ynetnews", "removed"])
    hebrew = [r for r in removed if r["reason"] == "other script (Hebrew)"]
    assert len(hebrew) == 4
    assert "תקיפה" in hebrew[0]["text"]
    assert "תקיפה" not in documents.loc["Ynetnews", "text"]


@pytest.mark.parametrize("line", [
    "Plain ASCII words, 12 of them!", "Café au lait à Tel Aviv", "חטופים Hostages שוחררו", "", "1,200 — 253",
    "مفاوضات الرهائن talks", "Ελληνικά and English",
])
def test_letters_are_counted_per_script_like_unicode_names_them(line: str) -> None:
    expected = Counter(unicodedata.name(c).split(" ")[0] for c in line if c.isalpha())
    assert +letter_scripts(line) == expected
