"""ZIP bundles walked like a folder: members located ``bundle.zip!folder/file.pdf``, nested
ZIPs read too, and a zip bomb refused with one line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from format_fixtures import write_action_log, write_redacted_pdf, write_zip

from ingest.pipeline import extract_file


def test_members_are_documents_located_inside_the_archive(tmp_path: Path) -> None:
    pdf = write_redacted_pdf(tmp_path / "letter.pdf").read_bytes()
    log = write_action_log(tmp_path / "log.xlsx").read_bytes()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("notes/minutes.txt", "Minutes\n\nThe board agreed the budget for the xylophone fund.\n")
    bundle = write_zip(tmp_path / "bundle.zip", {
        "release/letter.pdf": pdf, "release/log.xlsx": log, "inner.zip": inner.getvalue(),
        "__MACOSX/release/._letter.pdf": b"junk", "release/photo.jpg": b"\xff\xd8\xff not read",
    })
    result = extract_file(str(bundle))
    assert result.error is None
    by_source = {}
    for doc in result.documents:
        by_source.setdefault(doc.source, []).append(doc)
    listing = by_source[str(bundle)][0]
    assert listing.title == "bundle.zip (archive of 4 files)" and listing.parent_id is None
    letter = by_source[f"{bundle}!release/letter.pdf"][0]
    assert letter.parent_id == listing.doc_id and letter.member == "release/letter.pdf"
    assert letter.redactions[0].text_beneath == "Jane Doe"
    assert len(by_source[f"{bundle}!release/log.xlsx"]) == 2
    inner_listing = by_source[f"{bundle}!inner.zip"][0]
    minutes = by_source[f"{bundle}!inner.zip!notes/minutes.txt"][0]
    assert minutes.parent_id == inner_listing.doc_id and "xylophone" in minutes.text
    assert inner_listing.parent_id == listing.doc_id
    assert [w for w in result.warnings if "photo.jpg" in w] == [
        f"{bundle}!release/photo.jpg: not read (no reader for '.jpg' files)"]
    assert not any("__MACOSX" in d.source for d in result.documents)


def test_zip_bomb_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"\0" * (50 * 1024 * 1024))
    result = extract_file(str(path))
    assert result.documents == []
    assert result.error.startswith("zip bomb refused: zeros.txt would expand") and "\n" not in result.error


def test_zip_nested_too_deep_is_not_read(tmp_path: Path) -> None:
    data = b"Minutes\n\nThe deepest note.\n"
    name = "note.txt"
    for level in range(6):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr(name, data)
        data, name = buffer.getvalue(), f"level{level}.zip"
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    result = extract_file(str(path))
    assert result.error is None
    assert any("nested more than" in w for w in result.warnings)
    assert not any("deepest" in d.text for d in result.documents)


def test_damaged_and_encrypted_members_are_warnings(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "mixed.zip", {"good.txt": b"Minutes\n\nAll agreed.\n", "bad.pdf": b"%PDF-1.4 broken"})
    result = extract_file(str(path))
    assert result.error is None
    assert any(d.source.endswith("!good.txt") for d in result.documents)
    (warning,) = [w for w in result.warnings if "bad.pdf" in w]
    assert warning.startswith(f"{path}!bad.pdf: ") and "\n" not in warning


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_bytes(b"this is text, not an archive")
    result = extract_file(str(path))
    assert result.error == "not a ZIP file (content does not match the extension)"
