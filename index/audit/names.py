"""Names and initials left visible in the slots where the release redacts people.

The release teaches which slots carry people: wherever it put a marker as the subject of
"advised"/"explained"/…, before a job title ("█████ SG Head of …"), after an honorific
("Professor █████"), as an action owner ("ACTION: █████ to provide …"), in a possessive
("welcomed █████ suggestion"), on an attendee or apology line, or in a From:/To: header.
spaCy (blank English, the shared redaction-aware tokenizer: a marker is one token) matches
those slot shapes with a ``Matcher`` whose filler position accepts a marker, a capitalised
word or a set of initials. A slot kind the release redacts at least ``MIN_LEARNED`` times is
learnt; the same kind filled with a visible person word (``audit_lexicon`` decides that from
the release's own vocabulary) is a leak.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from index.audit.lexicon import (
    DETERMINERS,
    ROLE_WORDS,
    SPEECH_VERBS,
    Lexicon,
    is_initials_shape,
    is_name_shape,
)
from index.audit.model import Finding, Place, place, window
from ingest.furniture import HONORIFICS
from ingest.markers import is_marker
from ingest.models import Document

MIN_LEARNED = 2  # redacted fillers of a slot kind before the release is taken to redact it

SLOT_LABELS = {
    "speaker": "the speaker of a reported statement",
    "role": "a person named before a job title",
    "honorific": "a person named after an honorific",
    "owner": "the owner of an action",
    "possessive": "a person's contribution",
    "list": "an attendee or apology line",
    "header": "a From:/To: header",
}

_ADVERBS = ["also", "then", "further", "subsequently", "thereafter", "had", "has", "have", "later",
            "briefly", "again", "kindly", "duly", "helpfully"]
_POSSESSIVE_BEFORE = ["on", "welcomed", "noted", "endorsed", "supported", "following", "echoed",
                      "accepted", "agreed", "with", "from", "by", "of"]
_LIST_HEAD = re.compile(
    r"^\s*(?:[-•*]\s*)?(?:present|attendees|attendance|in attendance|apologies(?: received)?|members present|"
    r"distribution|circulation|attending|also present|invitees)\s*(?::|\t|$)", re.I)
_HEADER_LINE = re.compile(r"^\s*(from|to|cc|bcc|sent by|organi[sz]er|required attendees|optional attendees)\s*:(.*)$", re.I)
_ACTION_LEAD = re.compile(r"^\s*(?:[-•*]\s*)?(?:\d+(?:\.\d+)*\s*)?(?:actions?\b[^A-Za-z█\[]*)?$", re.I)
_EMAIL_NAME = re.compile(r"\b([a-z]{2,})[._]([a-z]{2,})@[\w.-]+\.[a-z]{2,}", re.I)


@lru_cache(maxsize=65536)
def _fill_kind(text: str) -> str:
    # Cached: the matcher asks for every token once per live pattern state, and words repeat.
    if is_marker(text):
        return "R"
    if re.fullmatch(r"[A-Z]\.?", text):
        return "A"  # a single initial: "A. Stuart"
    if is_initials_shape(text):
        return "I"
    if is_name_shape(re.sub(r"['’]s$", "", text)):
        return "N"
    return ""


def _register() -> None:
    from spacy.tokens import Token

    if not Token.has_extension("audit_fill"):
        Token.set_extension("audit_fill", getter=lambda t: _fill_kind(t.text))
    if not Token.has_extension("audit_appos"):
        # Tokens allowed between a speaker and the verb: the role in apposition.
        Token.set_extension("audit_appos", getter=lambda t: _appos(t.text))
    if not Token.has_extension("audit_role"):
        Token.set_extension("audit_role", getter=lambda t: _role(t.text))


@lru_cache(maxsize=65536)
def _appos(text: str) -> bool:
    return "\n" not in text and (text[:1].isupper() or text.lower() in ("of", "and", "&", "for", "the", "(", ")", "-", "–"))


@lru_cache(maxsize=65536)
def _role(text: str) -> bool:
    return text.lower().strip("()") in ROLE_WORDS


_MATCHER: Any = None


def _matcher() -> Any:
    global _MATCHER
    if _MATCHER is not None:
        return _MATCHER
    from spacy.matcher import Matcher

    from ingest.extract.nlp import get_nlp

    nlp = get_nlp()
    _register()
    fill = {"_": {"audit_fill": {"IN": ["R", "N", "I", "A"]}}}
    fill_more = {"_": {"audit_fill": {"IN": ["R", "N", "A"]}}, "OP": "*"}
    comma = {"ORTH": {"IN": [",", "("]}, "OP": "?"}
    # "*" rather than "{,12}": a bounded repeat multiplies the matcher's states; length is checked after.
    appos = {"_": {"audit_appos": True}, "OP": "*"}
    matcher = Matcher(nlp.vocab)
    matcher.add("speaker", [[
        fill, fill_more, comma, appos, {"ORTH": {"IN": [",", ")"]}, "OP": "?"},
        {"LOWER": {"IN": _ADVERBS}, "OP": "*"}, {"LOWER": {"IN": sorted(SPEECH_VERBS)}},
    ]])
    matcher.add("role", [[
        fill, fill_more, comma, appos, {"_": {"audit_role": True}},
    ]])
    matcher.add("honorific", [[{"LOWER": {"IN": sorted(HONORIFICS)}}, {"ORTH": ".", "OP": "?"}, fill]])
    matcher.add("owner", [[
        fill, fill_more, {"LOWER": "and", "OP": "?"}, {"_": {"audit_fill": {"IN": ["R", "N", "I", "A"]}}, "OP": "?"},
        {"LOWER": "to"}, {"IS_LOWER": True, "IS_ALPHA": True},
    ]])
    matcher.add("possessive", [[
        {"LOWER": {"IN": _POSSESSIVE_BEFORE}}, fill, fill_more, {"ORTH": {"IN": ["'s", "’s", "'"]}, "OP": "?"},
        {"IS_LOWER": True, "IS_ALPHA": True},
    ]])
    _MATCHER = matcher
    return matcher


@dataclass
class Slot:
    """One filled slot: the filler tokens' character span, its kind and the slot's wording."""

    doc: Document
    kind: str  # speaker, role, honorific, owner, possessive, list, header
    start: int
    end: int
    filler: str  # "R" (a marker), "N" (a capitalised name), "I" (initials)
    cue: str  # the slot's wording without the filler ("advised", "SG Head of …")
    role_phrase: str = ""  # apposition between a name and its verb / title
    cue_start: int = 0

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]


def _filler_run(tokens: Any, i: int) -> tuple[int, str]:
    """End index (exclusive) and class of the filler starting at token i."""
    first = tokens[i]._.audit_fill
    if first == "R":
        j = i + 1
        while j < len(tokens) and tokens[j]._.audit_fill == "R" and tokens[j - 1].whitespace_ == " ":
            j += 1
        return j, "R"
    if first == "I":
        return i + 1, "I"
    j = i
    while j < len(tokens) and j - i < 4 and tokens[j]._.audit_fill in ("N", "A") \
            and tokens[j].lower_.rstrip("'’s") not in ROLE_WORDS and "\n" not in tokens[j - 1].whitespace_:
        j += 1
        if tokens[j - 1].text.endswith(("'s", "’s")):
            break
    return j, "N"


def _slots_in(doc: Document) -> list[Slot]:
    from ingest.extract.nlp import tokens as tokenize

    matcher = _matcher()
    toks = tokenize(doc.text)
    slots: dict[tuple[int, int, str], Slot] = {}
    for match_id, s, e in matcher(toks):
        kind = toks.vocab.strings[match_id]
        i = s + 1 if kind in ("honorific", "possessive") else s
        if kind == "honorific" and toks[i].text == ".":
            i += 1
        if i >= e:
            continue
        prev = toks[i - 1] if i > 0 else None
        if kind not in ("honorific", "possessive") and prev is not None:
            if prev._.audit_fill or prev.lower_ in DETERMINERS or prev.lower_ in HONORIFICS \
                    or prev.text in ("'s", "’s", "of"):
                continue  # not the start of the filler

        j, filler = _filler_run(toks, i)
        if j <= i or j > e:
            continue
        # possessive: a visible name must carry the "'s" (a marker usually swallowed it)
        if kind == "possessive" and filler != "R":
            if not (toks[j - 1].text.endswith(("'s", "’s")) or (j < e and toks[j].text in ("'s", "’s", "'"))):
                continue
        if kind == "owner":
            line_start = doc.text.rfind("\n", 0, toks[i].idx) + 1
            if not _ACTION_LEAD.match(doc.text[line_start:toks[i].idx]):
                continue
        start, end = toks[i].idx, toks[j - 1].idx + len(toks[j - 1].text)
        if end > start and doc.text[end - 2:end] in ("'s", "’s"):
            end -= 2
        cue_tok = toks[e - 1]
        between = doc.text[end:cue_tok.idx].strip(" ,()")
        cue = cue_tok.text if kind in ("speaker", "owner", "possessive") else doc.text[end:cue_tok.idx + len(cue_tok.text)].strip(" ,(")
        if kind == "owner":
            cue = "to " + cue_tok.text
        slot = Slot(doc, kind, start, end, filler, cue, role_phrase=between if kind in ("speaker", "role") else "",
                    cue_start=cue_tok.idx)
        key = (start, end, kind)
        old = slots.get(key)
        if old is None or len(slot.role_phrase) > len(old.role_phrase):
            slots[key] = slot
    # A filler inside another slot's apposition ("SG" in "Jane Smith, SG Head of … advised") is
    # part of that role, not a slot of its own.
    spans = sorted((s.end, s.cue_start) for s in slots.values() if s.cue_start > s.end)
    out = [s for s in slots.values() if not any(a <= s.start < b for a, b in spans)]
    out += _line_slots(doc)
    return out


def _line_slots(doc: Document) -> list[Slot]:
    """Attendee/apology lines and From:/To: headers: slots found by line, not by token pattern."""
    out: list[Slot] = []
    text = doc.text
    in_list = 0  # lines left in the current attendee block
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        header = _HEADER_LINE.match(line)
        if header:
            value_start = line_start + header.start(2)
            for item in re.finditer(r"[^;]+", header.group(2)):
                out += _header_item(doc, header.group(1).lower(), value_start + item.start(), item.group())
            continue
        if _LIST_HEAD.match(line):
            in_list = 40
            # "Attendees<TAB>..." on one table row: the rest of the row is a list line too
        elif in_list:
            stripped = line.strip()
            if stripped and (re.match(r"^(?:item\s+\d|\d+(?:\.\d+)*\s+[A-Z]|welcome\b)", stripped, re.I)
                             or (len(stripped.split()) > 12 and stripped.endswith("."))):
                in_list = 0
                continue
            in_list -= 1
        if not in_list:
            continue
        for cell in re.finditer(r"[^\t]+", line):
            out += _list_cell(doc, line_start + cell.start(), cell.group())
    return out


def _list_cell(doc: Document, at: int, cell: str) -> list[Slot]:
    """A list line's leading filler: "- [REDACTED] SG Housing;", "Jane Smith (Fife)"."""
    m = re.match(r"\s*(?:[-•*]\s*)?", cell)
    rest = cell[m.end():]
    start = at + m.end()
    marker = re.match(r"(?:\[[^\]\n]{0,40}\]|\([Rr]edacted\)|█+)", rest)
    if marker and is_marker(marker.group()):
        return [Slot(doc, "list", start, start + marker.end(), "R", rest[marker.end():].strip()[:60])]
    name = re.match(r"((?:[A-Z][A-Za-z'’\-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.)){1,3})(?=\s*(?:[,(;\-–]|$))", rest)
    if name:
        return [Slot(doc, "list", start, start + name.end(1), "N", rest[name.end(1):].strip()[:60])]
    initials = re.match(r"([A-Z]{2,3})(?=\s*(?:[,(;\-–]|$))", rest)
    if initials and is_initials_shape(initials.group(1)):
        return [Slot(doc, "list", start, start + initials.end(1), "I", rest[initials.end(1):].strip()[:60])]
    return []


