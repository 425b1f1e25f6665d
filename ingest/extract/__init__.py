"""Extraction: actions, recommendation references and dates from a segmented Document.

``enrich(doc)`` fills ``doc.actions``, ``doc.recommendation_refs``, ``doc.dates`` and each
passage's ``recommendations``; ``link_documents(docs)`` then lets an action-list row take the
recommendation of the same action in the minutes of the same meeting. The string-level
finders (``find_dates``, ``find_recommendation_refs``, ``find_text_actions``) work on plain text.

Nothing here imports spaCy at import time: the pattern modules are imported inside the
functions, so ``import ingest.extract`` stays cheap for commands that only search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.models import Document

__all__ = ["enrich", "find_dates", "find_recommendation_refs", "find_text_actions", "link_documents"]


def find_dates(text: str, default_year: int | None = None, *, ref_date: str | None = None):
    from ingest.extract.dates import find_dates as _find

    return _find(text, default_year, ref_date=ref_date)


def find_recommendation_refs(text: str) -> list[tuple[int, int, int]]:
    from ingest.extract.recs import find_recommendation_refs as _find

    return _find(text)


def find_text_actions(text: str):
    from ingest.extract.actions import find_text_actions as _find

    return _find(text)


def enrich(doc: Document) -> None:
    from ingest.extract.fill import enrich_document

    enrich_document(doc)


def link_documents(docs: list[Document]) -> None:
    from ingest.extract.fill import link_documents as _link

    _link(docs)
