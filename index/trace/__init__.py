"""Follow each action from the meeting that raised it to done, still in progress, or carried forward.

The public door of action tracing; one job per private module:

    series.py   meetings of one group ordered by their dates (``foi series``)
    text.py     words, stems and acronyms: what survives rewording
    units.py    candidate follow-ups (sentences, table rows, attachment names) and their references
    profile.py  what one action is about (its words, its item's heading, the discussion, owners, reference)
    bm25.py     BM25 over candidate follow-ups with an action's concepts as the query
    cues.py     the words minutes use for done / carried forward / in progress
    label.py    a follow-up's relation (completed, carried_forward, progress_update, same_topic)
    tracer.py   the search: own series first, nearest meetings first, every link scored with its reason
    model.py    Trace and Link as the commands print them; the status read from a chain
    select.py   the `foi trace` use-case: an id, a query, or all; copies folded
    html.py     the timeline page (`foi trace ID --html FILE`)
    score.py    scoring against a hand annotation (scripts/score_traces.py)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from index.trace.model import REASONS, RELATIONS, STATUSES, Link, Trace
from index.trace.select import (
    TraceSelectionError,
    find_actions,
    fold_copies,
    select_series_traces,
    select_stored_traces,
    select_traces,
    trace_from_documents,
    trace_from_store,
)
from index.trace.series import series_listing
from index.trace.tracer import Tracer
from ingest.models import Document

__all__ = [
    "REASONS", "RELATIONS", "STATUSES", "Link", "Trace", "TraceSelectionError", "Tracer", "action_statuses",
    "find_actions", "fold_copies", "open_actions", "select_series_traces", "select_stored_traces", "select_traces", "series_listing", "trace_documents",
    "trace_from_documents", "trace_from_store",
]


def trace_documents(documents: Iterable[Document], progress: Callable[[int, int], None] | None = None) -> list[Trace]:
    """Traces of every action in the documents."""
    return Tracer(documents, progress=progress).trace_all()


def action_statuses(documents: Iterable[Document]) -> dict[str, str]:
    """action_id -> open / in_progress / completed / carried_forward (for `foi actions --status`)."""
    return {t.action.action_id: t.status for t in trace_documents(documents)}


def open_actions(statuses: dict[str, str]) -> set[str]:
    """Ids of the actions with no completing follow-up in their series."""
    return {aid for aid, status in statuses.items() if status != "completed"}
