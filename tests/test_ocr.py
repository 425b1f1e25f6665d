"""OCR of scanned pages: detection, Tesseract words into lines, burned-in boxes, cache, workers.

Scans are made here the way a scanner makes them: a reportlab page (text, black boxes, a
table, a photograph) rendered to a greyscale image with pypdfium2 and embedded as the only
content of a new PDF page. Tests that run Tesseract skip when it is not installed, unless
``CI=true`` or ``FOI_REQUIRE_TESSERACT=1`` (there a missing Tesseract is a failure).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from pdf_fixtures import FONT, PAGE_H, PAGE_W, new_canvas, top_of, x_after
from PIL import Image
from rapidfuzz import fuzz
from reportlab.lib.utils import ImageReader

from ingest import ocr as ocr_mod
from ingest.image_boxes import find_boxes
from ingest.models import BLOCK_CHAR
from ingest.ocr import ImageBox, OcrJob, OcrSettings, OcrWord, build_page, ocr_pages
from ingest.read_pdf import read_pdf

# The `tesseract` fixture (conftest): runs with Tesseract, skips without it saying what to
# install, fails without it under CI=true or FOI_REQUIRE_TESSERACT=1.
needs_tesseract = pytest.mark.usefixtures("tesseract")
SIZE = 12

LINES = [
    "The working group met on 4 May 2017 to review the action plan.",
    "Members agreed that the vetting guidance would be issued in June.",
    "The chair thanked everyone for attending and closed the meeting.",
]
REDACTED_WORD = "Fergusson"  # a box this wide is drawn into line 2, after "that"


def _scan(src: Path, dst: Path, dpi: int = 200, pages: list[int] | None = None) -> None:
    """Image-only copy of ``src`` (all pages, or the 0-based ``pages``) at ``dpi``."""
    pdf = pdfium.PdfDocument(str(src))
    c = new_canvas(dst)
    for index in pages if pages is not None else range(len(pdf)):
        image = pdf[index].render(scale=dpi / 72).to_pil().convert("L")
        c.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
    pdf.close()
    c.save()


def _text_page(c, lines: list[str], y0: float = 700, box_word: str | None = None) -> tuple[float, ...] | None:
    """Draw ``lines``; on line 2 a black box stands where ``box_word`` would be. Returns the
    box as (x0, top, x1, bottom) in PDF points, top-down."""
    box = None
    for i, line in enumerate(lines):
        y = y0 - i * 20
        c.setFont(FONT, SIZE)
        if i == 1 and box_word:
            prefix = "Members agreed that "
            c.drawString(72, y, prefix)
            x0 = x_after(prefix, 72, FONT, SIZE)
            x1 = x0 + c.stringWidth(box_word, FONT, SIZE)
            c.rect(x0, y - 3.5, x1 - x0, SIZE + 3, fill=1, stroke=0)
            c.drawString(x1 + c.stringWidth(" ", FONT, SIZE), y, line[len(prefix):])
            box = (x0, top_of(y + SIZE - 0.5), x1, top_of(y - 3.5))
        else:
            c.drawString(72, y, line)
    return box


def _box_page_pdf(tmp_path: Path) -> tuple[Path, tuple[float, ...]]:
    src = tmp_path / "born.pdf"
    c = new_canvas(src)
    box = _text_page(c, LINES, box_word=REDACTED_WORD)
    c.save()
    scan = tmp_path / "scan.pdf"
    _scan(src, scan)
    assert box is not None
    return scan, box


def _settings(tmp_path: Path, **kw) -> OcrSettings:
    return OcrSettings(cache_dir=str(tmp_path / "ocr-cache"), **kw)


def _photo(width: int, height: int, seed: int = 7) -> Image.Image:
    """A photograph-like image: a dark-to-light gradient with a textured, blotchy subject."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 1, width)[None, :]
    y = np.linspace(0, 1, height)[:, None]
    base = 5 + 230 * x * (0.6 + 0.4 * y)  # black at the left edge, fading to light grey
    blob = 70 * np.exp(-(((x - 0.6) ** 2) / 0.02 + ((y - 0.5) ** 2) / 0.05))
    texture = rng.normal(0, 5, (height, width))  # film grain
    return Image.fromarray(np.clip(base - blob + texture, 0, 255).astype(np.uint8), "L")


