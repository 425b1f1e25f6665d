"""Split a file's text into the documents it holds, and each document into passages.

A release is often one file holding many documents (a bundled PDF, an e-mail chain with its
attachments pasted in). Documents start at e-mail header blocks, meeting requests, minutes /
agenda / action-list / report / guidance / plan headings. Passages are what a person cites:
numbered items ("4.2", "Item 3"), paragraphs, list items and table rows.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from ingest.chunking import BULLET, chunk_passages
from ingest.extract.columns import table_title
from ingest.furniture import (
    BACKREF_LINE,
    CONTENTS_LINE,
    MARKDOWN_HEADING,
    OWNER_TAG_LINE,
    ROLL_CALL_LABELS,
    ROLL_CALL_RE,
)
from ingest.headers import (
    GROUP_CAPS_RE,
    GROUP_RE,
    MEETING_KIND,
    MONTH_WORD,
    acronyms,
    clean_group,
    first_date,
    is_caps,
    smart_title,
    word_casing,
    yearless_near,
)
from ingest.layout import HEADER_FIELD_LINE, MEETING_DATE_LABELS, MEETING_NAME_LABELS, header_fields
from ingest.limits import limit
from ingest.models import MEETING_PAPERS, Document, Passage, RedactionSpan, Table, TableRow


@dataclass
class Line:
    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        return self.text.replace("**", "").strip()


def split_lines(text: str, base: int = 0) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(base + pos, base + pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


# ---------------------------------------------------------------------------------------------
# Where documents start
# ---------------------------------------------------------------------------------------------

# Records of a meeting that, naming no group or date of their own, are the meeting of the paper
# printed before them in their file.
INHERITS_MEETING = frozenset({"action_list", "minutes"})
_EMAIL_FROM = re.compile(r"^\s*From:\s*\S", re.I)
_EMAIL_SENT = re.compile(r"^\s*(Sent|Date):\s*\S", re.I)
_SUBJECT = re.compile(r"^\s*Subject:\s*(.*)$", re.I)
_START_FIELD = re.compile(r"^\s*Start(?: time)?:\s*\S", re.I)
_ACTION_LIST_TITLE = re.compile(
    r"\b(action\s+(?:list|log|tracker|schedule|register|points?)|actions?\s+arising)\s*:?\s*$", re.I
)
# A date follows: a number, a month or a weekday ("- September 12, 2018", ", Thursday 4 May").
_DATE_AHEAD = r"(?=\d|" + MONTH_WORD + r"\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)"
# "AWSF TAC Meeting - September 12, 2018", "TSC Meeting 2019-01-10": a meeting named, then its date
_NAMED_MEETING = re.compile(r"^[\s#*]*(?P<name>(?:[A-Z][\w&.'’()-]*\s+){1,6}?)meeting\s*[-–—,:]?\s*(?:(?:held\s+)?on\s+)?"
                            r"\[?" + _DATE_AHEAD, re.I)  # "[2022.10.22](…)": a date written as a wiki link
# "Mantid PMB Meeting" over "Minutes of Meeting 7" and the date: a title line that names the body
# that met and nothing else (case kept: a sentence ending "… at the meeting" is no title)
_MEETING_TITLE = re.compile(r"^[\s#*]*(?P<name>(?:[A-Z][\w&.'’()-]*\s+){1,6}?)(?:Meeting|MEETING)\s*$")
_MINUTES_TITLE = re.compile(
    r"^\W*(minutes\b|note of (?:the )?meeting|meeting note\b|unconfirmed minutes|draft minutes)"
    r"|\b(group|committee|board|panel|forum|council|partnership|authority|network)\s+(?:\([A-Z][\w&.-]{1,10}\)\s+)?meeting\b"
    r"|\bminutes of (?:the )?meeting\b|" + _NAMED_MEETING.pattern,
    re.I,
)
# A Markdown paper's title, however cased: "# JMMP global ocean model development meeting minutes"
_MARKDOWN_MINUTES = re.compile(r"^#\s+\S.{0,100}\bmeeting\s+minutes\W*$", re.I)
# "MINUTES OF MEETING – THURSDAY 4th May 2017", "Minutes", "DRAFT MINUTES": not "[name] (minutes)".
_MINUTES_STATE = r"^[\s*#]*(?:(?:draft|unconfirmed|approved|confirmed)\s+)?"
_MINUTES_HEADING = re.compile(_MINUTES_STATE + r"(?:minutes|note)(?:\s+of\b|\W*$)", re.I)
# "Minutes" alone: a heading that says which paper follows but not which meeting
_BARE_MINUTES = re.compile(_MINUTES_STATE + r"minutes\W*$", re.I)
# "Steering Committee Minutes", "Meeting Notes" as a heading of its own (a file holding the
# agenda, then the notes taken at the meeting): the words before are a title's.
_NAMED_MINUTES = re.compile(r"^[\s*#]*(?P<name>(?:[\w&'’-]+\s+){1,6})(?:minutes|notes)(?:\s+\d{4}-\d\d-\d\d)?\W*$", re.I)
_AGENDA_LINE = re.compile(r"^\W*agenda\W*$", re.I)
# "AGENDA for the meeting on 7 June 2017", "Agenda of the Board meeting": not "Agenda item 3".
_AGENDA_TITLE = re.compile(r"^\W*(?:AGENDA\b(?!\s+item)|agenda\s+(?:for|of)\s+the\b)", re.I)
# "Report of the Finance Committee": its subject capitalised as a title ("Summary of podling
# reports" is a section of the paper it sits in)
_REPORT_TITLE = re.compile(r"^\W*(?:report|note|summary)\s+(?:from|of|on)\s+(?:the\s+)?(?-i:[A-Z])", re.I)
_GUIDANCE_WORDS = re.compile(
    r"\b(GUIDANCE|GUIDE|GUIDELINES|REQUIREMENTS|STANDARDS|PROTOCOL|PROCEDURES?|POLICY|LEAFLET|BRIEFING|FAQS?|"
    r"FREQUENTLY ASKED QUESTIONS|CODE OF PRACTICE)\b"
)
_PLAN_TITLE = re.compile(
    r"^\W*(?:[A-Z][\w/&'’-]*\s+){0,5}(?:improvement|action|delivery|implementation|recovery|development)\s+plan\b",
    re.I,
)
_GROUP_HEADER = re.compile(
    r"^\W*(?:[A-Z][A-Z&'’-]*\s+){0,6}(?:GROUP|COMMITTEE|BOARD|PANEL|FORUM|PARTNERSHIP|COUNCIL|NETWORK|AUTHORITY|COMMISSION)\W*$"
)
# A numbered clause ("11. SERVICE STANDARDS") or a part bound in ("SCHEDULE 16 STOCK POLICY",
# "APPENDIX 2 …") belongs to the paper it is in: a contract's list of schedules is not twenty policies.
_PART_LABEL = re.compile(r"^\W*(?:(?:schedule|appendix|annexe?|part|section|chapter|enclosure)\s+(?:\d{1,3}[A-Z]?|[IVX]{1,5})\b"
                         r"|\d{1,3}(?:\.\d{1,3})*\.?\s)", re.I)
_LETTER_OPEN = re.compile(r"^\s*Dear\s+\S", re.I)
_LETTER_CLOSE = re.compile(r"^\s*Yours\s+(sincerely|faithfully)", re.I)


@dataclass
class Start:
    line: int  # index in the line list
    doc_type: str
    header_end: int  # last line index of the header zone (no other start is taken inside it)


def _next_nonblank(nonblank: list[int], i: int, count: int) -> list[int]:
    """Indices of the ``count`` non-blank lines after line ``i``; ``nonblank`` holds all of
    them in order (a bisection, not a walk from every line)."""
    first = bisect.bisect_right(nonblank, i)
    return nonblank[first:first + count]


def _title_case(line: str, max_words: int) -> bool:
    """A short line most of whose words are capitalised ("Action Log – Board"), not a sentence
    that wraps on "... the policy decisions and action points"."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if not words or len(line.split()) > max_words:
        return False
    return sum(w[:1].isupper() for w in words) / len(words) >= 0.5


