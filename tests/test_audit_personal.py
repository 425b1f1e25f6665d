"""Personal details withheld in one place and printed in another: recognisers on fixtures
written here, and a planted-leak release scored for recall and precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.audit import run_audit
from index.audit.recognisers import find_mentions, slot_kind
from ingest.pipeline import extract_paths


@pytest.mark.parametrize(("text", "kind", "key"), [
    ("Ring 020 7946 0123 today", "phone", "+442079460123"),
    ("Ring +44 (0)20 7946 0123 ext 4 today", "phone", "+442079460123"),
    ("write to r.okafor@harbour.example.org please", "email", "r.okafor@harbour.example.org"),
    ("Dr Ruth Okafor chaired", "person", "r okafor"),
    ("Chief Superintendent Vance attended", "person", "vance"),
    ("DS Morrow reported", "person", "morrow"),
    ("at 14 Harbour Road, Portsby", "address", "14harbourroad"),
    ("Portsby PO7 3QS", "postcode", "po73qs"),
    ("NI number AB 12 34 56 C", "ni_number", "ab123456c"),
    ("date of birth: 03/04/1981", "date_of_birth", "03/04/1981"),
    ("a silver car, AB12 CDE, was seen", "vehicle_reg", "ab12cde"),
    ("Prisoner number A1234BC", "case_number", "a1234bc"),
    ("Yours sincerely,\n\nHarriet Okafor\nHead of Estates", "signature", "h okafor"),
])
def test_each_recogniser(text: str, kind: str, key: str) -> None:
    found = [m for m in find_mentions(text) if m.kind == kind]
    assert [m.key for m in found] == [key], find_mentions(text)


@pytest.mark.parametrize("text", [
    "The di value was checked", "Call 999 in an emergency", "Item 4.2 was deferred",
    "Section 40(2) applies", "the meeting on 03/04/2019", "Room 12 Harbour House",
])
def test_recognisers_leave_ordinary_text_alone(text: str) -> None:
    assert [m for m in find_mentions(text) if m.kind != "postcode"] == []


@pytest.mark.parametrize(("before", "kind"), [
    ("Tel: ", "phone"), ("mobile ", "phone"), ("email ", "email"), ("DI ", "person"), ("Present: ", "person"),
    ("Date of birth: ", "date_of_birth"), ("Address: ", "address"), ("Registration: ", "vehicle_reg"),
    ("Prisoner number ", "case_number"), ("The report of ", None),
])
def test_the_words_before_a_marker_say_what_it_withholds(before: str, kind: str | None) -> None:
    assert slot_kind(before) == kind


WITHHOLDING = """\
Minutes of the Harbour Safety Panel
Meeting of 3 March 2025

Present: Ann Lowe (Chair), DI [REDACTED], [REDACTED] (harbour master)

1. Incident on the north quay
The skipper (Tel: █████████, email [Redacted]) gave a statement. Date of birth: ██████.
Address: ███████████. Registration: ███████. Prisoner number ███████.
NI number ███████████.
"""

PRINTING = """\
Minutes of the Harbour Safety Panel
Meeting of 7 April 2025

Present: Ann Lowe (Chair), DI Morrow, Dr Ruth Okafor

