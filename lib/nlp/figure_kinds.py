"""What a reported number counts: its kind from the counted noun, the verb and the predicate, by an editable lexicon.

Kinds are tallies (killed, injured, missing, displaced, arrested, prisoners, hostages held or
taken, hostages or prisoners released, rockets) or deal terms ("hostages to be released",
"prisoners to be released"): a number of hostages a deal would free is never a tally.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from lib import DATA_DIR
from lib.nlp.person_words import counts_people
from lib.nlp.tense import PAST, verb_tense

FIGURE_KINDS_FILE = DATA_DIR / "figure_kinds.csv"
PEOPLE_KINDS = frozenset({"killed", "injured", "missing", "displaced", "arrested"})
"""Kinds that count people: the counted noun must be a noun for people, or absent."""
DEAL_KINDS = {"hostages held": "hostages", "hostages taken": "hostages", "prisoners": "prisoners"}
INTRANSITIVE = frozenset({"die", "flee", "drown"})
"""Verbs whose active subject is what is counted ("nine people died")."""
FATAL = frozenset({"fatally", "mortally"})
ARGUMENT_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "oprd"})


@dataclass(frozen=True)
class KindLexicon:
    """The lexicon's words by part: nouns, verbs, predicates, deal words, "lives" verbs, places."""

    parts: dict[str, dict[str, str]]

    def get(self, part: str, word: str) -> str:
        return self.parts.get(part, {}).get(word.lower(), "")


@lru_cache(maxsize=2)
def load_kinds(path: Path = FIGURE_KINDS_FILE) -> KindLexicon:
    """The figure-kind lexicon (lines starting # are notes)."""
    parts: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            word = (row.get("word") or "").strip().lower()
            if word and not word.startswith("#"):
                parts.setdefault((row.get("part") or "").strip(), {})[word] = (row.get("kind") or "").strip()
    return KindLexicon(parts)


def governing_verb(token: Token) -> Token | None:
    """Climb from the counted phrase through coordination to the verb it is an argument of."""
    current = token
    while current.dep_ in {"conj", "appos"} and current.head.pos_ not in {"VERB", "AUX"}:
        current = current.head
    if current.dep_ in ARGUMENT_DEPS and current.head.pos_ in {"VERB", "AUX"}:
        return current.head
    return None


def _predicate_kind(owner: Token, skip: int, lexicon: KindLexicon) -> str:
    for child in owner.children:
        if child.dep_ in {"oprd", "acomp", "attr", "dobj", "xcomp", "advmod"} and child.i != skip:
            kind = lexicon.get("predicate", child.lower_) or lexicon.get("predicate", child.lemma_)
            if kind:
                return kind
    return ""


def _lives_kind(verb: Token, argument: Token, lexicon: KindLexicon, *, role: str = "") -> str:
    """"14 people lost their lives", "claimed the lives of 14 people"."""
    if not lexicon.get("lives", verb.lemma_):
        return ""
    lives = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "life"), None)
    if lives is None:
        return ""
    owner = argument.head.head if argument.dep_ == "pobj" and argument.head.lower_ == "of" else None
    return lexicon.get("lives", verb.lemma_) if (role or argument.dep_) == "nsubj" or owner == lives else ""


def _lives_of(argument: Token) -> Token | None:
    """The verb of "claimed the lives of 14 people" for the counted "people"."""
    if argument.dep_ == "pobj" and argument.head.lower_ == "of" and argument.head.head.lemma_.lower() == "life":
        lives = argument.head.head
        return lives.head if lives.dep_ == "dobj" else None
    return None


