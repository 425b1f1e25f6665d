"""Shared paths and the seed's extraction, computed once per test session."""

from __future__ import annotations

import json
import os
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


# ---- Tesseract: OCR tests run where it is installed, skip (saying what to install) where it is
# not, and fail where CI requires it: CI=true, or FOI_REQUIRE_TESSERACT=1 (set by .ci/run).
INSTALL_TESSERACT = "tesseract-ocr is not installed (Debian/Ubuntu: apt-get install -y tesseract-ocr poppler-utils)"


def tesseract_command() -> str:
    return os.environ.get("FOI_TESSERACT") or "tesseract"


def tesseract_required() -> bool:
    ci = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
    return ci or bool(os.environ.get("FOI_REQUIRE_TESSERACT", "").strip())


def have_tesseract() -> bool:
    from ingest.ocr import tesseract_version

    return tesseract_version(tesseract_command()) is not None


HAVE_TESSERACT = have_tesseract()


def tesseract_gate(have: bool, required: bool) -> tuple[str, str] | None:
    """None when OCR tests run; else ("fail" | "skip", the reason)."""
    if have:
        return None
    if required:
        return "fail", f"CI requires Tesseract, but {INSTALL_TESSERACT}"
    return "skip", INSTALL_TESSERACT


@pytest.fixture
def tesseract() -> str:
    """The Tesseract command, for tests that run it (skip or fail per ``tesseract_gate``)."""
    gate = tesseract_gate(HAVE_TESSERACT, tesseract_required())
    if gate is not None:
        action, reason = gate
        (pytest.fail if action == "fail" else pytest.skip)(reason)
    return tesseract_command()
