"""What a follow-up says about its action: completed, carried forward, progress, or only the same topic.

    completed        a status cell or words that it is done ("has been completed", "was circulated",
                     "held a workshop", "now resolved")
    carried_forward  the action re-listed as still open, or "c/f", "deferred", "no update"
    progress_update  a report on it: linked by its reference, a matters-arising item, its owner,
                     or words of movement ("is progressing", "has spoken with")
    same_topic       the same subject with no word of what became of the action
"""

from __future__ import annotations

import re

from index.trace.cues import (
    ANSWERED_RE,
    CARRIED_RE,
    DECIDED_RE,
    DECISION_VERBS,
    DELIVERED_RE,
    DELIVERY_VERBS,
    ENQUIRY_VERBS,
    EVENT_VERBS,
    HELD_RE,
    PROGRESS_RE,
    STATUS_CARRIED,
    STATUS_DONE,
    STATUS_DONE_NOTE,
    STATUS_ONGOING,
    errand_done_re,
    past,
    says_done,
)
from index.trace.profile import Profile
from index.trace.units import Unit, named_numbers, refs_in

REPORTING_REASONS = frozenset({"number", "relisted", "matters_arising", "owner"})


SAME_TOPIC_BELOW = 0.55  # a topic-only link this weak, with no word of movement, is only the same subject


def _own_line(p: Profile, unit: Unit, reason: str) -> str:
    """The line that names the action by its reference, when a longer follow-up is linked by it:
    "05-07, 05-08 action points ongoing" is its status, not "matter closed" two lines up."""
    if reason != "number" or "\n" not in unit.text.strip():
        return unit.text
    lines = [line for line in unit.text.splitlines() if p.refs & refs_in(line)]
    return "\n".join(lines) if lines else unit.text


def _joined_before(unit: Unit) -> str:
    """The unit with the words before it, when a line break cut it mid-phrase ("… funding from
    the Town" / "Council which will be …"): the passage's text before it ends on a letter or a
    comma, and the unit does not open on a number, a reference or a tag."""
    at = unit.start - unit.passage.start
    head = unit.passage.text[:at].rstrip() if at > 0 else ""
    if not head or not (head[-1].isalpha() or head[-1] == ",") or re.match(r"\W*(?:\d|action\b)", unit.text, re.I):
        return unit.text
    cut = max(head.rfind(". "), head.rfind("\n\n"))
    return head[cut + 1:] + " " + unit.text


def status_news(p: Profile, unit: Unit) -> str | None:
    """What a status given with another record of the action says became of it ("Status: report
    received" in the minutes of the meeting whose agenda lists the action), or None when it gives
    no news: no status, or only the state it was raised in ("open")."""
    status = (unit.status_cell or "").lower().strip()
    if not status or (status.startswith(STATUS_ONGOING) and len(status.split()) == 1) or status in ("open", "new"):
        return None
    return label(p, unit, "matters_arising", False)


def _ref_status(p: Profile, text: str) -> str | None:
    """The status written right after the action's own reference ("03-02 closed.", "AP3 - c/f",
    "Actions 2.1-3 done")."""
    for numbers, after in named_numbers(text):
        if p.refs & numbers:
            status = re.sub(r"^\W*(?:(?:were|was|are|is|have|has|had)\s+)?(?:(?:been|now|all)\s+)*", "", after.lower())
            if status.startswith(STATUS_DONE):
                return "completed"
            if status.startswith(STATUS_CARRIED):
                return "carried_forward"
    for ref in p.refs:
        m = re.search(re.escape(ref) + r"\W{0,3}(?P<status>[a-z/ ]{2,20}?)(?:[.;,)]|$)", text, re.IGNORECASE)
        if m:
            status = m.group("status").strip().lower()
            if status.startswith(STATUS_DONE):
                return "completed"
            if status.startswith(STATUS_CARRIED):
                return "carried_forward"
    return None


def label(p: Profile, unit: Unit, reason: str, relisted: bool, score: float = 1.0) -> str:
    text = _own_line(p, unit, reason)
    if reason == "number" and (by_ref := _ref_status(p, text)):
        return by_ref
    status = (unit.status_cell or "").lower()
    if status.startswith(STATUS_DONE):
        return "completed"
    if CARRIED_RE.search(text) or status.startswith(STATUS_CARRIED):
        return "carried_forward"
    if status and len(status.split()) > 1 and not status.startswith(STATUS_ONGOING):
        # a status note ("quote received and accepted", "sorry, will do"): what it says, not the re-listing
        if says_done(status) or STATUS_DONE_NOTE.match(status):
            return "completed"
        return "progress_update"
    if relisted or (reason == "number" and unit.kind in ("row", "action")):
        # the action's row again: in the list of actions done, or carried into this meeting's list
        return "completed" if unit.done_section else "carried_forward"
    # a sentence cut from its paragraph by a line break ("… securing £3000 funding from the Town" /
    # "Council which will be …") is read with the sentence it continues
    if says_done(text) or (unit.kind == "sentence" and text == unit.text and says_done(_joined_before(unit))):
        return "completed"
    if unit.kind == "attachment" and p.verbs & DELIVERY_VERBS:
        return "completed"
    if unit.kind != "action" and p.verbs & DELIVERY_VERBS and past(text, DELIVERED_RE):
        return "completed"
    done = errand_done_re(p.action.text)
    if unit.kind != "action" and done is not None and past(text, done):
        return "completed"  # the errand's own verb, said done ("made contact with …")
    # an event is reported held anywhere in the paragraph the sentence sits in ("The unit held
    # a workshop on 3 May. Its purpose was to seek views on …")
    around = (unit.around or unit.passage.text) if unit.kind == "sentence" else text
    if unit.kind != "action" and p.verbs & EVENT_VERBS and past(around, HELD_RE):
        return "completed"
    if unit.kind != "action" and p.verbs & DECISION_VERBS and past(text, DECIDED_RE):
        return "completed"
    # the answer an enquiry was to find, reported; in an action's unit too (a matters-arising
    # paragraph that also asks for something still reports the answer)
    if p.verbs & ENQUIRY_VERBS and past(text, ANSWERED_RE):
        return "completed"
    if reason in REPORTING_REASONS or PROGRESS_RE.search(text) or score >= SAME_TOPIC_BELOW:
        return "progress_update"
    return "same_topic"
