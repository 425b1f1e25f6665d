"""Build the bundled foisearch corpus from the seed text of one real FOI release.

The seed ``corpus/.seed/mappa_foi_release.txt`` is the text of a Scottish Government FOI
release: MAPPA National Strategic Group (NSG) and MAPPA Development Group (MDG) papers,
2016-2017, as one file. This script turns it back into the files such a release is made of,
so the readers, the segmenter and the audit run on real formats:

======================================================  ==========  =========================
document (seed lines, 1-based, inclusive)               format      notes
======================================================  ==========  =========================
Workshop report 3 May 2016 (3-143)                      DOCX        attendee table at the end
Cover e-mail 26 Feb 2016, NSG minutes (145-171)         .eml
Cover e-mail 24 Feb 2016, NSG action list (173-205)     .eml        "<< File: ... >>" lines
NSG minutes 18 Feb 2016 (207-424)                       PDF         block runs drawn as boxes
NSG action list 18 Feb 2016 (428-466)                   DOCX + PDF  ruled table
ViSOR vetting requirements leaflet (468-539)            DOCX
MDG minutes 4 May 2017 (541-682)                        PDF         block runs drawn as boxes
MDG agenda 4 May 2017 (684-754)                         DOCX
MDG meeting request, organiser copy (758-791)           .txt        verbatim
MDG meeting request, invitee copy (793-837)             .txt        verbatim
ViSOR Improvement Plan v1.5 (841-848)                   DOCX + PDF  landscape, ruled table
MDG minutes 9 March 2017 (850-988)                      DOCX
whole release                                           PDF         one bundle, each document
                                                                    on a new page
NSG minutes 18 Feb 2016, MDG minutes 4 May 2017         PDF         image-only scans
NSG action list 18 Feb 2016 (428-466)                   XLSX        the log as a spreadsheet
Cover e-mail 24 Feb 2016 as sent (173-205)              .eml        MIME: the NSG minutes PDF
                                                                    and action list XLSX attached
======================================================  ==========  =========================

Rules the conversion follows (so the ingest can be tested against the seed and its gold file
``tests/data/seed_gold.json``):

* Text is kept word for word, including every ``[REDACTED]``/``[Redacted]``/``[redacted]``
  marker, date and item number ("4.2", "Item 3", "ACTION 5"). Markdown-ish markup in the
  seed becomes formatting: ``**bold**`` becomes bold runs, "- " lines become bulleted items,
  "[name](#)" links become their name (not in the verbatim .txt copies). The stray page
  numbers "02" and "24" are dropped, and a paragraph the seed broke at a page end (a line
  without closing punctuation followed by a lower-case line) is joined again.
* In PDFs every run of U+2588 is a filled black rectangle as wide as the same number of "X"
  would be, at text-line height, with no text beneath it. A run is never split across
  lines, so a PDF has exactly one box per run in its part of the seed. The other redaction
  markers stay text. First-level bullets are drawn dots (reportlab would write "•" as
  WinAnsi code 127, which pdfminer reads as "(cid:127)"); "•" in DOCX. In DOCX files the U+2588 runs stay literal characters, as in the
  released Word files; nothing is shaded.
* The improvement plan's cells hold HTML fragments in the seed; they become real paragraphs,
  numbered items and bullets. Two deviations, both forced by the seed's layout: the column
  heading "MILESTON E/DEADLI NE" (a word wrap in a narrow column) is written
  "MILESTONE/DEADLINE", and in the continuation row of issue A the seed's single last cell
  is split into the TASKS text ("Action from MDG 15/12/16 ...") and the PROGRESS text
  ("NSS Update - IN PROGRESS ..."); issue B has no TASKS text in the release and keeps an
  empty cell.
* Output is byte-reproducible: reportlab runs with ``invariant=1``; DOCX zips are rewritten
  with sorted entries, 1980-01-01 timestamps and fixed core properties; e-mails have a fixed
  Message-ID (and a fixed MIME boundary); scans use a seeded random generator and fixed JPEG
  settings. The XLSX is written by openpyxl with fixed document properties and rewritten as
  the DOCX zips are.
* The action list as a spreadsheet: one sheet "Action List", the title in row 1, the column
  names in row 3, each section title and action in a row of its own (bullets stay in their
  action's cell, one line each); the [REDACTED] markers stay typed. The e-mail "as sent" is
  the 24 February cover e-mail with two of the files it names attached, as the release's
  readers receive such mail: the NSG minutes (the redacted PDF) and the action list XLSX
  (one copy of each document, so the gold scores the e-mail as it scores the bundle).

Usage: ``python corpus/build_corpus.py [--out DIR]`` (default: the folder of this script).
Needs reportlab, python-docx, openpyxl, pypdfium2 (comes with pdfplumber), Pillow and numpy;
no network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE / ".seed" / "mappa_foi_release.txt"
BLOCK = "\u2588"
# The seed has 987 line breaks and no final one: line 988 is the closing "Scottish Government"
# of the MDG minutes of 9 March 2017, which belongs to that document.
SEED_LINES = 988
BUNDLE_NAME = "FOI release 2017-01546 bundle.pdf"
AUTHOR = "Scottish Government"

# --------------------------------------------------------------------------------------
# Document model shared by the PDF and DOCX writers
# --------------------------------------------------------------------------------------


@dataclass
class Run:
    text: str
    bold: bool = False
    underline: bool = False


@dataclass
class Para:
    runs: list[Run]
    kind: str = "body"  # title, heading, body, bullet, numbered
    level: int = 0  # bullet depth (1 or 2)
    tight: bool = False  # a further line of the same block: no space before

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Row:
    cells: list[list[Para]]
    section: bool = False  # one cell spanning the whole table width


@dataclass
class Table:
    header: list[str]
    rows: list[Row]
    widths: list[float]  # relative column widths


@dataclass
class Doc:
    title: str
    date: dt.date | None
    blocks: list[Para | Table]
    landscape: bool = False
    subject: str = ""


# --------------------------------------------------------------------------------------
# Seed parsing
# --------------------------------------------------------------------------------------

PAGE_NUMBER = re.compile(r"\s*\d{1,3}\s*")
BULLET = re.compile(r"^( *)- (.*)$")
LINK = re.compile(r"\[([^\]]+)\]\(#\)")
NUMBERED_HEADING = re.compile(r"^(\d+\.(\d+)?|Item \d+)\s")
REDACTION_MARK = re.compile(r"\[(?:REDACTED|Redacted|redacted)\]|" + BLOCK)


def read_seed(path: Path = SEED) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def seed_lines(lines: list[str], first: int, last: int) -> list[str]:
    """Seed lines first..last (1-based, inclusive)."""
    return lines[first - 1 : last]


def parse_runs(text: str, bold: bool) -> tuple[list[Run], bool]:
    """Split ``**`` markup into runs; returns the bold state at the end of the line."""
    runs: list[Run] = []
    parts = text.split("**")
    for i, part in enumerate(parts):
        if i > 0:
            bold = not bold
        if part:
            runs.append(Run(part, bold))
    # A trailing "**" that opens bold with nothing after it is stray markup ("remit;**").
    if len(parts) > 1 and parts[-1] == "" and bold:
        bold = False
    return runs, bold


def is_heading(text: str, numbered: bool) -> bool:
    """A stand-alone line that names a section (kept deliberately conservative)."""
    if not text or len(text) > 80 or REDACTION_MARK.search(text):
        return False
    if text[0] in "-•(<" or text[0].islower():
        return False
    if re.match(r"(?i)(action|thanks|dear|from|to|sent|cc|subject)\b", text):
        return False
    if NUMBERED_HEADING.match(text):
        return numbered
    if text.endswith("?"):
        return text.isupper()
    if text[-1] in ".,;:":
        return False
    return len(text.split()) <= 8


def blocks_of(lines: Iterable[str]) -> list[list[str]]:
    """Group lines into blank-line separated blocks, dropping stray page numbers and
    re-joining paragraphs that the seed broke at a page end."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in list(lines) + [""]:
        if line.strip() == "":
            if current:
                blocks.append(current)
                current = []
            continue
        if PAGE_NUMBER.fullmatch(line):
            continue
        current.append(line)
    joined: list[list[str]] = []
    for block in blocks:
        first = block[0].lstrip()
        if joined:
            prev = joined[-1][-1].rstrip()
            if prev and prev[-1] not in ".:;?!\"”)" and first[:1].islower():
                joined[-1][-1] = prev + " " + first
                joined[-1].extend(block[1:])
                continue
        joined.append(list(block))
    return joined


