"""Actions held in tables: action lists and logs, and improvement-plan tasks.

A table is an action table when a row (the header, usually the first, not always: a plan may
open with a title row) names an action column and an owner or due column. Columns are known
by their names; header cells are compared with spaces removed, because PDF and HTML exports
break words ("MILESTON E/DEADLI NE").

Rows with only one filled cell are section titles ("Thematic Inspection") and are
skipped. A plan row may hold several numbered tasks in one cell; they are matched to the
lines of the lead and milestone cells by position. The column names are `ingest.extract.columns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.extract.columns import column_roles
from ingest.extract.due import due_from_cell
from ingest.extract.owners import owners_from_cell
from ingest.markers import BLOCK_RE, MARKER_RE
from ingest.models import Table, TableRow

# Progress words read out of a longer progress cell, as written: "IN PROGRESS", "Complete".
STATUS_WORDS = re.compile(
    r"\b(?:complete[d]?|closed|done|ongoing|on-going|in progress|open|not started|overdue|on track|delayed"
    r"|superseded|deferred|carried forward|red|amber|green)\b",
    re.IGNORECASE,
)
_TASK_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2})[.)]\s+(?P<text>.+)$")


@dataclass
class TableAction:
    start: int
    end: int
    text: str
    number: int | None
    owners: list[str] = field(default_factory=list)
    due: str | None = None
    due_date: str | None = None
    status: str | None = None
    meeting_date: str | None = None
    row_index: int = 0
    cell_texts: list[str] = field(default_factory=list)


def _cell(row: TableRow, roles: dict[str, int], role: str, width: int) -> tuple[str, int] | None:
    """The cell for ``role``; rows short of cells are aligned left up to the text column and
    right after it (a missing middle cell: the plan's issue B has no TASKS cell)."""
    if role not in roles:
        return None
    i = roles[role]
    n = len(row.cells)
    if n >= width:
        return (row.cells[i], i) if i < n else None
    text_col = roles.get("text", 0)
    if i < text_col:
        j = i
    elif i > text_col:
        j = n - (width - i)
    else:
        return None
    if j < 0 or j >= n or (i > text_col and j < text_col):
        return None
    return row.cells[j], j


def _lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.split("\n") if line.strip()]


def _tasks(cell: str) -> list[tuple[int | None, str]]:
    """Numbered tasks of a cell ("1. … 2. …"); lines that are not numbered continue the task above
    (a PDF cell wraps its text). A cell without numbering is one task."""
    lines = _lines(cell)
    if not lines:
        return []
    if not _TASK_NUMBER.match(lines[0]):
        return [(None, " ".join(lines))]
    tasks: list[tuple[int | None, str]] = []
    for line in lines:
        m = _TASK_NUMBER.match(line)
        if m and (not tasks or int(m.group("n")) == (tasks[-1][0] or 0) + 1):
            tasks.append((int(m.group("n")), m.group("text").strip()))
        else:
            number, text = tasks[-1]
            tasks[-1] = (number, f"{text} {line}")
    return tasks


def _marker_ends(text: str) -> list[int]:
    return [m.end() for m in re.finditer(MARKER_RE.pattern + "|" + BLOCK_RE.pattern, text, re.I)]


def _split_like(cell: str, count: int) -> list[str]:
    """``count`` parts of a lead/milestone cell: one per line; or, when lines were joined or
    wrapped ("SG [REDACTED] Police [REDACTED]", "Police\n[REDACTED]"), one
    ending at each redaction marker; or one status word each ("Complete Complete Ongoing")."""
    lines = _lines(cell)
    if len(lines) == count or count <= 1:
        return lines
    joined = " ".join(lines)
    marks = _marker_ends(joined)
    if len(marks) == count and not joined[marks[-1]:].strip():
        parts, prev = [], 0
        for end in marks:
            parts.append(joined[prev:end].strip())
            prev = end
        return parts
    words = joined.split()
    if len(words) == count and all(STATUS_WORDS.fullmatch(w) for w in words):
        return words
    return lines


def lead_count(cell: str) -> int:
    """How many leads a lead cell names: one per redaction marker when every lead ends with one."""
    lines = _lines(cell)
    joined = " ".join(lines)
    marks = _marker_ends(joined)
    if len(marks) > 1 and not joined[marks[-1]:].strip() and len(marks) <= len(lines):
        return len(marks)
    return len(lines)


def status_of(cell: str | None) -> str | None:
    """A status cell as written when short ("Complete", "IN PROGRESS"); in a longer progress
    note only a status the writer made stand out ("NSS Update - IN PROGRESS – …") or one that
    opens the note ("Complete – report sent"), never a word from the narrative ("open access")."""
    if not cell or not cell.strip():
        return None
    text = " ".join(cell.split())
    if len(text.split()) <= 4 and not re.search(r"\d{1,2}/\d{1,2}", text):
        return text
    for m in re.finditer(r"\b[A-Z]{2,}(?:[ -][A-Z]{2,})*\b", text):
        if STATUS_WORDS.fullmatch(m.group()):
            return m.group()
    m = STATUS_WORDS.match(text.lstrip("•-* "))
    return m.group() if m else None


_MINOR_WORDS = frozenset("a an and as at by for from in of on or the to with &".split())


