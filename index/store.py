"""The record store: every document and what was extracted from it, in one SQLite file.

The search engine holds only ids; this store holds the text and the records, so whole
`Document`s can be rebuilt for `show`, audit and trace. Each record is kept as JSON of its
dataclass (so a field added to `ingest/models.py` is kept without a migration) beside the
columns the commands filter and sort on.

Consistency with the engine: a file's records are replaced in one transaction that also adds
its doc ids to ``engine_pending``; the ids leave that table only after the engine has
committed the same change. Whatever is still pending when a writer opens the index (a crash
between the two commits) is replayed from the store, so the two always end up agreeing.

One commit point for readers: a pending document is shown only when the engine's committed
index holds exactly its stored passages (`index.open_index` checks, `hide_documents` hides
the others), so while an ingest writes, or after one was killed, `foi documents` lists
exactly what `foi search` can find.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import os
import re
import sqlite3
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# The other records as `models.Action` etc., looked up when a command loads them: a search builds
# only Documents and Passages, and ingest/models.py defines the rest on first use.
from ingest import models
from ingest.models import Document, Passage

# typing.TYPE_CHECKING without importing typing (~1.5 ms of every `foi search`); type checkers
# read this name alike (PEP 781)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ingest.models import Action, RecommendationRef, Redaction

# Bump on any change to the tables below; add a step to `_MIGRATIONS` when an older store can
# be brought up to date in place, else an older index must be rebuilt (`foi ingest --force`).
SCHEMA_VERSION = 4
# Versions this code reads correctly as they are (a reader never migrates: it may be read-only).
READABLE_VERSIONS = {1, 2, 3, 4}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,          -- absolute path: the file's identity
    given TEXT NOT NULL,            -- the path as the user gave it (shown in output)
    sha256 TEXT NOT NULL,
    size INTEGER,
    mtime REAL,
    state TEXT NOT NULL,            -- 'ok' or 'failed'
    error TEXT,
    warnings TEXT,
    ingested_at REAL,
    pipeline TEXT                   -- ingest.pipeline.PIPELINE_VERSION that read it (NULL: before versions)
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL REFERENCES files(path),
    ordinal INTEGER NOT NULL,
    source TEXT NOT NULL,
    title TEXT,
    doc_type TEXT,
    grp TEXT,
    date TEXT,
    pages INTEGER,
    sha256 TEXT,
    data TEXT NOT NULL              -- JSON: text, page_starts, headings, headers, attachments, spans
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS passages (
    passage_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    recs TEXT NOT NULL,             -- JSON list of ints
    dup_key TEXT NOT NULL,
    has_redaction INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, seq);
CREATE INDEX IF NOT EXISTS passages_dup ON passages(dup_key);
CREATE TABLE IF NOT EXISTS actions (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    action_id TEXT NOT NULL,
    meeting_date TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS actions_id ON actions(action_id);
CREATE TABLE IF NOT EXISTS rec_refs (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    number INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS rec_refs_number ON rec_refs(number);
CREATE TABLE IF NOT EXISTS date_mentions (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    iso TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS redactions (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    style TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS engine_pending (
    doc_id TEXT PRIMARY KEY         -- the engine must be made to hold exactly the store's passages
);
CREATE TABLE IF NOT EXISTS traces (
    action_id TEXT PRIMARY KEY,     -- each action's chain through later papers, as `foi trace` prints it
    status TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS abbreviations (
    doc_id TEXT NOT NULL,           -- "Memorandum of Understanding (MoU)" defined in this document
    short TEXT NOT NULL,
    long TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS abbreviations_doc ON abbreviations(doc_id);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
"""


# version -> statements that bring a store of that version to the next one
_MIGRATIONS = {
    1: ["ALTER TABLE files ADD COLUMN pipeline TEXT"],  # NULL: read by a pipeline before versions
    2: ["CREATE TABLE IF NOT EXISTS traces (action_id TEXT PRIMARY KEY, status TEXT NOT NULL, data TEXT NOT NULL)"],
    # A step may also be a function of the connection (here: learn the stored papers' abbreviations).
    3: ["CREATE TABLE IF NOT EXISTS abbreviations (doc_id TEXT NOT NULL, short TEXT NOT NULL, long TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS abbreviations_doc ON abbreviations(doc_id)",
        lambda db: _learn_abbreviations(db)],
}