def parse_flow(lines: Iterable[str], headings: bool = True, numbered_headings: bool = True) -> list[Para]:
    """Seed text to paragraphs: one paragraph per line, further lines of a block tight."""
    paras: list[Para] = []
    for index, block in enumerate(blocks_of(lines)):
        bold = False
        for line_no, raw in enumerate(block):
            line = LINK.sub(r"\1", raw.rstrip())
            m = BULLET.match(line)
            if m:
                runs, bold = parse_runs(m.group(2), bold)
                level = 2 if m.group(1) else 1
                paras.append(Para(runs, "bullet", level))
                continue
            runs, bold = parse_runs(line.strip(), bold)
            para = Para(runs, tight=line_no > 0)
            plain = para.text
            if headings and index == 0:
                para.kind = "title"
            elif headings and len(block) == 1 and is_heading(plain, numbered_headings):
                para.kind = "heading"
            paras.append(para)
    return paras


def html_cell(fragment: str) -> list[Para]:
    """One improvement-plan cell: <p>, <u>, <ol>/<ul> fragments to paragraphs."""
    paras: list[Para] = []
    fragment = fragment.strip()
    for m in re.finditer(r"<p>(.*?)</p>|<([ou])l[^>]*>(.*)$", fragment, re.S):
        if m.group(1) is not None:
            runs: list[Run] = []
            for part in re.split(r"(<u>.*?</u>)", m.group(1)):
                if part.startswith("<u>"):
                    runs.append(Run(part[3:-4], underline=True))
                elif part:
                    runs.append(Run(part))
            paras.append(Para(runs))
        elif m.group(2) == "o":
            items = re.split(r"\s+(?=\d+\. )", m.group(3).strip())
            paras.extend(Para([Run(item.strip())], "numbered") for item in items if item.strip())
        else:
            items = [i.strip() for i in m.group(3).split("•")]
            paras.extend(Para([Run(item)], "bullet", 1) for item in items if item)
    return paras


# --------------------------------------------------------------------------------------
# The documents
# --------------------------------------------------------------------------------------


