"""Dates in running text, UK day-first, each with an ISO value (YYYY-MM-DD, YYYY-MM or None).

Written-out dates are found with a spaCy ``Matcher`` over the token attributes of ``nlp``
(``_.day``, ``_.month``, ``_.year``, ``_.weekday``); numeric dates with regular expressions,
because tokenizers cut "14-02-2017" apart and glue "(23/6/15)" to its brackets.

A date without a year takes it from, in order: a full date it is paired with ("16 September
and 22 October 2015"), the document's year (``default_year``), or the nearest explicit year in
the text. A past cue ("previous meeting on 15 October") before a month later than the
document's month means the year before; a future cue ("next meeting on 12 January") before an
earlier month means the year after. Bare years ("in 2013") and times ("13:30") are not dates.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ingest.extract.nlp import WEEKDAYS, get_nlp, match_in_candidates
from ingest.headers import MONTHS

# ---- token patterns (Matcher) -----------------------------------------------------------------
# Each pattern is written once over four token tests (weekday, day, month, year) and built
# twice: with the exact tests (custom attributes, a Python call per token) and with cheap
# C-level tests that accept a superset of those tokens ("dd" for a day, "may" in any case for
# a month). The cheap matcher scans the whole text; the exact one reads only where it matched.
_EXACT = {
    "wd": {"_": {"weekday": True}},
    "day": {"_": {"day": {">=": 1}}},
    "mon": {"_": {"month": {">=": 1}}},
    "year": {"_": {"year": {">=": 1}}},
}
_CASES = ["".join(p) for n in (2, 3, 4) for p in itertools.product("xX", repeat=n)]
_CHEAP = {
    "wd": {"LOWER": {"IN": [w + dot for w in WEEKDAYS for dot in ("", ".")]}},
    "day": {"SHAPE": {"IN": ["d", "dd"] + [d + c for d in ("d", "dd") for c in _CASES if len(c) == 2]}},
    "mon": {"LOWER": {"IN": [m + dot for m in MONTHS for dot in ("", ".")]}},
    "year": {"SHAPE": {"IN": ["dddd"] + ["dddd." + c for c in _CASES]}},
}
_COMMA = {"ORTH": ",", "OP": "?"}
_SP = {"IS_SPACE": True, "OP": "?"}  # a line break inside a date: "18\nFEBRUARY 2016"
_PART = {"LOWER": {"IN": ["end", "beginning", "start", "middle", "mid", "early", "late"]}}
# Words after which a capitalised month name alone is a date: "in March", "throughout June",
# "an April meeting", "the March meeting", "by September", "until December", "deferred to May".
_MONTH_CUES = ["in", "during", "throughout", "by", "until", "till", "from", "since", "before",
               "after", "early", "late", "mid", "an", "a", "the", "to", "next", "last", "this", "each"]


def _patterns(t: dict[str, dict[str, Any]]) -> dict[str, list[list[dict[str, Any]]]]:
    wd, day, mon, year = t["wd"], t["day"], t["mon"], t["year"]

    def with_weekday(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        # "Thursday", "Thu.", "Thursday," before the date
        return [pattern, [wd, {"ORTH": {"IN": [",", "."]}, "OP": "?"}, *pattern]]

    return {
        # "3rd May 2016", "Thursday 4th May 2017", "THURSDAY 9th March 2017", "18\nFEBRUARY 2016", "4 of May, 2017"
        "dmy": with_weekday([day, _SP, {"LOWER": "of", "OP": "?"}, mon, {"ORTH": ".", "OP": "?"}, _COMMA, _SP, year]),
        # "May 4, 2017", "Thursday, May 4th 2017"
        "mdy": with_weekday([mon, day, _COMMA, year]),
        # "15 October", "Thursday 16 June", "9th of March" (year implied)
        "dm": with_weekday([day, _SP, {"LOWER": "of", "OP": "?"}, mon]),
        # "August 2017", "Mar 2017", "end of March 2016", "mid-June 2018"
        "my": [[mon, {"ORTH": ".", "OP": "?"}, _COMMA, year],
               [_PART, {"ORTH": {"IN": ["-", "of"]}, "OP": "?"}, mon, _COMMA, year]],
        # "May and June 2016", "April to June 2017", "July-August 2016"
        "month_range": [[mon, {"LOWER": {"IN": ["and", "to", "-", "–", "&", "or"]}}, mon, year]],
        # "Q3 2018", "Q1 2019/20" (a quarter: recognised, no ISO value)
        "quarter": [[{"ORTH": {"IN": ["Q1", "Q2", "Q3", "Q4"]}}, year]],
        # "end of March" (year implied)
        "part_month": [[_PART, {"ORTH": {"IN": ["-", "of"]}}, mon]],
        # "in March", "throughout June", "an April meeting": the month alone is the date
        "bare_month": [[{"LOWER": {"IN": _MONTH_CUES}}, mon]],
    }


PATTERNS = _patterns(_EXACT)
CANDIDATE_PATTERNS = _patterns(_CHEAP)

# ---- numeric forms (regex) --------------------------------------------------------------------
_WEEKDAY_RE = r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
# "14/02/2017", "(23/6/15)", "Thu 04/05/2017", "14.02.2017", "14-02-2017"
NUMERIC_DMY = re.compile(
    r"(?<![\w/.\-])(?:(?P<wd>" + _WEEKDAY_RE + r")\.?,?\s+)?"
    r"(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/]|\.\d)"
    r"|(?<![\w/.\-])(?P<d2>\d{1,2})-(?P<m2>\d{1,2})-(?P<y2>\d{4})(?![\w/\-])",
    re.IGNORECASE,
)
# "2017-05-04" (ISO), "2016 02 02" (year month day, as in a file name), "2022.10.22"
NUMERIC_YMD = re.compile(r"(?<![\w/.\-])(?P<y>(?:19|20)\d\d)(?P<sep>[- .])(?P<m>\d\d)(?P=sep)(?P<d>\d\d)(?![\w/\-]|\.\d)")

# Cues read in the sentence before a date without a year.
_PAST_CUE = re.compile(r"\b(previous|last|held|took place|earlier|arising|ago|since)\b", re.I)
_FUTURE_CUE = re.compile(r"\b(next|will|forthcoming|upcoming|scheduled|planned|proposed|suggested|due)\b", re.I)
_PAIR_GAP = re.compile(r"^[\s,]*(?:and|to|until|till|-|–|—|&)[\s,]*$")



@dataclass
class _Found:
    start: int
    end: int
    kind: str
    day: int | None
    month: int | None
    year: int | None

    @property
    def implied(self) -> bool:
        return self.year is None and self.kind != "quarter"




def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, day or 1).isoformat()[: 10 if day else 7]
    except ValueError:
        return None


def _two_digit(y: str) -> int:
    value = int(y)
    if len(y) == 4:
        return value
    return 2000 + value if value < 70 else 1900 + value


# Every token pattern holds a month name or a quarter ("Q3"): only the text around one can hold
# a date, so only that is tokenized (a 5-million-character export full of numbers took 24 s to
# scan whole, most of it on lines with no month). A window starts and ends at whitespace, where
# spaCy's tokenizer cuts anyway, so its tokens are those of the whole text.
_CUE_RE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"|Q[1-4])\b", re.IGNORECASE)
_WINDOW = 80  # characters each side of a cue: the longest pattern spans about 40
_WALK = 1000  # a window edge moves at most this far to reach whitespace


def _windows(text: str) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    for m in _CUE_RE.finditer(text):
        a, b = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        floor, ceiling = max(0, a - _WALK), min(len(text), b + _WALK)
        while a > floor and not text[a - 1].isspace():
            a -= 1
        while b < ceiling and not text[b].isspace():
            b += 1
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


def _token_dates(text: str) -> list[_Found]:
    found: list[_Found] = []
    for a, b in _windows(text):
        found += _window_dates(text[a:b], a)
    return found


def _window_dates(text: str, offset: int) -> list[_Found]:
    doc = get_nlp().make_doc(text)
    found: list[_Found] = []
    vocab = doc.vocab
    for match_id, s, e in match_in_candidates(doc, PATTERNS, CANDIDATE_PATTERNS):
        kind = vocab.strings[match_id]
        span = doc[s:e]
        toks = [t for t in span if not t.is_space]
        if kind == "bare_month":
            span = doc[e - 1:e]  # the cue word is not part of the date
        day = next((t._.day for t in toks if t._.day and not t._.year), None)
        month = next((t._.month for t in toks if t._.month), None)
        year = next((t._.year for t in toks if t._.year), None)
        if kind in ("my", "month_range", "quarter", "part_month", "bare_month"):
            day = None
        if kind == "quarter":
            month = None
        end_char = span.end_char
        if toks[-1]._.year and len(toks[-1].text) > 4:
            end_char = toks[-1].idx + 4  # "2016.docx": the date ends with the year
        found.append(_Found(offset + span.start_char, offset + end_char, kind, day, month, year))
        if kind == "month_range":
            # The second month is a date of its own: "May and June 2016" also gives "June 2016".
            second = [t for t in toks if t._.month][-1]
            found.append(_Found(offset + second.idx, offset + span.end_char, "my", None, second._.month, year))
    return found


def _numeric_dates(text: str) -> list[_Found]:
    found: list[_Found] = []
    for m in NUMERIC_DMY.finditer(text):
        if m.group("d"):
            d, mo, y = int(m.group("d")), int(m.group("m")), _two_digit(m.group("y"))
        else:
            d, mo, y = int(m.group("d2")), int(m.group("m2")), int(m.group("y2"))
        if _iso(y, mo, d):
            found.append(_Found(m.start(), m.end(), "numeric", d, mo, y))
    for m in NUMERIC_YMD.finditer(text):
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if _iso(y, mo, d):
            found.append(_Found(m.start(), m.end(), "numeric", d, mo, y))
    return found


def _select(found: list[_Found]) -> list[_Found]:
    """Longest match wins where matches overlap; a month range keeps its inner 'June 2016'."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    spans: list[tuple[int, int]] = []  # kept (start, end), sorted: overlap checks by bisection
    range_ends = {(f.end) for f in found if f.kind == "month_range"}
    range_starts = {f.end: f.start for f in found if f.kind == "month_range"}
    for f in sorted(found, key=lambda f: -(f.end - f.start)):
        inner_of_range = f.kind == "my" and f.end in range_ends and range_starts[f.end] < f.start
        i = bisect.bisect_left(spans, (f.start, f.end))
        if i < len(spans) and spans[i] == (f.start, f.end):
            continue  # the same stretch found twice
        free = (i == 0 or spans[i - 1][1] <= f.start) and (i == len(spans) or spans[i][0] >= f.end)
        if inner_of_range or free:
            spans.insert(i, (f.start, f.end))
            kept.append(f)
    kept.sort(key=lambda f: (f.start, f.end))
    return kept


