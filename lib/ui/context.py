"""What every page works with: the corpus, the filters and the articles passing them."""

from __future__ import annotations

from dataclasses import dataclass

from lib.analysis.filters import Filters
from lib.store.corpus import Corpus

APP_TITLE = "News framing explorer"


@dataclass(frozen=True)
class PageContext:
    """What every page works with: the corpus, the filters, and the articles passing them."""

    corpus: Corpus
    filters: Filters
    doc_ids: tuple[str, ...]
    read_only: bool

