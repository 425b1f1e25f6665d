"""read_email on .eml files written here as raw MIME bytes."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from ingest.models import ReadError
from ingest.read_email import read_email

BODY = "Dear all,\r\n\r\nPlease find attached the minutes \u2013 \u201cdraft\u201d.\r\n\r\nThanks\r\n"


def _eml(tmp_path: Path) -> Path:
    body64 = base64.encodebytes(BODY.encode("utf-8")).decode("ascii")
    attachment64 = base64.encodebytes(b"PK\x03\x04 not really a docx").decode("ascii")
    raw = (
        "From: [Redacted]\r\n"
        "Sent: 26 February 2016 11:21\r\n"
        "To: [Redacted]@edinburgh.gov.uk; [Redacted]@angus.gov.uk;\r\n"
        " [Redacted] (Social Work)\r\n"
        "Cc: [Redacted]\r\n"
        "Subject: =?utf-8?q?MAPPA_National_Strategic_Group_=E2=80=93_minutes?=\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XYZ"\r\n'
        "\r\n"
        "--XYZ\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n" + body64 + "\r\n"
        "--XYZ\r\n"
        "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        'Content-Disposition: attachment; filename="MAPPA NSG Action List 18 February 2016.docx"\r\n'
        "\r\n" + attachment64 + "\r\n"
        "--XYZ--\r\n"
    )
    path = tmp_path / "minutes.eml"
    path.write_bytes(raw.encode("ascii"))
    return path


def test_outlook_print_layout(tmp_path: Path) -> None:
    path = _eml(tmp_path)
    sf = read_email(path)
    assert sf.format == "email"
    assert sf.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert sf.headers["Subject"] == "MAPPA National Strategic Group \u2013 minutes"
    assert sf.headers["To"] == ("[Redacted]@edinburgh.gov.uk; [Redacted]@angus.gov.uk; "
                                "[Redacted] (Social Work)")
    assert sf.attachments == ["MAPPA NSG Action List 18 February 2016.docx"]
    assert sf.pages[0].text == (
        "From: [Redacted]\n"
        "Sent: 26 February 2016 11:21\n"
        "To: [Redacted]@edinburgh.gov.uk; [Redacted]@angus.gov.uk; [Redacted] (Social Work)\n"
        "Cc: [Redacted]\n"
        "Subject: MAPPA National Strategic Group \u2013 minutes\n"
        "\n"
        "Dear all,\n\nPlease find attached the minutes \u2013 \u201cdraft\u201d.\n\nThanks\n\n"
        "<< File: MAPPA NSG Action List 18 February 2016.docx >>"
    )
    assert sf.warnings == []


def test_date_header_html_body_unknown_charset(tmp_path: Path) -> None:
    raw = (
        b"From: Secretariat <secretariat@example.gov.uk>\r\n"
        b"Date: Wed, 04 May 2017 09:05:00 +0100\r\n"
        b"To: [Redacted]@example.gov.uk\r\n"
        b"Subject: MDG\r\n"
        b"Content-Type: text/html; charset=x-unknown-8bit\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b"\r\n"
        b"<html><head><style>p {color: red}</style></head><body><p>Caf=E9 booked.</p>"
        b"<ol><li>Agenda</li><li>Minutes &amp; actions</li></ol></body></html>\r\n"
    )
    path = tmp_path / "mdg.eml"
    path.write_bytes(raw)
    sf = read_email(path)
    assert sf.headers["Sent"] == "4 May 2017 09:05"
    assert sf.pages[0].text == (
        "From: Secretariat <secretariat@example.gov.uk>\n"
        "Sent: 4 May 2017 09:05\n"
        "To: [Redacted]@example.gov.uk\n"
        "Subject: MDG\n"
        "\n"
        "Caf\xe9 booked.\n1. Agenda\n2. Minutes & actions"
    )
    assert sf.warnings == ["unknown charset 'x-unknown-8bit'; body read as latin-1"]
    assert sf.attachments == []


def test_not_an_email(tmp_path: Path) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="^empty file$"):
        read_email(empty)
    prose = tmp_path / "prose.eml"
    prose.write_bytes(b"Just some notes without any headers.\nSecond line.\n")
    with pytest.raises(ReadError, match=r"^no e-mail headers"):
        read_email(prose)
