"""Plain-text and Markdown files (.txt/.md): decoded text plus the tables laid out in it.

Text is kept verbatim except inside tables. A table is a block of rows whose cells are
separated by tabs (the shape a Word/PDF table takes when a release is copied into text) or a
Markdown pipe table. Within a block, dashed separator rows are dropped from the table (their line is left
blank, so every line of the file keeps its line number in the text), HTML cell fragments are
read as lines (see ``html_cells``) and each row is written as ``TableRow.line``, so the offsets
of ``Page.tables`` point into the text returned.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.files import file_bytes
from ingest.html_cells import cell_text
from ingest.limits import limit, text_cut, text_cut_warning
from ingest.models import Page, ReadError, SourceFile, Table, TableRow
from ingest.models_detail import names_columns

# A cell made only of rule characters: "------", "===", ":---:", "|", "+".
_RULE_CELL = re.compile(r"^[\s\-=|:+_]*$")
# A first cell that is a list marker ("1.", "a)", "(iv)", "•"): "1.\tText" is a numbered
# paragraph laid out with a tab, not a two-column table.
_LIST_MARKER = re.compile(r"^(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]|\(\w{1,4}\)|[•◦▪‣·\-–*o])$")
# How many short plain lines (section titles such as "MAPPA Thematic Inspection") may sit
# between two rows of one table, and how long such a line may be.
_MAX_BRIDGE_LINES = 2
_MAX_BRIDGE_LEN = 80
_MAX_BLANK_RUN = 2


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode text bytes: UTF-8 (BOM stripped), then cp1252, then latin-1 (which never fails).

    Returns the text and a warning naming the encoding when it was not UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16 (byte-order mark)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "decoded as cp1252 (not valid UTF-8)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "decoded as latin-1 (neither UTF-8 nor cp1252)"


def _is_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NULs by design
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 11))
    return controls > max(2, len(sample) // 20)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- table detection ---------------------------------------------------------------------


@dataclass
class _Line:
    text: str
    kind: str  # "blank", "rule", "row", "weak_row", "text"
    cells: list[str] | None = None


def _pipe_cells(line: str) -> list[str] | None:
    s = line.strip()
    if not s.startswith("|") or s.count("|") < 2:
        return None
    parts = re.split(r"(?<!\\)\|", s)[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    if len(parts) < 2:
        return None
    return [p.replace("\\|", "|") for p in parts]


def _classify(line: str) -> _Line:
    if not line.strip():
        return _Line(line, "blank")
    if "\t" in line:
        raw = line.split("\t")
    else:
        pipe = _pipe_cells(line)
        if pipe is None:
            return _Line(line, "text")
        raw = pipe
    if all(_RULE_CELL.match(c) for c in raw) and re.search(r"[-=]", line):
        return _Line(line, "rule")
    # Trailing empty cells come from a trailing tab: they hold nothing and no column. Between
    # pipes an empty cell is a column left blank ("| Obtain snacks |  |  |": no owner yet).
    while "\t" in line and raw and not raw[-1].strip():
        raw.pop()
    filled = [c for c in raw if c.strip()]
    if len(raw) == 2 and _LIST_MARKER.match(raw[0].strip()):
        return _Line(line, "text")
    if len(filled) >= 2:
        return _Line(line, "row", raw)
    if filled:
        return _Line(line, "weak_row", raw)
    return _Line(line, "text")


def _next_significant(lines: list[_Line], i: int) -> int:
    """Index of the next line that is neither blank nor a rule row, or len(lines)."""
    while i < len(lines) and lines[i].kind in ("blank", "rule"):
        i += 1
    return i


def _table_blocks(lines: list[_Line]) -> list[tuple[int, int]]:
    """(first, last) line indices of each table; a table holds at least one full row."""
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if lines[i].kind not in ("row", "weak_row"):
            i += 1
            continue
        first, last = i, i
        strong = lines[i].kind == "row"
        width = len(lines[i].cells or []) if strong else 0
        j = i + 1
        while True:
            k = _next_significant(lines, j)
            if k >= len(lines):
                break
            blanks = sum(1 for x in lines[j:k] if x.kind == "blank")
            if blanks > _MAX_BLANK_RUN:
                break
            if lines[k].kind in ("row", "weak_row"):
                last, j = k, k + 1
                if lines[k].kind == "row":
                    strong, width = True, len(lines[k].cells or [])
                continue
            # Short title lines between rows stay in the table when a row of the same width follows.
            m, bridged = k, 0
            while m < len(lines) and lines[m].kind == "text" and bridged < _MAX_BRIDGE_LINES:
                if len(lines[m].text.strip()) > _MAX_BRIDGE_LEN:
                    break
                bridged += 1
                m = _next_significant(lines, m + 1)
            if (strong and bridged and m < len(lines) and lines[m].kind == "row"
                    and len(lines[m].cells or []) == width):
                last, j = m, m + 1
                continue
            break
        # Rule rows drawn above the first or below the last row belong to the table too.
        k = last + 1
        while k < len(lines) and lines[k].kind in ("blank", "rule"):
            if lines[k].kind == "rule":
                last = k
            k += 1
        k = first - 1
        while k >= 0 and k > (blocks[-1][1] if blocks else -1) and lines[k].kind in ("blank", "rule"):
            if lines[k].kind == "rule":
                first = k
            k -= 1
        if strong:
            blocks.append((first, last))
        i = last + 1
    return blocks


def _has_header(rows: list[list[str]], rule_after_first: bool) -> bool:
    if rule_after_first:
        return True
    if len(rows) < 2:
        return False
    return names_columns(rows[0])


def page_from_text(text: str) -> Page:
    """One page-less ``Page`` of ``text``, with its tables found and rewritten as ``TableRow`` lines."""
    raw_lines = text.split("\n")
    lines = [_classify(line) for line in raw_lines]
    blocks = {first: last for first, last in _table_blocks(lines)}
    out: list[str] = []
    length = 0  # characters already in out, counting the "\n" after each line
    tables: list[Table] = []

    def put(line: str) -> int:
        nonlocal length
        start = length
        out.append(line)
        length += len(line) + 1
        return start

    i = 0
    while i < len(lines):
        if i not in blocks:
            put(lines[i].text)
            i += 1
            continue
        last = blocks[i]
        rows: list[TableRow] = []
        rule_after_first = False
        first_line = i
        for k in range(i, last + 1):
            line = lines[k]
            if line.kind == "rule":
                if (len(rows) >= 2 and lines[k - 1].kind in ("row", "weak_row") and lines[k - 2].kind == "blank"
                        and line.text.lstrip().startswith("|")):
                    # a Markdown rule under a row set apart by a blank line: another table's
                    # column names (two tables a blank line apart), so the table before ends there
                    tables.append(Table(rows=rows[:-1], has_header=_has_header([r.cells for r in rows[:-1]],
                                                                                rule_after_first)))
                    rows, first_line, rule_after_first = rows[-1:], k - 1, False
                # A rule straight under the first row marks it as the column names.
                rule_after_first = rule_after_first or (
                    len(rows) == 1 and all(x.kind == "blank" for x in lines[first_line + 1:k]))
                put("")  # blanked, not removed: line k of the file stays line k of the text
                continue
            if line.kind in ("row", "weak_row"):
                cells = [cell_text(c) for c in line.cells or []]
                if rows and line.text.lstrip().startswith("|") and len(cells) < len(rows[0].cells):
                    # a Markdown row short of cells has the rest left blank (GFM pads it)
                    cells += [""] * (len(rows[0].cells) - len(cells))
                row = TableRow(cells=cells, start=0)
                row.start = put(row.line)
                rows.append(row)
            else:
                put(line.text)
        tables.append(Table(rows=rows, has_header=_has_header([r.cells for r in rows], rule_after_first)))
        i = last + 1
    return Page(number=None, text="\n".join(out), tables=tables)


def read_text(path: str | Path) -> SourceFile:
    p = Path(path)
    data = file_bytes(p)
    if not data:
        raise ReadError("empty file")
    if _is_binary(data):
        raise ReadError("binary file, not text")
    text, warning = decode_bytes(data)
    text = normalise_newlines(text)
    warnings = [warning] if warning else []
    # Cut before the lines are classified: a 2-million-line export would be read whole only for
    # the pipeline to drop all but its first text_chars.
    cut = text_cut(text, limit("text_chars"), limit("text_lines"))
    if cut is not None:
        warnings.append(text_cut_warning(cut, len(text), text.count("\n", 0, cut) + 1))
        text = text[:cut]
    page = page_from_text(text)
    return SourceFile(
        path=str(path),
        format="text",
        pages=[page],
        warnings=warnings,
        sha256=hashlib.sha256(data).hexdigest(),
    )
