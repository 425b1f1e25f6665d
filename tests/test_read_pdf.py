"""The PDF reader on PDFs drawn by reportlab in tmp_path, one redaction layout per test."""

from __future__ import annotations

import hashlib
import logging
import random
import re
from pathlib import Path

import pytest
from pdf_fixtures import (
    FONT,
    MONO,
    PAGE_H,
    SIZE,
    avg_char_width,
    box_over,
    new_canvas,
    top_of,
    width,
    x_after,
)
from reportlab.lib import pdfencrypt

from ingest.models import BLOCK_CHAR, ReadError
from ingest.read_pdf import covered_fraction, read_pdf

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def only_page(path: Path):
    source = read_pdf(str(path))
    assert source.format == "pdf"
    assert len(source.pages) == 1
    return source.pages[0]


def check_spans(page) -> None:
    for span in page.redactions:
        assert span.style == "pdf_box"
        assert page.text[span.start:span.end] == span.marker
        assert set(span.marker) == {BLOCK_CHAR}


def line_with(page, needle: str) -> str:
    lines = [ln for ln in page.text.split("\n") if needle in ln]
    assert len(lines) == 1, (needle, page.text)
    return lines[0]


# ---------------------------------------------------------------------------- boxes


def test_box_over_live_text_hides_the_word_and_keeps_it_beneath(tmp_path: Path) -> None:
    path = tmp_path / "live.pdf"
    c = new_canvas(path)
    line = "The officer Smith attended the meeting."
    c.drawString(72, 700, line)
    x0 = x_after("The officer ")
    bbox = box_over(c, x0, x0 + width("Smith"), 700)
    c.save()

    page = only_page(path)
    check_spans(page)
    assert len(page.redactions) == 1
    span = page.redactions[0]
    n = round((bbox[2] - bbox[0]) / avg_char_width(line))
    assert page.text == f"The officer {BLOCK_CHAR * n} attended the meeting."
    assert "Smith" not in page.text
    assert span.text_beneath == "Smith"
    assert span.bbox == pytest.approx(bbox, abs=0.01)


def test_box_over_nothing_at_line_height_is_a_redaction(tmp_path: Path) -> None:
    path = tmp_path / "gap.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Minutes of the review meeting")
    c.drawString(72, 680, "Present:")
    c.rect(125, 677, 30, 13, fill=1, stroke=0)  # the names were removed, the box was left
    c.drawString(165, 680, "SG")
    c.save()

    page = only_page(path)
    check_spans(page)
    assert len(page.redactions) == 1
    span = page.redactions[0]
    n = round(30 / avg_char_width("Present:SG"))
    assert page.text == f"Minutes of the review meeting\nPresent: {BLOCK_CHAR * n} SG"
    assert span.text_beneath is None
    assert span.bbox == pytest.approx((125, top_of(690), 155, top_of(677)), abs=0.01)


def test_box_alone_on_its_line_gets_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "alone.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Attendees:")
    c.rect(72, 675, 90, 12, fill=1, stroke=0)
    c.drawString(72, 650, "Apologies: none")
    c.save()

    page = only_page(path)
    check_spans(page)
    lines = [ln for ln in page.text.split("\n") if ln]  # blank lines mark paragraph gaps
    assert lines[0] == "Attendees:" and lines[2] == "Apologies: none"
    assert set(lines[1]) == {BLOCK_CHAR}
    assert page.redactions[0].text_beneath is None


def test_box_across_two_lines_gives_one_span_per_line(tmp_path: Path) -> None:
    path = tmp_path / "two.pdf"
    c = new_canvas(path)
    c.setFont(MONO, SIZE)
    c.drawString(72, 700, "Chair: Alice Jones (lead)")
    c.drawString(72, 686, "Clerk: Bobby Brown (note)")
    x0 = x_after("Chair: ", font=MONO)
    x1 = x0 + width("Alice Jones", font=MONO)
    c.rect(x0 - 0.5, 682, x1 - x0 + 1, 30, fill=1, stroke=0)
    c.save()

    page = only_page(path)
    check_spans(page)
    assert len(page.redactions) == 2
    first, second = page.redactions
    run = BLOCK_CHAR * 11  # 11 Courier glyphs wide
    assert page.text == f"Chair: {run} (lead)\nClerk: {run} (note)"
    assert (first.text_beneath, second.text_beneath) == ("Alice Jones", "Bobby Brown")
    assert first.bbox == second.bbox