1. Matters arising
DI Morrow confirmed the statement. The skipper can be reached on Tel: 020 7946 0123 or at
r.okafor@harbour.example.org. Date of birth: 03/04/1981. She lives at 14 Harbour Road.
The car, AB12 CDE, was moved. Prisoner number A1234BC was released. NI number AB 12 34 56 C.
The next meeting is on 03/05/2025 in Room 12.
"""

PLANTED = {"DI Morrow", "020 7946 0123", "r.okafor@harbour.example.org", "03/04/1981", "14 Harbour Road",
           "AB12 CDE", "A1234BC", "AB 12 34 56 C", "Dr Ruth Okafor"}


def test_planted_release_recall_and_precision(tmp_path: Path) -> None:
    (tmp_path / "2025-03-03 panel minutes.txt").write_text(WITHHOLDING, encoding="utf-8")
    (tmp_path / "2025-04-07 panel minutes.txt").write_text(PRINTING, encoding="utf-8")
    docs = extract_paths([str(tmp_path)]).documents
    findings = [f for f in run_audit(docs).findings
                if f.kind in ("personal_data_visible", "name_visible", "initials_visible", "role_inconsistent")]
    reported = {" ".join(p.text.split()) for f in findings for p in [f.at, *f.evidence]}
    found = {leak for leak in PLANTED if any(leak in r for r in reported)}
    recall = len(found) / len(PLANTED)
    true = [f for f in findings if any(leak in " ".join(f.at.text.split()) for leak in PLANTED)]
    precision = len(true) / len(findings) if findings else 0.0
    assert recall >= 0.95, sorted(PLANTED - found)
    assert precision >= 0.9, [f.at.text for f in findings if f not in true]
    # printed in the very slot the release redacts elsewhere: high
    by_text = {" ".join(f.at.text.split()): f for f in findings}
    assert by_text["020 7946 0123"].severity == "high"
    assert any(f.severity == "high" for t, f in by_text.items() if "Morrow" in t)


def test_nothing_withheld_of_a_kind_means_no_finding_of_it(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(PRINTING, encoding="utf-8")
    docs = extract_paths([str(tmp_path)]).documents
    assert [f for f in run_audit(docs).findings if f.kind == "personal_data_visible"] == []


def _pdf(path: Path, text: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    y = 800
    for line in text.splitlines():
        c.drawString(56, y, line)
        y -= 14
    c.save()


def _docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for line in text.split("\n\n"):
        d.add_paragraph(line.replace("\n", " ") if not line.startswith("Yours") else line)
    d.save(str(path))


def _eml(path: Path, text: str) -> None:
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "clerk@harbour.example.org", "panel@harbour.example.org", "Panel letter"
    m["Date"] = "Mon, 7 Apr 2025 10:00:00 +0100"
    m.set_content(text)
    path.write_bytes(bytes(m))


LETTER_WITHHELD = "Dear Panel,\n\nThe survey is enclosed.\n\nYours sincerely,\n[REDACTED]\nHarbour Master\n"
LETTER_PRINTED = "Dear Panel,\n\nThe repairs are agreed.\n\nYours sincerely,\nHarriet Okafor\nHarbour Master\n"


@pytest.mark.parametrize(("write", "suffix"), [(_pdf, ".pdf"), (_docx, ".docx"), (_eml, ".eml")])
def test_planted_release_in_each_format(tmp_path: Path, write, suffix: str) -> None:
    """The same planted leaks found whether the release is PDFs, Word files or e-mails."""
    write(tmp_path / f"2025-03-03 panel minutes{suffix}", WITHHOLDING)
    write(tmp_path / f"2025-04-07 panel minutes{suffix}", PRINTING)
    write(tmp_path / f"2025-03-10 letter{suffix}", LETTER_WITHHELD)
    write(tmp_path / f"2025-04-10 letter{suffix}", LETTER_PRINTED)
    docs = extract_paths([str(tmp_path)]).documents
    findings = [f for f in run_audit(docs).findings
                if f.kind in ("personal_data_visible", "name_visible", "initials_visible", "role_inconsistent")]
    reported = {" ".join(p.text.split()) for f in findings for p in [f.at, *f.evidence]}
    planted = PLANTED | {"Harriet Okafor"}
    found = {leak for leak in planted if any(leak in r for r in reported)}
    assert len(found) / len(planted) >= 0.9, sorted(planted - found)
    true = [f for f in findings if any(leak in " ".join(f.at.text.split()) for leak in planted)]
    assert len(true) / len(findings) >= 0.9, [f.at.text for f in findings if f not in true]
