"""`foi ingest`: walk the paths, read and extract the new or changed files, write store and engine.

Per file the store is written in one transaction that also marks the file's doc ids pending
for the engine. The engine has one writer per run, committed once when the run ends (one new
segment, each passage written once: the run's cost grows with its passages, not faster), after
which the pending marks are cleared: readers see a pending document only once the engine's
commit holds it (`index.open_index`), so a run's documents and their index entries appear at
one commit point. A crash before then leaves pending marks that the next ingest replays from
the store (`reconcile`; the files are not read again), so store and engine always end up
agreeing. An exclusive lock file keeps two ingests from writing the same index at once.

The ingest pipeline (pdfplumber, python-docx, spaCy) is imported inside functions only.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from index import LOCK_FILE, STORE_FILE, IndexUnavailable, fault_point
from index.engine import analysis
from index.engine.backend import PassageRecord
from index.store import PassageRow, Store, StoreVersionError
from ingest.models import BLOCK_CHAR, MEETING_PAPERS, Document

DEFAULT_LOCK_TIMEOUT = 10.0
# Files queued per worker process ahead of the writer (bounds memory in a parallel ingest).
READ_AHEAD = 2

Progress = Callable[[int, int, str | None], None]  # (done, total, path just finished)


@dataclass
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    documents: int = 0  # in the index after this run
    passages: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files with no reader
    missing: list[str] = field(default_factory=list)  # indexed before, gone now: kept, not removed
    warnings: list[tuple[str, str]] = field(default_factory=list)
    reconciled: int = 0  # documents replayed into the engine after an interrupted run
    reread: int = 0  # of `ingested`: unchanged files re-read because an older pipeline read them

    def to_json(self) -> dict:
        return {
            "schema": 1,
            "ingested": self.ingested,
            "reread": self.reread,
            "unchanged": self.unchanged,
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "documents": self.documents,
            "passages": self.passages,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "missing": list(self.missing),
            "warnings": [{"path": p, "warning": w} for p, w in self.warnings],
        }


class IndexBusy(Exception):
    """Another ingest holds the index lock."""


class IngestLock:
    """An exclusive flock on ``ingest.lock``; the kernel drops it if the holder dies, so it is never stale."""

    def __init__(self, path: str, timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> IngestLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                    os.close(fd)
                    raise IndexBusy(
                        f"another `foi ingest` (pid {holder}) is writing to {os.path.dirname(self.path)}; "
                        f"waited {self.timeout:g} s, try again when it finishes"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


# ---- what the engine gets for a document ---------------------------------------------------


TITLED_WORDS = 20  # a passage this long carries its paper's title into the index


def engine_text(doc: Document, start: int, end: int, text: str) -> str:
    """The passage text with every redaction span written as one █ run, so a PDF box or DOCX
    shading (whose marker may be the visible text underneath) is one marker token, and text
    under a box is not searchable."""
    spans = [s for s in doc.redaction_spans if s.start < end and s.end > start]
    if not spans or doc.text[start:end] != text:
        return text
    out, pos = [], start
    for s in sorted(spans, key=lambda s: s.start):
        a, b = max(s.start, start), min(s.end, end)
        if a < pos:
            continue
        out.append(doc.text[pos:a])
        out.append(" " + BLOCK_CHAR + " ")
        pos = b
    out.append(doc.text[pos:end])
    return "".join(out)


def passage_rows(doc: Document) -> tuple[dict[str, PassageRow], dict[str, str]]:
    """Per passage: its duplicate key and redaction flag (for the store), and its engine text."""
    rows: dict[str, PassageRow] = {}
    texts: dict[str, str] = {}
    for p in doc.passages:
        text = engine_text(doc, p.start, p.end, p.text)
        toks = analysis.terms(text)
        # What the passage sits under is indexed with it (not shown): a paragraph of item "4.
        # Election of Treasurer" of the Friends' minutes answers "who is the Friends' treasurer",
        # a clause of the "Library Services Contract" answers "library services contract insurance".
        # A meeting paper's title is its group and a date ("Minutes of the Board meeting held on
        # …"): its group is indexed; another paper's group is whoever wrote or signed it, which
        # its title names better (every clause of a council's contract would answer "council").
        # A fragment ("• any children") is found by its own words and heading.
        meeting = doc.doc_type in MEETING_PAPERS
        title = doc.title if not meeting and len(toks) >= TITLED_WORDS else None
        group = doc.group if meeting else None
        context = " ".join(dict.fromkeys(c for c in (p.context, group, title) if c and c not in text))
        # Duplicate key: the indexed tokens, so spacing, case and marker spelling do not matter.
        # Very short passages ("Apologies", "Item 3") are too common to call duplicates.
        dup_key = hashlib.sha1(" ".join(toks).encode()).hexdigest()[:20] if len(toks) >= 4 else ""
        has_redaction = analysis.REDACTION_TOKEN in toks or any(
            s.start < max(p.end, p.start + 1) and s.end > p.start for s in doc.redaction_spans)
        rows[p.passage_id] = PassageRow(p, dup_key, has_redaction)
        texts[p.passage_id] = f"{text}\n\n{context}" if context else text
    return rows, texts


def engine_records(doc: Document, rows: dict[str, PassageRow], texts: dict[str, str]) -> Iterator[PassageRecord]:
    year = int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None
    for p in doc.passages:
        row = rows[p.passage_id]
        yield PassageRecord(
            passage_id=p.passage_id, doc_id=doc.doc_id, text=texts[p.passage_id],
            recs=list(p.recommendations), year=year, date=doc.date, doc_type=doc.doc_type,
            group=doc.group, has_redaction=row.has_redaction, dup_key=row.dup_key,
        )


# ---- opening for writing and reconciling ------------------------------------------------------

def _open_for_writing(path: str, force: bool, engine: str | None = None):
    """The store and the search engine for writing. ``engine`` (``--engine``) is checked against
    the one the index records before anything is touched (IndexUnavailable when they differ);
    an engine made empty (new, or of another version) is refilled from the store."""
    from index.engine import EngineMismatch, EngineUnavailable, choose_engine, open_backend, remove_engines
    from index.engine.backend import EngineBusy

    os.makedirs(path, exist_ok=True)
    try:
        engine = choose_engine(path, engine)
    except (EngineMismatch, EngineUnavailable) as exc:
        raise IndexUnavailable(str(exc)) from None
    store_path = os.path.join(path, STORE_FILE)
    try:
        store = Store(store_path, create=True)
    except StoreVersionError as exc:
        if not force:
            raise IndexUnavailable(str(exc)) from exc
        # --force on an index of another version: rebuild it from the files.
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(store_path + suffix):
                os.remove(store_path + suffix)
        remove_engines(path)
        store = Store(store_path, create=True)
    try:
        backend = open_backend(path, "write", engine)
    except EngineBusy as exc:
        store.close()
        raise IndexBusy(str(exc)) from None
    except BaseException:
        store.close()
        raise
    if backend.created:
        store.mark_pending(d.doc_id for d in store.documents())
    return store, backend


def reconcile(store: Store, backend, full: bool = False) -> int:
    """Make the engine hold exactly the store's passages for every pending document (and, when
    ``full``, for any document where the two differ). Returns how many documents were replayed."""
    todo = set(store.pending())
    if full:
        engine = backend.passages()
        stored = store.passage_ids()
        todo |= {engine[pid] for pid in engine.keys() - stored}
        todo |= store.doc_ids_of_passages(stored - engine.keys())
    if not todo:
        return 0
    backend.delete_documents(sorted(todo))
    for doc_id in sorted(todo):
        doc = store.load_document(doc_id)
        if doc is not None:
            rows, texts = passage_rows(doc)
            backend.add_passages(engine_records(doc, rows, texts))
    fault_point("reconcile")
    backend.commit()
    store.clear_pending(todo)
    return len(todo)


# ---- the run -------------------------------------------------------------------------------


def _stat(path: str) -> tuple[int | None, float | None]:
    try:
        st = os.stat(path)
        return st.st_size, st.st_mtime
    except OSError:
        return None, None


def _sha256(path: str) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _extract(path: str):
    from ingest.pipeline import extract_file

    return extract_file(path)


def _die_with(parent: int) -> None:
    """Worker initializer: end this worker when ``parent`` (the `foi ingest` that started it)
    ends, even by ``kill -9``. On Linux the kernel sends SIGKILL when the worker's own parent
    (the forkserver) exits, which it does when `foi ingest` is gone; everywhere, a thread
    checks once a second that ``parent`` still lives."""
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass  # alive, another user's: not ours to judge

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _results(paths: list[str], workers: int) -> Iterator:
    """FileResults in order; with workers > 1, worker processes read and extract, this one writes."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield _extract(path)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers start from a clean server process (no inherited SQLite or Whoosh
    # handles) without paying a fresh interpreter per worker as spawn does.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingest.pipeline"])
    # A bounded window of files in flight, yielded in order: the workers keep reading while
    # this process writes, and at most ``ahead`` extracted files wait in memory (Executor.map
    # would submit every file at once and hold every result the writer has not reached).
    from collections import deque

    ahead = workers * READ_AHEAD
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with,
                             initargs=(os.getpid(),)) as pool:
        window: deque = deque()
        todo = iter(paths)
        for path in todo:
            window.append(pool.submit(_extract, path))
            if len(window) >= ahead:
                break
        while window:
            result = window.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                window.append(pool.submit(_extract, nxt))
            yield result


