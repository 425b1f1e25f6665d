"""Who owns an action, read from the action's own words or from an owner/lead cell.

Owners are kept as written ("JB", "█", "[REDACTED]", "NSG members", "SG [REDACTED]"); a
redaction marker is an owner like any other, and ``owner_redacted`` says one was redacted.
Works on spaCy tokens so that every redaction marker is one token (see ``nlp``).
"""

from __future__ import annotations

import re
from typing import Any

from ingest.extract.nlp import tokens
from ingest.markers import BLOCK_RE, MARKER_RE

# Words that join several owners: "█ and █", "NSS and █", "JB, KL & MT", "DT/AHop", "Clerk; Chair".
_JOIN = {"and", "&", ",", "+", "/", ";"}
# Words between an owner and the action: "SGCSU to circulate", "█ agreed to provide", "NSS will
# circulate", "Clerk is to write", "Chair undertook to write".
_VERB_LINK = {"agreed", "will", "would", "should", "shall", "undertook", "offered", "volunteered",
              "is", "are", "was", "were", "to", "must", "needs", "need", "has", "have"}
# Lower-case words allowed inside an owner name: "NSG members", "Director of Finance",
# "all SOG chairs", "the Clerk to the Committee".
_OWNER_LOWER = {"and", "of", "the", "for", "members", "member", "colleagues", "team", "chair", "chairs",
                "officer", "officers", "lead", "leads", "staff", "all", "each", "group", "secretariat",
                "clerk", "secretary", "director", "manager", "managers", "executive", "services", "service",
                "partners", "to", "&", "/", "-", "(", ")", "'s", "’s"}
# "Clarification required from SWS", "nomination requested from Police Scotland"
_FROM_OWNER = re.compile(r"\b(?:required|requested|needed|sought|awaited)\s+from\s+(?P<owner>.+?)(?=\s+(?:[a-z]|$)|[.,;:]|$)")
# "… and thereafter NSS will circulate", "…, after which the Clerk will write"
_LATER_OWNER = re.compile(
    r"(?:\bthereafter|\bthen|\bafter which|,)\s+(?P<owner>(?:the\s+)?(?:[A-Z█\[][^\s]*)(?:\s+(?:and\s+)?[A-Z█\[][^\s]*){0,3})"
    r"\s+(?:will|to|shall|would)\s+[a-z]"
)
# Verbs that are not an owner's action: "to be taken", "to the", "to all".
_NOT_ACTION_AFTER_TO = {"the", "a", "an", "be", "all", "this", "that", "these", "those", "its", "their", "his", "her"}


def is_redaction(text: str) -> bool:
    """True when ``text`` contains a redaction marker (█ run, [REDACTED], ...)."""
    return bool(BLOCK_RE.search(text) or MARKER_RE.search(text))


def _owner_like(toks: list[Any]) -> bool:
    if not toks or len(toks) > 8:
        return False
    first = toks[0]
    if not (first._.is_redaction or first.text[:1].isupper() or first.lower_ in ("all", "each", "the")):
        return False
    for t in toks:
        if t._.is_redaction or t.is_punct or t.text in _JOIN or t.text[:1].isupper() or t.lower_ in _OWNER_LOWER:
            continue
        return False
    return any(t._.is_redaction or t.text[:1].isupper() for t in toks)


def split_owners(text: str) -> list[str]:
    """"█ and █" -> ["█", "█"]; "NSS and █" -> ["NSS", "█"]; "DT/AHop" -> ["DT", "AHop"]."""
    text = text.strip().strip(".;:")
    if not text:
        return []
    # "ND+AM": initials joined by a plus are two owners (the tokenizer keeps them one word)
    text = re.sub(r"(?<=\w)\s*\+\s*(?=[A-Za-z])", " and ", text)
    doc = tokens(text)
    parts: list[str] = []
    start = 0
    for t in doc:
        if t.lower_ in _JOIN and not (t.lower_ == "and" and _inside_name(doc, t.i)):
            piece = text[start:t.idx].strip(" ,")
            if piece:
                parts.append(piece)
            start = t.idx + len(t.text)
    tail = text[start:].strip(" ,")
    if tail:
        parts.append(tail)
    # "The Chair" -> "Chair": the article is not part of the owner's name.
    return [re.sub(r"^the\s+(?=\S)", "", p, flags=re.I) for p in parts]


# Nouns that end the name of a body: "Audit and Risk Committee", "Health and Social Care
# Partnership", "Police and Crime Commissioner", "Finance and Resources Directorate".
_BODY_NOUNS = (r"(?:Committee|Board|Group|Panel|Unit|Services?|Team|Partnership|Council|Authority|Trust|Agency"
               r"|Department|Directorate|Commission(?:er)?|Network|Forum|Association|Society|Office|Division"
               r"|Branch|Foundation|Executive|Manager|Officer|Director|Lead)\b")