# Fields of a meeting's header: a later "Minutes of the meeting held on ..." without them is
# an agenda item of the document it sits in, not a document of its own.
# A field of a meeting's header: the roll call (one list, ingest/furniture.py) or where and when.
_MEETING_HEADER_FIELD = re.compile(
    r"^(?:#{1,6}\s*)?\W{0,3}(?:" + ROLL_CALL_LABELS + r"|venue|place|location|date|time|chair|title of meeting)\b\s*(?:[:;\t]|$)",
    re.I)


def _has_meeting_header(lines: list[Line], nonblank: list[int], i: int) -> bool:
    # a bulleted "- Chair: Katy Huff" is a list (officers elected), not a header field
    return any(_MEETING_HEADER_FIELD.match(lines[j].clean) and not BULLET.match(lines[j].text)
               for j in _next_nonblank(nonblank, i, 12))


def _attendance_before_agenda(lines: list[Line], nonblank: list[int], i: int) -> bool:
    """Who attended is written under the title before any agenda heading: the meeting's record,
    not its agenda (a file of the agenda then the notes lists attendance only in its notes)."""
    for j in _next_nonblank(nonblank, i, 12):
        if re.search(r"\bagenda\b", lines[j].clean, re.I) and _title_like(lines[j].clean, 8):
            return False
        if _MEETING_HEADER_FIELD.match(lines[j].clean) and not BULLET.match(lines[j].text):
            return True
    return False


def _letter_subject(lines: list[Line], nonblank: list[int], first: int, last: int) -> Line | None:
    """A letter's subject: the heading under "Dear Ms Kingston" ("FOI REQUEST - REFERENCE NUMBER
    2013-040", "Re: …"), not the date or the addressee it opens on."""
    written = [j for j in nonblank[bisect.bisect_left(nonblank, first):][:25] if j <= last]
    for k, j in enumerate(written[:-1]):
        if _LETTER_OPEN.match(lines[j].clean):
            line = lines[written[k + 1]]
            text = line.clean
            if len(text.split()) <= 15 and (is_caps(text) or re.match(r"(?i)\W*(?:re|subject)\s*:", text)):
                return line
            return None
    return None


def _title_like(line: str, max_words: int = 30) -> bool:
    words = line.split()
    return 0 < len(words) <= max_words and not line.rstrip().endswith((",", ";"))


def detect_start(lines: list[Line], i: int, current: str | None, nonblank: list[int]) -> Start | None:
    """The document that starts at line ``i``, if one does (``nonblank``: the indices of the
    non-blank lines)."""
    clean = lines[i].clean
    if not clean or BULLET.match(clean):
        return None  # a bulleted line is a list item, never a document's title
    ahead = _next_nonblank(nonblank, i, 45)
    near = ahead[:6]
    if _EMAIL_FROM.match(clean) and any(_EMAIL_SENT.match(lines[j].clean) for j in near[:3]):
        end = next((j for j in ahead[:10] if _SUBJECT.match(lines[j].clean)), near[-1] if near else i)
        return Start(i, "email", end)
    if _SUBJECT.match(clean) and any(_START_FIELD.match(lines[j].clean) for j in near[:5]):
        end = next(j for j in near if _START_FIELD.match(lines[j].clean))
        return Start(i, "meeting_request", end)
    first_cell = clean.split("\t")[0].strip()
    if _PLAN_TITLE.match(first_cell) and len(first_cell.split()) <= 12:
        # a plan's title sits over its version line, owner line or the table itself
        follow = [lines[j].clean for j in near[:4]]
        if "\t" in clean or "version" in clean.lower() or any(
            "\t" in t or re.match(r"(?i)(version|owner|status|date)\b", t) for t in follow
        ):
            return Start(i, "improvement_plan", i)
    # A caps title may wrap onto a second line ("... 18 FEBRUARY 2016:" / "ACTION LIST").
    title, title_end = clean, i
    if i + 1 < len(lines) and lines[i + 1].clean and is_caps(clean) and is_caps(lines[i + 1].clean):
        title, title_end = f"{clean} {lines[i + 1].clean}", i + 1
    if _ACTION_LIST_TITLE.search(title) and _title_like(title, 20) and (is_caps(title) or _title_case(title, 10)) \
            and not (_ITEM_NUMBER.match(clean) and nonblank and nonblank[0] < i and current in ("minutes", None)):
        # ("1. Action List" under a meeting's "Discussion:" is that meeting's item)
        return Start(i, "action_list", title_end)
    if _REPORT_TITLE.match(clean) and _title_like(clean) and "\t" not in clean \
            and not (lines[i].text[:1].isspace() and nonblank and nonblank[0] < i):
        # not a table's row ("Report on the survey<TAB>Clerk<TAB>Open"), nor a line set in under
        # an item of the paper it is part of ("6. Committee Reports" / "   Summary of Reports")
        return Start(i, "report", i)
    if _AGENDA_TITLE.match(clean) and _title_like(clean, 20) and clean.lstrip(" *#-–")[:1].isupper():
        return Start(i, "agenda", i)
    if _GROUP_HEADER.match(clean) and is_caps(clean):
        # A group's letterhead: minutes or agenda follow within the header zone.
        for j in ahead[:15]:
            if _MINUTES_HEADING.match(lines[j].clean):
                return Start(i, "minutes", j)
        for j in ahead:
            if _AGENDA_LINE.match(lines[j].clean):
                return Start(i, "agenda", j)
        return None
    named = _NAMED_MINUTES.match(clean)
    if named and _title_case(named.group("name"), 6) and named.group("name")[:1].isupper():
        return Start(i, "minutes", i)
    if _MARKDOWN_MINUTES.match(clean):
        return Start(i, "minutes", i)
    if (
        _MINUTES_TITLE.search(clean)
        and _title_like(clean.rstrip(","), 25)
        and (is_caps(clean.split("–")[0]) or (_MINUTES_HEADING.match(clean) and not clean.endswith("."))
             # "Technical Steering Committee (TSC) Meeting 2019-01-02" over "## Present"
             # (not a sentence: "Minutes were taken by Seth Tisue (secretary)." over "## Attendees")
             or (_title_case(clean.lstrip("#* "), 25) and not clean.endswith(".")
                 and _attendance_before_agenda(lines, nonblank, i)))
    ):
        end = i
        # a title that wraps onto the next line ("... ST ANDREW'S HOUSE,\nEDINBURGH")
        while end + 1 < len(lines) and lines[end].clean.endswith(",") and lines[end + 1].clean:
            end += 1
        return Start(i, "minutes", end)
    if (
        current != "guidance"
        and is_caps(clean, 0.9)
        and 2 <= len(clean.split()) <= 10
        and _GUIDANCE_WORDS.search(clean)
        and not _PART_LABEL.match(clean)
    ):
        return Start(i, "guidance", i)
    return None


