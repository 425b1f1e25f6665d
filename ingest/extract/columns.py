"""The names of an action table's columns: which header cell is the action, its owner, its due
date, its status; the roles of a table that names no columns, read from its rows' shape
(`roles_from_shape`); and the title a table's first row gives it instead (`table_title`,
`table_owner`: "Connor tasks: | Hours"). Its own module so that the PDF layout
(`ingest.layout`, which keeps a data table's rows apart from a grid of prose by them) and the
passage builder (`ingest.segment`) ask without importing the extractors.
"""

from __future__ import annotations

import re

from ingest.models import Table

# Column roles by header name (spaces removed, lower case), first match wins, in this order.
COLUMN_ROLES: list[tuple[str, re.Pattern[str]]] = [
    # "Action by", "Actioned by", "Owner", "Lead", "Agency/Lead", "Responsible", "By whom", "Who"
    ("owner", re.compile(r"^(?:actionby|actionedby|actionowner|owner|leads?|.*/lead|leadofficer|responsible"
                         r"|responsibility|bywhom|who|assignedto|officer)")),
    # "Timescale", "Due", "Due date", "Deadline", "By when", "Target date", "Milestone/Deadline"
    ("due", re.compile(r"^(?:timescales?|due|duedate|deadline|bywhen|when|target|targetdate|completiondate"
                       r"|milestone|datedue|timeline)")),
    # "Meeting date", "Date raised", "Date of meeting", "Date agreed" (an action log spanning meetings)
    ("meeting_date", re.compile(r"^(?:meetingdate|dateraised|dateofmeeting|dateagreed|date)$")),
    # "Status", "Progress", "RAG", "Update", "Progress/update", "Current position", "Comments"
    ("status", re.compile(r"^(?:status|progress|rag|rag?status|update|latestupdate|currentposition|position)")),
    # "No.", "Ref", "Action no", "#", "Issue/RAG" (plan issue letter)
    ("number", re.compile(r"^(?:no\.?|number|ref\.?|reference|#|actionno\.?|actionref|itemno\.?|issue)")),
    # "Action", "Actions", "Action required", "Agreed action", "Task(s)", "Description", "What"
    # (of a Who / What / When table)
    ("text", re.compile(r"^(?:actions?|actionrequired|actionagreed|agreedactions?|actionpoint|tasks?"
                        r"|description|detail|what$)")),
    # "Item" (the action column when there is no "Action" column), "Title/Outcomes"
    ("item", re.compile(r"^(?:item|agendaitem|title|subject|outcomes?|topic)")),
]


def _norm(cell: str) -> str:
    return re.sub(r"\s+", "", cell).lower()


