"""Shared paths and the seed's extraction, computed once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / ".seed" / "mappa_foi_release.txt"
GOLD = ROOT / "tests" / "data" / "seed_gold.json"
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_docs():
    from ingest.pipeline import extract_file

    result = extract_file(str(SEED))
    assert result.error is None
    return result.documents
