"""Query timing for the Whoosh backend (not a test): p50/p95 of a fixed query set.

    .venv/bin/python scripts/query_timing.py                 # 10,000 and 100,000 passages
    .venv/bin/python scripts/query_timing.py --sizes 10000 --reference

Indexes of synthetic passages (bench/generate.py's passages-only mode, seed 7) are reused from
bench/out/ when the benchmark built them for this engine version, else built once under
/tmp/foi-query-timing/. ``--reference`` also times Whoosh's collector path
(`WhooshBackend.search_collector`, the code before the set-at-a-time evaluator) and checks
both give the same hits and totals. ``--fts5`` times SQLite FTS5 over the same passages.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from index.engine.backend import Filters, PassageRecord  # noqa: E402
from index.engine.query import parse  # noqa: E402
from index.engine.whoosh_backend import ENGINE_VERSION, WhooshBackend  # noqa: E402

WINDOW = 200  # what `foi search` fetches for 10 shown hits
SEED = 7


def _rec(n: int) -> str:
    return f'("recommendation {n}" OR "recommendations {n}" OR "rec {n}")'


# (what a user types, the FTS5 MATCH asking the same, year filter)
QUERIES: list[tuple[str, str, int | None]] = [
    ("vetting", "vetting", None), ("procurement", "procurement", None), ("fraud", "fraud", None),
    ("custody", "custody", None), ("licence", "licence", None), ("complaints", "complaints", None),
    ("overprovision", "overprovision", None), ("discharge", "discharge", None),
    ("correspondence", "correspondence", None), ("training", "training", None),
    ("risk register", "risk AND register", None), ("waiting times", "waiting AND times", None),
    ("response times", "response AND times", None), ("cyber security", "cyber AND security", None),
    ("care home", "care AND home", None), ("information governance", "information AND governance", None),
    ("stop search", "stop AND search", None), ("counter fraud", "counter AND fraud", None),
    ('"action plan"', '"action plan"', None),
    ('"further update at the next meeting"', '"further update at the next meeting"', None),
    ('"public health objective"', '"public health objective"', None),
    ('"body-worn video"', '"body worn video"', None), ('"summer recess"', '"summer recess"', None),
    ("recommendation 4", _rec(4), None), ("Rec. 6", _rec(6), None), ("rec 7", _rec(7), None),
    ("recommendation 7 vetting", _rec(7), None), ("recommendations 3 and 9", f"{_rec(3)} OR {_rec(9)}", None),
    ("rec 11 procurement", _rec(11), None),
    ("risk register", "risk AND register", 2016), ("complaints", "complaints", 2018),
    ("recommendation 2", _rec(2), 2019), ("fraud", "fraud", 2015), ("training", "training", 2020),
]


def passages(n: int) -> list[dict]:
    cached = ROOT / "bench" / "out" / f"passages-{n}-seed{SEED}-v1.jsonl"
    if cached.exists():
        with open(cached, encoding="utf-8") as f:
            return [json.loads(line) for line in f]
    import generate  # bench/generate.py

    return list(generate.passages(SEED, n))


def index_dir(n: int) -> Path:
    bench = ROOT / "bench" / "out" / f"engine-{n}-seed{SEED}-v1-e{ENGINE_VERSION}"
    if (bench / "BENCH_COMPLETE").exists():
        return bench
    mine = Path("/tmp/foi-query-timing") / f"engine-{n}-seed{SEED}-e{ENGINE_VERSION}"
    if not (mine / "COMPLETE").exists():
        started = time.perf_counter()
        backend = WhooshBackend(str(mine), create=True)
        backend.add_passages(
            PassageRecord(passage_id=p["passage_id"], doc_id=p["doc_id"], text=p["text"], recs=p["recs"],
                          year=p["year"], date=p["date"], doc_type=p["doc_type"], group=p["group"],
                          has_redaction=p["has_redaction"], dup_key="")
            for p in passages(n))
        backend.commit()
        backend.close()
        (mine / "COMPLETE").write_text("ok\n")
        print(f"built {n:,} passages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return mine


def fts5_db(n: int) -> Path:
    bench = ROOT / "bench" / "out" / f"fts5-{n}-seed{SEED}-v1.sqlite"
    if bench.exists():
        return bench
    path = Path("/tmp/foi-query-timing") / f"fts5-{n}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path)
        db.execute("CREATE VIRTUAL TABLE passages USING fts5(passage_id UNINDEXED, text, year UNINDEXED, "
                   "tokenize='porter unicode61')")
        db.executemany("INSERT INTO passages VALUES (?, ?, ?)",
                       ((p["passage_id"], p["text"], p["year"]) for p in passages(n)))
        db.execute("INSERT INTO passages(passages) VALUES ('optimize')")
        db.commit()
        db.close()
    return path


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]


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
        backend = WhooshBackend(str(index_dir(n)))
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
            db = sqlite3.connect(fts5_db(n))

            def fts(text, match, year, db=db):
                where = "passages MATCH ?" + (" AND year = ?" if year else "")
                params = (match, year) if year else (match,)
                db.execute(f"SELECT passage_id, bm25(passages) FROM passages WHERE {where} "
                           f"ORDER BY rank LIMIT {WINDOW}", params).fetchall()
                return db.execute(f"SELECT count(*) FROM passages WHERE {where}", params).fetchone()

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
