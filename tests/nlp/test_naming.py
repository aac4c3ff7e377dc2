"""Tests of descriptor and noun-phrase extraction, on hand-written sentences and the seeds."""

from __future__ import annotations

import pytest

from lib.nlp.naming import EXTRACTORS, extract_descriptors, extract_noun_phrases


def descriptors_of(nlp, text: str) -> list[tuple[str, str, str, bool]]:
    rows = extract_descriptors(nlp(text), doc_id="d")
    return [(r["descriptor"], r["actor"], r["method"], r["in_quote"]) for r in rows]


def test_registry_names_the_tables() -> None:
    assert set(EXTRACTORS) == {"descriptors", "noun_phrases"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hamas is a terror group.", ("terror group", "Hamas", "copula", False)),
        ("Sam Rose, a spokesperson for UNRWA, spoke.", ("spokesperson", "Sam Rose", "appositive", False)),
        ("Hamas rejected the offer. The militant group said it would fight.",
         ("militant group", "Hamas", "anaphor", False)),
        ("Hamas spokesman Abdel Latif al-Qanua spoke on Monday.",
         ("hamas spokesman", "Abdel Latif al-Qanua", "title", False)),
    ],
)
def test_descriptor_kinds(nlp, text: str, expected: tuple[str, str, str, bool]) -> None:
    assert expected in descriptors_of(nlp, text)


def test_label_inside_a_quote_skips_the_speaker(nlp) -> None:
    text = "The IDF entered the city. Hamas said in a statement: “The occupation army will fail.”"
    assert descriptors_of(nlp, text) == [("occupation army", "IDF", "anaphor", True)]


def test_plural_generic_group_is_not_an_anaphor(nlp) -> None:
    assert descriptors_of(nlp, "The IDF struck terrorist groups in Gaza.") == []


def test_descriptor_offsets_point_at_the_text(nlp) -> None:
    text = "Hamas rejected the offer. The militant group said it would fight."
    [row] = extract_descriptors(nlp(text), doc_id="d")
    assert text[row["start"] : row["end"]] == "militant group"
    assert text[row["actor_start"] : row["actor_end"]] == "Hamas"
    assert row["sent_index"] == 1


def test_noun_phrases_drop_articles_and_lemmatise_the_head(nlp) -> None:
    rows = extract_noun_phrases(nlp("The increased military pressures worked on the terror groups."),
                                doc_id="d")
    assert [r["phrase"] for r in rows] == ["increased military pressure", "terror group"]
    assert all(set(r) == {"doc_id", "sent_index", "start", "end", "phrase"} for r in rows)


def test_seed_hamas_labels_differ_by_outlet(seed_corpus) -> None:
    rows = seed_corpus.table("descriptors")
    outlets = seed_corpus.documents.set_index("doc_id")["outlet"]
    hamas = rows[(rows["actor"] == "Hamas") & (rows["method"] == "anaphor")]
    labels = hamas.groupby(hamas["doc_id"].map(outlets))["descriptor"].agg(set)
    assert labels[""] == {"militant group"}
    assert labels["The Times of Israel"] == {"terror group"}
    assert "terrorist group" in labels["All Israel News"]
    occupation = rows[rows["descriptor"] == "occupation army"].iloc[0]
    assert bool(occupation["in_quote"]) and occupation["actor"] == "IDF"


def token_noun_phrases(doc, *, doc_id: str) -> list[dict]:
    """Noun phrases read token by token (what ``extract_noun_phrases`` reads from arrays)."""
    from lib.nlp.extract import sentence_index
    from lib.nlp.naming import _QUOTE_CHARS, PHRASE_SKIP_DEPS

    rows = []
    for chunk in doc.noun_chunks:
        first = chunk.start
        while first < chunk.end and (doc[first].dep_ in PHRASE_SKIP_DEPS or doc[first].is_punct
                                     or doc[first].pos_ == "PRON" or doc[first].like_num):
            first += 1
        span = doc[first:chunk.end]
        if sum(t.is_alpha for t in span) < 2 or "\n" in span.text:
            continue
        head = span[-1]
        phrase = "".join(t.lower_ + t.whitespace_ for t in span[:-1])
        phrase += head.lemma_.lower() if head.pos_ == "NOUN" else head.lower_
        phrase = " ".join(phrase.translate(_QUOTE_CHARS).split())
        if " " in phrase:
            rows.append({"doc_id": doc_id, "sent_index": sentence_index(doc, span.start),
                         "start": span.start_char, "end": span.end_char, "phrase": phrase})
    return rows


def test_noun_phrases_equal_those_read_token_by_token(nlp) -> None:
    from tests.conftest import SEEDS

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts.append("The  man's \"big\" dog and 3 cats ran.\nHis new\ncar; the NHS's 'five-year' plan")
    found = 0
    for doc in nlp.pipe(texts):
        rows = extract_noun_phrases(doc, doc_id="d")
        assert rows == token_noun_phrases(doc, doc_id="d")
        found += len(rows)
    assert found > 100
