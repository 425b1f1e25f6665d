"""text_under_box and hidden_under_shading on PDFs (reportlab) and DOCX (python-docx) built here."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pdf_fixtures import MONO, SIZE, box_over, new_canvas, width, x_after

from index.audit import run_audit
from index.audit.boxes import meaningful
from ingest.pipeline import extract_file


def audit_file(path: Path) -> list[tuple[str, str]]:
    result = extract_file(str(path))
    assert result.error is None, result.error
    findings = run_audit(result.documents).findings
    return [(f.kind, f.at.text) for f in findings
            if f.kind in ("text_under_box", "hidden_under_shading")]


def test_box_over_live_text_is_found_with_the_hidden_words(tmp_path: Path) -> None:
    path = tmp_path / "live.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "The review was led by Jane Doe of the inspectorate.")
    x0 = x_after("The review was led by ")
    box_over(c, x0, x0 + width("Jane Doe"), 700)
    c.save()
    result = extract_file(str(path))
    [finding] = [f for f in run_audit(result.documents).findings if f.kind == "text_under_box"]
    assert finding.at.text == "Jane Doe"
    assert finding.severity == "high"
    assert finding.at.page == 1
    assert "Jane Doe" in finding.explanation
    assert finding.to_json()["text"] == "Jane Doe"


def test_box_over_nothing_is_not_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Present:")
    c.rect(125, 697, 60, 13, fill=1, stroke=0)  # the name was removed before the box was drawn
    c.drawString(195, 700, "(chair)")
    c.save()
    assert audit_file(path) == []


def test_box_over_part_of_a_word_reports_the_covered_letters(tmp_path: Path) -> None:
    path = tmp_path / "part.pdf"
    c = new_canvas(path)
    c.setFont(MONO, SIZE)
    c.drawString(72, 700, "Officer Abernethy attended")
    x0 = x_after("Officer Aber", font=MONO)
    box_over(c, x0, x0 + width("nethy", font=MONO), 700, pad=-0.3)
    c.save()
    assert audit_file(path) == [("text_under_box", "nethy")]


def test_two_line_redaction_gives_one_finding_per_line(tmp_path: Path) -> None:
    path = tmp_path / "two.pdf"
    c = new_canvas(path)
    c.setFont(MONO, SIZE)
    c.drawString(72, 700, "Chair: Alice Jones (lead)")
    c.drawString(72, 686, "Clerk: Bobby Brown (note)")
    x0 = x_after("Chair: ", font=MONO)
    x1 = x0 + width("Alice Jones", font=MONO)
    c.rect(x0 - 0.5, 682, x1 - x0 + 1, 30, fill=1, stroke=0)
    c.save()
    assert audit_file(path) == [("text_under_box", "Alice Jones"), ("text_under_box", "Bobby Brown")]


def test_box_drawn_before_the_text_is_still_a_leak(tmp_path: Path) -> None:
    path = tmp_path / "under.pdf"
    c = new_canvas(path)
    x0 = x_after("Contact ")
    box_over(c, x0, x0 + width("Jane Doe"), 700)
    c.setFillGray(0)
    c.drawString(72, 700, "Contact Jane Doe for details")  # black on black
    c.save()
    assert audit_file(path) == [("text_under_box", "Jane Doe")]


def test_white_layout_box_and_rules_are_not_findings(tmp_path: Path) -> None:
    path = tmp_path / "layout.pdf"
    c = new_canvas(path)
    c.setFillGray(1)
    c.setStrokeGray(0)
    c.rect(60, 660, 300, 60, fill=1, stroke=1)  # white framed text box over the text
    c.setFillGray(0)
    c.drawString(72, 700, "Body inside a framed box")
    c.rect(72, 640, 300, 1, fill=1, stroke=0)  # a rule
    c.save()
    assert audit_file(path) == []


def test_table_with_a_box_in_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    c = new_canvas(path)
    xs = [72, 200, 320, 440]
    rows = [["Item", "Action by", "Timescale"], ["Review the plan", "Mary Smith", "March 2019"],
            ["Book the room", "Secretariat", "ASAP"]]
    ys = [690 - i * 15 for i in range(len(rows) + 1)]
    c.setLineWidth(0.5)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for i, text in enumerate(row):
            c.drawString(xs[i] + 3, ys[r] - 11, text)
    box_over(c, xs[1] + 3, xs[1] + 3 + width("Mary Smith"), ys[1] - 11)
    c.save()
    # The table's borders are not boxes; the one box over live text is.
    assert audit_file(path) == [("text_under_box", "Mary Smith")]


def test_filler_under_a_box_is_not_a_leak(tmp_path: Path) -> None:
    path = tmp_path / "filler.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Name: XXXXXXXX signed")
    x0 = x_after("Name: ")
    box_over(c, x0, x0 + width("XXXXXXXX"), 700)
    c.drawString(72, 680, "Ref: ........ filed")
    x0 = x_after("Ref: ")
    box_over(c, x0, x0 + width("........"), 680)
    c.save()
    assert audit_file(path) == []
    assert not meaningful("X X X") and not meaningful(" .,;- ") and meaningful("Xavier") and meaningful("07700")


def _shade(run, fill: str) -> None:
    rpr = run._r.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    rpr.append(shd)


def test_docx_shaded_and_highlighted_runs(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("The case was reviewed by ")
    p.add_run("John Smith").font.highlight_color = WD_COLOR_INDEX.BLACK
    p.add_run(" and ")
    _shade(p.add_run("Ann Lee"), "000000")
    p.add_run(".")
    q = d.add_paragraph("Removed properly: ")
    _shade(q.add_run(""), "000000")  # shading left over an emptied run: nothing to leak
    q.add_run(" and a light highlight ")
    q.add_run("kept").font.highlight_color = WD_COLOR_INDEX.YELLOW
    path = tmp_path / "shaded.docx"
    d.save(str(path))
    assert audit_file(path) == [("hidden_under_shading", "John Smith"), ("hidden_under_shading", "Ann Lee")]
