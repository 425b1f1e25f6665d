"""The fast PDF path claims pages built the ways real releases are and reads them as pdfplumber
does: text scaled by its matrix (a 1-point font under a Tm, a ``cm`` scale, ``Tz``), empty
paragraphs written as a lone space, text and rules inside form XObjects, page boxes whose
origin is not (0, 0), images beside text. Each test asserts both that the fast path read the
pages itself (not a fallback to pdfplumber) and that read_pdf gives the same pages either way."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdf_fixtures import (
    FONT,
    SIZE,
    blank_line,
    box_over,
    first_page_saved,
    new_canvas,
    scaled_line,
    width,
    with_page_boxes,
)
from test_perf_pdf_engine import signature

import ingest.layout as layout
import ingest.pdf_pdfium as pdf_pdfium
import ingest.read_pdf as read_pdf_module


def embed_dejavu(name: str) -> None:
    """DejaVu Sans registered with reportlab as ``name`` (a font embedded in the PDF, subset by
    reportlab); the test is skipped where the system has no DejaVu Sans."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("no DejaVu Sans to embed")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(name, str(dejavu)))


def claims(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each page of ``path``, whether the fast path read it itself."""
    claimed: list[bool] = []
    original = read_pdf_module._fast_page

    def counting(doc, index, **kwargs):  # type: ignore[no-untyped-def]
        page, objects = original(doc, index, **kwargs)
        claimed.append(page is not None)
        return page, objects

    with monkeypatch.context() as m:
        m.setattr(read_pdf_module, "_fast_page", counting)
        read_pdf_module.read_pdf(str(path), engine="fast")
    return claimed


def assert_read_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    assert all(claims(path, monkeypatch)), pdf_pdfium.FALLBACKS
    fast = signature(path, "fast")
    assert fast == signature(path, "plumber")
    return fast


def assert_page_read_as(path: Path, monkeypatch: pytest.MonkeyPatch, claimed: bool, reason: str) -> list[tuple]:
    """A one-page PDF read by the fast path itself, or left to pdfplumber for ``reason`` alone;
    read alike either way."""
    pdf_pdfium.FALLBACKS.clear()
    assert claims(path, monkeypatch) == [claimed], pdf_pdfium.FALLBACKS
    assert pdf_pdfium.FALLBACKS == ({} if claimed else {reason: 1})
    fast = signature(path, "fast")
    assert fast == signature(path, "plumber")
    return fast


def test_text_scaled_by_its_matrix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Body text in a 1-point font scaled by Tm (Word, Quartz), a heading scaled by ``cm``, a
    condensed line (Tz), empty paragraphs as lone spaces, a box over scaled text, a ruled table
    and a white heading on a dark band, all scaled."""
    path = tmp_path / "scaled.pdf"
    c = new_canvas(path)
    for page in range(2):
        c.saveState()
        c.translate(72, 740)
        c.scale(2, 2)
        c.setFont("Helvetica-Bold", 8)
        c.drawString(0, 0, ("Minutes of the board", "Appendix: the contract")[page])
        c.restoreState()
        y = 700
        for para in range(3):
            for i in range(4):
                scaled_line(c, 72, y, f"{para + 1}.{i} The officer reported on the contract for Mr Alan Smith.")
                if i == 1 and para == page:
                    x0 = 72 + width("1.1 The officer reported on the contract for ", size=SIZE)
                    box_over(c, x0, x0 + width("Mr Alan Smith", size=SIZE), y)
                y -= 14
            blank_line(c, 72, y)  # Word's empty paragraph: a text object of one space
            y -= 14
        scaled_line(c, 72, y, "A condensed line that Tz squeezes to fit its column width.", condensed=80)
        y -= 30
        c.setFillGray(0.1)
        c.rect(66, y - 4, 460, 18, fill=1, stroke=0)
        c.setFillGray(1)
        scaled_line(c, 72, y, "Actions arising", size=12)
        c.setFillGray(0)
        y -= 30
        for row in (("Action", "Owner", "Due"), ("Review vetting", "J Brown", "May 2016")):
            for k, cell in enumerate(row):
                c.rect(72 + k * 150, y - 6, 150, 20, fill=0, stroke=1)
                scaled_line(c, 76 + k * 150, y, cell, size=10)
            y -= 20
        c.showPage()
    c.save()
    fast = assert_read_alike(path, monkeypatch)
    pages = fast[:-1]
    assert "Minutes of the board" in pages[0][1] and "Appendix: the contract" in pages[1][1]
    assert any(p[2] for p in pages) and all(p[3] for p in pages)  # the box and the tables were read
    assert "\n\n2.0 The officer" in pages[0][1]  # the empty paragraph kept its break


def test_lines_of_a_lone_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A double-spaced court filing: every other line holds one space, which pdfium's text page
    leaves out and pdfplumber reads as a line of its own (its blank lines set the paragraph
    gaps). Some lines end in a space of their own, some runs of spaces."""
    path = tmp_path / "double.pdf"
    c = new_canvas(path)
    c.setFont("Times-Roman", 12)
    y = 720
    for i in range(14):
        c.drawString(72, y, f"{i + 1}. Berkshire was and is a corporation organized and existing ")
        y -= 13.8
        blank_line(c, 72, y, 12)
        y -= 13.8
        if i % 5 == 4:
            c.drawString(72, y, "   ")
            y -= 27.6
    c.save()
    fast = assert_read_alike(path, monkeypatch)
    assert "existing\n\n2. Berkshire" in fast[0][1]


def test_glyphs_stand_on_pdfminers_descent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfplumber's glyph box starts at the font's descent as pdfminer knows it: a standard
    font's AFM metrics (Helvetica: -207), else the descriptor's /Descent. pdfium's own boxes
    reach the font program's descender (-225 for its Helvetica), which puts a small line set
    just under a large one on the large one's line."""
    path = tmp_path / "descent.pdf"
    c = new_canvas(path)
    c.setFont(FONT, 40)
    c.drawString(72, 700, "Heading")
    c.setFont(FONT, 10)
    c.drawString(300, 688.43, "2")  # its middle lies 0.36 pt under the heading's bottom
    c.save()
    fast = assert_read_alike(path, monkeypatch)
    assert fast[0][1] == "Heading\n2"


def test_descriptor_descent_unlike_the_font_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An embedded font whose descriptor gives a /Descent other than its program's descender
    (as some producers write it): pdfminer places glyphs by the descriptor."""
    embed_dejavu("DejaVuTest")
    path = tmp_path / "descriptor.pdf"
    c = new_canvas(path)
    c.setFont("DejaVuTest", 14)
    c.drawString(400, 700, "Exh. B - 6")
    c.setFont(FONT, 12)
    c.drawString(480, 694.08, "2")  # its middle lies 1 pt under the descriptor's descent line
    c.save()
    data = path.read_bytes()
    assert data.count(b"/Descent -240") == 1 and data.count(b"/BaseFont /AAAAAA+DejaVuSans") == 1
    data = data.replace(b"/Descent -240", b"/Descent -100")  # same length: the offsets hold
    path.write_bytes(data)
    fast = assert_read_alike(path, monkeypatch)
    assert fast[0][1] == "Exh. B - 6\n2"
    # The same font named as a standard one: pdfminer takes that font's AFM metrics, but pdfium
    # names a subset "ABCDEF+Helvetica-Oblique" the same way: pdfminer's view of the page's
    # fonts tells which it is, and pdfplumber reads the page when it cannot.
    renamed = tmp_path / "renamed.pdf"
    renamed.write_bytes(data.replace(b"/BaseFont /AAAAAA+DejaVuSans", b"/BaseFont /Helvetica-Oblique"))
    assert_read_alike(renamed, monkeypatch)
    two = [pdf_pdfium.FontFacts("Helvetica-Oblique", -0.207, None), pdf_pdfium.FontFacts("Helvetica-Oblique", -0.1, None)]
    monkeypatch.setattr(read_pdf_module, "font_facts", lambda page_obj, known=None: two)
    assert_page_read_as(renamed, monkeypatch, False, "standard font name with metrics of its own")


def test_text_and_rules_inside_form_xobjects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A letterhead form (text and rules) on every page, a footer form placed by ``cm``, a
    ruled table drawn inside a form, a form inside a form, and a box inside a form over body
    text outside it."""
    path = tmp_path / "forms.pdf"
    c = new_canvas(path)
    c.beginForm("letterhead")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 800, "County Library Trust")
    c.line(72, 792, 523, 792)
    c.endForm()
    c.beginForm("footer")
    c.setFont(FONT, 8)
    c.drawString(0, 0, "Registered charity 1234567, Library House, High Street")
    c.line(0, 12, 451, 12)
    c.endForm()
    c.beginForm("table")
    for r, row in enumerate((("Item", "Decision"), ("Budget", "Agreed"), ("Rota", "Deferred"))):
        for k, cell in enumerate(row):
            c.rect(72 + k * 200, 500 - r * 20, 200, 20, fill=0, stroke=1)
            c.setFont(FONT, 10)
            c.drawString(76 + k * 200, 506 - r * 20, cell)
    c.endForm()
    c.beginForm("boxed")
    c.doForm("table")
    c.endForm()
    c.beginForm("cover")
    box_over(c, 130, 200, 700)
    c.endForm()
    for page in range(2):
        c.doForm("letterhead")
        c.setFont(FONT, SIZE)
        c.drawString(72, 740, f"Page {page + 1} of the minutes of the trustees' meeting.")
        c.drawString(72, 700, "Present: Dr Andrew Payne and Ms Jane Doe, trustees.")
        if page == 0:
            c.doForm("cover")
        c.doForm("boxed" if page else "table")
        c.saveState()
        c.translate(72, 40)
        c.doForm("footer")
        c.restoreState()
        c.showPage()
    c.save()
    fast = assert_read_alike(path, monkeypatch)
    pages = fast[:-1]
    assert all("Ms Jane Doe, trustees." in p[1] for p in pages)
    assert pages[0][2] and all(p[3] for p in pages)  # the box from a form, the tables drawn in forms


