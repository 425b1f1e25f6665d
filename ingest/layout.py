"""Layout of tables that are not data: minutes written inside a ruled grid.

Many bodies write their minutes in a word processor's table: a narrow column for the item
number, a wide one for the discussion and a narrow right-hand column headed ``Action`` (or
``Owner``, ``By``, ``Lead``) for the initials of whoever must act on the paragraph beside it;
the meeting's details sit on top as label/value rows (``Title of Meeting``, ``Date``,
``Venue``). Read as a data table, each page becomes "row 9"; read as its author laid it out,
it is numbered items, paragraphs and owners.

``lay_out_table`` takes a table as rows of cells whose lines may carry vertical positions
(PDF) or not (DOCX: a row is then the unit of alignment) and returns either the table as it
is or the flow of lines a reader would see. Readers of every format call it, so minutes read
alike from PDF and DOCX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import Page, RedactionSpan


@dataclass
class LayoutSettings:
    """Thresholds of the layout step, in one place (after pdfplumber's table settings)."""

    prose_lines: int = 4  # a cell of at least this many lines is prose, not a data value
    prose_chars: int = 300  # ...or of at least this many characters
    prose_share: float = 0.4  # ...and such cells hold at least this share of the table's text
    prose_line_words: int = 7  # ...with lines of this many words or a sentence (a list of names is not prose)
    max_columns: int = 4  # a prose table has at most this many filled cells in a row
    side_line_chars: int = 30  # a side (Action) cell's lines are at most this long
    label_chars: int = 40  # a label of a label/value row is at most this long
    label_words: int = 5
    paragraph_gap_factor: float = 0.45  # of the line height, above the usual line gap


SETTINGS = LayoutSettings()

# The head of a right-hand column that names who acts: "Action", "Action by", "Owner", "Lead".
SIDE_HEADS = re.compile(
    r"^(?:actions?(?:\s+by)?|actioned\s+by|owners?|by(?:\s+whom)?|who|lead|responsible|resp\.?)\s*:?$", re.I
)
# An item number standing alone in its own cell: "4.", "4.2", "(a)", "Item 3".
ITEM_CELL = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|\(?[a-zA-Z][.)]|item\s+\d{1,2}(?:\.\d{1,2})*)$", re.I)
# Labels of a meeting's header rows ("Title of Meeting", "Date", "Venue", "Present").
HEADER_LABELS = re.compile(
    r"^(?:title(?:\s+of\s+meeting)?|meeting(?:\s+(?:title|name|date))?|name\s+of\s+meeting|committee|group|board|body"
    r"|date(?:\s+of\s+meeting)?|day|time|venue|place|location|where|present|attendees|attendance|members\s+present"
    r"|in\s+attendance|invited|apologies|chair(?:ed\s+by)?|clerk|minute\s*taker|minutes|secretary|note\s*taker"
    r"|distribution|circulation|version|status|author|subject|purpose)\s*:?$",
    re.I,
)


# Header labels that name the meeting itself, and the one that dates it.
MEETING_NAME_LABELS = re.compile(
    r"^(?:title(?:\s+of\s+(?:the\s+)?meeting)?|meeting(?:\s+(?:title|name))?|name\s+of\s+(?:the\s+)?meeting"
    r"|committee|group|board|body)$", re.I)
MEETING_DATE_LABELS = re.compile(r"^(?:date(?:\s+of\s+(?:the\s+)?meeting)?|meeting\s+date|date\s+and\s+time)$", re.I)
# "Date: 30th January 2014" as a line of text (a header table is laid out so, see below).
HEADER_FIELD_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,30}?)\s*[:\t]\s*(?P<value>\S.*)$")


def header_fields(lines: list[str]) -> dict[str, str]:
    """Label -> value of a meeting's header lines ("Date: 30th January 2014", a table row
    "Date<TAB>30th January 2014"), first occurrence of each label, labels lower-cased."""
    out: dict[str, str] = {}
    for line in lines:
        m = HEADER_FIELD_LINE.match(line.replace("\t\t", "\t"))
        if not m:
            continue
        label = re.sub(r"\s+", " ", m.group("label").strip().lower())
        if HEADER_LABELS.match(label) and label not in out:
            out[label] = m.group("value").strip().strip("\t").replace("\t", " ").strip()
    return out


