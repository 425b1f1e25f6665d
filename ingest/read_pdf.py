"""PDF reader: one ``Page`` per PDF page, text in line order, tables as tab-joined rows,
and every filled dark box drawn over (or in place of) text kept as a ``pdf_box`` redaction.

Coordinates are pdfplumber's: x grows rightwards, ``top``/``bottom`` grow downwards from
the top of the page, in PDF points.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import logging
import math
import operator
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ingest.layout import (
    SIDE_COLUMN_HEAD,
    Cell,
    CellLine,
    LaidOut,
    drop_running_lines,
    flow_lines,
    is_flow_table,
    lay_out_columns,
    paragraph_gap,
)
from ingest.limits import limit
from ingest.models import BLOCK_CHAR, Page, ReadError, RedactionSpan, SourceFile, Table, TableRow
from ingest.models_detail import names_columns
from ingest.ocr import OcrJob, OcrSettings, ocr_pages
from ingest.pdf_pdfium import (
    TOLERANCES,
    FastPage,
    FontFacts,
    FontsOf,
    MergedSpaces,
    NotAlike,
    TablesAtTolerance,
    fallback,
    font_facts,
)
from ingest.pdf_pdfium import find_tables as fast_find_tables
from ingest.pdf_plumber_page import lean_pages
from ingest.pdf_tables import LeanTableFinder
from ingest.pdf_tokens import lean_document

BBox = tuple[float, float, float, float]  # (x0, top, x1, bottom)
Char = dict[str, Any]  # a pdfplumber char object

# ZapfDingbats codes to the characters they draw: squares typed as redactions, list bullets.
DINGBATS = {"n": "\u25a0", "o": "\u274f", "p": "\u2750", "q": "\u2751", "r": "\u2752", "l": "\u25cf",
            "u": "\u25c6", "s": "\u25b2", "t": "\u25bc", "H": "\u2605", "4": "\u2714", "8": "\u2718"}

LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
}

_LIGATURE = re.compile("[" + "".join(LIGATURES) + "]")

DARK_MAX = 0.25  # gray / RGB channel at most this, or CMYK K at least 1 - this
WHITE_MIN = 0.98  # every RGB/gray channel at least this (CMYK at most 1 - this): white paint
LIGHT_MIN = 0.75  # text at least this light is readable on a dark box: the box is a background
THIN = 2.5  # rules and borders are thinner than this
LINE_MIN, LINE_MAX = 6.0, 40.0  # height of a box that stands for a line of text on its own
COVER_MIN = 0.8  # a char is hidden when more than this share of its width is under the rect...
VERTICAL_MIN = 0.6  # ...with this share of its height and its middle
MAX_RUN = 60  # longest run of BLOCK_CHAR written for one box
PAGE_SHARE = 0.5  # a box over this share of the page area is a background
CELL_SLACK = 2.0  # a box this close to a cell's edges is the cell's background
ADVANCE_PER_SIZE = 0.5  # average advance of a character, in font sizes
WORD_GAP = 0.2  # a horizontal gap wider than this many font sizes is a word break
MARGIN_TOP, MARGIN_BOTTOM = 0.10, 0.88  # lines above / below these shares of the page height are in its margins
MAX_PAGE_OBJECTS = limit("page_text_objects")
SCAN_TEXT_MAX = 20  # a page with fewer visible chars than this has no real text layer
SCAN_IMAGE_SHARE = 0.5  # ...and is a scan when images cover at least this share of it
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
# Metadata values that authoring tools write when the author left the field blank.
PLACEHOLDER_META = {"", "untitled", "anonymous", "unknown", "unspecified"}
# Where a page's text layer, char boxes and paths come from: "fast" (pdfium, falling back to
# pdfplumber page by page where pdfium is not known to read alike) or "plumber" (always).
ENGINE_ENV = "FOI_PDF_ENGINE"
ENGINES = ("fast", "plumber")


def pdf_engine() -> str:
    value = os.environ.get(ENGINE_ENV, "").strip().lower()
    return value if value in ENGINES else "fast"


def covered_fraction(char_bbox: Sequence[float], rect_bbox: Sequence[float]) -> float:
    """Share of ``char_bbox``'s area that lies inside ``rect_bbox`` (both x0, top, x1, bottom).

    A char box without area (a zero-width space) counts as fully covered when its centre is
    inside the rect, so it follows the chars around it.
    """
    cx0, ct, cx1, cb = char_bbox
    rx0, rt, rx1, rb = rect_bbox
    area = (cx1 - cx0) * (cb - ct)
    if area <= 0:
        mx, my = (cx0 + cx1) / 2, (ct + cb) / 2
        return 1.0 if rx0 <= mx <= rx1 and rt <= my <= rb else 0.0
    w = min(cx1, rx1) - max(cx0, rx0)
    h = min(cb, rb) - max(ct, rt)
    if w <= 0 or h <= 0:
        return 0.0
    return (w * h) / area


def hides(rect_bbox: Sequence[float], char_bbox: Sequence[float]) -> bool:
    """Whether a box hides a glyph: it covers most of the glyph's width and the middle of its
    height. Glyph boxes differ in height between readers (pdfium's reach the font's ascent and
    descent, pdfminer's the glyph's), so the share of the area would tell them apart; a box
    that only grazes a glyph's top or bottom (an underline, a border) hides nothing."""
    cx0, ct, cx1, cb = char_bbox
    rx0, rt, rx1, rb = rect_bbox
    width, height = cx1 - cx0, cb - ct
    if width <= 0 or height <= 0:
        return covered_fraction(char_bbox, rect_bbox) >= 1.0
    across = (min(cx1, rx1) - max(cx0, rx0)) / width
    down = (min(cb, rb) - max(ct, rt)) / height
    middle = (ct + cb) / 2
    return across > COVER_MIN and down >= VERTICAL_MIN and rt <= middle <= rb


def _channels(color: Any) -> tuple[float, ...] | None:
    """A colour as numbers, or None for patterns and anything unreadable."""
    if color is None:
        return (0.0,)  # the PDF default fill colour is black
    if isinstance(color, (int, float)):
        return (float(color),)
    if isinstance(color, (tuple, list)) and color and all(isinstance(v, (int, float)) for v in color):
        return tuple(float(v) for v in color)
    return None


def is_dark(color: Any) -> bool:
    """True for a fill dark enough to hide black text (gray, RGB or CMYK)."""
    ch = _channels(color)
    if ch is None:
        return False
    if len(ch) == 4:
        return ch[3] >= 1 - DARK_MAX
    if len(ch) in (1, 3):
        return max(ch) <= DARK_MAX
    return False


def _is_light(color: Any, minimum: float = LIGHT_MIN) -> bool:
    """Every gray/RGB channel at least ``minimum`` (CMYK: at most 1 - ``minimum``)."""
    ch = _channels(color)
    if ch is None:
        return False
    if len(ch) == 4:
        return max(ch) <= 1 - minimum
    if len(ch) in (1, 3):
        return min(ch) >= minimum
    return False


