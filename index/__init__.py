"""The index: a SQLite record store (``store.sqlite``) and a search engine (``whoosh/``, or
``fts5.sqlite`` for an index made with ``foi ingest --engine fts5``; see `index.engine`) in one folder.

Opening an index for reading imports neither the ingest pipeline nor the engine until a
search needs it, so `foi documents`, `actions`, `recs` and `redactions` start fast.
"""

from __future__ import annotations

import os
import time

from index.store import Store, StoreVersionError

STORE_FILE = "store.sqlite"
ENGINE_DIR = "whoosh"
LOCK_FILE = "ingest.lock"


class IndexUnavailable(Exception):
    """No usable index at the path (missing, or made by another version): exit code 2."""


# ---- test-only fault hooks ---------------------------------------------------------------------
# The crash and concurrency tests need a writer to die (or wait) at an exact point. They set
# FOI_TEST_KILL_AT=point:n (SIGKILL this process the n-th time `point` is reached) or
# FOI_TEST_PAUSE_AT=point:n plus FOI_TEST_PAUSE_FILE=path (write the file, wait until the test
# deletes it). Unset, a hook costs one comparison. Points: see `KILL_POINTS`.

KILL_POINTS = (
    "read",              # a file has been read and extracted, nothing of it written yet
    "store_txn",         # inside a file's SQLite transaction, rows written, not committed
    "store_committed",   # a file's store transaction committed, its passages not yet in the engine
    "engine_add",        # passages added to the open Whoosh writer (its lock held), not committed
    "whoosh_commit",     # inside the Whoosh commit: new segment written, new TOC not yet
    "whoosh_committed",  # Whoosh committed, the store's pending marks not yet cleared
    "reconcile",         # replaying pending documents into the engine, before its commit
    "finish",            # every file written, the run not yet marked complete
)


def _parse_hook(value: str | None) -> tuple[str, int] | None:
    if not value or ":" not in value:
        return None
    name, _, count = value.rpartition(":")
    return (name, int(count)) if count.isdigit() else None


_KILL_AT = _parse_hook(os.environ.get("FOI_TEST_KILL_AT"))
_PAUSE_AT = _parse_hook(os.environ.get("FOI_TEST_PAUSE_AT"))
# FOI_TEST_DISK_FULL_AT=point:n: the n-th time `point` is reached, a write fails as on a full disk.
_FULL_AT = _parse_hook(os.environ.get("FOI_TEST_DISK_FULL_AT"))
_hook_counts: dict[str, int] = {}
FAULT_HOOKS = _KILL_AT is not None or _PAUSE_AT is not None or _FULL_AT is not None


def fault_point(name: str) -> None:
    """A place where a test may kill or pause this process (no effect unless the env asks)."""
    if not FAULT_HOOKS:
        return
    _hook_counts[name] = _hook_counts.get(name, 0) + 1
    here = (name, _hook_counts[name])
    if here == _KILL_AT:
        import signal  # only a test's kill point needs it

        os.kill(os.getpid(), signal.SIGKILL)
    if here == _FULL_AT:
        import errno

        raise OSError(errno.ENOSPC, "No space left on device")
    if here == _PAUSE_AT:
        flag = os.environ.get("FOI_TEST_PAUSE_FILE", "")
        if flag:
            with open(flag, "w") as handle:
                handle.write(str(os.getpid()))
            deadline = time.monotonic() + 120  # never hang a test run for ever
            while os.path.exists(flag) and time.monotonic() < deadline:
                time.sleep(0.05)


class Index:
    def __init__(self, path: str, store: Store) -> None:
        self.path = path
        self.store = store
        self._backend = None
        # Documents an unfinished ingest wrote that the engine does not hold: not shown.
        self.unconfirmed: list[str] = []

    @property
    def backend(self):
        """The search engine, opened on first use (the browse commands never pay for it)."""
        if self._backend is None:
            # The engine the index records (engine.json): Whoosh or SQLite FTS5.
            from index.engine import EngineUnavailable, open_backend

            try:
                self._backend = open_backend(self.path, "read")
            except EngineUnavailable as exc:
                raise IndexUnavailable(str(exc)) from exc
        return self._backend

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        self.store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_index(path: str) -> Index:
    """Open an existing index for reading; raises IndexUnavailable with a one-line reason."""
    store_path = os.path.join(path, STORE_FILE)
    if not os.path.exists(store_path):
        raise IndexUnavailable(f"no index at {path}; run `foi ingest PATH` first (or give --index)")
    try:
        store = Store(store_path, readonly=True)
    except (StoreVersionError, FileNotFoundError) as exc:
        raise IndexUnavailable(str(exc)) from exc
    except Exception as exc:  # sqlite3.DatabaseError: not a database, corrupt file
        raise IndexUnavailable(f"index at {path} cannot be read ({exc}); run `foi ingest --force`") from exc
    index = Index(path, store)
    _hide_unconfirmed(index)
    return index


def _hide_unconfirmed(index: Index) -> None:
    """One commit point for readers: a document an ingest wrote to the store but the engine has
    not committed as stored (an ingest running, or killed) is hidden from every command, so
    what is listed is what is found. Costs nothing when nothing is pending."""
    pending = index.store.pending()
    if not pending:
        return
    from index.engine.backend import Filters, MatchAll

    stored = index.store.stored_keys(pending)
    held: dict[str, set[tuple[str, str]]] = {d: set() for d in pending}
    try:
        result = index.backend.search(MatchAll(), Filters(doc_ids=list(pending)), None)
    except IndexUnavailable:
        result = None
    for hit in result.hits if result is not None else []:
        held.setdefault(hit.doc_id, set()).add((hit.passage_id, hit.dup_key))
    index.unconfirmed = sorted(d for d in pending if held.get(d) != stored.get(d))
    index.store.hide_documents(index.unconfirmed)
