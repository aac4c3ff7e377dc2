"""Same tables: a build's every Parquet table saved, and a later build's compared with them.

A change meant to make the build faster must not change what it writes. ``save`` builds the seeds
and a generated corpus into an empty cache and keeps every table (the prepared documents, the
parse store's tables with each table's shards put together, the assembled and corrected tables);
``compare`` builds them again with the code as it is now and checks each table against the saved
one with ``pandas.testing.assert_frame_equal`` (rows in a stable order: shards and partitions
finish in any order).

    python bench/same_tables.py save /tmp/tables-before            # before the change
    python bench/same_tables.py compare /tmp/tables-before         # after it: every table equal
    python bench/same_tables.py compare /tmp/tables-before --processes 2
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from lib.store import parquet as store  # noqa: E402
from lib.store.shards import Engine  # noqa: E402

GENERATED = 300


def build_tables(folder: Path, cache: Path, *, processes: int) -> dict[str, pd.DataFrame]:
    """Every table a build of ``folder`` into an empty cache writes, by a name that does not
    depend on shard names: prepared/NAME, parses/NAME, corpus/NAME, corrected/NAME."""
    from lib.store.corpus import load_corpus

    shutil.rmtree(cache, ignore_errors=True)
    load_corpus(folder, cache_dir=cache, engine=Engine(n_process=processes))
    tables: dict[str, pd.DataFrame] = {}
    for kind, pattern in (("prepared", "prepared/*"), ("corpus", "corpora/*"), ("corrected", "corpora/*/c-*")):
        for table_folder in cache.glob(pattern):
            for path in table_folder.glob("*.parquet"):
                tables[f"{kind}/{path.stem}"] = store.read_table(table_folder, path.stem)
    for parse_store in cache.glob("parses/*"):
        parts: dict[str, list[pd.DataFrame]] = {}
        for shard in store.list_shards(parse_store):
            for path in shard.glob("*.parquet"):
                parts.setdefault(path.stem, []).append(store.read_table(shard, path.stem))
        for name, frames in parts.items():
            frames = [frame for frame in frames if not frame.empty] or frames[:1]
            tables[f"parses/{name}"] = pd.concat(frames, ignore_index=True)
    return {name: in_stable_order(frame) for name, frame in tables.items()}


def in_stable_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows sorted by every column (as text), so the order shards arrived in does not count."""
    if frame.empty:
        return frame.reset_index(drop=True)
    order = frame.astype(str).sort_values(list(frame.columns), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def corpora(work: Path) -> dict[str, Path]:
    generate(GENERATED, work / "generated")
    return {"seeds": ROOT / "seeds", "generated": work / "generated"}


def save(target: Path, *, processes: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        for name, folder in corpora(Path(work)).items():
            for table, frame in build_tables(folder, Path(work) / "cache", processes=processes).items():
                path = target / name / f"{table}.pkl"
                path.parent.mkdir(parents=True, exist_ok=True)
                frame.to_pickle(path)  # a bench artefact, not the store: keeps dtypes exactly
            print(f"saved {name}")


def compare(saved: Path, *, processes: int) -> int:
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for name, folder in corpora(Path(work)).items():
            now = build_tables(folder, Path(work) / "cache", processes=processes)
            before = {p.relative_to(saved / name).with_suffix("").as_posix(): p
                      for p in (saved / name).rglob("*.pkl")}
            for table in sorted(set(before) | set(now)):
                if table not in before or table not in now:
                    print(f"{name} {table}: only {'now' if table in now else 'before'}")
                    failures += 1
                    continue
                try:
                    pd.testing.assert_frame_equal(now[table], pd.read_pickle(before[table]))
                except AssertionError as error:
                    print(f"{name} {table}: differs\n{error}")
                    failures += 1
            print(f"{name}: {len(now)} tables compared")
    print("every table equal" if not failures else f"{failures} tables differ")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--processes", type=int, default=1, help="parser processes of the build")
    args = parser.parse_args()
    if args.action == "save":
        save(args.folder, processes=args.processes)
        return 0
    return compare(args.folder, processes=args.processes)


if __name__ == "__main__":
    sys.exit(main())