# The tables of one document's records: what a reader sees of them waits for the engine.
COMMITTED_TABLES = ("documents", "passages", "actions", "rec_refs", "date_mentions", "redactions", "abbreviations")


def _abbreviation_rows(doc_id: str, texts: Iterable[str]) -> list[tuple[str, str, str]]:
    from index.vocabulary import definitions

    found = definitions("\n\n".join(texts))
    return [(doc_id, short, long) for short, long in found]


def _learn_abbreviations(db: sqlite3.Connection) -> None:
    """Fill the abbreviations table from the passages already stored."""
    by_doc: dict[str, list[str]] = {}
    for doc_id, text in db.execute("SELECT doc_id, text FROM passages ORDER BY doc_id, seq"):
        by_doc.setdefault(doc_id, []).append(text)
    for doc_id, texts in by_doc.items():
        db.executemany("INSERT INTO abbreviations(doc_id, short, long) VALUES (?,?,?)",
                       _abbreviation_rows(doc_id, texts))


# A document's link to the e-mail or archive it came out of, read out of its JSON for listings.
_LINK_COLUMNS = "json_extract(data, '$.parent_id') AS parent_id, json_extract(data, '$.member') AS member"


class StoreVersionError(Exception):
    """The store was written by another schema version."""


@dataclass
class FileRow:
    """A file the index has read: its path, how it was given, what was read of it and when."""

    path: str
    given: str
    sha256: str
    size: int | None
    mtime: float | None
    state: str
    error: str | None
    doc_ids: list[str]
    pipeline: str | None = None  # the pipeline version that read it


@dataclass
class RefRow:
    """A recommendation reference with the document it sits in (the `foi recs` row)."""

    ref: RecommendationRef
    doc_id: str
    source: str
    date: str | None
    doc_type: str

    def to_json(self) -> dict:
        return {
            "number": self.ref.number,
            "doc_id": self.doc_id,
            "source": self.source,
            "date": self.date,
            "page": self.ref.page,
            "location": self.ref.location,
            "text": self.ref.text,
        }


class FilterError(ValueError):
    """A filter value that cannot be answered (an unknown status, a date that is not a date);
    its message says what is accepted. The CLI prints it as one line and exits 2."""


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str | None, what: str = "date") -> str | None:
    """``value`` when it is a real YYYY, YYYY-MM or YYYY-MM-DD date, else FilterError."""
    if value is None:
        return None
    value = value.strip()
    m = _DATE.match(value)
    if m:
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            datetime.date(year, 1 if month is None else month, 1 if day is None else day)
            return value
        except ValueError as exc:
            raise FilterError(f"{what} {value!r} is not a date ({exc}); use YYYY-MM-DD, YYYY-MM or YYYY") from None
    raise FilterError(f"{what} {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")


def status_key(status: str | None) -> str:
    """A status as compared: "In_Progress", "in-progress" and "in progress" are one."""
    return " ".join((status or "").replace("_", " ").replace("-", " ").lower().split())


# The statuses `foi trace` gives an action, as printed (stored with "_" for the spaces).
TRACE_STATUSES = ("open", "in progress", "completed", "carried forward")
@dataclass
class RedactionFilters:
    """What `foi redactions` lists: every field ANDed; None is no restriction."""

    doc: str | None = None  # a doc_id (or a unique prefix of one) or part of a file name
    style: str | None = None  # one of ingest.models.REDACTION_STYLES
    since: str | None = None  # on the document's date
    until: str | None = None

    def __post_init__(self) -> None:
        from ingest.models import REDACTION_STYLES

        self.since = check_date(self.since, "--since")
        self.until = check_date(self.until, "--until")
        if self.style is not None:
            self.style = self.style.strip().lower()
            if self.style not in REDACTION_STYLES:
                raise FilterError(f"unknown --style {self.style!r}; use one of: {', '.join(REDACTION_STYLES)}")


DONE_STATUSES = {"complete", "completed", "done", "closed", "discharged", "no longer required"}
# What --status accepts besides the statuses written in the index: "open" = anything not done,
# "done" (and its spellings) = any finished status.
STATUS_ALIASES = {"done": "completed", "complete": "completed", "closed": "completed",
                  "ongoing": "in progress", "carried": "carried forward"}