@dataclass
class _Stored:
    """One file as the store now holds it, for the engine to follow."""

    touched: list[str]  # doc ids whose engine passages change (old and new), marked pending
    replaced: list[str]  # doc ids the store held for the file before
    rows: dict[str, PassageRow]
    texts: dict[str, str]


def _store_file(store: Store, result, absolute: str, size: int | None, mtime: float | None,
                pipeline: str | None = None) -> _Stored:
    """Store one file's documents, in one transaction (on an error, nothing of it is written)."""
    rows: dict[str, PassageRow] = {}
    texts: dict[str, str] = {}
    for doc in result.documents:
        r, t = passage_rows(doc)
        rows.update(r)
        texts.update(t)
    # Only ids the store held can be in the engine (what a crash left half-done is replayed
    # from the pending marks before a run starts): a new file deletes nothing, and a delete
    # costs the engine a look at every segment.
    replaced = store.doc_ids_replaced(absolute, result.documents)
    touched = store.replace_file(absolute, result.path, result.sha256, size, mtime,
                                 result.documents, rows, result.warnings, pipeline, replaced)
    return _Stored(touched, replaced, rows, texts)


def _engine_file(backend, result, stored: _Stored) -> None:
    """Queue a stored file's change in the engine's open writer (visible at its commit)."""
    backend.delete_documents(stored.replaced)
    for doc in result.documents:
        backend.add_passages(engine_records(doc, stored.rows, stored.texts))
    fault_point("engine_add")


