#!/usr/bin/env python3
"""Hold the parsers of `ingest.pdf_tokens` and `ingest.pdf_content` to pdfminer's on any PDFs:
every page's content streams, and those of the form XObjects and Type 3 glyphs they use, read
by `LeanContentParser` and pdfminer's `PDFContentParser` (objects compared by position, type
and value); every object of the file read through a `lean_document` and a plain one; every
ToUnicode map read by `LeanCMapParser` and pdfminer's `CMapParser`.

    .venv/bin/python scripts/pdf_content_check.py real/xray real/suffolk corpus

Prints each stream, object or map that differs, then the counts compared; exits 1 if any
differ. tests/test_pdf_content.py holds the tokenizer's edge cases; this runs it on files the
tests cannot hold (real/ is never committed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import io  # noqa: E402

from pdfminer.cmapdb import CMapParser, FileUnicodeMap  # noqa: E402
from pdfminer.pdfdocument import PDFDocument  # noqa: E402
from pdfminer.pdfinterp import PDFContentParser  # noqa: E402
from pdfminer.pdfpage import PDFPage  # noqa: E402
from pdfminer.pdfparser import PDFParser  # noqa: E402
from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, resolve1  # noqa: E402
from pdfminer.psparser import PSEOF  # noqa: E402

from ingest.pdf_content import LeanContentParser  # noqa: E402
from ingest.pdf_tokens import LeanCMapParser, lean_document  # noqa: E402


def canonical(obj: Any, depth: int = 0) -> Any:
    """A PDF object as comparable values (references by number, streams by their raw bytes)."""
    if depth > 50:
        return "..."
    if isinstance(obj, dict):
        return ("dict", sorted((str(k), canonical(v, depth + 1)) for k, v in obj.items()))
    if isinstance(obj, list):
        return ("list", [canonical(v, depth + 1) for v in obj])
    if isinstance(obj, PDFObjRef):
        return ("ref", obj.objid)
    if isinstance(obj, PDFStream):
        return ("stream", canonical(obj.attrs, depth + 1), obj.rawdata)
    return (type(obj).__name__, repr(obj))


def document_objects(path: Path, lean: bool) -> dict[int, Any]:
    """Every object of the file's cross-reference tables, read plainly or through `lean_document`."""
    out: dict[int, Any] = {}
    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        if lean:
            lean_document(doc)
        ids = sorted({i for xref in doc.xrefs for i in xref.get_objids()})
        for objid in ids:
            try:
                out[objid] = canonical(doc.getobj(objid))
            except Exception as exc:  # noqa: BLE001 - both must fail alike
                out[objid] = ("error", type(exc).__name__)
    return out


def unicode_maps(path: Path) -> tuple[int, int]:
    """(ToUnicode maps read, maps that differ between `LeanCMapParser` and `CMapParser`)."""
    count = differ = 0
    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        for objid in sorted({i for xref in doc.xrefs for i in xref.get_objids()}):
            try:
                obj = doc.getobj(objid)
                stream = resolve1(obj.get("ToUnicode")) if isinstance(obj, dict) else None
                if not isinstance(stream, PDFStream):
                    continue
                data = stream.get_data()
            except Exception:  # noqa: BLE001 - an unreadable font is not a difference
                continue
            maps = []
            for parser in (CMapParser, LeanCMapParser):
                cmap = FileUnicodeMap()
                try:
                    parser(cmap, io.BytesIO(data)).run()
                    maps.append(cmap.cid2unichr)
                except Exception as exc:  # noqa: BLE001 - both must fail alike
                    maps.append(("error", type(exc).__name__))
            count += 1
            if maps[0] != maps[1]:
                differ += 1
                print(f"differs: {path}: ToUnicode map of object {objid}")
    return count, differ


def objects(parser_class: type, streams: list[Any], bufsiz: int | None = None, messages: bool = True) -> list[tuple]:
    """Every object the parser reads from ``streams``, as comparable tuples (``bufsiz``: the
    parser's buffer size, to cut tokens at every place; ``messages``: an error's text too, not
    only its type). tests/test_pdf_content.py reads its fixtures through this too."""
    if bufsiz is not None:
        parser_class = type("Sized", (parser_class,), {"BUFSIZ": bufsiz})
    out: list[tuple] = []
    try:
        parser = parser_class(streams)
    except PSEOF:
        return out
    while True:
        try:
            pos, obj = parser.nextobject()
        except PSEOF:
            return out
        except Exception as exc:  # noqa: BLE001 - both must fail alike
            out.append(("error", type(exc).__name__, *((str(exc),) if messages else ())))
            return out
        value = (obj.attrs, obj.rawdata) if isinstance(obj, PDFStream) else obj
        out.append((pos, type(obj).__name__, repr(value)))


def content_streams(page: Any) -> list[list[Any]]:
    """The page's content, and each form's and Type 3 glyph's stream its resources reach."""
    found: list[list[Any]] = [list(page.contents)] if page.contents else []
    seen: set[int] = set()

    def walk(resources: Any, depth: int) -> None:
        resources = dict_value(resources)
        for ref in dict_value(resources.get("XObject", {})).values():
            x = resolve1(ref)
            if isinstance(x, PDFStream) and id(x) not in seen and depth < 8:
                seen.add(id(x))
                found.append([x])
                walk(x.get("Resources", {}), depth + 1)
        for ref in dict_value(resources.get("Font", {})).values():
            font = dict_value(resolve1(ref))
            for proc in dict_value(font.get("CharProcs", {})).values():
                p = resolve1(proc)
                if isinstance(p, PDFStream) and id(p) not in seen:
                    seen.add(id(p))
                    found.append([p])

    walk(page.resources, 0)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="PDF files or folders")
    args = ap.parse_args()
    pdfs = sorted({p for a in args.paths for p in ([Path(a)] if Path(a).is_file() else Path(a).rglob("*.pdf"))})
    streams = count = differ = 0
    objects_read = objects_differ = maps_read = maps_differ = 0
    for pdf in pdfs:
        try:
            plain, lean = document_objects(pdf, False), document_objects(pdf, True)
            objects_read += len(plain)
            for objid in sorted(set(plain) | set(lean)):
                if plain.get(objid) != lean.get(objid):
                    objects_differ += 1
                    print(f"differs: {pdf}: object {objid}")
            n, d = unicode_maps(pdf)
            maps_read, maps_differ = maps_read + n, maps_differ + d
        except Exception as exc:  # noqa: BLE001 - a file pdfminer cannot open is not a difference
            print(f"unread: {pdf}: {type(exc).__name__}")
        try:
            with open(pdf, "rb") as fh:
                doc = PDFDocument(PDFParser(fh))
                for number, page in enumerate(PDFPage.create_pages(doc), 1):
                    for group in content_streams(page):
                        a, b = objects(PDFContentParser, group), objects(LeanContentParser, group)
                        streams += 1
                        count += len(a)
                        if a != b:
                            differ += 1
                            at = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
                            print(f"differs: {pdf} page {number}, object {at}: "
                                  f"{a[at] if at < len(a) else None} / {b[at] if at < len(b) else None}")
        except Exception as exc:  # noqa: BLE001 - a file pdfminer cannot open is not a difference
            print(f"unread: {pdf}: {type(exc).__name__}")
    print(f"{streams} content streams, {count} objects; {differ} streams differ")
    print(f"{objects_read} file objects; {objects_differ} differ")
    print(f"{maps_read} ToUnicode maps; {maps_differ} differ")
    return 1 if differ or objects_differ or maps_differ else 0


if __name__ == "__main__":
    sys.exit(main())