def _place_kind(verb: Token, lexicon: KindLexicon) -> str:
    """"10,000 people are housed in shelters": a verb whose "in" names a shelter or camp."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "into")):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            kind = lexicon.get("place", noun.lemma_)
            if kind:
                return kind
    return ""


def kind_of_verb(verb: Token, argument: Token, lexicon: KindLexicon, *, role: str = "", depth: int = 0) -> str:
    """The kind a verb gives its counted argument ("killing 1,200 people", "left 27,000 dead",
    "three others are still missing", "nine people are known to have lost their lives").

    ``role`` is the argument's part in this verb's clause when it is not its own dependency
    (the raised subject of "are known to have died")."""
    role = role or argument.dep_
    adjectival = verb.tag_ in ("VBG", "JJ") and role.startswith("nsubj")  # "others are still missing"
    kind = (lexicon.get("predicate", verb.lower_) if adjectival else "") or (
        _predicate_kind(verb, argument.i, lexicon) or _lives_kind(verb, argument, lexicon, role=role))
    if kind:
        return "killed" if kind == "injured" and any(c.lower_ in FATAL for c in verb.children) else kind
    lemma = verb.lemma_.lower()
    kind = lexicon.get("verb", lemma)
    if not kind:
        if role == "nsubjpass" and depth == 0:
            raised = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if raised is not None:
                return kind_of_verb(raised, argument, lexicon, role="nsubj", depth=1)
        return _place_kind(verb, lexicon) if role == "nsubjpass" else ""
    active_subject = role == "nsubj" and verb.tag_ != "VBN" and lemma not in INTRANSITIVE
    if active_subject:
        return ""
    if kind == "injured" and any(c.lower_ in FATAL for c in verb.children):
        return "killed"
    return kind


def _modifier_kind(owner: Token, lexicon: KindLexicon) -> str:
    """"six workers missing", "six workers presumed killed", "the seven bodies"."""
    for child in owner.children:
        if child.dep_ not in {"acl", "amod", "relcl"}:
            continue
        kind = lexicon.get("predicate", child.lower_) or lexicon.get("verb", child.lemma_)
        if kind and kind == "injured" and any(c.lower_ in FATAL for c in child.children):
            return "killed"
        following = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
        kind = kind or _predicate_kind(child, owner.i, lexicon) or (
            lexicon.get("predicate", following.lower_) if following is not None else "")
        if kind:
            return kind
    return ""


def adjacent_kind(token: Token | None) -> str:
    """The kind of a predicate right after a number ("22,000 dead", "6,900 evacuated")."""
    if token is None or token.pos_ not in ("ADJ", "VERB", "NOUN"):
        return ""
    return load_kinds().get("predicate", token.lower_)


def _including(noun: Token) -> Token | None:
    """The counted noun a sub-count belongs to ("six people …, including one police officer")."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("including", "among"):
        owner = noun.head.head
        return owner if owner.pos_ in ("NOUN", "PROPN", "PRON", "VERB") else None
    return None


def base_kind(head: Token, noun: Token | None, *, depth: int = 0) -> str:
    """The tally a number counts, before deal terms are told apart ("" when not tracked)."""
    lexicon = load_kinds()
    if noun is not None and lexicon.get("noun", noun.lemma_):
        return lexicon.get("noun", noun.lemma_)
    for owner in (head, noun):
        kind = _modifier_kind(owner, lexicon) if owner is not None else ""
        if kind:
            return kind
    argument = noun if noun is not None else head
    verb = governing_verb(argument)
    if verb is not None:
        return kind_of_verb(verb, argument, lexicon)
    verb = _lives_of(argument)
    if verb is not None:
        return _lives_kind(verb, argument, lexicon)
    owner = _including(argument)
    if owner is not None and depth == 0:
        objects = [c for c in owner.children if c.dep_ == "dobj"] if owner.pos_ in ("VERB", "AUX") else [owner]
        return base_kind(objects[0], objects[0], depth=1) if objects else ""
    return ""


def deal_kind(kind: str, argument: Token) -> str:
    """"hostages to be released" for a number a deal would free; "hostages released" once freed."""
    group = DEAL_KINDS.get(kind)
    if group is None:
        return kind
    lexicon = load_kinds()
    verb = governing_verb(argument)
    verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")] if verb is not None else []
    deal = next((v for v in verbs if lexicon.get("deal", v.lemma_)), None)
    if deal is not None:
        return f"{group} released" if verb_tense(deal) == PAST else f"{group} to be released"
    while argument.dep_ == "conj":
        argument = argument.head
    if argument.dep_ == "pobj" and argument.head.lower_ == "of" and lexicon.get("deal", argument.head.head.lemma_):
        release = argument.head.head
        clause = next((t for t in release.ancestors if t.pos_ in ("VERB", "AUX")), None)
        past = clause is not None and verb_tense(clause) == PAST
        return f"{group} released" if past else f"{group} to be released"
    return kind


def classify_figure(head: Token, noun: Token | None, *, following: Token | None = None) -> str:
    """Return what a number counts (killed, hostages to be released, …) or "" if not a tracked kind.

    ``following`` is the word right after the number: "22,000 dead" counts the dead whatever
    noun the parser hung the number from."""
    adjacent = adjacent_kind(following)
    if adjacent:
        return adjacent
    kind = base_kind(head, noun)
    if not kind:
        return ""
    if kind in PEOPLE_KINDS and noun is not None and not _counts_people(noun):
        return ""
    return deal_kind(kind, noun if noun is not None else head)


def _counts_people(noun: Token) -> bool:
    if noun.ent_type_ in ("NORP", "PERSON") or load_kinds().get("noun", noun.lemma_):
        return True
    return counts_people(noun.lemma_) or counts_people(noun.lower_)
