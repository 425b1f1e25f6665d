"""`foi search` starts fast (issue 20, item 3): as a whole command, in a fresh process, it imports
only what a search needs, and it reads the engine's segments without copying them into memory."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT

from search_cli.main import cli

MINUTES = """Minutes of the Licensing Committee, 4 May 2017

Present: Jane Hill (Chair), Tom Reed

1. Street trading
The committee agreed the street trading policy review and asked for a further update at the
next meeting. ACTION: Tom Reed to circulate the revised policy by 1 June 2017.

2. Taxi licensing
The committee noted the taxi licensing report.
"""

# Libraries only reading, extracting or reporting need; none is a search's business.
HEAVY = ("spacy", "thinc", "pdfplumber", "pdfminer", "pypdfium2", "docx", "openpyxl", "jinja2", "PIL",
         "numpy", "reportlab", "lxml")
# Modules of the other commands and of the ingest pipeline; Whoosh's writer.
NOT_FOR_SEARCH = ("search_cli.cmd_ingest", "search_cli.cmd_extract", "search_cli.cmd_audit", "search_cli.cmd_trace",
                  "search_cli.cmd_browse", "search_cli.cmd_redactions", "ingest.pipeline", "ingest.read_pdf",
                  "ingest.pdf_pdfium", "ingest.read_docx", "ingest.segment", "index.build", "index.audit",
                  "index.trace", "whoosh.writing",
                  # the records a search never builds (ingest/models.py serves them by name)
                  "ingest.models_detail",
                  # the engine's and the index's writing paths only (with bz2, lzma)
                  "shutil",
                  # Whoosh's compat module would bring the web client (index/engine/whoosh_imports.py)
                  "urllib.request", "http.client", "ssl",
                  # the click group (a plain search runs without it: search_cli/fast_search.py),
                  # Whoosh's analysis and other stemmers (index/engine/analysis.py), the
                  # extraction's marker patterns (ingest/marker_patterns.py), typing
                  # (TYPE_CHECKING = False in the modules a search imports)
                  "click", "whoosh.analysis", "whoosh.lang.snowball.danish", "ingest.markers", "typing",
                  # dataclasses' use of it (search_cli/lean_imports.py: every dataclass has a docstring)
                  "inspect",
                  # Whoosh's utilities (with random): the length table is written out in whoosh_eval
                  "whoosh.util",
                  # pickle's functions are _pickle's (index/engine/whoosh_imports.py); the
                  # engine's write lock is an ingest's
                  "pickle", "fcntl")

# The console script's own code (`foi = search_cli.entry:main`), reporting the modules loaded at exit.
RUN_FOI = """
import atexit, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
from search_cli.entry import main
sys.exit(main())
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("startup")
    (base / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    path = str(base / ".foi")
    result = CliRunner().invoke(cli, ["--index", path, "ingest", str(base / "minutes.txt"), "--json"])
    assert result.exit_code == 0, result.output
    return path


def _search_modules(index: str, tmp_path, *args: str) -> tuple[list[str], dict]:
    report = tmp_path / "modules.json"
    proc = subprocess.run([sys.executable, "-c", RUN_FOI, str(report), "--index", index, "search", *args, "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(report.read_text()), json.loads(proc.stdout)


@pytest.mark.parametrize("query", [["street trading"], ['"further update"'], ["taxi", "--year", "2017"]])
def test_foi_search_imports_only_what_a_search_needs(index, tmp_path, query) -> None:
    modules, result = _search_modules(index, tmp_path, *query)
    assert result["total"] >= 1  # it searched
    heavy = sorted({m.split(".")[0] for m in modules} & set(HEAVY))
    assert heavy == [], f"`foi search` imported {heavy}"
    extra = sorted(m for m in modules if m in NOT_FOR_SEARCH or m.startswith(tuple(n + "." for n in NOT_FOR_SEARCH)))
    assert extra == [], f"`foi search` imported {extra}"


def test_the_search_engine_reads_segments_without_copying_them(index) -> None:
    from index import open_index

    with open_index(index) as ix:
        backend = ix.backend
        storage = getattr(getattr(backend, "_ix", None), "storage", None)
        if storage is None:
            pytest.skip(f"not a Whoosh index ({type(backend).__name__})")
        # Whoosh 2.7.4's mmap path copies each file of a segment into a BytesIO when it opens it.
        assert storage.supports_mmap is False
        assert backend.doc_count() >= 1


def test_whoosh_imports_without_its_web_client_and_both_names_still_work() -> None:
    import whoosh

    from index.engine.whoosh_imports import WRITTEN_FOR

    # index/engine/whoosh_imports.py relies on how Whoosh 2.7.4 imports: look again on an upgrade.
    assert whoosh.__version__ == WRITTEN_FOR, f"Whoosh {whoosh.__version__}: re-check index/engine/whoosh_imports.py"
    script = (
        "import sys\n"
        "import index.engine.whoosh_backend, index.search\n"
        "print(sorted(m for m in ('urllib.request', 'http.client', 'ssl', 'pickle') if m in sys.modules))\n"
        "import urllib.request, whoosh.compat\n"
        "print(urllib.request.urlretrieve.__module__, callable(whoosh.compat.urlretrieve))\n"
        "import pickle\n"
        "c = whoosh.compat\n"
        "print(all(getattr(c, n) is getattr(pickle, n) for n in ('dumps', 'loads', 'dump', 'load')),\n"
        "      c.pickle.PicklingError is pickle.PicklingError, c.pickle.loads is pickle.loads)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:3] == ["[]", "urllib.request True", "True True True"], out.stdout + out.stderr


def test_the_detail_records_are_still_ingest_models_names() -> None:
    # ingest/models.py defines Document and Passage and serves the other records from
    # ingest/models_detail.py on first use: one name for each, whichever module is asked.
    import ingest.models as models
    import ingest.models_detail as detail
    from ingest.models import Page, RedactionSpan

    assert Page is detail.Page and RedactionSpan is detail.RedactionSpan
    assert all(getattr(models, name) is getattr(detail, name) for name in models.DETAIL_RECORDS)
    assert sorted(models.DETAIL_RECORDS) == sorted(
        name for name, value in vars(detail).items() if isinstance(value, type) and value.__module__ == detail.__name__)
    with pytest.raises(AttributeError):
        models.NoSuchRecord  # noqa: B018 - the attribute access is the test


def test_dataclasses_without_inspect_and_both_names_still_work() -> None:
    script = (
        "import sys\n"
        "from search_cli.lean_imports import light_dataclasses\n"
        "light_dataclasses()\n"
        "import dataclasses\n"
        "print('inspect' in sys.modules)\n"
        "@dataclasses.dataclass\n"
        "class A:\n"
        "    x: int\n"
        "print(A.__doc__, A(1))\n"
        "import inspect\n"
        "print(inspect is sys.modules['inspect'], type(inspect).__name__, callable(dataclasses.inspect.signature))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:3] == ["False", "A(x: int) A(x=1)", "True module True"], out.stdout + out.stderr
