"""A large built corpus without parsing it: a parsed corpus's Parquet tables replicated with new ids, outlets and dates.

    python bench/generate.py 1000 /tmp/news-framing-bench/corpus-1000
    python -m lib.build /tmp/news-framing-bench/corpus-1000 --cache-dir /tmp/news-framing-bench/cache
    python bench/replicate.py 100000      # writes /tmp/news-framing-bench/corpus-100000 into the same cache

How. The source corpus must be built (``load_corpus(..., build=False)`` opens it). The count must
be a multiple of its size: replica 0 is the source itself, and replica r (1, 2, …) is a copy of
every article with

- a new doc id (the first 16 hex digits of sha256 of "<old id>|replica <r>"), in every table that
  has a ``doc_id`` column (documents, sentences, mentions before and after canonicalisation,
  every extractor table, the per-sentence measures and their stamps, groups, entity merges, mentions
  not counted) and in ``groups.copy_group``
  (a copy group is named by one of its articles);
- new outlets: the source's outlets, in order of first appearance, mapped to ``--outlets`` outlets of
  the registry (``lib/data/outlets.csv``), shifted by r, with each outlet's kind and country
  (``groups.copy_origin`` follows the same map);
- new dates: ``published`` (and the dates in ``groups.copy_origin_source``) moved r × ``--day-step``
  days later, so the corpus spans more time;
- new story ids (sha256 of "<old story>|replica <r>"): a story is a story within its replica.

Text, sentences, offsets and extracted claims are the source's, so every view works as on parsed
articles; what is not faithful is the repetition itself (each text occurs N/1,000 times under
different outlets and dates), the review queue (kept as the source's: its counts are the
source's), and the per-article text lines naming the original outlet and date.

What the loader checks is written as the build would write it: the prepared documents under the
fingerprint of the new folder's state, the assembled tables under the fingerprint of the
documents, the parse store's name and the data files, the entities summarised by
``summarise_entities`` under the (empty) corrections' fingerprint, one parse shard holding every
article's parse tables (so a damaged assembled table can be gathered again), and a
``complete.json`` in each folder. The new corpus folder holds only ``REPLICATED.json`` (what was
replicated, and how); the store is valid for that folder's state, so touching the folder makes
the loader read it again and find no articles. The script ends by opening the result with
``load_corpus(..., build=False)``, which fails if anything it checks does not match.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.ingest.outlets import load_registry  # noqa: E402
from lib.nlp.corrections import apply_corrections  # noqa: E402
from lib.nlp.entities import summarise_entities  # noqa: E402
from lib.store import parquet as store  # noqa: E402
from lib.store import shards  # noqa: E402
from lib.store.corpus import (  # noqa: E402
    GROUPS_TABLE,
    NOT_COUNTED_TABLE,
    REVIEW_TABLE,
    Corpus,
    Layout,
    data_fingerprint,
    folder_state,
    load_corpus,
)

WORK = Path("/tmp/news-framing-bench")
DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
OUTLET_COLUMNS = ("outlet", "outlet_kind", "outlet_country")


def layout_of(folder: Path, cache: Path, parse_store: Path) -> Layout:
    """Where ``load_corpus`` reads this folder (no extra folder, no word budget) from this cache."""
    state = store.fingerprint(str(folder), folder_state(folder), str(None), folder_state(None),
                              data_fingerprint(), None)
    return Layout(cache, parse_store, (), state)


def new_id(old: str, replica: int) -> str:
    return old if replica == 0 else hashlib.sha256(f"{old}|replica {replica}".encode()).hexdigest()[:16]


def shift_dates(text: str, days: int) -> str:
    """Every ISO date in a string moved ``days`` later."""
    def moved(match: re.Match[str]) -> str:
        try:
            return (date(*map(int, match.groups())) + timedelta(days=days)).isoformat()
        except ValueError:
            return match.group(0)

    return DATE.sub(moved, text) if days and text else text


def outlet_maps(documents: pd.DataFrame, *, outlets: int, replicas: int) -> list[dict[str, tuple[str, str, str]]]:
    """Per replica: each source outlet's new (name, kind, country)."""
    registry = [(o.name, o.kind, o.country) for o in load_registry()][:max(outlets, 1)]
    source = list(dict.fromkeys(documents["outlet"]))
    return [
        {name: registry[(index + replica) % len(registry)] for index, name in enumerate(source)}
        for replica in range(replicas)
    ]


def replicate_documents(documents: pd.DataFrame, replica: int, ids: dict[str, str],
                        outlets: dict[str, tuple[str, str, str]], days: int) -> pd.DataFrame:
    frame = documents.copy()
    frame["doc_id"] = frame["doc_id"].map(ids)
    if replica:
        frame["file"] = f"replica-{replica:03d}/" + frame["file"]
    source = frame["outlet"].copy()
    known = source.isin(outlets)
    for position, column in enumerate(OUTLET_COLUMNS):
        frame.loc[known, column] = source[known].map(lambda name, p=position: outlets[name][p])
    frame["published"] = frame["published"].map(lambda value: shift_dates(value, days))
    return frame


def replicate_groups(groups: pd.DataFrame, replica: int, ids: dict[str, str],
                     outlets: dict[str, tuple[str, str, str]], days: int) -> pd.DataFrame:
    frame = groups.copy()
    frame["doc_id"] = frame["doc_id"].map(ids)
    frame["copy_group"] = frame["copy_group"].map(lambda group: ids.get(group, new_id(group, replica)))
    frame["story"] = frame["story"].map(lambda story: new_id(story, replica) if story else story)
    frame["copy_origin"] = frame["copy_origin"].map(lambda name: outlets.get(name, (name,))[0])
    frame["copy_origin_source"] = frame["copy_origin_source"].map(lambda text: shift_dates(text, days))
    return frame


