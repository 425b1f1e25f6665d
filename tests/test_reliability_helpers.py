"""Shared by the tests/test_reliability_*.py files: run `foi` as a user would, and check that an
index's store and search engine agree."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from index import ENGINE_DIR, STORE_FILE
from index.store import Store

ROOT = Path(__file__).resolve().parent.parent


def foi_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("FOI_TEST_KILL_AT", "FOI_TEST_PAUSE_AT", "FOI_TEST_PAUSE_FILE", "FOI_LOCK_TIMEOUT", "FOI_INDEX"):
        env.pop(name, None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def foi_cmd(index: str | Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "search_cli", "--index", str(index), *args]


def foi(index: str | Path, *args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(foi_cmd(index, *args), capture_output=True, text=True, timeout=timeout,
                          env=foi_env(**env), cwd=ROOT)


def foi_start(index: str | Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(foi_cmd(index, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=foi_env(**env), cwd=ROOT)


def wait_for(path: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until a paused `foi` has written its pause file (fail if it exits first)."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"foi exited {proc.returncode} before pausing: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("foi never reached its pause point")
        time.sleep(0.05)


def engine_passages(index: str | Path) -> list[tuple[str, str]]:
    """(passage_id, doc_id) of every live passage in the committed Whoosh index, duplicates kept."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(os.path.join(str(index), ENGINE_DIR))
    with ix.searcher() as searcher:
        return [(f["passage_id"], f["doc_id"]) for f in searcher.reader().all_stored_fields()]


def store_passages(index: str | Path) -> tuple[dict[str, str], set[str]]:
    """passage_id -> doc_id in the store, and the doc ids still pending for the engine."""
    store = Store(os.path.join(str(index), STORE_FILE), readonly=True)
    try:
        rows = {r[0]: r[1] for r in store.db.execute("SELECT passage_id, doc_id FROM passages")}
        return rows, set(store.pending())
    finally:
        store.close()


def check_agreement(index: str | Path, settled: bool) -> dict[str, str]:
    """Store and engine agree on every document that is not marked pending; when ``settled``
    nothing may be pending and they agree exactly. The engine never holds a passage twice."""
    engine = engine_passages(index)
    ids = [pid for pid, _ in engine]
    assert len(ids) == len(set(ids)), "a passage is in the search index twice"
    stored, pending = store_passages(index)
    if settled:
        assert pending == set()
    engine_map = dict(engine)
    for pid, doc in stored.items():
        if doc not in pending:
            assert engine_map.get(pid) == doc, f"passage {pid} of {doc} is in the store, not in the engine"
    for pid, doc in engine_map.items():
        if doc not in pending:
            assert stored.get(pid) == doc, f"passage {pid} of {doc} is in the engine, not in the store"
    return stored