def workshop_report(seed: list[str]) -> Doc:
    blocks: list[Para | Table] = list(parse_flow(seed_lines(seed, 3, 132)))
    rows = [line.split("\t") for line in seed_lines(seed, 134, 143)]
    table = Table(
        header=[c for c in seed[133 - 1].split("\t")],
        rows=[Row([[Para([Run(cell)])] for cell in row]) for row in rows],
        widths=[0.35, 0.65],
    )
    blocks.append(table)
    return Doc(
        "Report from MAPPA National Strategic Oversight Group Thematic Report Workshop",
        dt.date(2016, 5, 3),
        blocks,
    )


def action_list(seed: list[str]) -> Doc:
    """The action list: cells are tab-separated in the seed, with markdown rulers under rows."""
    lines = seed_lines(seed, 428, 466)
    title = lines[0]
    header = lines[2].split("\t")
    rows: list[Row] = []
    for line in lines[3:]:
        text = line.strip()
        if not text or set(text) <= set("-\t "):
            continue  # blank lines and the markdown table rulers
        cells = text.split("\t")
        if len(cells) == len(header):
            rows.append(Row([[Para([Run(cell)])] for cell in cells]))
        elif text.startswith("- "):
            rows[-1].cells[0].append(Para([Run(text[2:])], "bullet", 1))
        else:
            rows.append(Row([[Para([Run(text, bold=True)])]], section=True))
    return Doc(
        "Meeting of the MAPPA National Strategic Group, 18 February 2016: Action List",
        dt.date(2016, 2, 18),
        [Para([Run(title, bold=True)], "title"), Table(header, rows, [0.62, 0.2, 0.18])],
    )


def improvement_plan(seed: list[str]) -> Doc:
    head = [c for c in seed[841 - 1].split("\t") if c]
    columns = [c for c in seed[842 - 1].split("\t") if c]
    columns[columns.index("MILESTON E/DEADLI NE")] = "MILESTONE/DEADLINE"
    row_a = seed[843 - 1].split("\t")
    cont = seed[845 - 1].split("\t")
    row_b = seed[846 - 1].split("\t")

    def cell(text: str) -> list[Para]:
        return [Para([Run(text)])] if text else []

    rows = [Row([cell(row_a[0])] + [html_cell(c) for c in row_a[1:6]])]
    # Continuation row of issue A: lead, deadline, then one cell holding task and progress.
    task, progress = re.split(r" (?=NSS Update - )", cont[4], maxsplit=1)
    rows.append(Row([[], [], cell(task), cell(cont[2]), cell(cont[3]), cell(progress)]))
    # Issue B: the release has no TASKS text; keep an empty cell in its place.
    rows.append(Row([cell(row_b[0]), html_cell(row_b[1]), [], html_cell(row_b[2]),
                     html_cell(row_b[3]), html_cell(row_b[4])]))
    blocks: list[Para | Table] = [Para([Run(head[0], bold=True)], "title")]
    blocks += [Para([Run(h)], tight=True) for h in head[1:]]
    blocks.append(Table(columns, rows, [0.07, 0.23, 0.2, 0.14, 0.12, 0.24]))
    return Doc("ViSOR Improvement Plan", dt.date(2017, 2, 14), blocks, landscape=True,
               subject="Version: 1.5 (DRAFT)")


def flow_doc(seed: list[str], first: int, last: int, title: str, date: dt.date | None,
             numbered_headings: bool = True) -> Doc:
    return Doc(title, date, list(parse_flow(seed_lines(seed, first, last),
                                            numbered_headings=numbered_headings)))


def plain_doc(seed: list[str], first: int, last: int, title: str, date: dt.date | None) -> Doc:
    """E-mails and meeting requests in the bundle: their lines as they print."""
    return Doc(title, date, list(parse_flow(seed_lines(seed, first, last), headings=False)))


def all_documents(seed: list[str]) -> dict[str, Doc]:
    """Every document of the release, in release order (the bundle's order)."""
    return {
        "workshop": workshop_report(seed),
        "email_minutes": plain_doc(seed, 145, 171, "MAPPA National Strategic Group 18 February 2016 minutes",
                                   dt.date(2016, 2, 26)),
        "email_actions": plain_doc(seed, 173, 205, "MAPPA National Strategic Group 18 February Action List",
                                   dt.date(2016, 2, 24)),
        "nsg_minutes": flow_doc(seed, 207, 424, "MAPPA National Strategic Group meeting 18 February 2016",
                                dt.date(2016, 2, 18)),
        "action_list": action_list(seed),
        "leaflet": flow_doc(seed, 468, 539, "ViSOR Vetting Requirements", dt.date(2016, 2, 24)),
        "mdg_minutes_may": flow_doc(seed, 541, 682, "MAPPA Development Group - Minutes - 4 May 2017",
                                    dt.date(2017, 5, 4)),
        "mdg_agenda": flow_doc(seed, 684, 754, "MAPPA Development Group - Agenda - 4th May 2017",
                               dt.date(2017, 5, 4), numbered_headings=False),
        "request_organiser": plain_doc(seed, 758, 791, "MDG", dt.date(2017, 5, 4)),
        "request_invitee": plain_doc(seed, 793, 837, "MDG", dt.date(2017, 5, 4)),
        "plan": improvement_plan(seed),
        "mdg_minutes_march": flow_doc(seed, 850, SEED_LINES, "MAPPA Development Group - Minutes - 9 March 2017",
                                      dt.date(2017, 3, 9)),
    }


