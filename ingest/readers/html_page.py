"""HTML pages and HTML-only mail bodies: text in reading order, tables as rows, black boxes.

``html_page(markup)`` gives one page-less ``Page``: block elements (``p``, ``div``, headings,
list items, ``br``) end lines; ``script``, ``style``, ``head`` and ``template`` are dropped; a
table's rows become ``TableRow`` lines (cells joined by a tab; a table inside a cell is read
into that cell); list items get "- " or their number. Text on a black background
(``style="background:#000"``, ``bgcolor="black"``) over dark or unstated text is a redaction
(``html_box``): it reads as a █ run and its text, still in the file, is kept as the span's
``text_beneath`` (white text on black is a styled heading, not a redaction).

``html.parser`` tolerates unclosed and stray tags without raising, which released pages and
mail bodies need.

>>> page = html_page('<p>Lead: <span style="background-color:#000000">Jane Smith</span></p>'
...                  '<table><tr><th>Action</th><th>Owner</th></tr><tr><td>Send</td><td>SG</td></tr></table>')
>>> page.text
'Lead: ██████████\\nAction\\tOwner\\nSend\\tSG'
>>> page.redactions[0].style, page.redactions[0].text_beneath
('html_box', 'Jane Smith')
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ingest.files import file_bytes
from ingest.models import BLOCK_CHAR, Page, ReadError, RedactionSpan, SourceFile, Table, TableRow

_SKIP = {"script", "style", "head", "template", "noscript", "svg", "object", "iframe"}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "ul", "ol", "dl", "dt", "dd",
    "address", "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
    "form", "fieldset", "caption", "center",
}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr", "param"}
_NAMED_DARK = {"black", "#000", "#000000", "windowtext", "#111", "#111111"}
_NAMED_LIGHT = {"white", "#fff", "#ffffff", "window", "transparent"}


def _colour_dark(value: str | None) -> bool | None:
    """True/False for a CSS or attribute colour that is dark/light; None when unreadable."""
    if not value:
        return None
    value = value.strip().lower()
    if value in _NAMED_DARK:
        return True
    if value in _NAMED_LIGHT:
        return False
    m = re.fullmatch(r"#?([0-9a-f]{6}|[0-9a-f]{3})", value)
    if m:
        hexa = m.group(1)
        if len(hexa) == 3:
            hexa = "".join(ch * 2 for ch in hexa)
        r, g, b = (int(hexa[i:i + 2], 16) for i in (0, 2, 4))
    else:
        m = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)", value)
        if not m:
            return None
        if m.group(4) is not None and float(m.group(4)) < 0.5:
            return False
        r, g, b = (int(m.group(i)) for i in (1, 2, 3))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 64


def _style(attrs: dict[str, str | None], prop: str) -> str | None:
    style = attrs.get("style") or ""
    found = None
    for decl in style.split(";"):
        name, _, value = decl.partition(":")
        name = name.strip().lower()
        if name == prop or (prop == "background-color" and name == "background"):
            # "background: #000 url(x.png)": the colour is one of the words
            words = value.replace("!important", "").split()
            for word in words if name == "background" else [value.replace("!important", "")]:
                if _colour_dark(word) is not None:
                    found = word
    return found


@dataclass
class _Sink:
    """Text with its redaction spans: the document, or one table cell being read."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[RedactionSpan] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    box: list[str] | None = None  # text read on a black background, not yet written

    def last(self) -> str:
        return self.parts[-1][-1:] if self.parts and self.parts[-1] else ""

    def write(self, text: str) -> int:
        start = self.length
        if text:
            self.parts.append(text)
            self.length += len(text)
        return start

    def newline(self) -> None:
        self.flush_box()
        text = "".join(self.parts)
        stripped = text.rstrip(" ")
        if len(stripped) != len(text):
            self.parts = [stripped]
            self.length = len(stripped)
        if self.length and self.last() != "\n":
            self.write("\n")

    def flush_box(self) -> None:
        if self.box is None:
            return
        beneath = " ".join("".join(self.box).split())
        self.box = None
        if self.last() not in ("", " ", "\n"):
            self.write(" ")
        marker = BLOCK_CHAR * max(1, len(beneath))
        start = self.write(marker)
        self.spans.append(RedactionSpan(start, start + len(marker), "html_box", marker,
                                        text_beneath=beneath or None))

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Frame:
    tag: str
    dark: bool  # inside a black box
    light_text: bool  # text colour stated light


