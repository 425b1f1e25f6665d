"""Score `foi trace` against the hand-annotated traces and print one table.

    .venv/bin/python scripts/score_traces.py                    # the seed and every real development set
    .venv/bin/python scripts/score_traces.py --set suffolk_board --verbose    # one set, with misses and extras
    .venv/bin/python scripts/score_traces.py --gold G.json PATH              # any gold (either shape) on any files

Columns: actions found / annotated; gold follow-ups; recall; recall within each action's first
five follow-ups (rec@5); links shown for the annotated actions; precision (each shown link
checked against that action's gold follow-ups); label accuracy (of the follow-ups found, how many
carry the gold relation). Reads both gold shapes (``action`` + ``file``, or the seed's
``action_quote`` + ``document_date``); see ``index/trace/score.py``.

Actions come from the extraction stage only. ``--cache DIR`` keeps the extracted documents
between runs (keyed by the files' paths, sizes and times), for tuning.
Exit status 1 when a set is under its floor.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# name -> (gold, papers, floors: recall within the first five, precision, label accuracy)
SETS = {
    "seed": ("tests/data/seed_gold.json", "corpus/.seed/mappa_foi_release.txt", (0.95, 0.9, 0.0)),
    "suffolk_board": ("scripts/gold/suffolk_board.json", "real/suffolk/board", (0.8, 0.7, 0.7)),
    "suffolk_fohcl": ("scripts/gold/suffolk_fohcl.json", "real/suffolk/fohcl", (0.8, 0.7, 0.7)),
    "notlpc": ("scripts/gold/notlpc.json", "real/notlpc", (0.8, 0.7, 0.7)),
    "asf": ("scripts/gold/asf.json", "real/asf", (0.8, 0.7, 0.7)),
    "openwis": ("scripts/gold/openwis.json", "real/openwis", (0.8, 0.7, 0.7)),
    "swcsc": ("scripts/gold/swcsc.json", "real/swcsc", (0.8, 0.7, 0.7)),
    "nodetsc": ("scripts/gold/nodetsc.json", "real/nodetsc", (0.8, 0.7, 0.7)),
    "vdbtsc": ("scripts/gold/vdbtsc.json", "real/vdbtsc", (0.8, 0.7, 0.7)),
    "aswftac": ("scripts/gold/aswftac.json", "real/aswftac", (0.8, 0.7, 0.7)),
    "sfpc": ("scripts/gold/sfpc.json", "real/sfpc", (0.8, 0.7, 0.7)),
    "wretton": ("scripts/gold/wretton.json", "real/wretton", (0.8, 0.7, 0.7)),
    "artifactory": ("scripts/gold/artifactory.json", "real/artifactory", (0.8, 0.7, 0.7)),
    "fcr": ("scripts/gold/fcr.json", "real/fcr", (0.8, 0.7, 0.7)),
    "lebpac": ("scripts/gold/lebpac.json", "real/lebpac", (0.8, 0.7, 0.7)),
    "biocab": ("scripts/gold/biocab.json", "real/biocab", (0.8, 0.7, 0.7)),
    "souldern": ("scripts/gold/souldern.json", "real/souldern", (0.8, 0.7, 0.7)),
    "scalaab": ("scripts/gold/scalaab.json", "real/scalaab", (0.8, 0.7, 0.7)),
    "mantidpmb": ("scripts/gold/mantidpmb.json", "real/mantidpmb", (0.8, 0.7, 0.7)),
    "ecutest": ("scripts/gold/ecutest.json", "real/ecutest", (0.8, 0.7, 0.7)),
    "uosl6": ("scripts/gold/uosl6.json", "real/uosl6", (0.8, 0.7, 0.7)),
    "decoy": ("scripts/gold/decoy.json", "real/decoy", (0.8, 0.7, 0.7)),
    "haresfield": ("scripts/gold/haresfield.json", "real/haresfield", (0.8, 0.7, 0.7)),
    "milburn": ("scripts/gold/milburn.json", "real/milburn", (0.8, 0.7, 0.7)),
    "pound": ("scripts/gold/pound.json", "real/pound", (0.8, 0.7, 0.7)),
    "jmmpgo": ("scripts/gold/jmmpgo.json", "real/jmmpgo", (0.8, 0.7, 0.7)),
    "cssuob": ("scripts/gold/cssuob.json", "real/cssuob", (0.8, 0.7, 0.7)),
    "appnaok": ("scripts/gold/appnaok.json", "real/appnaok", (0.8, 0.7, 0.7)),
}


def _extract(path: str, cache: str | None) -> list:
    from ingest.pipeline import extract_path

    if not cache:
        return extract_path(path)
    files = sorted(p for p in Path(path).rglob("*") if p.is_file()) if Path(path).is_dir() else [Path(path)]
    from ingest.pipeline import PIPELINE_VERSION

    # the pipeline's version too: a cache of an older reading would score old extraction
    key = hashlib.sha256(json.dumps([PIPELINE_VERSION] + [(str(f), f.stat().st_size, f.stat().st_mtime)
                                                          for f in files]).encode()).hexdigest()
    os.makedirs(cache, exist_ok=True)
    hit = Path(cache) / f"{key[:20]}.pkl"
    if hit.exists():
        return pickle.loads(hit.read_bytes())
    docs = extract_path(path)
    hit.write_bytes(pickle.dumps(docs))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="papers to trace (with --gold)")
    parser.add_argument("--gold", help="a gold file (either shape); with PATHS")
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS), help="only this set (repeatable)")
    parser.add_argument("--cache", help="keep extracted documents in this folder between runs")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses, extras and wrong labels")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from index.trace import select_traces
    from index.trace.score import score_set, table

    if args.gold:
        if not args.paths:
            parser.error("--gold needs the PATHS it annotates")
        runs = [(Path(args.gold).stem, args.gold, args.paths, (0.8, 0.7, 0.7))]
    else:
        runs = [(name, gold, [papers], floors) for name, (gold, papers, floors) in SETS.items()
                if not args.sets or name in args.sets]
    scores, ok = [], True
    for name, gold_path, paths, floors in runs:
        gold = json.loads((ROOT / gold_path if not Path(gold_path).is_absolute() else Path(gold_path)).read_text("utf-8"))
        documents = []
        for path in paths:
            full = str(ROOT / path) if not Path(path).exists() else path
            if not Path(full).exists():
                print(f"{path}: no such file or folder", file=sys.stderr)
                return 2
            documents += _extract(full, args.cache)
        traces = select_traces(documents, every=True)
        score = score_set(name, traces, gold)
        scores.append(score)
        ok &= score.recall_first >= floors[0] and score.precision >= floors[1] and score.label_accuracy >= floors[2]
    if args.json:
        print(json.dumps({"sets": [s.row() for s in scores]}, indent=2))
    else:
        print(table(scores))
        if args.verbose:
            for s in scores:
                print(f"\n== {s.name}")
                for m in s.unmatched_actions:
                    print(f"  NO ACTION  {m[:100]}")
                for m in s.misses:
                    print(f"  MISS  {m}")
                for e in s.extras:
                    print(f"  EXTRA {e}")
                for w in s.wrong_labels:
                    print(f"  LABEL {w}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
