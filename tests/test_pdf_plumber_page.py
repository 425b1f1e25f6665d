"""`LeanPage` builds pdfplumber's objects as pdfplumber's own `Page` does: every object of every
page, key for key and value for value (chars in several fonts, colour spaces and sizes, text
scaled by its matrix, a page whose MediaBox does not start at the origin, rules, boxes, curves,
an image), and the reader reads a file the same through either."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdf_fixtures import PAGE_H, box_over, new_canvas, scaled_line, with_page_boxes
from reportlab.lib.utils import ImageReader

import ingest.read_pdf as read_pdf_module
from ingest.pdf_plumber_page import LeanPage, lean_pages


def _mixed_pages(path: Path, mediabox: tuple[float, float, float, float] | None = None) -> Path:
    c = new_canvas(path)
    if mediabox is not None:
        with_page_boxes(c, mediabox)
    c.drawString(72, 760, "Plain Helvetica text, with a ligature: \ufb01le.")
    c.setFont("Times-Bold", 14)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.drawString(72, 730, "Red bold Times heading")
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont("Courier", 9)
    c.drawString(72, 700, "CMYK black Courier 01/02/2024")
    c.setFillGray(0.5)
    scaled_line(c, 72, 680, "Grey text under a scaled matrix", size=10)
    c.setFillGray(0)
    box_over(c, 72, 160, 650)
    c.drawString(72, 650, "hidden under a box")
    c.line(72, 620, 500, 620)
    c.bezier(72, 600, 150, 640, 250, 560, 320, 600)
    c.roundRect(350, 560, 120, 50, 8, stroke=1, fill=0)
    c.showPage()
    c.setFont("Helvetica", 11)
    for k in range(30):  # a ruled table of a page's worth of text
        y = PAGE_H - 80 - 20 * k
        c.rect(60, y - 6, 470, 20, stroke=1, fill=0)
        c.drawString(66, y, f"Row {k}: item text")
    c.drawImage(ImageReader(io.BytesIO(_png())), 400, 700, 40, 40)
    c.showPage()
    c.save()
    return path


def _png() -> bytes:
    """A 2 x 2 grey PNG (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes([128, 128]) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _comparable(objects: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    # An image's stream is a pdfminer object compared by identity: two opens never share one.
    return {kind: [{k: (repr(v) if k == "stream" else v) for k, v in obj.items()} for obj in objs]
            for kind, objs in objects.items()}


@pytest.mark.parametrize("mediabox", [None, (-20.0, 10.0, 575.0, 852.0)])
def test_lean_page_objects_equal_pdfplumbers(tmp_path: Path, mediabox: tuple[float, float, float, float] | None) -> None:
    path = _mixed_pages(tmp_path / "mixed.pdf", mediabox)
    with pdfplumber.open(str(path)) as plain, pdfplumber.open(str(path)) as lean:
        pages = lean_pages(lean)
        assert all(type(p) is LeanPage for p in pages)
        kinds = set()
        for a, b in zip(plain.pages, pages, strict=True):
            assert _comparable(a.objects) == _comparable(b.objects)
            for kind, objs in a.objects.items():
                kinds.add(kind)
                for x, y in zip(objs, b.objects[kind], strict=True):
                    assert list(x) == list(y)  # the same keys in the same order
        assert {"char", "rect", "line", "curve", "image"} <= kinds


def test_reader_reads_alike_through_plain_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _mixed_pages(tmp_path / "mixed.pdf")
    lean = read_pdf_module.read_pdf(str(path), engine="plumber")
    monkeypatch.setattr(read_pdf_module, "lean_pages", lambda pdf: pdf.pages)
    plain = read_pdf_module.read_pdf(str(path), engine="plumber")
    assert [(p.text, p.redactions, [t.rows for t in p.tables]) for p in lean.pages] == \
        [(p.text, p.redactions, [t.rows for t in p.tables]) for p in plain.pages]
    assert any(p.redactions for p in lean.pages)  # the box over text was read as one


def test_marked_content_tags_the_chars_as_pdfplumber_does(tmp_path: Path) -> None:
    """pdfplumber tags the last object drawn with the current marked-content id after each char,
    path and image, so a path pdfminer draws nothing for (one not opening with a move) re-tags
    the char before it: `LeanPage`'s chars, made without `LTChar`, carry the same ids and tags."""
    path = tmp_path / "marked.pdf"
    c = new_canvas(path)
    c.setFont("Helvetica", 11)
    c._code.append("/P <</MCID 0>> BDC")  # (reportlab's raw page operators)
    c.drawString(72, 760, "Tagged paragraph")
    c._code.append("EMC /Artifact <</MCID 1>> BDC 72 700 l S EMC")  # a path of no move: nothing drawn
    c.drawString(72, 680, "Untagged line")
    c._code.append("/Span BMC")
    c.drawString(72, 660, "Tagged without an id")
    c._code.append("EMC")
    c.showPage()
    c.save()
    with pdfplumber.open(str(path)) as plain, pdfplumber.open(str(path)) as lean:
        a, b = plain.pages[0], lean_pages(lean)[0]
        assert _comparable(a.objects) == _comparable(b.objects)
        assert all(list(x) == list(y) for x, y in zip(a.chars, b.chars, strict=True))
        tags = {(ch["mcid"], ch["tag"]) for ch in b.chars}
        assert {(0, "P"), (1, "Artifact"), (None, None), (None, "Span")} <= tags  # (the last "Tagged" char re-tagged)