@dataclass
class _Box:
    """A redaction rectangle; ``covered`` are the chars it hides, in no particular order."""

    x0: float
    top: float
    x1: float
    bottom: float
    sources: list[int] = field(default_factory=list)  # id() of the pdfplumber objects
    covered: list[Char] = field(default_factory=list)
    bbox: BBox | None = None  # the whole rectangle when this one is clipped to a table cell
    opaque: bool = False  # an annotation over the page: it hides whatever colour it is

    @property
    def rect(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class _Line:
    top: float
    bottom: float
    chars: list[Char]
    boxes: list[_Box] = field(default_factory=list)


@dataclass
class _Rendered:
    """One line of text with spans whose offsets are relative to the line."""

    top: float
    text: str
    spans: list[RedactionSpan]
    bottom: float = 0.0


# ---------------------------------------------------------------------------- file level


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every odd object; a reader reports through ReadError/warnings."""
    logger = logging.getLogger("pdfminer")
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(old)


def _one_line(text: str, limit: int = 100) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _error_for(exc: BaseException) -> ReadError:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return ReadError("encrypted PDF (password required)")
    if isinstance(cause, PDFEncryptionError):
        return ReadError(f"encrypted PDF (cannot decrypt: {_one_line(cause) or type(cause).__name__})")
    detail = _one_line(str(cause)) if isinstance(cause, BaseException) else _one_line(cause)
    return ReadError(f"corrupt or truncated PDF: {detail or type(cause).__name__}")


def _sha256(path: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _metadata(pdf: Any) -> dict[str, str]:
    try:
        meta = pdf.metadata or {}
    except Exception:  # broken Info dictionary: the pages may still be readable
        return {}
    return _headers_from(meta)


def _fast_metadata(doc: Any) -> dict[str, str]:
    try:
        return _headers_from(doc.get_metadata_dict())
    except Exception:  # noqa: BLE001 - broken Info dictionary: the pages may still be readable
        return {}


def _headers_from(meta: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key in ("Title", "Author"):
        value = meta.get(key)
        if isinstance(value, bytes):
            value = value.decode("latin-1", "replace")
        if isinstance(value, str) and value.strip().lower() not in PLACEHOLDER_META:
            headers[key] = _one_line(value, 300)
    return headers


def _open_fast(path: str) -> Any:
    """The pdfium document, or None when pdfium cannot open it or finds no pages (pdfplumber
    then reads the file, with its error messages)."""
    try:
        from ingest.pdf_pdfium import open_document

        doc = open_document(path)
    except Exception:  # noqa: BLE001 - any pdfium failure means: read it the reference way
        return None
    if len(doc) == 0:
        doc.close()
        return None
    return doc


def _text_objects(page: Any) -> int:
    """How many text objects pdfium finds on a loaded page (a drawing's paths do not count):
    loading the page parsed its content once, which is linear; reading its text is not."""
    import pypdfium2.raw as pdfium_raw

    try:
        count = int(pdfium_raw.FPDFPage_CountObjects(page.raw))
        if count <= MAX_PAGE_OBJECTS:
            return count  # fewer objects of any kind: fewer text objects, no need to look
        text = pdfium_raw.FPDF_PAGEOBJ_TEXT
        return sum(1 for i in range(count)
                   if pdfium_raw.FPDFPageObj_GetType(pdfium_raw.FPDFPage_GetObject(page.raw, i)) == text)
    except Exception:  # noqa: BLE001 - a page pdfium cannot count is read as before
        return 0


def _fast_page(doc: Any, index: int, fonts: FontsOf | None = None) -> tuple[FastPage | None, int]:
    """The page as pdfium reads it (None: pdfplumber reads it) and its text objects; a page
    of more than ``MAX_PAGE_OBJECTS`` is not read at all. ``fonts``: what pdfminer knows of
    the page's fonts, for the few questions pdfium cannot answer."""
    page = doc[index]
    try:
        objects = _text_objects(page)
        if objects > MAX_PAGE_OBJECTS:
            return None, objects
        return FastPage.from_page(page, runs=True, fonts=fonts), objects
    except _PageCountMismatch:
        raise  # pdfplumber, opened to answer ``fonts``, sees other pages: it reads the file
    except Exception as exc:  # noqa: BLE001 - an odd page is read by pdfplumber instead
        return fallback(str(exc.args[0]) if exc.args and isinstance(exc.args[0], str)
                        else f"glyph pdfium reads unlike pdfminer ({type(exc).__name__})"), 0
    finally:
        page.close()


def _fonts_of(plumber: _Plumber, number: int) -> FontsOf:
    """pdfminer's view of a page's fonts, for pdfium's few open questions: pdfplumber is
    opened (not read) only when one is asked."""
    return lambda: font_facts(plumber.page(number).page_obj, plumber.fonts)


class _PageCountMismatch(Exception):
    """pdfium and pdfplumber see different pages: pdfplumber, the reader of record, reads it all."""


class _Plumber:
    """pdfplumber's view of the file, opened only when a page needs it (most pages of most
    files are read from pdfium alone)."""

    def __init__(self, path: str, pages: int | None) -> None:
        self.path, self.expected, self.pdf = path, pages, None
        self.fonts: dict[int, FontFacts] = {}  # `font_facts` of the document's fonts read so far

    def open(self) -> Any:
        """The pdfplumber PDF, its pages `LeanPage`s (chars and paths built without the generic resolver)."""
        if self.pdf is None:
            self.pdf = pdfplumber.open(self.path, password="")
            lean_document(self.pdf.doc)  # (its objects are read as asked for: the pages, fonts)
            lean_pages(self.pdf)
        return self.pdf

    def page(self, number: int) -> Any:
        if self.pdf is None:
            self.open()
            if self.expected is not None and len(self.pdf.pages) != self.expected:
                raise _PageCountMismatch
        return self.pdf.pages[number - 1]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def read_pdf(path: str, ocr: OcrSettings | None = None, ocr_workers: int = 1,
             engine: str | None = None) -> SourceFile:
    """Read a PDF into pages; raise ReadError (one-line reason) when it cannot be read.

    Scanned pages (no real text layer, a page-sized image) are OCR'd with ``ocr`` settings
    (default: ``OcrSettings.from_env()``), in ``ocr_workers`` processes. ``engine`` ("fast" or
    "plumber"; default ``$FOI_PDF_ENGINE``, else "fast") picks where page objects come from;
    both give the same text and redaction spans (tests/test_perf_pdf_engine.py).
    """
    engine = engine if engine in ENGINES else pdf_engine()
    try:
        sha, size = _sha256(path)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if size == 0:
        raise ReadError("empty PDF")
    source = SourceFile(path=path, format="pdf", pages=[], sha256=sha)
    with _quiet_pdfminer():
        try:
            fast_doc = _open_fast(path) if engine == "fast" else None
            try:
                scans = _read_pages(path, source, fast_doc, ocr)
            except _PageCountMismatch:
                source = SourceFile(path=path, format="pdf", pages=[], sha256=sha)
                scans = _read_pages(path, source, None, ocr)
            finally:
                if fast_doc is not None:
                    fast_doc.close()
        except ReadError:
            raise
        except RecursionError:
            raise ReadError("corrupt or truncated PDF: object nesting too deep") from None
        except Exception as exc:  # pdfminer raises many unrelated types for broken files
            raise _error_for(exc) from None
    for result in ocr_pages(scans, workers=ocr_workers):
        source.pages[result.number - 1] = result.page
        if result.warning:
            source.warnings.append(result.warning)
    return source


def _read_pages(path: str, source: SourceFile, fast_doc: Any, ocr: OcrSettings | None) -> list[OcrJob]:
    """Every page into ``source``, from pdfium where it reads like pdfplumber, else from
    pdfplumber; the scanned pages to OCR."""
    plumber = _Plumber(path, len(fast_doc) if fast_doc is not None else None)
    scans: list[OcrJob] = []
    carry = _Carry()
    try:
        if fast_doc is not None:
            source.headers = _fast_metadata(fast_doc)
            count = len(fast_doc)
        else:
            source.headers = _metadata(plumber.open())
            count = len(plumber.pdf.pages)
            if not count:
                raise ReadError("empty PDF")
        for number in range(1, count + 1):
            fast, objects = _fast_page(fast_doc, number - 1, fonts=_fonts_of(plumber, number)) \
                if fast_doc is not None else (None, 0)
            if objects > MAX_PAGE_OBJECTS:
                # pdfium's text layer and pdfminer's layout both grow faster than the objects of
                # a page (200,000 objects: 72 s in pdfium alone); such a page is a built trap or
                # a plotted chart, never prose. Said, not read.
                source.warnings.append(f"page {number}: {objects:,} text objects (limit page_text_objects "
                                       f"{MAX_PAGE_OBJECTS:,}): its text is not read; FOI_LIMITS raises it")
                source.pages.append(Page(number, ""))
                continue
            page, kind = _read_page_from(fast, lambda n=number: plumber.page(n), number, carry)
            if kind == "scan":
                bbox = tuple(float(v) for v in plumber.page(number).bbox)
                scans.append(OcrJob(path, number, bbox, ocr or OcrSettings.from_env()))
            elif kind == "image":
                source.warnings.append(f"page {number}: no text layer, OCR needed")
            source.pages.append(page)
            if plumber.pdf is not None:
                plumber.page(number).close()  # drop the page's cached layout: long files stay small
    finally:
        plumber.close()
    drop_running_lines(source.pages)
    return scans


def _read_page_from(fast: FastPage | None, plumber_page: Callable[[], Any], number: int,
                    carry: _Carry | None = None) -> tuple[Page, str | None]:
    if fast is not None:
        before = carry.side if carry is not None else None
        try:
            try:
                return _read_page(fast, number, carry)
            except TablesAtTolerance:
                return _read_at_nudged_tolerances(fast, number, carry, before)
        except Exception as exc:  # noqa: BLE001 - whatever pdfium gave that the layout could not use
            fallback(str(exc) if isinstance(exc, NotAlike) else f"layout could not use pdfium's page ({type(exc).__name__})")
            if carry is not None:
                carry.side = before
    return _read_page(plumber_page(), number, carry)


def _read_at_nudged_tolerances(fast: FastPage, number: int, carry: _Carry | None,
                               before: tuple[float, str] | None) -> tuple[Page, str | None]:
    """pdfium's page where its tables turn on which side of the table finder's tolerance its
    rules fall: read with the tables found at the tolerance and either side of it
    (`TOLERANCES`: pdfminer's coordinates, a float's noise from ours, fall on one side or the
    other), kept only when all read the same (then the side changes nothing the page says:
    a cell's border moves where no text is, a stray rule snaps to its neighbour or not);
    else raise TablesAtTolerance (pdfplumber reads the page)."""
    readings = []
    try:
        for tolerance in TOLERANCES:
            fast.tolerance = tolerance
            if carry is not None:
                carry.side = before
            page, kind = _read_page(fast, number, carry)
            readings.append((page, kind, carry.side if carry is not None else None))
    finally:
        fast.tolerance = None
    if any(reading != readings[0] for reading in readings[1:]):
        raise TablesAtTolerance("rules the table finder's tolerance apart")
    return readings[0][0], readings[0][1]


# ---------------------------------------------------------------------------- page level


def _image_share(page: Any) -> float:
    """Share of the page area under its images (clipped to the page; overlaps counted twice)."""
    x0, top, x1, bottom = (float(v) for v in page.bbox)
    area = max((x1 - x0) * (bottom - top), 1.0)
    covered = 0.0
    for im in page.images:
        w = min(float(im["x1"]), x1) - max(float(im["x0"]), x0)
        h = min(float(im["bottom"]), bottom) - max(float(im["top"]), top)
        if w > 0 and h > 0:
            covered += w * h
    return min(covered / area, 1.0)


@dataclass
class _Carry:
    """What one page's layout tells the next: an unruled Action column's left edge and heading
    (a table's heading row is printed once; the column runs on over the following pages)."""

    side: tuple[float, str] | None = None


def _loose_lines(chars: list[Char]) -> list[_Line]:
    """Chars into lines whose tops lie within half a type size of each other: the cells of a
    heading row may sit a point or two apart."""
    lines: list[_Line] = []
    line: _Line | None = None
    for c in sorted(chars, key=_TOP_X0):
        if line is not None and c["top"] - line.top <= 0.5 * c.get("size", 10.0):
            line.chars.append(c)
            bottom = c["bottom"]
            if bottom > line.bottom:  # (as max(line.bottom, bottom) takes it)
                line.bottom = bottom
        else:
            line = _Line(c["top"], c["bottom"], [c])
            lines.append(line)
    for line in lines:
        line.chars.sort(key=_X0)
    return lines


def _side_column(chars: list[Char], x0: float, x1: float, bottom: float,
                 carry: _Carry | None) -> tuple[float, float, str] | None:
    """(top of the region, left edge, heading) of an unruled right-hand column of actions: a line
    whose rightmost words, set apart by a wide gap in the right half of the page, are an Action
    heading ("Action", "Decisions and Action Points"); on a later page, the column found before,
    while no line of text runs across its edge."""
    lines = _loose_lines([c for c in chars if (c.get("text") or "").strip()])
    width = max(x1 - x0, 1.0)
    for line in lines:
        groups: list[list[Char]] = [[]]
        for c in line.chars:
            if groups[-1] and c["x0"] - groups[-1][-1]["x1"] > 2.0 * c.get("size", 10.0):
                groups.append([])
            groups[-1].append(c)
        if len(groups) < 2:
            continue
        last = groups[-1]
        text = _plain_text(last) or ""
        if last[0]["x0"] - x0 > 0.45 * width and SIDE_COLUMN_HEAD.match(text.strip()):
            if carry is not None:
                carry.side = (last[0]["x0"], text.strip())
            return line.bottom, last[0]["x0"], text.strip()
    if carry is None or carry.side is None:
        return None
    split_x, head = carry.side
    body = [ln for ln in lines if ln.top < bottom]
    across = sum(1 for ln in body if any(c["x0"] < split_x - 1.0 < c["x1"] - 1.0 for c in ln.chars))
    if not body or across > 0.1 * len(body):
        carry.side = None  # the page is laid out otherwise: the column has ended
        return None
    return float("-inf"), split_x, head  # the whole page runs in the columns


def _read_page(page: Any, number: int, carry: _Carry | None = None) -> tuple[Page, str | None]:
    """The page and its kind: None (read from its text layer), "scan" (to OCR) or "image"
    (no text, only smaller images: flagged, not OCR'd)."""
    chars = _prepared(page.chars)
    visible = sum(len((c.get("text") or "").strip()) for c in chars)
    if page.images and visible < SCAN_TEXT_MAX and _image_share(page) >= SCAN_IMAGE_SHARE:
        # A stamped page number or reference on a scan is in the rendered image too.
        return Page(number=number, text=""), "scan"
    if not visible and page.images:
        return Page(number=number, text=""), "image"
    chars += _graphic_bullets(page, chars)

    x0, top, x1, bottom = (float(v) for v in page.bbox)
    page_area = max((x1 - x0) * (bottom - top), 1.0)
    boxes = _candidate_boxes(page, (x0, top, x1, bottom), page_area)
    any_boxes = bool(boxes)
    index = _CharIndex(chars)
    for box in boxes:
        box.covered = index.covered_by(box.rect)
    all_lines = _group_lines(chars)
    boxes = [b for b in boxes if _is_redaction(b, all_lines)]

    tables = _find_tables(page, boxes)
    in_cells: set[int] = set()
    table_blocks: list[tuple[float, LaidOut]] = []
    used_boxes: set[int] = set()
    avg_page = _page_advance(chars)
    page_height = bottom - top
    # an Action column's heading printed above the tables (or on an earlier page)
    columns = _side_column(chars, x0, x1, top + MARGIN_BOTTOM * page_height, carry)
    fast = isinstance(page, FastPage)
    if fast and page.merged and _merged_spaces_matter(page.merged, chars, tables, any_boxes,
                                                      columns is not None and not tables, _bullet_shapes(page)):
        raise NotAlike("spaces pdfium's text page merged")
    for table in tables:
        rows = _table_rows(table, chars, boxes, in_cells, used_boxes, avg_page)
        side = columns is not None and float(table.bbox[1]) >= columns[0] - 2.0
        where: dict[str, Any] = {"side_x": columns[1], "side_head": columns[2]} if side and columns is not None else {}
        # (as `lay_out_table`, whose choice of rows or lines reads text alone: made once, not per nudge)
        if not is_flow_table(rows, side_x=where.get("side_x")):
            laid = LaidOut(rows=rows)
        else:
            laid = _steady(fast, lambda sign, rows=rows, where=where: LaidOut(lines=flow_lines(
                [[Cell(_nudged(c.lines, sign), c.x0) for c in row] for row in rows] if sign else rows, **where)))
        table_blocks.append((float(table.bbox[1]), laid))

    flow_chars = [c for c in chars if id(c) not in in_cells]
    # A box straddling a table edge also hides the flow chars it covers outside the table.
    flow_boxes = [
        b for b in boxes
        if id(b) not in used_boxes or any(id(c) not in in_cells for c in b.covered)
    ]
    if columns is not None and not tables:
        # minutes with an unruled Action column: its entries go after the paragraph they stand beside
        region_top, split_x, head = columns
        below = [c for c in flow_chars if c["top"] >= region_top and c["top"] < top + MARGIN_BOTTOM * page_height]
        region_top = max(region_top, min((c["top"] for c in below), default=top))
        side_ids = {id(c) for c in below if c["x0"] >= split_x - 1.0}
        main_lines = _layout([c for c in below if id(c) not in side_ids], flow_boxes, avg_page)
        side_lines = _layout([c for c in below if id(c) in side_ids], [], avg_page)
        main = [CellLine(r.text, r.spans, r.top, r.bottom) for r in main_lines]
        beside = [CellLine(r.text, r.spans, r.top, r.bottom) for r in side_lines]
        laid = _steady(fast, lambda sign: LaidOut(lines=lay_out_columns(
            _nudged(main, sign), _nudged(beside, sign), head)))
        table_blocks.append((region_top, laid))
        below_ids = {id(c) for c in below}
        flow_chars = [c for c in flow_chars if id(c) not in below_ids]
    rendered = _layout(flow_chars, flow_boxes, avg_page)

    # Lines and tables in vertical order; each table row is one line of the page text.
    rendered = [r for r in rendered if not _is_page_furniture(r, top, page_height)]
    items: list[tuple[float, int, Any]] = [(r.top, 0, r) for r in rendered]
    items += [(t[0], 1, t[1]) for t in table_blocks]
    items.sort(key=_FIRST_TWO)
    gap = paragraph_gap(rendered)
    previous_bottom: float | None = None
    parts: list[str] = []
    spans: list[RedactionSpan] = []
    out_tables: list[Table] = []
    margins: list[tuple[int, int]] = []
    offset = 0

    def add_line(text: str) -> int:
        nonlocal offset
        if parts:
            parts.append("\n")
            offset += 1
        start = offset
        parts.append(text)
        offset += len(text)
        return start

    for item_top, kind, item in items:
        # A gap taller than the usual line spacing, or a table edge, ends a paragraph:
        # a blank line keeps that boundary in the text as it is in a text or Word file.
        if parts and (kind == 1 or previous_bottom is None or item_top - previous_bottom > gap):
            add_line("")
        previous_bottom = item.bottom if kind == 0 else None
        if kind == 0:
            start = add_line(item.text)
            spans += [s.shifted(start) for s in item.spans]
            if not item.spans and not MARGIN_TOP < (item.top - top) / page_height < MARGIN_BOTTOM:
                margins.append((start, start + len(item.text)))
            continue
        if item.lines is not None:
            # minutes laid out in a grid: read as the flow of text its author wrote
            for line in item.lines:
                start = add_line(line.text)
                spans += [s.shifted(start) for s in line.spans]
            continue
        table_rows: list[TableRow] = []
        for row in item.rows:
            table_row = TableRow(cells=[cell.text for cell in row], start=0)
            table_row.start = add_line(table_row.line)
            for i, cell in enumerate(row):
                at = table_row.cell_start(i)
                for line in cell.lines:
                    spans += [s.shifted(at) for s in line.spans]
                    at += len(line.text) + 1
            table_rows.append(table_row)
        out_tables.append(Table(rows=table_rows, has_header=bool(table_rows) and names_columns(table_rows[0].cells)))
    spans.sort(key=lambda s: s.start)
    return Page(number=number, text="".join(parts), redactions=spans, tables=out_tables, margin_lines=margins), None


# pdfium's coordinates are float32 and pdfminer's float64 (pdfminer's carry noise of their
# own): where the layout's choice between lines turns on less than this, the two readers may
# choose apart.
_NOISE = 0.002


def _nudged(lines: list[CellLine], sign: float) -> list[CellLine]:
    """The lines with every other one a hair taller and the rest a hair shorter (``sign``
    says which): a choice between two lines that ties flips one way or the other."""
    if not sign:
        return lines
    return [CellLine(ln.text, ln.spans, ln.top,
                     None if ln.bottom is None else ln.bottom + (sign if k % 2 else -sign) * _NOISE)
            for k, ln in enumerate(lines)]


def _steady(fast: bool, lay_out: Callable[[float], LaidOut]) -> LaidOut:
    """``lay_out(0)``; for the fast path's page, raise NotAlike when nudging its lines'
    heights (``lay_out(1)``, ``lay_out(-1)``) reads otherwise: a tie that float noise
    settles, which pdfplumber's coordinates may settle the other way."""
    laid = lay_out(0.0)
    # (a table kept as rows was classed by its text alone: positions laid nothing out)
    if fast and laid.lines is not None and any(_reading(lay_out(sign)) != _reading(laid) for sign in (1.0, -1.0)):
        raise NotAlike("a layout tie between lines")
    return laid


def _reading(laid: LaidOut) -> tuple:
    """What a laid-out block reads as (its words and spans, not its positions)."""
    lines = [(ln.text, ln.spans) for ln in laid.lines or []]
    rows = [[[(ln.text, ln.spans) for ln in c.lines] for c in row] for row in laid.rows or []]
    return lines, rows


def _prepared(raw: list[Char]) -> list[Char]:
    """Glyphs printed twice dropped, ligatures spelt out, ZapfDingbats codes as their glyphs."""
    chars: list[Char] = []
    for ch in _dedupe(raw):
        text = ch.get("text") or ""
        if _LIGATURE.search(text):
            ch = dict(ch, text="".join(LIGATURES.get(c, c) for c in text))
        elif "Dingbats" in (ch.get("fontname") or "") and text in DINGBATS:
            # pdfminer gives a symbolic font's raw code ("n"); the page shows ZapfDingbats' glyph
            ch = dict(ch, text=DINGBATS[text])
        chars.append(ch)
    return chars


def _page_advance(chars: list[Char]) -> float:
    """What a box alone on its line is measured in: half the page's average type size (an
    average advance of English text, spaces included). Worked out from sizes, not from glyph
    widths, because a fast-path run has one size but no glyph widths of its own."""
    size, count = 0.0, 0
    for c in chars:
        glyphs = c.get("glyphs", 1)
        size += c.get("size", 0.0) * glyphs
        count += glyphs
    return ADVANCE_PER_SIZE * size / count if count else 0.0


def _dedupe(chars: list[Char], tol: float = 1.0) -> list[Char]:
    """Drop a glyph printed again within ``tol`` of itself (fake bold, shadowed text).

    pdfplumber's own dedupe_chars sorts per group and takes seconds on a dense page;
    a grid of ``tol``-sized cells finds the neighbours in linear time. The grid is filed by
    text, then row, then column: a glyph asks about its own text's rows only, with int keys
    (no tuple made per cell asked about).
    """
    grid: dict[str, dict[int, dict[int, list[Char]]]] = {}
    kept: list[Char] = []
    for c in chars:
        if "glyphs" in c:
            kept.append(c)  # a fast-path run: its twin would overlap it and be read glyph by glyph
            continue
        text = c.get("text") or ""
        x0, top = c["x0"], c["top"]
        gx, gy = int(x0 // tol), int(top // tol)
        rows = grid.get(text)
        if rows is None:
            rows = grid[text] = {}
        elif _has_twin(rows, c, gx, gy, x0, top, tol):
            continue
        row = rows.get(gy)
        if row is None:
            row = rows[gy] = {}
        cell = row.get(gx)
        if cell is None:
            row[gx] = [c]
        else:
            cell.append(c)
        kept.append(c)
    return kept


def _has_twin(rows: dict[int, dict[int, list[Char]]], c: Char, gx: int, gy: int,
              x0: float, top: float, tol: float) -> bool:
    # Plain loops: this runs once per glyph, and a generator per glyph cost a third of a page's time.
    fontname, size = c.get("fontname"), c.get("size")
    for y in (gy - 1, gy, gy + 1):
        row = rows.get(y)
        if row is None:
            continue
        for x in (gx - 1, gx, gx + 1):
            bucket = row.get(x)
            if bucket is None:
                continue
            for o in bucket:
                if abs(o["x0"] - x0) <= tol and abs(o["top"] - top) <= tol \
                        and o.get("fontname") == fontname and o.get("size") == size:
                    return True
    return False


def _graphic_bullets(page: Any, chars: list[Char]) -> list[Char]:
    """List bullets drawn as small filled dots or squares become "•" characters, so a list
    reads as a list whether the bullet was a glyph or a drawing."""
    if not chars:
        return []
    bullets: list[Char] = []
    for obj in _bullet_shapes(page):
        mid = (float(obj["top"]) + float(obj["bottom"])) / 2
        # a bullet opens a line: text on its line starts to its right, within a few ems
        right = [c for c in chars if c["top"] <= mid <= c["bottom"] and c["x0"] >= float(obj["x1"])]
        left = [c for c in chars if c["top"] <= mid <= c["bottom"] and c["x1"] <= float(obj["x0"]) and (c.get("text") or "").strip()]
        if not right or left or min(c["x0"] for c in right) - float(obj["x1"]) > 30:
            continue
        size = max(c.get("size", 10.0) for c in right)
        top = min(c["top"] for c in right)
        bottom = max(c["bottom"] for c in right)
        bullets.append(
            {"text": "\u2022", "x0": float(obj["x0"]), "x1": float(obj["x1"]), "top": top, "bottom": bottom,
             "size": size, "fontname": "drawn-bullet", "non_stroking_color": obj.get("non_stroking_color"),
             "upright": True}
        )
    return bullets


def _bullet_shapes(page: Any) -> list[Char]:
    """Small filled dark dots and squares: list bullets where text follows them on their line."""
    out = []
    for obj in list(page.curves) + list(page.rects):
        w, h = float(obj["x1"]) - float(obj["x0"]), float(obj["bottom"]) - float(obj["top"])
        if obj.get("fill") and 1.5 <= w <= 7 and 1.5 <= h <= 7 and 0.6 <= w / h <= 1.6 \
                and is_dark(obj.get("non_stroking_color")):
            out.append(obj)
    return out


def _merged_spaces_matter(merged: list[MergedSpaces], chars: list[Char], tables: list[Any], boxes: bool,
                          split_flow: bool, bullets: list[Char]) -> bool:
    """Whether spaces pdfium's text page left out (`MergedSpaces`: pdfplumber reads them) could
    change the page's reading. They cannot where no box is measured among the chars (none on
    the page), no drawn bullet looks along their line, no other blank char lies within
    dedupe's reach of them (none is dropped as their twin) and no other char starts among
    them (`_kept_space`), and each cell they may fall in (of every table: each reads its
    own), or the flow, either holds the kept space and, on their line, only spaces on that
    line's very band (pdfplumber groups them there: a line of spaces, as without them) or, a
    cell, nothing at all (a cell of one line of spaces reads as an empty cell, in
    `lay_out_table` and in the rows), or, the flow, holds the kept space on a line whose
    printed chars all start before or after them (`_spaces_inert`)."""
    if boxes:
        return True
    cells = [(t, r, cell) for t in tables for r in t.rows for cell in r.cells if cell is not None]

    def claimed(c: Char) -> bool:  # (as `_table_rows` takes a table's chars)
        return any(_inside(c, t.bbox) and _inside(c, r.bbox) and _inside(c, cell) for t, r, cell in cells)

    flow_lines: list[_Line] = []  # (grouped once, for the first that needs them: few pages do)

    def flow_line(kept: Char) -> _Line:
        if not flow_lines:
            flow_lines.extend(_group_lines([c for c in chars if not claimed(c)]))
        return next(ln for ln in flow_lines if any(c is kept for c in ln.chars))

    for m in merged:
        if any(m.top - _NEAR <= (float(b["top"]) + float(b["bottom"])) / 2 <= m.bottom + _NEAR for b in bullets):
            return True
        band = [c for c in chars if c["bottom"] >= m.top - _NEAR and c["top"] <= m.bottom + _NEAR]

        def spaces_alike(region: list[Char], m: MergedSpaces = m) -> bool:
            return all(_alike(c, m) for c in region)

        kept = _kept_space(m, band)
        if kept is None:
            return True
        # Where their middles may lie: in each table, the cells they reach of the one row at
        # their line; the flow, wherever no cell is.
        mid = (m.top + m.bottom) / 2
        c_lo, c_hi = _start(m) + m.advance / 2 - _NOISE_X, m.x1 + m.advance / 2 + _NOISE_X
        reached: list[Any] = []  # the cells they may fall in
        sure: list[tuple[float, float]] = []  # the spans of the cells of rows they surely fall in
        for t in tables:
            rows = [r for r in t.rows if r.bbox[1] - _NOISE_X <= mid <= r.bbox[3] + _NOISE_X]
            if len(rows) > 1:
                return True
            reached += [cell for r in rows for cell in r.cells if cell is not None and cell[0] <= c_hi and c_lo <= cell[2]]
            sure += [(cell[0], cell[2]) for r in rows if r.bbox[1] + _NOISE_X <= mid <= r.bbox[3] - _NOISE_X
                     for cell in r.cells if cell is not None]
        for cell in reached:
            inside = [c for c in chars if _inside(c, cell)]
            if inside and not (_inside(kept, cell) and spaces_alike([c for c in band if _inside(c, cell)])):
                return True
        # The runs of cells side by side (they share their borders), less the noise at their ends.
        runs: list[list[float]] = []
        for x0, x1 in sorted(sure):
            if runs and x0 <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], x1)
            else:
                runs.append([x0, x1])
        covered = any(a + _NOISE_X <= c_lo and c_hi <= b - _NOISE_X for a, b in runs)
        if not covered and (split_flow or claimed(kept) or not (
                spaces_alike([c for c in band if not claimed(c)]) or _spaces_inert(m, flow_line(kept)))):
            return True  # the flow, without the kept space, or with text starting among them on its line
    return False


def _alike(c: Char, m: MergedSpaces) -> bool:
    """A blank char on the very band of spaces pdfium's text page left out."""
    return c["top"] == m.top and c["bottom"] == m.bottom and not (c.get("text") or "").strip()


def _start(m: MergedSpaces) -> float:
    """The least origin spaces pdfium's text page left out may have (a TJ array may place one
    back before the kept space, within its text object)."""
    return min(m.left, m.x0)


def _kept_space(m: MergedSpaces, band: list[Char]) -> Char | None:
    """The kept space of ``m`` (a char of ``band``, the chars on its line's band), where the
    spaces left out would change nothing the chars around them do: no other blank char lies
    within dedupe's reach of them (it could be dropped as a twin, or drop one: dedupe pairs
    chars of one text, ours of any blank to be sure), and no other char starts among them
    (lines are grouped, and a line's chars ordered, by where chars start: only copies of the
    kept space may be ordered among them). Else None. A printed char starting beside them,
    or reaching over them from before, is left to the cells' and the flow's checks."""
    lo, hi = _start(m) - _NEAR, m.x1 + m.advance + _NEAR
    s_lo, s_hi = _start(m) - _NOISE_X, m.x1 + _NOISE_X
    near = [c for c in band if (c["x1"] >= lo and c["x0"] <= hi and not (c.get("text") or "").strip())
            or s_lo <= c["x0"] <= s_hi]
    if not near or any(not _alike(c, m) or c["x0"] != m.x0 for c in near):
        return None
    return near[0]


def _spaces_inert(m: MergedSpaces, line: _Line) -> bool:
    """Whether spaces left out of ``line`` of the flow (that holds the kept space, and so
    them: `_kept_space` left only copies of it starting among them) leave its rendering as
    it is: they do where every printed char of the line starts before or after all of them.
    `_render_line` orders a line's chars by where they start; a blank char only sets a word
    break due before the next printed char, which the kept space, ordered among them, sets
    already, and no box is on the page to measure them."""
    lo, hi = _start(m) - _NOISE_X, m.x1 + _NOISE_X
    return not any(lo <= c["x0"] <= hi and (c.get("text") or "").strip() for c in line.chars)


# How near another char may come to spaces pdfium's text page left out (dedupe's 1 pt), and
# how far coordinates may differ between pdfium's float32 and pdfminer's float64.
_NEAR = 1.0
_NOISE_X = 0.01


def _is_rect_curve(obj: Char) -> bool:
    """A filled path whose points all sit on the corners of its bounding box."""
    pts = obj.get("pts") or []
    if len(pts) < 4:
        return False
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    corners = set()
    for x, y in pts:
        cx = 0 if abs(x - x0) <= 0.5 else 1 if abs(x - x1) <= 0.5 else None
        cy = 0 if abs(y - top) <= 0.5 else 1 if abs(y - bottom) <= 0.5 else None
        if cx is None or cy is None:
            return False
        corners.add((cx, cy))
    return len(corners) == 4


def _framed(dark: Char, light: list[Char]) -> bool:
    """A dark rectangle with a light one filling its inside is a frame (a border drawn as two
    filled rectangles, the text on top), not a box that hides anything."""
    x0, top, x1, bottom = (float(dark[k]) for k in ("x0", "top", "x1", "bottom"))
    for obj in light:
        ix0, itop, ix1, ibottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        inset = (ix0 - x0, itop - top, x1 - ix1, bottom - ibottom)
        if all(0 <= d <= THIN for d in inset) and (ix1 - ix0) * (ibottom - itop) > 0.5 * (x1 - x0) * (bottom - top):
            return True
    return False


def _candidate_boxes(page: Any, page_bbox: BBox, page_area: float) -> list[_Box]:
    px0, ptop, px1, pbottom = page_bbox
    found: list[_Box] = []
    objects = list(page.rects) + [c for c in page.curves if _is_rect_curve(c)]
    light = [o for o in objects if o.get("fill") and _is_light(o.get("non_stroking_color"))]
    for obj in objects:
        if not obj.get("fill") or not is_dark(obj.get("non_stroking_color")) or _framed(obj, light):
            continue
        x0, x1 = max(float(obj["x0"]), px0), min(float(obj["x1"]), px1)
        top, bottom = max(float(obj["top"]), ptop), min(float(obj["bottom"]), pbottom)
        w, h = x1 - x0, bottom - top
        if w < THIN or h < THIN or w * h >= PAGE_SHARE * page_area:
            continue
        found.append(_Box(x0, top, x1, bottom, sources=[id(obj)]))
    for x0, top, x1, bottom in _covering_annotations(page):
        # an opaque annotation lies over the page: whatever its colour, the text under it is hidden
        x0, x1, top, bottom = max(x0, px0), min(x1, px1), max(top, ptop), min(bottom, pbottom)
        if x1 - x0 >= THIN and bottom - top >= THIN and (x1 - x0) * (bottom - top) < PAGE_SHARE * page_area:
            found.append(_Box(x0, top, x1, bottom, opaque=True))
    return _merge_boxes(found)


_FILLED_ANNOTS = {"Square", "Circle", "Polygon", "Redact", "FreeText"}


def _covering_annotations(page: Any) -> list[BBox]:
    """Boxes of annotations filled with an opaque interior colour (IC), which viewers draw over
    the page: a white square over a name hides it as well as a black one."""
    out: list[BBox] = []
    for annot in getattr(page, "annots", None) or []:
        data = annot.get("data") or {}
        kind = str(data.get("Subtype", "")).strip("/'")
        opacity = data.get("CA", data.get("ca", 1.0))
        flags = int(data.get("F") or 0)
        hidden = flags & 2 or flags & 32  # Hidden, NoView
        if kind in _FILLED_ANNOTS and data.get("IC") and not hidden and float(opacity or 0) >= 0.9:
            out.append((float(annot["x0"]), float(annot["top"]), float(annot["x1"]), float(annot["bottom"])))
    return out


def _merge_boxes(boxes: list[_Box]) -> list[_Box]:
    """Join boxes drawn twice, nested, or butted together on one line into one rectangle."""
    boxes = sorted(boxes, key=lambda b: (b.top, b.x0))
    merged = True
    while merged:
        merged = False
        out: list[_Box] = []
        for box in boxes:
            for other in out:
                if _same_box(box, other):
                    other.x0, other.top = min(other.x0, box.x0), min(other.top, box.top)
                    other.x1, other.bottom = max(other.x1, box.x1), max(other.bottom, box.bottom)
                    other.sources += box.sources
                    merged = True
                    break
            else:
                out.append(box)
        boxes = out
    return boxes


def _same_box(a: _Box, b: _Box) -> bool:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w > 0 and h > 0 and w * h >= 0.5 * min(a.width * a.height, b.width * b.height):
        return True
    # side by side on one line: the same height and touching (or overlapping) edges
    return w >= -1.0 and h >= 0.8 * min(a.height, b.height) and max(a.height, b.height) <= LINE_MAX


class _CharIndex:
    """Chars sorted by top, so a rectangle only looks at chars in its vertical band."""

    def __init__(self, chars: list[Char]) -> None:
        self.chars = sorted(chars, key=_TOP)
        self.tops = [c["top"] for c in self.chars]
        self.max_h = max((c["bottom"] - c["top"] for c in chars), default=0.0)

    def covered_by(self, rect: BBox) -> list[Char]:
        lo = bisect.bisect_left(self.tops, rect[1] - self.max_h)
        hi = bisect.bisect_right(self.tops, rect[3])
        return [c for c in self.chars[lo:hi] if hides(rect, (c["x0"], c["top"], c["x1"], c["bottom"]))]


def _is_redaction(box: _Box, lines: list[_Line]) -> bool:
    if box.opaque:
        return bool(box.covered)  # a cover over text; an annotation over nothing is a drawing
    if box.covered:
        # White lettering on a dark band (a heading bar, a table header) is meant to be read.
        return not all(_is_light(c.get("non_stroking_color")) for c in box.covered)
    if box.height > LINE_MAX:
        return False
    best = max(lines, key=lambda ln: _overlap(box.top, box.bottom, ln.top, ln.bottom), default=None)
    if best is None or _overlap(box.top, box.bottom, best.top, best.bottom) <= 0:
        return box.height >= LINE_MIN  # alone: it stands for a removed line of text
    # On a text line it must be about as tall as the text: square bullets and thick
    # underlines are shorter.
    return box.height >= 0.6 * (best.bottom - best.top)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


# ---------------------------------------------------------------------------- tables


def _unseen(path: Any) -> bool:
    """A filled path with no outline in white: paint nobody sees. Word processors lay one
    under each paragraph (Google Docs exports a white band per list line); its edges are no
    table's rules, and taken for them they made a bulleted list a table of one column."""
    return bool(path.get("fill")) and not path.get("stroke") and _is_light(path.get("non_stroking_color"), WHITE_MIN)


def _find_tables(page: Any, boxes: list[_Box]) -> list[Any]:
    """Ruled tables, found without the redaction boxes (their edges would split cells) and
    without paint nobody sees (`_unseen`)."""
    box_ids = {i for b in boxes for i in b.sources}
    box_ids.update(id(o) for o in list(page.rects) + list(page.curves) if _unseen(o))
    if isinstance(page, FastPage):
        found = fast_find_tables(page, box_ids)
    else:
        found = _plumber_tables(page, box_ids)
    tables = []
    for table in found:
        rows = table.rows
        width = max((len(r.cells) for r in rows), default=0)
        if len(rows) * width >= 2:  # a single framed cell is a text box, not a table
            tables.append(table)
    return tables


def _plumber_tables(page: Any, box_ids: set[int]) -> list[Any]:
    if not (page.lines or page.rects or page.curves):
        return []  # no edges, no ruled table: skip the table finder's setup
    view = page.filter(lambda obj: id(obj) not in box_ids) if box_ids else page
    return LeanTableFinder(view).tables  # (pdfplumber's `find_tables`, its slow steps made fast)


def _inside(c: Char, bbox: Sequence[float]) -> bool:
    mx, my = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return bbox[0] <= mx <= bbox[2] and bbox[1] <= my <= bbox[3]


def _table_rows(
    table: Any,
    chars: list[Char],
    boxes: list[_Box],
    in_cells: set[int],
    used_boxes: set[int],
    avg_page: float,
) -> list[list[Cell]]:
    """Each row's cells as positioned lines (spans relative to each line); claims the chars
    and boxes it uses."""
    bbox = table.bbox  # pdfplumber works it out from the cells at every access
    # Each char's middle, worked out once per table (as `_inside` works it out): the table,
    # its rows and their cells each ask for it.
    mids = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars]
    bx0, btop, bx1, bbottom = bbox
    tmids = [m for m in mids if bx0 <= m[0] <= bx1 and btop <= m[1] <= bbottom]
    tchars = [m[2] for m in tmids]
    # A box belongs to the table when it sits in it or hides any of its chars.
    tboxes = [
        b for b in boxes
        if _inside({"x0": b.x0, "x1": b.x1, "top": b.top, "bottom": b.bottom}, bbox)
        or any(_inside(c, bbox) for c in b.covered)
    ]
    rows_out: list[list[Cell]] = []
    rows = table.rows
    cell_boxes = [c for r in rows for c in r.cells if c is not None] + [r.bbox for r in rows]
    used_boxes.update(id(b) for b in tboxes)
    # A dark fill of a whole cell or row with nothing under it is shading, not a redaction.
    tboxes = [
        b for b in tboxes
        if b.covered or not any(
            all(abs(x - y) <= CELL_SLACK for x, y in zip(b.rect, cell, strict=True)) for cell in cell_boxes
        )
    ]
    # The table's chars by the height of their middles, so that a row looks only at those in
    # its band (a long table has hundreds of rows); each row keeps them in the page's order.
    middles = sorted((m[1], k) for k, m in enumerate(tmids))
    heights = [m for m, _ in middles]
    ordered = all(map(math.isfinite, heights))  # (NaN sorts nowhere: a crafted file's are scanned)
    for row in rows:
        rx0, rtop, rx1, rbottom = row.bbox
        band = sorted(k for _, k in middles[bisect.bisect_left(heights, rtop):
                                            bisect.bisect_right(heights, rbottom)]) if ordered else range(len(tchars))
        rmids = [m for m in map(tmids.__getitem__, band) if rx0 <= m[0] <= rx1 and rtop <= m[1] <= rbottom]
        cells: list[Cell] = []
        for cell in row.cells:
            if cell is None:
                cells.append(Cell())
                continue
            cx0, ctop, cx1, cbottom = cell
            cchars = [m[2] for m in rmids if cx0 <= m[0] <= cx1 and ctop <= m[1] <= cbottom]
            in_cells.update(id(c) for c in cchars)
            cboxes = _clip_boxes(tboxes, cell, cchars)
            lines = _layout(cchars, cboxes, avg_page)
            cells.append(Cell([CellLine(ln.text.replace("\t", " "), ln.spans, ln.top, ln.bottom) for ln in lines],
                              float(cell[0])))
        rows_out.append(cells)
    return rows_out


