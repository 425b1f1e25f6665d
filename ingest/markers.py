"""Redaction markers written into text: █ runs, [REDACTED] and its spellings, exemption labels.

Readers report the redactions they see in the file's structure (PDF boxes, DOCX shading);
this module finds the ones typed into the text itself. Both end up as RedactionSpans.
"""

from __future__ import annotations

import re

from ingest.models import BLOCK_CHAR, RedactionSpan

# Words a release uses for "this was removed": [REDACTED], (Redacted), [WITHHELD], [name removed].
_REDACT_WORDS = r"(?:redacted|redaction|withheld|removed|name\s+removed|personal\s+data\s+removed|exempt)"

# An exemption cited inside a marker: "s.38(1)(b)", "section 40(2)", "s 30", "Section 38(1)(b) FOISA",
# "Reg 13", "regulation 11(2)" (EIRs).
_EXEMPTION = (
    r"(?P<exemption>(?:s(?:ection|ect?\.?|\.)?|reg(?:ulation|\.)?)\s*\.?\s*"
    r"\d+[A-Za-z]?(?:\s*\(\s*[0-9a-zA-Z]{1,4}\s*\))*(?:\s*(?:FOISA|FOIA|EIRs?))?)"
)

# [REDACTED], [Redacted], (redacted), <REDACTED>, {redacted}, [REDACTED - s.38(1)(b)],
# [Redacted under section 40(2)], [REDACTED: s.40]
MARKER_RE = re.compile(
    r"(?P<open>[\[(<{])\s*"
    r"(?P<word>" + _REDACT_WORDS + r")"
    r"(?:\s*(?:[-–—:,;]|under|per|by\s+virtue\s+of)?\s*(?:under\s+)?" + _EXEMPTION + r")?"
    r"\s*(?P<close>[\])>}])",
    re.IGNORECASE,
)

# Marker immediately followed by "@domain": the local part of an e-mail address was redacted.
_EMAIL_AFTER = re.compile(r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

# █ runs of any length; ■ (a typed black square) only in runs: one alone may be a list bullet.
BLOCK_RE = re.compile(BLOCK_CHAR + "+|\u25a0{2,}")

_PAIRS = {"[": "]", "(": ")", "<": ">", "{": "}"}


def normalise_exemption(raw: str) -> str:
    """'Section 38 (1) (b)' -> 's.38(1)(b)'; 'reg 13' -> 'reg.13'; keeps a trailing act name."""
    text = re.sub(r"\s+", " ", raw.strip())
    match = re.match(r"(?i)(s(?:ection|ect?\.?|\.)?|reg(?:ulation|\.)?)\s*\.?\s*(.*)", text)
    if not match:
        return text
    prefix = "reg." if match.group(1).lower().startswith("reg") else "s."
    rest = re.sub(r"\s+(?=\()", "", match.group(2))
    rest = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", rest))
    return prefix + rest


def find_text_markers(text: str, taken: list[RedactionSpan] | None = None) -> list[RedactionSpan]:
    """Every marker typed into ``text``, skipping ranges already covered by ``taken`` spans.

    >>> [s.style for s in find_text_markers("From: [Redacted] to [Redacted]@fife.gov.uk ██")]
    ['bracket', 'email_local_part', 'block']
    """
    occupied = sorted((s.start, s.end) for s in (taken or []))

    def is_free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in occupied)

    spans: list[RedactionSpan] = []
    for match in MARKER_RE.finditer(text):
        if _PAIRS[match.group("open")] != match.group("close"):
            continue
        start, end = match.span()
        if not is_free(start, end):
            continue
        exemption = match.group("exemption")
        if exemption:
            style = "bracket_exemption"
            exemption = normalise_exemption(exemption)
        elif _EMAIL_AFTER.match(text, end):
            style = "email_local_part"
        else:
            style = "bracket"
        spans.append(RedactionSpan(start, end, style, text[start:end], exemption=exemption))
    for match in BLOCK_RE.finditer(text):
        start, end = match.span()
        if is_free(start, end):
            spans.append(RedactionSpan(start, end, "block", match.group()))
    spans.sort(key=lambda s: s.start)
    return spans


def is_marker(token: str) -> bool:
    """True when the whole of ``token`` is one redaction marker."""
    token = token.strip()
    if not token:
        return False
    if BLOCK_RE.fullmatch(token):
        return True
    match = MARKER_RE.fullmatch(token)
    return bool(match and _PAIRS[match.group("open")] == match.group("close"))
