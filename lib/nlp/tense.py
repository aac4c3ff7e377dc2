"""The tense of the clause a word belongs to, read from the parse: past, present, future or conditional."""

from __future__ import annotations

from spacy.tokens import Token

PAST, PRESENT, FUTURE, CONDITIONAL = "past", "present", "future", "conditional"
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should"})
HAVE = frozenset({"have", "has", "had", "'ve", "’ve"})
FUTURE_HEADS = frozenset({"plan", "expect", "schedule", "set", "due", "intend", "aim", "hope",
                          "prepare", "agree", "vow", "promise", "threaten", "go"})
"""Verbs whose "to" complement happens later ("is expected to meet", "plans to visit")."""
VERB_POS = ("VERB", "AUX")


def clause_verb(token: Token) -> Token | None:
    """The verb of the clause holding ``token`` (the token itself, or its nearest verb ancestor)."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in VERB_POS:
            return candidate
    return None


def _aux_words(verb: Token) -> list[Token]:
    return [child for child in verb.children if child.dep_ in ("aux", "auxpass")]


def _to_infinitive(verb: Token, auxes: list[Token]) -> str:
    """The tense of "to meet": future after "plan/expect/set/going", else that of the verb above."""
    head = verb.head
    if head.i == verb.i:
        return ""
    if head.pos_ not in VERB_POS:
        return FUTURE  # an aim not yet met: "demands to pull troops out", "a bid to reach a deal"
    if head.lemma_.lower() in FUTURE_HEADS or head.lower_ in ("due", "set", "scheduled"):
        return FUTURE
    if head.lemma_.lower() == "be":
        return FUTURE  # "are to be released"
    return verb_tense(head)


def verb_tense(verb: Token) -> str:
    """Past, present, future or conditional for one verb, from its auxiliaries and tag."""
    auxes = _aux_words(verb)
    words = {aux.lower_ for aux in auxes}
    if words & FUTURE_AUX:
        return FUTURE
    if words & CONDITIONAL_AUX:
        return CONDITIONAL
    if "to" in words:
        return _to_infinitive(verb, auxes)
    if words & HAVE:
        return PAST if any(a.tag_ in ("VBD", "VBZ", "VBP") for a in auxes if a.lower_ in HAVE) else ""
    tags = {verb.tag_} | {aux.tag_ for aux in auxes}
    if "VBD" in tags:
        return PAST
    if tags & {"VBZ", "VBP"}:
        return PRESENT
    return ""


def clause_tense(token: Token) -> str:
    """The tense of the clause holding ``token`` ("" when the parse does not say)."""
    verb = clause_verb(token)
    return verb_tense(verb) if verb is not None else ""