def _clip_boxes(boxes: list[_Box], cell: Sequence[float], cchars: list[Char]) -> list[_Box]:
    """The part of each box inside one cell, with the cell's chars it hides."""
    ids = {id(c) for c in cchars}
    out = []
    for box in boxes:
        x0, top = max(box.x0, cell[0]), max(box.top, cell[1])
        x1, bottom = min(box.x1, cell[2]), min(box.bottom, cell[3])
        if x1 - x0 < THIN or bottom - top < THIN:
            continue
        covered = [c for c in box.covered if id(c) in ids]
        if not covered and box.covered:
            continue  # the box hides text elsewhere and only grazes this cell
        if not covered and (x1 - x0) * (bottom - top) < 0.3 * box.width * box.height:
            continue
        out.append(_Box(x0, top, x1, bottom, box.sources, covered, box.bbox or box.rect))
    return out


# ---------------------------------------------------------------------------- lines


_PAGE_NUMBER_LINE = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)


def _is_page_furniture(line: _Rendered, page_top: float, page_height: float) -> bool:
    """A page number in the top or bottom margin ("Page 3 of 7", "24") is not document text."""
    in_margin = line.top - page_top < 0.08 * page_height or line.top - page_top > 0.90 * page_height
    return in_margin and not line.spans and bool(_PAGE_NUMBER_LINE.match(line.text))


