"""Actions that minutes mark in their running text.

Only marked actions count: prose such as "she agreed to circulate a brief overview" is not an
action unless the minutes flag it (an ACTION line, an "Actions:" list, an "(Action: JB)" tag).
Lines inside tables are left to ``action_tables``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.chunking import BULLET, BULLET_MARKS, POINT_MARKS
from ingest.extract.owners import owner_tag, owners_from_text, split_owners
from ingest.extract.prose_actions import EVERYONE, People, attendance, named
from ingest.layout import ITEM_REF

# The head of an action line, at the start of a line (after a bullet or "**"):
#   "ACTION SGCSU to circulate …", "ACTION: █ agreed to …", "ACTION 3 – … to …", "Action 3 - …",
#   "Action 7 : …", "Action point 4: …", "AP3 – …", "Agreed action 2: …", "Actions:" (a list follows)
ACTION_HEAD = re.compile(
    r"^[ \t]*(?:(?:" + POINT_MARKS + r")\s*)?(?:\*\*)?"
    r"(?P<kw>(?:agreed\s+)?actions?(?:\s+(?:point|no\.?|number|item|ref\.?))?|AP(?=\s?\d))"
    r"\s*(?P<num>\d{1,3}(?:\.\d{1,2}|[/-]\d{1,4}(?![/\d]))?)?(?:\*\*)?[ \t]*(?P<sep>[:\-–—.)](?!\d)|(?=\S)|$)[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
# The owners written between an action tag and the task's colon ("ACTION MW: …", "Action AA/CG: …");
# not the words of a heading ("Action points:", "Actions arising:").
_TAG_OWNERS = re.compile(
    r"(?P<owner>(?!(?i:points?|items?|log|list|plan|required|taken|updates?|summary|arising|tracker|register|owners?|by|"
    r"no|for|from|on|the)\b)[A-Z][\w'’.-]{0,20}(?:(?:[ \t]*[/,&][ \t]*|[ \t]+and[ \t]+)[A-Z][\w'’.-]{0,20}){0,3})"
    r"[ \t]*:[ \t]*(?=\S)")
# "… to circulate the paper. (Action: JB)" / "[ACTION – Clerk]": a tag closing a sentence
# (not the text of a Markdown link, "[Action-SC-2017-64 Speak to NMI](…)": see ACTION_LINK).
ACTION_TAG = re.compile(r"[(\[]\s*action(?:\s+by)?\s*[:\-–]\s*(?P<owners>[^()\[\]\n]{1,60}?)\s*[)\]](?!\()",
                        re.IGNORECASE)
# A bracketed tag naming its owners by handle, before the task or closing it: "[Action @Lori/@jo]
# Send invitation for each meeting", "[Action item @Stevie, @Maria]: start discussing …",
# "[Action Maria]: create working group", "[Action]: define working groups", "… so it can be
# reviewed. [Action @Maria]." (Google Docs minutes of projects that live on GitHub and Slack)
ACTION_BRACKET = re.compile(
    r"\[[ \t]*action(?:[ \t]+items?)?[ \t]*[:;]?[ \t]*"
    r"(?P<owners>@?[A-Za-z][\w.’'-]*(?:[ \t]*(?:/|,|&|\band\b)[ \t]*@?[A-Za-z][\w.’'-]*)*)?[ \t]*:?[ \t]*\]"
    r"[ \t]*[:;.]?[ \t]*", re.IGNORECASE)
# An action written as a link to its tracker entry, its reference first:
# "- MDA - [Action-SC-2017-64 Speak to NMI about …](https://…/issues/325)". "See [Action-…](…)"
# only points at an action raised before.
ACTION_LINK = re.compile(
    r"(?P<see>\bsee(?:\s+also)?\s+)?\[\s*(?P<text>action[-\s](?:[A-Z]{1,6}-)+\d{1,4}(?:-\d{1,4})*[:\s]+[^\]\n]+?)\s*\]\([^)\n]*\)",
    re.IGNORECASE)
# The label of an assignee field: "Assigned to:", "Owner:", "Lead:".
_ASSIGNEE_LABEL = r"(?:assigned(?:[ \t]+to)?|owners?|responsible|lead)"
# "Katy ACTION: check with NumFOCUS." / "- Greg ACTION: put up the checklist": the owner first.
OWNER_FIRST_ACTION = re.compile(
    r"^[ \t]*(?:[-•*·▪][ \t]*)?(?P<owner>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)[ \t]+(?:ACTION|Action)[ \t]*:[ \t]*"
    r"(?P<text>\S[^\n]*)$", re.MULTILINE)
# "Todo: Aleksandra will send it to SC for comments." at a line's start or after a sentence.
# A line that ends on the tag in capitals, nobody named: "Fire / emergency lighting compliance ACTION"
ACTION_LAST = re.compile(r"^[ \t]*(?:(?:" + BULLET_MARKS + r")[ \t]+)?(?P<text>[A-Za-z][^\n]{6,}?)[ \t.]+ACTION\.?[ \t]*$", re.MULTILINE)
TODO = re.compile(r"(?:^[ \t]*(?:[-•*·▪][ \t]*)?|(?<=[.!?])[ \t]+)(?:todo|to-do|to do)[ \t]*:[ \t]*(?P<text>[^\n]*?\S)[ \t]*$",
                  re.IGNORECASE | re.MULTILINE)
# A review item: the task, then its assignee and status as sub-bullets
# ("* Enabling self-organised workshops … / * Assigned: Aleksandra / * Status: In progress").
ASSIGNED_ITEM = re.compile(
    r"^[ \t]*[-*•][ \t]+(?P<text>[^\n]*?\S)[ \t]*\n"
    r"[ \t]+[-*•][ \t]+" + _ASSIGNEE_LABEL + r"[ \t]*:[ \t]*(?P<owner>[^\n]*?)[ \t]*$"
    r"(?:\n[ \t]+[-*•][ \t]+status[ \t]*:[ \t]*(?P<status>[^\n]*?)[ \t]*$)?",
    re.IGNORECASE | re.MULTILINE)
# "#### Action Item" with the task under it and "Assigned to: …" / "Due date: …" fields.
ASSIGNED_BLOCK = re.compile(
    r"^[ \t#*]*action[ \t]+item[ \t*:]*\n(?:[ \t]*\n)*"
    r"(?P<text>(?:[ \t]*(?!assigned[ \t]+to\b|due(?:[ \t]+date)?[ \t]*:)\S[^\n]*\n){1,8}?)"
    r"[ \t]*assigned[ \t]+to[ \t]*:[ \t]*(?P<owner>[^\n]*?)[ \t]*$"
    r"(?:\n[ \t]*due(?:[ \t]+date)?[ \t]*:[ \t]*(?P<due>[^\n]*?)[ \t]*$)?",
    re.IGNORECASE | re.MULTILINE)
# Who speaks on a minutes line: "11. MDA - Yes, ok:", "- MDA - [Action-…]"
SPEAKER_LINE = re.compile(r"^[ \t]*(?:\d{1,3}[.)]|[-*•])?[ \t]*(?P<who>[A-Z][A-Za-z]{1,4})[ \t]+[-–][ \t]")
# A list item inside an "Actions:" list: "- JB to …", "1. Clerk to …", "(a) …"
LIST_ITEM = re.compile(r"^[ \t]*(?:[-•*·▪–]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?P<text>\S.*)$")
# (a bullet of any list style opens a point: a long wrapped point does not run on into the next)
_NEW_BLOCK = re.compile(r"^[ \t]*(?:" + POINT_MARKS + r"|\(?\d{1,3}(?:\.\d+)*[.)]?\s|item\s+\d)", re.IGNORECASE)


def is_action_line(line: str) -> bool:
    """True when ``line`` opens a marked action ("ACTION 3 – …"), not "Action plan as a template"."""
    m = ACTION_HEAD.match(line)
    return bool(m and _accept(m, line[m.end():].strip()))


@dataclass
class TextAction:
    start: int  # offsets of the action's text in the document text
    end: int
    text: str
    number: int | None
    owners: list[str] = field(default_factory=list)
    tag_owned: bool = False  # owners came from an owner tag, not from the text
    due: str | None = None  # a "Due date:" field of its own, when the action has one
    status: str | None = None  # a "Status:" field of its own
    span_end: int | None = None  # where its fields end, when they follow its text


# What follows an earlier action's number when the paper reports on it: "Actions 4.2-3
# completed.", "Action 4.1 rephrased from …", "Action 2.1 was done": no new task.
_REPORTED = re.compile(r"(?:[-–,&]\s*\d|and\s+\d|(?:is|are|was|were|has|have|had)\b"
                       r"|(?:completed?|done|closed|ongoing|rephrased|reworded|carried|remains?|superseded|withdrawn)\b)",
                       re.I)


# An action column's word for "no action" ("Action: None", "N/A", "Nil", "-").
NO_ONE = frozenset({"none", "n/a", "na", "nil", "no action", "no actions", "-", "–"})


def _accept(m: re.Match[str], rest: str) -> bool:
    kw = m.group("kw")
    if not (m.group("num") or m.group("sep").strip()) and _TAG_OWNERS.match(rest):
        return True  # "ACTION MW: Contact the guild"
    if m.group("num") and _REPORTED.match(rest):
        return False
    bare = kw.strip().lower() in ("action", "actions")
    if kw.upper() == kw:  # "ACTION", "ACTIONS", "AP"
        if m.group("num") or m.group("sep").strip():
            return True
        # "ACTION SGCSU to …" yes; "ACTION LOG MAPPA …", "ACTION PLAN" no.
        return bool(re.search(r"\b(?:to|agreed|will)\s+[a-z]", rest))
    if not bare and not m.group("num"):
        return bool(m.group("sep").strip())  # "Action point: …"
    # "Action 3 - …", "Action: …"; not "Action plans were devised"
    return bool(m.group("num")) or m.group("sep").strip() in (":", "-", "–", "—")


def _sentence_before(text: str, pos: int) -> tuple[int, str]:
    """The sentence a tag closing it at ``pos`` belongs to, on the tag's line: (start, words)."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    cut = before.rfind(". ", 0, len(before.rstrip()) - 1)
    start = line_start + (cut + 2 if cut >= 0 else 0)
    return start, text[start:pos].strip()


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def _extend(text: str, start: int, wrap_width: int) -> int:
    """End of an action that starts at ``start``: its line, plus wrapped continuation lines."""
    end = _line_end(text, start)
    while end < len(text):
        line = text[text.rfind("\n", 0, end) + 1:end]
        nxt_end = _line_end(text, end + 1)
        nxt = text[end + 1:nxt_end]
        if (not nxt.strip() or len(line) < wrap_width or line.rstrip().endswith((".", "!", "?", ";", ":"))
                or _NEW_BLOCK.match(nxt) or is_action_line(nxt)):
            break
        end = nxt_end
    return end