@dataclass
class ActionFilters:
    """What `foi actions` lists (and owner:/status: in a query): every field ANDed."""

    owner: str | None = None  # case-insensitive substring of any owner
    rec: int | None = None
    status: str | None = None  # "open" = anything not complete/closed; "done" = any finished; else as printed
    since: str | None = None  # on the meeting date (else the due date)
    until: str | None = None

    def __post_init__(self) -> None:
        self.since = check_date(self.since, "--since")
        self.until = check_date(self.until, "--until")
        if self.status is not None and not status_key(self.status):
            raise FilterError(f"--status is empty; use one of: {', '.join(TRACE_STATUSES)}, done")


@dataclass
class PassageRow:
    """A stored passage with its duplicate key and whether it holds a redaction."""

    passage: Passage
    dup_key: str
    has_redaction: bool


def _status_matches(want: str, status: str | None) -> bool:
    have = status_key(status)
    done = {status_key(s) for s in DONE_STATUSES}
    if want == "open":
        return have not in done
    if want in done:
        return have in done
    return have == want


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _asdict(record) -> dict:
    return dataclasses.asdict(record)


@functools.cache
def _field_names(cls) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _build(cls, data: dict):
    """A dataclass from its JSON, ignoring fields this version does not know."""
    names = _field_names(cls)  # once per class: a search builds a few hundred passages
    kwargs = {k: v for k, v in data.items() if k in names}
    if "bbox" in kwargs and kwargs["bbox"] is not None:
        kwargs["bbox"] = tuple(kwargs["bbox"])
    return cls(**kwargs)


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


