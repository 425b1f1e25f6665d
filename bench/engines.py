"""The two search engines side by side (not a test): the Whoosh backend, the FTS5 backend
(`foi ingest --engine fts5`) and a raw SQLite FTS5 table, over the same passages and bench/run.py's
query set, with the same window `foi search` asks for.

    .venv/bin/python bench/engines.py                 # 10,000 and 100,000 passages
    .venv/bin/python bench/engines.py --passages 10000 --repeat 3

Per engine: opening it (fresh, as every `foi search` process does), the first query on it
(cold) and the same query again (warm), p50/p95 over the query set. The two backends must give
the same total and the same top 10 for every query; disagreements are printed. Indexes are built
under bench/out/ and reused.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/ is not a package)
import run as bench  # noqa: E402

from index.engine.backend import Filters  # noqa: E402
from index.engine.fts5_backend import ENGINE_VERSION, Fts5Backend  # noqa: E402
from index.engine.query import parse  # noqa: E402
from index.engine.whoosh_backend import WhooshBackend  # noqa: E402


def fts5_backend_index(n: int, seed: int, passages: list[dict]) -> tuple[Path, float | None]:
    path = bench.OUT / f"fts5-backend-{n}-seed{seed}-v{generate.GENERATOR_VERSION}-e{ENGINE_VERSION}.sqlite"
    if path.exists():
        return path, None
    tmp = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    backend = Fts5Backend(str(tmp), create=True)
    backend.add_passages(bench.passage_record(p) for p in passages)
    backend.commit()
    backend.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backend.close()
    build = time.perf_counter() - started
    os.replace(tmp, path)
    return path, build


def timed(open_engine, ask, repeat: int) -> tuple[float, float, list[float], object]:
    t0 = time.perf_counter()
    engine = open_engine()
    t1 = time.perf_counter()
    first = ask(engine)
    t2 = time.perf_counter()
    warm = []
    for _ in range(repeat):
        t3 = time.perf_counter()
        ask(engine)
        warm.append(time.perf_counter() - t3)
    engine.close()
    return t1 - t0, t2 - t1, warm, first


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passages", default="10000,100000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    window = 200  # index.search: max(MIN_WINDOW, 10 * WINDOW_FACTOR)
    print(f"engines on {bench.machine()}\n")
    print("| passages | engine | open (median) | cold p50 | cold p95 | cold worst | warm p50 | warm p95 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    notes = []
    for n in [int(s) for s in args.passages.split(",")]:
        passages = bench._load(bench.passage_file(n, args.seed))
        _, folder, wbuild = bench.whoosh_index(n, args.seed, passages)
        fpath, fbuild = fts5_backend_index(n, args.seed, passages)
        raw = bench.OUT / f"fts5-{n}-seed{args.seed}-v{generate.GENERATOR_VERSION}.sqlite"
        rbuild = bench.fts5_index(raw, passages)
        del passages
        notes.append(f"{n:,} passages: build Whoosh {wbuild and f'{wbuild:.0f} s' or 'reused'}, FTS5 backend "
                     f"{fbuild and f'{fbuild:.0f} s' or 'reused'}, raw FTS5 {rbuild and f'{rbuild:.0f} s' or 'reused'}; "
                     f"on disk Whoosh {bench._mb(bench._du(folder))}, FTS5 backend {bench._mb(fpath.stat().st_size)}, "
                     f"raw FTS5 {bench._mb(raw.stat().st_size)}")
        stats = {name: ([], [], []) for name in ("Whoosh backend", "FTS5 backend", "raw FTS5 (bm25, LIMIT)")}
        worst: dict[str, tuple[float, str]] = {}
        disagree = []
        for text, match, year in bench.QUERIES:
            label = text + (f" --year {year}" if year else "")
            filters = Filters(years=[year] if year else [])
            query = parse(text).query
            results = {}
            def backend_search(engine, query=query, filters=filters):
                return engine.search(query, filters, window)

            def raw_search(db, match=match, year=year):
                return bench.fts5_search(db, match, year, window)

            for name, opener, ask in (
                ("Whoosh backend", lambda folder=folder: WhooshBackend(str(folder)), backend_search),
                ("FTS5 backend", lambda fpath=fpath: Fts5Backend(str(fpath)), backend_search),
                ("raw FTS5 (bm25, LIMIT)", lambda raw=raw: sqlite3.connect(f"file:{raw}?mode=ro", uri=True), raw_search),
            ):
                opened, cold, warm, first = timed(opener, ask, args.repeat)
                stats[name][0].append(opened)
                stats[name][1].append(cold)
                stats[name][2].extend(warm)
                if cold > worst.get(name, (0.0, ""))[0]:
                    worst[name] = (cold, label)
                results[name] = first
            w, f = results["Whoosh backend"], results["FTS5 backend"]
            if w.total != f.total or [h.passage_id for h in w.hits[:10]] != [h.passage_id for h in f.hits[:10]]:
                disagree.append(f"{label!r}: Whoosh {w.total}, FTS5 backend {f.total}")
        for name, (opens, cold, warm) in stats.items():
            print(f"| {n:,} | {name} | {bench._ms(sorted(opens)[len(opens) // 2])} | {bench._ms(bench._pct(cold, 50))} "
                  f"| {bench._ms(bench._pct(cold, 95))} | {bench._ms(worst[name][0])} (`{worst[name][1]}`) "
                  f"| {bench._ms(bench._pct(warm, 50))} | {bench._ms(bench._pct(warm, 95))} |")
        notes.append(f"{n:,} passages: Whoosh and FTS5 backends disagree on {len(disagree)} of {len(bench.QUERIES)} "
                     "queries (total or top 10)" + (": " + "; ".join(disagree[:5]) if disagree else ""))
    print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
