"""OCR of scanned (image-only) PDF pages with Tesseract, keeping burned-in redactions visible.

One page goes through:

1. render with pypdfium2 (greyscale, ``dpi``, 300 by default);
2. find the black boxes burned into the image (``ingest.image_boxes``) and paint them white,
   so Tesseract never reads a box as "EE" or "|";
3. Tesseract, called as a subprocess (``tesseract - - tsv``: PGM image on stdin, word boxes
   as TSV on stdout). A subprocess call is all pytesseract would do, and it keeps the
   project free of one more dependency; ``OMP_THREAD_LIMIT=1`` because Tesseract's own
   OpenMP threads make a single page slower, and parallelism comes from worker processes;
4. words into lines by Tesseract's block/paragraph/line numbers, in Tesseract's reading
   order; each box becomes a U+2588 run (``image_box`` span) at its place in its line, or a
   line of its own; an OCR word lying mostly inside a box is dropped.

Tesseract's words are cached by a hash of the exact image it was given plus the settings and
Tesseract's version, so an unchanged scan is never OCR'd twice (rendering and box finding,
a tenth of the time, are redone; the words are rebuilt into lines by the current code).

Coordinates in spans are PDF points in pdfplumber's frame (x right, top down from the page top).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ingest.image_boxes import ImageBox, find_boxes
from ingest.limits import limit
from ingest.models import BLOCK_CHAR, Page, RedactionSpan

BBox = tuple[float, float, float, float]

CACHE_FORMAT = 1  # bump when the cached word records change shape
INSIDE_BOX = 0.5  # a word with more than this share of its area in a box is dropped
MAX_RUN = 60  # longest BLOCK_CHAR run written for one box (as the PDF reader)
# A page is rendered for OCR at no more than this many pixels (an A4 page at 300 dpi is 8.7
# million): a 20,000 pt square scan would otherwise take gigabytes. Below MIN_OCR_DPI the text
# could not be read anyway, and the page is refused with a line saying so.
MAX_OCR_PIXELS = limit("ocr_pixels")
MIN_OCR_DPI = 72
WORD_GAP = 0.15  # a gap wider than this many line heights between a box and a word is a space
WHITEN_PAD_PT = 0.4  # paint this much around a box too: its anti-aliased rim reads as "|" or "_"
BULLET_LOOKALIKES = {"e", "\u00a2", "\u00ab", "\u00b0", "\u00a9", "\u00ae", "@", "\u00bb", "*", "e\u00a2", "\u00abe", "\u2022"}
BULLET_GAP = 0.6  # a bullet stands this many line heights (or more) before its text
MISSING = "no text layer; install tesseract-ocr to read it"


@dataclass(frozen=True)
class OcrSettings:
    """How pages are OCR'd. ``cache_dir`` None: no cache."""

    dpi: int = 300
    lang: str = "eng"
    psm: int = 3  # Tesseract's automatic page segmentation: columns, blocks, lines
    tesseract: str = "tesseract"
    cache_dir: str | None = None
    timeout: float = 300.0

    @classmethod
    def from_env(cls, cache_dir: str | None = None, **overrides) -> OcrSettings:
        """Defaults with ``$FOI_TESSERACT`` (the binary) and ``$FOI_OCR_CACHE`` (the cache dir,
        else ``~/.cache/foisearch/ocr``; an empty value turns the cache off)."""
        if cache_dir is None:
            env = os.environ.get("FOI_OCR_CACHE")
            cache_dir = env if env is not None else str(Path.home() / ".cache" / "foisearch" / "ocr")
        return cls(
            tesseract=os.environ.get("FOI_TESSERACT") or "tesseract",
            cache_dir=cache_dir or None,
            **overrides,
        )

    def key(self) -> str:
        """What changes Tesseract's output besides the image (the cache dir and timeout do not)."""
        return f"dpi={self.dpi};lang={self.lang};psm={self.psm}"


