"""The per-Doc look-ups extractors share: they must answer exactly as the Token API does."""

from __future__ import annotations

from lib.nlp.extract import (
    CACHE_PREFIX,
    content_lemmas,
    entities_of,
    entities_within,
    entity_at,
    forget,
    sentences_of,
    text_of,
    tokens_before,
    tokens_where,
)

TEXT = (
    'Defense Minister Yoav Gallant said on Tuesday that Hamas would be defeated. '
    '"We will not stop," he told reporters in Tel Aviv, according to the ministry.'
)


def test_tokens_where_matches_the_token_attributes(nlp) -> None:
    doc = nlp(TEXT)
    verbs = tokens_where(doc, "pos", ("VERB", "AUX")).tolist()
    assert verbs == [t.i for t in doc if t.pos_ in ("VERB", "AUX")]
    said = tokens_where(doc, "lemma", {"say", "tell"}, fold_case=True).tolist()
    assert [doc[i].text for i in said] == ["said", "told"]
    capitalised = tokens_where(doc, "lower", lambda text: text.startswith("gal")).tolist()
    assert [doc[i].text for i in capitalised] == ["Gallant"]
    assert tokens_where(doc, "dep", ("no-such-label",)).tolist() == []


def test_entity_lookups_agree_with_doc_ents(nlp) -> None:
    doc = nlp(TEXT)
    assert [e.text for e in entities_of(doc)] == [e.text for e in doc.ents]
    for token in doc:
        expected = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        found = entity_at(doc, token.i)
        assert (found.text, found.start) == (expected.text, expected.start) if expected else found is None
    sentence = sentences_of(doc)[1]
    assert [e.text for e in entities_within(sentence)] == [e.text for e in sentence.ents]


def test_tokens_before_counts_the_tokens_of_a_prefix(nlp) -> None:
    doc = nlp(TEXT)
    for char in (0, 7, 8, 16, 17, TEXT.index('"'), len(TEXT)):
        span = doc.char_span(0, char, alignment_mode="contract")
        assert tokens_before(doc, char) == (len(span) if span is not None else 0)


def test_content_lemmas_skip_punctuation_and_space(nlp) -> None:
    doc = nlp(TEXT)
    expected = [None if (t.is_punct or t.is_space) else t.lemma_.lower() for t in doc]
    assert content_lemmas(doc) == expected


def test_forget_drops_every_cache_and_nothing_else(nlp) -> None:
    doc = nlp(TEXT)
    doc.user_data["someone_else"] = 1
    text_of(doc), sentences_of(doc), entity_at(doc, 0), tokens_where(doc, "pos", ("VERB",))
    assert any(str(key).startswith(CACHE_PREFIX) for key in doc.user_data)
    forget(doc)
    assert list(doc.user_data) == ["someone_else"]
