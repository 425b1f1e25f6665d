"""The words minutes use to say what became of an action: done, carried forward, still going.

One definition of each cue, used by the labeller (``label.py``) and the status reader
(``model.with_status``). Patterns are the forms minute-takers write ("completed", "c/f",
"no update", "was circulated"), never the wording of one body's papers.
"""

from __future__ import annotations

import re

DELIVERY_VERBS = frozenset(
    "circulate provide send share distribute issue submit publish forward email e-mail copy supply "
    "produce prepare draft write return disseminate give pass enclose upload table".split()
)
EVENT_VERBS = frozenset("organise organize hold arrange convene run host set meet schedule deliver attend".split())
# An action to find something out ("Ali said she would enquire if …", "MS to talk to the bank") or
# to put a question to someone ("SB to invite the new CEO to the AGM") is done when its answer is
# reported ("Ali had spoken to SCC Property …", "Mike advised that we would remain with HSBC", "the
# new CEO has confirmed attendance").
ENQUIRY_VERBS = frozenset("enquire inquire ask check investigate find look talk speak contact approach explore "
                          "clarify establish research query invite".split())
ANSWERED_RE = re.compile(r"\b(?:advised|confirmed|explained|found|learnt|learned|established|discovered|clarified|"
                         r"ascertained|(?:had|has|have) (?:spoken|talked|contacted|enquired|asked|checked|investigated))\b",
                         re.IGNORECASE)
# An action to weigh something up ("to consider", "will be discussed at the next meeting") is done
# when the meeting decides it.
DECISION_VERBS = frozenset("consider review reviewing discuss discussed decide agree approve sanction ratify adopt "
                           "endorse".split())
DECIDED_RE = re.compile(r"\b(?:agreed|approved|accepted|adopted|ratified|endorsed|decided|resolved|signed off)\b",
                        re.IGNORECASE)

_FUTURE = r"(?:will|would|shall|should|to be|to|plan(?:s|ned)? to|propos\w* to|hope[sd]? to|intend\w* to|going to|about to|be)"
DELIVERED_RE = re.compile(
    r"\b(?:enclos(?:e|ed|ing)|attached|circulated|distributed|issued|sent|shared|provided|submitted|"
    r"published|forwarded|e-?mailed|supplied|uploaded|returned|tabled|presented)\b",
    re.IGNORECASE,
)
# The thing itself went out (not "provided an update"): enough on its own with the item's name.
SENT_RE = re.compile(r"\b(?:enclos(?:e|ed|ing)|attached|circulated|distributed|sent|forwarded|e-?mailed|issued|uploaded)\b",
                     re.IGNORECASE)
HELD_RE = re.compile(r"\b(?:held|took place|taken place|attended|was organised|were organised|was organized|convened|ran|hosted|has met|"
                     r"have met|met on)\b", re.IGNORECASE)
DONE_RE = re.compile(
    r"\b(?:now|has been|have been|had been|was|were|is|are|been)\s+(?:now\s+)?(?:fully\s+)?"
    r"(?:complete|completed|closed|done|finished|signed off|achieved|resolved|discharged|delivered|approved|"
    r"agreed and (?:issued|published)|in place|installed|fitted|received|confirmed|appointed|purchased|paid|booked|arranged|ordered|signed|sent|published|"
    r"produced|prepared|drafted|written|set up|implemented|launched|adopted|accepted|obtained|secured|held|"
    r"carried out|undertaken|actioned|successful)\b"
    r"|(?:^|[\s(\[:–-])(?:complete|completed|closed|done|resolved)\s*[)\].]?\s*$"
    r"|\baction (?:is |was )?(?:now )?(?:complete|completed|closed|discharged)\b"
    r"|\b(?:confirmed|reported) (?:that )?(?:this|these|it|they) (?:had|has|have) been\b"
    r"|\b(?:no longer|now not) (?:needed|required)\b"
    # the work itself, done: "Brambles had been cut back", "a notice had been placed in the pump",
    # "signs were put in place", "was duly co-opted"
    r"|\b(?:has|have|had) (?:now |already |also )?been (?:cut|put|placed|removed|replaced|repaired|erected|cleared|filled|fixed|trimmed|"
    r"co-opted|elected|renewed|emptied|collected|painted|planted|mended|built|reported to)\b"
    r"|\b(?:was|were) put (?:in place|up)\b|\b(?:was|were) duly\b",
    re.IGNORECASE,
)
CARRIED_RE = re.compile(
    r"\b(?:carried (?:forward|over)|c/f|b/f|brought forward|roll(?:ed)? (?:forward|over)|defer(?:red)?|"
    r"remains? open|still open|outstanding from|no update|not (?:yet )?(?:done|started)|still not done|"
    r"still outstanding|to be (?:discussed|considered) at (?:the )?next|"
    r"(?:stay|stays|remain|remains|kept|left) on the agenda|held over|postponed|rescheduled|"
    # asked again, or still owed: "agreed to chase the County Council again", "will be informed once
    # again", "is still to produce a newsletter", "needs to be actioned"
    r"once again|(?:to|will)\s+(?:[\w'’-]+\s+){1,6}?again|(?:is|are) still to|needs? to be actioned|"
    # not yet done: "yet to be actioned", "hasn't happened", "we still have five meters to replace"
    r"yet to be|(?:has|have)(?:n[’']t| not) happened|still (?:has|have) (?:[\w'’-]+\s+){1,4}?to"
    # "Cllr Peake has not yet cleared the briars", "the report has not yet been received"
    r"|(?:has|have|had)(?:n[’']t|\s+not)\s+yet|not\s+yet\s+been"
    r"|(?:has|have)(?:n[’']t|\s+not)\s+(?:[\w'’/-]+\s+){1,5}?yet)\b",  # "Haven't finalised / implemented these yet"
    re.IGNORECASE,
)
# A report of movement ("is progressing", "has spoken with", "ongoing"): a progress update, not just the topic.
PROGRESS_RE = re.compile(
    r"\b(?:ongoing|on-going|in progress|progressing|under way|underway|on track|started|update[ds]?|"
    r"reported|confirmed|advised|informed|contacted|spoken|met with|has been|have been|had been|"
    r"is being|are being|will be|awaiting|waiting|still|now|agreed|received|obtained|quoted|"
    r"circulated|approached|put forward)\b",
    re.IGNORECASE,
)
STATUS_DONE = ("complete", "closed", "done", "achieved", "discharged", "resolved", "no longer")
STATUS_CARRIED = ("carried forward", "c/f", "b/f", "deferred", "no update", "not done", "still not done", "not started")
STATUS_ONGOING = ("ongoing", "on-going", "in progress", "on track", "underway", "started", "pending")

