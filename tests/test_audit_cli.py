"""`foi audit` end to end: exit codes, formats, --out, --names, and HTML that escapes the release."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from conftest import SEED

from search_cli.main import cli

SCRIPTED = (
    "<script>alert('minutes')</script> Minutes\n\n"
    "[REDACTED] advised that the plan was agreed. [REDACTED] noted the cost.\n\n"
    "<b>Note</b> <script>alert(1)</script> Fraser Gill confirmed that the <i>budget</i> was set.\n"
)


def run(*args: str):
    return CliRunner().invoke(cli, ["--index", "/nonexistent/index", "audit", *args])


def test_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Minutes\n\nThe committee agreed the plan.\n", encoding="utf-8")
    ok = run(str(clean))
    assert ok.exit_code == 0, ok.output
    assert "No findings" in ok.output
    assert run(str(SEED)).exit_code == 1
    assert run(str(SEED), "--format", "pdf").exit_code == 2
    missing = run(str(SEED), "--names", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2 and "none.txt" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("\n# no names yet\n", encoding="utf-8")
    assert run(str(SEED), "--names", str(empty)).exit_code == 2
    no_index = run()
    assert no_index.exit_code == 2 and "no index" in no_index.output
    assert "Traceback" not in no_index.output


def test_table_is_grouped_by_kind() -> None:
    result = run(str(SEED))
    out = result.output
    assert out.index("(name_visible, high)") < out.index("(initials_visible, high)") < out.index("(duplicate_differs")
    assert '"Arlene Stuart"' in out and '"PD"' in out


def test_json_follows_the_contract() -> None:
    result = run(str(SEED), "--format", "json")
    payload = json.loads(result.output)
    assert payload["schema"] == 1
    kinds = {f["kind"] for f in payload["findings"]}
    assert {"name_visible", "initials_visible", "role_inconsistent", "duplicate_differs"} <= kinds
    assert payload["summary"]["findings"] == len(payload["findings"])
    assert sum(d["findings"] for d in payload["summary"]["by_document"]) == len(payload["findings"])


def test_csv_has_one_row_per_finding(tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    result = run(str(SEED), "--format", "csv", "--out", str(out))
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    payload = json.loads(run(str(SEED), "--format", "json").output)
    assert len(rows) == len(payload["findings"])
    assert rows[0].keys() >= {"kind", "severity", "source", "page", "location", "text", "explanation", "evidence"}


def test_html_is_one_escaped_self_contained_file(tmp_path: Path) -> None:
    release = tmp_path / "scripted.txt"
    release.write_text(SCRIPTED, encoding="utf-8")
    out = tmp_path / "audit.html"
    result = run(str(release), "--format", "html", "--out", str(out))
    assert result.exit_code == 1, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Note&lt;/b&gt;" in page
    assert "<mark>Fraser Gill</mark>" in page
    assert "<style>" in page and "<link" not in page and "src=" not in page
    assert "Summary by document" in page


def test_watchlist_from_the_command_line(tmp_path: Path) -> None:
    names = tmp_path / "withhold.txt"
    names.write_text("Arlene Stuart\n", encoding="utf-8")
    payload = json.loads(run(str(SEED), "--names", str(names), "--format", "json").output)
    hits = [f for f in payload["findings"] if f["kind"] == "watchlist_hit"]
    assert [h["text"] for h in hits] == ["Arlene Stuart"]


def test_audit_reads_the_index_when_no_path_is_given(tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest = CliRunner().invoke(cli, ["--index", str(index), "ingest", str(SEED)])
    assert ingest.exit_code == 0, ingest.output  # a missing `ingest` command fails here, never skips
    from_index = CliRunner().invoke(cli, ["--index", str(index), "audit", "--format", "json"])
    direct = run(str(SEED), "--format", "json")
    assert from_index.exit_code == 1
    kinds = lambda out: sorted((f["kind"], f["text"]) for f in json.loads(out)["findings"])  # noqa: E731
    assert kinds(from_index.output) == kinds(direct.output)