@pytest.mark.parametrize("mediabox, cropbox", [
    ((-20, 30, 575, 871), None),
    ((0, 7.83, 595.5, 850.08), None),
    ((0, 0, 605.15, 849.6), (4.92, 3.86, 600.23, 846.09)),
], ids=["negative-x", "raised", "cropped"])
def test_page_boxes_not_at_the_origin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      mediabox: tuple[float, float, float, float],
                                      cropbox: tuple[float, float, float, float] | None) -> None:
    """pdfplumber keeps x as the PDF has it and measures top down from the MediaBox's height;
    the CropBox moves nothing. Running headers and footers near the box's edges stay margins."""
    path = tmp_path / "boxes.pdf"
    c = new_canvas(path)
    with_page_boxes(c, mediabox, cropbox)
    for page in range(3):
        c.setFont(FONT, 9)
        c.drawString(72, mediabox[3] - 30, "Case 4:21-cv-00518 Document 12-2 Filed 08/18/21")
        c.setFont(FONT, SIZE)
        y = mediabox[3] - 100
        for i in range(8):
            c.drawString(72, y, f"{i + 1}. The panel considered the report of the officer on item {i}.")
            if i == 3:
                box_over(c, 200, 260, y)
            y -= 16
        for r, row in enumerate((("Name", "Role"), ("A Smith", "Chair"))):
            for k, cell in enumerate(row):
                c.rect(72 + k * 150, y - 6 - r * 20, 150, 20, fill=0, stroke=1)
                c.drawString(76 + k * 150, y - r * 20, cell)
        c.setFont(FONT, 9)
        c.drawString(400, mediabox[1] + 20, f"Exh. B - {page + 1}")
        c.showPage()
    c.save()
    fast = assert_read_alike(path, monkeypatch)
    pages = fast[:-1]
    assert all(p[2] and p[3] for p in pages)
    assert not any("Case 4:21" in p[1] for p in pages)  # the running header was recognised as one


