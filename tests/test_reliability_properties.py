"""Property-based tests of the parsers that see every document and every query: no input makes
them raise, and what they return keeps its invariants."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.engine.query import _parse, parse
from index.engine.whoosh_backend import to_whoosh
from ingest.extract import find_dates, find_recommendation_refs

# Text made of what dates and recommendation references are made of, so the generator reaches
# the parsers' interesting paths, mixed with arbitrary Unicode.
date_text = st.lists(
    st.sampled_from(["1", "12", "29", "30", "31", "2016", "16", "0", "99", "February", "Feb", "Sept", "March ",
                     "2nd", "31st", "Q3", "/", "-", ".", " ", ",", "\n", "of", "Monday ", "previous", "next",
                     "by end of", "week commencing", "\u2013", "(", ")"]),
    max_size=40,
).map("".join)

rec_text = st.lists(
    st.sampled_from(["recommendation", "Recommendations", "Rec.", "rec", "R", "7", "12", "2-4", "3\u20135",
                     "0", "999", " and ", ", ", " or ", " to ", "No.", "#", "%", "areas", " ", "\n", "(", ")", "a"]),
    max_size=30,
).map("".join)

query_text = st.lists(
    st.sampled_from(['"', "-", "OR", "year:", "type:", "group:", "rec:", "doc:", "recommendation 7", "rec7",
                     "vetting", "\u2588", " ", ":", "\x00", "(", ")", "*", "s.40", "2016", "\\"]),
    max_size=20,
).map("".join)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _real_iso(iso: str) -> bool:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        date.fromisoformat(iso)  # raises if not a real calendar date
        return True
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return 1 <= int(iso[5:]) <= 12
    return False


@SETTINGS
@given(st.text(max_size=300) | date_text, st.none() | st.integers(min_value=1900, max_value=2100))
def test_dates_lie_in_their_text_and_are_real_dates(text, default_year):
    previous = -1
    for start, end, found, iso in find_dates(text, default_year):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == found
        assert start >= previous  # in order
        previous = start
        if iso is not None:
            assert _real_iso(iso), (found, iso)


@SETTINGS
@given(st.text(max_size=300) | rec_text)
@example("RECOMMENDATION:R0")  # found by Hypothesis: "R0" is no recommendation
@example("recommendations 0-3")
def test_recommendation_refs_lie_in_their_text(text):
    previous = -1
    for start, end, number in find_recommendation_refs(text):
        assert 0 <= start < end <= len(text)
        assert isinstance(number, int) and number > 0
        assert str(number) in text[start:end] or "-" in text[start:end] or "\u2013" in text[start:end] \
            or " to " in text[start:end]
        assert start >= previous
        previous = start


@SETTINGS
@given(st.text(max_size=200) | query_text)
def test_query_parser_never_raises_and_builds_an_engine_query(text):
    parsed = _parse(text)  # the inner parser: `parse` would hide an exception behind its fallback
    assert parsed == parse(text)
    assert all(isinstance(n, int) and n >= 0 for n in parsed.rec_numbers)
    assert all(w.strip() for w in parsed.words)
    to_whoosh(parsed.query)  # every node it builds can be run