def _header_item(doc: Document, field_name: str, at: int, item: str) -> list[Slot]:
    stripped = item.strip()
    if not stripped:
        return []
    lead = at + (len(item) - len(item.lstrip()))
    if re.search(r"\[[^\]]*\]|█", stripped) and any(is_marker(m.group()) for m in re.finditer(r"\[[^\]\n]*\]|█+", stripped)):
        return [Slot(doc, "header", lead, lead + len(stripped), "R", field_name + ":")]
    email = _EMAIL_NAME.search(stripped)
    if email:
        return [Slot(doc, "header", lead + email.start(), lead + email.end(2), "N", field_name + ":")]
    name = re.match(r"((?:[A-Z][A-Za-z'’\-]+|[A-Z]\.)(?:,?[ \t]+(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.)){1,3})(?=\s*(?:<|\(|$))", stripped)
    if name:
        return [Slot(doc, "header", lead, lead + name.end(1), "N", field_name + ":")]
    return []


def _is_person(slot: Slot, lex: Lexicon) -> str:
    """'name', 'initials' or '' for a visible filler, judged on the release's own vocabulary."""
    words = [w for w in re.split(r"[\s,]+", slot.text) if w]
    if slot.kind == "header" and "@" in slot.text:
        m = _EMAIL_NAME.search(slot.text + "@x.xx") if "@" not in slot.text else None
        parts = re.split(r"[._@]", slot.text)[:2]
        return "name" if all(p.isalpha() and p.lower() not in lex.lower for p in parts) and not m else ""
    if slot.filler == "I" or (len(words) == 1 and is_initials_shape(words[0])):
        return "initials" if lex.person_initials(words[0]) else ""
    names = [w for w in words if not re.fullmatch(r"[A-Z]\.", w)]
    if not names or len(words) > 4:
        return ""
    if slot.kind in ("list", "header") and len(words) < 2:
        return ""
    if len(names) == 1 and len(names[0].rstrip("'’s")) < 3:
        return ""  # "Bi", "Jo": two letters are an OCR misreading of a box far more often than a name
    if not all(lex.person_word(w) for w in names):
        return ""
    return "name"


