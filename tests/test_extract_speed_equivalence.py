"""The extraction shortcuts give what the plain way gives, on real text: the date matcher that
reads only where a cheap candidate matcher matched finds exactly the matches of the exact
matcher over the whole text, and the sentence bounds that scan from the last line break are
those of a scan from the top. (Speed is measured by bench/run.py, never asserted here.)"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from ingest.extract import dates
from ingest.extract.nlp import match_in_candidates, matcher_for, tokens
from ingest.extract.recs import _SENTENCE_END, sentence_around

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / ".seed" / "mappa_foi_release.txt"
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))

# Every written form the patterns know, and near misses the cheap tests let through
# ("32nd May", "may 2016" in lower case, "Q5 2018", "1234", "MArch 2016").
FORMS = """
Met on 3rd May 2016, Thursday 4th May 2017, THURSDAY 9th March 2017 and 18
FEBRUARY 2016; also 4 of May, 2017 and May 4, 2017 and Thursday, May 4th 2017.
On 15 October and Thursday 16 June and the 9th of March; August 2017, Mar. 2017,
end of March 2016, mid-June 2018, May and June 2016, April to June 2017, July-August 2016.
Q3 2018, Q1 2019/20, end of March, in March, throughout June, an April meeting, by September.
Near misses: 32nd May 2016, the 0th of June, we may 2016, Q5 2018, 1234 March, MArch 2016,
Report2016.docx of 4 June 2016.docx, 21St July 2016, Sept. 2016 and Weds 3 May.
"""


def _texts() -> list[str]:
    texts = [FORMS]
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in FIXTURES]
    return texts


@pytest.mark.parametrize("index", range(len(_texts())))
def test_candidate_matcher_finds_the_exact_matches(index: int) -> None:
    doc = tokens(_texts()[index])
    plain = sorted(set(matcher_for(dates.PATTERNS)(doc)), key=lambda m: (m[1], m[2]))
    fast = match_in_candidates(doc, dates.PATTERNS, dates.CANDIDATE_PATTERNS)
    assert fast == plain
    if index == 0:
        assert len(plain) > 30  # the forms above really are matched


def _sentence_from_the_top(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    while left < right and text[left].isspace():
        left += 1
    return left, right


def test_sentence_bounds_match_a_scan_from_the_top() -> None:
    rng = random.Random(7)
    checked = 0
    for text in _texts():
        spots = [m.start() for m in re.finditer(r"\s", text)][:500]
        spots += [rng.randrange(len(text)) for _ in range(300)]
        for start in spots:
            end = min(len(text), start + rng.randrange(1, 30))
            assert sentence_around(text, start, end) == _sentence_from_the_top(text, start, end)
            checked += 1
    assert checked > 1000


def _recs_at_by_scan(units, context, offset):
    """The inherited recommendation as it was first written: the first unit holding ``offset``."""
    for u, ctx in zip(units, context, strict=True):
        if u.start <= offset < max(u.end, u.start + 1):
            return ctx
    return []


def test_inherited_recommendations_match_a_scan_over_the_units() -> None:
    from ingest.extract.fill import _context_recs, _rec_units, _recs_at
    from ingest.extract.recs import find_recommendation_refs

    seed = (Path(__file__).resolve().parent.parent / "corpus" / ".seed" / "mappa_foi_release.txt").read_text(
        encoding="utf-8")
    for text in (seed, "Recommendation 4\n\nOn R6 the review said.\n\nA\n\n\nB recommendation 2 and 3.\n"):
        units = _rec_units(text, find_recommendation_refs(text))
        context = _context_recs(units)
        offsets = sorted({u.start for u in units} | {u.end for u in units}
                         | set(random.Random(7).sample(range(len(text) + 1), min(2000, len(text) + 1))))
        for offset in offsets:
            assert _recs_at(units, context, offset) == _recs_at_by_scan(units, context, offset), offset
