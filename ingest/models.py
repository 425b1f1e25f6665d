"""Records that flow from the readers through segmentation and extraction to the index.

Offsets (``start``/``end``) are character offsets into the text that holds them: a
``Page``'s text for spans a reader finds, a ``Document``'s text for everything after
segmentation. ``to_json`` methods give exactly the shapes of the command contract
(``shared/spec/cli.md``); fields used only inside the pipeline are left out there.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

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

BLOCK_CHAR = "\u2588"


@dataclass
class RedactionSpan:
    """A redaction inside a text: ``text[start:end] == marker``."""

    start: int
    end: int
    style: str
    marker: str
    exemption: str | None = None
    text_beneath: str | None = None
    # PDF user-space box (x0, top, x1, bottom) for pdf_box/image_box; None elsewhere.
    bbox: tuple[float, float, float, float] | None = None

    def shifted(self, by: int) -> RedactionSpan:
        return RedactionSpan(
            self.start + by, self.end + by, self.style, self.marker,
            self.exemption, self.text_beneath, self.bbox,
        )


@dataclass
class TableRow:
    """One table row as it sits in the page text: cells joined by a tab on one line.

    ``cells`` keep their own line breaks (a cell may hold a list); in the page text each
    break is written as a space, one character for one, so cell offsets stay valid.
    """

    cells: list[str]
    start: int

    @property
    def line(self) -> str:
        return "\t".join(c.replace("\n", " ") for c in self.cells)

    @property
    def end(self) -> int:
        return self.start + len(self.line)

    def cell_start(self, index: int) -> int:
        return self.start + sum(len(c) + 1 for c in self.cells[:index])


@dataclass
class Table:
    rows: list[TableRow]
    # True when the first row names the columns (Item / Action by / Timescale ...).
    has_header: bool = True

    @property
    def start(self) -> int:
        return self.rows[0].start if self.rows else 0

    @property
    def end(self) -> int:
        return self.rows[-1].end if self.rows else 0


@dataclass
class Page:
    """One page of a file in reading order. ``number`` is 1-based, None where a format has no pages."""

    number: int | None
    text: str
    redactions: list[RedactionSpan] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # Paragraph starts the reader knows to be headings (DOCX Heading styles), as offsets.
    headings: list[int] = field(default_factory=list)
    # (start, end) of lines in the top or bottom margin: running headers and footers when the
    # same line recurs on other pages (``layout.drop_running_lines``).
    margin_lines: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class HiddenContent:
    """Content a spreadsheet holds but does not show: a hidden row, column or sheet.

    ``location`` is where a person finds it ("Sheet1!row 7", "Sheet1!column C", "Sheet2");
    ``text`` what it holds (its cells, tab-joined, cut short); ``start``/``end`` the offsets of
    its first filled cell in the text that holds it (a Page's, then a Document's)."""

    kind: str  # "row", "column", "sheet"
    location: str
    text: str
    start: int = 0
    end: int = 0


@dataclass
class Sheet:
    """One sheet of a workbook (or the one table of a CSV), read into a page of its own.

    Line ``i`` of ``page.text`` is spreadsheet row ``rows[i]`` (blank rows are left out)."""

    name: str
    page: Page
    rows: list[int] = field(default_factory=list)
    hidden: list[HiddenContent] = field(default_factory=list)
    state: str = "visible"  # "visible", "hidden", "veryHidden"


@dataclass
class Embedded:
    """A file inside a file: an e-mail's attachment or an archive's member, read by its own
    reader into documents of their own. ``load`` gives its bytes (an archive reads a member
    only when asked); a reader that has already read it (an Outlook message inside an
    Outlook message) gives ``source`` instead. ``error`` says why it cannot be read at all."""

    name: str  # as the message or archive names it: "minutes.pdf", "folder/file.pdf"
    load: Callable[[], bytes] | None = None
    source: SourceFile | None = None
    error: str | None = None


@dataclass
class SourceFile:
    """What a reader yields for one file."""

    path: str
    format: str  # "pdf", "docx", "text", "email", "spreadsheet", "archive", "html"
    pages: list[Page]
    headers: dict[str, str] = field(default_factory=dict)  # e-mail headers, DOCX core props
    attachments: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    # Attachments and archive members, each read into documents of its own.
    embedded: list[Embedded] = field(default_factory=list)
    # A workbook's sheets: each becomes one document (``pages`` is then empty).
    sheets: list[Sheet] = field(default_factory=list)


@dataclass
class Passage:
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
class Redaction:
    doc_id: str
    source: str
    page: int | None
    location: str
    style: str
    marker: str
    length: int
    exemption: str | None
    context_before: str
    context_after: str
    text_beneath: str | None
    start: int = 0  # offset in Document.text
    end: int = 0
    passage_id: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "page": self.page,
            "location": self.location,
            "style": self.style,
            "marker": self.marker,
            "length": self.length,
            "exemption": self.exemption,
            "context_before": self.context_before,
            "context_after": self.context_after,
            "text_beneath": self.text_beneath,
        }


@dataclass
class RecommendationRef:
    number: int
    page: int | None
    location: str
    text: str  # the sentence or line that makes the reference
    start: int = 0
    end: int = 0
    passage_id: str | None = None

    def to_json(self) -> dict:
        return {"number": self.number, "page": self.page, "location": self.location, "text": self.text}


@dataclass
class DateMention:
    text: str
    iso: str | None  # YYYY-MM-DD, YYYY-MM, or None (e.g. "Q3 2018")
    page: int | None
    location: str
    start: int = 0
    end: int = 0
    passage_id: str | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "iso": self.iso, "page": self.page, "location": self.location}


@dataclass
class Action:
    action_id: str
    doc_id: str
    source: str
    meeting_group: str | None
    meeting_date: str | None
    page: int | None
    location: str
    number: int | None
    text: str
    owners: list[str] = field(default_factory=list)
    owner_redacted: bool = False
    due: str | None = None
    due_date: str | None = None
    recommendations: list[int] = field(default_factory=list)
    status: str | None = None
    passage_id: str | None = None
    start: int = 0
    end: int = 0

    def to_json(self) -> dict:
        return {
            "action_id": self.action_id,
            "doc_id": self.doc_id,
            "source": self.source,
            "meeting_group": self.meeting_group,
            "meeting_date": self.meeting_date,
            "page": self.page,
            "location": self.location,
            "number": self.number,
            "text": self.text,
            "owners": list(self.owners),
            "owner_redacted": self.owner_redacted,
            "due": self.due,
            "due_date": self.due_date,
            "recommendations": list(self.recommendations),
            "status": self.status,
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
