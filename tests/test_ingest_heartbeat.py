"""A file that takes long to read is named on the progress bar with its time so far, on a
terminal only; the run tells the bar which file it waits for, in order."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from index.build import run
from search_cli.heartbeat import SLOW, waiting_label

ROOT = Path(__file__).resolve().parent.parent


def test_label_names_the_file_only_once_it_is_slow():
    assert waiting_label("minutes.pdf", SLOW - 0.5) == "Reading"
    assert waiting_label("minutes.pdf", SLOW + 4.2) == f"Reading minutes.pdf ({int(SLOW + 4.2)} s)"
    assert waiting_label(None, SLOW + 1).startswith("Finishing")


def test_run_says_which_file_it_waits_for_in_order(tmp_path: Path):
    papers = tmp_path / "papers"
    papers.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (papers / name).write_text(f"Minutes {name}.\n\nThe committee met.\n", encoding="utf-8")
    waited: list[str] = []
    summary = run(str(tmp_path / "ix"), [str(papers)], waiting=waited.append)
    assert summary.ingested == 3
    assert [Path(p).name for p in waited] == ["a.txt", "b.txt", "c.txt"]


def test_terminal_shows_the_file_being_read(tmp_path: Path):
    """Under a pseudo-terminal, with the bar's threshold at zero: the slow file's name and its
    seconds appear while it is read, its escape characters shown, never sent."""
    name = "long \x1b[2J export.txt"
    (tmp_path / name).write_text("Line of the export log.\n" * 60_000, encoding="utf-8")
    program = (
        "import sys, search_cli.heartbeat as h; h.SLOW = 0; h.TICK = 0.01; "
        "from search_cli.main import cli; cli(sys.argv[1:], prog_name='foi')"
    )
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", program, "--index", str(tmp_path / "ix"), "ingest",
                             str(tmp_path / name)], stdin=follower, stdout=follower, stderr=follower,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert proc.returncode == 0, text[-2000:]
    assert "long \\x1b[2J export.txt (" in text and "Reading " in text, text[-2000:]
    assert "Finishing: indexing and tracing (" in text
    assert "\x1b[2J" not in text
