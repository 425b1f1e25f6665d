"""The index: a SQLite record store (``store.sqlite``) and a search engine (``whoosh/``) in one folder.

Opening an index for reading imports neither the ingest pipeline nor the engine until a
search needs it, so `foi documents`, `actions`, `recs` and `redactions` start fast.
"""

from __future__ import annotations

import os

from index.store import Store, StoreVersionError

STORE_FILE = "store.sqlite"
ENGINE_DIR = "whoosh"
LOCK_FILE = "ingest.lock"


class IndexUnavailable(Exception):
    """No usable index at the path (missing, or made by another version): exit code 2."""


class Index:
    def __init__(self, path: str, store: Store) -> None:
        self.path = path
        self.store = store
        self._backend = None

    @property
    def backend(self):
        """The search engine, opened on first use (the browse commands never pay for it)."""
        if self._backend is None:
            from index.engine.whoosh_backend import EngineVersionError, WhooshBackend

            try:
                self._backend = WhooshBackend(os.path.join(self.path, ENGINE_DIR))
            except (EngineVersionError, FileNotFoundError) as exc:
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
    return Index(path, store)
