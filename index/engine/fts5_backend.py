"""The SQLite FTS5 implementation of `SearchBackend` (``foi ingest --engine fts5``).

One database, ``<index>/fts5.sqlite``: a ``passages`` table (ids, filter fields, field lengths),
``recs`` (recommendation numbers), and two FTS5 tables sharing its row ids: ``text_fts`` (the
passage text) and ``spell_fts`` (its unstemmed words, for spelling suggestions).

Analysis is the Whoosh backend's, to the token: the text is analysed in Python
(`analysis.terms`: marker tokens, item numbers, accent folding, Porter stemming) and FTS5 gets
the indexed forms joined by spaces, with a tokenizer that splits on spaces only. FTS5's own
``porter unicode61`` would split "4.2" and "1,000", index the word "redacted" inside a marker and
stem differently, so the two engines would not match the same passages.

FTS5 finds the postings (term instances through an ``fts5vocab`` table, phrases through
MATCH); `fts5_eval` scores them as Whoosh does. The scores are equal to Whoosh's until a passage
is replaced: Whoosh keeps counting deleted passages in its BM25 statistics until its segments
merge, this engine stops at once (matches and totals stay the same). Adds and deletes since the last commit are one
SQLite transaction: `commit` makes them visible all at once, `cancel` drops them. A reader
keeps one snapshot (a read transaction) for its life, as a Whoosh searcher does; WAL lets it
read while an ingest writes.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import urllib.parse
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter

from index.engine import analysis, fts5_eval
from index.engine.backend import (
    EngineHit,
    EngineResult,
    EngineVersionError,
    Filters,
    PassageRecord,
    Query,
)

# Bump when the schema or the analysis changes: a database of another version is rebuilt.
ENGINE_VERSION = 1

# Whoosh stores a field length as one byte (whoosh.util.numeric.length_to_byte); scoring with
# the lengths it would read back keeps BM25 equal between the engines.
_LENGTH_STEPS = [int(round((1.033 ** i - 1) * 27)) for i in range(256)]

# Spaces are the only separators: every other character of an indexed token (word characters,
# the "." and "," of "4.2" and "1,000", any non-ASCII letter) is part of it.
_TOKENIZER = "ascii tokenchars '._,'"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,          -- row id of text_fts and spell_fts; grows as passages are added
    passage_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    dup_key TEXT NOT NULL,
    date TEXT,
    year TEXT,
    doc_type TEXT NOT NULL,          -- lower case
    grp TEXT,                        -- group, lower case
    has_redaction INTEGER NOT NULL,
    recs TEXT,                       -- distinct numbers, space-separated, sorted as text
    text_len INTEGER NOT NULL,       -- tokens in the text
    recs_len INTEGER NOT NULL,
    recs_qlen INTEGER NOT NULL       -- recs_len rounded as Whoosh stores a length
);
-- One row: what BM25 needs of the whole collection, kept by every commit (no scan per query):
-- the passage count, the total lengths, and per row id one byte, its text length's code
-- (Whoosh's length byte: _LENGTH_STEPS[code] is the length BM25 uses).
CREATE TABLE IF NOT EXISTS stats (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    docs INTEGER NOT NULL,
    text_len INTEGER NOT NULL,
    recs_len INTEGER NOT NULL,
    lengths BLOB NOT NULL
);
INSERT OR IGNORE INTO stats VALUES (1, 0, 0, 0, x'');
CREATE INDEX IF NOT EXISTS passages_passage ON passages(passage_id);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
CREATE INDEX IF NOT EXISTS passages_year ON passages(year);
CREATE INDEX IF NOT EXISTS passages_date ON passages(date);
CREATE INDEX IF NOT EXISTS passages_type ON passages(doc_type);
CREATE INDEX IF NOT EXISTS passages_grp ON passages(grp);
CREATE TABLE IF NOT EXISTS recs (rec TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (rec, id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS text_fts USING fts5(text, tokenize="{_TOKENIZER}", detail=full);
CREATE VIRTUAL TABLE IF NOT EXISTS text_terms USING fts5vocab(text_fts, row);
CREATE VIRTUAL TABLE IF NOT EXISTS text_hits USING fts5vocab(text_fts, instance);
CREATE VIRTUAL TABLE IF NOT EXISTS spell_fts USING fts5(words, tokenize="{_TOKENIZER}", detail=none);
CREATE VIRTUAL TABLE IF NOT EXISTS spell_terms USING fts5vocab(spell_fts, row);
"""

