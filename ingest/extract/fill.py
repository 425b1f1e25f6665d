"""Fill a Document's actions, recommendation references, dates and passage recommendations."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ingest.chunking import BULLET
from ingest.extract.action_tables import TableAction, actions_from_table
from ingest.extract.actions import (
    ACTION_HEAD,
    ACTION_LIST_NAMES,
    MARKED_HEADING,
    OwnedItem,
    TextAction,
    _wrap_width,
    action_sections,
    find_owner_items,
    find_text_actions,
    points_end,
)
from ingest.extract.columns import roles_from_shape, table_owner
from ingest.extract.dates import find_dates
from ingest.extract.due import due_from_text
from ingest.extract.owners import is_redaction
from ingest.extract.prose_actions import ProseAction, attendance, body_initials, find_prose_actions
from ingest.extract.recs import find_recommendation_refs, sentence_around
from ingest.furniture import BACKREF_RE, CHECK_BOX, MARKDOWN_HEADING, STATE_WORDS, state_under
from ingest.models import Action, DateMention, Document, RecommendationRef, Table

# Document types whose running text agrees actions in plain sentences.
PROSE_ACTION_TYPES = {"minutes", "action_list", "other"}
# Document types whose date is the date of the meeting their actions were agreed at.
MEETING_TYPES = {"minutes", "action_list", "agenda", "improvement_plan", "report", "meeting_request"}
# How many passages without a reference keep the recommendation of the bullet above them
# ("On recommendation 7 …" / a paragraph / "ACTION SGCSU to …").
_INHERIT_SPAN = 3
# Words that may come before the reference that opens a passage: "On recommendation 7",
# "In further discussion of recommendation 7", "Re: Recommendation 3", "Recommendation 9:",
# "HMI(S) recommendation 2" (the acronym of the body that made it).
_LEAD_IN = re.compile(
    r"^(?:(?:on|in|re:?|regarding|under|for|turning to|with regard to|in relation to|"
    r"in (?:further )?discussion of|on the subject of|the|(?-i:[A-Z]{2,6}(?:\([A-Z]\))?))\s*)*$",
    re.IGNORECASE,
)
# A unit that starts a new numbered item or heading ends the inherited recommendation.
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s|item\s+\d|part\s+\d|section\s+\d)", re.IGNORECASE)


@dataclass
class _Unit:
    start: int
    end: int
    mentions: list[int]
    lead: list[int]
    resets: bool


_BLOCK_START = re.compile(r"^[ \t]*(?:[-•*▪]|\(?\d{1,2}(?:\.\d+)*[.)]?\s|action\b|ap\d|item\s+\d)", re.IGNORECASE)


# A list of this meeting's actions ("# Action Items (AIs)", "**New actions**", a line of its own
# "Required Board Actions" over its points): its owners need not be on the attendance list. Not
# "Matters arising".
_ACTION_LIST_HEADING = re.compile(
    r"[ \t]*(?:(?:#{1,6}|\*\*)[ \t]*(?:new\s+|open\s+)?actions?(?:\s+(?:items?|points?|list))?\b"
    r"|(?:" + ACTION_LIST_NAMES + r")[ \t:]*$)", re.I | re.M)


def _units(text: str) -> list[tuple[int, int]]:
    """Paragraph-sized pieces: split at blank lines, and (for PDF text, where paragraphs are
    not separated by blank lines) after a short line that ends a sentence or before a bullet,
    number or ACTION line that follows one."""
    width = _wrap_width(text)
    bounds: list[tuple[int, int]] = []
    start: int | None = None
    prev = ""
    pos = 0
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        if not line.strip():
            if start is not None:
                bounds.append((start, ls - 1))
            start, prev = None, ""
            continue
        ended = prev.rstrip().endswith((".", ":", ";", "!", "?")) or len(prev) < width
        if start is not None and (ended and (_BLOCK_START.match(line) or len(prev) < width)):
            bounds.append((start, ls - 1))
            start = None
        if start is None:
            start = ls
        prev = line
    if start is not None:
        bounds.append((start, len(text)))
    return bounds


def _is_heading(piece: str) -> bool:
    line = piece.strip().strip("*").strip()
    return (0 < len(line) <= 70 and "\n" not in line and not line.endswith((".", ",", ";"))
            and not ACTION_HEAD.match(line) and not line.startswith(("-", "•")))


def _rec_units(text: str, refs: list[tuple[int, int, int]]) -> list[_Unit]:
    units: list[_Unit] = []
    for s, e in _units(text):
        inside = [r for r in refs if s <= r[0] < e]
        piece = text[s:e]
        lead: list[int] = []
        if inside:
            first = inside[0][0]
            prefix = re.sub(r"[*\-•▪\s]+", " ", text[s:first]).strip()
            # an item number before the lead-in ("3.2 On Recommendations 4 and 5, ...")
            prefix = re.sub(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s*", "", prefix)
            if _LEAD_IN.match(prefix):
                lead = [n for a, _, n in inside if a == first]
        resets = bool(_NUMBERED.match(piece) or _is_heading(piece)) and not lead
        units.append(_Unit(s, e, [n for _, _, n in inside], lead, resets))
    return units


def _context_recs(units: list[_Unit]) -> list[list[int]]:
    """For each unit: the recommendation it inherits from the bullet or heading above it."""
    out: list[list[int]] = []
    current: list[int] = []
    quiet = 0
    for u in units:
        if u.resets:
            current, quiet = [], 0
        if u.lead:
            current, quiet = list(u.lead), 0
        elif u.mentions and current and set(u.mentions) & set(current):
            quiet = 0
        elif current:
            quiet += 1
            if quiet > _INHERIT_SPAN:
                current = []
        out.append(list(current))
    return out


def _recs_at(units: list[_Unit], context: list[list[int]], offset: int,
             starts: list[int] | None = None) -> list[int]:
    """The recommendation the unit holding ``offset`` inherits. Units are in text order and do
    not overlap, so this is a bisection over their ``starts`` (pass them when asking many
    times: a long export has a hundred thousand units)."""
    starts = starts if starts is not None else [u.start for u in units]
    i = bisect.bisect_right(starts, offset) - 1
    # a zero-length unit may share its start with the next: look back over equal starts
    while i >= 0:
        u = units[i]
        if u.start <= offset < max(u.end, u.start + 1):
            return context[i]
        if u.start < offset:
            break
        i -= 1
    return []


def _tables(doc: Document) -> list[Table]:
    if doc.tables:
        return doc.tables
    if "\t" not in doc.text:
        return []
    # No tables from the reader: find tab-laid rows the way the text reader does, and move
    # their offsets back onto this text line by line (rule rows are blanked there).
    from ingest.read_text import page_from_text

    page = page_from_text(doc.text)
    if not page.tables:
        return []
    ours = _line_starts(doc.text)
    theirs = _line_starts(page.text)
    for table in page.tables:
        for row in table.rows:
            line = max(i for i, s in enumerate(theirs) if s <= row.start)
            row.start = ours[line] + (row.start - theirs[line])
    return page.tables


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def enrich_document(doc: Document) -> None:
    text = doc.text
    year = int(doc.date[:4]) if doc.date else None

    doc.dates = []
    for start, end, written, iso in find_dates(text, year, ref_date=doc.date):
        passage = doc.passage_at(start)
        doc.dates.append(DateMention(written, iso, doc.page_at(start), passage.location if passage else "",
                                     start, end, passage.passage_id if passage else None))

    refs = find_recommendation_refs(text)
    doc.recommendation_refs = []
    for start, end, number in refs:
        s, e = sentence_around(text, start, end)
        passage = doc.passage_at(start)
        doc.recommendation_refs.append(RecommendationRef(
            number, doc.page_at(start), passage.location if passage else "", text[s:e].strip(),
            start, end, passage.passage_id if passage else None))

    units = _rec_units(text, refs)
    context = _context_recs(units)
    starts = [u.start for u in units]
    for passage in doc.passages:
        mentioned = [n for a, _, n in refs if passage.start <= a < passage.end]
        inherited = _recs_at(units, context, passage.start, starts)
        if not mentioned and not inherited and passage.context:
            inherited = [n for _, _, n in find_recommendation_refs(passage.context)][:1]
        passage.recommendations = list(dict.fromkeys(mentioned or inherited))

    doc.actions = _actions(doc, refs, units, context, starts, year)


def _list_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A list of actions under its heading: to the next heading where the paper marks them
    (Markdown), else (a PDF's plain heading) to the end of the points under it."""
    if MARKED_HEADING.match(text, start):
        return start, end
    head_end = text.find("\n", start)
    head_end = len(text) if head_end < 0 else head_end
    first = re.search(r"\S[^\n]*", text[head_end:end])
    if first and not BULLET.match(first.group()):
        # "Actions Summary" over one paragraph an action ("NO will move fencing …" / "HD to
        # draft letter …"): to the first line that heads something else
        return start, min(end, _paragraphs_end(text, head_end))
    return start, min(end, points_end(text, head_end))


