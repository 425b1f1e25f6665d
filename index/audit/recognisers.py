"""Recognisers for what releases withhold: people, contact details and identifying numbers.

Each recogniser finds *mentions* in a text: people named with a title or rank ("Dr Jane
Smith", "DI Brown", "Chief Superintendent Ellis"), phone numbers (the ``phonenumbers``
package: UK and international forms, extensions), e-mail addresses, UK postcodes and street
addresses, National Insurance numbers, dates of birth, vehicle registrations, case, crime and
prisoner numbers. A mention carries a *key*, the same for every way the same thing is
written ("0131 244 1234" and "+44 131 244 1234"; "Dr Jane Smith" and "J. Smith"), so the audit
can tell that a withheld thing is printed elsewhere.

People are matched with spaCy ``Matcher`` patterns on the shared blank pipeline; the fixed
formats are regular expressions, one per kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

KINDS = ("person", "phone", "email", "postcode", "address", "ni_number", "date_of_birth", "vehicle_reg",
         "case_number", "signature")

# Titles and ranks that open a person's name. Multi-word ranks come first in the pattern.
TITLES = ("chief superintendent", "chief inspector", "chief constable", "assistant chief constable",
          "deputy chief constable", "detective sergeant", "detective inspector", "detective constable",
          "detective chief inspector", "police constable", "superintendent", "inspector", "sergeant", "constable",
          "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "cllr", "councillor", "sir", "dame", "lord",
          "lady", "rev", "reverend", "ds", "di", "dc", "dci", "dsu", "supt", "insp", "sgt", "pc", "ps", "acc", "dcc")
_CASE_SENSITIVE_TITLES = {"ds", "di", "dc", "dci", "dsu", "pc", "ps", "acc", "dcc"}  # "DI", not "di"


@dataclass(frozen=True)
class Mention:
    kind: str
    start: int
    end: int
    text: str
    key: str  # the same for every way of writing the same thing


EMAIL_RE = re.compile(r"\b[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
POSTCODE_RE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
NI_RE = re.compile(r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
VEHICLE_RE = re.compile(r"\b[A-Z]{2}(?:0[1-9]|[1-7]\d) ?[A-Z]{3}\b")
_STREET = (r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Crescent|Place|Gardens|Court|Terrace"
           r"|Square|Grove|Park|Walk|Row|Hill|Mews|Parade)")
ADDRESS_RE = re.compile(r"\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z]+ ){1,3}" + _STREET + r"\b")
_DATE = (r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
         r"|Nov|Dec)[a-z]* \d{4})")
DOB_RE = re.compile(r"\b(?:date of birth|d\.?o\.?b\.?|born(?: on)?)\s*[:\-–]?\s*(?P<date>" + _DATE + r")", re.I)
CASE_RE = re.compile(
    r"\b(?:case|prisoner|crime|incident|custody|court|claim|reference|ref)\.?\s*(?:no\.?|number|ref\.?|#)?\s*[:\-–]?\s*"
    r"(?P<number>(?=[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{4,})\b", re.I)


# A signature block: the name under a valediction or a "Signed" label ("Yours sincerely" /
# "Harriet Okafor" / "Head of Estates").
SIGNATURE_RE = re.compile(
    r"(?:\b(?:yours\s+(?:sincerely|faithfully)|kind\s+regards|best\s+regards|regards|signed|signature)\b[,:.]?"
    r"[ \t]*\n?(?:[ \t]*\n)?[ \t]*)(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Cllr)\.?\s+)?[A-Z][a-z]+(?:[ \t]+[A-Z]\.?)?"
    r"(?:[ \t]+[A-Z][A-Za-z'’-]+){1,2})[ \t]*$", re.I | re.M)


def _people_patterns() -> dict[str, list[list[dict[str, Any]]]]:
    patterns: list[list[dict[str, Any]]] = []
    name = {"IS_TITLE": True, "IS_ALPHA": True, "LENGTH": {">=": 2}}
    initial = {"TEXT": {"REGEX": r"^[A-Z]\.?$"}}
    for title in TITLES:
        words = title.split()
        if title in _CASE_SENSITIVE_TITLES:
            head = [{"TEXT": title.upper()}]
        else:
            head = [{"LOWER": w} for w in words[:-1]] + [{"LOWER": {"IN": [words[-1], words[-1] + "."]}}]
        for middle in ([], [initial], [name]):
            patterns.append(head + [{"ORTH": ".", "OP": "?"}] + middle + [name])
    return {"person": patterns}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[list[dict[str, Any]]]]:
    return _people_patterns()


def person_key(words: list[str]) -> str:
    """"Jane Smith", "J. Smith" and "Smith" -> "smith" (surname), with the first initial
    when one is written: "j smith". The audit joins keys that agree."""
    parts = [w.strip(".") for w in words if w.strip(".")]
    surname = parts[-1].lower()
    return f"{parts[0][0].lower()} {surname}" if len(parts) > 1 else surname


def find_people(text: str) -> list[Mention]:
    from ingest.extract.nlp import matcher_for, tokens

    doc = tokens(text)
    found: list[Mention] = []
    taken = -1
    for _, s, e in sorted(matcher_for(_patterns())(doc), key=lambda m: (m[1], -m[2])):
        if s <= taken:
            continue
        taken = e - 1
        span = doc[s:e]
        words = [t.text for t in span if t.text != "."]
        # the longest run of words at the front that is a title ("Chief Superintendent")
        head = next(n for n in range(len(words) - 1, 0, -1)
                    if " ".join(w.lower().rstrip(".") for w in words[:n]) in TITLES)
        found.append(Mention("person", span.start_char, span.end_char, span.text, person_key(words[head:])))
    return found


def find_phones(text: str) -> list[Mention]:
    import phonenumbers

    out = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID):
        key = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        out.append(Mention("phone", match.start, match.end, match.raw_string, key))
    return out


def _regex(kind: str, pattern: re.Pattern[str], text: str, group: str | int = 0) -> list[Mention]:
    out = []
    for m in pattern.finditer(text):
        value = m.group(group)
        out.append(Mention(kind, m.start(), m.end(), m.group(), re.sub(r"\s+", "", value).lower()))
    return out


def find_mentions(text: str, kinds: tuple[str, ...] = KINDS) -> list[Mention]:
    """Every mention of the given kinds in ``text``, in order of position."""
    found: list[Mention] = []
    if "person" in kinds:
        found += find_people(text)
    if "phone" in kinds:
        found += find_phones(text)
    if "email" in kinds:
        found += _regex("email", EMAIL_RE, text)
    if "postcode" in kinds:
        found += _regex("postcode", POSTCODE_RE, text)
    if "address" in kinds:
        found += _regex("address", ADDRESS_RE, text)
    if "ni_number" in kinds:
        found += _regex("ni_number", NI_RE, text)
    if "date_of_birth" in kinds:
        found += _regex("date_of_birth", DOB_RE, text, "date")
    if "vehicle_reg" in kinds:
        found += _regex("vehicle_reg", VEHICLE_RE, text)
    if "case_number" in kinds:
        found += _regex("case_number", CASE_RE, text, "number")
    if "signature" in kinds:
        for m in SIGNATURE_RE.finditer(text):
            name = m.group("name")
            if name.split()[0][0].isupper():
                found.append(Mention("signature", m.start("name"), m.end("name"), name,
                                     person_key([w for w in name.split() if w.strip(".").lower() not in TITLES])))
    found.sort(key=lambda m: (m.start, -m.end))
    return found


# What the words just before a marker say it withholds: "Tel: █████", "DI [REDACTED]",
# "email [Redacted]", "Date of birth: ████".
_SLOT_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("phone", re.compile(r"\b(?:tel(?:ephone)?|phone|mobile|mob|fax|ext(?:ension)?|call|contact number|direct dial"
                         r"|dd)\b\.?\s*(?:no\.?|number)?\s*[:\-–]?\s*$", re.I)),
    ("email", re.compile(r"\b(?:e-?mail|email address)\b\s*[:\-–]?\s*$", re.I)),
    ("date_of_birth", re.compile(r"\b(?:date of birth|d\.?o\.?b\.?|born(?: on)?)\s*[:\-–]?\s*$", re.I)),
    ("ni_number", re.compile(r"\b(?:national insurance|NI|NINO)\s*(?:no\.?|number)?\s*[:\-–]?\s*$", re.I)),
    ("vehicle_reg", re.compile(r"\b(?:registration|reg|VRM|vehicle)\.?\s*(?:no\.?|number|mark)?\s*[:\-–]?\s*$", re.I)),
    ("case_number", re.compile(r"\b(?:case|prisoner|crime|incident|custody|claim)\s*(?:no\.?|number|ref\.?)?\s*[:\-–]?\s*$",
                               re.I)),
    ("address", re.compile(r"\b(?:address|lives at|resides at|home)\s*[:\-–]?\s*$", re.I)),
    ("postcode", re.compile(r"\bpost\s?code\s*[:\-–]?\s*$", re.I)),
    ("signature", re.compile(r"\b(?:yours\s+(?:sincerely|faithfully)|kind\s+regards|signed|signature)\b[,:.]?\s*$",
                             re.I)),
]
_PERSON_CUE = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
                         + r")\.?\s*$", re.I)
_NAME_LABEL = re.compile(r"\b(?:name|contact|officer|author|signed|from|to|cc|present|chair(?:ed by)?|by)\s*[:\-–]?\s*$",
                         re.I)


def slot_kind(before: str, exemption: str | None = None) -> str | None:
    """The kind of thing a marker withholds, from the words just before it (and its
    exemption: s.40 withholds personal data, most often a person)."""
    tail = before[-40:]
    for kind, cue in _SLOT_CUES:
        if cue.search(tail):
            return kind
    m = _PERSON_CUE.search(tail)
    if m and (m.group().strip(". ").lower() not in _CASE_SENSITIVE_TITLES or m.group().strip(". ").isupper()):
        return "person"
    if _NAME_LABEL.search(tail):
        return "person"
    if exemption and re.match(r"s\.?40|reg\.?13", exemption, re.I):
        return "person"
    return None


def slot_cue(before: str) -> str:
    """The cue word itself ("DI", "tel"), lower-cased: a visible mention after the same cue is
    the same slot printed."""
    tail = before[-40:]
    m = _PERSON_CUE.search(tail)
    if m:
        return m.group().strip(". ").lower()
    for _, cue in _SLOT_CUES:
        m = cue.search(tail)
        if m:
            return re.sub(r"[^a-z ]", "", m.group().lower()).strip()
    return ""
