"""What every page works with: the corpus, the filters and the articles passing them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of a table whose article passes the global filters."""
        if frame.empty or "doc_id" not in frame:
            return frame
        return frame[frame["doc_id"].isin(self.doc_ids)]

    def documents(self) -> pd.DataFrame:
        """Articles passing the global filters."""
        return self.frame(self.corpus.documents)