def find_names(docs: list[Document], lex: Lexicon) -> tuple[list[Finding], list[Slot]]:
    """Visible names/initials in learnt slots; also returns every slot (role checks reuse them)."""
    slots = [s for doc in docs for s in _slots_in(doc)]
    redacted: dict[str, list[Slot]] = defaultdict(list)
    for s in slots:
        if s.filler == "R":
            redacted[s.kind].append(s)
    learnt = {k for k, v in redacted.items() if len(v) >= MIN_LEARNED}
    findings: dict[tuple[str, int, int], Finding] = {}
    for s in slots:
        if s.filler == "R" or s.kind not in learnt:
            continue
        what = _is_person(s, lex)
        if not what:
            continue
        key = (s.doc.doc_id, s.start, s.end)
        examples = _examples(redacted[s.kind], s)
        if key in findings:
            old = findings[key]
            seen = {(e.doc_id, e.start) for e in old.evidence}
            old.evidence += [e for e in examples if (e.doc_id, e.start) not in seen][:2]
            continue
        kind = "initials_visible" if what == "initials" else "name_visible"
        label = "initials" if what == "initials" else "name"
        cue = s.cue.strip(" ,;:-–()")
        cue = f" ({cue})" if cue else ""
        findings[key] = Finding(
            kind, place(s.doc, s.start, s.end),
            f"The {label} \"{s.text}\" is visible as {SLOT_LABELS[s.kind]}{cue}, a slot the release redacts "
            f"{len(redacted[s.kind])} times elsewhere.",
            evidence=examples,
        )
    return list(findings.values()), slots


