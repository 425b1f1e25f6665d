"""Small text helpers shared by segmentation: header dates, group names, title casing.

These read document *headers* (title lines, e-mail fields), where a handful of forms cover
what releases use; the full date grammar for running text lives in ``ingest.extract``.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
MONTH_WORD = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

# the comma before the year typed with a space on either side or none ("SEPTEMBER 16 , 2025",
# "February 17 ,2026", "March 26,2026"), and a scan's OCR joining month and day ("April21,2026")
_TO_YEAR = r"(?:\s*,\s*|\s+)"
_DMY_WORDS = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + MONTH_WORD + r")\.?" + _TO_YEAR + r"(?P<y>\d{4})\b", re.I
)
_MDY_WORDS = re.compile(r"\b(?P<m>" + MONTH_WORD + r")\.?(?:\s+|(?=\d))(?P<d>\d{1,2})(?:st|nd|rd|th)?" + _TO_YEAR
                        + r"(?P<y>\d{4})\b", re.I)
# 14/02/2017, 12.04.17, 4-5-2017 (one separator throughout)
_NUMERIC = re.compile(r"(?<![\w/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)")
# 2017-05-04, and 2022.10.22 as some wikis and East Asian papers write it
_ISO = re.compile(r"\b(?P<y>\d{4})(?P<sep>[-.])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})\b(?!\.\d)")
_DM_NO_YEAR = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>" + MONTH_WORD + r")\b", re.I)
# "November 9 at 4 PM", "Thursday, March 14": a month and a day, no year after them
_MD_NO_YEAR = re.compile(r"\b(?P<m>" + MONTH_WORD + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{4})(?![:.]\d)", re.I)


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _iso(y: int, m: int, d: int) -> str | None:
    if y < 100:
        y += 2000
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def first_date(text: str, default_year: int | None = None) -> str | None:
    """The earliest-placed full date in ``text`` (UK day-first), as ISO, or None."""
    found: list[tuple[int, str]] = []
    for pattern in (_DMY_WORDS, _MDY_WORDS, _NUMERIC, _ISO):
        for match in pattern.finditer(text):
            g = match.groupdict()
            month = int(g["m"]) if g["m"].isdigit() else month_number(g["m"])
            iso = _iso(int(g["y"]), month, int(g["d"]))
            if iso is None and pattern is _NUMERIC:
                iso = _iso(int(g["y"]), int(g["d"]), month)  # "03/13/2018": no 13th month, so written month first
            if iso:
                found.append((match.start(), iso))
    if not found and default_year:
        for match in _DM_NO_YEAR.finditer(text):
            iso = _iso(default_year, month_number(match.group("m")), int(match.group("d")))
            if iso:
                found.append((match.start(), iso))
    return min(found)[1] if found else None


def yearless_near(text: str, reference: str) -> str | None:
    """The first day and month written without a year in ``text`` ("November 9 at 4 PM EST",
    "14th March"), in the year that puts it nearest ``reference`` (an ISO date the file carries in
    its name or its properties): a paper that never prints its year is dated by the day it
    writes, not by the file's."""
    ref = date.fromisoformat(reference)
    found: list[tuple[int, int, int]] = []
    for pattern in (_DM_NO_YEAR, _MD_NO_YEAR):
        for match in pattern.finditer(text):
            found.append((match.start(), month_number(match.group("m")), int(match.group("d"))))
    for _at, month, day in sorted(found):
        candidates = [iso for y in (ref.year - 1, ref.year, ref.year + 1) if (iso := _iso(y, month, day))]
        if candidates:
            return min(candidates, key=lambda iso: abs((date.fromisoformat(iso) - ref).days))
    return None


