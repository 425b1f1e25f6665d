"""The Whoosh 2.7.4 implementation of `SearchBackend`.

Passages are the unit of search. Stored fields are ids only (passage text is read from the
SQLite store), so the index stays small and a hit costs one stored-field read.
"""

from __future__ import annotations

import errno
import fcntl
import math
import os
import shutil
from collections.abc import Iterable, Sequence

from whoosh import fields, index
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from index.engine import analysis, whoosh_eval
from index.engine.backend import (
    And,
    AndMaybe,
    EngineBusy,
    EngineHit,
    EngineResult,
    EngineVersionError,
    FieldIs,
    Filters,
    MatchAll,
    Not,
    Or,
    PassageRecord,
    Phrase,
    Query,
    Ranked,
    RecRef,
    Term,
)

# Bump when the schema or the analyzer changes: an index with another version is rebuilt.
ENGINE_VERSION = 2  # 2: the `pairs` field
_VERSION_FILE = "FOI_ENGINE_VERSION"

# The recommendation clause dominates: a passage about the asked recommendation outranks one
# that merely repeats the other words many times.
REC_FIELD_BOOST = 3.0
REC_PHRASE_BOOST = 2.0


def _remember_missing_length_columns() -> None:
    """Whoosh 2.7.4 asks the file system, for every posting it writes into a segment (at every
    commit, merged or not: SegmentWriter._flush_segment), whether a field without lengths (an
    ID or the `pairs` IDLIST) has a length column: one stat per posting. A finished segment's
    files never change, so the answer is kept per reader, "no column" included. Not a merge
    policy, and no merge policy replaces it: measured on the index stage alone (a commit per
    1,600 passages, bench/run.py's passages), without it the engine costs 1.42× the CPU at
    10,000 passages (no merges) and 1.24× at 100,000."""
    from whoosh.codec import whoosh3

    reader_class = whoosh3.W3PerDocReader
    if getattr(reader_class, "_foi_lengths_cached", False) or not hasattr(reader_class, "_cached_reader"):
        return
    original = reader_class._cached_reader

    def cached_reader(self, fieldname, column):  # noqa: ANN001, ANN202 - Whoosh's signature
        if fieldname not in self._readers:
            self._readers[fieldname] = original(self, fieldname, column)
        return self._readers[fieldname]

    reader_class._cached_reader = cached_reader
    reader_class._foi_lengths_cached = True


_remember_missing_length_columns()


def make_schema() -> fields.Schema:
    return fields.Schema(
        passage_id=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True),
        text=fields.TEXT(analyzer=analysis.text_analyzer(), phrase=True, spelling=True),
        # Adjacent token pairs of `text` (analysis.pairs), presence only: finds phrase candidates
        # without reading positions. Never scored; phrase scores stay BM25 over `text`.
        pairs=fields.IDLIST(),
        recs=fields.KEYWORD(scorable=True),
        year=fields.ID(sortable=True),
        date=fields.ID(stored=True, sortable=True),
        doc_type=fields.ID,
        group=fields.ID,  # lowercased on the way in and in queries
        has_redaction=fields.BOOLEAN,
        dup_key=fields.ID(stored=True),
    )


ENGINE_LOCK = "MAIN_WRITELOCK"  # Whoosh's own write lock in the engine folder


def clear_stale_engine_lock(engine_path: str) -> bool:
    """Remove Whoosh's write lock when nobody holds it; EngineBusy when a live process does.

    Called under our ingest lock, so no other `foi ingest` can be writing. Whoosh locks with
    flock on this file, which the kernel drops when a writer dies; a lock file that can be
    locked now is therefore left over (a killed writer) and is removed, so no Whoosh build
    that takes the file's existence as the lock can refuse to write. One still held belongs
    to a live foreign writer: fail clearly rather than write beside it."""
    lock = os.path.join(engine_path, ENGINE_LOCK)
    try:
        fd = os.open(lock, os.O_WRONLY)
    except FileNotFoundError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            raise EngineBusy(f"the search index at {engine_path} is being written by another process; "
                             "try again when it finishes") from None
        os.remove(lock)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def _hook_engine_commit() -> None:
    """Test-only: a fault point inside Whoosh's commit, after the new segment is written and
    before the new TOC makes it visible (installed only when FOI_TEST_* asks for faults)."""
    from whoosh.writing import SegmentWriter

    from index import fault_point

    original = SegmentWriter._commit_toc
    if getattr(original, "foi_fault_point", False):
        return

    def commit_toc(self, segments):
        fault_point("whoosh_commit")
        return original(self, segments)

    commit_toc.foi_fault_point = True  # type: ignore[attr-defined]
    SegmentWriter._commit_toc = commit_toc