def _inside_name(doc: Any, i: int) -> bool:
    """'and' inside a body's name ("Audit and Risk Committee"), not between two owners."""
    if i + 1 >= len(doc) or i == 0:
        return False
    before, after = doc[i - 1], doc[i + 1]
    if before._.is_redaction or after._.is_redaction:
        return False
    # "Audit and Risk Committee": both sides are title-case words and a body word follows.
    rest = doc[i + 1:].text
    return bool(before.text.istitle() and after.text.istitle() and not after.text.isupper()
                and re.match(r"\w+(?:\s+[A-Z]\w+){0,2}\s+" + _BODY_NOUNS, rest))


def owners_from_text(text: str) -> list[str]:
    """Owners an action line names: the person or team before "to"/"agreed to"/"will", or
    after "required from", or a later "thereafter X will …"; [] when none is named.

    >>> owners_from_text("NSS and █ to take to the User group")
    ['NSS', '█']
    >>> owners_from_text("Clarity around housekeeping documents to be taken to SWS")
    []
    """
    doc = tokens(text)
    toks = [t for t in doc if not t.is_space]
    if not toks:
        return []
    found = _subject_owners(text, toks)
    if found:
        return found
    # Leading redaction markers are owners whatever follows: "█ Form of words to be generated".
    if toks[0]._.is_redaction:
        end = 1
        while end + 1 < len(toks) and toks[end].lower_ in _JOIN and toks[end + 1]._.is_redaction:
            end += 2
        return [t.text for t in toks[:end] if t._.is_redaction]
    m = _FROM_OWNER.search(text)
    if m and _owner_like([t for t in tokens(m.group("owner")) if not t.is_space]):
        return split_owners(m.group("owner"))
    m = _LATER_OWNER.search(text)
    if m:
        return split_owners(m.group("owner"))
    return []


def _subject_owners(text: str, toks: list[Any]) -> list[str]:
    """The owner-like subject before "to <verb>", "agreed to", "will": "NSS and █ to take …"."""
    for i, t in enumerate(toks):
        if t.lower_ not in _VERB_LINK:
            continue
        if t.lower_ == "to":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or not nxt.is_lower or nxt.lower_ in _NOT_ACTION_AFTER_TO:
                if nxt is not None and nxt.lower_ == "be":
                    break  # passive: "X to be taken to …" names no owner
                continue
        subject = toks[:i]
        # "Investigate JJ Richards - Beau has a contact": a spaced dash ends the task, and the
        # owner is after it ("Hesketh-Harvey", unspaced, is one name)
        dash = max((k for k in range(1, len(subject)) if subject[k].text in ("-", "–", "—")
                    and subject[k - 1].whitespace_), default=-1)
        subject = subject[dash + 1:]
        if _owner_like(subject):
            return split_owners(text[subject[0].idx:subject[-1].idx + len(subject[-1].text)])
        break
    return []


def owner_tag(text: str) -> list[str] | None:
    """Owners when ``text`` is only an owner tag ("JB", "Chief Executive", "█ / NSS"), else None."""
    text = text.strip().strip(".")
    if not text or len(text) > 60 or " to " in f" {text} ":
        return None
    toks = [t for t in tokens(text) if not t.is_space]
    return split_owners(text) if _owner_like(toks) and len(toks) <= 6 else None


# Nouns that end an owner phrase: what a role or a body is called ("Clerk", "Chair", "Team"), not a person.
ROLE_WORDS = re.compile(
    r"\b(?:manager|clerk|chair|chairman|chairperson|director|officer|secretary|treasurer|lead|team|committee"
    r"|board|group|trustees?|members?|executive|coordinator|co-ordinator|administrator|council|panel|forum"
    r"|partnership|service|services|head|president|adviser|advisor|consultants?|auditors?|staff|volunteers?"
    r"|department|dept)\b",
    re.I,
)


def _wrapped_lines(cell: str) -> list[str]:
    """The cell's lines with a name a narrow column wrapped joined again: "Heather" /
    "Poustie/Clerk" is "Heather Poustie/Clerk", "Paul Reynolds/" / "Heather Poustie" one line.
    One capitalised word alone on a line (not initials, not a role) continues onto the next."""
    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    out: list[str] = []
    for line in lines:
        if out and (re.search(r"(?:[/,&+]|\band)$", out[-1])
                    or (re.fullmatch(r"[A-Z][a-z'’-]+", out[-1]) and not ROLE_WORDS.search(out[-1])
                        and re.match(r"[A-Z][a-z'’-]+\b", line))):
            out[-1] = f"{out[-1]}{'' if out[-1].endswith('/') else ' '}{line}"
        else:
            out.append(line)
    return out


def owners_from_cell(cell: str) -> list[str]:
    """An owner/lead/'Action by' cell: one owner per line, or joined by and/&/commas."""
    owners: list[str] = []
    for line in _wrapped_lines(cell):
        owners.extend(split_owners(line))
    return owners
