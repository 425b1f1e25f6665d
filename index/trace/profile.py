"""What one action is about: its content words, the item it sits under, its owners and reference.

A later meeting rarely repeats an action's words. It names the item ("Transition Plan: the
milestones are being met"), the thing ("The new advisory panel held its first meeting"), or the
reference ("05-15 resolved"). So a profile keeps, as separate weighted concept lists:

* ``core``    — the action's own content words, owner and errand verbs stripped;
* ``heading`` — the item or heading it sits under ("4. Staff Advisory Group");
* ``context`` — the discussion that raised it (the paragraph before it in the same item);
* ``owners``  — each owner's words (initials, role or name);
* ``refs``    — its reference as written ("ACT-TC-2016-46", "AP3", "05-15") and its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.trace.text import Acronyms, Concept, concepts, sequence, words
from index.trace.units import heading_line, refs_in
from ingest.models import Action, Document, Passage

PREFIX_RE = re.compile(r"^\W*(?:action(?:\s*(?:no\.?|point))?|ai)\s*\d*\s*[:.\-–—]*\s*", re.IGNORECASE)
REC_PHRASE_RE = re.compile(r"\b(?:relative to |in relation to |re |for |on )?rec(?:ommendation)?s?\.?\s*\d{1,2}\b",
                           re.IGNORECASE)
_ITEM_NUMBER_RE = re.compile(r"^\W*(?:item\s*)?[\dA-Za-z]{0,3}[.)]?\d*[.)]?\s+(?=\S)", re.IGNORECASE)
_OWNER_LEAD_RE = re.compile(r"^\s*([A-Z][A-Za-z/&, ]{0,40}?)\s*(?:[:\-–]|\bto\b|\bwill\b)\s+")
# Headings that name a part of the meeting, not a subject.
_GENERIC_HEADINGS = re.compile(
    r"^(?:any other business|aob|actions?|matters arising.*|minutes.*|apologies.*|present.*|"
    r"declarations? of interest.*|date of (?:the )?next meeting.*|welcome.*|introductions?)$",
    re.IGNORECASE,
)


@dataclass
class Profile:
    """What one action is about, as weighted concepts."""

    action: Action
    doc: Document
    core: list[Concept]
    heading: list[Concept]
    context: list[Concept]
    owner_terms: list[list[Concept]] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    aliases: list[list[Concept]] = field(default_factory=list)  # the same action worded elsewhere
    verbs: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)
    item: set[str] = field(default_factory=set)  # stems of its item heading and its own words
    boost: dict[str, float] = field(default_factory=dict)  # stem -> weight factor (named things up, verbs down)


def clean_action_text(text: str) -> str:
    """The errand without its 'Action 3:' lead and recommendation phrase."""
    return REC_PHRASE_RE.sub(" ", PREFIX_RE.sub("", text))


def raising_text(doc: Document, action: Action) -> str:
    """The discussion just before the action, in the same item: what the action is about."""
    taken: list[str] = []
    here = doc.passage_at(action.start)
    if here is not None and here.start < action.start:
        # The passage holding the action may hold the discussion too (text under one heading is
        # one passage): what precedes the action there, after the heading line and after any
        # earlier action.
        lead_from = here.start + (len(heading_line(here)) + 1 if heading_line(here) else 0)
        for other in doc.actions:
            if other is not action and lead_from <= other.end <= action.start:
                lead_from = other.end
        lead = doc.text[lead_from:action.start].strip()
        if lead:
            taken.append(lead)
            if len(lead) > 80:
                return lead
    before = [p for p in doc.passages if p.end <= action.start and p.kind != "header_block"
              and _body(p)]
    if here is not None and any(here.start <= o.end <= action.start for o in doc.actions if o is not action):
        before = []  # an earlier action in this passage already ended the discussion
    for p in reversed(before[-2:]):
        if here is not None and p.location != here.location:
            break
        if any(a.start >= p.start and a.end <= p.end + 1 for a in doc.actions if a is not action):
            break  # an earlier action's line ends the discussion of this one
        body = _body(p)
        taken.append(body)
        if len(body) > 80:
            break  # one real paragraph is the discussion; a short one may be a lead-in
    return " ".join(reversed(taken))


def _body(passage: Passage) -> str:
    """A passage's text without the heading line that opens it."""
    if passage.kind != "heading":
        return passage.text.strip()
    head = heading_line(passage)
    return passage.text[len(head) + 1:].strip() if head else ""