# Output file names; the DOCX names of the action list, leaflet, agenda and March minutes are
# the attachment names that the e-mails and meeting requests of the release give them.
FILES = {
    "workshop": "2016-05-03 MAPPA NSG thematic report workshop report.docx",
    "email_minutes": "2016-02-26 MAPPA National Strategic Group 18 February 2016 minutes.eml",
    "email_actions": "2016-02-24 MAPPA National Strategic Group 18 February Action List.eml",
    "nsg_minutes": "2016-02-18 MAPPA NSG minutes.pdf",
    "action_list_docx": "MAPPA NSG Action List 18 February 2016.docx",
    "action_list_pdf": "MAPPA NSG Action List 18 February 2016.pdf",
    "leaflet": "VISOR VETTING STANDARDS GUIDANCE LEAFLET FINAL.docx",
    "mdg_minutes_may": "MAPPA Development Group - Minutes - 4 May 2017.pdf",
    "mdg_agenda": "MAPPA Development Group - Agenda - 4th May 2017.docx",
    "request_organiser": "MDG meeting request (organiser copy).txt",
    "request_invitee": "MDG meeting request (invitee copy).txt",
    "plan_docx": "ViSOR Improvement Plan v1.5.docx",
    "plan_pdf": "ViSOR Improvement Plan v1.5.pdf",
    "mdg_minutes_march": "MAPPA Development Group - Minutes - 9 March 2017.docx",
    "bundle": BUNDLE_NAME,
    "nsg_minutes_scan": "scanned/2016-02-18 MAPPA NSG minutes (scan).pdf",
    "mdg_minutes_may_scan": "scanned/MAPPA Development Group - Minutes - 4 May 2017 (scan).pdf",
    "action_list_xlsx": "MAPPA NSG Action List 18 February 2016.xlsx",
    "email_actions_sent": "2016-02-24 MAPPA National Strategic Group 18 February Action List (as sent).eml",
}

# Seed line ranges of the documents that become redacted PDFs (the tests count boxes per range).
PDF_SEED_RANGES = {
    "nsg_minutes": [(207, 424)],
    "action_list_pdf": [(428, 466)],
    "mdg_minutes_may": [(541, 682)],
    "plan_pdf": [(841, 848)],
    "bundle": [(1, SEED_LINES)],
}


# --------------------------------------------------------------------------------------
# PDF: a small layout engine on the reportlab canvas, so every box position is known
# --------------------------------------------------------------------------------------

A4 = (595.2756, 841.8898)
MARGIN = 56.0
TOP = 60.0
BOTTOM = 58.0
PAD = 4.0
STYLES = {  # kind: (size, leading, space before, bold)
    "title": (12.0, 15.0, 0.0, True),
    "heading": (11.0, 14.0, 10.0, True),
    "body": (10.0, 13.0, 6.0, False),
    "bullet": (10.0, 13.0, 3.0, False),
    "numbered": (10.0, 13.0, 3.0, False),
}
BLOCK_RUN = re.compile(f"({BLOCK}+)")


def _font(bold: bool) -> str:
    return "Helvetica-Bold" if bold else "Helvetica"


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = 0.0
    for piece in BLOCK_RUN.split(text):
        if piece.startswith(BLOCK):
            total += stringWidth("X" * len(piece), font, size)
        elif piece:
            total += stringWidth(piece, font, size)
    return total


@dataclass
class Line:
    """One laid-out line: ops relative to (left x, top of line)."""

    height: float
    before: float
    ops: list[tuple] = field(default_factory=list)


def layout_para(para: Para, width: float, first_in_cell: bool = False) -> list[Line]:
    size, leading, before, force_bold = STYLES[para.kind]
    if para.tight or first_in_cell:
        before = 0.0
    indent = 18.0 * para.level if para.kind == "bullet" else 0.0
    avail = width - indent
    # Words as lists of fragments (text, bold, underline); spaces separate words.
    words: list[list[tuple[str, bool, bool]]] = [[]]
    for run in para.runs:
        for i, part in enumerate(run.text.split(" ")):
            if i > 0:
                words.append([])
            if part:
                words[-1].append((part, run.bold or force_bold, run.underline))
    words = [w for w in words if w]

    def word_width(word: list[tuple[str, bool, bool]]) -> float:
        return sum(_width(t, _font(b), size) for t, b, _ in word)

    space = _width(" ", "Helvetica", size)
    lines_words: list[list[list[tuple[str, bool, bool]]]] = [[]]
    used = 0.0
    for word in words:
        ww = word_width(word)
        if ww > avail and BLOCK not in "".join(t for t, _, _ in word):
            # Too long for the column (table headings): break it at a "/" or anywhere.
            if lines_words[-1]:
                lines_words.append([])
            for chunk in _break_word(word, avail, size):
                lines_words[-1].append(chunk)
                lines_words.append([])
            used = 0.0
            continue
        if lines_words[-1] and used + space + ww > avail:
            lines_words.append([])
            used = 0.0
        used += (space if lines_words[-1] else 0.0) + ww
        lines_words[-1].append(word)
    lines_words = [lw for lw in lines_words if lw] or [[]]

    out: list[Line] = []
    baseline = 0.77 * leading
    for n, lw in enumerate(lines_words):
        line = Line(leading, before if n == 0 else 0.0)
        if n == 0 and para.kind == "bullet":
            # reportlab writes "•" as WinAnsi code 127, which pdfminer cannot map back
            # ("(cid:127)"), so first-level bullets are drawn dots; second level is a dash.
            if para.level == 1:
                line.ops.append(("dot", indent - 8.0, baseline, size))
            else:
                line.ops.append(("text", indent - 10.0, baseline, "Helvetica", size, "–"))
        x = indent
        pieces: list[tuple[str, bool, bool]] = []
        for i, word in enumerate(lw):
            if i > 0:
                ul = pieces[-1][2] and word[0][2]
                pieces.append((" ", pieces[-1][1], ul))
            pieces.extend(word)
        # Merge neighbours of one style, then cut out the block runs as boxes.
        merged: list[list] = []
        for text, bold, ul in pieces:
            if merged and merged[-1][1] == bold and merged[-1][2] == ul:
                merged[-1][0] += text
            else:
                merged.append([text, bold, ul])
        for text, bold, ul in merged:
            font = _font(bold)
            for piece in BLOCK_RUN.split(text):
                if not piece:
                    continue
                w = _width(piece, font, size)
                if piece.startswith(BLOCK):
                    line.ops.append(("box", x, baseline, w, size))
                else:
                    line.ops.append(("text", x, baseline, font, size, piece))
                    if ul:
                        line.ops.append(("uline", x, baseline, w, size))
                x += w
        out.append(line)
    return out