def test_images_beside_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A logo and a signature image on a page of text, one of them inside a form: the page
    is text (not a scan), read from pdfium."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    logo = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(logo, format="PNG")
    path = tmp_path / "images.pdf"
    c = new_canvas(path)
    c.beginForm("crest")
    c.drawImage(ImageReader(io.BytesIO(logo.getvalue())), 480, 780, 60, 30)
    c.endForm()
    c.doForm("crest")
    c.drawImage(ImageReader(io.BytesIO(logo.getvalue())), 72, 780, 80, 40)
    y = 740
    for i in range(10):
        c.drawString(72, y, f"{i + 1}. Minutes of the meeting held in the Council Chamber, item {i}.")
        y -= 16
    c.drawImage(ImageReader(io.BytesIO(logo.getvalue())), 72, y - 30, 120, 40)  # a signature
    c.save()
    fast = assert_read_alike(path, monkeypatch)
    assert "Council Chamber, item 9." in fast[0][1]


def test_copies_apart_and_invisible_text_left_to_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium's text page drops a line printed again 1.5 pt away (pdfplumber keeps both
    copies) and piles OCR glyphs its own way: such pages are read by pdfplumber."""
    path = tmp_path / "left.pdf"
    c = new_canvas(path)
    for dx in (0, 1.5):
        c.drawString(72 + dx, 700, "A heading printed twice, well apart")
    c.drawString(72, 660, "Body text of the page.")
    c.showPage()
    t = c.beginText(72, 700)
    t.setTextRenderMode(3)
    t.textLine("Text of an OCR layer over a scan.")
    c.drawText(t)
    c.save()
    assert claims(path, monkeypatch) == [False, False]
    assert signature(path, "fast") == signature(path, "plumber")


def test_hyphens_and_accents_read_through_the_fonts_maps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word hyphenated at a line's end, which pdfium's text page marks as a line-end hyphen,
    and accents and dashes in a font flagged symbolic: pdfminer's view of the page's fonts
    (a ToUnicode map) tells what pdfplumber reads there. A standard font without one (WinAnsi,
    where code 173 is a space to pdfminer and a hyphen to pdfium) is read through its /Encoding
    while no string on the page holds code 173 (see the next test)."""
    embed_dejavu("DejaVuMaps")
    for font, claimed in (("DejaVuMaps", True), (FONT, True)):
        path = tmp_path / f"hyphen-{font}.pdf"
        c = new_canvas(path)
        c.setFont(font, SIZE)
        y = 700
        for i in range(4):
            c.drawString(72, y, "The board asked the sub-")
            c.drawString(72, y - 14, f"committee to report on the caf\u00e9 \u2013 \u00a35,000 costs {i}.")
            y -= 40
        c.save()
        fast = assert_page_read_as(path, monkeypatch, claimed, "hyphen of an unknown kind")
        assert "sub-\ncommittee" in fast[0][1] and "caf\u00e9 \u2013 \u00a35,000" in fast[0][1]