@dataclass
class _TableState:
    rows: list[list[tuple[str, list[RedactionSpan]]]] = field(default_factory=list)
    row: list[tuple[str, list[RedactionSpan]]] | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sinks: list[_Sink] = [_Sink()]
        self.frames: list[_Frame] = []
        self.tables: list[_TableState] = []
        self.skip = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # [ordered, counter]
        self.title: str | None = None
        self._in_title = False

    # ---- state ------------------------------------------------------------------------
    @property
    def sink(self) -> _Sink:
        return self.sinks[-1]

    def _dark(self) -> bool:
        return bool(self.frames) and self.frames[-1].dark

    def handle_starttag(self, tag: str, attrs_list) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "br":
            self.sink.newline() if not self._dark() else self._box_text(" ")
            return
        if tag in _BLOCK or tag == "li" or tag == "tr":
            self.sink.newline()
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            if self.lists:
                self.lists[-1][1] += 1
                ordered, n = self.lists[-1]
                self.sink.write(f"{n}. " if ordered else "- ")
            else:
                self.sink.write("- ")
        elif tag == "pre":
            self.pre += 1
        elif tag == "table":
            self.tables.append(_TableState())
        elif tag == "tr" and self.tables:
            self._end_row()
            self.tables[-1].row = []
        elif tag in ("td", "th") and self.tables:
            if self.tables[-1].row is None:
                self.tables[-1].row = []
            self.sinks.append(_Sink())
        if tag in _VOID:
            return
        parent_dark = self._dark()
        parent_light = bool(self.frames) and self.frames[-1].light_text
        bg = _style(attrs, "background-color") or attrs.get("bgcolor")
        fg = _style(attrs, "color") or (attrs.get("color") if tag == "font" else None)
        bg_dark = _colour_dark(bg)
        fg_dark = _colour_dark(fg)
        light = parent_light if fg_dark is None else not fg_dark
        dark = parent_dark if bg_dark is None else bg_dark
        if bg_dark and fg_dark is None:
            light = False  # a new black box: text colour unstated under it reads as black
        frame = _Frame(tag, dark and not light, light)
        if frame.dark and not parent_dark:
            self.sink.flush_box()
            self.sink.box = []  # a black box opens: even an empty one is a redaction
        self.frames.append(frame)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP:
            if tag not in _VOID and self.skip:
                self.skip -= 1
            return
        if self.skip:
            return
        if any(f.tag == tag for f in self.frames):
            while self.frames:
                frame = self.frames.pop()
                if not self.frames or not self.frames[-1].dark:
                    self.sink.flush_box()
                if frame.tag == tag:
                    break
        if tag in ("td", "th") and self.tables and len(self.sinks) > 1:
            self._end_cell()
        elif tag == "tr" and self.tables:
            self._end_row()
        elif tag == "table" and self.tables:
            self._end_table()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _BLOCK or tag == "li":
            self.sink.newline()

    def handle_data(self, data: str) -> None:
        if self._in_title and self.title is None and data.strip():
            self.title = " ".join(data.split())
        if self.skip:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
            if self.sink.last() in ("", " ", "\n", "\t"):
                data = data.lstrip(" ")
        if not data:
            return
        if self._dark():
            self._box_text(data)
        else:
            self.sink.flush_box()
            self.sink.write(data)

    def _box_text(self, data: str) -> None:
        if self.sink.box is None:
            self.sink.box = []
        self.sink.box.append(data)

    # ---- tables -------------------------------------------------------------------------
    def _end_cell(self) -> None:
        cell = self.sinks.pop()
        cell.flush_box()
        text = cell.text()
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        spans = [RedactionSpan(s.start - lead, s.end - lead, s.style, s.marker, s.exemption, s.text_beneath)
                 for s in cell.spans if s.start >= lead and s.end - lead <= len(stripped)]
        state = self.tables[-1]
        if state.row is None:
            state.row = []
        state.row.append((stripped.replace("\t", " "), spans))

    def _end_row(self) -> None:
        while len(self.sinks) > 1 + self._open_cells_outside():
            self._end_cell()  # a cell never closed
        state = self.tables[-1]
        if state.row is not None:
            if any(text.strip() for text, _ in state.row):
                state.rows.append(state.row)
            state.row = None

    def _open_cells_outside(self) -> int:
        """Cells open in tables that enclose the current one."""
        return len(self.tables) - 1

    def _end_table(self) -> None:
        self._end_row()
        state = self.tables.pop()
        if not state.rows:
            return
        sink = self.sink
        sink.newline()
        width = max(len(r) for r in state.rows)
        rows: list[TableRow] = []
        for cells in state.rows:
            texts = [t for t, _ in cells] + [""] * (width - len(cells))
            row = TableRow(texts, 0)
            row.start = sink.write(row.line)
            for k, (_text, spans) in enumerate(cells):
                base = row.cell_start(k)
                sink.spans += [s.shifted(base) for s in spans]
            sink.write("\n")
            rows.append(row)
        if len(self.sinks) == 1:
            sink.tables.append(Table(rows, has_header=True))

    def result(self) -> tuple[str, list[RedactionSpan], list[Table]]:
        while self.tables:
            self._end_table()
        sink = self.sinks[0]
        sink.newline()
        text = sink.text()
        return text, sink.spans, sink.tables


