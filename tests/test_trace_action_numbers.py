"""A council numbers its actions by month and year ("May25.01", "May25.02", "Sept25.04") and the
next meeting's table repeats each number with its update: each number links its own row, never
its neighbours' (they share the "May25" before the point). And a table cut by a page break
starts its second part on a record, not on a header: that record stays a row whose update is
read whole. Fixtures written here; names invented."""

from __future__ import annotations

from pathlib import Path

from pdf_fixtures import new_canvas
from trace_fixtures import traced

from ingest.pipeline import extract_file

MAY = """# Minutes of the Meeting of Little Hampden Parish Council, 20 May 2025

Present: Nina Okoro (NO), Asha Shah (AS), Colm Fry (CF)

## Action List Summary

| No | Action | Owner |
| --- | --- | --- |
| May25.01 | NO to write to the new owner of the field about the gate | NO |
| May25.02 | AS to order a replacement dog bin for the lane | AS |
| May25.03 | CF to renew the hall insurance | CF |
"""

JUNE = """# Minutes of the Meeting of Little Hampden Parish Council, 26 June 2025

Present: Nina Okoro (NO), Asha Shah (AS), Colm Fry (CF)

## Actions from previous meeting

| No | Action | Owner | Update |
| --- | --- | --- | --- |
| May25.01 | NO to write to the new owner of the field about the gate | NO | Outstanding |
| May25.02 | AS to order a replacement dog bin for the lane | AS | Completed, the bin is in place |
| May25.03 | CF to renew the hall insurance | CF | Completed |
"""


def test_each_month_numbered_action_links_its_own_row_only(tmp_path: Path) -> None:
    traces = traced(tmp_path, {"minutes-may.md": MAY, "minutes-june.md": JUNE})
    [bin_trace] = [t for t in traces if "dog bin" in t["action"]["text"] and t["action"]["meeting_date"] == "2025-05-20"]
    [numbered] = [link for link in bin_trace["chain"] if link["reason"] == "number"]
    assert "dog bin" in numbered["text"] and numbered["relation"] == "completed"


def _draw_row(c, top: float, cells: list[list[str]], xs: list[float], line: float = 12) -> float:
    """One ruled row of wrapped cells from ``top`` down; returns its bottom."""
    height = line * max(len(lines) for lines in cells) + 6
    bottom = top - height
    for x in xs:
        c.line(x, top, x, bottom)
    c.line(xs[0], top, xs[-1], top)
    c.line(xs[0], bottom, xs[-1], bottom)
    for x, lines in zip(xs, cells, strict=False):
        for k, text in enumerate(lines):
            c.drawString(x + 3, top - 11 - k * line, text)
    return bottom


def test_a_table_continued_on_the_next_page_starts_on_a_record(tmp_path: Path) -> None:
    path = tmp_path / "minutes-june.pdf"
    c = new_canvas(path)
    c.setFont("Helvetica", 10)
    c.drawString(72, 780, "MINUTES OF THE MEETING OF LITTLE HAMPDEN PARISH COUNCIL ON 26th June 2025")
    c.drawString(72, 750, "06.25.05 Actions from previous meeting")
    xs = [60, 130, 360, 410, 560]
    top = _draw_row(c, 730, [["No"], ["Action"], ["Owner"], ["Update"]], xs)
    _draw_row(c, top, [["May25.03"], ["CF to renew the hall insurance"], ["CF"], ["Completed"]], xs)
    c.showPage()
    c.setFont("Helvetica", 10)
    top = _draw_row(c, 780, [["May25.04"], ["NO to draft a response to Mr Penn"], ["NO"],
                             ["Response sent. No", "response from Mr", "Penn. NO will", "inform the Registry"]], xs)
    top = _draw_row(c, top, [["May25.05"], ["AS to order a replacement dog bin"], ["AS"], ["Completed. The bin", "is in place."]], xs)
    top = _draw_row(c, top, [["May25.06"], ["Signs to be put up in the playground"], ["AS/CF"], ["No update"]], xs)
    _draw_row(c, top, [["May25.07"], ["Bank mandate to be prepared for signature"], ["CF"], ["completed"]], xs)
    c.drawString(72, 600, "06.25.06 Any other business")
    c.save()
    [doc] = extract_file(str(path)).documents
    [row] = [p for p in doc.passages if "May25.04" in p.text]
    assert row.kind == "table_row"
    assert "No response from Mr Penn. NO will inform the Registry" in " ".join(row.text.split())