# ---------------------------------------------------------------------------- Tesseract


@needs_tesseract
def test_scanned_page_with_box(tmp_path: Path) -> None:
    scan, drawn = _box_page_pdf(tmp_path)
    source = read_pdf(str(scan), ocr=_settings(tmp_path))
    assert source.warnings == []
    (page,) = source.pages
    assert page.number == 1
    lines = page.text.split("\n")
    assert len(lines) == 3
    for got, want in zip(lines, LINES, strict=True):
        assert fuzz.ratio(" ".join(got.replace(BLOCK_CHAR, "").split()), want) >= 95, got
    (span,) = page.redactions
    assert span.style == "image_box"
    assert page.text[span.start:span.end] == span.marker
    assert set(span.marker) == {BLOCK_CHAR}
    # about as many █ as the hidden word had letters (a box says how much was removed)
    assert abs(len(span.marker) - len(REDACTED_WORD)) <= 3
    # in its line, between the words it sits between, with nothing read from inside it
    line = lines[1]
    assert re.search(r"\bthat █+ the vetting\b", line), line
    assert REDACTED_WORD.lower() not in page.text.lower()
    # its place on the page in PDF points, within the scan's resolution
    assert span.bbox is not None
    assert all(abs(a - b) <= 2.0 for a, b in zip(span.bbox, drawn, strict=True)), (span.bbox, drawn)


@needs_tesseract
def test_photograph_and_table_border_give_no_box(tmp_path: Path) -> None:
    src = tmp_path / "born.pdf"
    c = new_canvas(src)
    _text_page(c, LINES[:1], y0=760)
    c.drawImage(ImageReader(_photo(600, 400)), 72, 420, width=300, height=200)
    # a ruled table: thin borders around cells, one row heavier as tables often have
    c.setLineWidth(0.8)
    for i in range(4):
        c.line(72, 380 - 22 * i, 520, 380 - 22 * i)
    for x in (72, 220, 370, 520):
        c.line(x, 380, x, 314)
    c.setLineWidth(2.0)
    c.rect(72, 200, 448, 90, fill=0, stroke=1)  # a heavy frame around a text box
    c.setFont(FONT, SIZE)
    c.drawString(80, 360, "Item")
    c.drawString(228, 360, "Action by")
    c.drawString(378, 360, "Timescale")
    c.drawString(80, 260, "A framed note inside a heavy border.")
    c.setFont("Helvetica-Bold", 28)
    c.drawString(72, 120, "IMPORTANT NOTICE")  # big bold letters: thick, solid strokes
    c.save()
    scan = tmp_path / "scan.pdf"
    _scan(src, scan)
    source = read_pdf(str(scan), ocr=_settings(tmp_path))
    (page,) = source.pages
    assert page.redactions == []
    assert BLOCK_CHAR not in page.text
    assert "Timescale" in page.text and "IMPORTANT" in page.text  # the page was read


@needs_tesseract
def test_mixed_born_digital_and_scanned_pages(tmp_path: Path) -> None:
    # page 1 born-digital with a drawn box; page 2 a scan of a boxed page; page 3 a scan
    # carrying a stamped reference as real text (under 20 chars: still a scan)
    born = tmp_path / "born.pdf"
    c = new_canvas(born)
    _text_page(c, LINES, box_word=REDACTED_WORD)
    c.save()
    scans = tmp_path / "scans.pdf"
    _scan(born, scans)
    pdf = pdfium.PdfDocument(str(born))
    image = pdf[0].render(scale=200 / 72).to_pil().convert("L")
    pdf.close()

    mixed = tmp_path / "mixed.pdf"
    c = new_canvas(mixed)
    _text_page(c, LINES, box_word=REDACTED_WORD)
    c.showPage()
    c.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
    c.setFont(FONT, 8)
    c.drawString(500, 20, "REF-0042")  # a Bates-style stamp on top of the scan
    c.showPage()
    c.save()

    source = read_pdf(str(mixed), ocr=_settings(tmp_path))
    assert source.warnings == []
    assert [p.number for p in source.pages] == [1, 2, 3]
    p1, p2, p3 = source.pages
    # born-digital: read from its text layer, box as pdf_box, never OCR'd
    assert [s.style for s in p1.redactions] == ["pdf_box"]
    assert p1.text.split("\n")[0] == LINES[0]
    for page in (p2, p3):
        assert [s.style for s in page.redactions] == ["image_box"]
        assert "vetting guidance" in page.text
    assert "REF-0042" in p3.text  # the stamp is in the rendered image, so OCR reads it