def find_starts(lines: list[Line], nonblank: list[int]) -> list[Start]:
    """Where each document of a file's lines starts (``nonblank``: the indices of its written lines)."""
    starts: list[Start] = []
    current: str | None = None
    blocked_until = -1
    body_lines = 0
    for i, line in enumerate(lines):
        if i <= blocked_until:
            continue
        start = detect_start(lines, i, current, nonblank)
        always = start is not None and start.doc_type in ("email", "meeting_request")
        # A heading right under another document's header is part of it, unless it opens a
        # document of another kind (a cover e-mail's short body, then the minutes).
        enough_body = body_lines >= (3 if start and start.doc_type == current else 1)
        if (start and (starts or body_lines > 3) and start.doc_type in ("minutes", "agenda") and not is_caps(line.clean)
                and not _has_meeting_header(lines, nonblank, i)):
            # "Minutes of the meeting held on 17 October 2012", a "**Minutes**" section under the
            # meeting's own title and attendance: an item, not a document
            start = None
        if (start and current == start.doc_type == "minutes" and _BARE_MINUTES.match(line.clean)
                and not any(first_date(lines[j].clean) for j in _next_nonblank(nonblank, i, 6))):
            # "# Minutes" under the meeting's title ("Committee Meeting - 2023-03-11", its links
            # and start time): it names no other meeting, so it is the record of this one
            start = None
        if start and (always or not starts or enough_body):
            starts.append(start)
            current = start.doc_type
            blocked_until = start.header_end
            body_lines = 0
        elif line.clean:
            body_lines += 1
    return starts


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------

# File-name hints ("CVLB_2017-06-07_agenda.docx"): words may be joined by "_" or "-".
_TYPE_HINTS = [
    ("action_list", re.compile(r"action[\s_-]*(list|log|tracker)", re.I)),
    ("minutes", re.compile(r"(?<![a-z])minutes?(?![a-z])|note[\s_-]*of[\s_-]*meeting", re.I)),
    ("agenda", re.compile(r"(?<![a-z])agenda(?![a-z])", re.I)),
    ("improvement_plan", re.compile(r"(improvement|action|delivery)[\s_-]*plan", re.I)),
    ("guidance", re.compile(r"guidance|leaflet|protocol|procedure|policy|standards", re.I)),
    ("report", re.compile(r"(?<![a-z])report(?![a-z])", re.I)),
    ("letter", re.compile(r"(?<![a-z])letter(?![a-z])", re.I)),
]


def _guess_type(text: str, path: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()][:40]
    if any(_LETTER_OPEN.match(ln) for ln in lines[:15]) and any(_LETTER_CLOSE.match(ln) for ln in text.splitlines()):
        return "letter"
    name = Path(path).stem
    for doc_type, pattern in _TYPE_HINTS:
        if pattern.search(name):
            return doc_type
    opening = lines[:RECORD_HEADER_LINES]
    if any(ROLL_CALL_RE.match(ln) for ln in opening) and any(_dates_the_meeting(ln) for ln in opening):
        # who was there and when, at the head of the paper: the record of a meeting
        return "minutes"
    return "other"


RECORD_HEADER_LINES = 15


def _dates_the_meeting(line: str) -> bool:
    """A header field that dates the meeting ("Date: 08/04/21", "Meeting date: 22/11/17") or
    numbers its minutes ("Minute No: 001")."""
    field = HEADER_FIELD_LINE.match(line.lstrip(" \t*#-"))
    label = field.group("label").strip() if field else ""
    return bool(label) and (bool(MEETING_DATE_LABELS.match(label)) or re.fullmatch(r"(?i)minute\s+no\.?", label) is not None)


_FRONT_MATTER_FIELD = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:.*|\s+\S.*|-\s.*|)$")
FRONT_MATTER_LINES = 40


def _past_front_matter(lines: list[Line], first: int, last: int) -> int:
    """The first written line after the YAML block a static-site page opens with ("---" /
    "title: \"2018-09-12\"" / "parent: Meetings" / "---"): the page's settings, not its title
    line (``_page_title`` reads the one they may hold). ``first`` when there is no such block."""
    if lines[first].clean != "---":
        return first
    for k in range(first + 1, min(last, first + FRONT_MATTER_LINES) + 1):
        if lines[k].clean == "---":
            after = k + 1
            while after < last and not lines[after].clean:
                after += 1
            return after if after <= last and k > first + 1 else first
        if not _FRONT_MATTER_FIELD.match(lines[k].text):
            return first
    return first


_ONLY_DATE = re.compile(r"[\s\d\W]*")


def _page_title(page_fields: dict[str, str]) -> str | None:
    """The page's own title from its settings ("title: OpenWIS Steering Committee 2017 December");
    None for none, or for a title that is only a date ("title: \"2018-09-12\"")."""
    title = next((v for k, v in page_fields.items() if k.lower() == "title"), "").strip("\"' ")
    return title if title and not _ONLY_DATE.fullmatch(title) else None


def _header_value(lines: list[Line], name: str, limit: int = 15) -> str | None:
    pattern = re.compile(rf"^\s*{name}:\s*(.*)$", re.I)
    for line in lines[:limit]:
        match = pattern.match(line.clean)
        if match:
            return match.group(1).strip()
    return None


def _group_mentions(text: str, casing: dict[str, str]) -> list[str]:
    names = [clean_group(m.group()) for m in GROUP_RE.finditer(text)]
    names += [clean_group(smart_title(m.group(), casing)) for m in GROUP_CAPS_RE.finditer(text)]
    return [n for n in names if len(n.split()) >= 2]


TITLE_EVIDENCE = 10  # a group named on the paper's first line outweighs any mention under it


def _pick_group(first_line: str, zone: str, body: str, known: list[str], casing: dict[str, str]) -> str | None:
    """The group a document belongs to.

    Evidence: a group named on the first line, then in the header zone, then in the body, and
    the group's acronym ("NSG", "Subject: MDG"). Near-identical names ("... Strategic Oversight
    Group" / "... Strategic Group") are one group, spelt as the release spells it elsewhere.
    """
    # a table of contents names clauses, not the body that wrote them ("4. Asset Sale and
    # Transfer of Authority Assets ....13")
    zone, body = CONTENTS_LINE.sub("", zone), CONTENTS_LINE.sub("", body)
    header_weight: Counter = Counter()
    body_weight: Counter = Counter()
    # "Carrick Vale Council – Licensing Board": the body that met is named last
    for name in _group_mentions(first_line, casing)[-1:]:
        header_weight[name] += TITLE_EVIDENCE
    for name in _group_mentions(zone, casing):
        header_weight[name] += 3
    for name in _group_mentions(body, casing):
        body_weight[name] += 1
    zone_tokens = Counter(re.findall(r"\b[A-Z]{3,6}\b", zone))
    body_tokens = Counter(re.findall(r"\b[A-Z]{3,6}\b", body))
    for name in set(header_weight) | set(body_weight) | set(known):
        for short in acronyms(name):
            if zone_tokens[short]:
                header_weight[name] += 5
            body_weight[name] += 0.5 * body_tokens[short]
    names = [n for n in set(header_weight) | set(body_weight) if header_weight[n] + body_weight[n] > 0]
    if not names:
        return None
    # Merge near-duplicates into the spelling the release itself uses most.
    # ties go to the longer name ("Penwith District Council" over "District Council"), then the
    # spelling: the names come from a set, whose order changes from one process to the next
    names.sort(key=lambda n: (n in known, body_weight[n], header_weight[n], len(n.split()), n), reverse=True)
    totals: dict[str, float] = {}
    members: dict[str, list[str]] = {}
    for name in names:
        home = next((k for k in totals if _same_group(k, name)), name)
        totals[home] = totals.get(home, 0.0) + header_weight[name] + body_weight[name]
        members.setdefault(home, []).append(name)
    best, score = max(totals.items(), key=lambda kv: kv[1])
    if score < 1:
        return None
    # "Stoke Ferry Parish Council" at the head, "the Parish Council" in every item: the group is
    # the name on the first line that the commoner one ends ("MAPPA National Strategic Group"
    # and a report's "… Strategic Oversight Group" stay the release's spelling)
    fuller = [n for n in members[best] if header_weight[n] >= TITLE_EVIDENCE and best not in known
              and len(n) > len(best) and n.lower().endswith(" " + best.lower())]
    return max(fuller, key=lambda n: (len(n.split()), n)) if fuller else best


