"""One file in, its documents out: read → join pages → find markers → segment → passages → extract.

Readers and extractors are imported lazily: the search commands import ``ingest.models`` but
must not pay for pdfplumber, python-docx or spaCy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ingest.markers import find_text_markers
from ingest.models import Document, ReadError, Redaction, RedactionSpan, SourceFile, Table, TableRow

PAGE_SEPARATOR = "\n\n"

# Bump whenever a change to reading, segmentation, ids or extraction changes what a file
# yields: `foi ingest` re-reads every file an older pipeline read, changed on disk or not.
# 2: doc ids hash the absolute path; text capped at MAX_TEXT_CHARS; files with no text fail.
# 5: a PDF box alone on its line is measured in half the average type size.
# 6: minutes laid out in a grid read as text (layout.py), running lines dropped, header fields, bare markers.
PIPELINE_VERSION = "6"

# Text read from one file beyond this is not indexed (a warning says so): segmentation and
# extraction cost grows with the text, and a 50 MB export would hold an ingest for many
# minutes and gigabytes while adding little that a search can rank.
MAX_TEXT_CHARS = 5_000_000


@dataclass
class FileResult:
    path: str
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # one line: why the file could not be read
    sha256: str = ""


def sniff_format(path: str, head: bytes) -> str | None:
    """The reader a file needs, from its first bytes, whatever its extension says."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    suffix = Path(path).suffix.lower()
    if suffix == ".eml" or _looks_like_email(head):
        return "email"
    if suffix in (".pdf", ".docx"):
        return None  # claims a binary format but is not one
    return "text"


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
    if fmt == "pdf":
        from ingest.read_pdf import read_pdf

        source = read_pdf(path)
    elif fmt == "docx":
        from ingest.read_docx import read_docx

        source = read_docx(path)
    elif fmt == "email":
        from ingest.read_email import read_email

        source = read_email(path)
    else:
        from ingest.read_text import read_text

        source = read_text(path)
    expected = {"pdf": {".pdf"}, "docx": {".docx"}, "email": {".eml"}, "text": {".txt", ".md", ".text"}}[fmt]
    if suffix not in expected and not (fmt == "email" and suffix in {".txt", ".text"}):
        source.warnings.append(f"wrong extension: content is {fmt}, read as such")
    return source


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


def _cap_text(source: SourceFile, limit: int = MAX_TEXT_CHARS) -> str | None:
    """Cut the pages after ``limit`` characters of text; a warning when anything was cut."""
    total = sum(len(p.text) for p in source.pages)
    if total <= limit:
        return None
    kept, room = [], limit
    for page in source.pages:
        if room <= 0:
            break
        if len(page.text) > room:
            cut = page.text.rfind("\n", 0, room)
            page.text = page.text[: cut if cut > 0 else room]
            page.redactions = [r for r in page.redactions if r.end <= len(page.text)]
            page.tables = [t for t in page.tables if t.start < len(page.text)]
            page.headings = [h for h in page.headings if h < len(page.text)]
        room -= len(page.text)
        kept.append(page)
    source.pages = kept
    return (f"file too large: only the first {limit / 1e6:g} million of its {total / 1e6:.1f} million "
            "characters of text are indexed; split it to index the rest")


def documents_from_source(
    source: SourceFile, display_path: str, enrich: bool = True, warnings: list[str] | None = None
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
            why = "; ".join(w for w in result.warnings if "text" in w.lower() or "ocr" in w.lower())
            raise ReadError("no text found" + (f" ({why})" if why else " (image-only or blank pages)"))
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
