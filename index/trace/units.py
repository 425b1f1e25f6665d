"""Candidate follow-ups: the sentences, table rows and attachment names of a document.

A follow-up is rarely a whole paragraph: one sentence of a cover e-mail can promise a
workshop while the next encloses a leaflet. So paragraphs are cut into sentences, table rows
stay whole (their status cell says Complete / Ongoing), and each attachment line
("<< File: Letter to SOLOs Forum.docx >>", "- [Agenda.docx](#)") is a unit of its own, because
what was attached is often the only record that a promised paper went out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.trace.text import Acronyms, content_stems, sequence
from ingest.chunking import BULLET, SHORT_POINT_WORDS, line_indent
from ingest.extract.actions import ASSIGNEE_LINE, STATUS_LINE, is_action_line, speaker_above
from ingest.furniture import BACKREF_RE, CHECK_BOX, OWNER_TAG_LINE, STATE_WORDS, state_under
from ingest.models import Action, Document, Passage

# a sentence ends at its stop, or at a line that opens on an action's reference or tag
# ("Action: 05-04 Invite …" / "03-02 closed.": the status of another action)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\u2588\[\(\"“‘'])"
                           r"|\n(?=[ \t]*(?:\d{1,3}[-/]\d{2,4}\b|(?i:action)\b))")
_ATTACHMENT_RES = (
    re.compile(r"<<\s*(?:File|Attachment)s?\s*:\s*(?P<name>[^>]+?)\s*>>", re.IGNORECASE),
    re.compile(r"\[(?P<name>[^\]]+?\.(?:docx?|pdf|xlsx?|pptx?|msg|rtf|odt|txt|csv))\]", re.IGNORECASE),
    re.compile(r"^\W{0,4}(?:Attachments?:\s*)?(?P<name>[^\n<>]{3,120}?\.(?:docx?|pdf|xlsx?|pptx?|msg|rtf|odt))\b", re.IGNORECASE | re.MULTILINE),
)
_REC_RE = re.compile(r"\brec(?:ommendation)?s?\.?\s*(?:no\.?\s*)?(\d{1,2})\b", re.IGNORECASE)
_ACTION_NO_RE = re.compile(r"\baction(?:\s+(?:no\.?|number|point))?\s*(\d{1,3})\b", re.IGNORECASE)
# An action's reference as logs write it: "ACT-TC-2016-46", "Action-SC-2017-64", "AP3", "R7", "05-15"
# (month-number), "Action 12/03". Item numbers ("3.1") and dates are not references.
REF_RE = re.compile(
    # ("May25.01", "Sept25.04": a council's action numbers by month and year, each its own)
    r"\b(?:[A-Z][A-Za-z]{0,6}-)*[A-Z]{1,6}-?\d{1,4}(?:[-/]\d{1,4}|\.\d{1,3}(?=\b))*\b"
    r"|(?<![\d/.\-])(?:0[1-9]|1[0-2])-\d{2}(?![\d/.\-])"
    r"|\baction\s+\d{1,3}/\d{1,3}\b",
    re.IGNORECASE,
)
_BARE_REF_RE = re.compile(r"(?:^|\t)\s*(\d{1,3}/\d{2,4})(?=[\s\t:–-])", re.MULTILINE)
# A sub-item's lead-in title: "b) Notice to the tenants – ...", "Bandstand: ..."
_LEAD_RE = re.compile(r"^\W*(?:[a-z]\)\s*|\d+(?:\.\d+)*\.?\s+)?([A-Z][^–:\n]{2,60}?)\s+[–:-]\s+\S")
_DATE_LIKE_RE = re.compile(r"^(?:19|20)\d\d(?:[-/]\d\d?)*$")
# Headings under which minutes report back on earlier actions.
STATUS_WORDS = re.compile(
    r"^\W*(complete[d]?|closed|done|achieved|discharged|open|ongoing|on-going|in progress|on track|"
    r"underway|carried forward|c/f|b/f|deferred|not started|pending|superseded|dropped|withdrawn)\b",
    re.IGNORECASE,
)


@dataclass
class Unit:
    doc: Document
    passage: Passage
    text: str
    start: int  # offset in doc.text
    end: int
    kind: str  # sentence, row, attachment, action
    terms: set[str] = field(default_factory=set)
    seq: list[str] = field(default_factory=list)  # content stems in order, for shared phrases
    recs: set[int] = field(default_factory=set)
    action_numbers: set[int] = field(default_factory=set)
    status_cell: str | None = None
    action: Action | None = None
    backref_section: bool = False
    # under a heading that lists actions done ("Completed Actions", "Actions closed")
    done_section: bool = False
    refs: set[str] = field(default_factory=set)  # action references written in it (upper case)
    head_terms: set[str] = field(default_factory=set)  # stems of the item heading it sits under
    lead_terms: set[str] = field(default_factory=set)  # stems of its lead-in title ("Bandstand – JT reported ...")
    date: str | None = None  # the document's date, or its meeting's when it has none of its own
    block: int = 0  # offset of the paragraph (block) of its passage it was cut from
    around: str = ""  # that paragraph's text (a sentence's status words may be in its neighbours)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
# text that stops mid-sentence: a word or a comma, not a stop, colon or closing mark
_RUNS_ON = re.compile(r"[a-z,]\Z")


def _block_sentences(passage: Passage) -> list[tuple[int, int, int, int]]:
    """(start, end, block start, block end) of the sentences of a passage within its blocks: a passage
    joins the blocks under one heading (ingest/chunking.py), and the heading line and each
    paragraph stay units of their own."""
    text = passage.text
    cuts = [0, *passage.parts]
    head = heading_line(passage)
    if head:
        cuts.append(text.find("\n") + 1)
    # a blank line inside a running sentence (a page break: "… developed by SCC for the" /
    # "contract process had been …") cuts nothing
    cuts += [m.end() for m in _BLANK_LINE.finditer(text)
             if not (_RUNS_ON.search(text, 0, m.start()) and text[m.end():m.end() + 1].islower())]
    cuts = sorted(set(cuts)) + [len(text)]
    out: list[tuple[int, int, int, int]] = []
    pieces = list(zip(cuts, cuts[1:], strict=False))
    k = 0
    while k < len(pieces):
        a, b = pieces[k]
        block = text[a:b]
        run = k + 1
        while block.rstrip().endswith(":") and run < len(pieces) and _short_point(text[slice(*pieces[run])]):
            run += 1
        if run > k + 2:
            # "Completed decisions – these had been completed:" over a list of short points: one
            # report, the lead-in saying what became of every point
            out.append((a, _trimmed_end(text, *pieces[run - 1]), a, pieces[run - 1][1]))
            k = run
            continue
        if k + 1 < len(pieces) and _bullet_title_over(block, text[slice(*pieces[k + 1])]):
            # "* Tracking issue for board updates [#476]" over "  * Board meeting on Friday": the
            # item's title says nothing of what became of it; it is read with its first note
            c, d = pieces[k + 1]
            out += [(a, y, a, d) if n == 0 else (x, y, c, d) for n, (x, y) in enumerate(_spans(text, c, d))]
            k += 2
            continue
        k += 1
        out += [(x, y, a, b) for x, y in _spans(text, a, b)]
    return out


def _spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The units of one block: a short bullet note whole (its sentences say one thing), else its sentences."""
    block = text[a:b]
    if BULLET.match(block) and len(block.strip()) <= NOTE_CHARS:
        return [(a, _trimmed_end(text, a, b))]
    return [(a + x, a + y) for x, y in sentences(block)]