def column_roles(cells: list[str]) -> dict[str, int] | None:
    """Role -> column index when ``cells`` is an action table's header row, else None."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if len(cell) > 40 or ":" in cell.strip().rstrip(":"):
            continue
        key = _norm(cell)
        for role, pattern in COLUMN_ROLES:
            if key and pattern.match(key) and role not in roles:
                roles[role] = i
                break
    if "text" not in roles and "item" in roles:
        item = roles.pop("item")
        untitled = item + 1
        if "number" not in roles and untitled < len(cells) and not cells[untitled].strip() \
                and untitled not in roles.values():
            # "ITEM | (no name) | BY WHOM | BY WHEN": the item's number, then its untitled text
            roles["number"], roles["text"] = item, untitled
        else:
            roles["text"] = item
    if "text" in roles and ("owner" in roles or "due" in roles):
        return roles
    return None


# Cells of a table that names no columns, read by their shape (`roles_from_shape`).
_NUMBER_CELL = re.compile(r"\s*[A-Za-z]{0,3}\d{1,3}(?:[./-]\d{1,3}){0,3}[.)]?\s*")
# Who: initials ("ND", "ND+AM", "GG, JT", "RS, TP (Toby)"), a role or a name or two ("Clerk",
# "Jon Taylor", "TSC"), "others"
_OWNER_WORD = r"(?:[A-Z][\w.'’-]*(?:\s*\([^()\n]{1,20}\))?|others|all)"  # "TP (Toby)"
_OWNER_CELL = re.compile(r"\s*(?!others|all)" + _OWNER_WORD + r"(?:\s*(?:[+/&,]|\band\b)?\s*" + _OWNER_WORD + r"){0,4}\s*")
SHAPE_SHARE = 0.8  # of a column's filled cells that must have its shape


def roles_from_shape(rows: list[list[str]]) -> tuple[dict[str, int], int] | None:
    """(roles, width) of a table with no header row whose rows read as actions: one column of
    sentences (the task), one of owners (initials, roles, names) and perhaps one of numbers
    ("1.1 | To look further into alternatives to a two-way agreement | ND"). None otherwise."""
    records = [r for r in rows if sum(1 for c in r if c.strip()) >= 2]
    if len(records) < 1:
        return None
    width = max(len(r) for r in records)
    if any(len(r) != width for r in records) or not 2 <= width <= 5:
        return None

    def share(col: int, pattern: re.Pattern[str]) -> float:
        cells = [r[col] for r in records if r[col].strip()]
        return sum(1 for c in cells if pattern.fullmatch(c) and len(c) <= 40) / len(cells) if cells else 0.0

    lengths = [sum(len(r[i]) for r in records) / len(records) for i in range(width)]
    text = max(range(width), key=lambda i: lengths[i])
    if lengths[text] < 20 or share(text, _OWNER_CELL) >= SHAPE_SHARE:
        return None
    roles = {"text": text}
    for i in range(width):
        if i == text:
            continue
        if "number" not in roles and i < text and share(i, _NUMBER_CELL) >= SHAPE_SHARE:
            roles["number"] = i
        elif "owner" not in roles and i > text and share(i, _OWNER_CELL) >= SHAPE_SHARE:
            roles["owner"] = i
    return (roles, width) if "owner" in roles else None


def table_title(table: Table) -> str | None:
    """The title a table's header row gives it instead of column names: its first cell, when
    it is a label ("Connor tasks:", "Discussed topics:") and the row names at most one more
    column ("Hours"). None for a header of column names ("No | Action | Owner")."""
    if not table.has_header or not table.rows:
        return None
    cells = [c.strip() for c in table.rows[0].cells]
    filled = [c for c in cells if c]
    if not filled or not cells[0] or len(filled) > 2:
        return None
    if len(filled) == 2 and not (cells[0].endswith(":") or _OWNED_TITLE.match(cells[0])):
        return None
    return cells[0].rstrip(": ") or None


_TASKS_WORD = r"(?:[Tt]asks|TASKS|[Aa]ctions|ACTIONS|[Tt]o-?[Dd]os?)"
_PERSON = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
# "Connor tasks", "Tasks for Connor", "Jamie's actions": a table of one person's tasks
_OWNED_TITLE = re.compile(rf"(?:(?P<owner>{_PERSON})(?:['’]s)?\s+{_TASKS_WORD}"
                          rf"|{_TASKS_WORD}\s+(?:for|of|[-–:])\s*(?P<owner2>{_PERSON}))\s*:?\s*$")
_NOT_PERSONS = frozenset({"Our", "New", "Open", "Outstanding", "Agreed", "Previous", "Completed", "Ongoing", "Key", "Next",
                          "Action", "Other", "All", "Team", "Board", "Committee", "Group", "The"})


def table_owner(table: Table) -> str | None:
    """The person a table of tasks belongs to ("Connor tasks: | Hours" -> "Connor")."""
    title = table_title(table)
    m = _OWNED_TITLE.match(title) if title else None
    owner = (m.group("owner") or m.group("owner2")) if m else None
    return owner if owner and owner.split()[0] not in _NOT_PERSONS else None
