"""pdfplumber's page with its objects built cheaper: the reader of record, unchanged in what it reads.

pdfplumber turns each of pdfminer's layout objects into a dict by filtering every attribute
through a generic, recursive resolver (``Page.process_object``). On a text-heavy page that
costs as much as pdfminer's own interpretation of the content stream, nearly all of it spent
on chars and paths, whose attributes are plain numbers, strings and tuples of numbers.
`LeanPage` builds a char's, a line's, a rect's and a curve's dict directly, key for key and
value for value as pdfplumber builds it (tests/test_pdf_plumber_page.py holds them equal);
any other object (an image, a figure) goes the original way.
"""

from __future__ import annotations

from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTCurve, LTLine, LTPage, LTRect
from pdfplumber.page import ALL_ATTRS, Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from ingest.pdf_content import LeanInterpreter

# Values pdfplumber's resolver hands back as they are.
_PLAIN = frozenset({float, int, str, bool, type(None)})
# pdfplumber's object_type of the path objects built here (its class name without "LT").
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
        device = PDFPageAggregatorWithMarkedContent(self.pdf.rsrcmgr, pageno=self.page_number,
                                                    laparams=self.pdf.laparams)
        interpreter = LeanInterpreter(self.pdf.rsrcmgr, device)
        try:
            interpreter.process_page(self.page_obj)
        except Exception as e:
            raise PdfminerException(e) from e
        self._layout: LTPage = device.get_result()
        return self._layout

    def process_object(self, obj: Any) -> dict[str, Any]:
        kind = type(obj)
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
                attr[k] = v if type(v) in _PLAIN or _plain_tuple(v) or (k == "pts" and _plain_points(v)) \
                    else resolve_all(v)
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


def _plain_tuple(v: Any) -> bool:
    """A tuple of plain values (a char's matrix): the resolver would copy it, equal and immutable."""
    return type(v) is tuple and all(type(x) in _PLAIN for x in v)


def _plain_points(v: Any) -> bool:
    return type(v) is list and all(map(_plain_tuple, v))


def lean_pages(pdf: Any) -> list[Any]:
    """``pdf.pages`` (a pdfplumber PDF's), each made a `LeanPage` (nothing read yet)."""
    pages = pdf.pages
    for page in pages:
        if type(page) is Page:
            page.__class__ = LeanPage
    return pages
