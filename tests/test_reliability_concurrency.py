"""`foi search` while an ingest runs answers from the last committed state; a second `foi ingest`
waits for the first (or fails with one clear line after its timeout) and never corrupts it."""

from __future__ import annotations

import json
import threading

from test_reliability_crash import N_TEXT, make_corpus, minutes, word
from test_reliability_helpers import check_agreement, foi, foi_start, wait_for

from index import open_index
from index.build import run
from index.search import SearchOptions, search


def test_search_and_second_ingest_during_an_ingest(tmp_path):
    corpus = tmp_path / "papers"
    words = make_corpus(corpus)
    index = tmp_path / ".foi"
    run(str(index), [str(corpus)])
    # New files for the second run: in the store after a few files, in the engine only at commit.
    for i in range(N_TEXT, N_TEXT + 8):
        (corpus / f"minutes {i:02d}.txt").write_text(minutes(i, word(i)), encoding="utf-8")
    flag = tmp_path / "paused"
    writer = foi_start(index, "ingest", str(corpus), "--json",
                       FOI_TEST_PAUSE_AT="engine_add:5", FOI_TEST_PAUSE_FILE=str(flag))
    wait_for(flag, writer)

    old = foi(index, "search", words[0], "--json")
    assert old.returncode == 0, old.stderr
    assert json.loads(old.stdout)["total"] == 2
    new = foi(index, "search", word(N_TEXT), "--json")  # stored, not yet committed to the engine
    assert new.returncode == 0, new.stderr
    assert json.loads(new.stdout)["total"] == 0

    busy = foi(index, "ingest", str(corpus), FOI_LOCK_TIMEOUT="1")
    assert busy.returncode == 2
    assert busy.stderr.count("\n") == 1 and "another `foi ingest`" in busy.stderr and "Traceback" not in busy.stderr

    # A second ingest with time to wait: it gets the index once the first has finished.
    waiter = foi_start(index, "ingest", str(corpus), "--json", FOI_LOCK_TIMEOUT="120")
    errors: list[BaseException] = []
    done = threading.Event()

    def keep_searching() -> None:  # readers racing the writer's commits never fail
        while not done.is_set():
            try:
                with open_index(str(index)) as ix:
                    search(ix, SearchOptions(query=words[1], limit=5))
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)
                return

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        flag.unlink()
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert json.loads(out)["ingested"] == 8
        out2, err2 = waiter.communicate(timeout=300)
        assert waiter.returncode == 0, err2
        second = json.loads(out2)
        assert second["ingested"] == 0 and second["unchanged"] == N_TEXT + 10
    finally:
        done.set()
        reader.join()
    assert errors == []
    check_agreement(index, settled=True)
    after = foi(index, "search", word(N_TEXT), "--json")
    assert after.returncode == 0 and json.loads(after.stdout)["total"] == 2