def _is_section_row(row: TableRow, text_col: int) -> bool:
    """A row that titles the rows under it ("Governance", "HEALTH & SAFETY"): one filled cell,
    a short title. A task written alone in the action column, its owner not yet named
    ("Obtain big packets of snacks for Board Game Nights"), reads as a sentence and stays a row."""
    filled = [(i, c.strip()) for i, c in enumerate(row.cells) if c.strip()]
    if len(filled) > 1:
        return False
    if not filled:
        return True
    i, cell = filled[0]
    words = re.findall(r"[\w'’&-]+", cell.strip("*_"))
    titled = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR_WORDS for w in words)
    return i != text_col or len(words) <= 2 or titled or cell.startswith(("**", "__"))


def _is_rule_row(row: TableRow) -> bool:
    return all(re.fullmatch(r"[\s\-=_|:+]*", c) for c in row.cells)


def _other_header(row: TableRow) -> bool:
    """A row of column labels that name no action's parts ("Payee | Detail | Total £s | VAT"):
    every cell a short label, no figure, no sentence, and not a header ``column_roles`` reads."""
    cells = [c.strip() for c in row.cells]
    return (all(cells) and column_roles(row.cells) is None
            and all(len(c.split()) <= 3 and not re.search(r"\d|[.;:]$", c) and c[:1].isupper() for c in cells))


def actions_from_table(
    table: Table, roles: dict[str, int] | None, width: int, default_year: int | None, ref_date: str | None
) -> tuple[list[TableAction], dict[str, int] | None, int]:
    """Actions of one table. ``roles``/``width`` carry a header over from an earlier table of the
    same document (a list broken by section titles or a page break); the header in force after
    this table is returned with the actions."""
    out: list[TableAction] = []
    last_issue: str | None = None
    first = next((r for r in table.rows if not _is_rule_row(r)), None)
    if roles is not None and first is not None and (len(first.cells) != width or _other_header(first)):
        # a table of other columns (a motions table after the action list, "Payee | Detail |
        # Total £s | VAT" after "No | Action | Owner | Update"): the header carried over is not its own
        roles = None
    for index, row in enumerate(table.rows):
        if _is_rule_row(row):
            continue
        header = column_roles(row.cells)
        if header:
            roles, width = header, len(row.cells)
            continue
        if roles is None or _is_section_row(row, roles.get("text", 0)):
            continue
        text_cell = _cell(row, roles, "text", width)
        owner_cell = _cell(row, roles, "owner", width)
        due_cell = _cell(row, roles, "due", width)
        status_cell = _cell(row, roles, "status", width)
        number_cell = _cell(row, roles, "number", width)
        date_cell = _cell(row, roles, "meeting_date", width)
        issue = number_cell[0].strip().rstrip(".") if number_cell else ""
        if issue:
            last_issue = issue
        tasks = _tasks(text_cell[0]) if text_cell else []
        if not tasks and status_cell and re.match(r"\s*action\b", status_cell[0], re.I):
            # A plan row whose progress cell records the action: "Action from MDG 15/12/16 – provide …. NSS Update - IN PROGRESS"
            first = re.split(r"(?<=\.)\s+(?=[A-Z])", status_cell[0].strip(), maxsplit=1)[0]
            tasks = [(None, first)]
        from_title = False
        if not tasks:
            title = _cell(row, roles, "item", width)
            if title and title[0].strip():
                first_para = title[0].strip().split("\n\n")[0]
                tasks = [(None, re.split(r":\s", " ".join(first_para.split()), maxsplit=1)[0])]
                from_title = True
        if not tasks:
            continue
        if from_title and owner_cell and lead_count(owner_cell[0]) > 1:
            # Leads listed without their tasks (the TASKS cell is missing): one action per lead,
            # named by the issue title.
            tasks = [(i + 1, tasks[0][1]) for i in range(lead_count(owner_cell[0]))]
        owner_parts = _split_like(owner_cell[0], len(tasks)) if owner_cell else []
        due_parts = _split_like(due_cell[0], len(tasks)) if due_cell else []
        row_status = status_of(status_cell[0]) if status_cell else None
        meeting_date = None
        if date_cell:
            from ingest.extract.dates import date_iso

            meeting_date = date_iso(date_cell[0], default_year, ref_date)
        anchor_start, anchor_end = (text_cell[1], text_cell[1]) if text_cell else (0, 0)
        start = row.cell_start(anchor_start) if text_cell else row.start
        end = start + len(row.cells[anchor_end].replace("\n", " ")) if text_cell else row.end
        for k, (number, text) in enumerate(tasks):
            if len(tasks) > 1:
                owner_text = owner_parts[k] if k < len(owner_parts) else ""
                due_text = due_parts[k] if k < len(due_parts) else ""
            else:
                owner_text = owner_cell[0] if owner_cell else ""
                due_text = due_cell[0] if due_cell else ""
            due, due_date = due_from_cell(due_text, default_year, ref_date) if due_text else (None, None)
            status = row_status
            if due and STATUS_WORDS.fullmatch(due.strip()):
                # A milestone cell that says "Complete"/"Ongoing" is the task's status, not a date.
                status, due, due_date = due, None, None
            if number is None:
                number = _int(issue)
            out.append(TableAction(
                start=start, end=end, text=text, number=number,
                owners=owners_from_cell(owner_text) if len(tasks) == 1 else ([owner_text] if owner_text else []),
                due=due, due_date=due_date, status=status, meeting_date=meeting_date, row_index=index,
                cell_texts=[last_issue or ""],
            ))
    return out, roles, width


def _int(text: str) -> int | None:
    m = re.fullmatch(r"\s*(\d{1,4})[.)]?\s*", text or "")
    return int(m.group(1)) if m else None
