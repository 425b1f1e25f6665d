"""A word processor's PDF lays a white band under each line of a list (Google Docs does, one
filled rectangle a line, no outline). The bands' edges line up like a table's rules; read as
rules they made each bulleted list a one-column table whose first point became a header row,
and a board's closing list of required actions gave no action. Paint nobody sees is no rule;
a table drawn with visible rules, or shaded in a colour, is still a table. Drawn here with
reportlab; every name is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import new_canvas

from ingest.pipeline import extract_file
from ingest.read_pdf import read_pdf

POINTS = [
    "Host the annual meeting",
    "Publish the approved minutes of last year's annual meeting",
    "Publish the draft minutes of this year's annual meeting",
    "Hold a transition board meeting",
    "Give the new board an orientation",
]


def _list_page(path: Path, fill: tuple[float, float, float] | None, stroke: bool = False) -> None:
    """Minutes closing on a bulleted list, each line on a band of ``fill`` (None: no bands)."""
    c = new_canvas(path)
    y = 760
    for line in ("Lakeside Residents Board Minutes", "Date: June 26, 2025",
                 "Attendees: Dana Holt, Kofi Tembo, Robin Vale", "",
                 "Treasurer's Report", "The operating account stands at $41,200."):
        c.drawString(72, y, line)
        y -= 18
    y -= 10
    c.drawString(72, y, "Required Board Actions")
    y -= 18
    for point in POINTS:
        if fill is not None:
            c.setFillColorRGB(*fill)
            c.setStrokeColorRGB(0, 0, 0)
            c.rect(90, y - 4, 450, 16, fill=1, stroke=1 if stroke else 0)
            c.setFillColorRGB(0, 0, 0)
        c.drawString(90, y, "\u25cf")
        c.drawString(108, y, point)
        y -= 16
    y -= 20
    c.drawString(72, y, "Adjournment")
    c.drawString(72, y - 18, "The next meeting will be scheduled by the new board.")
    c.save()


@pytest.mark.parametrize("engine", ["fast", "plumber"])
def test_white_bands_under_list_lines_make_no_table(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "minutes-f.pdf"
    _list_page(path, fill=(1, 1, 1))
    [page] = read_pdf(str(path), engine=engine).pages
    assert page.tables == []
    assert all(point in page.text for point in POINTS)


def test_the_points_under_the_heading_are_the_meetings_actions(tmp_path: Path) -> None:
    path = tmp_path / "minutes-f.pdf"
    _list_page(path, fill=(1, 1, 1))
    result = extract_file(str(path))
    assert result.error is None
    [doc] = result.documents
    assert [a.text for a in doc.actions] == POINTS
    assert not any(p.location == "header row" for p in doc.passages)


@pytest.mark.parametrize("fill, stroke", [((1, 1, 1), True), ((0.8, 0.85, 0.9), False)])
def test_outlined_or_shaded_cells_are_still_a_table(tmp_path: Path, fill, stroke: bool) -> None:
    """The same bands with an outline, or shaded in a colour a reader sees, are a table."""
    path = tmp_path / "minutes-f.pdf"
    _list_page(path, fill=fill, stroke=stroke)
    [page] = read_pdf(str(path)).pages
    assert len(page.tables) == 1
    assert len(page.tables[0].rows) == len(POINTS)
