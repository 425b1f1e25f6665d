"""Minutes written inside a ruled table, read as the flow of text their author wrote
(ingest/layout.py), from PDFs drawn here with reportlab and DOCX files built with python-docx;
a data table (an action log) stays a table; running footers are dropped; bare word and mask
markers typed into the text are redactions. Every name and body here is invented."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pdf_fixtures import new_canvas
from reportlab.lib.utils import simpleSplit

from ingest.layout import CellLine, drop_running_lines, lay_out_columns
from ingest.markers import find_text_markers
from ingest.models import Page, RedactionSpan, Table, TableRow
from ingest.pipeline import extract_file

# ---------------------------------------------------------------------------- the minutes

GROUP = "Harbourside Allotments Liaison Group"
HEADER = [
    ("Title of Meeting", GROUP),
    ("Date", "12th February 2019"),
    ("Venue", "Room 4, Tidewater Community Hall"),
    ("Present", "Dana Holt (Chair), Kofi Tembo, Priya Ashworth, Ewan Lindqvist"),
]
HEADER_DATE = "2019-02-12"

ITEM_1 = [
    "The Chair welcomed members to the meeting and thanked the hall staff for opening early. "
    "Apologies were received from Marta Okonjo, who had sent a written update on the water "
    "supply to the lower plots, which was taken as read and will be filed with these notes.",
]
ITEM_2 = [
    "The notes of the meeting held in November were agreed as an accurate record, subject to "
    "correcting the spelling of the new plot holder's name in the list of those present.",
]
ITEM_3 = [
    "Members discussed the condition of the shared tool shed. The roof had leaked during the "
    "January storms and several rakes and spades had rusted beyond repair.",
    "Kofi Tembo offered to obtain three quotes for a replacement roof and to report the costs "
    "to the group before the spring planting season begins.",
    "The group noted that the insurance policy did not cover storm damage to outbuildings and "
    "asked whether a claim could be made under the wider cover held by the trust.",
]
ACTION_PARAGRAPH = ITEM_3[1]
ACTION_OWNER = "KT"
# Item 4 runs over the page break in the middle of its second sentence.
ITEM_4_PAGE_1 = (
    "Priya Ashworth reported on the waiting list, which now stood at forty two households. She "
    "explained that the secretary had written to every applicant in January and that"
)
ITEM_4_PAGE_2 = (
    "most of them had confirmed that they still wished to take on a plot when one became free."
)
ITEM_5 = [
    "Ewan Lindqvist raised the question of bonfires on the eastern plots. Neighbours had "
    "complained twice about smoke drifting across the footpath on Sunday afternoons.",
    "After some discussion the group agreed that bonfires would only be lit on weekday mornings "
    "and that green waste would otherwise be taken to the composting bays by the gate.",
]
ITEM_6 = [
    "There was no other business. The Chair closed the meeting and thanked members for their "
    "patience during a long evening.",
]

FOOTER = "2019-03-14 draft minutes v2 {page}"
OFFICE = "Registered office: 7 Quayside Row, Porthaven PV1 2AB"
SENTENCE_OVER_BREAK = "explained that the secretary had written to every applicant in January and that most of them"

# ---------------------------------------------------------------------------- PDF drawing

FONT, SIZE, LEAD, PARA_GAP, PAD = "Helvetica", 10, 12, 7, 4
HEADER_XS = [50, 170, 545]
ITEM_XS = [50, 85, 465, 545]


@dataclass
class Row:
    """One table row: a column's x edges and each cell's paragraphs; ``side`` puts a side
    entry beside the first line of a paragraph of the cell before it (paragraph index -> text)."""

    xs: list[float]
    cells: list[list[str]]
    side: dict[int, str] = field(default_factory=dict)


def _wrapped(cell: list[str], w: float) -> list[list[str]]:
    return [simpleSplit(p, FONT, SIZE, w - 2 * PAD) for p in cell]


def _cell_height(cell: list[str], w: float) -> float:
    paras = _wrapped(cell, w)
    lines = sum(len(p) for p in paras)
    return lines * LEAD + max(0, len(paras) - 1) * PARA_GAP


def draw_rows(c, rows: list[Row], top: float) -> float:
    """Rules and text of ``rows`` from ``top`` down (reportlab y); returns the bottom."""
    c.setLineWidth(0.5)
    c.setFont(FONT, SIZE)
    y = top
    c.line(rows[0].xs[0], y, rows[0].xs[-1], y)
    for row in rows:
        widths = [b - a for a, b in zip(row.xs, row.xs[1:], strict=False)]
        height = max(_cell_height(cell, w) for cell, w in zip(row.cells, widths, strict=True)) + 2 * PAD
        bottom = y - height
        c.line(row.xs[0], bottom, row.xs[-1], bottom)
        for x in row.xs:
            c.line(x, y, x, bottom)
        for i, (cell, w) in enumerate(zip(row.cells, widths, strict=True)):
            baseline = y - PAD - SIZE + 1
            firsts = []
            for para in _wrapped(cell, w):
                firsts.append(baseline)
                for line in para:
                    c.drawString(row.xs[i] + PAD, baseline, line)
                    baseline -= LEAD
                baseline -= PARA_GAP
            if row.side and i == len(row.cells) - 2:
                for k, text in row.side.items():
                    c.drawString(row.xs[i + 1] + PAD, firsts[k], text)
        y = bottom
    return y


def _footer(c, page: int) -> None:
    c.setFont(FONT, 8)
    c.drawString(50, 40, FOOTER.format(page=page))
    c.drawString(50, 29, OFFICE)
    c.setFont(FONT, SIZE)


def minutes_pdf(path: Path) -> Path:
    c = new_canvas(path)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 745, "Minutes")
    rows = [Row(HEADER_XS, [[label], [value]]) for label, value in HEADER]
    rows.append(Row(ITEM_XS, [[], [], ["Action"]]))
    rows.append(Row(ITEM_XS, [["1."], ITEM_1, []]))
    rows.append(Row(ITEM_XS, [["2."], ITEM_2, []]))
    rows.append(Row(ITEM_XS, [["3."], ITEM_3, []], side={1: ACTION_OWNER}))
    rows.append(Row(ITEM_XS, [["4."], [ITEM_4_PAGE_1], []]))
    bottom = draw_rows(c, rows, 725)
    assert bottom > 110, "page 1's table must end above the footer"
    _footer(c, 1)
    c.showPage()
    rows = [
        Row(ITEM_XS, [[], [ITEM_4_PAGE_2], []]),
        Row(ITEM_XS, [["5."], ITEM_5, []]),
        Row(ITEM_XS, [["6."], ITEM_6, []]),
    ]
    draw_rows(c, rows, 790)
    _footer(c, 2)
    c.save()
    return path


# ---------------------------------------------------------------------------- DOCX building


def _merge_rest(table, r: int) -> None:
    table.cell(r, 1).merge(table.cell(r, 2))


def minutes_docx(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].footer.paragraphs[0].text = FOOTER.format(page=1)
    d.add_paragraph("Minutes")
    items = [("1.", ITEM_1), ("2.", ITEM_2), ("3.", ITEM_3), ("4.", [f"{ITEM_4_PAGE_1} {ITEM_4_PAGE_2}"]),
             ("5.", ITEM_5), ("6.", ITEM_6)]
    table = d.add_table(rows=len(HEADER) + 1 + len(items), cols=3)
    table.style = "Table Grid"
    for r, (label, value) in enumerate(HEADER):
        _merge_rest(table, r)
        table.cell(r, 0).text = label
        table.cell(r, 1).text = value
    table.cell(len(HEADER), 2).text = "Action"
    for k, (number, paragraphs) in enumerate(items):
        r = len(HEADER) + 1 + k
        table.cell(r, 0).text = number
        cell = table.cell(r, 1)
        cell.text = paragraphs[0]
        for para in paragraphs[1:]:
            cell.add_paragraph(para)
        if number == "3.":
            table.cell(r, 2).text = ACTION_OWNER
    d.save(str(path))
    return path


# ---------------------------------------------------------------------------- helpers


def _one_doc(path: Path):
    result = extract_file(str(path))
    assert result.error is None, result.error
    assert len(result.documents) == 1, [(d.doc_type, d.title) for d in result.documents]
    return result.documents[0]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _passages_with(doc, needle: str):
    return [p for p in doc.passages if needle in _flat(p.text)]


def _check_minutes(doc) -> None:
    assert doc.date == HEADER_DATE
    assert doc.date_source == "header"
    assert doc.group == GROUP
    # items are cited by their number, never as rows of a table
    assert not any(p.location.startswith("row ") for p in doc.passages), [p.location for p in doc.passages]
    for number, first in (("1", ITEM_1[0]), ("2", ITEM_2[0]), ("3", ITEM_3[0]), ("5", ITEM_5[0]), ("6", ITEM_6[0])):
        found = _passages_with(doc, first[:60])
        assert found, (number, [(p.location, p.text[:40]) for p in doc.passages])
        assert {p.location for p in found} == {number}
    for para in ITEM_3[1:]:
        assert {p.location for p in _passages_with(doc, para[:60])} == {"3"}
    assert {p.location for p in _passages_with(doc, ITEM_5[1][:60])} == {"5"}
    # the side column's heading is not text of its own
    assert not any(_flat(p.text) == "Action" for p in doc.passages)


def _owner_actions(doc):
    return [a for a in doc.actions if ACTION_OWNER in a.owners]


# ---------------------------------------------------------------------------- (a) PDF


@pytest.fixture(scope="module")
def pdf_doc(tmp_path_factory):
    return _one_doc(minutes_pdf(tmp_path_factory.mktemp("minutes") / "liaison-minutes.pdf"))


def test_pdf_minutes_header_gives_date_and_group(pdf_doc) -> None:
    assert pdf_doc.pages == 2
    assert pdf_doc.date == HEADER_DATE
    assert pdf_doc.date_source == "header"
    assert pdf_doc.group == GROUP


def test_pdf_minutes_items_are_located_by_number(pdf_doc) -> None:
    _check_minutes(pdf_doc)


def test_pdf_running_footer_is_in_no_passage(pdf_doc) -> None:
    for passage in pdf_doc.passages:
        assert "draft minutes v2" not in passage.text
        assert "Registered office" not in passage.text
    assert "draft minutes v2" not in pdf_doc.text
    assert "Quayside Row" not in pdf_doc.text


def test_pdf_sentence_over_the_page_break_is_one_passage(pdf_doc) -> None:
    found = _passages_with(pdf_doc, SENTENCE_OVER_BREAK)
    assert len(found) == 1, [(p.location, p.page, p.text) for p in pdf_doc.passages]
    passage = found[0]
    assert passage.location == "4"
    assert _flat(passage.text) == _flat(f"4. {ITEM_4_PAGE_1} {ITEM_4_PAGE_2}")
    assert passage.page == 1


def test_pdf_action_owner_stands_beside_its_paragraph(pdf_doc) -> None:
    actions = _owner_actions(pdf_doc)
    assert len(actions) == 1, [(a.owners, a.text) for a in pdf_doc.actions]
    action = actions[0]
    assert action.owners == [ACTION_OWNER]
    assert _flat(action.text) == _flat(ACTION_PARAGRAPH)
    assert action.location == "3"
    assert action.meeting_group == GROUP and action.meeting_date == HEADER_DATE


# ---------------------------------------------------------------------------- (b) DOCX


@pytest.fixture(scope="module")
def docx_doc(tmp_path_factory):
    return _one_doc(minutes_docx(tmp_path_factory.mktemp("minutes") / "liaison-minutes.docx"))


def test_docx_minutes_read_as_the_pdf(docx_doc, pdf_doc) -> None:
    _check_minutes(docx_doc)
    assert docx_doc.tables == []
    assert docx_doc.date == pdf_doc.date and docx_doc.date_source == pdf_doc.date_source
    assert docx_doc.group == pdf_doc.group
    item_4 = _passages_with(docx_doc, SENTENCE_OVER_BREAK)
    assert [p.location for p in item_4] == ["4"]
    assert "draft minutes v2" not in docx_doc.text


def test_docx_minutes_action_owner(docx_doc, pdf_doc) -> None:
    actions = _owner_actions(docx_doc)
    assert len(actions) == 1, [(a.owners, a.text) for a in docx_doc.actions]
    action = actions[0]
    assert action.owners == [ACTION_OWNER] == _owner_actions(pdf_doc)[0].owners
    assert action.location == "3"
    # A Word row has no positions: the owner stands after the row's last paragraph.
    assert _flat(action.text) in {_flat(p) for p in ITEM_3}


def test_docx_laid_out_text_keeps_paragraphs_and_blackouts(tmp_path: Path) -> None:
    """Each paragraph of a cell is a paragraph of the text; a blacked-out run inside a laid-out
    cell keeps its span on the right characters; heading paragraphs stay headings."""
    from ingest.models import BLOCK_CHAR
    from ingest.read_docx import read_docx

    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    _merge_rest(table, 0)
    table.cell(0, 0).text = "Date"
    table.cell(0, 1).text = "12th February 2019"
    table.cell(1, 0).text = "3."
    cell = table.cell(1, 1)
    cell.text = ITEM_3[0]
    p = cell.add_paragraph("Quotes will be sought by ")
    run = p.add_run("Kofi Tembo")
    rpr = run._r.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "000000")
    rpr.append(shd)
    p.add_run(" before the spring planting season begins, and the costs reported to the group.")
    cell.add_paragraph(ITEM_3[2])
    table.cell(1, 2).text = ACTION_OWNER
    table.cell(2, 0).text = "4."
    cell = table.cell(2, 1)
    cell.paragraphs[0].text = "Waiting list"
    cell.paragraphs[0].style = d.styles["Heading 2"]
    cell.add_paragraph("Composting bays", style="Heading 3")
    cell.add_paragraph(f"{ITEM_4_PAGE_1} {ITEM_4_PAGE_2}")
    path = tmp_path / "blackout.docx"
    d.save(str(path))

    page = read_docx(path).pages[0]
    assert page.tables == []
    marker = BLOCK_CHAR * len("Kofi Tembo")
    assert page.text == (
        "Date: 12th February 2019\n\n"
        f"3. {ITEM_3[0]}\n\n"
        f"Quotes will be sought by {marker} before the spring planting season begins, and the costs "
        "reported to the group.\n\n"
        f"{ITEM_3[2]}\nAction: {ACTION_OWNER}\n\n"
        "4. Waiting list\n\nComposting bays\n\n"
        f"{ITEM_4_PAGE_1} {ITEM_4_PAGE_2}"
    )
    # heading paragraphs of a laid-out cell stay headings, the numbered one too
    assert page.headings == [page.text.index("4. Waiting list"), page.text.index("Composting bays")]
    (span,) = page.redactions
    assert page.text[span.start:span.end] == span.marker == marker
    assert span.text_beneath == "Kofi Tembo" and span.style == "docx_shading"


# ---------------------------------------------------------------------------- (c) data tables

LOG = [
    ["Action", "Owner", "Due"],
    ["Obtain three quotes for replacing the roof of the shared tool shed, checking first whether "
     "the trust's contractor can inspect it before the spring planting season begins, and send "
     "the quotes to every member of the group with a short note comparing them", "KT", "March 2019"],
    ["Write to the applicants on the waiting list", "Redacted", "April 2019"],
    ["Move green waste to the composting bays", "EL", "May 2019"],
]
LOG_XS = [50, 370, 460, 545]


def _check_log(doc) -> None:
    assert len(doc.tables) == 1
    assert [row.cells[1:] for row in doc.tables[0].rows] == [r[1:] for r in LOG]
    rows = [p for p in doc.passages if p.kind == "table_row"]
    assert [p.location for p in rows] == ["row 1", "row 2", "row 3"]
    assert [_flat(p.cells[0]) for p in rows] == [r[0] for r in LOG[1:]]
    # a cell holding only "Redacted" is a redaction marker
    words = [r for r in doc.redactions if r.style == "word"]
    assert [(r.marker, r.location) for r in words] == [("Redacted", "row 2")]


def test_pdf_action_log_stays_a_table(tmp_path: Path) -> None:
    path = tmp_path / "action-log.pdf"
    c = new_canvas(path)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 745, "Action Log")
    draw_rows(c, [Row(LOG_XS, [[cell] for cell in row]) for row in LOG], 725)
    c.save()
    doc = _one_doc(path)
    assert len(simpleSplit(LOG[1][0], FONT, SIZE, LOG_XS[1] - LOG_XS[0] - 2 * PAD)) >= 4  # a prose-sized cell
    _check_log(doc)


def test_docx_action_log_stays_a_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Action Log")
    table = d.add_table(rows=len(LOG), cols=3)
    for r, row in enumerate(LOG):
        for k, value in enumerate(row):
            table.cell(r, k).text = value
    path = tmp_path / "action-log.docx"
    d.save(str(path))
    _check_log(_one_doc(path))


# ---------------------------------------------------------------------------- (d) running lines


def _page(number: int, lines: list[str], margins: list[int], spans: list[tuple[str, str]] = ()) -> Page:
    text = "\n".join(lines)
    starts = [sum(len(ln) + 1 for ln in lines[:i]) for i in range(len(lines))]
    page = Page(number=number, text=text,
                margin_lines=[(starts[i], starts[i] + len(lines[i])) for i in margins])
    for needle, style in spans:
        at = text.index(needle)
        page.redactions.append(RedactionSpan(at, at + len(needle), style, needle))
    return page


def test_drop_running_lines_removes_recurring_margins_only() -> None:
    pages = [
        _page(1, ["Porthaven Allotments Trust", "Tools were lost in the storm.", "Draft v2 page 1 of 3"], [0, 2]),
        _page(2, ["Porthaven Allotments Trust", "Quotes from ██████ were read.", "Draft v2 page 2 of 3"], [0, 2],
              [("██████", "pdf_box")]),
        _page(3, ["Appendix A", "Plot 7\tRedacted\tMarch", "Draft v2 page 3 of 3"], [0, 2]),
    ]
    pages[2].tables = [Table([TableRow(["Plot 7", "Redacted", "March"], pages[2].text.index("Plot 7"))])]
    pages[2].headings = [pages[2].text.index("Plot 7")]
    drop_running_lines(pages)
    assert [p.text for p in pages] == [
        "Tools were lost in the storm.",
        "Quotes from ██████ were read.",
        "Appendix A\nPlot 7\tRedacted\tMarch",  # a margin line on one page only stays
    ]
    (span,) = pages[1].redactions
    assert pages[1].text[span.start:span.end] == "██████"
    row = pages[2].tables[0].rows[0]
    assert pages[2].text[row.start:row.end] == row.line
    assert pages[2].text[pages[2].headings[0]:].startswith("Plot 7")
    assert all(p.margin_lines == [] for p in pages)


def test_drop_running_lines_needs_two_pages_and_a_recurrence() -> None:
    single = [_page(1, ["Porthaven Allotments Trust", "Body.", "Draft v2 page 1"], [0, 2])]
    drop_running_lines(single)
    assert single[0].text == "Porthaven Allotments Trust\nBody.\nDraft v2 page 1"
    varied = [_page(1, ["Body one.", "Prepared by the secretary"], [1]),
              _page(2, ["Body two.", "Circulated to members"], [1])]
    drop_running_lines(varied)
    assert [p.text for p in varied] == ["Body one.\nPrepared by the secretary", "Body two.\nCirculated to members"]


# ---------------------------------------------------------------------------- (e) text markers


@pytest.mark.parametrize(
    ("text", "marker", "style"),
    [
        ("Redacted", "Redacted", "word"),
        ("The shed roof was discussed.\n\nRedacted\n\nThe meeting closed.", "Redacted", "word"),
        ("Item 4 – Redacted", "Redacted", "word"),
        ("1. Redacted", "Redacted", "word"),
        ("• REDACTED", "REDACTED", "word"),
        ("Redacted.", "Redacted.", "word"),
        ("Plot 7\tRedacted\tMarch 2019", "Redacted", "word"),
        ("Members may ring XXXX on the hall phone for the key.", "XXXX", "mask"),
        ("The padlock code is ***** and changes in May.", "*****", "mask"),
    ],
)
def test_bare_word_and_mask_markers(text: str, marker: str, style: str) -> None:
    spans = find_text_markers(text)
    assert [(s.style, s.marker) for s in spans] == [(style, marker)]
    (span,) = spans
    assert text[span.start:span.end] == marker


@pytest.mark.parametrize(
    "text",
    [
        "Names of applicants need to be redacted before the list is shared.",
        "The notes will be published, subject to redactions if required.",
        "The document was redacted.",
        "*****",
        "Tools were lost in the storm.\n*****\nQuotes were read.",
    ],
)
def test_prose_about_redaction_and_rules_are_not_markers(text: str) -> None:
    assert find_text_markers(text) == []


def test_docx_heading_row_names_the_action_column(tmp_path: Path) -> None:
    """A Word grid headed "Item | Discussion | Action": the heading row is not text, and the
    last column's initials own the row's paragraph, however long the discussion is."""
    d = docx.Document()
    d.add_paragraph("Minutes of the Harbour Trust Board")
    table = d.add_table(rows=3, cols=3)
    for i, head in enumerate(["Item", "Discussion", "Action"]):
        table.cell(0, i).text = head
    table.cell(1, 0).text = "1."
    table.cell(1, 1).text = "Apologies were received from the Treasurer."
    table.cell(2, 0).text = "2."
    table.cell(2, 1).text = "The pontoon survey is overdue. The Harbour Master will obtain two quotes for the repairs."
    table.cell(2, 2).text = "HM"
    path = tmp_path / "grid.docx"
    d.save(str(path))
    doc = _one_doc(path)
    assert not any(_flat(p.text) in ("Item", "Discussion", "Action") for p in doc.passages)
    owned = [a for a in doc.actions if a.owners == ["HM"]]
    assert owned and "obtain two quotes" in _flat(owned[0].text)
    assert {p.location for p in _passages_with(doc, "pontoon survey")} == {"2"}


def test_a_names_list_or_a_date_on_its_own_line_stays_with_its_item(tmp_path: Path) -> None:
    # Double-spaced minutes put a blank line between an item's title and its text; a line of
    # names or a date is the item's text (it joins the item's passage), not a heading of its own.
    text = (
        "BOARD MEETING MINUTES\n\nDate: 30th January 2014\n\n"
        "1. Apologies\n\nRichard Hunt, Cllr Jo Smith, Sue Brotherwood, Marion Harvey\n\n"
        "2. Minutes of previous meeting\n\nThe minutes were confirmed as a true record.\n\n"
        "10. Date of next meeting\n\nThursday 27th March 2014 at the Community Centre\n"
    )
    path = tmp_path / "board-minutes-2014-01-30.txt"
    path.write_text(text, encoding="utf-8")
    doc = extract_file(str(path)).documents[0]
    passages = [p.text for p in doc.passages]
    assert any(t.startswith("1. Apologies") and "Marion Harvey" in t for t in passages), passages
    assert any(t.startswith("10. Date of next meeting") and "Thursday 27th March" in t for t in passages), passages


def _passages_of(tmp_path: Path, name: str, text: str) -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(str(path)).documents[0].passages


def test_a_new_item_ends_the_last_items_heading(tmp_path: Path) -> None:
    # "11. Orchard Lane Library - Application to change opening hours" is a title line that is not
    # title-cased: the passages under it sit under it, not under item 10's heading; a numbered
    # sentence item has no heading of its own; a sub-item keeps its parent's.
    text = (
        "TRUSTEES MEETING MINUTES\n\nDate: 11th September 2012\n\n"
        "10. Premises\n\nThe leases of four branch premises expire this year.\n\n"
        "11. Orchard Lane Library - Application to change opening hours\n\n"
        "The branch group proposed opening every morning instead of three afternoons.\n\n"
        "The Board asked for more clarity on afternoon access.\n\n"
        "12. The Board noted the inter-library loan report.\n\n"
        "The charges rise by a quarter from August.\n\n"
        "13 Finance Update\n13.1 The balance stands at ten thousand pounds.\n\n"
        "13.2 Two headsets were bought for the public computers.\n"
    )
    passages = _passages_of(tmp_path, "minutes-2012-09-11.txt", text)

    def holding(words: str):
        return next(p for p in passages if words in p.text)

    afternoon = holding("The Board asked")
    assert afternoon.context == "11. Orchard Lane Library - Application to change opening hours"
    assert afternoon.location == "11"
    charges = holding("The charges rise")
    assert charges.location == "12" and charges.context is None  # not "11. Orchard Lane …"
    headsets = holding("13.2 Two headsets")
    assert headsets.context == "13 Finance Update" and headsets.location == "13.2"


def test_an_item_title_without_a_stop_opens_its_item(tmp_path: Path) -> None:
    # "6 Feedback from the Forum" then "6.1 …" on the next line, right after a closing
    # "ACTION: AHop" tag: the title is a heading of its own (item 6), not the tail of item 5.
    text = (
        "Minutes of Trustees of the Friends of Weyford Library\n\n"
        "5 Finance Update\n"
        "5.1 Trustees agreed to buy two headsets for the public computers.\n"
        "ACTION: AHop\n"
        "6 Feedback from the Libraries Community Forum\n"
        "6.1 No report as no one was able to attend.\n"
        "7 Progress of stair risers\n"
        "7.1 The artist is waiting to hear about a two year contract.\n"
    )
    passages = _passages_of(tmp_path, "friends-minutes-2015-10-27.txt", text)
    tag = next(p for p in passages if "ACTION: AHop" in p.text)
    assert "Feedback" not in tag.text, tag.text
    forum = next(p for p in passages if p.text.startswith("6 Feedback"))
    assert forum.kind == "heading" and forum.location == "6"
    risers = next(p for p in passages if p.text.startswith("7 Progress"))
    assert risers.kind == "heading" and risers.location == "7"
    # the title joins the first sub-item it names (a four-word passage no query would find)
    assert "7.1 The artist" in risers.text and risers.context == "7 Progress of stair risers"
    assert not any(p.text.startswith("7.1") for p in passages)


@pytest.mark.parametrize("noise", [-0.004, 0.0, 0.004])
def test_side_entry_beside_two_lines_equally_goes_with_the_first(noise: float) -> None:
    """An Action entry two lines tall, level with two lines of a paragraph, overlaps each by its
    height: a tie that float noise (pdfium's float32 against pdfminer's float64) would settle
    either way. Overlaps within `OVERLAP_TIE` are equal, and the first line takes the entry."""
    main = [CellLine("First sentence here.", [], 100.0, 110.0 + noise),
            CellLine("Second sentence here.", [], 112.0, 122.0),
            CellLine("Third one after it.", [], 124.0, 134.0)]
    side = [CellLine("05-01 AB to act", [], 100.0, 122.0)]
    lines = [ln.text for ln in lay_out_columns(main, side, "Action")]
    assert lines == ["First sentence here.", "Action: 05-01 AB to act", "Second sentence here.",
                     "Third one after it."]


def test_side_entry_goes_with_the_line_it_clearly_overlaps_more() -> None:
    main = [CellLine("First sentence here.", [], 100.0, 110.0),
            CellLine("Second sentence here.", [], 112.0, 122.0)]
    side = [CellLine("05-01 AB to act", [], 105.0, 121.0)]  # 5 pt of the first, 9 of the second
    lines = [ln.text for ln in lay_out_columns(main, side, "Action")]
    assert lines == ["First sentence here.", "Second sentence here.", "Action: 05-01 AB to act"]