def _break_word(word: list[tuple[str, bool, bool]], avail: float, size: float) -> list[list[tuple[str, bool, bool]]]:
    text = "".join(t for t, _, _ in word)
    bold, ul = word[0][1], word[0][2]
    chunks: list[str] = []
    while text:
        cut = len(text)
        while cut > 1 and _width(text[:cut], _font(bold), size) > avail:
            cut -= 1
        slash = text.rfind("/", 0, cut)
        if cut < len(text) and slash > 0:
            cut = slash + 1
        chunks.append(text[:cut])
        text = text[cut:]
    return [[(c, bold, ul)] for c in chunks]


@dataclass
class PdfPage:
    size: tuple[float, float]
    ops: list[tuple] = field(default_factory=list)


class Composer:
    """Places laid-out lines and tables on pages; renders them with reportlab."""

    def __init__(self) -> None:
        self.pages: list[PdfPage] = []
        self.y = 0.0
        self.size = A4

    # -- geometry
    @property
    def left(self) -> float:
        return MARGIN

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN

    @property
    def top(self) -> float:
        return self.size[1] - TOP

    def new_page(self, size: tuple[float, float] | None = None) -> None:
        if size is not None:
            self.size = size
        self.pages.append(PdfPage(self.size))
        self.y = self.top

    def at_top(self) -> bool:
        return self.y >= self.top - 0.01

    def place(self, line: Line, x: float, y_top: float) -> None:
        page = self.pages[-1]
        for op in line.ops:
            kind = op[0]
            if kind == "text":
                _, dx, base, font, size, text = op
                page.ops.append(("text", x + dx, y_top - base, font, size, text))
            elif kind == "box":
                _, dx, base, w, size = op
                # From below the descenders to above the capitals: the whole text line.
                page.ops.append(("box", x + dx, y_top - base - 0.22 * size, w, 0.95 * size))
            elif kind == "dot":
                _, dx, base, size = op
                page.ops.append(("dot", x + dx, y_top - base + 0.3 * size, 0.16 * size))
            elif kind == "uline":
                _, dx, base, w, size = op
                yy = y_top - base - 0.12 * size
                page.ops.append(("line", x + dx, yy, x + dx + w, yy, 0.5))

    # -- flow
    def add_doc(self, doc: Doc) -> None:
        self.new_page((A4[1], A4[0]) if doc.landscape else A4)
        for i, block in enumerate(doc.blocks):
            if isinstance(block, Table):
                self.add_table(block)
                continue
            lines = layout_para(block, self.width)
            keep = 0.0
            if block.kind in ("heading", "title") and i + 1 < len(doc.blocks):
                keep = 2 * 13.0  # keep a heading with the start of what follows
            for n, line in enumerate(lines):
                before = 0.0 if self.at_top() else line.before
                need = before + line.height + (keep if n == len(lines) - 1 else 0.0)
                if self.y - need < BOTTOM:
                    self.new_page()
                    before = 0.0
                self.y -= before
                self.place(line, self.left, self.y)
                self.y -= line.height

    def _cell_lines(self, paras: list[Para], width: float) -> list[Line]:
        lines: list[Line] = []
        for n, para in enumerate(paras):
            lines.extend(layout_para(para, width, first_in_cell=n == 0))
        return lines

    def add_table(self, table: Table) -> None:
        if not self.at_top():
            self.y -= 8.0
        total = sum(table.widths)
        widths = [self.width * w / total for w in table.widths]
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w)
        header = Row([[Para([Run(h, bold=True)])] if h else [] for h in table.header])
        header_lines = [self._cell_lines(c, w - 2 * PAD) for c, w in zip(header.cells, widths, strict=True)]
        self._row(header, header_lines, xs, None)
        for row in table.rows:
            if row.section:
                cells = [self._cell_lines(row.cells[0], self.width - 2 * PAD)]
            else:
                cells = [self._cell_lines(c, w - 2 * PAD) for c, w in zip(row.cells, widths, strict=True)]
            self._row(row, cells, xs, (header, header_lines))
        self.y -= 6.0

    def _row(self, row: Row, cells: list[list[Line]], xs: list[float], repeat) -> None:
        remaining = [list(c) for c in cells]
        fresh = False  # True right after a page break (and the repeated header row)
        while True:
            need = max(_stack_height(c) for c in remaining) + 2 * PAD
            room = self.y - BOTTOM
            if need > room and not fresh:
                # Move the row to a new page unless it is too tall for any page anyway.
                capacity = self.top - BOTTOM - (0.0 if repeat is None else 60.0)
                if need <= capacity or room < 3 * 13.0 + 2 * PAD:
                    self._page_break(xs, repeat)
                    fresh = True
                    continue
            chunk: list[list[Line]] = []
            rest: list[list[Line]] = []
            limit = room - 2 * PAD
            for c in remaining:
                used, take = 0.0, 0
                for n, line in enumerate(c):
                    h = line.height + (line.before if n > 0 else 0.0)
                    if used + h > limit:
                        break
                    used += h
                    take += 1
                chunk.append(c[:take])
                rest.append(c[take:])
            height = max(_stack_height(c) for c in chunk) + 2 * PAD
            self._draw_row(row, chunk, xs, height)
            if not any(rest):
                return
            for c in rest:
                if c:
                    c[0] = Line(c[0].height, 0.0, c[0].ops)
            remaining = rest
            self._page_break(xs, repeat)
            fresh = True

    def _page_break(self, xs: list[float], repeat) -> None:
        self.new_page()
        if repeat is not None:
            self._row(repeat[0], repeat[1], xs, None)

    def _draw_row(self, row: Row, cells: list[list[Line]], xs: list[float], height: float) -> None:
        page = self.pages[-1]
        top, bottom = self.y, self.y - height
        cell_xs = [xs[0], xs[-1]] if row.section else xs
        for n, lines in enumerate(cells):
            y = top - PAD
            for i, line in enumerate(lines):
                if i > 0:
                    y -= line.before
                self.place(line, cell_xs[n] + PAD, y)
                y -= line.height
        page.ops.append(("line", xs[0], top, xs[-1], top, 0.5))
        page.ops.append(("line", xs[0], bottom, xs[-1], bottom, 0.5))
        for x in cell_xs:
            page.ops.append(("line", x, top, x, bottom, 0.5))
        self.y = bottom

    # -- output
    def render(self, path: Path, title: str, subject: str = "") -> None:
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        canvas.setTitle(title)
        canvas.setAuthor(AUTHOR)
        canvas.setSubject(subject)
        canvas.setCreator("foisearch corpus/build_corpus.py")
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            canvas.setPageSize(page.size)
            canvas.setFillColorRGB(0, 0, 0)
            canvas.setStrokeColorRGB(0, 0, 0)
            for op in page.ops:
                if op[0] == "text":
                    _, x, y, font, size, text = op
                    canvas.setFont(font, size)
                    canvas.drawString(x, y, text)
                elif op[0] == "box":
                    _, x, y, w, h = op
                    canvas.rect(x, y, w, h, stroke=0, fill=1)
                elif op[0] == "dot":
                    _, x, y, r = op
                    canvas.circle(x, y, r, stroke=0, fill=1)
                elif op[0] == "line":
                    _, x1, y1, x2, y2, lw = op
                    canvas.setLineWidth(lw)
                    canvas.line(x1, y1, x2, y2)
            canvas.setFont("Helvetica", 9)
            canvas.drawCentredString(page.size[0] / 2, 28, f"Page {number} of {total}")
            canvas.showPage()
        canvas.save()


