"""`foi ingest --workers 2` killed with SIGKILL leaves no worker process behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _marked(marker: str) -> list[int]:
    """Pids of live processes whose environment holds ``marker`` (workers inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().split(") ")[-1][:1]
        except OSError:
            continue
        if marker.encode() in environ and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to see the workers")
def test_workers_end_with_a_killed_ingest(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    pdfs = sorted((ROOT / "corpus").glob("*.pdf"))
    for k in range(6):  # enough work that the workers are busy when the parent dies
        for pdf in pdfs:
            shutil.copy(pdf, papers / f"{k}-{pdf.name}")
    marker = f"FOI_TEST_MARK={uuid.uuid4().hex}"
    env = {**os.environ, "FOI_TEST_MARK": marker.split("=", 1)[1], "FOI_OCR_CACHE": str(tmp_path / "ocr")}
    proc = subprocess.Popen([sys.executable, "-m", "search_cli", "--index", str(tmp_path / ".foi"), "ingest",
                             str(papers), "--workers", "2"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(_marked(marker)) < 3 and time.monotonic() < deadline:  # parent, forkserver, workers
        time.sleep(0.2)
    assert len(_marked(marker)) >= 3, "workers never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while _marked(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _marked(marker)
    for pid in left:  # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"{len(left)} process(es) outlived their ingest"
