"""Actions that minutes write as plain sentences, with no ACTION line or Action column.

Many boards never mark their actions: "The General Manager will circulate the revised
policy", "DT was asked to write to the Town Council", "It was agreed that the Clerk would
arrange a date", "The dates will be arranged by the Clerk to the Board". A sentence is an
action when it gives a *named* owner (initials, a name, a role or a body, never a pronoun:
"she agreed to circulate …" could be anyone) a task still to do (future or obligation, not a
report of what was done, not a passive without its agent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.chunking import BULLET, POINT_MARKS, line_indent
from ingest.extract.owners import ROLE_WORDS as _ROLE_WORDS
from ingest.extract.owners import split_owners
from ingest.furniture import HONORIFIC_ALT, HONORIFICS, ROLL_CALL_LABELS
from ingest.headers import MONTH_WORD

# An owner as minutes write one: initials ("DT", "AHop"), names, roles ("the General Manager",
# "The Clerk to the Board"), several joined by and/&/,//. Checked again by ``owner_tag``.
# (letters beyond ASCII too: "Sébastien", "Ólafur", "Raúl Raja Martínez", "Siân")
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_NAME = rf"(?:[{_UPPER}][{_UPPER}{_LOWER}'’-]*|[A-Z]{{2,5}})"
_JOINER = r"(?:\s*(?:,|/|&|\band\b)\s*)"
# "Cllr Smith", "Mr. Mertic", "Dr Hale": a title before a name is part of the owner as written
_TITLE = r"(?:(?:" + HONORIFIC_ALT + r")\.?\s+)?"
_OWNER = (
    r"(?P<owner>(?:[Tt]he\s+)?" + _TITLE + _NAME + r"(?:\s+(?:(?:of|to|for|and|&)(?:\s+the)?)?\s*" + _NAME + r"){0,5}"
    r"(?:" + _JOINER + r"(?:[Tt]he\s+)?" + _NAME + r"(?:\s+" + _NAME + r"){0,3})*"
    # an officer written in lower case: "… this was acceptable, clerk to complete, sign and return"
    r"|(?:[Tt]he\s+)?(?:(?:town|general|office|business|project)\s+manager|clerk|chairman|chairperson|chair|treasurer"
    r"|secretary)(?![\w-]))"
)
# What ties the owner to a task still to do.
_LINK = (
    r"(?:will(?:\s+also)?(?!\s+not\b)(?:\s+be(?=\s+\w+ing\b))?|(?:has|have)\s+agreed\s+to|agreed\s+to|is\s+to|are\s+to"
    r"|to(?=\s+[a-z])|(?:(?:has|have)\s+)?(?:offered|volunteered|promised)\s+to|undertook\s+to|(?:has|have)\s+undertaken\s+to"
    r"|(?:was|were|has\s+been|have\s+been)\s+(?:asked|requested)\s+(?:to|if\s+they\s+could|whether\s+they\s+could)"
    r"|asked\s+to|(?:is|are)\s+going\s+to"
    r"|still\s+(?:has|have)\s+to"  # "Jeff & Ken still have to sign into JIRA"
    # a promise reported: "Thanh said he would work with …", "Andrew indicated that he would share …"
    # (and as narrative minutes write it, in the present: "Mayor Cauthorne states he will get in contact …")
    r"|(?:said|says|indicated|indicates|stated|states|confirmed|confirms|promised|promises|reported|reports)"
    r"\s+(?:that\s+)?(?:he|she|they)\s+(?:would|will|can)"
    r"(?:\s+(?:also|try\s+to))?(?:\s+be(?=\s+\w+ing\b))?"
    # ties that make a task only of someone the paper lists: a tentative one ("Myles may try to
    # get …", "Ken plans to release …"), or a sentence's second verb ("Dan has acquired the
    # handle and will make it available")
    r"|(?P<listed_only>(?:may|might)(?:\s+try\s+to)?|(?:plans|intends)\s+to|[^.;]{3,80}?\s+and\s+will))"
)
_SUBJECT_ACTION = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=^\W)|(?<=\band\s)|(?<=\bbut\s)|(?<=,\s)|(?<=[a-z]\s)|(?<=[–—]\s)|(?<=\s-\s))\s*" + _OWNER
                             + r"(?P<comma>[,:])?\s+(?:also\s+)?(?P<link>" + _LINK + r")\s+(?P<verb>[a-z][a-z'-]+)\b")
# "…, with AB to take the lead"
_WITH_ACTION = re.compile(r"\bwith\s+" + _OWNER + r"\s+to\s+(?P<verb>[a-z][a-z'-]+)\b")
# "It was agreed that the Clerk would …", "It was requested that DT ask …"
# (case-blind for its words only: the owner is capitalised, or "Nick would make two tweaks to his"
# reads as a name)
_THAT_ACTION = re.compile(
    # (a decision's "that" may be left out: "it was agreed Councillor Moran will call in …",
    # "Resolved Councillor Healey contact Metcalfes …")
    r"\b(?i:(?:it\s+was\s+)?(?:(?:agreed|requested|resolved|decided|proposed)\s+that|(?:agreed|resolved|decided)(?!\s+that\b)))\s+"
    + _OWNER
    # a modal, or the bare verb of "requested that DT ask …" (not "that Rosh training was …"), or the
    # owner asked: "agreed that Mrs Evans be asked to complete the internal audit"
    + r"\s+(?:(?i:will|would|should|shall|to|(?:should\s+)?be\s+(?:asked|requested)\s+to)\s+(?P<verb>[a-z][a-z'-]+)"
    r"|(?P<bare>[a-z][a-z'-]+(?<!ing)(?<!ed)))\b")
# "Mike indicated that the legal committee should review …": a task reported of someone else
# (with its modal only: "said that Rosh training was …" reports no task)
_SAID_THAT = re.compile(r"\b(?:said|indicated|stated|confirmed|suggested)\s+that\s+" + _OWNER
                        + r"\s+(?:will|would|should|shall)\s+(?P<verb>[a-z][a-z'-]+)\b")
# "All TSC members to look at …", "Everyone should do the rights management": the meeting gives the
# task to all of its members (not "we need to …", which a report also writes of its plans)
_ALL_OF_US = re.compile(r"^\W*(?P<owner>(?i:all)(?:\s+(?:[A-Z]{2,6}\s+)?members|\s+present)?|(?i:everyone|everybody)"
                        r"|[A-Z]{2,6}\s+members)\s+(?:to|should|must|need\s+to)(?:\s+(?:also|all))?"
                        r"\s+(?!be\b|have\b|not\b|need\b|continue\b|remain\b)[a-z][a-z'-]+\b")


# "Call for everyone to test the CMake …": the meeting asks it of all of them
# (and said of the chair: "Councilman Cauthorne calls on everyone to be thinking of people …")
_CALL_FOR = re.compile(r"^\W*(?:(?i:call\s+for)|(?:[A-Z][\w.'’-]*\s+){1,3}(?:calls|called)\s+(?:on|for))\s+"
                       r"(?P<owner>everyone|everybody|all|volunteers|[A-Z][\w'’-]+(?:\s+members)?)"
                       r"\s+to\s+(?P<verb>[a-z][a-z'-]+)\b")
# "The Chair asked ST to clarify …"
# (the body the owner speaks for set after the name: "requested Mr Armstrong, EDC to look into …")
_ASKED_ACTION = re.compile(r"\b(?:asked|requested|invited|asks|requests|invites)\s+" + _OWNER + r"(?:,\s*[A-Z]{2,6},?)?\s+to\s+(?P<verb>[a-z][a-z'-]+)\b")
# "The dates will be arranged by the Clerk to the Board"
# (not "to be agreed by Council": approval by a body is a decision still to come, not a task)
_BY_AGENT = re.compile(
    r"\bwill\s+be\s+(?!(?:agreed|approved|considered|discussed|noted|decided|ratified|endorsed|received)\b)[a-z]+ed"
    r"\s+(?:[a-z]+\s+){0,6}?by\s+" + _OWNER)

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "there", "who", "which"}
# Words that open a sentence but are not owners ("This will …", "Papers will …" are things).
_NOT_OWNER_HEADS = {"it", "this", "that", "there", "these", "those", "a", "an", "any", "all", "some", "each",
                    "further", "nothing", "no", "if", "when", "once", "as", "in", "on", "at", "by", "for",
                    "with", "from", "following", "after", "before", "due", "please", "members",
                    "call", "motion",  # "Call to order", "Motion to adjourn": procedure, not a task
                    # a verb or a conjunction opening a sentence ("Try to meet them", "Hope to finish
                    # before …", "Or will they …"): the writer's own note, nobody named
                    "try", "hope", "need", "needs", "want", "wants", "plan", "plans", "aim", "going", "or",
                    "and", "but", "so", "also", "then", "still", "how", "what", "why", "where"}
# "Titus: …", "KDH/All: …": a point that opens on who it is for
_NAMED_LEAD = re.compile(r"^[A-Z][\w/&.' -]{0,30}:\s")
_NOT_BARE_VERBS = {"was", "is", "were", "are", "has", "had", "have", "be", "been", "would", "could", "might", "may",
                   "must", "can", "did", "does"}
# A verb after the link that says nothing is still to do ("will be", "would like").
_NOT_TASK_VERBS = {"be", "been", "have", "like", "need", "not", "no", "never", "also", "continue", "remain", "the", "a",
                   "an",
                   # a view or a vote, not a task ("states she would prefer a line of credit", "would nominate …")
                   "feel", "prefer", "nominate", "second", "vote", "abstain", "think", "believe", "hope", "want", "love"}
# verbs that end as adverbs do ("would happily do it" names no task; "offered to supply posts" does)
_LY_VERBS = {"apply", "supply", "reply", "rely", "comply", "imply", "multiply", "fly", "rally", "tally", "ally", "bully"}
# The meeting itself as the subject: "The Board", "the Committee", "Members".
_MEETING_BODY = re.compile(r"(?:[Tt]he\s+)?(?:Board|Committee|Group|Meeting|Members|Trustees|Panel|Forum)(?:\s+members)?")
# Quote marks around a word ("Gabriel ‘volunteered’ to …"), not an apostrophe inside one.
_WORD_QUOTES = re.compile(r"(?<![\w'’])[‘“\"](?=\w)|(?<=\w)[’”\"](?![\w'’])")
# "Will find out what info he can share …": the subject left out, as notes do; not a question
# ("Will this affect …?"), not a name ("Will Smith to …"), not a passive ("Will be discussed …")
_ELIDED_WILL = re.compile(r"^Will\s+(?!(?:this|that|the|these|those|there|it|we|they|he|she|you|i|a|an|any|be|not|no"
                          r"|and|or|also|need|have|continue|remain|require|depend|mean|include|affect|happen)\b)[a-z][a-z'-]+\b")
# "Follow up: Check with Linux Foundation about …", "To do: book the hall": a task labelled as one
# An errand set in the passive, its doer unnamed (the clerk, as a rule): "BT will be contacted to
# stress …", "a letter should be sent to the owner", "Document to be circulated." (a bare "to be"
# only in a sentence that ends: "Approval of papers to be sent for EGM" heads an item). Read only
# in a paper that marks no actions of its own (no "ACTION:" line, no action table): one that does
# says by them which of its sentences are tasks.
_PASSIVE_TASK = re.compile(
    r"\b(?:(?:will|shall|should|(?:is|are)\s+to)\s+(?:also\s+|now\s+|again\s+|then\s+)?be\s+|(?<!\bhad\s)to\s+be\s+(?=.*\.\s*$))"  # ("had to be made": done)
    r"(?:[a-z]+ly\s+)?"  # "this will be fully investigated"
    r"(?:contacted|approached|asked|sent|sought|passed|informed|updated|placed|added|published|obtained|requested|"
    r"invited|chased|notified|ordered|purchased|bought|repaired|replaced|installed|put|forwarded|reported|"
    r"circulated|emailed|e-mailed|posted|drafted|organised|organized|booked|written|"
    r"investigated|made|erected|arranged|checked|inspected|fixed|painted|prepared|distributed|displayed|"
    r"removed|cleaned|submitted|collected|delivered|produced)\b", re.I)
# A report's own undertaking, its writer the subject: "Roads – We will be filling potholes on Main
# in September", "If the Board agrees, I will be in touch with …";
# and the notes' subjectless "Need to find a new host", "Plan to fell trees over the fire road".
# Not a hope or a condition of being ("we will be able to", "we will need to see").
_OWN_UNDERTAKING = re.compile(
    r"^(?:[A-Z][^.!?\n]{0,60}?(?:,|\s[–—-])\s+)?(?:we|i)\s+(?:will|shall)\s+(?:also\s+|now\s+|then\s+|again\s+)?"
    r"(?!be\s+(?:able|unable|happy|glad|pleased|grateful|in\s+a\s+position)\b|need\b|have\b|not\b|see\s+(?:if|whether|how)\b)[a-z]"
    r"|^(?:plan|plans)\s+to\s+(?!be\b)[a-z]", re.I)
# A motion that sets work going ("Councilwoman Kennedy makes a motion to request the traffic study
# from VDOT", "the motion is to move forward with the structural engineer", "… makes the motion that
# council proceed with selling that building"); not one settled as it is voted ("motion to approve
# the consent calendar", "to adjourn", "to go into closed session", "to certify …").
_MOTION_TASK = re.compile(
    r"\bmotion\s+(?:is\s+|would\s+be\s+)?(?:to|that)\s+(?:(?:the\s+)?council\s+|we\s+)?(?:go\s+ahead\s+and\s+)?"
    r"(?!(?:approve|accept|adopt|adjourn|amend|appoint|reappoint|certify|go|enter|return|ratify|rescind|elect|waive"
    r"|pay|suspend|deny|reject|recess|close|reconvene|open|allow|add|remove|move\s+(?!forward)|nominate|hire"
    r"|grant|set|keep|leave|re-?elect|confirm|note|receive|resolve|excuse|pass|give|compensate|cease|come)\b)[a-z]+\b", re.I)
# Narrative minutes go on about the last speaker: "Mrs. Carter states … She states she will reach out
# to the auditor …": the task of whoever the paragraph last named speaking.
_PRONOUN_UNDERTAKING = re.compile(r"^(?:She|He)\s+(?:also\s+)?(?:states|says|stated|said|confirms|confirmed)\s+(?:that\s+)?"
                                  r"(?:she|he)\s+(?:will|would|is\s+going\s+to)\s+(?:also\s+)?(?P<verb>[a-z][a-z'-]+)\b")
_LABELLED_TASK = re.compile(r"^(?:follow[- ]?ups?|to[- ]?dos?)\s*:\s*\S", re.I)
# An item put off to a later meeting: the meeting owes it a return ("We will defer this until we have
# quorum", "deferred until next meeting", "budget vote is deferred until the September meeting",
# "Myles not here defer to next time", "discussion: table to next meeting")
_LATER = r"\s+(?:the\s+)?(?:next|a\s+later|later|a\s+future|we\s+have|after|" + MONTH_WORD + r"\s+meeting)\b"
_DEFERRED = re.compile(
    # "defer this until we have quorum": only these verbs say "put off" whatever their object
    r"\b(?:defer|deferred|postpone|postponed)\b(?:\s+\w+){0,4}?\s+(?:to|until|till|for)" + _LATER
    # the others only right before the time ("tabled for later", "delayed until after the CMake PR"):
    # "tabled the accounts for the next quarter", "left the meeting for the next item" put nothing off
    + r"|\b(?:delayed|tabled?|left|will\s+wait)\s+(?:to|until|till|for)" + _LATER
    # "A vote will be scheduled for next time", "To be discussed at the next meeting"
    + r"|\b(?:will|to)\s+be\s+(?:scheduled|discussed|considered|revisited|reviewed|taken\s+up)\s+(?:\w+\s+){0,4}?"
    r"(?:at|for|in)\s+(?:the\s+)?next\b", re.I)
# a sentence ends at its stop, or where a bullet opens the next line ("* Nominating X [#694]" /
# "  * No objections, Michael will check …")
# ("Dr. Hale would review …", "Cllr. L. Peake offered …": a title's or an initial's stop ends no sentence; a bullet set inside a line, as a
# page pasted from a PDF keeps a list, does; so does a lettered point or a minute number run in
# after a stop: "… the recent bad weather. d) The Emergency Plan …", "… at the April meeting.
# 59/18 Parish Councillor Training …")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)" + "".join(rf"(?<!\b{t}\.)" for t in HONORIFIC_ALT.split("|"))
                           + r"\s+(?=[A-Z(\"'“‘]|[a-z]\)\s|\d{1,4}/\d{2,4}\s)|\n(?=[ \t]*(?:" + POINT_MARKS + r")[ \t])|\s+•\s+"
                           # a lettered or roman point opening the next line: "… course.\nb. Few questions"
                           + r"|\n(?=[ \t]*(?:[a-h]|[ivx]{1,4})[.)][ \t])")


@dataclass
class ProseAction:
    start: int
    end: int
    text: str
    number: int | None = None
    owners: list[str] = field(default_factory=list)


# The header fields that list who was at a meeting.
_ATTENDANCE = re.compile(
    # (and the members' list a header gives beside who attended: "Members: Maria, Kozo, Lori, …")
    r"^(?:#{1,6}[ \t]*)?\W{0,3}(?:" + ROLL_CALL_LABELS + r"|(?:board\s+|committee\s+)?members(?=\s*:))"
    # no separator, a lower-case word next is a sentence ("Present and vote on the budget:"),
    # unless it says whose: "Apologies were received from Cllr Box"
    r"\b(?:\s*[:;\t]\s*|\s*[–—-]\s+|\s+(?!(?-i:[a-z]))|\s+(?:were\s+|was\s+)?(?:received|given|noted)\s+from\s+|\s*$)"
    r"(?P<rest>.*)$", re.I)
_ATTENDANCE_FIELD = re.compile(r"^[#*\s]*[A-Z][A-Za-z ]{0,20}?(?:[:;\t]|\*\*|$)")
HEADER_LINES = 60  # a minutes header's fields (Present, Apologies, …) come within these
_TITLES = HONORIFICS


# A name opening a sentence or a line, then what that person said or did at the meeting.
_SPEAKER = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t*-]*(?P<name>[{_UPPER}][{_LOWER}]+(?:\s[{_UPPER}][{_LOWER}]+)?)\s+(?:also\s+)?"
                      r"(?:said|indicated|noted|asked|reported|presented|explained|mentioned|suggested|proposed"
                      r"|shared|stated|confirmed|gave|offered|raised|announced|introduced|replied|added|commented"
                      # (narrative minutes in the present: "Mr. Dotson states …")
                      r"|says|states|explains|asks|reports|notes|mentions|suggests|confirms|replies|adds)\b")


# A roll's one-word entries are first names when there are this many of them (one alone may be
# "None", "Nil" or a body's name); and these words are never anyone's.
MIN_FIRST_NAMES = 3
_NOT_NAMES = frozenset({"none", "nil", "nobody", "tbc", "tbd", "n/a", "apologies", "absent", "present", "guests",
                        "regrets", "members", "attending", "attendees", "observers", "staff", "officers", "also"})

_TITLED_ENTRY = re.compile(r"^\s*(?:" + HONORIFIC_ALT + r")\.?\s+[A-Z]")
_TITLED_ROLL = re.compile(r"\s+(?=(?:" + HONORIFIC_ALT + r")\.?\s+[A-Z])")
# a title inside an owner phrase: what came before it was a run-in heading
_INNER_TITLE = re.compile(r"\s(?:The|" + HONORIFIC_ALT + r")\.?\s")
_TICK_BOX = re.compile(r"^\s*(?:[-*]\s+)?\[[ xX✓✔]?\]\s*")
# The whole meeting as an owner ("all: decide whether …", "KDH/All: Strategic plan").
EVERYONE = frozenset({"all", "everyone"})
_FIRST_AND_INITIAL = re.compile(r"\W*([A-Z][a-z]+)\W*\s+([A-Z])\.?")


@dataclass
class People:
    """Who a document says was at the meeting: their initials (written or derived) and names;
    and the short names of the body that met ("PC" in a Parish Council's minutes), an owner
    as much as any member (not a roll: they leave ``bool`` alone)."""

    initials: set[str] = field(default_factory=set)  # upper case: owners write them however cased ("Ahop")
    names: set[str] = field(default_factory=set)  # first names, surnames and full names, lower case
    body: set[str] = field(default_factory=set)  # upper case: "HPC", "PC"

    def __bool__(self) -> bool:
        return bool(self.initials or self.names)


_LABEL = r"[A-Z][A-Za-z ]{1,30}:"  # "Board Members:", "Members of the Public:"
_POINT_LABEL = re.compile(r"^\s*" + _LABEL + r"\s*(?=\S)")  # a label, then its list on the line
_COLUMN_LABEL = re.compile(_LABEL)  # a label alone: another column's


def _roll_point(point: str) -> str:
    """One bulleted point of a roll: "Board Members: A, B" -> "A, B;", "Kimball Thurston, Weta
    Digital Limited" -> "Kimball Thurston" (a name, then the body the person comes from)."""
    label = _POINT_LABEL.match(point)
    if label:
        return point[label.end():].rstrip(" ;,") + ";"
    return re.split(r",|\s[-–—]\s", point)[0]


def attendance(text: str) -> People:
    """People of the attendance fields of a minutes text ("Present; David Thomas (DT), Sheila
    Freeman (SF)", "Attendees: Tony Brown (Chair), …"), wherever the paper puts them: at the top,
    or after the notes ("# Attendance:" at the end of an agenda-and-notes file)."""
    people = People()
    head = text.split("\n")
    i = 0
    while i < len(head):
        m = _ATTENDANCE.match(head[i].strip())
        if not m or (i >= HEADER_LINES and not _ATTENDANCE_FIELD.match(head[i].strip())):
            i += 1  # below the header, only a field or heading: "present." in a sentence is no list
            continue
        # "Present:   Members of the Public:" over two columns of names: the other column's
        # label is no one's name, and the list follows as under a label alone
        rest = "" if _COLUMN_LABEL.fullmatch(m.group("rest").strip()) else m.group("rest")
        block = [rest]
        bulleted = not rest.strip() or bool(BULLET.match(head[i]))  # a roll of points
        i += 1
        if not rest.strip():  # "## Present" over its list of names, a blank line between
            while i < len(head) and not head[i].strip():
                i += 1
        # (a labelled point of a bulleted roll, "● Guest: Marta Okonjo", is the roll's, not a field after it)
        while i < len(head) and not _ATTENDANCE.match(head[i].strip()) and (not re.match(
                r"^\W{0,3}(?:\d{1,2}[.)]|[A-Z][a-z]+:)\s", head[i].strip())
                or (bulleted and BULLET.match(head[i]) and _POINT_LABEL.match(BULLET.sub("", head[i])))):
            if not head[i].strip():
                # "Present: Cllr D Lloyd - Chairman," / "" / "Cllr M Peake, Cllr A Box": a list
                # that ends on a comma goes on after the blank line
                nxt = next((k for k in range(i, min(i + 3, len(head))) if head[k].strip()), None)
                if nxt is None or not block[-1].rstrip().endswith(","):
                    break
                i = nxt
                continue
            if block[0].strip() and BULLET.match(head[i]):
                # "● Members Absent: Ewan Lindqvist" / "● Staff: Nia Pryce": the next point is a list of its own
                block.append(";" + _roll_point(BULLET.sub("", head[i])))
            else:
                block.append(head[i])
            i += 1
        # entries end at commas, semicolons, "and", and after a bracket: "Sue Gleave (Support
        # Services Manager) Nikki Sturmey (Clerk)" lists two people without a comma
        # under a heading of its own, one name a line ("# Attendance:" / "Aleksandra Pawlik" /
        # "Katy Huff") is a list; lines after a field's own text wrap it (or are a table's rows)
        # a roll call of tick boxes ("[X] Daniel Heckenberg - Chairperson, Animal Logic" / "[ ]
        # Gordon Bradley, Autodesk"): one person a line, then their role and body; the unticked
        # are on the roll as those sending apologies are
        # so is a bulleted list of "- Kimball Thurston, Weta Digital Limited"
        rows = [line for line in block[1:] if line.strip()]
        # … unless a point labels its list ("● Board Members: Paulette Church, Charlie Simons" /
        # "● Guest: Mark Smith"): then every name of it, the list ending at the point
        if not block[0].strip() and rows and all(_TICK_BOX.match(line) or BULLET.match(line) for line in rows):
            block = ["", *(_roll_point(BULLET.sub("", _TICK_BOX.sub("", line))) for line in rows)]
        one_a_line = not block[0].strip() and not any(re.search(r"[,;]", line) for line in block)
        listed = ("\n" if one_a_line else " ").join(block)
        # "Cllr Sue Lintern Chair Cllr Daphne Clements Cllr Mandy Leamon": a roll written without
        # commas, each person opening on a title
        listed = _TITLED_ROLL.sub(",", listed)
        # (a tab parts a roll table's cells: "Chris Dodd<TAB>Gill & Schofield<TAB>Independent")
        first_names: list[str] = []  # entries of one word: a roll of first names ("Maria, Kozo, Aedin, Lori")
        for entry in re.split(r"[,;\n\t]|\band\b|(?<=\))", listed):
            for tag in re.findall(r"\(([^()]{1,40})\)", entry):
                if re.fullmatch(r"[A-Z][A-Za-z]{1,4}", tag.strip()) and sum(c.isupper() for c in tag) >= 2:
                    people.initials.add(tag.strip().upper())
            name = re.sub(r"\([^()]*\)", " ", entry)
            words = [w for w in re.findall(rf"[{_UPPER}][{_UPPER}{_LOWER}'’-]+", name) if w.lower() not in _TITLES]
            if _TITLED_ENTRY.match(entry):
                words = words[:2]  # "Cllr Martin Storey Norfolk County Council": the name, then the body
            if len(words) == 1 and (initial := re.search(r"\b([A-Z])\.?\s+" + re.escape(words[0]) + r"\b", name)):
                # "Cllr M Peake", "Mrs C Hardy": an initial and a surname
                people.names.add(words[0].lower())
                people.initials.add((initial.group(1) + words[0][0]).upper())
            elif 2 <= len(words) <= 4:
                people.names.update(w.lower() for w in words)
                people.names.add(" ".join(words).lower())
                if "-" in words[0]:  # "Phoebe-Jean Harris" is "Phoebe" in the minutes
                    people.names.add(words[0].split("-")[0].lower())
                if any("-" in w for w in words):  # "Debbie Baird-Palmer" is DBP as well as DB
                    people.initials.add("".join(part[0] for w in words for part in w.split("-") if part).upper())
                people.initials.add("".join(w[0] for w in words).upper())
            elif (short := _FIRST_AND_INITIAL.fullmatch(name.strip())) and short.group(1).lower() not in _TITLES:
                # "*Jeff* L.", "John M.": a first name and the surname's initial
                people.names.add(short.group(1).lower())
                people.initials.add((short.group(1)[0] + short.group(2)).upper())
            elif len(words) == 1 and name.strip(" *_.") == words[0] and _name_cased(words[0]) \
                    and not _ROLE_WORDS.search(words[0]) and words[0].lower() not in _NOT_NAMES:
                first_names.append(words[0])
        if len(first_names) >= MIN_FIRST_NAMES:
            people.names.update(w.lower() for w in first_names)
    if people:
        # who speaks in the minutes was there, listed or not ("Andrew indicated that …", "Thanh
        # said …": the staff who attend a committee are often not on its members' list)
        for m in _SPEAKER.finditer(text):
            name = m.group("name")
            if name.split()[0].lower() not in _PRONOUNS | _NOT_OWNER_HEADS | _TITLES and not _ROLE_WORDS.search(name) \
                    and not _MEETING_BODY.fullmatch(name):
                people.names.update(w.lower() for w in name.split())
                people.names.add(name.lower())
    return people


def body_initials(group: str | None) -> set[str]:
    """How a body's minutes shorten its own name: 'Haresfield Parish Council' -> {'HPC', 'PC'}
    (the place dropped: "PC is to contact the contractors"); a one-letter form is no one's."""
    words = [w for w in re.split(r"[\s-]+", group or "") if w[:1].isupper()]
    forms = {"".join(w[0] for w in words), "".join(w[0] for w in words[1:])}
    return {f for f in forms if len(f) >= 2} if _ROLE_WORDS.search(group or "") else set()


# an office written before a surname as a title ("Mayor Cauthorne", "Councilwoman Kennedy")
_OFFICES = r"Mayor|Councilman|Councilwoman|Councilmember|Alderman|Chief|Sheriff|Judge|Pastor|Commissioner|Supervisor"
_TITLE_BEFORE = re.compile(r"\b((?:" + HONORIFIC_ALT + r"|" + _OFFICES + r")\.?)\s+$")


def _last_speaker(text: str, start: int, end: int) -> str | None:
    """The last person ``text[start:end]`` names speaking ("Mrs. Carter states …"), with the title
    or office written before the name ("Mrs. Carter", "Councilwoman Kennedy", "Mayor Cauthorne")."""
    last = None
    for m in _SPEAKER.finditer(text, start, end):
        if m.group("name").split()[0].lower() not in _PRONOUNS:
            last = m
    if last is None:
        return None
    name = last.group("name")
    title = _TITLE_BEFORE.search(text, max(start, last.start("name") - 20), last.start("name"))
    if title and len(name.split()) == 1:
        name = f"{title.group(1)} {name}"
    return name


def _name_cased(word: str) -> bool:
    """Written as a name: "Sheila", "Hesketh-Harvey", "O’Gorman"."""
    return all(part[:1].isupper() and part[1:].islower() for part in re.split(r"[-'’]", word) if part)


# A council's minute opening on its reference and title, then the text ("133/18 Approval of
# Communications Protocol The Clerk agreed …").
_RUN_IN_HEADING = re.compile(r"\W*\d{1,3}/\d{2,4}\s+[A-Z][\w'’&/-]*\s+(?:(?:[A-Z][\w'’&/-]*|of|and|the|for|to|on|in|at|a)\s+){0,10}"
                             # and its subtitle after a dash: "156/18 To Approve Website Amends – Google
                             # reference and domain search result The Clerk agreed …"
                             r"(?:[–—-]\s+[^.;:!?]{1,80}?\s+)?")
# What led to the task, before its owner: "Following a request from Councillors the Clerk agreed
# to contact …", "After the meeting Cllr Jane Roe agreed to …" (a comma there is optional).
_LEAD_IN = re.compile(r"\W*(?:Following|After)(?:\s+[\w'’-]+){1,4}\s*,?\s*")


def _is_title(word: str) -> bool:
    """"Cllr", "Mr.", "Dr" before a name; not initials that spell one ("MS" is Mike Shaw)."""
    return word.lower().rstrip(".") in _TITLES and not word.isupper()


def named(owner: str, people: People) -> bool:
    """A person or body the minutes name: initials or a name of someone the attendance lists
    (any initials or name where the document lists nobody), or a role; never a pronoun or a thing."""
    words = owner.replace("/", " ").replace("&", " ").replace(",", " ").split()
    if not words:
        return False
    # "NO will inform Land Registry", "AS to book the hall": initials the roll gives (Nick Oakhill
    # (NO)), or any where nobody is listed (a list of actions), are someone's, whatever word they spell
    roll_initials = words[0].isupper() and len(words[0]) >= 2 and (words[0] in people.initials or not people)
    if not roll_initials and (words[0].lower() in _PRONOUNS or words[0].lower() in _NOT_OWNER_HEADS):
        return False
    core = [w for w in words if w.lower() not in ("the", "and", "of", "to", "for") and not _is_title(w)]
    if not core:
        return False
    if _ROLE_WORDS.search(owner) or _is_body(" ".join(core), people):
        return True
    known = people.initials
    if known and all(_initials_of(w, known) or w.lower() in EVERYONE for w in core):
        return True  # initials the attendance gives, however cased ("Ahop" for AHop); "KDH/All"
    if people and all((_initials_of(w, known) if w.isupper() else _listed_name([w], people)) for w in core):
        return True  # names and initials of the roll together: "Beau and JC"
    if all(re.fullmatch(r"[A-Z][A-Za-z]{0,4}", w) and sum(c.isupper() for c in w) >= 2 for w in core):
        # initials: "DT", "AHop", "ST/AW"
        return False if people else len(core[0]) <= 3
    # an initial is part of the name: after it ("Michael Z will find out …") or before it ("Cllr. L. Peake")
    core = [w for w in core if not re.fullmatch(r"[A-Z]\.?", w)] or core
    if not all(_name_cased(w) for w in core) or len(core) > 4:
        return False
    # a person's name: "Richard", "Sheila and Mike"
    return _listed_name(core, people) if people else len(core) <= 2


def _initials_of(word: str, known: set[str]) -> bool:
    """Initials of someone listed, however cased, or with a middle initial the list leaves out
    ("KDH" for Katy Huff, listed as KH)."""
    up = word.upper()
    return up in known or (len(up) == 3 and up.isalpha() and word.isupper() and up[0] + up[-1] in known)


def _listed_person(owner: str, people: People) -> bool:
    """A name the attendance lists ("Michael", "Michael Z"), not a role or a body."""
    core = [w for w in owner.split() if not re.fullmatch(r"[A-Z]\.?", w) and not _is_title(w)]
    return bool(people.names) and 1 <= len(core) <= 2 and all(_name_cased(w) for w in core) and _listed_name(core, people)


def _listed_name(core: list[str], people: People) -> bool:
    """Every word of the name on the roll, or a first name and a surname whose initial the roll
    gives with it ("Margaret Mansell" where the roll lists "Cllr M Mansell")."""
    return all(w.lower() in people.names for w in core) or (
        len(core) == 2 and core[1].lower() in people.names and (core[0][0] + core[1][0]).upper() in people.initials)


def _listed_initials(owner: str, people: People) -> bool:
    words = [w for w in re.split(r"[\s/&,]+|\band\b", owner) if w]
    return bool(words) and all(w.upper() in people.initials for w in words)


# the body an owner speaks for, written after the name: "Mr Armstrong, EDC"
_SPEAKS_FOR = re.compile(r",\s*[A-Z]{2,6}$")


def _is_body(owner: str, people: People) -> bool:
    """The owner is the body that met, by its short name ("PC", "The PC")."""
    words = [w for w in owner.split() if w.lower() != "the"]
    return bool(people.body and words) and all(w.upper() in people.body for w in words)


def _owners(raw: str, people: People) -> list[str] | None:
    raw = raw.strip()
    if _SPEAKS_FOR.search(raw) and named(person := _SPEAKS_FOR.sub("", raw), people):
        raw = person  # "Mr Armstrong, EDC": the person, then the body he speaks for
    if not named(raw, people):
        return None
    # split_owners, not owner_tag: a role may hold "to" ("the Clerk to the Board")
    return split_owners(raw) or None


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _task_owners(sentence: str, people: People) -> list[str] | None:
    """The named owners a sentence gives a task, or None. Every match of each form is tried: the
    first may be no task ("we just need a PR to bump …") and a later one is ("… but Gabriel
    volunteered to confirm")."""
    for pattern in (_SUBJECT_ACTION, _THAT_ACTION, _SAID_THAT, _ASKED_ACTION, _WITH_ACTION, _BY_AGENT, _CALL_FOR):
        for m in pattern.finditer(sentence):
            owners = _match_owners(pattern, m, sentence, people)
            if owners:
                return owners
            if pattern is _SUBJECT_ACTION and _JOINED.search(m.group("owner")):
                # "… down School Lane, the Clerk agreed to report …": the list the owner pattern
                # read ("School Lane, the Clerk") is no one; its last part may be someone
                for later in list(_JOINED.finditer(m.group("owner")))[-MAX_OWNER_RETRIES:]:
                    retry = pattern.match(sentence, m.start("owner") + later.end())
                    if retry and (owners := _match_owners(pattern, retry, sentence, people)):
                        return owners
    return None


# (after a comma, and a role or titled name only: "Colin Rockall and John Fisher to their …" is
# one list or none, "Karl Rands, Highways Manager to discuss …" names one man twice)
_UNDERTAKEN = re.compile(r"\b(?:agreed|offered|volunteered|promised|undertook)\s+to\s+continue\b")
_JOINED = re.compile(r"\s*,\s*(?=(?:[Tt]he|" + HONORIFIC_ALT + r")\.?\s)")
MAX_OWNER_RETRIES = 3  # the last parts of a list read as an owner: a sentence's length bounds the rest


def _match_owners(pattern: re.Pattern[str], m: re.Match[str], sentence: str, people: People) -> list[str] | None:
    """The owners of one match of a form, or None where the match is no task given to someone."""
    which = "verb" if m.groupdict().get("verb") else "bare"
    verb = m.groupdict().get(which)
    if m.groupdict().get("bare") in _NOT_BARE_VERBS:
        return None  # "that the Board was …", "that Rosh is …": a statement, not a task
    if verb and verb.endswith("ly") and verb not in _LY_VERBS:
        # an adverb before the verb: "were requested to actively seek …", "would happily do it"
        after = re.match(r"\s+([a-z][a-z'-]+)", sentence[m.end(which):])
        verb = after.group(1) if after else None
        if verb is None or verb in ("do", "be"):
            return None
    if verb and verb in _NOT_TASK_VERBS and not (verb == "continue" and _UNDERTAKEN.search(m.group(0))):
        return None  # ("agreed to continue work on the protocol" is a task taken on, "will continue" no news)
    owner = m.group("owner").strip()
    owner_at = m.start("owner") + len(m.group("owner")) - len(m.group("owner").lstrip())
    if pattern is _SUBJECT_ACTION and (inner := _INNER_TITLE.search(owner)):
        # "Communications Protocol The Clerk", "Village Sign Cllr Kit Hesketh-Harvey": a run-in
        # title, then the owner
        owner_at += inner.start() + 1
        owner = owner[inner.start() + 1:]
    if pattern is _SUBJECT_ACTION:
        before = sentence[:owner_at]
        listed = _listed_person(owner, people)
        # (or after the subject's label: "Grit Bins – The Clerk agreed to chase …", "Volunteers:
        # Lorie will send …", "Few questions to clarify - Jeni will follow up …")
        # (or after a run-in heading: "133/18 Approval of Communications Protocol The Clerk agreed …")
        if owner_at > 3 and not re.search(r"(?:\band|\bbut|,|:|\s[–—-])\s*$", before) \
                and not _RUN_IN_HEADING.fullmatch(before) and not _LEAD_IN.fullmatch(before) \
                and not listed:
            return None  # the owner opens the sentence or a clause, unless someone present is named
        if m.group("comma") and not ((listed or (m.group("comma") == ":" and _listed_initials(owner, people)))
                                     and m.group("link").startswith("will")):
            return None  # "Rod, will post …", "GW: will ask …": a speaker's note on what they will do
        if _MEETING_BODY.fullmatch(owner) and "agreed" in m.group("link"):
            return None  # "The Board agreed to adopt …": the meeting deciding, not a task
        if not people and "will" in m.group("link") and re.fullmatch(r"[A-Z]{2,6}", owner):
            return None  # "RMA will deliver …": a body's plans, where nobody is listed
        if m.group("listed_only") and not (listed or _listed_initials(owner, people)):
            return None  # "Councils may apply …": what anyone may do, unless someone present says it
    if _is_body(owner, people) and not (
            pattern is _SUBJECT_ACTION and re.match(r"will|is\s+to|are\s+to|(?:is|are)\s+going\s+to", m.group("link"))):
        return None  # "PC is to contact …" is the council's errand; "agreed that the PC will nominate …" its decision
    if pattern is _CALL_FOR:
        return [owner]  # everyone, volunteers, a body: whoever the call goes to
    if pattern is _BY_AGENT and not _ROLE_WORDS.search(owner):
        return None  # "… will be considered by the NSG": by a role, or it is no task
    if pattern is _WITH_ACTION and not _listed_initials(owner, people):
        return None  # "in contact with the Crown Office to try …" is no task: only someone listed
    if pattern in (_THAT_ACTION, _ASKED_ACTION) and _titled_person(owner):
        # the meeting gives the task to someone it names with a title, present or not: "agreed that
        # Mrs Aelwen Evans be asked to complete the internal audit" ("Mr Brown will attend …" of
        # someone neither listed nor speaking is no task of the meeting's)
        return split_owners(_SPEAKS_FOR.sub("", owner)) or None
    return _owners(owner, people)


def _titled_person(owner: str) -> bool:
    """"Mrs Aelwen Evans", "Cllr. L. Peake", "Mr Armstrong, EDC": a title, then a name."""
    words = _SPEAKS_FOR.sub("", owner).split()
    core = [w for w in words[1:] if not _is_title(w)]
    return bool(words) and _is_title(words[0]) and 1 <= len(core) <= 3 \
        and all(_name_cased(w) or re.fullmatch(r"[A-Z]\.?", w) for w in core)


def _top_level(text: str, at: int, list_start: int) -> bool:
    """The line holding ``at`` is a top-level point of the list that starts at ``list_start``
    (indented no deeper than its first point): its sub-points are notes of it."""
    line_start = text.rfind("\n", 0, at) + 1
    first = min((line_indent(ln) for ln in text[list_start:line_start].split("\n") if BULLET.match(ln)), default=None)
    return line_indent(text[line_start:at]) <= (first if first is not None else 1)


# owners in brackets before a listed task: "(AB)", "**(AA/CG)**", "(All Met Office)"
_PAREN_OWNER = re.compile(r"(?:\*\*)?\((?P<owner>[A-Z][\w .&/,'’-]{0,40}?)\)(?:\*\*)?[ \t]+(?=\S)")
# an item or action number before a sentence: "3. ", "2.1 ", "(4) "
_ITEM_NUMBER = re.compile(r"\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+")


def find_prose_actions(text: str, units: list[tuple[int, int]], skip: list[tuple[int, int]],
                       people: People | None = None, lists: list[tuple[int, int]] = (),
                       passive: bool = False) -> list[ProseAction]:
    """Sentences of ``units`` (paragraph spans of ``text``) that give a named owner a task;
    nothing inside the ``skip`` ranges (marked actions, tables). ``people``: the paper's
    attendance, when the caller has read it. ``lists``: the paper's own lists of actions, where
    an owner need not be on the attendance list ("John to follow up …" under "Action Items",
    John being the staff who minutes it). ``passive``: errands set in the passive are tasks too
    (a paper that marks no actions of its own)."""
    found: list[ProseAction] = []
    people = attendance(text) if people is None else people
    lower_words: set[str] | None = None  # the paper's words in lower case, read when first asked

    def a_word(owner: str) -> bool:
        """Where nobody is listed, a one-word "owner" the paper also writes in lower case is a
        word, not a name ("Stuff to read but not discuss:", "Just to note, …"); so is a common
        English word opening a note ("Had to re-open the order": spaCy's English stop words).
        A role is a role."""
        nonlocal lower_words
        if people or " " in owner or _ROLE_WORDS.search(owner):
            return False
        if lower_words is None:
            from spacy.lang.en.stop_words import STOP_WORDS  # (spaCy is loaded by then: owners tokenize)

            lower_words = set(re.findall(r"\b[a-z][a-z'’-]+\b", text)) | STOP_WORDS
        return owner.lower() in lower_words

    def skipped(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in skip)

    for ustart, uend in units:
        for s, e in _sentences(text, ustart, uend):
            sentence = text[s:e]
            lead = len(sentence) - len(sentence.lstrip())
            s += lead
            sentence = sentence.strip()
            if len(sentence) < 12 or skipped(s, e):
                continue
            # an item number or bullet before the sentence is not part of it
            bullet = None if (numbered := _ITEM_NUMBER.match(sentence)) else BULLET.match(sentence)
            head = numbered or bullet
            cut = head.end() if head else 0
            if bullet and (number := _ITEM_NUMBER.match(sentence, cut)):
                cut = number.end()  # "* 2.1 AA to pass …": a bullet, then the action's own number
            body = sentence[cut:]
            paren = _PAREN_OWNER.match(body) if any(a <= s < b for a, b in lists) else None
            if paren:
                # "• **(AB)** Check and send …", "* (All Met Office) Meet to discuss RK3.": a point of
                # the paper's list of actions, its owners first in brackets
                cut += paren.end()
                body = sentence[cut:]
            flat = re.sub(r"\s+", " ", body)
            # a word set off in quotes is still the word ("Gabriel ‘volunteered’ to confirm …")
            bare = _WORD_QUOTES.sub("", flat)
            listed_in = next((a for a, b in lists if a <= s < b), None)
            listed_action = listed_in is not None
            owners = split_owners(paren.group("owner")) if paren else _task_owners(
                bare, People() if listed_action and people else people)
            if owners and len(owners) == 1 and a_word(owners[0]):
                owners = None
            if owners:
                found.append(ProseAction(s + cut, e, flat, None, owners))
            elif passive and (said := _PRONOUN_UNDERTAKING.match(bare)) and said.group("verb") not in _NOT_TASK_VERBS:
                speaker = _last_speaker(text, ustart, s)
                found.append(ProseAction(s + cut, e, flat, None, [speaker] if speaker else []))
            elif (everyone := _ALL_OF_US.match(bare)) and not bare.rstrip().endswith("?"):
                found.append(ProseAction(s + cut, e, flat, None, [everyone.group("owner")]))
            elif (_ELIDED_WILL.match(bare) or _LABELLED_TASK.match(bare) or _DEFERRED.search(bare)
                  or _OWN_UNDERTAKING.match(bare)
                  or (passive and (_PASSIVE_TASK.search(bare) or _MOTION_TASK.search(bare)))
                  # a point of the paper's own list of actions ("#### Action Items" / "* Proofread final PDF."),
                  # not one led by a name the paper does not list ("Titus: send the sprint dates")
                  or (listed_action and head is not None and not head.group().strip()[:1].isdigit()
                      and not _NAMED_LEAD.match(bare) and _top_level(text, s, listed_in or 0))) \
                    and not bare.rstrip().endswith("?"):
                # notes that drop the speaker ("Will put together a brief doc …"), or an item put off
                # to a later meeting ("Myles not here, defer to next time"): a task, owner unnamed
                found.append(ProseAction(s + cut, e, flat, None, []))
    return found
