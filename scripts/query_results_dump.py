#!/usr/bin/env python3
"""Hold a change to the search path to the same results: every query of bench/run.py's set (and a
few more phrases) on the bench's prebuilt Whoosh indexes, each on a fresh backend as every
`foi search` has it, dumped as JSON: per query the top 200 (the window `foi search` asks for:
passage ids, scores to 6 places, matched words, in order) and the whole ranking (limit None),
with the totals.

    .venv/bin/python scripts/query_results_dump.py --out before.json
    .venv/bin/python scripts/query_results_dump.py --compare before.json

``--compare`` prints each query whose results differ and exits 1 if any do. The indexes are
bench/run.py's (bench/out/, built by `bench/run.py --only query` first).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  bench/run.py: the query set and the indexes

from index.engine.backend import Filters  # noqa: E402
from index.engine.query import parse  # noqa: E402
from index.engine.whoosh_backend import WhooshBackend  # noqa: E402

WINDOW = 200
SEED = 7
# Beyond the bench's set: phrases of other lengths and shapes (a word twice, a rare word, common
# words only), the paths a phrase takes through the evaluator.
EXTRA: list[tuple[str, int | None]] = [
    ('"the next meeting"', None),
    ('"update at the next"', None),
    ('"at the next meeting"', 2017),
    ('"further update"', None),
    ('"the the"', None),
    ('"of the"', None),
    ('"to the committee"', None),
    ('"risk register" "action plan"', None),
    ('"further update at the next meeting" vetting', None),
    ('"further update at the next meeting" OR fraud', None),
    ('"recommendation 4" procurement', None),
    ('"action plan" -fraud', None),
    ('"care home"', 2018),
    ('"body worn video camera"', None),
]


def _folder(n: int) -> Path:
    from index.engine.whoosh_backend import ENGINE_VERSION

    return bench.OUT / f"engine-{n}-seed{SEED}-v{bench.generate.GENERATOR_VERSION}-e{ENGINE_VERSION}"


def _one(folder: Path, text: str, year: int | None, limit: int | None) -> dict:
    backend = WhooshBackend(str(folder))
    try:
        result = backend.search(parse(text).query, Filters(years=[year] if year else []), limit)
        path = backend.last_path
    finally:
        backend.close()
    out: dict = {"total": result.total, "path": path}
    if limit is None:
        out["ranking"] = [[h.passage_id, round(h.score, 6)] for h in result.hits]
    else:
        out["hits"] = [[h.passage_id, h.doc_id, round(h.score, 6), sorted(h.matched)] for h in result.hits]
    return out


def dump(sizes: list[int]) -> dict:
    queries = [(text, year) for text, _match, year in bench.QUERIES] + EXTRA
    found: dict = {}
    for n in sizes:
        folder = _folder(n)
        if not (folder / "BENCH_COMPLETE").exists():
            raise SystemExit(f"no index at {folder}: run bench/run.py --only query first")
        for text, year in queries:
            key = f"{n} {text}" + (f" --year {year}" if year else "")
            found[key] = {"window": _one(folder, text, year, WINDOW), "all": _one(folder, text, year, None)}
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--out", help="write the dump here")
    ap.add_argument("--compare", help="compare with this earlier dump")
    args = ap.parse_args()
    found = dump([int(s) for s in args.sizes.split(",")])
    if args.out:
        Path(args.out).write_text(json.dumps(found, indent=0, sort_keys=True))
    hits = sum(len(v["window"]["hits"]) + len(v["all"]["ranking"]) for v in found.values())
    print(f"{len(found)} queries, {hits:,} hits (top {WINDOW} and whole rankings)")
    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        differ = [k for k in sorted(set(before) | set(found))
                  if {x: y for x, y in before.get(k, {}).get("window", {}).items() if x != "path"}
                  != {x: y for x, y in found.get(k, {}).get("window", {}).items() if x != "path"}
                  or {x: y for x, y in before.get(k, {}).get("all", {}).items() if x != "path"}
                  != {x: y for x, y in found.get(k, {}).get("all", {}).items() if x != "path"}]
        for k in differ:
            print(f"DIFFERS: {k}")
        print(f"compared with {args.compare}: {len(differ)} of {len(found)} queries differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
