"""One file in, its documents out: read → join pages → find markers → segment → passages → extract.

Readers and extractors are imported lazily: the search commands import ``ingest.models`` but
must not pay for pdfplumber, python-docx or spaCy.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ingest.limits import limit, text_cut, text_cut_warning
from ingest.markers import find_text_markers
from ingest.models import Document, ReadError, Redaction, RedactionSpan, SourceFile, Table, TableRow

PAGE_SEPARATOR = "\n\n"

# Bump whenever a change to reading, segmentation, ids or extraction changes what a file
# yields: `foi ingest` re-reads every file an older pipeline read, changed on disk or not.
# 2: doc ids hash the absolute path; text capped at MAX_TEXT_CHARS; files with no text fail.
# 5: a PDF box alone on its line is measured in half the average type size.
# 6: minutes laid out in a grid read as text (layout.py), running lines dropped, header fields, bare markers.
# 7: e-mail attachments and ZIP members read as documents of their own; spreadsheets, HTML,
#    Outlook .msg, RTF and legacy .doc read (an unchanged .eml read by 6 gains its attachments).
# 8: a numbered list inside an item, and "Item 5.2 – …" references, keep the item's number.
# 9: the blocks under one heading of one item join into passages of up to 500 characters (chunking.py).
# 14: a new item ends the last one's heading; "6 Feedback …" over "6.1 …" is item 6's heading; the list
#     under a closing "Action: AW" tag and short-wrapped paragraphs beside an owner column are the action's.
# 15: the action forms of Markdown minutes ("Actions/Resolutions" bullets, "Action Item" + "Assigned to:",
#     review items with "Assigned:" / "Status:", "Name ACTION:", "Todo: Name will …"); a "**Minutes**" section
#     under the meeting's own title is not a new document.
# 16: an Action entry level with two lines goes to the first (ties within 0.01 pt), in either PDF reader.
# 21: a numbered clause or part label ("11. SERVICE STANDARDS", "SCHEDULE 16 STOCK POLICY") opens no paper;
#     a deed's title under its "DATED:" line, a letter's its subject line; an "ACTION: AH" tag's action starts
#     at the sentence naming AH; a word processor's "o" bullet opens a list item; deferrals and "Name may try
#     to …" are actions; a non-meeting paper's title is indexed with its passages of 20 words or more; an
#     acronym a paper uses beside its name ("TAC", "Travel Assistance Committee") is learnt.
# 22: a site page's settings block is no document or title (its "title:" names the paper when more than a
#     date); "<Name> Meeting - <date>" opens minutes; voting-member roll calls; numbered notes sit under
#     their agenda's titles; reported promises are actions; near-identical group names tie to the longer.
# 23: a meeting's task for all its members; owners of a Markdown action list need not be on the roll;
#     "Follow up:" / "TODO:" tasks; one-per-line and comma-less titled rolls; titled owners ("Cllr Smith");
#     a page's settings date only where the paper has none; "the Parish Council" is the council the
#     first line names; inline "•" bullets end sentences; trace reads a prose-first numbered paragraph whole.
# 32: white paint under a PDF's lines is no table rule; Who/What tables; a Markdown row short of
#     cells is padded; rolls read as tables, hyphenated names and mixed name/initials owners; a
#     sentence restating a marked action is not a second action; round bullets end a point.
# 33: a report's own undertakings ("Roads – We will …", "Plan to …") are actions; "Present and vote
#     on …" is no roll, "Present- Chairman," is; an owner after a label or spaced hyphen; a common word
#     opening a note owns nothing; business put off to "the September meeting" or "table to next
#     meeting" is owed; a lettered point on the next line ends a sentence.
# 34: "[Action @Lori/@jo] …" / "… [Action @Maria]." bracketed tags with their owners' handles.
PIPELINE_VERSION = "53"

# An attachment of an attachment of ... (a ZIP in a ZIP in an e-mail): deeper is not read.
MAX_NESTING = limit("nesting")

# Text read from one file beyond this is not indexed (a warning says so): segmentation and
# extraction cost grows with the text, and a 50 MB export would hold an ingest for many
# minutes and gigabytes while adding little that a search can rank.
MAX_TEXT_CHARS = limit("text_chars")
MAX_TEXT_LINES = limit("text_lines")


@dataclass
class FileResult:
    path: str
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # one line: why the file could not be read
    sha256: str = ""


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".txt", ".md", ".text"}
# Suffix each reader expects; another suffix on content it reads gets a warning.
_EXPECTED = {
    "pdf": {".pdf"}, "docx": {".docx"}, "email": {".eml"}, "text": _TEXT_SUFFIXES, "xlsx": {".xlsx", ".xlsm"},
    "csv": {".csv"}, "html": {".html", ".htm"}, "zip": {".zip"}, "msg": {".msg"}, "rtf": {".rtf"},
    "doc": {".doc", ".dot"},
}


def sniff_format(path: str, head: bytes) -> str | None:
    """The reader a file needs, from its first bytes, whatever its extension says.

    A zip is a DOCX, an XLSX or an archive by what it holds; an OLE file an Outlook message
    or a Word .doc by its streams (a file that cannot be opened goes by its extension)."""
    suffix = Path(path).suffix.lower()
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        # before the PDF test: a zip whose first member is a stored PDF has "%PDF-" near its start
        return _zip_kind(path, suffix)
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        return _ole_kind(path, suffix)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if suffix == ".eml" or _looks_like_email(head):
        return "email"
    if suffix in (".pdf", ".docx", ".xlsx", ".xlsm", ".zip", ".msg", ".doc", ".xls"):
        return None  # claims a binary format but is not one
    if suffix in (".html", ".htm") or (suffix not in _TEXT_SUFFIXES and _looks_like_html(head)):
        return "html"
    if suffix == ".csv":
        return "csv"
    return "text"


def _looks_like_html(head: bytes) -> bool:
    top = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return top.startswith((b"<!doctype html", b"<html"))


def _zip_kind(path: str, suffix: str) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return {".xlsx": "xlsx", ".xlsm": "xlsx", ".zip": "zip"}.get(suffix, "docx")  # its reader says why
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and "content.xml" in names:
        return "odf"
    # a zip that claims to be a DOCX or XLSX is refused as one (its reader says what it lacks)
    return {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}.get(suffix, "zip")


def _ole_kind(path: str, suffix: str) -> str:
    try:
        import olefile

        with olefile.OleFileIO(path) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # noqa: BLE001 - olefile raises many kinds on a damaged file; go by the name
        return {".msg": "msg", ".xls": "xls"}.get(suffix, "doc")
    if any(s.startswith("__substg1.0_") for s in streams):
        return "msg"
    if "WordDocument" in streams:
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "EncryptedPackage" in streams:
        return "encrypted"
    return {".msg": "msg", ".xls": "xls"}.get(suffix, "doc")


def _looks_like_email(head: bytes) -> bool:
    top = head[:2000].decode("latin-1", "replace").lower()
    fields = ("from:", "to:", "subject:", "date:", "message-id:", "mime-version:", "received:")
    first_lines = [ln for ln in top.splitlines()[:12] if ln.strip()]
    return sum(any(ln.startswith(f) for f in fields) for ln in first_lines) >= 3 and "mime-version:" in top


def read_source(path: str) -> SourceFile:
    """Read one file with the reader its content needs. Raises ReadError (or OSError) with a reason."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if not head:
        raise ReadError("empty file (0 bytes)")
    fmt = sniff_format(path, head)
    suffix = Path(path).suffix.lower()
    if fmt is None:
        raise ReadError(f"not a {suffix[1:].upper()} file (content does not match the extension)")
    if fmt == "odf":
        raise ReadError("OpenDocument file: save it as DOCX or XLSX to read it")
    if fmt == "xls":
        raise ReadError("legacy Excel .xls: save it as XLSX to read it")
    if fmt == "encrypted":
        raise ReadError("password-protected Office file: cannot read it")
    module, function = READERS.get(fmt, READERS["text"])
    # imported when a file needs it: the search commands never pay for pdfplumber or openpyxl
    source = getattr(importlib.import_module(module), function)(path)
    if suffix not in _EXPECTED[fmt] and not (fmt == "email" and suffix in {".txt", ".text"}):
        source.warnings.append(f"wrong extension: content is {fmt}, read as such")
    return source


