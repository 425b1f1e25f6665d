"""The search engines behind one interface (`backend.SearchBackend`), and the one place that
chooses and opens them.

An index folder records its engine in ``engine.json``, written by the first `foi ingest`
(``--engine whoosh``, the default, or ``--engine fts5``); every later command opens that
engine. An index made before the choice existed has no record and a ``whoosh/`` folder: it is
a Whoosh index.

Nothing here imports an engine until one is opened, so the browse commands stay fast.
"""

from __future__ import annotations

import json
import os
import time

from index.engine.backend import EngineVersionError, SearchBackend
from index.engine.whoosh_imports import light_whoosh_compat

light_whoosh_compat()  # before anything imports Whoosh: no urllib.request, ssl, email (see there)

ENGINES = ("whoosh", "fts5")
DEFAULT_ENGINE = "whoosh"
ENGINE_FILE = "engine.json"
WHOOSH_DIR = "whoosh"  # the Whoosh engine's folder inside the index
FTS5_FILE = "fts5.sqlite"  # the FTS5 engine's database inside the index

# typing.TYPE_CHECKING without importing typing (~1.5 ms of every `foi search`); type checkers
# read this name alike (PEP 781)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    Mode = Literal["read", "write"]


class EngineUnavailable(Exception):
    """No usable engine in the index (missing, of another version, unreadable): exit code 2."""


class EngineMismatch(Exception):
    """`--engine` names another engine than the one the index was made with."""


def recorded_engine(index_dir: str) -> str | None:
    """The engine the index records; ``whoosh`` for an index older than the record (it has a
    ``whoosh/`` folder); None for an index without an engine yet."""
    path = os.path.join(index_dir, ENGINE_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return DEFAULT_ENGINE if os.path.isdir(os.path.join(index_dir, WHOOSH_DIR)) else None
    except (OSError, ValueError) as exc:
        raise EngineUnavailable(f"{path} cannot be read ({exc}); run `foi ingest --force`") from exc
    name = data.get("engine") if isinstance(data, dict) else None
    if name not in ENGINES:
        raise EngineUnavailable(f"{path} names an unknown search engine {name!r} (known: {', '.join(ENGINES)})")
    return name


def choose_engine(index_dir: str, asked: str | None) -> str:
    """The engine an ingest writes: the recorded one; ``asked`` (or the default) for a new index.
    Asking for another engine than the recorded one is refused (EngineMismatch): the two do not
    share files, and a silent switch would leave the older engine's files stale."""
    if asked is not None and asked not in ENGINES:
        raise EngineUnavailable(f"unknown search engine {asked!r} (known: {', '.join(ENGINES)})")
    recorded = recorded_engine(index_dir)
    if asked is not None and recorded is not None and asked != recorded:
        raise EngineMismatch(
            f"the index at {index_dir} uses the {recorded} engine, not {asked}; ingest into a new "
            f"--index folder to use {asked}, or leave out --engine"
        )
    return recorded or asked or DEFAULT_ENGINE


def _record(index_dir: str, name: str) -> None:
    path = os.path.join(index_dir, ENGINE_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            if json.load(handle).get("engine") == name:
                return
    except (OSError, ValueError, AttributeError):
        pass
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump({"engine": name}, handle)
        handle.write("\n")
    os.replace(tmp, path)  # never a half-written record


def open_backend(index_dir: str, mode: Mode = "read", engine: str | None = None) -> SearchBackend:
    """The index's search engine. ``read``: the recorded engine, EngineUnavailable when it
    cannot be opened. ``write`` (`foi ingest` only, under its lock): ``engine`` or the recorded
    one (EngineMismatch when they differ), made empty when missing or of another version
    (``backend.created``), and recorded in the index."""
    if mode == "write":
        name = choose_engine(index_dir, engine)
        os.makedirs(index_dir, exist_ok=True)
        if name == "fts5":
            from index.engine.fts5_backend import Fts5Backend

            backend: SearchBackend = Fts5Backend(os.path.join(index_dir, FTS5_FILE), create=True)
        else:
            from index.engine.whoosh_backend import WhooshBackend

            backend = WhooshBackend.open_for_writing(os.path.join(index_dir, WHOOSH_DIR))
        _record(index_dir, name)
        return backend
    name = recorded_engine(index_dir) or DEFAULT_ENGINE
    if name == "fts5":
        from index.engine.fts5_backend import Fts5Backend

        try:
            return Fts5Backend(os.path.join(index_dir, FTS5_FILE))
        except (EngineVersionError, OSError) as exc:
            raise EngineUnavailable(str(exc)) from exc
    return _open_whoosh(os.path.join(index_dir, WHOOSH_DIR))


def _open_whoosh(path: str) -> SearchBackend:
    from index.engine.whoosh_backend import WhooshBackend

    for attempt in range(3):
        try:
            backend = WhooshBackend(path)
            # Open the segment readers now: a concurrent ingest's commit deletes the files of
            # the generation it replaces, so a reader caught between reading the TOC and
            # opening its segments retries on the new generation.
            backend.doc_count()
            return backend
        except EngineVersionError as exc:
            raise EngineUnavailable(str(exc)) from exc
        except OSError as exc:  # FileNotFoundError: no engine, or a file gone mid-open
            if attempt == 2:
                raise EngineUnavailable(str(exc)) from exc
            time.sleep(0.2)
    raise AssertionError("unreachable")


def remove_engines(index_dir: str) -> None:
    """Delete every engine's files (an index rebuilt by `foi ingest --force`); the record stays."""
    import shutil  # here, not at the top: shutil (with bz2, lzma) is no business of a search

    shutil.rmtree(os.path.join(index_dir, WHOOSH_DIR), ignore_errors=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(os.path.join(index_dir, FTS5_FILE) + suffix)
        except FileNotFoundError:
            pass
