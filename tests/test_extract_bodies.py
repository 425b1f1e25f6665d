"""Extraction on minutes and action logs of other public bodies, in other house styles.

The fixtures in tests/fixtures/bodies/ were written for these tests (an NHS committee's rolling
action log, a council scrutiny committee's minutes); the JSON next to each is the expected
record, written by hand. Documents are built from the text reader's page so that only the
extraction stage is under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.extract import enrich
from ingest.models import Document
from ingest.read_text import page_from_text

BODIES = Path(__file__).parent / "fixtures" / "bodies"
CASES = sorted(p.stem for p in BODIES.glob("*.json"))


def _document(stem: str) -> tuple[Document, dict]:
    expected = json.loads((BODIES / f"{stem}.json").read_text(encoding="utf-8"))
    page = page_from_text((BODIES / f"{stem}.txt").read_text(encoding="utf-8"))
    doc = Document(doc_id=stem, source=f"{stem}.txt", title=stem, doc_type=expected["doc_type"],
                   group=expected["group"], date=expected["date"], text=page.text, tables=page.tables)
    enrich(doc)
    return doc, expected


def test_there_are_fixtures_of_at_least_two_bodies():
    assert len(CASES) >= 2


@pytest.mark.parametrize("stem", CASES)
def test_actions_match_expected(stem):
    doc, expected = _document(stem)
    got = [{k: a.to_json()[k] for k in expected["actions"][0]} for a in doc.actions]
    assert got == expected["actions"]
    for n, action in enumerate(doc.actions, start=1):
        assert action.action_id == f"{stem}-a{n:02d}"
        assert action.meeting_group == expected["group"]


@pytest.mark.parametrize("stem", CASES)
def test_recommendation_refs_match_expected(stem):
    doc, expected = _document(stem)
    assert [r.number for r in doc.recommendation_refs] == expected["recommendation_refs"]
    for ref in doc.recommendation_refs:
        assert ref.text and doc.text[ref.start:ref.end].lower().startswith(("rec", "recommendation"))


@pytest.mark.parametrize("stem", CASES)
def test_dates_match_expected(stem):
    doc, expected = _document(stem)
    assert [[d.text, d.iso] for d in doc.dates] == expected["dates"]
    for mention in doc.dates:
        assert doc.text[mention.start:mention.end] == mention.text
