"""Word (.docx) files: body text in reading order, tables, headings, list numbers, black-outs.

The XML is walked directly (python-docx opens the package and resolves styles) because the
high-level API hides what matters here: the order of paragraphs and tables in the body, the
run formatting that blacks text out, and merged cells (``row.cells`` repeats a merged cell).
A run shown as a black box (black highlight, or dark shading) is a redaction even when the
text is still underneath it: the page text shows "█" and the text goes to ``text_beneath``.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn

from ingest.files import file_bytes
from ingest.layout import ITEM_CELL, Cell, CellLine, lay_out_table
from ingest.models import BLOCK_CHAR, Page, ReadError, RedactionSpan, SourceFile, Table, TableRow
from ingest.models_detail import names_columns

_HEADING_PREFIX = "heading "
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# -- colours -------------------------------------------------------------------------------


def _rgb(value: str | None) -> tuple[int, int, int] | None:
    if not value or len(value) != 6:
        return None
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return None


def _is_dark(value: str | None) -> bool:
    rgb = _rgb(value)
    if rgb is None:
        return False
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 64  # near black: hides dark text


def _shading_dark(shd) -> bool:
    if shd is None:
        return False
    val = shd.get(qn("w:val")) or ""
    # A "solid" pattern paints the pattern colour (w:color) over the whole area.
    if val == "solid" and _is_dark(shd.get(qn("w:color"))):
        return True
    return val != "nil" and _is_dark(shd.get(qn("w:fill")))


def _rpr_blackout(rpr) -> bool | None:
    """True/False when this rPr decides, None when it says nothing about black-out."""
    if rpr is None:
        return None
    highlight = rpr.find(qn("w:highlight"))
    if highlight is not None and highlight.get(qn("w:val")) == "black":
        return True
    shd = rpr.find(qn("w:shd"))
    if shd is not None:
        if not _shading_dark(shd):
            return False
        # Light text on a dark fill is a styled banner, not a black-out.
        color = rpr.find(qn("w:color"))
        rgb = _rgb(color.get(qn("w:val"))) if color is not None else None
        return not (rgb is not None and not _is_dark(color.get(qn("w:val"))))
    return None


def _explicit_dark_text(rpr) -> bool:
    color = rpr.find(qn("w:color")) if rpr is not None else None
    return color is not None and _is_dark(color.get(qn("w:val")))


# -- numbering -----------------------------------------------------------------------------


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter after z: a..z, aa..zz, aaa...
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal and anything unresolved


_DEFAULT_SUFFIX = {"lowerLetter": ")", "upperLetter": ")"}


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str | None = None  # lvlText, e.g. "%1." or "%1.%2."
    start: int = 1


@dataclass
class _Numbering:
    """Counters for list paragraphs, kept per abstract list the way Word continues them."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> ilvl
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen_nums: set[str] = field(default_factory=set)

    @classmethod
    def from_document(cls, document) -> _Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                level = _Level()
                fmt = lvl.find(qn("w:numFmt"))
                if fmt is not None and fmt.get(qn("w:val")):
                    level.fmt = fmt.get(qn("w:val"))
                text = lvl.find(qn("w:lvlText"))
                if text is not None:
                    level.text = text.get(qn("w:val"))
                start = lvl.find(qn("w:start"))
                if start is not None:
                    level.start = _int(start.get(qn("w:val")), 1)
                levels[_int(lvl.get(qn("w:ilvl")), 0)] = level
            numbering.levels[abstract.get(qn("w:abstractNumId")) or ""] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId")) or ""
            ref = num.find(qn("w:abstractNumId"))
            numbering.num_to_abstract[num_id] = ref.get(qn("w:val")) if ref is not None else ""
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    numbering.overrides.setdefault(num_id, {})[
                        _int(override.get(qn("w:ilvl")), 0)] = _int(start.get(qn("w:val")), 1)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The displayed label ("1.", "a)", "•") of the next paragraph of list ``num_id`` at ``ilvl``."""
        abstract = self.num_to_abstract.get(num_id, num_id)
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl, _Level())
        if level.fmt == "none":
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.seen_nums:
            # A w:num with startOverride restarts the list it shares with other w:num.
            self.seen_nums.add(num_id)
            for o_lvl, o_start in self.overrides.get(num_id, {}).items():
                counters[o_lvl] = o_start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts its sub-levels
        if level.fmt == "bullet":
            return "•"
        if not level.text or "%" not in level.text:
            return _format_number(counters[ilvl], level.fmt) + _DEFAULT_SUFFIX.get(level.fmt, ".")
        label = level.text
        for k in range(ilvl, -1, -1):
            lvl_k = levels.get(k, _Level())
            value = counters.get(k, lvl_k.start)
            label = label.replace(f"%{k + 1}", _format_number(value, lvl_k.fmt))
        return label


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# -- styles --------------------------------------------------------------------------------


@dataclass
class _Styles:
    heading_ids: set[str]
    num_by_style: dict[str, tuple[str, int]]  # paragraph styleId -> (numId, ilvl)
    blackout_char_styles: set[str]
    default_para_style: str | None

    @classmethod
    def from_document(cls, document) -> _Styles:
        heading_ids: set[str] = set()
        num_by_style: dict[str, tuple[str, int]] = {}
        blackout: set[str] = set()
        default_para: str | None = None
        try:
            styles = list(document.styles.element.findall(qn("w:style")))
        except (KeyError, NotImplementedError, AttributeError):
            styles = []
        by_id = {s.get(qn("w:styleId")): s for s in styles}

        def chain(style):
            seen = set()
            while style is not None and style.get(qn("w:styleId")) not in seen:
                seen.add(style.get(qn("w:styleId")))
                yield style
                based = style.find(qn("w:basedOn"))
                style = by_id.get(based.get(qn("w:val"))) if based is not None else None

        for style in styles:
            sid = style.get(qn("w:styleId")) or ""
            kind = style.get(qn("w:type"))
            if kind == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                default_para = sid
            for s in chain(style):
                name_el = s.find(qn("w:name"))
                name = (name_el.get(qn("w:val")) or "").lower() if name_el is not None else ""
                if name == "title" or (name.startswith(_HEADING_PREFIX) and name[8:].strip().isdigit()):
                    heading_ids.add(sid)
                    break
            if kind == "paragraph":
                for s in chain(style):
                    num_pr = s.find(qn("w:pPr") + "/" + qn("w:numPr"))
                    if num_pr is not None:
                        num_id = num_pr.find(qn("w:numId"))
                        ilvl = num_pr.find(qn("w:ilvl"))
                        if num_id is not None:
                            num_by_style[sid] = (num_id.get(qn("w:val")) or "0",
                                                 _int(ilvl.get(qn("w:val")) if ilvl is not None else None, 0))
                        break
            if kind == "character":
                for s in chain(style):
                    decided = _rpr_blackout(s.find(qn("w:rPr")))
                    if decided is not None:
                        if decided:
                            blackout.add(sid)
                        break
        return cls(heading_ids, num_by_style, blackout, default_para)


# -- paragraphs ----------------------------------------------------------------------------


@dataclass
class _Text:
    """Text under construction with the black-outs found in it (offsets into ``text``)."""

    text: str = ""
    spans: list[RedactionSpan] = field(default_factory=list)

    def append(self, other: _Text) -> None:
        self.spans.extend(s.shifted(len(self.text)) for s in other.spans)
        self.text += other.text


@dataclass
class _CellRead:
    """A table cell read two ways: its text as a data table shows it (paragraphs on lines of
    their own, blank ones left out) and as lines for ``layout.lay_out_table``."""

    text: _Text
    layout: Cell
    heading_lines: list[CellLine] = field(default_factory=list)  # lines of heading paragraphs


def _paragraph_lines(cell: Cell, text: _Text) -> list[CellLine]:
    """One paragraph of a cell added as layout lines: a line for each of its lines (a soft
    break starts a line, as a wrapped line does in a PDF), a blank line between paragraphs (a
    paragraph of a Word file is a paragraph of the text), tabs as spaces (one for one).
    Returns the lines added for the paragraph's text."""
    if not text.text.strip():
        return []
    if cell.lines:
        cell.lines.append(CellLine(""))
    added: list[CellLine] = []
    pos = 0
    for raw in text.text.split("\n"):
        end = pos + len(raw)
        # a black-out never holds a line break (its marker is a run of █)
        spans = [s.shifted(-pos) for s in text.spans if pos <= s.start < end]
        added.append(CellLine(raw.replace("\t", " "), spans))
        pos = end + 1
    cell.lines.extend(added)
    return added