def _group_lines(chars: list[Char]) -> list[_Line]:
    """Chars into lines: a char joins the line whose vertical band holds its middle."""
    lines: list[_Line] = []
    # The open line's band and chars in locals (this runs for every cell and every page);
    # a line is made when the next one opens.
    current: list[Char] | None = None
    line_top = line_bottom = 0.0
    for c in sorted(chars, key=_TOP_X0):
        top, bottom = c["top"], c["bottom"]
        mid = (top + bottom) / 2
        if current is not None and line_top <= mid <= line_bottom:
            current.append(c)
            if top < line_top:
                line_top = top
            if bottom > line_bottom:
                line_bottom = bottom
        else:
            if current is not None:
                lines.append(_Line(line_top, line_bottom, current))
            current, line_top, line_bottom = [c], top, bottom
    if current is not None:
        lines.append(_Line(line_top, line_bottom, current))
    for line in lines:
        line.chars.sort(key=_X0)
        _recover_bullet(line.chars)
    return lines


_TOP_X0 = operator.itemgetter("top", "x0")
_TOP = operator.itemgetter("top")
_LINE_TOP = operator.attrgetter("top")
_FIRST_TWO = operator.itemgetter(0, 1)  # (x, kind) of a line's items: the key a lambda made, made in C
_X0 = operator.itemgetter("x0")