def _same_group(a: str, b: str) -> bool:
    common = set(a.lower().split()) & set(b.lower().split())
    return len(common) >= 2 and fuzz.token_set_ratio(a.lower(), b.lower()) >= 95


def _title_for(doc_type: str, header: list[Line], casing: dict[str, str], group: str | None) -> str:
    if doc_type in ("email", "meeting_request"):
        subject = _header_value(header, "Subject", 40)
        if subject:
            return subject
    texts = [ln.clean.split("\t")[0].strip() for ln in header if ln.clean]
    if not texts:
        return "(untitled)"
    if doc_type in ("minutes", "agenda") and texts and _GROUP_HEADER.match(texts[0]):
        tail = next((t for t in texts if re.search(r"minutes|agenda|\d{4}", t, re.I) and t != texts[0]), "")
        if doc_type == "agenda" and "agenda" not in tail.lower():
            tail = f"Agenda – {tail}" if tail else "Agenda"
        return " – ".join(p for p in (group or smart_title(texts[0], casing), smart_title(tail, casing)) if p)
    title = " ".join(texts[:3]) if texts[0].endswith(",") else texts[0]
    title = re.sub(r"^(?:#{1,6}\s+)+", "", title)  # a Markdown heading's marks are no words of it
    return smart_title(title, casing)[:200]


