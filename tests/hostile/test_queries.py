"""Queries pasted rather than typed: the planner bounds its own work and says what it cut."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from capped import foi

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    papers = tmp_path_factory.mktemp("papers")
    (papers / "minutes.txt").write_text(
        "Minutes of the Canal Society Board\nDate: 3 March 2025\n\n1. Towpath\n"
        "The towpath repairs near the lock were discussed. JB to obtain quotes.\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("ix") / ".foi"
    run(path, "ingest", str(papers))
    return path


def run(index: Path, *args: str) -> subprocess.CompletedProcess:
    return foi("--index", str(index), *args)


def test_a_thousand_unknown_words_are_cut_and_said(index: Path) -> None:
    words = " ".join(f"zzword{i}" for i in range(1200)) + " towpath"
    proc = run(index, "search", words, "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = json.loads(proc.stdout)
    assert any("first 64 words" in n or "characters" in n for n in out["notices"])
    assert "query cut" in proc.stderr


def test_one_enormous_word_gets_no_spelling_search(index: Path) -> None:
    proc = run(index, "search", "q" * 10_000)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "query cut to its first 1000 characters" in proc.stderr
    assert "Did you mean" not in proc.stdout


def test_five_hundred_ored_terms_that_match_nothing_are_bounded(index: Path) -> None:
    """The issue's case (50 s at filing): 500 absent terms joined with OR."""
    import time

    started = time.monotonic()
    proc = run(index, "search", " OR ".join(f"qqabsent{i}" for i in range(500)), "--json")
    assert time.monotonic() - started < 30
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    out = json.loads(proc.stdout)
    assert out["hits"] == [] and out["notices"]


def test_a_normal_question_has_no_notice(index: Path) -> None:
    proc = run(index, "search", "who will obtain quotes for the towpath", "--json")
    out = json.loads(proc.stdout)
    assert "notices" not in out
    assert out["hits"] and "towpath" in out["hits"][0]["text"]



def test_total_is_the_same_at_every_limit(tmp_path) -> None:
    """Copies are folded over every match, not only inside the window shown: a paragraph
    circulated in 130 papers ranks below their own lines, beyond the first window."""
    papers = tmp_path / "papers"
    papers.mkdir()
    for k in range(130):
        (papers / f"copy-{k:03d}.txt").write_text(
            f"Note {k}\n\n1. Lock gates\n\nThe towpath lock gates need urgent repair before winter, and the canal "
            "society has written to the trust, the council and the boating club about the cost of the work and who "
            f"pays.\n\n2. Towpath {k} muddy.\n", encoding="utf-8")
    index = tmp_path / ".foi"
    assert run(index, "ingest", str(papers)).returncode == 0
    totals = {limit: json.loads(run(index, "search", "towpath", "--limit", str(limit), "--json").stdout)["total"]
              for limit in (1, 5, 30, 200)}
    assert set(totals.values()) == {131}, totals  # 130 lines of their own and one paragraph, folded
