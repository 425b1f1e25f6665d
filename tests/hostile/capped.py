"""The hostile suite runs `foi` as a user does, in a process of its own, under the limits a
hostile file must not break through: 2 GB of address space and 60 seconds a command."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 2 << 30  # bytes of address space
TIME_CAP = 60  # seconds


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def foi(*args: str, env: dict | None = None, timeout: int = TIME_CAP) -> subprocess.CompletedProcess:
    """`python -m search_cli ARGS` under the caps; a run past them fails the test that made it."""
    return subprocess.run([sys.executable, "-m", "search_cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout, preexec_fn=_cap)