def test_box_over_part_of_a_word_hides_only_covered_letters(tmp_path: Path) -> None:
    path = tmp_path / "part.pdf"
    c = new_canvas(path)
    c.setFont(MONO, SIZE)
    c.drawString(72, 700, "Visit Manchester today")
    x0 = x_after("Visit Man", font=MONO)
    x1 = x0 + width("chest", font=MONO)
    box_over(c, x0, x1, 700, pad=-0.3)  # a little inside the letters' edges
    c.save()

    page = only_page(path)
    check_spans(page)
    assert page.text == f"Visit Man{BLOCK_CHAR * 5}er today"
    assert page.redactions[0].text_beneath == "chest"


def test_box_drawn_before_the_text_still_hides_it(tmp_path: Path) -> None:
    path = tmp_path / "under.pdf"
    c = new_canvas(path)
    x0 = x_after("Contact ")
    bbox = box_over(c, x0, x0 + width("Jane Doe"), 700)
    c.setFillGray(0)
    c.drawString(72, 700, "Contact Jane Doe for details")  # black on black: unreadable
    c.save()

    page = only_page(path)
    check_spans(page)
    assert len(page.redactions) == 1
    assert re.fullmatch(f"Contact {BLOCK_CHAR}+ for details", page.text)
    assert page.redactions[0].text_beneath == "Jane Doe"
    assert page.redactions[0].bbox == pytest.approx(bbox, abs=0.01)


