"""Redaction markers written into text: █ runs, [REDACTED] and its spellings, exemption labels.

Readers report the redactions they see in the file's structure (PDF boxes, DOCX shading);
this module finds the ones typed into the text itself. Both end up as RedactionSpans.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.marker_patterns import BLOCK_PATTERN, MARKER_PATTERN

if TYPE_CHECKING:
    from ingest.models import RedactionSpan

# The patterns of a bracketed marker and of a block run are written in ingest/marker_patterns.py
# (the search analyzer builds its token pattern from them without compiling these).
MARKER_RE = re.compile(MARKER_PATTERN, re.IGNORECASE)

# Marker immediately followed by "@domain": the local part of an e-mail address was redacted.
_EMAIL_AFTER = re.compile(r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

BLOCK_RE = re.compile(BLOCK_PATTERN)

_PAIRS = {"[": "]", "(": ")", "<": ">", "{": "}"}

# Any marker that needs no context: a bracketed word or a █/■ run (for code that folds markers
# out of a text before comparing it, e.g. trace).
ANY_MARKER_RE = re.compile(f"(?:{BLOCK_RE.pattern})|(?:{MARKER_RE.pattern})", re.IGNORECASE)

# A marker written as a bare word where the removed text stood: the whole of a line, table
# cell or list item ("Redacted", "REDACTED.", "1. Redacted", "• REDACTED"), or the rest of a
# heading ("Item 4 – Redacted"). Prose about redaction ("need to be redacted") is never one.
_BARE_WORD = r"(?:redacted|withheld|REDACTED|WITHHELD)"
WORD_MARKER_RE = re.compile(
    r"(?:^|(?<=\t))[ \t]*"
    r"(?:[-•*▪·◦–][ \t]+|\(?\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+|\(?[a-z][.)][ \t]+"
    r"|(?:agenda\s+)?item[ \t]+\d{1,2}(?:\.\d{1,2})*[ \t]*[-–—:.][ \t]*"
    r"|[^\t\n]{1,60}?[ \t]+[-–—:][ \t]+)?"
    r"(?P<marker>" + _BARE_WORD + r"\.?)[ \t]*(?=\t|$)",
    re.IGNORECASE | re.MULTILINE,
)
# "... assist with this piece of work redacted.": the word closing a sentence straight after a
# noun, where the text it stands for was cut. After a verb or adverb ("was redacted", "to be
# redacted", "fully redacted") it is prose.
_CLOSING_WORD_RE = re.compile(r"(?P<before>\b[A-Za-z]+)[ \t]+(?P<marker>redacted)(?=[.;]?[ \t]*$)", re.IGNORECASE | re.MULTILINE)
_PROSE_BEFORE = {
    "be", "been", "being", "is", "are", "was", "were", "and", "or", "to", "will", "get", "got", "gets", "have",
    "has", "had", "fully", "partially", "partly", "heavily", "not", "then", "now", "also", "further", "appropriately", "properly", "suitably", "subsequently", "already", "since", "later", "checked", "as",
}
# A run of X or * typed over the text inside a line ("call XXXX on 0131 ****"): four or more
# X's, three or more *'s, with words beside it on the line (a line of stars alone is a rule).
MASK_RE = re.compile(r"(?<![\w*/-])(?:X{4,}|x{4,}|\*{3,})(?![\w*]|[-/][Xx])")  # not a "XXXX-XX-XX" form field


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
    # Imported here: the search analyzer imports this module for its patterns, never builds a span.
    from ingest.models import RedactionSpan

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
            occupied.append((start, end))
    for match in WORD_MARKER_RE.finditer(text):
        start, end = match.span("marker")
        word = match.group("marker").rstrip(".")
        if _is_word_marker(word) and is_free(start, end):
            spans.append(RedactionSpan(start, end, "word", text[start:end]))
            occupied.append((start, end))
    for match in _CLOSING_WORD_RE.finditer(text):
        start, end = match.span("marker")
        if match.group("before").lower() not in _PROSE_BEFORE and is_free(start, end):
            spans.append(RedactionSpan(start, end, "word", text[start:end]))
    for match in MASK_RE.finditer(text):
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if re.search(r"[A-Za-z]{2}", line.replace(match.group(), "")) and is_free(start, end):
            spans.append(RedactionSpan(start, end, "mask", match.group()))
    spans.sort(key=lambda s: s.start)
    return spans


def _is_word_marker(word: str) -> bool:
    """"Redacted" / "REDACTED" / "Withheld" as a marker (not "redacted" in lower case after a
    heading dash, which is usually a sentence: "Item 4 - redacted as agreed" is not bare)."""
    return word[:1].isupper()


# Words a redaction box may carry as its label ("Privileged", "Redacted and publicly filed").
_LABEL = re.compile(
    r"(?:\W*(?:confidential|privileged?|redact(?:ed|ion)?|withheld|exempt(?:ion)?|sealed|removed|name|personal"
    r"|data|information|and|publicly|filed|under|seal)\W*)+", re.IGNORECASE)


def is_marker_label(text: str) -> bool:
    """True when ``text`` is only a marker's label: "Privileged", "NAME REDACTED", "Confidential"."""
    return bool(text.strip()) and bool(_LABEL.fullmatch(text.strip()))


def is_marker(token: str) -> bool:
    """True when the whole of ``token`` is one redaction marker."""
    token = token.strip()
    if not token:
        return False
    if BLOCK_RE.fullmatch(token):
        return True
    match = MARKER_RE.fullmatch(token)
    return bool(match and _PAIRS[match.group("open")] == match.group("close"))
