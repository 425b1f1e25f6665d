"""Nothing from a document reaches the terminal or a CSV cell unescaped; JSON stays exact."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from capped import foi

ROOT = Path(__file__).resolve().parents[2]
NASTY = "The chair said \x1b[2J\x1b]0;pwned\x07 \u202etxt.exe hello"


def run(index: Path, *args: str) -> subprocess.CompletedProcess:
    return foi("--index", str(index), *args)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    papers = tmp_path_factory.mktemp("papers")
    (papers / "ev\x1b[31mil.txt").write_text(
        "Minutes of the Harbour Board\nDate: 3 March 2025\n\n"
        f"1. Matters arising\n{NASTY}\n\n"
        "2. Contacts\nTel: [REDACTED] for the master.\n\n"
        "3. Other\n=HYPERLINK(\"http://x\") call Tel: 020 7946 0123 about the hello.\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("ix") / ".foi"
    proc = run(path, "ingest", str(papers))
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr
    return path


@pytest.mark.parametrize("args", [("search", "hello"), ("documents",), ("redactions",), ("audit",)])
def test_no_control_character_reaches_the_terminal(index: Path, args: tuple[str, ...]) -> None:
    proc = run(index, *args)
    assert proc.returncode in (0, 1), proc.stderr
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in proc.stdout and bad not in proc.stderr, (args, proc.stdout)


def test_escapes_are_shown_not_dropped(index: Path) -> None:
    out = run(index, "search", "hello").stdout
    assert "\\x1b[2J" in out and "\\u202e" in out


def test_json_keeps_the_text_exactly(index: Path) -> None:
    hits = json.loads(run(index, "search", "hello", "--json").stdout)["hits"]
    assert any(NASTY in h["text"] for h in hits)


def test_csv_cells_cannot_run_as_formulas(index: Path) -> None:
    proc = run(index, "audit", "--format", "csv")
    assert proc.returncode in (0, 1), proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows
    for row in rows:
        for value in row.values():
            assert not (value or "").startswith(("=", "+", "-", "@")), row
