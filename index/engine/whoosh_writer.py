"""The Whoosh backend's writer: its posting pool and its merge policy (imported only to write,
so `foi search` never loads Whoosh's writing modules).

`foi ingest` writes a run through one writer, committed once at the run's end (index/build.py),
so a run is one new segment whatever its size, and none of its passages is written twice
during the run. Before, a commit every 25 files under Whoosh's MERGE_SMALL re-wrote 87,761 of a
97,088-passage run's passages: the ingest's CPU per passage at 100,000 passages was 1.40× that
at 10,000; with one writer it is 1.03× (`bench/run.py --only linear`).
"""

from __future__ import annotations

import itertools
import marshal
from collections.abc import Sequence

from whoosh import index
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.reading import SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

# Postings the writer holds in memory; past this many it sorts them and writes them to a run
# file in its temp folder, and the segment write merges the runs. A posting takes about 170
# bytes (so about 85 MB; a passage of the benchmark has about 160 postings). From 250,000 to
# 2,000,000 the index stage's CPU at 10,000 passages did not change beyond the noise. This
# bounds a run's memory whatever its size: peak RSS of `foi ingest` (one worker) 243 MB at
# 9,102 passages and 250 MB at 91,371; at 9,102 passages 238 MB with this pool, 169 MB with
# 100,000 postings (2 % more CPU), so the pool is ~70 MB of it (bench/RESULTS.md, session 6).
POOL_POSTINGS = 500_000
_RUN_BLOCK = 2_048  # postings per marshal block of a run file


class _PostingRuns(PostingPool):
    """Whoosh's posting pool (an external merge sort) with cheaper steps, same order: a
    posting is appended to a list by a C call (Whoosh's pool runs a size estimate in Python
    for each), and a run is written and read in marshal blocks (Whoosh pickles each posting on
    its own, which costs more than the rest of a large run's segment write). The writer asks
    `full` once per passage."""

    def __init__(self, writer: SegmentWriter, size: int) -> None:
        super().__init__(writer.temp_storage(), writer.newsegment)
        self.size = size
        self.add = self.current.append  # the list is kept (cleared in place), so this stays bound

    def full(self) -> bool:
        return len(self.current) >= self.size

    def save(self) -> None:
        if self.current:
            self.current.sort()
            path, f = self._new_run()
            self._write_run(f, self.current)
            self.runs.append(path)
            self.current.clear()

    def _write_run(self, f, items) -> None:  # noqa: ANN001 - Whoosh's signature
        items = iter(items)
        while block := list(itertools.islice(items, _RUN_BLOCK)):
            data = marshal.dumps(block)
            f.write(len(data).to_bytes(8, "little"))
            f.write(data)
        f.close()

    def _read_run(self, path: str):
        f = self._open_run(path)
        try:
            while head := f.read(8):
                yield from marshal.loads(f.read(int.from_bytes(head, "little")))
        finally:
            f.close()
            self._remove_run(path)

    def items(self, maxfiles: int = 128):
        if not self.runs:
            self.current.sort()  # in place: no second list of every posting
            return self.current
        return super().items(maxfiles)


class _PerDocReader(W3PerDocReader):
    """A segment's per-document reader that remembers a missing column too. Writing a segment
    asks, for every posting, the length of its document's field (SegmentWriter._flush_segment;
    a merge asks it for every field of every document); for a field without lengths (an ID,
    the `pairs` IDLIST) Whoosh's reader asks the file system each time whether the column
    exists, one stat per posting: without this the writes cost 1.42× the CPU at 10,000
    passages. A segment's files never change once written, so the answer is kept."""

    def _cached_reader(self, fieldname, column):  # noqa: ANN001, ANN202 - Whoosh's signature
        if fieldname not in self._readers:
            self._readers[fieldname] = super()._cached_reader(fieldname, column)
        return self._readers[fieldname]


class _ReadingCodec(W3Codec):
    """Whoosh's codec reading a segment through `_PerDocReader` (used to read a segment being
    merged; a segment's own codec, pickled in the TOC, stays Whoosh's)."""

    def per_document_reader(self, storage, segment):  # noqa: ANN001, ANN201
        return _PerDocReader(storage, segment)


