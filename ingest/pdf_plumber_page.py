"""pdfplumber's page with its objects built cheaper: the reader of record, unchanged in what it reads.

pdfplumber turns each of pdfminer's layout objects into a dict by filtering every attribute
through a generic, recursive resolver (``Page.process_object``). On a text-heavy page that
costs as much as pdfminer's own interpretation of the content stream, nearly all of it spent
on chars and paths, whose attributes are plain numbers, strings and tuples of numbers.
`LeanPage` builds a char's, a line's, a rect's and a curve's dict directly, key for key and
value for value as pdfplumber builds it (tests/test_pdf_plumber_page.py holds them equal);
any other object (an image, a figure) goes the original way. Without layout analysis (the
reader's pdfplumber has none) a char's dict is made as pdfminer draws the char (`_LeanDevice`),
no `LTChar` built: the same arithmetic, in the same order, on the same values.
"""

from __future__ import annotations

from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTCurve, LTLine, LTPage, LTRect
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfplumber.page import ALL_ATTRS, Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from ingest.pdf_content import LeanInterpreter

# Values pdfplumber's resolver hands back as they are.
_PLAIN = frozenset({float, int, str, bool, type(None)})
# pdfplumber's object_type of the path objects built here (its class name without "LT").
# What pdfminer's horizontal string loop handles without a warning: displacements and strings.
_SEQ_ITEMS = frozenset({int, float, bytes})
_PATHS = {LTLine: "line", LTRect: "rect", LTCurve: "curve"}
_MAX_NAMES = 256


class LeanPage(Page):
    """A pdfplumber page whose chars and paths are built without the generic resolver."""

    # A colour space's decoded name, by its name: a page names a few, thousands of times.
    _space_names: dict[str, Any] = {}

    @property
    def layout(self) -> LTPage:
        """pdfplumber's `Page.layout`, the content interpreted by `LeanInterpreter` (pdfminer's,
        its tokenizer and operator dispatch made faster)."""
        if hasattr(self, "_layout"):
            return self._layout
        # (layout analysis groups LTChars: with it, pdfplumber's own device)
        kind = _LeanDevice if self.pdf.laparams is None else PDFPageAggregatorWithMarkedContent
        device = kind(self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams)
        device.page = self
        interpreter = LeanInterpreter(self.pdf.rsrcmgr, device)
        try:
            interpreter.process_page(self.page_obj)
        except Exception as e:
            raise PdfminerException(e) from e
        self._layout: LTPage = device.get_result()
        return self._layout

    def process_object(self, obj: Any) -> dict[str, Any]:
        kind = type(obj)
        if kind is dict:
            return obj  # a char `_LeanDevice` made
        if kind is LTChar:
            attr = self._attributes(obj, "char")
            text = obj.get_text()
            norm = self.pdf.unicode_norm
            attr["text"] = normalize_unicode(norm, text) if norm is not None else text
            gs = obj.graphicstate
            attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
            attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
            if isinstance(attr.get("fontname"), bytes):
                return super().process_object(obj)  # (rare) pdfplumber's own repair of the name
        elif kind in _PATHS:
            attr = self._attributes(obj, _PATHS[kind])
            to_page = self.point2coord
            attr["pts"] = list(map(to_page, attr["pts"]))
            attr["path"] = [(cmd, *map(to_page, pts)) for cmd, *pts in obj.original_path]
            attr["dash"] = obj.dashing_style
        else:
            return super().process_object(obj)
        return self._placed(attr)

    def _placed(self, attr: dict[str, Any]) -> dict[str, Any]:
        """``attr`` with pdfplumber's page coordinates (top, bottom, doctop; x from the MediaBox's left)."""
        mb_x0, mb_top = self.mediabox[:2]
        if "y0" in attr:
            attr["top"] = (self.height - attr["y1"]) + mb_top
            attr["bottom"] = (self.height - attr["y0"]) + mb_top
            attr["doctop"] = self.initial_doctop + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    def _attributes(self, obj: Any, kind: str) -> dict[str, Any]:
        """The object's attributes pdfplumber keeps, resolved as it resolves them, with its
        type, page number and colour space names."""
        attr: dict[str, Any] = {}
        for k, v in obj.__dict__.items():
            if k in ALL_ATTRS:
                # (a path's points are mapped to the page below: a new list either way)
                attr[k] = v if k == "pts" and _plain_points(v) else _resolved(v)
        attr["object_type"] = kind
        attr["page_number"] = self.page_number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                attr[cs] = self._space_name(getattr(obj, cs).name)
        return attr

    def _space_name(self, name: Any) -> Any:
        if type(name) is not str:
            return resolve_and_decode(name)
        names = self._space_names
        known = names.get(name)
        if known is None:
            if len(names) >= _MAX_NAMES:
                names.clear()  # (a crafted file's thousands of names: the cache stays small)
            known = names[name] = resolve_and_decode(name)
        return known


