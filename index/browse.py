"""Listing actions and recommendation references, one entry per thing said.

A release holds the same paper several times (the Word file, the PDF, the bundle a requester
received, a scan). Listing every copy buries the answer, so copies fold into one entry that
names the others in ``also_in``, as search hits do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.copies import same_words
from index.store import ActionFilters, RefRow, Store
from ingest.models import Action


@dataclass
class Listed:
    """One action or reference, with the other documents that carry the same words."""

    item: Action | RefRow
    also_in: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        out = self.item.to_json()
        out["also_in"] = self.also_in
        return out


def _fold(items: list, bucket, text, where) -> list[Listed]:
    """Fold items of one bucket (same meeting, same number) whose words are the same, allowing
    for a copy that cut the sentence at a line end or read it through OCR."""
    seen: dict[tuple, list[tuple[str, Listed]]] = {}
    out: list[Listed] = []
    for item in items:
        words = text(item)
        entries = seen.setdefault(bucket(item), [])
        home = next((entry for other, entry in entries if same_words(words, other)), None)
        if home is not None:
            home.also_in.append(where(item))
            continue
        entry = Listed(item)
        entries.append((words, entry))
        out.append(entry)
    return out


def list_actions(store: Store, filters: ActionFilters | None = None) -> list[Listed]:
    actions = store.actions(filters)
    return _fold(
        actions,
        lambda a: (a.meeting_date, a.meeting_group),
        lambda a: a.text,
        lambda a: {"action_id": a.action_id, "doc_id": a.doc_id, "source": a.source, "location": a.location},
    )


def list_recs(store: Store, number: int | None = None) -> list[Listed]:
    rows = store.recommendation_refs(number)
    return _fold(
        rows,
        lambda r: (r.ref.number, r.date, r.doc_type),
        lambda r: r.ref.text,
        lambda r: {"doc_id": r.doc_id, "source": r.source, "location": r.ref.location},
    )