def _stack_height(lines: list[Line]) -> float:
    return sum(line.height + (line.before if i > 0 else 0.0) for i, line in enumerate(lines))


def write_pdf(path: Path, docs: list[Doc], title: str, subject: str = "") -> None:
    composer = Composer()
    for doc in docs:
        composer.add_doc(doc)
    composer.render(path, title, subject)


# --------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _add_runs(paragraph, runs: list[Run]) -> None:
    for run in runs:
        r = paragraph.add_run(run.text)
        if run.bold:
            r.bold = True
        if run.underline:
            r.underline = True


def _docx_para(document, para: Para):
    from docx.shared import Pt

    style = {
        "title": "Title",
        "heading": "Heading 2",
        "bullet": "List Bullet" if para.level <= 1 else "List Bullet 2",
    }.get(para.kind, "Normal")
    paragraph = document.add_paragraph(style=style)
    _add_runs(paragraph, para.runs)
    if para.tight:
        paragraph.paragraph_format.space_before = Pt(0)
    return paragraph


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _fill_cell(cell, paras: list[Para]) -> None:
    for n, para in enumerate(paras):
        target = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        if para.kind == "bullet":
            target.style = "List Bullet"
        _add_runs(target, para.runs)


def write_docx(path: Path, doc: Doc) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    section = document.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for block in doc.blocks:
        if isinstance(block, Table):
            cols = len(block.header)
            table = document.add_table(rows=1, cols=cols)
            table.style = "Table Grid"
            hdr = table.rows[0]
            _mark_header_row(hdr)
            if cols == 2 and not block.header[1]:
                merged = hdr.cells[0].merge(hdr.cells[1])
                _fill_cell(merged, [Para([Run(block.header[0], bold=True)])])
            else:
                for cell, name in zip(hdr.cells, block.header, strict=True):
                    _fill_cell(cell, [Para([Run(name, bold=True)])])
            for row in block.rows:
                cells = table.add_row().cells
                if row.section:
                    merged = cells[0].merge(cells[-1])
                    _fill_cell(merged, row.cells[0])
                else:
                    for cell, paras in zip(cells, row.cells, strict=True):
                        _fill_cell(cell, paras)
            continue
        _docx_para(document, block)
    core = document.core_properties
    stamp = dt.datetime.combine(doc.date or dt.date(2016, 1, 1), dt.time(9, 0))
    core.title = doc.title
    core.subject = doc.subject
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.created = stamp
    core.modified = stamp
    core.revision = 1
    core.comments = ""
    core.keywords = ""
    buffer = io.BytesIO()
    document.save(buffer)
    _normalise_zip(buffer.getvalue(), path)


