"""The fast PDF source: a page's text layer, char boxes and paths read with pypdfium2 (C++),
shaped like pdfplumber's objects so that `read_pdf`'s one layout code path reads either.

pdfplumber (pdfminer in pure Python) spends ~100-500 ms interpreting a dense page; pdfium
does it in a few ms. Coordinates follow pdfplumber: x rightwards, ``top``/``bottom`` downwards
from the top of the page. A char's box spans its advance horizontally (as pdfminer's does)
and ``size`` points up from the font's descent line (pdfminer's box height is the font size).

`FastPage.from_page` returns None for a page this source does not claim to read like
pdfplumber (rotated or offset page boxes, images, form XObjects, shadings, glyphs without a
Unicode mapping, text not horizontal); the caller reads that page with pdfplumber.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R

Obj = dict[str, Any]

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
    def from_page(cls, page: Any) -> FastPage | None:
        if page.get_rotation() % 360:
            return None
        width, height = page.get_size()
        if tuple(page.get_mediabox()) != (0.0, 0.0, width, height) or \
                tuple(page.get_cropbox()) != tuple(page.get_mediabox()):
            return None
        paths = _paths(page, height)
        if paths is None:
            return None
        lines, rects, curves = paths
        dark_fill = any(o["fill"] and _is_darkish(o["non_stroking_color"]) for o in rects + curves)
        chars = _chars(page, height, with_colour=dark_fill)
        if chars is None:
            return None
        return cls((0.0, 0.0, float(width), float(height)), chars, rects, curves, lines)


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
    for i in range(R.FPDFPage_CountObjects(raw)):
        obj = R.FPDFPage_GetObject(raw, i)
        kind = R.FPDFPageObj_GetType(obj)
        if kind == R.FPDF_PAGEOBJ_TEXT:
            continue
        if kind != R.FPDF_PAGEOBJ_PATH:
            return None  # images (scans), forms, shadings: pdfplumber reads this page
        R.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke))
        if not fillmode.value and not stroke.value:
            continue  # a clipping or invisible path draws nothing
        R.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        pts: list[tuple[float, float]] = []
        moves = 0
        curved = False
        closed = False
        for s in range(R.FPDFPath_CountSegments(obj)):
            seg = R.FPDFPath_GetPathSegment(obj, s)
            R.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            st = R.FPDFPathSegment_GetType(seg)
            moves += st == R.FPDF_SEGMENT_MOVETO
            curved |= st == R.FPDF_SEGMENT_BEZIERTO
            closed |= bool(R.FPDFPathSegment_GetClose(seg))
            px = m.a * x.value + m.c * y.value + m.e
            py = m.b * x.value + m.d * y.value + m.f
            pts.append((round(px, _ROUND), round(height - py, _ROUND)))
        if not pts:
            continue
        if moves > 1:
            return None  # several subpaths in one object: pdfminer splits them its own way
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


def _chars(page: Any, height: float, with_colour: bool) -> list[Obj] | None:
    text_page = page.get_textpage()
    try:
        tp = text_page.raw
        n = R.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        buf = ctypes.create_string_buffer((n + 1) * 2)
        got = R.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
        if len(text) != n:
            return None  # chars outside the BMP: positions would not line up, take the slow path
        box = R.FS_RECTF()
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        get_box, get_size, generated = R.FPDFText_GetLooseCharBox, R.FPDFText_GetFontSize, R.FPDFText_IsGenerated
        map_error, get_colour = R.FPDFText_HasUnicodeMapError, R.FPDFText_GetFillColor
        black: tuple[float, ...] = (0.0,)
        name_buf, flags = ctypes.create_string_buffer(128), ctypes.c_int()
        # x0 is the glyph origin (where pdfminer starts the box); the loose box's left edge
        # is the glyph outline for some glyphs ("/" starts 0.16 pt early).
        ox, oy = ctypes.c_double(), ctypes.c_double()
        get_origin = R.FPDFText_GetCharOrigin
        out: list[Obj] = []
        for i, ch in enumerate(text):
            if generated(tp, i) == 1:
                continue  # a space or line break pdfium inferred, not a glyph on the page
            code = ord(ch)
            if code in (0, 0xFFFE, 0xFFFF, 0xFFFD) or map_error(tp, i) == 1:
                return None  # pdfminer writes these as "(cid:N)": the slow path keeps that behaviour
            if code in (0x0D, 0x0A, 0x02):
                continue
            if code >= 0x80 and _symbolic(tp, i, name_buf, flags) and not (
                b"Dingbats" in name_buf.value and ch in _DINGBAT_CHARS
            ):
                # A symbolic font without its own Unicode map (ZapfDingbats' black square, Symbol's
                # bullet): pdfium decodes its built-in encoding, pdfminer gives the raw code
                # ("n" for the square). pdfplumber, the reader of record, reads this page.
                return None
            get_box(tp, i, box)
            get_origin(tp, i, ox, oy)
            size = get_size(tp, i)
            if box.top - box.bottom <= 0 and ch.strip():
                return None  # rotated or degenerate glyph: leave it to pdfminer
            bottom = height - box.bottom
            colour = black
            if with_colour:
                get_colour(tp, i, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
                colour = _colour(r.value, g.value, b.value)
            out.append({
                "text": ch, "x0": round(ox.value, _ROUND), "x1": round(max(box.right, ox.value), _ROUND),
                "top": bottom - size, "bottom": bottom,
                "size": size, "fontname": "", "non_stroking_color": colour, "upright": True,
            })
        return out
    finally:
        text_page.close()


_SYMBOLIC = 4  # the PDF font-descriptor flag
# ZapfDingbats glyphs both paths decode alike (the plumber path maps pdfminer's raw codes).
_DINGBAT_CHARS = frozenset("\u25a0\u274f\u2750\u2751\u2752\u25cf\u25c6\u25b2\u25bc\u2605\u2714\u2718")


def _symbolic(tp: Any, i: int, name_buf: Any, flags: Any) -> bool:
    R.FPDFText_GetFontInfo(tp, i, name_buf, len(name_buf), ctypes.byref(flags))
    return bool(flags.value & _SYMBOLIC)


def open_document(path: str) -> Any:
    return pdfium.PdfDocument(path, password="")
