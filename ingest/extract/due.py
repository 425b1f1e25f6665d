"""When an action is due: ``due`` as written, ``due_date`` (ISO) where a date is stated.

From an action's own words only when the words say it is a deadline; a date merely mentioned
in an action ("meeting dates in 2016") is not a due date. From a Timescale/Due/Deadline cell,
the cell is the due as written.
"""

from __future__ import annotations

import re

from ingest.extract.dates import find_dates

# Deadline phrases, each with the part kept as ``due`` in group "due". Dates inside are found by
# ``find_dates``; these only say which words around a date make it a deadline.
DUE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "when appointed on 19th May 2017", "once published in June 2018" (a trigger with its date)
    ("trigger", re.compile(r"\b(?P<due>(?:when|once|after)\s+\w+\s+(?:on|in|by)\s+(?P<date>.+))$", re.I)),
    # "a deadline date of August 2017", "deadline: 30/04/2018", "due date 1 May", "target date of …"
    ("deadline", re.compile(r"\b(?:deadline|due|target|completion)(?:\s+date)?(?:\s+(?:of|is|by|for))?\s*:?\s+(?P<due>(?P<date>.+))$", re.I)),
    # "by 30 April 2018", "no later than 1 May", "before the end of June 2018"
    ("by", re.compile(r"\b(?:by|before|no later than|not later than|on or before|until)\s+(?:the\s+)?(?P<due>(?P<date>.+))$", re.I)),
    # "at next SWS Standing Committee", "by the next meeting", "for the next Board", "by next week"
    # (a body's name is capitalised: "then figure out next steps" is no deadline)
    ("next", re.compile(r"\b(?:at|by|before|for|to|until)?\s*(?:the\s+)?(?P<due>next\s+(?:meeting|call|week|month|"
                        r"(?:(?-i:[A-Z])[\w/&'-]*\s*)+))", re.I)),
    # "ASAP", "as soon as possible", "within 2 weeks", "immediately"
    ("phrase", re.compile(r"\b(?P<due>ASAP|as soon as possible|immediately|within\s+\w+\s+(?:days?|weeks?|months?)|by return)\b", re.I)),
]


def _date_at_start(text: str, default_year: int | None, ref_date: str | None) -> tuple[str, str | None] | None:
    for start, end, _written, iso in find_dates(text, default_year, ref_date=ref_date):
        if start <= 4:  # the date opens the phrase ("30 April 2018", "the end of June 2018")
            return text[: end], iso
        break
    return None


def due_from_text(text: str, default_year: int | None = None, ref_date: str | None = None) -> tuple[str | None, str | None]:
    """(due, due_date) stated in an action's words, else (None, None).

    >>> due_from_text("█ to arrange meeting with new chair when appointed on 19th May 2017", 2017)
    ('when appointed on 19th May 2017', '2017-05-19')
    >>> due_from_text("Confirm … and a deadline date of August 2017.", 2017)
    ('August 2017', '2017-08')
    """
    body = " ".join(text.split()).rstrip(".;")
    for kind, pattern in DUE_PATTERNS:
        for m in pattern.finditer(body):
            if "date" in pattern.groupindex:
                found = _date_at_start(m.group("date"), default_year, ref_date)
                if not found:
                    continue
                written, iso = found
                if kind == "trigger":
                    return body[m.start("due"):m.start("date")] + written, iso
                return written, iso
            due = m.group("due").strip()
            if kind == "next":
                due = re.sub(r"\s+(?:on|at|in)$", "", due)
            return due, None
    return None, None


def due_from_cell(cell: str, default_year: int | None = None, ref_date: str | None = None) -> tuple[str | None, str | None]:
    """A Timescale/Due/Deadline cell: ("ASAP", None), ("30/04/2018", "2018-04-30")."""
    written = " ".join(cell.split())
    if not written or re.fullmatch(r"[-–—/]*|n/?a|tbc|tbd", written, re.I):
        return (written or None), None
    dates = [iso for _, _, _, iso in find_dates(written, default_year, ref_date=ref_date) if iso]
    return written, (dates[-1] if dates else None)
