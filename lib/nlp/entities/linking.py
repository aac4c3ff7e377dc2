"""Merging across the corpus, after each article has merged its own names: the same name
however it is spelt, a given name's transliterations, a surname or short form that fits only
one entity, and an acronym that the corpus spells out or whose initials only one name has."""

from __future__ import annotations

from collections import defaultdict

from lib.nlp.entities.merging import PLACE_LABELS, Merger, tail_fits, unique_root
from lib.nlp.entities.names import initials_variants, is_acronym
from lib.nlp.entities.variants import same_given_name


def describe_variant(a: str, b: str) -> str:
    """What differs between two spellings of one name, for the evidence column."""
    if a.lower() == b.lower():
        return "case"
    if a.replace("-", " ") == b.replace("-", " ") or a.replace("-", "") == b.replace("-", ""):
        return "hyphen"
    if a.replace(" ", "") == b.replace(" ", ""):
        return "space"
    return "accents, apostrophes or dots"


def link_same_keys(merger: Merger) -> dict[str, list[int]]:
    """Join every article's nodes of one multi-word key; return single-word keys' nodes."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(merger.nodes):
        by_key[node.key].append(index)
    singles = {}
    for key, members in by_key.items():
        if len(merger.nodes[members[0]].words) == 1 and not is_acronym(merger.nodes[members[0]].name):
            singles[key] = members
            continue
        join_all(merger, members)
    return singles


def join_all(merger: Merger, members: list[int]) -> None:
    """Join nodes of one fold key, recording how their spellings differ."""
    first = merger.nodes[members[0]].name
    for other in members[1:]:
        name = merger.nodes[other].name
        merger.union(other, members[0], "same name", f"{name!r} and {first!r} differ only in "
                     f"{describe_variant(name, first)}")


def link_transliterations(merger: Merger) -> None:
    """Join full names with one surname whose given names are spelling variants, unless both
    are named in one article (then they are two people)."""
    by_surname: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(merger.nodes):
        if merger.is_person(index):
            by_surname[node.words[-1]].append(index)
    docs: dict[int, set[str]] = defaultdict(set)
    for index, node in enumerate(merger.nodes):
        docs[merger.find(index)].add(node.doc_id)
    for members in by_surname.values():
        roots = sorted({merger.find(i) for i in members})
        for position, a in enumerate(roots):
            for b in roots[position + 1:]:
                if merger.find(a) == merger.find(b):
                    continue
                name_a, name_b = merger.nodes[a].words, merger.nodes[b].words
                root_a, root_b = merger.find(a), merger.find(b)
                if same_given_name(name_a[0], name_b[0]) and not docs[root_a] & docs[root_b]:
                    docs[root_b] |= docs[root_a]
                    merger.union(a, b, "transliteration", f"{merger.nodes[a].name!r} and "
                                 f"{merger.nodes[b].name!r}: one surname, given names spelt alike")


def link_singles(merger: Merger, singles: dict[str, list[int]]) -> list[tuple[str, list[int]]]:
    """Single words: nodes merged in their articles decide; lone ones join the one full name
    ending in that word, else each other. Returns (key, roots) of words left ambiguous."""
    people = [i for i in range(len(merger.nodes)) if merger.is_person(i)]
    merged = {i for i in range(len(merger.nodes)) if merger.find(i) != i}
    merged |= {merger.find(i) for i in merged}
    ambiguous = []
    for key, members in singles.items():
        attached = {merger.find(i) for i in members if i in merged}
        lone = [i for i in members if i not in merged]
        if len(attached) > 1:
            ambiguous.append((key, sorted(attached)))
            if len(lone) > 1:
                join_all(merger, lone)
            continue
        if attached and merger.nodes[next(iter(attached))].words[-1] != key:
            if len(lone) > 1:  # a first name joins its person only in the article that names both
                join_all(merger, lone)
            continue
        join_all(merger, members)
        if attached or merger.label(members[0]) in PLACE_LABELS:
            continue
        surname = [p for p in people if merger.nodes[p].words[-1] == key]
        target = unique_root(merger, surname)
        if target is not None:
            merger.union(members[0], target, "surname of the only full name in the corpus",
                         f"{merger.nodes[surname[0]].name!r} is the only full name ending in it")
        elif len({merger.find(p) for p in surname}) > 1:
            ambiguous.append((key, sorted({merger.find(p) for p in surname})))
        else:
            link_short_form(merger, members[0])
    return ambiguous


def link_short_form(merger: Merger, index: int) -> None:
    """A lone word joins the one longer name in the corpus it is a short form of."""
    word = merger.nodes[index].words[0]
    longer = [i for i, node in enumerate(merger.nodes) if node.words and node.words[-1] == word
              and tail_fits(merger, index, i)]
    target = unique_root(merger, longer)
    if target is not None:
        merger.union(index, target, "shorter form of the only longer name",
                     f"{merger.nodes[longer[0]].name!r} is the only longer name it ends")


def link_acronyms(merger: Merger, bracketed: dict[str, set[int]]) -> None:
    """An acronym joins a name written before it in brackets somewhere in the corpus, or else
    the one non-person name whose initials it is, when no other name has those initials."""
    by_initials: dict[str, set[int]] = defaultdict(set)
    for index, node in enumerate(merger.nodes):
        if len(node.words) > 1 and merger.label(index) != "PERSON":
            for value in initials_variants(node.name):
                by_initials[value].add(merger.find(index))
    done: set[str] = set()
    for index, node in enumerate(merger.nodes):
        if not is_acronym(node.name) or node.key in done:
            continue
        done.add(node.key)
        spelt = {merger.find(i) for i in bracketed.get(node.key, set())}
        if len(spelt) == 1:
            target = next(iter(spelt))
            merger.union(index, target, "acronym in brackets",
                         f"{merger.nodes[target].name} ({node.name}) written in the corpus")
            continue
        claims = {merger.find(i) for i in by_initials.get(node.name.replace(".", "").upper(), set())}
        if not spelt and len(claims) == 1 and merger.label(index) != "PERSON":
            target = next(iter(claims))
            merger.union(index, target, "acronym by initials",
                         f"{node.name} is the initials of {merger.nodes[target].name!r} and of no other name")


def link_short_forms(merger: Merger) -> None:
    """A shorter multi-word name joins the one longer name in the corpus that it ends
    ("Key Bridge" -> "Francis Scott Key Bridge")."""
    firsts: dict[str, int] = {}
    for index, node in enumerate(merger.nodes):
        firsts.setdefault(node.key, index)  # nodes of one multi-word key are one group already
    by_last: dict[str, list[int]] = defaultdict(list)
    for index in firsts.values():
        words = merger.nodes[index].words
        by_last[words[-1] if words else ""].append(index)
    for index in firsts.values():
        node = merger.nodes[index]
        if len(node.words) < 2:
            continue
        longer = [i for i in by_last[node.words[-1]] if tail_fits(merger, index, i)]
        target = unique_root(merger, longer)
        if target is not None and target != merger.find(index):
            merger.union(index, target, "shorter form of the only longer name",
                         f"{merger.nodes[longer[0]].name!r} is the only longer name it ends")


def link_plurals(merger: Merger) -> None:
    """A group's plural ("Palestinians") joins the group ("Palestinian")."""
    by_key = {node.key: index for index, node in enumerate(merger.nodes)}
    for index, node in enumerate(merger.nodes):
        if merger.label(index) == "NORP" and node.key.endswith("s") and node.key[:-1] in by_key:
            merger.union(index, by_key[node.key[:-1]], "plural", f"{node.name!r} is the plural")
