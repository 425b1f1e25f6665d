"""Outlook .msg (through a stand-in for an extract-msg message: no .msg writer exists to build
one here), RTF, legacy Word .doc, and the one-line refusals of Office files that cannot be read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from format_fixtures import write_action_log

from ingest.pipeline import documents_from_source, extract_file
from ingest.readers.outlook import source_from_message


def _message(**kwargs):
    base = dict(sender="FOI Unit <foi@example.gov.uk>", to="requester@example.org", cc=None,
                subject="FOI 2017-01546", date=dt.datetime(2017, 5, 4, 9, 5), body="Please find attached.\r\n",
                htmlBody=None, attachments=[])
    base.update(kwargs)
    return SimpleNamespace(**base)


def test_msg_reads_like_an_eml_with_attachments(tmp_path: Path) -> None:
    log = write_action_log(tmp_path / "log.xlsx").read_bytes()
    inner = _message(subject="Earlier thread", body="Minutes\n\nThe group agreed the narwhal budget.\n")
    logo = SimpleNamespace(longFilename="logo.png", data=b"\x89PNG", hidden=True, contentId="logo1")
    msg = _message(attachments=[
        SimpleNamespace(longFilename="MDG action log.xlsx", data=log, hidden=False),
        SimpleNamespace(longFilename=None, shortFilename=None, displayName="Earlier thread", data=inner, hidden=False),
        logo,
    ])
    source = source_from_message(msg, "release.msg")
    assert source.pages[0].text.startswith(
        "From: FOI Unit <foi@example.gov.uk>\nSent: 4 May 2017 09:05\nTo: requester@example.org\n"
        "Subject: FOI 2017-01546\n\nPlease find attached.")
    assert source.attachments == ["MDG action log.xlsx", "Earlier thread"]
    docs = documents_from_source(source, "release.msg")
    message = docs[0]
    assert message.doc_type == "email" and message.date == "2017-05-04"
    members = {d.member for d in docs[1:]}
    assert members == {"MDG action log.xlsx", "Earlier thread"}
    assert any("narwhal" in d.text for d in docs if d.member == "Earlier thread")
    assert any(a.owners == ["SGCSU"] for d in docs for a in d.actions)


def test_msg_html_only_body(tmp_path: Path) -> None:
    msg = _message(body="", htmlBody=b"<p>Owner: <span style='background:black'>Ann Lee</span></p>")
    source = source_from_message(msg, "x.msg")
    (box,) = source.pages[0].redactions
    assert box.style == "html_box" and box.text_beneath == "Ann Lee"


def test_damaged_msg_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = extract_file(str(path))
    assert result.documents == [] and result.error and "\n" not in result.error


def test_rtf_text_and_markers(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_bytes(rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}}\f0 Dear Sir,\par "
                     rb"The caf\'e9 licence was granted to [REDACTED] on 3 May 2017.\par "
                     rb"{\b Action:} Clerk to write to the applicant.\par }")
    result = extract_file(str(path))
    assert result.error is None, result.error
    (doc,) = result.documents
    assert "The café licence was granted to [REDACTED] on 3 May 2017." in doc.text
    assert [r.style for r in doc.redactions] == ["bracket"]


def test_legacy_doc_without_antiword_says_convert(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FOI_ANTIWORD", str(tmp_path / "no-such-antiword"))
    path = tmp_path / "old minutes.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = extract_file(str(path))
    assert result.error == "legacy Word .doc: convert to DOCX (or install antiword to read it)"


def test_opendocument_is_refused_with_what_to_do(tmp_path: Path) -> None:
    import zipfile

    odt = tmp_path / "minutes.odt"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    result = extract_file(str(odt))
    assert result.error == "OpenDocument file: save it as DOCX or XLSX to read it"
