"""Records of the redaction audit: a finding, the places that prove it, and how to point at text.

A finding names one place where the release leaks or contradicts itself (``doc_id`` + offsets
into ``Document.text``); its ``evidence`` are the other places that make it a finding (the
redacted slots a name was learnt from, the other copy of a duplicate). ``to_json`` gives the
contract shape of ``foi audit --format json`` plus ``context`` (the line the text sits on),
which the contract allows as an added field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.models import Document

KINDS = (
    "text_under_box",
    "hidden_under_shading",
    "name_visible",
    "initials_visible",
    "role_inconsistent",
    "duplicate_differs",
    "watchlist_hit",
    "marker_style_mixed",
    "exemption_missing",
    "hidden_content",
    "personal_data_visible",
)

# High: text a reader of the release can read now. Medium: the release contradicts itself.
# Low: house-keeping an FOI officer should tidy before release.
SEVERITY = {
    "text_under_box": "high",
    "hidden_under_shading": "high",
    "name_visible": "high",
    "initials_visible": "high",
    "watchlist_hit": "high",
    "role_inconsistent": "medium",
    "duplicate_differs": "medium",
    "marker_style_mixed": "low",
    "exemption_missing": "low",
    "hidden_content": "high",
    "personal_data_visible": "medium",  # high when printed in the very slot redacted elsewhere
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass
class Place:
    """A stretch of one document's text, with where a person finds it again."""

    doc_id: str
    source: str
    page: int | None
    location: str
    text: str
    start: int = 0
    end: int = 0
    context: str = ""  # the line (or table row) around the text, as printed

    def to_json(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "page": self.page,
            "location": self.location,
            "text": self.text,
        }


def place(doc: Document, start: int, end: int, text: str | None = None) -> Place:
    """The Place of ``doc.text[start:end]`` (``text`` overrides what is shown, e.g. text beneath a box)."""
    return Place(
        doc_id=doc.doc_id,
        source=doc.source,
        page=doc.page_at(start),
        location=doc.location_at(start),
        text=doc.text[start:end] if text is None else text,
        start=start,
        end=end,
        context=line_around(doc.text, start, end),
    )


def line_around(text: str, start: int, end: int, limit: int = 240) -> str:
    """The line(s) holding text[start:end], cut to about ``limit`` characters around it."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if hi - lo > limit:
        lo = max(lo, start - limit // 2)
        hi = min(hi, end + limit // 2)
    return text[lo:hi].strip()


def window(text: str, start: int, end: int, width: int = 50) -> str:
    """The marker's own line, at most ``width`` characters either side: the words that describe it."""
    lo = max(text.rfind("\n", 0, start) + 1, start - width)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + width)
    return text[lo:hi]


@dataclass
class Finding:
    kind: str
    at: Place
    explanation: str
    evidence: list[Place] = field(default_factory=list)
    severity: str = ""

    def __post_init__(self) -> None:
        if not self.severity:
            self.severity = SEVERITY[self.kind]

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "doc_id": self.at.doc_id,
            "source": self.at.source,
            "page": self.at.page,
            "location": self.at.location,
            "text": self.at.text,
            "explanation": self.explanation,
            "evidence": [e.to_json() for e in self.evidence],
            "context": self.at.context,
        }

    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER[self.severity], KINDS.index(self.kind), self.at.source, self.at.doc_id, self.at.start)
