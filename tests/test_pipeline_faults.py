"""Bad files: one clear line naming the file and the reason; the good files are still read."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ingest.pipeline import extract_file
from ingest.walk import walk

GOOD_MINUTES = (
    "LICENSING BOARD\n\nMINUTES OF MEETING – 12 January 2022\n\n1. Apologies\n\n"
    "[REDACTED] sent apologies.\n\nAction 1 – Clerk to circulate the policy by 28 February 2022.\n"
)


def make_fault_corpus(root: Path) -> dict[str, str]:
    """Files a request really produces, each with the word its failure reason must contain."""
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    (root / "good minutes.txt").write_text(GOOD_MINUTES, encoding="utf-8")
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2048))
    expected["corrupt.pdf"] = "pdf"
    (root / "empty.pdf").write_bytes(b"")
    expected["empty.pdf"] = "empty"
    (root / "empty.txt").write_bytes(b"")
    expected["empty.txt"] = "empty"
    (root / "not a zip.docx").write_text("this is plain text, not a Word file", encoding="utf-8")
    expected["not a zip.docx"] = "docx"
    with zipfile.ZipFile(root / "zip not docx.docx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    expected["zip not docx.docx"] = "docx"
    (root / "cp1252 minutes.txt").write_bytes("Minutes \u201cquoted\u201d \u2013 caf\u00e9\n".encode("cp1252"))
    (root / "bad utf8.txt").write_bytes(b"Action 2 \xff\xfe broken bytes but readable\n")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 200)
    expected["binary.txt"] = "binary"
    (root / "réunion 2017 – notes.txt").write_text("Notes of the meeting on 4 May 2017.\n", encoding="utf-8")
    return expected


def test_each_bad_file_gets_one_reason_and_good_files_are_read(tmp_path):
    expected = make_fault_corpus(tmp_path / "release")
    walked = walk([str(tmp_path / "release")])
    results = {Path(p).name: extract_file(p) for p in walked.files}
    for name, word in expected.items():
        assert results[name].error is not None, name
        assert word in results[name].error.lower(), (name, results[name].error)
        assert "\n" not in results[name].error
    for name in ("good minutes.txt", "cp1252 minutes.txt", "bad utf8.txt", "réunion 2017 – notes.txt"):
        assert results[name].error is None, (name, results[name].error)
        assert results[name].documents, name
    assert "\u201cquoted\u201d" in results["cp1252 minutes.txt"].documents[0].text


def test_wrong_extension_is_read_by_content(tmp_path):
    fake = tmp_path / "minutes.pdf"
    fake.write_text(GOOD_MINUTES, encoding="utf-8")
    result = extract_file(str(fake))
    assert result.error and "pdf" in result.error.lower()
    renamed = tmp_path / "minutes.md"
    renamed.write_text(GOOD_MINUTES, encoding="utf-8")
    assert extract_file(str(renamed)).documents[0].doc_type == "minutes"


def test_vanished_file_is_reported_not_raised(tmp_path):
    gone = tmp_path / "gone.txt"
    gone.write_text("x", encoding="utf-8")
    walked = walk([str(tmp_path)])
    gone.unlink()
    result = extract_file(walked.files[0])
    assert result.error == "file vanished before it could be read"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder_is_reported(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        assert any("cannot read folder" in reason for _, reason in walk([str(tmp_path)]).problems)
    finally:
        locked.chmod(0o755)


def test_symlink_loop_is_reported_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "note.txt").write_text("Notes of the meeting.\n", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    walked = walk([str(tmp_path)])
    assert len(walked.files) == 1
    assert [reason for _, reason in walked.problems] == ["symlink loop: folder already walked"]


def test_extract_cli_reports_and_exits_1(tmp_path):
    make_fault_corpus(tmp_path / "release")
    run = subprocess.run(
        [sys.executable, "-m", "search_cli", "extract", str(tmp_path / "release"), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = [ln for ln in run.stderr.splitlines() if "corrupt.pdf" in ln]
    assert len(lines) == 1