def _doc_id(source: str, ordinal: int, bundle: bool) -> str:
    # An attachment or archive member ("release.eml!minutes.pdf") is named by its own name.
    stem = re.sub(r"[^a-z0-9]+", "-", Path(source.rsplit("!", 1)[-1]).stem.lower()).strip("-")[:40] or "doc"
    # The hash is of the absolute path, so "corpus/x.pdf" and "./corpus/x.pdf" give one id;
    # ``source`` itself stays as the user typed it.
    digest = hashlib.sha1(os.path.abspath(source).encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return f"{stem}-{digest}-{ordinal + 1:02d}" if bundle else f"{stem}-{digest}"


def segment_documents(
    text: str,
    source: str,
    page_starts: list[tuple[int, int]],
    spans: list[RedactionSpan],
    tables: list[Table],
    headings: list[int],
    file_headers: dict[str, str] | None = None,
) -> list[Document]:
    """Cut a file's text into Documents (offsets re-based to each document's own text)."""
    lines = split_lines(text)
    nonblank = [j for j, line in enumerate(lines) if line.clean]
    starts = find_starts(lines, nonblank)
    # a static-site page's settings block over the title is no document of its own
    top = _past_front_matter(lines, nonblank[0], len(lines) - 1) if nonblank else 0
    # its title setting ('title: "MINUTES OF WRETTON PARISH COUNCIL MEETING"') starts nothing: the
    # block opens the paper under it
    in_settings = bool(nonblank) and top > nonblank[0] and any(s.line < top for s in starts)
    if in_settings:
        starts = [s for s in starts if s.line >= top]
    before = [ln for ln in lines[top: starts[0].line] if ln.clean] if starts else []
    if starts and (0 < len(before) <= 3 or (in_settings and not before)):
        # A letterhead over the title ("Carrick Vale Council – Licensing Board" / "AGENDA for
        # the meeting on ...") opens that document.
        starts[0] = Start(0, starts[0].doc_type, starts[0].header_end)
    elif not starts or before:
        # Text before the first recognised start is a document of its own (a file's only one).
        starts.insert(0, Start(0, "", 0))
    casing = word_casing(text)
    bundle = len(starts) > 1
    docs: list[Document] = []
    bounds = [(s, starts[k + 1].line if k + 1 < len(starts) else len(lines)) for k, s in enumerate(starts)]
    # Groups named in minutes/agenda/action-list headers are this release's groups.
    known: list[str] = []
    for start, _end in bounds:
        if start.doc_type in MEETING_PAPERS:
            known += [g for g in _group_mentions(lines[start.line].text, casing)[:1] if g not in known]
    row_starts = {row.start for table in tables for row in table.rows}
    for ordinal, (start, end_line) in enumerate(bounds):
        # Trim trailing blank lines so a document ends on its own last line.
        last = end_line - 1
        while last > start.line and not lines[last].clean:
            last -= 1
        first = start.line
        while first < last and not lines[first].clean:
            first += 1
        doc_start, doc_end = lines[first].start, lines[last].end
        doc_text = text[doc_start:doc_end]
        doc_first, first = first, _past_front_matter(lines, first, last)
        settings = lines[doc_first:first]  # a site page's settings block, or none
        page_fields = header_fields([ln.clean for ln in settings]) if settings else {}
        page_title = _page_title(page_fields)
        opening_names_group = bool(_group_mentions(lines[first].text, casing))
        header_end = max(start.header_end, first)
        header_lines = [ln for ln in lines[first : header_end + 1]]
        zone_lines = [ln for ln in lines[first : min(last + 1, header_end + 13)]]
        zone = "\n".join(ln.text for ln in zone_lines)
        doc_type = start.doc_type or _guess_type(doc_text, source)
        if doc_type == "other" and page_title is not None:
            # a page's title says what it holds ("Stoke Ferry Parish Council April Meeting Minutes")
            doc_type = next((kind for kind, pattern in _TYPE_HINTS if pattern.search(page_title)), doc_type)
        date_problem: str | None = None
        if doc_type in ("email", "meeting_request") or (file_headers and "From" in file_headers and not start.doc_type):
            date_field = _header_value(lines[first : last + 1], "Start" if doc_type == "meeting_request" else "Sent") or _header_value(
                lines[first : last + 1], "Date"
            )
            date = first_date(date_field or "") or first_date(zone)
            date_source = "email_date" if date else "none"
            if doc_type == "other":
                doc_type = "email"
            fields: dict[str, str] = {}
        else:
            # A header block of label/value rows names and dates the meeting. A page's settings
            # ("title: OpenWIS Steering Committee 2017 December", "date: 2018-07-28") are the
            # page's: its publication date, and a title that names the group only where the
            # paper itself does not (read below).
            fields = header_fields([ln.clean for ln in lines[first : min(last + 1, first + 30)]])
            written = next((v for k, v in fields.items() if MEETING_DATE_LABELS.match(k)), None)
            field_date = first_date(written) if written else None
            if written and not field_date and _LOOKS_LIKE_DATE.search(written):
                # "31st September 2013": kept as written and flagged, never moved to a real day
                date_problem = f"the meeting date {written!r} is not a real date; the document is dated otherwise"
            # Dates in table rows are due dates, not the document's: its title line counts,
            # even when a plan lays its title out as a row.
            dating = [ln.text for k, ln in enumerate(zone_lines) if k == 0 or ln.start not in row_starts]
            date = field_date or first_date("\n".join(dating))
            if date and date[:4] < "1900":  # "June 18, 1015": a slip of the keyboard, not a date
                date_problem = f"the meeting date {date!r} is not a plausible year; the document is dated otherwise"
                date = None
            date_source = ("header" if field_date else "title" if date and first_date(zone_lines[0].text) == date
                           else "body" if date else "none")
        if not date and doc_type not in ("email", "meeting_request"):
            # a paper that says when it met further down: "## Date, Time and Location" / "The
            # meeting took place … on Friday, September 21, 2018" below a summary
            date = _date_below(lines, nonblank, first, last)
            date_source = "body" if date else "none"
        if not date and page_fields:
            # the page's own date ("date: 2018-07-28", when it was published) where the paper has none
            date = first_date(next((v for k, v in page_fields.items() if MEETING_DATE_LABELS.match(k)), "") or "")
            date_source = "page" if date else "none"
        if not date and not bundle:
            # The last resort, and it says so: a date the file carries in its own title property
            # ("2023-11-09-minutes", as a Google Docs export keeps it) or in its name. A paper that
            # writes its day without the year ("November 9 at 4 PM EST") keeps its day.
            title_date = _date_in_name((file_headers or {}).get("Title", ""))
            date = title_date or _date_in_name(source)
            date_source = "file_name" if date else "none"
            if date:
                date = yearless_near("\n".join(ln.text for ln in zone_lines[:3]), date) or date
        # A letterhead may stack bodies ("RIVERSIDE BOROUGH COUNCIL" / "HOUSING COMMITTEE"):
        # the last one above the title is the group that met.
        letterhead = [ln.text for ln in header_lines if _GROUP_HEADER.match(ln.clean) and is_caps(ln.clean)]
        # a "title" that is only a date ("2018-09-12") names no meeting
        named = next((v for k, v in fields.items() if MEETING_NAME_LABELS.match(k) and not _ONLY_DATE.fullmatch(v)), None)

        titled = _MINUTES_OF.match(lines[first].clean) if doc_type in ("minutes", "agenda") else None
        if titled and not named:
            if not _GENERIC_BODY.fullmatch(_HELD.sub("", titled.group("name")).strip()):
                named = titled.group("name")
            else:  # "Minutes of the Committee Meeting" / "NORTH OF TYNE LPC COMMITTEE": the line under names it
                named = next((ln.clean for ln in zone_lines[1:4] if _GROUP_HEADER.match(ln.clean) and is_caps(ln.clean)),
                             None) or _titled_below(zone_lines[1:4])
        if named and titled:
            # "Minutes of the November meeting of Wretton PC" over "MINUTES OF WRETTON PARISH COUNCIL
            # MEETING": the name the paper spells out
            named = _spelt_out(_meeting_name(named) or named, zone_lines[1:4]) or named
        if not named and doc_type in ("minutes", "agenda"):
            named = _name_over_title([ln.clean for ln in zone_lines if ln.clean][:6])
        if not named and doc_type in ("minutes", "agenda") and not opening_names_group:
            # "AWSF TAC Meeting - September 12, 2018": a body without a "Committee" in its name
            meeting = _NAMED_MEETING.match(lines[first].clean)
            titled_only = _MEETING_TITLE.match(lines[first].clean)
            if not meeting and titled_only and not _GENERIC_BODY.fullmatch(clean_group(titled_only.group("name").strip())):
                meeting = titled_only
            named = meeting.group("name") if meeting else None
        if not named and page_title is not None and not opening_names_group:
            # a page whose paper opens naming no group ("#### 7th December 2017 - WebEx") is named by
            # its title ("OpenWIS Steering Committee 2017 December")
            titled_page = _MINUTES_OF.match(page_title)  # 'title: "MINUTES OF WRETTON PARISH COUNCIL MEETING"'
            named = titled_page.group("name") if titled_page else page_title
        group = smart_title(_meeting_name(named) or "", casing) if named else None
        if not group:
            group_zone = zone
            if not _group_mentions(zone, casing):
                # a cover spaces its parties down the page: the header's next twelve written lines
                after = bisect.bisect_right(nonblank, header_end)
                written = [lines[j].text for j in nonblank[after:after + 12] if j <= last]
                group_zone = "\n".join([ln.text for ln in header_lines] + written)
            group = _pick_group(letterhead[-1] if letterhead else lines[first].text, group_zone, doc_text, known, casing)
        if not group and doc_type in ("minutes", "agenda"):
            group = _title_as_name(lines[first].clean)
        titling = header_lines if doc_type not in ("email", "meeting_request") else zone_lines
        subject = _letter_subject(lines, nonblank, first, last) if doc_type == "letter" else None
        if subject is not None:
            titling = [subject]
        elif page_title is not None and doc_type not in ("email", "meeting_request"):
            titling = [Line(settings[0].start, settings[-1].end, page_title)]  # read from the settings block
        elif doc_type not in ("email", "meeting_request", "minutes", "agenda", "letter") and header_lines \
                and _DATE_LINE.match(header_lines[0].clean):
            # a deed's cover opens on "DATED: 18 JULY 2012" over its title
            titling = [ln for ln in zone_lines[1:] if ln.clean][:1] or header_lines
        title = _title_for(doc_type, titling, casing, group)
        if doc_type in ("minutes", "agenda") and not re.search(r"minutes|agenda|notes?\b|meeting\b", title, re.I):
            # a letterhead opens the page ("Suffolk's Libraries IPS"): the heading under it says what it is
            heading = next((ln.clean for ln in zone_lines[1:] if _TITLE_WORD.search(ln.clean)
                            and len(ln.clean.split()) <= 10 and "\t" not in ln.clean and ":" not in ln.clean), None)
            if heading:
                title = smart_title(heading.strip("*# "), casing)
        doc_id = _doc_id(source, ordinal, bundle)
        doc_pages = _pages_within(page_starts, doc_start, doc_end)
        doc = Document(
            doc_id=doc_id,
            source=source,
            title=title,
            doc_type=doc_type,
            group=group,
            date=date,
            text=doc_text,
            page_starts=doc_pages,
            pages=(len(doc_pages) if doc_pages else None),
            redaction_spans=[s.shifted(-doc_start) for s in spans if doc_start <= s.start < doc_end],
            tables=[_shift_table(t, -doc_start) for t in tables if doc_start <= t.start < doc_end],
            headings=[h - doc_start for h in headings if doc_start <= h < doc_end],
            ordinal=ordinal,
            date_source=date_source,
            date_problem=date_problem,
        )
        docs.append(doc)
    last_meeting: dict[str, Document] = {}  # source -> its last dated agenda or minutes so far
    for previous, doc in zip([None, *docs], docs, strict=False):
        # An action log printed after the minutes belongs to that meeting when it names none.
        if previous is not None and doc.doc_type == "action_list" and previous.doc_type == "minutes":
            doc.group = doc.group or previous.group
            doc.date = doc.date or previous.date
        # Notes taken at the meeting, printed after its agenda in one file ("Steering Committee
        # Minutes" under the agenda), are that meeting's when they name no date of their own; a
        # report pasted between them does not part them.
        elif doc.doc_type == "minutes" and not doc.date and doc.source in last_meeting:
            meeting = last_meeting[doc.source]
            doc.group = meeting.group or doc.group
            doc.date, doc.date_source = meeting.date, meeting.date_source
        # A record of a meeting that names neither its group nor its date (a page of actions, a
        # continuation) is the paper before it in its file: that meeting's.
        elif previous is not None and doc.doc_type in INHERITS_MEETING and not doc.date and not doc.group:
            doc.group, doc.date, doc.date_source = previous.group, previous.date, previous.date_source
        if doc.doc_type in ("agenda", "minutes") and doc.date:
            last_meeting[doc.source] = doc
    return docs


# A line that is only a date ("DATED: 18 JULY 2012", "18 July 2012")
_DATE_LINE = re.compile(r"^\W*(?:dated?\s*:?\s*)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\W*$", re.I)

# A day, a month name and a year, whether or not they make a real date.
_LOOKS_LIKE_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_WORD + r"\.?,?\s+\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", re.I)
_NAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>0[1-9]|1[0-2])[-_.]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


