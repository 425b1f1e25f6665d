"""read_docx on DOCX files built here with python-docx (and on files that are not DOCX)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ingest.models import BLOCK_CHAR, ReadError
from ingest.read_docx import read_docx


def _shade(run, fill: str, color: str | None = None) -> None:
    rpr = run._r.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    rpr.append(shd)
    if color:
        c = OxmlElement("w:color")
        c.set(qn("w:val"), color)
        rpr.insert(0, c)


@pytest.fixture()
def action_list(tmp_path: Path) -> Path:
    d = docx.Document()
    d.core_properties.title = "NSG Action List"
    d.core_properties.author = "Secretariat"
    d.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    d.sections[0].footer.paragraphs[0].text = "MAPPA National Strategic Group"
    d.add_heading("Action List", 0)
    d.add_heading("Attendance", 1)
    p = d.add_paragraph("Present: ")
    p.add_run("John Smith").font.highlight_color = WD_COLOR_INDEX.BLACK
    p.add_run(" (chair) and ")
    _shade(p.add_run(), "000000")
    p.add_run(".")
    for text in ("Circulate the leaflet", "Confirm the venue", "Book the room"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Caveat", style="List Bullet")
    table = d.add_table(rows=3, cols=3)
    rows = [["Item", "Action by", "Timescale"],
            ["Circulate ViSOR users leaflet", "Secretariat", "ASAP"],
            ["Workshop on recommendation 9", "", ""]]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    table.cell(1, 0).add_paragraph("relative to recommendation 7.")
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.paragraphs[0].add_run("Jane").font.highlight_color = WD_COLOR_INDEX.BLACK
    merged.paragraphs[0].add_run(" Doe").font.highlight_color = WD_COLOR_INDEX.BLACK
    merged.paragraphs[0].add_run(" by June")
    d.add_heading("Any other business", 1)
    _shade(d.add_paragraph().add_run("banner"), "1F3864", color="FFFFFF")  # light on dark: styling
    d.add_paragraph("Next meeting in June.")
    path = tmp_path / "action list.docx"
    d.save(str(path))
    return path


def test_body_order_headings_numbering(action_list: Path) -> None:
    sf = read_docx(action_list)
    assert sf.format == "docx"
    assert sf.sha256 == hashlib.sha256(action_list.read_bytes()).hexdigest()
    [page] = sf.pages
    assert page.number is None
    text = page.text
    assert text.startswith("Action List\n\nAttendance\n\nPresent: ")
    assert "\n\n1. Circulate the leaflet\n\n2. Confirm the venue\n\n3. Book the room\n\n• Caveat\n\n" in text
    # The table sits between the list and the last heading, as in the body.
    assert text.index("• Caveat") < text.index("Item\tAction by") < text.index("Any other business")
    assert text.endswith("banner\n\nNext meeting in June.")
    assert [text[h:].split("\n")[0] for h in page.headings] == [
        "Action List", "Attendance", "Any other business"]


def test_table_rows_and_merged_cells(action_list: Path) -> None:
    page = read_docx(action_list).pages[0]
    [table] = page.tables
    assert table.has_header
    assert [r.cells for r in table.rows] == [
        ["Item", "Action by", "Timescale"],
        ["Circulate ViSOR users leaflet\nrelative to recommendation 7.", "Secretariat", "ASAP"],
        ["Workshop on recommendation 9", BLOCK_CHAR * 8 + " by June"],  # merged cell once
    ]
    for row in table.rows:
        assert page.text[row.start:row.end] == row.line
    assert table.rows[1].line == "Circulate ViSOR users leaflet relative to recommendation 7.\tSecretariat\tASAP"


def test_black_highlight_and_shading_are_redactions(action_list: Path) -> None:
    page = read_docx(action_list).pages[0]
    spans = page.redactions
    assert [(s.style, s.marker, s.text_beneath) for s in spans] == [
        ("docx_shading", BLOCK_CHAR * 10, "John Smith"),
        ("docx_shading", BLOCK_CHAR, None),
        ("docx_shading", BLOCK_CHAR * 8, "Jane Doe"),  # two adjacent runs, one span
    ]
    for span in spans:
        assert page.text[span.start:span.end] == span.marker
    assert "John Smith" not in page.text and "Jane" not in page.text
    assert f"Present: {BLOCK_CHAR * 10} (chair) and {BLOCK_CHAR}." in page.text


def test_headers_footers_and_core_properties(action_list: Path) -> None:
    sf = read_docx(action_list)
    assert sf.headers["page_header"] == "OFFICIAL-SENSITIVE"
    assert sf.headers["page_footer"] == "MAPPA National Strategic Group"
    assert sf.headers["title"] == "NSG Action List"
    assert sf.headers["author"] == "Secretariat"
    assert sf.headers["created"][:4].isdigit()
    assert "OFFICIAL-SENSITIVE" not in sf.pages[0].text


def test_numbering_restarts_and_letters(tmp_path: Path) -> None:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, fmt in ((0, "decimal"), (1, "lowerLetter")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)

    def numbered(text: str, ilvl: int) -> None:
        p = d.add_paragraph(text)
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = 90

    numbered("Recommendations", 0)
    numbered("first point", 1)
    numbered("second point", 1)
    numbered("Actions", 0)
    numbered("restarted point", 1)
    path = tmp_path / "levels.docx"
    d.save(str(path))
    lines = read_docx(path).pages[0].text.split("\n\n")
    # No lvlText in this numbering part: decimal shows "1.", lowerLetter "a)".
    assert lines == ["1. Recommendations", "a) first point", "b) second point", "2. Actions",
                     "a) restarted point"]


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("This is plain text saved with a .docx name.")
    with pytest.raises(ReadError, match=r"^not a DOCX \(not a zip archive\)$"):
        read_docx(path)


def test_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(ReadError, match=r"^not a DOCX \(zip without word/document.xml\)$"):
        read_docx(path)


def test_empty_and_broken(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="^empty file$"):
        read_docx(empty)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("word/document.xml", "<w:document>not xml")
    with pytest.raises(ReadError) as info:
        read_docx(broken)
    assert "\n" not in str(info.value)