def _trimmed_end(text: str, a: int, b: int) -> int:
    return a + len(text[a:b].rstrip())


def _bullet_title_over(block: str, below: str) -> bool:
    """A bullet that is an item's title (no sentence, a line) over a note set in under it."""
    title = block.strip()
    return (bool(BULLET.match(block)) and bool(BULLET.match(below)) and line_indent(below) > line_indent(block)
            and "\n" not in title and not title.endswith((".", ":", "?", "!")) and len(title.split()) <= 16)


def _short_point(block: str) -> bool:
    return bool(BULLET.match(block)) and len(block.split()) <= SHORT_POINT_WORDS + 1


_NEW_ITEM = re.compile(BULLET.pattern + r"|^[ \t]*\d{1,3}[.)][ \t]+(?=\S)")  # a bullet or a numbered item
# A bullet note of up to this many characters is one follow-up, not a sentence each: notes-style
# minutes write "* Last week, a doc … was promised for this week. There is a draft …" as one note.
NOTE_CHARS = 320


def _next_line_end(text: str, newline: int) -> int:
    """The end of the line after the newline at ``newline``."""
    e = text.find("\n", newline + 1)
    return len(text) if e < 0 else e


def _status_line_end(text: str, end: int) -> int | None:
    """The end of the "Status: …" paragraph right after an action ending at ``end``, if one follows."""
    line_start = text.find("\n", end)
    if line_start < 0:
        return None
    line_end = _next_line_end(text, line_start)
    if ASSIGNEE_LINE.match(text[line_start + 1:line_end]):  # "* Assigned: Greg" between them
        line_start, line_end = line_end, _next_line_end(text, line_end)
    if not STATUS_LINE.match(text[line_start + 1:line_end]):
        return None
    # its wrapped lines, up to a blank line or the next item ("* Sam: pursue …" right under it)
    while line_end < len(text):
        nxt = _next_line_end(text, line_end)
        line = text[line_end + 1:nxt]
        if not line.strip() or STATUS_LINE.match(line) or _NEW_ITEM.match(line):
            break
        line_end = nxt
    return line_end


