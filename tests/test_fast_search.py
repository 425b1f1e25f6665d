"""`foi search` without click (search_cli/fast_search.py) prints what the click command prints.

Every argument form below runs twice as a whole program in a fresh process: through the `foi`
entry (search_cli/entry.py: the click-free path when it can read the arguments) and through the
click command group alone (search_cli.main:cli). Standard output, standard error and the exit
code must be the same bytes. Each form also says which path the entry takes, so a parser that
gave every form to click (and so passed trivially) fails here.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from search_cli import fast_search
from search_cli.main import cli

PAPERS = {
    "licensing-2017.txt": """Minutes of the Licensing Committee, 4 May 2017

Present: Jane Hill (Chair), Tom Reed

1. Street trading
The committee agreed the street trading policy review and asked for a further update at the
next meeting. ACTION: Tom Reed to circulate the revised policy by 1 June 2017.

2. Taxi licensing
The committee noted the taxi licensing report. [REDACTED] raised the vetting of drivers.
""",
    "finance-2018.txt": """Minutes of the Finance Committee, 12 June 2018

1. Risk register
The risk register was reviewed; recommendation 7 on vetting is complete. The café budget
(£1,000) was agreed. Recommendations 3 and 9 remain open.

2. Taxi licensing fees
Fees for taxi licensing rise by 2.5 per cent.
""",
    "scrutiny-2016.txt": """Scrutiny Panel action list, 3 March 2016