# The reader of each format: (module, function), imported on first use.
READERS: dict[str, tuple[str, str]] = {
    "pdf": ("ingest.read_pdf", "read_pdf"),
    "docx": ("ingest.read_docx", "read_docx"),
    "email": ("ingest.read_email", "read_email"),
    "xlsx": ("ingest.readers.spreadsheet", "read_xlsx"),
    "csv": ("ingest.readers.spreadsheet", "read_csv"),
    "html": ("ingest.readers.html_page", "read_html"),
    "zip": ("ingest.readers.archive", "read_zip"),
    "msg": ("ingest.readers.outlook", "read_msg"),
    "rtf": ("ingest.readers.rtf", "read_rtf"),
    "doc": ("ingest.readers.legacy_doc", "read_doc"),
    "text": ("ingest.read_text", "read_text"),
}


@dataclass
class JoinedText:
    text: str
    page_starts: list[tuple[int, int]]
    spans: list[RedactionSpan]
    tables: list[Table]
    headings: list[int]


def join_pages(source: SourceFile) -> JoinedText:
    parts: list[str] = []
    page_starts: list[tuple[int, int]] = []
    spans: list[RedactionSpan] = []
    tables: list[Table] = []
    headings: list[int] = []
    offset = 0
    for page in source.pages:
        if parts:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        if page.number is not None:
            page_starts.append((offset, page.number))
        parts.append(page.text)
        spans += [s.shifted(offset) for s in page.redactions]
        tables += [Table([TableRow(list(r.cells), r.start + offset) for r in t.rows], t.has_header) for t in page.tables]
        headings += [h + offset for h in page.headings]
        offset += len(page.text)
    return JoinedText("".join(parts), page_starts, spans, tables, headings)


