"""A Word file that is a zip bomb: refused from its declared sizes, with one line naming the
file, and the other files of the same run are still indexed."""

from __future__ import annotations

import zipfile
from pathlib import Path

from capped import foi

ROOT = Path(__file__).resolve().parents[2]


def _bomb(path: Path, megabytes: int = 600) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"<w:t>" + b"a" * (1 << 20)
            for _ in range(megabytes):
                f.write(chunk)


def test_docx_bomb_is_refused_and_the_rest_is_read(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    _bomb(papers / "minutes.docx")
    assert (papers / "minutes.docx").stat().st_size < 2_000_000
    (papers / "notes.txt").write_text("Notes of the towpath meeting.\nJB to obtain quotes.\n", encoding="utf-8")
    index = tmp_path / ".foi"
    proc = foi("--index", str(index), "ingest", str(papers))
    assert proc.returncode == 1, proc.stderr  # partial failure
    lines = [ln for ln in proc.stderr.splitlines() if "minutes.docx" in ln]
    assert len(lines) == 1 and "zip bomb refused" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    found = foi("--index", str(index), "search", "towpath")
    assert "towpath" in found.stdout