def _unmapped(text: str) -> bool:
    """A glyph pdfminer could not turn into a character: "(cid:N)" or a private-use code."""
    return bool(UNMAPPED_GLYPH.fullmatch(text)) or (len(text) == 1 and 0xE000 <= ord(text) <= 0xF8FF)


def _recover_bullet(chars: list[Char]) -> None:
    """An unmapped glyph that opens a line and stands apart from the next word is a list
    bullet (Symbol/Dingbats bullets often come out as "(cid:127)" or U+F0B7)."""
    first = None
    for i, c in enumerate(chars):  # (a plain loop: this runs once per line)
        if (c.get("text") or "").strip():
            first = i
            break
    if first is None or not _unmapped(chars[first].get("text") or ""):
        return
    after = chars[first + 1] if first + 1 < len(chars) else None
    if after is None:
        return
    spaced = not (after.get("text") or "").strip()
    gap = after["x0"] - chars[first]["x1"] > WORD_GAP * chars[first].get("size", 10.0)
    if spaced or gap:
        chars[first] = dict(chars[first], text="\u2022")


def _avg_width(chars: list[Char]) -> float:
    """Average width of the visible glyphs (a fast-path run on a box's line carries its own)."""
    width, count = 0.0, 0
    for c in chars:
        if "visible_width" in c:
            width += c["visible_width"]
            count += c["visible_glyphs"]
        elif (c.get("text") or "").strip():
            width += c["x1"] - c["x0"]
            count += c.get("glyphs", 1)
    return width / count if count else 0.0