class WhooshBackend:
    @classmethod
    def open_for_writing(cls, path: str) -> WhooshBackend:
        """The engine in ``path`` for `foi ingest`: a stale write lock cleared, made empty when
        missing or of another version (``created`` then says the store must be replayed)."""
        from index import FAULT_HOOKS

        if FAULT_HOOKS:
            _hook_engine_commit()
        if os.path.isdir(path):
            clear_stale_engine_lock(path)
        try:
            return cls(path)
        except (FileNotFoundError, EngineVersionError):
            backend = cls(path, create=True)  # rebuilt empty; refilled from the store
            backend.created = True
            return backend

    def __init__(self, path: str, create: bool = False) -> None:
        self.path = path
        self.created = False
        version_file = os.path.join(path, _VERSION_FILE)
        if index.exists_in(path):
            found = _read_version(version_file)
            if found != ENGINE_VERSION:
                if not create:
                    raise EngineVersionError(
                        f"search index at {path} was made by another version (engine {found}, "
                        f"this is {ENGINE_VERSION}); run `foi ingest --force`"
                    )
                shutil.rmtree(path)
        if not index.exists_in(path):
            if not create:
                raise FileNotFoundError(f"no search index at {path}; run `foi ingest` first")
            os.makedirs(path, exist_ok=True)
            index.create_in(path, make_schema())
            with open(version_file, "w") as f:
                f.write(str(ENGINE_VERSION))
        # Read without copying the segments into memory: Whoosh 2.7.4's mmap path (the
        # default) maps a segment and then hands each of its files to a BytesIO, a copy of the
        # whole postings file at every open (100 ms and 200 MB at 100,000 passages). Without
        # it, each file is read through the segment file as needed, from the OS page cache.
        self._ix = FileStorage(path, supports_mmap=False).open_index()
        self._writer = None
        self._searcher = None
        self._evaluator = None
        self._filter_cache: dict[str, set[int]] = {}

    # ---- writing ----------------------------------------------------------------------------

    def _w(self):
        if self._writer is None:
            try:
                # limitmb: bigger in-memory segments mean fewer merges on a large ingest.
                # The writer opens the index its own way (Whoosh's default storage), so what
                # it merges is read as before.
                self._writer = index.open_dir(self.path).writer(limitmb=128)
            except LockError as exc:  # another writer holds Whoosh's lock (our own lock file should prevent it)
                raise RuntimeError(f"search index at {self.path} is locked by another writer") from exc
        return self._writer

    def add_passages(self, passages: Iterable[PassageRecord]) -> None:
        writer = self._w()
        for p in passages:
            doc = {
                "passage_id": p.passage_id,
                "doc_id": p.doc_id,
                "text": p.text,
                "pairs": analysis.pairs(p.text),  # a list: indexed as given, not re-tokenised
                "doc_type": p.doc_type.lower(),
                "has_redaction": p.has_redaction,
                "dup_key": p.dup_key,
            }
            if p.recs:
                doc["recs"] = " ".join(str(n) for n in sorted(set(p.recs)))
            if p.year is not None:
                doc["year"] = str(p.year)
            if p.date:
                doc["date"] = p.date
            if p.group:
                doc["group"] = p.group.lower()
            writer.add_document(**doc)

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        doc_ids = list(doc_ids)
        if not doc_ids:
            return
        writer = self._w()
        # One searcher for the lot: Whoosh opens every segment's readers for each delete otherwise.
        with writer.searcher() as searcher:
            for doc_id in doc_ids:
                writer.delete_by_term("doc_id", doc_id, searcher=searcher)

    def commit(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.commit()
            self._drop_searcher()

    def cancel(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.cancel()

    # ---- reading ----------------------------------------------------------------------------

    def _s(self):
        # One searcher per backend (per command): opening readers is the costly part.
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return self._searcher

    def _eval(self):
        """The set-at-a-time evaluator on the current searcher (None: Whoosh's collector only)."""
        if self._evaluator is None:
            try:
                self._evaluator = whoosh_eval.Evaluator(self._s())
            except whoosh_eval.Unsupported:
                self._evaluator = False
        return self._evaluator or None

    def _drop_searcher(self) -> None:
        self._filter_cache.clear()
        self._evaluator = None
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def _allow(self, filters: Filters) -> set[int] | None:
        """The filter as a set of document numbers, computed once per searcher (a command that
        asks several queries under one filter, or counts groups after searching, reuses it)."""
        fq = filter_query(filters)
        if fq is None:
            return None
        key = repr(fq)
        found = self._filter_cache.get(key)
        if found is None:
            found = self._filter_cache[key] = set(self._s().docs_for_query(fq))
        return found

    def search(self, query: Query, filters: Filters, limit: int | None) -> EngineResult:
        q = to_whoosh(query, self._s())
        evaluator = self._eval()
        if evaluator is not None:
            try:
                found = self._search_sets(evaluator, q, filters, limit)
                self.last_path = "sets"
                return found
            except whoosh_eval.Unsupported:
                pass
        return self.search_collector(query, filters, limit)

    def _search_sets(self, evaluator, q, filters: Filters, limit: int | None) -> EngineResult:
        """Whole posting lists at a time (see whoosh_eval): same hits, order and total as
        `search_collector`, without a Python matcher call per posting."""
        fq = filter_query(filters)
        allow = evaluator.doc_set(fq) if fq is not None else None
        scores, matched = evaluator.scores(q)
        top, total = evaluator.top(scores, allow, limit)
        searcher = self._s()
        hits = []
        for docnum, score in top:
            stored = searcher.stored_fields(docnum)
            hits.append(EngineHit(
                passage_id=stored["passage_id"], doc_id=stored["doc_id"], dup_key=stored.get("dup_key", ""),
                score=float(score), date=stored.get("date"), matched=frozenset(matched[docnum]),
            ))
        return EngineResult(hits, max(total, len(hits)))

    def search_collector(self, query: Query, filters: Filters, limit: int | None) -> EngineResult:
        """The reference path: Whoosh's own matchers and collectors, one posting at a time."""
        q = to_whoosh(query, self._s())
        searcher = self._s()
        allow = self._allow(filters)
        self.last_path = "collector"  # which path answered: the equivalence tests check both ran
        if allow is not None and not allow:
            # Whoosh's FilterCollector takes an empty allow-set for "no filter": nothing passes it
            return EngineResult([], 0)
        # One pass gives the top hits, their matched terms and the exact filtered total: the
        # top collector without block skipping sees every match (Whoosh's len() would run the
        # query again, and ignores the filter).
        # Every match is collected and the top `limit` kept here: Whoosh's TopCollector under a
        # limit prunes the sub-matchers of an OR query and then under-counts the total (167 of
        # 373 for "risk register"), and this path exists to be right, the evaluator to be fast.
        from whoosh import collectors  # only on this path: `foi search` imports what it runs

        top = collectors.UnlimitedCollector()
        chain = collectors.TermsCollector(top)
        if allow is not None:  # outermost, as Whoosh nests them: it drops a document before the others see it
            chain = collectors.FilterCollector(chain, allow=allow)
        searcher.search_with_collector(q, chain)
        results = chain.results()
        total = len(results)
        hits = []
        for n, hit in enumerate(results):
            if limit is not None and n >= limit:
                break
            stored = hit.fields()
            matched = frozenset(
                (t.decode("utf-8") if isinstance(t, bytes) else str(t))
                for f, t in (hit.matched_terms() or ())
                if f == "text"
            )
            hits.append(EngineHit(
                passage_id=stored["passage_id"], doc_id=stored["doc_id"], dup_key=stored.get("dup_key", ""),
                score=float(hit.score or 0.0), date=stored.get("date"), matched=matched,
            ))
        return EngineResult(hits, max(total, len(hits)))

    def group_counts(self, query: Query, filters: Filters, field: str) -> dict[str, int]:
        from whoosh import sorting

        searcher = self._s()
        results = searcher.search(
            to_whoosh(query, searcher), filter=self._allow(filters), limit=None,
            groupedby=sorting.FieldFacet(field), maptype=sorting.Count,
        )
        return {str(k): v for k, v in results.groups(field).items() if k is not None}

    def suggest(self, words: Sequence[str]) -> str | None:
        searcher = self._s()
        reader = searcher.reader()
        corrector = searcher.corrector("text")
        changed = False
        out = []
        for word in words:
            fixed = []
            for raw in _raw_words(word):
                indexed = analysis.terms(raw)
                if indexed and all(reader.frequency("text", t) > 0 for t in indexed):
                    fixed.append(raw)
                    continue
                found = corrector.suggest(raw.lower(), limit=1, maxdist=2)
                if found:
                    fixed.append(found[0])
                    changed = True
                else:
                    fixed.append(raw)
            out.append(" ".join(fixed))
        return " ".join(out) if changed else None

    def passages(self) -> dict[str, str]:
        return {f["passage_id"]: f["doc_id"] for f in self._s().reader().all_stored_fields()}

    def doc_count(self) -> int:
        return self._s().doc_count()

    def close(self) -> None:
        self.cancel()
        self._drop_searcher()


def _read_version(path: str) -> int | None:
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def _raw_words(text: str) -> list[str]:
    return [t for t in text.split() if any(c.isalnum() for c in t)]


# ---- engine-neutral query -> Whoosh query ---------------------------------------------------


def _words(field: str, text: str) -> wq.Query | None:
    toks = analysis.terms(text)
    if not toks:
        return None
    if len(toks) == 1:
        return wq.Term(field, toks[0])
    return wq.Phrase(field, toks)


def rec_query(number: int) -> wq.Query:
    n = str(number)
    return wq.Or([
        wq.Term("recs", n, boost=REC_FIELD_BOOST),
        wq.Phrase("text", ["recommend", n], boost=REC_PHRASE_BOOST),
        wq.Phrase("text", ["rec", n], boost=REC_PHRASE_BOOST),
        # "R7": the analyzer keeps a letter glued to its number as one token.
        wq.Term("text", "r" + n, boost=REC_PHRASE_BOOST),
    ])


def to_whoosh(query: Query, searcher=None) -> wq.Query:
    """The Whoosh query of an engine-neutral one. ``searcher`` gives the IDFs of a `Ranked`
    query's coordination bonus (without one every item counts alike)."""
    q = _Converter(searcher).convert(query)
    return q if q is not None else wq.NullQuery


class _Converter:
    def __init__(self, searcher) -> None:
        self.searcher = searcher

    def convert(self, query: Query) -> wq.Query | None:
        return _convert(query, self)

    def idf(self, q: wq.Query) -> float:
        """The largest IDF among the words of ``q``; for a query without words (a date range),
        the IDF of its set of passages (1.0 without a searcher)."""
        if self.searcher is None:
            return 1.0
        terms = set(q.iter_all_terms())
        if terms:
            return max(self.searcher.idf(f, t) for f, t in terms)
        n = self.searcher.doc_count_all()
        df = sum(1 for _ in self.searcher.docs_for_query(q))
        return math.log(n / (df + 1)) + 1  # whoosh.reading.IndexReader's idf, over a set

    def _scored(self, items, coord: float) -> list[wq.Query]:
        """Each item with its coordination bonus beside it, one Or per item (a sum of two is
        the same float in any order, so Whoosh's matcher tree and the evaluator agree)."""
        parts: list[wq.Query] = []
        for item in items:
            q = self.convert(item)
            if q is None:
                continue
            parts.append(wq.Or([q, whoosh_eval.Bonus(q, coord * self.idf(q))]) if coord else q)
        return parts

    def ranked(self, query: Ranked) -> wq.Query | None:
        parts = self._scored(query.items, query.coord)
        if not parts:
            return None
        core = wq.Or(parts) if len(parts) > 1 else parts[0]
        optional = self._scored(query.extras, query.coord)
        if optional:
            core = wq.AndMaybe(core, wq.Or(optional) if len(optional) > 1 else optional[0])
        return core


def _convert(query: Query, conv: _Converter) -> wq.Query | None:
    if isinstance(query, Ranked):
        return conv.ranked(query)
    if isinstance(query, Term):
        return _words("text", query.text)
    if isinstance(query, Phrase):
        return _words("text", query.text)
    if isinstance(query, RecRef):
        return rec_query(query.number)
    if isinstance(query, FieldIs):
        return _field_query(query.field, query.value)
    if isinstance(query, MatchAll):
        return wq.Every()
    if isinstance(query, Not):
        inner = conv.convert(query.query)
        return wq.AndNot(wq.Every(), inner) if inner is not None else None
    if isinstance(query, And):
        positives = [conv.convert(i) for i in query.items if not isinstance(i, Not)]
        negatives = [conv.convert(i.query) for i in query.items if isinstance(i, Not)]
        positives = [p for p in positives if p is not None]
        negatives = [n for n in negatives if n is not None]
        base: wq.Query = wq.And(positives) if len(positives) > 1 else (positives[0] if positives else wq.Every())
        if negatives:
            return wq.AndNot(base, wq.Or(negatives) if len(negatives) > 1 else negatives[0])
        return base
    if isinstance(query, Or):
        items = [q for q in (conv.convert(i) for i in query.items) if q is not None]
        return wq.Or(items) if len(items) > 1 else (items[0] if items else None)
    if isinstance(query, AndMaybe):
        required = conv.convert(query.required)
        optional = conv.convert(query.optional)
        if required is None:
            return optional
        return wq.AndMaybe(required, optional) if optional is not None else required
    raise TypeError(f"unknown query node {query!r}")


def _field_query(field: str, value: str) -> wq.Query | None:
    value = value.strip()
    if not value:
        return None
    if field == "year":
        return wq.Term("year", value)
    if field == "recs":
        return wq.Term("recs", value.lstrip("#"))
    if field in ("doc_type", "group"):
        return wq.Term(field, value.lower())
    if field == "doc_id":
        return wq.Term("doc_id", value)
    if field == "has_redaction":
        return wq.Term("has_redaction", value.lower() in ("1", "true", "yes"))
    if field == "date":  # a date prefix: "2017-05" is every day of May 2017
        return wq.TermRange("date", value, value + "\uffff", startexcl=False, endexcl=False)
    if field == "passage_id":
        return wq.Term("passage_id", value)
    return None


def filter_query(filters: Filters) -> wq.Query | None:
    if filters.is_empty():
        return None
    parts: list[wq.Query] = []

    def any_of(field: str, values: Iterable[str]) -> None:
        terms = [wq.Term(field, v) for v in values]
        parts.append(wq.Or(terms) if len(terms) > 1 else terms[0])

    for name, values in filters.field_values():
        any_of(name, values)
    if filters.passage_ids is not None and not filters.passage_ids:
        parts.append(wq.NullQuery)
    if filters.has_redaction is not None:
        parts.append(wq.Term("has_redaction", filters.has_redaction))
    low, high = filters.date_bounds()
    if low or high:
        parts.append(wq.TermRange("date", low, high, startexcl=False, endexcl=False))
    return wq.And(parts) if len(parts) > 1 else parts[0]