class _LeanDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device (no layout analysis) keeping each horizontal char as the dict
    `LeanPage.process_object` would make of its `LTChar`: pdfminer's `render_char` and
    `LTChar.__init__`, then pdfplumber's attributes, in their order. A char of a vertical font
    or of a font named in bytes is made the original way."""

    page: LeanPage

    def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int,
                    ncs: Any, graphicstate: Any) -> float:
        fontname = font.fontname
        if font.is_vertical() or type(fontname) is bytes:
            return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        adv = font.char_width(cid) * fontsize * scaling
        descent = font.get_descent() * fontsize
        (a, b, c, d, e, f) = matrix
        x0, y0, x1, y1 = _glyph_box(a, b, c, d, e, f, adv, descent + rise, descent + rise + fontsize)
        page = self.page
        mcid, tag = self.cur_mcid, self.cur_tag
        attr = {"matrix": _resolved(matrix), "fontname": fontname, "adv": adv,
                "upright": a * d * scaling > 0 and b * c <= 0,
                "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0, "size": y1 - y0,
                "mcid": _resolved(mcid), "tag": _resolved(tag),
                "object_type": "char", "page_number": page.page_number, "ncs": page._space_name(ncs.name)}
        norm = page.pdf.unicode_norm
        attr["text"] = normalize_unicode(norm, text) if norm is not None else text
        gs = graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        self.cur_item.add(page._placed(attr))  # type: ignore[arg-type]  # (LeanPage.process_object passes it on)
        return adv

    def render_string_horizontal(self, seq: Any, matrix: Any, pos: Any, font: Any, fontsize: float,
                                 scaling: float, charspace: float, wordspace: float, rise: float,
                                 dxscale: float, ncs: Any, graphicstate: Any) -> Any:
        """pdfminer's `render_string_horizontal` with `render_char` written into its loop: what
        is the same for every glyph of the string (its colour, colour space, marked content,
        descent, the page's box) is worked out once, and each glyph's matrix is translated in
        place. The same arithmetic, in the same order, on the same values; a string it does not
        cover (a vertical font, a name in bytes, operands or a matrix not plain numbers) is
        rendered the original way, glyph by glyph through `render_char`."""
        fontname = font.fontname
        if font.is_vertical() or type(fontname) is bytes or not _plain_tuple(matrix) \
                or type(pos) is not tuple or not _plain_tuple(pos) or len(pos) != 2 \
                or not all(type(obj) in _SEQ_ITEMS for obj in seq):
            return super().render_string_horizontal(seq, matrix, pos, font, fontsize, scaling, charspace,
                                                    wordspace, rise, dxscale, ncs, graphicstate)
        page = self.page
        add = self.cur_item.add
        to_unichr, char_width, decode = font.to_unichr, font.char_width, font.decode
        a, b, c, d, e, f = matrix
        mcid, tag = _resolved(self.cur_mcid), _resolved(self.cur_tag)
        page_number, space_name = page.page_number, page._space_name(ncs.name)
        norm = page.pdf.unicode_norm
        gs = graphicstate
        scolor = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        ncolor = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        upright = a * d * scaling > 0 and b * c <= 0
        # (`LeanPage._placed`'s values: the page's box does not change while a string is drawn)
        mb_x0, mb_top = page.mediabox[:2]
        height, doctop = page.height, page.initial_doctop
        (x, y) = pos
        needcharspace = False
        for obj in seq:
            if type(obj) is not bytes:
                x -= obj * dxscale
                needcharspace = True
                continue
            for cid in decode(obj):
                if needcharspace:
                    x += charspace
                # pdfminer's `translate_matrix(matrix, (x, y))`, then `render_char` as above
                te, tf = x * a + y * c + e, x * b + y * d + f
                try:
                    text = to_unichr(cid)
                    assert isinstance(text, str), str(type(text))
                except PDFUnicodeNotDefined:
                    text = self.handle_undefined_char(font, cid)
                adv = char_width(cid) * fontsize * scaling
                descent = font.get_descent() * fontsize
                x0, y0, x1, y1 = _glyph_box(a, b, c, d, te, tf, adv, descent + rise, descent + rise + fontsize)
                glyph_matrix = (a, b, c, d, te, tf)
                attr = {"matrix": glyph_matrix if type(te) in _PLAIN and type(tf) in _PLAIN else _resolved(glyph_matrix),
                        "fontname": fontname, "adv": adv, "upright": upright,
                        "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0, "size": y1 - y0,
                        "mcid": mcid, "tag": tag, "object_type": "char", "page_number": page_number,
                        "ncs": space_name,
                        "text": normalize_unicode(norm, text) if norm is not None else text,
                        "stroking_color": scolor, "non_stroking_color": ncolor}
                attr["top"] = (height - y1) + mb_top
                attr["bottom"] = (height - y0) + mb_top
                attr["doctop"] = doctop + attr["top"]
                if mb_x0 != 0:
                    attr["x0"] = x0 + mb_x0
                    attr["x1"] = x1 + mb_x0
                add(attr)  # type: ignore[arg-type]  # (LeanPage.process_object passes it on)
                x += adv
                if cid == 32 and wordspace:
                    x += wordspace
                needcharspace = True
        return (x, y)

    def tag_cur_item(self) -> None:
        """pdfplumber's: the current marked-content id and tag on the last object drawn, which
        is a char's dict when a path or image drew nothing after it."""
        last = self.cur_item._objs[-1] if self.cur_item._objs else None
        if type(last) is dict:
            last["mcid"], last["tag"] = _resolved(self.cur_mcid), _resolved(self.cur_tag)
        else:
            super().tag_cur_item()


def _glyph_box(a: float, b: float, c: float, d: float, e: float, f: float, adv: float, low: float,
               high: float) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of a glyph: pdfminer's `apply_matrix_rect(matrix, (0, low, adv, high))`,
    its four `apply_matrix_pt`s written out (the same operations on the same values; by min and
    max, so `LTChar`'s swap of a reversed box never applies)."""
    left = 0
    left1, bottom1 = a * left + c * low + e, b * left + d * low + f
    right1, bottom2 = a * adv + c * low + e, b * adv + d * low + f
    right2, top1 = a * adv + c * high + e, b * adv + d * high + f
    left2, top2 = a * left + c * high + e, b * left + d * high + f
    return (min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2),
            max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2))


def _resolved(v: Any) -> Any:
    """An attribute's value as pdfplumber's resolver gives it (a plain value as it is)."""
    return v if type(v) in _PLAIN or _plain_tuple(v) else resolve_all(v)


def _plain_tuple(v: Any) -> bool:
    """A tuple of plain values (a char's matrix): the resolver would copy it, equal and immutable."""
    return type(v) is tuple and _PLAIN.issuperset(map(type, v))


def _plain_points(v: Any) -> bool:
    return type(v) is list and all(map(_plain_tuple, v))


def lean_pages(pdf: Any) -> list[Any]:
    """``pdf.pages`` (a pdfplumber PDF's), each made a `LeanPage` (nothing read yet)."""
    pages = pdf.pages
    for page in pages:
        if type(page) is Page:
            page.__class__ = LeanPage
    return pages
