#!/usr/bin/env python3
"""Score extraction against the hand annotation of the seed release (tests/data/seed_gold.json).

    score_gold.py [PATH ...] [--gold FILE] [--json]

PATH defaults to corpus/.seed/mappa_foi_release.txt; files and folders are accepted. Each file
is scored against the part of the gold whose documents it holds (matched by document type and
date), so a corpus file holding only the NSG minutes is scored on those minutes alone.

Kinds: actions (matched one-to-one by fuzzy text within the same meeting date), owners (exact
list match on matched actions), due / due_date / recommendations (on matched actions),
recommendation refs (number + fuzzy quote), dates (text + iso, counted per occurrence),
plan_tasks (informational).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_GOLD = ROOT / "tests" / "data" / "seed_gold.json"
DEFAULT_PATH = ROOT / "corpus" / ".seed" / "mappa_foi_release.txt"
ACTION_MATCH = 80  # rapidfuzz ratio on normalised text
QUOTE_MATCH = 85  # rapidfuzz partial_ratio of a gold quote in an extracted reference's text


def _norm(text: str | None) -> str:
    # A █ run's length is the width of a box in a PDF, not part of what was written.
    text = re.sub("█+", "█", (text or "").replace("*", ""))
    return re.sub(r"\s+", " ", text).strip().strip("().,;").casefold()


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _rate(ok: int, n: int) -> dict:
    return {"correct": ok, "of": n, "rate": round(ok / n, 4) if n else 1.0}


def _gold_doc_for_line(gold: dict, line: int) -> dict | None:
    for d in gold["documents"]:
        if d["start_line"] <= line <= d["end_line"]:
            return d
    return None


def _gold_docs_present(gold: dict, docs: list[dict], seed_lines: list[str]) -> list[dict]:
    """Gold documents held in ``docs``: same type and date; where the gold has more documents of
    one type and date than ``docs`` (two copies of a meeting request), the closest in wording."""
    from rapidfuzz import fuzz

    chosen: list[dict] = []
    by_key: dict[tuple, list[dict]] = {}
    for g in gold["documents"]:
        by_key.setdefault((g["doc_type"], g["date"]), []).append(g)
    present = Counter((d["doc_type"], d["date"]) for d in docs)
    for key, golds in by_key.items():
        k = present[key]
        if not k:
            continue
        if k >= len(golds) or not seed_lines:
            chosen += golds
            continue
        texts = [" ".join(d["text"] for d in doc["passages"]) for doc in docs if (doc["doc_type"], doc["date"]) == key]

        def closeness(g: dict, texts: list[str] = texts) -> float:
            gtext = " ".join(seed_lines[g["start_line"] - 1:g["end_line"]])
            return max(fuzz.ratio(_norm(gtext), _norm(t)) for t in texts)

        chosen += sorted(golds, key=closeness, reverse=True)[:k]
    return chosen


def gold_subset(gold: dict, docs: list[dict], seed_lines: list[str] | None = None) -> dict:
    """The gold records of the documents present in ``docs`` (by doc type and date)."""
    held = _gold_docs_present(gold, docs, seed_lines or [])
    keys = {(g["doc_type"], g["date"]) for g in held}
    sub = {"actions": [a for a in gold["actions"] if (a["source_doc_type"], a["meeting_date"]) in keys],
           "recommendation_refs": [r for r in gold["recommendation_refs"]
                                   if (r["document_type"], r["document_date"]) in keys],
           "dates": [], "plan_tasks": gold["plan_tasks"] if any(k[0] == "improvement_plan" for k in keys) else []}
    for d in gold["dates"]:
        g = _gold_doc_for_line(gold, d["line"])
        if g and any(g is h for h in held):
            sub["dates"].append(d)
    return sub


def score(gold: dict, docs: list[dict]) -> dict:
    from rapidfuzz import fuzz

    # ---- actions -------------------------------------------------------------------------
    pred = [(d, a) for d in docs for a in d["actions"]]
    plan_pred = [(d, a) for d, a in pred if d["doc_type"] == "improvement_plan"]
    pred = [(d, a) for d, a in pred if d["doc_type"] != "improvement_plan"]
    used: set[int] = set()
    pairs = []
    for g in gold["actions"]:
        best, best_score = None, 0.0
        for i, (d, a) in enumerate(pred):
            if i in used or d["doc_type"] != g["source_doc_type"] or a["meeting_date"] != g["meeting_date"]:
                continue
            s = fuzz.ratio(_norm(g["text"]), _norm(a["text"]))
            if s > best_score:
                best, best_score = i, s
        if best is not None and best_score >= ACTION_MATCH:
            used.add(best)
            pairs.append((g, pred[best][1]))
    result = {"actions": _prf(len(pairs), len(pred), len(gold["actions"]))}
    result["owners_exact"] = _rate(sum(1 for g, a in pairs if [_norm(o) for o in a["owners"]]
                                       == [_norm(o) for o in g["owners"]]), len(pairs))
    result["owner_redacted"] = _rate(sum(1 for g, a in pairs if a["owner_redacted"] == g["owner_redacted"]), len(pairs))
    result["due"] = _rate(sum(1 for g, a in pairs if _norm(a["due"]) == _norm(g["due"])), len(pairs))
    result["due_date"] = _rate(sum(1 for g, a in pairs if a["due_date"] == g["due_date"]), len(pairs))
    result["action_recs"] = _rate(sum(1 for g, a in pairs if sorted(a["recommendations"]) == sorted(g["recommendations"])),
                                  len(pairs))
    result["action_number"] = _rate(sum(1 for g, a in pairs if a["number"] == g["number"]), len(pairs))
    mismatches = [{"gold": g["text"][:70], "field": f, "want": g[f], "got": a[f]}
                  for g, a in pairs for f in ("owners", "due", "due_date", "recommendations", "owner_redacted")
                  if (sorted(map(str, g[f])) != sorted(map(str, a[f])) if isinstance(g[f], list) else
                      (_norm(g[f]) != _norm(a[f]) if isinstance(g[f], str) or isinstance(a[f], str) else g[f] != a[f]))]
    missed_actions = [g["text"][:80] for g in gold["actions"] if all(g is not p[0] for p in pairs)]
    extra_actions = [a["text"][:80] for i, (_, a) in enumerate(pred) if i not in used]

    # ---- plan tasks (informational) -------------------------------------------------------
    plan_used: set[int] = set()
    plan_tp, plan_status = 0, 0
    for g in gold["plan_tasks"]:
        for i, (_, a) in enumerate(plan_pred):
            # a lead cell may name joint leads ("NSS/MDG"), read as one owner each
            lead_ok = bool(a["owners"]) and _norm("/".join(a["owners"])) == _norm(g["lead"])
            text_ok = g["task"] is None or fuzz.ratio(_norm(g["task"]), _norm(a["text"])) >= ACTION_MATCH
            if i not in plan_used and lead_ok and text_ok and a["number"] == g["task_number"]:
                plan_used.add(i)
                plan_tp += 1
                want = g["deadline"]
                plan_status += int(want is None or _norm(want) in (_norm(a["status"]), _norm(a["due"])))
                break
    result["plan_tasks"] = _prf(plan_tp, len(plan_pred), len(gold["plan_tasks"]))
    result["plan_deadline_or_status"] = _rate(plan_status, plan_tp)

    # ---- recommendation refs ------------------------------------------------------------------
    refs = [r for d in docs for r in d["recommendation_refs"]]
    ref_used: set[int] = set()
    ref_tp = 0
    missed_refs = []
    for g in gold["recommendation_refs"]:
        hit = None
        for i, r in enumerate(refs):
            if i not in ref_used and r["number"] == g["number"] and \
                    fuzz.partial_ratio(_norm(g["quote"]), _norm(r["text"])) >= QUOTE_MATCH:
                hit = i
                break
        if hit is None:
            missed_refs.append(g["quote"][:80])
        else:
            ref_used.add(hit)
            ref_tp += 1
    result["recommendation_refs"] = _prf(ref_tp, len(refs), len(gold["recommendation_refs"]))
    extra_refs = [f'{r["number"]}: {r["text"][:70]}' for i, r in enumerate(refs) if i not in ref_used]

    # ---- dates ---------------------------------------------------------------------------
    want = Counter((_norm(d["text"]), d["iso"]) for d in gold["dates"])
    got = Counter((_norm(d["text"]), d["iso"]) for d in docs for d in d["dates"])
    tp = sum((want & got).values())
    result["dates"] = _prf(tp, sum(got.values()), sum(want.values()))
    result["_detail"] = {
        "missed_actions": missed_actions, "extra_actions": extra_actions, "field_mismatches": mismatches,
        "missed_refs": missed_refs, "extra_refs": extra_refs,
        "missed_dates": sorted(f"{t!r} {i}" for (t, i), n in (want - got).items() for _ in range(n)),
        "extra_dates": sorted(f"{t!r} {i}" for (t, i), n in (got - want).items() for _ in range(n)),
    }
    return result


def extract_docs(path: str) -> list[dict]:
    from ingest.extract import link_documents
    from ingest.pipeline import extract_path

    documents = extract_path(path)
    link_documents(documents)
    return [d.to_json() for d in documents]


def _files(paths: list[str]) -> list[str]:
    from ingest.walk import walk

    return list(walk(paths).files)


TABLE_KINDS = [("actions", "prf"), ("owners_exact", "rate"), ("owner_redacted", "rate"), ("due", "rate"),
               ("due_date", "rate"), ("action_recs", "rate"), ("action_number", "rate"),
               ("recommendation_refs", "prf"), ("dates", "prf"), ("plan_tasks", "prf"),
               ("plan_deadline_or_status", "rate")]


def render(name: str, result: dict) -> str:
    lines = [f"== {name}", f"{'kind':<26}{'P':>7}{'R':>7}{'F1':>7}   counts"]
    for kind, shape in TABLE_KINDS:
        r = result[kind]
        if shape == "prf":
            lines.append(f"{kind:<26}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}   "
                         f"tp={r['tp']} pred={r['pred']} gold={r['gold']}")
        else:
            lines.append(f"{kind:<26}{'':>14}{r['rate']:>7.3f}   {r['correct']}/{r['of']} (rate on matched)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_PATH)])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--json", action="store_true", help="machine-readable results")
    parser.add_argument("--details", action="store_true", help="list misses and extras")
    parser.add_argument("--brief", action="store_true", help="one line per file: F1 of actions, refs, dates")
    args = parser.parse_args(argv)
    try:
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{args.gold}: cannot read gold file ({exc})", file=sys.stderr)
        return 2
    try:
        seed_lines = DEFAULT_PATH.read_text(encoding="utf-8").split("\n")
    except OSError:
        seed_lines = []
    results = {}
    for path in _files(args.paths):
        docs = extract_docs(path)
        sub = gold_subset(gold, docs, seed_lines)
        if not any(sub[k] for k in ("actions", "recommendation_refs", "dates")):
            continue
        results[path] = score(sub, docs)
    if not results:
        print("no file scored: none holds a document of the gold", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"schema": 1, "files": results}, indent=2, ensure_ascii=False))
        return 0
    for path, result in results.items():
        if args.brief:
            print(f"actions F1 {result['actions']['f1']:.3f}  owners {result['owners_exact']['rate']:.3f}  "
                  f"refs F1 {result['recommendation_refs']['f1']:.3f}  dates F1 {result['dates']['f1']:.3f}  "
                  f"plan {result['plan_tasks']['f1']:.3f}  {Path(path).name}")
            if not args.details:
                continue
        else:
            print(render(path, result))
        if args.details:
            for key, items in result["_detail"].items():
                for item in items:
                    print(f"   {key}: {item}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