def _context(text: str, start: int, end: int, width: int = 60) -> tuple[str, str]:
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    # Context stays on the marker's own line: that is what a reader sees around it.
    before = before.rsplit("\n", 1)[-1]
    after = after.split("\n", 1)[0]
    return before.lstrip(), after.rstrip()


def redaction_records(doc: Document) -> list[Redaction]:
    out = []
    for span in doc.redaction_spans:
        before, after = _context(doc.text, span.start, span.end)
        passage = doc.passage_at(span.start)
        out.append(
            Redaction(
                doc_id=doc.doc_id,
                source=doc.source,
                page=doc.page_at(span.start),
                location=passage.location if passage else "",
                style=span.style,
                marker=span.marker,
                length=len(span.marker),
                exemption=span.exemption,
                context_before=before,
                context_after=after,
                text_beneath=span.text_beneath,
                start=span.start,
                end=span.end,
                passage_id=passage.passage_id if passage else None,
                bbox=span.bbox,
            )
        )
    return out


def _cap_text(source: SourceFile, limit: int = MAX_TEXT_CHARS, lines: int = MAX_TEXT_LINES) -> str | None:
    """Cut the pages after ``limit`` characters or ``lines`` lines of text; a warning when
    anything was cut."""
    total = sum(len(p.text) for p in source.pages)
    total_lines = sum(p.text.count("\n") + 1 for p in source.pages)
    if total <= limit and total_lines <= lines:
        return None
    kept, room, room_lines = [], limit, lines
    for page in source.pages:
        if room <= 0 or room_lines <= 0:
            break
        cut = text_cut(page.text, room, room_lines)
        if cut is not None:
            page.text = page.text[:cut]
            page.redactions = [r for r in page.redactions if r.end <= len(page.text)]
            page.tables = [t for t in page.tables if t.start < len(page.text)]
            page.headings = [h for h in page.headings if h < len(page.text)]
        room -= len(page.text)
        room_lines -= page.text.count("\n") + 1
        kept.append(page)
    source.pages = kept
    return text_cut_warning(sum(len(p.text) for p in kept), total, sum(p.text.count("\n") + 1 for p in kept))


def documents_from_source(
    source: SourceFile, display_path: str, enrich: bool = True, warnings: list[str] | None = None,
    depth: int = 0,
) -> list[Document]:
    """The documents of a file as read: its own, then those of each attachment or member
    (read by its own reader, ``display_path!member``, linked by ``parent_id``)."""
    if source.sheets:
        docs = _sheet_documents(source, display_path, enrich, warnings)
    else:
        docs = _own_documents(source, display_path, enrich, warnings)
    if source.format == "archive" and docs:
        docs[0].title = f"{Path(display_path.rsplit('!', 1)[-1]).name} (archive of {len(source.embedded)} files)"
        docs[0].doc_type = "other"
    if source.embedded and docs:
        docs += _embedded_documents(source, display_path, docs[0], enrich,
                                    warnings if warnings is not None else [], depth)
    return docs


def _own_documents(
    source: SourceFile, display_path: str, enrich: bool, warnings: list[str] | None
) -> list[Document]:
    from ingest.segment import build_passages, segment_documents

    capped = _cap_text(source)
    if capped and warnings is not None:
        warnings.append(capped)
    joined = join_pages(source)
    spans = joined.spans + find_text_markers(joined.text, joined.spans)
    spans.sort(key=lambda s: s.start)
    docs = segment_documents(
        joined.text, display_path, joined.page_starts, spans, joined.tables, joined.headings, source.headers
    )
    for doc in docs:
        if doc.date_problem and warnings is not None:
            warnings.append(doc.date_problem)
        doc.sha256 = source.sha256
        doc.attachments = list(source.attachments) if len(docs) == 1 else []
        doc.headers = dict(source.headers) if len(docs) == 1 else {}
        build_passages(doc)
        doc.redactions = redaction_records(doc)
    if enrich:
        _enrich(docs, warnings if warnings is not None else [])
    return docs


