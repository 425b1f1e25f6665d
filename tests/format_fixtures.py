"""Files of the shapes FOI releases arrive in, built by the tests (nothing copied from elsewhere):
an XLSX action log with a hidden column, a hidden row, a hidden sheet and a black-filled cell;
a PDF with a box over live text; an e-mail carrying both; a ZIP bundle."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

from pdf_fixtures import box_over, new_canvas, width, x_after

FIXED = dt.datetime(2017, 5, 4, 9, 0, 0)

LOG_ROWS = [
    # Ref, Action, Owner, Due date, Status, Contact (hidden column F)
    ("1", "Circulate the ViSOR vetting leaflet to all responsible authorities", "SGCSU",
     dt.datetime(2017, 6, 30), "Open", "jane.doe@example.gov.uk"),
    ("2", "Arrange the quarterly audit of terminal relocations", "Police Scotland",
     dt.datetime(2017, 9, 1), "Complete", "John Smith 07700 900123"),
    ("3", "Report progress on the thematic inspection", "NSS",
     dt.datetime(2017, 12, 15), "Ongoing", ""),
]


def write_action_log(path: Path, hidden_row_text: str = "Withdrawn item about Mary Jones") -> Path:
    """An action log: a title row, a header row in its own order, three actions; column F
    (contacts) hidden, a hidden row, a black-filled cell over a name, a hidden second sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.properties.created = FIXED
    book.properties.modified = FIXED
    book.properties.creator = "foisearch tests"
    ws = book.active
    ws.title = "Actions"
    ws.append(["MDG Action Log"])
    ws.append(["Ref", "Action", "Owner", "Due date", "Status", "Contact"])
    for row in LOG_ROWS:
        ws.append(list(row))
    ws.append(["4", hidden_row_text, "SG", dt.datetime(2017, 7, 1), "Closed", ""])
    ws.row_dimensions[6].hidden = True
    ws.column_dimensions["F"].hidden = True
    ws.append(["5", "Brief the Minister on the review", "Fiona Black", dt.datetime(2017, 8, 1), "Open", ""])
    ws["C7"].fill = PatternFill(fill_type="solid", fgColor="FF000000")
    # A dark header row with white text is styling, not a redaction.
    for cell in ws[2]:
        cell.fill = PatternFill(fill_type="solid", fgColor="FF000000")
        cell.font = Font(color="FFFFFFFF", bold=True)
    notes = book.create_sheet("Notes")
    notes.append(["Internal note: the contact list is kept by Alan Grey"])
    notes.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_zip(buffer.getvalue()))
    return path


def fixed_zip(data: bytes) -> bytes:
    """The same zip with sorted entries and 1980 timestamps (openpyxl stamps the time of saving)."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = sorted((i.filename, src.read(i.filename)) for i in src.infolist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, payload in entries:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, payload)
    return out.getvalue()


def write_redacted_pdf(path: Path) -> Path:
    """A letter whose signatory's name is under a black box, the characters still beneath it."""
    c = new_canvas(path)
    c.drawString(72, 760, "Review of ViSOR terminals: response to request 2017-01546")
    line = "The relocation plan was approved by Jane Doe on 12 April 2017."
    c.drawString(72, 700, line)
    x0 = x_after("The relocation plan was approved by ")
    box_over(c, x0, x0 + width("Jane Doe"), 700)
    c.drawString(72, 680, "Quarterly hydrangea inspections continue at every site.")
    c.showPage()
    c.save()
    return path


def write_email(path: Path, attachments: list[tuple[str, bytes, str]], body: str | None = None,
                html: str | None = None) -> Path:
    """A message with ``attachments`` as (file name, bytes, MIME type)."""
    msg = EmailMessage(policy=policy.default.clone(linesep="\r\n"))
    msg["From"] = "FOI Unit <foi@example.gov.uk>"
    msg["To"] = "requester@example.org"
    msg["Subject"] = "FOI 2017-01546: your request"
    msg["Date"] = "Thu, 04 May 2017 09:05:00 +0100"
    msg["Message-ID"] = "<2017-01546@example.gov.uk>"
    msg.set_content(body or "Dear requester,\n\nPlease find attached the information released.\n\nFOI Unit\n")
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.write_bytes(msg.as_bytes())
    return path


def write_release_email(folder: Path) -> Path:
    """The issue's case: an e-mail carrying a redacted PDF and an XLSX action log."""
    pdf = write_redacted_pdf(folder / "letter.pdf")
    log = write_action_log(folder / "log.xlsx")
    mail = write_email(folder / "release.eml", [
        ("response letter.pdf", pdf.read_bytes(), "application/pdf"),
        ("MDG action log.xlsx", log.read_bytes(),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ])
    pdf.unlink()
    log.unlink()
    return mail


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return path
