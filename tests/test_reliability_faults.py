"""A release as FOI teams receive it, bad files and all, through `foi ingest`: every good file is
searchable, every bad one gets one stderr line naming it and the reason, exit code 1, and
`--json` lists them under `failed`."""

from __future__ import annotations

import base64
import json
import os
import zipfile
from pathlib import Path

import docx
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from test_reliability_helpers import foi, foi_start, wait_for

from index import open_index
from index.search import SearchOptions, search

BIG_BYTES = 50_000_000


def _pdf(path: Path, lines: list[str], **kwargs) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
    y = 780
    for line in lines:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()


def _minutes(word: str) -> list[str]:
    return ["LICENSING BOARD", "Minutes of the meeting held on 12 January 2022", "1. Taxi licensing",
            f"The clerk reported on the {word} review and recommendation 7."]


def _big_text(path: Path, word: str) -> None:
    """~50 MB of a case-log export, written in blocks so the test stays quick."""
    line = b"2019-03-04 12:00:01 export row %d: case reference FOI-2019-%05d closed by the records team\n"
    block = b"".join(line % (i, i) + (b"\n" if i % 8 == 7 else b"") for i in range(10000))
    with open(path, "wb") as handle:
        handle.write(f"Case log export: {word} records\n\n".encode())
        written = 0
        while written < BIG_BYTES:
            handle.write(block)
            written += len(block)


