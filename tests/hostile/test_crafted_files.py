"""Crafted files an FOI team may be sent, each beside one good paper in a folder: `foi ingest`
finishes under the caps (2 GB, 30 s), names a bad file on one line of stderr with no
traceback, and the good paper is found by search. Each case is a shape an attacker or a broken
export makes, not a copy of any real file."""

from __future__ import annotations

import json
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from capped import foi

CASE_SECONDS = 30
GOOD = "Notes of the towpath meeting.\n\nThe committee agreed to repair the towpath gate.\n"

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + "]>\n")


def _zip(path: Path, members: dict[str, bytes | str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def empty_text(d: Path) -> str:
    (d / "empty.txt").write_bytes(b"")
    return "empty.txt"


def garbage_pdf(d: Path) -> str:
    (d / "scan.pdf").write_bytes(os.urandom(50_000))
    return "scan.pdf"


def truncated_pdf(d: Path) -> str:
    head = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1"
    (d / "cut.pdf").write_bytes(head)
    return "cut.pdf"


def pdf_header_only(d: Path) -> str:
    (d / "header.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    return "header.pdf"


def docx_not_a_zip(d: Path) -> str:
    (d / "report.docx").write_bytes(b"This is not a Word file at all.\n" * 100)
    return "report.docx"


def docx_without_body(d: Path) -> str:
    _zip(d / "hollow.docx", {"[Content_Types].xml": "<Types/>", "docProps/app.xml": "<Properties/>"})
    return "hollow.docx"


def docx_entity_laughs(d: Path) -> str:
    body = LAUGHS + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' \
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    _zip(d / "laughs.docx", {"[Content_Types].xml": "<Types/>", "word/document.xml": body})
    return "laughs.docx"


def xlsx_entity_laughs(d: Path) -> str:
    shared = LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
    _zip(d / "log.xlsx", {"[Content_Types].xml": "<Types/>", "xl/sharedStrings.xml": shared,
                          "xl/workbook.xml": "<workbook/>"})
    return "log.xlsx"


def zip_path_traversal(d: Path) -> str:
    _zip(d / "bundle.zip", {"../../outside.txt": "escaped", "/etc/absolute.txt": "absolute",
                            "papers/inside.txt": "The bundle holds one inside paper."})
    return "bundle.zip"


def zip_too_many_members(d: Path) -> str:
    with zipfile.ZipFile(d / "many.zip", "w", zipfile.ZIP_STORED) as z:
        for i in range(10_050):
            z.writestr(f"m{i}.txt", "x")
    return "many.zip"


def zip_nested_deep(d: Path) -> str:
    data = b"Deepest paper."
    name = "paper.txt"
    for level in range(12):
        inner = d / f"level{level}.zip"
        with zipfile.ZipFile(inner, "w") as z:
            z.writestr(name, data)
        data, name = inner.read_bytes(), f"level{level}.zip"
        inner.unlink()
    (d / "nested.zip").write_bytes(data)
    return "nested.zip"


def email_many_parts(d: Path) -> str:
    parts = "".join(f"--b\nContent-Type: text/plain\n\npart {i}\n" for i in range(2_000))
    (d / "parts.eml").write_text("From: a@example.org\nSubject: many\nMIME-Version: 1.0\n"
                                 f'Content-Type: multipart/mixed; boundary="b"\n\n{parts}--b--\n', encoding="utf-8")
    return "parts.eml"


def email_nested_deep(d: Path) -> str:
    msg = "From: a@example.org\nSubject: innermost\n\nInnermost text.\n"
    for i in range(30):
        msg = (f"From: a@example.org\nSubject: level {i}\nMIME-Version: 1.0\n"
               f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\nContent-Type: message/rfc822\n\n'
               f"{msg}\n--b{i}--\n")
    (d / "nested.eml").write_text(msg, encoding="utf-8")
    return "nested.eml"


def email_unknown_charset(d: Path) -> str:
    (d / "charset.eml").write_bytes(b"From: a@example.org\nSubject: =?x-unknown?q?caf=E9?=\n"
                                    b"Content-Type: text/plain; charset=x-martian\n\nSome text \xe9\xff here.\n")
    return "charset.eml"


def text_nul_and_bad_utf8(d: Path) -> str:
    (d / "dump.txt").write_bytes(b"Minutes\x00\x00 of \xff\xfe the \xc3 meeting\n" * 2_000)
    return "dump.txt"


def text_one_huge_line(d: Path) -> str:
    (d / "line.txt").write_bytes(b"a" * 6_000_000)
    return "line.txt"


def html_deep_nesting(d: Path) -> str:
    (d / "page.html").write_text("<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000
                                 + "<script>alert(1)</script></body></html>", encoding="utf-8")
    return "page.html"


def rtf_deep_groups(d: Path) -> str:
    (d / "memo.rtf").write_text("{\\rtf1 " + "{" * 50_000 + "text" + "}" * 50_000 + "}", encoding="ascii")
    return "memo.rtf"


def csv_wide_row(d: Path) -> str:
    (d / "wide.csv").write_text("a," * 300_000 + "\n" + "1," * 300_000 + "\n", encoding="utf-8")
    return "wide.csv"


def name_with_escapes(d: Path) -> str:
    name = "minutes \x1b[2J\x1b]0;owned\x07 2016.txt"
    (d / name).write_text("Minutes of the escape meeting.\n", encoding="utf-8")
    return name


def msg_garbage(d: Path) -> str:
    (d / "mail.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(20_000))
    return "mail.msg"


def symlink_loop(d: Path) -> str:
    loop = d / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)
    return "loop"


def fifo_in_folder(d: Path) -> str:
    os.mkfifo(d / "pipe.txt")
    return "pipe.txt"


def legacy_doc_garbage(d: Path) -> str:
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 10_000)
    return "old.doc"


def pdf_dense_page(d: Path) -> str:
    """One page of 200,000 text objects (the issue's case: 84 s at filing, 177 s before the
    page_text_objects limit)."""
    ops = "\n".join(f"BT /F1 4 Tf {20 + (i % 100) * 5.7:.1f} {800 - (i // 100) % 780} Td (a) Tj ET"
                     for i in range(200_000)).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    (d / "dense.pdf").write_bytes(bytes(out))
    return "dense.pdf"


CASES: list[Callable[[Path], str]] = [
    empty_text, garbage_pdf, truncated_pdf, pdf_header_only, docx_not_a_zip, docx_without_body,
    docx_entity_laughs, xlsx_entity_laughs, zip_path_traversal, zip_too_many_members, zip_nested_deep,
    email_many_parts, email_nested_deep, email_unknown_charset, text_nul_and_bad_utf8, text_one_huge_line,
    html_deep_nesting, rtf_deep_groups, csv_wide_row, name_with_escapes, msg_garbage, symlink_loop,
    fifo_in_folder, legacy_doc_garbage, pdf_dense_page,
]


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_crafted_file_is_bounded_named_and_the_rest_is_read(tmp_path: Path, make: Callable[[Path], str]) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    bad = make(papers)
    (papers / "good notes.txt").write_text(GOOD, encoding="utf-8")
    index = tmp_path / ".foi"
    started = time.monotonic()
    proc = foi("--index", str(index), "ingest", str(papers), timeout=CASE_SECONDS + 30)
    took = time.monotonic() - started
    assert took < CASE_SECONDS, f"{make.__name__}: {took:.1f} s"
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr and "\x1b" not in proc.stderr and "\x1b" not in proc.stdout
    # a file that was not read is named on one line (its name shown escaped when it holds escapes)
    shown = bad.encode("unicode_escape").decode("ascii").replace("\\\\", "\\")
    if proc.returncode == 1:
        named = [ln for ln in proc.stderr.splitlines() if bad in ln or shown in ln or bad.split()[0] in ln]
        assert named, proc.stderr[-2000:]
    assert not (tmp_path / "outside.txt").exists() and not (papers.parent / "outside.txt").exists()
    found = foi("--index", str(index), "search", "towpath gate", "--json")
    assert found.returncode == 0 and "towpath gate" in found.stdout, found.stderr[-1000:]


def test_two_million_line_export_is_cut_and_read_in_bounded_time(tmp_path: Path) -> None:
    """The issue's case: a 63 MB log of 2,000,000 lines. Cut at text_lines (one warning naming
    it), the rest indexed. Its 100,000 kept lines hold 100,000 distinct numbers, each a term of
    its own (and two word pairs): 45 s on the 2-core box (65 s before numbers skipped the stemmer
    and texts without "rec" the recommendation matcher), and one CI run went past the suite's
    60 s cap. So this command gets 180 s: still bounded, since the uncut file (20 times the
    text) would take a quarter of an hour."""
    papers = tmp_path / "papers"
    papers.mkdir()
    with open(papers / "export.txt", "w", encoding="utf-8") as f:
        for i in range(2_000_000):
            f.write(f"Line {i} of the export log.\n")
    (papers / "good notes.txt").write_text(GOOD, encoding="utf-8")
    proc = foi("--index", str(tmp_path / ".foi"), "ingest", str(papers), "--json", timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    warnings = json.loads(proc.stdout)["warnings"]
    assert [w for w in warnings if w["path"].endswith("export.txt") and "text_lines" in w["warning"]]
    found = foi("--index", str(tmp_path / ".foi"), "search", "towpath gate", "--json")
    assert "towpath gate" in found.stdout
