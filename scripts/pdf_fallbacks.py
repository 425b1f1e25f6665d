#!/usr/bin/env python3
"""Why real PDF pages leave the fast path, and the read stage beside pdftotext, on any PDFs.

Usage: .venv/bin/python scripts/pdf_fallbacks.py [--json] DIR_OR_PDF... (e.g. real/xray real/suffolk)

Reads every PDF once with the default (fast) engine, counting each page that pdfplumber had to
read by the reason the fast path gave; times the same files through `pdftotext -layout` in the
same run. Prints pages, pages per second for both, the ratio, and the reasons (``--json``: the
same as one JSON object, which bench/run.py reads).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(files: list[Path]) -> dict:
    """The read stage and pdftotext on ``files``, in this process: pages, seconds, fallbacks."""
    import pdfplumber  # noqa: F401 - imported before the clock, as bench/run.py's stages part does

    from ingest.pdf_pdfium import FALLBACKS
    from ingest.read_pdf import read_pdf

    FALLBACKS.clear()
    pages, errors, began = 0, [], time.perf_counter()
    for path in files:
        try:
            pages += len(read_pdf(str(path), engine="fast").pages)
        except Exception as exc:  # noqa: BLE001 - a file that cannot be read is counted, not fatal
            errors.append(f"{path}: {exc}")
    ours = time.perf_counter() - began
    theirs = None
    if shutil.which("pdftotext"):
        began = time.perf_counter()
        for path in files:
            subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=False)
        theirs = time.perf_counter() - began
    return {"files": len(files), "pages": pages, "read_s": ours, "pdftotext_s": theirs, "errors": errors,
            "fallbacks": dict(FALLBACKS.most_common())}


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    argv = [a for a in argv if a != "--json"]
    files = sorted({p for a in argv for p in ([Path(a)] if Path(a).is_file() else Path(a).rglob("*.pdf"))})
    if not files:
        print("no PDFs given", file=sys.stderr)
        return 2
    m = measure(files)
    if as_json:
        print(json.dumps(m))
        return 0
    for error in m["errors"]:
        print(error, file=sys.stderr)
    pages, ours = m["pages"], m["read_s"]
    theirs = m["pdftotext_s"] if m["pdftotext_s"] is not None else float("nan")
    print(f"{len(files)} PDFs, {pages} pages")
    print(f"read stage  {pages / ours:8.1f} pages/s   pdftotext {pages / theirs:8.1f} pages/s   "
          f"ratio {ours / theirs:.1f}x")
    fell = sum(m["fallbacks"].values())
    print(f"pages read by pdfplumber: {fell} of {pages}")
    for reason, n in m["fallbacks"].items():
        print(f"  {n:5d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