# The heading of an unruled right-hand column of actions: "Action", "Actions", "Action Points",
# "Decisions and Action Points", "Action / Owner", "Owner", "By whom", "Lead".
SIDE_COLUMN_HEAD = re.compile(
    r"^(?:(?:decisions?\s*(?:and|&)\s*)?actions?(?:\s+(?:points?|by|required|agreed))?(?:\s*(?:/|and|&)\s*(?:owner|by|lead))?"
    r"|owners?|by(?:\s+whom)?|who|lead|responsible)\s*:?$", re.I)
# An action's own reference opening a side entry: "03-01", "AP3", "12/03", "A4".
ITEM_REF = re.compile(r"^(?:\d{1,3}[-/.]\d{1,3}|AP\s?\d{1,3}|[A-Z]\d{1,3})\b")
# A side line that opens a new entry with its owner: "SB to contact venues", "DBP and AW to …"
_OWNER_OPENS = re.compile(r"^[A-Z][A-Za-z]{0,4}(?:\s*(?:and|&|/|,)\s*[A-Z][A-Za-z]{0,4})*\s+(?:to|will|agreed)\b")
# An entry that reads as a task: initials alone ("DH", "AW/NS") or "X to …" / "X will …".
_TASKLIKE = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}(?:\s*[/,&]\s*[A-Z][A-Za-z]{0,4})*)$|\b(?:to|will)\s+[a-z]")


@dataclass
class CellLine:
    """One line of a cell; ``top``/``bottom`` in page points where the format has positions."""

    text: str
    spans: list[RedactionSpan] = field(default_factory=list)
    top: float | None = None
    bottom: float | None = None


@dataclass
class Cell:
    lines: list[CellLine] = field(default_factory=list)
    x0: float | None = None  # left edge on the page, where the format has positions

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def filled(self) -> bool:
        return any(line.text.strip() for line in self.lines)


@dataclass
class LaidOut:
    """A table as read: ``rows`` (a data table, unchanged) or ``lines`` (the flow of text;
    an empty line is a paragraph break)."""

    rows: list[list[Cell]] | None = None
    lines: list[CellLine] | None = None


