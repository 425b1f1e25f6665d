"""Spreadsheets: ``.xlsx`` workbooks (openpyxl) and ``.csv`` files (the stdlib).

Each sheet becomes a ``Sheet``: one line per non-blank row, cells joined by a tab, all of
them one ``Table`` (so an action log's header row is found by ``columns.column_roles``
wherever it sits, and its rows give actions as a DOCX table's do). The pipeline makes each
sheet a document and locates each row as the sheet names it: ``Sheet1!row 5``.

What a release hides in a workbook is kept, and recorded: rows, columns and sheets that are
hidden are read like the rest (their text is in the file, anyone can unhide it) and listed in
``Sheet.hidden`` for the audit. A cell filled black over dark or automatic text is a
redaction (``xlsx_fill``): its value, if it has one, stays in the file, so it is kept as the
span's ``text_beneath`` and the cell reads as a █ run, as DOCX shading does. A dark fill
under white text is a styled header, not a redaction.

>>> sheet = sheet_from_rows("", [(1, ["Action", "Owner"]), (3, ["Send the leaflet", "JB"])])
>>> sheet.page.text, sheet.rows
('Action\\tOwner\\nSend the leaflet\\tJB', [1, 3])
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import warnings as pywarnings
from pathlib import Path

from ingest.files import file_bytes
from ingest.limits import limit
from ingest.models import (
    BLOCK_CHAR,
    HiddenContent,
    Page,
    ReadError,
    RedactionSpan,
    Sheet,
    SourceFile,
    Table,
    TableRow,
)

# Rows read from one sheet at most: a log export of a million rows would hold an ingest for
# minutes and add little a search can rank (the pipeline also caps a file's text).
MAX_ROWS = limit("sheet_rows")
MAX_COLS = limit("sheet_cols")
# How much of a hidden row or column the audit quotes.
HIDDEN_QUOTE_CHARS = 200


def _luminance(rgb: str) -> float | None:
    """Relative luminance 0-255 of an "AARRGGBB" or "RRGGBB" colour, None if unreadable."""
    value = rgb[-6:] if isinstance(rgb, str) else ""
    try:
        r, g, b = int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return None
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _colour_dark(color) -> bool | None:
    """True/False when an openpyxl Color is dark/light, None when it names no colour."""
    if color is None:
        return None
    kind = getattr(color, "type", None)
    if kind == "rgb":
        lum = _luminance(color.rgb)
        return None if lum is None else lum < 64
    if kind == "theme":
        # theme 1 is "Text 1" (dark 1, black in every built-in theme), 0 "Background 1" (white)
        tint = getattr(color, "tint", 0.0) or 0.0
        if color.theme == 1:
            return tint < 0.35
        if color.theme == 0:
            return False
        return None
    if kind == "indexed":
        return {8: True, 64: True, 9: False, 65: False}.get(color.indexed)
    return None


def _blacked_out(cell) -> bool:
    """A cell filled solid black (or near) whose text would not show on it."""
    fill = getattr(cell, "fill", None)
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return False
    if not _colour_dark(fill.fgColor):
        return False
    font = getattr(cell, "font", None)
    text_dark = _colour_dark(font.color) if font is not None else None
    return text_dark is not False  # automatic (None) or dark text on black: unreadable


def cell_text(value) -> str:
    """A cell value as a person reads it: dates as ISO dates, 3.0 as 3, text with its line breaks."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return text.strip()


def sheet_from_rows(
    name: str,
    rows: list[tuple[int, list[str]]],
    blacked: set[tuple[int, int]] | None = None,
    hidden_rows: set[int] | None = None,
    hidden_cols: dict[int, str] | None = None,
    state: str = "visible",
) -> Sheet:
    """A Sheet from (row number, cells) pairs; ``blacked`` holds (row number, column index) of
    black-filled cells, ``hidden_cols`` column index -> column letter."""
    blacked = blacked or set()
    hidden_rows = hidden_rows or set()
    hidden_cols = hidden_cols or {}
    where = f"{name}!" if name else ""
    lines: list[str] = []
    table_rows: list[TableRow] = []
    spans: list[RedactionSpan] = []
    numbers: list[int] = []
    hidden: list[HiddenContent] = []
    column_first: dict[int, tuple[int, int]] = {}
    column_values: dict[int, list[str]] = {}
    offset = 0
    for number, raw in rows:
        cells = list(raw)
        beneath: dict[int, str] = {}
        for col in range(len(cells)):
            if (number, col) in blacked:
                beneath[col] = cells[col]
                cells[col] = BLOCK_CHAR * max(1, len(cells[col]))
        if not any(c.strip() for c in cells):
            continue
        row = TableRow(cells, offset)
        for col, text in beneath.items():
            start = row.cell_start(col)
            marker = cells[col].replace("\n", " ")
            spans.append(RedactionSpan(start, start + len(marker), "xlsx_fill", marker,
                                       text_beneath=text if text.strip() else None))
        for col in hidden_cols:
            if col < len(cells) and cells[col].strip():
                start = row.cell_start(col)
                column_first.setdefault(col, (start, start + len(cells[col].replace("\n", " "))))
                column_values.setdefault(col, []).append(" ".join(cells[col].split()))
        if number in hidden_rows:
            hidden.append(HiddenContent("row", f"{where}row {number}", row.line[:HIDDEN_QUOTE_CHARS],
                                        row.start, row.end))
        table_rows.append(row)
        lines.append(row.line)
        numbers.append(number)
        offset += len(row.line) + 1
    for col, (start, end) in sorted(column_first.items()):
        quote = "; ".join(column_values[col])[:HIDDEN_QUOTE_CHARS]
        hidden.append(HiddenContent("column", f"{where}column {hidden_cols[col]}", quote, start, end))
    if state != "visible" and lines:
        hidden.insert(0, HiddenContent("sheet", name or "sheet", lines[0][:HIDDEN_QUOTE_CHARS], 0, len(lines[0])))
    tables = [Table(table_rows, has_header=True)] if table_rows else []
    page = Page(number=None, text="\n".join(lines), redactions=spans, tables=tables)
    return Sheet(name=name, page=page, rows=numbers, hidden=hidden, state=state)


