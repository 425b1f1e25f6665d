#!/usr/bin/env python3
"""Score OCR of the scanned corpus against the born-digital PDFs the scans were made from.

    score_ocr.py [SCAN ...] [--dpi N] [--workers N] [--cache-dir DIR | --no-cache] [--json]

SCAN defaults to every ``corpus/scanned/* (scan).pdf``; each is paired with the PDF of the
same name without " (scan)" in ``corpus/``. For each pair:

* CER: edit distance between the two texts divided by the born-digital length, with every
  redaction span (pdf_box / image_box runs, and nothing else) cut out and all white space
  collapsed to one space (line breaks may fall differently; characters may not).
* Boxes: each born-digital ``pdf_box`` is matched to an ``image_box`` on the same page with
  its centre within 10 pt (a skewed scan moves boxes a little) and the same size and shape
  (IoU >= 0.5 once centred on each other). "In the right line": the marker's line has
  nearly the same text in both (rapidfuzz ratio >= 85, markers as one █) and the marker is
  at the same word position (±1). "Same two words": the two words before and after it in
  its line are identical (no OCR junk from the box beside it).
  Recall = matched / born-digital boxes; precision = matched / image boxes.
* pages/s: reading the scans, OCR included, with a fresh (empty) cache unless --cache-dir
  names a warm one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from ingest.models import Page, SourceFile  # noqa: E402
from ingest.ocr import OcrSettings  # noqa: E402
from ingest.read_pdf import read_pdf  # noqa: E402

BOX_STYLES = {"pdf_box", "image_box"}
IOU_MIN = 0.5
# A scan moves its boxes: skew rotates the page about its centre (0.7 deg moves a corner
# ~4 pt). A found box matches a PDF box whose centre is this close and which, moved onto
# the same centre, it overlaps with IoU >= IOU_MIN (same size and shape).
MATCH_PT = 10.0
LINE_MATCH = 85  # rapidfuzz ratio of a box's line in the scan to its line in the PDF


def _without_boxes(page: Page) -> str:
    out, last = [], 0
    for span in sorted(page.redactions, key=lambda s: s.start):
        if span.style in BOX_STYLES:
            out.append(page.text[last:span.start])
            last = span.end
    out.append(page.text[last:])
    return " ".join("".join(out).split())


def _iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _centre_distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return (((a[0] + a[2]) - (b[0] + b[2])) ** 2 + ((a[1] + a[3]) - (b[1] + b[3])) ** 2) ** 0.5 / 2


def _moved(a: tuple[float, ...], onto: tuple[float, ...]) -> tuple[float, ...]:
    dx = (onto[0] + onto[2] - a[0] - a[2]) / 2
    dy = (onto[1] + onto[3] - a[1] - a[3]) / 2
    return (a[0] + dx, a[1] + dy, a[2] + dx, a[3] + dy)


def _line_at(page: Page, offset: int) -> tuple[str, int]:
    """The line holding ``offset`` (markers as one █) and the number of words before it."""
    start = page.text.rfind("\n", 0, offset) + 1
    end = page.text.find("\n", offset)
    line = page.text[start : len(page.text) if end < 0 else end]
    return re.sub("█+", "█", line), len(re.sub("█+", " █ ", page.text[start:offset]).split())


def _same_line(page: Page, offset: int, page2: Page, offset2: int) -> bool:
    """The marker sits in a line of (nearly) the same text, at the same word position (±1)."""
    (a, na), (b, nb) = _line_at(page, offset), _line_at(page2, offset2)
    return fuzz.ratio(a, b) >= LINE_MATCH and abs(na - nb) <= 1


def _context(page: Page, start: int, end: int) -> tuple[list[str], list[str]]:
    """Two words either side of a marker within its line (other markers shown as one █)."""
    line_start = page.text.rfind("\n", 0, start) + 1
    line_end = page.text.find("\n", end)
    line_end = len(page.text) if line_end < 0 else line_end

    def words(text: str) -> list[str]:
        return re.sub("█+", " █ ", text).split()

    return words(page.text[line_start:start])[-2:], words(page.text[end:line_end])[:2]


def score_pair(born: SourceFile, scan: SourceFile) -> dict:
    ref = " ".join(_without_boxes(p) for p in born.pages)
    hyp = " ".join(_without_boxes(p) for p in scan.pages)
    distance = Levenshtein.distance(ref, hyp)
    gold = [(p.number, s, p) for p in born.pages for s in p.redactions if s.style == "pdf_box"]
    found = [(p.number, s, p) for p in scan.pages for s in p.redactions if s.style == "image_box"]
    used: set[int] = set()
    matched = in_line = same_context = 0
    problems: list[str] = []
    for number, span, page in gold:
        best, best_d = None, MATCH_PT
        for i, (n2, s2, _) in enumerate(found):
            if n2 == number and i not in used and span.bbox and s2.bbox:
                d = _centre_distance(span.bbox, s2.bbox)
                if d <= best_d and _iou(_moved(s2.bbox, span.bbox), span.bbox) >= IOU_MIN:
                    best, best_d = i, d
        where = f"page {number} box at {tuple(round(v) for v in span.bbox or ())}"
        if best is None:
            problems.append(f"{where}: not found")
            continue
        used.add(best)
        matched += 1
        _, s2, p2 = found[best]
        if _same_line(page, span.start, p2, s2.start):
            in_line += 1
        else:
            problems.append(f"{where}: not in the same line as in the PDF")
        want, got = _context(page, span.start, span.end), _context(p2, s2.start, s2.end)
        if want == got:
            same_context += 1
        else:
            problems.append(f"{where}: context {want} in the PDF, {got} in the scan")
    for i, (number, s2, _) in enumerate(found):
        if i not in used:
            problems.append(f"page {number} extra image_box at {tuple(round(v) for v in s2.bbox or ())}")
    return {
        "pages": len(scan.pages),
        "ref_chars": len(ref),
        "edits": distance,
        "cer": distance / max(len(ref), 1),
        "boxes": len(gold),
        "image_boxes": len(found),
        "matched": matched,
        "in_line": in_line,
        "same_context": same_context,
        "recall": matched / len(gold) if gold else 1.0,
        "precision": matched / len(found) if found else 1.0,
        "problems": problems,
        "warnings": scan.warnings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scans", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=OcrSettings.dpi)
    parser.add_argument("--workers", type=int, default=1)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--cache-dir", help="OCR cache (default: a fresh temporary dir, so OCR runs)")
    group.add_argument("--no-cache", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scans = args.scans or sorted((ROOT / "corpus" / "scanned").glob("* (scan).pdf"))
    if not scans:
        print("score_ocr: no scans found in corpus/scanned", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        cache = None if args.no_cache else (args.cache_dir or tmp)
        settings = OcrSettings.from_env(cache_dir=cache or "", dpi=args.dpi)
        results = {}
        total_pages, total_time = 0, 0.0
        for scan_path in scans:
            born_path = scan_path.parent.parent / scan_path.name.replace(" (scan)", "")
            if not born_path.exists():
                print(f"score_ocr: {scan_path}: no born-digital {born_path.name}", file=sys.stderr)
                return 1
            born = read_pdf(str(born_path))
            started = time.perf_counter()
            scan = read_pdf(str(scan_path), ocr=settings, ocr_workers=args.workers)
            elapsed = time.perf_counter() - started
            total_pages += len(scan.pages)
            total_time += elapsed
            result = score_pair(born, scan)
            result["seconds"] = round(elapsed, 2)
            results[scan_path.name] = result
    summary = {
        "dpi": args.dpi,
        "workers": args.workers,
        "pages_per_second": round(total_pages / total_time, 2) if total_time else None,
        "files": results,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    for name, r in results.items():
        print(f"{name}: {r['pages']} pages, {r['seconds']}s")
        print(f"  CER {r['cer']:.2%} ({r['edits']} edits / {r['ref_chars']} chars)")
        print(f"  boxes: recall {r['recall']:.2%} ({r['matched']}/{r['boxes']}), "
              f"precision {r['precision']:.2%} ({r['matched']}/{r['image_boxes']}), "
              f"in the right line {r['in_line']}/{r['boxes']}, "
              f"same two words either side {r['same_context']}/{r['boxes']}")
        for line in r["problems"] + r["warnings"]:
            print(f"    {line}")
    print(f"OCR {summary['pages_per_second']} pages/s with {args.workers} worker(s) at {args.dpi} dpi")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