def _layout(chars: list[Char], boxes: list[_Box], avg_page: float) -> list[_Rendered]:
    """Lines of ``chars`` top to bottom, each box written as a BLOCK_CHAR run on its lines."""
    lines = _group_lines(chars)
    line_of = {id(c): ln for ln in lines for c in ln.chars} if boxes else {}
    for box in boxes:
        hit = {id(line_of[id(c)]): line_of[id(c)] for c in box.covered if id(c) in line_of}
        if not hit:
            for ln in lines:
                if _overlap(box.top, box.bottom, ln.top, ln.bottom) >= 0.5 * (ln.bottom - ln.top):
                    hit[id(ln)] = ln
        if not hit:
            best = max(lines, key=lambda ln: _overlap(box.top, box.bottom, ln.top, ln.bottom), default=None)
            if best is not None and _overlap(box.top, box.bottom, best.top, best.bottom) > 0:
                hit[id(best)] = best
        if not hit:  # alone on its line: the text it stood for was removed
            alone = _Line(box.top, box.bottom, [])
            lines.append(alone)
            hit[id(alone)] = alone
        for ln in hit.values():
            ln.boxes.append(box)
    lines.sort(key=_LINE_TOP)
    return [_render_line(ln, avg_page) for ln in lines]


def _render_line(line: _Line, avg_page: float) -> _Rendered:
    hidden: dict[int, list[Char]] = {id(b): [] for b in line.boxes}
    hidden_ids: set[int] = set()
    in_line = {id(c) for c in line.chars} if line.boxes else set()
    for box in line.boxes:
        for c in box.covered:
            if id(c) in in_line and id(c) not in hidden_ids:
                hidden[id(box)].append(c)
                hidden_ids.add(id(c))
    avg: float | None = None  # worked out for the first box: most lines have none
    items: list[tuple[float, int, Any]] = [(c["x0"], 0, c) for c in line.chars if id(c) not in hidden_ids]
    for box in line.boxes:
        under = sorted(hidden[id(box)], key=lambda c: c["x0"])
        left = min([box.x0] + [c["x0"] for c in under])
        items.append((left, 1, (box, under)))
    items.sort(key=_FIRST_TWO)

    out: list[str] = []
    spans: list[RedactionSpan] = []
    prev_x1: float | None = None
    pending = False  # a word break is due before the next visible thing
    for _, kind, item in items:
        if kind == 0:
            c = item
            text = c.get("text") or ""
            if not text.strip():
                pending = True
                prev_x1 = max(prev_x1 or c["x1"], c["x1"])
                continue
            if prev_x1 is not None and c["x0"] - prev_x1 > WORD_GAP * c.get("size", 10.0):
                pending = True
            if pending and out:
                out.append(" ")
            pending = False
            out.append(text)
            prev_x1 = c["x1"]
            continue
        box, under = item
        size = under[0].get("size", 10.0) if under else (box.height if box.height < LINE_MAX else 10.0)
        start_x = under[0]["x0"] if under else box.x0
        if under and not (under[0].get("text") or "").strip():
            pending = True
        if prev_x1 is not None and start_x - prev_x1 > WORD_GAP * size:
            pending = True
        if pending and out:
            out.append(" ")
        pending = False
        if avg is None:
            avg = _avg_width(line.chars) or avg_page
        width_chars = box.width / (avg or max(box.height * 0.5, 1.0))
        marker = BLOCK_CHAR * min(MAX_RUN, max(1, round(width_chars)))
        start = sum(len(s) for s in out)
        out.append(marker)
        spans.append(RedactionSpan(
            start=start, end=start + len(marker), style="pdf_box", marker=marker,
            text_beneath=_plain_text(under), bbox=box.bbox or box.rect,
        ))
        if under and not (under[-1].get("text") or "").strip():
            pending = True
        end_x = under[-1]["x1"] if under else box.x1
        prev_x1 = end_x if prev_x1 is None else max(prev_x1, end_x)
    return _Rendered(top=line.top, text="".join(out), spans=spans, bottom=line.bottom)


def _plain_text(chars: list[Char]) -> str | None:
    """Chars of one line (sorted by x) as words separated by single spaces."""
    words: list[str] = []
    prev_x1: float | None = None
    current = ""
    for c in chars:
        text = c.get("text") or ""
        gap = prev_x1 is not None and c["x0"] - prev_x1 > WORD_GAP * c.get("size", 10.0)
        if not text.strip() or gap:
            if current:
                words.append(current)
            current = ""
        current += text.strip()
        prev_x1 = c["x1"]
    if current:
        words.append(current)
    return " ".join(words) or None
