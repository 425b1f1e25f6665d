"""Spreadsheet content that is hidden, not removed: a classic leak.

A column of names "redacted" by hiding it, a row of personal details hidden, a whole sheet
set hidden: the text is still in the workbook, one click from view. The spreadsheet reader
(``ingest.readers.spreadsheet``) reads hidden rows, columns and sheets like the rest and
records each one in ``Document.hidden``; this check reports each that holds text.
"""

from __future__ import annotations

from index.audit.boxes import meaningful
from index.audit.model import Finding, Place, line_around
from ingest.models import Document

_WHAT = {"row": "This row is hidden", "column": "This column is hidden", "sheet": "This sheet is hidden"}


def find_hidden_content(docs: list[Document]) -> list[Finding]:
    findings: list[Finding] = []
    for doc in docs:
        for hidden in doc.hidden:
            if not meaningful(hidden.text.replace("\t", " ")):
                continue
            start = max(0, min(hidden.start, len(doc.text)))
            end = max(start, min(hidden.end, len(doc.text)))
            at = Place(doc_id=doc.doc_id, source=doc.source, page=None, location=hidden.location,
                       text=hidden.text, start=start, end=end, context=line_around(doc.text, start, end))
            findings.append(Finding(
                "hidden_content", at,
                f"{_WHAT.get(hidden.kind, 'This is hidden')} in the spreadsheet, not removed: its text "
                f"(\"{' '.join(hidden.text.split())[:120]}\") is still in the file and shows when it is unhidden.",
            ))
    return findings
