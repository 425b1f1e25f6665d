"""One bad part never fails the whole message: a malformed encoded-word is kept as written and
flagged, an attachment whose base64 is broken is named and skipped, the body is still read."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import extract_file

MESSAGE = (
    "From: clerk@example.org\nTo: board@example.org\n"
    "Subject: =?utf-8?q?broken=ZZ=?= towpath minutes\n"
    "Date: Mon, 7 Apr 2025 10:00:00 +0100\nMIME-Version: 1.0\n"
    'Content-Type: multipart/mixed; boundary="XX"\n\n'
    "--XX\nContent-Type: text/plain\n\nThe towpath repairs are agreed. JB to book the contractor.\n"
    '--XX\nContent-Type: application/pdf; name="minutes.pdf"\n'
    'Content-Disposition: attachment; filename="minutes.pdf"\nContent-Transfer-Encoding: base64\n\n'
    "!!!this is not base64 at all@@@\n--XX--\n"
)


def test_bad_parts_are_named_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "release.eml"
    path.write_text(MESSAGE, encoding="utf-8")
    result = extract_file(str(path))
    assert result.error is None
    [doc] = result.documents
    assert "=?utf-8?q?broken=ZZ=?=" in doc.title  # kept as written, not guessed
    assert any("malformed encoded-word" in w and "Subject" in w for w in result.warnings)
    assert any("minutes.pdf" in w and "base64" in w for w in result.warnings)
    assert "towpath repairs are agreed" in doc.text
