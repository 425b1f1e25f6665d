"""`foi search` over a Whoosh index without Whoosh's reading code: the index files read
directly, queries answered whole posting lists at a time.

Whoosh 2.7.4 opens an index through a dozen modules (searching, reading, matching, codecs,
columns, query classes: about a quarter of a cold `foi search`), then scores one posting at a
time through Python matcher objects. This module reads the same files itself (the whoosh3
codec: the TOC, compound segment files, the terms hash table, posting blocks, the length and
stored-field columns), memory-mapped, so a search touches only the blocks it needs; and it
answers the query shapes `whoosh_backend` builds (`Q` below, one class per whoosh.query class it
uses) with the numbers Whoosh's collector gives: the exact set of matching documents, each with
Whoosh's BM25F score (the same floating-point operations, sums added in the order of Whoosh's
matcher trees, see score_tree), ranked score first and document number second.
`tests/test_perf_query_equivalence.py` holds the hits, scores, matched words and totals equal to
Whoosh's collector; `tests/test_whoosh_native.py` the reader to Whoosh's own.

How the postings are read. A block holds 128 postings as one compressed pickle of (ids,
weights, values). Scoring needs the ids and weights only; for the `text` field the values are
position lists, most of each block: the block is decompressed only as far as its weights end
and the ids and weights read from the pickle's bytes (`_plain_head`: one-byte deltas and a run
of floats, as common words' blocks are laid out; any other layout cut after the weights,
`_HEAD`, and unpickled), so positions are never unpickled unless a phrase needs them. A term's
blocks are found from their headers (last id of each block), so a lookup at a few documents
decodes only the blocks holding them.

Phrases. The `pairs` field holds every adjacent pair of tokens (presence only): a document
holding every pair of the phrase is a candidate, and a two-word phrase is its pair, exactly.
For a longer phrase the weights (a word's number of occurrences) decide most candidates with
no positions read: a word that occurs once in the document sits, by the pairs around it, right
after its left neighbour and right before its right one, so a run of such words is pinned in
place, and one run spanning the phrase proves it. Otherwise only the positions needed are
read: one word of each run (its single position) and the words no run covers. Where no word
occurs once, the word with the largest postings (a "the") is read last and mostly not at all:
the others' positions give the possible starts, and a neighbour standing only at those starts
proves it by their pair (`_starts_check`); its blocks are then decompressed only as far as
their weights. Pair lists that are the same bytes (words only ever seen together) are
intersected without decoding. A value is taken from its block as its record, the block split
at the records' common opcodes (`pieces_at`), never the whole block unpickled: a single
position is remembered by its record's bytes (`_OnlyPosition`), and the position lists a group
of documents needs are unpickled together in one call (`_piece_positions`). The phrase's score
is each word's bm25 looked up and summed in Whoosh's order (`_tree_scorer`), once per distinct
(weights, length). Work done per candidate (its once-only mask and plan group, its records
picked from a block) runs in C (map, compress, bytes.translate) rather
than a Python step per document: a phrase of common words has tens of thousands.

Anything else (another codec or schema, a query node not listed) raises `Unsupported` and the
caller answers through Whoosh.
"""

from __future__ import annotations

import gc
import heapq
import mmap
import os
import re
import struct
import sys
import zlib

# _pickle's own names, the ones pickle re-exports: the pickle module (~1 ms) is no search's business
from _pickle import Unpickler, UnpicklingError, dumps, loads
from bisect import bisect_left, bisect_right
from functools import lru_cache
from io import BytesIO
from itertools import accumulate, compress, repeat
from math import log
from operator import add, eq, getitem, itemgetter

from index.engine.analysis import pair_term
from index.engine.score_tree import Scores, intersect, union, weighted_tree

# Whoosh's BM25F defaults (the searcher's weighting; `whoosh_backend` never sets another).
B = 0.75
K1 = 1.2
# A phrase's words' postings (compressed bytes) kept decompressed while its positions are
# checked, at most: about three times as much memory.
HOLD_BYTES = 12_000_000
# A positional field -> the field of its adjacent token pairs (whoosh_backend's schema), used to
# find phrase candidates. An index without it (an older schema) checks phrases word by word.
_PAIR_FIELD = {"text": "pairs"}
INDEX_NAME = "MAIN"  # Whoosh's default index name
_TOC_VERSION = -111  # whoosh.index._CURRENT_TOC_VERSION (Whoosh 2.7.4)
_TOC_NAME = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
# Per document, Whoosh's doc_field_length: the length its byte stands for; byte 0 (no length) None.
# Whoosh 2.7.4's table (whoosh.util.numeric.byte_to_length, part of its file format), written out:
# importing it would bring whoosh.util and random (~1 ms of every search). A test holds it equal.
_LENGTHS = (
    None,
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 16, 17, 18, 20, 21, 23, 25, 26, 28, 30, 32, 34, 36,
    38, 40, 42, 45, 47, 49, 52, 54, 57, 60, 63, 66, 69, 72, 75, 79, 82, 86, 89, 93, 97, 101, 106,
    110, 114, 119, 124, 129, 134, 139, 145, 150, 156, 162, 169, 175, 182, 189, 196, 203, 211, 219,
    227, 235, 244, 253, 262, 271, 281, 291, 302, 313, 324, 336, 348, 360, 373, 386, 399, 414, 428,
    443, 459, 475, 491, 508, 526, 544, 563, 583, 603, 623, 645, 667, 690, 714, 738, 763, 789, 816,
    844, 873, 903, 933, 965, 998, 1032, 1066, 1103, 1140, 1178, 1218, 1259, 1302, 1345, 1391, 1438,
    1486, 1536, 1587, 1641, 1696, 1753, 1811, 1872, 1935, 1999, 2066, 2135, 2207, 2280, 2356, 2435,
    2516, 2600, 2687, 2777, 2869, 2965, 3063, 3165, 3271, 3380, 3492, 3608, 3728, 3852, 3980, 4112,
    4249, 4390, 4536, 4686, 4842, 5002, 5168, 5340, 5517, 5700, 5889, 6084, 6286, 6494, 6709, 6932,
    7161, 7398, 7643, 7897, 8158, 8428, 8707, 8995, 9293, 9601, 9918, 10247, 10586, 10936, 11298,
    11671, 12057, 12456, 12868, 13294, 13733, 14187, 14656, 15141, 15641, 16159, 16693, 17244,
    17814, 18403, 19011, 19640, 20289, 20959, 21652, 22367, 23106, 23869, 24658, 25472, 26314,
    27183, 28081, 29009, 29967, 30957, 31979, 33035, 34126, 35254, 36418, 37620, 38863, 40146,
    41472, 42841, 44256, 45717, 47227, 48786, 50397, 52061, 53780, 55556, 57390, 59285, 61242,
    63264, 65352, 67510, 69739, 72041, 74419, 76876, 79414, 82035, 84743, 87541, 90430, 93416,
    96499, 99684, 102975, 106374
)

_INT = struct.Struct("!i")
_TERMINFO = struct.Struct("!BfIBBfII")  # whoosh3.W3TermInfo
_POINTER = struct.Struct("!Iq")  # a hash slot: key hash, record position
_LENS = struct.Struct("!ii")  # a record: key length, value length
_DIR_ENTRY = struct.Struct("!qi")  # a hash table: position, slots
# The array typecodes Whoosh writes (GrowableArray) whose size on disk is struct's standard size.
_ARRAY_TYPES = {"B": "!B", "H": "!H", "i": "!i", "I": "!I", "q": "!q"}

# A block's data pickle up to the end of its weights (protocol 2, as whoosh3 writes it): the
# ids tuple (delta-coded ints), its memo, then None, one float, or a tuple of floats. Cut
# there and closed with TUPLE2 + STOP, the pickle gives (ids, weights) without the values.
_P_INT = rb"(?:K.|M..|J....)"
_P_MEMO = rb"(?:q.|r....)?"
_P_FLOAT = rb"G.{8}"
_HEAD = re.compile(
    rb"\x80\x02(?:\(" + _P_INT + rb"*t|" + _P_INT + rb"{1,3}[\x85-\x87])" + _P_MEMO
    + rb"(?:N|\((?:" + _P_FLOAT + rb")*t" + _P_MEMO + rb"|(?:" + _P_FLOAT + rb"){1,3}[\x85-\x87]" + _P_MEMO
    + rb"|" + _P_FLOAT + rb")",  # one float last: a tuple of 1 to 3 starts as one does
    re.S,
)
_CLOSE_HEAD = b"\x86."
# A block's header as whoosh3 writes it (W3PostingsWriter._write_block): the protocol-2 pickle of
# (count, last id, max weight, compression, min length byte, max length byte), ints as BININT1,
# BININT2 or BININT, the weight a BINFLOAT. Groups: count, last id, compression.
_BLOCK_INFO = re.compile(
    rb"\x80\x02\((" + _P_INT + rb")(" + _P_INT + rb")" + _P_FLOAT + rb"(" + _P_INT + rb")" + _P_INT + rb"{2}tq\x00\.",
    re.S,
)


def _pint(op: bytes) -> int:
    """The int of one BININT1 (K), BININT2 (M) or BININT (J) opcode with its argument."""
    return int.from_bytes(op[1:], "little", signed=op[0] == 0x4A)


class Unsupported(Exception):
    """An index or query this module does not model (the caller uses Whoosh)."""


# What reading a file not laid out as expected raises (the caller then opens it with Whoosh,
# which says what is wrong with it in its own words).
FORMAT_ERRORS = (UnpicklingError, EOFError, struct.error, zlib.error, ValueError, KeyError, IndexError,
                 AttributeError, TypeError)