def _date_in_name(path: str) -> str | None:
    """An ISO date written in a file's name ("board-minutes-2014-01-30.pdf", "20140130_minutes")."""
    m = _NAME_DATE.search(Path(path).stem)
    return first_date(f"{m.group('y')}-{m.group('m')}-{m.group('d')}") if m else None


# "Minutes of Trustees of The Friends of X Library", "Minutes of the meeting of the Y Board held on ..."
_MINUTES_OF = re.compile(
    # ("MINUTES-TOWN OF POUND, VA": the name after a dash)
    r"^\W*(?:(?:draft|unconfirmed|approved|confirmed)\s+)?(?:minutes|notes?|agenda)(?:\s+(?:of|for|from)\s+|\s*[-–—]\s*)(?:the\s+)?"
    # "Minutes from 6th OpenVDB TSC meeting, Jan. 24, 2019": the meeting's number is no part of its name
    r"(?:\d{1,3}(?:st|nd|rd|th)\s+)?"
    # "Minutes of the November meeting of Wretton PC": which meeting it was is no part of the name
    r"(?:(?:" + MEETING_KIND + r"\s+)?meeting\s+of\s+(?:the\s+)?)?(?P<name>[A-Z][^\n]{3,})$", re.I)
_HELD = re.compile(r"\s+(?:meeting\s+)?(?:held|on|at|dated)\b.*$|\s+meeting\s*$", re.I)


def _titled_below(lines: list[Line]) -> str | None:
    """The group a minutes title under the first line names ("Minutes of the meeting held on 14th
    July 2009" / "DRAFT MINUTES OF WRETTON PARISH COUNCIL MEETING")."""
    for ln in lines:
        m = _MINUTES_OF.match(ln.clean)
        if m and not _GENERIC_BODY.fullmatch(_HELD.sub("", m.group("name")).strip()):
            return m.group("name")
    return None


def _spelt_out(name: str, lines: list[Line]) -> str | None:
    """The same name spelt out on a line under the title, where ``name`` ends in capitals that
    are its initials: "Wretton PC" and "MINUTES OF WRETTON PARISH COUNCIL MEETING" give
    "WRETTON PARISH COUNCIL"."""
    words = name.split()
    short = [w for w in words if w.isupper() and 2 <= len(w) <= 5]
    if not short or words[-len(short):] != short:
        return None
    lead = [w.lower() for w in words[:-len(short)]]
    for ln in lines:
        m = _MINUTES_OF.match(ln.clean)
        long = (_meeting_name(m.group("name")) or "").split() if m else []
        if [w.lower() for w in long[:len(lead)]] == lead and len(long) > len(lead):
            rest = long[len(lead):]
            if "".join(w[0] for w in rest).upper() == "".join(short):
                return " ".join(long)
    return None


# (and which meeting it was, with no body: "AGENDA - REGULAR MEETING", "Minutes – Special Meeting")
_GENERIC_BODY = re.compile(r"(?:the\s+)?(?:committee|board|group|panel|forum|trust|council|meeting|trustees|regular|"
                           + MEETING_KIND + r")", re.I)
_TITLE_WORD = re.compile(r"\b(?:minutes|agenda)\b", re.I)
# "Board of Directors Meeting Agenda", "Finance Committee Minutes": the meeting named before the word.
_NAMED_TITLE = re.compile(r"^\W*(?P<name>[A-Z][\w&'’ -]{2,80}?)\s+(?:meeting\s+)?(?:minutes|agenda)\W*$", re.I)


def _title_as_name(line: str) -> str | None:
    """The meeting's name when the paper names no body but heads its minutes with a title
    ("Software Testing Project" over "Minute No: 001"): a short title-case line, no date, no
    label, not only the words minutes / meeting / agenda."""
    name = re.sub(r"^[\s#*]+|[\s*:]+$", "", line)
    name = re.sub(r"\s+(?:meeting\s+)?(?:minutes|agenda|notes)$", "", name, flags=re.I)
    if not name or ":" in name or first_date(name) or not _title_case(name, 8) or not name[:1].isupper() \
            or _GENERIC_BODY.fullmatch(name) or re.fullmatch(r"(?i)(?:draft\s+)?(?:minutes|agenda|notes|meeting)\b.*", name):
        return None
    return name


def _name_over_title(top: list[str]) -> str | None:
    """The meeting's name from a title block: "The Apache Software Foundation" over "Board of
    Directors Meeting Agenda" is the foundation's board, not any committee named in the body."""
    for k, line in enumerate(top):
        m = _NAMED_TITLE.match(line)
        if not m or first_date(line) or m.group("name").lower().split()[0] in ("open", "draft", "approved", "the"):
            continue
        name = m.group("name")
        above = top[k - 1] if k else ""
        if above and len(above.split()) <= 8 and not re.search(r"\d|[.,:;]$", above) and not first_date(above):
            name = f"{above} {name}"
        return name
    return None


# A heading over when and where the meeting was ("Date", "Date and Time", "Date, Time and
# Location", "Time and Place", "When"), and a sentence saying when it was held.
_DATE_HEADING = re.compile(
    r"^[#*\s]*(?:when|date(?:\s*(?:,|and|&)\s*time)?(?:\s*(?:,|and|&)\s*(?:location|place|venue))?"
    r"|time\s*(?:,|and|&)\s*(?:date|place|venue)(?:\s*(?:,|and|&)\s*(?:date|place|venue))?)[*\s:]*$", re.I)
_HELD_ON = re.compile(r"\bmeeting\s+(?:took\s+place|was\s+held|was\s+convened|convened)\b", re.I)
# how far down a paper's own statement of its date is looked for: its opening part, not the body
DATE_BELOW_LINES = 120


def _date_below(lines: list[Line], nonblank: list[int], first: int, last: int) -> str | None:
    """The meeting's date as the paper states it below its header: the first date under a
    "Date, Time and Location" heading, or in a sentence saying the meeting was held (the
    sentence may wrap onto the next lines)."""
    written = [j for j in nonblank[bisect.bisect_left(nonblank, first):][:DATE_BELOW_LINES] if j <= last]
    for k, j in enumerate(written):
        clean = lines[j].clean
        if _DATE_HEADING.match(clean):
            found = first_date("\n".join(lines[x].text for x in written[k + 1:k + 4]))
        elif _HELD_ON.search(clean):
            found = first_date(" ".join(lines[x].text for x in written[k:k + 3]))
        else:
            continue
        if found:
            return found
    return None