def _wrap_width(text: str) -> int:
    """Lines at least this long are taken as wrapped (PDF text); a blank-line layout never wraps."""
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    if not lengths:
        return 10**9
    p90 = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]
    return max(60, int(p90 * 0.8))


def _unwrap(text: str) -> str:
    """An action's text with the line breaks of a wrapped paragraph read as spaces."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", text.strip())


def _number(raw: str | None) -> int | None:
    """The action's number: 3 of "3", "3.1", "3/22" (its meeting's year or number after it), "07-01"."""
    return int(re.split(r"[./-]", raw)[0]) if raw else None


def find_text_actions(text: str, skip: list[tuple[int, int]] | None = None) -> list[TextAction]:
    """Actions marked in ``text`` (not inside the ``skip`` ranges, e.g. tables)."""
    skip = skip or []
    width = _wrap_width(text)
    found: list[TextAction] = []

    def skipped(pos: int) -> bool:
        return any(a <= pos < b for a, b in skip)

    fielded: list[tuple[int, int]] = []  # task-and-fields blocks: their "ACTION:" lines are theirs
    for m in ASSIGNED_BLOCK.finditer(text):
        if skipped(m.start()):
            continue
        fielded.append((m.start(), m.end()))
        start = m.start("text") + len(m.group("text")) - len(m.group("text").lstrip())
        end = m.start("text") + len(m.group("text").rstrip())
        owner = m.group("owner")
        found.append(TextAction(start, end, _unwrap(text[start:end]), None,
                                (owner_tag(owner) or [owner]) if owner else [], tag_owned=True,
                                due=m.group("due") or None))
    for m in ASSIGNED_ITEM.finditer(text):
        if skipped(m.start()):
            continue
        fielded.append((m.start(), m.end()))
        head = ACTION_HEAD.match(m.group("text"))  # "* ACTION: Cancel the review / * Assigned: Greg"
        start = m.start("text") + (head.end() if head and head.end() < len(m.group("text")) else 0)
        owner = m.group("owner")
        owners = [] if owner.strip().upper() in ("", "TBD", "TBC", "N/A") else (owner_tag(owner) or [owner])
        found.append(TextAction(start, m.end("text"), text[start:m.end("text")], None, owners, tag_owned=True,
                                status=(m.group("status") or "").strip() or None, span_end=m.end()))
    for m in ACTION_HEAD.finditer(text):
        if skipped(m.start()) or any(a <= m.start() < b for a, b in fielded):
            continue
        body_start = m.end()
        rest_end = _line_end(text, body_start)
        rest = text[body_start:rest_end].strip()
        owned = _TAG_OWNERS.match(rest) if not (m.group("num") or m.group("sep").strip()) else None
        if owned:
            # "ACTION MW: Contact Valyfy", "Action TL: Find the transfer script": the owner between
            # the tag and the colon
            task = body_start + len(text[body_start:rest_end]) - len(text[body_start:rest_end].lstrip()) + owned.end()
            end = _extend(text, task, width)
            found.append(TextAction(task, task + len(text[task:end].rstrip()), _unwrap(text[task:end]), None,
                                    split_owners(owned.group("owner")), tag_owned=True))
            continue
        if not _accept(m, rest):
            continue
        if not rest and m.group("kw").lower().startswith("action"):
            found.extend(_action_list(text, rest_end, width))
            continue
        if not rest:
            continue
        end = _extend(text, body_start, width)
        body = _unwrap(text[body_start:end])
        tag = owner_tag(body) if m.group("sep").strip() else None
        if tag is not None and (body.strip(" .").lower() in NO_ONE or all(t.strip(" .").lower() in NO_ONE for t in tag)):
            continue  # "Action: None" / "Action: N/A": the action column says there is none
        if tag is not None and not re.search(r"\bto\s+[a-z]", body):
            # "ACTION: JB" closing a paragraph: the action is the paragraph above.
            prev = _previous_paragraph(text, m.start(), width)
            if prev:
                start, end = prev
                start = _owner_sentence(text, start, end, tag)
                words = text[start:end].strip()
                if words.endswith(":"):
                    # "… the following needed to be resolved:" with its list under the tag line
                    items = _marked_list(text, rest_end, width)
                    if items:
                        end = items[-1].end
                        words = "\n".join([words] + [item.text for item in items])
                found.append(TextAction(start, end, words, _number(m.group("num")), tag, tag_owned=True))
            continue
        # an action's own reference before its words ("03-01 SB to update …") names no owner
        ref = ITEM_REF.match(body)
        owners = owners_from_text(body[ref.end():].lstrip() if ref else body)
        found.append(TextAction(body_start, body_start + len(text[body_start:end].rstrip()), body,
                                _number(m.group("num")), owners))
    for m in ACTION_TAG.finditer(text):
        if skipped(m.start()):
            continue
        s, sentence = _sentence_before(text, m.start())
        if sentence and not any(f.start <= s < f.end for f in found):
            owners = owner_tag(m.group("owners")) or [m.group("owners").strip()]
            found.append(TextAction(s, s + len(sentence), sentence, None, owners, tag_owned=True))
    for m in ACTION_BRACKET.finditer(text):
        if skipped(m.start()) or any(f.start <= m.start() < max(f.end, f.span_end or 0) for f in found):
            continue
        owners = split_owners((m.group("owners") or "").replace("@", ""))
        rest = text[m.end():_line_end(text, m.end())].strip()
        if len(rest.split()) >= 2:  # the task follows the tag (and may wrap onto the next lines)
            end = _extend(text, m.end(), width)
            found.append(TextAction(m.end(), m.end() + len(text[m.end():end].rstrip()), _unwrap(text[m.end():end]),
                                    None, owners, tag_owned=bool(owners)))
            continue
        s, sentence = _sentence_before(text, m.start())  # the tag closes its sentence
        if len(sentence.split()) >= 2:
            found.append(TextAction(s, s + len(sentence), sentence, None, owners, tag_owned=bool(owners)))
    for m in OWNER_FIRST_ACTION.finditer(text):
        if skipped(m.start()) or any(f.start <= m.start("text") < f.end for f in found):
            continue
        found.append(TextAction(m.start("text"), m.end("text"), m.group("text"), None,
                                owner_tag(m.group("owner")) or [m.group("owner")]))
    for m in TODO.finditer(text):
        owners = owners_from_text(m.group("text"))
        # "Todo: Aleksandra will send it …" is someone's task; a report's "TODO: LICENSE plugins" is a note
        if not owners or skipped(m.start()) or any(f.start <= m.start("text") < f.end for f in found):
            continue
        found.append(TextAction(m.start("text"), m.end("text"), m.group("text"), None, owners))
    for m in ACTION_LAST.finditer(text):
        # "Need to restock the first aid cabinet. ACTION.": the tag a margin column would hold, at the line's end
        if skipped(m.start()) or any(f.start <= m.start("text") < f.end for f in found):
            continue
        found.append(TextAction(m.start("text"), m.end("text"), m.group("text"), None, []))
    for m in ACTION_LINK.finditer(text):
        if m.group("see") or skipped(m.start()) or any(f.start <= m.start("text") < f.end for f in found):
            continue
        found.append(TextAction(m.start("text"), m.end("text"), m.group("text"), None, _link_speaker(text, m.start())))
    found.sort(key=lambda a: a.start)
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def line_above(text: str, line_start: int) -> tuple[int, str] | None:
    """The nearest non-blank line above the line that starts at ``line_start``: (its start, its text)."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, text[start:end]
        end = start - 1
    return None