# Children of a paragraph that hold runs (tracked insertions, links, fields, content controls).
_RUN_CONTAINERS = {qn("w:hyperlink"), qn("w:ins"), qn("w:smartTag"), qn("w:fldSimple"),
                   qn("w:customXml"), qn("w:sdtContent"), qn("w:sdt"), qn("w:moveTo")}


def _run_text(run) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


class _Reader:
    def __init__(self, document) -> None:
        self.document = document
        self.styles = _Styles.from_document(document)
        self.numbering = _Numbering.from_document(document)

    def _iter_runs(self, element):
        for child in element:
            if child.tag == qn("w:r"):
                yield child
            elif child.tag in _RUN_CONTAINERS:
                yield from self._iter_runs(child)

    def _run_blackout(self, run, para_dark: bool) -> bool:
        rpr = run.find(qn("w:rPr"))
        decided = _rpr_blackout(rpr)
        if decided is not None:
            return decided
        if rpr is not None:
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None and rstyle.get(qn("w:val")) in self.styles.blackout_char_styles:
                return True
        # Paragraph or cell shading hides text only when the text itself is dark too; with
        # automatic colour Word shows it white on the dark fill (a banner, readable).
        return para_dark and _explicit_dark_text(rpr)

    def paragraph(self, p, cell_dark: bool = False) -> tuple[_Text, bool]:
        """The paragraph's text (numbering label included) and whether it is a heading."""
        ppr = p.find(qn("w:pPr"))
        style_id = None
        para_dark = cell_dark
        num_ref: tuple[str, int] | None = None
        if ppr is not None:
            pstyle = ppr.find(qn("w:pStyle"))
            style_id = pstyle.get(qn("w:val")) if pstyle is not None else None
            para_dark = para_dark or _shading_dark(ppr.find(qn("w:shd")))
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = num_pr.find(qn("w:numId"))
                ilvl = num_pr.find(qn("w:ilvl"))
                style_num = self.styles.num_by_style.get(style_id or "", ("0", 0))
                num_ref = (num_id.get(qn("w:val")) if num_id is not None else style_num[0],
                           _int(ilvl.get(qn("w:val")) if ilvl is not None else None, style_num[1]))
        style_id = style_id or self.styles.default_para_style
        if num_ref is None and style_id in self.styles.num_by_style:
            num_ref = self.styles.num_by_style[style_id]

        out = _Text()
        pending: list[str] | None = None  # text of consecutive blacked-out runs

        def flush() -> None:
            nonlocal pending
            if pending is None:
                return
            beneath = "".join(pending)
            marker = BLOCK_CHAR * max(1, len(beneath))
            start = len(out.text)
            out.text += marker
            out.spans.append(RedactionSpan(start, start + len(marker), "docx_shading", marker,
                                           text_beneath=beneath if beneath.strip() else None))
            pending = None

        for run in self._iter_runs(p):
            text = _run_text(run)
            if self._run_blackout(run, para_dark):
                pending = (pending or []) + [text]
            elif text:
                flush()
                out.text += text
        flush()

        if num_ref is not None and num_ref[0] not in ("0", "") and out.text.strip():
            label = self.numbering.label(*num_ref)
            if label:
                prefix = label + " "
                out = _Text(prefix + out.text, [s.shifted(len(prefix)) for s in out.spans])
        return out, style_id in self.styles.heading_ids

    # -- tables ----------------------------------------------------------------------------

    def _cell(self, tc) -> _CellRead:
        tcpr = tc.find(qn("w:tcPr"))
        cell_dark = _shading_dark(tcpr.find(qn("w:shd"))) if tcpr is not None else False
        lines: list[_Text] = []
        read = _CellRead(_Text(), Cell())
        for block in self._blocks(tc):
            if block.tag == qn("w:p"):
                text, is_heading = self.paragraph(block, cell_dark)
                lines.append(text)
                added = _paragraph_lines(read.layout, text)
                if is_heading:
                    read.heading_lines += added[:1]
            else:  # nested table: its rows become lines of this cell
                for row in self._rows(block):
                    line = _Text()
                    for i, cell in enumerate(row):
                        if i:
                            line.text += " "
                        line.append(_Text(cell.text.text.replace("\n", " "), cell.text.spans))
                    lines.append(line)
                    _paragraph_lines(read.layout, line)
        for line in (ln for ln in lines if ln.text.strip()):
            if read.text.text:
                read.text.text += "\n"
            read.text.append(line)
        return read

    def _rows(self, tbl) -> list[list[_CellRead]]:
        rows = []
        for tr in _children(tbl, qn("w:tr")):
            # Each w:tc once: a horizontally merged cell is one tc spanning columns.
            rows.append([self._cell(tc) for tc in _children(tr, qn("w:tc"))])
        return rows

    def _blocks(self, container):
        """Paragraphs and tables of a body/cell/header in order, looking into content controls."""
        for child in container:
            if child.tag in (qn("w:p"), qn("w:tbl")):
                yield child
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                yield from self._blocks(child)

    # -- whole containers ------------------------------------------------------------------

    def container(self, element) -> tuple[_Text, list[Table], list[int]]:
        """Blocks joined by a blank line; tables as ``TableRow`` lines."""
        out = _Text()
        tables: list[Table] = []
        headings: list[int] = []

        def sep() -> None:
            if out.text:
                out.text += "\n\n"

        for block in self._blocks(element):
            if block.tag == qn("w:p"):
                text, is_heading = self.paragraph(block)
                if not text.text.strip():
                    continue
                sep()
                if is_heading:
                    headings.append(len(out.text))
                out.append(text)
                continue
            read = self._rows(block)
            if not any(c.text.text.strip() for row in read for c in row):
                continue
            sep()
            laid = lay_out_table([[c.layout for c in row] for row in read])
            if laid.lines is not None:
                # minutes laid out in a grid: the flow of text its author wrote, one line a
                # paragraph (an empty line of the layout is a blank line here)
                heading_ids = {id(line) for row in read for c in row for line in c.heading_lines}
                heading_texts = {line.text for row in read for c in row for line in c.heading_lines}
                for i, line in enumerate(laid.lines):
                    if i:
                        out.text += "\n"
                    number, _, rest = line.text.partition(" ")
                    if line.text.strip() and (id(line) in heading_ids or (
                            rest in heading_texts and ITEM_CELL.match(number))):  # "3. " + a heading
                        headings.append(len(out.text))
                    out.spans.extend(s.shifted(len(out.text)) for s in line.spans)
                    out.text += line.text
                continue
            rows = [[c.text for c in row] for row in read]
            table_rows: list[TableRow] = []
            for i, row in enumerate(rows):
                if i:
                    out.text += "\n"
                table_row = TableRow(cells=[c.text for c in row], start=len(out.text))
                for j, cell in enumerate(row):
                    offset = table_row.cell_start(j)
                    out.spans.extend(s.shifted(offset) for s in cell.spans)
                out.text += table_row.line
                table_rows.append(table_row)
            tables.append(Table(rows=table_rows, has_header=_first_row_is_header(block, rows[0] if rows else [])))
        return out, tables, headings


