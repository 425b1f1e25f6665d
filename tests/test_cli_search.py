"""The commands as scripts see them: JSON shapes of the contract, exit codes, the acceptance
queries of issue 4 on the bundled corpus, and no heavy imports in the search commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HAVE_TESSERACT, tesseract_required

from search_cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

HIT_KEYS = {"doc_id", "source", "title", "doc_type", "group", "date", "page", "location", "passage_id", "score",
            "text", "snippet", "recommendations", "also_in", "matches"}
ACTION_KEYS = {"action_id", "doc_id", "source", "meeting_group", "meeting_date", "page", "location", "number", "text",
               "owners", "owner_redacted", "due", "due_date", "recommendations", "status"}
REDACTION_KEYS = {"doc_id", "source", "page", "location", "style", "marker", "length", "exemption", "context_before",
                  "context_after", "text_beneath"}
DOC_KEYS = {"doc_id", "source", "title", "doc_type", "group", "date", "pages"}


def foi(index: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--index", index, *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def foi_json(index: str, *args: str) -> dict:
    code, out, err = foi(index, *args, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == 1
    return data


# ---- on files the test writes ------------------------------------------------------------------

MINUTES = """MAPPA Development Group
Minutes of meeting, Thursday 9 March 2017

Item 3 - ViSOR

[Redacted] advised that staff cannot access ViSOR training as they are not vetted.