# Fields a FieldIs or group count names -> their column (recs and text have tables of their own).
_COLUMNS = {"year": "year", "doc_type": "doc_type", "group": "grp", "doc_id": "doc_id",
            "passage_id": "passage_id", "has_redaction": "has_redaction", "date": "date"}
# Group counts: a passage without the value counts under "" for these (Whoosh's sortable
# columns) and not at all for the others.
_EMPTY_AS_BLANK = ("year", "date")

# Ids per IN (...) list: one JSON parameter, whatever the count.
_JSON_IDS = "(SELECT value FROM json_each(?))"


def length_code(n: int) -> int:
    """Whoosh's one-byte code of a field length (whoosh.util.numeric.length_to_byte)."""
    return min(bisect_left(_LENGTH_STEPS, n), 255)


def quantised_length(n: int) -> int:
    """``n`` as Whoosh reads a field length back (byte_to_length(length_to_byte(n)))."""
    return _LENGTH_STEPS[length_code(n)]


# Filter fields whose column has another name ("group" is an SQL keyword).
_COLUMN = {"group": "grp"}


class _Totals:
    """The stats row while a transaction changes it (written back at commit)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.docs, self.text_len, self.recs_len, blob = db.execute(
            "SELECT docs, text_len, recs_len, lengths FROM stats").fetchone()
        self.lengths = bytearray(blob)

    def save(self, db: sqlite3.Connection) -> None:
        db.execute("UPDATE stats SET docs = ?, text_len = ?, recs_len = ?, lengths = ?",
                   (self.docs, self.text_len, self.recs_len, bytes(self.lengths)))


class Fts5Backend:
    def __init__(self, path: str, create: bool = False) -> None:
        self.path = path
        self.created = False
        self._writing = False
        self._totals: _Totals | None = None
        if create:
            self.db = self._open_for_writing(path)
        else:
            if not os.path.exists(path):
                raise FileNotFoundError(f"no search index at {path}; run `foi ingest` first")
            uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
            try:
                found = _version(self.db)
            except sqlite3.Error as exc:  # not a database, unreadable, corrupt
                self.db.close()
                raise EngineVersionError(f"search index at {path} cannot be read ({exc}); "
                                         "run `foi ingest --force`") from exc
            if found != ENGINE_VERSION:
                self.db.close()
                raise EngineVersionError(f"search index at {path} was made by another version (engine {found}, "
                                         f"this is {ENGINE_VERSION}); run `foi ingest --force`")
            # One snapshot for this reader's life: every query of a command sees one state.
            self.db.execute("BEGIN")
        self._snap = _Snapshot(self.db)

    def _open_for_writing(self, path: str) -> sqlite3.Connection:
        db = None
        if os.path.exists(path):
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            try:
                found = _version(db)
            except sqlite3.OperationalError:  # locked, I/O: not ours to delete
                db.close()
                raise
            except sqlite3.DatabaseError:  # not a database, or corrupt
                found = None
            if found != ENGINE_VERSION:  # another version, or not readable: rebuilt empty
                db.close()
                db = None
                for suffix in ("", "-wal", "-shm", "-journal"):
                    if os.path.exists(path + suffix):
                        os.remove(path + suffix)
        if db is None:
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")  # readers see the last commit while an ingest writes
            db.executescript(f"BEGIN; {SCHEMA} INSERT INTO meta VALUES ('engine_version', '{ENGINE_VERSION}'); COMMIT;")
            self.created = True
        return db

    # ---- writing ----------------------------------------------------------------------------

    def _begin(self) -> _Totals:
        if not self._writing:
            self.db.execute("BEGIN IMMEDIATE")
            self._writing = True
            self._totals = _Totals(self.db)
        self._snap = _Snapshot(self.db)  # what a query reads may have changed
        return self._totals

    def add_passages(self, passages: Iterable[PassageRecord]) -> None:
        totals = self._begin()
        next_id = (self.db.execute("SELECT max(id) FROM passages").fetchone()[0] or 0) + 1
        # Row ids run on from the largest: a deleted id's stale length byte is overwritten.
        del totals.lengths[next_id:]
        totals.lengths.extend(bytes(next_id - len(totals.lengths)))
        rows, texts, spells, recs = [], [], [], []
        for p in passages:
            terms, words = analysis.terms_and_words(p.text)
            numbers = sorted({str(n) for n in p.recs})
            rows.append((
                next_id, p.passage_id, p.doc_id, p.dup_key, p.date or None,
                str(p.year) if p.year is not None else None, p.doc_type.lower(),
                p.group.lower() if p.group else None, int(p.has_redaction), " ".join(numbers) or None,
                len(terms), len(numbers), quantised_length(len(numbers)),
            ))
            totals.lengths.append(length_code(len(terms)))
            totals.docs += 1
            totals.text_len += len(terms)
            totals.recs_len += len(numbers)
            texts.append((next_id, " ".join(terms)))
            spells.append((next_id, " ".join(words)))
            recs += [(n, next_id) for n in numbers]
            next_id += 1
        self.db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO text_fts(rowid, text) VALUES (?, ?)", texts)
        self.db.executemany("INSERT INTO spell_fts(rowid, words) VALUES (?, ?)", spells)
        self.db.executemany("INSERT INTO recs(rec, id) VALUES (?, ?)", recs)

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        doc_ids = list(doc_ids)
        if not doc_ids:
            return
        totals = self._begin()
        ids = json.dumps([r[0] for r in self.db.execute(
            f"SELECT id FROM passages WHERE doc_id IN {_JSON_IDS}", (json.dumps(doc_ids),))])
        docs, text_len, recs_len = self.db.execute(
            f"SELECT count(*), total(text_len), total(recs_len) FROM passages WHERE id IN {_JSON_IDS}", (ids,)).fetchone()
        totals.docs -= docs
        totals.text_len -= int(text_len)
        totals.recs_len -= int(recs_len)
        self.db.execute(f"DELETE FROM text_fts WHERE rowid IN {_JSON_IDS}", (ids,))
        self.db.execute(f"DELETE FROM spell_fts WHERE rowid IN {_JSON_IDS}", (ids,))
        self.db.execute(f"DELETE FROM recs WHERE id IN {_JSON_IDS}", (ids,))
        self.db.execute(f"DELETE FROM passages WHERE id IN {_JSON_IDS}", (ids,))

    def commit(self) -> None:
        if self._writing:
            self._writing = False
            self._totals.save(self.db)
            self._totals = None
            self.db.execute("COMMIT")
            self._snap = _Snapshot(self.db)

    def cancel(self) -> None:
        if self._writing:
            self._writing = False
            self._totals = None
            self.db.execute("ROLLBACK")
            self._snap = _Snapshot(self.db)

    # ---- reading ----------------------------------------------------------------------------

    def _scores(self, query: Query):
        node = fts5_eval.Converter(self._snap).convert(query)
        return fts5_eval.Evaluator(self._snap).scores(node)

    def search(self, query: Query, filters: Filters, limit: int | None) -> EngineResult:
        scores, matched = self._scores(query)
        top, total = fts5_eval.top(scores, self._snap.allowed(filters), limit)
        stored = self._snap.stored([d for d, _ in top])
        hits = []
        for d, score in top:
            passage_id, doc_id, dup_key, date = stored[d]
            hits.append(EngineHit(passage_id=passage_id, doc_id=doc_id, dup_key=dup_key, score=float(score),
                                  date=date, matched=frozenset(matched[d])))
        return EngineResult(hits, max(total, len(hits)))

    def group_counts(self, query: Query, filters: Filters, field: str) -> dict[str, int]:
        scores, _ = self._scores(query)
        allow = self._snap.allowed(filters)
        values = self._snap.group_values(field)
        counts: dict[str, int] = {}
        for d in scores:
            if allow is not None and d not in allow:
                continue
            key = values.get(d)
            if key is not None:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def suggest(self, words: Sequence[str]) -> str | None:
        """As the Whoosh backend: a word whose indexed forms are all known stays; another becomes
        the known word within two edits (Levenshtein) whose own form is most frequent as a text
        term, ties to the later word in sort order (what Whoosh's corrector picks)."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        snap = self._snap
        changed = False
        out = []
        for word in words:
            fixed = []
            for raw in [t for t in word.split() if any(c.isalnum() for c in t)]:
                indexed = analysis.terms(raw)
                if indexed and all(snap.term_df("text", t) > 0 for t in indexed):
                    fixed.append(raw)
                    continue
                near = process.extract(raw.lower(), snap.spelling_words(), scorer=Levenshtein.distance,
                                       score_cutoff=2, limit=None)
                if near:
                    best = max((snap.text_frequency(w) or 1, w) for w, _, _ in near)[1]
                    fixed.append(best)
                    changed = True
                else:
                    fixed.append(raw)
            out.append(" ".join(fixed))
        return " ".join(out) if changed else None

    def passages(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT passage_id, doc_id FROM passages"))

    def doc_count(self) -> int:
        return self._snap.doc_count()

    def close(self) -> None:
        self.cancel()
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.close()


def _version(db: sqlite3.Connection) -> int | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'engine_version'").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # a database, but not this engine's
            return None
        raise
    try:
        return int(row[0]) if row else None
    except ValueError:
        return None


class _Snapshot:
    """What `fts5_eval` reads (its `Source`), cached for one state of the database."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._stats: tuple[int, float, float, bytes] | None = None
        self._full: dict[tuple[str, str], fts5_eval.Scores] = {}
        self._df: dict[tuple[str, str], int] = {}
        self._tokens: dict[int, list[str]] = {}
        self._all: list[int] | None = None
        self._allowed: dict[str, frozenset[int]] = {}
        self._spelling: list[str] | None = None

    # ---- statistics -------------------------------------------------------------------------

    def _stat(self) -> tuple[int, float, float, bytes]:
        if self._stats is None:
            n, text_len, recs_len, lengths = self.db.execute(
                "SELECT docs, text_len, recs_len, lengths FROM stats").fetchone()
            # Whoosh's average field length: the total over the number of documents.
            self._stats = (n, text_len / (n or 1), recs_len / (n or 1), lengths)
        return self._stats

    def doc_count(self) -> int:
        return self._stat()[0]

    def all_docs(self) -> list[int]:
        if self._all is None:
            self._all = [r[0] for r in self.db.execute("SELECT id FROM passages")]
        return self._all

    def idf(self, field: str, text: str) -> float:
        return math.log(self.doc_count() / (self.term_df(field, text) + 1)) + 1

    def term_df(self, field: str, text: str) -> int:
        key = (field, text)
        found = self._df.get(key)
        if found is None:
            if field == "text":
                row = self.db.execute("SELECT doc FROM text_terms WHERE term = ?", (text,)).fetchone()
                found = row[0] if row else 0
            elif field == "recs":
                found = self.db.execute("SELECT count(*) FROM recs WHERE rec = ?", (text,)).fetchone()[0]
            elif field in _COLUMNS:
                found = self.db.execute(f"SELECT count(*) FROM passages WHERE {_COLUMNS[field]} = ?",
                                        (_column_value(field, text),)).fetchone()[0]
            else:
                found = 0
            self._df[key] = found
        return found

    def text_frequency(self, term: str) -> int:
        """Occurrences of ``term`` in the text (all passages)."""
        row = self.db.execute("SELECT cnt FROM text_terms WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    def spelling_words(self) -> list[str]:
        if self._spelling is None:
            self._spelling = [r[0] for r in self.db.execute("SELECT term FROM spell_terms")]
        return self._spelling

    # ---- postings ---------------------------------------------------------------------------

    def _bm25(self, field: str, text: str, rows: Iterable[tuple[int, int, int]]) -> fts5_eval.Scores:
        """(row id, term frequency, rounded field length) -> BM25, operation for operation as
        whoosh.scoring.bm25 (the same float)."""
        _, avg_text, avg_recs, _ = self._stat()
        avgfl = (avg_text if field == "text" else avg_recs) or 1
        idf = self.idf(field, text)
        B, K1 = fts5_eval.B, fts5_eval.K1
        k1p, base = K1 + 1, 1 - B
        return {d: idf * ((w * k1p) / (w + K1 * (base + B * fl / avgfl))) for d, w, fl in rows}

    def term_full(self, field: str, text: str) -> fts5_eval.Scores:
        key = (field, text)
        found = self._full.get(key)
        if found is None:
            if field == "text":
                # One row per occurrence, counted here: cheaper than SQL's GROUP BY with a join.
                tf = Counter(map(itemgetter(0), self.db.execute("SELECT doc FROM text_hits WHERE term = ?", (text,))))
                lengths, steps = self._stat()[3], _LENGTH_STEPS
                found = self._bm25(field, text, ((d, n, steps[lengths[d]]) for d, n in tf.items()))
            elif field == "recs":
                rows = self.db.execute(
                    "SELECT r.id, 1, p.recs_qlen FROM recs AS r JOIN passages AS p ON p.id = r.id WHERE r.rec = ?",
                    (text,))
                found = self._bm25(field, text, rows)
            elif field in _COLUMNS:  # not scored: each match weighs 1, as Whoosh's ID fields
                found = dict.fromkeys((r[0] for r in self.db.execute(
                    f"SELECT id FROM passages WHERE {_COLUMNS[field]} = ?", (_column_value(field, text),))), 1.0)
            else:
                found = {}
            self._full[key] = found
        return found

    def text_scores_at(self, term: str, docs: list[int]) -> fts5_eval.Scores:
        """A text term's BM25 at ``docs`` (a phrase's matches): its whole list when cached or when
        ``docs`` is more than a tenth of it (a passage's tokens cost about ten postings to read;
        the list, once read, serves the query's other phrases), else counted in those passages."""
        found = self._full.get(("text", term))
        if found is not None or 10 * len(docs) >= self.term_df("text", term):
            return self.term_full("text", term)
        self._load_tokens(docs)
        lengths, steps = self._stat()[3], _LENGTH_STEPS
        return self._bm25("text", term, ((d, self._tokens[d].count(term), steps[lengths[d]]) for d in docs))

    def _load_tokens(self, docs: list[int]) -> None:
        missing = [d for d in docs if d not in self._tokens]
        if not missing:
            return
        rows = self.db.execute(f"SELECT rowid, text FROM text_fts WHERE rowid IN {_JSON_IDS}", (json.dumps(missing),))
        for d, text in rows:
            self._tokens[d] = text.split(" ")

    def phrase_docs(self, words: tuple[str, ...]) -> set[int]:
        match = '"' + " ".join(words).replace('"', '""') + '"'
        return {r[0] for r in self.db.execute("SELECT rowid FROM text_fts WHERE text_fts MATCH ?", (match,))}

    def date_range(self, low: str | None, high: str | None) -> set[int]:
        where, args = _date_where(low, high)
        return {r[0] for r in self.db.execute(f"SELECT id FROM passages WHERE {where}", args)}

    # ---- filters, stored fields, groups -------------------------------------------------------

    def allowed(self, filters: Filters) -> frozenset[int] | None:
        """The row ids a filter lets through (None: no filter), computed once per snapshot."""
        if filters.is_empty():
            return None
        key = repr(filters)
        found = self._allowed.get(key)
        if found is None:
            found = self._allowed[key] = self._filter(filters)
        return found

    def _filter(self, filters: Filters) -> frozenset[int]:
        if filters.passage_ids is not None and not filters.passage_ids:
            return frozenset()  # "only these passages", and there are none
        where: list[str] = []
        args: list = []

        def any_of(column: str, values: Iterable[str]) -> None:
            where.append(f"{column} IN {_JSON_IDS}")
            args.append(json.dumps(list(values)))

        for name, values in filters.field_values():
            any_of(_COLUMN.get(name, name), values)
        if filters.has_redaction is not None:
            where.append("has_redaction = ?")
            args.append(int(filters.has_redaction))
        low, high = filters.date_bounds()
        if low or high:
            clause, more = _date_where(low, high)
            where.append(clause)
            args += more
        return frozenset(r[0] for r in self.db.execute(f"SELECT id FROM passages WHERE {' AND '.join(where)}", args))

    def stored(self, ids: list[int]) -> dict[int, tuple[str, str, str, str | None]]:
        out = {}
        for start in range(0, len(ids), 10_000):
            chunk = json.dumps(ids[start:start + 10_000])
            for d, *fields in self.db.execute(
                    f"SELECT id, passage_id, doc_id, dup_key, date FROM passages WHERE id IN {_JSON_IDS}", (chunk,)):
                out[d] = tuple(fields)
        return out

    def group_values(self, field: str) -> dict[int, str]:
        """Row id -> the key it counts under (Whoosh's FieldFacet keys: a missing year or date
        is "", a boolean "t"/"f", several recommendations the last in text order)."""
        if field == "recs":
            return {d: max(recs.split()) for d, recs in self.db.execute(
                "SELECT id, recs FROM passages WHERE recs IS NOT NULL")}
        column = _COLUMNS.get(field)
        if column is None:
            return {}
        out = {}
        for d, value in self.db.execute(f"SELECT id, {column} FROM passages"):
            if field == "has_redaction":
                out[d] = "t" if value else "f"
            elif value is not None:
                out[d] = str(value)
            elif field in _EMPTY_AS_BLANK:
                out[d] = ""
        return out


def _column_value(field: str, text: str):
    return int(text == "1") if field == "has_redaction" else text


def _date_where(low: str | None, high: str | None) -> tuple[str, list[str]]:
    clauses, args = [], []
    if low is not None:
        clauses.append("date >= ?")
        args.append(low)
    if high is not None:
        clauses.append("date <= ?")
        args.append(high)
    return (" AND ".join(clauses) or "date IS NOT NULL"), args
