"""The fast PDF path (pdfium text layer, char boxes and paths) reads like pdfplumber, the reader
of record: the same page text, the same redaction spans and the same tables on every PDF in
corpus/ and on generated PDFs with drawn boxes, tables and bullets. Speed is measured by
bench/run.py, never asserted here."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest.read_pdf as read_pdf_module
from ingest.read_pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PDFS = sorted((ROOT / "corpus").glob("*.pdf"))


def signature(path: Path, engine: str) -> list[tuple]:
    source = read_pdf(str(path), engine=engine)
    return [
        (page.number, page.text,
         [(s.start, s.end, s.style, s.marker, s.text_beneath, tuple(round(v, 1) for v in s.bbox or ()))
          for s in page.redactions],
         [[row.cells for row in table.rows] for table in page.tables])
        for page in source.pages
    ] + [("headers", sorted(source.headers.items()))]


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_fast_and_plumber_read_corpus_pdfs_alike(path: Path) -> None:
    assert signature(path, "fast") == signature(path, "plumber")


def test_fast_path_reads_corpus_pages_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """The equivalence above must not come from every page falling back to pdfplumber."""
    if not CORPUS_PDFS:
        pytest.skip("corpus/ not built")
    claimed: list[bool] = []
    original = read_pdf_module._fast_page

    def counting(doc, index, **kwargs):
        page, objects = original(doc, index, **kwargs)
        claimed.append(page is not None)
        return page, objects

    monkeypatch.setattr(read_pdf_module, "_fast_page", counting)
    for path in CORPUS_PDFS:
        read_pdf(str(path), engine="fast")
    assert claimed and sum(claimed) >= 0.9 * len(claimed)


def test_generated_pdfs_read_alike(tmp_path: Path) -> None:
    """Pages drawn like the ones public bodies release: boxes over live text and over nothing,
    a ruled table with a redacted cell, drawn bullets, a white heading on a dark band."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "drawn.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(3):
        y = 800
        c.setFillGray(0.1)
        c.rect(60, y - 4, 470, 18, fill=1, stroke=0)
        c.setFillGray(1)
        c.drawString(66, y, f"{page + 1}. Minutes of the board meeting")
        c.setFillGray(0)
        y -= 30
        for i in range(25):
            c.drawString(72, y, f"{i + 1}.{page} The officer reported on item {i} for Mr Alan Smith and the panel.")
            if i % 4 == 1:
                c.rect(300, y - 3, 70, 12, fill=1, stroke=0)  # box over live text
            if i % 7 == 3:
                c.rect(72 + 200, y - 3, 40, 12, fill=1, stroke=0)
            y -= 16
        c.circle(76, y + 3, 2, fill=1, stroke=0)
        c.drawString(84, y, "A bullet drawn as a dot")
        y -= 30
        c.rect(72, y - 3, 120, 12, fill=1, stroke=0)  # a removed line, nothing under it
        y -= 30
        rows = [("Action", "Owner", "Due"), ("Review vetting", "J Brown", "May 2016"), ("Publish plan", "Secretariat", "June")]
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                x = 72 + k * 150
                c.rect(x, y - 6, 150, 20, fill=0, stroke=1)
                c.drawString(x + 4, y, cell)
            if r == 1:
                c.rect(72 + 154, y - 3, 60, 12, fill=1, stroke=0)  # redacted owner in the cell
            y -= 20
        c.showPage()
    c.save()
    fast = signature(path, "fast")
    assert fast == signature(path, "plumber")
    assert any(p[3] for p in fast[:-1]) and any(p[2] for p in fast[:-1])  # tables and spans were read


def test_runs_read_like_glyphs_on_awkward_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path reads most text as runs (a text object between two breaks pdfium
    inferred). Text where runs and glyph-by-glyph reading could part ways: words placed one by
    one with no space glyph, letter and word spacing, fake bold printed twice, fonts changing
    inside a line, non-ASCII letters, a header overflowing its cell across a rule, a box over
    part of a word, a box alone on its line, rules just above and below text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "awkward.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for word, x in (("Words", 72), ("placed", 110), ("one", 150), ("by", 176), ("one", 192)):
        c.drawString(x, y, word)
    y -= 20
    t = c.beginText(72, y)
    t.setCharSpace(1.5)
    t.setWordSpace(6)
    t.textLine("Letter and word spacing on a justified line of the minutes.")
    c.drawText(t)
    c.rect(520, y - 3, 40, 12, fill=1, stroke=0)  # a box on that line, clear of its text
    y -= 20
    for dx in (0, 0.3):
        c.drawString(72 + dx, y, "Fake bold heading printed twice")
    y -= 20
    t = c.beginText(72, y)
    t.setFont("Helvetica-Bold", 10)
    t.textOut("ACTION: ")
    t.setFont("Helvetica", 10)
    t.textOut("Secretariat to ")
    t.setFont("Helvetica-Oblique", 10)
    t.textOut("circulate")
    t.setFont("Helvetica", 10)
    t.textOut(" the note by 1 March 2017.")
    c.drawText(t)
    y -= 20
    c.drawString(72, y, "Costs of \u00a35,000 \u2013 the officer\u2019s report, caf\u00e9 and na\u00efve r\u00e9sum\u00e9.")
    y -= 30
    c.line(72, y + 14, 372, y + 14)
    for k, header in enumerate(("Recommendation", "Response", "Owner")):
        c.drawString(72 + k * 60 + 3, y, header)  # "Recommendation" runs past its 60 pt cell
        c.line(72 + k * 60, y - 6, 72 + k * 60, y + 14)
    c.line(252, y - 6, 252, y + 14)
    c.line(72, y - 6, 252, y - 6)
    y -= 20
    c.line(72, y + 11, 300, y + 11)  # a rule 1 pt above the text
    c.drawString(72, y, "Text between two rules that nearly touch it.")
    c.line(72, y - 3, 300, y - 3)
    y -= 24
    c.drawString(72, y, "The name Johnathan Smithers was partly boxed.")
    c.rect(130, y - 3, 30, 12, fill=1, stroke=0)  # over part of a word
    y -= 24
    c.rect(72, y - 3, 150, 12, fill=1, stroke=0)  # alone on its line
    y -= 24
    c.drawString(72, y, "A closing line after the removed one.")
    c.save()

    import ingest.pdf_pdfium as pdf_pdfium

    runs: list[int] = []
    original = pdf_pdfium._runs

    def counting(*args):
        chars = original(*args)
        runs.append(sum("glyphs" in ch for ch in chars or []))
        return chars

    monkeypatch.setattr(pdf_pdfium, "_runs", counting)
    fast = signature(path, "fast")
    assert runs and runs[0] >= 10  # the page really was read as runs
    assert fast == signature(path, "plumber")
    text = fast[0][1]
    assert "Words placed one by one" in text and "\u00a35,000 \u2013 the officer\u2019s" in text
    assert len(fast[0][2]) == 3  # the three boxes