# A status note that opens on what was done: "report received", "quote received and accepted".
STATUS_DONE_NOTE = re.compile(
    r"^(?:[\w'’-]+\s+){0,3}(?:received|accepted|sent|circulated|published|approved|agreed|submitted|delivered|"
    r"filed|fixed|answered|arranged|booked|held|signed|appointed|paid|ordered|completed|finished|resolved)\b"
    r"(?![^.;]*\b(?:not|yet|will|pending|awaiting)\b)")


_CONDITION_RE = re.compile(r"\b(?:once|when|until|unless|if|after|before|will|would|should|to be)\b(?:\s+\S+){0,5}\s*$",
                           re.IGNORECASE)


# A cue denied: "has not been completed", "were never sent", "hasn't yet been fixed".
_DENIED_RE = re.compile(r"\b(?:not|never|n[’']t)\s+(?:yet\s+)?(?:been\s+)?$", re.IGNORECASE)


def _denied(text: str, at: int) -> bool:
    return bool(_DENIED_RE.search(text[max(0, at - 20):at]))


def says_done(text: str) -> bool:
    """Words that it is done, not as a condition ('once the recruitment has been completed') and
    not denied ('has not been completed')."""
    return any(not _CONDITION_RE.search(text[max(0, m.start() - 50):m.start()]) and not _denied(text, m.start())
               for m in DONE_RE.finditer(text))


def past(text: str, pattern: re.Pattern[str]) -> bool:
    """The cue is there and not as a promise ('will be circulated', 'proposals to hold')."""
    for m in pattern.finditer(text):
        if _denied(text, m.start()):
            continue  # "has not yet cleared the briars"
        before = text[max(0, m.start() - 30): m.start()].lower()
        if re.search(r"\b" + _FUTURE + r"\s+(?:\w+\s+){0,2}$", before) and not re.search(r"\b(?:has|have|had|was|were)\s+been\s+$", before):
            continue
        if re.match(r"\s*find\b", before[-6:]) or before.rstrip().endswith(("please find", "find")):
            continue  # "please find attached" sends the papers of the day, not the action's output
        return True
    return False


# The errand's own verb said done ("JW: make contact with …" / "JW: made contact with …",
# "Introduce the committee to …" / "has been introduced to …"). Irregular pasts of the verbs
# errands open with; the rest take -ed.
_IRREGULAR_PAST = {
    "make": "made", "send": "sent", "write": "wrote|written", "give": "gave|given", "get": "got|gotten",
    "find": "found", "hold": "held", "take": "took|taken", "meet": "met", "speak": "spoke|spoken",
    "tell": "told", "do": "did|done", "bring": "brought", "buy": "bought", "lead": "led", "draw": "drew|drawn",
    "choose": "chose|chosen", "begin": "began|begun", "run": "ran",
    "build": "built", "pay": "paid", "seek": "sought", "think": "thought", "teach": "taught", "sell": "sold",
    "see": "saw|seen", "go": "went|gone", "know": "knew|known", "show": "showed|shown",
}
_SAME_PAST = frozenset({"set", "put", "cut", "let", "read", "spread", "shut", "hit", "cost"})  # past = present: no cue
# Words that open an errand's text without being its verb ("Greg: the budget …").
_NOT_VERBS = frozenset("the and for all any this that there was were has have had are been being not".split())
_ERRAND_LEAD = re.compile(r"^\W*(?:[A-Z][\w/&+ ,.]{0,40}?\s*(?::|\bto\b|\bwill\b|\bshould\b|\bmust\b)\s+)?"
                          r"(?:(?:please|also|then)\s+)?(?P<verb>[a-z]{3,})\b")


def _pasts(verb: str) -> str:
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", verb) and len(verb) <= 4:
        return f"{verb}ed|{verb}{verb[-1]}ed"  # "plan" -> "planned" (short verbs double)
    return verb + "ed"


# "Introduce the committee to …", "Set up a poll": a capitalised imperative, known by what follows it.
_IMPERATIVE = re.compile(r"^\W*(?P<verb>[A-Z][a-z]{2,})\s+(?:the|a|an|up|out|our|us|them|him|her|with|back)\b")


def errand_done_re(action_text: str) -> re.Pattern[str] | None:
    """The past of the verb an action opens with, after its owner ("Greg to", "JW:"), as a
    pattern for ``past``; None when the action does not open on a verb."""
    m = _IMPERATIVE.match(action_text) or _ERRAND_LEAD.match(action_text)
    verb = m.group("verb").lower() if m else ""
    if not verb or verb in _SAME_PAST or (m.re is _ERRAND_LEAD and verb in _NOT_VERBS):
        return None
    return re.compile(r"\b(?:" + _pasts(verb) + r")\b", re.IGNORECASE)
