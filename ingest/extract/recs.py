"""References to numbered recommendations (of an inspection or review report).

A spaCy ``Matcher`` finds the word "recommendation" (or "Rec"/"Rec.") directly followed by a
number; the numbers that continue it ("2 and 3", "2, 3 and 5", "2–4", "2 to 4") are then
read token by token. A count is never a reference, because its number comes *before* the
word: "the 10 recommendations", "made 10 recommendations", "three recommendations remain open".
"""

from __future__ import annotations

import re
from typing import Any

from ingest.extract.nlp import matcher_for, ref_number, tokens

_REC_WORD = {"LOWER": {"IN": ["recommendation", "recommendations", "rec", "recs", "recommendation(s"]}}
_NUM = {"_": {"ref_num": {">=": 1}}}
_RANGE = {"TEXT": {"REGEX": r"^\d{1,3}[-–—]\d{1,3}$"}}

PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    # "Recommendation 9", "On recommendation 7", "HMIC(S) recommendation 2", "Rec. 6", "Rec 6",
    # "recommendation no. 4", "Recommendation 1 of the Thematic report", "recommendations 2 and 3"
    "rec": [[_REC_WORD, {"ORTH": ".", "OP": "?"},
             {"LOWER": {"IN": ["no", "no.", "nos", "nos.", "number", "numbers"]}, "OP": "?"},
             {"ORTH": ".", "OP": "?"}, _NUM]],
    # "recommendations 2–4"
    "rec_range": [[_REC_WORD, {"ORTH": ".", "OP": "?"}, _RANGE]],
}
_JOINERS = {",", "and", "&", "or", "to", "-", "–", "—"}
# The short notation of a recommendation number ("R6", "(R5)"), and the word that licenses it.
_SHORT_REF = re.compile(r"(?<![\w/.-])R([1-9]\d?)(?![\w/-]|\.\d)")  # no recommendation 0
_SPEAKS_OF_RECS = re.compile(r"\brecommendations?\b", re.IGNORECASE)
_RANGE_JOINERS = {"to", "-", "–", "—"}


def _range(a: int, b: int) -> list[int]:
    return list(range(a, b + 1)) if a < b <= a + 30 else [a, b]


def _plural(token_text: str) -> bool:
    return token_text.lower() in ("recommendations", "recs")


def find_recommendation_refs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) for every recommendation a text refers to, in order.

    One tuple per number; "recommendations 2 and 3" gives two tuples over the same span.

    >>> [n for _, _, n in find_recommendation_refs("On recommendations 2–4 and Rec. 6; the 10 recommendations")]
    [2, 3, 4, 6]
    """
    if "rec" not in text.lower():
        # Every word the patterns and the short notation need holds "rec": a text without it
        # has no reference, and is not tokenized (most of a long log's cost).
        return []
    doc = tokens(text)
    out: list[tuple[int, int, int]] = []
    covered = -1
    for match_id, s, e in sorted(matcher_for(PATTERNS)(doc), key=lambda m: (m[1], -m[2])):
        if s <= covered:
            continue
        kind = doc.vocab.strings[match_id]
        last = doc[e - 1]
        if kind == "rec_range":
            a, b = (int(x) for x in re.split(r"[-–—]", last.text))
            numbers = _range(a, b)
        else:
            numbers = [last._.ref_num]
        end = e
        # Continue a list only after a plural ("recommendations 2 and 3"): "recommendation 2
        # and 3 areas" is one reference and a count.
        if _plural(doc[s].text):
            i = e
            while i + 1 < len(doc) and doc[i].lower_ in _JOINERS:
                nxt = doc[i + 1]
                j = i + 1
                if doc[i].lower_ == "," and nxt.lower_ in ("and", "or") and j + 1 < len(doc):
                    j += 1
                    nxt = doc[j]
                value = ref_number(nxt.text) if not nxt.like_num or nxt.text.isdigit() else 0
                if not value or (j + 1 < len(doc) and doc[j + 1].lower_ in ("recommendations", "areas", "%")):
                    break
                if doc[i].lower_ in _RANGE_JOINERS:
                    numbers.extend(_range(numbers[-1], value)[1:])
                else:
                    numbers.append(value)
                end = j + 1
                i = j + 1
        covered = end - 1
        span = doc[s:end]
        for n in dict.fromkeys(numbers):
            if n > 0:  # "recommendations 0-3": numbering starts at 1
                out.append((span.start_char, span.end_char, n))
    if _SPEAKS_OF_RECS.search(text):
        # "R6", "(R5)", "R8, R9": the short notation, read where the text speaks of recommendations
        taken = [(a, b) for a, b, _ in out]
        for m in _SHORT_REF.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                out.append((m.start(), m.end(), int(m.group(1))))
        out.sort(key=lambda r: (r[0], r[2]))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(\[*█A-Z0-9])|\n|\t")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence (or line, or table cell) of ``text`` holding ``start:end``."""
    # Every line break and tab is a boundary, so the scan starts at the white space around
    # the last one (not at the top of the text: that made a long text's refs quadratic).
    # No boundary match spans non-space text, so the matches from there are the ones a scan
    # from the top would find.
    scan = max(text.rfind("\n", 0, start), text.rfind("\t", 0, start), 0)
    while scan > 0 and text[scan - 1].isspace():
        scan -= 1
    left = 0
    for m in _SENTENCE_END.finditer(text, scan, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    while left < right and text[left].isspace():
        left += 1
    return left, right
