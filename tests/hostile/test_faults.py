"""A full disk while `foi ingest` writes: one line, exit 2, no traceback; what was committed
before stays, and the next ingest finishes what was cut off (writes fail by injection:
FOI_TEST_DISK_FULL_AT=point:n raises ENOSPC there)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from capped import foi


@pytest.fixture
def papers(tmp_path: Path) -> tuple[Path, Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text("Notes of the lock meeting.\n\nJB to inspect the gates.\n", encoding="utf-8")
    (second / "b.txt").write_text("Notes of the towpath meeting.\n\nThe towpath is muddy.\n", encoding="utf-8")
    index = tmp_path / ".foi"
    assert foi("--index", str(index), "ingest", str(first)).returncode == 0
    return index, first, second


def _documents(index: Path) -> int:
    return len(json.loads(foi("--index", str(index), "documents", "--json").stdout)["documents"])


@pytest.mark.parametrize("point", ["store_txn", "whoosh_commit", "finish"])
def test_disk_full_is_one_line_and_the_next_ingest_finishes(papers, point: str) -> None:
    index, _first, second = papers
    before = _documents(index)
    env = {**os.environ, "FOI_TEST_DISK_FULL_AT": f"{point}:1"}
    proc = foi("--index", str(index), "ingest", str(second), env=env)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert "No space left on device" in proc.stderr
    assert _documents(index) >= before  # nothing committed before is lost
    again = foi("--index", str(index), "ingest", str(second))
    assert again.returncode == 0, again.stderr
    hits = json.loads(foi("--index", str(index), "search", "towpath", "--json").stdout)["hits"]
    assert hits and "towpath" in hits[0]["text"]
    assert _documents(index) == before + 1
