"""An audit an FOI team can trust: it never says "no findings" of files it did not read, it
never crashes on a release (bench seeds), it pairs only real copies, one leak is one finding,
high findings come first, and the HTML report says when, what, with which names list and which
version it was made."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED

from index.audit import run_audit
from index.audit.copies import find_differing_copies, one_document
from index.audit.model import SEVERITY_ORDER
from ingest.pipeline import extract_file
from search_cli.main import cli


def audit(*args: str, index: str = "/nonexistent/index"):
    return CliRunner().invoke(cli, ["--index", index, "audit", *args])


def docs_of(tmp_path: Path, files: dict[str, str]):
    out = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out += extract_file(str(tmp_path / name)).documents
    return out


# ---- what was read ------------------------------------------------------------------------


def test_a_folder_of_unreadable_files_is_exit_2_and_lists_them(tmp_path: Path) -> None:
    (tmp_path / "notes.xyz").write_text("Minutes\n\nThe plan was agreed.\n", encoding="utf-8")
    (tmp_path / "scan.bin").write_bytes(b"\x00\x01")
    result = audit(str(tmp_path))
    assert result.exit_code == 2, result.output
    assert "notes.xyz" in result.output and "scan.bin" in result.output
    assert "No findings" not in result.output and "nothing to audit" in result.output


def test_a_missing_path_is_exit_2_without_no_findings(tmp_path: Path) -> None:
    result = audit(str(tmp_path / "nonexistent"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output and "No findings" not in result.output
    clean = tmp_path / "clean.txt"
    clean.write_text("Minutes\n\nThe committee agreed the plan.\n", encoding="utf-8")
    assert audit(str(clean), str(tmp_path / "typo.txt")).exit_code == 2


def test_skipped_files_are_listed_beside_the_findings(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Minutes\n\nThe committee agreed the plan.\n", encoding="utf-8")
    (tmp_path / "other.xyz").write_text("x", encoding="utf-8")
    result = audit(str(tmp_path), "--format", "json")
    assert result.exit_code == 1  # a file that was not audited is a problem to look at
    payload = json.loads(result.stdout)
    assert [Path(u["path"]).name for u in payload["summary"]["unread"]] == ["other.xyz"]
    assert payload["run"]["paths"] == [str(tmp_path)] and payload["run"]["version"].startswith("foisearch")
    table = audit(str(tmp_path))
    assert "1 file(s) not audited" in table.stdout and "other.xyz" in table.stdout


def test_an_empty_index_is_exit_2(tmp_path: Path) -> None:
    index = tmp_path / "ix"
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "a.txt").write_text("Minutes\n\nAgreed.\n", encoding="utf-8")
    CliRunner().invoke(cli, ["--index", str(index), "ingest", str(tmp_path / "empty")])
    (tmp_path / "ix2").mkdir()
    result = audit(index=str(tmp_path / "ix2"))
    assert result.exit_code == 2 and "No findings" not in result.output


# ---- copies ---------------------------------------------------------------------------------

MINUTES = ("Audit and Risk Committee\nMinutes of the meeting held on {date}\n\nPresent: Director of Finance, "
           "Chief Internal Auditor, Head of Risk, Board Secretary\n\n1. Apologies\nNone were received.\n\n"
           "2. Minutes of the previous meeting\nThe minutes were agreed as a correct record.\n\n"
           "3. Risk register\nThe committee {business}\n\n4. Internal audit plan\nThe plan was noted.\n\n"
           "5. Any other business\nThere was no other business.\n")


def test_two_meetings_of_one_series_are_not_copies(tmp_path: Path) -> None:
    docs = docs_of(tmp_path, {
        "ARC_2016-05-23_minutes.txt": MINUTES.format(date="23 May 2016", business="reviewed the counter fraud risk."),
        "ARC_2017-01-17_minutes.txt": MINUTES.format(date="17 January 2017", business="reviewed the cyber risk."),
    })
    assert len(docs) == 2 and docs[0].date != docs[1].date
    assert not one_document(docs[0], docs[1])
    assert find_differing_copies(docs) == []


def test_one_document_twice_is_compared(tmp_path: Path) -> None:
    one = MINUTES.format(date="23 May 2016", business="reviewed the risk raised by [REDACTED].")
    two = one.replace("[REDACTED]", "Moira Kerr")
    docs = docs_of(tmp_path, {"a.txt": one, "b.txt": two})
    assert one_document(docs[0], docs[1])
    [dup] = find_differing_copies(docs)
    assert "Moira Kerr" in dup.at.text and dup.severity == "high"


def test_bench_copies_never_crash_on_an_empty_side() -> None:
    """The IndexError of find_differing_copies: a block present in one copy only, with the
    redaction count on the side that has no words."""
    from ingest.models import Document

    a = Document(doc_id="a", source="a.txt", title="Note", doc_type="minutes", group=None, date="2017-01-01",
                 pages=None, text="Minutes\nThe plan was agreed by all.\nItem two was noted.\n█████\n")
    b = Document(doc_id="b", source="b.txt", title="Note", doc_type="minutes", group=None, date="2017-01-01",
                 pages=None, text="Minutes\nThe plan was agreed by all.\nItem two was noted.\n")
    find_differing_copies([a, b])  # no IndexError
    find_differing_copies([b, a])


@pytest.mark.parametrize("seed", [1, 4])
def test_audit_of_the_bench_corpus_never_crashes(tmp_path: Path, seed: int) -> None:
    """seed 1 reproduced the IndexError and 417 of 579 bogus copy findings;
    `scripts/audit_bench_seeds.py` runs seeds 1-10."""
    out = tmp_path / "small"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--size", "small", "--seed", str(seed),
                    "--out", str(out), "--jobs", "1"], check=True, capture_output=True, cwd=ROOT)
    result = audit(str(out), "--format", "json")
    assert result.exit_code in (0, 1), result.output[-2000:]
    payload = json.loads(result.stdout)
    assert payload["summary"]["documents"] > 20
    # the generator makes no copies: meetings of one series are never paired
    assert not [f for f in payload["findings"] if f["kind"] == "duplicate_differs"]
    severities = [SEVERITY_ORDER[f["severity"]] for f in payload["findings"]]
    assert severities == sorted(severities)


# ---- one finding per leak, high first, meeting requests ------------------------------------


def test_one_leak_is_one_finding_with_every_place(tmp_path: Path) -> None:
    text = ("Minutes\n\n[REDACTED], Head of Housing, opened the meeting. [REDACTED] noted the cost.\n\n"
            "Peter Rennie, Head of Housing, explained the waiting list.\n")
    docs = docs_of(tmp_path, {"a.txt": text, "b.txt": text.replace("Minutes", "Minutes (copy)")})
    result = run_audit(docs)
    leaks = [f for f in result.findings if f.at.text == "Peter Rennie"]
    assert len(leaks) == 1, [(f.kind, f.at.source) for f in leaks]
    [leak] = leaks
    places = {(leak.at.source, leak.at.text)} | {(e.source, e.text) for e in leak.evidence}
    assert {Path(s).name for s, t in places if t == "Peter Rennie"} == {"a.txt", "b.txt"}
    assert leak.explanation.endswith(".") and leak.explanation.count(". ") == 0


def test_findings_are_ordered_high_to_low(seed_docs) -> None:
    result = run_audit(seed_docs)
    order = [SEVERITY_ORDER[f.severity] for f in result.findings]
    assert order == sorted(order) and order[0] == 0 and order[-1] == 2
    table = audit(str(SEED)).stdout
    assert table.index(", high)") < table.index(", medium)") < table.index(", low)")


def test_meeting_request_header_differences_are_one_low_finding(seed_docs) -> None:
    result = run_audit(seed_docs)
    requests = [f for f in result.findings if f.kind == "duplicate_differs"]
    [one] = requests
    assert one.severity == "low"
    texts = [one.at.text] + [e.text for e in one.evidence]
    assert any("Show Time As: Tentative" in t for t in texts)
    assert any("Meeting Status: Not yet responded" in t for t in texts)


# ---- the HTML report --------------------------------------------------------------------------


def test_html_opens_with_high_findings_and_records_the_run(tmp_path: Path) -> None:
    names = tmp_path / "withhold.txt"
    names.write_text("Arlene Stuart\n", encoding="utf-8")
    out = tmp_path / "audit.html"
    result = audit(str(SEED), "--names", str(names), "--format", "html", "--out", str(out))
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    for label in ("<th>When</th>", "<th>What</th>", "<th>Names list</th>", "<th>Tool</th>"):
        assert label in page
    assert str(names) in page and str(SEED) in page and "foisearch " in page
    high, medium, low = (page.index(f'<h2 id="{s}">') for s in ("high", "medium", "low"))
    assert high < medium < low < page.index("Summary by document")
    first_finding = page.index('<div class="finding')
    assert high < first_finding and page[first_finding:first_finding + 40].count("high")
