"""The names of an action table's columns: which header cell is the action, its owner, its due
date, its status. Its own module so that the PDF layout (`ingest.layout`, which keeps a data
table's rows apart from a grid of prose by them) asks without importing the extractors.
"""

from __future__ import annotations

import re

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
        roles["text"] = roles.pop("item")
    if "text" in roles and ("owner" in roles or "due" in roles):
        return roles
    return None
