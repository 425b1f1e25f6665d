#!/usr/bin/env python3
"""Hold the fast PDF path to pdfplumber's reading on any PDFs: every page read with the default
(fast) engine and again with pdfplumber alone, compared by text, redaction spans and table cells.

    .venv/bin/python scripts/pdf_equal_check.py real/xray real/suffolk real/notlpc

Prints each page that differs (and whether the fast path read it), then the pages the fast
path read (and of them those read with spaces its text page left out, `MergedSpaces`) and the
count that differ; exits 1 if any differ. This is the check to run before the
fast path claims a new shape of page: tests build fixtures of the shape, this runs it on files
the tests cannot hold (real/ is never committed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ingest.read_pdf as read_pdf_module  # noqa: E402
from ingest.pdf_pdfium import FALLBACKS  # noqa: E402

# Redaction boxes as pdfium's float32 gives them against pdfminer's float64: equal within this.
_BOX_TOLERANCE = 0.01


def _signature(page: Any) -> tuple:
    return (page.number, page.text,
            [(s.start, s.end, s.style, s.marker, s.text_beneath) for s in page.redactions],
            [[r.cells for r in t.rows] for t in page.tables])


def _same(a: Any, b: Any) -> bool:
    boxes = [[s.bbox or () for s in p.redactions] for p in (a, b)]
    return _signature(a) == _signature(b) and all(
        len(x) == len(y) and all(abs(u - v) <= _BOX_TOLERANCE for u, v in zip(x, y, strict=True))
        for x, y in zip(*boxes, strict=True))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="PDF files or folders")
    args = ap.parse_args()
    pdfs = sorted({p for a in args.paths for p in ([Path(a)] if Path(a).is_file() else Path(a).rglob("*.pdf"))})
    plain_read_page_from = read_pdf_module._read_page_from
    fast_numbers: set[int] = set()
    merged_numbers: set[int] = set()  # of those, pages read with spaces pdfium's text page left out

    def counting(fast: Any, plumber_page: Any, number: int, carry: Any = None) -> Any:
        # A page is the fast path's when pdfium gave it and the layout did not hand it back.
        before = sum(FALLBACKS.values())
        out = plain_read_page_from(fast, plumber_page, number, carry)
        if fast is not None and sum(FALLBACKS.values()) == before:
            fast_numbers.add(number)
            if fast.merged:
                merged_numbers.add(number)
        return out

    pages = fast_pages = merged_pages = differ = fast_differ = 0
    read_pdf_module._read_page_from = counting
    try:
        for pdf in pdfs:
            fast_numbers.clear()
            merged_numbers.clear()
            try:
                a = read_pdf_module.read_pdf(str(pdf), engine="fast")
                b = read_pdf_module.read_pdf(str(pdf), engine="plumber")
            except Exception as exc:  # noqa: BLE001 - a file neither reads is not a difference
                print(f"unread: {pdf}: {exc}")
                continue
            if len(a.pages) != len(b.pages):
                print(f"differs: {pdf}: {len(a.pages)} pages fast, {len(b.pages)} by pdfplumber")
                differ += 1
                continue
            for x, y in zip(a.pages, b.pages, strict=True):
                pages += 1
                fast = x.number in fast_numbers
                fast_pages += fast
                merged_pages += x.number in merged_numbers
                if not _same(x, y):
                    differ += 1
                    fast_differ += fast
                    print(f"differs: {pdf} page {x.number} ({'fast path' if fast else 'pdfplumber'})")
    finally:
        read_pdf_module._read_page_from = plain_read_page_from
    print(f"{len(pdfs)} PDFs, {pages} pages, {fast_pages} read by the fast path "
          f"({merged_pages} with spaces its text page left out): "
          f"{differ} differ ({fast_differ} of them read by the fast path)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
