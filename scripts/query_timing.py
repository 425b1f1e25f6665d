"""Query timing for the Whoosh backend (not a test): p50/p95 of a fixed query set.

    .venv/bin/python scripts/query_timing.py                 # 10,000 and 100,000 passages
    .venv/bin/python scripts/query_timing.py --sizes 10000 --reference

The query set, the synthetic passages (bench/generate.py's passages-only mode, seed 7) and
the indexes are bench/run.py's, cached under bench/out/ (built there on first use). ``--reference`` also times Whoosh's collector path
(`WhooshBackend.search_collector`, the code before the set-at-a-time evaluator) and checks
both give the same hits and totals. ``--fts5`` times SQLite FTS5 over the same passages.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  bench/run.py: the query set, the passages and the indexes it times

from index.engine.backend import Filters  # noqa: E402
from index.engine.query import parse  # noqa: E402

WINDOW = 200  # what `foi search` fetches for 10 shown hits
SEED = 7
QUERIES = bench.QUERIES  # (what a user types, the FTS5 MATCH asking the same, year filter)
pct = bench._pct


def time_path(name: str, run, repeat: int) -> tuple[list[float], list[tuple[float, str]]]:
    times, per = [], []
    for text, match, year in QUERIES:
        run(text, match, year)  # warm-up
        best = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            run(text, match, year)
            best.append(time.perf_counter() - t0)
        times += best
        per.append((min(best), text + (f" --year {year}" if year else "")))
    return times, per


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reference", action="store_true", help="also time and compare the collector path")
    ap.add_argument("--fts5", action="store_true", help="also time SQLite FTS5 on the same passages")
    ap.add_argument("--per-query", action="store_true")
    args = ap.parse_args()
    print(f"{len(QUERIES)} queries, top {WINDOW} + exact total, each {args.repeat}x after a warm-up\n")
    print("| passages | path | p50 | p95 | slowest |")
    print("|---|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        # The benchmark's cached passages and indexes (built there on first use, then reused).
        passages = bench._load(bench.passage_file(n, SEED))
        backend, _, _ = bench.whoosh_index(n, SEED, passages)
        fts_path = bench.OUT / f"fts5-{n}-seed{SEED}-v{bench.generate.GENERATOR_VERSION}.sqlite"
        if args.fts5:
            bench.fts5_index(fts_path, passages)
        del passages
        t0 = time.perf_counter()
        backend.doc_count()
        opened = time.perf_counter() - t0

        def fast(text, match, year, b=backend):
            return b.search(parse(text).query, Filters(years=[year] if year else []), WINDOW)

        def ref(text, match, year, b=backend):
            return b.search_collector(parse(text).query, Filters(years=[year] if year else []), WINDOW)

        paths = [("evaluator (search)", fast)]
        if args.reference:
            paths.append(("collector (before)", ref))
            for text, match, year in QUERIES:
                a, r = fast(text, match, year), ref(text, match, year)
                same = [h.passage_id for h in a.hits] == [h.passage_id for h in r.hits]
                if not same or a.total != r.total:
                    print(f"  DIFFER {text!r} {year}: totals {a.total} / {r.total}, same hits {same}", file=sys.stderr)
        if args.fts5:
            db = sqlite3.connect(fts_path)

            def fts(text, match, year, db=db):
                return bench.fts5_search(db, match, year, WINDOW)

            paths.append(("SQLite FTS5", fts))
        for name, run in paths:
            times, per = time_path(name, run, args.repeat)
            slow = ", ".join(f"`{q}` {t * 1000:.0f} ms" for t, q in sorted(per, reverse=True)[:3])
            print(f"| {n:,} | {name} | {pct(times, 50) * 1000:.1f} ms | {pct(times, 95) * 1000:.1f} ms | {slow} |")
            if args.per_query:
                for t, q in per:
                    print(f"|  |  | {t * 1000:.1f} ms |  | {q} |")
        print(f"|  | (searcher open: {opened * 1000:.0f} ms) |  |  |  |")
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
