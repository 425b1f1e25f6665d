"""Parsing what a user types: recommendation references, phrases, OR, exclusions, fields."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.engine.backend import And, AndMaybe, FieldIs, MatchAll, Not, Or, Phrase, RecRef, Term
from index.engine.query import parse
from index.engine.whoosh_backend import to_whoosh


@pytest.mark.parametrize("text", [
    "recommendation 7 vetting", "recommendations 7 vetting", "rec 7 vetting", "Rec. 7 vetting",
    "rec7 vetting", "REC 7 vetting", "Recommendation No. 7 vetting", "vetting recommendation 7",
])
def test_recommendation_spellings_parse_alike(text):
    parsed = parse(text)
    assert parsed.rec_numbers == [7]
    assert parsed.query == AndMaybe(RecRef(7), Term("vetting"))


def test_recommendation_alone_and_lists():
    assert parse("Rec. 9").query == RecRef(9)
    assert parse("recommendations 7 and 9").query == Or((RecRef(7), RecRef(9)))
    assert parse("recommendations 7, 9").rec_numbers == [7, 9]


def test_words_that_only_look_like_rec_are_words():
    assert parse("record 7").rec_numbers == []
    assert parse("recommended action").rec_numbers == []


def test_quoted_recommendation_stays_a_phrase():
    assert parse('"recommendation 7"').query == Phrase("recommendation 7")


def test_phrases_or_exclusion_and_fields():
    # A phrase and fields are required; a plain word only ranks beside them (issue 15).
    q = parse('"period of grace" visor -leaflet year:2016 type:minutes group:NSG').query
    assert isinstance(q, And)
    assert Not(Term("leaflet")) in q.items
    core = q.items[0]
    assert isinstance(core, AndMaybe) and core.optional == Term("visor")
    assert isinstance(core.required, And)
    assert Phrase("period of grace") in core.required.items
    assert FieldIs("year", "2016") in core.required.items and FieldIs("doc_type", "minutes") in core.required.items
    assert FieldIs("group", "NSG") in core.required.items
    assert parse("visor OR vetting").query == Or((Term("visor"), Term("vetting")))
    assert parse('group:"MAPPA Development Group"').query == FieldIs("group", "MAPPA Development Group")


def test_unknown_field_is_a_word_and_empty_is_match_all():
    assert parse("note:").query == Term("note:")
    assert parse("").query == MatchAll()
    assert parse("   ").query == MatchAll()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab7 "-:()[]█OR.recommendation#\x00é')), max_size=60) | st.text())
def test_any_input_parses_and_converts(text):
    parsed = parse(text)
    to_whoosh(parsed.query)  # never raises either
