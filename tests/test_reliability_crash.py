"""`foi ingest` killed with SIGKILL at every kind of point (reading, inside the SQLite
transaction, with the Whoosh writer open, inside the Whoosh commit, between the two commits,
while repairing): the index still opens and searches, store and engine agree on everything
not marked for repair, and the next ingest finishes the work with no duplicate."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_reliability_helpers import ROOT, check_agreement, engine_passages, foi, foi_start

from index import ENGINE_DIR, KILL_POINTS, open_index
from index.build import IndexBusy, run
from index.engine.whoosh_backend import ENGINE_LOCK
from index.search import SearchOptions, search

CORPUS = ROOT / "corpus"
N_TEXT = 30


def word(i: int) -> str:
    """A made-up word only file ``i`` contains."""
    return "qx" + "".join(chr(97 + (i // 26 ** k) % 26) for k in range(3))


def minutes(i: int, topic: str) -> str:
    return (f"HOUSING PANEL\n\nMinutes of the meeting held on {1 + i % 27} March 2018\n\n"
            f"1. Matters arising\n\n1.1 Members discussed the {topic} report and recommendation {i % 9 + 1}.\n\n"
            f"1.2 ACTION: Clerk to circulate the {topic} paper.\n")


def make_corpus(root: Path) -> list[str]:
    root.mkdir(parents=True)
    for i in range(N_TEXT):
        (root / f"minutes {i:02d}.txt").write_text(minutes(i, word(i)), encoding="utf-8")
    # Real files of the other formats, read by their own readers.
    for name in ("MAPPA Development Group - Minutes - 9 March 2017.docx",
                 "2016-02-26 MAPPA National Strategic Group 18 February 2016 minutes.eml"):
        shutil.copy(CORPUS / name, root / name)
    return [word(i) for i in range(N_TEXT)]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One corpus and a clean reference index of it (ids hash the path, so all runs share it)."""
    base = tmp_path_factory.mktemp("crash")
    words = make_corpus(base / "papers")
    reference = base / "reference"
    summary = run(str(reference), [str(base / "papers")])
    assert not summary.failed and summary.ingested == N_TEXT + 2
    return base / "papers", words, check_agreement(reference, settled=True)


def kill_at(index: Path, corpus: Path, point: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "search_cli", "--index", str(index), "ingest", str(corpus)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "FOI_TEST_KILL_AT": point})
    # -SIGKILL proves the process died at the point (a run that never got there exits 0 or 1).
    assert proc.returncode == -signal.SIGKILL, (point, proc.returncode, proc.stderr[-2000:])


def after_crash(index: Path, query: str) -> None:
    """What a user may do right after the crash: open the index and search (no error)."""
    with open_index(str(index)) as ix:
        search(ix, SearchOptions(query=query, limit=10))
        listed = {d.doc_id for d in ix.store.documents()}
        unconfirmed = set(ix.unconfirmed)
    check_agreement(index, settled=False)
    # One commit point: every listed document is in the search index, and what the index holds
    # but is not listed is reported as unfinished, never silently dropped.
    engine_docs = {doc for _, doc in engine_passages(index)}
    assert listed <= engine_docs, listed - engine_docs
    assert engine_docs - listed <= unconfirmed


def finish_and_compare(index: Path, corpus: Path, words: list[str], reference: dict[str, str]) -> None:
    summary = run(str(index), [str(corpus)])
    assert not summary.failed
    assert summary.ingested + summary.unchanged == N_TEXT + 2
    stored = check_agreement(index, settled=True)
    assert stored == reference  # every passage, once, with the same ids as a clean build
    with open_index(str(index)) as ix:
        for w in words:
            hits = search(ix, SearchOptions(query=w, limit=10)).hits
            assert {h.doc.source for h in hits} == {str(corpus / f"minutes {words.index(w):02d}.txt")}, w
            assert len({h.passage.passage_id for h in hits}) == len(hits) == 2  # the two items naming it
    again = run(str(index), [str(corpus)])
    assert again.ingested == 0 and again.unchanged == N_TEXT + 2 and again.reconciled == 0


# Every per-file point at files spread over the run, then its one engine commit (a run has one
# writer, committed at its end) and the end: 39 kills of a first ingest.
PER_FILE = ("read", "store_txn", "store_committed", "engine_add")
FRESH = [f"{point}:{n}" for point in PER_FILE for n in (1, 4, 8, 12, 16, 20, 24, 28, 31)] + [
    "whoosh_commit:1", "whoosh_committed:1", "finish:1"]


@pytest.mark.parametrize("point", FRESH)
def test_kill_during_first_ingest(tmp_path, shared, point):
    corpus, words, reference = shared
    index = tmp_path / ".foi"
    kill_at(index, corpus, point)
    if point.startswith("engine_add"):
        # The killed writer held Whoosh's lock: the file stays behind, and is not a live lock.
        assert (index / ENGINE_DIR / ENGINE_LOCK).exists()
    if (index / "store.sqlite").exists() and (index / ENGINE_DIR).exists():
        after_crash(index, words[0])
    if point == "whoosh_committed:1":
        # The run is committed in both: searchable now, before any repair.
        with open_index(str(index)) as ix:
            assert search(ix, SearchOptions(query=words[0], limit=5)).hits
        cli = foi(index, "search", words[0], "--json")
        assert cli.returncode == 0 and json.loads(cli.stdout)["total"] == 2, cli.stderr
    finish_and_compare(index, corpus, words, reference)


