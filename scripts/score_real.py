#!/usr/bin/env python3
"""Score extraction on real papers of other bodies against their hand annotations.

Usage:
    .venv/bin/python scripts/score_real.py [SET ...] [--show-missed] [--json]

Each SET is a gold file ``scripts/gold/SET.json`` and its papers' folder (``SETS`` below),
fetched by ``scripts/fetch_real.sh`` / ``scripts/fetch_real_more.sh`` into the git-ignored
``real/``. With no SET, every set whose papers are present is scored. Prints, per set and in
total: meetings with the right date and group, actions P/R/F1 with owners exact, redaction
markers P/R (pdf boxes are counted apart: the gold annotates typed markers) and near misses
flagged as markers (must be 0). Documents, actions and recommendations are scored by the
shared scorer's own functions (``../shared/eval/score.py``), so the figures are the same.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
from rapidfuzz import fuzz  # noqa: E402
from score import norm, same_file, score_actions, score_documents, score_refs  # noqa: E402

SETS = {
    "suffolk_board": "real/suffolk/board",
    "suffolk_fohcl": "real/suffolk/fohcl",
    "suffolk_contract": "real/suffolk/contract",
    "notlpc": "real/notlpc",
    "asf": "real/asf",
    "openwis": "real/openwis",
    "swcsc": "real/swcsc",
    "nodetsc": "real/nodetsc",
    "vdbtsc": "real/vdbtsc",
    "aswftac": "real/aswftac",
    "sfpc": "real/sfpc",
    "wretton": "real/wretton",
    "artifactory": "real/artifactory",
    "fcr": "real/fcr",
    "lebpac": "real/lebpac",
    "biocab": "real/biocab",
    "souldern": "real/souldern",
    "scalaab": "real/scalaab",
    "mantidpmb": "real/mantidpmb",
    "ecutest": "real/ecutest",
    "uosl6": "real/uosl6",
    "decoy": "real/decoy",
    "haresfield": "real/haresfield",
    "milburn": "real/milburn",
    "pound": "real/pound",
    "jmmpgo": "real/jmmpgo",
    "cssuob": "real/cssuob",
    "appnaok": "real/appnaok",
}
_BOXES = {"pdf_box", "image_box", "docx_shading"}


def extract(folder: Path, foi: str) -> list[dict]:
    proc = subprocess.run([foi, "extract", str(folder), "--json"], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"foi extract failed on {folder}: {proc.stderr[-500:]}")
    return json.loads(proc.stdout)["documents"]


def _word(marker: str) -> str:
    return re.sub(r"[^a-z█*x■]", "", marker.lower())


def score_redactions(gold: dict, docs: list[dict]) -> tuple[dict, list[str]]:
    """Typed markers: a gold marker is found by a redaction on its page whose marker (or the
    text beneath a box) holds the same word. A near miss is flagged when a redaction sits in
    its quote."""
    preds = [dict(r, _src=d["source"]) for d in docs for r in d.get("redactions", [])]
    typed = [p for p in preds if p["style"] not in _BOXES]
    golds = gold.get("redactions", [])
    used: set[int] = set()
    found, missed = 0, []
    for g in golds:
        hit = None
        for j, p in enumerate(preds):
            if j in used or not same_file(g, p["_src"]) or (g.get("page") and p.get("page") != g["page"]):
                continue
            if _word(g["marker"]) in _word(p["marker"]) or _word(g["marker"]) in _word(p.get("text_beneath") or ""):
                hit = j
                break
        if hit is None:
            missed.append(f"MISSED {g['file']} p{g.get('page')}: {g['quote'][:60]}")
        else:
            used.add(hit)
            found += 1
    extra = [p for j, p in enumerate(preds) if j not in used and p["style"] not in _BOXES]
    near = 0
    for n in gold.get("near_misses", []):
        q = norm(n["quote"])
        for p in typed:
            around = norm(f"{p['context_before']} {p['marker']} {p['context_after']}")
            beside = norm(f"{p['context_before']} {p['context_after']}")
            # a marker alone on its line has no words around it to place it in a quote
            if same_file(n, p["_src"]) and len(beside) >= 8 and fuzz.partial_ratio(around, q) >= 90:
                near += 1
                missed.append(f"NEAR MISS FLAGGED {n['file']}: {n['quote'][:60]}")
                break
    missed += [f"EXTRA {p['_src'].split('/')[-1]} p{p['page']}: {p['marker']!r} {p['context_before'][-30:]!r}"
               for p in extra]
    p_ = (len(typed) - len(extra)) / len(typed) if typed else 1.0
    r_ = found / len(golds) if golds else 1.0
    f_ = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
    boxes = sum(1 for p in preds if p["style"] in _BOXES)
    return {"p": p_, "r": r_, "f1": f_, "gold": len(golds), "typed": len(typed), "boxes": boxes,
            "near_misses_flagged": near, "near_misses": len(gold.get("near_misses", []))}, missed


def score_set(name: str, foi: str, show: bool) -> dict | None:
    folder = ROOT / SETS[name]
    gold_path = ROOT / "scripts" / "gold" / f"{name}.json"
    if not folder.exists() or not gold_path.exists():
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    docs = extract(folder, foi)
    out: dict = {}
    if gold.get("documents"):
        (date_ok, group_ok, _), _extra, missed = score_documents(
            {"documents": [g for g in gold["documents"] if g.get("group") or g.get("date")]}, docs)
        out["documents"] = {"n": len(gold["documents"]), "date": date_ok,
                            "group": group_ok if any(g.get("group") for g in gold["documents"]) else None}
        if show:
            for m in missed:
                print("   ", name, m)
    if gold.get("actions"):
        (p, r, f), extra, missed = score_actions(gold, docs)
        out["actions"] = {"p": p, "r": r, "f1": f, "owners": extra["owner_exact"], "recs": extra["recs_exact"],
                          "gold": len(gold["actions"])}
        if show:
            for m in missed[:60]:
                print("   ", name, m)
    if gold.get("recommendation_refs"):
        (p, r, f), _extra, missed = score_refs(gold, docs)
        out["refs"] = {"p": p, "r": r, "f1": f}
    if gold.get("redactions") or gold.get("near_misses"):
        out["redactions"], missed = score_redactions(gold, docs)
        if show:
            for m in missed[:40]:
                print("   ", name, m)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", help=f"any of: {', '.join(SETS)}")
    ap.add_argument("--foi", default=str(ROOT / ".venv" / "bin" / "foi"))
    ap.add_argument("--show-missed", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    results = {}
    for name in a.sets or list(SETS):
        res = score_set(name, a.foi, a.show_missed)
        if res is not None:
            results[name] = res
    if a.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{'set':18s} {'meetings':>8s} {'date':>5s} {'group':>5s} | {'act P':>5s} {'R':>5s} {'F1':>5s} "
          f"{'owners':>6s} {'n':>4s} | {'red P':>5s} {'R':>5s} {'n':>3s} {'boxes':>5s} {'near':>6s}")
    for name, res in results.items():
        d, ac, rd = res.get("documents", {}), res.get("actions"), res.get("redactions")

        def f(x: float | None) -> str:
            return f"{x:5.2f}" if isinstance(x, float) else "    -"
        row = f"{name:18s} {d.get('n', 0):8d} {f(d.get('date'))} {f(d.get('group'))} | "
        row += (f"{f(ac['p'])} {f(ac['r'])} {f(ac['f1'])} {f(ac['owners']):>6s} {ac['gold']:4d} | " if ac
                else f"{'':5s} {'':5s} {'':5s} {'':6s} {'':4s} | ")
        if rd:
            row += (f"{f(rd['p'])} {f(rd['r'])} {rd['gold']:3d} {rd['boxes']:5d} "
                    f"{rd['near_misses_flagged']:>2d}/{rd['near_misses']:<3d}")
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
