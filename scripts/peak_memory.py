#!/usr/bin/env python3
"""Peak memory (RSS) of `foi ingest` as a user meets it: one fresh process per case.

Usage: .venv/bin/python scripts/peak_memory.py [--limit-mb 1024]

Cases: the bundled corpus, and hostile files made here (a DOCX whose document.xml expands to
600 MB, a ZIP bomb, a poster-sized scanned page, a PDF page of 200,000 text objects, a
2-million-line text file, a query of 1,200 words). Prints wall seconds, peak RSS and exit code per case; exit 1 when a case goes
over the limit (the issue's bound is 1 GB).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str]) -> tuple[float, float, int]:
    began = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.chdir(ROOT)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(sys.executable, [sys.executable, "-m", "search_cli", *args])
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - began, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _cases(tmp: Path) -> list[tuple[str, list[str]]]:
    bomb = tmp / "bomb"
    bomb.mkdir()
    with zipfile.ZipFile(bomb / "minutes.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for _ in range(600):
                f.write(b"<w:t>" + b"a" * (1 << 20))
    zipped = tmp / "zipbomb"
    zipped.mkdir()
    with zipfile.ZipFile(zipped / "release.zip", "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("zeros.txt", "w", force_zip64=True) as f:
            for _ in range(1024):
                f.write(b"\0" * (1 << 20))
    lines = tmp / "lines"
    lines.mkdir()
    with open(lines / "log.txt", "w", encoding="utf-8") as f:
        for i in range(2_000_000):
            f.write(f"line {i} of the export\n")
    poster = tmp / "poster"
    poster.mkdir()
    from PIL import Image
    from reportlab.pdfgen import canvas

    Image.new("L", (64, 64), 255).save(tmp / "scan.png")
    c = canvas.Canvas(str(poster / "poster.pdf"), pagesize=(14_400, 14_400))
    c.drawImage(str(tmp / "scan.png"), 0, 0, width=14_400, height=14_400)
    c.save()
    dense = tmp / "dense"
    dense.mkdir()
    c = canvas.Canvas(str(dense / "dense.pdf"), pagesize=(612, 842))
    c.setFont("Helvetica", 4)
    for i in range(200_000):  # one text object each: the 200,000-object page
        c.drawString(20 + (i % 100) * 5.7, 800 - (i // 100) % 780, "a")
    c.save()
    words = " ".join(f"word{i}" for i in range(1200))
    return [
        ("corpus/ (bundled release)", ["--index", str(tmp / "ix-corpus"), "ingest", "corpus/"]),
        ("DOCX expanding to 600 MB", ["--index", str(tmp / "ix-bomb"), "ingest", str(bomb)]),
        ("ZIP of 1 GB of zeros", ["--index", str(tmp / "ix-zip"), "ingest", str(zipped)]),
        ("text file of 2,000,000 lines", ["--index", str(tmp / "ix-lines"), "ingest", str(lines)]),
        ("scanned page 14,400 pt square", ["--index", str(tmp / "ix-poster"), "ingest", str(poster)]),
        ("PDF page of 200,000 text objects", ["--index", str(tmp / "ix-dense"), "ingest", str(dense)]),
        ("query of 1,200 words", ["--index", str(tmp / "ix-corpus"), "search", words]),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit-mb", type=float, default=1024.0)
    a = ap.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'case':34s} {'seconds':>8s} {'peak MB':>8s} {'exit':>4s}")
        for name, args in _cases(Path(tmp)):
            seconds, peak, code = _run(args)
            worst = max(worst, peak)
            print(f"{name:34s} {seconds:8.1f} {peak:8.0f} {code:4d}")
    print(f"\nworst peak {worst:.0f} MB (limit {a.limit_mb:.0f} MB)")
    return 0 if worst <= a.limit_mb else 1


if __name__ == "__main__":
    sys.exit(main())