def _examples(pool: list[Slot], s: Slot, limit: int = 3) -> list[Place]:
    """Redacted slots most like ``s``: same cue first, then same document, then nearest."""
    def rank(r: Slot) -> tuple:
        return (r.cue.lower() != s.cue.lower(), r.doc.doc_id != s.doc.doc_id, abs(r.start - s.start))

    out: list[Place] = []
    for r in sorted(pool, key=rank):
        p = place(r.doc, r.start, r.end)
        p.text = _from(r.doc.text, r.start)
        if all(p.text != o.text for o in out):
            out.append(p)
        if len(out) == limit:
            break
    return out


def _from(text: str, start: int, limit: int = 90) -> str:
    """The slot as a reader finds it: from the filler to the end of its line, cut at a word."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if end - start > limit:
        cut = text.rfind(" ", start, start + limit)
        end = cut if cut > start else start + limit
        return text[start:end].strip() + " …"
    return text[start:end].strip()


_GENERIC_ROLE = ROLE_WORDS | {"sg", "scottish", "government", "of", "and", "the", "for", "unit", "&", "uk", "hm"}


def find_role_conflicts(name_findings: list[Finding], slots: list[Slot], docs: list[Document]) -> list[Finding]:
    """A person named with a role here whose role line is redacted elsewhere ("SG Community Justice … [REDACTED]")."""
    by_key: dict[tuple[str, int, int], Slot] = {}
    for s in slots:
        key = (s.doc.doc_id, s.start, s.end)
        if s.filler != "R" and len(s.role_phrase) >= len(by_key[key].role_phrase if key in by_key else ""):
            by_key[key] = s  # the slot that saw the longest role: "Head of Housing Options", not "Head"
    out: list[Finding] = []
    for f in name_findings:
        s = by_key.get((f.at.doc_id, f.at.start, f.at.end))
        if s is None or not s.role_phrase:
            continue
        distinct = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]+", s.role_phrase)} - _GENERIC_ROLE
        if len(distinct) < 2:
            continue
        evidence: list[Place] = []
        for doc in docs:
            for span in doc.redaction_spans:
                line = window(doc.text, span.start, span.end)
                words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]+", line)}
                shared = distinct & words
                same_line = doc is s.doc and "\n" not in doc.text[min(span.start, s.start):max(span.end, s.end)]
                if len(shared) >= 2 and len(shared) * 2 >= len(distinct) and not same_line:
                    p = place(doc, span.start, span.end)
                    p.text = line.strip()
                    if all(not (e.doc_id == p.doc_id and abs(e.start - p.start) < 60) for e in evidence):
                        evidence.append(p)
        if evidence:
            out.append(Finding(
                "role_inconsistent", Place(**{**f.at.__dict__}),
                f"\"{s.text}\" is named here as {s.role_phrase}, while the release redacts the holder of "
                f"that role elsewhere ({len(evidence)} place(s)).",
                evidence=evidence[:4],
            ))
    return out