def _sentence_before(text: str, start: int, limit: int = 120) -> str:
    window = text[max(0, start - limit):start]
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("; "))
    return window[cut + 1:] if cut >= 0 else window


def _infer_years(text: str, dates: list[_Found], default_year: int | None, ref_month: int | None) -> None:
    explicit = [f for f in dates if f.year is not None]
    for f in dates:
        if not f.implied:
            continue
        # Paired with a following full date: "16 September and 22 October 2015".
        nxt = next((g for g in explicit if g.start >= f.end), None)
        if nxt and nxt.start - f.end <= 20 and _PAIR_GAP.match(text[f.end:nxt.start]):
            f.year = nxt.year
            continue
        if default_year is None:
            before = [g for g in explicit if g.end <= f.start]
            near = before[-1] if before else next((g for g in explicit if g.start >= f.end), None)
            f.year = near.year if near else None
            continue
        f.year = default_year
        if ref_month and f.month:
            cue_text = _sentence_before(text, f.start)
            if f.month > ref_month and _PAST_CUE.search(cue_text) and not _FUTURE_CUE.search(cue_text):
                f.year -= 1
            elif f.month < ref_month and _FUTURE_CUE.search(cue_text) and not _PAST_CUE.search(cue_text):
                f.year += 1


def find_dates(
    text: str, default_year: int | None = None, *, ref_date: str | None = None
) -> list[tuple[int, int, str, str | None]]:
    """(start, end, text, iso) for every date mention in ``text``, in order.

    ``default_year`` completes dates written without a year; ``ref_date`` (the document's ISO
    date) lets "previous"/"next" cues move such a date into the year before or after.

    >>> [(t, iso) for _, _, t, iso in find_dates("on 3rd May 2016 and in March; Q3 2018", 2016)]
    [('3rd May 2016', '2016-05-03'), ('March', '2016-03'), ('Q3 2018', None)]
    """
    if default_year is None and ref_date:
        default_year = int(ref_date[:4])
    ref_month = int(ref_date[5:7]) if ref_date and len(ref_date) >= 7 else None
    dates = _select(_token_dates(text) + _numeric_dates(text))
    _infer_years(text, dates, default_year, ref_month)
    out = []
    for f in dates:
        iso = None if f.kind == "quarter" else _iso(f.year, f.month, f.day)
        out.append((f.start, f.end, text[f.start:f.end], iso))
    return out


def date_iso(text: str, default_year: int | None = None, ref_date: str | None = None) -> str | None:
    """ISO value of the first date in ``text`` (e.g. a Timescale cell), else None."""
    for _, _, _, iso in find_dates(text, default_year, ref_date=ref_date):
        if iso:
            return iso
    return None