def _normalise_zip(data: bytes, path: Path) -> None:
    """Rewrite a zip with sorted entries and fixed timestamps, so builds are byte-identical."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = sorted((info.filename, src.read(info.filename)) for info in src.infolist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, payload in entries:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, payload, compresslevel=9)
    path.write_bytes(out.getvalue())


# --------------------------------------------------------------------------------------
# E-mail and plain text
# --------------------------------------------------------------------------------------


def _header_value(line: str, name: str) -> str:
    if not line.startswith(name + ":"):
        raise ValueError(f"seed line {line[:30]!r} is not the {name} header")
    return line[len(name) + 1 :].strip()


def write_email(path: Path, headers: dict[str, str], sent: dt.datetime, body_lines: list[str],
                message_id: str) -> None:
    # compat32 keeps the headers as the release prints them ("[Redacted]" addresses, ";"
    # separators) and folds them at spaces; policy.default would rewrite them as RFC 2047
    # encoded words because they are not valid address lists.
    msg = EmailMessage(policy=policy.compat32.clone(linesep="\r\n"))
    msg["From"] = headers["From"]
    msg["To"] = headers["To"]
    if headers.get("Cc"):
        msg["Cc"] = headers["Cc"]
    msg["Subject"] = headers["Subject"]
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = message_id
    msg["MIME-Version"] = "1.0"
    msg["Content-Type"] = 'text/plain; charset="utf-8"'
    msg["Content-Transfer-Encoding"] = "8bit"
    # Plain text cannot carry bold: the ** markup of the seed is dropped.
    body = "\n".join(line.rstrip().replace("**", "") for line in body_lines).strip("\n") + "\n"
    msg.set_payload(body)
    path.write_bytes(msg.as_bytes())


def _sent(line: str) -> dt.datetime:
    value = _header_value(line, "Sent")
    # Sent times in the release are UK local time; both e-mails fall in GMT (February).
    return dt.datetime.strptime(value, "%d %B %Y %H:%M").replace(tzinfo=dt.UTC)


def write_emails(seed: list[str], out: Path) -> None:
    first = seed_lines(seed, 145, 171)
    write_email(
        out / FILES["email_minutes"],
        {"From": _header_value(first[0], "From"), "To": _header_value(first[2], "To"),
         "Cc": _header_value(first[3], "Cc"), "Subject": _header_value(first[4], "Subject")},
        _sent(first[1]),
        first[6:],
        "<20160226112100.MAPPA-NSG-minutes@foi-release.invalid>",
    )
    second = seed_lines(seed, 173, 205)
    # The To header wraps over two seed lines with a blank line between (174-177).
    to = _header_value(second[2], "To") + " " + second[4].strip()
    write_email(
        out / FILES["email_actions"],
        {"From": _header_value(second[0], "From"), "To": to,
         "Cc": _header_value(second[6], "Cc"), "Subject": _header_value(second[8], "Subject")},
        _sent(second[1]),
        second[10:],
        "<20160224101100.MAPPA-NSG-actions@foi-release.invalid>",
    )


def write_xlsx(path: Path, doc: Doc) -> None:
    """A Doc's title and its one table as a one-sheet workbook (see the rules above)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    fixed = dt.datetime(2016, 2, 18, 12, 0, 0)
    book = Workbook()
    book.properties.creator = AUTHOR
    book.properties.lastModifiedBy = AUTHOR
    book.properties.title = doc.title
    book.properties.created = fixed
    book.properties.modified = fixed
    sheet = book.active
    sheet.title = "Action List"
    title = next(b for b in doc.blocks if isinstance(b, Para))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    sheet.append([title.text])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append(list(table.header))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(["\n".join(("- " if p.kind == "bullet" else "") + p.text for p in cell) for cell in row.cells])
    for letter, width in zip("ABC", table.widths, strict=False):
        sheet.column_dimensions[letter].width = round(100 * width)
    buffer = io.BytesIO()
    book.save(buffer)
    _normalise_zip(_fixed_core(buffer.getvalue(), fixed), path)


