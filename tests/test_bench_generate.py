"""The benchmark's corpus generator: deterministic by seed, and the `small` corpus has the promised mix."""

from __future__ import annotations

import email
import hashlib
import json
import re
import sys
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx
from docx.enum.text import WD_COLOR_INDEX

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

REC_RE = re.compile(r"\b(?:Recommendations?|recommendations?|Rec\.?)\s+\d+")


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small")
    generate.generate(str(out), seed=11, size_name="small", jobs=1)
    return out


def test_same_seed_gives_byte_identical_files_whatever_the_process_count(small, tmp_path):
    again = tmp_path / "again"
    generate.generate(str(again), seed=11, size_name="small", jobs=2)
    assert _digests(again) == _digests(small)


def test_another_seed_gives_other_files(small, tmp_path):
    other = tmp_path / "other"
    generate.generate(str(other), seed=12, size_name="small", jobs=1)
    a, b = _digests(small), _digests(other)
    shared = a.keys() & b.keys()
    assert sum(a[k] != b[k] for k in shared) + len(a.keys() ^ b.keys()) > len(a) // 2


def test_small_corpus_size_and_formats(small):
    manifest = json.loads((small / "manifest.json").read_text())
    files = manifest["files"]
    assert 30 <= len(files) <= 60
    by = manifest["totals"]["by_format"]
    assert all(by[f] >= 3 for f in ("pdf", "docx", "text", "email")), by
    for f in files:
        assert (small / f["path"]).stat().st_size == f["bytes"]
        if f["format"] == "pdf":
            with pdfplumber.open(small / f["path"]) as pdf:
                assert len(pdf.pages) == f["pdf_pages"]


def _dark_boxes(page) -> list[dict]:
    # A redaction box: a filled black rectangle at least a text line tall (table rules are thin lines).
    return [r for r in page.rects if r.get("fill") and r["height"] >= 8 and r["width"] >= 8
            and (r.get("non_stroking_color") in (None, 0, (0,), [0], (0, 0, 0), [0, 0, 0]))]


def test_pdfs_have_drawn_redaction_boxes_and_ruled_tables(small):
    boxes = with_text_beneath = ruled = 0
    for path in sorted(small.rglob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                found = _dark_boxes(page)
                boxes += len(found)
                for box in found:
                    inside = page.within_bbox((box["x0"], box["top"], box["x1"], box["bottom"])).extract_text()
                    with_text_beneath += bool(inside.strip())
                ruled += bool(page.find_tables())
    assert boxes >= 10
    assert with_text_beneath < boxes  # most boxes hide nothing: the text was removed
    assert ruled >= 2


def test_docx_have_action_tables_and_black_highlight(small):
    tables = highlighted = 0
    for path in sorted(small.rglob("*.docx")):
        doc = open_docx(str(path))
        for table in doc.tables:
            header = [c.text for c in table.rows[0].cells]
            if header == ["Item", "Action", "Owner", "Due", "Status"]:
                tables += 1
                assert len(table.rows) > 1
        highlighted += sum(run.font.highlight_color == WD_COLOR_INDEX.BLACK
                           for p in doc.paragraphs for run in p.runs)
    assert tables >= 3
    assert highlighted >= 1


def _all_text(folder: Path) -> str:
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".txt", ".eml"):
            parts.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".docx":
            doc = open_docx(str(path))
            parts += [p.text for p in doc.paragraphs]
            parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_every_text_redaction_style_and_recommendation_references(small):
    text = _all_text(small)
    assert generate.BLOCK * 3 in text
    assert "[REDACTED]" in text
    assert "[Redacted]" in text
    assert re.search(r"\[REDACTED - s\.\d+\(\d\)(\([a-z]\))?\]", text)
    assert re.search(r"\[Redacted\]@[a-z.-]+\.(uk)\b", text)
    refs = REC_RE.findall(text)
    assert len(refs) >= 10
    assert any(r.startswith("Rec.") for r in refs) and any(r.startswith("Recommendation") for r in refs)


def test_emails_parse_and_actions_carry_over(small):
    emails = sorted(small.rglob("*.eml"))
    for path in emails:
        msg = email.message_from_bytes(path.read_bytes())
        assert msg["Subject"] and msg["Date"] and msg["Message-ID"]
        assert "Action " in msg.get_payload()
    # An action raised at one meeting shows up again in a later action list of the same series.
    lists = sorted(small.rglob("ARC_*_action_list.docx"))
    numbers = [{row.cells[0].text for row in open_docx(str(p)).tables[0].rows[1:]} for p in lists]
    assert len(numbers) >= 2 and any(numbers[i] & numbers[i + 1] for i in range(len(numbers) - 1))


def test_passages_only_is_deterministic_and_exact():
    first = list(generate.passages(5, 2000))
    assert first == list(generate.passages(5, 2000))
    assert len(first) == 2000
    assert len({p["passage_id"] for p in first}) == 2000
    assert any(p["recs"] for p in first) and any(p["has_redaction"] for p in first)
    assert len({p["year"] for p in first}) >= 5  # year filters have something to filter