# A line that heads what follows rather than continuing a list of actions: an item number
# ("10.25.06 Highways", "7."), or a short line with no stop ("Date of next meeting").
_HEADS_NEXT = re.compile(r"^[ \t]*(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]?[ \t]+\S|[^\n.;:!?]{1,60}$)")


def _paragraphs_end(text: str, pos: int) -> int:
    """Where a list of actions written as plain paragraphs (no bullets) ends: at the first
    paragraph whose opening line heads something else."""
    for m in re.finditer(r"(?:^|\n[ \t]*\n)\s*(?=\S)", text[pos:]):
        line_start = pos + m.end()
        line_end = text.find("\n", line_start)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        if _HEADS_NEXT.match(line) and len(line.split()) <= 8:
            return line_start
    return len(text)


# A heading over a list of actions: "New and Ongoing Actions", "8. Actions", "Action log".
_ACTIONS_HEADING = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:[A-Za-z-]+\s+){0,4}actions?(?:\s+(?:list|log|points?|items?))?\W*$", re.I)


def _under_actions_heading(doc: Document, table: Table) -> bool:
    """The table's heading (its passage's, or the line written just above it) names actions."""
    if not table.rows:
        return False
    passage = doc.passage_at(table.rows[0].start)
    if passage and passage.context and _ACTIONS_HEADING.match(passage.context):
        return True
    above = [line for line in doc.text[:table.rows[0].start].split("\n")[-4:] if line.strip()]
    return bool(above and _ACTIONS_HEADING.match(above[-1].strip()))