ACTION 1: The clerk to circulate the street trading consultation. Status: open.
ACTION 2: Review the risk register with the finance officer. Status: completed.
""",
}

ENTRY = "import sys; sys.argv[0] = 'foi'; from search_cli.entry import main; sys.exit(main())"
CLICK = "import sys; sys.argv[0] = 'foi'; from search_cli.main import cli; sys.exit(cli())"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("fast")
    for name, text in PAPERS.items():
        (base / name).write_text(text, encoding="utf-8")
    path = str(base / ".foi")
    result = CliRunner().invoke(cli, ["--index", path, "ingest", str(base), "--json"])
    assert result.exit_code == 0, result.output
    (base / "a-file").write_text("not an index\n", encoding="utf-8")
    return path


# (arguments after `--index INDEX`, whether the entry reads them without click)
FORMS = [
    (["search", "street trading"], True),
    (["search", "street", "trading"], True),
    (["search", "street trading", "--json"], True),
    (["search", "--json", "risk", "register"], True),
    (["search", '"further update at the next meeting"', "--json"], True),
    (["search", "recommendation 7 vetting", "--json"], True),
    (["search", "recommendations 3 and 9"], True),
    (["search", "taxi", "--year", "2017", "--json"], True),
    (["search", "taxi", "--year", "2017", "--year", "2018"], True),
    (["search", "taxi", "--year", "02018", "--json"], True),
    (["search", "taxi", "--limit", "1"], True),
    (["search", "taxi", "--limit", "1", "--json"], True),
    (["search", "taxi", "--by-year"], True),
    (["search", "taxi", "--by-year", "--limit", "1", "--json"], True),
    (["search", "taxi", "--since", "2018", "--json"], True),
    (["search", "taxi", "--until", "2017-12-31"], True),
    (["search", "taxi", "--type", "minutes", "--json"], True),
    (["search", "risk", "--group", "Finance Committee", "--json"], True),
    (["search", "vetting", "--has-redaction"], True),
    (["search", "vetting", "--json", "--json"], True),
    (["search", "café £1,000", "--json"], True),
    (["search", "nothingmatcheshere"], True),
    (["search", "licencing"], True),  # a suggestion
    (["search", "", "taxi"], True),
    (["search", "+taxi fees", "--json"], True),
    (["search", "year:2018 type:minutes taxi"], True),
    # click's: help, version, bad values, unknown options, option=value, --, leading dashes
    (["search", "--help"], False),
    (["search", "-h"], False),
    (["--help"], False),
    (["--version"], False),
    (["search"], False),
    (["search", "--json"], False),
    (["search", "taxi", "--limit", "0"], False),
    (["search", "taxi", "--limit", "10001"], False),
    (["search", "taxi", "--limit", " 3"], False),
    (["search", "taxi", "--limit", "x"], False),
    (["search", "taxi", "--limit"], False),
    (["search", "taxi", "--limit", "2", "--limit", "3"], False),
    (["search", "taxi", "--limit=2"], False),
    (["search", "taxi", "--year", "1899"], False),
    (["search", "taxi", "--year", "2017.0"], False),
    (["search", "taxi", "--since", "last week"], False),
    (["search", "taxi", "--since", "2017-13-01"], False),
    (["search", "taxi", "--type", "Minutes", "--json"], False),
    (["search", "taxi", "--type", "memo"], False),
    (["search", "taxi", "--group", "--json"], False),
    (["search", "taxi", "--group", ""], False),
    (["search", "taxi", "--jsn"], False),
    (["search", "taxi", "-j"], False),
    (["search", "--", "-taxi", "fees"], False),
    (["search", "taxi", "-licensing"], False),
    (["search", "-"], False),
    (["search", "taxi", "--index", "elsewhere"], False),
    (["serach", "taxi"], False),
    (["documents", "--json"], False),
]


def _run(code: str, args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=ROOT, timeout=120,
                          env=env if env is not None else _env())


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FOI_INDEX", "NO_COLOR") and not k.endswith("_COMPLETE")}
    env.update(extra)
    return env


def _same(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    entry, click = _run(ENTRY, args, env), _run(CLICK, args, env)
    assert (entry.returncode, entry.stdout, entry.stderr) == (click.returncode, click.stdout, click.stderr), args
    return entry


@pytest.mark.parametrize(("args", "fast"), FORMS, ids=[" ".join(a) or "-" for a, _ in FORMS])
def test_the_entry_prints_what_click_prints(index, args, fast) -> None:
    argv = ["--index", index, *args]
    assert (fast_search.parse(argv, _env()) is not None) is fast
    done = _same(argv)
    if fast:
        assert done.returncode == 0, done.stderr


def test_the_index_from_the_environment_and_the_default(index, tmp_path) -> None:
    args = ["search", "taxi", "--json"]
    assert fast_search.parse(args, _env(FOI_INDEX=index)).index_path == index
    assert _same(args, _env(FOI_INDEX=index)).returncode == 0
    assert fast_search.parse(args, _env(FOI_INDEX="")).index_path == ".foi"  # click: empty is unset
    assert _same(args, _env(FOI_INDEX="")).returncode == 2  # ROOT has no .foi: no index


def test_index_paths_click_refuses_and_missing_indexes(index, tmp_path) -> None:
    a_file = str(Path(index).parent / "a-file")
    assert fast_search.parse(["--index", a_file, "search", "taxi"], _env()) is None  # click: "is a file"
    assert _same(["--index", a_file, "search", "taxi"]).returncode == 2
    missing = str(tmp_path / "none")
    assert fast_search.parse(["--index", missing, "search", "taxi"], _env()) is not None
    done = _same(["--index", missing, "search", "taxi"])
    assert done.returncode == 2 and b"no index" in done.stderr
    assert fast_search.parse(["--index", "", "search", "taxi"], _env()) is None
    assert fast_search.parse(["--index"], _env()) is None


def test_settings_and_shell_completion_go_to_click(index) -> None:
    args = ["--index", index, "search", "taxi"]
    bad = _env(FOI_LOCK_TIMEOUT="soon")
    assert fast_search.parse(args, bad) is None
    assert _same(args, bad).returncode == 2
    assert fast_search.parse(args, _env(_FOI_COMPLETE="bash_source")) is None


def test_no_color_and_a_terminal_keep_the_same_bytes(index) -> None:
    args = ["--index", index, "search", "taxi licensing", "--by-year"]
    _same(args, _env(NO_COLOR="1"))
    entry, click = _on_a_terminal(ENTRY, args), _on_a_terminal(CLICK, args)
    assert "\x1b[1m" in entry  # styled: it ran on a terminal
    assert entry == click


def _on_a_terminal(code: str, args: list[str]) -> str:
    """Standard output of the program run on a pseudo-terminal."""
    main, sub = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=sub, stderr=subprocess.DEVNULL,
                                cwd=ROOT, env=_env())
        os.close(sub)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the program closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=120) == 0
    finally:
        os.close(main)
    return b"".join(chunks).decode()


def test_the_parser_knows_exactly_the_click_commands_options() -> None:
    import click

    from search_cli.cmd_search import search

    options = {opt: p for p in search.params if isinstance(p, click.Option) for opt in p.opts}
    assert set(options) == set(fast_search.FLAGS) | set(fast_search.SINGLE) | set(fast_search.MULTIPLE)
    assert all(options[o].is_flag and options[o].name == name for o, name in fast_search.FLAGS.items())
    assert all(not options[o].multiple and not options[o].is_flag for o in fast_search.SINGLE)
    assert all(options[o].multiple and not options[o].is_flag for o in fast_search.MULTIPLE)


def test_a_search_without_click_does_not_import_it(index, tmp_path) -> None:
    report = tmp_path / "modules.txt"
    code = ("import atexit, sys; out = sys.argv.pop(1); "
            "atexit.register(lambda: open(out, 'w').write(' '.join(sys.modules))); " + ENTRY)
    done = _run(code, [str(report), "--index", index, "search", "taxi", "--json"])
    assert done.returncode == 0, done.stderr
    assert "click" not in report.read_text().split()


def test_only_the_click_free_search_runs_without_the_garbage_collector(index, monkeypatch) -> None:
    import gc

    import search_cli.main
    from search_cli import entry

    seen: list[bool] = []
    monkeypatch.setattr(search_cli.main, "cli", lambda: seen.append(gc.isenabled()))
    monkeypatch.setattr(fast_search, "run", lambda call: seen.append(gc.isenabled()))
    try:
        for argv in (["foi", "--index", index, "ingest", "x"], ["foi", "--index", index, "search", "taxi"]):
            monkeypatch.setattr(sys, "argv", argv)
            entry.main()
    finally:
        gc.enable()
    assert seen == [True, False]  # ingest (and every other command) with it; the search without