class _Writer(SegmentWriter):
    """Whoosh's segment writer with the pool above (bounded by postings, spilled the same way),
    committing with the merge policy below."""

    def __init__(self, ix, pool_postings: int) -> None:  # noqa: ANN001
        super().__init__(ix)
        self.pool = _PostingRuns(self, pool_postings)

    def commit(self, mergetype=None, optimize=None, merge=None) -> None:  # noqa: ANN001
        if mergetype is None and not optimize and merge is not False:
            mergetype = merge_segments
        super().commit(mergetype, optimize, merge)

    def per_document_reader(self):  # noqa: ANN201 - the new segment's lengths, for its postings
        if not self.perdocwriter.is_closed:
            raise RuntimeError("per-document writer is still open")
        return _PerDocReader(self.storage, self.get_segment())

    def add_document(self, **fields) -> None:
        super().add_document(**fields)
        if self.pool.full():
            self.pool.save()

    def add_postings_to_pool(self, reader, startdoc, docmap) -> None:  # noqa: ANN001 - a merge
        pool = self.pool
        for item in self._process_posts(reader.iter_postings(), startdoc, docmap):
            pool.add(item)
            if pool.full():
                pool.save()


# Merge policy (a log-structured merge, as Lucene's LogMergePolicy): a segment's level is how
# many times MERGE_FACTOR its live passages are above MERGE_FLOOR (level 0 up to the floor).
# A commit merges the segments at or below its new segment's level into it once that level
# would otherwise hold MERGE_FACTOR segments, and again at the level the merged segment reaches.
# So a passage is re-written about once per level it climbs (log of the index over the run
# size), never within a run, and an index holds under MERGE_FACTOR segments a level.
# Measured on the index stage alone, 100 runs of 1,000 passages one after another: this
# policy 2,251 µs a passage, 9 segments left, the query set (bench/run.py) cold in 2.2-2.4 s in
# all; Whoosh's MERGE_SMALL 1,834 µs, 15 segments, 2.3-2.5 s; MERGE_FACTOR 4: 2,588 µs, 4
# segments, 2.1-2.2 s; no merging 1,177 µs, 100 segments, 3.4-4.0 s; one segment: 2.0 s.
# Over longer series (choose_merges replayed on sizes) it re-writes a passage as often as
# MERGE_SMALL does (2.2 times over 1,000 runs of 1,000) with a fifth fewer segments on average.
MERGE_FACTOR = 8
MERGE_FLOOR = 2_000


def merge_level(passages: int) -> int:
    level, bound = 0, MERGE_FLOOR
    while passages > bound:
        level += 1
        bound *= MERGE_FACTOR
    return level


def choose_merges(new: int, sizes: Sequence[int]) -> list[int]:
    """Which of the segments (their live passages, ``sizes``) a commit of ``new`` passages
    merges into its new segment: the positions, in order. See the policy above."""
    merged: list[int] = []
    size = new
    while True:
        level = merge_level(size)
        low = [i for i, n in enumerate(sizes) if i not in merged and merge_level(n) <= level]
        if len(low) + (size > 0) < MERGE_FACTOR:  # with the new segment, if the commit makes one
            return sorted(merged)
        merged += low
        size += sum(sizes[i] for i in low)


def merge_segments(writer: SegmentWriter, segments: list) -> list:
    """Whoosh merge policy (``commit(mergetype=…)``): the segments kept as they are, in order;
    the ones `choose_merges` picks are read into ``writer``'s new segment. Segments whose every
    passage is deleted are dropped (nothing to copy)."""
    live = [s for s in segments if s.doc_count() > 0]
    merged = {id(live[i]) for i in choose_merges(writer.doc_count(), [s.doc_count() for s in live])}
    for segment in live:
        if id(segment) in merged:
            reader = SegmentReader(writer.storage, writer.schema, segment, codec=_ReadingCodec())
            writer.add_reader(reader)
            reader.close()
    return [s for s in live if id(s) not in merged]


def open_writer(path: str) -> SegmentWriter:
    """A writer on the index in ``path`` (LockError when another holds Whoosh's lock). It opens
    the index its own way (Whoosh's default storage), so what it merges is read as before."""
    return _Writer(index.open_dir(path), POOL_POSTINGS)