# "MAPPA Development Group", "Audit and Risk Committee", "NHS Lothian Board", "CJSW ViSOR Sub-Group"
_BODY_WORDS = r"(?:Group|Committee|Board|Panel|Forum|Partnership|Council|Network|Authority|Sub-Group|Subgroup|Commission|Executive)"
# a dot inside a word is part of it ("Node.js Foundation Technical Steering Committee")
_NAME_WORD = r"(?:[A-Z][A-Za-z&'’()-]*(?:\.[A-Za-z]+)*|of|the|and|for|on|&)"
# Names stay on one line: a letterhead's stacked bodies are separate names.
GROUP_RE = re.compile(r"\b(?:[A-Z][A-Za-z&'’-]*(?:\.[A-Za-z]+)*[ \t]+)(?:" + _NAME_WORD + r"[ \t]+){0,5}" + _BODY_WORDS + r"\b")
GROUP_CAPS_RE = re.compile(
    r"\b[A-Z][A-Z&'’-]*[ \t]+(?:(?:[A-Z][A-Z&'’()-]*|OF|THE|AND|FOR|ON|&)[ \t]+){0,5}"
    r"(?:GROUP|COMMITTEE|BOARD|PANEL|FORUM|PARTNERSHIP|COUNCIL|NETWORK|AUTHORITY|SUB-GROUP|COMMISSION)\b"
)
_LEADING_NOISE = {"The", "A", "An", "Of", "And", "For", "On", "Meeting", "Minutes", "Report", "Draft", "Note"}


# Which meeting it was, before the body that met: "September Meeting of Wretton Parish Council",
# "Minutes of the Annual General meeting of the Society"
MEETING_KIND = (r"(?:annual\s+general|general|board|ordinary|extraordinary|special|annual|monthly|full|"
                + MONTH_WORD + r")")
_WHICH_MEETING = re.compile(r"^" + MEETING_KIND + r"\s+meeting\s+of\s+", re.I)


def clean_group(name: str) -> str:
    name = _WHICH_MEETING.sub("", name)
    words = name.split()
    while words and (words[0] in _LEADING_NOISE or words[0].upper() in {"THE", "MEETING", "MINUTES", "OF", "DRAFT"}):
        words = words[1:]
    return " ".join(words)


def acronyms(name: str) -> set[str]:
    """'Regional National Strategic Group' -> {'RNSG', 'NSG'}: how minutes abbreviate a group."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isalpha() and w.lower() not in {"of", "the", "and", "for", "on"}]
    out = {"".join(w[0].upper() for w in words)}
    if len(words) > 2:
        out.add("".join(w[0].upper() for w in words[1:]))
    return {a for a in out if len(a) >= 3}


def word_casing(text: str) -> dict[str, str]:
    """How each word is most often written in the mixed-case lines of ``text``."""
    counts: dict[str, Counter] = {}
    for line in text.splitlines():
        letters = "".join(filter(str.isalpha, line))
        if not letters or sum(map(str.isupper, letters)) / len(letters) > 0.6:
            continue  # a caps heading tells nothing about casing
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", line):
            counts.setdefault(word.lower(), Counter())[word] += 1
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


_SMALL = {"of", "the", "and", "for", "on", "in", "at", "to", "a", "an", "by", "with"}


def smart_title(text: str, casing: dict[str, str]) -> str:
    """Title-case a CAPS heading, keeping words the document writes in capitals (NHS, eBay)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.7:
        return text
    out = []
    for i, word in enumerate(text.split(" ")):
        key = re.sub(r"[^A-Za-z'’-]", "", word).lower()
        known = casing.get(key)
        if known and (known.isupper() or any(c.isupper() for c in known[1:])):
            new = word.replace(re.sub(r"[^A-Za-z'’-]", "", word), known)
        elif len(key) >= 2 and not re.search(r"[aeiouy]", key) and key not in {"st", "dr", "mr", "ms", "mrs", "no", "nr"}:
            new = word  # NHS, SPS, HMP: an acronym has no vowel to say
        elif key in _SMALL and i > 0:
            new = word.lower()
        elif re.search(r"\d", word):  # 4th, 18th
            new = word.lower()
        else:
            new = word[:1] + word[1:].lower()
        out.append(new)
    return " ".join(out)


def is_caps(line: str, threshold: float = 0.7) -> bool:
    letters = "".join(filter(str.isalpha, line))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) / len(letters) >= threshold
