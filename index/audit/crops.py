"""Page crops for the HTML report: the region of a PDF page around a box, its outline drawn.

A reviewer acts faster on a picture of the place than on a page number: each text-under-box
finding shows the page around the box, rendered from the PDF the release holds, with the box
outlined in red (the box itself is drawn as the PDF draws it, so what a reader sees is what
the crop shows). At most ``MAX_CROPS`` crops a report, each at most ``MAX_SIDE`` pixels a side,
so a report of a large release stays small.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from index.audit.model import Finding
from ingest.models import Document

MAX_CROPS = 40
MAX_SIDE = 900
SCALE = 2.0  # 144 dpi
MARGIN = 36.0  # points of page shown around the box


def box_of(finding: Finding, docs: dict[str, Document]) -> tuple[float, float, float, float] | None:
    """The box (x0, top, x1, bottom in PDF points) of a text-under-box finding, if known."""
    doc = docs.get(finding.at.doc_id)
    if doc is None or finding.kind != "text_under_box":
        return None
    for span in doc.redaction_spans:
        if span.bbox and span.start <= finding.at.start < max(span.end, span.start + 1):
            return span.bbox
    return None


def crop_png(path: str, page: int, box: tuple[float, float, float, float]) -> str | None:
    """A data: URL of the page region around ``box``, outlined; None when it cannot be drawn."""
    if not path.lower().endswith(".pdf") or not Path(path).is_file():
        return None
    try:
        import pypdfium2 as pdfium
        from PIL import ImageDraw

        pdf = pdfium.PdfDocument(path)
        try:
            pg = pdf[page - 1]
            width, height = pg.get_size()
            x0, top, x1, bottom = box
            left, upper = max(0.0, x0 - MARGIN), max(0.0, top - MARGIN)
            right, lower = min(width, x1 + MARGIN), min(height, bottom + MARGIN)
            scale = min(SCALE, MAX_SIDE / max(right - left, 1.0), MAX_SIDE / max(lower - upper, 1.0))
            image = pg.render(scale=scale, crop=(left, height - lower, width - right, upper)).to_pil().convert("RGB")
            pg.close()
        finally:
            pdf.close()
        draw = ImageDraw.Draw(image)
        draw.rectangle([(x0 - left) * scale - 2, (top - upper) * scale - 2, (x1 - left) * scale + 2,
                        (bottom - upper) * scale + 2], outline=(220, 0, 0), width=3)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")
    except Exception:  # noqa: BLE001 - a picture is a help, never a reason for the report to fail
        return None