def speaker_above(text: str, pos: int, nearest: bool = False) -> int | None:
    """The start of the speaker's line ("11. MDA - Yes, ok:") that the line holding ``pos``
    hangs under (less indented); ``nearest``: only if it is the very next line up."""
    line_start = text.rfind("\n", 0, pos) + 1
    indent = _indent(text[line_start:pos])
    above = line_above(text, line_start)
    while above is not None and _indent(above[1]) >= indent and not nearest:
        above = line_above(text, above[0])
    if above is None or _indent(above[1]) >= indent or not SPEAKER_LINE.match(above[1]):
        return None
    return above[0]


def _link_speaker(text: str, pos: int) -> list[str]:
    """Who took on a linked action: the speaker on its own line ("MDA - [Action-…]"), else the
    speaker of the line it hangs under ("11. MDA - Yes, ok:" above "- [Action-…]")."""
    line_start = text.rfind("\n", 0, pos) + 1
    own = SPEAKER_LINE.match(text[line_start:pos])
    if own:
        return [own.group("who")]
    above = speaker_above(text, pos)
    found = SPEAKER_LINE.match(text[above:]) if above is not None else None
    return [found.group("who")] if found else []


# "* Roy: Update the guidance …" / "@Brett: Request a better report" / "AI: Jim: draft the note":
# an item that opens with who is to act and a colon.
_OWNER_COLON = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<bullet>[-•*·▪–]|\d{1,2}[.)])[ \t]+)?(?:AI:[ \t]*)?(?P<at>@)?"
    r"(?P<owner>(?-i:all|everyone)|[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}"
    r"(?:[ \t]*(?:/|&|\+|,|and)[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)?)*)"
    r":[ \t]+(?P<task>\S.*)$",
    re.MULTILINE,
)
# An action log line that opens with the action's own reference, then its owners and task:
# "- Sep ACT-OWIS-TC-2016-46: LM - Circulate the url …", "* A12/03 JB: draft the letter".
_REF_OWNER = re.compile(
    r"^[ \t]*(?:[-•*·▪][ \t]+)?(?:[A-Z][a-z]{2}[ \t]+)?(?P<ref>(?:ACT(?:ION)?|AP|A)[-/A-Z0-9]*\d[-/A-Z0-9]*)"
    r":?[ \t]+(?P<owner>(?:ALL|All|[A-Z][A-Za-z]{0,4})(?:[ \t]*[/,&][ \t]*[A-Z][A-Za-z]{0,4})*)[ \t]*[-–:][ \t]+"
    r"(?P<task>\S.*)$",
    re.MULTILINE | re.IGNORECASE,
)
# "Status: still not done" under an action item, as written.
STATUS_LINE = re.compile(r"^[ \t]*(?:[-•*·▪][ \t]*)?status[ \t]*:[ \t]*(?P<status>.*)$", re.IGNORECASE)
ASSIGNEE_LINE = re.compile(r"^[ \t]*(?:[-•*·▪][ \t]*)?" + _ASSIGNEE_LABEL + r"[ \t]*:[ \t]*\S", re.IGNORECASE)
# A point of a list of actions written task first, its owners after a dash: "● Get budget
# summaries to Committee Chairs – Robin", "FireWise meetings planned – Committee Chair"
# (the last dash: "the budget for 2026 – 2027 – Robin, Committee Chairs, and Board").
_TASK_DASH_OWNER = re.compile(r"^[ \t]*(?:" + BULLET_MARKS + r")[ \t]+"
                              r"(?P<task>\S[^\n]*?\S)[ \t]+[–—-][ \t]+(?P<owner>[A-Z][^–—\n]{0,60}?)[ \t.]*$", re.MULTILINE)