def test_cmyk_black_and_path_drawn_boxes_count(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Officer A Person wrote")
    c.drawString(72, 680, "Officer B Person wrote")
    c.setFillColorCMYK(0, 0, 0, 1)
    x0 = x_after("Officer ")
    box_over(c, x0, x0 + width("A Person"), 700)
    c.setFillColorRGB(0.1, 0.1, 0.12)
    p = c.beginPath()
    x1 = x0 + width("B Person")
    p.moveTo(x0 - 0.5, 676)  # a closed path with five points, not a "re" operator
    for x, y in ((x1 + 0.5, 676), (x1 + 0.5, 692), (x0 - 0.5, 692), (x0 - 0.5, 676)):
        p.lineTo(x, y)
    p.close()
    c.drawPath(p, fill=1, stroke=0)
    c.save()

    page = only_page(path)
    check_spans(page)
    assert [s.text_beneath for s in page.redactions] == ["A Person", "B Person"]
    assert "Person" not in page.text


def test_white_and_light_boxes_thin_rules_and_logos_are_not_redactions(tmp_path: Path) -> None:
    path = tmp_path / "layout.pdf"
    c = new_canvas(path)
    c.setFillGray(1)
    c.setStrokeGray(0)
    c.rect(60, 660, 300, 60, fill=1, stroke=1)  # white framed text box
    c.setFillGray(0.85)
    c.rect(70, 697, 100, 16, fill=1, stroke=0)  # light highlight behind text
    c.setFillGray(0)
    c.drawString(72, 700, "Highlighted heading text")
    c.drawString(72, 680, "Body inside a framed box")
    c.rect(72, 640, 300, 1, fill=1, stroke=0)  # thin rule drawn as a filled rect
    c.line(72, 630, 372, 630)
    c.rect(400, 700, 80, 80, fill=1, stroke=0)  # dark logo block over nothing, 80 pt tall
    c.rect(72, 696.5, 120, 3, fill=1, stroke=0)  # thick underline touching the descenders
    c.rect(72, 600, 5, 5, fill=1, stroke=0)  # square bullet drawn as a path
    c.drawString(84, 600, "Bullet point text")
    c.save()

    page = only_page(path)
    assert page.redactions == []
    assert [ln for ln in page.text.split("\n") if ln] == [
        "Highlighted heading text", "Body inside a framed box", "• Bullet point text",
    ]  # the drawn square bullet reads as a bullet


def test_white_text_on_dark_band_is_a_heading_not_a_redaction(tmp_path: Path) -> None:
    path = tmp_path / "band.pdf"
    c = new_canvas(path)
    c.rect(60, 695, 400, 18, fill=1, stroke=0)
    c.setFillGray(1)
    c.drawString(72, 700, "Section 2: Recommendations")
    c.setFillGray(0)
    c.drawString(72, 670, "Text below")
    c.save()

    page = only_page(path)
    assert page.redactions == []
    assert page.text == "Section 2: Recommendations\nText below"


# ---------------------------------------------------------------------------- tables


def draw_table(c, rows: list[list[str]], xs: list[float], top: float, row_h: float = 15) -> list[float]:
    ys = [top - i * row_h for i in range(len(rows) + 1)]
    c.setLineWidth(0.5)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for i, text in enumerate(row):
            c.drawString(xs[i] + 3, ys[r] - 11, text)
    return ys


ROWS = [["Item", "Action by", "Timescale"], ["1. Review the plan", "SG", "March 2019"]]
XS = [72, 200, 320, 440]


def test_ruled_table_is_read_as_rows_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Actions agreed:")
    draw_table(c, ROWS, XS, 690)
    c.drawString(72, 630, "Next meeting in May.")
    c.save()

    page = only_page(path)
    assert page.redactions == []
    # a table is a block of its own: blank lines set it apart from the paragraphs around it
    assert page.text == "Actions agreed:\n\nItem\tAction by\tTimescale\n1. Review the plan\tSG\tMarch 2019\n\nNext meeting in May."
    assert len(page.tables) == 1
    table = page.tables[0]
    assert [r.cells for r in table.rows] == ROWS
    for row in table.rows:
        assert page.text[row.start:row.end] == row.line
    assert page.text[table.rows[1].cell_start(2):].startswith("March 2019")


def test_redaction_inside_a_table_cell_and_dark_header_shading(tmp_path: Path) -> None:
    path = tmp_path / "table_box.pdf"
    c = new_canvas(path)
    c.rect(XS[0], 675, XS[-1] - XS[0], 15, fill=1, stroke=0)  # dark header row, white text
    c.setFillGray(1)
    for i, text in enumerate(ROWS[0]):
        c.drawString(XS[i] + 3, 679, text)
    c.setFillGray(0)
    draw_table(c, [["", "", ""], ROWS[1]], XS, 690)
    x0 = XS[1] + 3
    box_over(c, x0, x0 + width("SG"), 675 - 11)
    c.save()

    page = only_page(path)
    check_spans(page)
    assert len(page.tables) == 1
    rows = page.tables[0].rows
    assert rows[0].cells == ROWS[0]
    assert rows[1].cells[0] == "1. Review the plan" and rows[1].cells[2] == "March 2019"
    assert len(page.redactions) == 1
    span = page.redactions[0]
    assert span.text_beneath == "SG"
    assert rows[1].cells[1] == span.marker
    assert span.start == rows[1].cell_start(1)
    assert "SG" not in page.text


# ---------------------------------------------------------------------------- text


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu TrueType font")
def test_ligatures_are_expanded_and_bullets_kept(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    path = tmp_path / "lig.pdf"
    c = new_canvas(path)
    c.setFont("DejaVu", 11)
    c.drawString(72, 700, "\u2022 The \ufb01nance of\ufb01cer \u2013 2018\u201319")
    c.save()

    page = only_page(path)
    assert page.text == "\u2022 The finance officer \u2013 2018\u201319"


def test_unmapped_bullet_glyph_becomes_a_bullet(tmp_path: Path) -> None:
    path = tmp_path / "bullets.pdf"
    c = new_canvas(path)
    # reportlab draws U+2022 in the standard fonts without a usable mapping: pdfminer
    # reads "(cid:127)", as it does for Symbol-font bullets in Word PDFs.
    c.drawString(72, 700, "\u2022 SG Housing")
    c.drawString(72, 686, "Code (cid:9) stays as written")
    c.save()
    assert only_page(path).text == "\u2022 SG Housing\nCode (cid:9) stays as written"


def test_lines_keep_their_order_and_pages_are_numbered(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    c = new_canvas(path)
    c.setTitle("Review Minutes")
    c.setAuthor("Safeguarding Board")
    c.drawString(300, 700, "right column first line")  # drawn before the left text
    c.drawString(72, 700, "Left")
    c.drawString(72, 686, "second line")
    c.showPage()
    c.setFont(FONT, SIZE)
    c.drawString(72, 700, "page two")
    c.save()

    source = read_pdf(str(path))
    assert [p.number for p in source.pages] == [1, 2]
    assert source.pages[0].text == "Left right column first line\nsecond line"
    assert source.pages[1].text == "page two"
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.headers == {"Title": "Review Minutes", "Author": "Safeguarding Board"}
    assert source.warnings == []


def test_fake_bold_overprint_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Recommendation 4")
    c.drawString(72.4, 700, "Recommendation 4")  # printed again, nudged: poor man's bold
    c.save()
    assert only_page(path).text == "Recommendation 4"


# ---------------------------------------------------------------------------- errors


def test_encrypted_pdf_with_user_password_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    c = new_canvas(path, encrypt="s3cret")
    c.drawString(72, 700, "Hidden text")
    c.save()
    with pytest.raises(ReadError, match=r"^encrypted PDF \(password required\)$"):
        read_pdf(str(path))


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "owner_only.pdf"
    c = new_canvas(path, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner"))
    c.drawString(72, 700, "Open text")
    c.save()
    assert only_page(path).text == "Open text"


def test_corrupt_truncated_and_not_pdf_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    rng = random.Random(7)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(4000)))
    good = tmp_path / "good.pdf"
    c = new_canvas(good)
    c.drawString(72, 700, "Some text")
    c.save()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    text = tmp_path / "notes.pdf"
    text.write_text("just some notes, not a PDF\n")

    caplog.set_level(logging.DEBUG)
    for path in (junk, cut, text):
        with pytest.raises(ReadError) as info:
            read_pdf(str(path))
        message = str(info.value)
        assert message.startswith("corrupt or truncated PDF: ") and "\n" not in message
        assert len(message) > len("corrupt or truncated PDF: ")
    assert [r for r in caplog.records if r.name.startswith("pdfminer")] == []


def test_zero_byte_pdf_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "zero.pdf"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="^empty PDF$"):
        read_pdf(str(path))


def pdf_without_pages() -> bytes:
    """A well-formed PDF whose page tree is empty, with a correct xref table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_pdf_without_pages_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "nopages.pdf"
    path.write_bytes(pdf_without_pages())
    with pytest.raises(ReadError, match="^empty PDF$"):
        read_pdf(str(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="^cannot read file"):
        read_pdf(str(tmp_path / "nope.pdf"))


def test_image_only_page_is_flagged_for_ocr(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (200, 100), "white")
    image.paste((0, 0, 0), (20, 40, 120, 55))
    path = tmp_path / "scan.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Cover note")
    c.showPage()
    c.drawImage(ImageReader(image), 72, 400, width=400, height=200)
    c.showPage()
    c.drawImage(ImageReader(image), 72, 400, width=400, height=200)
    c.save()

    source = read_pdf(str(path))
    assert [p.text for p in source.pages] == ["Cover note", "", ""]
    assert source.warnings == ["page 2: no text layer, OCR needed", "page 3: no text layer, OCR needed"]


def test_covered_fraction() -> None:
    assert covered_fraction((0, 0, 10, 10), (0, 0, 10, 10)) == 1.0
    assert covered_fraction((0, 0, 10, 10), (5, 0, 20, 10)) == 0.5
    assert covered_fraction((0, 0, 10, 10), (20, 20, 30, 30)) == 0.0
    assert covered_fraction((5, 5, 5, 5), (0, 0, 10, 10)) == 1.0


def test_dense_page_is_read_whole(tmp_path: Path) -> None:
    """A dense page of text and boxes is read whole (its speed is measured by bench/, not here)."""
    path = tmp_path / "dense.pdf"
    c = new_canvas(path)
    c.setFont(FONT, 7)
    rng = random.Random(3)
    boxes = 0
    for i in range(95):
        y = PAGE_H - 40 - i * 8
        c.drawString(36, y, " ".join(f"word{rng.randrange(1000)}" for _ in range(14)))
        if i % 3 == 0:
            c.rect(100, y - 2, 30, 8, fill=1, stroke=0)
            boxes += 1
    c.save()

    page = only_page(path)
    check_spans(page)
    assert len(page.redactions) == boxes
    assert page.text.count("\n") == 94