class Store:
    def __init__(self, path: str, create: bool = False, readonly: bool = False) -> None:
        self.path = path
        exists = os.path.exists(path)
        if not exists and not create:
            raise FileNotFoundError(f"no index at {os.path.dirname(path) or '.'}; run `foi ingest` first")
        if readonly and exists:
            uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
        else:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        known = READABLE_VERSIONS if readonly else {SCHEMA_VERSION, *_MIGRATIONS}
        if version not in known | {0}:
            self.db.close()
            raise StoreVersionError(
                f"index at {os.path.dirname(path) or '.'} was made by another version "
                f"(store schema {version}, this is {SCHEMA_VERSION}); run `foi ingest --force`"
            )
        if 0 < version < SCHEMA_VERSION and not readonly:
            self._migrate(version)
        if version == 0:
            if readonly:
                raise FileNotFoundError(f"no index at {os.path.dirname(path) or '.'}; run `foi ingest` first")
            # WAL: readers (foi search) see the last committed state while an ingest writes.
            self.db.execute("PRAGMA journal_mode=WAL")
            with self.transaction():
                self._create()
        self.db.execute("PRAGMA foreign_keys=OFF")

    def hide_documents(self, doc_ids: Iterable[str]) -> None:
        """From now on this (reading) connection does not see these documents' records: each
        record table is shadowed by a TEMP view without them (a temp object is found before a
        main one of the same name; the index file is never written)."""
        hidden = sorted(set(doc_ids))
        if not hidden:
            return
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS hidden_docs (doc_id TEXT PRIMARY KEY)")
        self.db.executemany("INSERT OR IGNORE INTO temp.hidden_docs(doc_id) VALUES (?)", [(d,) for d in hidden])
        for table in COMMITTED_TABLES:
            if self._has_table(table):
                self.db.execute(
                    f"CREATE TEMP VIEW IF NOT EXISTS {table} AS SELECT * FROM main.{table} "
                    "WHERE doc_id NOT IN (SELECT doc_id FROM temp.hidden_docs)")

    def stored_keys(self, doc_ids: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
        """doc_id -> {(passage_id, dup_key)} as the store holds them (whatever is hidden)."""
        out: dict[str, set[tuple[str, str]]] = {d: set() for d in doc_ids}
        for d in out:
            for row in self.db.execute("SELECT passage_id, dup_key FROM main.passages WHERE doc_id=?", (d,)):
                out[d].add((row[0], row[1]))
        return out

    def _create(self) -> None:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self.db.execute(statement)
        self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _migrate(self, version: int) -> None:
        """Bring an older store up to this schema in one transaction (all steps or none)."""
        with self.transaction():
            while version < SCHEMA_VERSION:
                for statement in _MIGRATIONS[version]:
                    if callable(statement):
                        statement(self.db)
                    else:
                        self.db.execute(statement)
                version += 1
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (one file = one transaction)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ---- meta ---------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key=?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # ---- files --------------------------------------------------------------------------------

    def file(self, path: str) -> FileRow | None:
        row = self.db.execute("SELECT * FROM files WHERE path=?", (path,)).fetchone()
        if row is None:
            return None
        ids = [r[0] for r in self.db.execute("SELECT doc_id FROM documents WHERE path=? ORDER BY ordinal", (path,))]
        pipeline = row["pipeline"] if "pipeline" in row.keys() else None
        return FileRow(row["path"], row["given"], row["sha256"], row["size"], row["mtime"], row["state"],
                       row["error"], ids, pipeline)

    def files(self) -> list[FileRow]:
        return [f for f in (self.file(r[0]) for r in self.db.execute("SELECT path FROM files ORDER BY path")) if f]

    def doc_ids_replaced(self, path: str, documents: list[Document]) -> list[str]:
        """The stored doc ids that `replace_file` of these documents at ``path`` replaces: the
        file's own, and any id of its documents another file holds (the same path spelt
        differently). Only these can be in the search engine already."""
        old = [r[0] for r in self.db.execute("SELECT doc_id FROM documents WHERE path=?", (path,))]
        clash = [d.doc_id for d in documents
                 if self.db.execute("SELECT 1 FROM documents WHERE doc_id=?", (d.doc_id,)).fetchone()]
        return list(dict.fromkeys(old + clash))

    def replace_file(
        self, path: str, given: str, sha256: str, size: int | None, mtime: float | None,
        documents: list[Document], rows: dict[str, PassageRow], warnings: list[str] | None = None,
        pipeline: str | None = None, replaced: list[str] | None = None,
    ) -> list[str]:
        """Replace everything known about one file, in one transaction; returns the doc ids whose
        engine passages must change (old and new), already marked pending. ``pipeline`` is the
        version of the pipeline that read it (default: this one); ``replaced`` is what
        `doc_ids_replaced` gave, when the caller has already asked."""
        from index import fault_point  # here: index/__init__ imports this module
        from ingest.pipeline import PIPELINE_VERSION

        pipeline = pipeline or PIPELINE_VERSION
        with self.transaction():
            old = replaced if replaced is not None else self.doc_ids_replaced(path, documents)
            self._delete_docs(old)
            self.db.execute(
                "INSERT OR REPLACE INTO files(path, given, sha256, size, mtime, state, error, warnings, ingested_at,"
                " pipeline) VALUES (?,?,?,?,?,'ok',NULL,?,?,?)",
                (path, given, sha256, size, mtime, _json(warnings or []), time.time(), pipeline),
            )
            for doc in documents:
                self._insert_doc(path, doc, rows)
            touched = list(dict.fromkeys(old + [d.doc_id for d in documents]))
            self.db.executemany("INSERT OR IGNORE INTO engine_pending(doc_id) VALUES (?)", [(d,) for d in touched])
            fault_point("store_txn")
        fault_point("store_committed")
        return touched

    def mark_failed(self, path: str, given: str, sha256: str, size: int | None, mtime: float | None,
                    error: str, pipeline: str | None = None) -> None:
        """Record that a file failed. Documents of an earlier good version stay searchable."""
        from ingest.pipeline import PIPELINE_VERSION

        pipeline = pipeline or PIPELINE_VERSION
        with self.transaction():
            row = self.db.execute("SELECT state FROM files WHERE path=?", (path,)).fetchone()
            if row is None:
                self.db.execute(
                    "INSERT INTO files(path, given, sha256, size, mtime, state, error, ingested_at, pipeline)"
                    " VALUES (?,?,?,?,?,'failed',?,?,?)",
                    (path, given, sha256, size, mtime, error, time.time(), pipeline))
            else:
                self.db.execute("UPDATE files SET state='failed', error=? WHERE path=?", (error, path))

    def _delete_docs(self, doc_ids: list[str]) -> None:
        for table in ("documents", "passages", "actions", "rec_refs", "date_mentions", "redactions",
                      "abbreviations"):
            self.db.executemany(f"DELETE FROM {table} WHERE doc_id=?", [(d,) for d in doc_ids])

    def _insert_doc(self, path: str, doc: Document, rows: dict[str, PassageRow]) -> None:
        data = {
            "text": doc.text,
            "page_starts": [list(p) for p in doc.page_starts],
            "date_source": doc.date_source,
            "headings": doc.headings,
            "headers": doc.headers,
            "attachments": doc.attachments,
            "redaction_spans": [_asdict(s) for s in doc.redaction_spans],
            # the e-mail or archive it came out of, and its name there (None: a file of its own)
            "parent_id": doc.parent_id,
            "member": doc.member,
            "hidden": [_asdict(h) for h in doc.hidden],
        }
        self.db.execute(
            "INSERT INTO documents(doc_id, path, ordinal, source, title, doc_type, grp, date, pages, sha256, data)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (doc.doc_id, path, doc.ordinal, doc.source, doc.title, doc.doc_type, doc.group, doc.date,
             doc.pages, doc.sha256, _json(data)),
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO passages(passage_id, doc_id, seq, text, recs, dup_key, has_redaction, data)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(p.passage_id, doc.doc_id, i, p.text, _json(sorted(set(p.recommendations))),
              rows[p.passage_id].dup_key, int(rows[p.passage_id].has_redaction), _json(_asdict(p)))
             for i, p in enumerate(doc.passages)],
        )
        self.db.executemany(
            "INSERT INTO actions(doc_id, seq, action_id, meeting_date, data) VALUES (?,?,?,?,?)",
            [(doc.doc_id, i, a.action_id, a.meeting_date, _json(_asdict(a))) for i, a in enumerate(doc.actions)],
        )
        self.db.executemany(
            "INSERT INTO rec_refs(doc_id, seq, number, data) VALUES (?,?,?,?)",
            [(doc.doc_id, i, r.number, _json(_asdict(r))) for i, r in enumerate(doc.recommendation_refs)],
        )
        self.db.executemany(
            "INSERT INTO date_mentions(doc_id, seq, iso, data) VALUES (?,?,?,?)",
            [(doc.doc_id, i, d.iso, _json(_asdict(d))) for i, d in enumerate(doc.dates)],
        )
        self.db.executemany(
            "INSERT INTO redactions(doc_id, seq, style, data) VALUES (?,?,?,?)",
            [(doc.doc_id, i, r.style, _json(_asdict(r))) for i, r in enumerate(doc.redactions)],
        )
        self.db.executemany(
            "INSERT INTO abbreviations(doc_id, short, long) VALUES (?,?,?)",
            _abbreviation_rows(doc.doc_id, (p.text for p in doc.passages)),
        )

    # ---- engine consistency ------------------------------------------------------------------

    def pending(self) -> list[str]:
        if not self._has_table("engine_pending"):
            return []
        return [r[0] for r in self.db.execute("SELECT doc_id FROM main.engine_pending ORDER BY doc_id")]

    def clear_pending(self, doc_ids: Iterable[str]) -> None:
        with self.transaction():
            self.db.executemany("DELETE FROM engine_pending WHERE doc_id=?", [(d,) for d in doc_ids])

    def mark_pending(self, doc_ids: Iterable[str]) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR IGNORE INTO engine_pending(doc_id) VALUES (?)", [(d,) for d in doc_ids])

    def passage_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT passage_id FROM passages")}

    def doc_ids_of_passages(self, passage_ids: Iterable[str]) -> set[str]:
        out = set()
        for pid in passage_ids:
            row = self.db.execute("SELECT doc_id FROM passages WHERE passage_id=?", (pid,)).fetchone()
            if row:
                out.add(row[0])
        return out

    # ---- reading ----------------------------------------------------------------------------

    def _doc_from_row(self, row: sqlite3.Row, full: bool) -> Document:
        doc = Document(
            doc_id=row["doc_id"], source=row["source"], title=row["title"] or "", doc_type=row["doc_type"] or "other",
            group=row["grp"], date=row["date"], text="", pages=row["pages"], sha256=row["sha256"] or "",
            ordinal=row["ordinal"],
        )
        if "parent_id" in row.keys():  # summaries select these out of the JSON
            doc.parent_id, doc.member = row["parent_id"], row["member"]
        if full:
            data = json.loads(row["data"])
            doc.text = data.get("text", "")
            doc.page_starts = [tuple(p) for p in data.get("page_starts", [])]
            doc.date_source = data.get("date_source", "none")
            doc.headings = data.get("headings", [])
            doc.headers = data.get("headers", {})
            doc.attachments = data.get("attachments", [])
            doc.redaction_spans = [_build(models.RedactionSpan, s) for s in data.get("redaction_spans", [])]
            doc.parent_id = data.get("parent_id")
            doc.member = data.get("member")
            doc.hidden = [_build(models.HiddenContent, h) for h in data.get("hidden", [])]
        return doc

    def documents(self, full: bool = False) -> list[Document]:
        """Every document, by date then source (records not loaded; ``full`` adds text and spans)."""
        rows = self.db.execute(
            f"SELECT *, {_LINK_COLUMNS} FROM documents ORDER BY date IS NULL, date, source, ordinal")
        return [self._doc_from_row(r, full) for r in rows]

    def document_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def passage_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    def find_doc_ids(self, prefix: str) -> list[str]:
        exact = self.db.execute("SELECT doc_id FROM documents WHERE doc_id=?", (prefix,)).fetchone()
        if exact:
            return [exact[0]]
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [r[0] for r in self.db.execute(
            "SELECT doc_id FROM documents WHERE doc_id LIKE ? ESCAPE '\\' ORDER BY doc_id", (like,))]

    def load_document(self, doc_id: str) -> Document | None:
        """The whole document as extraction made it (tables are not kept)."""
        row = self.db.execute("SELECT * FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        doc = self._doc_from_row(row, full=True)
        doc.passages = [_build(Passage, json.loads(r[0])) for r in self.db.execute(
            "SELECT data FROM passages WHERE doc_id=? ORDER BY seq", (doc_id,))]
        for table, cls, attr in (("actions", models.Action, "actions"),
                                 ("rec_refs", models.RecommendationRef, "recommendation_refs"),
                                 ("date_mentions", models.DateMention, "dates"), ("redactions", models.Redaction, "redactions")):
            setattr(doc, attr, [_build(cls, json.loads(r[0])) for r in self.db.execute(
                f"SELECT data FROM {table} WHERE doc_id=? ORDER BY seq", (doc_id,))])
        return doc

    def load_all(self) -> list[Document]:
        return [d for d in (self.load_document(doc.doc_id) for doc in self.documents()) if d is not None]

    def passages(self, passage_ids: Iterable[str]) -> dict[str, PassageRow]:
        out: dict[str, PassageRow] = {}
        ids = list(dict.fromkeys(passage_ids))
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT passage_id, data, dup_key, has_redaction FROM passages WHERE passage_id IN ({marks})", chunk
            ):
                out[r[0]] = PassageRow(_build(Passage, json.loads(r[1])), r[2], bool(r[3]))
        return out

    def passages_of(self, doc_id: str) -> list[PassageRow]:
        return [PassageRow(_build(Passage, json.loads(r[0])), r[1], bool(r[2])) for r in self.db.execute(
            "SELECT data, dup_key, has_redaction FROM passages WHERE doc_id=? ORDER BY seq", (doc_id,))]

    def passages_with_keys(self, dup_keys: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """dup_key -> [(passage_id, doc_id)] for every passage sharing one of the keys."""
        out: dict[str, list[tuple[str, str]]] = {}
        keys = list(dict.fromkeys(dup_keys))
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT dup_key, passage_id, doc_id FROM passages WHERE dup_key IN ({marks}) ORDER BY doc_id, seq",
                chunk,
            ):
                out.setdefault(r[0], []).append((r[1], r[2]))
        return out

    def doc_summaries(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """Each document's columns (title, type, group, date, ...), never its JSON: a search asks
        for a few hundred, and reading parent_id and member out of each document's JSON (its
        whole text) cost more than the rest of the query. ``documents`` gives those."""
        out: dict[str, Document] = {}
        ids = list(dict.fromkeys(doc_ids))
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT doc_id, path, ordinal, source, title, doc_type, grp, date, pages, sha256, '{{}}' AS data"
                f" FROM documents WHERE doc_id IN ({marks})", chunk,
            ):
                out[r["doc_id"]] = self._doc_from_row(r, full=False)
        return out

    def groups(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT grp FROM documents WHERE grp IS NOT NULL ORDER BY grp")]

    def owned_passages(self, name: str) -> list[str]:
        """The passages holding an action one of whose owners contains every word of ``name``
        (case-blind): "Kit Hesketh-Harvey" is "Cllr Kit Hesketh-Harvey"'s. SQLite picks the rows
        that mention the name's longest word; only those are decoded."""
        words = name.lower().split()
        if not words:
            return []
        longest = max(words, key=len).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found: list[str] = []
        for (data,) in self.db.execute("SELECT data FROM actions WHERE data LIKE ? ESCAPE '\\'", (f"%{longest}%",)):
            action = json.loads(data)
            pid = action.get("passage_id")
            if pid and any(all(w in o.lower().split() for w in words) for o in action.get("owners") or ()):
                found.append(pid)
        return sorted(set(found))

    def actions(self, filters: ActionFilters | None = None) -> list[Action]:
        """Actions by meeting date (undated last), then document order, filtered."""
        f = filters or ActionFilters()
        rows = self.db.execute(
            "SELECT a.data, d.date FROM actions a JOIN documents d ON d.doc_id = a.doc_id"
            " ORDER BY COALESCE(a.meeting_date, d.date) IS NULL, COALESCE(a.meeting_date, d.date), d.source, a.seq"
        )
        traced = self.trace_statuses()
        want = self._status_wanted(f.status) if f.status else None
        out = []
        for data, doc_date in rows:
            action = _build(models.Action, json.loads(data))
            # What the chain says (open / in_progress / completed / carried_forward) is the
            # action's status now; a log's own status column is part of that chain.
            action.status = traced.get(action.action_id) or action.status
            if f.owner and not any(f.owner.lower() in o.lower() for o in action.owners):
                continue
            if f.rec is not None and f.rec not in action.recommendations:
                continue
            if want is not None and not _status_matches(want, action.status):
                continue
            when = action.meeting_date or doc_date or action.due_date
            if f.since and (not when or when < f.since):
                continue
            if f.until and (not when or when[: len(f.until)] > f.until):
                continue
            out.append(action)
        return out

    def _status_wanted(self, status: str) -> str:
        """The status key a --status value asks for, or FilterError listing the valid ones."""
        key = status_key(status)
        key = STATUS_ALIASES.get(key, key)
        if key in TRACE_STATUSES or key in {status_key(s) for s in DONE_STATUSES}:
            return key
        written = {status_key(row[0]) for row in self.db.execute("SELECT status FROM traces")} \
            if self._has_table("traces") else set()
        written |= {status_key(json.loads(row[0]).get("status")) for row in self.db.execute("SELECT data FROM actions")}
        written.discard("")
        if key in written:
            return key
        others = sorted(written - set(TRACE_STATUSES))
        raise FilterError(f"no action has status {status!r}; use one of: {', '.join(TRACE_STATUSES)}, done"
                          + (f" (or as written in the papers: {', '.join(others[:12])}"
                             + (", …" if len(others) > 12 else "") + ")" if others else ""))

    def replace_traces(self, traces: Iterable[tuple[str, str, dict]]) -> None:
        """Store every action's trace (action_id, status, trace JSON), replacing the old ones."""
        with self.transaction() as db:
            db.execute("DELETE FROM traces")
            db.executemany(
                "INSERT OR REPLACE INTO traces (action_id, status, data) VALUES (?, ?, ?)",
                ((aid, status, _json(data)) for aid, status, data in traces),
            )

    def trace_statuses(self) -> dict[str, str]:
        if not self._has_table("traces"):
            return {}
        return dict(self.db.execute("SELECT action_id, status FROM traces"))

    def stored_traces(self, action_ids: Iterable[str] | None = None) -> list[dict]:
        if not self._has_table("traces"):
            return []
        if action_ids is None:
            rows = self.db.execute("SELECT data FROM traces")
        else:
            ids = list(action_ids)
            rows = self.db.execute(
                f"SELECT data FROM traces WHERE action_id IN ({','.join('?' * len(ids))})", ids
            )
        return [json.loads(r[0]) for r in rows]

    def action_ids(self, prefix: str = "") -> list[str]:
        """Action ids equal to, or starting with, ``prefix`` (for `foi trace ID`)."""
        exact = self.db.execute("SELECT action_id FROM actions WHERE action_id=?", (prefix,)).fetchall()
        if exact:
            return [exact[0][0]]
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [r[0] for r in self.db.execute(
            "SELECT action_id FROM actions WHERE action_id LIKE ? ESCAPE '\\' ORDER BY action_id", (like,))]

    def action_doc(self, action_id: str) -> str | None:
        row = self.db.execute("SELECT doc_id FROM actions WHERE action_id=?", (action_id,)).fetchone()
        return row[0] if row else None

    def action_counts(self) -> dict[str, int]:
        """doc_id -> how many actions it records (for `foi series`)."""
        return dict(self.db.execute("SELECT doc_id, COUNT(*) FROM actions GROUP BY doc_id"))

    def _has_table(self, name: str) -> bool:
        # a read-only open of an older store has no traces table yet
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None

    def abbreviations(self, words: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Short form (lower case) -> the long forms the papers give it, most often given first.
        With ``words``: only the abbreviations whose short form, or the first word of a long
        form, is one of them (what a query can use)."""
        if not self._has_table("abbreviations"):
            return {}
        where, args = "", ()
        if words is not None:
            args = tuple(dict.fromkeys(w.lower() for w in words))
            if not args:
                return {}
            marks = ",".join("?" * len(args))
            where = (f" WHERE lower(short) IN ({marks})"
                     f" OR lower(substr(long, 1, instr(long || ' ', ' ') - 1)) IN ({marks})")
            args = args + args
        out: dict[str, list[str]] = {}
        for short, long in self.db.execute(
            "SELECT lower(short), long FROM abbreviations" + where + " GROUP BY lower(short), lower(long)"
            " ORDER BY lower(short), COUNT(*) DESC, long", args
        ):
            out.setdefault(short, []).append(long)
        return out

    def recommendation_refs(self, number: int | None = None) -> list[RefRow]:
        """Every reference to recommendation ``number`` (all when None), by document date."""
        sql = ("SELECT r.data, d.doc_id, d.source, d.date, d.doc_type FROM rec_refs r"
               " JOIN documents d ON d.doc_id = r.doc_id")
        args: tuple = ()
        if number is not None:
            sql += " WHERE r.number = ?"
            args = (number,)
        sql += " ORDER BY d.date IS NULL, d.date, r.number, d.source, d.ordinal, r.seq"
        return [RefRow(_build(models.RecommendationRef, json.loads(r[0])), r[1], r[2], r[3], r[4] or "other")
                for r in self.db.execute(sql, args)]

    def redactions(self, filters: RedactionFilters | None = None) -> list[Redaction]:
        """Every redaction by file and place; ``filters`` narrow them (FilterError on a
        document the index does not hold)."""
        f = filters or RedactionFilters()
        where, args = [], []
        if f.doc:
            ids = self.find_doc_ids(f.doc)
            like = "%" + f.doc.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            by_source = [r[0] for r in self.db.execute(
                "SELECT doc_id FROM documents WHERE source LIKE ? ESCAPE '\\'", (like,))]
            ids = sorted(set(ids) | set(by_source))
            if not ids:
                raise FilterError(f"--doc {f.doc!r}: no document id or file name in the index matches "
                                  "(see `foi documents`)")
            where.append(f"d.doc_id IN ({','.join('?' * len(ids))})")
            args += ids
        if f.style:
            where.append("r.style = ?")
            args.append(f.style)
        if f.since:
            where.append("d.date IS NOT NULL AND d.date >= ?")
            args.append(f.since)
        if f.until:
            where.append("d.date IS NOT NULL AND substr(d.date, 1, ?) <= ?")
            args += [len(f.until), f.until]
        rows = self.db.execute(
            "SELECT r.data FROM redactions r JOIN documents d ON d.doc_id = r.doc_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.source, d.ordinal, r.seq", args)
        return [_build(models.Redaction, json.loads(r[0])) for r in rows]