def _reports_back(doc: Document, table: Table) -> bool:
    """The table stands under a heading that reports on earlier actions ("Matters arising",
    "Review Previous Meeting's Action Items")."""
    passage = doc.passage_at(table.rows[0].start) if table.rows else None
    return bool(passage and passage.context and BACKREF_RE.search(passage.context))


# a check box or a state word anywhere on the line (letters, not \b, bound the words: Markdown
# writes "_Closed_")
_STATUS_MARK = re.compile(CHECK_BOX + r"|(?<![a-z])(?:" + STATE_WORDS + r")(?![a-z])", re.I)


def _reported_back(doc: Document, item, headings: list[tuple[int, str]]) -> bool:
    """A task restated under a heading that reports on earlier actions ("Actions from last
    meeting", "Review actions from previous meetings") with its state ("[x] (AW) Liaise with …",
    "Action 2.1: AA to pass … _Done. Closed_"): a follow-up of an earlier task, not a new one.
    ``headings``: the paper's Markdown headings (offset, title), read once: the one above a
    numbered list counts, whose items are cited as items of their own."""
    passage = doc.passage_at(item.start)
    above = bisect.bisect_right(headings, (item.start, "")) - 1
    if not ((passage and passage.context and BACKREF_RE.search(passage.context))
            or (above >= 0 and BACKREF_RE.search(headings[above][1]))):
        return False
    line_end = doc.text.find("\n", item.end)
    line = doc.text[doc.text.rfind("\n", 0, item.start) + 1: line_end if line_end >= 0 else len(doc.text)]
    return bool(_STATUS_MARK.search(line))