def _children(element, tag: str):
    """Direct children with ``tag``, looking through content controls (w:sdt) wrapping them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _children(child, tag)


def _first_row_is_header(tbl, first_cells: list) -> bool:
    """The first row's cells read as column names, and it repeats as a header on each page or
    the table's look formats it as one (Word's default look, and a repeat flag set by hand,
    style a first row of data too: "1.1 | To look further into alternatives … | ND")."""
    first = next(_children(tbl, qn("w:tr")), None)
    if first is None or not names_columns([c.text for c in first_cells]):
        return False
    trpr = first.find(qn("w:trPr"))
    if trpr is not None and trpr.find(qn("w:tblHeader")) is not None:
        return True
    look = tbl.find(qn("w:tblPr") + "/" + qn("w:tblLook"))
    if look is not None:
        first_row = look.get(qn("w:firstRow"))
        if first_row is not None:
            return first_row in ("1", "true", "on")
        val = look.get(qn("w:val"))
        if val:
            return bool(_int_hex(val) & 0x20)
    return True


def _int_hex(value: str) -> int:
    try:
        return int(value, 16)
    except ValueError:
        return 0


def _header_footer_texts(reader: _Reader, document, kind: str) -> list[str]:
    texts: list[str] = []
    for section in document.sections:
        for ref in section._sectPr.findall(qn(f"w:{kind}Reference")):
            try:
                part = document.part.related_parts[ref.get(qn("r:id"))]
            except KeyError:
                continue
            text, _, _ = reader.container(part.element)
            if text.text.strip() and text.text not in texts:
                texts.append(text.text)
    return texts


def _check_package(data: bytes) -> None:
    if not data:
        raise ReadError("empty file")
    if data.startswith(_OLE_MAGIC):
        raise ReadError("not a DOCX (OLE compound file: a legacy .doc or a password-protected DOCX)")
    import io

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("not a DOCX (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(f"not a DOCX (corrupt zip archive: {exc})") from None
    # The sizes the package declares are checked before any part is inflated: a 30 KB file
    # whose document.xml expands to a gigabyte is refused here, not read into memory.
    from ingest.readers.archive import check_limits

    check_limits(infos)
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise ReadError("not a DOCX (zip without word/document.xml)")


def read_docx(path: str | Path) -> SourceFile:
    p = Path(path)
    data = file_bytes(p)
    _check_package(data)
    try:
        document = open_docx(str(p))
    except Exception as exc:  # python-docx raises many kinds (KeyError, ValueError, XMLSyntaxError)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"not a readable DOCX ({reason})") from None

    try:
        reader = _Reader(document)
        body, tables, headings = reader.container(document.element.body)
        headers: dict[str, str] = {}
        for kind, key in (("header", "page_header"), ("footer", "page_footer")):
            texts = _header_footer_texts(reader, document, kind)
            if texts:
                headers[key] = "\n".join(texts)
    except ReadError:
        raise
    except Exception as exc:  # malformed XML deep inside: one line, never a traceback
        raise ReadError(f"DOCX content could not be read ({type(exc).__name__}: {exc})") from None

    warnings: list[str] = []
    try:
        props = document.core_properties
        if props.title:
            headers["title"] = props.title
        if props.author:
            headers["author"] = props.author
        if props.created:
            headers["created"] = props.created.isoformat()
    except Exception as exc:  # a bad docProps/core.xml should not lose the body
        warnings.append(f"core properties unreadable ({type(exc).__name__})")

    page = Page(number=None, text=body.text, redactions=body.spans, tables=tables, headings=headings)
    return SourceFile(path=str(path), format="docx", pages=[page], headers=headers,
                      warnings=warnings, sha256=hashlib.sha256(data).hexdigest())