@pytest.mark.parametrize("soft", ["line end", "mid-line", "hex string", "form"])
def test_code_173_on_the_page_leaves_line_end_hyphens_to_pdfplumber(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, soft: str) -> None:
    """WinAnsi's code 173 (a soft hyphen) in a font without a ToUnicode map is a space to
    pdfminer and a hyphen to pdfium, and at a line's end pdfium's text page cannot tell it
    from code 45: a page whose content may show code 173 anywhere (a literal string, a hex
    string, a form it draws) leaves its line-end hyphens to pdfplumber."""
    path = tmp_path / "soft.pdf"
    c = new_canvas(path, pageCompression=0)
    if soft == "form":
        c.beginForm("note")
        c.drawString(72, 100, "sub\xadcommittee")
        c.endForm()
        c.doForm("note")
    c.drawString(72, 700, "The board asked the sub-")
    c.drawString(72, 686, "committee to report.")
    if soft == "line end":
        c.drawString(72, 650, "The board asked the co\xad")
        c.drawString(72, 636, "operative to report.")
    elif soft == "mid-line":
        c.drawString(72, 650, "The sub\xadcommittee reported.")
    c.save()
    data = path.read_bytes()
    if soft == "hex string":
        # the same line written as a hex string ("The co" and code 173)
        assert data.count(b"(committee to report.) Tj") == 1
        data = data.replace(b"(committee to report.) Tj",
                            b"(committee to report.) Tj 0 -36 Td <54686520636fAD> Tj")
        path.write_bytes(data)
    else:
        assert (b"\\255" in data or b"\xad" in data) is True
    fast = assert_page_read_as(path, monkeypatch, False, "hyphen of an unknown kind")
    assert "sub-\ncommittee" in fast[0][1]


def test_spaces_merged_across_a_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Minutes in a grid with an Action column; the discussion's line is typed out with spaces
    that run past the column's rule. pdfium's text page keeps one space of several, pdfplumber
    reads them all: the last lies in the Action cell, whose first line then starts a little
    higher and so goes before the discussion's next line. Such a page is left to pdfplumber;
    the same spaces clear of the rule are read from pdfium."""
    left = "There was a long discussion about prescribing."
    for past, claimed in ((True, False), (False, True)):
        path = tmp_path / f"spaces-{past}.pdf"
        c = new_canvas(path)
        item, rule = 110, 114 + width(left) + (1.5 * width(" ") if past else 20)
        columns = ((72, item), (item, rule), (rule, rule + 150))
        y = 760
        c.setFont("Helvetica-Bold", SIZE)
        for (x0, x1), head in zip(columns, ("Item", "Minute", "Action"), strict=True):
            c.drawString(x0 + 4, y, head)
            c.rect(x0, y - 6, x1 - x0, 20, fill=0, stroke=1)
        y -= 20
        for r in range(3):
            for x0, x1 in columns:
                c.rect(x0, y - 64, x1 - x0, 78, fill=0, stroke=1)
            c.setFont(FONT, SIZE)
            c.drawString(76, y, f"0{r}")
            for k, line in enumerate(("7/28 day prescribing", left + "   ", "Northumbria FT known to be assessing.",
                                      "Guidance was in place but not all pharmacies.")):
                c.drawString(item + 4, y - 14 * k, line)
            c.setFont(FONT, SIZE - 0.5)
            c.drawString(rule + 4, y - 14.4, f"07-0{r} AG to circulate LPC")  # 0.4 pt below its line
            c.drawString(rule + 4, y - 28.4, "guidance on 7/28 day")
            y -= 78
        c.save()
        fast = assert_page_read_as(path, monkeypatch, claimed, "spaces pdfium's text page merged")
        assert ("prescribing.\nAction: 07-00" in fast[0][1]) is past


def test_paths_of_several_subpaths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One path object holding several subpaths, as many writers draw a table's rules or a
    row of boxes: pdfminer paints each subpath as a path of its own (a lone move dropped), and
    the fast path reads them so. A table ruled by one stroked path of moves and lines, two
    boxes over names filled as one path, a frame of two rectangles and a closed triangle."""
    path = tmp_path / "subpaths.pdf"
    c = new_canvas(path)
    y = 760
    c.drawString(72, y, "The panel met Alan Smith and Jane Brown on Tuesday.")
    boxes = c.beginPath()
    for name in ("Alan Smith", "Jane Brown"):
        x0 = 72 + width("The panel met Alan Smith and Jane Brown on Tuesday."[
            :"The panel met Alan Smith and Jane Brown on Tuesday.".index(name)])
        boxes.rect(x0 - 0.5, y - 4, width(name) + 1, SIZE + 5)
    c.drawPath(boxes, fill=1, stroke=0)
    y -= 60
    rules = c.beginPath()
    rules.moveTo(72, 640)  # a lone move: pdfium keeps the last of two in a row, pdfminer drops it
    for row in range(4):
        rules.moveTo(72, y - row * 20 + 14)
        rules.lineTo(372, y - row * 20 + 14)
    for x in (72, 222, 372):
        rules.moveTo(x, y + 14)
        rules.lineTo(x, y - 46)
    c.drawPath(rules, fill=0, stroke=1)
    for row, (item, owner) in enumerate((("Item", "Owner"), ("Budget review", "J Brown"), ("Rota", "A Smith"))):
        c.drawString(76, y - row * 20, item)
        c.drawString(226, y - row * 20, owner)
    y -= 100
    frame = c.beginPath()
    frame.rect(72, y - 10, 200, 30)
    frame.rect(74, y - 8, 196, 26)
    c.setFillGray(0.9)
    c.drawPath(frame, fill=1, stroke=0, fillMode=1)
    c.setFillGray(0)
    c.drawString(80, y, "Text inside a frame of two rectangles")
    tri = c.beginPath()
    tri.moveTo(300, y)
    tri.lineTo(310, y + 10)
    tri.lineTo(320, y)
    tri.close()
    tri.moveTo(330, y)
    tri.lineTo(340, y)
    c.drawPath(tri, fill=0, stroke=1)
    c.save()
    fast = assert_page_read_as(path, monkeypatch, True, "")
    assert len(fast[0][2]) == 2 and fast[0][3]  # both boxes, and the table


