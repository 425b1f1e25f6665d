"""The limits on what one file or query may cost live in ingest/limits.py and FOI_LIMITS moves
them for one run: lowered, a file meets them and is reported by one line naming it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.limits import LIMITS, LimitSettingError, parse

ROOT = Path(__file__).resolve().parent.parent


def foi(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "search_cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **env}, timeout=120)


def test_text_cut_keeps_whole_lines_within_both_limits():
    from ingest.limits import text_cut

    text = "one\ntwo\nthree\nfour"
    assert text_cut(text, 100, 10) is None
    assert text[:text_cut(text, 100, 2)] == "one\ntwo"
    assert text[:text_cut(text, 9, 10)] == "one\ntwo"
    assert text_cut("a" * 50, 10, 10) == 10  # no line end: cut at the size


def test_parse_reads_pairs_and_refuses_the_rest():
    assert parse("text_chars=20000000, query_words=10") == {"text_chars": 20_000_000, "query_words": 10}
    assert parse("") == {}
    for bad in ("bogus=1", "text_chars", "text_chars=-5", "text_chars=lots"):
        with pytest.raises(LimitSettingError):
            parse(bad)


def test_every_reader_limit_is_defined_once():
    names = [lim.name for lim in LIMITS]
    assert len(names) == len(set(names))
    from ingest import ocr, pipeline
    from ingest.readers import archive, spreadsheet

    assert pipeline.MAX_TEXT_CHARS == 5_000_000 and ocr.MAX_OCR_PIXELS == 40_000_000
    assert archive.MAX_RATIO == 200 and spreadsheet.MAX_ROWS == 100_000


def test_a_lowered_limit_is_met_and_named(tmp_path: Path):
    paper = tmp_path / "long minutes.txt"
    paper.write_text("MINUTES OF THE PARKS COMMITTEE\n\n" + "The committee met and agreed the plan. " * 400,
                     encoding="utf-8")
    proc = foi("--index", str(tmp_path / "ix"), "ingest", str(paper), "--json", env={"FOI_LIMITS": "text_chars=2000"})
    assert proc.returncode == 0, proc.stderr
    warnings = json.loads(proc.stdout)["warnings"]
    assert any("long minutes.txt" in w["path"] and "text_chars" in w["warning"] for w in warnings), warnings
    lines = foi("--index", str(tmp_path / "ix2"), "ingest", str(paper), "--json", env={"FOI_LIMITS": "text_lines=1"})
    assert any("(1 lines)" in w["warning"] for w in json.loads(lines.stdout)["warnings"]), lines.stdout


def test_a_lowered_query_limit_cuts_and_says_so(tmp_path: Path):
    paper = tmp_path / "minutes.txt"
    paper.write_text("MINUTES\n\nThe committee agreed the budget.\n", encoding="utf-8")
    index = str(tmp_path / "ix")
    assert foi("--index", index, "ingest", str(paper), env={}).returncode == 0
    proc = foi("--index", index, "search", "committee agreed the budget", "--json", env={"FOI_LIMITS": "query_words=2"})
    assert proc.returncode == 0 and json.loads(proc.stdout)["notices"], proc.stderr


def test_a_bad_setting_is_one_line_and_exit_2(tmp_path: Path):
    proc = foi("--index", str(tmp_path / "ix"), "documents", env={"FOI_LIMITS": "text_chars=many"})
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "FOI_LIMITS" in proc.stderr
