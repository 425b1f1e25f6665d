"""The furniture of minutes, written the same way by every body: the section that reports on
earlier actions, the roll call, the tag that closes an action with its owner. One definition
each, read by layout (ingest/segment.py), trace (index/trace) and search ranking (index/search.py).

Each pattern is compiled when it is first imported by name (the module's ``__getattr__``):
`foi search` ranks with ROLL_CALL_LINE and CONTENTS_LINE only and does not pay for compiling the others (~1 ms).
"""

from __future__ import annotations

import re

# The heading of a section that reports on earlier actions ("Matters arising", "Review of actions").
_BACKREF = (
    r"matters arising|update on (?:the )?actions|actions? (?:log|list|tracker) (?:update|review)|"
    r"review of (?:the )?actions|(?:open|outstanding|completed) actions|previous minutes|actions from (?:the )?(?:last|previous)|"
    r"(?:previous|last) meeting['’]?s?\s+(?:minutes|actions?)"
)
# Who came and who sent apologies: names, not what was done ("Present:", "Directors Absent:",
# "## Attendance"). The labels are one list for ranking, tracing and reading owners.
ROLL_CALL_LABELS = (
    r"(?:(?:executive\s+)?officers|directors|trustees|members|board\s+members|also)\s+(?:present|absent)"
    r"|present|absent|(?:additional\s+|other\s+)?(?:attendees|attendance)|attending|(?:also,?\s+)?in\s+attendance|invited|guests?|apologies"
    # "Voting Member Attendees", "Voting Member Regrets" (regrets: apologies, as US minutes say)
    r"|(?:(?:non-)?voting\s+)?(?:members?\s+)?(?:attendees|attendance|regrets|participants)"
    # one roll per party: "Present from SNS:", "Present from ISIS:", "Apologies from ESS:"
    r"|(?:present|attending|apologies)\s+from\s+[\w&.-]+(?:\s+[\w&.-]+)?(?=\s*:)"
)
_ROLL_CALL = r"^\W*(?:" + ROLL_CALL_LABELS + r")\b"
# Titles written before a name on a roll or in the text ("Cllr Smith", "Dr. Hale"): one list for
# reading owners (ingest/extract) and for finding names a release left visible (index/audit).
HONORIFICS = frozenset("mr mrs ms miss dr prof professor cllr councillor sir dame lord lady rev".split())
# The same, as a regular expression alternation ("Councillor|Professor|…|Mr"), longest first.
HONORIFIC_ALT = "|".join(sorted((t.capitalize() for t in HONORIFICS), key=lambda t: (-len(t), t)))

# An action's state as minutes write it beside or under the task, and a review list's check box
# ("[x]" done, "[ ]" not): one list for reading a copied task (ingest/extract) and what it says
# became of the task (index/trace).
STATE_WORDS = (r"complete[d]?|done|closed|carried\s+forwards?|c/f|in\s+progress|ongoing|cancell?ed|no\s+update|"
               r"deferred|outstanding|superseded|not\s+(?:yet\s+)?(?:done|started|complete[d]?)")
CHECK_BOX = r"\[(?P<box>[ xX✓-]?)\]"

_PATTERNS: dict[str, tuple[str, int]] = {
    "BACKREF_RE": (_BACKREF, re.IGNORECASE),
    # … on a line of its own inside an item's text: a heading all the same.
    "BACKREF_LINE": (r"^\W{0,3}(?:" + _BACKREF + r")\W{0,3}$", re.IGNORECASE),
    "ROLL_CALL_RE": (_ROLL_CALL, re.IGNORECASE),
    # A passage holding a roll call on a line of its own (minutes without item numbers join
    # their header's "Time:" and "Attendees:" lines into one passage).
    "ROLL_CALL_LINE": (_ROLL_CALL, re.IGNORECASE | re.MULTILINE),
    # A table of contents' line: a title, dot leaders, a page number ("45. Termination ......48").
    "CONTENTS_LINE": (r"^[^\n]{2,160}?(?:\.{5,}|…{2,})[ \t]*\d{0,4}[ \t]*$", re.MULTILINE),
    # A line that is only an action's state, under the task it reports on ("■ Action carried
    # forwards", "● Action complete", "In progress"): the task is an earlier one, copied to say so.
    "STATE_LINE": (r"^[^\w\n]{0,6}(?:action\s+)?(?:now\s+)?(?P<state>" + STATE_WORDS + r")\W*$", re.IGNORECASE),
    # A Markdown heading line ("## Review actions from previous meetings"), however its words are cased.
    "MARKDOWN_HEADING": (r"^#{1,6}[ \t]+(?P<title>\S[^\n]*)$", re.MULTILINE),
    # "ACTION: AHop/MS" closing a paragraph: a line of its own, whatever follows.
    "OWNER_TAG_LINE": (r"^\W{0,3}action\s*[:\-–]\s*\S{1,30}(?:\s*[/,&]\s*\S{1,30}){0,4}$",
                       re.IGNORECASE | re.MULTILINE),
}


CONTENTS_SHARE = 0.5  # a passage this much of whose lines are contents lines is a table of contents


def is_contents(text: str) -> bool:
    """A table of contents: most of its lines end on dot leaders and a page number."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    pattern = globals().get("CONTENTS_LINE") or __getattr__("CONTENTS_LINE")  # compiled on first use
    found = len(pattern.findall(text))
    return found >= 2 and found >= CONTENTS_SHARE * len(lines)


def state_under(text: str, end: int) -> str | None:
    """The state on the line under the line holding ``text[end - 1]``, when that line is only a
    state ("■ Action carried forwards" under "○ ACTION MW: Contact the guild"): "carried forwards"."""
    line_start = text.find("\n", end)
    if line_start < 0:
        return None
    line_end = text.find("\n", line_start + 1)
    pattern = globals().get("STATE_LINE") or __getattr__("STATE_LINE")
    m = pattern.match(text[line_start + 1: line_end if line_end >= 0 else len(text)].strip())
    return m.group("state").lower() if m else None


def __getattr__(name: str) -> re.Pattern[str]:
    if name not in _PATTERNS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    pattern, flags = _PATTERNS[name]
    compiled = globals()[name] = re.compile(pattern, flags)  # compiled once, then a plain global
    return compiled