# An owner named after the dash: a name or a role, a few capitalised words ("Committee Chairs", "Board")
_OWNER_WORDS = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+(?:of|the|[A-Z][\w.'’-]*)){0,3}")
# "Required Board Actions", "Actions required", "Board actions needed": the meeting's own list
# Names of a paper's own list of actions: "Required actions", "Actions needed", "Action list
# summary", "Actions Summary", "Summary of actions".
ACTION_LIST_NAMES = (r"required\s+(?:[a-z]+\s+)?actions?|(?:[a-z]+\s+)?actions?\s+(?:required|needed)"
                     r"|actions?(?:\s+list)?\s+summary|summary\s+of\s+(?:the\s+)?actions?")
# Headings of a list of actions carried from meeting to meeting.
_ACTION_SECTION = re.compile(
    r"^[ \t#*]*(?:\d{1,2}[.)]?[ \t]+)?(?:review\s+(?:of\s+)?(?:outstanding\s+)?action|outstanding\s+action"
    r"|(?:previous\s+|open\s+|new\s+)?action\s+(?:items|points)|actions?\s+(?:from|arising)|matters\s+arising|new\s+action"
    r"|(?:" + ACTION_LIST_NAMES + r")\b"
    # a heading that is only "Actions" ("**Actions/Resolutions**", "Actions and decisions")
    r"|actions?(?:\s*(?:/|&|and)\s*(?:resolutions?|decisions?))?[ \t*:#]*$)", re.IGNORECASE)
_NEXT_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*[ \t]*$)", re.MULTILINE)
# Field labels that look like "Owner: task" but are not ("Date: …", "Status: …", "Note: …").
_NOT_OWNERS = {"assigned", "owner", "owners", "responsible", "due", "date", "status", "time", "venue", "place", "location", "present", "apologies", "attendees", "subject",
               "from", "to", "cc", "sent", "note", "notes", "update", "action", "actions", "agenda", "item", "minutes",
               "decision", "decisions", "outcome", "comment", "comments", "re", "title", "chair", "purpose", "summary",
               "background", "resolved", "agreed", "proposal", "motion", "result", "report", "attachment", "see",
               "question", "answer", "response", "total", "meeting", "page", "tel", "email", "e-mail", "web", "url"}


# "Treasurer's Report: …", "Library Manager's Update: …": a heading, not who acts.
_REPORT_HEAD = re.compile(r"\b(?:report|update|minutes|notes|items?|matters|business|news|summary)$", re.I)


@dataclass
class OwnedItem:
    start: int
    end: int
    text: str
    number: int | None = None
    owners: list[str] = field(default_factory=list)
    status: str | None = None
    tag_owned: bool = True


def _among_fields(text: str, line_start: int, indent: int) -> bool:
    """The nearest line above or below this one (blank lines aside) is, at its indent, a field of
    the same item ("Assigned: …", "Status: …")."""
    above = [x for x in text[max(0, line_start - 400):line_start].split("\n")[:-1] if x.strip()][-1:]
    end = _line_end(text, line_start)
    below = [x for x in text[end + 1:end + 400].split("\n") if x.strip()][:1]
    return any(len(x) - len(x.lstrip()) == indent and (ASSIGNEE_LINE.match(x) or STATUS_LINE.match(x))
               for x in above + below)


def action_sections(text: str) -> list[tuple[int, int]]:
    """Spans of the paper's lists of actions ("# Action Items (AIs)", "Actions arising", "New
    actions"): each runs to the next Markdown heading or bold title line (at most 20,000 characters)."""
    section_at = [m.start() for m in re.finditer(r"^[^\n]*$", text, re.MULTILINE)
                  if _ACTION_SECTION.match(text[m.start():m.end()])]
    sections = []
    for h in section_at:
        nxt = _NEXT_HEADING.search(text, _line_end(text, h) + 1)
        sections.append((h, min(nxt.start() if nxt else len(text), h + 20000)))
    return sections


MARKED_HEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]|\*\*)")