def _actions(doc: Document, refs, units, context, starts: list[int], year: int | None) -> list[Action]:
    text = doc.text
    tables = _tables(doc)
    spans = [(t.start, t.end) for t in tables if t.rows]
    found: list[TextAction | TableAction | ProseAction | OwnedItem] = list(find_text_actions(text, spans))
    people = attendance(text)  # read once: who may own an "Owner: task" line or a sentence's task
    people.body = body_initials(doc.group)
    sections = action_sections(text)  # read once: "Owner: task" lines and the prose under them use it
    found += find_owner_items(text, spans + [(a.start, a.span_end or a.end) for a in found], people, sections)
    roles, width = None, 0
    owned: dict[str, TableAction] = {}  # tasks of one person's table, by their words
    for table in tables:
        acts, roles, width = actions_from_table(table, roles, width, year, doc.date)
        if not acts and not table.has_header and _under_actions_heading(doc, table):
            # "New and Ongoing Actions" over rows of number | task | initials, no header row
            shape = roles_from_shape([r.cells for r in table.rows])
            if shape:
                acts, _, _ = actions_from_table(table, shape[0], shape[1], year, doc.date)
        if not acts and (owner := table_owner(table)):
            # "Connor tasks: | Hours" over one task a row: each row is Connor's
            tasks = Table(rows=table.rows[1:], has_header=False)  # the title row is no task
            acts, _, _ = actions_from_table(tasks, {"text": 0}, len(table.rows[0].cells), year, doc.date)
            for act in acts:
                act.owners = [owner]
            # a task two people's tables both list is one task of both
            acts = [a for a in acts if not _shared_task(a, owned, owner)]
            owned.update({_task_key(a.text): a for a in acts})
        if acts and doc.doc_type == "minutes" and _reports_back(doc, table):
            continue  # "Review of previous actions": each row is a follow-up of an earlier task, not a new one
        found.extend(acts)
    if doc.doc_type in PROSE_ACTION_TYPES:
        # sentences that give a named owner a task, outside tables and marked actions
        taken = spans + [(a.start, a.end) for a in found]
        lists = [_list_span(text, a, b) for a, b in sections if _ACTION_LIST_HEADING.match(text, a)]
        marked = [_core(a.text) for a in found]
        found.extend(p for p in find_prose_actions(text, [(u.start, u.end) for u in units], taken, people, lists,
                                                   passive=not found)
                     if not _restated(_core(p.text), marked))
    listed = [a for a in found if isinstance(a, TableAction)]
    if listed:
        # "… will be distributed on Tuesday. | Action: Clerk" beside the item, and "Distribute the
        # training feedback form | Clerk" in the paper's table of actions: one task, kept in the table
        found = [a for a in found if not (isinstance(a, TextAction) and a.tag_owned and _tabled(a, listed))]
    found.sort(key=lambda a: (a.start, getattr(a, "number", 0) or 0))
    if doc.doc_type == "minutes":
        headings = [(m.start(), m.group("title")) for m in MARKDOWN_HEADING.finditer(text)]
        found = [a for a in found if isinstance(a, TableAction)
                 or not (_reported_back(doc, a, headings) or state_under(text, a.end) is not None)]

    meeting_date = doc.date if doc.doc_type in MEETING_TYPES else None
    actions: list[Action] = []
    for n, item in enumerate(found, start=1):
        passage = doc.passage_at(item.start)
        mentioned = [num for a, _, num in refs if item.start <= a < item.end]
        if isinstance(item, TableAction):
            location = passage.location if passage else f"row {item.row_index + 1}"
            due, due_date, status = item.due, item.due_date, item.status
            recs = list(dict.fromkeys(num for _, _, num in find_recommendation_refs(item.text))) or mentioned
            when = item.meeting_date or meeting_date
        else:
            location = passage.location if passage else ""
            own_due = getattr(item, "due", None)
            due, due_date = due_from_text(f"Due date: {own_due}" if own_due else item.text, year, doc.date)
            status = getattr(item, "status", None)
            recs = list(dict.fromkeys(mentioned)) or _recs_at(units, context, item.start, starts)
            when = meeting_date
        owners = list(item.owners)
        actions.append(Action(
            action_id=f"{doc.doc_id}-a{n:02d}", doc_id=doc.doc_id, source=doc.source,
            meeting_group=doc.group, meeting_date=when, page=doc.page_at(item.start), location=location,
            number=item.number, text=_unmarked(item.text), owners=owners,
            owner_redacted=any(is_redaction(o) for o in owners), due=due, due_date=due_date,
            recommendations=recs, status=status, passage_id=passage.passage_id if passage else None,
            start=item.start, end=item.end,
        ))
    return actions