def _fixed_core(data: bytes, when: dt.datetime) -> bytes:
    """openpyxl stamps docProps/core.xml with the time of saving: put the fixed time back."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp.encode() + rb"\g<2>", payload)
            dst.writestr(info.filename, payload)
    return out.getvalue()


def write_email_with_attachments(path: Path, seed: list[str], attachments: list[Path]) -> None:
    """The 24 February cover e-mail as a MIME message carrying ``attachments``."""
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    second = seed_lines(seed, 173, 205)
    to = _header_value(second[2], "To") + " " + second[4].strip()
    body_lines = [ln for ln in second[10:] if not ln.startswith("<< File:")]
    body = "\n".join(line.rstrip().replace("**", "") for line in body_lines).strip("\n") + "\n"
    body = re.sub(r"\n{3,}", "\n\n", body)
    msg = MIMEMultipart("mixed", boundary="==foi-corpus-2016-02-24==", policy=policy.compat32.clone(linesep="\r\n"))
    msg["From"] = _header_value(second[0], "From")
    msg["To"] = to
    msg["Cc"] = _header_value(second[6], "Cc")
    msg["Subject"] = _header_value(second[8], "Subject")
    msg["Date"] = format_datetime(_sent(second[1]))
    msg["Message-ID"] = "<20160224101100.MAPPA-NSG-actions-sent@foi-release.invalid>"
    msg.attach(MIMEText(body, "plain", "utf-8"))
    types = {".pdf": "pdf", ".xlsx": "vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    for attachment in attachments:
        part = MIMEApplication(attachment.read_bytes(), types[attachment.suffix])
        part.add_header("Content-Disposition", "attachment", filename=attachment.name)
        msg.attach(part)
    path.write_bytes(msg.as_bytes())


def write_text(path: Path, lines: list[str]) -> None:
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------------------
# Scans
# --------------------------------------------------------------------------------------


def write_scan(source: Path, path: Path, skew: float = 0.0, noise_seed: int | None = None) -> None:
    """Image-only copy of a PDF: 200 dpi greyscale pages, optional skew and speckle noise."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = pdfium.PdfDocument(str(source))
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(path.stem)
    canvas.setCreator("foisearch corpus/build_corpus.py (scan)")
    rng = np.random.default_rng(noise_seed if noise_seed is not None else 0)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            image = page.render(scale=200 / 72).to_pil().convert("L")
            page.close()
            if skew:
                image = image.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
            if noise_seed is not None:
                # Sparse grey specks, like dust on the scanner glass; sparse so the page
                # still compresses (dense noise would make each page megabytes).
                pixels = np.asarray(image, dtype=np.uint8).copy()
                specks = rng.random(pixels.shape) < 0.0008
                pixels[specks] = rng.integers(40, 160, int(specks.sum()), dtype=np.uint8)
                image = Image.fromarray(pixels, "L")
            canvas.setPageSize((width, height))
            # A PIL image is stored losslessly (Flate, DeviceGray): smaller than JPEG here.
            canvas.drawImage(ImageReader(image), 0, 0, width, height)
            canvas.showPage()
    finally:
        pdf.close()
    canvas.save()


# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------


def build(out: Path, seed_path: Path = SEED) -> list[Path]:
    """Write every corpus file into ``out``; returns the paths written."""
    seed = read_seed(seed_path)
    if len(seed) != SEED_LINES or not seed[SEED_LINES - 1].strip():
        raise ValueError(f"{seed_path}: expected the {SEED_LINES}-line MAPPA release, found {len(seed)} lines")
    from reportlab import rl_config

    # Binary streams without ASCII85 armour: a quarter smaller, still deterministic.
    rl_config.useA85 = 0
    out.mkdir(parents=True, exist_ok=True)
    (out / "scanned").mkdir(exist_ok=True)
    docs = all_documents(seed)

    write_docx(out / FILES["workshop"], docs["workshop"])
    write_emails(seed, out)
    write_pdf(out / FILES["nsg_minutes"], [docs["nsg_minutes"]], docs["nsg_minutes"].title)
    write_docx(out / FILES["action_list_docx"], docs["action_list"])
    write_pdf(out / FILES["action_list_pdf"], [docs["action_list"]], docs["action_list"].title)
    write_docx(out / FILES["leaflet"], docs["leaflet"])
    write_pdf(out / FILES["mdg_minutes_may"], [docs["mdg_minutes_may"]], docs["mdg_minutes_may"].title)
    write_docx(out / FILES["mdg_agenda"], docs["mdg_agenda"])
    write_text(out / FILES["request_organiser"], seed_lines(seed, 758, 791))
    write_text(out / FILES["request_invitee"], seed_lines(seed, 793, 837))
    write_docx(out / FILES["plan_docx"], docs["plan"])
    write_pdf(out / FILES["plan_pdf"], [docs["plan"]], docs["plan"].title, docs["plan"].subject)
    write_docx(out / FILES["mdg_minutes_march"], docs["mdg_minutes_march"])
    write_pdf(out / FILES["bundle"], list(docs.values()), "FOI release 2017-01546",
              "MAPPA National Strategic Group and MAPPA Development Group papers 2016-2017")
    write_xlsx(out / FILES["action_list_xlsx"], docs["action_list"])
    write_email_with_attachments(out / FILES["email_actions_sent"], seed,
                                 [out / FILES["nsg_minutes"], out / FILES["action_list_xlsx"]])
    write_scan(out / FILES["nsg_minutes"], out / FILES["nsg_minutes_scan"])
    write_scan(out / FILES["mdg_minutes_may"], out / FILES["mdg_minutes_may_scan"], skew=0.7, noise_seed=20170504)
    return [out / name for name in FILES.values()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: corpus/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        paths = build(args.out)
    except (OSError, ValueError) as exc:
        print(f"build_corpus: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{path.stat().st_size:>9}  {path.relative_to(args.out)}")
    print(f"built {len(paths)} files in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
