#!/usr/bin/env python3
"""Hold `ingest.pdf_plumber_page.LeanPage` to pdfplumber's own `Page` on any PDFs: every object
of every page (chars, lines, rects, curves, images) built both ways and compared key for key.

    .venv/bin/python scripts/pdf_plumber_page_check.py real/xray real/suffolk real/notlpc

Prints each page whose objects differ; exits 1 if any do. An image is compared by its repr
(its stream is a pdfminer object, and an inline image's name its id: neither is shared by two
opens of a file). tests/test_pdf_plumber_page.py holds the same on fixtures; this runs it on
files the tests cannot hold (real/ is never committed).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber  # noqa: E402

from ingest.pdf_plumber_page import lean_pages  # noqa: E402


def _comparable(objects: dict[str, list[dict[str, Any]]]) -> dict[str, list[Any]]:
    return {kind: ([repr({k: v for k, v in o.items() if k != "name"}) for o in objs] if kind == "image"
                   else [list(o.items()) for o in objs])  # (keys in order too)
            for kind, objs in objects.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="PDF files or folders")
    args = ap.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL + 1)
    pdfs = sorted({p for a in args.paths for p in ([Path(a)] if Path(a).is_file() else Path(a).rglob("*.pdf"))})
    pages = differ = 0
    for pdf in pdfs:
        try:
            with pdfplumber.open(str(pdf)) as plain, pdfplumber.open(str(pdf)) as lean:
                for a, b in zip(plain.pages, lean_pages(lean), strict=True):
                    pages += 1
                    if _comparable(a.objects) != _comparable(b.objects):
                        differ += 1
                        print(f"differs: {pdf} page {a.page_number}")
        except Exception as exc:  # noqa: BLE001 - a file pdfplumber cannot read is not a difference
            print(f"unread: {pdf}: {type(exc).__name__}")
    print(f"{len(pdfs)} PDFs, {pages} pages: {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