def heading_text(doc: Document, action: Action) -> str:
    """The item heading the action sits under, without its number ('4. Transition Plan' -> 'Transition Plan')."""
    here = doc.passage_at(action.start) if action.end > action.start else None
    here = here or next((p for p in doc.passages if p.passage_id == action.passage_id), None)
    head = (here.context or "") if here is not None else ""
    head = _ITEM_NUMBER_RE.sub("", head.strip()).strip(" :–-")
    if not head or len(head) > 100 or _GENERIC_HEADINGS.match(head):
        return ""
    return head


def action_refs(doc: Document, action: Action) -> set[str]:
    """The reference the log writes before or at the start of the action ('Sep ACT-TC-2016-46: LM - ...')."""
    line_start = doc.text.rfind("\n", 0, action.start) + 1 if action.end > action.start else action.start
    lead = doc.text[line_start:action.start + 30] if action.end > action.start else action.text[:30]
    return refs_in(lead)


# The subject label an action opens with, dash-separated only: unlike a follow-up's lead
# (units._LEAD_RE), "Greg: follow up …" names the owner, not the subject.
_LABEL_RE = re.compile(r"^\W*([A-Z][^–:\n]{1,40}?)\s+[–-]\s+\S")
NAMED = 1.6  # a named thing (a committee, a document, a place, an acronym) says most what an action is about
VERBAL = 0.5  # "encouraged", "ongoing", "quickly": how it was said, not what about


def word_boosts(text: str) -> dict[str, float]:
    """Stem -> weight factor: capitalised words inside a sentence and acronyms are named things;
    -ed / -ing / -ly words are verbs and adverbs."""
    from index.trace.text import stem

    out: dict[str, float] = {}
    for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*", text):
        word = m.group(0)
        before = text[max(0, m.start() - 2):m.start()]
        initial = m.start() == 0 or re.search(r"[.:;!?\n]\s*$|^\s*$", before) is not None
        s = stem(word)
        if (word.isupper() and len(word) >= 2) or (word[0].isupper() and not initial):
            out[s] = max(out.get(s, 1.0), NAMED)
        elif word.islower() and word.endswith(("ed", "ing", "ly")) and s not in out:
            out[s] = VERBAL
    return out


def build_profile(action: Action, doc: Document, acronyms: Acronyms) -> Profile:
    text = clean_action_text(action.text)
    owner_words = {w.lower() for o in action.owners for w in words(o)}
    core = concepts(text, acronyms, drop=owner_words)
    seen = {c.stem for c in core}
    heading = [c for c in concepts(heading_text(doc, action), acronyms) if c.stem not in seen]
    seen |= {c.stem for c in heading}
    raising = raising_text(doc, action)
    context = [c for c in concepts(raising, acronyms) if c.stem not in seen]
    owner_terms = [t for t in (concepts(o, acronyms) for o in action.owners) if t]
    verbs = {w.lower() for w in words(action.text)}
    phrases = [sequence(text), sequence(raising)]
    boost = word_boosts(raising + "\n" + text)
    # the item's heading and the label an action opens with ("Halesworth – the General Manager
    # will …") name its subject, capitalised at the start of a line or not
    label = _LABEL_RE.match(text)
    for c in heading + (concepts(label.group(1), acronyms) if label else []):
        boost[c.stem] = max(boost.get(c.stem, 1.0), NAMED)
    item = {c.stem for c in core + heading} | {e for c in core + heading for e in c.expansion}
    return Profile(action, doc, core, heading, context, owner_terms, action_refs(doc, action), [], verbs, phrases,
                   item, boost)