def _hidden_columns(ws, width: int) -> dict[int, str]:
    from openpyxl.utils import column_index_from_string, get_column_letter

    out: dict[int, str] = {}
    for key, dim in ws.column_dimensions.items():
        if not dim.hidden:
            continue
        first = dim.min or column_index_from_string(key)
        last = min(dim.max or first, width)
        for index in range(first, last + 1):
            out[index - 1] = get_column_letter(index)
    return out


def _read_sheet(ws, warnings: list[str]) -> Sheet:
    width = 0
    values: list[tuple[int, list]] = []
    blacked: set[tuple[int, int]] = set()
    if (ws.max_column or 0) > MAX_COLS:
        warnings.append(f"sheet {ws.title!r}: only the first {MAX_COLS} of {ws.max_column} columns are read "
                        "(limit sheet_cols)")
    for r, row in enumerate(ws.iter_rows(max_col=MAX_COLS), start=1):
        if r > MAX_ROWS:
            warnings.append(f"sheet {ws.title!r}: only the first {MAX_ROWS} rows are read")
            break
        texts = []
        filled = []
        for c, cell in enumerate(row):
            texts.append(cell_text(cell.value))
            if _blacked_out(cell):
                blacked.add((r, c))
                filled.append(c)
            elif texts[-1]:
                filled.append(c)
        if filled:
            width = max(width, max(filled) + 1)
        values.append((r, texts))
    rows = [(r, (texts + [""] * width)[:width]) for r, texts in values]
    hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    return sheet_from_rows(ws.title, rows, blacked, hidden_rows, _hidden_columns(ws, width),
                           ws.sheet_state or "visible")


def read_xlsx(path: str | Path) -> SourceFile:
    p = Path(path)
    data = file_bytes(p)
    import openpyxl  # a dependency; imported when an .xlsx is read
    try:
        with pywarnings.catch_warnings():
            # "Data Validation extension is not supported" and the like: nothing a reader can act on
            pywarnings.simplefilter("ignore")
            # Not read_only: row and column visibility and cell fills are only read in full mode.
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # zip, XML and openpyxl errors of every kind: one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"not a readable XLSX workbook ({reason})") from None
    warnings: list[str] = []
    sheets = []
    try:
        for ws in book.worksheets:
            sheets.append(_read_sheet(ws, warnings))
    except Exception as exc:  # a malformed sheet deep inside: one line, never a traceback
        raise ReadError(f"XLSX content could not be read ({type(exc).__name__}: {exc})") from None
    headers = {}
    title = getattr(book.properties, "title", None)
    if title:
        headers["title"] = str(title)
    return SourceFile(path=str(path), format="spreadsheet", pages=[], headers=headers, warnings=warnings,
                      sha256=hashlib.sha256(data).hexdigest(), sheets=sheets)


def read_csv(path: str | Path) -> SourceFile:
    from ingest.read_text import decode_bytes

    p = Path(path)
    data = file_bytes(p)
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary file, not CSV text")
    text, note = decode_bytes(data)
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    previous = csv.field_size_limit()
    csv.field_size_limit(10 * 1024 * 1024)
    try:
        parsed = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise ReadError(f"not readable as CSV ({exc})") from None
    finally:
        csv.field_size_limit(previous)
    warnings = [note] if note else []
    if len(parsed) > MAX_ROWS:
        warnings.append(f"only the first {MAX_ROWS} rows are read")
        parsed = parsed[:MAX_ROWS]
    width = max((len(r) for r in parsed), default=0)
    if width > MAX_COLS:
        warnings.append(f"only the first {MAX_COLS} of {width} columns are read (limit sheet_cols)")
        parsed, width = [r[:MAX_COLS] for r in parsed], MAX_COLS
    rows = [(n, [cell_text(c) for c in r] + [""] * (width - len(r))) for n, r in enumerate(parsed, start=1)]
    sheet = sheet_from_rows("", rows)
    return SourceFile(path=str(path), format="spreadsheet", pages=[], warnings=warnings,
                      sha256=hashlib.sha256(data).hexdigest(), sheets=[sheet])
