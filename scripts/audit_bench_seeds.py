"""`foi audit` on the synthetic corpus (bench/generate.py --size small) for seeds 1–10: it must
never crash (exit 0 or 1 only; 2 or 3 or a traceback fails), and it must not pair minutes of
different meetings as copies.

    .venv/bin/python scripts/audit_bench_seeds.py            # seeds 1-10
    .venv/bin/python scripts/audit_bench_seeds.py 3 4        # some seeds
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def audit_seed(seed: int, work: Path) -> tuple[int, dict | None, str]:
    out = work / f"seed{seed}"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--size", "small", "--seed", str(seed),
                    "--out", str(out), "--jobs", "1"], check=True, capture_output=True, cwd=ROOT)
    done = subprocess.run([sys.executable, "-m", "search_cli", "audit", str(out), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    payload = json.loads(done.stdout) if done.returncode in (0, 1) and done.stdout.strip() else None
    return done.returncode, payload, done.stderr


def main(argv: list[str]) -> int:
    seeds = [int(a) for a in argv] or list(range(1, 11))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            code, payload, err = audit_seed(seed, Path(tmp))
            if payload is None or "Traceback" in err:
                bad += 1
                print(f"seed {seed}: exit {code}\n{err[-2000:]}")
                continue
            kinds = Counter(f"{f['kind']}/{f['severity']}" for f in payload["findings"])
            print(f"seed {seed}: exit {code}, {len(payload['findings'])} findings "
                  f"in {payload['summary']['documents']} documents: {dict(sorted(kinds.items()))}")
    print("ok" if not bad else f"{bad} seed(s) failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
