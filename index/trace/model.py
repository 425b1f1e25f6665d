"""A trace and its links, as the commands print them, and the status read from a chain."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.trace.cues import STATUS_DONE, STATUS_ONGOING
from index.trace.units import Unit
from ingest.models import Action

RELATIONS = ("same_action_other_source", "progress_update", "completed", "carried_forward", "same_topic")
STATUSES = ("open", "in_progress", "completed", "carried_forward")
# What linked a follow-up to its action, strongest first.
REASONS = ("same_meeting", "number", "relisted", "matters_arising", "owner", "topic")


@dataclass(eq=False)  # one link is itself: compared by identity
class Link:
    unit: Unit
    relation: str
    score: float
    reason: str = "topic"
    evidence: list[str] = field(default_factory=list)  # the words that linked it, for highlighting

    @property
    def date(self) -> str | None:
        return self.unit.date

    def to_json(self) -> dict:
        doc, passage = self.unit.doc, self.unit.passage
        return {
            "doc_id": doc.doc_id,
            "source": doc.source,
            "date": self.unit.date,
            "page": doc.page_at(self.unit.start) if doc.page_starts else passage.page,
            "location": passage.location,
            "text": self.unit.text,
            "relation": self.relation,
            "score": round(self.score, 3),
            "reason": self.reason,
            "evidence": self.evidence,
            "passage_id": passage.passage_id,
            "doc_type": doc.doc_type,
            "title": doc.title,
        }


@dataclass
class Trace:
    action: Action
    status: str
    chain: list[Link] = field(default_factory=list)
    status_link: Link | None = None  # the passage that says completed / carried forward
    doc_type: str | None = None  # of the record that holds the action (minutes, action_list, ...)
    series: str | None = None  # the group whose later meetings were searched

    def to_json(self) -> dict:
        out = {
            "action": self.action.to_json(),
            "status": self.status,
            "chain": [link.to_json() for link in self.chain],
        }
        # Additions to the contract's shape (fields may be added): when and where the status was said.
        out["action_doc_type"] = self.doc_type
        out["series"] = self.series
        out["status_date"] = self.status_link.date if self.status_link else None
        out["status_evidence"] = self.status_link.to_json() if self.status_link else None
        return out


def with_status(action: Action, chain: list[Link]) -> Trace:
    """open / in_progress / completed / carried_forward, read from the chain (and the action's own status cell)."""
    later = [link for link in chain if link.relation != "same_action_other_source"]
    done = [link for link in later if link.relation == "completed"]
    own = (action.status or "").lower()
    for link in chain:
        if link.relation == "same_action_other_source" and link.unit.status_cell:
            own = own or link.unit.status_cell
    if done:
        return Trace(action, "completed", chain, done[0])
    if own.startswith(STATUS_DONE):
        return Trace(action, "completed", chain, None)
    reports = [link for link in later if link.relation != "same_topic"]
    if reports and reports[-1].relation == "carried_forward":
        return Trace(action, "carried_forward", chain, reports[-1])
    if reports or own.startswith(STATUS_ONGOING):
        return Trace(action, "in_progress", chain, None)
    return Trace(action, "open", chain, None)