def _reply_above(text: str, start: int) -> int | None:
    """The start of the speaker's line an action's bullet hangs under ("3. MD - Ok, I can do that:"
    right above "    - [Action-…]"), when there is one."""
    line_start = text.rfind("\n", 0, start) + 1
    if not re.match(r"^[ \t]+[-*•]", text[line_start:start]):
        return None
    return speaker_above(text, start, nearest=True)


# A log row's own number before its task ("1.1<TAB>To look further into …"), and dotted numbers
# the text calls actions ("Actions 2.1-3 done", "including 8.1, 8.2, part of 8.3", "Completed
# actions: 1.1, …"). Dotted numbers are item numbers elsewhere: only these count, as "#2.1".
_ROW_NUMBER = re.compile(r"^[ \t]*(\d{1,3}(?:\.\d{1,3})+)\.?\t")
_NAMED_NUMBERS = re.compile(r"\bactions?\b[^.\n]{0,60}?(?<![\d.])(\d{1,3}\.\d{1,3}(?:-\d{1,3})?"
                            r"(?:(?:\s*,\s*|\s+and\s+|,?\s+part\s+of\s+)\d{1,3}\.\d{1,3}(?:-\d{1,3})?)*)",
                            re.IGNORECASE)
_DOTTED = re.compile(r"(\d{1,3})\.(\d{1,3})(?:-(\d{1,3}))?")
MAX_RANGE = 20
# a sentence of a report on actions that opens on the action's dotted number: "1.3, Torben … visited"
_LISTED_NUMBER = re.compile(r"(?:^\W{0,3}|[.;:]\s+)(\d{1,3}\.\d{1,3})\s*[,:–-]\s")
_DONE_HEADING = re.compile(r"\b(?:completed|closed|done|finished)\s+actions?\b|\bactions?\s+(?:completed|closed|done)\b", re.I)


def named_numbers(text: str) -> list[tuple[set[str], str]]:
    """Each run of action numbers the text names, with the words after it ("Actions 2.1-3
    done" -> ({"#2.1", "#2.2", "#2.3"}, " done"))."""
    out = []
    for m in _NAMED_NUMBERS.finditer(text):
        numbers = {f"#{major}.{n}" for major, low, high in _DOTTED.findall(m.group(1))
                   for n in range(int(low), (int(high) if high and int(low) < int(high) <= int(low) + MAX_RANGE
                                             else int(low)) + 1)}
        out.append((numbers, text[m.end():m.end() + 40]))
    return out


def numbered_refs(text: str) -> set[str]:
    """The dotted action numbers ``text`` names ("#2.1", "#2.2", "#2.3" for "Actions 2.1-3")."""
    out: set[str] = set()
    row = _ROW_NUMBER.match(text)
    if row:
        out.add("#" + row.group(1))
    for numbers, _after in named_numbers(text):
        out |= numbers
    return out


