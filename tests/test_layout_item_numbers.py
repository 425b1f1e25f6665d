"""Board minutes in a ruled word-processor table whose author wrote several items into one row:
the number cell holds "6.4" and "6.5" set level with their titles, and a row carried over a page
break leaves its number beside the last words of the item before. Each number must head its own
item, and the sentence cut by the page break must read as one sentence where follow-ups are
sought (index/trace/units.py). PDFs drawn here with reportlab; every name and body is invented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_fixtures import new_canvas

from index.trace.text import Acronyms
from index.trace.units import document_units
from ingest.pipeline import extract_file

FONT, SIZE, LEAD, GAP = "Helvetica", 10, 12, 8
XS = [50, 90, 460, 545]  # number | discussion | action


def _row(c, top: float, numbers: dict[int, str], lines: list[str | None]) -> float:
    """One ruled row from ``top`` (reportlab y) down: the discussion's ``lines`` (None: a
    paragraph gap) and each number drawn level with the line of its index; returns the bottom."""
    baselines: list[float] = []
    y = top - 4 - SIZE
    for line in lines:
        if line is None:
            y -= GAP
            baselines.append(y)
            continue
        baselines.append(y)
        c.drawString(XS[1] + 4, y, line)
        y -= LEAD
    for index, number in numbers.items():
        c.drawString(XS[0] + 4, baselines[index], number)
    bottom = y + LEAD - 8
    c.line(XS[0], top, XS[-1], top)
    c.line(XS[0], bottom, XS[-1], bottom)
    for x in XS:
        c.line(x, top, x, bottom)
    return bottom


def board_pdf(path: Path) -> Path:
    c = new_canvas(path)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, 790, "Weyford Libraries Board")
    c.drawString(50, 772, "Minutes of the Board meeting held on 17th October 2012")
    c.setFont(FONT, SIZE)
    c.drawString(50, 750, "Present: Ann West (AW), Carl Dunn (CD), Mona Harte (MH)")
    bottom = _row(c, 730, {0: "6.2"}, [
        "Standing orders",
        "It was agreed that equality and safety should be added, as standard, to the",
        "agenda of every Board meeting and that there should be a target time for",
        "the presentation of the Board minutes to members after each meeting.",
    ])
    _row(c, bottom, {0: "6.3"}, [
        "Community contribution",
        "The Board heard the Finance Director's summary of the negotiations so far.",
        None,
        "It was noted that the proposals in connection with the community",
        "contribution included in the financial model developed by the county for the",
    ])
    c.showPage()
    c.setFont(FONT, SIZE)
    # one row holding the end of 6.3 and the whole of 6.4 and 6.5
    bottom = _row(c, 800, {3: "6.4", 6: "6.5"}, [
        "contract process had been discussed in full by the Finance Committee and had",
        "addressed concerns raised at earlier meetings with community groups.",
        None,
        "Local library groups",
        "The Board agreed the membership form proposed by the Governance Committee.",
        None,
        "Transition plan",
        "This was noted by the Board and will be considered at each future meeting.",
    ])
    _row(c, bottom, {0: "7.3"}, [
        "Finance terms of reference",
        "These were adopted by the Board as presented by the Committee, noting",
    ])
    c.showPage()
    c.setFont(FONT, SIZE)
    # the row carried over the break: its number beside the last words of 7.3
    _row(c, 800, {0: "7.4"}, [
        "a review at the end of February 2013.",
        "Auditors",
        "The Finance Committee had seen presentations from three firms of auditors",
        "and based on these recommended that Larch Gowan be appointed as the auditors",
        "and tax advisers of the society, given their understanding of such bodies.",
    ])
    c.save()
    return path


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    result = extract_file(str(board_pdf(tmp_path_factory.mktemp("board") / "board-2012-10.pdf")))
    assert result.error is None, result.error
    assert len(result.documents) == 1
    return result.documents[0]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _located(doc, words: str) -> set[str]:
    return {p.location for p in doc.passages if words in _flat(p.text)}


def test_each_number_of_a_shared_cell_heads_its_own_item(board) -> None:
    text = _flat(board.text)
    assert "6.4 Local library groups" in text
    assert "6.5 Transition plan" in text
    assert "6.4 6.5" not in text
    assert _located(board, "The Board agreed the membership form") == {"6.4"}
    assert _located(board, "This was noted by the Board") == {"6.5"}


def test_lines_above_the_first_number_continue_the_item_before(board) -> None:
    assert _located(board, "addressed concerns raised at earlier meetings") == {"6.3"}


def test_a_number_beside_the_end_of_the_item_before_heads_the_next_title(board) -> None:
    text = _flat(board.text)
    assert "7.4 Auditors" in text
    assert "7.4 a review" not in text
    assert _located(board, "recommended that Larch Gowan be appointed") == {"7.4"}
    assert _located(board, "a review at the end of February 2013") == {"7.3"}


def test_a_sentence_cut_by_the_page_break_is_one_unit_for_trace(board) -> None:
    units = [_flat(u.text) for u in document_units(board, Acronyms())]
    whole = ("It was noted that the proposals in connection with the community contribution included in the "
             "financial model developed by the county for the contract process had been discussed in full")
    assert any(whole in u for u in units), [u for u in units if "proposals" in u or "contract process" in u]
