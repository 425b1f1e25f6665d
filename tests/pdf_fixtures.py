"""Small reportlab helpers that draw test PDFs the way redacted releases look.

Positions are given the reportlab way (points, y up from the bottom of the page);
``top_of`` converts a reportlab y to pdfplumber's top-down coordinate.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = A4
FONT, SIZE = "Helvetica", 11
MONO = "Courier"  # every glyph 0.6 em wide: easy to put a box over exact letters


def new_canvas(path: Path, **kwargs) -> canvas.Canvas:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, **kwargs)
    c.setFont(FONT, SIZE)
    return c


def x_after(prefix: str, x: float = 72, font: str = FONT, size: float = SIZE) -> float:
    """x where the text following ``prefix`` starts when the line is drawn at ``x``."""
    return x + stringWidth(prefix, font, size)


def width(text: str, font: str = FONT, size: float = SIZE) -> float:
    return stringWidth(text, font, size)


def box_over(c: canvas.Canvas, x0: float, x1: float, baseline: float, size: float = SIZE,
             pad: float = 0.5) -> tuple[float, float, float, float]:
    """Fill a black box over [x0, x1] tall enough to hide a line of text at ``baseline``.

    Returns the box as pdfplumber reports it: (x0, top, x1, bottom).
    """
    y0, y1 = baseline - 4, baseline + size + 1
    c.rect(x0 - pad, y0, (x1 - x0) + 2 * pad, y1 - y0, fill=1, stroke=0)
    return (x0 - pad, PAGE_H - y1, x1 + pad, PAGE_H - y0)


def avg_char_width(line: str, font: str = FONT, size: float = SIZE) -> float:
    """Mean advance of the non-space glyphs of a line, as the reader measures it."""
    glyphs = [ch for ch in line if not ch.isspace()]
    return sum(stringWidth(ch, font, size) for ch in glyphs) / len(glyphs)


def top_of(y: float) -> float:
    return PAGE_H - y


def with_page_boxes(c: canvas.Canvas, mediabox: tuple[float, float, float, float],
                    cropbox: tuple[float, float, float, float] | None = None) -> None:
    """Write every page of ``c`` with this MediaBox (and CropBox), as scanners and imposition
    tools do: the page's origin is not its lower-left corner."""
    from reportlab.pdfbase import pdfdoc

    add_page = c._doc.addPage

    def add(page: pdfdoc.PDFPage) -> None:
        page.MediaBox = pdfdoc.PDFArray(list(mediabox))
        if cropbox is not None:
            page.CropBox = pdfdoc.PDFArray(list(cropbox))
        add_page(page)

    c._doc.addPage = add  # type: ignore[method-assign]


def scaled_line(c: canvas.Canvas, x: float, y: float, text: str, size: float = SIZE,
                font: str = FONT, condensed: float = 100) -> None:
    """A line set the way Word and macOS print PDFs: a 1-point font scaled to ``size`` by the
    text matrix (``1 Tf`` under ``size 0 0 size x y Tm``), optionally condensed by ``Tz``."""
    t = c.beginText()
    t.setFont(font, 1)
    t.setTextTransform(size, 0, 0, size, x, y)
    if condensed != 100:
        t.setHorizScale(condensed)
    t.textOut(text)
    c.drawText(t)


def blank_line(c: canvas.Canvas, x: float, y: float, size: float = SIZE) -> None:
    """An empty paragraph as Word writes it: a text object holding one space."""
    c.setFont(FONT, size)
    c.drawString(x, y, " ")


@contextmanager
def first_page_saved(path: Path) -> Iterator:
    """The first page of the PDF at ``path`` (pypdfium2), for a test to add annotations to; the
    file is saved over itself when the block ends, as a review tool saves what it marked."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    yield page
    page.close()
    out = path.with_name("annotated.pdf")
    pdf.save(str(out))
    pdf.close()
    out.replace(path)