def refs_in(text: str) -> set[str]:
    """Action references in a text, upper-cased ('act-tc-2016-46' = 'ACT-TC-2016-46')."""
    out = numbered_refs(text)
    for m in REF_RE.finditer(text):
        token = re.sub(r"\s+", " ", m.group(0)).upper()
        if _DATE_LIKE_RE.match(token) or (token[:1].isalpha() and not any(c.isdigit() for c in token)):
            continue
        if re.fullmatch(r"[A-Z]\d", token) and not token.startswith(("R", "A")):
            continue  # "Q3", "B2": too short to be a reference unless Rn / An
        out.add(re.sub(r"^ACTION\s+", "", token))
    out.update(m.group(1) for m in _BARE_REF_RE.finditer(text))
    return out


def recs_in(text: str) -> set[int]:
    return {int(n) for n in _REC_RE.findall(text)}


def status_of_cells(cells: list[str] | None) -> str | None:
    """The status column of a row, if one of its later cells is a status word."""
    if not cells or len(cells) < 2:
        return None
    for cell in reversed(cells[1:]):
        m = STATUS_WORDS.match(cell.strip())
        if m and len(cell.strip()) < 80:
            return m.group(1).lower()
    return None


def _is_name_list(text: str) -> bool:
    """A letterhead, attendance or distribution list: lines of names and bodies, no sentence."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    alpha = re.findall(r"[A-Za-z][A-Za-z'’]+", text)
    if not alpha:
        return True
    if any(is_action_line(ln) for ln in lines):
        return False  # "● Hackathon? / ○ Valyfy / ■ ACTION MW: Contact guild": a task among short titles
    capitalised = sum(1 for w in alpha if w[0].isupper() or w.lower() in ("of", "and", "for", "the"))
    return capitalised / len(alpha) > 0.8 and (len(lines) > 1 or not re.search(r"[.;:]\s*$", text.strip()))


def _is_item_with_fields(passage: Passage) -> bool:
    """A bullet with its sub-bullets joined under it (ingest/chunking.py), one of them a "Status:"
    or "Assigned:" field."""
    if passage.kind != "list_item" or not passage.parts:
        return False
    lines = [ln for ln in passage.text.splitlines() if ln.strip()]
    first = line_indent(lines[0])
    return all(line_indent(ln) > first for ln in lines[1:]) and any(
        STATUS_LINE.match(ln) or ASSIGNEE_LINE.match(ln) for ln in lines[1:])


# A field that is itself the status: "* Done: http://…", "* Done (differently): …".
_DONE_FIELD = re.compile(r"^[ \t]*(?:[-•*·▪][ \t]*)?(?:done|completed?|closed)\b[ \t]*(?:\([^)]{0,40}\))?[ \t]*:",
                         re.IGNORECASE)


# "Item 1: The team's CFGs were reviewed and uploaded. Status: Closed": a status closing the line
_INLINE_STATUS = re.compile(r"\bstatus\s*[:\-–]\s*(?P<status>[^\n:]{2,30}?)\W*$", re.IGNORECASE)


def _inline_status(text: str) -> str | None:
    m = _INLINE_STATUS.search(text)
    found = STATUS_WORDS.match(m.group("status")) if m else None
    return found.group(1).lower() if found else None


# A review list's check box ("- [x] (AA) Send out the agenda", "- [ ] (AB) Check …"), and a state
# closing the line ("Action 2.1: AA to pass … _Done. Closed_", "… _Ongoing._", "(done)")
_CHECK_BOX = re.compile(r"^[ \t]*(?:[-*+•][ \t]+)?" + CHECK_BOX)
_STATE_CLOSING = re.compile(r"[\s_*(\[](?P<state>" + STATE_WORDS + r")[\s._*)\]]*$", re.IGNORECASE)


_DENIED = re.compile(r"(?:\b(?:not|never|yet\s+to)\b|n[’']t\b)(?:\s+\w+){0,3}\s*$", re.IGNORECASE)


def _line_state(text: str, start: int, end: int) -> str | None:
    """The state the line(s) holding ``text[start:end]`` give: its check box, or the last words of
    its line from ``start``."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: line_end if line_end >= 0 else len(text)]
    box = _CHECK_BOX.match(line)
    if box:
        return {" ": "not done", "": "not done", "-": "in progress"}.get(box.group("box"), "done")
    if "\n" in text[start:end].strip():
        return None  # lines of several points ("… ongoing" / "Contractor complaint closed"): no one state
    # the unit and the rest of its line, not the next cell's
    rest = text[start: line_end if line_end >= 0 else len(text)].split("\t")[0]
    m = _STATE_CLOSING.search(rest)
    if not m or _DENIED.search(rest[:m.start() + 1]):
        return None  # "… the seat has not been completed": the words say it, not a state mark
    return m.group("state").lower()