ACTION: [REDACTED] to circulate the National ViSOR Vetting plan by 31 March 2017.
"""


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    papers = base / "papers"
    papers.mkdir()
    (papers / "mdg-minutes.txt").write_text(MINUTES, encoding="utf-8")
    (papers / "mdg-minutes-copy.txt").write_text(MINUTES, encoding="utf-8")  # a second copy: collapses
    (papers / "empty.pdf").write_bytes(b"")
    index = str(base / ".foi")
    code, out, err = foi(index, "ingest", str(papers), "--json")
    assert code == 1  # one file failed
    summary = json.loads(out)
    assert summary["ingested"] == 2 and summary["unchanged"] == 0
    assert [Path(f["path"]).name for f in summary["failed"]] == ["empty.pdf"]
    return index, papers


def test_ingest_json_shape_and_readable_summary(small_index):
    index, papers = small_index
    summary = foi_json_allow_fail(index, "ingest", str(papers))
    assert {"schema", "ingested", "unchanged", "failed", "documents", "passages"} <= set(summary)
    assert summary["ingested"] == 0 and summary["unchanged"] == 2
    code, out, err = foi(index, "ingest", str(papers))
    assert code == 1
    assert "empty.pdf" in err and "failed" in err
    assert out.count("\n") == 1  # one summary line; failures go to stderr, one line each


def foi_json_allow_fail(index: str, *args: str) -> dict:
    code, out, _ = foi(index, *args, "--json")
    assert code in (0, 1)
    return json.loads(out)


def test_search_json_shape(small_index):
    index, _ = small_index
    data = foi_json(index, "search", "vetted staff")
    assert set(data) >= {"schema", "query", "total", "hits"} and data["query"] == "vetted staff"
    # Words are optional (issue 15): the passage with both comes first, others may follow.
    assert data["total"] >= 1 and data["hits"]
    hit = data["hits"][0]
    assert set(hit) == HIT_KEYS
    assert "«vetted»" in hit["snippet"] and "«staff»" in hit["snippet"]
    # every form of a query word is highlighted (the heading "Vetting" sits in the passage)
    matched = {hit["text"][a:b].lower() for a, b in hit["matches"]}
    assert {"vetted", "staff"} <= matched <= {"vetted", "vetting", "staff"}
    assert len(hit["also_in"]) == 1 and set(hit["also_in"][0]) == {"doc_id", "source", "location"}
    by_year = foi_json(index, "search", "visor", "--by-year")
    assert [y["year"] for y in by_year["years"]] == [2017]
    assert set(by_year["years"][0]) == {"year", "total", "hits"}
    assert all(set(h) == HIT_KEYS for h in by_year["years"][0]["hits"])


def test_search_no_hits_suggests(small_index):
    index, _ = small_index
    code, out, _ = foi(index, "search", "vettedd")
    assert code == 0 and "No passages match" in out and "vetted" in out.split("Did you mean:")[1]
    assert foi_json(index, "search", "vettedd")["hits"] == []


def test_browse_json_shapes(small_index):
    index, _ = small_index
    docs = foi_json(index, "documents")["documents"]
    assert docs and all(set(d) == DOC_KEYS for d in docs)
    shown = foi_json(index, "show", docs[0]["doc_id"])["documents"][0]
    assert set(shown) >= DOC_KEYS | {"passages", "actions", "recommendation_refs", "dates", "redactions"}
    # the contract's fields, plus also_in: the other copies folded into one entry
    assert all(set(a) == ACTION_KEYS | {"also_in"} for a in foi_json(index, "actions")["actions"])
    reds = foi_json(index, "redactions")["redactions"]
    assert reds and all(set(r) == REDACTION_KEYS for r in reds)
    assert foi_json(index, "recs")["refs"] == [] or all(
        set(r) == {"number", "doc_id", "source", "date", "page", "location", "text", "also_in"}
        for r in foi_json(index, "recs")["refs"])


def test_usage_errors_and_missing_index_exit_2(small_index, tmp_path):
    index, _ = small_index
    assert foi(index, "search", "visor", "--since", "last week")[0] == 2
    assert foi(index, "show", "no-such-doc")[0] == 2
    code, _, err = foi(str(tmp_path / "none"), "search", "visor")
    assert code == 2 and "no index" in err
    assert foi(str(tmp_path / "none"), "documents")[0] == 2


def test_search_commands_do_not_import_heavy_libraries(small_index):
    index, _ = small_index
    script = (
        "import sys\n"
        "from search_cli.main import cli\n"
        f"for args in (['search','visor'],['search','visor','--by-year'],['documents'],['actions'],['recs','9'],\n"
        f"             ['redactions'],['show','mdg'],['trace','--all'],['trace','A1']):\n"
        f"    try:\n"
        f"        cli(['--index', {index!r}, *args], standalone_mode=False)\n"
        f"    except (SystemExit, Exception):  # a missing action still exercises the command\n"
        f"        pass\n"
        "heavy = [m for m in ('spacy', 'pdfplumber', 'docx', 'pypdfium2') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert "HEAVY []" in out


# ---- issue 4's acceptance, on the bundled corpus ----------------------------------------------

corpus_files = [p for p in CORPUS.rglob("*") if p.suffix in {".pdf", ".docx", ".eml", ".txt", ".xlsx"}
                and not any(part.startswith(".") for part in p.relative_to(CORPUS).parts)]


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    if not corpus_files:
        pytest.skip("corpus/ not built (make corpus)")
    index = str(tmp_path_factory.mktemp("corpus") / ".foi")
    code, out, err = foi(index, "ingest", str(CORPUS), "--json")
    summary = json.loads(out)
    failed = summary["failed"]
    if not HAVE_TESSERACT and not tesseract_required():
        # Without Tesseract only the scans fail, each saying what to install; the rest is read.
        assert all("(scan)" in f["path"] and "install tesseract-ocr" in f["reason"] for f in failed), failed
        failed = []
    assert failed == [], failed
    assert summary["ingested"] + len(summary["failed"]) == len(corpus_files)
    return index


def test_recommendation_7_vetting(corpus_index):
    hits = foi_json(corpus_index, "search", "recommendation 7 vetting")["hits"]
    assert hits
    nsg = [h for h in hits if h["date"] == "2016-02-18"]
    assert hits[0]["date"] == "2016-02-18" and "National Strategic" in (hits[0]["group"] or "")
    texts = " ".join(h["text"] for h in nsg)
    assert "period of grace" in texts
    assert any("Circulate ViSOR users leaflet relative to recommendation 7" in h["text"] for h in hits)
    # No passage whose only recommendations are other numbers ranks above one on recommendation 7.
    seen_other = False
    for h in hits:
        recs = set(h["recommendations"])
        if recs and 7 not in recs:
            seen_other = True
        elif 7 in recs:
            assert not seen_other
    rec_spelling = foi_json(corpus_index, "search", "rec 7 vetting")["hits"]
    assert [h["passage_id"] for h in rec_spelling] == [h["passage_id"] for h in hits]


def test_visor_vetting_across_years(corpus_index):
    years = foi_json(corpus_index, "search", "ViSOR vetting", "--by-year")["years"]
    counts = {y["year"]: y["total"] for y in years}
    assert counts.get(2016, 0) > 0 and counts.get(2017, 0) > 0
    dated = [y["year"] for y in years if y["year"] is not None]
    assert dated == sorted(dated, reverse=True)
    only = foi_json(corpus_index, "search", "ViSOR vetting", "--year", "2017", "--limit", "100")
    assert only["hits"] and {h["date"][:4] for h in only["hits"]} == {"2017"}
    assert only["total"] == counts[2017]


def test_recs_9_in_date_order(corpus_index):
    refs = foi_json(corpus_index, "recs", "9")["refs"]
    assert refs and {r["number"] for r in refs} == {9}
    dated = [r["date"] for r in refs if r["date"]]
    assert dated == sorted(dated)
    assert {r["date"][:4] for r in refs if r["date"]} == {"2016"}
    with_types = foi_json(corpus_index, "documents")["documents"]
    types = {d["doc_id"]: d["doc_type"] for d in with_types}
    assert {"minutes", "action_list", "email", "report"} <= {types[r["doc_id"]] for r in refs}


def test_reingest_of_unchanged_corpus_changes_nothing(corpus_index):
    before = foi_json(corpus_index, "documents")
    code, out, _ = foi(corpus_index, "ingest", str(CORPUS), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["ingested"] == 0 and summary["unchanged"] == len(corpus_files)
    assert foi_json(corpus_index, "documents") == before
    code, out, _ = foi(corpus_index, "ingest", str(CORPUS))
    assert "unchanged" in out and "nothing to ingest" in out


def test_environment_index_location(corpus_index, monkeypatch):
    monkeypatch.setenv("FOI_INDEX", corpus_index)
    result = CliRunner().invoke(cli, ["documents", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["documents"]
    assert os.path.isdir(corpus_index)
