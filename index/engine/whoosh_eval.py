"""A set-at-a-time evaluator for the Whoosh queries `whoosh_backend` builds.

Whoosh scores one posting at a time through a tree of Python matcher objects, and checks a
phrase by walking span objects: on 100,000 passages a common word costs ~150 ms and a
six-word phrase seconds. This module reads each term's postings a block at a time (one
unpickle per 128 postings), scores them with the same BM25F formula and statistics Whoosh's
own scorer uses, and combines whole posting lists with dict and set operations in C. It
answers the same question as Whoosh's collector — the exact set of matching documents, each
with the score Whoosh gives it, ranked score first and document number second — so the top
hits, their matched words and the total are the ones the matcher path gives (a test compares
both on a corpus).

A phrase's candidates come from the `pairs` field (one presence list per adjacent word pair,
see analysis.pairs) instead of the words' position lists: a two-word phrase is its pair term,
exactly; a longer one is the AND of its pairs, and then the positions of the survivors are
checked (pairs "a b" and "b c" need not make "a b c" at one place). Scores are unchanged:
BM25 of the phrase's words in `text`, as Whoosh scores a phrase.

Only the query shapes `whoosh_backend.to_whoosh` and `filter_query` make are understood; any
other raises `Unsupported` and the caller falls back to Whoosh's collector.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pickle import loads

from whoosh import matching
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from index.engine.analysis import pair_term
from index.engine.score_tree import Scores, intersect, union, weighted_tree

# A positional field -> the field of its adjacent token pairs (whoosh_backend's schema), used to
# find phrase candidates. An index without it (an older schema) checks phrases word by word.
_PAIR_FIELD = {"text": "pairs"}

_INT_SIZE = 4  # Positions values start with the count as a packed uint


class Unsupported(Exception):
    """A query node this evaluator does not model (the caller uses Whoosh's collector)."""


class Bonus(wq.WrappingQuery):
    """Matches what ``child`` matches, each document scoring ``score`` (a coordination bonus, a
    year boost). Whoosh's own ConstantScoreQuery keeps the child's scores whenever the
    collector needs the current match (the TermsCollector does), so it cannot serve here."""

    def __init__(self, child: wq.Query, score: float) -> None:
        super().__init__(child)
        self.score = score

    def __eq__(self, other) -> bool:
        return (other is not None and self.__class__ is other.__class__ and self.child == other.child
                and self.score == other.score)

    def __hash__(self) -> int:
        return hash(self.child) ^ hash(self.score)

    def __repr__(self) -> str:
        return f"Bonus({self.child!r}, {self.score!r})"

    def _rewrap(self, child: wq.Query) -> Bonus:
        return self.__class__(child, self.score)

    def matcher(self, searcher, context=None):
        m = self.child.matcher(searcher, context)
        if isinstance(m, matching.NullMatcherClass):
            return m
        return matching.ConstantScoreWrapperMatcher(m, self.score)


@dataclass
class _Postings:
    ids: list[int]  # segment-local document numbers, ascending, deleted ones included
    weights: list[float]
    values: list[bytes] | None
    _where: dict[int, int] | None = None

    def index(self) -> dict:
        """document number -> its place in the lists (built once, on first use)."""
        if self._where is None:
            self._where = _Where(zip(self.ids, range(len(self.ids)), strict=True))
        return self._where


class _Where(dict):
    def __missing__(self, key: int) -> None:
        return None


class Evaluator:
    """One per searcher: caches postings, field lengths and filter sets for its lifetime."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        weighting = searcher.weighting
        if type(weighting) is not BM25F or weighting._field_B:
            raise Unsupported("only the default BM25F weighting is modelled")
        self.B = weighting.B
        self.K1 = weighting.K1
        self.schema = searcher.schema
        # (reader, offset) per segment; a single-segment index has one.
        self.leaves = list(searcher.reader().leaf_readers())
        self._deleted = [_deleted(r) for r, _ in self.leaves]
        self._lengths: dict[tuple[int, str], list] = {}
        self._postings: dict[tuple[int, str, bytes, bool], _Postings | None] = {}
        self._sets: dict[str, frozenset[int]] = {}
        self._pos_cache: dict[bytes, tuple[int, ...]] = {}
        self._full: dict[tuple[str, object], Scores] = {}

    # ---- the public questions ----------------------------------------------------------------

    def scores(self, q: wq.Query) -> tuple[Scores, dict[int, set[str]]]:
        """Every matching live document with its score, and per document the `text` words it
        matched (as Whoosh's TermsCollector reports them: leaves outside a negation that are
        at the document)."""
        leaves: list[tuple[frozenset[str], Scores]] = []
        result = self._eval(q, leaves)
        return result, _Matched(leaves)

    def doc_set(self, q: wq.Query) -> frozenset[int]:
        """The matching documents of a filter query, cached for this searcher."""
        key = repr(q)
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(self._eval(q, None))
        return found

    @staticmethod
    def top(scores: Scores, allow: frozenset[int] | None, limit: int | None) -> tuple[list[tuple[int, float]], int]:
        """The best ``limit`` (all when None) of ``scores`` inside ``allow``, ranked as Whoosh's
        TopCollector ranks (score descending, then document number), and how many matched."""
        items = scores.items() if allow is None else [(d, s) for d, s in scores.items() if d in allow]
        total = len(items)
        key = _rank_key
        if limit is None or limit >= total:
            return sorted(items, key=key), total
        return heapq.nsmallest(limit, items, key=key), total

    # ---- evaluation --------------------------------------------------------------------------

    def _eval(self, q: wq.Query, leaves: list | None) -> Scores:
        if q is wq.NullQuery or isinstance(q, wq.NullQuery.__class__):
            return {}
        if isinstance(q, wq.Term):
            out = self._term(q.fieldname, q.text, q.boost)
            if leaves is not None and q.fieldname == "text":
                leaves.append((frozenset([_text(self.schema, q.fieldname, q.text)]), out))
            return out
        if isinstance(q, wq.Phrase):
            out = self._phrase(q)
            if leaves is not None and q.fieldname == "text" and out:
                leaves.append((frozenset(_text(self.schema, q.fieldname, w) for w in q.words), out))
            return out
        if isinstance(q, Bonus):
            inner = self._eval(q.child, leaves)
            return dict.fromkeys(inner, q.score)
        if isinstance(q, wq.Every):
            if q.fieldname not in (None, "", "*"):
                raise Unsupported("Every on a field")
            return self._every(q.boost)
        if isinstance(q, wq.AndNot):
            pos = self._eval(q.a, leaves)
            neg = self._eval(q.b, None)
            out = {d: s for d, s in pos.items() if d not in neg}
            return _boost(out, q.boost)
        if isinstance(q, wq.AndMaybe):
            req = self._eval(q.a, leaves)
            opt = self._eval(q.b, leaves)
            # AndMaybeMatcher: the required score, plus the optional one where it matches.
            out = {d: (s + opt[d]) if d in opt else s for d, s in req.items()}
            return _boost(out, q.boost)
        if isinstance(q, (wq.And, wq.Or)) and type(q) in (wq.And, wq.Or):
            subs = list(q.subqueries)
            if not subs:
                return {}
            if isinstance(q, wq.Or) and (q.minmatch or q.scale):
                raise Unsupported("Or with minmatch or scale")
            parts = [self._eval(s, leaves) for s in subs]
            if len(parts) == 1:
                return parts[0]  # CompoundQuery.matcher: one subquery is its own matcher (no boost)
            if isinstance(q, wq.And):
                # IntersectionMatcher tree weighted by estimated size, smallest first.
                tree = weighted_tree([-len(p) for p in parts], parts)
                out = intersect(tree)
            else:
                tree = weighted_tree([len(p) for p in parts], parts)
                out = union(tree)
            return _boost(out, q.boost)
        if isinstance(q, wq.TermRange):
            return {d: 1.0 for d in self._docs_for_query(q)}
        raise Unsupported(type(q).__name__)

    def _docs_for_query(self, q: wq.Query) -> Iterable[int]:
        return self.searcher.docs_for_query(q)

    def _every(self, boost: float) -> Scores:
        out: Scores = {}
        for (reader, offset), deleted in zip(self.leaves, self._deleted, strict=True):
            for d in range(reader.doc_count_all()):
                if d not in deleted:
                    out[d + offset] = boost
        return out

    def _read(self, i: int, field: str, btext: bytes, values: bool) -> _Postings | None:
        key = (i, field, btext, values)
        if key in self._postings:
            return self._postings[key]
        if not values and (i, field, btext, True) in self._postings:
            return self._postings[(i, field, btext, True)]
        reader = self.leaves[i][0]
        found = None
        if (field, btext) in reader:
            m = reader.postings(field, btext)
            m = getattr(m, "child", m)  # FilterMatcher over deletions: deletions are ours to drop
            found = _bulk(m, values)
        self._postings[key] = found
        return found

    def _term_scores(self, field: str, text, boost: float,
                     only: Iterable[int] | None = None) -> tuple[Scores, list[tuple[int, _Postings]]]:
        fieldobj = self.schema[field]
        btext = fieldobj.to_bytes(text)
        parent = self.searcher
        scorable = fieldobj.scorable
        out: Scores = {}
        lists = []
        if scorable:
            idf = parent.idf(field, btext)
            avgfl = parent.avg_field_length(field) or 1
            B, K1 = self.B, self.K1
            k1p = K1 + 1
            base = 1 - B
        for i, ((reader, offset), deleted) in enumerate(zip(self.leaves, self._deleted, strict=True)):
            p = self._read(i, field, btext, False)  # weights only (a cached read with values serves too)
            if p is None:
                continue
            lists.append((i, p))
            if only is not None:  # a few documents (phrase matches): look each one up
                n = reader.doc_count_all()
                where = p.index()
                pairs = [(d - offset, where[d - offset]) for d in only if offset <= d < offset + n]
                ids = [d for d, k in pairs if k is not None]
                weights = [p.weights[k] for _, k in pairs if k is not None]
            else:
                ids, weights = p.ids, p.weights
            if scorable:
                lengths = self._lengths_list(i, field)
                for d, w in zip(ids, weights, strict=True):
                    if d in deleted:
                        continue
                    fl = lengths[d]
                    # whoosh.scoring.bm25, operation for operation (the same float result).
                    s = idf * ((w * k1p) / (w + K1 * (base + B * fl / avgfl)))
                    out[d + offset] = s * boost if boost != 1.0 else s
            else:
                for d, w in zip(ids, weights, strict=True):
                    if d not in deleted:
                        out[d + offset] = w * boost if boost != 1.0 else w
        return out, lists

    def _lengths_list(self, i: int, field: str):
        """Per document of segment ``i``: its ``field`` length as ``searcher.doc_field_length``
        gives it (the length byte decoded). One read of the length column, not one per document."""
        key = (i, field)
        found = self._lengths.get(key)
        if found is None:
            reader = self.leaves[i][0]
            n = reader.doc_count_all()
            raw = _length_bytes(reader, field, n)
            if raw is None:
                found = [reader.doc_field_length(d, field, 1) for d in range(n)]
            else:
                found = [_LENGTHS[b] for b in raw]
            self._lengths[key] = found
        return found

    def _term(self, field: str, text, boost: float) -> Scores:
        if field not in self.schema:
            return {}
        try:
            return _boost(self._term_full(field, text), boost)  # the same float as scoring boosted
        except ValueError:  # text not convertible for this field
            return {}

    def _term_full(self, field: str, text) -> Scores:
        """A term's unboosted scores over all its live documents, cached for this searcher (a
        command asking several queries, or a phrase over most of a word's documents, reuses
        them; no caller changes a returned dict)."""
        key = (field, text)
        found = self._full.get(key)
        if found is None:
            found = self._full[key] = self._term_scores(field, text, 1.0)[0]
        return found

    def _scores_at(self, field: str, text, docs: list[int]) -> Scores:
        """A term's unboosted scores, at least at ``docs``: the whole cached list when it is at
        hand or ``docs`` is a good part of it, else looked up document by document."""
        found = self._full.get((field, text))
        if found is not None:
            return found
        btext = self.schema[field].to_bytes(text)
        size = sum(len(p.ids) for p in (self._read(i, field, btext, False) for i in range(len(self.leaves))) if p)
        if 4 * len(docs) >= size:
            return self._term_full(field, text)
        return self._term_scores(field, text, 1.0, only=docs)[0]

    def _phrase(self, q: wq.Phrase) -> Scores:
        field = q.fieldname
        if field not in self.schema or q.slop != 1:
            raise Unsupported("phrase with slop")
        words = [w for w in q.words if w is not None]
        if not words:
            return {}
        if len(words) == 1:
            return self._term(field, words[0], q.boost)  # Phrase.normalize would make it a Term
        fieldobj = self.schema[field]
        try:
            btexts = [fieldobj.to_bytes(w) for w in words]
        except ValueError:
            return {}
        pair_field = _PAIR_FIELD.get(field)
        if pair_field in self.schema:
            # Candidates: every adjacent word pair present (presence lists, no positions read).
            # Two words: the pair term is the phrase, exactly. More: "a b" and "b c" do not make
            # "a b c" at one place, so the positions of the candidates are still checked.
            pair_field_obj = self.schema[pair_field]
            try:
                keys = [pair_field_obj.to_bytes(pair_term(a, b)) for a, b in zip(words, words[1:], strict=False)]
            except ValueError:
                return {}
            cands = self._all_of(pair_field, keys, values=False)
            if not cands:
                return {}
            matched = list(cands) if len(words) == 2 else self._verify(field, btexts, cands)
        else:
            # Candidates: every word present (the phrase's IntersectionMatcher), smallest list
            # first; positions are checked on those only.
            cands = self._all_of(field, btexts, values=True)
            if not cands:
                return {}
            matched = self._verify(field, btexts, cands)
        if not matched:
            return {}
        per_term = [self._scores_at(field, w, matched) for w in words]
        # SpanNear2Matcher's score is its IntersectionMatcher's: a binary tree of sums.
        total = _tree_adder(len(words))
        out = {d: total(per_term, d) for d in matched}
        return _boost(out, q.boost)

    def _all_of(self, field: str, btexts: list[bytes], values: bool) -> set[int]:
        """Global numbers of the live documents holding every term (smallest list first)."""
        id_sets = []
        for bt in btexts:
            ids = self._live_ids(field, bt, values)
            if not ids:
                return set()
            id_sets.append(ids)
        id_sets.sort(key=len)
        cands = set(id_sets[0])
        for ids in id_sets[1:]:
            cands.intersection_update(ids)
            if not cands:
                break
        return cands

    def _live_ids(self, field: str, btext: bytes, values: bool = True) -> set[int]:
        """Global numbers of the live documents holding a term."""
        out: set[int] = set()
        for i, ((_reader, offset), deleted) in enumerate(zip(self.leaves, self._deleted, strict=True)):
            p = self._read(i, field, btext, values)
            if p is None:
                continue
            if offset or deleted:
                out.update(d + offset for d in p.ids if d not in deleted)
            else:
                out.update(p.ids)
        return out

    def _verify(self, field: str, btexts: list[bytes], cands: set[int]) -> list[int]:
        """The candidates in which the words occur at consecutive positions."""
        out: list[int] = []
        decode = self._positions
        for i, (reader, offset) in enumerate(self.leaves):
            n = reader.doc_count_all()
            local = [d - offset for d in cands if offset <= d < offset + n]
            if not local:
                continue
            maps = []
            for bt in btexts:
                p = self._read(i, field, bt, True)
                if p is None:
                    break
                where, vals = p.index(), p.values
                maps.append({d: vals[where[d]] for d in local})
            else:
                first, rest = maps[0], list(enumerate(maps[1:], 1))
                if len(maps) == 2:  # the common case ("rec 7", two quoted words): no sets
                    second = maps[1]
                    for d in local:
                        b = decode(second[d])
                        if any(p + 1 in b for p in decode(first[d])):
                            out.append(d + offset)
                    continue
                for d in local:
                    starts = set(decode(first[d]))
                    for k, m in rest:
                        starts.intersection_update([p - k for p in decode(m[d])])
                        if not starts:
                            break
                    if starts:
                        out.append(d + offset)
        return out

    def _positions(self, value: bytes) -> tuple[int, ...]:
        found = self._pos_cache.get(value)
        if found is None:
            # whoosh.formats.Positions.decode_positions: pickled deltas after the count.
            raw = value if value.endswith(b".") else value + b"."
            pos, acc = [], 0
            for code in loads(raw[_INT_SIZE:]):
                acc += code
                pos.append(acc)
            found = self._pos_cache[value] = tuple(pos)
        return found


def _deleted(reader) -> frozenset[int]:
    if not reader.has_deletions():
        return frozenset()
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is not None and hasattr(perdoc, "deleted_docs"):
        return frozenset(perdoc.deleted_docs())
    return frozenset(d for d in range(reader.doc_count_all()) if reader.is_deleted(d))


# Length byte -> length, as W3PerDocReader.doc_field_length decodes it (byte 0: None).
_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]


def _length_bytes(reader, field: str, n: int) -> bytes | None:
    """The raw length column of a whoosh3 segment (one byte per document), else None."""
    perdoc = getattr(reader, "_perdoc", None)
    cached = getattr(perdoc, "_cached_reader", None)
    if cached is None:
        return None
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.columns import NumericColumn

        col = cached(_lenfield(field), LENGTHS_COLUMN)
    except Exception:  # noqa: BLE001 - another codec: the per-document path still works
        return None
    if col is None or type(col) is not NumericColumn.Reader or col._typecode != "B" or col._reverse:
        return None
    count = min(col._count, n)
    raw = col._dbfile.get(col._basepos, count) if count else b""
    return bytes(raw) + bytes(n - count)


class _Matched(dict):
    """docnum -> matched `text` words, computed on demand for the few hits shown."""

    def __init__(self, leaves: list[tuple[frozenset[str], Scores]]) -> None:
        super().__init__()
        self._leaves = leaves

    def __missing__(self, docnum: int) -> set[str]:
        words: set[str] = set()
        for terms, scores in self._leaves:
            if docnum in scores:
                words |= terms
        return words


def _rank_key(item: tuple[int, float]) -> tuple[float, int]:
    return (-item[1], item[0])


def _text(schema, field: str, text) -> str:
    b = schema[field].to_bytes(text) if not isinstance(text, bytes) else text
    return b.decode("utf-8")


def _boost(scores: Scores, boost: float) -> Scores:
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}


def _binary_tree(items: list[int]) -> str:
    """The sum make_binary_tree's IntersectionMatchers compute, as an expression."""
    if len(items) == 1:
        return f"t[{items[0]}][d]"
    half = len(items) // 2
    return f"({_binary_tree(items[:half])} + {_binary_tree(items[half:])})"


@lru_cache(maxsize=32)
def _tree_adder(n: int):
    """(per_term, d) -> the phrase score of document d, added in Whoosh's order. Built from
    integers only, once per phrase length."""
    return eval(f"lambda t, d: {_binary_tree(list(range(n)))}")  # noqa: S307 - no user text


def _bulk(m, values: bool) -> _Postings:
    """All postings of one term in one segment, a block at a time where the codec allows."""
    ids: list[int] = []
    weights: list[float] = []
    vals: list[bytes] | None = [] if values else None
    if hasattr(m, "_read_ids") and hasattr(m, "_goto"):  # whoosh3 on-disk postings
        if not m.is_active():
            return _Postings(ids, weights, vals)
        while True:
            m._read_ids()
            m._read_weights()
            ids.extend(m._ids)
            weights.extend(m._weights)
            if values:
                m._read_values()
                vals.extend(m._values)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
        return _Postings(ids, weights, vals)
    while m.is_active():  # inlined postings (a term in one document) and other matchers
        ids.append(m.id())
        weights.append(m.weight())
        if values:
            vals.append(m.value())
        m.next()
    return _Postings(ids, weights, vals)
