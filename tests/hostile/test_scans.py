"""A scanned page too large to render is refused with one line; memory stays bounded."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas

from ingest.ocr import MAX_OCR_PIXELS, OcrJob, OcrSettings, ocr_job


def test_poster_sized_scan_is_refused_not_rendered(tmp_path: Path) -> None:
    side = 14_400  # the largest page a PDF allows, in points
    picture = tmp_path / "scan.png"
    Image.new("L", (64, 64), 255).save(picture)
    path = tmp_path / "poster.pdf"
    c = canvas.Canvas(str(path), pagesize=(side, side))
    c.drawImage(str(picture), 0, 0, width=side, height=side)
    c.save()
    settings = OcrSettings.from_env()
    assert side * side * (settings.dpi / 72) ** 2 > MAX_OCR_PIXELS
    result = ocr_job(OcrJob(str(path), 1, (0.0, 0.0, float(side), float(side)), settings))
    assert result.page.text == ""
    assert result.warning and "too large to render" in result.warning and "page 1" in result.warning
