"""Spreadsheets: each sheet a document, each row a passage "Sheet!row N", action logs found by
their header names, black-filled cells as redactions, hidden rows, columns and sheets recorded."""

from __future__ import annotations

import io
from pathlib import Path

from format_fixtures import write_action_log

from ingest.pipeline import extract_file


def _docs(path: Path):
    result = extract_file(str(path))
    assert result.error is None, result.error
    return result.documents


def test_each_sheet_is_a_document_and_each_row_a_passage(tmp_path: Path) -> None:
    log, notes = _docs(write_action_log(tmp_path / "MDG action log.xlsx"))
    assert log.title == "MDG Action Log" and log.doc_type == "action_list"
    assert notes.title == "MDG action log – Notes"
    assert log.doc_id != notes.doc_id and log.source == notes.source
    locations = [p.location for p in log.passages]
    assert locations == [f"Actions!row {n}" for n in range(1, 8)]
    third = next(p for p in log.passages if p.location == "Actions!row 3")
    assert "Circulate the ViSOR vetting leaflet" in third.text and "2017-06-30" in third.text


def test_action_log_gives_actions_with_owners_due_dates_and_status(tmp_path: Path) -> None:
    log, _ = _docs(write_action_log(tmp_path / "log.xlsx"))
    by_row = {a.location: a for a in log.actions}
    first = by_row["Actions!row 3"]
    assert first.text.startswith("Circulate the ViSOR vetting leaflet")
    assert first.owners == ["SGCSU"] and first.due_date == "2017-06-30" and first.status == "Open"
    assert first.number == 1
    assert by_row["Actions!row 4"].owners == ["Police Scotland"]
    assert by_row["Actions!row 7"].owner_redacted


def test_header_names_in_any_order_and_wording(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Tracker"
    ws.append(["Progress", "Deadline", "Lead officer", "Task"])
    ws.append(["In progress", "31/03/2018", "Head of Housing", "Publish the allocations policy"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(buffer.getvalue())
    (doc,) = _docs(path)
    (action,) = doc.actions
    assert action.text == "Publish the allocations policy"
    assert action.owners == ["Head of Housing"] and action.due_date == "2018-03-31"
    assert action.status == "In progress" and action.location == "Tracker!row 2"


def test_black_fill_is_a_redaction_white_on_black_is_styling(tmp_path: Path) -> None:
    log, _ = _docs(write_action_log(tmp_path / "log.xlsx"))
    fills = [r for r in log.redactions if r.style == "xlsx_fill"]
    assert len(fills) == 1  # the black header row with white text is not one
    assert fills[0].location == "Actions!row 7" and fills[0].text_beneath == "Fiona Black"
    assert "Fiona Black" not in log.text  # the cell reads as a █ run, as DOCX shading does


def test_marker_typed_in_a_cell_is_found_by_the_marker_module(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("Action,Owner,Due\nReview the vetting policy,[REDACTED - s.38(1)(b)],June 2018\n", encoding="utf-8")
    (doc,) = _docs(path)
    (red,) = doc.redactions
    assert red.style == "bracket_exemption" and red.exemption == "s.38(1)(b)" and red.location == "row 2"
    (action,) = doc.actions
    assert action.owner_redacted and action.due_date == "2018-06"


def test_hidden_rows_columns_and_sheets_are_read_and_recorded(tmp_path: Path) -> None:
    log, notes = _docs(write_action_log(tmp_path / "log.xlsx"))
    hidden = {(h.kind, h.location) for h in log.hidden}
    assert hidden == {("row", "Actions!row 6"), ("column", "Actions!column F")}
    column = next(h for h in log.hidden if h.kind == "column")
    assert "jane.doe@example.gov.uk" in column.text
    assert log.text[column.start:column.end] == "Contact"
    assert "Withdrawn item about Mary Jones" in log.text  # hidden, so still read and searchable
    assert [(h.kind, h.location) for h in notes.hidden] == [("sheet", "Notes")]


def test_csv_rows_are_located_by_row(tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    path.write_bytes("Ref;Action;Owner;Due date\n1;Send the minutes;Clerk;1 June 2017\n\n2;Book the room;Caf\xe9 manager;2 June 2017\n"
                     .encode("cp1252"))
    result = extract_file(str(path))
    (doc,) = result.documents
    assert [p.location for p in doc.passages] == ["row 1", "row 2", "row 4"]
    assert [a.owners for a in doc.actions] == [["Clerk"], ["Café manager"]]
    assert any("cp1252" in w for w in result.warnings)


def test_damaged_workbook_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    result = extract_file(str(path))
    assert result.error and "\n" not in result.error and "XLSX" in result.error
