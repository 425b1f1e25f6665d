"""The records of a document's detail: what a reader yields (`SourceFile`, `Page`, its spans,
tables, sheets and attachments) and what extraction finds in it (`Redaction`, `Action`,
`RecommendationRef`, `DateMention`).

They are part of ``ingest.models`` (import them from there); they live apart from `Document`
and `Passage` because a search builds none of them, and building a dataclass costs a start-up
about half a millisecond (issue 20: `foi search` from a cold process).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


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


def names_columns(cells: list[str]) -> bool:
    """A table's first row that names its columns (Item / Action by / Timescale …): short labels,
    none ending a sentence, most cells filled. A table a page break cut starts on a record
    instead ("May25.04 | NO to draft a response … | NO | Response sent. No response …")."""
    filled = [c for c in cells if c.strip()]
    return 2 * len(filled) >= len(cells) and all(len(c) <= 40 and not c.rstrip().endswith(".") for c in filled) \
        and not any(_RECORD_NUMBER.fullmatch(c) for c in filled)


# A record's number, never a column's name: "1.1", "8.3.1", "2.4."
_RECORD_NUMBER = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})+\.?\s*")


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
