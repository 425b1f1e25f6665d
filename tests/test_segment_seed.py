"""Segmentation and text markers on the real release: the gold's documents and redaction counts."""

from __future__ import annotations

from collections import Counter

from ingest.markers import find_text_markers, normalise_exemption
from ingest.segment import build_passages, segment_documents


def test_seed_splits_into_the_gold_documents(seed_docs, gold):
    assert len(seed_docs) == len(gold["documents"])
    for doc, expected in zip(seed_docs, gold["documents"], strict=True):
        assert doc.doc_type == expected["doc_type"], expected["title"]
        assert doc.date == expected["date"], expected["title"]
        assert doc.group == expected["group"], expected["title"]
        assert doc.text.splitlines()[0].strip() == expected["first_line"].strip()


def test_seed_redaction_counts_match_gold(seed_docs, gold):
    counts = Counter(r.style for d in seed_docs for r in d.redactions)
    markers = Counter(r.marker for d in seed_docs for r in d.redactions if r.style == "bracket")
    gold_counts = gold["redactions"]["counts"]
    assert counts["block"] == gold_counts["block_run"] == 104
    assert counts["email_local_part"] == gold_counts["email_local_part"] == 22
    # bracket = every bracket marker that is not an e-mail local part
    assert counts["bracket"] == 100
    assert markers["[REDACTED]"] == gold_counts["[REDACTED]"]
    assert markers["[Redacted]"] == gold_counts["[Redacted]"] - 20
    assert markers["[redacted]"] == gold_counts["[redacted]"] - 2


def test_seed_redactions_per_document(seed_docs, gold):
    for doc, expected in zip(seed_docs, gold["redactions"]["per_document"], strict=True):
        blocks = sum(1 for r in doc.redactions if r.style == "block")
        assert blocks == expected["counts"]["block_run"], expected["title"]


def test_every_redaction_marker_is_where_it_says(seed_docs):
    for doc in seed_docs:
        for span in doc.redaction_spans:
            assert doc.text[span.start : span.end] == span.marker


def test_minutes_items_are_locations(seed_docs):
    nsg = next(d for d in seed_docs if d.doc_type == "minutes" and d.date == "2016-02-18")
    # the action line joins the discussion above it in one passage of item 4.2
    leaflet = next(p for p in nsg.passages if "ACTION SGCSU to circulate ViSOR" in p.text)
    assert leaflet.location == "4.2"
    mdg = next(d for d in seed_docs if d.doc_type == "minutes" and d.date == "2017-05-04")
    action = next(p for p in mdg.passages if "ACTION 4 -" in p.text)
    assert action.location == "Item 3"
    action_list = next(d for d in seed_docs if d.doc_type == "action_list")
    rows = [p for p in action_list.passages if p.kind == "table_row"]
    assert rows[0].location == "row 1" and rows[0].cells[1] == "Secretariat"


def test_exemption_markers_and_their_spellings():
    text = "Held by [REDACTED - s.38(1)(b)] and [Redacted under section 40(2)], also (redacted) and ███."
    spans = find_text_markers(text)
    assert [s.style for s in spans] == ["bracket_exemption", "bracket_exemption", "bracket", "block"]
    assert [s.exemption for s in spans[:2]] == ["s.38(1)(b)", "s.40(2)"]
    assert normalise_exemption("Section 38 (1) (b)") == "s.38(1)(b)"


def test_other_body_bundle_splits_at_headings_and_emails():
    text = (
        "From: Clerk\nSent: 3 March 2021 09:00\nTo: Members\nSubject: Audit Committee papers\n\n"
        "Please find the papers attached.\n\nThanks\n\n"
        "AUDIT AND RISK COMMITTEE\n\nMINUTES OF MEETING HELD ON 1 MARCH 2021\n\n"
        "1. Welcome\n\nThe Chair welcomed members.\n\n2. Internal audit\n\n2.1 The auditor presented.\n\n"
        "Action 1 – Finance to report by 30 April 2021.\n\n"
        "AUDIT AND RISK COMMITTEE ACTION LOG\n\nItem\tAction\tOwner\tStatus\n"
        "1\tReport on audit\tFinance\tOpen\n"
    )
    docs = segment_documents(text, "bundle.txt", [], [], [], [])
    assert [d.doc_type for d in docs] == ["email", "minutes", "action_list"]
    assert docs[1].group == "Audit and Risk Committee"
    assert docs[1].date == "2021-03-01"
    build_passages(docs[1])
    # item 2.1 and its action line are one passage, cited as 2.1
    locations = [p.location for p in docs[1].passages if "Action 1" in p.text]
    assert locations == ["2.1"]
    assert [p.location for p in docs[1].passages if "Chair welcomed" in p.text] == ["1"]
