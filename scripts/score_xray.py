#!/usr/bin/env python3
"""TP/FP/FN of `foi audit`'s text-under-box findings over a folder of labelled PDFs.

Usage: score_xray.py FOLDER BAD_FILE... (the files not named are labelled clean).
Each file is audited on its own (`foi audit FILE --format json`), as a user checks a release.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"text_under_box", "hidden_under_shading"}


def findings(path: Path) -> list[dict]:
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "foi"), "audit", str(path), "--format", "json"],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(f"  {path.name}: audit failed ({proc.returncode}): {proc.stderr.strip()[-200:]}")
        return []
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print(f"  {path.name}: no JSON from foi audit: {proc.stderr.strip()[-200:]}")
        return []
    return [f for f in report.get("findings", []) if f.get("kind") in KINDS]


def main(argv: list[str]) -> int:
    folder, bad = Path(argv[0]), set(argv[1:])
    tp = fp = fn = tn = 0
    for path in sorted(folder.glob("*.pdf")):
        found = findings(path)
        if path.name in bad:
            tp, fn = tp + bool(found), fn + (not found)
            mark = "TP" if found else "FN"
        else:
            fp, tn = fp + bool(found), tn + (not found)
            mark = "FP" if found else "ok"
        detail = "; ".join(f"p{f.get('page')} {str(f.get('text'))[:40]!r}" for f in found[:3])
        print(f"{mark:3s} {path.name:40s} {len(found):3d} {detail}")
    print(f"\nbad files found {tp} of {tp + fn}; clean files flagged {fp} of {fp + tn}")
    return 0 if fn == 0 and fp == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
