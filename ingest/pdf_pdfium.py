"""The fast PDF source: a page's text layer, char boxes and paths read with pypdfium2 (C++),
shaped like pdfplumber's objects so that `read_pdf`'s one layout code path reads either.

pdfplumber (pdfminer in pure Python) spends ~100-500 ms interpreting a dense page; pdfium
does it in a few ms. Coordinates follow pdfplumber: x as the PDF has it, ``top``/``bottom``
downwards from the MediaBox's height (whatever the box's origin; the CropBox moves nothing).
A char's box spans its advance horizontally (as pdfminer's does) and ``size`` (the font size
times the text matrix's vertical scale) points up from the font's descent as pdfminer knows it.
Form XObjects are read through, their matrices composed.

`FastPage.from_page` returns None for a page this source does not claim to read like
pdfplumber (rotated pages, shadings, glyphs without a Unicode mapping, text not upright,
invisible text, text pdfium's text page merges or drops where it would matter); the caller
reads that page with pdfplumber. pdfium's text page leaves out some text objects pdfplumber
reads (a lone space, a copy printed over its original), and cannot say a few things about a
font (which descent pdfminer takes, what a symbolic font's codes are): `FontFacts` carries
pdfminer's answer, asked for only when needed.

Asking pdfium for every glyph's box costs a few ctypes calls and a dict per glyph, most of a
page's time. With ``runs=True`` the text comes as runs instead (see `_runs`): a run is one
"char" standing for a stretch of glyphs the layout would treat as one piece of one line;
glyphs are read one by one only where their positions matter (under a dark shape, across a
vertical rule, where text overprints text). tests/test_perf_pdf_engine.py and
tests/test_pdf_fast_shapes.py hold both ways equal to pdfplumber's reading.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import functools
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R

Obj = dict[str, Any]
Rect = tuple[float, float, float, float]  # x0, top, x1, bottom

# Coordinates are rounded like this so that a vertical rule drawn from x to x stays exactly
# vertical after float32 maths (pdfplumber's edge orientation tests for equality).
_ROUND = 3


class _Rounded(dict[float, float]):
    """round(x, digits) of the floats asked about, remembered: a correctly rounded decimal
    costs most of a microsecond, and the same values recur (a rule's x at every segment of a
    ruled page, one size for every text object of a line). Only a nonzero float is kept
    (0.0 and -0.0 are one key but round apart; an int and its float are one key but round to
    different types); the memory is emptied when it grows large."""

    _MAX = 1 << 14  # (a few thousand coordinates a page: the memory stays under a megabyte or two)

    def __init__(self, digits: int) -> None:
        super().__init__()
        self.digits = digits

    def __call__(self, x: float) -> float:
        if type(x) is float and x:
            r = self.get(x)
            if r is None:
                if len(self) >= self._MAX:
                    self.clear()
                r = self[x] = round(x, self.digits)
            return r
        return round(x, self.digits)


@dataclass
class FastPage:
    """The parts of a pdfplumber page that `read_pdf` uses, read with pdfium."""

    bbox: tuple[float, float, float, float]
    chars: list[Obj]
    rects: list[Obj]
    curves: list[Obj]
    lines: list[Obj]
    images: list[Obj] = field(default_factory=list)
    merged: list[MergedSpaces] = field(default_factory=list)  # for `read_pdf` to judge
    # The table finder's tolerance `find_tables` uses (None: its default, ties checked);
    # `read_pdf` sets each of `TOLERANCES` when a page's rules lie the tolerance apart.
    tolerance: float | None = None

    @property
    def edges(self) -> list[Obj]:
        return page_edges(self.lines, self.rects, self.curves)

    @classmethod
    def from_page(cls, page: Any, runs: bool = False, fonts: FontsOf | None = None) -> FastPage | None:
        """``runs``: text that needs no glyph positions comes as runs (see `_runs`); ``fonts``
        gives what pdfminer knows of the page's fonts, asked only where pdfium cannot tell
        (see `FontFacts`)."""
        facts = _Facts(fonts)
        if page.get_rotation() % 360:
            return fallback("rotated page")
        if _may_cover_text(page):
            return fallback("annotations over the page")  # pdfplumber reads them
        # pdfplumber's coordinates: x as in the PDF, top = (MediaBox height) - y, and the page
        # box is the MediaBox moved by that (the CropBox does not move or clip anything).
        x0, y0, x1, y1 = (round(v, _BOX_ROUND) for v in page.get_mediabox())
        x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        height = y1 - y0
        found = _PageObjects(height, y0, facts).read(page)
        if found is None:
            return None  # (_PageObjects said why)
        lines, rects, curves = found.lines, found.rects, found.curves
        dark = [o for o in rects + curves if o["fill"] and _is_darkish(o["non_stroking_color"])]
        is_dark = {id(o) for o in dark}
        edges = _upright_edges(lines, [o for o in rects if id(o) not in is_dark],
                               [o for o in curves if id(o) not in is_dark])
        dark_edges = _upright_edges([], [o for o in rects if id(o) in is_dark],
                                    [o for o in curves if id(o) in is_dark])
        if runs:
            chars = _runs(page, height, dark, edges, dark_edges, found, facts)
        else:
            shapes = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in dark]
            chars = _chars(page, height, bool(dark), found, facts, _zones(edges, []), shapes)
        if chars is None:
            return fallback("characters outside the Basic Multilingual Plane")
        return cls((x0, 0.0 - y0, x1, height - y0), chars, rects, curves, lines, found.images, found.merged)


@dataclass(frozen=True)
class MergedSpaces:
    """Spaces pdfium's text page left out after the last space it kept of a text object that
    holds nothing but spaces, where they cross a table's rule: pdfplumber reads them, each
    ``advance`` wide, with origins from ``x0`` (the kept space's, a char of the page) to
    ``x1`` on the kept space's line (``top`` to ``bottom``, as its char has them). Where they
    fall in the layout is known only there: `read_pdf` decides whether they would change the
    reading (then pdfplumber reads the page). ``left``: their text object's left end; a TJ
    array may place one back before ``x0``, never before that (a space has no ink: the
    object's box reaches every origin, as ``x1`` does)."""

    x0: float
    x1: float
    top: float
    bottom: float
    advance: float
    left: float


# pdfium gives page boxes as float32 (7.83 comes back as 7.82998...): rounded to what most PDFs
# write (an odd box of more decimals stays within 5e-5 of pdfminer's, as unrounded).
_BOX_ROUND = 4


# Annotations drawn over the page that may hide its text: the kinds `read_pdf` reads as a box
# when filled with an interior colour (its _FILLED_ANNOTS: shapes, free text, redaction marks).
# Any other (a stamp, ink, a highlight, a link) is no part of pdfplumber's reading either.
_COVERING_ANNOTS = {getattr(R, f"FPDF_ANNOT_{n}", -1) for n in ("SQUARE", "CIRCLE", "POLYGON", "FREETEXT",
                                                                 "REDACT")}


def _may_cover_text(page: Any) -> bool:
    """Whether an annotation may hide text as `read_pdf._covering_annotations` reads it (then
    pdfplumber, which reads annotations, reads the page): one of its kinds with an interior
    colour (/IC) at all. Without one (a typewriter's text box, an outlined square) it hides
    nothing in either reading, so its rectangle, flags and opacity need not be read alike."""
    count = R.FPDFPage_GetAnnotCount(page.raw)
    for i in range(count):
        annot = R.FPDFPage_GetAnnot(page.raw, i)
        try:
            if R.FPDFAnnot_GetSubtype(annot) in _COVERING_ANNOTS and R.FPDFAnnot_HasKey(annot, b"IC"):
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


# pdfplumber's table finder snaps, joins and intersects rules within 3 pt (its defaults, which
# `find_tables` uses) and drops edges shorter than 3 pt.
_TABLE_TOLERANCE = 3.0
# pdfminer's coordinates carry float noise of its own (29.00000064 where the PDF says 29) and
# ours are rounded to 0.001 from pdfium's float32: two rules this near the tolerance apart may
# fall on either side of it.
_TIE = 0.002


def _at_tolerance(edges: list[Obj]) -> bool:
    """Whether any comparison the table finder makes with its tolerance is a near tie."""
    if not edges:
        return False
    h = [e for e in edges if e["orientation"] == "h"]
    v = [e for e in edges if e["orientation"] == "v"]
    lengths = [e["x1"] - e["x0"] for e in h] + [e["bottom"] - e["top"] for e in v]
    if any(abs(n - _TABLE_TOLERANCE) <= _TIE for n in lengths):
        return True
    checks = [
        ([e["top"] for e in h], [e["top"] for e in h]),  # snapping rules to one line
        ([e["x0"] for e in v], [e["x0"] for e in v]),
        ([e["x0"] for e in h], [e["x1"] for e in h]),  # joining the pieces of a rule (any two)
        ([e["top"] for e in v], [e["bottom"] for e in v]),
        # intersections: v.x0 >= h.x0 - t, v.x0 <= h.x1 + t, v.top <= h.top + t, v.bottom >= h.top - t
        ([e["x0"] for e in h], [e["x0"] for e in v]),
        ([e["x0"] for e in v], [e["x1"] for e in h]),
        ([e["top"] for e in h], [e["top"] for e in v]),
        ([e["bottom"] for e in v], [e["top"] for e in h]),
    ]
    return any(_differ_by_tolerance(a, b) for a, b in checks)


def _differ_by_tolerance(a: list[float], b: list[float]) -> bool:
    """Whether some a[i] - b[j] lies within _TIE of the tolerance."""
    if not a or not b:
        return False
    shifted = sorted(x + _TABLE_TOLERANCE for x in b)
    for x in a:
        k = bisect.bisect_left(shifted, x - _TIE)
        if k < len(shifted) and shifted[k] <= x + _TIE:
            return True
    return False


def page_edges(lines: list[Obj], rects: list[Obj], curves: list[Obj]) -> list[Obj]:
    """Edges as pdfplumber's ``Page.edges`` makes them (lines, then rect sides, then curve segments)."""
    from pdfplumber import utils

    out = [utils.line_to_edge(ln) for ln in lines]
    for r in rects:
        out += utils.rect_to_edges(r)
    for c in curves:
        out += utils.curve_to_edges(c)
    return out


def slim_edges(lines: list[Obj], rects: list[Obj], curves: list[Obj]) -> list[Obj]:
    """`page_edges` with only the keys `pdf_tables.LeanTableFinder` reads (x0, x1, top, bottom,
    width, height, orientation), each value as pdfplumber's `line_to_edge`, `rect_to_edges`
    and `curve_to_edges` give it: the same edges in the same order, without a copy of every
    key of their path per edge (a ruled page has hundreds)."""
    out: list[Obj] = [{"x0": ln["x0"], "x1": ln["x1"], "top": ln["top"], "bottom": ln["bottom"],
                       "width": ln["width"], "height": ln["height"],
                       "orientation": "h" if ln["top"] == ln["bottom"] else "v"} for ln in lines]
    for r in rects:
        x0, x1, top, bottom, width, height = r["x0"], r["x1"], r["top"], r["bottom"], r["width"], r["height"]
        out += [  # (top, bottom, left and right sides, as `rect_to_edges` updates the rect's values)
            {"x0": x0, "x1": x1, "top": top, "bottom": top, "width": width, "height": 0, "orientation": "h"},
            {"x0": x0, "x1": x1, "top": top + height, "bottom": bottom, "width": width, "height": 0,
             "orientation": "h"},
            {"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0, "height": height, "orientation": "v"},
            {"x0": x1, "x1": x1, "top": top, "bottom": bottom, "width": 0, "height": height, "orientation": "v"},
        ]
    for c in curves:
        pts = c["pts"]
        out += [{"x0": min(p0[0], p1[0]), "x1": max(p0[0], p1[0]), "top": min(p0[1], p1[1]),
                 "bottom": max(p0[1], p1[1]), "width": abs(p0[0] - p1[0]), "height": abs(p0[1] - p1[1]),
                 "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)}
                for p0, p1 in zip(pts, pts[1:], strict=False)]
    return out


class EdgesPage:
    """The page pdfplumber's TableFinder needs: only ``edges`` and ``bbox`` (lines strategy).
    ``full``, where given: pdfplumber's own edges (``edges`` are then `slim_edges`), for the
    finder's steps that are pdfplumber's (`pdf_tables.LeanTableFinder.get_edges`)."""

    def __init__(self, bbox: tuple[float, float, float, float], edges: list[Obj], chars: list[Obj],
                 full: Callable[[], list[Obj]] | None = None) -> None:
        self.bbox = bbox
        self.edges = edges
        self.chars = chars
        self.full_edges = full


# The table finder's tolerance, then those either side of it that float noise may stand for
# (see `_TIE`).
TOLERANCES = (_TABLE_TOLERANCE, _TABLE_TOLERANCE - 2 * _TIE, _TABLE_TOLERANCE + 2 * _TIE)


def find_tables(page: FastPage, exclude: set[int]) -> list[Any]:
    """pdfplumber's table finder (default settings, or ``page.tolerance``) on this page's paths
    minus ``exclude`` (ids)."""
    from ingest.pdf_tables import LeanTableFinder as TableFinder

    keep = [o for o in page.lines if id(o) not in exclude], [o for o in page.rects if id(o) not in exclude], \
        [o for o in page.curves if id(o) not in exclude]
    if not any(keep):
        return []
    view = EdgesPage(page.bbox, slim_edges(*keep), page.chars, full=lambda: page_edges(*keep))
    tables = TableFinder(view, _table_settings(page.tolerance)).tables  # type: ignore[arg-type]
    if page.tolerance is None and _at_tolerance(view.edges):
        # Rules the tolerance apart: the tables must not turn on which side of it they fall.
        for tolerance in TOLERANCES[1:]:
            if [t.cells for t in TableFinder(view, _table_settings(tolerance)).tables] \
                    != [t.cells for t in tables]:  # type: ignore[arg-type]
                raise TablesAtTolerance("rules the table finder's tolerance apart")
    return tables


def _table_settings(tolerance: float | None) -> Any:
    """pdfplumber's default table settings, with every tolerance ``tolerance`` where given."""
    from pdfplumber.table import TableSettings

    if tolerance is None:
        return TableSettings.resolve(None)
    return TableSettings.resolve({"snap_tolerance": tolerance, "join_tolerance": tolerance,
                                  "intersection_tolerance": tolerance, "edge_min_length": tolerance})


def _is_darkish(colour: tuple[float, ...]) -> bool:
    return max(colour) <= 0.5


def _colour(r: int, g: int, b: int) -> tuple[float, ...]:
    """pdfium gives RGB 0-255; a gray stays one channel as pdfplumber reports it."""
    if r == g == b:
        return (r / 255.0,)
    return (r / 255.0, g / 255.0, b / 255.0)


Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f as in the PDF
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _then(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (a point goes through m first), as PDF matrices compose."""
    a, b, c, d, e, f = m
    na, nb, nc, nd, ne, nf = n
    return (a * na + b * nc, a * nb + b * nd, c * na + d * nc, c * nb + d * nd,
            e * na + f * nc + ne, e * nb + f * nd + nf)


class _PageObjects:
    """The page's paths as pdfplumber's lines, rects and curves, and the blank text objects
    pdfium's text page leaves out; form XObjects are read through (pdfminer draws a form's
    contents with its matrix, pdfium keeps them as the form's children). Page objects are
    handled as addresses, through `_plain_call` prototypes (a ruled page has hundreds of
    paths: the bindings' pointer types and ``byref`` cost a few times the calls)."""

    # A text object pdfium's text page drops as a duplicate (fake bold) is read as twin glyphs
    # by pdfplumber; `read_pdf._dedupe` drops a twin within this distance.
    _TWIN = 1.0

    def __init__(self, height: float, y0: float, facts: _Facts) -> None:
        self.height, self.y0, self.facts = height, y0, facts
        self.lines: list[Obj] = []
        self.rects: list[Obj] = []
        self.curves: list[Obj] = []
        self.blanks: list[Obj] = []
        self.images: list[Obj] = []
        self.extents: dict[int, tuple[float, float]] = {}  # text object address -> its left and right on the page
        self.merged: list[MergedSpaces] = []  # spaces the text page left out, for the layout to judge
        self.twins: list[int] = []  # text objects pdfium may drop as copies out of _dedupe's reach
        self.m = R.FS_MATRIX()
        self.m_at = ctypes.addressof(self.m)
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.xy_refs = (_pointer(ctypes.addressof(self.x)), _pointer(ctypes.addressof(self.y)))
        self.fillmode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.mode_at = (ctypes.addressof(self.fillmode), ctypes.addressof(self.stroke))
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.bounds = tuple(ctypes.c_float() for _ in range(4))
        self.bounds_at = tuple(map(ctypes.addressof, self.bounds))
        self.rgba_at = tuple(map(ctypes.addressof, self.rgba))
        self.size = ctypes.c_float()
        self.size_at = ctypes.addressof(self.size)
        self.fonts: dict[int, tuple[float, float]] = {}  # font address -> (space's advance, descent) per point

    def read(self, page: Any) -> _PageObjects | None:
        raw = _address(page.raw)
        try:
            self._holder([_PAGE_OBJECT(raw, i) for i in range(_COUNT_PAGE_OBJECTS(raw))], _IDENTITY, 0)
        except _Fallback as why:
            return fallback(str(why))
        return self

    def _matrix(self, obj: int) -> Matrix:
        m = self.m
        _OBJECT_MATRIX(obj, self.m_at)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _holder(self, objects: list[int], outer: Matrix, depth: int) -> None:
        """One content stream's objects (the page's or a form's, as addresses); ``outer`` maps
        it to the page."""
        recent: list[tuple[Rect, int]] = []  # the last text objects: twin checks
        for obj in objects:
            kind = _OBJECT_TYPE(obj)
            if kind == R.FPDF_PAGEOBJ_TEXT:
                self._text(obj, outer, recent)
            elif kind == R.FPDF_PAGEOBJ_PATH:
                self._path(obj, outer)
            elif kind == R.FPDF_PAGEOBJ_IMAGE:
                self.images.append(self._image(obj, outer))
            elif kind == R.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                inner = _then(self._matrix(obj), outer)
                self._holder([_FORM_OBJECT(obj, i) for i in range(_COUNT_FORM_OBJECTS(obj))], inner, depth + 1)
            else:
                # shadings: pdfplumber reads this page
                raise _Fallback({R.FPDF_PAGEOBJ_FORM: "forms nested deep",
                                 R.FPDF_PAGEOBJ_SHADING: "shading"}.get(kind, "other page object"))

    def _image(self, obj: int, outer: Matrix) -> Obj:
        """An image as pdfplumber's: the box of the unit square its matrix maps (pdfminer
        draws it as a figure of that box), which is all `read_pdf` asks of it."""
        a, b, c, d, e, f = _then(self._matrix(obj), outer)
        xs = [e, a + e, c + e, a + c + e]
        ys = [f, b + f, d + f, b + d + f]
        x0, x1, top, bottom = min(xs), max(xs), self.height - max(ys), self.height - min(ys)
        return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
                "object_type": "image"}

    def _text(self, obj: int, outer: Matrix, recent: list[tuple[Rect, int]]) -> None:
        """pdfium's text page leaves out a text object of no width (a lone space: pdfplumber
        reads it as a space char, which can make a line of its own) and one that repeats one
        of the five before it (fake bold). The first comes back here as a blank char; the
        second is pdfplumber's twin glyphs only when it lies within `_dedupe`'s reach, so an
        object that may be a copy from farther away is checked against the text page
        (`check_twins`)."""
        if _RENDER_MODE(obj) in _INVISIBLE:
            # An OCR layer over a scan: glyphs piled close, which pdfium's text page merges
            # and drops by rules of its own.
            raise _Fallback("invisible text (an OCR layer)")
        left, bottom, right, top = self.bounds
        _OBJECT_BOUNDS(obj, *self.bounds_at)
        rect = (left.value, bottom.value, right.value, top.value)
        width = rect[2] - rect[0]
        if abs(width) < _PDFIUM_EPSILON:
            self.blanks.append(self._blank(obj, _then(self._matrix(obj), outer)))
        else:
            a, b, c, d, e, f = outer
            if b == 0 and c == 0 and a > 0:  # (a turned form's text is turned: pdfplumber reads it)
                self.extents[obj] = (a * rect[0] + e, a * rect[2] + e)
            x0, x1 = rect[0], rect[2]
            for other, other_obj in recent:  # (size and place asked only of overlapping pairs)
                if other[2] <= x0 or x1 <= other[0]:
                    continue  # apart across (most pairs): no overlap to measure
                w = min(rect[2], other[2]) - max(rect[0], other[0])
                h = min(rect[3], other[3]) - max(rect[1], other[1])
                if w > 0 and h > 0 and abs(w - width) <= width / 2 and self._apart(obj, other_obj, outer):
                    self.twins.append(obj)
                    break
        recent.append((rect, obj))  # pdfium compares with a blank too (an empty box: never a twin)
        del recent[:-5]

    def _apart(self, obj: int, other: int, outer: Matrix) -> bool:
        """Two text objects of one size placed farther apart than `_dedupe` reaches."""
        sizes = []
        for o in (obj, other):
            _FONT_SIZE(o, self.size_at)
            sizes.append(self.size.value)
        if sizes[0] != sizes[1]:
            return False
        *_, e, f = _then(self._matrix(obj), outer)
        *_, oe, of = _then(self._matrix(other), outer)
        return abs(e - oe) > self._TWIN or abs(f - of) > self._TWIN

    def check_twins(self, tp: Any) -> None:
        """Raise _Fallback when pdfium's text page dropped one of `twins` (it has no text
        there): pdfplumber reads both copies."""
        page = _address(tp)
        for obj in self.twins:
            if _OBJECT_TEXT(obj, page, None, 0) <= 2:  # bytes of UTF-16 text and its end
                raise _Fallback("text printed twice, apart")

    def _blank(self, address: int, m: Matrix) -> Obj:
        """A text object of no width as pdfplumber's space char: at its origin, a space's
        advance wide, standing on its font's descent as the glyphs of `_CharReader` do."""
        a, b, c, d, e, f = m
        if not _upright(a, b, c, d):
            raise _Fallback("text rotated, skewed or mirrored")
        _FONT_SIZE(address, self.size_at)
        size = self.size.value
        addr = _FONT_AT(address) or 0  # (the font's handle as an address, as `_address` gives it)
        if not addr:
            raise _Fallback("text object without a font")
        metrics = self.fonts.get(addr)
        if metrics is None:
            font = ctypes.cast(addr, R.FPDF_FONT)  # (the bindings' handle: the font calls below take it)
            advance = ctypes.c_float()
            if not R.FPDFFont_GetGlyphWidth(font, 0x20, ctypes.c_float(1.0), ctypes.byref(advance)) \
                    or advance.value <= 0:
                # The font draws no space: what pdfplumber reads here ("\x00", a tab) is unknown.
                raise _Fallback("blank glyph of a font without a space")
            metrics = self.fonts[addr] = (advance.value, _descent(font, self.facts))
        space, descent = metrics
        r, g, bl, al = self.rgba
        _FILL_COLOUR(address, *self.rgba_at)
        char_size = _round_size(size * d)
        bottom = self.height - (f + descent * char_size)
        return {"text": " ", "x0": _round(e), "x1": _round(e + space * size * a),
                "top": bottom - char_size, "bottom": bottom, "size": char_size, "fontname": "",
                "non_stroking_color": _colour(r.value, g.value, bl.value), "upright": True}

    def _path(self, path: int, outer: Matrix) -> None:
        fillmode, stroke = self.fillmode, self.stroke
        _DRAW_MODE(path, *self.mode_at)
        if not fillmode.value and not stroke.value:
            return  # a clipping or invisible path draws nothing
        ma, mb, mc, md, me, mf = _then(self._matrix(path), outer)
        height = self.height
        x, y = self.x, self.y
        # Bound once: this loop runs per segment of every path (a ruled table has hundreds).
        get_segment, get_point, get_type, get_close = _SEGMENT, _SEGMENT_POINT, _SEGMENT_TYPE, _SEGMENT_CLOSE
        move_to, bezier_to = R.FPDF_SEGMENT_MOVETO, R.FPDF_SEGMENT_BEZIERTO
        x_ref, y_ref = self.xy_refs
        path_ref = _pointer(path)
        rounded, known = _round, _round.get  # (its memory asked here first: a call per point saved)
        # The subpaths (each begins at a move), with whether each curves and is closed.
        subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []
        pts: list[tuple[float, float]] = []
        curved = closed = False
        for s in range(_COUNT_SEGMENTS(path)):
            seg = get_segment(path_ref, s)
            get_point(seg, x_ref, y_ref)
            st = get_type(seg)
            if st == move_to and pts:
                subpaths.append((pts, curved, closed))
                pts, curved, closed = [], False, False
            curved |= st == bezier_to
            closed |= bool(get_close(seg))
            vx, vy = x.value, y.value
            px, py = ma * vx + mc * vy + me, height - (mb * vx + md * vy + mf)
            # (floats always: a zero, never kept, is rounded by the call)
            rx, ry = known(px), known(py)
            pts.append((rounded(px) if rx is None else rx, rounded(py) if ry is None else ry))
        if pts:
            subpaths.append((pts, curved, closed))
        if not subpaths:
            return
        if len(subpaths) > 1:
            # pdfminer paints each subpath as a path of its own, and drops one that is only a
            # move (pdfium keeps the last of several moves in a row, as pdfminer draws it).
            subpaths = [sp for sp in subpaths if len(sp[0]) > 1]
        fill_colour: tuple[float, ...] = (0.0,)
        if fillmode.value:
            r, g, b, a = self.rgba
            _FILL_COLOUR(path, *self.rgba_at)
            fill_colour = _colour(r.value, g.value, b.value)
        for pts, curved, closed in subpaths:
            self._shape(pts, curved, closed, bool(fillmode.value), bool(stroke.value), fill_colour)

    def _shape(self, pts: list[tuple[float, float]], curved: bool, closed: bool, fill: bool, stroke: bool,
               fill_colour: tuple[float, ...]) -> None:
        """One (sub)path as pdfplumber's line, rect or curve."""
        height = self.height
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        o: Obj = {
            "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "y0": height - bottom - self.y0, "y1": height - top - self.y0,
            "width": x1 - x0, "height": bottom - top, "pts": pts,
            "fill": fill, "stroke": stroke, "non_stroking_color": fill_colour,
        }
        if len(pts) == 2 and not curved:
            o["object_type"] = "line"
            self.lines.append(o)
        elif not curved and _is_axis_rect(pts, closed):
            o["object_type"] = "rect"
            self.rects.append(o)
        else:
            o["object_type"] = "curve"
            self.curves.append(o)


# Text render modes that draw nothing (3: invisible, 7: clip only).
_INVISIBLE = frozenset({R.FPDF_TEXTRENDERMODE_INVISIBLE, R.FPDF_TEXTRENDERMODE_CLIP})
# pdfium's text page drops a text object narrower than this (kSizeEpsilon).
_PDFIUM_EPSILON = 0.01
# Forms inside forms this deep are left to pdfplumber (a guard against crafted nesting).
_MAX_FORM_DEPTH = 8


def _upright(a: float, b: float, c: float, d: float) -> bool:
    """Text that neither rotates, skews nor mirrors: pdfplumber's char box is then the glyph's
    advance across and the font size times ``d`` up."""
    return a > 0 and d > 0 and abs(b) <= _SKEW * a and abs(c) <= _SKEW * d


_SKEW = 1e-4


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


# pdfium's text page spells a ligature glyph ("ﬁ", "ﬂ") as its letters, all at the glyph's origin,
# the last as narrow as a letter alone: the gap it leaves to the next glyph reads as a word break
# ("Confl icts", "the fi re"). pdfminer keeps the glyph whole.
SPLIT_LIGATURE = "a ligature pdfium spells as letters at one origin"


class _Fallback(Exception):
    """This page is not read like pdfplumber here: the caller reads it with pdfplumber."""


NotAlike = _Fallback  # raised by `find_tables` from inside the layout; its message is the reason


class TablesAtTolerance(_Fallback):
    """The page's tables turn on which side of the table finder's tolerance its rules fall
    (pdfminer's coordinates may fall on the other): `read_pdf` reads the page at each of
    `TOLERANCES`, and keeps pdfium's page only where every reading is the same."""


class _CharReader:
    """One glyph of a text page as a pdfplumber-shaped char (the ctypes buffers made once)."""

    def __init__(self, tp: Any, text: str, height: float, with_colour: bool, facts: _Facts) -> None:
        self.tp, self.text, self.height, self.with_colour, self.facts = tp, text, height, with_colour, facts
        # The text page and the buffers as pointer objects, which the per-glyph calls take as
        # they are (`_bare_call`) and the others convert as they would an address.
        self.page = _pointer(_address(tp))
        self.box = R.FS_RECTF()
        self.box_at = _pointer(ctypes.addressof(self.box))
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.rgba_at = tuple(_pointer(ctypes.addressof(v)) for v in self.rgba)
        self.name_buf, self.flags = ctypes.create_string_buffer(128), ctypes.c_int()
        self.font_info = (ctypes.addressof(self.name_buf), len(self.name_buf), ctypes.addressof(self.flags))
        self.ox, self.oy = ctypes.c_double(), ctypes.c_double()
        self.origin_at = (_pointer(ctypes.addressof(self.ox)), _pointer(ctypes.addressof(self.oy)))
        self.matrix = R.FS_MATRIX()
        self.matrix_at = ctypes.addressof(self.matrix)
        self.descents: dict[int, float] = {}  # font address -> its descent per point of size
        self.objects: dict[int, tuple[float, float]] = {}  # text object address -> `_metrics`
        # text object address -> its points per unit of advance and its font's address
        self.scales: dict[int, tuple[float, int]] = {}
        self.advances: dict[tuple[int, str], float | None] = {}  # (font address, character) -> advance per point
        self.tight = tuple(ctypes.c_double() for _ in range(4))  # left, right, bottom, top
        self.tight_at = tuple(_pointer(ctypes.addressof(v)) for v in self.tight)
        self.at = (-1, 0)  # the glyph `_key` last asked about, and its text object's address
        self.width = ctypes.c_float()
        self.width_at = ctypes.addressof(self.width)
        self.mapped: dict[int, set[str]] = {}  # font handle -> characters known to be mapped
        self.shapes: _Bands | None = None  # dark shapes, where known: colour is read under them only

    def check(self, i: int, ch: str) -> None:
        """Raise _Fallback for a glyph whose text pdfplumber gives otherwise."""
        code = ord(ch)
        if code in (0, 0xFFFE, 0xFFFF, 0xFFFD) or _MAP_ERROR(self.page, i) == 1:
            raise _Fallback("glyph without a Unicode mapping")  # pdfminer writes these as "(cid:N)": the slow path keeps that behaviour
        if code >= 0x80 and self._symbolic(i) and not (
            b"Dingbats" in self.name_buf.value and ch in _DINGBAT_CHARS
        ) and not self.facts.maps(self.name_buf.value.decode("latin-1"), ch, _glyph_font(self.tp, i)):
            # A symbolic font without its own Unicode map (ZapfDingbats' black square, Symbol's
            # bullet): pdfium decodes its built-in encoding, pdfminer gives the raw code
            # ("n" for the square). pdfplumber, the reader of record, reads this page. A font
            # whose ToUnicode map gives the character is read through that map by both.
            raise _Fallback("symbolic font without a Unicode map")

    def _symbolic(self, i: int) -> bool:
        """Whether glyph ``i``'s font has the symbolic flag (its name is left in ``name_buf``)."""
        _FONT_INFO(self.page, i, *self.font_info)
        return bool(self.flags.value & _SYMBOLIC)

    def _under_shape(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        """Whether a dark shape overlaps this glyph (only a glyph it may hide needs a colour:
        white lettering on a dark band is a heading, not a redaction)."""
        if self.shapes is None:
            return True
        return any(d0 <= x1 and x0 <= d1 and dtop <= bottom and top <= dbottom
                   for d0, dtop, d1, dbottom in self.shapes.near(top, bottom))

    def check_mapped(self, s: int, text: str) -> None:
        """Raise _Fallback when a glyph of the run at ``s`` has no Unicode mapping. A font maps
        a code the same way wherever it is used, so each character is asked about once per font
        (a page's body text is a few fonts over and over)."""
        key = self._key(s)
        known = self.scales.get(key) if key else None  # (a text object met before: its font is known)
        font = known[1] if known is not None else ((_FONT_AT(key) or 0) if key else 0)
        seen = self.mapped.setdefault(font, set()) if font else set()
        for ch in set(text) - seen:
            if _MAP_ERROR(self.page, s + text.index(ch)) == 1:
                raise _Fallback("glyph without a Unicode mapping")
            seen.add(ch)
        if not font and 1 in map(_MAP_ERROR, repeat(self.page, len(text)), range(s, s + len(text))):
            raise _Fallback("glyph without a Unicode mapping")

    def size(self, i: int) -> float:
        """pdfplumber's size of glyph ``i``: the font size times the vertical scale of its text
        matrix (pdfium reports the size the text operator set, e.g. "1 Tf" under a 12-point Tm)."""
        return self._metrics(i)[0]

    def _key(self, i: int) -> int:
        """The address of glyph ``i``'s text object (0 where this pdfium cannot tell), kept in
        ``at`` for the next question about the same glyph (`_metrics`, `right`)."""
        key = (_TEXT_OBJECT_AT(self.page, i) or 0) if _TEXT_OBJECT_AT is not None else 0
        self.at = (i, key)
        return key

    def _metrics(self, i: int) -> tuple[float, float]:
        """Glyph ``i``'s size and its font's descent per point, asked once per text object (its
        glyphs share font, size and matrix; a form drawn twice is two sets of objects)."""
        key = self.at[1] if self.at[0] == i else self._key(i)
        known = self.objects.get(key) if key else None
        if known is not None:
            return known
        m = self.matrix
        _TEXT_MATRIX(self.page, i, self.matrix_at)
        if not _upright(m.a, m.b, m.c, m.d):
            raise _Fallback("text rotated, skewed or mirrored")
        font_size = _TEXT_FONT_SIZE(self.page, i)
        size = _round_size(font_size * m.d)
        address = (_FONT_AT(key) or 0) if key else 0  # (the font's handle, as an address)
        if not address:
            raise _Fallback("glyph without a font pdfium shows")
        descent = self.descents.get(address)
        if descent is None:
            descent = self.descents[address] = _descent(ctypes.cast(address, R.FPDF_FONT), self.facts)
        known = (size, descent)
        if key:
            self.objects[key] = known
            self.scales[key] = (font_size * m.a, address)
        return known

    def right(self, i: int, ox: float, box: Any) -> float:
        """pdfminer's right edge of glyph ``i`` (after `origin_and_box`): its origin plus its
        advance. pdfium's loose box spans the advance and the ink both, so its right edge is
        the advance's end unless the ink reaches past it (an italic, "t" or "r" in some
        fonts): then the font's width of the character is asked for, and kept only if it
        ends within the ink, as the advance must."""
        _CHAR_BOX(self.page, i, *self.tight_at)
        loose = max(box.right, ox)
        if box.right > self.tight[1].value + _INK_TIE:
            return loose
        if self.at[0] != i:
            self._metrics(i)
        scale, address = self.scales.get(self.at[1], _NO_SCALE)
        if not address:
            return loose
        ch = self.text[i]
        per_point = self.advances.get((address, ch), 0.0)
        if per_point == 0.0:
            ok = _GLYPH_WIDTH(address, ord(ch), 1.0, self.width_at)
            per_point = self.advances[(address, ch)] = self.width.value if ok and self.width.value > 0 else None
        if per_point is None:
            return loose
        end = ox + per_point * scale
        return end if ox <= end <= loose + _INK_TIE else loose

    def origin_and_box(self, i: int) -> tuple[float, Any]:
        # x0 is the glyph origin (where pdfminer starts the box); the loose box's left edge
        # is the glyph outline for some glyphs ("/" starts 0.16 pt early).
        _LOOSE_BOX(self.page, i, self.box_at)
        _CHAR_ORIGIN(self.page, i, *self.origin_at)
        return self.ox.value, self.box

    def origin_x(self, i: int) -> float:
        _CHAR_ORIGIN(self.page, i, *self.origin_at)
        return self.ox.value

    def bottom(self, i: int, size: float) -> float:
        """pdfplumber's bottom of glyph ``i`` (after `origin_and_box`): the baseline less the
        font's descent, as pdfminer places it (pdfium's loose box reaches the font program's)."""
        return self.height - (self.oy.value + self._metrics(i)[1] * size)

    def char(self, i: int) -> Obj | None:
        ch = self.text[i]
        if ch in "\r\n\x02":
            return None
        self.check(i, ch)
        ox, box = self.origin_and_box(i)
        size, descent = self._metrics(i)
        if box.top - box.bottom <= 0 and ch.strip():
            raise _Fallback("rotated or degenerate glyph")  # rotated or degenerate glyph: leave it to pdfminer
        bottom = self.height - (self.oy.value + descent * size)
        colour = _BLACK
        if self.with_colour and self._under_shape(ox, bottom - size, box.right, bottom):
            r, g, b, a = self.rgba
            _TEXT_FILL_COLOUR(self.page, i, *self.rgba_at)
            colour = _colour(r.value, g.value, b.value)
        return {
            "text": ch, "x0": _round(ox), "x1": _round(self.right(i, ox, box)),
            "top": bottom - size, "bottom": bottom,
            "size": size, "fontname": "", "non_stroking_color": colour, "upright": True,
        }


_BLACK: tuple[float, ...] = (0.0,)
_NO_SCALE: tuple[float, int] = (0.0, 0)
# pdfium's boxes are float32: a loose box's right edge this near the ink's is the ink's.
_INK_TIE = 1e-3
# Sizes are float32 products in pdfium (10.98 comes back as 10.97999...): rounded back to
# what pdfminer's float64 maths gives.
_SIZE_ROUND = 4
_round = _Rounded(_ROUND)
_round_size = _Rounded(_SIZE_ROUND)


# Older pdfium builds lack it; then map errors are asked glyph by glyph.
_GET_TEXT_OBJECT = getattr(R, "FPDFText_GetTextObject", None)


def _plain_call(fn: Any, restype: Any, *argtypes: Any) -> Any:
    """``fn`` (a pdfium function) through a prototype of plain C types: handles and buffers
    passed, and a returned handle given back, as addresses (ints). The same C function with
    the same argument values, but ctypes converts an int several times faster than the
    bindings' pointer types, and casting a returned pointer costs three times the call (a
    glyph or a path segment is read in a handful of calls)."""
    kind = ctypes.CFUNCTYPE
    if getattr(fn, "_flags_", 0) & getattr(ctypes, "_FUNCFLAG_STDCALL", 0):
        kind = ctypes.WINFUNCTYPE  # type: ignore[attr-defined]  # (Windows builds only)
    return kind(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


class _Handle(ctypes.c_void_p):
    """A returned pdfium handle kept as a pointer object (a subclass of c_void_p is not turned
    into an int), to be passed on to a `_bare_call` as it is."""


def _bare_call(fn: Any, restype: Any) -> Any:
    """``fn`` (a pdfium function) through a prototype without argument types: ctypes passes a
    pointer object as it is and an int as a C int, with none of the conversions argument
    types make (about half the cost of a `_plain_call`, on the calls made per glyph, run and
    path segment). Its callers pass every handle and buffer as a pointer object (`_pointer`,
    `_Handle`), never as an int (an address is wider than a C int), and only ints that are
    C ints (glyph indices and counts)."""
    kind = ctypes.CFUNCTYPE
    if getattr(fn, "_flags_", 0) & getattr(ctypes, "_FUNCFLAG_STDCALL", 0):
        kind = ctypes.WINFUNCTYPE  # type: ignore[attr-defined]  # (Windows builds only)
    return kind(restype)(ctypes.cast(fn, ctypes.c_void_p).value)


_pointer = ctypes.c_void_p  # an address as the pointer object a `_bare_call` takes
_P, _I = ctypes.c_void_p, ctypes.c_int
_TEXT_OBJECT_AT = _bare_call(_GET_TEXT_OBJECT, _P) if _GET_TEXT_OBJECT else None  # (returns an int)
_FONT_AT = _plain_call(R.FPDFTextObj_GetFont, _P, _P)
# The calls made per glyph, per run and per path segment: the text page, buffers and
# segments as pointer objects (see `_bare_call`).
_CHAR_ORIGIN = _bare_call(R.FPDFText_GetCharOrigin, _I)
_LOOSE_BOX = _bare_call(R.FPDFText_GetLooseCharBox, _I)
_CHAR_BOX = _bare_call(R.FPDFText_GetCharBox, _I)
_MAP_ERROR = _bare_call(R.FPDFText_HasUnicodeMapError, _I)
_COUNT_RECTS = _bare_call(R.FPDFText_CountRects, _I)
_GENERATED = _bare_call(R.FPDFText_IsGenerated, _I)
_SEGMENT = _bare_call(R.FPDFPath_GetPathSegment, _Handle)
_SEGMENT_POINT = _bare_call(R.FPDFPathSegment_GetPoint, _I)
_SEGMENT_TYPE = _bare_call(R.FPDFPathSegment_GetType, _I)
_SEGMENT_CLOSE = _bare_call(R.FPDFPathSegment_GetClose, _I)
# The calls made per page object (`_PageObjects`: objects, buffers and matrices as addresses).
_COUNT_PAGE_OBJECTS = _plain_call(R.FPDFPage_CountObjects, _I, _P)
_PAGE_OBJECT = _plain_call(R.FPDFPage_GetObject, _P, _P, _I)
_COUNT_FORM_OBJECTS = _plain_call(R.FPDFFormObj_CountObjects, _I, _P)
_FORM_OBJECT = _plain_call(R.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
_OBJECT_TYPE = _plain_call(R.FPDFPageObj_GetType, _I, _P)
_OBJECT_MATRIX = _plain_call(R.FPDFPageObj_GetMatrix, _I, _P, _P)
_OBJECT_BOUNDS = _plain_call(R.FPDFPageObj_GetBounds, _I, _P, _P, _P, _P, _P)
_FILL_COLOUR = _plain_call(R.FPDFPageObj_GetFillColor, _I, _P, _P, _P, _P, _P)
_DRAW_MODE = _plain_call(R.FPDFPath_GetDrawMode, _I, _P, _P, _P)
_COUNT_SEGMENTS = _plain_call(R.FPDFPath_CountSegments, _I, _P)
_RENDER_MODE = _plain_call(R.FPDFTextObj_GetTextRenderMode, _I, _P)
_FONT_SIZE = _plain_call(R.FPDFTextObj_GetFontSize, _I, _P, _P)
_OBJECT_TEXT = _plain_call(R.FPDFTextObj_GetText, ctypes.c_ulong, _P, _P, _P, ctypes.c_ulong)
# ... and per text object of the text page (`_CharReader._metrics`, `right`).
_TEXT_MATRIX = _plain_call(R.FPDFText_GetMatrix, _I, _P, _I, _P)
_TEXT_FONT_SIZE = _plain_call(R.FPDFText_GetFontSize, ctypes.c_double, _P, _I)
_GLYPH_WIDTH = _plain_call(R.FPDFFont_GetGlyphWidth, _I, _P, ctypes.c_uint, ctypes.c_float, _P)
# ... and per glyph that needs them (`_CharReader.check`, `char`).
_FONT_INFO = _plain_call(R.FPDFText_GetFontInfo, ctypes.c_ulong, _P, _I, _P, ctypes.c_ulong, _P)
_TEXT_FILL_COLOUR = _plain_call(R.FPDFText_GetFillColor, _I, _P, _I, _P, _P, _P, _P)


def _descent(font: Any, facts: _Facts) -> float:
    """The font's descent per point of size, pdfminer's way: a simple font named as one of
    pdfminer's standard fonts takes that font's AFM metrics, any other the descriptor's
    /Descent (pdfium's loose boxes reach the font program's descender instead). pdfium names
    an embedded subset "ABCDEF+Arial" as "Arial", so an embedded font of a standard name whose
    /Descent is not near the standard one may be either: pdfminer's reading of the page's
    fonts tells (pdfplumber reads the page when it cannot)."""
    out = ctypes.c_float()
    R.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(out))
    own = -abs(out.value)
    name_buf = ctypes.create_string_buffer(128)
    R.FPDFFont_GetBaseFontName(font, name_buf, len(name_buf))
    name = name_buf.value.decode("latin-1")
    if not name:
        # a Type 3 font: pdfminer takes its FontBBox under its FontMatrix, pdfium its glyphs
        known = facts.descent(name, font)
        if known is None:
            raise _Fallback("Type 3 font")
        return known
    standard = _standard_descents().get(name)
    if standard is None:
        return own
    if not R.FPDFFont_GetIsEmbedded(font) or abs(own - standard) <= _DESCENT_SLACK:
        return standard
    known = facts.descent(name, font)
    if known is None:
        raise _Fallback("standard font name with metrics of its own")
    return known


# Descents this close (per point of size) place glyphs within 0.05 pt of each other at 10 pt.
_DESCENT_SLACK = 0.005


@functools.cache
def _standard_descents() -> dict[str, float]:
    """pdfminer's standard fonts (the 14 and their Windows names) and their descents."""
    from pdfminer.fontmetrics import FONT_METRICS

    return {name: -abs(float(str(metrics[0].get("Descent", 0)))) / 1000 for name, metrics in FONT_METRICS.items()}


def _address(handle: Any) -> int:
    """A pdfium handle's address, its identity (0 for NULL): the address of what it points
    to, which ctypes reads a few times faster than it casts the pointer."""
    return ctypes.addressof(handle.contents) if handle else 0


def _glyph_font(tp: Any, i: int) -> Any:
    """Glyph ``i``'s font handle (None where this pdfium cannot tell)."""
    obj = _GET_TEXT_OBJECT(tp, i) if _GET_TEXT_OBJECT is not None else None
    return R.FPDFTextObj_GetFont(obj) if obj else None


def _page_text(tp: Any) -> str | None:
    n = R.FPDFText_CountChars(tp)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = R.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    return text if len(text) == n else None  # chars outside the BMP: positions would not line up


def _hyphens(tp: Any, text: str, facts: _Facts) -> str:
    """The text with the hyphens pdfium took for line-end ones put back: it writes such a
    hyphen (or soft hyphen) as U+FFFE, pdfminer as the glyph's character, which the font's
    ToUnicode map tells (pdfplumber reads the page when it cannot)."""
    if "\ufffe" not in text:
        return text
    out = list(text)
    name_buf, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    for i in (m.start() for m in re.finditer("\ufffe", text)):
        if R.FPDFText_IsHyphen(tp, i) != 1:
            continue  # a glyph without a Unicode mapping: `_CharReader.check` says so
        R.FPDFText_GetFontInfo(tp, i, name_buf, len(name_buf), ctypes.byref(flags))
        hyphen = facts.hyphen(name_buf.value.decode("latin-1"), _glyph_font(tp, i))
        if hyphen is None:
            raise _Fallback("hyphen of an unknown kind")
        out[i] = hyphen
    return "".join(out)


@contextlib.contextmanager
def _text_page(page: Any) -> Iterator[tuple[Any, str | None]]:
    """The page's pdfium text page and its text (None: glyph positions would not line up)."""
    text_page = page.get_textpage()
    try:
        yield text_page.raw, _page_text(text_page.raw)
    finally:
        text_page.close()


def _chars(page: Any, height: float, with_colour: bool, found: _PageObjects, facts: _Facts,
           rules: list[Rect], shapes: list[Rect]) -> list[Obj] | None:
    """Every glyph of the page as its own char (and the blank text objects of ``found``)."""
    with _text_page(page) as (tp, text):
        found.check_twins(tp)
        chars = None if text is None else _glyphs(tp, _hyphens(tp, text, facts), height, with_colour, facts,
                                                  found.extents, rules, shapes)
        return None if chars is None else chars + found.blanks


def _glyphs(tp: Any, text: str, height: float, with_colour: bool, facts: _Facts,
            extents: dict[int, tuple[float, float]], rules: list[Rect], shapes: list[Rect]) -> list[Obj] | None:
    try:
        reader = _CharReader(tp, text, height, with_colour, facts)
        page = reader.page
        out: list[Obj] = []
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        pairs: list[tuple[Obj, Obj]] = []  # consecutive glyphs of one text object
        previous: tuple[int, Obj] | None = None
        for i in range(len(text)):
            if _GENERATED(page, i) == 1:
                continue  # a space or line break pdfium inferred, not a glyph on the page
            c = reader.char(i)
            if c is not None:
                key = _object_key(page, i)
                first.setdefault(key, i)
                last[key] = i
                out.append(c)
                if previous is not None and previous[0] == key:
                    if previous[1]["x0"] == c["x0"] and c["text"].strip() and previous[1]["text"].strip():
                        raise _Fallback(SPLIT_LIGATURE)
                    pairs.append((previous[1], c))
                previous = (key, c)
        _check_ends(reader, first, last, extents, rules, shapes)
        _check_dropped_spaces(pairs, out)
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


def _runs(page: Any, height: float, dark: list[Obj], edges: list[Rect], dark_edges: list[Rect],
          found: _PageObjects, facts: _Facts) -> list[Obj] | None:
    """The page's text as runs where nothing needs glyph positions, glyphs elsewhere.

    A run is the text pdfium read from one text object between two breaks it inferred (a line
    end or a word gap with no space glyph): within it pdfplumber's layout would put the glyphs
    on one line with no gap it reads as a word break, so the run stands for them as one
    "char" whose box spans theirs. Glyph by glyph, as `_chars` reads them: text under a dark
    shape (a box may hide some of it), text across or near a vertical rule or border (a table
    cell boundary may split it), text that overlaps other text, and the spaces at a run's
    ends (they open word breaks the layout tracks). A run on a dark shape's line carries its
    visible glyphs' widths (the box's length in characters is measured in them). The blank
    text objects of ``found`` (pdfium's text page left them out) are text too: a run they
    overprint is read glyph by glyph.
    """
    with _text_page(page) as (tp, text):
        found.check_twins(tp)
        if text is None:
            return None
        return _runs_of(tp, _hyphens(tp, text, facts), height, dark, edges, dark_edges, found.blanks, facts,
                        found.extents, found.merged)


def _runs_of(tp: Any, text: str, height: float, dark: list[Obj], edges: list[Rect],
             dark_edges: list[Rect], blanks: list[Obj], facts: _Facts,
             extents: dict[int, tuple[float, float]], merged: list[MergedSpaces] | None = None) -> list[Obj] | None:
    reader = _CharReader(tp, text, height, bool(dark), facts)
    page = reader.page
    shapes = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in dark]
    reader.shapes = bands = _Bands(shapes, height)
    rule_zones = _zones(edges, [])  # (the rules' zones lead the list `_zones` makes with the dark edges)
    zones = _Bands(rule_zones + _zones([], dark_edges), height)
    out: list[Obj] = []
    # Segments end where pdfium inferred a space or a line break (only whitespace can be one).
    # A line break or U+0002 is never text (`char` drops them), so each ends a segment
    # whether pdfium inferred it or not; only a space needs asking.
    spaces = [m.start() for m in _SPACE.finditer(text)]
    ends = sorted([m.start() for m in _BREAK.finditer(text)]
                  + list(compress(spaces, [g == 1 for g in map(_GENERATED, repeat(page, len(spaces)), spaces)])))
    start = 0
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    pieces: list[tuple[int, int]] = []
    for end in [*ends, len(text)]:
        if start < end:
            for s, e in _object_pieces(page, start, end):
                key = _object_key(page, s)
                first.setdefault(key, s)
                last[key] = e - 1
                pieces.append((s, e))
        start = end + 1
    # Before the pieces are read: a page whose text page merged spaces that matter leaves
    # here, without the cost of reading it (most pages that leave the fast path leave here).
    _check_ends(reader, first, last, extents, rule_zones, shapes, merged)
    for s, e in pieces:
        _add_piece(out, reader, s, e, bands, zones)
    return _explode_overlaps(out + blanks, reader)


class _Bands:
    """Rectangles filed under the horizontal bands of the page they reach, so that a run asks
    only about those near its own line (a ruled page has hundreds of rule zones). Bands
    beyond the page are folded into its first and last (a rectangle or a run off the page
    stays findable; a crafted coordinate makes no more bands than the page has)."""

    _STEP = 16.0

    def __init__(self, rects: list[Rect], height: float) -> None:
        self.last = last = max(int(height // self._STEP), 0) + 1
        self.bins: dict[int, list[Rect]] = {}
        step, bins = self._STEP, self.bins
        for r in rects:
            # (`_band` written out: a ruled page files hundreds of zones)
            lo, hi = min(max(int(r[1] // step), -1), last), min(max(int(r[3] // step), -1), last)
            for k in range(lo, hi + 1):
                bins.setdefault(k, []).append(r)

    def _band(self, y: float) -> int:
        return min(max(int(y // self._STEP), -1), self.last)

    def near(self, top: float, bottom: float) -> list[Rect]:
        """Every rectangle reaching from ``top`` to ``bottom`` (and some others)."""
        if not self.bins:
            return []
        # (`_band` written out: asked twice for every run of a ruled page)
        step, last = self._STEP, self.last
        lo, hi = min(max(int(top // step), -1), last), min(max(int(bottom // step), -1), last)
        if lo == hi:
            return self.bins.get(lo, [])
        if lo > hi:
            lo, hi = hi, lo
        return [r for k in range(lo, hi + 1) for r in self.bins.get(k, ())]


def _zones(edges: list[Rect], dark_edges: list[Rect]) -> list[Rect]:
    """Where a table's cell boundary may part text (see `_EDGE_SLACK_X`)."""
    # All of a run's glyphs share one top and bottom, so a horizontal rule never parts
    # them: only the other edges can.
    zones = [(x0 - _EDGE_SLACK_X, top - _EDGE_SLACK_Y, x1 + _EDGE_SLACK_X, bottom + _EDGE_SLACK_Y)
             for x0, top, x1, bottom in edges]
    # A dark shape's sides part only text beside them: a redaction box is left out of the
    # table finder, and a dark band or shaded cell that is not one lines up with the rules
    # of its table (zones of their own) rather than reaching past its own height.
    zones += [(x0 - _EDGE_SLACK_X, top, x1 + _EDGE_SLACK_X, bottom) for x0, top, x1, bottom in dark_edges]
    return zones


def _object_key(page: int, i: int) -> int:
    """The address of glyph ``i``'s text object (0 where this pdfium cannot tell); ``page``:
    the text page's address."""
    return (_TEXT_OBJECT_AT(page, i) or 0) if _TEXT_OBJECT_AT is not None else 0


def _check_ends(reader: _CharReader, first: dict[int, int], last: dict[int, int],
                extents: dict[int, tuple[float, float]], rules: list[Rect], shapes: list[Rect],
                merged: list[MergedSpaces] | None = None) -> None:
    """Raise _Fallback where glyphs pdfium's text page dropped at a text object's ends would
    matter to pdfplumber's reading. It keeps one space of several on a line ("prescribing.   "
    before the next column), which leaves the object's box (whose ends are its first and last
    glyphs' origins, a space having no ink) reaching past what was kept. Spaces matter only
    across a table's rule (the next cell's line starts with them: ``rules`` are the zones
    about upright rules) or under a dark shape (a box covers them); a printed glyph dropped
    as a copy (within 0.07 of its size, pdfium's reach) is one `read_pdf._dedupe` drops too
    below 14 pt. Spaces left out after the last of a text object of spaces alone ("  " placed
    across a table's empty row) go to ``merged`` (when given) instead: `MergedSpaces`."""
    for key, (left, right) in extents.items():
        f, lst = first.get(key), last.get(key)
        if f is None or lst is None:
            continue  # not in the text page: a blank, or a twin `check_twins` asked about
        reader.at = (f, key)  # (glyph f's text object, as `_key` would ask pdfium again)
        size = reader.size(f)
        reach = _DROPPED_GLYPH * size
        x_first = reader.origin_x(f)
        gaps = [(left, x_first)] if x_first - left > reach else []
        trailing = None
        if reader.text[lst] == " ":
            x_last = reader.origin_x(lst)
            if right - x_last > reach:
                gaps.append(trailing := (x_last, right))
        elif _PDFIUM_TWIN * size > _TWIN_REACH and right - reader.origin_and_box(lst)[1].right > reach:
            raise _Fallback("glyphs pdfium's text page merged")
        if not gaps:
            continue
        reader.origin_and_box(f)
        bottom = reader.bottom(f, size)
        top = bottom - size
        for x0, x1 in gaps:
            if any(d0 < x1 - _TOUCH and x0 < d1 - _TOUCH and dtop < bottom and top < dbottom
                   for d0, dtop, d1, dbottom in shapes):
                raise _Fallback("spaces pdfium's text page merged")
            if any(z0 <= x1 and x0 <= z1 and ztop <= bottom and top <= zbottom for z0, ztop, z1, zbottom in rules):
                spaces = _spaces_after(reader, f, lst, left, right) if gaps == [trailing] else None
                if merged is None or spaces is None:
                    raise _Fallback("spaces pdfium's text page merged")
                merged.append(spaces)


def _spaces_after(reader: _CharReader, f: int, lst: int, left: float, right: float) -> MergedSpaces | None:
    """The spaces left out after glyph ``lst`` (nothing left out before ``f``), the last kept
    of a text object whose kept glyphs ``f``..``lst`` are all spaces and which is set straight
    (its glyphs share one baseline in pdfminer's reading as in pdfium's); else None."""
    if reader.text[f:lst + 1].strip():
        return None
    m = reader.matrix
    R.FPDFText_GetMatrix(reader.tp, lst, m)
    if m.b != 0 or m.c != 0:
        return None
    x_last, box = reader.origin_and_box(lst)
    size = reader.size(lst)
    bottom = reader.bottom(lst, size)
    # (as `_CharReader.char` gives the kept space: its x0 rounded, its box from its size and descent)
    x0 = _round(x_last)
    return MergedSpaces(x0, right, bottom - size, bottom, _round(reader.right(lst, x_last, box)) - x0, left)


# pdfium drops a glyph printed again within this share of its size; `read_pdf._dedupe`
# within 1 pt.
_PDFIUM_TWIN, _TWIN_REACH = 0.07, 1.0
_DROPPED_GLYPH = 0.1


def _object_pieces(page: int, s: int, e: int) -> list[tuple[int, int]]:
    """Glyphs s..e-1 split where one text object ends and the next begins (pdfium gives one
    rectangle per text object); ``page``: the text page's address."""
    count_rects = _COUNT_RECTS
    pieces: list[tuple[int, int]] = []
    while s < e and count_rects(page, s, e - s) > 1:
        lo, hi = s + 1, e - 1  # the longest prefix s..m-1 that is one object: lo <= m <= hi
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count_rects(page, s, mid - s) <= 1:
                lo = mid
            else:
                hi = mid - 1
        pieces.append((s, lo))
        s = lo
    if s < e:
        pieces.append((s, e))
    return pieces


def _add_piece(out: list[Obj], reader: _CharReader, s: int, e: int,
               shapes: _Bands, zones: _Bands) -> None:
    """One text object's glyphs s..e-1: a run, or glyph by glyph (the spaces at its ends are
    always glyphs of their own: they open word breaks the layout tracks)."""
    while s < e and reader.text[s] in _SPACES:
        _append(out, reader.char(s))
        s += 1
    tail = e
    while tail > s and reader.text[tail - 1] in _SPACES:
        tail -= 1
    if s < tail:
        run = _run(reader, s, tail, shapes, zones)
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
    if not any("glyphs" in c for c in items):
        return items
    overlapping = _box_overlaps(items) | _line_overlaps(items)
    if not overlapping:
        return items
    out: list[Obj] = []
    pairs: list[tuple[Obj, Obj]] = []  # consecutive glyphs of one text object
    for c in items:
        if id(c) in overlapping:
            s, e = c.pop("span")
            glyphs = [g for g in map(reader.char, range(s, e)) if g is not None]
            pairs += zip(glyphs, glyphs[1:], strict=False)
            out += glyphs
        else:
            out.append(c)
    _check_dropped_spaces(pairs, out)
    return out


def _box_overlaps(items: list[Obj]) -> set[int]:
    """The runs whose boxes overlap another item's (across x by more than `_TOUCH`, down y at
    all), by a sweep down the page: each item meets only those still open at its top. (A
    window of the tallest item's height above each run met most of a page with one tall item.)"""
    if not (all(map(math.isfinite, map(_TOP, items))) and all(map(math.isfinite, map(_BOTTOM, items)))):
        return _box_overlaps_scan(items)  # (NaN sorts nowhere: a crafted file's are scanned)
    out: set[int] = set()
    # (top, bottom, x0, x1 - _TOUCH, whether a run, item) by top; the items above that reach
    # below the current one's top, and the least of their bottoms (the list is cut only when
    # one of them has ended: most items share their line's bottom)
    boxes = sorted(((c["top"], c["bottom"], c["x0"], c["x1"] - _TOUCH, "glyphs" in c, c) for c in items),
                   key=itemgetter(0))
    open_: list[tuple[float, float, float, float, bool, Obj]] = []
    ends = math.inf
    for box in boxes:
        top, bottom, x0, x1t, run, c = box
        if ends <= top:
            open_ = [o for o in open_ if o[1] > top]
            ends = min((o[1] for o in open_), default=math.inf)
        for o_top, o_bottom, o_x0, o_x1t, o_run, o in open_:
            # (the test is symmetric: as the scan below makes it with either as the run)
            if (run or o_run) and o is not c and not (o_bottom <= top or o_top >= bottom) \
                    and o_x0 < x1t and x0 < o_x1t:
                out.update(id(x) for x in (o, c) if "glyphs" in x)
        open_.append(box)
        if bottom < ends:
            ends = bottom
    return out


def _box_overlaps_scan(items: list[Obj]) -> set[int]:
    """`_box_overlaps`, every run against every item."""
    out: set[int] = set()
    for run in (c for c in items if "glyphs" in c):
        for other in items:
            if other is run or other["bottom"] <= run["top"] or other["top"] >= run["bottom"]:
                continue
            if other["x0"] < run["x1"] - _TOUCH and run["x0"] < other["x1"] - _TOUCH:
                out.update(id(x) for x in (run, other) if "glyphs" in x)
    return out


_TOP = itemgetter("top")
_BOTTOM = itemgetter("bottom")
_TOP_X0 = itemgetter("top", "x0")
_X0 = itemgetter("x0")


def _check_dropped_spaces(pairs: list[tuple[Obj, Obj]], items: list[Obj]) -> None:
    """Raise _Fallback where a space of a text object is followed by its next glyph further on
    than the space's advance and other text starts in between. pdfium's text page keeps one of
    several spaces inside a text object too (or word spacing moved the next glyph: either way,
    what lies between is not known here), and pdfplumber interleaves the spaces with the
    overprinted text there."""
    for g, after in pairs:
        if g["text"] == " " and after["x0"] - g["x1"] > _SPACE_SLACK * g["size"] and any(
                g["x1"] <= o["x0"] < after["x0"] and o["top"] < g["bottom"] and g["top"] < o["bottom"]
                for o in items):
            raise _Fallback("spaces pdfium's text page merged")


# A glyph after a space starts where the space's advance ends, unless spaces were dropped there.
_SPACE_SLACK = 0.05
_TOUCH = 0.5  # runs side by side may share this much of an edge (rounding, loose glyph boxes)


def _line_overlaps(items: list[Obj]) -> set[int]:
    """Runs that overlap other text across x on one line of the layout, lines grouped as
    `read_pdf._group_lines` groups them (a line's band grows with its chars, so text of two
    bands can share a line through a tall glyph between them, as on an OCR layer)."""
    out: set[int] = set()
    lines: list[list[Obj]] = []
    top = bottom = 0.0
    for c in sorted(items, key=_TOP_X0):
        mid = (c["top"] + c["bottom"]) / 2
        if lines and top <= mid <= bottom:
            lines[-1].append(c)
            top, bottom = min(top, c["top"]), max(bottom, c["bottom"])
        else:
            lines.append([c])
            top, bottom = c["top"], c["bottom"]
    for line in lines:
        if len(line) < 2 or not any("glyphs" in c for c in line):
            continue
        line.sort(key=_X0)
        open_: list[Obj] = []  # items so far that reach past the current one's start
        for c in line:
            open_ = [o for o in open_ if o["x1"] - _TOUCH > c["x0"]]
            for o in open_:
                if c["x0"] < o["x1"] - _TOUCH and o["x0"] < c["x1"] - _TOUCH:
                    out.update(id(x) for x in (o, c) if "glyphs" in x)
            open_.append(c)
    return out


def _append(out: list[Obj], c: Obj | None) -> None:
    if c is not None:
        out.append(c)


def _run(reader: _CharReader, s: int, e: int, shapes: _Bands, zones: _Bands) -> Obj | None:
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
    if e - s > 1 and _COUNT_RECTS(reader.page, s, e - s) != 1:
        return None  # more than one text object (or a glyph of no size)
    x0, first = reader.origin_and_box(s)
    first_y = reader.oy.value
    size, descent = reader._metrics(s)
    if first.top - first.bottom <= 0:
        return None
    bottom = reader.height - (first_y + descent * size)
    if e - s > 1:
        x_last, last = reader.origin_and_box(e - 1)
        if reader.oy.value != first_y or reader.size(e - 1) != size or last.top - last.bottom <= 0:
            return None
        if reader.origin_x(e - 2) == x_last:
            raise _Fallback(SPLIT_LIGATURE)  # (where it splits one, pdfium's gap after it ends the run)
    else:
        x_last, last = x0, first  # one glyph (a third of all runs): its own last, already read
    top = bottom - size
    x1 = reader.right(e - 1, x_last, last)
    for z0, ztop, z1, zbottom in zones.near(top, bottom):
        if z0 <= x1 and x0 <= z1 and ztop <= bottom and top <= zbottom:
            return None
    on_line = False
    for d0, dtop, d1, dbottom in shapes.near(top - _LINE_SLACK, bottom + _LINE_SLACK):
        if dtop <= bottom and top <= dbottom:
            if d0 <= x1 and x0 <= d1:
                return None
            on_line = on_line or _may_be_box(d0, dtop, d1, dbottom)
        elif dtop - _LINE_SLACK <= bottom and top <= dbottom + _LINE_SLACK:
            on_line = on_line or _may_be_box(d0, dtop, d1, dbottom)
    run: Obj = {
        "text": " ".join(text.split()), "x0": _round(x0), "x1": _round(x1),
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
# `read_pdf` takes a dark shape thinner than its THIN (2.5 pt) either way for a rule, never a
# box: the widths a box is measured in are not needed beside one (a table's rules drawn as
# thin filled rectangles put most runs of a ruled page beside one). A hair under THIN, so
# that float noise never drops a shape `read_pdf` would keep.
_BOX_MIN = 2.49


def _may_be_box(x0: float, top: float, x1: float, bottom: float) -> bool:
    return x1 - x0 >= _BOX_MIN and bottom - top >= _BOX_MIN


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
        total += _round(reader.right(s + k, ox, box)) - _round(ox)
        count += 1
    return total, count


_SYMBOLIC = 4  # the PDF font-descriptor flag
# ZapfDingbats glyphs both paths decode alike (the plumber path maps pdfminer's raw codes).
_DINGBAT_CHARS = frozenset("\u25a0\u274f\u2750\u2751\u2752\u25cf\u25c6\u25b2\u25bc\u2605\u2714\u2718")


@dataclass(frozen=True)
class FontFacts:
    """What pdfminer knows of one font of a page that pdfium does not say: ``name`` as pdfium
    reports it (the /BaseFont; an embedded simple font's subset tag dropped), pdfminer's
    ``descent`` per point of size (None: a Type 3 font), the characters its ToUnicode map
    gives (`unicode`, read from ``cmap``, the map's pdfminer stream, when first asked for:
    most pages ask only a descent) and, for a simple font without one, those its /Encoding
    gives (None: pdfminer and pdfium may take different tables; ``soft``: WinAnsi's code 173,
    which pdfminer reads as a space and pdfium as a hyphen, is left as it is). ``program``,
    the embedded font file, tells apart fonts of one name (subsets of one font)."""

    name: str
    descent: float | None
    cmap: Any = field(compare=False, repr=False)  # the ToUnicode map's stream (None: it has none)
    encoded: frozenset[str] | None = None
    soft: bool = True
    program: Any = field(default=None, compare=False, repr=False)  # the embedded font file (a pdfminer stream)

    @functools.cached_property
    def unicode(self) -> frozenset[str] | None:
        """The characters the font's ToUnicode map gives (None: it has none)."""
        if self.cmap is None:
            return None
        from pdfminer.cmapdb import FileUnicodeMap

        from ingest.pdf_tokens import LeanCMapParser

        cmap = FileUnicodeMap()
        LeanCMapParser(cmap, io.BytesIO(self.cmap.get_data())).run()  # (pdfminer's CMapParser, faster)
        return frozenset("".join(cmap.cid2unichr.values()))


FontsOf = Callable[[], list[FontFacts]]


def _decoded_length(stream: Any) -> int | None:
    """The length of a pdfminer stream's decoded data (None: it cannot be decoded)."""
    try:
        return len(stream.get_data())
    except Exception:  # noqa: BLE001 - a font file pdfminer cannot decode tells nothing apart
        return None


class _Facts:
    """A page's `FontFacts`, read once when first asked for."""

    def __init__(self, fonts: FontsOf | None) -> None:
        self.fonts, self.known = fonts, None if fonts is not None else []

    def _named(self, name: str, font: Any = None) -> list[FontFacts]:
        """The page's fonts pdfium may call ``name``; of several, the one whose embedded font
        file is as long as ``font``'s (pdfium's handle), if only one is (pdfium's font is one
        of them, and the others' files differ from it)."""
        if self.known is None:
            self.known = self.fonts() if self.fonts is not None else []
        named = [f for f in self.known if f.name == name]
        if len(named) < 2 or not font or not R.FPDFFont_GetIsEmbedded(font):
            return named  # (a font not embedded: pdfium's data is its stand-in's)
        size = ctypes.c_size_t()
        if not R.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size)) or not size.value:
            return named
        same = [f for f in named if f.program is not None and _decoded_length(f.program) == size.value]
        return same if len(same) == 1 else named

    def descent(self, name: str, font: Any = None) -> float | None:
        """The one descent pdfminer gives every font pdfium may call ``name``, if one."""
        descents = {f.descent for f in self._named(name, font)}
        return descents.pop() if len(descents) == 1 else None

    def hyphen(self, name: str, font: Any = None) -> str | None:
        """The hyphen every font pdfium may call ``name`` writes ("-" or a soft hyphen), by its
        ToUnicode map or its /Encoding, if they agree and none may write both."""
        kinds = set()
        for f in self._named(name, font):
            if f.unicode is not None:
                kinds.add(frozenset(h for h in "-\xad" if h in f.unicode))
            elif f.encoded is not None and (not f.soft or not self._shows_code_173()):
                kinds.add(frozenset(h for h in "-\xad" if h in f.encoded))
            else:
                return None
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        return next(iter(kind)) if len(kind) == 1 else None

    def _shows_code_173(self) -> bool:
        """Whether a string on the page may hold code 173 (when `font_facts` cannot tell: yes).
        Where none does, a WinAnsi font's hyphens are its code 45 (or a code its Differences
        name), which both read as the /Encoding gives."""
        ask = getattr(self.known, "shows_code_173", None)
        return ask() if ask is not None else True

    def maps(self, name: str, ch: str, font: Any = None) -> bool:
        """Whether every font pdfium may call ``name`` gives ``ch`` by a map both read alike:
        its ToUnicode map, or else its /Encoding."""
        named = self._named(name, font)
        return bool(named) and all(
            ch in f.unicode if f.unicode is not None else f.encoded is not None and ch in f.encoded for f in named)


def font_facts(page_obj: Any, known: dict[int, FontFacts] | None = None) -> list[FontFacts]:
    """`FontFacts` of the fonts a pdfminer page uses, in its resources and its forms'.
    ``known``: the facts of fonts already read from this document, by object number (a font
    is read once per document however many pages use it)."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, list_value, resolve1
    from pdfminer.psparser import literal_name

    out: list[FontFacts] = []
    seen: set[int] = set()
    forms: list[Any] = []  # the form XObjects the page may draw: their content streams
    cache: dict[int, FontFacts] = known if known is not None else {}

    def descent_of(descriptor: Any, base: str, simple: bool) -> float:
        standard = _standard_descents().get(base) if simple else None
        if standard is not None:
            return standard
        value = resolve1(dict_value(descriptor).get("Descent", 0))
        return -abs(float(value)) / 1000 if isinstance(value, (int, float)) else 0.0

    def type3_descent(spec: Any) -> float | None:
        """pdfminer's: the FontBBox's bottom (the descriptor's, if there is one) scaled by
        the FontMatrix, unsigned as it stands."""
        holder = dict_value(spec["FontDescriptor"]) if "FontDescriptor" in spec else spec
        box = list_value(holder.get("FontBBox", []))
        matrix = list_value(spec.get("FontMatrix", [0.001, 0, 0, 0.001, 0, 0]))
        try:
            bottom = float(resolve1(box[1])) if len(box) == 4 else 0.0
            return bottom * (float(resolve1(matrix[1])) + float(resolve1(matrix[3])))
        except (TypeError, ValueError, IndexError):
            return None

    def unicode_of(spec: Any) -> Any:
        """The ToUnicode map's stream (`FontFacts.unicode` reads it when asked)."""
        stream = resolve1(spec.get("ToUnicode"))
        return stream if isinstance(stream, PDFStream) else None

    def program_of(descriptor: Any) -> Any:
        files = [resolve1(descriptor[k]) for k in ("FontFile", "FontFile2", "FontFile3") if k in descriptor]
        return files[0] if len(files) == 1 and isinstance(files[0], PDFStream) else None

    def font(spec: Any) -> FontFacts:
        subtype = literal_name(spec.get("Subtype", "Type1"))
        base = literal_name(resolve1(spec.get("BaseFont", "")))
        if subtype == "Type3":
            return FontFacts(base, type3_descent(spec), unicode_of(spec))
        if subtype == "Type0":
            descendant = dict_value(list_value(spec.get("DescendantFonts"))[0])
            descriptor = dict_value(descendant.get("FontDescriptor", {}))
            return FontFacts(base, descent_of(descriptor, base, False), unicode_of(spec),
                             program=program_of(descriptor))
        descriptor = dict_value(spec.get("FontDescriptor", {}))
        embedded = any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
        name = base[7:] if embedded and len(base) > 7 and base[6] == "+" else base
        encoded, soft = encoded_of(spec, name)
        return FontFacts(name, descent_of(descriptor, base, True), unicode_of(spec), encoded, soft,
                         program_of(descriptor))

    def encoded_of(spec: Any, name: str) -> tuple[frozenset[str] | None, bool]:
        """What a simple font's /Encoding gives, as pdfminer reads it (EncodingDB): only where
        pdfium reads the same /Encoding (given, and the font not Symbol or ZapfDingbats)."""
        from pdfminer.encodingdb import EncodingDB

        encoding = resolve1(spec.get("Encoding"))
        if encoding is None or name in ("Symbol", "ZapfDingbats"):
            return None, True
        if isinstance(encoding, dict):
            base = literal_name(encoding.get("BaseEncoding", "StandardEncoding"))
            diff = list_value(encoding.get("Differences", []))
        else:
            base, diff = literal_name(encoding), []
        table = EncodingDB.get_encoding(base, diff)
        codes, code = set(), 0
        for x in diff:  # the codes Differences name
            if isinstance(x, int):
                code = x
            else:
                codes.add(code)
                code += 1
        return frozenset("".join(table.values())), base == "WinAnsiEncoding" and 173 not in codes

    def walk(resources: Any, depth: int) -> None:
        resources = dict_value(resources)
        for ref in dict_value(resources.get("Font", {})).values():
            spec = resolve1(ref)
            if id(spec) not in seen:
                seen.add(id(spec))
                number = ref.objid if isinstance(ref, PDFObjRef) else None
                facts = cache.get(number) if number is not None else None
                if facts is None:
                    facts = font(dict_value(spec))
                    if number is not None:
                        cache[number] = facts
                out.append(facts)
        for ref in dict_value(resources.get("XObject", {})).values():
            xobj = resolve1(ref)
            if isinstance(xobj, PDFStream) and literal_name(xobj.get("Subtype")) == "Form" \
                    and id(xobj) not in seen and depth < _MAX_FORM_DEPTH:
                seen.add(id(xobj))
                forms.append(xobj)
                walk(xobj.get("Resources", {}), depth + 1)

    walk(page_obj.resources, 0)
    return _PageFonts(out, [page_obj.contents, *forms])


class _PageFonts(list[FontFacts]):
    """A page's `FontFacts`, and whether a string of its content (or of a form it draws) may
    hold code 173: asked only of a page with a line-end hyphen in a WinAnsi font."""

    def __init__(self, facts: list[FontFacts], streams: list[Any]) -> None:
        super().__init__(facts)
        self.streams = streams
        self.answer: bool | None = None

    def shows_code_173(self) -> bool:
        if self.answer is None:
            self.answer = any(map(_may_show_code_173, self.streams))
        return self.answer


# In a content stream, code 173 is the byte itself in a literal string (or an inline image),
# its octal escape, or the pair "ad" in a hex string: wherever any of these is, it may be shown.
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_WHITE = re.compile(rb"\s+")


def _may_show_code_173(streams: Any) -> bool:
    """Whether a string of these content streams (pdfminer's) may hold the byte 173."""
    from pdfminer.pdftypes import PDFStream, resolve1

    for ref in streams if isinstance(streams, list) else [streams]:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        try:
            data = stream.get_data()
        except Exception:  # noqa: BLE001 - a stream pdfminer cannot decode: assume the worst
            return True
        if b"\xad" in data or b"\\255" in data:
            return True
        for m in _HEX_STRING.finditer(data):
            digits = _WHITE.sub(b"", m.group(1)).lower()
            if any(digits[k:k + 2] == b"ad" for k in range(0, len(digits), 2)):
                return True
    return False


def open_document(path: str) -> Any:
    return pdfium.PdfDocument(path, password="")
