"""The Whoosh 2.7.4 implementation of `SearchBackend`.

Passages are the unit of search. Stored fields are ids only (passage text is read from the
SQLite store), so the index stays small and a hit costs one stored-field read.

Searching reads the index files directly (`whoosh_eval`), without importing Whoosh: the Whoosh
modules below are imported when first used (writing, Whoosh's collector, suggestions, group
counts), so `foi search` starts without them.
"""

from __future__ import annotations

import errno
import math
import os
from collections.abc import Iterable, Sequence

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
from index.engine.whoosh_eval import (
    NULL,
    AndMaybeQ,
    AndNotQ,
    AndQ,
    BonusQ,
    EveryQ,
    OrQ,
    PhraseQ,
    Q,
    RangeQ,
    TermQ,
)
from index.engine.whoosh_imports import LazyModule

# Whoosh as it ships: importing it patches nothing (only the test-only fault hook below does,
# when the tests ask for faults). What the writer does its own way (the pool, the merge policy,
# a segment's missing length columns remembered) is index/engine/whoosh_writer.py's, in classes.
fields = LazyModule("whoosh.fields")
index = LazyModule("whoosh.index")
wq = LazyModule("whoosh.query")

# Bump when the schema or the analyzer changes: an index with another version is rebuilt.
ENGINE_VERSION = 2  # 2: the `pairs` field
_VERSION_FILE = "FOI_ENGINE_VERSION"

# The recommendation clause dominates: a passage about the asked recommendation outranks one
# that merely repeats the other words many times.
REC_FIELD_BOOST = 3.0
REC_PHRASE_BOOST = 2.0


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
    import fcntl  # here, not at the top: an ingest's question, never a search's

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
        if _exists(path):
            found = _read_version(version_file)
            if found != ENGINE_VERSION:
                if not create:
                    raise EngineVersionError(
                        f"search index at {path} was made by another version (engine {found}, "
                        f"this is {ENGINE_VERSION}); run `foi ingest --force`"
                    )
                import shutil  # here: only a writer rebuilding the engine needs it, never a search

                shutil.rmtree(path)
        if not _exists(path):
            if not create:
                raise FileNotFoundError(f"no search index at {path}; run `foi ingest` first")
            os.makedirs(path, exist_ok=True)
            index.create_in(path, make_schema())
            with open(version_file, "w") as f:
                f.write(str(ENGINE_VERSION))
        self._whoosh_ix = None
        self._writer = None
        self._searcher = None
        self._files = None  # whoosh_eval.IndexFiles; False: an index only Whoosh reads
        self._evaluator = None
        self._filter_cache: dict[str, set[int]] = {}

    # ---- writing ----------------------------------------------------------------------------

    def _w(self):
        if self._writer is None:
            # Whoosh's writing modules only when writing (`foi search` never loads them). Its
            # pool and merge policy are index/engine/whoosh_writer.py's.
            from index.engine.whoosh_writer import open_writer

            try:
                self._writer = open_writer(self.path)
            except index.LockError as exc:  # another writer holds Whoosh's lock (our own lock file should prevent it)
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

    @property
    def _ix(self):
        """Whoosh's own index object (the collector path, suggestions, group counts, tests),
        opened on first use. It reads without copying the segments into memory: Whoosh
        2.7.4's mmap path (the default) maps a segment and then hands each of its files to a
        BytesIO, a copy of the whole postings file at every open (100 ms and 200 MB at 100,000
        passages); without it, each file is read through the segment file as needed."""
        if self._whoosh_ix is None:
            from whoosh.filedb.filestore import FileStorage

            self._whoosh_ix = FileStorage(self.path, supports_mmap=False).open_index()
        return self._whoosh_ix

    def _s(self):
        # One searcher per backend (per command): opening readers is the costly part.
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return self._searcher

    def _read(self) -> whoosh_eval.IndexFiles | None:
        """The committed index read directly (whoosh_eval), opened once per backend: the TOC
        read and every segment file mapped. None: a codec or schema only Whoosh reads."""
        if self._files is None:
            try:
                self._files = whoosh_eval.IndexFiles(self.path)
            except (whoosh_eval.Unsupported, *whoosh_eval.FORMAT_ERRORS):
                self._files = False
        return self._files or None

    def _eval(self) -> whoosh_eval.Evaluator | None:
        """The set-at-a-time evaluator (None: Whoosh's collector only)."""
        if self._evaluator is None:
            files = self._read()
            self._evaluator = whoosh_eval.Evaluator(files) if files is not None else False
        return self._evaluator or None

    def _drop_searcher(self) -> None:
        self._filter_cache.clear()
        self._evaluator = None
        if self._files:
            self._files.close()
        self._files = None
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
        evaluator = self._eval()
        if evaluator is not None:
            try:
                with whoosh_eval.no_cycle_collection():
                    q = to_tree(query, _FileStats(evaluator))
                    found = self._search_sets(evaluator, q, filters, limit)
                self.last_path = "sets"
                return found
            except whoosh_eval.Unsupported:
                pass
        return self.search_collector(query, filters, limit)

    def _search_sets(self, evaluator: whoosh_eval.Evaluator, q: Q, filters: Filters, limit: int | None) -> EngineResult:
        """Whole posting lists at a time (see whoosh_eval): same hits, order and total as
        `search_collector`, without a Python matcher call per posting."""
        fq = filter_tree(filters)
        allow = evaluator.doc_set(fq) if fq is not None else None
        scores, matched = evaluator.scores(q)
        top, total = evaluator.top(scores, allow, limit)
        hits = []
        for docnum, score in top:
            stored = evaluator.stored(docnum)
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
        files = self._read()
        return files.doc_count if files is not None else self._s().doc_count()

    def close(self) -> None:
        self.cancel()
        self._drop_searcher()


