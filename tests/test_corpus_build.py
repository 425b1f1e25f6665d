"""The bundled corpus: corpus/build_corpus.py rebuilds the committed files byte for byte, and
the files carry the seed's text and redactions in the form the readers must handle."""

from __future__ import annotations

import email
import email.utils
import importlib.util
import re
import sys
from email import policy
from pathlib import Path

import docx
import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / ".seed" / "mappa_foi_release.txt"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["build_corpus"] = module  # dataclasses look their module up there
    # No corpus/__pycache__: the ingest walks corpus/ and should see only the release.
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


builder = _load_builder()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    builder.build(out)
    return out


@pytest.fixture(scope="module")
def seed() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def _seed_range(seed: list[str], first: int, last: int) -> list[str]:
    return seed[first - 1 : last]


def test_build_reproduces_committed_files_byte_for_byte(built: Path) -> None:
    written = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert written == sorted(builder.FILES.values())
    differing = [name for name in written if (built / name).read_bytes() != (CORPUS / name).read_bytes()]
    assert differing == [], f"rebuild differs from the committed corpus: {differing}"


@pytest.mark.parametrize("key", sorted(builder.PDF_SEED_RANGES))
def test_every_block_run_is_one_box_with_no_text_beneath(built: Path, seed: list[str], key: str) -> None:
    expected = sum(
        len(re.findall("\u2588+", line))
        for first, last in builder.PDF_SEED_RANGES[key]
        for line in _seed_range(seed, first, last)
    )
    boxes = 0
    with pdfplumber.open(built / builder.FILES[key]) as pdf:
        for page in pdf.pages:
            assert "\u2588" not in page.extract_text()
            filled = [r for r in page.rects if r["fill"]]
            for rect in filled:
                assert all(abs(c) < 1e-6 for c in rect["non_stroking_color"]), rect["non_stroking_color"]
                assert rect["width"] > 3 and 6 < rect["height"] < 14
                beneath = [
                    c["text"] for c in page.chars
                    if rect["x0"] < (c["x0"] + c["x1"]) / 2 < rect["x1"]
                    and rect["top"] < (c["top"] + c["bottom"]) / 2 < rect["bottom"]
                ]
                assert beneath == [], f"text under a box on page {page.page_number}: {beneath}"
            boxes += len(filled)
    assert boxes == expected


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("key, first, last", [("nsg_minutes", 207, 424), ("mdg_minutes_may", 541, 682)])
def test_minutes_pdf_keeps_the_seed_text_word_for_word(built: Path, seed: list[str], key: str,
                                                       first: int, last: int) -> None:
    expected: list[str] = []
    for line in _seed_range(seed, first, last):
        if re.fullmatch(r"\s*\d{1,3}\s*", line):
            continue  # stray page numbers of the seed
        line = re.sub(r"^\s*- ", "", line).replace("**", "")
        expected += _words(re.sub("\u2588+", " ", line))
    found: list[str] = []
    with pdfplumber.open(built / builder.FILES[key]) as pdf:
        for page in pdf.pages:
            text = re.sub(r"Page \d+ of \d+\s*$", "", page.extract_text())
            found += _words(text)
    assert found == expected


def test_tables_are_ruled_and_found_by_pdfplumber(built: Path) -> None:
    with pdfplumber.open(built / builder.FILES["action_list_pdf"]) as pdf:
        rows = [row for page in pdf.pages for table in page.extract_tables() for row in table]
    assert rows[0] == ["Item", "Action by", "Timescale"]
    assert ["Establish SOLACE position on ViSOR relative to vetting.", "Secretariat", "ASAP"] in rows
    with pdfplumber.open(built / builder.FILES["plan_pdf"]) as pdf:
        tables = [table for page in pdf.pages for table in page.extract_tables()]
    assert tables and all(len(row) == 6 for table in tables for row in table)
    cells = " ".join(c or "" for table in tables for row in table for c in row)
    assert "<p>" not in cells and "<ol" not in cells
    assert "4. Implement relocations" in cells


def test_docx_files_have_real_tables_formatting_and_literal_blocks(built: Path) -> None:
    plan = docx.Document(str(built / builder.FILES["plan_docx"]))
    header = [c.text for c in plan.tables[0].rows[0].cells]
    assert header[:3] == ["ISSUE /RAG", "TITLE/OUTCOMES", "TASKS"]
    task_cell = plan.tables[0].rows[1].cells[2]
    assert [p.text[:3] for p in task_cell.paragraphs] == ["1. ", "2. ", "3. ", "4. "]
    assert not any("<" in c.text for row in plan.tables[0].rows for c in row.cells)

    minutes = docx.Document(str(built / builder.FILES["mdg_minutes_march"]))
    text = "\n".join(p.text for p in minutes.paragraphs)
    assert "**" not in text and "\u2588 advised that there remains issues" in text
    bold = [r.text for p in minutes.paragraphs for r in p.runs if r.bold]
    assert "Thursday 4 May 2017, MacKintosh Room, Atlantic Quay, Glasgow" in bold
    assert minutes.core_properties.created.date().isoformat() == "2017-03-09"

    report = docx.Document(str(built / builder.FILES["workshop"]))
    attendees = report.tables[-1]
    assert attendees.rows[1].cells[0].text == "Police Scotland"
    bullets = [p.text for p in report.paragraphs if p.style.name.startswith("List Bullet")]
    assert "Need to look jointly at themed issues;" in bullets


def test_emails_parse_with_the_seed_headers(built: Path, seed: list[str]) -> None:
    for key, sent_line in (("email_minutes", 146), ("email_actions", 174)):
        raw = (built / builder.FILES[key]).read_bytes()
        msg = email.message_from_bytes(raw, policy=policy.compat32)
        sent = seed[sent_line - 1].removeprefix("Sent: ")
        assert email.utils.parsedate_to_datetime(msg["Date"]).strftime("%-d %B %Y %H:%M") == sent
        assert msg["From"] == "[Redacted]"
        assert msg.get_payload().startswith("Dear All,")
    actions = email.message_from_bytes((built / builder.FILES["email_actions"]).read_bytes(),
                                       policy=policy.compat32)
    assert "<< File: VISOR VETTING FLOWCHART.docx >>" in actions.get_payload()
    assert re.sub(r"\r?\n\s+", " ", actions["To"]).endswith("[redacted]@scotland.pnn.police.uk)")


def test_meeting_requests_are_verbatim(built: Path, seed: list[str]) -> None:
    for key, first, last in (("request_organiser", 758, 791), ("request_invitee", 793, 837)):
        text = (built / builder.FILES[key]).read_text(encoding="utf-8")
        assert text.split("\n")[:-1] == _seed_range(seed, first, last)


def test_scans_are_image_only(built: Path) -> None:
    for key, source in (("nsg_minutes_scan", "nsg_minutes"), ("mdg_minutes_may_scan", "mdg_minutes_may")):
        with pdfplumber.open(built / builder.FILES[key]) as scan, \
                pdfplumber.open(built / builder.FILES[source]) as original:
            assert len(scan.pages) == len(original.pages)
            for page in scan.pages:
                assert page.chars == [] and page.rects == []
                assert len(page.images) == 1
                assert page.images[0]["srcsize"] == (1654, 2339)  # A4 at 200 dpi
