"""Text under boxes in the shapes a peer's labelled suite holds (Free Law Project's x-ray):
frames, text scaled by its matrix, opaque annotations, label words and stamps under boxes,
boxes that only graze a line. Every PDF is drawn here; both PDF engines must agree."""

from __future__ import annotations

from pathlib import Path

import pypdfium2.raw as R
import pytest
from pdf_fixtures import box_over, first_page_saved, new_canvas, width, x_after

from index.audit import run_audit
from ingest.pipeline import documents_from_source
from ingest.read_pdf import read_pdf

ENGINES = ("fast", "plumber")


def hidden(path: Path, engine: str) -> list[str]:
    source = read_pdf(str(path), engine=engine)
    docs = documents_from_source(source, str(path))
    return [f.at.text for f in run_audit(docs).findings if f.kind == "text_under_box"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_frame_around_text_hides_nothing(tmp_path: Path, engine: str) -> None:
    """A border drawn as a black rectangle with a white one inside it, the text on top."""
    path = tmp_path / "frame.pdf"
    c = new_canvas(path)
    c.rect(440, 690, 46, 24, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    c.rect(441, 691, 44, 22, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(448, 698, "JS-6")
    c.save()
    assert hidden(path, engine) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_text_scaled_by_its_matrix_is_found_under_a_box(tmp_path: Path, engine: str) -> None:
    """Text set at 1 pt and scaled twelve times (a common export): its true size decides."""
    path = tmp_path / "scaled.pdf"
    c = new_canvas(path)
    text = c.beginText()
    text.setTextTransform(12, 0, 0, 12, 72, 700)  # the text matrix, not the page's transform
    text.setFont("Helvetica", 1)
    text.textOut("Contact Ruth Ambler today")
    c.drawText(text)
    x0 = 72 + 12 * width("Contact ", size=1)
    box_over(c, x0, x0 + 12 * width("Ruth Ambler", size=1), 700, size=12)
    c.save()
    assert hidden(path, engine) == ["Ruth Ambler"]


def _with_square_annotation(path: Path, rect: tuple[float, float, float, float], rgb=(255, 255, 255)) -> None:
    """Add a Square annotation filled (interior colour) over ``rect`` (PDF user space)."""
    with first_page_saved(path) as page:
        annot = R.FPDFPage_CreateAnnot(page.raw, R.FPDF_ANNOT_SQUARE)
        R.FPDFAnnot_SetRect(annot, R.FS_RECTF(*rect))  # left, top, right, bottom
        R.FPDFAnnot_SetColor(annot, R.FPDFANNOT_COLORTYPE_InteriorColor, *rgb, 255)
        R.FPDFAnnot_SetColor(annot, R.FPDFANNOT_COLORTYPE_Color, *rgb, 255)
        R.FPDFPage_CloseAnnot(annot)


@pytest.mark.parametrize("engine", ENGINES)
def test_opaque_annotation_over_text_is_a_box_whatever_its_colour(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "annot.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Signed by Peter Quayle for the trust.")
    c.save()
    x0 = x_after("Signed by ")
    _with_square_annotation(path, (x0 - 1, 712, x0 + width("Peter Quayle") + 1, 696))
    assert hidden(path, engine) == ["Peter Quayle"]


@pytest.mark.parametrize("engine", ENGINES)
def test_labels_and_stamps_under_boxes_are_not_leaks(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "labels.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Legal advice: Privileged")
    x0 = x_after("Legal advice: ")
    box_over(c, x0, x0 + width("Privileged"), 700)
    # a redaction tool wrote the same date under every box, whatever it covered
    for k, wide in enumerate((60, 120, 200)):
        c.drawString(72, 660 - 30 * k, "03/23/2019")
        c.rect(70, 656 - 30 * k, wide, 16, fill=1, stroke=0)
    c.drawString(72, 540, "The witness was Harriet Okafor.")
    x1 = x_after("The witness was ")
    box_over(c, x1, x1 + width("Harriet Okafor"), 540)
    c.save()
    assert hidden(path, engine) == ["Harriet Okafor"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_box_grazing_the_bottom_of_a_line_hides_nothing(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "graze.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "Minutes approved without change")
    c.rect(70, 696, 200, 5, fill=1, stroke=0)  # a thick rule under the words, covering their feet
    c.save()
    assert hidden(path, engine) == []


def test_html_report_shows_the_page_around_the_box(tmp_path: Path) -> None:
    import base64
    import io
    import re

    from PIL import Image

    from index.audit.report import render_html
    from ingest.pipeline import extract_file

    path = tmp_path / "crop.pdf"
    c = new_canvas(path)
    c.drawString(72, 700, "The review was led by Jane Doe of the inspectorate.")
    x0 = x_after("The review was led by ")
    box_over(c, x0, x0 + width("Jane Doe"), 700)
    c.save()
    page = render_html(run_audit(extract_file(str(path)).documents))
    crops = re.findall(r'<img class="crop"[^>]*src="data:image/png;base64,([^"]+)"', page)
    assert len(crops) == 1
    image = Image.open(io.BytesIO(base64.b64decode(crops[0]))).convert("RGB")
    reds = sum(1 for x in range(image.width) for y in range(image.height)
               if (lambda p: p[0] > 180 and p[1] < 60 and p[2] < 60)(image.getpixel((x, y))))
    assert reds > 20  # the box is outlined in red
