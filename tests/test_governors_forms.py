"""A school governing body's minutes as such boards write them (invented, in the shapes real
ones use): the notes of each item with an Action column beside them ("Action: None" where
there is none), and an "ACTIONS TO BE TAKEN" table whose task column has no name ("ITEM |  |
BY WHOM | BY WHEN") and whose narrow owner cells wrap a name onto two lines."""

from __future__ import annotations

from pathlib import Path

import docx

from ingest.pipeline import extract_file


def _minutes(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("HARBOUR PRIMARY SCHOOL BOARD OF GOVERNORS")
    d.add_paragraph("DATE; 14/10/2019")
    d.add_paragraph("Present: Ann Lowe (Chair), Mark Reed, Heather Poustie (Headteacher), Kay Dicken")
    d.add_paragraph("05/1920 Division of Agenda. Consider whether any item is likely to disclose exempt information.")
    d.add_paragraph("Action: None")
    d.add_paragraph("06/1920 Declaration of interests. None were declared.")
    d.add_paragraph("Action: N/A")
    d.add_paragraph("ACTIONS TO BE TAKEN")
    rows = [["ITEM", "", "BY WHOM", "BY WHEN"],
            ["02/1920", "Minutes to website", "Clerk", "asap"],
            ["9d/1920", "Include the school plan on the agenda for the next committee meeting.", "Heather\nPoustie/Clerk",
             "01/11/2019"],
            ["14b/1920", "Provide a full description of each objective", "Paul Reynolds/\nKay Dicken", "01/12/2019"]]
    table = d.add_table(rows=len(rows), cols=4)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.rows[r].cells[c].text = text
    path = path / "fgb-minutes.docx"
    d.save(path)
    return path


def _doc(tmp_path: Path):
    result = extract_file(str(_minutes(tmp_path)))
    assert result.error is None and len(result.documents) == 1
    return result.documents[0]


def test_the_untitled_column_after_item_holds_the_task(tmp_path: Path) -> None:
    got = {a.text: a.owners for a in _doc(tmp_path).actions}
    assert got["Minutes to website"] == ["Clerk"]
    assert "02/1920" not in got and "9d/1920" not in got


def test_a_name_wrapped_in_a_narrow_owner_cell_is_one_owner(tmp_path: Path) -> None:
    got = {a.text: a.owners for a in _doc(tmp_path).actions}
    assert got["Include the school plan on the agenda for the next committee meeting."] == ["Heather Poustie", "Clerk"]
    assert got["Provide a full description of each objective"] == ["Paul Reynolds", "Kay Dicken"]


def test_an_action_column_that_says_none_gives_no_action(tmp_path: Path) -> None:
    texts = [a.text for a in _doc(tmp_path).actions]
    assert not any("Division of Agenda" in t or "Declaration of interests" in t for t in texts), texts
    assert len(texts) == 3, texts
