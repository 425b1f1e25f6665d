"""Personal details the release withholds in one place and prints in another.

The release itself says what it withholds: the words just before each marker ("Tel: █████",
"DI [REDACTED]", "email [Redacted]", "Date of birth: ████", an s.40 label) name the kind of
thing removed. Every visible thing of a withheld kind elsewhere in the release is then a
finding (``personal_data_visible``): one finding per thing (the same number or person in every
form it is written), with every place it is readable. It is high when it is printed in the
very slot the release redacts elsewhere (after the same cue: "DI Brown" where "DI [REDACTED]"
stands elsewhere; "Tel: 0131 …" where "Tel: █████" does), medium otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.audit.model import Finding, Place, place
from index.audit.recognisers import Mention, find_mentions, slot_cue, slot_kind
from ingest.models import Document

_KIND_WORDS = {
    "person": "a person's name", "phone": "a phone number", "email": "an e-mail address",
    "postcode": "a postcode", "address": "a street address", "ni_number": "a National Insurance number",
    "date_of_birth": "a date of birth", "vehicle_reg": "a vehicle registration", "case_number": "a case number",
    "signature": "a signature (the name that signs a letter)",
}


@dataclass
class _Slot:
    kind: str
    cue: str
    at: Place


@dataclass
class _Thing:
    kind: str
    key: str
    places: list[Place] = field(default_factory=list)
    cues: set[str] = field(default_factory=set)


def withheld_slots(docs: list[Document]) -> list[_Slot]:
    """Every marker whose words before it say what kind of thing it withholds."""
    slots: list[_Slot] = []
    for doc in docs:
        for span in doc.redaction_spans:
            line_start = doc.text.rfind("\n", 0, span.start) + 1
            before = doc.text[max(line_start, span.start - 40):span.start]
            if not before.strip():
                # a marker alone on its line: the line above names it ("Yours sincerely," / █████)
                above = doc.text[:line_start].rstrip("\n")
                before = above[above.rfind("\n") + 1:][-40:]
            kind = "email" if span.style == "email_local_part" else slot_kind(before, span.exemption)
            if kind:
                slots.append(_Slot(kind, slot_cue(before), place(doc, span.start, span.end)))
    return slots


def _merge_people(things: dict[tuple[str, str], _Thing]) -> None:
    """"Smith" joins "j smith" when the release writes only one person of that surname."""
    initialled: dict[str, list[str]] = {}
    for kind, key in things:
        if kind == "person" and " " in key:
            initialled.setdefault(key.split()[-1], []).append(key)
    for kind, key in list(things):
        if kind == "person" and " " not in key and len(initialled.get(key, [])) == 1:
            thing = things.pop((kind, key))
            home = things[("person", initialled[key][0])]
            home.places += thing.places
            home.cues |= thing.cues


def find_personal_data(docs: list[Document], reported: dict[str, list[tuple[int, int]]] | None = None) -> list[Finding]:
    """``reported``: doc_id -> stretches other checks already report; not reported twice."""
    slots = withheld_slots(docs)
    kinds = tuple(sorted({s.kind for s in slots}))
    if not kinds:
        return []  # the release withholds nothing whose kind it names: nothing to compare with
    cues_withheld = {(s.kind, s.cue) for s in slots if s.cue}
    examples = {k: [s.at for s in slots if s.kind == k][:3] for k in kinds}
    things: dict[tuple[str, str], _Thing] = {}
    for doc in docs:
        covered = [(s.start, s.end) for s in doc.redaction_spans] + (reported or {}).get(doc.doc_id, [])
        for m in find_mentions(doc.text, kinds):
            if any(a < m.end and m.start < b for a, b in covered):
                continue  # withheld (a marker inside it), or reported already
            if m.kind == "email" and _role_mailbox(m.text):
                continue  # clerk@, enquiries@: a body's own address, released as a rule
            thing = things.setdefault((m.kind, m.key), _Thing(m.kind, m.key))
            thing.places.append(place(doc, m.start, m.end))
            thing.cues.add(_cue_of(doc, m))
    _merge_people(things)
    findings: list[Finding] = []
    for thing in things.values():
        same_slot = any((thing.kind, cue) in cues_withheld for cue in thing.cues if cue)
        first, *rest = thing.places
        what = _KIND_WORDS[thing.kind]
        findings.append(Finding(
            "personal_data_visible", first,
            f"The release withholds {what} elsewhere ({len([s for s in slots if s.kind == thing.kind])} "
            f"marker(s)), but this one is readable"
            + (f" in the same slot (after \"{sorted(c for c in thing.cues if c)[0]}\")" if same_slot else "")
            + (f", here and in {len(rest)} other place(s)." if rest else "."),
            evidence=rest + examples[thing.kind],
            severity="high" if same_slot else "medium",
        ))
    return findings


# Local parts of the mailboxes of a body, not of a person.
_ROLE_MAILBOXES = {"info", "enquiries", "enquiry", "admin", "clerk", "office", "contact", "foi", "foirequests",
                   "panel", "team", "secretariat", "mailbox", "press", "media", "reception", "hello", "support",
                   "noreply", "no", "reply", "donotreply", "general", "customer", "services", "service", "helpdesk",
                   "committee", "board", "governance", "complaints", "feedback", "requests", "request", "dpo",
                   "dataprotection", "webmaster", "post", "mail"}


def _role_mailbox(address: str) -> bool:
    parts = [p for p in re.split(r"[._+\-\d]+", address.split("@")[0].lower()) if p]
    return bool(parts) and all(p in _ROLE_MAILBOXES for p in parts)


def _cue_of(doc: Document, m: Mention) -> str:
    """The cue a visible mention follows ("tel", "email"), or its own title for a person ("di")."""
    if m.kind == "person":
        words = m.text.split()
        for n in range(len(words) - 1, 0, -1):
            head = " ".join(words[:n])
            if slot_cue(head) == head.replace(".", "").lower():
                return slot_cue(head)
        return ""
    line_start = doc.text.rfind("\n", 0, m.start) + 1
    return slot_cue(doc.text[max(line_start, m.start - 40):m.start])
