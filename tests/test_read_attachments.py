"""E-mail attachments are documents: read by their own reader, linked to their message, and
searched, listed and audited like any file. The end-to-end case of the issue: an e-mail with a
redacted PDF and an XLSX action log attached."""

from __future__ import annotations

import json
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from format_fixtures import write_email, write_release_email

from ingest.pipeline import extract_file
from search_cli.main import cli


def foi(index: Path, *args: str):
    return CliRunner().invoke(cli, ["--index", str(index), *args])


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("release")
    mail = write_release_email(folder)
    index = folder / "index"
    result = foi(index, "ingest", str(mail))
    assert result.exit_code == 0, result.output
    return mail, index


def test_attachments_are_documents_of_their_own(release) -> None:
    mail, index = release
    listed = json.loads(foi(index, "documents", "--json").output)["documents"]
    shown = [json.loads(foi(index, "show", d["doc_id"], "--json").output)["documents"][0] for d in listed]
    message = next(d for d in shown if d["source"] == str(mail))
    assert message["parent_id"] is None and message["member"] is None
    members = {d["member"]: d for d in shown if d["parent_id"] == message["doc_id"]}
    assert set(members) == {"response letter.pdf", "MDG action log.xlsx"}
    assert members["response letter.pdf"]["source"] == f"{mail}!response letter.pdf"
    # an undated attachment takes its message's date
    assert {d["date"] for d in members.values()} >= {"2017-05-04"}
    shown = foi(index, "show", members["response letter.pdf"]["doc_id"])
    assert f"attached to “FOI 2017-01546: your request” [{message['doc_id']}] as response letter.pdf" in shown.output
    as_json = json.loads(foi(index, "show", members["response letter.pdf"]["doc_id"], "--json").output)
    (doc,) = as_json["documents"]
    assert doc["parent_id"] == message["doc_id"] and doc["member"] == "response letter.pdf"


def test_search_finds_words_inside_both_attachments(release) -> None:
    mail, index = release
    in_pdf = json.loads(foi(index, "search", "hydrangea inspections", "--json").output)["hits"]
    assert in_pdf and in_pdf[0]["source"] == f"{mail}!response letter.pdf"
    in_log = json.loads(foi(index, "search", "ViSOR vetting leaflet", "--json").output)["hits"]
    assert in_log[0]["source"] == f"{mail}!MDG action log.xlsx" and in_log[0]["location"] == "Actions!row 3"


def test_actions_lists_the_log_with_owners_and_due_dates(release) -> None:
    _, index = release
    actions = json.loads(foi(index, "actions", "--json").output)["actions"]
    by_location = {a["location"]: a for a in actions}
    first = by_location["Actions!row 3"]
    assert first["owners"] == ["SGCSU"] and first["due_date"] == "2017-06-30"
    assert by_location["Actions!row 4"]["owners"] == ["Police Scotland"]
    assert by_location["Actions!row 4"]["due_date"] == "2017-09-01"


def test_audit_reports_the_hidden_column_and_the_box_with_text_beneath(release) -> None:
    mail, index = release
    result = foi(index, "audit", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    kinds = {(f["kind"], f["source"], f["location"]) for f in findings}
    assert ("hidden_content", f"{mail}!MDG action log.xlsx", "Actions!column F") in kinds
    assert ("hidden_content", f"{mail}!MDG action log.xlsx", "Actions!row 6") in kinds
    assert ("hidden_content", f"{mail}!MDG action log.xlsx", "Notes") in kinds
    box = next(f for f in findings if f["kind"] == "text_under_box")
    assert box["source"] == f"{mail}!response letter.pdf" and box["text"] == "Jane Doe"
    shaded = next(f for f in findings if f["kind"] == "hidden_under_shading")
    assert shaded["text"] == "Fiona Black" and shaded["location"] == "Actions!row 7"


def test_unchanged_message_is_not_read_again(release, monkeypatch) -> None:
    mail, index = release
    import ingest.pipeline

    def boom(*_a, **_k):
        raise AssertionError("read again")

    monkeypatch.setattr(ingest.pipeline, "read_source", boom)
    result = json.loads(foi(index, "ingest", str(mail), "--json").output)
    assert result["unchanged"] == 1 and result["ingested"] == 0


def test_inline_image_is_not_an_attachment(tmp_path: Path) -> None:
    msg = EmailMessage(policy=policy.default)
    msg["From"], msg["To"], msg["Subject"] = "a@example.org", "b@example.org", "Logo"
    msg["Date"] = "Thu, 04 May 2017 09:05:00 +0100"
    msg.set_content("See the logo.")
    msg.add_alternative('<p>See the logo <img src="cid:logo1"></p>', subtype="html")
    html_part = msg.get_payload()[1]
    html_part.add_related(b"\x89PNG fake", maintype="image", subtype="png", cid="<logo1>", filename="logo.png",
                          disposition="inline")
    path = tmp_path / "logo.eml"
    path.write_bytes(msg.as_bytes())
    result = extract_file(str(path))
    (doc,) = result.documents
    assert doc.attachments == [] and "<< File:" not in doc.text
    assert result.warnings == []


def test_bad_attachments_are_one_line_each_and_the_message_is_kept(tmp_path: Path) -> None:
    inner = EmailMessage(policy=policy.default)
    inner["From"], inner["Subject"] = "clerk@example.gov.uk", "Forwarded minutes"
    inner["Date"] = "Mon, 01 May 2017 10:00:00 +0100"
    inner.set_content("Minutes\n\nThe panel agreed to review the quokka enclosure.\n")
    path = write_email(tmp_path / "mixed.eml", [
        ("broken.pdf", b"%PDF-1.4 not really", "application/pdf"),
        ("photo.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg"),
        ("empty.docx", b"", "application/octet-stream"),
    ])
    mail = EmailMessage(policy=policy.default)
    for key in ("From", "To", "Subject", "Date"):
        mail[key] = "x@example.org" if key in ("From", "To") else {"Subject": "Fwd", "Date": "Tue, 02 May 2017 10:00:00 +0100"}[key]
    mail.set_content("Forwarding.")
    mail.add_attachment(inner)
    forwarded = tmp_path / "forward.eml"
    forwarded.write_bytes(mail.as_bytes())

    result = extract_file(str(path))
    assert result.error is None and len(result.documents) == 1
    problems = {w.split(": ", 1)[0].rsplit("!", 1)[-1]: w for w in result.warnings}
    assert set(problems) == {"broken.pdf", "photo.jpg", "empty.docx"}
    assert all("\n" not in w for w in result.warnings)

    result = extract_file(str(forwarded))
    message, attached = result.documents
    assert attached.member == "Forwarded minutes.eml" and attached.parent_id == message.doc_id
    assert "quokka" in attached.text