def paragraph_gap(lines: list, factor: float = SETTINGS.paragraph_gap_factor) -> float:
    """White space between two lines above which they belong to different paragraphs.
    ``lines`` are anything with ``top`` and ``bottom``, in reading order."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top > a.bottom)
    heights = sorted(ln.bottom - ln.top for ln in lines if ln.bottom > ln.top)
    if not gaps or not heights:
        return float("inf")
    usual_gap = gaps[len(gaps) // 4]  # lines inside paragraphs outnumber paragraph breaks
    line_height = heights[len(heights) // 2]
    return usual_gap + factor * line_height


def is_prose_table(rows: list[list[Cell]], settings: LayoutSettings = SETTINGS) -> bool:
    """A grid that holds running text: some cell is a paragraph, no row names data columns
    (an action log's "Action | Owner | Due" header keeps it a data table), and no row has
    more filled cells than a layout grid uses."""
    from ingest.extract.columns import column_roles  # the one vocabulary of column names

    prose_chars, all_chars = 0, 0
    for row in rows:
        filled = [c for c in row if c.filled]
        if len(filled) > settings.max_columns:
            return False
        if len(filled) >= 2 and column_roles([c.text.strip() for c in row]) is not None:
            return False
        for cell in filled:
            lines = [ln for ln in cell.lines if ln.text.strip()]
            # sentences, not a list of short values (names, organisations) that wraps in its cell
            long_lines = sum(1 for ln in lines if len(ln.text.split()) >= settings.prose_line_words)
            sentence = re.search(r"\b\w+(?:\s+\S+){5,}?[a-z)]\.(?:\s|$)", cell.text)
            all_chars += len(cell.text)
            if (long_lines >= 2 or sentence) and (len(lines) >= settings.prose_lines or len(cell.text) >= settings.prose_chars):
                prose_chars += len(cell.text)
    # most of its text is running prose: a data table with one long note stays a table
    return prose_chars > 0 and prose_chars >= settings.prose_share * all_chars


def _side_heading_row(row: list[Cell]) -> bool:
    """A heading row whose last cell names an Action column: "Item | Discussion | Action"."""
    filled = [c for c in row if c.filled]
    return (len(filled) >= 2 and SIDE_COLUMN_HEAD.match(filled[-1].text.strip()) is not None
            and all(len(c.text.split()) <= 5 for c in filled))


def _fits_layout(rows: list[list[Cell]], settings: LayoutSettings) -> bool:
    """Few filled cells a row and no data-column header: a minutes grid, whatever its cells hold."""
    from ingest.extract.columns import column_roles

    return all(len([c for c in row if c.filled]) <= settings.max_columns for row in rows) and not any(
        column_roles([c.text.strip() for c in row]) is not None for row in rows)


def _is_label(text: str, settings: LayoutSettings) -> bool:
    text = text.strip()
    return (0 < len(text) <= settings.label_chars and len(text.split()) <= settings.label_words
            and not ITEM_CELL.match(text) and not text.endswith((".", ",", ";")))


def _side_like(cell: Cell, settings: LayoutSettings) -> bool:
    lines = [ln.text.strip() for ln in cell.lines if ln.text.strip()]
    return bool(lines) and all(len(t) <= settings.side_line_chars and len(t.split()) <= 4 for t in lines)


def _joined(cell: Cell) -> CellLine:
    """A cell's lines as one line (a label/value row's value wraps in its cell)."""
    text, spans = "", []
    for line in cell.lines:
        if not line.text.strip():
            continue
        if text:
            text += " "
        lead = len(line.text) - len(line.text.lstrip())
        spans += [s.shifted(len(text) - lead) for s in line.spans]
        text += line.text.strip()
    return CellLine(text, spans)


def _prefixed(prefix: str, line: CellLine) -> CellLine:
    return CellLine(prefix + line.text, [s.shifted(len(prefix)) for s in line.spans], line.top, line.bottom)


def _paragraphs(lines: list[CellLine]) -> list[list[CellLine]]:
    """A cell's lines cut into paragraphs: at blank lines, and at gaps where positions exist."""
    positioned = [ln for ln in lines if ln.top is not None and ln.bottom is not None and ln.text.strip()]
    gap = paragraph_gap(positioned) if len(positioned) >= 3 else float("inf")
    out: list[list[CellLine]] = [[]]
    previous: CellLine | None = None
    for line in lines:
        if not line.text.strip():
            if out[-1]:
                out.append([])
            previous = None
            continue
        if (previous is not None and line.top is not None and previous.bottom is not None
                and line.top - previous.bottom > gap and out[-1]):
            out.append([])
        out[-1].append(line)
        previous = line
    return [p for p in out if p]


# Overlaps this close are equal: float noise (pdfium's float32 against pdfminer's float64) is
# far smaller, and a line is points tall.
OVERLAP_TIE = 0.01


def _owner_slots(paragraphs: list[list[CellLine]], side: list[CellLine]) -> dict[tuple[int, int], list[str]]:
    """(paragraph, line) -> the side entries beside that line. A side entry belongs to the line
    it overlaps most (of lines it overlaps equally, within `OVERLAP_TIE`, the first: an entry
    is set level with the start of what it follows), else to the nearest line above it;
    without positions (DOCX), to the last line of the row's last paragraph."""
    slots: dict[tuple[int, int], list[str]] = {}
    last = (len(paragraphs) - 1, len(paragraphs[-1]) - 1) if paragraphs else (0, 0)
    for line in side:
        value = line.text.strip()
        if not value:
            continue
        target = last
        if line.top is not None and line.bottom is not None:
            overlaps: list[tuple[float, tuple[int, int]]] = []
            above = None
            for k, para in enumerate(paragraphs):
                for i, pl in enumerate(para):
                    if pl.top is None or pl.bottom is None:
                        continue
                    overlap = min(line.bottom, pl.bottom) - max(line.top, pl.top)
                    if overlap > 0:
                        overlaps.append((overlap, (k, i)))
                    if pl.top <= line.top:
                        above = (k, i)
            most = max((o for o, _ in overlaps), default=0.0)
            best = next((at for o, at in overlaps if o >= most - OVERLAP_TIE), None)
            target = best if best is not None else (above if above is not None else (0, 0))
        entries = slots.setdefault(target, [])
        if value not in entries:
            entries.append(value)
    return slots


_SENTENCE_STOP = re.compile(r"[.!?][\"')\]’”]?(?=\s|$)")