def _exists(path: str) -> bool:
    """Whether ``path`` holds a Whoosh index (a TOC file), as whoosh.index.exists_in says."""
    return whoosh_eval.latest_toc(path) is not None


def _read_version(path: str) -> int | None:
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def _raw_words(text: str) -> list[str]:
    return [t for t in text.split() if any(c.isalnum() for c in t)]


# ---- engine-neutral query -> query tree -> Whoosh query ------------------------------------------
# The engine-neutral query becomes a tree of whoosh_eval's nodes, one per whoosh.query class
# (`to_tree`), which the evaluator answers; `to_wq` makes the same tree of whoosh.query objects
# for Whoosh's collector. Both paths thus run one tree.


def _words(field: str, text: str) -> Q | None:
    toks = analysis.terms(text)
    if not toks:
        return None
    if len(toks) == 1:
        return TermQ(field, toks[0])
    return PhraseQ(field, toks)


def rec_query(number: int) -> Q:
    n = str(number)
    return OrQ([
        TermQ("recs", n, boost=REC_FIELD_BOOST),
        PhraseQ("text", ["recommend", n], boost=REC_PHRASE_BOOST),
        PhraseQ("text", ["rec", n], boost=REC_PHRASE_BOOST),
        # "R7": the analyzer keeps a letter glued to its number as one token.
        TermQ("text", "r" + n, boost=REC_PHRASE_BOOST),
    ])


def to_tree(query: Query, stats=None) -> Q:
    """The query tree of an engine-neutral query. ``stats`` (`_FileStats`, `_SearcherStats`)
    gives the IDFs of a `Ranked` query's coordination bonus (without one every item counts
    alike)."""
    q = _Converter(stats).convert(query)
    return q if q is not None else NULL


def to_whoosh(query: Query, searcher=None) -> wq.Query:
    """The Whoosh query of an engine-neutral one. ``searcher`` gives the IDFs of a `Ranked`
    query's coordination bonus (without one every item counts alike)."""
    return to_wq(to_tree(query, _SearcherStats(searcher) if searcher is not None else None))


