"""Commands that agree with each other: statuses in their printed spelling, dates that are
dates, unknown values rejected with the valid ones listed, filters for `foi redactions`, exit 2
for a path that does not exist, tables that fit the terminal, NO_COLOR."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import SEED

from index.store import ActionFilters, FilterError, RedactionFilters, check_date, status_key
from ingest.models import REDACTION_STYLES
from search_cli.main import cli
from search_cli.tables import column_widths, fit_table


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("vocab") / ".foi")
    result = CliRunner().invoke(cli, ["--index", path, "ingest", str(SEED)])
    assert result.exit_code == 0, result.output
    return path


def foi(index: str, *args: str, **kw):
    return CliRunner().invoke(cli, ["--index", index, *args], **kw)


def statuses(index: str, status: str) -> list[str]:
    result = foi(index, "actions", "--status", status, "--json")
    assert result.exit_code == 0, result.output
    return [a["status"] for a in json.loads(result.stdout)["actions"]]


def test_status_in_its_printed_spelling(index: str) -> None:
    underscored = statuses(index, "in_progress")
    assert underscored and set(map(status_key, underscored)) == {"in progress"}
    assert statuses(index, "in progress") == underscored == statuses(index, "In-Progress")
    done = statuses(index, "done")
    assert done and statuses(index, "completed") == done
    assert not {status_key(s) for s in statuses(index, "open")} & {"completed", "complete", "done", "closed"}


def test_unknown_status_is_rejected_listing_the_valid_ones(index: str) -> None:
    result = foi(index, "actions", "--status", "banana")
    assert result.exit_code == 2
    assert "banana" in result.output and "in progress" in result.output and "done" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("bad", ["2017-13-01", "2017-02-30", "2017-00", "17-01-01", "yesterday"])
def test_invalid_dates_are_rejected(index: str, bad: str) -> None:
    for command in (["actions"], ["redactions"]):
        result = foi(index, *command, "--since", bad)
        assert result.exit_code == 2, (command, bad, result.output)
        assert "YYYY-MM-DD" in result.output and "Traceback" not in result.output
    with pytest.raises(FilterError):
        check_date(bad)


def test_valid_dates_pass() -> None:
    assert check_date("2017") == "2017" and check_date("2016-02") == "2016-02" and check_date("2016-02-29")
    assert ActionFilters(since="2017-01-01").since == "2017-01-01"
    with pytest.raises(FilterError):
        ActionFilters(until="2017-13")


def test_redactions_filters(index: str) -> None:
    every = json.loads(foi(index, "redactions", "--json").stdout)["redactions"]
    assert len(every) > 20
    style = every[0]["style"]
    only = json.loads(foi(index, "redactions", "--style", style, "--json").stdout)["redactions"]
    assert only and {r["style"] for r in only} == {style} and len(only) < len(every)
    doc = every[-1]["doc_id"]
    one_doc = json.loads(foi(index, "redactions", "--doc", doc, "--json").stdout)["redactions"]
    assert one_doc and {r["doc_id"] for r in one_doc} == {doc}
    later = json.loads(foi(index, "redactions", "--since", "2017", "--json").stdout)["redactions"]
    assert 0 < len(later) < len(every)
    none = foi(index, "redactions", "--since", "2030")
    assert none.exit_code == 0 and "No redactions match" in none.stdout  # nothing found is not an error


def test_redactions_reject_unknown_values(index: str) -> None:
    bad_style = foi(index, "redactions", "--style", "banana")
    assert bad_style.exit_code == 2 and all(s in bad_style.output for s in ("pdf_box", "docx_shading"))
    bad_doc = foi(index, "redactions", "--doc", "no-such-document")
    assert bad_doc.exit_code == 2 and "foi documents" in bad_doc.output
    with pytest.raises(FilterError):
        RedactionFilters(style="Banana")
    assert RedactionFilters(style="PDF_BOX").style == "pdf_box" in REDACTION_STYLES


def test_ingest_of_a_missing_folder_is_exit_2(tmp_path) -> None:
    result = foi(str(tmp_path / ".foi"), "ingest", str(tmp_path / "nosuchdir/"))
    assert result.exit_code == 2 and "no such file or folder" in result.output
    assert not (tmp_path / ".foi").exists()  # nothing was started
    extract = CliRunner().invoke(cli, ["extract", str(tmp_path / "nosuchdir")])
    assert extract.exit_code == 2


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_tables_fit_the_terminal(index: str, columns: int) -> None:
    result = foi(index, "redactions", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= columns
    audit = CliRunner().invoke(cli, ["audit", str(SEED)], env={"COLUMNS": str(columns)})
    assert max(len(line) for line in audit.stdout.splitlines()) <= columns


def test_column_widths_shrink_the_widest_first() -> None:
    assert column_widths([10, 50, 20], [6, 6, 6], 100) == [10, 50, 20]
    widths = column_widths([10, 50, 20], [6, 6, 6], 60)
    assert sum(widths) + 4 <= 60 and widths[0] == 10
    table = fit_table([("a" * 30, "b" * 90)], ["ONE", "TWO"], width=50)
    assert max(map(len, table.splitlines())) <= 50 and "…" in table


ANSI = re.compile(r"\x1b\[")


def test_no_color_in_ingest_and_extract(tmp_path) -> None:
    bad = tmp_path / "papers"
    bad.mkdir()
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "ok.txt").write_text("Minutes\n\nThe plan was agreed.\n", encoding="utf-8")
    coloured = foi(str(tmp_path / "a"), "ingest", str(bad), color=True)
    assert ANSI.search(coloured.output)  # red "failed:" on a terminal
    plain = foi(str(tmp_path / "b"), "ingest", str(bad), color=True, env={"NO_COLOR": "1"})
    assert plain.exit_code == 1 and "failed:" in plain.output and not ANSI.search(plain.output)
    extract = CliRunner().invoke(cli, ["extract", str(bad / "ok.txt")], color=True, env={"NO_COLOR": "1"})
    assert extract.exit_code == 0 and not ANSI.search(extract.output)
