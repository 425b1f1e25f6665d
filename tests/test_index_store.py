"""The SQLite record store: whole documents round-trip; actions, references, redactions read back."""

from __future__ import annotations

import sqlite3

import pytest

from index import IndexUnavailable, open_index
from index.build import passage_rows, write_documents
from index.store import ActionFilters, Store, StoreVersionError
from ingest.models import Action, DateMention, Document, Passage, RecommendationRef, Redaction, RedactionSpan


def rich_doc(doc_id: str = "nsg-2016", date: str | None = "2016-02-18") -> Document:
    text = "4.2 On recommendation 7 [REDACTED] spoke.\n\nACTION SGCSU to circulate leaflet."
    r, b, second = text.index("[REDACTED]"), text.index("spoke"), text.index("ACTION")
    span = RedactionSpan(r, r + 10, "bracket", "[REDACTED]")
    box = RedactionSpan(b, b + 5, "pdf_box", "spoke", text_beneath="spoke", bbox=(10.0, 20.5, 30.0, 40.0))
    p1 = Passage(f"{doc_id}-p001", doc_id, 1, "4.2", text[: second - 2], 0, second - 2, kind="item", recommendations=[7])
    p2 = Passage(f"{doc_id}-p002", doc_id, 2, "4.2", text[second:], second, len(text), context="4.2",
                 recommendations=[7])
    return Document(
        doc_id=doc_id, source=f"{doc_id}.pdf", title="NSG minutes", doc_type="minutes",
        group="MAPPA National Strategic Group", date=date, text=text, page_starts=[(0, 1), (second, 2)], pages=2,
        redaction_spans=[span, box], headings=[0], headers={"Subject": "minutes"}, attachments=["a.docx"],
        passages=[p1, p2],
        redactions=[Redaction(doc_id, f"{doc_id}.pdf", 1, "4.2", "bracket", "[REDACTED]", 10, None, "recommendation 7",
                              "spoke.", None, r, r + 10, p1.passage_id),
                    Redaction(doc_id, f"{doc_id}.pdf", 1, "4.2", "pdf_box", "spoke", 5, None, "", "", "spoke", b, b + 5,
                              p1.passage_id, (10.0, 20.5, 30.0, 40.0))],
        actions=[Action(f"{doc_id}-a1", doc_id, f"{doc_id}.pdf", "MAPPA National Strategic Group", date, 2, "4.2", 1,
                        "circulate leaflet", owners=["SGCSU"], due="ASAP", recommendations=[7], status="open",
                        passage_id=p2.passage_id, start=second, end=len(text))],
        recommendation_refs=[RecommendationRef(7, 1, "4.2", "On recommendation 7", 4, 23, p1.passage_id)],
        dates=[DateMention("18 February 2016", "2016-02-18", 1, "4.2", 0, 3, p1.passage_id)],
        sha256="abc", ordinal=0,
    )


def test_whole_document_round_trips(tmp_path):
    doc = rich_doc()
    path = str(tmp_path / "idx")
    write_documents(path, "nsg.pdf", [doc])
    with open_index(path) as index:
        back = index.store.load_document(doc.doc_id)
        assert index.store.load_all() == [back]
    doc.tables = []
    assert back == doc  # every field, offsets, bbox tuples, spans, passages, records
    assert back.to_json() == doc.to_json()


def test_summary_documents_and_lookups(tmp_path):
    path = str(tmp_path / "idx")
    write_documents(path, "a.pdf", [rich_doc("a-doc", "2017-01-01")])
    write_documents(path, "b.pdf", [rich_doc("b-doc", "2016-01-01")])
    with open_index(path) as index:
        docs = index.store.documents()
        assert [d.doc_id for d in docs] == ["b-doc", "a-doc"]  # by date
        assert docs[0].summary_json()["date"] == "2016-01-01"
        assert index.store.find_doc_ids("a-") == ["a-doc"]
        assert index.store.find_doc_ids("zzz") == []


def test_actions_filters(tmp_path):
    path = str(tmp_path / "idx")
    early, late = rich_doc("early", "2016-02-18"), rich_doc("late", "2017-05-04")
    late.actions[0].owners = ["Police Scotland"]
    late.actions[0].status = "Complete"
    late.actions[0].recommendations = [9]
    write_documents(path, "early.pdf", [early])
    write_documents(path, "late.pdf", [late])
    with open_index(path) as index:
        store = index.store
        assert [a.doc_id for a in store.actions()] == ["early", "late"]
        assert [a.doc_id for a in store.actions(ActionFilters(owner="police"))] == ["late"]
        assert [a.doc_id for a in store.actions(ActionFilters(rec=7))] == ["early"]
        assert [a.doc_id for a in store.actions(ActionFilters(status="open"))] == ["early"]
        assert [a.doc_id for a in store.actions(ActionFilters(status="complete"))] == ["late"]
        assert [a.doc_id for a in store.actions(ActionFilters(since="2017"))] == ["late"]
        assert [a.doc_id for a in store.actions(ActionFilters(until="2016-02"))] == ["early"]


def test_recommendation_refs_by_date_and_redactions(tmp_path):
    path = str(tmp_path / "idx")
    write_documents(path, "b.pdf", [rich_doc("b", "2016-05-03")])
    write_documents(path, "a.pdf", [rich_doc("a", "2016-02-18")])
    write_documents(path, "u.pdf", [rich_doc("u", None)])
    with open_index(path) as index:
        refs = index.store.recommendation_refs(7)
        assert [r.doc_id for r in refs] == ["a", "b", "u"]  # dated in order, undated last
        assert set(refs[0].to_json()) == {"number", "doc_id", "source", "date", "page", "location", "text"}
        assert index.store.recommendation_refs(8) == []
        reds = index.store.redactions()
        assert len(reds) == 6 and {r.style for r in reds} == {"bracket", "pdf_box"}
        assert any(r.bbox == (10.0, 20.5, 30.0, 40.0) for r in reds)


def test_passage_rows_flag_redactions_and_hide_text_under_boxes():
    doc = rich_doc()
    rows, texts = passage_rows(doc)
    first, second = (rows[p.passage_id] for p in doc.passages)
    assert first.has_redaction and not second.has_redaction
    assert "spoke" not in texts[doc.passages[0].passage_id]  # under a pdf_box: not searchable
    assert first.dup_key and first.dup_key != second.dup_key


def test_other_schema_version_is_refused(tmp_path):
    path = tmp_path / "idx"
    write_documents(str(path), "a.pdf", [rich_doc()])
    db = sqlite3.connect(path / "store.sqlite")
    db.execute("PRAGMA user_version=99")
    db.commit()
    db.close()
    with pytest.raises(StoreVersionError):
        Store(str(path / "store.sqlite"))
    with pytest.raises(IndexUnavailable, match="foi ingest --force"):
        open_index(str(path))


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexUnavailable, match="no index"):
        open_index(str(tmp_path / "nothing"))
