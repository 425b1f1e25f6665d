"""Minutes written in Word as boards and project teams write them (invented papers in the shapes
real ones use): a title that names the body only as "<Name> Meeting", one roll per party, an
action table with no header row under "New and Ongoing Actions", the last meeting's actions in
a "Completed Actions" table, an "Action List" item inside the minutes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ingest.pipeline import extract_file


def _rows(d, rows: list[list[str]], repeat_header_flag: bool = False) -> None:
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.rows[r].cells[c].text = text
    if repeat_header_flag:
        # Word's "repeat as header row" set on a row of data, as authors do by hand
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    assert table._tbl.find(qn("w:tblPr")) is not None


def _board_minutes(path: Path, repeat_header_flag: bool = False) -> Path:
    d = docx.Document()
    d.add_paragraph("Harbour Tools PMB Meeting\nMinutes of Meeting 3\n14 March 2023, 1400-1500", style="Title")
    d.add_paragraph("Present from North Site: Alice Brennan, Tom Okafor (Chair) and Priya Nair (Secretary)")
    d.add_paragraph("Present from South Site: Gareth Lowe")
    d.add_heading("Links to reports", 1)
    d.add_paragraph("www.github.com is used for version control of documents.")
    d.add_heading("Matters arising from the minutes and actions", 1)
    d.add_paragraph("Actions 2.2-3 completed.")
    d.add_paragraph("Action 2.1 rephrased from \u201cwrite the plan\u201d to \u201cagree a format for the plan\u201d.")
    d.add_heading("New and Ongoing Actions", 1)
    _rows(d, [
        ["3.1", "To agree a format for the delivery plan with the steering group", "AB+TO"],
        ["3.2", "To circulate the harbour survey report to members", "PN, GL (Gareth)"],
        ["3.3", "To comment on the governance document before the next meeting", "GL+others"],
        ["", "", ""],
    ], repeat_header_flag)
    d.add_heading("Completed Actions", 1)
    _rows(d, [
        ["2.2", "To book the venue for the annual review", "PN"],
        ["2.3", "To send the survey to the site leads", "TO"],
    ])
    path = path / "pmb.docx"
    d.save(path)
    return path


def _only(path: Path):
    result = extract_file(str(path))
    assert result.error is None, result.error
    assert len(result.documents) == 1, [d.title for d in result.documents]
    return result.documents[0]


def test_rows_of_a_headerless_action_table_are_actions_with_their_owners(tmp_path: Path) -> None:
    doc = _only(_board_minutes(tmp_path))
    got = {a.text: (a.owners, a.number) for a in doc.actions}
    assert got["To agree a format for the delivery plan with the steering group"] == (["AB", "TO"], None) \
        or got["To agree a format for the delivery plan with the steering group"][0] == ["AB", "TO"]
    assert got["To circulate the harbour survey report to members"][0] == ["PN", "GL (Gareth)"]
    assert got["To comment on the governance document before the next meeting"][0] == ["GL", "others"]


def test_a_repeat_header_flag_on_a_row_of_data_does_not_make_it_a_header(tmp_path: Path) -> None:
    doc = _only(_board_minutes(tmp_path, repeat_header_flag=True))
    texts = [a.text for a in doc.actions]
    assert "To agree a format for the delivery plan with the steering group" in texts


def test_completed_actions_and_reports_on_numbered_actions_are_no_new_tasks(tmp_path: Path) -> None:
    doc = _only(_board_minutes(tmp_path))
    texts = " | ".join(a.text for a in doc.actions)
    assert "book the venue" not in texts  # a row of "Completed Actions" reports on an earlier action
    assert "completed" not in texts and "rephrased" not in texts
    assert len(doc.actions) == 3, texts


def test_a_heading_is_no_owner_where_the_roll_is_given_per_party(tmp_path: Path) -> None:
    doc = _only(_board_minutes(tmp_path))
    assert all("Links" not in a.owners for a in doc.actions)


def test_the_body_named_before_meeting_in_the_title_is_the_group(tmp_path: Path) -> None:
    doc = _only(_board_minutes(tmp_path))
    assert doc.group == "Harbour Tools PMB"
    assert doc.date == "2023-03-14"


def test_a_team_named_only_by_its_title_is_the_group_and_its_action_list_item_stays_in_the_minutes(
        tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Harbour Survey Project")
    d.add_paragraph("Minute No: 004")
    d.add_paragraph("Date: 29/04/21")
    d.add_paragraph("Participants: Ana Ruiz, Ben Cole and Cara Dunn")
    d.add_heading("Discussion:", 1)
    d.add_heading("1. Action List", 2)
    d.add_paragraph("Item 1: Drafted the survey questions. Status: Closed.")
    d.add_heading("2. General", 2)
    d.add_paragraph("We agreed who would write each part of the report.")
    _rows(d, [
        ["ID", "Action", "Who", "Due Date", "Status"],
        ["1", "Write the methods section of the report.", "Ana", "Next Meeting", "Open"],
        ["2", "Book the boat for the field day.", "Ben and Cara", "30/05/2021", "Open"],
    ])
    path = tmp_path / "team.docx"
    d.save(path)
    doc = _only(path)
    assert doc.group == "Harbour Survey Project"
    assert doc.date == "2021-04-29"
    got = {a.text: a.owners for a in doc.actions}
    assert got["Write the methods section of the report."] == ["Ana"]
    assert got["Book the boat for the field day."] == ["Ben", "Cara"]


def _meeting(folder: Path, name: str, number: int, date: str, arising: list[str],
             ongoing: list[list[str]], completed: list[list[str]]) -> None:
    d = docx.Document()
    d.add_paragraph(f"Harbour Tools PMB Meeting\nMinutes of Meeting {number}\n{date}, 1400-1500", style="Title")
    d.add_paragraph("Present: Alice Brennan, Tom Okafor (Chair), Priya Nair (Secretary), Gareth Lowe")
    d.add_heading("Matters arising from the minutes and actions", 1)
    for line in arising:
        d.add_paragraph(line)
    d.add_heading("Finances", 1)
    d.add_paragraph("1.3 of the budget paper was noted; the accounts for the quarter were accepted.")
    d.add_heading("New and Ongoing Actions", 1)
    if ongoing:
        _rows(d, ongoing)
    d.add_heading("Completed Actions", 1)
    d.add_paragraph("Completed actions will remain in this list for one meeting then will be removed.")
    if completed:
        _rows(d, completed)
    d.save(folder / name)


def test_a_carried_action_log_links_each_action_by_its_number_and_says_what_became_of_it(tmp_path: Path) -> None:
    from trace_fixtures import traced

    first = [["1.1", "To look further into alternatives to the two-way agreement", "AB"],
             ["1.2", "To contact the museum staff about the loan of the charts", "TO+PN"],
             ["1.3", "To arrange the steering meetings for the spring", "GL"]]
    _meeting(tmp_path, "pmb-1.docx", 1, "30 November 2022", ["This is the first meeting of the board."], first, [])
    _meeting(tmp_path, "pmb-2.docx", 2, "15 March 2023", ["Actions 1.2-3 completed and reported."],
             [first[0], ["2.1", "To write a one page note on the archive for members", "PN"]], first[1:])
    traces = traced(tmp_path)

    def chain(words: str) -> list[dict]:
        [trace] = [t for t in traces if words in t["action"]["text"] and t["action"]["meeting_date"] == "2022-11-30"]
        return trace["chain"]

    carried = [link for link in chain("two-way agreement") if link["date"] == "2023-03-15"]
    assert carried and all(link["relation"] == "carried_forward" for link in carried), carried
    for words in ("museum staff", "steering meetings"):
        links = [link for link in chain(words) if link["date"] == "2023-03-15"]
        assert any(link["reason"] == "number" and "1.2-3 completed" in link["text"] for link in links), links
        assert all(link["relation"] == "completed" for link in links), links
    # "1.3 of the budget paper": a number the text does not call an action links nothing
    assert not any("budget paper" in link["text"] for t in traces for link in t["chain"])


def _team_minutes(path: Path) -> Path:
    d = docx.Document()
    _rows(d, [["Meeting date: 22/11/17", "Room:  2.13", "Time: 11.00 - 16:00"]])
    _rows(d, [["Discussed topics:"], ["The shop prices need re-working."]])
    d.add_paragraph("In-game items:")
    for point in ("Unlock levels early", "Refill lives", "Extra moves"):
        d.add_paragraph(point, style="List Bullet")
    _rows(d, [["Connor tasks: ", "Hours"], ["Finish the level editor", "3h"], ["Playtesting", "3h"], ["", ""]])
    _rows(d, [["Jamie tasks", "Hours"], ["Playtesting", "2h"], ["Draw the shop icons", "1h"], ["", ""]])
    path = path / "team-meeting.docx"
    d.save(path)
    return path


def test_each_row_of_a_persons_task_table_is_their_task_and_a_shared_task_is_one(tmp_path: Path) -> None:
    doc = _only(_team_minutes(tmp_path))
    got = {a.text: a.owners for a in doc.actions}
    assert got == {"Finish the level editor": ["Connor"], "Playtesting": ["Connor", "Jamie"],
                   "Draw the shop icons": ["Jamie"]}, got


def test_blank_rows_make_no_passages_and_rows_read_under_their_tables_title(tmp_path: Path) -> None:
    doc = _only(_team_minutes(tmp_path))
    assert all(p.text.strip() for p in doc.passages)
    rows = {p.text.split("\t")[0]: p.context for p in doc.passages if p.kind == "table_row"}
    assert rows["Finish the level editor"] == "Connor tasks"
    assert rows["Draw the shop icons"] == "Jamie tasks"
    listed = [p for p in doc.passages if "Refill lives" in p.text]
    assert listed and listed[0].context == "In-game items:" and "Extra moves" in listed[0].text


def test_a_one_word_task_listed_again_at_the_next_meeting_is_carried_forward(tmp_path: Path) -> None:
    from trace_fixtures import traced

    for name, date, rows in (("team-1.docx", "04/12/17", [["Playtesting", "3 hours"], ["Draw the shop icons", "1h"]]),
                             ("team-2.docx", "31/01/18", [["Playtesting", "2 hours"], ["Write the level script", "2h"]])):
        d = docx.Document()
        _rows(d, [[f"Meeting date: {date}", "Room: 2.13", "Time: 2:00 to 2:30"]])
        d.add_paragraph("Participants: Connor Hale, Jamie Roe, Ana Ruiz")
        _rows(d, [["Connor tasks: ", "Hours"], *rows])
        d.save(tmp_path / name)
    traces = traced(tmp_path)
    [trace] = [t for t in traces if t["action"]["text"] == "Playtesting" and t["action"]["meeting_date"] == "2017-12-04"]
    assert [(link["date"], link["relation"]) for link in trace["chain"]] == [("2018-01-31", "carried_forward")]


def test_a_report_on_actions_that_lists_them_by_number_links_each(tmp_path: Path) -> None:
    from trace_fixtures import traced

    first = [["1.1", "To look further into alternatives to the two-way agreement", "AB"],
             ["1.2", "To contact the museum staff about the loan of the charts", "TO"]]
    _meeting(tmp_path, "pmb-1.docx", 1, "30 November 2022", ["This is the first meeting of the board."], first, [])
    _meeting(tmp_path, "pmb-2.docx", 2, "15 March 2023",
             ["Completed actions: 1.1, a paper on other agreements was sent round before this meeting. "
              "1.2, Dana Holt from the museum visited the team in February."], [], first)
    traces = traced(tmp_path)
    [trace] = [t for t in traces if "museum staff" in t["action"]["text"] and t["action"]["meeting_date"] == "2022-11-30"]
    assert any(link["reason"] == "number" and "Dana Holt" in link["text"] for link in trace["chain"]), trace["chain"]