def _sheet_documents(
    source: SourceFile, display_path: str, enrich: bool, warnings: list[str] | None
) -> list[Document]:
    """One document per sheet, each row a passage located as the sheet names it: "Sheet1!row 5"
    (a CSV's rows: "row 5"). A sheet that holds an action log's header row is an action list."""
    import bisect

    from ingest.extract.columns import column_roles
    from ingest.headers import first_date
    from ingest.segment import _date_in_name, _doc_id, _guess_type, build_passages

    stem = Path(display_path.rsplit("!", 1)[-1]).stem
    sheets = [s for s in source.sheets if s.page.text.strip()]
    docs: list[Document] = []
    for ordinal, sheet in enumerate(sheets):
        page = sheet.page
        text = page.text
        spans = list(page.redactions) + find_text_markers(text, page.redactions)
        spans.sort(key=lambda s: s.start)
        rows = [r for t in page.tables for r in t.rows]
        first = rows[0].cells if rows else []
        logged = any(column_roles(r.cells) for r in rows[:20])
        titled = [c for c in first if c.strip()]
        title = titled[0] if len(titled) == 1 and len(rows) > 1 else (
            f"{stem} – {sheet.name}" if sheet.name else stem)
        date = first_date(title) if len(titled) == 1 else None
        date_source = "title" if date else "none"
        if not date:
            date = _date_in_name(display_path)
            date_source = "file_name" if date else "none"
        doc = Document(
            doc_id=_doc_id(display_path, ordinal, len(sheets) > 1), source=display_path, title=title[:200],
            doc_type="action_list" if logged else _guess_type(text, stem), group=None, date=date, text=text,
            redaction_spans=spans, tables=list(page.tables), ordinal=ordinal, date_source=date_source,
            sha256=source.sha256, headers=dict(source.headers), hidden=list(sheet.hidden),
        )
        build_passages(doc)
        line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        where = f"{sheet.name}!" if sheet.name else ""
        for passage in doc.passages:
            line = bisect.bisect_right(line_starts, passage.start) - 1
            if 0 <= line < len(sheet.rows):
                passage.location = f"{where}row {sheet.rows[line]}"
        doc.redactions = redaction_records(doc)
        docs.append(doc)
    if enrich:
        _enrich(docs, warnings if warnings is not None else [])
    return docs


# Members with these suffixes have no reader: they are listed, not read (an image attached
# to a message, a calendar invitation). Members with other suffixes are tried by content.
_NO_READER = {
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg", ".ico", ".emf", ".wmf",
    ".mp3", ".mp4", ".wav", ".avi", ".mov", ".exe", ".dll", ".p7s", ".vcf", ".ics", ".gz", ".tgz", ".7z",
    ".rar", ".ppt", ".pptx", ".dat", ".bin",
}


def _unique(name: str, used: set[str]) -> str:
    """A member name no sibling has: two attachments called "scan.pdf" are "scan.pdf" and "scan (2).pdf"."""
    stem, dot, suffix = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{stem} ({n}){dot}{suffix}"
    used.add(candidate)
    return candidate


