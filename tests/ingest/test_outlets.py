"""The outlet registry: names that match safely, domains read offline, the longest domain winning."""

from __future__ import annotations

from collections import Counter

import pytest

from lib.ingest.outlets import (
    find_outlets,
    load_registry,
    lookup_outlet,
    outlet_for_url,
    outlet_line_reason,
    registered_domain,
)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_the_registry_covers_the_most_cited_outlets_and_wires(registry) -> None:
    assert len(registry) >= 200
    assert sum(outlet.is_wire for outlet in registry) >= 30
    kinds = {outlet.name: outlet.kind for outlet in registry}
    assert "wire" in kinds["Reuters"] and "wire" not in kinds["The Guardian"]


def test_no_alias_or_domain_names_two_outlets(registry) -> None:
    aliases = Counter(alias.casefold() for outlet in registry for alias in set(a.casefold() for a in outlet.names))
    domains = Counter(domain for outlet in registry for domain in outlet.domains)
    assert [alias for alias, count in aliases.items() if count > 1] == []
    assert [domain for domain, count in domains.items() if count > 1] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("<< Follow Ynetnews on Facebook | Twitter | Instagram | Telegram >>", ["Ynetnews"]),
        ("an Israeli official told The Times of Israel on Thursday", ["The Times of Israel"]),  # not "The Times"
        ("For as little as $5, you can support ALL ISRAEL NEWS", ["All Israel News"]),
        ("They walked up the hill at dawn to see the sun", []),  # ordinary words are not outlets
        ("Follow The Hill and Dawn", ["The Hill", "Dawn"]),
        ("The AP reported it; the ap style guide", ["Associated Press"]),
    ],
)
def test_aliases_match_as_written_never_inside_a_longer_name(registry, text, names) -> None:
    assert [outlet.name for outlet in find_outlets(text, registry)] == names


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.defense.gov/News/News-Stories/Article/Article/3727088/joint-effort/", "defense.gov"),
        ("https://www.dvidshub.net/image/8315122/unified-command-begins-salvage", "dvidshub.net"),
        ("https://landsat.visibleearth.nasa.gov/view.php?id=153394", "nasa.gov"),
        ("http://poenglish.blogspot.com/2007_04_18_archive.html", "poenglish.blogspot.com"),
        ("https://www.bbc.co.uk/news/world", "bbc.co.uk"),
        ("not a url", "not a url"),
    ],
)
def test_registered_domain_is_read_offline(url, domain) -> None:
    assert registered_domain(url) == domain


def test_a_url_finds_its_outlet_by_the_longest_domain(registry) -> None:
    economic = outlet_for_url("https://economictimes.indiatimes.com/news/x", registry)
    assert economic is not None and economic.name == "The Economic Times"
    assert outlet_for_url("https://www.voacambodia.com/a/1443516.html", registry).name == "Voice of America"
    assert outlet_for_url("http://www.51voa.com/VOA_Special_English/x.html", registry) is None


def test_lookup_and_outlet_name_lines(registry) -> None:
    assert lookup_outlet("VOA News", registry).name == "Voice of America"
    assert outlet_line_reason("Anadolu Agency MIDDLE EAST", registry) == "outlet name"
    assert outlet_line_reason("VOA NEWS", registry) == "outlet name"
    assert outlet_line_reason("VOA Direct Programs", registry) == ""


def test_the_registry_hashes_as_its_tuple_and_finds_the_same_outlets(registry) -> None:
    plain = tuple(registry)
    assert registry == plain and hash(registry) == hash(plain) == hash(registry)
    line = "Anadolu Agency MIDDLE EAST"
    assert outlet_line_reason(line, registry) == outlet_line_reason(line, plain) == "outlet name"
    assert [o.name for o in find_outlets("Reuters and the BBC", registry)] == [
        o.name for o in find_outlets("Reuters and the BBC", plain)]
