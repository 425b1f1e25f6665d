"""The bundled corpus read back: every drawn box is a pdf_box span where the █ run stood."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS

from ingest.pipeline import extract_file

# corpus PDF -> number of █ runs in the seed text it was built from
REDACTED_PDFS = {
    "2016-02-18 MAPPA NSG minutes.pdf": 22,
    "MAPPA Development Group - Minutes - 4 May 2017.pdf": 27,
    "MAPPA NSG Action List 18 February 2016.pdf": 7,
    "FOI release 2017-01546 bundle.pdf": 104,
}


@pytest.mark.parametrize("name", sorted(REDACTED_PDFS))
def test_every_box_is_found_with_nothing_beneath(name):
    result = extract_file(str(CORPUS / name), enrich=False)
    assert result.error is None
    boxes = [r for d in result.documents for r in d.redactions if r.style == "pdf_box"]
    assert len(boxes) == REDACTED_PDFS[name]
    assert all(r.text_beneath is None for r in boxes)
    # no █ typed as text in these files: every block marker comes from a drawn box
    assert not [r for d in result.documents for r in d.redactions if r.style == "block"]


def test_boxes_sit_where_the_names_were(seed_docs):
    """Each box's neighbouring words are the words around the █ run in the seed."""
    doc = extract_file(str(CORPUS / "2016-02-18 MAPPA NSG minutes.pdf"), enrich=False).documents[0]
    seed = next(d for d in seed_docs if d.doc_type == "minutes" and d.date == "2016-02-18")

    def after(text: str, start: int, end: int) -> str:
        # the next two words; box widths and punctuation differ between the two renderings
        return " ".join(re.sub(r"[^A-Za-z0-9 ]", " ", text[end:end + 40]).split()[:2])

    pdf_contexts = [after(doc.text, s.start, s.end) for s in doc.redaction_spans if s.style == "pdf_box"]
    seed_contexts = [after(seed.text, s.start, s.end) for s in seed.redaction_spans if s.style == "block"]
    assert pdf_contexts == seed_contexts


def test_ruled_tables_are_rows_not_redactions():
    doc = extract_file(str(CORPUS / "MAPPA NSG Action List 18 February 2016.pdf"), enrich=False).documents[0]
    rows = [p for p in doc.passages if p.kind == "table_row"]
    leaflet = next(p for p in rows if p.cells[0].startswith("Circulate ViSOR users leaflet"))
    assert leaflet.cells[1:] == ["Secretariat", "ASAP"]
    assert all(r.bbox is not None and (r.bbox[3] - r.bbox[1]) < 30 for r in doc.redactions)