def test_missing_tesseract_warns_and_reads_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    born = tmp_path / "born.pdf"
    c = new_canvas(born)
    _text_page(c, LINES)
    c.save()
    pdf = pdfium.PdfDocument(str(born))
    image = pdf[0].render(scale=150 / 72).to_pil().convert("L")
    pdf.close()
    path = tmp_path / "mixed.pdf"
    c = new_canvas(path)
    _text_page(c, LINES)
    c.showPage()
    c.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()
    monkeypatch.setenv("FOI_TESSERACT", str(tmp_path / "no-such-tesseract"))
    monkeypatch.setenv("FOI_OCR_CACHE", str(tmp_path / "cache"))
    source = read_pdf(str(path))  # default settings come from the environment
    assert source.warnings == ["page 2: no text layer; install tesseract-ocr to read it"]
    assert source.pages[0].text.split("\n") == LINES
    assert source.pages[1].number == 2 and source.pages[1].text == ""


@needs_tesseract
def test_cache_means_an_unchanged_scan_is_ocrd_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan, _ = _box_page_pdf(tmp_path)
    settings = _settings(tmp_path)
    job = OcrJob(str(scan), 1, (0.0, 0.0, PAGE_W, PAGE_H), settings)
    (first,) = ocr_pages([job])
    assert not first.cached and first.page.text
    assert list((tmp_path / "ocr-cache").rglob("*.json"))

    def no_tesseract(*args, **kwargs):
        raise AssertionError("Tesseract ran for a cached page")

    monkeypatch.setattr(ocr_mod, "run_tesseract", no_tesseract)
    copy = tmp_path / "copy of scan.pdf"  # same pages under another name: same content hash
    copy.write_bytes(scan.read_bytes())
    (second,) = ocr_pages([OcrJob(str(copy), 1, job.page_bbox, settings)])
    assert second.cached
    assert second.page.text == first.page.text
    assert second.page.redactions == first.page.redactions
    # other settings are another cache entry
    monkeypatch.undo()
    (third,) = ocr_pages([OcrJob(str(scan), 1, job.page_bbox, _settings(tmp_path, psm=6))])
    assert not third.cached


@needs_tesseract
def test_workers_give_the_same_pages(tmp_path: Path) -> None:
    src = tmp_path / "born.pdf"
    c = new_canvas(src)
    for n in range(3):
        _text_page(c, [f"Page {n + 1} of the minutes."] + LINES[1:], box_word=REDACTED_WORD)
        c.showPage()
    c.save()
    scan = tmp_path / "scan.pdf"
    _scan(src, scan)
    settings = OcrSettings(cache_dir=None)
    jobs = [OcrJob(str(scan), n, (0.0, 0.0, PAGE_W, PAGE_H), settings) for n in (1, 2, 3)]
    serial = ocr_pages(jobs, workers=1)
    parallel = ocr_pages(jobs, workers=2)
    assert [r.number for r in parallel] == [1, 2, 3]
    assert [r.page.text for r in parallel] == [r.page.text for r in serial]
    assert [len(r.page.redactions) for r in parallel] == [1, 1, 1]


# ---------------------------------------------------------------------------- no Tesseract needed


def _page_image(draw, size=(1654, 2339)) -> np.ndarray:
    """A white A4 page at 200 dpi with ``draw(image)`` applied (PIL ImageDraw)."""
    from PIL import ImageDraw

    image = Image.new("L", size, 255)
    draw(ImageDraw.Draw(image), image)
    return np.asarray(image)


