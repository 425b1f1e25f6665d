"""Parse what a user types into the engine-neutral query of `backend.py`.

Grammar (Google-like): words are ANDed; "quoted phrases"; ``OR`` between two items; ``-item``
excludes; ``field:value`` for year/type/group/rec/doc. "recommendation 7", "recommendations 7",
"rec 7", "Rec. 7", "rec7", "Recommendation No. 7" become a `RecRef`. A query that names a
recommendation and other words must match the recommendation; the other words rank hits
(all of them ANDed into one optional clause), so "recommendation 7 vetting" finds every passage
on recommendation 7, those on vetting first. Parsing never raises: anything odd falls back to
plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.engine.backend import And, AndMaybe, FieldIs, MatchAll, Not, Or, Phrase, Query, RecRef, Term

# "recommendation 7", "Recommendations 7, 9 and 10", "rec. 7", "rec7", "Recommendation No 7", "rec #7"
REC_RE = re.compile(
    r"\b(?:recommendations?|recs?)\b\.?\s*(?:no\.?\s*|number\s+|#\s*)?"
    r"(?P<nums>\d{1,3}(?:\s*(?:,|&|and|or)\s*\d{1,3})*)\b"
    r"|\brecs?(?P<glued>\d{1,3})\b",
    re.IGNORECASE,
)

FIELD_ALIASES = {
    "year": "year",
    "type": "doc_type",
    "doc_type": "doc_type",
    "group": "group",
    "rec": "recs",
    "recs": "recs",
    "recommendation": "recs",
    "doc": "doc_id",
    "doc_id": "doc_id",
}

_TOKEN_RE = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[A-Za-z_]+):(?:"(?P<fq>[^"]*)"?|(?P<fv>[^\s"]+))'
    r'|"(?P<phrase>[^"]*)"?|(?P<rec>\x00REC(?P<recn>\d+)\x00)|(?P<word>[^\s"]+))'
)


@dataclass
class ParsedQuery:
    query: Query
    rec_numbers: list[int] = field(default_factory=list)  # recommendations the user asked for
    words: list[str] = field(default_factory=list)  # positive words and phrases, for suggestion


def _rec_numbers(match: re.Match) -> list[int]:
    if match.group("glued"):
        return [int(match.group("glued"))]
    return [int(n) for n in re.findall(r"\d+", match.group("nums"))]


def parse(text: str) -> ParsedQuery:
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a query must never crash the command
        words = [w for w in re.findall(r"\w+", text or "")]
        query: Query = And(tuple(Term(w) for w in words)) if words else MatchAll()
        return ParsedQuery(query, [], words)


def _parse(text: str) -> ParsedQuery:
    text = (text or "").replace("\x00", " ")
    rec_numbers: list[int] = []

    def mark(match: re.Match) -> str:
        numbers = _rec_numbers(match)
        rec_numbers.extend(n for n in numbers if n not in rec_numbers)
        return " ".join(f"\x00REC{n}\x00" for n in numbers) if numbers else match.group(0)

    # Recommendation references are found outside quoted phrases only: "..." stays literal.
    parts = re.split(r'("[^"]*"?)', text)
    text = "".join(p if p.startswith('"') else REC_RE.sub(mark, p) for p in parts)

    items: list[tuple[bool, Query]] = []  # (negated, item)
    or_next = False
    words: list[str] = []
    recs: list[Query] = []
    for match in _TOKEN_RE.finditer(text):
        negated = bool(match.group("neg"))
        item: Query | None = None
        if match.group("rec"):
            item = RecRef(int(match.group("recn")))
        elif match.group("field") is not None:
            name = FIELD_ALIASES.get(match.group("field").lower())
            value = match.group("fq") if match.group("fq") is not None else match.group("fv")
            if name and value:
                item = FieldIs(name, value)
            else:  # "note:" or "s.40:" — not a field, just words
                raw = match.group(0).lstrip("-")
                if re.search(r"\w", raw):
                    item = Term(raw)
                    words.append(raw)
        elif match.group("phrase") is not None:
            phrase = match.group("phrase").strip()
            if re.search(r"\w|\u2588", phrase):
                item = Phrase(phrase)
                if not negated:
                    words.append(phrase)
        else:
            word = match.group("word")
            if word == "OR" and items:
                or_next = True
                continue
            if not re.search(r"\w|\u2588", word):
                continue
            item = Term(word)
            if not negated:
                words.append(word)
        if item is None:
            continue
        if negated:
            item = Not(item)
        if or_next and items and not negated and not items[-1][0]:
            prev = items[-1][1]
            merged = Or(prev.items + (item,)) if isinstance(prev, Or) else Or((prev, item))
            items[-1] = (False, merged)
        else:
            items.append((negated, item))
        or_next = False

    # A query naming recommendations: the recommendation clause is required and the other
    # positive words rank hits inside it; exclusions and fields still restrict.
    required: list[Query] = []
    optional: list[Query] = []
    for negated, item in items:
        if negated or isinstance(item, FieldIs):
            required.append(item)
        elif isinstance(item, RecRef) or (isinstance(item, Or) and all(isinstance(i, RecRef) for i in item.items)):
            recs.append(item)
        else:
            optional.append(item)
    if recs:
        rec_clause = recs[0] if len(recs) == 1 else Or(tuple(recs))
        core: Query = rec_clause
        if optional:
            core = AndMaybe(rec_clause, optional[0] if len(optional) == 1 else And(tuple(optional)))
        query: Query = And((core, *required)) if required else core
    else:
        positives = optional + required
        if not positives:
            query = MatchAll()
        elif len(positives) == 1:
            query = positives[0]
        else:
            query = And(tuple(positives))
        if isinstance(query, Not):
            query = And((MatchAll(), query))
    return ParsedQuery(query, rec_numbers, words)