def points_end(text: str, pos: int) -> int:
    """Where the bulleted points after a plain heading (a PDF's, with no written end) end: at
    the first written line after a blank line that is no point ("Adjournment"); a point's
    wrapped lines follow it directly."""
    after_blank, seen_point = False, False
    for m in re.finditer(r"[^\n]*", text[pos:]):
        line = m.group()
        if not line.strip():
            after_blank = True
            continue
        if BULLET.match(line):
            seen_point, after_blank = True, False
            continue
        if after_blank or not seen_point:
            return pos + m.start()
    return len(text)


def find_owner_items(text: str, skip: list[tuple[int, int]] | None = None,
                     people: People | None = None, sections: list[tuple[int, int]] | None = None) -> list[OwnedItem]:
    """Action items written "Owner: task" (bulleted, "@Owner:" or "AI: Owner:"), with the
    "Status: …" line that follows one kept as its status. A plain "Name: text" line counts only
    under an action-items heading or with a Status line: elsewhere it may be a speaker or a field.
    ``people`` and ``sections`` (``action_sections``): when the caller has read them."""
    skip = skip or []
    found: list[OwnedItem] = []
    for m in _REF_OWNER.finditer(text):
        if any(a <= m.start() < b for a, b in skip) or not m.group("owner")[:1].isupper():
            continue
        body_start = m.start("owner")
        end = _line_end(text, m.end())
        owners = owner_tag(m.group("owner")) or [m.group("owner")]
        found.append(OwnedItem(body_start, end, _unwrap(text[body_start:end]), None, owners))
    skip = skip + [(f.start, f.end) for f in found]
    people = attendance(text) if people is None else people
    sections = action_sections(text) if sections is None else sections
    for m in _OWNER_COLON.finditer(text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        owner = m.group("owner").strip()
        if owner.split()[0].lower().strip(".") in _NOT_OWNERS or len(owner) > 40 or _REPORT_HEAD.search(owner):
            continue
        # the task runs on over its wrapped lines, up to a blank line, a Status line or the next item
        end = m.end()
        status = None
        indent = len(m.group("indent")) + (len(m.group("bullet")) + 1 if m.group("bullet") else 0)
        while end < len(text):
            nxt_end = _line_end(text, end + 1)
            nxt = text[end + 1:nxt_end]
            if not nxt.strip():
                break
            st = STATUS_LINE.match(nxt)
            if st:
                status = st.group("status").strip() or None
                break
            if _OWNER_COLON.match(nxt) or _NEW_BLOCK.match(nxt) or len(nxt) - len(nxt.lstrip()) < indent:
                break
            end = nxt_end
        in_section = any(a < m.start() < b for a, b in sections) and bool(m.group("bullet"))
        if not (m.group("at") or status is not None or in_section or "AI:" in m.group(0)):
            continue
        if _among_fields(text, m.start(), len(m.group("indent"))):
            continue  # "* Assigned: Katy / * Done: http://…": another field of one item
        owners = owner_tag(owner) or [owner]
        if owner.lower() in EVERYONE:
            owners = [owner]  # "all: decide whether …" in a list of actions: the whole meeting's task
        elif not m.group("at") and people and not all(named(o, people) or o.lower() in EVERYONE for o in owners):
            continue  # "Goal: …", "Concern: …", "PR: …": a field of an item, not someone the paper lists
        body_start = m.start("owner")
        body = _unwrap(text[body_start:end])
        found.append(OwnedItem(body_start, end, body, None, owners, status))
    taken = skip + [(f.start, f.end) for f in found]
    for m in _TASK_DASH_OWNER.finditer(text):
        # "● Get budget summaries to Committee Chairs – Robin" in the paper's list of actions
        if any(a <= m.start() < b for a, b in taken) or not any(a < m.start() < b for a, b in sections):
            continue
        owners = split_owners(m.group("owner"))
        if not owners or len(m.group("task").split()) < 2 or not all(
                _OWNER_WORDS.fullmatch(o) and named(o, people) for o in owners):
            continue  # "Great Park, Current Need – Approved": an outcome, not who acts
        found.append(OwnedItem(m.start("task"), m.end("task"), m.group("task"), None, owners))
    return found


def _owner_sentence(text: str, start: int, end: int, owners: list[str]) -> int:
    """Where the paragraph above an "ACTION: AH" tag gives the tagged owner the task: its sentence
    that opens on the owner ("DT asked that we concentrate on fundraising. AH will approach the
    artist …": AH's action starts at "AH will"), else the paragraph's start."""
    names = [re.escape(o) for o in owners if o and o[:1].isalpha()]
    if not names:
        return start
    opening = re.compile(r"(?<=[.!?])\s+(?=(?:" + "|".join(names) + r")\b(?:\s+\w+)?\s+(?:will|to|would|agreed|should)\b)")
    m = opening.search(text, start, end)
    return m.end() if m else start


def _previous_paragraph(text: str, pos: int, width: int) -> tuple[int, int] | None:
    """The paragraph that ends before ``pos``: its last line plus the wrapped lines above it."""
    head = text[:pos].rstrip()
    if not head:
        return None
    start = head.rfind("\n") + 1
    while start > 0:
        above_start = head.rfind("\n", 0, start - 1) + 1
        above = head[above_start:start - 1]
        if not above.strip() or ACTION_HEAD.match(above) or LIST_ITEM.match(head[start:_line_end(head, start)]):
            break
        # a short line ends the paragraph above only when it ends a sentence: minutes set beside
        # an owner column wrap well short of the page ("… following additional" / "consultation.")
        if len(above) < width and above.rstrip().endswith((".", "!", "?", ":", ";")):
            break
        start = above_start
    return start, len(head)


def _marker_kind(line: str) -> str:
    return "number" if re.match(r"^[ \t]*\(?\d", line) else "letter" if re.match(r"^[ \t]*\(?[a-z][.)]", line) else "bullet"


def _marked_list(text: str, pos: int, width: int) -> list[TextAction]:
    """The bulleted or numbered list that starts on the line after ``pos`` (a blank line may come
    first), or nothing when that line is not a list item."""
    i = pos + 1
    while i < len(text) and not text[i:_line_end(text, i)].strip():
        i = _line_end(text, i) + 1
    if i >= len(text) or not LIST_ITEM.match(text[i:_line_end(text, i)]):
        return []
    items = _action_list(text, pos, width)
    # the list ends at its first blank line (the next item of the minutes may be numbered too)
    kept = items[:1]
    for item in items[1:]:
        if re.search(r"\n[ \t]*\n", text[kept[-1].end:item.start]):
            break
        kept.append(item)
    return kept


def _action_list(text: str, pos: int, width: int) -> list[TextAction]:
    """Items of an "Actions:" list that starts after ``pos``: bulleted or numbered lines of one
    kind (a numbered heading after a bulleted list ends it), or plain lines up to a blank line."""
    out: list[TextAction] = []
    i = pos + 1
    kind: str | None = None
    while i < len(text):
        e = _line_end(text, i)
        line = text[i:e]
        if not line.strip():
            if out and kind is None:
                break
            i = e + 1
            continue
        m = LIST_ITEM.match(line)
        if m and kind in (None, _marker_kind(line)) and (kind or not out):
            kind = _marker_kind(line)
            body_start = i + m.start("text")
        elif not m and kind is None:
            body_start = i + (len(line) - len(line.lstrip()))  # unbulleted: one action per line
        else:
            break
        end = _extend(text, body_start, width)
        body = _unwrap(text[body_start:end])
        out.append(TextAction(body_start, body_start + len(text[body_start:end].rstrip()), body, None,
                              owners_from_text(body)))
        i = end + 1
    return out