def test_box_detector_finds_solid_boxes_only() -> None:
    dpi = 200

    def draw(d, image) -> None:
        d.rectangle((200, 300, 420, 336), fill=0)  # a redaction one line tall
        d.rectangle((600, 300, 618, 336), fill=10)  # a one-letter box: narrow but a box
        d.rectangle((200, 500, 1400, 506), fill=0)  # a rule (thin)
        d.rectangle((200, 600, 1400, 900), outline=0, width=4)  # a table frame (hollow)
        d.line((700, 600, 700, 900), fill=0, width=3)
        d.rectangle((200, 1000, 230, 1100), fill=0)  # a tall thin bar: a bold stem, not a box
        d.rectangle((200, 1200, 212, 1212), fill=0)  # a square bullet: shorter than a line
        d.rectangle((900, 1200, 1300, 1240), fill=140)  # mid-grey shading, not a redaction
        image.paste(_photo(500, 350), (200, 1400))  # a photograph
        # a smooth black-to-white strip: its dark end is a perfect rectangle, but not flat
        # and not ending at paper
        strip = np.tile(np.linspace(0, 255, 600), (60, 1)).astype(np.uint8)
        image.paste(Image.fromarray(strip, "L"), (200, 1900))

    boxes = find_boxes(_page_image(draw), dpi)
    assert [(b.x0, b.top, b.x1, b.bottom) for b in boxes] == [(200, 300, 421, 337), (600, 300, 619, 337)]


def test_box_detector_follows_skew() -> None:
    def draw(d, image) -> None:
        d.rectangle((300, 400, 900, 440), fill=0)
        d.rectangle((300, 800, 330, 840), fill=0)

    gray = _page_image(draw)
    skewed = np.asarray(Image.fromarray(gray).rotate(0.8, resample=Image.BICUBIC, fillcolor=255))
    boxes = find_boxes(skewed, 200)
    assert len(boxes) == 2
    wide = max(boxes, key=lambda b: b.width)
    assert 595 <= wide.width <= 606 and abs(wide.slope) > 0.01


def _word(text: str, x0: int, top: int = 100, line: int = 1, block: int = 1) -> OcrWord:
    return OcrWord(text, x0, top, x0 + 20 * len(text), top + 40, block, 1, line, 95.0)


def test_build_page_places_boxes_and_drops_words_inside_them() -> None:
    words = [
        _word("e", 100), _word("Members", 200), _word("EE", 400), _word("agreed", 600),
        _word("Later", 100, top=300, line=2),
    ]
    boxes = [ImageBox(390, 95, 580, 145), ImageBox(100, 200, 300, 240)]
    page = build_page(words, boxes, 4, 300, (0.0, 0.0, PAGE_W, PAGE_H))
    assert page.number == 4
    lines = page.text.split("\n")
    # "e" standing well before the next word is a bullet; "EE" (inside the box) is gone;
    # the second box, beside no text, is a line of its own between the two text lines
    assert lines[0].startswith("\u2022 Members █")
    assert lines[0].endswith("█ agreed")
    assert "EE" not in page.text
    assert re.fullmatch("█+", lines[-2]) and lines[-1] == "Later"
    assert [page.text[s.start:s.end] for s in page.redactions] == [s.marker for s in page.redactions]
    assert all(s.style == "image_box" for s in page.redactions)
    first = page.redactions[0]
    assert first.bbox == pytest.approx((390 * 0.24, 95 * 0.24, 580 * 0.24, 145 * 0.24), abs=0.01)


def test_parse_tsv_reads_words_only() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t100\t40\t96.5\tAction\n"
        "5\t1\t1\t1\t1\t2\t120\t20\t10\t40\t10.0\t \n"
    )
    (word,) = ocr_mod.parse_tsv(tsv)
    assert (word.text, word.x0, word.top, word.x1, word.bottom, word.line) == ("Action", 10, 20, 110, 60, 1)


def test_pgm_round_trip_is_what_tesseract_gets(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_tesseract sends a PGM of the exact pixels (no re-encoding loss)."""
    seen: dict[str, bytes] = {}

    class Done:
        returncode = 0
        stdout = b"level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        stderr = b""

    def fake_run(cmd, input, **kwargs):
        seen["input"] = input
        seen["env"] = kwargs["env"]
        return Done()

    monkeypatch.setattr(ocr_mod.subprocess, "run", fake_run)
    gray = (np.arange(12 * 7) % 256).astype(np.uint8).reshape(7, 12)
    assert ocr_mod.run_tesseract(gray, OcrSettings()) == []
    image = Image.open(io.BytesIO(seen["input"]))
    assert np.array_equal(np.asarray(image), gray)
    assert seen["env"]["OMP_THREAD_LIMIT"]
