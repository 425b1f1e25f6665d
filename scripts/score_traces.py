"""Score `foi trace` links against the gold `traces` and print the table.

    .venv/bin/python scripts/score_traces.py                       # the seed
    .venv/bin/python scripts/score_traces.py corpus/ --verbose     # a folder, with misses and extras

Actions come from the extraction stage; where it gives none (``--gold-actions auto``, the
default) the gold actions are placed on the extracted passages so linking is still measured.
Exit status 1 when precision or recall is under the floor (0.8).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = 0.8


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / ".seed" / "mappa_foi_release.txt")])
    parser.add_argument("--gold", default=str(ROOT / "tests" / "data" / "seed_gold.json"))
    parser.add_argument("--gold-actions", choices=("auto", "always", "never"), default="auto",
                        help="place the gold actions on the passages: when extraction finds none (auto), always, never")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missed and extra links")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from index.trace import trace_documents
    from index.trace.score import actions_from_gold, score_traces
    from ingest.pipeline import extract_path

    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    documents = []
    for path in args.paths:
        if not Path(path).exists():
            print(f"{path}: no such file or folder", file=sys.stderr)
            return 2
        documents += extract_path(path)
    extracted = sum(len(d.actions) for d in documents)
    source = "extraction"
    if args.gold_actions == "always" or (args.gold_actions == "auto" and extracted == 0):
        for d in documents:
            d.actions = []
        actions_from_gold(documents, gold.get("actions", []))
        source = "gold actions placed on passages"
    traces = trace_documents(documents)
    score = score_traces(traces, gold)
    if args.json:
        print(json.dumps({"actions_from": source, **score.to_json()}, indent=2))
    else:
        print(f"documents: {len(documents)}  actions: {len(traces)} ({source})")
        print(score.table())
        if args.verbose:
            for m in score.unmatched_actions:
                print(f"  no action found for: {m}")
            for m in score.misses:
                print(f"  MISS  {m}")
            for e in score.extras:
                print(f"  EXTRA {e}")
    ok = score.total.precision >= FLOOR and score.total.recall >= FLOOR
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