def _embedded_documents(
    source: SourceFile, display_path: str, parent: Document, enrich: bool, warnings: list[str], depth: int
) -> list[Document]:
    """Documents of each attachment or archive member, read by its own reader. A member that
    cannot be read is one warning naming it and why; the message or archive is still read.
    An attachment that gives no date of its own is dated by its message."""
    import tempfile

    docs: list[Document] = []
    used: set[str] = set()
    for item in source.embedded:
        name = _unique(item.name.replace("!", "_"), used)
        where = f"{display_path}!{name}"
        suffix = Path(item.name).suffix.lower()
        if item.error:
            warnings.append(f"{where}: {item.error}")
            continue
        if suffix in _NO_READER:
            warnings.append(f"{where}: not read (no reader for '{suffix}' files)")
            continue
        if depth + 1 > MAX_NESTING:
            warnings.append(f"{where}: not read (nested more than {MAX_NESTING} files deep)")
            continue
        found: list[str] = []
        try:
            member = item.source
            if member is not None:
                member_docs = documents_from_source(member, where, enrich, found, depth + 1)
            else:
                data = item.load() if item.load else b""
                if not data.strip():
                    raise ReadError("empty file (0 bytes)")
                # Readers take a path (pdfplumber, python-docx, OCR): the member is written to a
                # private temporary file named like it, read there, and deleted.
                with tempfile.TemporaryDirectory(prefix="foi-member-") as tmp:
                    path = os.path.join(tmp, "member" + suffix[:16])
                    with open(path, "wb") as handle:
                        handle.write(data)
                    member = read_source(path)
                    member.sha256 = member.sha256 or hashlib.sha256(data).hexdigest()
                    found += member.warnings
                    member_docs = documents_from_source(member, where, enrich, found, depth + 1)
            if not any(d.text.strip() for d in member_docs):
                raise ReadError(_no_text(member, found))
        except ReadError as exc:
            warnings.append(f"{where}: {exc}")
            continue
        except RecursionError:
            warnings.append(f"{where}: document structure too deeply nested to read")
            continue
        except Exception as exc:  # noqa: BLE001 - one bad attachment must not lose the message
            warnings.append(f"{where}: unexpected error while reading ({type(exc).__name__}: {exc})")
            continue
        warnings += [w if w.startswith(where) else f"{where}: {w}" for w in found]
        for doc in member_docs:
            if doc.parent_id is None:
                doc.parent_id, doc.member = parent.doc_id, name
            if doc.date is None and parent.date and parent.date_source == "email_date":
                doc.date, doc.date_source = parent.date, "email_date"
        docs += member_docs
    return docs


def _enrich(docs: list[Document], warnings: list[str]) -> None:
    """Extraction adds to what was read; if it fails on a document, the text is still kept."""
    from ingest.extract import enrich, link_documents

    for doc in docs:
        try:
            enrich(doc)
        except Exception as exc:  # noqa: BLE001 - keep the document searchable, say what failed
            warnings.append(f"{doc.doc_id}: extraction failed ({type(exc).__name__}: {exc})")
    try:
        # An action-list row inherits the recommendation of the same action in the minutes.
        link_documents(docs)
    except Exception as exc:  # noqa: BLE001
        warnings.append(f"linking actions failed ({type(exc).__name__}: {exc})")


def _no_text(source: SourceFile, warnings: list[str]) -> str:
    """Why a file that was read gave no text, in one line."""
    why = "; ".join(w for w in warnings if "text" in w.lower() or "ocr" in w.lower())
    if why:
        return f"no text found ({why})"
    return "no text found (" + ("image-only or blank pages" if source.format == "pdf" else "the document is empty") + ")"


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_file(path: str, enrich: bool = True) -> FileResult:
    """Everything foisearch knows about one file. Never raises for a bad file: ``error`` says why."""
    result = FileResult(path=path)
    try:
        result.sha256 = file_sha256(path)
        source = read_source(path)
        source.sha256 = source.sha256 or result.sha256
        result.warnings = list(source.warnings)
        documents = documents_from_source(source, path, enrich=enrich, warnings=result.warnings)
        if not any(doc.text.strip() for doc in documents):
            # Nothing a search could find: say so instead of indexing an empty document.
            raise ReadError(_no_text(source, result.warnings))
        result.documents = documents
    except ReadError as exc:
        result.error = str(exc)
    except FileNotFoundError:
        result.error = "file vanished before it could be read"
    except PermissionError:
        result.error = "permission denied"
    except IsADirectoryError:
        result.error = "is a folder"
    except OSError as exc:
        result.error = f"cannot read: {exc.strerror or exc}"
    except RecursionError:
        result.error = "document structure too deeply nested to read"
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the run; say what it was
        result.error = f"unexpected error while reading ({type(exc).__name__}: {exc})"
    return result


@dataclass
class Extracted:
    """What the files under some paths hold, and every file or folder that could not be read."""

    documents: list[Document] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, warning)


def extract_paths(paths: list[str] | tuple[str, ...], enrich: bool = True) -> Extracted:
    """Every file under ``paths`` read without an index (`foi extract`, `foi audit PATH`,
    `foi trace --from`): unreadable folders and files are reported, never dropped."""
    from ingest.walk import walk

    walked = walk(list(paths))
    out = Extracted(problems=list(walked.problems))
    for file in walked.files:
        result = extract_file(file, enrich=enrich)
        out.warnings += [(file, w) for w in result.warnings]
        if result.error:
            out.problems.append((file, result.error))
        out.documents += result.documents
    return out


def extract_path(path: str, enrich: bool = True) -> list[Document]:
    """Documents of one file or of every file under a folder (for tests and scripts)."""
    return extract_paths([path], enrich=enrich).documents