def _meeting_name(value: str) -> str | None:
    """The meeting's own name from a header field, without a date or time written after it."""
    value = _HELD.sub("", value)
    value = re.split(r"\s+[-–—,]\s+" + _DATE_AHEAD, value, flags=re.I)[0]
    # "OpenVDB TSC meeting, Jan. 24, 2019": the date after a comma, then the word "meeting"
    # (or its quarter: "Minutes of the 10th meeting of the Scala Center, Q3 2018")
    value = re.split(r",\s*(?=\d|" + MONTH_WORD + r"\b|Q[1-4]\b)", value, flags=re.I)[0]
    value = re.sub(r"\s+meeting\s*$", "", value, flags=re.I)
    # "Town of Pound, VA": the state (or county) after the place is where it is, not its name
    value = re.sub(r",\s*[A-Z]{2}\.?\s*$", "", value)
    value = value.strip(" -–—,:")
    return value[:120] or None


def _pages_within(page_starts: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Page starts re-based to a document that spans text[start:end]."""
    before = [num for off, num in page_starts if off <= start]
    inside = [(off - start, num) for off, num in page_starts if start < off < end]
    return ([(0, before[-1])] if before else []) + inside


def _shift_table(table: Table, by: int) -> Table:
    return Table([TableRow(list(r.cells), r.start + by) for r in table.rows], table.has_header)


# ---------------------------------------------------------------------------------------------
# Passages
# ---------------------------------------------------------------------------------------------

# "4.2 In discussion", "5. MAPPA and Housing" — not "18 February 2016" nor "2 Scottish motions" in a bullet.
_ITEM_NUMBER = re.compile(
    r"^[\s*#]{0,3}(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\)|(?<=\.\d)|(?<=\.\d\d))\s+(?!" + MONTH_WORD + r"\b)(?=\S)",
    re.I,
)
_ITEM_WORD = re.compile(r"^\W{0,3}(?P<num>(?:Item|Agenda item|Paragraph|Para)\s+\d{1,2}(?:\.\d{1,2})*)\b", re.I)
_LIST_ITEM = re.compile(BULLET.pattern + r"|^\s*(?:\(?[a-z0-9]{1,3}[).]|\(\d+(?:\.\d+)?\))\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.I)
_ACTION_LINE = re.compile(r"^\W{0,3}(ACTION|Action(?: point)?|AP)\b", re.I)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s+[A-Z]")


def _bare_numbered_titles(lines: list[Line]) -> set[int]:
    """Indexes of item titles written without a stop ("6 Feedback from the Forum") that the
    item's first sub-item ("6.1 …") follows: each is a heading of its own."""
    out: set[int] = set()
    for i in range(len(lines) - 1):
        m = _BARE_NUMBER.match(lines[i].clean)
        if m and len(lines[i].clean.split()) <= 12 and not lines[i].clean.endswith(".") \
                and lines[i + 1].clean.startswith(m.group(1) + ".1"):
            out.add(i)
    return out


def _restarts_inside(number: str, current: str) -> bool:
    """A plain number ("1", "2") lower than the current item's ("4", "4.2"): a numbered list
    inside that item, not the next item of the minutes; likewise "Item 5.2 – …" written inside
    minutes whose items are numbered "1.", "2." (matters arising from the last meeting)."""
    if number.lower().startswith(("item", "agenda item")) and current[:1].isdigit():
        return True  # "Item 5.2 – the opening hours …" in minutes numbered 1., 2., …: a reference back
    if not number.isdigit():
        return False
    top = re.match(r"(?:item\s+)?(\d+)", current, re.I)
    return bool(top) and int(number) < int(top.group(1))


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split())


LABEL_HEADING_WORDS = 4


# A Markdown heading (furniture.MARKDOWN_HEADING) is a heading however its words are cased; a
# rule ("----------", "***") or a bare HTML tag ("<br>", "<ul>") that sets sections apart never is.
_RULE = re.compile(r"^(?:[-*_=~]\s*){3,}$|^(?:</?[a-z][a-z0-9]*\s*/?>\s*)+$", re.I)


def _is_heading(block: list[Line], heading_offsets: set[int]) -> bool:
    if len(block) != 1 or BULLET.match(block[0].text):
        return False
    line = block[0]
    text = line.clean
    if _RULE.match(text):
        return False
    if line.start in heading_offsets or MARKDOWN_HEADING.match(text):
        return True
    if len(text) > 90 or text.endswith((".", ",", ";", ":")) and not text.endswith(":") or _ACTION_LINE.match(text):
        return False
    words = text.split()
    if not words or len(words) > 12:
        return False
    # a list of names ("Richard Hunt, Cllr Beccy Hopfensperger, Sue Brotherwood") or a date
    # ("Thursday 30th January 2014 at …") on a line of its own is the item's text, not a heading
    if text.count(",") >= 2 or words[0].lower().rstrip(",") in _WEEKDAYS:
        return False
    if line.text.strip().startswith("**") and line.text.strip().endswith("**"):
        return True
    if is_caps(text):
        return True
    if text.endswith(":") and len(words) <= LABEL_HEADING_WORDS and words[0][:1].isupper():
        return True  # a label over what follows: "Discussed topics:", "Next steps:"
    # "Item 3 – ViSOR", "5.1 Environmental Risk Assessment (ERA)", "Report Findings and Recommendations"
    capitals = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitals / len(words) >= 0.6 and not text.endswith(".")


_LEADING_NUMBER = re.compile(r"^\W{0,3}(?:item\s+)?(\d+(?:\.\d+)*)", re.IGNORECASE)


def _under(item: str, heading: str | None) -> bool:
    """Item "6.1" (or "Item 6.1") sits under the heading "6 Feedback from …"."""
    own = _LEADING_NUMBER.match(item)
    head = _LEADING_NUMBER.match(heading or "")
    return bool(own and head) and (own.group(1) + ".").startswith(head.group(1) + ".")


_AGENDA_LABEL = re.compile(r"^\W{0,4}(?:(?:draft|proposed|meeting)\s+)?agenda\b.{0,40}$", re.I)


def _agenda_titles(block: list[Line], above: list[Line] | None) -> dict[str, str]:
    """Number -> title of an agenda written as one numbered list under its label ("Agenda:" /
    "1) Confirmation of quorum / 2) Selection of secretary / 3) Update from TAC"), else {}:
    minutes whose numbered paragraphs then open with what was said ("4) Ken submitted a
    proposal …") sit under these titles. The label is required: a report's numbered list of
    aims is no agenda."""
    if len(block) < 3 or not above or not _AGENDA_LABEL.match(above[-1].clean):
        return {}
    titles: dict[str, str] = {}
    for line in block:
        numbered = _ITEM_NUMBER.match(line.clean)
        number = numbered.group("num") if numbered else ""
        in_turn = number.isdigit() and (not titles or int(number) == int(list(titles)[-1]) + 1)
        if not in_turn or not _is_title_line([line]):
            return {}
        titles[number] = line.clean
    return titles


def _is_title_line(block: list[Line]) -> bool:
    """A numbered item's line that names it rather than says something: alone in its block,
    short, not a sentence."""
    text = block[0].clean
    return len(block) == 1 and len(text.split()) <= 14 and not text.endswith((".", ";", ","))


# A passage is what a person cites; a log export with no blank lines must not become one
# multi-megabyte passage (a search hit would show nothing useful, and indexing would crawl).
MAX_PASSAGE_CHARS = limit("passage_chars")


