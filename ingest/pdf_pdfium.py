"""The fast PDF source: a page's text layer, char boxes and paths read with pypdfium2 (C++),
shaped like pdfplumber's objects so that `read_pdf`'s one layout code path reads either.

pdfplumber (pdfminer in pure Python) spends ~100-500 ms interpreting a dense page; pdfium
does it in a few ms. Coordinates follow pdfplumber: x rightwards, ``top``/``bottom`` downwards
from the top of the page. A char's box spans its advance horizontally (as pdfminer's does)
and ``size`` points up from the font's descent line (pdfminer's box height is the font size).

`FastPage.from_page` returns None for a page this source does not claim to read like
pdfplumber (rotated or offset page boxes, images, form XObjects, shadings, glyphs without a
Unicode mapping, text not horizontal); the caller reads that page with pdfplumber.

Asking pdfium for every glyph's box costs a few ctypes calls and a dict per glyph, most of a
page's time. With ``runs=True`` the text comes as runs instead (see `_runs`): a run is one
"char" standing for a stretch of glyphs the layout would treat as one piece of one line;
glyphs are read one by one only where their positions matter (under a dark shape, across a
vertical rule, where text overprints text). tests/test_perf_pdf_engine.py holds both ways
equal to pdfplumber's reading.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R

Obj = dict[str, Any]
Rect = tuple[float, float, float, float]  # x0, top, x1, bottom

# Coordinates are rounded like this so that a vertical rule drawn from x to x stays exactly
# vertical after float32 maths (pdfplumber's edge orientation tests for equality).
_ROUND = 3


@dataclass
class FastPage:
    """The parts of a pdfplumber page that `read_pdf` uses, read with pdfium."""

    bbox: tuple[float, float, float, float]
    chars: list[Obj]
    rects: list[Obj]
    curves: list[Obj]
    lines: list[Obj]
    images: list[Obj] = field(default_factory=list)

    @property
    def edges(self) -> list[Obj]:
        return page_edges(self.lines, self.rects, self.curves)

    @classmethod
    def from_page(cls, page: Any, runs: bool = False) -> FastPage | None:
        """``runs``: text that needs no glyph positions comes as runs (see `_runs`)."""
        if page.get_rotation() % 360:
            return fallback("rotated page")
        if _may_cover_text(page):
            return fallback("annotations over the page")  # pdfplumber reads them
        width, height = page.get_size()
        if tuple(page.get_mediabox()) != (0.0, 0.0, width, height) or \
                tuple(page.get_cropbox()) != tuple(page.get_mediabox()):
            return fallback("page box offset or cropped")
        paths = _paths(page, height)
        if paths is None:
            return None  # (_paths said why)
        lines, rects, curves = paths
        dark = [o for o in rects + curves if o["fill"] and _is_darkish(o["non_stroking_color"])]
        if runs:
            is_dark = {id(o) for o in dark}
            edges = _upright_edges(lines, [o for o in rects if id(o) not in is_dark],
                                   [o for o in curves if id(o) not in is_dark])
            dark_edges = _upright_edges([], [o for o in rects if id(o) in is_dark],
                                        [o for o in curves if id(o) in is_dark])
            chars = _runs(page, height, dark, edges, dark_edges)
        else:
            chars = _chars(page, height, with_colour=bool(dark))
        if chars is None:
            return fallback("characters outside the Basic Multilingual Plane")
        return cls((0.0, 0.0, float(width), float(height)), chars, rects, curves, lines)


# Annotations drawn over the page that may hide its text: filled shapes, stamps, free text,
# redaction marks (a highlight or a link shows the text through).
_COVERING_ANNOTS = {getattr(R, f"FPDF_ANNOT_{n}", -1) for n in ("SQUARE", "CIRCLE", "POLYGON", "FREETEXT",
                                                                 "REDACT", "STAMP", "INK")}


def _may_cover_text(page: Any) -> bool:
    count = R.FPDFPage_GetAnnotCount(page.raw)
    for i in range(count):
        annot = R.FPDFPage_GetAnnot(page.raw, i)
        try:
            if R.FPDFAnnot_GetSubtype(annot) in _COVERING_ANNOTS:
                return True
        finally:
            R.FPDFPage_CloseAnnot(annot)
    return False


def _upright_edges(lines: list[Obj], rects: list[Obj], curves: list[Obj]) -> list[Rect]:
    """The boxes of every edge that is not horizontal, as pdfplumber's `page_edges` would cut
    them (a rect's two sides, a line, each segment of a curve)."""
    out: list[Rect] = []
    for r in rects:
        out += [(r["x0"], r["top"], r["x0"], r["bottom"]), (r["x1"], r["top"], r["x1"], r["bottom"])]
    for ln in lines:
        if ln["top"] != ln["bottom"]:
            out.append((ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
    for c in curves:
        for (ax, ay), (bx, by) in zip(c["pts"], c["pts"][1:], strict=False):
            if ay != by or ax == bx:
                out.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    return out


def page_edges(lines: list[Obj], rects: list[Obj], curves: list[Obj]) -> list[Obj]:
    """Edges as pdfplumber's ``Page.edges`` makes them (lines, then rect sides, then curve segments)."""
    from pdfplumber import utils

    out = [utils.line_to_edge(ln) for ln in lines]
    for r in rects:
        out += utils.rect_to_edges(r)
    for c in curves:
        out += utils.curve_to_edges(c)
    return out


class EdgesPage:
    """The page pdfplumber's TableFinder needs: only ``edges`` and ``bbox`` (lines strategy)."""

    def __init__(self, bbox: tuple[float, float, float, float], edges: list[Obj], chars: list[Obj]) -> None:
        self.bbox = bbox
        self.edges = edges
        self.chars = chars


def find_tables(page: FastPage, exclude: set[int]) -> list[Any]:
    """pdfplumber's table finder (default settings) on this page's paths minus ``exclude`` (ids)."""
    from pdfplumber.table import TableFinder, TableSettings

    keep = [o for o in page.lines if id(o) not in exclude], [o for o in page.rects if id(o) not in exclude], \
        [o for o in page.curves if id(o) not in exclude]
    if not any(keep):
        return []
    view = EdgesPage(page.bbox, page_edges(*keep), page.chars)
    return TableFinder(view, TableSettings.resolve(None)).tables  # type: ignore[arg-type]


def _is_darkish(colour: tuple[float, ...]) -> bool:
    return max(colour) <= 0.5


def _colour(r: int, g: int, b: int) -> tuple[float, ...]:
    """pdfium gives RGB 0-255; a gray stays one channel as pdfplumber reports it."""
    if r == g == b:
        return (r / 255.0,)
    return (r / 255.0, g / 255.0, b / 255.0)


def _paths(page: Any, height: float) -> tuple[list[Obj], list[Obj], list[Obj]] | None:
    lines: list[Obj] = []
    rects: list[Obj] = []
    curves: list[Obj] = []
    raw = page.raw
    x, y = ctypes.c_float(), ctypes.c_float()
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    m = R.FS_MATRIX()
    # Bound once: this loop runs per segment of every path (a ruled table has hundreds).
    get_segment, get_point, get_type, get_close = (R.FPDFPath_GetPathSegment, R.FPDFPathSegment_GetPoint,
                                                   R.FPDFPathSegment_GetType, R.FPDFPathSegment_GetClose)
    move_to, bezier_to = R.FPDF_SEGMENT_MOVETO, R.FPDF_SEGMENT_BEZIERTO
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    for i in range(R.FPDFPage_CountObjects(raw)):
        obj = R.FPDFPage_GetObject(raw, i)
        kind = R.FPDFPageObj_GetType(obj)
        if kind == R.FPDF_PAGEOBJ_TEXT:
            continue
        if kind != R.FPDF_PAGEOBJ_PATH:
            # images (scans), forms, shadings: pdfplumber reads this page
            return fallback({R.FPDF_PAGEOBJ_IMAGE: "image on the page", R.FPDF_PAGEOBJ_FORM: "form XObject",
                             R.FPDF_PAGEOBJ_SHADING: "shading"}.get(kind, "other page object"))
        R.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke))
        if not fillmode.value and not stroke.value:
            continue  # a clipping or invisible path draws nothing
        R.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        pts: list[tuple[float, float]] = []
        moves = 0
        curved = False
        closed = False
        ma, mb, mc, md, me, mf = m.a, m.b, m.c, m.d, m.e, m.f
        for s in range(R.FPDFPath_CountSegments(obj)):
            seg = get_segment(obj, s)
            get_point(seg, x_ref, y_ref)
            st = get_type(seg)
            moves += st == move_to
            curved |= st == bezier_to
            closed |= bool(get_close(seg))
            vx, vy = x.value, y.value
            pts.append((round(ma * vx + mc * vy + me, _ROUND), round(height - (mb * vx + md * vy + mf), _ROUND)))
        if not pts:
            continue
        if moves > 1:
            return fallback("path of several subpaths")  # pdfminer splits them its own way
        fill_colour: tuple[float, ...] = (0.0,)
        if fillmode.value:
            R.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
            fill_colour = _colour(r.value, g.value, b.value)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        o: Obj = {
            "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "y0": height - bottom, "y1": height - top,
            "width": x1 - x0, "height": bottom - top, "pts": pts,
            "fill": bool(fillmode.value), "stroke": bool(stroke.value),
            "non_stroking_color": fill_colour,
        }
        if len(pts) == 2 and not curved:
            o["object_type"] = "line"
            lines.append(o)
        elif not curved and _is_axis_rect(pts, closed):
            o["object_type"] = "rect"
            rects.append(o)
        else:
            o["object_type"] = "curve"
            curves.append(o)
    return lines, rects, curves


def _is_axis_rect(pts: list[tuple[float, float]], closed: bool) -> bool:
    """pdfminer's test: four corners (a fifth back at the start), each side horizontal or vertical."""
    if len(pts) == 5 and pts[4] == pts[0]:
        pts = pts[:4]
    elif len(pts) != 4 or not closed:
        return False
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = pts
    return (ax == bx and by == cy and cx == dx and dy == ay) or (ay == by and bx == cx and cy == dy and dx == ax)


# Why pages left the fast path in this process, by reason (read by scripts/pdf_fallbacks.py
# and the benchmark; one count per page that fell back).
FALLBACKS: Counter[str] = Counter()


def fallback(reason: str) -> None:
    """Count a page that pdfplumber must read, and say so to the caller (None)."""
    FALLBACKS[reason] += 1
    return None


class _Fallback(Exception):
    """This page is not read like pdfplumber here: the caller reads it with pdfplumber."""


class _CharReader:
    """One glyph of a text page as a pdfplumber-shaped char (the ctypes buffers made once)."""

    def __init__(self, tp: Any, text: str, height: float, with_colour: bool) -> None:
        self.tp, self.text, self.height, self.with_colour = tp, text, height, with_colour
        self.box = R.FS_RECTF()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.name_buf, self.flags = ctypes.create_string_buffer(128), ctypes.c_int()
        self.ox, self.oy = ctypes.c_double(), ctypes.c_double()
        self.mapped: dict[int, set[str]] = {}  # font handle -> characters known to be mapped
        self.shapes: list[Rect] | None = None  # dark shapes, where known: colour is read under them only

    def check(self, i: int, ch: str) -> None:
        """Raise _Fallback for a glyph whose text pdfplumber gives otherwise."""
        code = ord(ch)
        if code in (0, 0xFFFE, 0xFFFF, 0xFFFD) or R.FPDFText_HasUnicodeMapError(self.tp, i) == 1:
            raise _Fallback("glyph without a Unicode mapping")  # pdfminer writes these as "(cid:N)": the slow path keeps that behaviour
        if code >= 0x80 and _symbolic(self.tp, i, self.name_buf, self.flags) and not (
            b"Dingbats" in self.name_buf.value and ch in _DINGBAT_CHARS
        ):
            # A symbolic font without its own Unicode map (ZapfDingbats' black square, Symbol's
            # bullet): pdfium decodes its built-in encoding, pdfminer gives the raw code
            # ("n" for the square). pdfplumber, the reader of record, reads this page.
            raise _Fallback("symbolic font without a Unicode map")

    def _under_shape(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """Whether a dark shape overlaps this glyph (only a glyph it may hide needs a colour:
        white lettering on a dark band is a heading, not a redaction)."""
        if self.shapes is None:
            return True
        return any(d0 <= x1 and x0 <= d1 and dtop <= bottom and top <= dbottom for d0, dtop, d1, dbottom in self.shapes)

    def check_mapped(self, s: int, text: str) -> None:
        """Raise _Fallback when a glyph of the run at ``s`` has no Unicode mapping. A font maps
        a code the same way wherever it is used, so each character is asked about once per font
        (a page's body text is a few fonts over and over)."""
        font = _font_of(self.tp, s)
        seen = self.mapped.setdefault(font, set()) if font else set()
        for ch in set(text) - seen:
            if R.FPDFText_HasUnicodeMapError(self.tp, s + text.index(ch)) == 1:
                raise _Fallback("glyph without a Unicode mapping")
            seen.add(ch)
        if not font and 1 in map(R.FPDFText_HasUnicodeMapError, repeat(self.tp, len(text)), range(s, s + len(text))):
            raise _Fallback("glyph without a Unicode mapping")

    def origin_and_box(self, i: int) -> tuple[float, Any]:
        # x0 is the glyph origin (where pdfminer starts the box); the loose box's left edge
        # is the glyph outline for some glyphs ("/" starts 0.16 pt early).
        R.FPDFText_GetLooseCharBox(self.tp, i, self.box)
        R.FPDFText_GetCharOrigin(self.tp, i, self.ox, self.oy)
        return self.ox.value, self.box

    def char(self, i: int) -> Obj | None:
        ch = self.text[i]
        if ch in "\r\n\x02":
            return None
        self.check(i, ch)
        ox, box = self.origin_and_box(i)
        size = R.FPDFText_GetFontSize(self.tp, i)
        if box.top - box.bottom <= 0 and ch.strip():
            raise _Fallback("rotated or degenerate glyph")  # rotated or degenerate glyph: leave it to pdfminer
        if ch.strip() and size < _SIZE_SHARE * (box.top - box.bottom):
            raise _Fallback("text scaled by its matrix")  # pdfminer works its true size out
        bottom = self.height - box.bottom
        colour = _BLACK
        if self.with_colour and self._under_shape(ox, bottom - size, box.right, bottom):
            r, g, b, a = self.rgba
            R.FPDFText_GetFillColor(self.tp, i, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
            colour = _colour(r.value, g.value, b.value)
        return {
            "text": ch, "x0": round(ox, _ROUND), "x1": round(max(box.right, ox), _ROUND),
            "top": bottom - size, "bottom": bottom,
            "size": size, "fontname": "", "non_stroking_color": colour, "upright": True,
        }


_BLACK: tuple[float, ...] = (0.0,)
# pdfium reports the font size of the text operator, not scaled by the text matrix; a glyph
# whose loose box is over twice that size was scaled (e.g. "1 Tf" with a 12-point matrix).
_SIZE_SHARE = 0.5



# Older pdfium builds lack it; then map errors are asked glyph by glyph.
_GET_TEXT_OBJECT = getattr(R, "FPDFText_GetTextObject", None)


def _font_of(tp: Any, i: int) -> int:
    """The address of glyph ``i``'s font (0 where this pdfium cannot tell)."""
    if _GET_TEXT_OBJECT is None:
        return 0
    obj = _GET_TEXT_OBJECT(tp, i)
    font = R.FPDFTextObj_GetFont(obj) if obj else None
    return ctypes.cast(font, ctypes.c_void_p).value or 0 if font else 0


def _page_text(tp: Any) -> str | None:
    n = R.FPDFText_CountChars(tp)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = R.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    return text if len(text) == n else None  # chars outside the BMP: positions would not line up


@contextlib.contextmanager
def _text_page(page: Any) -> Iterator[tuple[Any, str | None]]:
    """The page's pdfium text page and its text (None: glyph positions would not line up)."""
    text_page = page.get_textpage()
    try:
        yield text_page.raw, _page_text(text_page.raw)
    finally:
        text_page.close()


def _chars(page: Any, height: float, with_colour: bool) -> list[Obj] | None:
    """Every glyph of the page as its own char."""
    with _text_page(page) as (tp, text):
        return None if text is None else _glyphs(tp, text, height, with_colour)


def _glyphs(tp: Any, text: str, height: float, with_colour: bool) -> list[Obj] | None:
    try:
        reader = _CharReader(tp, text, height, with_colour)
        generated = R.FPDFText_IsGenerated
        out: list[Obj] = []
        for i in range(len(text)):
            if generated(tp, i) == 1:
                continue  # a space or line break pdfium inferred, not a glyph on the page
            c = reader.char(i)
            if c is not None:
                out.append(c)
        return out
    except _Fallback:
        return None


# The table finder snaps and joins rules and cell borders within 3 pt; a run of text this close
# to a vertical one may be split between cells, so it is read glyph by glyph. Across the rule
# (x) a border moves by at most half the snap tolerance when two are merged; along it (y) a
# join may extend it by the whole tolerance.
_EDGE_SLACK_X, _EDGE_SLACK_Y = 1.5, 3.5
_SPACES = frozenset(" \t\xa0")
_SPACE = re.compile(" ")
_BREAK = re.compile("[\r\n\x02]")


def _runs(page: Any, height: float, dark: list[Obj], edges: list[Rect], dark_edges: list[Rect]) -> list[Obj] | None:
    """The page's text as runs where nothing needs glyph positions, glyphs elsewhere.

    A run is the text pdfium read from one text object between two breaks it inferred (a line
    end or a word gap with no space glyph): within it pdfplumber's layout would put the glyphs
    on one line with no gap it reads as a word break, so the run stands for them as one
    "char" whose box spans theirs. Glyph by glyph, as `_chars` reads them: text under a dark
    shape (a box may hide some of it), text across or near a vertical rule or border (a table
    cell boundary may split it), text that overlaps other text, and the spaces at a run's
    ends (they open word breaks the layout tracks). A run on a dark shape's line carries its
    visible glyphs' widths (the box's length in characters is measured in them).
    """
    with _text_page(page) as (tp, text):
        return None if text is None else _runs_of(tp, text, height, dark, edges, dark_edges)


def _runs_of(tp: Any, text: str, height: float, dark: list[Obj], edges: list[Rect],
             dark_edges: list[Rect]) -> list[Obj] | None:
    reader = _CharReader(tp, text, height, with_colour=bool(dark))
    generated = R.FPDFText_IsGenerated
    shapes = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in dark]
    reader.shapes = shapes
    # All of a run's glyphs share one top and bottom, so a horizontal rule never parts
    # them: only the other edges can.
    zones = [(x0 - _EDGE_SLACK_X, top - _EDGE_SLACK_Y, x1 + _EDGE_SLACK_X, bottom + _EDGE_SLACK_Y)
             for x0, top, x1, bottom in edges]
    # A dark shape's sides part only text beside them: a redaction box is left out of the
    # table finder, and a dark band or shaded cell that is not one lines up with the rules
    # of its table (zones of their own) rather than reaching past its own height.
    zones += [(x0 - _EDGE_SLACK_X, top, x1 + _EDGE_SLACK_X, bottom) for x0, top, x1, bottom in dark_edges]
    out: list[Obj] = []
    # Segments end where pdfium inferred a space or a line break (only whitespace can be one).
    # A line break or U+0002 is never text (`char` drops them), so each ends a segment
    # whether pdfium inferred it or not; only a space needs asking.
    spaces = [m.start() for m in _SPACE.finditer(text)]
    ends = sorted([m.start() for m in _BREAK.finditer(text)]
                  + list(compress(spaces, [g == 1 for g in map(generated, repeat(tp, len(spaces)), spaces)])))
    start = 0
    for end in [*ends, len(text)]:
        if start < end:
            for s, e in _object_pieces(tp, start, end):
                _add_piece(out, tp, reader, s, e, shapes, zones)
        start = end + 1
    return _explode_overlaps(out, reader)


def _object_pieces(tp: Any, s: int, e: int) -> list[tuple[int, int]]:
    """Glyphs s..e-1 split where one text object ends and the next begins (pdfium gives one
    rectangle per text object)."""
    count_rects = R.FPDFText_CountRects
    pieces: list[tuple[int, int]] = []
    while s < e and count_rects(tp, s, e - s) > 1:
        lo, hi = s + 1, e - 1  # the longest prefix s..m-1 that is one object: lo <= m <= hi
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count_rects(tp, s, mid - s) <= 1:
                lo = mid
            else:
                hi = mid - 1
        pieces.append((s, lo))
        s = lo
    if s < e:
        pieces.append((s, e))
    return pieces


def _add_piece(out: list[Obj], tp: Any, reader: _CharReader, s: int, e: int,
               shapes: list[Rect], zones: list[Rect]) -> None:
    """One text object's glyphs s..e-1: a run, or glyph by glyph (the spaces at its ends are
    always glyphs of their own: they open word breaks the layout tracks)."""
    while s < e and reader.text[s] in _SPACES:
        _append(out, reader.char(s))
        s += 1
    tail = e
    while tail > s and reader.text[tail - 1] in _SPACES:
        tail -= 1
    if s < tail:
        run = _run(tp, reader, s, tail, shapes, zones)
        if run is None:
            for j in range(s, tail):
                _append(out, reader.char(j))
        else:
            out.append(run)
    for j in range(tail, e):
        _append(out, reader.char(j))


def _explode_overlaps(items: list[Obj], reader: _CharReader) -> list[Obj]:
    """Runs that overlap other text on their line, read glyph by glyph: pdfplumber's layout
    orders overprinted or overflowing text glyph by glyph (by x), not run by run."""
    runs = [c for c in items if "glyphs" in c]
    if not runs:
        return items
    by_top = sorted(items, key=lambda c: c["top"])
    tops = [c["top"] for c in by_top]
    tallest = max(c["bottom"] - c["top"] for c in items)
    overlapping: set[int] = set()
    for run in runs:
        lo = bisect.bisect_left(tops, run["top"] - tallest)
        hi = bisect.bisect_right(tops, run["bottom"])
        for other in by_top[lo:hi]:
            if other is run or other["bottom"] <= run["top"] or other["top"] >= run["bottom"]:
                continue
            if other["x0"] < run["x1"] - _TOUCH and run["x0"] < other["x1"] - _TOUCH:
                overlapping.add(id(run))
                if "glyphs" in other:
                    overlapping.add(id(other))
    if not overlapping:
        return items
    out: list[Obj] = []
    for c in items:
        if id(c) in overlapping:
            s, e = c.pop("span")
            for j in range(s, e):
                _append(out, reader.char(j))
        else:
            out.append(c)
    return out


_TOUCH = 0.5  # runs side by side may share this much of an edge (rounding, loose glyph boxes)


def _append(out: list[Obj], c: Obj | None) -> None:
    if c is not None:
        out.append(c)


def _run(tp: Any, reader: _CharReader, s: int, e: int, shapes: list[Rect], zones: list[Rect]) -> Obj | None:
    """Glyphs s..e-1 as one run, or None when they must be read one by one.

    A run under a dark shape is read glyph by glyph (the shape may hide some of it); a run
    on a dark shape's line carries its visible glyphs' widths (the shape's length in
    characters is measured in them)."""
    text = reader.text[s:e]
    if not text.isascii() or "\r" in text or "\n" in text or "\x02" in text:
        if any(ch in "\r\n\x02" or 0xE000 <= ord(ch) <= 0xF8FF for ch in text):
            return None  # line-break glyphs, private-use bullets: the glyph path reads these
        for k, ch in enumerate(text):
            reader.check(s + k, ch)
    else:
        reader.check_mapped(s, text)
    if e - s > 1 and R.FPDFText_CountRects(tp, s, e - s) != 1:
        return None  # more than one text object (or a glyph of no size)
    x0, first = reader.origin_and_box(s)
    first_bottom, size = first.bottom, R.FPDFText_GetFontSize(tp, s)
    if first.top - first.bottom <= 0:
        return None
    x_last, last = reader.origin_and_box(e - 1)
    if last.bottom != first_bottom or R.FPDFText_GetFontSize(tp, e - 1) != size or last.top - last.bottom <= 0:
        return None
    if size < _SIZE_SHARE * (first.top - first.bottom):
        # the text matrix scales the font: its size is not what pdfium reports. Computing it
        # from the object's matrix reads glyphs alike, but paragraph gaps differed from
        # pdfplumber on 11 of 85 real pages (spaces), so such pages stay with pdfplumber.
        raise _Fallback("text scaled by its matrix")
    bottom = reader.height - first_bottom
    top = bottom - size
    x1 = max(last.right, x_last)
    for z0, ztop, z1, zbottom in zones:
        if z0 <= x1 and x0 <= z1 and ztop <= bottom and top <= zbottom:
            return None
    on_line = False
    for d0, dtop, d1, dbottom in shapes:
        if dtop <= bottom and top <= dbottom:
            if d0 <= x1 and x0 <= d1:
                return None
            on_line = True
        elif dtop - _LINE_SLACK <= bottom and top <= dbottom + _LINE_SLACK:
            on_line = True
    run: Obj = {
        "text": " ".join(text.split()), "x0": round(x0, _ROUND), "x1": round(x1, _ROUND),
        "top": top, "bottom": bottom, "size": size, "fontname": "", "non_stroking_color": _BLACK,
        "upright": True, "glyphs": e - s, "span": (s, e),
    }
    if on_line:
        widths = _visible_widths(reader, s, text)
        if widths is None:
            return None
        run["visible_width"], run["visible_glyphs"] = widths
    return run


# A run this close above or below a dark shape may still share its line in the layout.
_LINE_SLACK = 2.0


def _visible_widths(reader: _CharReader, s: int, text: str) -> tuple[float, int] | None:
    """The summed width and the number of the run's visible glyphs, each width as `char`
    gives it; None for a degenerate glyph (the glyph path decides what to do with it)."""
    total, count = 0.0, 0
    for k, ch in enumerate(text):
        if ch.isspace():
            continue
        ox, box = reader.origin_and_box(s + k)
        if box.top - box.bottom <= 0:
            return None
        total += round(max(box.right, ox), _ROUND) - round(ox, _ROUND)
        count += 1
    return total, count


_SYMBOLIC = 4  # the PDF font-descriptor flag
# ZapfDingbats glyphs both paths decode alike (the plumber path maps pdfminer's raw codes).
_DINGBAT_CHARS = frozenset("\u25a0\u274f\u2750\u2751\u2752\u25cf\u25c6\u25b2\u25bc\u2605\u2714\u2718")


def _symbolic(tp: Any, i: int, name_buf: Any, flags: Any) -> bool:
    R.FPDFText_GetFontInfo(tp, i, name_buf, len(name_buf), ctypes.byref(flags))
    return bool(flags.value & _SYMBOLIC)


def open_document(path: str) -> Any:
    return pdfium.PdfDocument(path, password="")