# ---- the query tree: the whoosh.query shapes whoosh_backend builds ------------------------------


class Q:
    """A query node. ``terms()`` gives what Whoosh's ``iter_all_terms`` gives for the same node
    (negated leaves included, phrases word by word, ranges none)."""

    __slots__ = ()

    def terms(self):
        return iter(())

    def __repr__(self) -> str:  # also the key a filter's documents are cached under
        names = [n for c in reversed(type(self).__mro__) for n in c.__dict__.get("__slots__", ())]
        return f"{type(self).__name__}({', '.join(repr(getattr(self, n)) for n in names)})"


class TermQ(Q):
    __slots__ = ("field", "text", "boost")

    def __init__(self, field: str, text, boost: float = 1.0) -> None:
        self.field, self.text, self.boost = field, text, boost

    def terms(self):
        yield self.field, self.text


class PhraseQ(Q):
    """Words at consecutive positions (Whoosh's Phrase with slop 1)."""

    __slots__ = ("field", "words", "boost")

    def __init__(self, field: str, words, boost: float = 1.0) -> None:
        self.field, self.words, self.boost = field, tuple(words), boost

    def terms(self):
        for w in self.words:
            yield self.field, w


class AndQ(Q):
    __slots__ = ("subs", "boost")

    def __init__(self, subs, boost: float = 1.0) -> None:
        self.subs, self.boost = tuple(subs), boost

    def terms(self):
        for s in self.subs:
            yield from s.terms()


class OrQ(AndQ):
    __slots__ = ()


class AndNotQ(Q):
    """What ``a`` matches and ``b`` does not, scored by ``a``."""

    __slots__ = ("a", "b", "boost")

    def __init__(self, a: Q, b: Q, boost: float = 1.0) -> None:
        self.a, self.b, self.boost = a, b, boost

    def terms(self):
        yield from self.a.terms()
        yield from self.b.terms()


class AndMaybeQ(AndNotQ):
    """What ``a`` matches, plus ``b``'s score where ``b`` matches too."""

    __slots__ = ()


class BonusQ(Q):
    """What ``child`` matches, each document scoring ``score`` (a coordination bonus)."""

    __slots__ = ("child", "score")

    def __init__(self, child: Q, score: float) -> None:
        self.child, self.score = child, score

    def terms(self):
        return self.child.terms()


class EveryQ(Q):
    __slots__ = ("boost",)

    def __init__(self, boost: float = 1.0) -> None:
        self.boost = boost


class RangeQ(Q):
    """Terms of ``field`` from ``start`` to ``end``, both inclusive (None: open), compared as
    bytes; each match scores 1 (Whoosh's TermRange, constant score)."""

    __slots__ = ("field", "start", "end")

    def __init__(self, field: str, start: str | None, end: str | None) -> None:
        self.field, self.start, self.end = field, start, end


class NullQ(Q):
    __slots__ = ()


NULL = NullQ()


# ---- reading the files ---------------------------------------------------------------------------


class _Stub:
    """Stands in for a Whoosh class in a pickle: keeps the state it is given, does nothing."""

    def __init__(self, *args, **kwargs) -> None:
        self.__dict__["_args"] = args

    def __setstate__(self, state) -> None:
        if isinstance(state, tuple) and len(state) == 2:
            state, slots = state
            self.__dict__.update(slots or {})
        if isinstance(state, dict):
            self.__dict__.update(state)
        else:
            self.__dict__["_state"] = state

    def __call__(self, *args, **kwargs):
        return _Stub()


_STUBS: dict[tuple[str, str], type] = {}
_PLAIN = {("builtins", "set"), ("builtins", "frozenset"), ("builtins", "int"), ("builtins", "float"),
          ("builtins", "str"), ("builtins", "bytes"), ("builtins", "list"), ("builtins", "dict"),
          ("builtins", "tuple"), ("builtins", "object"), ("__builtin__", "set"), ("__builtin__", "frozenset"),
          ("collections", "defaultdict"), ("copyreg", "_reconstructor"), ("copy_reg", "_reconstructor")}


class _StubUnpickler(Unpickler):
    """Unpickles Whoosh's TOC (schema and segments) without importing Whoosh: every class is a
    named `_Stub` holding the attributes Whoosh saved; only plain containers are real."""

    def find_class(self, module: str, name: str):
        if (module, name) in _PLAIN:
            return super().find_class("builtins" if module == "__builtin__" else module, name)
        key = (module, name)
        if key not in _STUBS:
            _STUBS[key] = type(name, (_Stub,), {"_module": module})
        return _STUBS[key]


def _stub_loads(data) -> object:
    return _StubUnpickler(BytesIO(data)).load()


def _name(obj) -> str:
    return f"{getattr(type(obj), '_module', type(obj).__module__)}.{type(obj).__name__}"


def latest_toc(folder: str) -> tuple[int, str] | None:
    """(generation, path) of the index's newest TOC file, None when there is none (no index)."""
    gen = -1
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None
    for name in names:
        m = _TOC_NAME.match(name)
        if m:
            gen = max(gen, int(m.group(1)))
    return None if gen < 0 else (gen, os.path.join(folder, f"_{INDEX_NAME}_{gen}.toc"))


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def varint(self) -> int:
        data = self.data
        b = data[self.pos]
        self.pos += 1
        value, shift = b & 0x7F, 7
        while b & 0x80:
            b = data[self.pos]
            self.pos += 1
            value |= (b & 0x7F) << shift
            shift += 7
        return value

    def int(self) -> int:
        value = _INT.unpack_from(self.data, self.pos)[0]
        self.pos += 4
        return value

    def take(self, n: int) -> bytes:
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out


class _Field:
    __slots__ = ("name", "kind", "scorable", "positions", "boolean")

    def __init__(self, name: str, obj) -> None:
        self.name = name
        self.kind = type(obj).__name__
        fmt = getattr(obj, "format", None)
        fmt_kind = type(fmt).__name__
        if self.kind not in ("TEXT", "KEYWORD", "ID", "IDLIST", "BOOLEAN", "SpellField"):
            raise Unsupported(f"field {name} of type {self.kind}")
        if fmt_kind not in ("Positions", "Frequency", "Existence") or getattr(fmt, "field_boost", 1.0) != 1.0:
            raise Unsupported(f"field {name} format {fmt_kind}")
        # TEXT and KEYWORD keep `scorable` on the instance; the other types are never scorable.
        self.scorable = bool(obj.__dict__.get("scorable", False)) if self.kind in ("TEXT", "KEYWORD") else False
        self.positions = fmt_kind == "Positions"
        self.boolean = self.kind == "BOOLEAN"

    def to_bytes(self, value) -> bytes:
        """whoosh.fields: a BOOLEAN is b"t"/b"f", every other field its text in UTF-8."""
        if isinstance(value, bytes):
            return value
        if self.boolean:
            if isinstance(value, str):
                value = value.lower() in ("t", "true", "yes", "1")
            return b"t" if value else b"f"
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text")
        return value.encode("utf-8")


