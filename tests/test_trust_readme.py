"""Every `foi` example in README.md runs, in order, against the bundled corpus: the README
cannot name an id that no longer exists or an option that was renamed.

``DOC_ID`` and ``ACTION_ID`` in an example stand for ids the index holds (looked up here, as
the README tells a reader to look them up); ``withhold.txt`` is a names list made here."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HAVE_TESSERACT, ROOT, tesseract_required

from search_cli.main import cli

README = ROOT / "README.md"


def readme_examples() -> list[str]:
    """The `foi …` lines of the README's code blocks, comments removed."""
    text = README.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if line.startswith("foi "):
                out.append(line)
    return out


def test_the_readme_has_examples_without_stale_ids() -> None:
    examples = readme_examples()
    assert len(examples) >= 15
    assert any(e.startswith("foi ingest corpus/") for e in examples)
    for e in examples:
        # a hash-derived id ("...-d2df59-04", "...-a03") goes stale when the corpus changes
        assert not re.search(r"-[0-9a-f]{6}-\d+|-a\d\d\b", e), e


def _invoke(index: Path, args: list[str]):
    return CliRunner().invoke(cli, ["--index", str(index), *args], catch_exceptions=False)


def test_every_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("corpus", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "withhold.txt").write_text("Arlene Stuart\n", encoding="utf-8")
    index = tmp_path / ".foi"
    ids: dict[str, str] = {}
    ran = []
    for example in readme_examples():
        args = shlex.split(example)[1:]
        if "DOC_ID" in args or "ACTION_ID" in args:
            if not ids:
                docs = json.loads(_invoke(index, ["documents", "--json"]).output)["documents"]
                actions = json.loads(_invoke(index, ["actions", "--json"]).output)["actions"]
                assert docs and actions, "the README's ingest example indexed the corpus"
                ids = {"DOC_ID": docs[0]["doc_id"], "ACTION_ID": actions[0]["action_id"]}
            args = [ids.get(a, a) for a in args]
        result = _invoke(index, args)
        allowed = {0}
        if args[0] == "audit":
            allowed = {1}  # the release has findings
        if args[0] == "ingest" and not HAVE_TESSERACT and not tesseract_required():
            allowed = {0, 1}  # the two scans need Tesseract; the OCR tests say so
        assert result.exit_code in allowed, (example, result.exit_code, result.output[-2000:])
        assert "Traceback" not in result.output, example
        ran.append(example)
    assert (tmp_path / "audit.html").exists()
    assert len(ran) == len(readme_examples())