def _field_status(text: str) -> str | None:
    for line in text.splitlines():
        m = STATUS_LINE.match(line)
        if m:
            found = STATUS_WORDS.match(m.group("status").strip())
            return found.group(1).lower() if found else None
        if _DONE_FIELD.match(line):
            return "done"
    return None


def _section_headings(doc: Document) -> dict[str, str]:
    """Location -> heading text, from heading passages and item lines ('Item 2 - Previous Minutes ...')."""
    heads: dict[str, str] = {}
    for p in doc.passages:
        first = heading_line(p)
        if first:
            heads.setdefault(p.location, first)
        elif p.location and p.location not in heads and len(p.text) < 120:
            heads.setdefault(p.location, p.text)
    return heads


_SENTENCE_ON = re.compile(r"[.!?]\s+[A-Z]")
_ITEM_NO = re.compile(r"^\W*(?:item\s+)?\d{1,2}(?:\.\d{1,2})*[.)]?\s+", re.I)


def heading_line(passage: Passage) -> str:
    """The heading or item line that opens a passage (the text under it joins it), or ''."""
    if passage.kind not in ("heading", "item"):
        return ""
    first = passage.text.split("\n", 1)[0].strip()
    said = _ITEM_NO.sub("", first)  # "6. Status of …": the number's stop ends no sentence
    if passage.kind == "item" and (len(said.split()) > 14 or _SENTENCE_ON.search(said)):
        return ""  # "4) Ken submitted a proposal for the course on Feb. 12th. The": prose, wrapped
    return first if len(first) < 120 and (passage.kind == "heading" or "\n" in passage.text) else ""


