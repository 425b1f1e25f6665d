"""`foi search` as a whole command, two builds side by side with the FTS5 script, run in turn.

    .venv/bin/python bench/command_ab.py --a 'A_FOI' --b 'B_FOI' [--runs 15] [--passages 100000]

A_FOI and B_FOI are `foi` commands (one string each, split as a shell splits words), e.g. this
checkout's `.venv/bin/foi` and a copy of an older commit (`git archive` into a folder, then
`env PYTHONPATH=FOLDER .venv/bin/python -m search_cli`). For each of bench/run.py's command
queries (COMMAND_QUERIES) every run starts A, then B, then bench/fts5_search.py as fresh
processes, so a machine whose speed drifts slows all three alike; after one untimed round, the
medians of ``--runs`` rounds are printed with their ratios, then the median of the queries'
medians (bench/run.py's figure). Uses the indexes bench/run.py built under bench/out/
(``bench/run.py --only command`` builds them); the bytecode cache is on, as for a user.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/ is not a package)


def _timed(cmd: list[str], env: dict[str, str], devnull: int) -> float:
    started = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, env, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                                          (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, _ = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {shlex.join(cmd)}")
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--a", required=True, help="the foi command measured")
    ap.add_argument("--b", required=True, help="the foi command it is compared with")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from index.engine.whoosh_backend import ENGINE_VERSION

    folder = run.OUT / f"foi-{args.passages}-seed{args.seed}-v{run.generate.GENERATOR_VERSION}-e{ENGINE_VERSION}"
    fts = run.OUT / f"fts5-{args.passages}-seed{args.seed}-v{run.generate.GENERATOR_VERSION}.sqlite"
    if not (folder / "BENCH_COMPLETE").exists() or not fts.exists():
        raise SystemExit(f"no index at {folder} or {fts}: run `bench/run.py --only command` once")
    devnull = os.open(os.devnull, os.O_WRONLY)
    medians: dict[str, list[float]] = {"A": [], "B": [], "FTS5": []}
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for text, match, year in run.COMMAND_QUERIES:
        extra = ["--year", str(year)] if year else []
        cmds = {"A": [*shlex.split(args.a), "--index", str(folder), "search", text, "--json", *extra],
                "B": [*shlex.split(args.b), "--index", str(folder), "search", text, "--json", *extra],
                "FTS5": [run.PY, run.FTS5_SCRIPT, str(fts), match, *([str(year)] if year else [])]}
        walls: dict[str, list[float]] = {name: [] for name in cmds}
        for round_ in range(args.runs + 1):
            for name, cmd in cmds.items():
                wall = _timed(cmd, run.COMMAND_ENV, devnull)
                if round_:
                    walls[name].append(wall)
        med = {name: statistics.median(w) for name, w in walls.items()}
        for name, value in med.items():
            medians[name].append(value)
        shown = text + (f" --year {year}" if year else "")
        print(f"{shown[:40]:42} A {med['A'] * 1e3:6.1f} ms  B {med['B'] * 1e3:6.1f} ms  FTS5 {med['FTS5'] * 1e3:6.1f} ms"
              f"  A/B {med['A'] / med['B']:.2f}  A/FTS5 {med['A'] / med['FTS5']:.2f}  B/FTS5 {med['B'] / med['FTS5']:.2f}")
    mm = {name: statistics.median(values) for name, values in medians.items()}
    print(f"median of the queries' medians: A {mm['A'] * 1e3:.1f} ms, B {mm['B'] * 1e3:.1f} ms, FTS5 "
          f"{mm['FTS5'] * 1e3:.1f} ms; A/FTS5 {mm['A'] / mm['FTS5']:.2f}x, B/FTS5 {mm['B'] / mm['FTS5']:.2f}x, "
          f"A/B {mm['A'] / mm['B']:.2f}x")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