def _split_after_sentences(para: list[CellLine], anchors: dict[int, list[str]]) -> list[tuple[CellLine, list[str]]]:
    """The paragraph's lines, each with the side entries to write after it. Initials stand
    beside the line where their sentence is (the last one to start on that line); the entry
    goes after that sentence's end, and a line is cut there when the sentence ends inside it,
    so two owners beside one paragraph keep their own sentences."""
    texts = [line.text for line in para]
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    joined = "\n".join(texts)
    inserts: dict[int, list[str]] = {}
    for i, entries in sorted(anchors.items()):
        ls, le = starts[i], starts[i] + len(texts[i])
        begin = ls
        for m in _SENTENCE_STOP.finditer(joined, ls, le):
            if joined[m.end():le].strip():
                begin = m.end()
        stop = _SENTENCE_STOP.search(joined, begin)
        at = stop.end() if stop else len(joined)
        slot = inserts.setdefault(at, [])
        slot += [e for e in entries if e not in slot]
    out: list[tuple[CellLine, list[str]]] = []
    for line, ls in zip(para, starts, strict=True):
        le = ls + len(line.text)
        cuts = sorted(at for at in inserts if ls < at < le and line.text[at - ls:].strip())
        rest, offset = line, 0
        for at in cuts:
            cut = at - ls - offset
            head = CellLine(rest.text[:cut], [sp for sp in rest.spans if sp.end <= cut], line.top, line.bottom)
            tail_text = rest.text[cut:]
            skip = len(tail_text) - len(tail_text.lstrip())
            rest = CellLine(tail_text.lstrip(), [sp.shifted(-(cut + skip)) for sp in rest.spans if sp.start >= cut + skip],
                            line.top, line.bottom)
            offset += cut + skip
            out.append((head, inserts[at]))
        out.append((rest, list(inserts.get(le, []))))
    # entries placed past the last line (no sentence end found) go after it
    placed = {e for _, v in out for e in v}
    leftover = [e for v in inserts.values() for e in v if e not in placed]
    if leftover:
        last_line, entries = out[-1]
        out[-1] = (last_line, entries + leftover)
    return out