def _split_long(block: list[Line]) -> list[list[Line]]:
    if sum(len(ln.text) + 1 for ln in block) <= MAX_PASSAGE_CHARS:
        return [block]
    pieces: list[Line] = []
    for line in block:
        start = 0
        while len(line.text) - start > MAX_PASSAGE_CHARS:
            cut = line.text.rfind(" ", start, start + MAX_PASSAGE_CHARS)
            cut = cut if cut > start else start + MAX_PASSAGE_CHARS
            pieces.append(Line(line.start + start, line.start + cut, line.text[start:cut]))
            start = cut
        pieces.append(Line(line.start + start, line.end, line.text[start:]))
    out: list[list[Line]] = [[]]
    size = 0
    for piece in pieces:
        if out[-1] and size + len(piece.text) > MAX_PASSAGE_CHARS:
            out.append([])
            size = 0
        out[-1].append(piece)
        size += len(piece.text) + 1
    return out


def build_passages(doc: Document) -> None:
    """Fill ``doc.passages``: table rows, numbered items, list items and paragraphs, in order."""
    text = doc.text
    lines = split_lines(text)
    row_at: dict[int, tuple[int, TableRow, Table]] = {}
    for table in doc.tables:
        data_rows = table.rows[1:] if table.has_header else table.rows
        for _n, row in enumerate(table.rows):
            row_at[row.start] = (data_rows.index(row) + 1 if row in data_rows else 0, row, table)
    heading_offsets = set(doc.headings)

    # Group lines into blocks: blank lines end a block; a list-item line, an item number,
    # a table row or an ACTION line always starts its own block.
    blocks: list[list[Line]] = []
    current: list[Line] = []
    in_header = doc.doc_type in ("email", "meeting_request")
    titles = _bare_numbered_titles(lines) | {i for i, ln in enumerate(lines) if BACKREF_LINE.match(ln.clean)}
    title_starts = {lines[i].start for i in titles}
    heading_offsets |= title_starts
    for i, line in enumerate(lines):
        if line.start in row_at:
            if current:
                blocks.append(current)
            blocks.append([line])
            current = []
            continue
        if not line.clean:
            if current:
                blocks.append(current)
            current = []
            continue
        if in_header and re.match(r"^\s*[A-Z][A-Za-z ]{1,25}:\s", line.text) and current and not re.match(r"^\s*[A-Z][A-Za-z ]{1,25}:", current[-1].text):
            blocks.append(current)
            current = []
        # A bullet always opens a new block; a number, a letter or "Action" at the start of a
        # line does so only after a finished sentence ("children (under\n16) sharing ..." is
        # one wrapped sentence, not item 16).
        # (a Markdown emphasis closes a sentence too: "… to Marta.** _Done. Closed_")
        after_sentence = not current or current[-1].clean.endswith((".", ":", ";", "?", "!", "**", "_", "*")) or _is_heading(
            current, heading_offsets
        ) or bool(OWNER_TAG_LINE.match(current[-1].clean))
        starts_new = bool(BULLET.match(line.text) or line.clean.startswith("ACTION")) or i in titles or (
            i - 1) in titles or after_sentence and bool(
            _LIST_ITEM.match(line.text) or _ITEM_NUMBER.match(line.clean) or _ITEM_WORD.match(line.clean) or _ACTION_LINE.match(line.clean)
        )
        if current and starts_new and not in_header:
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)

    # Join a paragraph broken by a page break: previous block does not end a sentence, next starts lower-case.
    merged: list[list[Line]] = []
    for block in blocks:
        first = block[0].clean
        if (
            merged
            and block[0].start not in row_at
            and merged[-1][0].start not in row_at
            and (first[:1].islower() or doc.page_at(merged[-1][-1].start) != doc.page_at(block[0].start))
            and not BULLET.match(block[0].text)  # "o Contract summary" opens on a bullet, not a lower-case word
            and not merged[-1][-1].clean.endswith((".", ":", "?", "!", ";", "**"))
            and not OWNER_TAG_LINE.match(merged[-1][-1].clean)
            and block[0].start not in title_starts
            and not _is_heading(merged[-1], heading_offsets)
        ):
            merged[-1] = merged[-1] + block
        else:
            merged.append(block)

    merged = [piece for block in merged for piece in _split_long(block)]

    item = None  # current item number as the document writes it
    section = None  # current heading text
    agenda: dict[str, str] = {}  # the agenda's titles by number, once a numbered agenda list is read
    para_count = 0
    passages: list[Passage] = []
    header_done = doc.doc_type not in ("email", "meeting_request")
    titles: dict[int, str | None] = {}  # each table's title row, read once
    for index, block in enumerate(merged):
        first_line = block[0]
        start, end = first_line.start, block[-1].end
        body = text[start:end]
        if _PAGE_NUMBER.match(body) and len(block) == 1:
            continue  # a stray page number from a printed page
        kind = "paragraph"
        cells = None
        table_context = None
        if first_line.start in row_at:
            number, row, table = row_at[first_line.start]
            if not any(c.strip() for c in row.cells):
                continue  # a blank row of a form ("\t\t"): nothing to cite
            if number == 0:
                kind, location = "heading", "header row"
            else:
                kind, location = "table_row", f"row {number}"
                # a table headed by a title, not by column names ("Connor tasks: | Hours",
                # "Discussed topics:"): its rows are read under that title
                if id(table) not in titles:
                    titles[id(table)] = table_title(table)
                table_context = titles[id(table)]
            cells = list(row.cells)
            end = row.end
            body = text[start:end]
        elif not header_done:
            kind, location = "header_block", "header"
            if any(_SUBJECT.match(ln.clean) or _START_FIELD.match(ln.clean) for ln in block):
                header_done = True
        else:
            numbered = _ITEM_NUMBER.match(first_line.clean) or _ITEM_WORD.match(first_line.clean)
            if numbered and item and _restarts_inside(numbered.group("num"), item):
                # "1. Application from …" under item 4: a list inside the item, cited as item 4
                numbered = None
                kind = "list_item"
                para_count += 1
                location = item
            elif numbered and not BULLET.match(first_line.text):
                listed = _agenda_titles(block, merged[index - 1] if index else None)
                agenda = listed or agenda
                item = numbered.group("num")
                if item.lower().startswith(("item", "agenda item", "para")):
                    item = item[:1].upper() + item[1:]
                kind = "heading" if _is_heading(block, heading_offsets) else "item"
                # a new item ends the last one's heading: its own title line when it has one
                # ("11. Aldeburgh Library - Application to change opening hours"), else none;
                # a sub-item ("6.1 No report …" under "6 Feedback from …") keeps its parent's
                if kind == "heading" or _is_title_line(block):
                    section = first_line.clean
                elif not listed and item in agenda:
                    section = agenda[item]
                elif not _under(item, section):
                    section = None
                location = item
            elif _is_heading(block, heading_offsets):
                kind = "heading"
                section = first_line.clean
                bare = _BARE_NUMBER.match(first_line.clean) if first_line.start in title_starts else None
                if bare:  # "6 Feedback from …": item 6 opens
                    item = bare.group(1)
                # an unnumbered sub-heading ("NSS Update") stays inside the current item
                para_count += 1
                location = item or f"para {para_count}"
            else:
                if _LIST_ITEM.match(first_line.text):
                    kind = "list_item"
                para_count += 1
                location = item or f"para {para_count}"
        passages.append(
            Passage(
                passage_id=f"{doc.doc_id}-p{len(passages) + 1:03d}",
                doc_id=doc.doc_id,
                page=doc.page_at(start),
                location=location,
                text=body,
                start=start,
                end=end,
                kind=kind,
                context=table_context or section,
                cells=cells,
            )
        )
    doc.passages = passages
    chunk_passages(doc)
