"""No traceback from the environment or from a bug: every setting read from the environment is
checked with one clear line (exit 2), an internal error is one line (exit 3, never 1, which
means findings), `foi --version`, and a command module that cannot be imported is an error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED

from search_cli import main as foi_main
from search_cli.main import cli
from search_cli.settings import SETTINGS, check_environment

BAD = {
    "FOI_TRACE_AT_INGEST_LIMIT": "lots",
    "FOI_LOCK_TIMEOUT": "-3",
    "FOI_PDF_ENGINE": "quick",
}


def test_check_environment_names_each_bad_value() -> None:
    assert check_environment({}) == []
    assert check_environment({"FOI_LOCK_TIMEOUT": "2.5", "FOI_PDF_ENGINE": "Plumber",
                              "FOI_TRACE_AT_INGEST_LIMIT": "0", "FOI_OCR_CACHE": ""}) == []
    problems = check_environment(BAD)
    assert len(problems) == 3
    for name, value in BAD.items():
        [line] = [p for p in problems if p.startswith(name)]
        assert repr(value) in line and "expected" in line
    assert check_environment({"FOI_LOCK_TIMEOUT": "nan"}) and check_environment({"FOI_LOCK_TIMEOUT": "inf"})


def test_every_setting_read_in_the_code_is_checked() -> None:
    """grep for os.environ: each FOI_ variable the product reads is in SETTINGS (test hooks aside)."""
    import re

    read = set()
    for folder in ("ingest", "index", "search_cli"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            read |= set(re.findall(r"(?:environ\.get\(|environ\[|getenv\(|envvar=|_ENV = )\"(FOI_[A-Z_]+)\"", text))
    read = {v for v in read if not v.startswith("FOI_TEST_")}
    assert read <= {s.name for s in SETTINGS}, read - {s.name for s in SETTINGS}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_setting_is_one_line_and_exit_2(name: str, tmp_path) -> None:
    result = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "documents"], env={name: BAD[name]})
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"foi: {name}=")
    assert "Traceback" not in result.output


def test_bad_trace_limit_does_not_crash_at_import(tmp_path) -> None:
    """The issue's case: FOI_TRACE_AT_INGEST_LIMIT=lots foi ingest … printed a traceback at import."""
    env = {**os.environ, "FOI_TRACE_AT_INGEST_LIMIT": "lots", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "search_cli", "--index", str(tmp_path / "ix"), "ingest", str(SEED)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "FOI_TRACE_AT_INGEST_LIMIT='lots'" in done.stderr


def test_trace_limit_is_read_when_needed(monkeypatch) -> None:
    from index.build import TRACE_AT_INGEST_LIMIT, trace_at_ingest_limit

    monkeypatch.setenv("FOI_TRACE_AT_INGEST_LIMIT", "12")
    assert trace_at_ingest_limit() == 12
    monkeypatch.setenv("FOI_TRACE_AT_INGEST_LIMIT", "")
    assert trace_at_ingest_limit() == TRACE_AT_INGEST_LIMIT


def test_version() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"foi {version('foisearch')}"


def test_help_states_the_exit_code_rule() -> None:
    out = CliRunner().invoke(cli, ["--help"]).output
    assert "Exit status" in out and "whether or not anything" in out and "internal error" in out


def test_an_internal_error_is_one_line_and_exit_3(tmp_path, monkeypatch) -> None:
    import index.audit

    def boom(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(index.audit, "run_audit", boom)
    monkeypatch.delenv("FOI_DEBUG", raising=False)
    release = tmp_path / "minutes.txt"
    release.write_text("Minutes\n\nThe committee agreed the plan.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "audit", str(release)])
    assert result.exit_code == 3, result.output
    assert "internal error (IndexError" in result.output and "Traceback" not in result.output


def test_every_command_module_is_registered_and_none_is_swallowed(monkeypatch) -> None:
    foi_main._register()  # commands load when run; this loads them all, as `foi --help` does
    assert {"extract", "ingest", "search", "documents", "show", "actions", "recs", "redactions", "audit",
            "trace"} <= set(cli.commands)
    # every command is found by its name alone: the map a command is loaded by names its module
    for name in foi_main.COMMAND_MODULES:
        for command in __import__(f"search_cli.cmd_{name}", fromlist=["COMMANDS"]).COMMANDS:
            assert foi_main.COMMAND_NAMES.get(command.name) == name, command.name
    assert set(foi_main.COMMAND_NAMES) == set(cli.commands)
    monkeypatch.setattr(foi_main, "COMMAND_MODULES", ("no_such_command",))
    with pytest.raises(ModuleNotFoundError):
        foi_main._register()