def test_kill_during_repair_then_finish(tmp_path, shared):
    """Killed between the store and engine commits, then killed again while repairing."""
    corpus, words, reference = shared
    index = tmp_path / ".foi"
    first, second = REPAIR
    kill_at(index, corpus, first)
    after_crash(index, words[0])
    kill_at(index, corpus, second)
    after_crash(index, words[0])
    finish_and_compare(index, corpus, words, reference)


REPAIR = ("store_committed:28", "reconcile:1")
REPLACING = [f"{point}:{n}" for point in ("store_txn", "store_committed", "engine_add") for n in (1, 2, 3)] + [
    "whoosh_commit:1", "whoosh_committed:1"]


@pytest.mark.parametrize("point", REPLACING)
def test_kill_while_replacing_changed_files(tmp_path, point):
    """An update run: the old version stays searchable until the new one is committed in both."""
    corpus = tmp_path / "papers"
    words = make_corpus(corpus)
    index = tmp_path / ".foi"
    run(str(index), [str(corpus)])
    for i in (3, 4, 5):
        words[i] = word(100 + i)
        path = corpus / f"minutes {i:02d}.txt"
        path.write_text(minutes(i, words[i]), encoding="utf-8")
        os.utime(path, (time.time() + 5, time.time() + 5))
    reference = tmp_path / "reference"
    run(str(reference), [str(corpus)])
    kill_at(index, corpus, point)
    after_crash(index, words[3])
    with open_index(str(reference)) as ref:
        changed = {d.doc_id for d in ref.store.documents() if d.source.endswith("minutes 03.txt")}
    with open_index(str(index)) as ix:
        old = search(ix, SearchOptions(query=word(3), limit=5)).hits
        new = search(ix, SearchOptions(query=words[3], limit=5)).hits
        listed = {d.doc_id for d in ix.store.documents()}
        unconfirmed = set(ix.unconfirmed)
    assert not (old and new)  # never both versions
    # One commit point: the changed file is listed exactly when a version of it is found; when
    # neither (its new records written, the engine not committed), it is reported, not lost.
    if old or new:
        assert changed <= listed and not changed & unconfirmed
    else:
        assert not changed & listed and changed <= unconfirmed
        cli = foi(index, "documents", "--json")
        assert cli.returncode == 0 and "unfinished ingest" in cli.stderr
        assert {d["doc_id"] for d in json.loads(cli.stdout)["documents"]} == listed
    finish_and_compare(index, corpus, words, check_agreement(reference, settled=True))
    with open_index(str(index)) as ix:
        assert search(ix, SearchOptions(query=word(3), limit=5)).hits == []


def test_every_kill_point_is_exercised():
    """Every kill point is one the tests above kill at (each of them asserts the process died
    there), whatever order or subset of tests runs."""
    points = {p.split(":")[0] for p in [*FRESH, *REPAIR, *REPLACING]}
    assert points == set(KILL_POINTS), set(KILL_POINTS) - points


def test_live_foreign_whoosh_writer_blocks_cleanly_and_its_stale_lock_is_cleared(tmp_path):
    corpus = tmp_path / "papers"
    words = make_corpus(corpus)
    index = tmp_path / ".foi"
    run(str(index), [str(corpus)])
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom whoosh import index\n"
         "w = index.open_dir(sys.argv[1]).writer()\nprint('locked', flush=True)\ntime.sleep(120)\n",
         str(index / ENGINE_DIR)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        (corpus / "minutes 00.txt").write_text(minutes(0, "replacement"), encoding="utf-8")
        with pytest.raises(IndexBusy, match="being written by another process"):
            run(str(index), [str(corpus)])
        busy = foi(index, "ingest", str(corpus))
        assert busy.returncode == 2 and "being written by another process" in busy.stderr
        assert "Traceback" not in busy.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (index / ENGINE_DIR / ENGINE_LOCK).exists()  # left behind by the killed writer
    summary = run(str(index), [str(corpus)])
    assert summary.ingested == 1 and not summary.failed
    check_agreement(index, settled=True)
    assert len(engine_passages(index)) == len(set(engine_passages(index)))
    with open_index(str(index)) as ix:
        assert search(ix, SearchOptions(query="replacement", limit=5)).hits
        assert search(ix, SearchOptions(query=words[0], limit=5)).hits == []


def test_foi_ingest_is_started_as_a_user_would(tmp_path):
    """The kill hook costs nothing when unset: a plain run in a subprocess exits 0."""
    corpus = tmp_path / "papers"
    make_corpus(corpus)
    proc = foi_start(tmp_path / ".foi", "ingest", str(corpus), "--json")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert json.loads(out)["ingested"] == N_TEXT + 2
