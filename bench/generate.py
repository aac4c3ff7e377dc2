"""A deterministic corpus generator: N distinct, realistic articles recombined from the seeds.

    python bench/generate.py 1000 /tmp/corpus-1000
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.ingest.cleaning import clean_text  # noqa: E402
from lib.ingest.outlets import load_registry  # noqa: E402

SEED = 20240326
FIRST_DAY = date(2023, 10, 8)
DAYS = 600


def load_paragraphs(seeds: Path) -> tuple[list[str], list[str]]:
    """Headline-like lines and body paragraphs of the seed articles, after cleaning."""
    headlines: list[str] = []
    paragraphs: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        for line in clean_text(path.read_text(encoding="utf-8")).kept_lines:
            words = len(line.split())
            if words <= 25 and not line.endswith("."):
                headlines.append(line)
            elif words >= 8:
                paragraphs.append(line)
    return headlines, paragraphs


def make_article(rng: random.Random, headlines: list[str], paragraphs: list[str], outlet: str) -> tuple[str, str]:
    """One article's text and its publication date."""
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    body = rng.sample(paragraphs, k=rng.randint(6, min(14, len(paragraphs))))
    lines = [rng.choice(headlines), f"Published {published:%B} {published.day}, {published.year}", *body]
    lines.append(f"Follow {outlet} on Twitter")
    return "\n\n".join(lines) + "\n", published.isoformat()


def generate(count: int, folder: Path, *, seeds: Path = ROOT / "seeds", seed: int = SEED) -> list[Path]:
    """Write ``count`` distinct articles (and a metadata.csv naming their outlets) into folder."""
    rng = random.Random(seed)
    headlines, paragraphs = load_paragraphs(seeds)
    outlets = [outlet.name for outlet in load_registry()][:12]
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    rows = []
    paths = []
    while len(paths) < count:
        outlet = rng.choice(outlets)
        text, published = make_article(rng, headlines, paragraphs, outlet)
        if text in seen:
            continue
        seen.add(text)
        path = folder / f"article_{len(paths):06d}.txt"
        path.write_text(text, encoding="utf-8")
        rows.append({"file": path.name, "outlet": outlet, "source": "generated for benchmarks"})
        paths.append(path)
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "outlet", "source"])
        writer.writeheader()
        writer.writerows(rows)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    paths = generate(args.count, args.folder)
    print(f"wrote {len(paths)} articles to {args.folder}")


if __name__ == "__main__":
    main()
