"""Index versioning, pipeline versioning, path-independent doc ids and a walk that never
leaves the folders it was given."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_reliability_helpers import ROOT, check_agreement, foi

import ingest.pipeline
from index import ENGINE_DIR, STORE_FILE
from index.build import run
from index.store import SCHEMA_VERSION, Store
from ingest.pipeline import extract_file
from ingest.walk import walk

TEXT = "PARKING COMMITTEE\n\nMinutes of the meeting held on 3 June 2019\n\n1. The {w} scheme was approved.\n"


@pytest.fixture()
def built(tmp_path):
    corpus = tmp_path / "papers"
    corpus.mkdir()
    for i, w in enumerate(("bollard", "chicane", "kerbside")):
        (corpus / f"minutes {i}.txt").write_text(TEXT.format(w=w), encoding="utf-8")
    index = tmp_path / ".foi"
    assert run(str(index), [str(corpus)]).ingested == 3
    return corpus, index


def _set_user_version(index: Path, version: int) -> None:
    db = sqlite3.connect(index / STORE_FILE)
    db.execute(f"PRAGMA user_version={version}")
    db.commit()
    db.close()


def test_store_of_another_schema_is_refused_until_force(built):
    corpus, index = built
    _set_user_version(index, SCHEMA_VERSION + 7)
    for args in (("search", "bollard"), ("documents",), ("ingest", str(corpus))):
        result = foi(index, *args)
        assert result.returncode == 2, args
        assert "foi ingest --force" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    forced = foi(index, "ingest", str(corpus), "--force", "--json")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(forced.stdout)["ingested"] == 3
    hits = foi(index, "search", "bollard", "--json")
    assert hits.returncode == 0 and json.loads(hits.stdout)["total"] == 1


def test_engine_of_another_version_is_refused_for_search_and_rebuilt_by_ingest(built):
    corpus, index = built
    (index / ENGINE_DIR / "FOI_ENGINE_VERSION").write_text("0")
    result = foi(index, "search", "bollard")
    assert result.returncode == 2 and "foi ingest --force" in result.stderr
    assert foi(index, "ingest", str(corpus)).returncode == 0  # rebuilt from the store
    check_agreement(index, settled=True)
    hits = foi(index, "search", "bollard", "--json")
    assert hits.returncode == 0 and json.loads(hits.stdout)["total"] == 1


def test_store_of_schema_1_is_read_then_migrated_and_reread(built):
    corpus, index = built
    db = sqlite3.connect(index / STORE_FILE)
    db.execute("ALTER TABLE files DROP COLUMN pipeline")  # as the first release made it
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    hits = foi(index, "search", "chicane", "--json")  # read as it is
    assert hits.returncode == 0 and json.loads(hits.stdout)["total"] == 1
    result = foi(index, "ingest", str(corpus), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["reread"] == 3 and summary["ingested"] == 3 and summary["unchanged"] == 0
    store = Store(str(index / STORE_FILE), readonly=True)
    assert store.schema_version == SCHEMA_VERSION
    assert {f.pipeline for f in store.files()} == {ingest.pipeline.PIPELINE_VERSION}
    store.close()
    again = json.loads(foi(index, "ingest", str(corpus), "--json").stdout)
    assert again["unchanged"] == 3 and again["reread"] == 0


def test_file_read_by_an_older_pipeline_is_reread_not_unchanged(built, monkeypatch):
    corpus, index = built
    monkeypatch.setattr(ingest.pipeline, "PIPELINE_VERSION", "next-" + ingest.pipeline.PIPELINE_VERSION)
    summary = run(str(index), [str(corpus)])
    assert (summary.reread, summary.ingested, summary.unchanged) == (3, 3, 0)
    assert summary.to_json()["reread"] == 3
    settled = run(str(index), [str(corpus)])
    assert (settled.reread, settled.ingested, settled.unchanged) == (0, 0, 3)


def test_doc_ids_do_not_depend_on_how_the_path_is_spelt(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "x.txt").write_text(TEXT.format(w="bollard"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spellings = ["corpus/x.txt", "./corpus/x.txt", "corpus//x.txt", str(folder / "x.txt")]
    results = [extract_file(s) for s in spellings]
    assert len({r.documents[0].doc_id for r in results}) == 1
    assert [r.documents[0].source for r in results] == spellings  # shown as given
    index = tmp_path / ".foi"
    run(str(index), ["corpus"])
    summary = run(str(index), ["./corpus"])
    assert summary.unchanged == 1 and summary.documents == 1


def test_walk_never_follows_a_link_out_of_the_given_folders(tmp_path):
    root = tmp_path / "release"
    (root / "a").mkdir(parents=True)
    (root / "a" / "note.txt").write_text("x", encoding="utf-8")
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "payroll.txt").write_text("x", encoding="utf-8")
    os.symlink(outside, root / "to private")
    os.symlink(outside / "payroll.txt", root / "payroll.txt")
    os.symlink(root / "a", root / "b")  # inside the tree: followed, the file taken once
    os.symlink("/etc", root / "etc")
    walked = walk([str(root)])
    assert walked.files == [str(root / "a" / "note.txt")]
    skipped = dict(walked.skipped)
    for name in ("to private", "payroll.txt", "etc"):
        assert "outside the ingested folders" in skipped[str(root / name)]
    assert not any("payroll" in f or f.startswith("/etc") for f in walked.files)
    # Given both folders, the link points inside what was given: followed.
    both = walk([str(root), str(outside)])
    assert len(both.files) == 2  # the file once, by whichever spelling the walk met first
    assert {os.path.realpath(f) for f in both.files} == {str(root / "a" / "note.txt"), str(outside / "payroll.txt")}


@pytest.mark.skipif(os.geteuid() != 0, reason="drops root to nobody; a user run is covered by test_pipeline_faults")
def test_unreadable_folder_is_reported_when_run_without_root():
    """CI runs as root, which reads every folder: walk in a child that drops to nobody first."""
    base = Path(tempfile.mkdtemp(prefix="foi-perm-"))  # outside pytest's root-only tmp folders
    try:
        base.chmod(0o755)
        (base / "open").mkdir()
        (base / "open" / "a.txt").write_text("x", encoding="utf-8")
        (base / "locked").mkdir()
        (base / "locked" / "b.txt").write_text("x", encoding="utf-8")
        (base / "locked").chmod(0o700)
        code = ("import json, os, sys\nfrom ingest.walk import walk\n"
                "os.setgid(65534); os.setuid(65534)\n"
                "r = walk([sys.argv[1]])\nprint(json.dumps({'files': r.files, 'problems': r.problems}))\n")
        child = subprocess.run([sys.executable, "-c", code, str(base)], capture_output=True, text=True,
                               timeout=60, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert child.returncode == 0, child.stderr
        out = json.loads(child.stdout)
        assert out["files"] == [str(base / "open" / "a.txt")]
        assert out["problems"] == [[str(base / "locked"), "cannot read folder: Permission denied"]]
    finally:
        (base / "locked").chmod(0o755)
        import shutil

        shutil.rmtree(base)