class _FileStats:
    """Index statistics for the converter, from the files read directly."""

    def __init__(self, evaluator: whoosh_eval.Evaluator) -> None:
        self.evaluator = evaluator
        self.files = evaluator.ix

    def idf(self, field: str, text) -> float:
        try:
            btext = self.files.field(field).to_bytes(text)
        except KeyError:
            raise whoosh_eval.Unsupported(f"no field {field}") from None
        return self.files.idf(field, btext)

    def doc_count_all(self) -> int:
        return self.files.doc_count_all

    def count(self, q: Q) -> int:
        return len(self.evaluator.doc_set(q))


class _SearcherStats:
    """Index statistics for the converter, from a Whoosh searcher."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher

    def idf(self, field: str, text) -> float:
        return self.searcher.idf(field, text)

    def doc_count_all(self) -> int:
        return self.searcher.doc_count_all()

    def count(self, q: Q) -> int:
        return sum(1 for _ in self.searcher.docs_for_query(to_wq(q)))


class _Converter:
    def __init__(self, stats) -> None:
        self.stats = stats

    def convert(self, query: Query) -> Q | None:
        return _convert(query, self)

    def idf(self, q: Q) -> float:
        """The largest IDF among the words of ``q`` the index holds (a word it does not hold, an
        alternative typed or formed, is no evidence: its IDF would be the largest of all); for a
        query without words (a date range), the IDF of its set of passages (1.0 without statistics)."""
        if self.stats is None:
            return 1.0
        terms = set(q.terms())
        if terms:
            idfs = [self.stats.idf(f, t) for f, t in terms]
            # Whoosh's idf, log(N / (df + 1)) + 1, is log(N) + 1 exactly where df is 0
            absent = math.log(self.stats.doc_count_all()) + 1 if self.stats.doc_count_all() else math.inf
            return max([x for x in idfs if x < absent - 1e-9] or idfs)
        n = self.stats.doc_count_all()
        df = self.stats.count(q)
        return math.log(n / (df + 1)) + 1  # whoosh.reading.IndexReader's idf, over a set

    def _scored(self, items, coord: float) -> list[Q]:
        """Each item with its coordination bonus beside it, one Or per item (a sum of two is
        the same float in any order, so Whoosh's matcher tree and the evaluator agree)."""
        parts: list[Q] = []
        for item in items:
            q = self.convert(item)
            if q is None:
                continue
            parts.append(OrQ([q, BonusQ(q, coord * self.idf(q))]) if coord else q)
        return parts

    def ranked(self, query: Ranked) -> Q | None:
        parts = self._scored(query.items, query.coord)
        if not parts:
            return None
        core = OrQ(parts) if len(parts) > 1 else parts[0]
        optional = self._scored(query.extras, query.coord)
        if optional:
            core = AndMaybeQ(core, OrQ(optional) if len(optional) > 1 else optional[0])
        return core


def _convert(query: Query, conv: _Converter) -> Q | None:
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
        return EveryQ()
    if isinstance(query, Not):
        inner = conv.convert(query.query)
        return AndNotQ(EveryQ(), inner) if inner is not None else None
    if isinstance(query, And):
        positives = [conv.convert(i) for i in query.items if not isinstance(i, Not)]
        negatives = [conv.convert(i.query) for i in query.items if isinstance(i, Not)]
        positives = [p for p in positives if p is not None]
        negatives = [n for n in negatives if n is not None]
        base: Q = AndQ(positives) if len(positives) > 1 else (positives[0] if positives else EveryQ())
        if negatives:
            return AndNotQ(base, OrQ(negatives) if len(negatives) > 1 else negatives[0])
        return base
    if isinstance(query, Or):
        items = [q for q in (conv.convert(i) for i in query.items) if q is not None]
        return OrQ(items) if len(items) > 1 else (items[0] if items else None)
    if isinstance(query, AndMaybe):
        required = conv.convert(query.required)
        optional = conv.convert(query.optional)
        if required is None:
            return optional
        return AndMaybeQ(required, optional) if optional is not None else required
    raise TypeError(f"unknown query node {query!r}")


def _field_query(field: str, value: str) -> Q | None:
    value = value.strip()
    if not value:
        return None
    if field == "year":
        return TermQ("year", value)
    if field == "recs":
        return TermQ("recs", value.lstrip("#"))
    if field in ("doc_type", "group"):
        return TermQ(field, value.lower())
    if field == "doc_id":
        return TermQ("doc_id", value)
    if field == "has_redaction":
        return TermQ("has_redaction", value.lower() in ("1", "true", "yes"))
    if field == "date":  # a date prefix: "2017-05" is every day of May 2017
        return RangeQ("date", value, value + "\uffff")
    if field == "passage_id":
        return TermQ("passage_id", value)
    return None


def filter_tree(filters: Filters) -> Q | None:
    if filters.is_empty():
        return None
    parts: list[Q] = []

    def any_of(field: str, values: Iterable[str]) -> None:
        terms = [TermQ(field, v) for v in values]
        parts.append(OrQ(terms) if len(terms) > 1 else terms[0])

    for name, values in filters.field_values():
        any_of(name, values)
    if filters.passage_ids is not None and not filters.passage_ids:
        parts.append(NULL)
    if filters.has_redaction is not None:
        parts.append(TermQ("has_redaction", filters.has_redaction))
    low, high = filters.date_bounds()
    if low or high:
        parts.append(RangeQ("date", low, high))
    return AndQ(parts) if len(parts) > 1 else parts[0]


def filter_query(filters: Filters) -> wq.Query | None:
    tree = filter_tree(filters)
    return to_wq(tree) if tree is not None else None


def to_wq(q: Q) -> wq.Query:
    """The whoosh.query tree of a query tree (for Whoosh's collector)."""
    kind = type(q)
    if kind is TermQ:
        out = wq.Term(q.field, q.text, boost=q.boost)
    elif kind is PhraseQ:
        out = wq.Phrase(q.field, list(q.words), boost=q.boost)
    elif kind is OrQ:
        out = wq.Or([to_wq(s) for s in q.subs])
    elif kind is AndQ:
        out = wq.And([to_wq(s) for s in q.subs])
    elif kind is AndNotQ:
        out = wq.AndNot(to_wq(q.a), to_wq(q.b))
    elif kind is AndMaybeQ:
        out = wq.AndMaybe(to_wq(q.a), to_wq(q.b))
    elif kind is BonusQ:
        return _bonus_class()(to_wq(q.child), q.score)
    elif kind is EveryQ:
        out = wq.Every()
    elif kind is RangeQ:
        return wq.TermRange(q.field, q.start, q.end, startexcl=False, endexcl=False)
    elif kind is type(NULL):
        return wq.NullQuery
    else:
        raise TypeError(f"unknown query node {q!r}")
    if q.boost != 1.0:
        out.boost = q.boost
    return out


_BONUS: list = []


def _bonus_class():
    """whoosh.query's form of `BonusQ` (defined when Whoosh is first needed): matches what
    ``child`` matches, each document scoring ``score``. Whoosh's own ConstantScoreQuery keeps
    the child's scores whenever the collector needs the current match (the TermsCollector
    does), so it cannot serve here."""
    if not _BONUS:
        from whoosh import matching

        class Bonus(wq.WrappingQuery):
            def __init__(self, child, score: float) -> None:
                super().__init__(child)
                self.score = score

            def __eq__(self, other) -> bool:
                return (other is not None and self.__class__ is other.__class__ and self.child == other.child
                        and self.score == other.score)

            def __hash__(self) -> int:
                return hash(self.child) ^ hash(self.score)

            def __repr__(self) -> str:
                return f"Bonus({self.child!r}, {self.score!r})"

            def _rewrap(self, child):
                return self.__class__(child, self.score)

            def matcher(self, searcher, context=None):
                m = self.child.matcher(searcher, context)
                if isinstance(m, matching.NullMatcherClass):
                    return m
                return matching.ConstantScoreWrapperMatcher(m, self.score)

        _BONUS.append(Bonus)
    return _BONUS[0]
