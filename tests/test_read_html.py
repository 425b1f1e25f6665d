"""HTML pages and HTML-only mail bodies: reading order, tables as rows, scripts and styles
dropped, text on a black background as an ``html_box`` redaction."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import extract_file
from ingest.readers.html_page import html_page

PAGE = """<!DOCTYPE html><html><head><title>Board action log</title>
<style>td { color: red }</style><script>document.write("tracking")</script></head>
<body><h1>Action Log – Licensing Board</h1>
<p>Actions agreed on 4 May 2017.<br>Contact: <span style="background-color:#000000">Jane Doe</span></p>
<table>
<tr><th>Action</th><th>Owner</th><th>Due</th></tr>
<tr><td>Publish the <b>fees</b> schedule</td><td>Clerk</td><td>30 June 2017</td></tr>
<tr><td>Review taxi licences</td><td bgcolor="black"></td><td>1 August 2017</td></tr>
</table>
<ol><li>First note</li><li>Second note</li></ol>
<p style="background:black;color:white">A white-on-black banner</p>
</body></html>"""


def test_reading_order_tables_and_dropped_scripts() -> None:
    page = html_page(PAGE)
    lines = page.text.split("\n")
    assert lines[0] == "Action Log – Licensing Board"
    assert "tracking" not in page.text and "color: red" not in page.text and "Board action log" not in page.text
    assert "Action\tOwner\tDue" in lines
    assert "Publish the fees schedule\tClerk\t30 June 2017" in lines
    assert lines[-3:] == ["1. First note", "2. Second note", "A white-on-black banner"]
    (table,) = page.tables
    assert [r.cells[0] for r in table.rows] == ["Action", "Publish the fees schedule", "Review taxi licences"]
    for row in table.rows:
        assert page.text[row.start:row.end] == row.line


def test_black_background_is_a_redaction_with_its_text_beneath() -> None:
    page = html_page(PAGE)
    boxes = [s for s in page.redactions if s.style == "html_box"]
    assert [s.text_beneath for s in boxes] == ["Jane Doe", None]
    for span in boxes:
        assert page.text[span.start:span.end] == span.marker and set(span.marker) == {"█"}
    assert "Jane Doe" not in page.text


def test_html_file_gives_actions_and_redactions(tmp_path: Path) -> None:
    path = tmp_path / "action-log.html"
    path.write_text(PAGE, encoding="utf-8")
    result = extract_file(str(path))
    assert result.error is None
    (doc,) = result.documents
    assert {a.text for a in doc.actions} >= {"Publish the fees schedule"}
    owners = {a.text: a for a in doc.actions}
    assert owners["Review taxi licences"].owner_redacted
    assert {r.style for r in doc.redactions} == {"html_box"}


def test_html_only_mail_body_keeps_its_boxes(tmp_path: Path) -> None:
    mail = tmp_path / "html.eml"
    mail.write_bytes(
        b"From: FOI Unit <foi@example.gov.uk>\r\nTo: requester@example.org\r\nSubject: Complaint\r\n"
        b"Date: Thu, 04 May 2017 09:05:00 +0100\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>The complaint was made by <span style='background: #000'>Mr Ian Brown</span> in May.</p>\r\n")
    result = extract_file(str(mail))
    (doc,) = result.documents
    (box,) = doc.redactions
    assert box.style == "html_box" and box.text_beneath == "Mr Ian Brown"
    assert "The complaint was made by" in doc.text and "Mr Ian Brown" not in doc.text
    assert doc.text[box.start:box.end] == box.marker