def _unmarked(text: str) -> str:
    """An action's words without Markdown's bold marks ("**Action 3.1: TR to rerun …**")."""
    return text.replace("**", "").strip() if "**" in text else text


TABLED_SHARE = 0.75  # of a table task's words that the tagged paragraph must hold


def _stems(text: str) -> set[str]:
    """A text's longer words cut to their first five letters ("distribute", "distributed")."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _SMALL_WORDS}


_SMALL_WORDS = frozenset({"with", "that", "this", "from", "will", "have", "been", "they", "them", "their", "what",
                          "when", "were", "which", "would", "should", "could", "into", "also", "about"})


def _tabled(tagged: TextAction, listed: list[TableAction]) -> bool:
    """A paragraph tagged with its owner in the margin ("Action: Clerk") whose task the paper's
    table of actions also lists for that owner: most of the row's words are in the paragraph."""
    said = _stems(tagged.text)
    owners = {o.lower() for o in tagged.owners}
    for row in listed:
        words = _stems(row.text)
        if words and owners & {o.lower() for o in row.owners} \
                and len(words & said) >= TABLED_SHARE * len(words):
            return True
    return False


def _task_key(text: str) -> str:
    return " ".join(text.lower().split())


def _shared_task(act: TableAction, owned: dict[str, TableAction], owner: str) -> bool:
    """The task is already another person's table row: it becomes theirs together."""
    first = owned.get(_task_key(act.text))
    if first is None:
        return False
    if owner not in first.owners:
        first.owners.append(owner)
    return True


def _restated(core: str, marked: list[str]) -> bool:
    """The task of a sentence that the paper's action column, table or list also gives (in its
    words or fewer: "CD to provide info on Zomorph" beside "CD to provide info on Zomorph for
    possible letter to PSNC"): one task, kept where the paper marks it."""
    from rapidfuzz import fuzz

    return any(min(len(core.split()), len(other.split())) >= 2 and fuzz.token_set_ratio(core, other) >= 90
               for other in marked)


def _core(text: str) -> str:
    """An action's words without its owner and marker: "JB to establish X" -> "establish x"."""
    text = re.sub(r"^.{0,60}?\b(?:agreed\s+)?to\s+(?=[a-z])", "", text.strip())
    return re.sub(r"\W+", " ", text).strip().lower()


def link_documents(docs: list[Document]) -> None:
    """Share recommendations between the records of one action kept in two documents of the
    same meeting (minutes and action list): a row that names no recommendation takes the one
    its minutes give it ("On recommendation 7 … ACTION JB to establish …")."""
    from rapidfuzz import fuzz

    by_meeting: dict[tuple[str | None, str | None], list[Action]] = {}
    for doc in docs:
        for action in doc.actions:
            if action.meeting_date:
                by_meeting.setdefault((action.meeting_group, action.meeting_date), []).append(action)
    for actions in by_meeting.values():
        for action in actions:
            if action.recommendations:
                continue
            best, score = None, 0.0
            for other in actions:
                if other.doc_id == action.doc_id or not other.recommendations:
                    continue
                s = fuzz.token_set_ratio(_core(action.text), _core(other.text))
                if s > score:
                    best, score = other, s
            if best is not None and score >= 90:
                action.recommendations = list(best.recommendations)