def document_units(doc: Document, acronyms: Acronyms) -> list[Unit]:
    """Every candidate follow-up of one document, in reading order."""
    units: list[Unit] = []
    heads = _section_headings(doc)
    action_spans = [(a.start, a.end, a) for a in doc.actions if a.end > a.start]
    context_terms: dict[str, set[str]] = {}

    def make(passage: Passage, text: str, start: int, kind: str, action: Action | None = None) -> Unit:
        unit = Unit(doc, passage, text.strip(), start, start + len(text), kind, action=action)
        unit.seq = sequence(text)
        unit.terms = set(unit.seq)  # = content_stems(text, boilerplate=False): one tokenization
        unit.recs = recs_in(text) | (set(passage.recommendations) if kind != "sentence" else set())
        unit.action_numbers = {int(n) for n in _ACTION_NO_RE.findall(text)}
        line_start = doc.text.rfind("\n", 0, start) + 1
        unit.refs = refs_in(doc.text[line_start:start + len(text)] if kind in ("row", "action") else text)
        lead = _LEAD_RE.match(text)
        if lead:
            unit.lead_terms = set(content_stems(lead.group(1), acronyms, boilerplate=False))
        head = " ".join(filter(None, (heads.get(passage.location, ""), passage.context or "")))
        unit.backref_section = bool(BACKREF_RE.search(head))
        if unit.backref_section and kind == "sentence":
            # "Completed actions: 1.1, a report … was distributed. 1.3, Torben … visited …"
            unit.refs.update("#" + m.group(1) for m in _LISTED_NUMBER.finditer(unit.text))
        unit.done_section = bool(_DONE_HEADING.search(head))
        if passage.context and not unit.backref_section:
            if passage.context not in context_terms:  # every sentence of a passage shares it
                context_terms[passage.context] = set(sequence(passage.context))
            unit.head_terms = context_terms[passage.context]
        return unit

    for action in doc.actions:
        passage = doc.passage_at(action.start) if action.end > action.start else None
        passage = passage or next((p for p in doc.passages if p.passage_id == action.passage_id), None)
        if passage is None:
            continue
        status_end = _status_line_end(doc.text, action.end) if action.status and action.end > action.start else None
        said_at = _reply_above(doc.text, action.start)
        if status_end is not None:
            # "Greg: ask for a report ... / Status: no longer needed": the status is what the
            # follow-up says, so the unit (and the link shown) holds it
            unit = make(passage, doc.text[action.start:status_end], action.start, "action", action)
        elif said_at is not None:
            # "1. MDA - Yes, but I haven't had the time; I will. / - [Action-SC-2017-64 …]": the
            # reply it hangs under says what became of it
            unit = make(passage, doc.text[said_at:action.end], said_at, "action", action)
        else:
            unit = make(passage, action.text, action.start, "action", action)
        unit.status_cell = status_of_cells(passage.cells) or (action.status or None)
        units.append(unit)

    def inside_action(a: int, b: int) -> bool:
        return any(s < b and a < e for s, e, _ in action_spans)

    for passage in doc.passages:
        if passage.kind == "header_block" or _is_name_list(passage.text):
            continue
        # Attachment names: one unit per line that names a file (first pattern wins on a line).
        taken: list[tuple[int, int]] = []
        for pattern in _ATTACHMENT_RES:
            for m in pattern.finditer(passage.text):
                line_start = passage.text.rfind("\n", 0, m.start()) + 1
                line_end = passage.text.find("\n", m.end())
                line_end = len(passage.text) if line_end < 0 else line_end
                if any(a < line_end and line_start < b for a, b in taken):
                    continue
                taken.append((line_start, line_end))
                unit = make(passage, passage.text[line_start:line_end], passage.start + line_start, "attachment")
                unit.terms = set(content_stems(m.group("name"), acronyms, boilerplate=False))
                units.append(unit)
        if taken:
            continue
        if passage.kind == "table_row":
            if not inside_action(passage.start, passage.end):
                unit = make(passage, passage.text, passage.start, "row")
                unit.status_cell = status_of_cells(passage.cells)
                units.append(unit)
            continue
        if _is_item_with_fields(passage):
            # "* Set up the in-person meeting / * Assigned: Greg / * Status: rooms booked": one
            # record, as a table row is; its status line says what became of the item it names
            if not inside_action(passage.start, passage.end):
                unit = make(passage, passage.text, passage.start, "row")
                unit.status_cell = _field_status(passage.text)
                units.append(unit)
            continue
        title = heading_line(passage) if passage.kind == "heading" else ""
        # An item's title line ("6. Status of non-member groups") says nothing of what became
        # of it: it is read with the first sentence under it.
        item_title = heading_line(passage) if passage.kind == "item" else ""
        spans = _block_sentences(passage)
        title_end = passage.text.find(item_title) + len(item_title) if item_title else -1
        joined: set[int] = set()
        for k, (a, b, block, block_end) in enumerate(spans):
            tag = OWNER_TAG_LINE.match(passage.text, a, b)
            if tag:  # "Action: AW" closing the action above is not what follows it
                a = tag.end()
                a += len(passage.text[a:b]) - len(passage.text[a:b].lstrip())
                if a >= b:
                    continue
            if inside_action(passage.start + a, passage.start + b):
                continue
            if title and a == 0 and passage.text[a:b].strip() == title and b < len(passage.text.rstrip()):
                continue  # the title of the text under it: its words are that text's head_terms
            if k in joined:
                continue  # read with the title above
            if (item_title and k + 1 < len(spans) and a + len(passage.text[a:b].rstrip()) <= title_end
                    and spans[k + 1][0] >= title_end):
                b = block_end = spans[k + 1][1]
                joined.add(k + 1)
            unit = make(passage, passage.text[a:b], passage.start + a, "sentence")
            unit.status_cell = (_inline_status(unit.text) or _line_state(doc.text, unit.start, unit.start + len(unit.text))
                                or state_under(doc.text, unit.start + len(unit.text)))
            unit.block = passage.start + block
            unit.around = passage.text[block:block_end]
            units.append(unit)
    for name in doc.attachments:
        if doc.passages:
            units.append(make(doc.passages[0], name, doc.passages[0].start, "attachment"))
    units.sort(key=lambda u: u.start)
    return units