def test_glyph_edges_are_advances_not_ink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A glyph's box spans its advance (pdfminer's), where pdfium's loose box reaches the ink
    of an italic "f" or "t" past it: the fast path's x1 is the advance's end on every glyph."""
    import pdfplumber
    import pypdfium2 as pdfium

    path = tmp_path / "italic.pdf"
    c = new_canvas(path)
    c.setFont("Times-Italic", 12)
    c.drawString(72, 700, "staff of the fifth fort, first draft, after effort")
    c.save()
    with pdfplumber.open(str(path)) as pdf:
        expected = sorted((round(ch["x0"], 2), round(ch["x1"], 2)) for ch in pdf.pages[0].chars if ch["text"].strip())

    def edges() -> list[tuple[float, float]]:
        doc = pdfium.PdfDocument(str(path))
        try:
            page = pdf_pdfium.FastPage.from_page(doc[0])
            assert page is not None
            return sorted((round(ch["x0"], 2), round(ch["x1"], 2)) for ch in page.chars if ch["text"].strip())
        finally:
            doc.close()

    assert edges() == expected
    # (the ink does reach past the advance here: the loose box's edge reads otherwise)
    monkeypatch.setattr(pdf_pdfium._CharReader, "right", lambda self, i, ox, box: max(box.right, ox))
    assert edges() != expected


@pytest.mark.parametrize(("tied", "tie", "claimed"), [(True, None, True), (True, 0.0, False), (False, None, True)])
def test_a_layout_tie_between_lines_is_settled_or_left_to_pdfplumber(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tied: bool, tie: float | None, claimed: bool) -> None:
    """Minutes in a grid with a "Decisions and Action Points" column: an action of two lines
    overlaps two lines of the discussion by exactly their height. The layout takes overlaps
    within `layout.OVERLAP_TIE` for equal (the first line wins), so float noise settles nothing
    and pdfium's page is read. Where a choice still turns on float noise (here: ties made exact
    again, as they were), pdfium's coordinates and pdfminer's may settle it apart, and the
    page is left to pdfplumber. The same action clear of the tie is read from pdfium."""
    if tie is not None:
        monkeypatch.setattr(layout, "OVERLAP_TIE", tie)
    path = tmp_path / f"tie-{tied}.pdf"  # (claimed: the layout kept pdfium's page)
    c = new_canvas(path)
    columns = ((50, 100), (100, 380), (380, 545))
    y = 740
    c.setFont("Helvetica-Bold", 10)
    for (x0, x1), head in zip(columns, ("Item", "Discussion", "Decisions and Action Points"), strict=True):
        c.drawString(x0 + 4, y, head)
        c.rect(x0, y - 6, x1 - x0, 18, fill=0, stroke=1)
    y -= 18
    for x0, x1 in columns:
        c.rect(x0, y - 60, x1 - x0, 72, fill=0, stroke=1)
    c.setFont(FONT, 10)
    c.drawString(54, y, "01")
    for k, line in enumerate(("Declarations of Conflicts of Interest",
                              "No new declarations. Members present",
                              "each gave a summary of their roles. The committee",
                              "noted AG's part-time role.")):
        c.drawString(104, y - 12 * k, line)
    c.drawString(384, y, "07-01 RB, FQ to complete")
    c.drawString(384, y - (12.37 if tied else 6), "updated COI forms")
    c.save()
    pdf_pdfium.FALLBACKS.clear()
    assert claims(path, monkeypatch) == [True]  # pdfium read the page; its layout gave it back
    assert pdf_pdfium.FALLBACKS == ({} if claimed else {"a layout tie between lines": 1})
    fast = signature(path, "fast")
    assert fast == signature(path, "plumber")
    assert "Action: 07-01 RB, FQ to complete updated COI forms" in fast[0][1]


def test_runs_beside_thin_rules_carry_no_box_widths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A table ruled with thin filled rectangles (as Word prints its borders) and a box over a
    name: only runs on the box's line carry the widths a box is measured in (a rule is never
    a box), and the page reads alike."""
    path = tmp_path / "thin.pdf"
    c = new_canvas(path)
    y = 740
    for row in range(5):
        c.rect(72, y - row * 18 + 13, 400, 0.5, fill=1, stroke=0)
        c.drawString(76, y - row * 18, f"Row {row}: the officer reported on the contract.")
    for x in (72, 272, 472):
        c.rect(x, y - 4 * 18 - 5, 0.5, 4 * 18 + 18, fill=1, stroke=0)
    line = "The panel met Alan Smith on Tuesday."
    x = 72.0
    for part in ("The panel met ", "Alan Smith", " on Tuesday."):  # three text objects
        c.drawString(x, 600, part)
        x += width(part)
    x0 = 72 + width(line[: line.index("Alan")])
    box_over(c, x0, x0 + width("Alan Smith"), 600)
    c.save()
    fast = assert_page_read_as(path, monkeypatch, True, "")
    assert len(fast[0][2]) == 1
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = pdf_pdfium.FastPage.from_page(doc[0], runs=True)
        assert page is not None
        measured = [ch["text"] for ch in page.chars if "visible_width" in ch]
    finally:
        doc.close()
    assert measured and all(text in line for text in measured)


