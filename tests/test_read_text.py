"""read_text on text files written here, including lines copied from the seed release."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.models import ReadError
from ingest.read_text import page_from_text, read_text

SEED = Path(__file__).resolve().parents[1] / "corpus" / ".seed" / "mappa_foi_release.txt"


def _seed_lines(first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of the seed release, as in the file."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[first - 1:last]) + "\n"


def test_cp1252_smart_quotes(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    data = "The “draft” minutes – see Annex A.\r\nNext line\r\n".encode("cp1252")
    path.write_bytes(data)
    sf = read_text(path)
    assert sf.format == "text"
    assert sf.pages[0].text == "The “draft” minutes – see Annex A.\nNext line\n"
    assert sf.warnings == ["decoded as cp1252 (not valid UTF-8)"]
    assert sf.sha256 == hashlib.sha256(data).hexdigest()


def test_utf8_bom_stripped_and_markers_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_bytes("\ufeff██████ to circulate [REDACTED] papers.\n".encode())
    sf = read_text(path)
    assert sf.pages[0].text == "██████ to circulate [REDACTED] papers.\n"
    assert sf.warnings == []
    assert sf.pages[0].tables == []


def test_invalid_utf8_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"caf\xe9 \x81 menu\n")  # 0x81 is undefined in cp1252 too
    sf = read_text(path)
    assert sf.pages[0].text == "caf\xe9 \x81 menu\n"
    assert sf.warnings == ["decoded as latin-1 (neither UTF-8 nor cp1252)"]


def test_binary_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ReadError, match=r"^binary file, not text$"):
        read_text(path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="^empty file$"):
        read_text(empty)


def test_seed_action_list_table(tmp_path: Path) -> None:
    path = tmp_path / "action_list.txt"
    path.write_text(_seed_lines(428, 470), encoding="utf-8")
    page = read_text(path).pages[0]
    [table] = page.tables
    assert table.has_header  # the dashed rule under "Item / Action by / Timescale"
    cells = [r.cells for r in table.rows]
    assert cells[0] == ["Item", "Action by", "Timescale"]
    assert cells[1] == ["Circulate ViSOR users leaflet relative to recommendation 7.", "Secretariat", "ASAP"]
    assert cells[-1] == ["Confirm availability for the following suggested meeting dates in 2016 "
                         "(venues to be confirmed)", "NSG members", "Immediate"]
    assert len(cells) == 9
    assert cells[5][1] == "█" * 10 and cells[5][2] == "As appropriate"
    for row in table.rows:
        assert page.text[row.start:row.end] == row.line
    # Section titles between rows stay as text; rule rows are blanked so line numbers hold.
    assert "\nMAPPA Thematic Inspection\n" in page.text[table.start:table.end]
    assert "---" not in page.text
    assert page.text.count("\n") == _seed_lines(428, 470).count("\n")
    # Lines after the table are untouched.
    assert page.text.endswith("- 16 June\n- 13 October\n\nVISOR VETTING REQUIREMENTS\n" + page.text.split(
        "VISOR VETTING REQUIREMENTS\n", 1)[1])


def test_seed_improvement_plan_html_cells(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(_seed_lines(839, 848), encoding="utf-8")
    page = read_text(path).pages[0]
    [table] = page.tables
    rows = [r.cells for r in table.rows]
    assert rows[1] == ["ISSUE /RAG", "TITLE/OUTCOMES", "TASKS", "AGENCY/ LEAD", "MILESTON E/DEADLI NE",
                       "PROGRESS"]
    issue_a = rows[2]
    assert issue_a[0] == "A"
    assert issue_a[1].startswith("Improve Access to ViSOR (Current Stand-Alone Platform): Security requirements")
    assert issue_a[2].split("\n") == [
        "1. Engagement with Home Office, MOJ/NOMS to examine options to improve physical access",
        "2. Multi-agency partners develop a risk escalation case to the Home Office to agree a reduction "
        "in the security requirements to allow terminals to be re-sited into general CJSW offices",
        "3. Scoping of Terminals to be relocated and plans to be drafted regarding siting assessments and moves",
        "4. Implement relocations",
    ]
    assert issue_a[3].split("\n") == ["SG [REDACTED]", "Police Scotland [REDACTED]", "NSS/ SWSA [REDACTED]",
                                      "Police Scotland [REDACTED]"]
    assert issue_a[4].split("\n") == ["Complete", "Complete", "Ongoing", "Ongoing"]
    progress = issue_a[5].split("\n")
    assert len(progress) == 6 and all(line.startswith("• ") for line in progress)
    assert progress[2] == "• Case presented to NUG/Home Office (24/9/15)."
    # The continuation row keeps its empty leading cells, so columns stay aligned.
    assert rows[3][:4] == ["", "", "NSS/MDG", "Mar 2017"]
    assert rows[4][0] == "B." and rows[4][2].split("\n")[0] == "SG/ [REDACTED]"
    assert "<p>" not in page.text and "<ul" not in page.text
    for row in table.rows:
        assert page.text[row.start:row.end] == row.line


def test_markdown_pipe_table_and_lists_not_tables(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "Actions agreed:\n\n"
        "| Action | Owner | Due |\n"
        "|--------|:-----:|-----|\n"
        "| Circulate minutes | [REDACTED] | 1 June 2016 |\n"
        "| Book venue | SGCSU<br>Police Scotland | ASAP |\n\n"
        "1.\tIntroductions were made.\n"
        "2.\tApologies were noted.\n",
        encoding="utf-8",
    )
    page = read_text(path).pages[0]
    [table] = page.tables
    assert table.has_header
    assert [r.cells for r in table.rows] == [
        ["Action", "Owner", "Due"],
        ["Circulate minutes", "[REDACTED]", "1 June 2016"],
        ["Book venue", "SGCSU\nPolice Scotland", "ASAP"],
    ]
    assert page.text.endswith("1.\tIntroductions were made.\n2.\tApologies were noted.\n")


_PIECES = ["\t", "\n", "|", "---", "<p>", "</p>", "<ol>", "<li>", "<ul>", "•", "1. ", "2. ", "Item",
           "Action by", " ", "<br>", "&amp;", "=", "<", "█", "[REDACTED]"]


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_rows_sit_at_their_offsets_and_lines_are_kept(text: str) -> None:
    page = page_from_text(text)
    assert page.text.count("\n") == text.count("\n")
    for table in page.tables:
        for row in table.rows:
            assert page.text[row.start:row.end] == row.line