def make_release(root: Path, outside: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The fault corpus: (good file -> a word only it contains, bad file -> a word of its reason).

    Keys are paths relative to ``root``."""
    root.mkdir(parents=True)
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    (root / "good minutes.txt").write_text("\n\n".join(_minutes("marmalade")) + "\n", encoding="utf-8")
    good["good minutes.txt"] = "marmalade"
    _pdf(root / "good report.pdf", _minutes("heliotrope") * 3)
    good["good report.pdf"] = "heliotrope"
    _pdf(root / "encrypted empty password.pdf", _minutes("tamarind"), encrypt="")
    good["encrypted empty password.pdf"] = "tamarind"

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for i, row in enumerate([["Item", "Action", "Owner"], ["1", "Circulate the portcullis policy", "Clerk"],
                             ["2", "Review hackney carriage fares", "Treasurer"]]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.save(root / "tables only.docx")
    good["tables only.docx"] = "portcullis"

    (root / "cp1252 notes.txt").write_bytes("Notes \u201cgazpacho\u201d \u2013 caf\u00e9 meeting\n".encode("cp1252"))
    good["cp1252 notes.txt"] = "gazpacho"
    (root / "invalid utf8.txt").write_bytes(b"Lighthouse inspection \xff\xfe notes, still readable\n")
    good["invalid utf8.txt"] = "lighthouse"

    body = "Dear colleague,\n\nThe archipelago ferry timetable review is attached.\n\nRegards\n"
    subject = base64.b64encode("R\u00e9union \u2013 ferry timetable".encode()).decode()
    (root / "encoded headers.eml").write_text(
        "From: =?iso-8859-1?q?Ren=E9e_Dupr=E9?= <renee@example.org>\r\nTo: clerk@example.org\r\n"
        f"Subject: =?utf-8?b?{subject}?=\r\nDate: Tue, 4 Apr 2017 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(body.encode()).decode(), encoding="ascii")
    good["encoded headers.eml"] = "archipelago"

    _big_text(root / "big export.txt", "kingfisher")
    good["big export.txt"] = "kingfisher"
    (root / "r\u00e9union 2017 \u2013 notes \u00fc.txt").write_text("Saffron working group notes.\n", encoding="utf-8")
    good["r\u00e9union 2017 \u2013 notes \u00fc.txt"] = "saffron"
    (root / "locked").mkdir()
    (root / "locked" / "kept minutes.txt").write_text("Quince committee minutes.\n", encoding="utf-8")

    (root / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(4096))
    bad["corrupt.pdf"] = "pdf"
    _pdf(root / "whole.pdf", _minutes("nothing") * 4)
    data = (root / "whole.pdf").read_bytes()
    (root / "whole.pdf").unlink()
    (root / "truncated.pdf").write_bytes(data[: len(data) // 2])
    bad["truncated.pdf"] = "truncated"
    from reportlab.lib import pdfencrypt

    _pdf(root / "encrypted.pdf", _minutes("secret"),
         encrypt=pdfencrypt.StandardEncryption("letmein", ownerPassword="owner"))
    bad["encrypted.pdf"] = "encrypted"
    scan = canvas.Canvas(str(root / "scan no text.pdf"), pagesize=A4)
    scan.drawImage(ImageReader(Image.new("L", (600, 850), 255)), 0, 0, width=A4[0], height=A4[1])
    scan.showPage()
    scan.save()
    bad["scan no text.pdf"] = "no text"
    (root / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    (root / "empty.pdf").write_bytes(b"")
    bad["empty.pdf"] = "empty"
    (root / "not a zip.docx").write_text("plain text, not a Word file", encoding="utf-8")
    bad["not a zip.docx"] = "docx"
    with zipfile.ZipFile(root / "zip not docx.docx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    bad["zip not docx.docx"] = "docx"
    (root / "esc\x1b[2Jname.pdf").write_bytes(b"%PDF-1.4 nothing more")  # a terminal escape in a name
    bad["esc\x1b[2Jname.pdf"] = "pdf"
    (root / "loop").mkdir()
    (root / "loop" / "loop note.txt").write_text("Wombat notes.\n", encoding="utf-8")
    good["loop/loop note.txt"] = "wombat"
    os.symlink(root / "loop", root / "loop" / "again")
    bad["loop/again"] = "symlink loop"
    # Read last (sorted after every other folder); the test deletes it while ingest runs.
    (root / "zz").mkdir()
    (root / "zz" / "vanishing.txt").write_text("Vanishing notes.\n", encoding="utf-8")
    bad["zz/vanishing.txt"] = "vanished"

    outside.mkdir()
    (outside / "secret.txt").write_text("Classified payroll notes.\n", encoding="utf-8")
    os.symlink(outside, root / "elsewhere")
    os.symlink(outside / "secret.txt", root / "secret link.txt")
    return good, bad


def _hits(index: Path, word: str) -> list[str]:
    with open_index(str(index)) as ix:
        return [h.doc.source for h in search(ix, SearchOptions(query=word, limit=20)).hits]


def test_fault_corpus_through_foi_ingest(tmp_path):
    root = tmp_path / "release"
    good, bad = make_release(root, tmp_path / "outside")
    locked = root / "locked"
    locked.chmod(0)
    as_root = os.geteuid() == 0
    if as_root:
        good["locked/kept minutes.txt"] = "quince"  # root reads it anyway (see the walk test as nobody)
    else:
        bad["locked"] = "cannot read folder"
    index = tmp_path / ".foi"
    flag = tmp_path / "paused"
    try:
        # Pause after the first file is read, delete one the walk found but nobody read yet.
        proc = foi_start(index, "ingest", str(root), "--json",
                         FOI_TEST_PAUSE_AT="read:1", FOI_TEST_PAUSE_FILE=str(flag))
        wait_for(flag, proc, timeout=300)
        (root / "zz" / "vanishing.txt").unlink()
        flag.unlink()
        out, err = proc.communicate(timeout=600)
    finally:
        locked.chmod(0o755)

    assert proc.returncode == 1, err
    assert "Traceback" not in err
    summary = json.loads(out)
    failed = {os.path.relpath(f["path"], root): f["reason"] for f in summary["failed"]}
    assert set(failed) == set(bad), (failed, bad)
    for name, word in bad.items():
        reason = failed[name]
        assert word in reason.lower(), (name, reason)
        assert "\n" not in reason
    # One stderr line per bad file, naming it (control characters in a name are escaped).
    lines = [ln for ln in err.splitlines() if ln.startswith("failed: ")]
    assert len(lines) == len(bad), err
    for name in bad:
        shown = name.replace("\x1b", "\\x1b")
        assert sum(shown in ln for ln in lines) == 1, (name, lines)
    assert "\x1b" not in err
    skipped = {os.path.relpath(s["path"], root): s["reason"] for s in summary["skipped"]}
    assert "outside" in skipped["elsewhere"] and "outside" in skipped["secret link.txt"]
    assert summary["ingested"] == len(good)
    assert any("file too large" in w["warning"] for w in summary["warnings"] if w["path"].endswith("big export.txt"))

    for name, word in good.items():
        sources = _hits(index, word)
        assert str(root / name) in sources, (name, word, sources)
    assert _hits(index, "classified") == []  # never read through the link

    # A second run: nothing good is read again; the bad files are tried and reported again.
    again = foi(index, "ingest", str(root), "--json")
    assert again.returncode == 1
    second = json.loads(again.stdout)
    assert second["unchanged"] == len(good) and second["ingested"] == 0
    assert len(second["failed"]) == len(bad) - 1  # the vanished file is gone for good now