def test_spaces_merged_inside_overprinted_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A running header printed over another (a browser's print of a court filing): pdfium's
    text page keeps one of the spaces typed inside a text object, and the other header's
    glyphs fall among the ones it dropped, which pdfplumber interleaves with them. Such a page
    is left to pdfplumber; the same header clear of the other is read from pdfium."""
    for over, claimed in ((True, False), (False, True)):
        path = tmp_path / f"over-{over}.pdf"
        c = new_canvas(path)
        c.setFont(FONT, 12)
        c.drawString(72, 700, "Page 5    Family Help Center")
        c.setFont(FONT, 8)
        c.drawString(112 if over else 300, 700.2, "Instagram")
        c.drawString(72, 600, "The body of the page.")
        c.save()
        pdf_pdfium.FALLBACKS.clear()
        assert claims(path, monkeypatch) == [claimed]
        fast = signature(path, "fast")
        assert fast == signature(path, "plumber")


def test_fonts_of_one_name_told_apart_by_their_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two subsets of one font on a page (pdfium names both "DejaVuSans"), each letter in one
    subset's ToUnicode map only: the font files' lengths tell which one a glyph is in, so the
    page is read from pdfium; where they cannot tell, pdfplumber reads the page."""
    embed_dejavu("DejaVuSubsets")
    path = tmp_path / "subsets.pdf"
    c = new_canvas(path)
    c.setFont("DejaVuSubsets", SIZE)
    # reportlab embeds 256 glyphs a subset: these letters fill the first, the dash and the
    # pound sign go in the second
    letters = [chr(u) for u in (*range(0x21, 0x7F), *range(0x100, 0x180), *range(0x410, 0x450))]
    for k in range(0, len(letters), 40):
        c.drawString(72, 760 - k // 40 * 14, "".join(letters[k:k + 40]))
    c.drawString(72, 600, "Costs of \u00a35,000 \u2013 the officer\u2019s report.")
    c.save()
    assert path.read_bytes().count(b"+DejaVuSans") >= 2
    fast = assert_page_read_as(path, monkeypatch, True, "")
    assert "\u00a35,000 \u2013 the officer\u2019s" in fast[0][1]
    # the same page where pdfium's font cannot be matched to one file: pdfplumber reads it
    monkeypatch.setattr(pdf_pdfium, "_decoded_length", lambda stream: None)
    assert_page_read_as(path, monkeypatch, False, "symbolic font without a Unicode map")


def _table_with_placed_spaces(path: Path, first_cell: str = "", second_cell: str = "", to_x: float = 220.8) -> Path:
    """A ruled table whose empty row is written as NoT LPC's minutes write theirs: one text
    object of two spaces, the second placed in the next cell by the TJ array (at ``to_x``;
    pdfium's text page keeps only the first), and a lone space in the third cell;
    ``first_cell`` and ``second_cell``: text written on that row too."""
    c = new_canvas(path)
    c.setFont(FONT, 10)
    xs = (50, 216, 378, 544)
    y = 700
    for row in (("Name", "Organisation", "Affiliation"), None, ("Ann Lee", "Boots", "Member")):
        for k in range(3):
            c.rect(xs[k], y - 5, xs[k + 1] - xs[k], 18, stroke=1, fill=0)
        if row is None:
            if first_cell:
                c.drawString(56.64, y, first_cell)
            x = 56.64 + width(first_cell, size=10)
            shift = -(to_x - x - width(" ", size=10)) / 10 * 1000  # (thousandths of the font size)
            c._code.append(f"BT /F1 10 Tf 1 0 0 1 {x:.2f} {y} Tm [( ) {shift:.2f} ( )] TJ ET")  # (F1: Helvetica)
            c._code.append(f"BT /F1 10 Tf 1 0 0 1 385.2 {y} Tm ( ) Tj ET")
            if second_cell:
                c.drawString(260, y, second_cell)
        else:
            for k, text in enumerate(row):
                c.drawString(xs[k] + 6, y, text)
        y -= 18
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("first_cell", "second_cell", "to_x", "claimed"), [
    ("", "", 220.8, True),  # spaces alone: the next cell reads as empty either way
    ("", "", 400.0, False),  # reaching the third cell's own space: either may be dropped as the other's twin
    ("", "Note", 220.8, False),  # a space would open the next cell's line of text
    ("Ann", "", 220.8, False),  # the kept space's line holds text: where the others fall matters
    ("", "", 560.0, False),  # past the table: a line of its own in the text
])
def test_spaces_placed_across_a_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_cell: str,
                                     second_cell: str, to_x: float, claimed: bool) -> None:
    """Spaces pdfium's text page leaves out of a run of spaces placed across a table's rule are
    read fast only where the layout shows they cannot change the reading (`MergedSpaces`)."""
    path = _table_with_placed_spaces(tmp_path / "placed.pdf", first_cell, second_cell, to_x)
    pdf_pdfium.FALLBACKS.clear()
    assert claims(path, monkeypatch) == [True]  # pdfium read the page; where it matters, its layout gave it back
    assert pdf_pdfium.FALLBACKS == ({} if claimed else {"spaces pdfium's text page merged": 1})
    fast = signature(path, "fast")
    assert fast == signature(path, "plumber")
    assert "Ann Lee" in fast[0][1] and (second_cell or "Organisation") in fast[0][1]