def _write_file(store: Store, backend, result, absolute: str, size: int | None, mtime: float | None,
                pipeline: str | None = None) -> list[str]:
    """Store one file's documents (one transaction) and queue its passages in the engine."""
    stored = _store_file(store, result, absolute, size, mtime, pipeline)
    _engine_file(backend, result, stored)
    return stored.touched


def run(
    index_path: str,
    paths: Iterable[str],
    force: bool = False,
    workers: int = 1,
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    engine: str | None = None,
    waiting: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into the index at ``index_path``. ``progress(done, total, path)`` after each
    file; ``waiting(path)`` before the run waits for a file to be read (files come in order), so
    a long file can be shown while it is read. One engine writer for the run, committed at its
    end (see the module's docstring)."""
    from ingest.pipeline import PIPELINE_VERSION
    from ingest.walk import walk

    paths = list(paths)
    os.makedirs(index_path, exist_ok=True)
    summary = IngestSummary()
    with IngestLock(os.path.join(index_path, LOCK_FILE), lock_timeout):
        store, backend = _open_for_writing(index_path, force, engine)
        try:
            interrupted = store.get_meta("writing") == "1"
            summary.reconciled = reconcile(store, backend, full=interrupted)
            store.set_meta("writing", "1")
            walked = walk(paths)
            summary.failed += walked.problems
            summary.skipped += walked.skipped

            todo: list[tuple[str, str, str | None, int | None, float | None]] = []  # (given, abs, sha, size, mtime)
            reread: set[str] = set()
            for given in walked.files:
                absolute = os.path.abspath(given)
                size, mtime = _stat(given)
                known = store.file(absolute)
                if not force and known is not None and known.state == "ok" and known.pipeline != PIPELINE_VERSION:
                    # Read by an older pipeline: what it yields may differ now, changed or not.
                    reread.add(given)
                elif not force and known is not None and known.state == "ok":
                    # Same size and mtime as last time: unchanged without reading it again
                    # (re-ingest of a large archive must cost a stat per file, not a hash).
                    if known.size == size and known.mtime == mtime:
                        summary.unchanged += 1
                        continue
                    sha = _sha256(given)
                    if sha is not None and sha == known.sha256:
                        store.db.execute("UPDATE files SET size=?, mtime=? WHERE path=?", (size, mtime, absolute))
                        summary.unchanged += 1
                        continue
                todo.append((given, absolute, None, size, mtime))

            total = len(todo)
            if progress:
                progress(0, total, None)
            pending: list[str] = []  # doc ids the engine's commit will confirm
            done = 0
            by_path = {given: (absolute, size, mtime) for given, absolute, _, size, mtime in todo}
            order = [t[0] for t in todo]
            results = _results(order, workers)
            for position in range(len(order)):
                if waiting:
                    waiting(order[position])
                result = next(results)
                fault_point("read")
                absolute, size, mtime = by_path[result.path]
                if result.error:
                    summary.failed.append((result.path, result.error))
                    store.mark_failed(absolute, result.path, result.sha256, size, mtime, result.error,
                                      PIPELINE_VERSION)
                else:
                    try:
                        stored = _store_file(store, result, absolute, size, mtime, PIPELINE_VERSION)
                    except Exception as exc:  # noqa: BLE001 - one bad record must not stop the run
                        # Nothing of the file was written (one transaction), and the engine
                        # was not touched: the file's earlier version, if any, stays.
                        summary.failed.append((result.path, f"could not be indexed ({type(exc).__name__}: {exc})"))
                    else:
                        try:
                            _engine_file(backend, result, stored)
                        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the run
                            # Drop the run's writer and replay what it held from the store
                            # (whole files only, each written in one transaction).
                            backend.cancel()
                            reconcile(store, backend)
                            pending = []
                            summary.failed.append((result.path, f"could not be indexed ({type(exc).__name__}: {exc})"))
                        else:
                            pending += stored.touched
                            summary.warnings += [(result.path, w) for w in result.warnings]
                            summary.ingested += 1
                            summary.reread += result.path in reread
                done += 1
                if progress:
                    progress(done, total, result.path)
            results.close()  # the worker pool, if any, shuts down here
            # The run's one commit point: its new segment, merged as whoosh_writer's policy says.
            backend.commit()
            fault_point("whoosh_committed")
            store.clear_pending(pending)

            given_abs = [os.path.abspath(p) for p in paths]
            for known in store.files():
                inside = any(known.path == g or known.path.startswith(g.rstrip(os.sep) + os.sep) for g in given_abs)
                if inside and not os.path.exists(known.path):
                    summary.missing.append(known.given)
            if summary.ingested or summary.missing or force or store.get_meta("traces") not in ("fresh", "on_demand"):
                _retrace(store, summary)
            fault_point("finish")
            store.set_meta("writing", "0")
        except BaseException:
            backend.cancel()  # the pending marks in the store replay this run next time
            raise
        finally:
            summary.documents = store.document_count()
            summary.passages = store.passage_count()
            backend.close()
            store.close()
    return summary


# actions × passages (the bundled corpus: about 130,000); $FOI_TRACE_AT_INGEST_LIMIT overrides
TRACE_AT_INGEST_LIMIT = 2_000_000


def trace_at_ingest_limit() -> int:
    """$FOI_TRACE_AT_INGEST_LIMIT, read when an ingest needs it (never at import: the CLI checks
    the value first and names it; here a bad value falls back to the default)."""
    raw = os.environ.get("FOI_TRACE_AT_INGEST_LIMIT", "").strip()
    try:
        return max(int(raw), 0) if raw else TRACE_AT_INGEST_LIMIT
    except ValueError:
        return TRACE_AT_INGEST_LIMIT


def _retrace(store: Store, summary: IngestSummary) -> None:
    """Trace every action through the papers now in the index, once per ingest that changed
    them, so `foi actions --status` and `foi trace ACTION_ID` read stored chains."""
    from index.trace import trace_documents

    # Tracing compares each action with the later papers of its series; past this much work an
    # ingest would stall on it, so `foi trace` traces on demand instead.
    actions = store.db.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
    if actions * store.passage_count() > trace_at_ingest_limit():
        store.replace_traces([])
        store.set_meta("traces", "on_demand")
        summary.warnings.append(("(index)", f"{actions} actions: too many to trace during ingest; "
                                 "`foi trace` traces them when asked"))
        return
    try:
        # No action, nothing to trace: loading every document to find that out costs seconds
        # on a big index.
        traces = trace_documents(store.load_all()) if actions else []
        store.replace_traces((t.action.action_id, t.status, t.to_json()) for t in traces)
        store.set_meta("traces", "fresh")
    except Exception as exc:  # noqa: BLE001 - the index stays usable; statuses come from the logs
        store.set_meta("traces", "stale")
        summary.warnings.append(("(index)", f"tracing actions failed ({type(exc).__name__}: {exc})"))


@dataclass
class _Given:
    """A FileResult-like record for documents made without reading a file."""

    path: str
    documents: list[Document]
    sha256: str
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def write_documents(index_path: str, path: str, documents: list[Document], sha256: str = "",
                    lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
    """Index documents built in memory as if they were read from ``path`` (replacing what that
    path held). For tests and for the synthetic benchmark corpus: same code path as ingest."""
    os.makedirs(index_path, exist_ok=True)
    with IngestLock(os.path.join(index_path, LOCK_FILE), lock_timeout):
        store, backend = _open_for_writing(index_path, force=False)
        try:
            reconcile(store, backend)
            digest = sha256 or hashlib.sha256("".join(d.text for d in documents).encode()).hexdigest()
            touched = _write_file(store, backend, _Given(path, documents, digest), os.path.abspath(path), None, None)
            backend.commit()
            store.clear_pending(touched)
        except BaseException:
            backend.cancel()
            raise
        finally:
            backend.close()
            store.close()
