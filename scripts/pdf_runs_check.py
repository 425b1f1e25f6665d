"""Compare the fast PDF path's two readings on any PDFs: text as runs (the default) against
every glyph read one by one from pdfium. Prints the pages that differ and both timings.

    .venv/bin/python scripts/pdf_runs_check.py bench/out/bench-seed7 --limit 40

The glyph-by-glyph reading is itself held equal to pdfplumber's on the corpus by
tests/test_perf_pdf_engine.py; this script extends the run check to PDFs outside the repo.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ingest.read_pdf as read_pdf_module  # noqa: E402
from ingest.pdf_pdfium import FastPage  # noqa: E402


def _signature(source) -> list[tuple]:
    return [(p.number, p.text,
             [(s.start, s.end, s.style, s.marker, s.text_beneath, tuple(round(v, 1) for v in s.bbox or ()))
              for s in p.redactions],
             [[r.cells for r in t.rows] for t in p.tables]) for p in source.pages]


def _glyph_page(doc, index, fonts=None):
    page = doc[index]
    try:
        return FastPage.from_page(page, fonts=fonts), 0  # runs=False: every glyph on its own
    except Exception:  # noqa: BLE001 - as read_pdf does: pdfplumber reads an odd page
        return None, 0
    finally:
        page.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="PDF files or folders")
    ap.add_argument("--limit", type=int, default=0, help="at most this many PDFs (every k-th)")
    args = ap.parse_args()
    pdfs = sorted(p for a in args.paths for p in ([Path(a)] if Path(a).is_file() else Path(a).rglob("*.pdf")))
    if args.limit and len(pdfs) > args.limit:
        step = len(pdfs) // args.limit
        pdfs = pdfs[::step][: args.limit]
    runs_path = read_pdf_module._fast_page
    t_runs = t_glyphs = 0.0
    pages = differ = 0
    for pdf in pdfs:
        read_pdf_module._fast_page = runs_path
        t0 = time.perf_counter()
        a = read_pdf_module.read_pdf(str(pdf))
        t_runs += time.perf_counter() - t0
        read_pdf_module._fast_page = _glyph_page
        t0 = time.perf_counter()
        b = read_pdf_module.read_pdf(str(pdf))
        t_glyphs += time.perf_counter() - t0
        for x, y in zip(_signature(a), _signature(b), strict=True):
            pages += 1
            if x != y:
                differ += 1
                print(f"differs: {pdf} page {x[0]}")
    read_pdf_module._fast_page = runs_path
    print(f"{len(pdfs)} PDFs, {pages} pages: {differ} differ; runs {t_runs:.2f} s, glyph by glyph {t_glyphs:.2f} s")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