def _heading_with_placed_spaces(path: Path, reference_x: float) -> Path:
    """A heading line as court minutes head theirs: a title, one text object of two spaces
    (the second placed by the TJ array, across a rule of the table that starts just below the
    line; pdfium's text page keeps only the first) and a reference at ``reference_x`` on the
    same line; a ruled table under it."""
    c = new_canvas(path)
    c.setFont(FONT, 10)
    y = 740
    c.drawString(72, y, "CIVIL MINUTES - GENERAL")
    x = 72 + width("CIVIL MINUTES - GENERAL ", size=10)
    to_x = 330.0  # the second space's origin: past the table's middle rule (x 250)
    shift = -(to_x - x - width(" ", size=10)) / 10 * 1000  # (thousandths of the font size)
    c._code.append(f"BT /F1 10 Tf 1 0 0 1 {x:.2f} {y} Tm [( ) {shift:.2f} ( )] TJ ET")  # (F1: Helvetica)
    c.drawString(reference_x, y, "JS-6")
    xs, tops = (72, 250, 450), (736, 718, 700)  # the rules' tops within the table finder's reach of the line
    for top in tops:
        c.line(xs[0], top, xs[-1], top)
    for rule_x in xs:
        c.line(rule_x, tops[0], rule_x, tops[-1])
    for r, row in enumerate((("Case", "Title"), ("CV 19-1", "Smith v Jones"))):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 6, tops[r] - 13, text)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("reference_x", "claimed"), [
    (340.0, True),  # the reference starts past the spaces: word breaks fall as without them
    (300.0, False),  # it starts among them: where the spaces left out fall in it is not known
])
def test_spaces_placed_beside_text_across_a_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 reference_x: float, claimed: bool) -> None:
    """Spaces pdfium's text page leaves out of a run of spaces on a line of the flow that holds
    other text are read fast where every printed char of the line starts before or after them
    (they only set the word break the kept space sets already); where text starts among them,
    pdfplumber reads the page."""
    path = _heading_with_placed_spaces(tmp_path / "heading.pdf", reference_x)
    pdf_pdfium.FALLBACKS.clear()
    assert claims(path, monkeypatch) == [True]  # pdfium read the page; where it matters, its layout gave it back
    assert pdf_pdfium.FALLBACKS == ({} if claimed else {"spaces pdfium's text page merged": 1})
    fast = signature(path, "fast")
    assert fast == signature(path, "plumber")
    assert "CIVIL MINUTES - GENERAL" in fast[0][1] and "JS-6" in fast[0][1]
    assert "CV 19-1\tSmith v Jones" in fast[0][1]


