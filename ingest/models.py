"""Records that flow from the readers through segmentation and extraction to the index.

Offsets (``start``/``end``) are character offsets into the text that holds them: a
``Page``'s text for spans a reader finds, a ``Document``'s text for everything after
segmentation. ``to_json`` methods give exactly the shapes of the command contract
(``shared/spec/cli.md``); fields used only inside the pipeline are left out there.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# typing.TYPE_CHECKING without importing typing (~1.5 ms of every `foi search`); type checkers
# read this name alike (PEP 781)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ingest.models_detail import (
        Action,
        DateMention,
        HiddenContent,
        RecommendationRef,
        Redaction,
        RedactionSpan,
        Table,
    )

REDACTION_STYLES = (
    "block",  # runs of U+2588
    "bracket",  # [REDACTED], [Redacted], (redacted), ...
    "bracket_exemption",  # [REDACTED - s.38(1)(b)]
    "email_local_part",  # [Redacted]@example.gov.uk
    "pdf_box",  # a filled dark box drawn on a PDF page
    "docx_shading",  # a DOCX run with black highlight or shading
    "image_box",  # a solid box burned into a scanned page image
    "word",  # a bare word standing where text was cut: "Redacted", "REDACTED.", "Item 4 – Redacted"
    "mask",  # a run of X or * typed over text: "XXXX", "*****"
    "xlsx_fill",  # a spreadsheet cell filled black (its value, if any, is ``text_beneath``)
    "html_box",  # HTML text on a black background (its text, if any, is ``text_beneath``)
)

DOC_TYPES = (
    "minutes",
    "action_list",
    "agenda",
    "report",
    "email",
    "meeting_request",
    "guidance",
    "improvement_plan",
    "letter",
    "other",
)
# The papers of a meeting itself: what it was to discuss, what it said, what it asked for.
MEETING_PAPERS = frozenset({"minutes", "agenda", "action_list"})

BLOCK_CHAR = "\u2588"


@dataclass
class Passage:
    """A unit of search: a paragraph-sized stretch of a document's text, with where it is."""

    passage_id: str
    doc_id: str
    page: int | None
    location: str
    text: str
    start: int  # offset in Document.text
    end: int
    kind: str = "paragraph"  # paragraph, item, list_item, heading, table_row, header_block
    # The heading or item text the passage sits under (for inherited recommendations).
    context: str | None = None
    cells: list[str] | None = None  # table rows only
    recommendations: list[int] = field(default_factory=list)
    # Where each block joined into this passage starts, relative to ``start`` (ingest/chunking.py):
    # a heading line, a list item, a paragraph; trace reads them one by one.
    parts: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "passage_id": self.passage_id,
            "page": self.page,
            "location": self.location,
            "text": self.text,
        }


@dataclass
class Document:
    """One document of a release: a whole file, or one part of a bundled release."""

    doc_id: str
    source: str
    title: str
    doc_type: str
    group: str | None
    date: str | None
    text: str
    # (offset in text, page number) for each page start, in order; empty for page-less formats.
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    pages: int | None = None
    redaction_spans: list[RedactionSpan] = field(default_factory=list)  # offsets in text
    tables: list[Table] = field(default_factory=list)  # offsets in text
    headings: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    redactions: list[Redaction] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    recommendation_refs: list[RecommendationRef] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    sha256: str = ""  # of the source file
    ordinal: int = 0  # position in its source file (bundles hold several)
    # Where ``date`` came from: header, title, body, email_date, file_name or none.
    date_source: str = "none"
    # Why the date the document gives was not used ("31st September 2013" is no day), if so.
    date_problem: str | None = None
    # The e-mail or archive this document came out of (its doc_id), and the attachment or
    # member name it had there; None for a file read on its own.
    parent_id: str | None = None
    member: str | None = None
    # Hidden spreadsheet rows, columns and sheets (offsets in text), for the audit.
    hidden: list[HiddenContent] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        page = None
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page

    def passage_at(self, offset: int) -> Passage | None:
        # Called for every date, reference and redaction: a bisection, not a scan.
        cached = self.__dict__.get("_passage_starts")
        if cached is None or cached[0] is not self.passages or len(cached[1]) != len(self.passages):
            cached = (self.passages, [p.start for p in self.passages])
            self.__dict__["_passage_starts"] = cached
        starts = cached[1]
        i = bisect.bisect_right(starts, offset) - 1
        # passages never overlap, but a zero-length one may share its start with the next
        while i >= 0:
            passage = self.passages[i]
            if passage.start <= offset < max(passage.end, passage.start + 1):
                return passage
            if passage.end <= offset and passage.start < offset:
                return None
            i -= 1
        return None

    def location_at(self, offset: int) -> str:
        passage = self.passage_at(offset)
        return passage.location if passage else ""

    def to_json(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "doc_type": self.doc_type,
            "group": self.group,
            "date": self.date,
            "date_source": self.date_source,
            "parent_id": self.parent_id,
            "member": self.member,
            "pages": self.pages,
            "passages": [p.to_json() for p in self.passages],
            "actions": [a.to_json() for a in self.actions],
            "recommendation_refs": [r.to_json() for r in self.recommendation_refs],
            "dates": [d.to_json() for d in self.dates],
            "redactions": [r.to_json() for r in self.redactions],
        }

    def summary_json(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "doc_type": self.doc_type,
            "group": self.group,
            "date": self.date,
            "pages": self.pages,
        }


class ReadError(Exception):
    """A file could not be read. The message is one line naming the reason (the caller adds the path)."""


# The records a search never builds are defined in ingest/models_detail.py and served from here
# on first use, so `from ingest.models import Page` works everywhere while `foi search` pays only
# for Document and Passage (PEP 562).
DETAIL_RECORDS = ("RedactionSpan", "TableRow", "Table", "Page", "HiddenContent", "Sheet", "Embedded", "SourceFile",
                  "Redaction", "RecommendationRef", "DateMention", "Action")


def __getattr__(name: str):
    if name in DETAIL_RECORDS:
        from ingest import models_detail

        value = globals()[name] = getattr(models_detail, name)  # asked once, then a plain name
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