@dataclass
class OcrWord:
    """A Tesseract word in image pixels; ``x1``/``bottom`` exclusive."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    block: int
    par: int
    line: int
    conf: float


@dataclass
class OcrJob:
    """One page to OCR; plain data, so it can be sent to a worker process."""

    path: str
    number: int  # 1-based page number
    page_bbox: BBox  # pdfplumber's page.bbox (x0, top, x1, bottom) in points
    settings: OcrSettings


@dataclass
class OcrResult:
    number: int
    page: Page
    warning: str | None = None
    cached: bool = False
    boxes: list[ImageBox] = field(default_factory=list)


class TesseractError(Exception):
    """Tesseract ran but failed; the message is one line."""


# ---------------------------------------------------------------------------- entry points


@functools.lru_cache(maxsize=8)
def tesseract_version(command: str) -> str | None:
    """Tesseract's version line, or None when ``command`` cannot be run."""
    try:
        done = subprocess.run([command, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = (done.stdout or done.stderr).decode("utf-8", "replace").strip()
    if done.returncode != 0 or not out.lower().startswith("tesseract"):
        return None
    return out.splitlines()[0]


def ocr_pages(jobs: Sequence[OcrJob], workers: int = 1) -> list[OcrResult]:
    """OCR the pages of ``jobs`` in order, in ``workers`` processes when more than one.

    Without Tesseract each page gets the one-line warning and an empty text; nothing is
    rendered. Worker processes are started with "spawn" (safe under any parent: no
    inherited locks or open handles), and each runs ``ocr_job`` on one page at a time.
    """
    if not jobs:
        return []
    missing = [j for j in jobs if tesseract_version(j.settings.tesseract) is None]
    if missing:
        return [OcrResult(j.number, Page(number=j.number, text=""), f"page {j.number}: {MISSING}")
                for j in jobs]
    if workers <= 1 or len(jobs) == 1:
        return [ocr_job(j) for j in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        return list(pool.map(ocr_job, jobs, chunksize=1))


def ocr_job(job: OcrJob) -> OcrResult:
    """OCR one page; never raises for a bad page (the result carries a warning instead)."""
    empty = Page(number=job.number, text="")
    settings = job.settings
    x0, top, x1, bottom = job.page_bbox
    pixels = (x1 - x0) * (bottom - top) * (settings.dpi / 72.0) ** 2
    if pixels > MAX_OCR_PIXELS:
        # a poster-sized scan: rendered at a lower resolution, so its memory stays bounded
        dpi = int(settings.dpi * math.sqrt(MAX_OCR_PIXELS / pixels))
        if dpi < MIN_OCR_DPI:
            return OcrResult(job.number, empty, f"page {job.number}: not OCR'd: {x1 - x0:.0f} x {bottom - top:.0f} pt "
                             f"is too large to render (limit {MAX_OCR_PIXELS // 1_000_000} million pixels)")
        settings = dataclasses.replace(settings, dpi=dpi)
    try:
        gray = render_page(job.path, job.number - 1, settings.dpi)
    except Exception as exc:  # pdfium raises its own types for broken pages
        return OcrResult(job.number, empty, f"page {job.number}: cannot render for OCR: {_one_line(exc)}")
    try:
        return ocr_image(gray, job.number, job.page_bbox, settings)
    except TesseractError as exc:
        return OcrResult(job.number, empty, f"page {job.number}: OCR failed: {exc}")


def render_page(path: str, index: int, dpi: int) -> np.ndarray:
    """Page ``index`` (0-based) of a PDF as a greyscale array, ``dpi`` pixels per inch."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            image = bitmap.to_pil().convert("L")
        finally:
            page.close()
    finally:
        pdf.close()
    return np.asarray(image, dtype=np.uint8)


def ocr_image(gray: np.ndarray, number: int, page_bbox: BBox, settings: OcrSettings) -> OcrResult:
    """OCR one rendered page: boxes, cached Tesseract words, lines with the boxes in place."""
    boxes = find_boxes(gray, settings.dpi)
    clean = whiten(gray, boxes, settings.dpi)
    version = tesseract_version(settings.tesseract)
    if version is None:
        return OcrResult(number, Page(number=number, text=""), f"page {number}: {MISSING}", boxes=boxes)
    key = cache_key(clean, settings, version)
    words = _cache_get(settings.cache_dir, key)
    cached = words is not None
    if words is None:
        words = run_tesseract(clean, settings)
        _cache_put(settings.cache_dir, key, words)
    page = build_page(words, boxes, number, settings.dpi, page_bbox)
    return OcrResult(number, page, cached=cached, boxes=boxes)


# ---------------------------------------------------------------------------- tesseract


def whiten(gray: np.ndarray, boxes: Sequence[ImageBox], dpi: float) -> np.ndarray:
    """A copy of ``gray`` with every box (and its rim) painted paper-white."""
    if not boxes:
        return gray
    out = gray.copy()
    pad = max(1, round(WHITEN_PAD_PT * dpi / 72.0))
    h, w = out.shape
    for b in boxes:
        out[max(0, b.top - pad) : min(h, b.bottom + pad), max(0, b.x0 - pad) : min(w, b.x1 + pad)] = 255
    return out


def run_tesseract(gray: np.ndarray, settings: OcrSettings) -> list[OcrWord]:
    """Words of a greyscale image, with boxes, in Tesseract's reading order."""
    h, w = gray.shape
    pgm = b"P5\n%d %d\n255\n" % (w, h) + np.ascontiguousarray(gray).tobytes()
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    cmd = [settings.tesseract, "-", "-", "--dpi", str(settings.dpi), "--psm", str(settings.psm),
           "-l", settings.lang, "tsv"]
    try:
        done = subprocess.run(cmd, input=pgm, capture_output=True, env=env,
                              timeout=settings.timeout, check=False)
    except subprocess.TimeoutExpired:
        raise TesseractError(f"tesseract took longer than {settings.timeout:.0f}s") from None
    except OSError as exc:
        raise TesseractError(f"cannot run {settings.tesseract}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        detail = _one_line(done.stderr.decode("utf-8", "replace")) or f"exit status {done.returncode}"
        raise TesseractError(f"tesseract: {detail}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[OcrWord]:
    words: list[OcrWord] = []
    lines = tsv.splitlines()
    for row in lines[1:]:  # the first line names the columns
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
            left, top, width, height = (int(v) for v in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        words.append(OcrWord(text, left, top, left + width, top + height, block, par, line, conf))
    return words


# ---------------------------------------------------------------------------- cache


def cache_key(image: np.ndarray, settings: OcrSettings, version: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"foisearch-ocr/{CACHE_FORMAT};{settings.key()};{version};{image.shape}".encode())
    digest.update(np.ascontiguousarray(image).tobytes())
    return digest.hexdigest()


def _cache_path(cache_dir: str, key: str) -> Path:
    return Path(cache_dir) / key[:2] / f"{key}.json"


def _cache_get(cache_dir: str | None, key: str) -> list[OcrWord] | None:
    if not cache_dir:
        return None
    try:
        data = json.loads(_cache_path(cache_dir, key).read_text(encoding="utf-8"))
        return [OcrWord(**w) for w in data["words"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent or damaged: OCR again


def _cache_put(cache_dir: str | None, key: str, words: list[OcrWord]) -> None:
    if not cache_dir:
        return
    path = _cache_path(cache_dir, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader (another worker) never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"words": [asdict(w) for w in words]}, fh)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full cache dir costs time, never the result


# ---------------------------------------------------------------------------- lines


@dataclass
class _Line:
    words: list[OcrWord]
    boxes: list[ImageBox] = field(default_factory=list)

    @property
    def x0(self) -> int:
        return min([w.x0 for w in self.words] + [b.x0 for b in self.boxes])

    @property
    def x1(self) -> int:
        return max([w.x1 for w in self.words] + [b.x1 for b in self.boxes])

    @property
    def top(self) -> int:
        return min([w.top for w in self.words] + [b.top for b in self.boxes])

    @property
    def bottom(self) -> int:
        return max([w.bottom for w in self.words] + [b.bottom for b in self.boxes])


def _inside_share(w: OcrWord, b: ImageBox) -> float:
    area = (w.x1 - w.x0) * (w.bottom - w.top)
    if area <= 0:
        return 0.0
    dx = min(w.x1, b.x1) - max(w.x0, b.x0)
    dy = min(w.bottom, b.bottom) - max(w.top, b.top)
    return dx * dy / area if dx > 0 and dy > 0 else 0.0


def build_page(words: Sequence[OcrWord], boxes: Sequence[ImageBox], number: int, dpi: float,
               page_bbox: BBox) -> Page:
    """Lines of OCR words in reading order with each box as an ``image_box`` span.

    The page text is laid out as the PDF reader lays out a born-digital page: a blank line
    where the gap above a line is a paragraph break, page numbers in the margins dropped.
    """
    from ingest.layout import paragraph_gap
    from ingest.read_pdf import _is_page_furniture, _Rendered

    kept = [w for w in words if not any(_inside_share(w, b) > INSIDE_BOX for b in boxes)]
    lines: list[_Line] = []
    index: dict[tuple[int, int, int], _Line] = {}
    for w in kept:
        key = (w.block, w.par, w.line)
        if key not in index:
            index[key] = _Line([])
            lines.append(index[key])
        index[key].words.append(w)
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
    text_lines = list(lines)
    for box in boxes:
        line = _line_for(box, text_lines)
        if line is not None:
            line.boxes.append(box)
        else:
            _insert_alone(lines, _Line([], [box]))

    avg = _avg_char_width(kept, dpi)
    scale = 72.0 / dpi
    slope = _skew(text_lines)
    mid_x = (page_bbox[2] - page_bbox[0]) / scale / 2
    rendered: list[_Rendered] = []
    for ln in lines:
        text, spans = _render(ln, avg, scale, page_bbox)
        if not text:
            continue
        # Tops and bottoms as if the scan were straight: on a skewed page a long line's
        # box is taller than its text, which would hide the gaps between paragraphs.
        items = [(w.x0, w.x1, w.top, w.bottom) for w in ln.words] or [
            (b.x0, b.x1, b.top, b.bottom) for b in ln.boxes]
        tops = [t - slope * ((a + b) / 2 - mid_x) for a, b, t, _ in items]
        bottoms = [d - slope * ((a + b) / 2 - mid_x) for a, b, _, d in items]
        rendered.append(_Rendered(top=page_bbox[1] + min(tops) * scale, text=text, spans=spans,
                                  bottom=page_bbox[1] + max(bottoms) * scale))
    page_top, page_height = page_bbox[1], page_bbox[3] - page_bbox[1]
    rendered = [r for r in rendered if not _is_page_furniture(r, page_top, page_height)]
    gap = paragraph_gap(sorted(rendered, key=lambda r: r.top))
    parts: list[str] = []
    out_spans: list[RedactionSpan] = []
    offset = 0
    previous_top = previous_bottom = 0.0
    for r in rendered:
        if parts:
            # A paragraph break (or a jump back up: a new column) is a blank line.
            blank = r.top - previous_bottom > gap or r.top < previous_top
            sep = "\n\n" if blank else "\n"
            parts.append(sep)
            offset += len(sep)
        out_spans += [s.shifted(offset) for s in r.spans]
        parts.append(r.text)
        offset += len(r.text)
        previous_top, previous_bottom = r.top, r.bottom
    return Page(number=number, text="".join(parts), redactions=out_spans)


def _skew(lines: Sequence[_Line]) -> float:
    """The page's skew as dy/dx in pixels: the median slope of word bottoms along long lines."""
    slopes: list[float] = []
    for ln in lines:
        if len(ln.words) < 4:
            continue
        xs = np.array([(w.x0 + w.x1) / 2 for w in ln.words], dtype=np.float64)
        ys = np.array([w.bottom for w in ln.words], dtype=np.float64)
        if np.ptp(xs) <= 0:
            continue
        slopes.append(float(np.polyfit(xs, ys, 1)[0]))
    return float(np.median(slopes)) if slopes else 0.0


def _line_for(box: ImageBox, lines: list[_Line]) -> _Line | None:
    """The text line a box sits in: overlapping it vertically, nearest horizontally."""
    best: tuple[float, _Line] | None = None
    for ln in lines:
        if not ln.words:
            continue
        top = min(w.top for w in ln.words)
        bottom = max(w.bottom for w in ln.words)
        overlap = min(bottom, box.bottom) - max(top, box.top)
        if overlap < 0.5 * min(bottom - top, box.height):
            continue
        x0, x1 = min(w.x0 for w in ln.words), max(w.x1 for w in ln.words)
        distance = max(0, x0 - box.x1, box.x0 - x1)
        # Further than a few line heights sideways is another column.
        if distance > 6 * (bottom - top):
            continue
        if best is None or distance < best[0]:
            best = (distance, ln)
    return best[1] if best else None


def _insert_alone(lines: list[_Line], alone: _Line) -> None:
    """A box with no text beside it goes before the first line below it in its column."""
    for i, ln in enumerate(lines):
        if ln.top >= alone.top and min(ln.x1, alone.x1) > max(ln.x0, alone.x0):
            lines.insert(i, alone)
            return
    lines.append(alone)


def _avg_char_width(words: Sequence[OcrWord], dpi: float) -> float:
    """Median advance per character of the page's words, in pixels (5 pt if none)."""
    per_char = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3]
    if not per_char:
        return 5.0 * dpi / 72.0
    return float(np.median(per_char))


def _render(line: _Line, avg: float, scale: float, page_bbox: BBox) -> tuple[str, list[RedactionSpan]]:
    items: list[tuple[int, int, OcrWord | ImageBox]] = [(w.x0, 0, w) for w in line.words]
    items += [(b.x0, 1, b) for b in line.boxes]
    items.sort(key=lambda item: (item[0], item[1]))
    height = max(1, line.bottom - line.top) if line.words else 1
    if line.words:
        height = max(w.bottom for w in line.words) - min(w.top for w in line.words)
    out: list[str] = []
    spans: list[RedactionSpan] = []
    prev: tuple[int, int] | None = None  # (x1, kind) of the previous item
    for x0, kind, item in items:
        if prev is not None:
            # Words are always apart; a box and a word only when there is a visible gap.
            if kind == 0 and prev[1] == 0 or x0 - prev[0] > WORD_GAP * height:
                out.append(" ")
        if kind == 0:
            assert isinstance(item, OcrWord)
            word = _clean_word(item, items, height) if not out else item.text
            out.append(_strip_stray_underscore(word))
            prev = (item.x1, 0)
            continue
        assert isinstance(item, ImageBox)
        marker = BLOCK_CHAR * min(MAX_RUN, max(1, round(item.width / avg)))
        start = sum(len(s) for s in out)
        out.append(marker)
        ox, otop = page_bbox[0], page_bbox[1]
        bbox = (
            round(ox + item.x0 * scale, 2), round(otop + item.top * scale, 2),
            round(ox + item.x1 * scale, 2), round(otop + item.bottom * scale, 2),
        )
        spans.append(RedactionSpan(start=start, end=start + len(marker), style="image_box",
                                   marker=marker, bbox=bbox))
        prev = (item.x1, 1)
    return "".join(out), spans


def _clean_word(first: OcrWord, items: list, height: int) -> str:
    """Tesseract's usual misreadings of a line's first word, fixed where the layout is clear.

    A list bullet "•" comes out as "e", "¢", "«", "°"...: a one-glyph word of that kind
    standing well apart (an indent, not a space) from the text after it is the bullet.
    An en dash followed by white space (where a box was) picks up a stray "_".
    """
    text = first.text
    after = next((it[2] for it in items if it[2] is not first and it[0] >= first.x1), None)
    if text in BULLET_LOOKALIKES and after is not None and after.x0 - first.x1 > BULLET_GAP * height:
        return "\u2022"
    return text


def _strip_stray_underscore(text: str) -> str:
    """"—_" and "-_" (a dash before a gap read with an underscore) lose the underscore."""
    core = text.strip("_")
    return core if core and all(c in "-\u2013\u2014" for c in core) else text


def _one_line(value: object, limit: int = 100) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