def _table_with_a_rule_apart(path: Path, stray: str) -> Path:
    """A ruled table of actions with a rule drawn exactly the table finder's tolerance (3 pt)
    from one of its own: ``stray`` "under" is a short rule under a row's rule inside one cell
    (snapped to it or not, the cell's border moves where no text is); "beside" doubles the
    middle column rule 3 pt to its right (a column of its own or not)."""
    c = new_canvas(path)
    c.setFont(FONT, 10)
    xs, tops = (72, 250, 450), (740, 718, 696, 674)
    for y in tops:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, tops[0], x, tops[-1])
    if stray == "under":
        c.line(262, tops[1] - 3, 438, tops[1] - 3)
    else:
        c.line(xs[1] + 3, tops[0], xs[1] + 3, tops[-1])
    for r, row in enumerate((("Action", "Owner"), ("Review vetting", "J Brown"), ("Send the minutes", "A Smith"))):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 6, tops[r] - 15, text)
    c.save()
    return path


@pytest.mark.parametrize(("stray", "claimed"), [("under", True), ("beside", False)])
def test_rules_the_tolerance_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stray: str, claimed: bool) -> None:
    """Rules exactly the table finder's tolerance apart: pdfminer's coordinates may fall on
    either side of it, so pdfium's page is kept only where the page reads the same at the
    tolerance and a float's noise either side of it (a stray rule under a row's rule moves a
    cell's border where no text is); where a column comes and goes with it, pdfplumber reads
    the page."""
    path = _table_with_a_rule_apart(tmp_path / f"apart-{stray}.pdf", stray)
    pdf_pdfium.FALLBACKS.clear()
    assert claims(path, monkeypatch) == [True]  # pdfium read the page; where it matters, its layout gave it back
    assert pdf_pdfium.FALLBACKS == ({} if claimed else {"rules the table finder's tolerance apart": 1})
    fast = signature(path, "fast")
    assert fast == signature(path, "plumber")
    assert "Review vetting\tJ Brown" in fast[0][1]


def _with_annotations(path: Path, kinds: list[str]) -> Path:
    """Annotations over the page's first line, as review tools add them: "typewriter" a free
    text box with no interior colour, "stamp" a stamp, "filled" a square filled white."""
    import pypdfium2.raw as R

    subtypes = {"typewriter": R.FPDF_ANNOT_FREETEXT, "stamp": R.FPDF_ANNOT_STAMP, "filled": R.FPDF_ANNOT_SQUARE}
    with first_page_saved(path) as page:
        for kind in kinds:
            annot = R.FPDFPage_CreateAnnot(page.raw, subtypes[kind])
            R.FPDFAnnot_SetRect(annot, R.FS_RECTF(130, 712, 210, 696))  # left, top, right, bottom
            if kind == "filled":
                R.FPDFAnnot_SetColor(annot, R.FPDFANNOT_COLORTYPE_InteriorColor, 255, 255, 255, 255)
            R.FPDFPage_CloseAnnot(annot)
    return path


@pytest.mark.parametrize(("kinds", "claimed"), [(["typewriter", "stamp"], True), (["typewriter", "filled"], False)])
def test_annotations_over_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kinds: list[str],
                                   claimed: bool) -> None:
    """A typewriter's text box with no interior colour and a stamp over a line hide nothing in
    pdfplumber's reading (which turns only a filled shape, text box or redaction mark into a
    box): pdfium reads the page. A square filled white over a name hides it: pdfplumber, which
    reads annotations, reads that page."""
    path = tmp_path / "annotated-source.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Signed by Peter Quayle for the trust.")
    c.drawString(72, 680, "The board noted the report.")
    c.save()
    _with_annotations(path, kinds)
    fast = assert_page_read_as(path, monkeypatch, claimed, "annotations over the page")
    assert ("Peter Quayle" in fast[0][1]) == claimed and len(fast[0][2]) == (0 if claimed else 1)


def test_a_ligature_pdfium_spells_as_letters_leaves_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ligature glyph ("ﬁ", "ﬂ") at a run's end: pdfium's text page spells it as its letters
    at one origin (where it also splits the glyph's box between them, the gap after the last
    reads as a word break: "Confl icts"), so pdfplumber reads the page, and the two agree."""
    embed_dejavu("DejaVuLig")
    from reportlab.pdfbase import pdfmetrics

    path = tmp_path / "ligature.pdf"
    c = new_canvas(path)
    c.setFont("DejaVuLig", 11)
    # words drawn apart with no space glyph between them, as exports place them: pdfium infers
    # the breaks, so the ligature's letters end a run
    x = 72.0
    for word in ("Residents", "asked", "about", "the", "\ufb01", "near", "the", "barn."):
        c.drawString(x, 700, word)
        x += pdfmetrics.stringWidth(word, "DejaVuLig", 11) + 3.1
    c.save()
    pdf_pdfium.FALLBACKS.clear()
    assert claims(path, monkeypatch) == [False]
    assert pdf_pdfium.FALLBACKS == {pdf_pdfium.SPLIT_LIGATURE: 1}
    assert signature(path, "fast") == signature(path, "plumber")