def html_page(markup: str) -> Page:
    """One page-less Page of an HTML document or fragment (see the module docstring)."""
    page, _ = _read(markup)
    return page


def _read(markup: str) -> tuple[Page, str | None]:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    text, spans, tables = reader.result()
    # Blank lines left by empty blocks: at most one in a row; offsets move with the text.
    out, moved, pos = [], [], 0
    kept_blank = False
    for line in text.split("\n"):
        blank = not line.strip()
        if blank and kept_blank:
            moved.append((pos, len(line) + 1))
        else:
            out.append(line)
        kept_blank = blank
        pos += len(line) + 1
    if moved:
        def shift(offset: int) -> int:
            return offset - sum(n for at, n in moved if at < offset)

        spans = [RedactionSpan(shift(s.start), shift(s.end), s.style, s.marker, s.exemption, s.text_beneath)
                 for s in spans]
        tables = [Table([TableRow(r.cells, shift(r.start)) for r in t.rows], t.has_header) for t in tables]
    final = "\n".join(out).strip("\n")
    lead = len("\n".join(out)) - len("\n".join(out).lstrip("\n"))
    if lead:
        spans = [s.shifted(-lead) for s in spans]
        tables = [Table([TableRow(r.cells, r.start - lead) for r in t.rows], t.has_header) for t in tables]
    return Page(number=None, text=final, redactions=spans, tables=tables), reader.title


def _charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii") if m else None


def read_html(path: str | Path) -> SourceFile:
    from ingest.read_text import decode_bytes

    p = Path(path)
    data = file_bytes(p)
    if not data.strip():
        raise ReadError("empty file")
    warnings: list[str] = []
    declared = _charset(data)
    markup = None
    if declared:
        try:
            markup = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared charset {declared!r} does not decode it")
    if markup is None:
        markup, note = decode_bytes(data)
        if note:
            warnings.append(note)
    page, title = _read(markup)
    headers = {"title": title} if title else {}
    return SourceFile(path=str(path), format="html", pages=[page], headers=headers, warnings=warnings,
                      sha256=hashlib.sha256(data).hexdigest())