def replicate_table(frame: pd.DataFrame, ids: dict[str, str]) -> pd.DataFrame:
    return frame.assign(doc_id=frame["doc_id"].map(ids)) if "doc_id" in frame else frame


def replicate_all(tables: dict[str, pd.DataFrame], *, replicas: int, outlets: int,
                  day_step: int) -> dict[str, pd.DataFrame]:
    """Every table replicated ``replicas`` times (documents and groups with new outlets and dates)."""
    maps = outlet_maps(tables["documents"], outlets=outlets, replicas=replicas)
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in tables}
    for replica in range(replicas):
        ids = {old: new_id(old, replica) for old in tables["documents"]["doc_id"]}
        for name, frame in tables.items():
            if name in ("documents", "prepared"):
                frame = replicate_documents(frame, replica, ids, maps[replica], replica * day_step)
            elif name == GROUPS_TABLE:
                frame = replicate_groups(frame, replica, ids, maps[replica], replica * day_step)
            elif name == REVIEW_TABLE or "doc_id" not in frame:
                frame = frame if replica == 0 else frame.iloc[:0]
            else:
                frame = replicate_table(frame, ids)
            parts[name].append(frame)
    return {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}


def read_source(corpus: Corpus, layout: Layout) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The source's prepared, assembled and corrected tables, and its parse tables."""
    target = Path(corpus.source)
    assembled = {path.stem: store.read_table(target, path.stem) for path in sorted(target.glob("*.parquet"))}
    assembled["prepared"] = store.read_table(layout.prepared, "documents")
    assembled["corrected"] = apply_corrections(assembled["mentions"], [], assembled.get(NOT_COUNTED_TABLE))
    ids = set(assembled["documents"]["doc_id"])
    parsed = shards.gather(tuple(Path(p) for p in corpus.parse_stores), shards.parse_table_names(), ids)
    return assembled, parsed


def write_replica(assembled: dict[str, pd.DataFrame], parsed: dict[str, pd.DataFrame], layout: Layout) -> Path:
    """Write the replicated tables where the loader looks for them; return the assembled folder."""
    prepared = assembled.pop("prepared")
    corrected = assembled.pop("corrected")
    problems = store.problems_frame([])
    store.write_tables_atomically({"documents": prepared, "problems": problems}, layout.prepared)
    target = layout.target(prepared)
    store.write_tables_atomically(assembled, target)
    entities = summarise_entities(corrected, assembled["documents"])
    store.write_tables_atomically({"mentions": corrected, "entities": entities}, target / f"c-{store.fingerprint('')}")
    store.write_shard(layout.parse_store, {name: frame for name, frame in parsed.items()})
    return target


def replicate(count: int, *, source: Path, cache: Path, source_cache: Path, folder: Path,
              outlets: int, day_step: int) -> Corpus:
    """Write a ``count``-article corpus replicated from the built corpus in ``source``."""
    corpus = load_corpus(source, cache_dir=source_cache, build=False)
    size = len(corpus.documents)
    if count % size:
        raise SystemExit(f"{count} is not a multiple of the source's {size} articles")
    source_layout = layout_of(corpus_path(source), store.cache_root(source_cache), Path(corpus.parse_stores[0]))
    assembled, parsed = read_source(corpus, source_layout)
    replicas = count // size
    options = {"replicas": replicas, "outlets": outlets, "day_step": day_step}
    assembled = replicate_all(assembled, **options)
    parsed = replicate_all({**parsed, "documents": assembled["documents"].iloc[:size]}, **options)
    parsed.pop("documents")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"source": str(source), "source_cache": str(source_cache), "articles": count, **options}
    written, text = folder / "REPLICATED.json", json.dumps(manifest, indent=1)
    if not written.is_file() or written.read_text(encoding="utf-8") != text:  # the folder's state stays the
        written.write_text(text, encoding="utf-8")  # same, so a replica of another pipeline version stays valid
    root = store.cache_root(cache)
    parse_store = store.parse_store_dir(root, corpus.model)
    write_replica(assembled, parsed, layout_of(corpus_path(folder), root, parse_store))
    return load_corpus(folder, cache_dir=cache, build=False)


def corpus_path(folder: Path) -> Path:
    return folder.expanduser().resolve()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--source", type=Path, default=WORK / "corpus-1000", help="a built corpus folder")
    parser.add_argument("--source-cache", type=Path, default=WORK / "cache", help="the cache it was built into")
    parser.add_argument("--cache", type=Path, default=WORK / "cache", help="the cache to write the replica into")
    parser.add_argument("--folder", type=Path, help="the new corpus folder (default: corpus-<count> beside the source)")
    parser.add_argument("--outlets", type=int, default=60, help="registry outlets the replicas spread over")
    parser.add_argument("--day-step", type=int, default=7, help="days each replica is moved after the previous")
    args = parser.parse_args()
    folder = args.folder or args.source.parent / f"corpus-{args.count}"
    start = time.perf_counter()
    corpus = replicate(args.count, source=args.source, cache=args.cache, source_cache=args.source_cache,
                       folder=folder, outlets=args.outlets, day_step=args.day_step)
    rows = {name: pq.read_metadata(Path(corpus.source) / f"{name}.parquet").num_rows
            for name in ("sentences", "mentions")}
    print(f"replicated {args.source} into {folder}: {len(corpus.documents):,} articles, "
          f"{rows['sentences']:,} sentences, {rows['mentions']:,} mentions, "
          f"{corpus.documents['outlet'].nunique()} outlets, in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
