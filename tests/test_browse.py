"""`foi actions` and `foi recs` on a release held twice: copies fold, statuses come from traces."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import CORPUS


@pytest.fixture(scope="module")
def twice_held(tmp_path_factory):
    root = tmp_path_factory.mktemp("twice")
    papers = root / "papers"
    papers.mkdir()
    for name in ("FOI release 2017-01546 bundle.pdf", "2016-02-18 MAPPA NSG minutes.pdf"):
        shutil.copy(CORPUS / name, papers / name)
    index = str(root / "idx")
    run = subprocess.run([sys.executable, "-m", "search_cli", "--index", index, "ingest", str(papers)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return index


def foi_json(index: str, *args: str) -> dict:
    run = subprocess.run([sys.executable, "-m", "search_cli", "--index", index, *args, "--json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_copies_of_a_reference_fold_into_one_entry(twice_held):
    refs = foi_json(twice_held, "recs", "9")["refs"]
    minutes = [r for r in refs if r["date"] == "2016-02-18" and "ACTION SGCSU" in r["text"]]
    assert len(minutes) == 1
    sources = {minutes[0]["source"]} | {c["source"] for c in minutes[0]["also_in"]}
    assert len(sources) == 2
    assert any("bundle" in s for s in sources) and any("NSG minutes" in s for s in sources)
    assert [r["date"] for r in refs] == sorted(r["date"] for r in refs)


def test_open_actions_leave_out_what_later_papers_completed(twice_held):
    everything = foi_json(twice_held, "actions")["actions"]
    still_open = foi_json(twice_held, "actions", "--status", "open")["actions"]
    leaflet = [a for a in everything if a["text"].startswith("SGCSU to circulate ViSOR users leaflet")]
    # the cover e-mail of 24 February encloses the leaflet: the action is done
    assert leaflet and leaflet[0]["status"] == "completed"
    assert not any(a["text"].startswith("SGCSU to circulate ViSOR users leaflet") for a in still_open)
    assert len(still_open) < len(everything)
    # one entry per action, its copies named
    assert len({(a["text"], a["meeting_date"]) for a in everything}) == len(everything)


def test_trace_reads_stored_chains_and_folds_copies(twice_held):
    traces = foi_json(twice_held, "trace", "--query", "workshop recommendation 9")["traces"]
    texts = [t["action"]["text"] for t in traces]
    assert len(texts) == len(set(texts))  # the bundle's copy of the minutes is not a second action
    minutes = next(t for t in traces if t["action"]["text"].startswith("SGCSU to organise separate workshop"))
    assert minutes["also_in"]  # the same ACTION line in the other copy
    relations = [(link["date"], link["relation"]) for link in minutes["chain"]]
    assert ("2016-02-18", "same_action_other_source") in relations
    assert ("2016-05-03", "completed") in relations
    assert minutes["status"] == "completed"
    assert len({(link["date"], link["text"]) for link in minutes["chain"]}) == len(minutes["chain"])


def test_an_index_too_large_to_trace_at_ingest_traces_on_demand(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(CORPUS / "FOI release 2017-01546 bundle.pdf", papers / "bundle.pdf")
    index = str(tmp_path / "idx")
    env = {**os.environ, "FOI_TRACE_AT_INGEST_LIMIT": "0"}
    run = subprocess.run([sys.executable, "-m", "search_cli", "--index", index, "ingest", str(papers), "--json"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    assert any("too many to trace" in w["warning"] for w in json.loads(run.stdout)["warnings"])
    traces = foi_json(index, "trace", "--query", "workshop recommendation 9")["traces"]
    assert any(t["status"] == "completed" for t in traces)
