"""Set-up that tells the truth: the OCR tests skip only outside CI, saying what to install;
`make demo` fails loudly and says how to run foi; the system tools script says what is missing."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import INSTALL_TESSERACT, ROOT, tesseract_gate, tesseract_required


def test_the_gate_runs_skips_or_fails() -> None:
    assert tesseract_gate(have=True, required=True) is None
    assert tesseract_gate(have=True, required=False) is None
    assert tesseract_gate(have=False, required=False) == ("skip", INSTALL_TESSERACT)
    action, reason = tesseract_gate(have=False, required=True)
    assert action == "fail" and "apt-get install -y tesseract-ocr" in reason


@pytest.mark.parametrize(("env", "required"), [
    ({}, False), ({"CI": "true"}, True), ({"CI": "false"}, False), ({"FOI_REQUIRE_TESSERACT": "1"}, True),
])
def test_ci_requires_tesseract(monkeypatch, env: dict, required: bool) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("FOI_REQUIRE_TESSERACT", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert tesseract_required() is required


def test_ci_script_requires_tesseract_whatever_is_installed() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # set unconditionally (the old guard set it only where Tesseract already was)
    assert "\nexport FOI_REQUIRE_TESSERACT=1\n" in script
    assert "system_tools.sh --strict" in script


def test_make_demo_fails_loudly_and_says_how_to_run_foi() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo = makefile[makefile.index("\ndemo:"):makefile.index("\ntest:")]
    assert "|| true" not in demo
    assert "--index $(DEMO_INDEX) ingest corpus/\n" in demo  # its exit status stops make
    assert "FOI_INDEX=$(DEMO_INDEX)" in demo and "source $(VENV)/bin/activate" in demo


def _run_tools(tmp_path, *args: str) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"  # a PATH with no tesseract, pdftotext, apt-get or sudo
    bin_dir.mkdir(exist_ok=True)
    for tool in ("id",):
        found = shutil.which(tool)
        if found and not (bin_dir / tool).exists():
            (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "FOI_TESSERACT": "no-such-tesseract"}
    return subprocess.run([shutil.which("bash") or "/bin/bash", str(ROOT / "scripts" / "system_tools.sh"), *args],
                          capture_output=True, text=True, env=env, timeout=60)


def test_without_apt_one_line_says_what_to_install(tmp_path) -> None:
    done = _run_tools(tmp_path)
    assert done.returncode == 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install -y tesseract-ocr poppler-utils" in lines[0]
    strict = _run_tools(tmp_path, "--strict")
    assert strict.returncode == 1 and "tesseract-ocr" in strict.stderr


def test_the_corpus_ingest_fails_only_on_the_scans_without_tesseract(tmp_path) -> None:
    """Where Tesseract is missing the scans fail saying what to install, and nothing else fails."""
    from click.testing import CliRunner

    from search_cli.main import cli

    env = {"FOI_TESSERACT": "no-such-tesseract", "FOI_OCR_CACHE": ""}
    scans = ROOT / "corpus" / "scanned"
    result = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "ingest", str(scans), "--json"], env=env)
    assert result.exit_code == 2  # nothing among the paths given could be read
    assert result.stdout.count("install tesseract-ocr") >= 2
    assert os.path.exists(scans)