def _map(path: str) -> mmap.mmap:
    with open(path, "rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


class IndexFiles:
    """The newest committed generation of a Whoosh index, opened for reading: its schema (as
    far as searching needs it) and every segment's files mapped (a later commit deleting them
    does not disturb a reader that has them open, as with Whoosh's own readers)."""

    def __init__(self, folder: str) -> None:
        found = latest_toc(folder)
        if found is None:
            raise FileNotFoundError(f"no search index at {folder}")
        self.generation, toc_path = found
        with open(toc_path, "rb") as f:
            toc = _Cursor(f.read())
        if (toc.varint(), toc.varint(), toc.varint(), toc.int()) != (4, 8, 4, -12345):
            raise Unsupported("TOC written on another architecture")
        if toc.int() != _TOC_VERSION:
            raise Unsupported("TOC of another Whoosh format")
        toc.varint(), toc.varint(), toc.varint()  # release
        schema = _stub_loads(toc.take(toc.varint()))
        if toc.int() != self.generation:
            raise Unsupported("TOC generation mismatch")
        toc.int()
        segments = _stub_loads(toc.data[toc.pos:])
        fields = getattr(schema, "_fields", None)
        if _name(schema) != "whoosh.fields.Schema" or not isinstance(fields, dict):
            raise Unsupported("schema")
        self.fields = {name: _Field(name, obj) for name, obj in fields.items()}
        self.segments: list[_Segment] = []
        offset = 0
        try:
            for seg in segments:
                s = _Segment(folder, seg, offset, self.fields)
                self.segments.append(s)
                offset += s.n
        except BaseException:
            self.close()
            raise
        self.doc_count_all = offset
        self.doc_count = offset - sum(len(s.deleted) for s in self.segments)
        self._field_lengths: dict[str, int] = {}
        for s in self.segments:
            for name, total in s.field_lengths.items():
                self._field_lengths[name] = self._field_lengths.get(name, 0) + total
        self._idf: dict[tuple[str, bytes], float] = {}
        self._norms: dict[str, list] = {}

    def field(self, name: str) -> _Field:
        found = self.fields.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def doc_frequency(self, field: str, btext: bytes) -> int:
        """Documents holding the term, deleted ones included (Whoosh's doc_frequency)."""
        return sum(t.df for t in (s.term(field, btext) for s in self.segments) if t is not None)

    def idf(self, field: str, btext: bytes) -> float:
        """whoosh.scoring.WeightingModel.idf, cached as Searcher.idf caches it."""
        key = (field, btext)
        found = self._idf.get(key)
        if found is None:
            found = self._idf[key] = log(self.doc_count_all / (self.doc_frequency(field, btext) + 1)) + 1
        return found

    def norms(self, field: str) -> list:
        """Per length byte, BM25's ``K1 * ((1 - B) + B * fl / avgfl)`` for a document of that
        length (None for byte 0), computed as whoosh.scoring.bm25 computes it."""
        found = self._norms.get(field)
        if found is None:
            avgfl = (self._field_lengths.get(field, 0) / (self.doc_count_all or 1)) or 1
            base = 1 - B
            found = self._norms[field] = [None if fl is None else K1 * (base + B * fl / avgfl) for fl in _LENGTHS]
        return found

    def close(self) -> None:
        for s in self.segments:
            s.close()
        self.segments = []


class _Segment:
    """One segment: its terms, postings, length and stored-field columns, and deletions."""

    def __init__(self, folder: str, seg, offset: int, fields: dict[str, _Field]) -> None:
        if _name(seg) != "whoosh.codec.whoosh3.W3Segment" or _name(getattr(seg, "_codec", None)) != \
                "whoosh.codec.whoosh3.W3Codec":
            raise Unsupported("segment of another codec")
        self.prefix = f"{seg.indexname}_{seg.segid}"
        self.offset = offset
        self.n = int(seg._doccount)
        self.deleted = frozenset(seg._deleted or ())
        self.field_lengths = dict(getattr(seg, "_fieldlengths", None) or {})
        self.fields = fields
        self._folder = folder
        self._maps: list[mmap.mmap] = []
        self._files: dict[str, tuple | None] = {}
        if getattr(seg, "compound", False):
            mm = _map(os.path.join(folder, self.prefix + ".seg"))
            self._maps.append(mm)
            dirpos = struct.unpack_from("!q", mm, 0)[0]
            directory = _stub_loads(mm[dirpos:])
            for name, info in directory.items():
                self._files[name] = (mm, info["offset"], info["length"])
        else:  # each file on its own, mapped when first read (Whoosh opens them so too)
            for name in os.listdir(folder):
                if name.startswith(self.prefix + "."):
                    self._files[name] = None
        self._terms = _Terms(*self._file(".trm"))
        self._post = self._file(".pst")
        self._postings: dict[tuple[str, bytes], _Postings | None] = {}
        self._lengths: dict[str, bytes | None] = {}
        self._stored = None

    def _file(self, ext: str) -> tuple:
        found = self._get(self.prefix + ext)
        if found is None:
            raise FileNotFoundError(os.path.join(self._folder, self.prefix + ext))
        return found

    def _get(self, name: str) -> tuple | None:
        """(buffer, start, length) of one of the segment's files; None when it has none."""
        if name not in self._files:
            return None
        found = self._files[name]
        if found is None:
            mm = _map(os.path.join(self._folder, name))
            self._maps.append(mm)
            found = self._files[name] = (mm, 0, len(mm))
        return found

    def term(self, field: str, btext: bytes) -> _Postings | None:
        """The term's postings in this segment (None when absent), its blocks found on demand."""
        key = (field, btext)
        if key in self._postings:
            return self._postings[key]
        num = self._terms.fieldmap.get(field)
        info = None if num is None else self._terms.get(struct.pack("!H", num) + btext)
        found = None if info is None else _Postings(self._post, info, self.fields[field].positions)
        self._postings[key] = found
        return found

    def terms_between(self, field: str, start: bytes, end: bytes):
        """The field's terms from ``start`` to ``end`` inclusive, in order (TermRange's)."""
        num = self._terms.fieldmap.get(field)
        if num is None:
            return
        prefix = struct.pack("!H", num)
        for key in self._terms.keys_from(prefix + start):
            if key[:2] != prefix:
                break
            text = key[2:]
            if text > end:
                break
            yield text

    def lengths(self, field: str) -> bytes | None:
        """The field's length byte of every document (Whoosh's `_FIELD_len` column); None when
        the segment has no such column (Whoosh then scores every document as length 1)."""
        if field not in self._lengths:
            found = self._get(f"{self.prefix}._{field}_len.col")
            if found is None:
                self._lengths[field] = None
            else:
                buf, base, length = found
                count = min(length, self.n)  # a NumericColumn("B"): one byte per document
                self._lengths[field] = bytes(buf[base:base + count]) + bytes(self.n - count)
        return self._lengths[field]

    def lengths_at(self, field: str, docs: list[int]) -> bytes:
        """The field's length byte at each of ``docs`` (1 for every one without a length column:
        Whoosh's doc_field_length default)."""
        lengths = self.lengths(field)
        if lengths is None:
            return b"\x01" * len(docs)
        return bytes(map(lengths.__getitem__, docs))

    def stored(self, docnum: int) -> dict:
        """The stored fields of a document (Whoosh's `_stored` column: zlib-compressed pickles)."""
        if self._stored is None:
            self._stored = _VarBytes(*self._file("._stored.col"), self.n)
        raw = self._stored[docnum]
        if not raw:
            return {}
        return loads(zlib.decompress(raw)) or {}

    def close(self) -> None:
        for mm in self._maps:
            try:
                mm.close()
            except BufferError:  # a view still alive: the map closes when it goes
                pass
        self._maps = []


class _Terms:
    """A whoosh.filedb.filetables.OrderedHashReader: term key -> term info bytes."""

    def __init__(self, buf, base: int, length: int) -> None:
        if buf[base:base + 4] != b"HSH3":
            raise Unsupported("terms file")
        self.buf, self.base = buf, base
        hashtype = buf[base + 4]
        if hashtype == 0:
            md5 = sys.modules["hashlib"].md5 if "hashlib" in sys.modules else _md5()
            self.hash = lambda key: int.from_bytes(md5(key).digest()[-4:], "big")
        elif hashtype == 1:
            self.hash = lambda key: zlib.crc32(key) & 0xFFFFFFFF
        else:
            raise Unsupported(f"hash type {hashtype}")
        exptr = base + length - 4
        expos = exptr - _INT.unpack_from(buf, exptr)[0]
        extras = _stub_loads(buf[expos:exptr])
        self.fieldmap = dict(extras["fieldmap"])
        code = extras["indextype"]
        if code not in _ARRAY_TYPES:
            raise Unsupported(f"index array {code}")
        self._index = struct.Struct(_ARRAY_TYPES[code])
        self._index_len = extras["indexlen"]
        self._index_base = exptr - self._index_len * self._index.size
        tables_at = expos - 256 * _DIR_ENTRY.size
        self._tables = [_DIR_ENTRY.unpack_from(buf, tables_at + i * _DIR_ENTRY.size) for i in range(256)]
        self._end = self._tables[0][0]  # the first hash table follows the last record

    def get(self, key: bytes) -> bytes | None:
        buf, base = self.buf, self.base
        h = self.hash(key)
        start, slots = self._tables[h & 255]
        if not slots:
            return None
        size = _POINTER.size
        slot = (h >> 8) % slots
        for _ in range(slots):
            slot_hash, pos = _POINTER.unpack_from(buf, base + start + slot * size)
            if not pos:
                return None
            if slot_hash == h:
                keylen, datalen = _LENS.unpack_from(buf, base + pos)
                at = base + pos + _LENS.size
                if keylen == len(key) and buf[at:at + keylen] == key:
                    return buf[at + keylen:at + keylen + datalen]
            slot = (slot + 1) % slots
        return None

    def _key_at(self, pos: int) -> bytes:
        keylen = _LENS.unpack_from(self.buf, self.base + pos)[0]
        at = self.base + pos + _LENS.size
        return self.buf[at:at + keylen]

    def keys_from(self, key: bytes):
        """Keys equal to or after ``key``, in order (OrderedHashReader.keys_from)."""
        index, at = self._index, self._index_base  # the array of record positions, in key order
        lo, hi = 0, self._index_len
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key_at(index.unpack_from(self.buf, at + mid * index.size)[0]) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == self._index_len:
            return
        pos = index.unpack_from(self.buf, at + lo * index.size)[0]
        while pos < self._end:
            keylen, datalen = _LENS.unpack_from(self.buf, self.base + pos)
            at_key = self.base + pos + _LENS.size
            yield self.buf[at_key:at_key + keylen]
            pos += _LENS.size + keylen + datalen


def _md5():
    try:
        from _md5 import md5
    except ImportError:  # pragma: no cover - a Python without the builtin module
        from hashlib import md5
    return md5


class _VarBytes:
    """A whoosh.columns.VarBytesColumn reader: per document, its bytes (offsets and lengths as
    big-endian arrays at the end; the offsets written only for a large column)."""

    def __init__(self, buf, base: int, length: int, count: int) -> None:
        self.buf, self.base, self.count = buf, base, count
        last = base + length - 1
        code = chr(buf[last])
        self._offsets = None
        if code == "X":
            code, offsets_code = chr(buf[last - 2]), chr(buf[last - 1])
            if offsets_code not in _ARRAY_TYPES:
                raise Unsupported(f"column offsets {offsets_code}")
            self._off = struct.Struct("!" + offsets_code)
            start = (last - 2) - count * self._off.size
            self._offsets = start
            last = start
        if code not in _ARRAY_TYPES:  # a typecode of another size on disk than in struct
            raise Unsupported(f"column lengths {code}")
        self._len = struct.Struct("!" + code)
        self._lengths = last - count * self._len.size
        self._derived: list[int] | None = None

    def __getitem__(self, docnum: int) -> bytes:
        length = self._len.unpack_from(self.buf, self._lengths + docnum * self._len.size)[0]
        if not length:
            return b""
        if self._offsets is not None:
            offset = self._off.unpack_from(self.buf, self._offsets + docnum * self._off.size)[0]
        else:
            if self._derived is None:
                lens = struct.unpack_from(f"!{self.count}{self._len.format[1:]}", self.buf, self._lengths)
                self._derived = [0, *accumulate(lens)]
            offset = self._derived[docnum]
        return self.buf[self.base + offset:self.base + offset + length]


class _Postings:
    """One term's postings in one segment (whoosh3 blocks of up to 128), read a block at a time."""

    __slots__ = ("buf", "df", "positions", "_inline", "_start", "_blocks", "_maxids", "_iw", "_all", "_held")

    def __init__(self, buf, info: bytes, positions: bool) -> None:
        flags, _weight, df, _minl, _maxl, _maxw, _minid, _maxid = _TERMINFO.unpack_from(info)
        self.buf, self.df, self.positions = buf[0], df, positions
        self._inline = None
        self._blocks: list[tuple] | None = None
        self._all = None
        self._held: dict[int, bytes] | None = None
        if flags:  # postings inlined in the term info (W3TermInfo.from_bytes)
            ids, weights, values = loads(info[_TERMINFO.size:])
            self._inline = (list(ids), list(weights), tuple(values))
            self._start = None
        else:
            offset = struct.unpack_from("!q", info, _TERMINFO.size)[0]
            self._start = buf[1] + offset

    def _walk(self) -> list[tuple]:
        """Every block's (last id, count, data start, data length, compressed), from the headers."""
        if self._blocks is None:
            blocks: list[tuple] = []
            if self._inline is not None:
                ids = self._inline[0]
                blocks.append((ids[-1], len(ids), None, None, None))
            else:
                buf, pos = self.buf, self._start
                if buf[pos:pos + 4] != b"W3Bl":
                    raise Unsupported("postings header")
                pos += 4
                while True:
                    length = _INT.unpack_from(buf, pos)[0]
                    last = length < 0
                    length = -length if last else length
                    head = buf[pos + 4:pos + 4 + min(length, 96)]
                    m = _BLOCK_INFO.match(head)
                    if m is not None:  # the usual layout read from its bytes (a loads and dumps a block else)
                        count, maxid, comp = _pint(m[1]), _pint(m[2]), _pint(m[3])
                        size = m.end()
                    else:
                        info = loads(head)
                        enc = dumps(info, 2)
                        size = len(enc)
                        if head[:size] != enc:
                            raise Unsupported("block header")
                        count, maxid, _maxw, comp = info[0], info[1], info[2], info[3]
                    blocks.append((maxid, count, pos + 4 + size, length - size, comp))
                    pos += 4 + length
                    if last:
                        break
            self._blocks = blocks
            self._maxids = [b[0] for b in blocks]
            self._iw = [None] * len(blocks)
        return self._blocks

    def size(self) -> int:
        """The postings' size in the file (bytes)."""
        return sum(b[3] or 0 for b in self._walk())

    def release(self) -> None:
        """Forget the blocks decoded so far (read again if asked again)."""
        if self._blocks is not None:
            self._iw = [None] * len(self._blocks)
        self._all = None

    def hold(self, on: bool) -> None:
        """While on, a block decompressed for its weights keeps its whole data for `values_at`
        (a phrase that may need positions decompresses each block once); off, it is let go."""
        self._held = {} if on else None

    def _data(self, k: int) -> bytes:
        held = self._held
        if held is not None and k in held:
            return held[k]
        _maxid, _count, start, length, comp = self._blocks[k]
        raw = self.buf[start:start + length]
        data = zlib.decompress(raw) if comp else raw
        if held is not None:
            held[k] = data
        return data

    def block(self, k: int) -> tuple[list[int], list | tuple]:
        """Block ``k``'s ids (absolute) and weights. A positions block is read only up to the
        end of its weights, and (unless held) decompressed only that far."""
        found = self._iw[k]
        if found is None:
            _maxid, count, start, length, comp = self._blocks[k]
            if start is None:
                ids, weights = self._inline[0], self._inline[1]
            else:
                if self.positions and self._held is None and comp:
                    part = zlib.decompressobj().decompress(self.buf[start:start + length], 14 * count + 48)
                else:
                    part = self._data(k)
                found = _plain_head(part, count)
                if found is not None:
                    found = self._iw[k] = found
                    return found
                head = None
                if self.positions:
                    m = _HEAD.match(part)
                    if m is not None:
                        ids, weights = loads(m.group() + _CLOSE_HEAD)
                        # A cut in the wrong place cannot pass for the block: else decode it whole.
                        if len(ids) == count and (not isinstance(weights, tuple) or len(weights) == count):
                            head = True
                if head is None:
                    ids, weights, _values = loads(self._data(k))
            if start is not None:
                ids = list(accumulate(ids))
                if weights is None:
                    weights = [1.0] * count
                elif isinstance(weights, float):
                    weights = [weights] * count
                elif len(weights) != count or len(ids) != count:
                    raise Unsupported("block weights")
            found = self._iw[k] = (ids, weights)
        return found

    def all(self) -> tuple[list[int], list]:
        """Every posting's id and weight, in order."""
        if self._all is None:
            blocks = self._walk()
            if len(blocks) == 1:
                self._all = self.block(0)
            else:
                ids: list[int] = []
                weights: list = []
                for k in range(len(blocks)):
                    i, w = self.block(k)
                    ids += i
                    weights += w
                self._all = (ids, weights)
        return self._all

    def ids(self) -> list[int]:
        return self.all()[0]

    def _spans(self, docs: list[int]):
        """(block, start, end): the blocks holding ``docs`` (sorted ids) and the slice of docs
        each may hold."""
        maxids = self._maxids
        i, n, k, nb = 0, len(docs), 0, len(maxids)
        while i < n:
            k = bisect_left(maxids, docs[i], k)
            if k == nb:
                return
            j = bisect_right(docs, maxids[k], i)
            yield k, i, j
            i = j
            k += 1

    def weights_at(self, docs: list[int], members: set[int] | None = None) -> list:
        """The weight at each of ``docs`` (sorted ids; None where the term is absent), decoding
        only the blocks that hold them. ``members``, the set of ``docs`` when given, picks a
        block's weights in C (`_pick`) where it holds every one of its docs."""
        self._walk()
        if len(docs) == self.df:  # perhaps every document of the term (a phrase's own words)
            ids, weights = self.all()
            if ids == docs:
                return list(weights)
        out: list = []
        iw = self._iw
        for k, i, j in self._spans(docs):
            ids, weights = iw[k] or self.block(k)
            if j - i == len(ids) and docs[i:j] == ids:
                out += weights
            elif (j - i) * _SPARSE < len(ids):
                out += _sparse_weights(ids, weights, docs[i:j])
            elif members is not None and len(picked := _pick(members, ids, weights)[0]) == j - i:
                out += picked
            else:
                out += map(dict(zip(ids, weights, strict=True)).get, docs[i:j])
        out += [None] * (len(docs) - len(out))
        return out

    def having(self, docs: list[int]) -> list[int]:
        """Those of ``docs`` (sorted ids) the term is in."""
        if len(docs) == self.df and self._same_ids(docs):  # every document of the term (a phrase's pairs)
            return docs
        return [d for d, w in zip(docs, self.weights_at(docs), strict=True) if w is not None]

    def same_postings(self, other: _Postings) -> bool:
        """Whether the two terms' postings are the same bytes, block by block (so the same ids
        and weights), none decompressed."""
        if other is self:
            return True
        if self.df != other.df or self._inline is not None or other._inline is not None:
            return False
        mine, theirs = self._walk(), other._walk()
        if self._maxids != other._maxids:
            return False
        buf, obuf = self.buf, other.buf
        return all(a[1] == b[1] and a[3] == b[3] and a[4] == b[4] and buf[a[2]:a[2] + a[3]] == obuf[b[2]:b[2] + b[3]]
                   for a, b in zip(mine, theirs, strict=True))

    def _same_ids(self, docs: list[int]) -> bool:
        """Whether ``docs`` are the term's ids, compared block by block (none joined)."""
        at = 0
        blocks = self._walk()
        iw = self._iw
        for k in range(len(blocks)):
            ids = (iw[k] or self.block(k))[0]
            if docs[at:at + len(ids)] != ids:
                return False
            at += len(ids)
        return at == len(docs)

    def weights_records(self, docs: list[int], members: set[int] | None = None) -> tuple[list, list[bytes]]:
        """The weight and the value's record (as `pieces_at` gives it) at each of ``docs``
        (sorted ids, every one the term's: a phrase's candidates; KeyError else), each block
        holding them decoded and cut once for both (and neither kept: read once). ``members``,
        the set of ``docs`` when given, picks them from a block in C (`_pick`)."""
        blocks = self._walk()
        weights: list = []
        records: list[bytes] = []
        iw, held, buf = self._iw, self._held, self.buf
        for k, i, j in self._spans(docs):
            found = iw[k]
            _maxid, count, start, length, comp = blocks[k]
            if start is None:
                ids, ws = found or self.block(k)
                pieces = [_record(v) for v in self._inline[2]]
            else:
                data = held.pop(k, None) if held is not None else None
                if data is None:
                    raw = buf[start:start + length]
                    data = zlib.decompress(raw) if comp else raw
                ids, ws = found or _plain_head(data, count) or self.block(k)
                pieces = _value_pieces(data, count) or [_record(v) for v in loads(data)[2]]
            if j - i == count and docs[i:j] == ids:
                weights += ws
                records += pieces
            elif members is not None:  # a shortfall is caught by the count below
                picked, sel = _pick(members, ids, ws)
                weights += picked
                records += compress(pieces, sel)
            else:
                at = _take(docs[i:j], dict(zip(ids, range(count), strict=True)))
                weights += _take(at, ws)
                records += _take(at, pieces)
        if len(weights) != len(docs):
            raise KeyError("a document the term is not in")
        return weights, records

    def pieces_at(self, docs: list[int], plain: bool = False) -> list[bytes]:
        """The record of the posting value at each of ``docs`` (sorted ids the term is in) as
        `_value_pieces` cuts it from its block: the value's length (4 bytes, little-endian), its
        bytes as UTF-8 text of latin-1, then the rest of the record. Only the blocks holding
        them are decoded; a block laid out otherwise is unpickled and its values given as such
        records (every block so when ``plain``)."""
        self._walk()
        out: list[bytes] = []
        iw = self._iw
        for k, i, j in self._spans(docs):
            ids = (iw[k] or self.block(k))[0]
            count = len(ids)
            if j - i == count:
                wanted = range(count)
            elif j - i < 16:
                wanted = [bisect_left(ids, d) for d in docs[i:j]]
            else:
                wanted = _take(docs[i:j], dict(zip(ids, range(count), strict=True)))
            pieces = None
            if self._inline is None and not plain:
                pieces = _value_pieces(self._data(k), count)
            if pieces is None:
                values = self._inline[2] if self._inline is not None else loads(self._data(k))[2]
                out += [_record(values[w]) for w in wanted]
            elif j - i == count:
                out += pieces
            else:
                out += _take(wanted, pieces)
        return out

    def values_at(self, docs: list[int]) -> list[str]:
        """The posting value at each of ``docs`` (sorted ids the term is in) as the pickle
        holds it: the value's bytes as latin-1 text."""
        try:
            return _piece_texts(self.pieces_at(docs))
        except ValueError:  # a record cut in the wrong place: the blocks unpickled
            return _piece_texts(self.pieces_at(docs, plain=True))


_LAYOUTS: dict[int, tuple[bytes, bytes, struct.Struct]] = {}


def _layout(count: int) -> tuple[bytes, bytes, struct.Struct]:
    """For blocks of ``count`` postings: the opcodes of their one-byte deltas and of their
    floats, and the floats' reader."""
    found = _LAYOUTS.get(count)
    if found is None:
        found = _LAYOUTS[count] = (b"K" * (count - 1), b"G" * count, struct.Struct(">" + "xd" * count))
    return found


def _plain_head(data: bytes, count: int) -> tuple[list[int], list | tuple] | None:
    """A block's ids (absolute) and weights read from its pickle's bytes, without unpickling,
    when it is laid out as a common word's is: the first id any int, every later delta one
    byte (BININT1), then the weights None, one float, or a tuple of ``count`` floats (BINFLOAT,
    big-endian). None for any other layout (`_HEAD` and the unpickler read it). Opcode by
    opcode from the start, so the layout checked is the pickle's own parse."""
    if count < 4 or len(data) < 2 * count + 12 or data[0] != 0x80 or data[2] != 0x28:  # PROTO, MARK
        return None
    op = data[3]
    if op == 0x4B:  # BININT1
        first, at = data[4], 5
    elif op == 0x4D:  # BININT2
        first, at = data[4] | data[5] << 8, 6
    elif op == 0x4A:  # BININT
        first, at = int.from_bytes(data[4:8], "little", signed=True), 8
    else:
        return None
    end = at + 2 * (count - 1)
    deltas, floats, read = _layout(count)
    if data[end] != 0x74 or data[at:end:2] != deltas:  # TUPLE after count - 1 BININT1
        return None
    pos = end + 1
    op = data[pos]
    if op == 0x71:  # BINPUT
        pos += 2
    elif op == 0x72:  # LONG_BINPUT
        pos += 5
    if pos >= len(data):
        return None
    op = data[pos]
    if op == 0x28:  # MARK: a tuple of floats
        wend = pos + 1 + 9 * count
        if len(data) <= wend or data[wend] != 0x74 or data[pos + 1:wend:9] != floats:
            return None
        weights = read.unpack_from(data, pos + 1)
    elif op == 0x4E:  # NONE: every weight 1
        weights = [1.0] * count
    elif op == 0x47 and len(data) >= pos + 9:  # one BINFLOAT: every weight that
        weights = [struct.unpack_from(">d", data, pos + 1)[0]] * count
    else:
        return None
    return list(accumulate(data[at + 1:end:2], initial=first)), weights


# A block asked at fewer than one in this many of its postings finds them by bisection: a
# two-word phrase's candidates (a "recommend 4" among "recommend"'s postings) are about one in
# eight, and a dict of the block's 128 ids costs more than bisecting for those few.
_SPARSE = 4


def _sparse_weights(ids: list[int], weights, docs: list[int]) -> list:
    """The weight at each of ``docs`` (sorted; None where absent) in one block's ``ids``
    (sorted), each found by bisection from the last one's place."""
    out: list = []
    at, n = 0, len(ids)
    for d in docs:
        at = bisect_left(ids, d, at)
        out.append(weights[at] if at < n and ids[at] == d else None)
    return out


def _pick(members: set[int], ids: list[int], items) -> tuple[list, list[bool]]:
    """``items`` (one per id of a block) at the ids in ``members``, and which those are: the
    block's docs among a sorted set's (its docs in the block's id range, as `_spans` cuts
    them) chosen in C, where a dict of the block's ids and a lookup per doc cost twice that."""
    sel = list(map(members.__contains__, ids))
    return list(compress(items, sel)), sel


def _take(keys, items) -> tuple:
    """``items`` at each of ``keys``, looked up in C (itemgetter)."""
    if len(keys) == 1:
        return (items[keys[0]],)
    return itemgetter(*keys)(items)


# A block's values (bytes) in its protocol-2 pickle: each is ``_codecs.encode(text, "latin1")``,
# the first after the global, the others after a memo get of it: BINUNICODE (X, a 4-byte
# length, UTF-8), a memo put, then the "latin1" argument. Split at those gets, a value is read
# without unpickling the block's others (a block holds 128); any other layout is unpickled.
_ENCODE = b"c_codecs\nencode\n"


def _record(value: bytes) -> bytes:
    """A value as `_value_pieces` would cut its record (its length, its text, a memo put)."""
    text = value.decode("latin-1").encode("utf-8")
    return len(text).to_bytes(4, "little") + text + b"q\x00h"


def _value_pieces(data: bytes, count: int) -> list[bytes] | None:
    at = data.find(_ENCODE)
    if at < 0:
        return None
    at += len(_ENCODE)
    op = data[at]
    if op == 0x71:  # BINPUT
        sep = b"h" + data[at + 1:at + 2] + b"X"
        at += 2
    elif op == 0x72:  # LONG_BINPUT
        sep = b"j" + data[at + 1:at + 5] + b"X"
        at += 5
    else:
        return None
    if data[at] != 0x58:
        return None
    pieces = data[at + 1:].split(sep)
    return pieces if len(pieces) == count else None


def _piece_texts(pieces: list[bytes]) -> list[str]:
    """Values' texts from their pieces (UTF-8 after a 4-byte length), each checked to end where
    its record says it does (a memo put, then the "latin1" argument or its memo get)."""
    ends = [int.from_bytes(x[:4], "little") + 4 for x in pieces]
    if not _records_end(pieces, ends):
        raise ValueError("layout")
    return [x[4:n].decode("utf-8") for x, n in zip(pieces, ends, strict=True)]


_RECORD_END = re.compile(rb"(?:q.|r....)[hjX]", re.S)


def _records_end(pieces: list[bytes], ends: list[int]) -> bool:
    """Whether each record ends at its ``ends`` as `_RECORD_END` says: a memo put there (BINPUT
    q, or LONG_BINPUT r past a block's 256th memo), then h, j or X after its argument. The
    opcodes are picked in C (getitem), a third of a regex match each."""
    try:
        puts = bytes(map(getitem, pieces, ends))
        if puts.translate(None, b"qr"):
            return False
        after = map(add, ends, puts.translate(_PUT_SIZE))  # the byte after each put's argument
        return not bytes(map(getitem, pieces, after)).translate(None, b"hjX")
    except IndexError:  # a record shorter than its length says
        return False


# A memo put's opcode -> its size with its argument (BINPUT q: 2, LONG_BINPUT r: 5).
_PUT_SIZE = bytes(2 if c == 0x71 else 5 if c == 0x72 else 0 for c in range(256))


class _OnlyPosition(dict):
    """A once-only word's value record, by its start (`pieces_at`'s record up to the opcode
    after the text, the key ``x[:x[0] + 5]`` when the length fits its first byte, as a single
    position's always does) -> its position, remembered: a few hundred distinct records stand
    for most documents. A weight of 1.0 is one occurrence in this schema (no field or token
    boosts); a value saying otherwise is not modelled."""

    def __missing__(self, key: bytes) -> int:
        if key[1:4] != b"\0\0\0":  # a value of 256 bytes or more is no single position
            raise Unsupported("a weight of 1 with several positions")
        n = key[0] + 4
        if len(key) != n + 1 or key[n] not in b"qr":  # a record cut or laid out otherwise
            raise ValueError("layout")
        found = positions(key[4:n].decode("utf-8").encode("latin-1"))
        if len(found) != 1:
            raise Unsupported("a weight of 1 with several positions")
        self[key] = found[0]
        return found[0]


def _piece_positions(pieces: list[bytes]) -> list[tuple[int, ...]]:
    """The positions of the values of records as `pieces_at` gives them, unpickled in one call.
    A value is its count (4 bytes, big-endian), then a protocol-2 pickle of its delta list:
    PROTO, the list, STOP. Its record holds it as UTF-8 text of latin-1 (so PROTO's first byte
    takes two). When every length and count fits one byte (a value of under 128 positions),
    each record's value from PROTO to before STOP, joined and read back as latin-1, is the
    lists' bodies in a row (PROTO is allowed between opcodes; each body's memo put at 0 only
    overwrites the last): between MARK and LIST, one pickle of the list of them. Held to
    each record's end (`_RECORD_END`) and each list to its count; any other record is read
    one by one."""
    if not pieces:
        return []
    heads = b"".join([x[:8] for x in pieces])
    zeros = bytes(len(pieces))
    # Lengths (little-endian) in [0], counts (big-endian) in [7], every other byte zero.
    if len(heads) == 8 * len(pieces) and all(heads[i::8] == zeros for i in range(1, 7)) and max(heads[7::8]) < 0x80:
        ends = [length + 4 for length in heads[0::8]]
        if _records_end(pieces, ends):
            body = b"".join([x[8:e - 1] for x, e in zip(pieces, ends, strict=True)])
            try:
                lists = loads(b"\x80\x02(" + body.decode("utf-8").encode("latin-1") + b"l.")
                if list(map(len, lists)) == list(heads[7::8]):
                    return list(map(tuple, map(accumulate, lists)))  # no Python frame per list
            except (UnpicklingError, EOFError, ValueError, TypeError, IndexError):
                pass
    return [positions(t.encode("latin-1")) for t in _piece_texts(pieces)]


def positions(value: bytes) -> tuple[int, ...]:
    """whoosh.formats.Positions.decode_positions: pickled deltas after the count."""
    raw = value if value.endswith(b".") else value + b"."
    return tuple(accumulate(loads(raw[4:])))


# ---- evaluation -----------------------------------------------------------------------------------


class no_cycle_collection:
    """Python's cycle collector paused for a query: it builds hundreds of thousands of ints,
    floats and lists (no cycles), and each collection they set off walks every container the
    process holds (a tenth of a large phrase's time). Restored after, as it was."""

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.was:
            gc.enable()



class Evaluator:
    """One per opened index: caches postings, term scores and filter sets for its lifetime."""

    def __init__(self, ix: IndexFiles) -> None:
        self.ix = ix
        self.segments = ix.segments
        self._full: dict[tuple[str, bytes], Scores] = {}
        self._sets: dict[str, frozenset[int]] = {}
        self._phrases: dict[tuple, Scores] = {}

    # ---- the public questions ----------------------------------------------------------------

    def scores(self, q: Q) -> tuple[Scores, dict[int, set[str]]]:
        """Every matching live document with its score, and per document the `text` words it
        matched (as Whoosh's TermsCollector reports them: leaves outside a negation that are
        at the document)."""
        leaves: list[tuple[frozenset[str], Scores]] = []
        result = self._eval(q, leaves)
        return result, _Matched(leaves)

    def doc_set(self, q: Q) -> frozenset[int]:
        """The matching documents of a filter query, cached for this index."""
        key = repr(q)
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(self._eval(q, None))
        return found

    def stored(self, docnum: int) -> dict:
        for s in reversed(self.segments):
            if docnum >= s.offset:
                return s.stored(docnum - s.offset)
        raise IndexError(docnum)

    @staticmethod
    def top(scores: Scores, allow: frozenset[int] | None, limit: int | None) -> tuple[list[tuple[int, float]], int]:
        """The best ``limit`` (all when None) of ``scores`` inside ``allow``, ranked as Whoosh's
        TopCollector ranks (score descending, then document number), and how many matched."""
        if allow is None:
            total = len(scores)
            items = scores
        else:
            items = {d: s for d, s in scores.items() if d in allow}
            total = len(items)
        if limit is None or limit >= total:
            return sorted(items.items(), key=_rank_key), total
        if limit <= 0:
            return [], total
        # The limit-th best score, then every document at least as good (ties at the edge
        # included), ranked; the floats compared in C, the key only on those few.
        edge = heapq.nlargest(limit, items.values())[-1]
        best = [(d, s) for d, s in items.items() if s >= edge]
        best.sort(key=_rank_key)
        return best[:limit], total

    # ---- evaluation --------------------------------------------------------------------------

    def _eval(self, q: Q, leaves: list | None) -> Scores:
        kind = type(q)
        if kind is TermQ:
            out = self._term(q.field, q.text, q.boost)
            if leaves is not None and q.field == "text":
                leaves.append((frozenset([_text(q.text)]), out))
            return out
        if kind is PhraseQ:
            out = self._phrase(q)
            if leaves is not None and q.field == "text" and out:
                leaves.append((frozenset(_text(w) for w in q.words), out))
            return out
        if kind is BonusQ:
            inner = self._eval(q.child, leaves)
            return dict.fromkeys(inner, q.score)
        if kind is NullQ:
            return {}
        if kind is EveryQ:
            return self._every(q.boost)
        if kind is AndNotQ:
            pos = self._eval(q.a, leaves)
            neg = self._eval(q.b, None)
            return _boost({d: s for d, s in pos.items() if d not in neg}, q.boost)
        if kind is AndMaybeQ:
            req = self._eval(q.a, leaves)
            opt = self._eval(q.b, leaves)
            # AndMaybeMatcher: the required score, plus the optional one where it matches.
            return _boost({d: (s + opt[d]) if d in opt else s for d, s in req.items()}, q.boost)
        if kind is AndQ or kind is OrQ:
            if not q.subs:
                return {}
            parts = [self._eval(s, leaves) for s in q.subs]
            if len(parts) == 1:
                return parts[0]  # CompoundQuery.matcher: one subquery is its own matcher (no boost)
            if kind is AndQ:
                # IntersectionMatcher tree weighted by estimated size, smallest first.
                out = intersect(weighted_tree([-len(p) for p in parts], parts))
            else:
                out = union(weighted_tree([len(p) for p in parts], parts))
            return _boost(out, q.boost)
        if kind is RangeQ:
            return dict.fromkeys(self._range(q), 1.0)
        raise Unsupported(type(q).__name__)

    def _every(self, boost: float) -> Scores:
        out: Scores = {}
        for s in self.segments:
            if s.deleted:
                out.update((d + s.offset, boost) for d in range(s.n) if d not in s.deleted)
            else:
                out.update(dict.fromkeys(range(s.offset, s.offset + s.n), boost))
        return out

    def _range(self, q: RangeQ) -> list[int]:
        try:
            f = self.ix.field(q.field)
        except KeyError:
            return []
        start = b"" if q.start is None else f.to_bytes(q.start)
        end = b"\xff\xff\xff\xff" if q.end is None else f.to_bytes(q.end)
        out: set[int] = set()
        for s in self.segments:
            for text in s.terms_between(q.field, start, end):
                out.update(self._live(s, s.term(q.field, text).ids()))
        return sorted(out)

    @staticmethod
    def _live(s: _Segment, ids: list[int]):
        """Global numbers of the live ones of a segment's ``ids``."""
        if s.deleted:
            return [d + s.offset for d in ids if d not in s.deleted]
        if s.offset:
            return [d + s.offset for d in ids]
        return ids

    def _term(self, field: str, text, boost: float) -> Scores:
        try:
            btext = self.ix.field(field).to_bytes(text)
        except (KeyError, ValueError):  # not a field of this index, or text it cannot hold
            return {}
        return _boost(self._term_full(field, btext), boost)  # the same float as scoring boosted

    def _term_full(self, field: str, btext: bytes) -> Scores:
        """A term's unboosted scores over all its live documents, cached for this index (a
        command asking several queries, or a coordination bonus beside its word, reuses them;
        no caller changes a returned dict)."""
        key = (field, btext)
        found = self._full.get(key)
        if found is not None:
            return found
        out: Scores = {}
        scorer = None
        for s in self.segments:
            p = s.term(field, btext)
            if p is None:
                continue
            if scorer is None:  # only for a term in the index (an empty one has no IDF)
                scorer = self._scorer(field, btext)
            ids, weights = p.all()
            scores = scorer(s, ids, weights)
            if s.deleted:
                out.update((d + s.offset, v) for d, v in zip(ids, scores, strict=True) if d not in s.deleted)
            elif s.offset or out:
                out.update(zip([d + s.offset for d in ids] if s.offset else ids, scores, strict=True))
            else:
                out = dict(zip(ids, scores, strict=True))
        self._full[key] = out
        return out

    def _scorer(self, field: str, btext: bytes):
        """(segment, ids, weights[, length bytes at ids]) -> the term's unboosted score at each:
        for a scorable field whoosh.scoring.bm25 (operation for operation, so the same floats),
        else the weight."""
        tables = self._tables(field, btext)
        if tables is None:
            return lambda s, ids, weights, lens=None: weights

        def score(s: _Segment, ids: list[int], weights: list, lens: bytes | None = None) -> list[float]:
            if lens is None:
                lens = s.lengths_at(field, ids)
            return [tables[w][n] for w, n in zip(weights, lens, strict=True)]

        return score

    def _tables(self, field: str, btext: bytes) -> _ScoreTables | None:
        """The term's bm25 tables (None for a field not scored: its weight is its score)."""
        if not self.ix.field(field).scorable:
            return None
        return _ScoreTables(self.ix.idf(field, btext), self.ix.norms(field))

    # ---- phrases -------------------------------------------------------------------------------

    def _phrase(self, q: PhraseQ) -> Scores:
        words = q.words
        if not words:
            return {}
        if len(words) == 1:
            return self._term(q.field, words[0], q.boost)  # Phrase.normalize would make it a Term
        key = (q.field, words)
        found = self._phrases.get(key)
        if found is None:
            found = self._phrases[key] = self._phrase_scores(q.field, words)
        return _boost(found, q.boost)

    def _phrase_scores(self, field: str, words: tuple) -> Scores:
        try:
            f = self.ix.field(field)
            btexts = [f.to_bytes(w) for w in words]
        except (KeyError, ValueError):
            return {}
        pair_field = _PAIR_FIELD.get(field)
        pairs = None
        if pair_field in self.ix.fields:
            try:
                pf = self.ix.field(pair_field)
                pairs = [pf.to_bytes(pair_term(a, b)) for a, b in zip(words, words[1:], strict=False)]
            except ValueError:
                return {}
        out: Scores = {}
        for s in self.segments:
            found = self._phrase_in(s, field, btexts, pairs)
            if found is None:
                continue
            docs, weights = found
            if not docs:
                continue
            lens = s.lengths_at(field, docs)
            # SpanNear2Matcher's score is its IntersectionMatcher's: a binary tree of sums.
            tables = [self._tables(field, bt) for bt in btexts]
            if None in tables:
                per_word = [self._scorer(field, bt)(s, docs, ws, lens) for bt, ws in zip(btexts, weights, strict=True)]
                sums = _tree_adder(len(words))(per_word)
            else:
                sums = _tree_scorer(len(words))(tables, weights, lens)
            keys = self._live(s, docs) if (s.offset or s.deleted) else docs
            out.update(zip(keys, sums, strict=True))
        return out

    def _phrase_in(self, s: _Segment, field: str, btexts: list[bytes],
                   pairs: list[bytes] | None) -> tuple[list[int], list[list]] | None:
        """The segment's live documents holding the phrase (sorted local numbers) and, per word,
        its weight at each."""
        posts = [s.term(field, bt) for bt in btexts]
        if any(p is None for p in posts):
            return None
        if pairs is not None:
            lists = [s.term(_PAIR_FIELD[field], k) for k in pairs]
            if any(p is None for p in lists):
                return None
        else:
            lists = posts
        # Candidates: every list holds them; the shortest read whole, the others only where
        # it has documents (none decoded when a list's postings are the shortest's, byte for
        # byte: words that only ever occur together make such pairs).
        order = sorted(lists, key=lambda p: p.df)
        cands = order[0].ids()
        if s.deleted:
            cands = [d for d in cands if d not in s.deleted]
        for p in order[1:]:
            if not cands:
                return None
            if not p.same_postings(order[0]):
                cands = p.having(cands)
        if pairs is not None:
            for p in lists:
                p.release()
        if not cands:
            return None
        if pairs is not None and len(btexts) == 2:  # the pair is the two-word phrase, exactly
            weights = [p.weights_at(cands) for p in posts]
            return cands, weights
        # Positions may be needed. The word with the largest postings (a common word: "the")
        # is often proved by its neighbours' positions and the pairs alone (`_starts_check`),
        # so its blocks are decompressed only as far as their weights, and again whole only
        # where its positions are asked for. The others' blocks are decompressed once, for
        # weights and records together (cutting a block's records costs about a fifth of
        # reading it; a second pass over the blocks for the records a plan needs costs more
        # than that once they are in most blocks, as in a phrase of common words), while their
        # postings are not too large to hold decompressed (about three times their size in the
        # file); past that, a block needing positions is decompressed again.
        sizes = {p: p.size() for p in posts}
        skip = None
        if pairs is not None and len(sizes) > 1:
            big = max(sizes, key=sizes.__getitem__)
            if posts.count(big) == 1:  # a word twice in the phrase is read for its other place
                skip = posts.index(big)
        lazy = None if skip is None else posts[skip]
        hold = sum(v for p, v in sizes.items() if p is not lazy) <= HOLD_BYTES
        for p in sizes:
            p.hold(hold and p is not lazy)
        try:
            found: dict[_Postings, tuple[list, list[bytes] | None]] = {}
            members = set(cands)  # each word's blocks pick their candidates by it
            if hold:
                try:
                    found = {p: p.weights_records(cands, members) for p in sizes if p is not lazy}
                except KeyError:  # a candidate a word is not in: read as asked
                    found = {}
            for p in sizes:
                if p not in found:
                    found[p] = (p.weights_at(cands, members), None)
            weights = [found[p][0] for p in posts]
            records = [found[p][1] for p in posts]
            keep = self._verify(posts, cands, weights, pairs is not None, records, skip)
        finally:
            for p in sizes:  # a long phrase of common words decodes much: let it all go
                p.hold(False)
                p.release()
        if len(keep) == len(cands):
            return cands, weights
        return [cands[i] for i in keep], [[ws[i] for i in keep] for ws in weights]

    def _verify(self, posts: list[_Postings], cands: list[int], weights: list[list], pairs: bool,
                records: list[list[bytes] | None] | None = None, skip: int | None = None) -> list[int]:
        """Indexes in ``cands`` of the documents holding the words at consecutive positions.
        With the pairs known present, documents are grouped by which words occur once in them
        (`_plan`), and only the positions a group's plan needs are read, each word's once (from
        ``records``, per word its value's record at each candidate or None, when given); the
        word ``skip``'s, in documents where no word occurs once, only where the others' do not
        decide (`_starts_check`)."""
        n = len(posts)
        if not pairs:
            skip = None  # its proof needs the pairs
        keep, groups = _plan_groups(n, weights if pairs else None, len(cands), tuple(p.df for p in posts))
        if not groups:
            return keep
        try:
            return self._check(posts, cands, groups, keep, skip, plain=False, given=records)
        except ValueError:  # a value's record cut in the wrong place: every block unpickled
            try:
                return self._check(posts, cands, groups, keep, skip, plain=True)
            except ValueError as exc:  # values laid out otherwise still: Whoosh answers
                raise Unsupported(f"posting values: {exc}") from None

    @staticmethod
    def _check(posts: list[_Postings], cands: list[int], groups: dict[tuple, list[int]], keep: list[int],
               skip: int | None, plain: bool, given: list[list[bytes] | None] | None = None) -> list[int]:
        """`_verify`'s documents (indexes in ``cands``) of each plan group holding the phrase,
        added to ``keep`` (sorted), the positions read from the values' records: ``given`` (per
        word, at every candidate, or None), else read here, once per word, at every document a
        plan needs them at (a document is in one group only); the word ``skip``'s last, where
        the group of no once-only word still needs it."""
        n = len(posts)
        given = given or [None] * n
        skip = None if skip is None or ((), tuple(range(n))) not in groups else skip
        # Per word, the documents (index lists, one per group) needing its records.
        needed: dict[int, list[list[int]]] = {}
        for (anchors, rest), idxs in groups.items():
            for k in (*anchors, *rest):
                if k != skip or anchors:
                    needed.setdefault(k, []).append(idxs)
        records: dict[int, list[bytes] | dict[int, bytes]] = {}

        def read(ks: list[int]) -> None:
            # Per posting (a word twice in the phrase is one), its records at the documents
            # needing them: in a group's order when one group does (most words), else by
            # document index.
            by_post: dict[_Postings, list[int]] = {}
            for k in ks:
                by_post.setdefault(posts[k], []).append(k)
            for p, same in by_post.items():
                lists = [idxs for k in same for idxs in needed[k]]
                if len(lists) == 1:
                    idxs = lists[0]
                else:
                    idxs = sorted({i for idxs in lists for i in idxs})
                found = p.pieces_at([cands[i] for i in idxs], plain)
                for k in same:
                    records[k] = found if len(lists) == 1 else dict(zip(idxs, found, strict=True))

        def take(k: int, idxs: list[int]):
            if given[k] is not None:
                return _take(idxs, given[k])
            found = records[k]
            return found if isinstance(found, list) else list(map(found.__getitem__, idxs))

        read([k for k in needed if k != skip and given[k] is None])
        keep = list(keep)
        if skip is not None:
            # No word occurs once: the starts where every word but ``skip`` is in place, and
            # those documents either decided by them or left for ``skip``'s positions.
            groups = dict(groups)  # the caller's kept whole (it may ask again, unpickled)
            idxs = groups.pop(((), tuple(range(n))))
            others = [k for k in range(n) if k != skip]
            columns = [_piece_positions(take(k, idxs)) for k in others]
            starts = list(map(_starts_check(n, skip), zip(*columns, strict=True)))
            keep += [i for i, b in zip(idxs, starts, strict=True) if b is True]
            undecided = [(i, b) for i, b in zip(idxs, starts, strict=True) if b and b is not True]
            if undecided:
                needed.setdefault(skip, []).append([i for i, _ in undecided])
            if skip in needed and given[skip] is None:
                read([skip])
            if undecided:
                found = _piece_positions(take(skip, [i for i, _ in undecided]))
                at = skip - others[0]  # the word's place from the first other word's
                keep += [i for (i, b), ps in zip(undecided, found, strict=True) if any(p + at in ps for p in b)]
        once = _OnlyPosition()
        for (anchors, rest), idxs in groups.items():
            if anchors:
                # The phrase's start by each run's once-only word (its one position): all must
                # agree ...
                a = anchors[0]
                starts: list = [once[x[:x[0] + 5]] - a for x in take(a, idxs)]
                for a in anchors[1:]:
                    starts = [s if s == once[x[:x[0] + 5]] - a else None
                              for s, x in zip(starts, take(a, idxs), strict=True)]
                # ... and each word no run pins must be at start + its index (its positions
                # read only where the start stands).
                for k in rest:
                    live = [(s, x) for s, x in zip(starts, take(k, idxs), strict=True) if s is not None]
                    found = _piece_positions([x for _, x in live])
                    at = iter([s if s + k in ps else None for (s, _), ps in zip(live, found, strict=True)])
                    starts = [s if s is None else next(at) for s in starts]
                keep += [i for i, s in zip(idxs, starts, strict=True) if s is not None]
                continue
            # No word occurs once: a start of the first word's where every other word is at
            # start + its index (rest is every word here).
            columns = [_piece_positions(take(k, idxs)) for k in rest]
            found = map(_run_check(n), zip(*columns, strict=True))
            keep += [i for i, ok in zip(idxs, found, strict=True) if ok]
        keep.sort()
        return keep


def _plan(n: int, once: int, dfs: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """For a document holding every adjacent pair of an ``n``-word phrase, in which the words of
    the bits of ``once`` occur once: None when that proves the phrase; else (anchors, rest), the
    words whose positions decide it: one word of each run of once-only words (its one position
    gives the phrase's start: all must agree), and the words no run covers (each must be at
    start + its index). Without a run: no anchors, every word.

    Why: a word occurring once, at p, with the pair before it present has its left neighbour at
    p - 1 (the pair's only place), and with the pair after it its right neighbour at p + 1; two
    adjacent once-only words are one apart. A run of once-only words from a to b thus pins the
    words a - 1 to b + 1 at one start."""
    runs = []
    k = 0
    while k < n:
        if once >> k & 1:
            a = k
            while k + 1 < n and once >> (k + 1) & 1:
                k += 1
            runs.append((a, k))
        k += 1
    if not runs:
        return (), tuple(range(n))
    covered = set()
    for a, b in runs:
        covered.update(range(max(0, a - 1), min(n - 1, b + 1) + 1))
    if len(runs) == 1 and len(covered) == n:
        return None
    anchors = tuple(min(range(a, b + 1), key=lambda i: (dfs[i], i)) for a, b in runs)
    return anchors, tuple(k for k in range(n) if k not in covered)


def _plan_groups(n: int, weights: list[list] | None, count: int,
                 dfs: tuple[int, ...]) -> tuple[list[int], dict[tuple, list[int]]]:
    """`_verify`'s documents (indexes 0 .. ``count`` - 1) by `_plan` of the words occurring once
    in each (weight 1; None: no word known to): those proved (sorted) and, per plan, those to
    check (sorted). Up to 8 words a document's mask is one byte (`_once_masks`), split per plan
    by `bytes.translate` and `compress`, in C: a phrase of common words has tens of thousands
    of candidates, and masks built, sorted and grouped document by document in Python cost a
    tenth of its time."""
    masks: bytes | list[int] | None = bytes(count) if weights is None else _once_masks(weights, count)
    if masks is None:  # more than 8 words
        masks = _mask_builder(n)(weights)
    plans: dict[tuple | None, list[int]] = {}
    for mask in sorted(set(masks)):
        plans.setdefault(_plan(n, mask, dfs), []).append(mask)
    if isinstance(masks, list):
        by_mask: dict[int, list[int]] = {}
        for i, mask in enumerate(masks):
            by_mask.setdefault(mask, []).append(i)
        found = {plan: sorted(i for m in ms for i in by_mask[m]) for plan, ms in plans.items()}
    elif len(plans) == 1:
        found = dict.fromkeys(plans, list(range(count)))
    else:
        found = {}
        for plan, ms in plans.items():
            table = bytearray(256)
            for m in ms:
                table[m] = 1
            found[plan] = list(compress(range(count), masks.translate(table)))
    keep = found.pop(None, [])
    return keep, found


def _once_masks(weights: list[list], count: int) -> bytes | None:
    """Per document, the bits of the words whose weight is 1.0, one byte each (`_mask_builder`'s
    masks; None past 8 words): each word's comparisons made in C (map, eq) as a bytes of 0 and
    1, read as a big int, and the words' ints shifted and added (no carries: each byte's sum is
    under 256), with no Python step per document."""
    if len(weights) > 8:
        return None
    total = 0
    for k, ws in enumerate(weights):
        total += int.from_bytes(bytes(map(eq, ws, repeat(1.0))), "little") << k
    return total.to_bytes(count, "little")


class _ScoreTables(dict):
    """A term's weight -> its bm25 at that weight for every length byte, built when first asked:
    idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))), the norms giving the
    denominator's right-hand part (None for byte 0)."""

    def __init__(self, idf: float, norms: list) -> None:
        super().__init__()
        self.idf, self.norms = idf, norms

    def __missing__(self, w: float) -> list:
        idf, k1p = self.idf, K1 + 1
        found = self[w] = [None if n is None else idf * ((w * k1p) / (w + n)) for n in self.norms]
        return found


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


def _text(text) -> str:
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def _boost(scores: Scores, boost: float) -> Scores:
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}


def _binary_tree(items: list[int], leaf: str = "t{}") -> str:
    """The sum make_binary_tree's IntersectionMatchers compute, as an expression (each item
    ``leaf`` with its number)."""
    if len(items) == 1:
        return leaf.format(items[0])
    half = len(items) // 2
    return f"({_binary_tree(items[:half], leaf)} + {_binary_tree(items[half:], leaf)})"


@lru_cache(maxsize=32)
def _run_check(n: int):
    """(positions of word 0, ..., of word n-1) -> whether some start has every word at start +
    its index. Built from integers only, once per phrase length."""
    checks = " and ".join(f"s + {k} in ps[{k}]" for k in range(1, n))
    return eval(f"lambda ps: any({checks} for s in ps[0])")  # noqa: S307 - no user text


@lru_cache(maxsize=32)
def _starts_check(n: int, skip: int):
    """(positions of each word but ``skip``, in order) -> for a document holding every adjacent
    pair of an ``n``-word phrase: [] when no start has those words in place (no match); True
    when one of ``skip``'s neighbours stands only where such a start puts it (a match); else
    the starts, as the first of those words' positions, for ``skip``'s positions to decide.

    Why: every start of the phrase is one of those starts, S. If each position of the word
    after ``skip`` is a start in S plus its index, the pair (``skip``, next word), present,
    has its second word at one of them, and so ``skip`` at that start plus its index: every
    word is in place there. The word before ``skip`` likewise. A word's positions rise (one
    token, one position), so S has no repeats and maps one to one into each such word's
    positions: they are all so placed when there are as many of them as starts. Built from
    integers only, once per phrase length and word."""
    others = [k for k in range(n) if k != skip]
    first = others[0]
    places = " and ".join(f"p + {k - first} in ps[{i}]" for i, k in enumerate(others) if i)
    proofs = " or ".join(f"len(ps[{others.index(m)}]) == len(starts)" for m in (skip - 1, skip + 1) if 0 <= m < n)
    return eval(f"lambda ps: (starts := [p for p in ps[0] if {places}]) and ({proofs} or starts)")  # noqa: S307 - no user text


@lru_cache(maxsize=32)
def _mask_builder(n: int):
    """per-word weight lists -> per document, the bits of the words occurring once (weight 1)."""
    names = ", ".join(f"w{i}" for i in range(n))
    bits = " | ".join(f"(w{i} == 1.0) << {i}" for i in range(n))
    return eval(f"lambda lists: [{bits} for {names} in zip(*lists)]")  # noqa: S307 - no user text


@lru_cache(maxsize=32)
def _tree_scorer(n: int):
    """(per-word `_ScoreTables`, per-word weight lists, length bytes) -> the phrase score of each
    document: each word's bm25 looked up and the sums added in Whoosh's order. Computed once
    per distinct (weights, length) and looked up in C (`_ScoreMemo`): a phrase's tens of
    thousands of candidates have a few thousand such keys (small counts, a length byte), and
    a lookup of the key costs a third of the twelve lookups and five sums. Built from integers
    only, once per phrase length."""
    tables = ", ".join(f"t{i}" for i in range(n))
    body = _binary_tree(list(range(n)), f"t{{0}}[k[{{0}}]][k[{n}]]")  # k: (weight 0, ..., length)
    by_key = eval(f"lambda tables: (lambda {tables}: lambda k: {body})(*tables)")  # noqa: S307 - no user text

    def scores(tables: list, lists: list, lens: bytes) -> list[float]:
        return list(map(_ScoreMemo(by_key(tables)).__getitem__, zip(*lists, lens, strict=True)))

    return scores


class _ScoreMemo(dict):
    """(word weights..., length byte) -> the phrase's score, each computed once by ``score``."""

    def __init__(self, score) -> None:
        super().__init__()
        self.score = score

    def __missing__(self, key: tuple) -> float:
        found = self[key] = self.score(key)
        return found


@lru_cache(maxsize=32)
def _tree_adder(n: int):
    """per-word score lists -> the phrase score of each document, added in Whoosh's order.
    Built from integers only, once per phrase length."""
    names = ", ".join(f"t{i}" for i in range(n))
    return eval(f"lambda lists: [{_binary_tree(list(range(n)))} for {names} in zip(*lists)]")  # noqa: S307 - no user text
