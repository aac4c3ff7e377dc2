"""Streamlit caches for lib functions, keyed by corpus key and filter values, never by spaCy objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from lib.analysis.filters import Filters, select_doc_ids
from lib.store.corpus import Corpus

T = TypeVar("T")


def corpus_hash(corpus: Corpus) -> str:
    """Corpora are identified by their key in every cache."""
    return corpus.key


def filtered_doc_ids(corpus: Corpus, filters: Filters) -> list[str]:
    """Ids of the articles passing the filters (cached per corpus and filter values)."""
    return select_doc_ids(corpus.documents, filters)


HASH_FUNCS: dict[Any, Callable[[Any], Any]] = {Corpus: corpus_hash, Filters: repr}


def cached(function: Callable[..., T], *, max_entries: int = 64) -> Callable[..., T]:
    """Wrap a pure lib function in st.cache_data keyed by corpus key and filter values."""
    return st.cache_data(max_entries=max_entries, show_spinner=False, hash_funcs=HASH_FUNCS)(function)


def shared(function: Callable[..., T], *, max_entries: int = 64) -> Callable[..., T]:
    """Like ``cached``, but every visitor gets the same object instead of an unpickled copy.

    For large results read on every rerun (copying the Timeline's tables at 10,000 articles
    took 0.5 s a run) and for plotly figures (building one, validating every property, took
    up to 0.1 s). The result must not be modified: copy it first (``go.Figure(figure)``).
    """
    return st.cache_resource(max_entries=max_entries, show_spinner=False, hash_funcs=HASH_FUNCS)(function)


figure = shared
"""Chart builders go through ``shared``: each figure is built once per input."""