def _side_entries(side: Cell) -> list[CellLine]:
    """A side cell's entries: lines that follow each other closely are one wrapped entry
    ("03-01 SB to update STP" / "presentation"); without positions each line is one."""
    entries: list[CellLine] = []
    lines = [ln for ln in side.lines if ln.text.strip()]
    heights = sorted(ln.bottom - ln.top for ln in lines if ln.top is not None and ln.bottom is not None)
    height = heights[len(heights) // 2] if heights else 0.0
    for line in lines:
        last = entries[-1] if entries else None
        if (last is not None and line.top is not None and last.bottom is not None
                and line.top - last.bottom <= 0.5 * height and not ITEM_REF.match(line.text.strip())
                and not _OWNER_OPENS.match(line.text.strip())):
            entries[-1] = CellLine(f"{last.text} {line.text.strip()}", [], last.top, line.bottom)
        else:
            entries.append(CellLine(line.text.strip(), [], line.top, line.bottom))
    return entries


def _side_lines(head: str, entries: list[str]) -> list[CellLine]:
    """An entry of the side column as a line of text: "Action: DH". Under a mixed heading
    ("Decisions and Action Points") only an entry that reads as a task is labelled an action."""
    if SIDE_HEADS.match(head):
        # "Action", "Owner", "By", "Lead": the entries are who acts on the paragraph
        return [CellLine(f"Action: {', '.join(entries)}")]
    return [CellLine(f"Action: {e}" if _TASKLIKE.search(e) else e) for e in entries]


def _emit_row(out: list[CellLine], number: str | None, body: list[Cell], side: Cell | None, side_head: str) -> None:
    """One row's number, paragraphs and side entries, in reading order."""
    def blank() -> None:
        if out and out[-1].text:
            out.append(CellLine(""))

    blank()
    entries = _side_entries(side) if side is not None else []
    for k, cell in enumerate(body):
        paragraphs = _paragraphs(cell.lines)
        slots = _owner_slots(paragraphs, entries) if entries and k == len(body) - 1 else {}
        for p, para in enumerate(paragraphs):
            if p:
                blank()
            anchors = {i: v for (q, i), v in slots.items() if q == p}
            for i, (line, after) in enumerate(_split_after_sentences(para, anchors)):
                if number and k == 0 and p == 0 and i == 0:
                    line = _prefixed(f"{number} ", line)
                out.append(line)
                if after:
                    out.extend(_side_lines(side_head, after))
        if not paragraphs and number and k == 0:
            out.append(CellLine(number))
    if number and not body:
        out.append(CellLine(number))
    if entries and not any(_paragraphs(c.lines) for c in body):
        out.extend(_side_lines(side_head, [e.text for e in entries]))


def lay_out_table(rows: list[list[Cell]], settings: LayoutSettings = SETTINGS,
                  side_x: float | None = None, side_head: str = "Action") -> LaidOut:
    """The table as its author laid it out (see the module docstring). ``side_x``: the left
    edge of an Action column whose heading stands above the table (found by the reader)."""
    if not is_flow_table(rows, settings, side_x):
        return LaidOut(rows=rows)
    return LaidOut(lines=flow_lines(rows, settings, side_x, side_head))


def is_flow_table(rows: list[list[Cell]], settings: LayoutSettings = SETTINGS, side_x: float | None = None) -> bool:
    """Whether `lay_out_table` reads the table as a flow of lines. It looks at the cells'
    text alone (never at positions), so a reader that lays one table out several times
    with its lines moved asks once."""
    headed = side_x is not None or any(_side_heading_row(row) for row in rows[:3])
    return (headed and _fits_layout(rows, settings)) or is_prose_table(rows, settings)


def _rows_by_numbers(row: list[Cell]) -> list[list[Cell]]:
    """A row whose number cell holds several item numbers ("6.4" / "6.5" beside two items
    written in one row of the author's table) as one row per number: each number opens at its
    own line, and the row's other cells are cut at the numbers' tops (lines above the first
    number continue the item before, from the previous row or page). Without positions (DOCX)
    the lines cannot be placed, and the row stays as it is."""
    filled = [c for c in row if c.filled]
    if len(filled) < 2 or filled[0] is not row[0]:
        return [row]
    numbers = [ln for ln in filled[0].lines if ln.text.strip()]
    if not numbers or not all(ITEM_CELL.match(ln.text.strip()) and ln.top is not None and ln.bottom is not None
                              for ln in numbers):
        return [row]
    others = row[1:]
    body = sorted((ln for c in others for ln in c.lines if ln.text.strip()), key=lambda ln: ln.top or 0.0)
    if any(ln.top is None for ln in body):
        return [row]
    if len(numbers) == 1 and not (body and body[0].text.strip()[0].islower()):
        return [row]  # one item's number: it heads the cell beside it, wherever it stands
    # a line level with a number (its top within half the number's height) starts that number's
    # item, unless it runs on a sentence in lower case (a row split across a page leaves the
    # number beside the last words of the item before): then the next line that opens one does
    level = [ln.top - 0.5 * (ln.bottom - ln.top) for ln in numbers]
    tops = [ln.top for ln in body if not ln.text.strip()[0].islower()]
    cuts = []
    for n, at in enumerate(level):
        limit = level[n + 1] if n + 1 < len(level) else float("inf")
        cuts.append(next((t for t in tops if at <= t < limit), at))

    out: list[list[Cell]] = []
    for n in range(len(numbers) + 1):
        lo = cuts[n - 1] if n else float("-inf")
        hi = cuts[n] if n < len(numbers) else float("inf")
        cells = [Cell([numbers[n - 1]] if n else [], row[0].x0)]
        cells += [Cell([ln for ln in c.lines if ln.top is not None and lo <= ln.top < hi], c.x0) for c in others]
        if any(c.filled for c in cells):
            out.append(cells)
    return out


def flow_lines(rows: list[list[Cell]], settings: LayoutSettings = SETTINGS, side_x: float | None = None,
               side_head: str = "Action") -> list[CellLine]:
    """The lines `lay_out_table` reads a flow table (`is_flow_table`) as."""
    side_col: int | None = None  # the Action column's index where cells have no positions (DOCX)
    out: list[CellLine] = []
    rows = [part for row in rows for part in _rows_by_numbers(row)]
    for row in rows:
        filled = [c for c in row if c.filled]
        if not filled:
            continue
        column = next(i for i, c in enumerate(row) if c is filled[0])
        last = filled[-1]
        if len(filled) == 1 and column > 0 and SIDE_COLUMN_HEAD.match(filled[0].text.strip()):
            # the side column's own heading ("Action"): remembered, not text
            side_head = filled[0].text.strip().rstrip(":")
            side_x = filled[0].x0 if filled[0].x0 is not None else side_x
            continue
        if _side_heading_row(row):
            # a heading row: "Item | Discussion | Decisions and Action Points"
            side_head = last.text.strip()
            side_x = last.x0
            side_col = next(i for i, c in enumerate(row) if c is last) if last.x0 is None else None
            continue
        in_side = (last.x0 >= side_x - 12.0 if side_x is not None and last.x0 is not None
                   else side_col is not None and row[-1 if side_col == len(row) - 1 else side_col] is last)
        if len(filled) >= 2 and in_side:
            body = filled[:-1]
            number = body.pop(0).text.strip() if len(body) >= 2 and ITEM_CELL.match(body[0].text.strip()) else None
            _emit_row(out, number, body, last, side_head)
            continue
        if len(filled) == 2 and _is_label(filled[0].text, settings) and (
            HEADER_LABELS.match(filled[0].text.strip()) or filled[0].text.strip().endswith(":")
        ):
            # a meeting's header row: "Date: 30th January 2014"
            label = filled[0].text.strip().rstrip(":")
            if out and out[-1].text:
                out.append(CellLine(""))
            out.append(_prefixed(f"{label}: ", _joined(filled[1])))
            continue
        number = None
        body = list(filled)
        if len(body) >= 2 and ITEM_CELL.match(body[0].text.strip()):
            number = body.pop(0).text.strip()
        side = None
        if len(body) >= 2 and _side_like(body[-1], settings) and len(body[-1].text) * 2 < max(
            len(c.text) for c in body[:-1]
        ):
            side = body.pop()
        _emit_row(out, number, body, side, side_head)
    while out and not out[-1].text:
        out.pop()
    return out


def lay_out_columns(main: list[CellLine], side: list[CellLine], side_head: str) -> list[CellLine]:
    """Minutes with an unruled right-hand column (found from positions by the PDF reader):
    the main column's paragraphs, each followed by the side column's entries beside it."""
    out: list[CellLine] = []
    _emit_row(out, None, [Cell(main)], Cell(side), side_head)
    while out and not out[-1].text:
        out.pop()
    return out


def _running_key(text: str) -> str:
    """A margin line with its numbers taken out: "Minutes v1 3" and "Minutes v1 4" are one."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def drop_running_lines(pages: list[Page]) -> None:
    """Remove running headers and footers: margin lines (``Page.margin_lines``) whose text,
    numbers aside, recurs in the margins of at least half the pages (and two). A version
    footer or a registered-office line would otherwise sit inside the text and split the
    sentence that runs on over the page break."""
    if len(pages) < 2:
        return
    seen: dict[str, int] = {}
    for page in pages:
        for key in {_running_key(page.text[a:b]) for a, b in page.margin_lines}:
            if key:
                seen[key] = seen.get(key, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in seen.items() if n >= need}
    if not running:
        return
    for page in pages:
        cut = [(a, b) for a, b in page.margin_lines if _running_key(page.text[a:b]) in running]
        if cut:
            _remove_ranges(page, cut)
        page.margin_lines = []


def _remove_ranges(page: Page, ranges: list[tuple[int, int]]) -> None:
    """Take whole lines out of a page's text; spans, tables and headings after them move up."""
    ranges = sorted(ranges)
    removed: list[tuple[int, int]] = []  # (start, length removed) in the old text
    pieces: list[str] = []
    pos = 0
    for a, b in ranges:
        b = b + 1 if b < len(page.text) and page.text[b] == "\n" else b  # the line and its break
        pieces.append(page.text[pos:a])
        removed.append((a, b - a))
        pos = b
    pieces.append(page.text[pos:])

    def moved(offset: int) -> int:
        return offset - sum(n for a, n in removed if a < offset)

    page.text = "".join(pieces).rstrip("\n")
    page.redactions = [s.shifted(moved(s.start) - s.start) for s in page.redactions]
    page.headings = [moved(h) for h in page.headings]
    for table in page.tables:
        for row in table.rows:
            row.start = moved(row.start)
