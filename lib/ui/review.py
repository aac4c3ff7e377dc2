"""Corrections from the views: where they are saved (the corrections file, or the visitor's own
session when the instance is read-only), the review queue and the not-counted table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib.analysis import review
from lib.analysis.filters import Filters
from lib.nlp.corrections import Correction, append_correction, load_corrections
from lib.records import label_word
from lib.store.corpus import Corpus
from lib.store.overrides import with_corrections
from lib.ui import state
from lib.ui.caching import shared
from lib.ui.context import PageContext
from lib.ui.escaping import escape_markdown
from lib.ui.evidence import show_evidence

QUEUE_SHOWN = 20
"""Candidates shown at once; deciding one brings the next."""


def session_corrections() -> list[Correction]:
    """The corrections this visitor saved in a read-only instance (kept in the session only)."""
    return list(st.session_state.get(state.SESSION_CORRECTIONS, []))


def save_correction(ctx: PageContext, fix: Correction) -> str:
    """Save one correction where it belongs and say where: the one place every view saves through."""
    if ctx.read_only:
        st.session_state[state.SESSION_CORRECTIONS] = [*session_corrections(), fix]
        return "Saved for this session (read-only instance: the corrections file is not changed)."
    append_correction(Path(ctx.corpus.corrections_path), fix)
    return f"Saved to {Path(ctx.corpus.corrections_path).name}."


def corrections_in_force(corpus: Corpus) -> list[Correction]:
    """The corrections file's rows and the visitor's own, in the order they apply."""
    fixes, _ = load_corrections(Path(corpus.corrections_path)) if corpus.corrections_path else ([], [])
    return [*fixes, *session_corrections()]


@shared
def _apply(corpus: Corpus, fixes: tuple[Correction, ...]) -> Corpus:
    return with_corrections(corpus, list(fixes))


def apply_session_corrections(corpus: Corpus) -> Corpus:
    """The corpus with this visitor's session corrections applied (itself when there are none)."""
    fixes = tuple(session_corrections())
    return _apply(corpus, fixes) if fixes else corpus


def decide(ctx: PageContext, row: dict, accept: bool) -> None:
    """Button callback: save the decision on a candidate; every view reloads it, unparsed."""
    fix = review.decide(row, accept=accept)
    where = save_correction(ctx, fix)
    st.session_state[state.SESSION_CORRECTION] = ("ok", f"{fix.action} {fix.entity} {fix.target}: {where}")


def show_review_queue(ctx: PageContext) -> None:
    """Candidates the rules were unsure of, each with its evidence and two buttons."""
    queue = review.list_review_queue(ctx.corpus, corrections_in_force(ctx.corpus))
    st.caption(f"{len(queue)} open question(s): similar names, conflicting labels, one-mention names "
               "shaped like a person. Your answer is saved as a correction; no article is parsed again.")
    for index, row in queue.head(QUEUE_SHOWN).iterrows():
        with st.container(border=True, key=f"review_item_{index}"):
            st.markdown(f"**{escape_markdown(row['question'])}**  \n{escape_markdown(row['reason'])}")
            if row["evidence"]:
                st.caption(escape_markdown(row["evidence"], limit=1000))
            left, right, _ = st.columns([1, 1, 4])
            left.button("Yes", key=f"review_accept_{index}", on_click=decide, args=(ctx, row.to_dict(), True),
                        help="Accept: save this as a correction")
            right.button("No", key=f"review_reject_{index}", on_click=decide, args=(ctx, row.to_dict(), False),
                         help="Reject: keep things as they are and stop asking")


def restore(ctx: PageContext, text: str) -> None:
    """Button callback: count a not-counted mention again."""
    where = save_correction(ctx, Correction("restore", text))
    st.session_state[state.SESSION_CORRECTION] = ("ok", f"Restored {text}: {where}")


def prepare_not_counted(corpus: Corpus, filters: Filters, fixes: tuple[Correction, ...]
                        ) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The not-counted table as shown (types in words), its columns, and the names that can be restored."""
    table = review.list_not_counted(corpus, filters, list(fixes))
    shown = table.assign(label=table["label"].map(label_word)) if "label" in table else table
    dropped = sorted(set(table.loc[table["counted_as"] == "", "text"]))
    return shown, list(table.columns), dropped


_not_counted = shared(prepare_not_counted, max_entries=16)
"""Read-only once made: at 100,000 articles the table has over 100,000 rows, too many to copy or relabel
on each rerun."""


def show_not_counted(ctx: PageContext) -> None:
    """What the entity rules left out, each with its reason, and a way to restore one."""
    st.caption("Spans the model tagged that are not counted as entities (or were trimmed), with the reason.")
    shown, columns, dropped = _not_counted(ctx.corpus, ctx.filters, tuple(corrections_in_force(ctx.corpus)))
    show_evidence(shown, key="not_counted_table", meaning="text", label="Text", columns=columns)
    chosen = st.selectbox("Restore", dropped, index=None, key=state.SESSION_RESTORE_PICK,
                          placeholder="Pick a name to count again")
    st.button("Restore", key="restore_button", disabled=chosen is None, on_click=restore, args=(ctx, chosen))


def type_word(label: str) -> str:
    """The word for an entity type, for widgets' ``format_func``."""
    return label_word(label)
