"""Ingest in linear time (issue 20, item 4): a run has one engine writer, so it adds one segment
whatever its size; segments are merged across runs by a log-structured policy
(index/engine/whoosh_writer.py); the writer's pool spills sorted runs to disk and writes the
same segment as when it holds everything; a kill inside a merging commit loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_reliability_crash import minutes, word
from test_reliability_helpers import ROOT, check_agreement

from index import ENGINE_DIR, open_index
from index.build import run
from index.engine import whoosh_writer
from index.engine.backend import PassageRecord
from index.engine.whoosh_backend import WhooshBackend
from index.engine.whoosh_writer import MERGE_FACTOR, MERGE_FLOOR, choose_merges, merge_level
from index.search import SearchOptions, search


def segments(engine: str) -> list[int]:
    """Live passages of each segment of the committed Whoosh index in ``engine``."""
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(engine).reader() as reader:
        return [leaf.doc_count() for leaf, _ in reader.leaf_readers()]


def content(engine: str, spelling: bool = True) -> tuple:
    """Everything a search reads, by passage id rather than document number: postings (field,
    term, passage, weight, positions), the spelling words, field lengths and stored fields."""
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(engine).reader() as reader:
        ids = {n: f["passage_id"] for n, f in reader.iter_docs()}
        posts, spell = [], set()
        for field, term, doc, weight, value in reader.iter_postings():
            if field.startswith("spell_"):
                spell.add((field, term))
            else:
                posts.append((field, term, ids[doc], weight, value))
        lengths = sorted((ids[d], reader.doc_field_length(d, "text"), reader.doc_field_length(d, "recs")) for d in ids)
        stored = sorted(tuple(sorted(f.items())) for _, f in reader.iter_docs())
    return sorted(posts), (sorted(spell) if spelling else None), lengths, stored


def records(n: int, start: int = 0, doc_size: int = 5) -> list[PassageRecord]:
    topics = ["vetting", "housing", "procurement", "the risk register", "café budget", "body-worn video"]
    return [PassageRecord(passage_id=f"d{i // doc_size}-p{i}", doc_id=f"d{i // doc_size}",
                          text=f"Item {i}: members discussed {topics[i % 6]} and {topics[(i * 7) % 6]}; "
                               f"recommendation {i % 11} word{i % 97} agreed {'again ' * (i % 4)}",
                          recs=[i % 11] if i % 3 else [], year=2010 + i % 9, date=f"{2010 + i % 9}-0{1 + i % 9}-1{i % 10}",
                          doc_type="minutes", group=["NSG", "MDG", None][i % 3], has_redaction=i % 5 == 0,
                          dup_key=f"k{i}")
            for i in range(start, start + n)]


def written(path: str, batches: list[list[PassageRecord]], deletes: dict[int, list[str]] | None = None) -> str:
    """A Whoosh engine in ``path`` written with one commit per batch (after batch i, the doc
    ids ``deletes[i]`` are deleted in the same commit)."""
    backend = WhooshBackend(path, create=True)
    for i, batch in enumerate(batches):
        backend.add_passages(batch)
        backend.delete_documents((deletes or {}).get(i, []))
        backend.commit()
    backend.close()
    return path


# ---- the policy ------------------------------------------------------------------------------


def test_levels():
    assert merge_level(0) == merge_level(MERGE_FLOOR) == 0
    assert merge_level(MERGE_FLOOR + 1) == 1
    assert merge_level(MERGE_FLOOR * MERGE_FACTOR) == 1 and merge_level(MERGE_FLOOR * MERGE_FACTOR + 1) == 2


def test_a_level_merges_when_it_would_hold_merge_factor_segments():
    small = [100] * (MERGE_FACTOR - 2)
    assert choose_merges(100, small) == []  # MERGE_FACTOR - 1 segments at level 0 after this commit
    assert choose_merges(100, small + [100]) == list(range(MERGE_FACTOR - 1))  # the MERGE_FACTOR-th
    # A large segment is left alone by small commits; a large commit takes the small ones along.
    big = MERGE_FLOOR * MERGE_FACTOR * 4
    assert choose_merges(100, [big] + small) == []
    assert choose_merges(big, small + [100]) == list(range(MERGE_FACTOR - 1))
    # The merged segment climbs a level, and merges there too when that level is full.
    half = MERGE_FLOOR // 2
    level1 = [MERGE_FLOOR * 2] * (MERGE_FACTOR - 1)
    assert merge_level(half * MERGE_FACTOR) == 1
    assert choose_merges(half, level1 + [half] * (MERGE_FACTOR - 1)) == list(range(2 * MERGE_FACTOR - 2))
    assert choose_merges(half, level1 + [half] * (MERGE_FACTOR - 2)) == []


def test_the_policy_is_logarithmic_over_many_runs():
    """A thousand runs of 100 passages: each passage re-written a few times in all (about once
    per level it climbs), under MERGE_FACTOR segments a level at any time; and one run on an
    empty index is never re-written."""
    sizes: list[int] = []
    rewritten = most = 0
    for _ in range(1000):
        merged = choose_merges(100, sizes)
        moved = sum(sizes[i] for i in merged)
        rewritten += moved
        sizes = [s for i, s in enumerate(sizes) if i not in merged] + [100 + moved]
        most = max(most, len(sizes))
    assert sum(sizes) == 100_000
    assert most <= (merge_level(100_000) + 1) * (MERGE_FACTOR - 1) + 1
    assert rewritten <= 4 * 100_000
    assert choose_merges(1_000_000, []) == []


# ---- the writer ---------------------------------------------------------------------------------


def test_commits_merge_as_the_policy_says_and_keep_every_posting(tmp_path):
    batches = [records(40, 40 * i) for i in range(MERGE_FACTOR)]
    many = written(str(tmp_path / "many"), batches[:-1])
    assert segments(many) == [40] * (MERGE_FACTOR - 1)
    merged = written(str(tmp_path / "merged"), batches)
    assert segments(merged) == [40 * MERGE_FACTOR]  # the last commit merged them all into its own
    one = written(str(tmp_path / "one"), [[r for b in batches for r in b]])
    assert segments(one) == [40 * MERGE_FACTOR]
    assert content(merged) == content(one)


def test_a_merge_drops_deleted_passages_and_a_wholly_deleted_segment(tmp_path):
    batches = [records(40, 40 * i) for i in range(MERGE_FACTOR)]
    first_docs = sorted({r.doc_id for r in batches[0]})
    # The second commit deletes every passage of the first: that segment is dropped.
    engine = written(str(tmp_path / "gone"), batches[:2], deletes={1: first_docs})
    assert segments(engine) == [40]
    # Deletions spread over segments that then merge: the merged segment holds the live ones only.
    some = [r.doc_id for r in batches[2]][::10]
    engine = written(str(tmp_path / "merged"), batches, deletes={3: some})
    expected = [r for b in batches for r in b if r.doc_id not in some]
    assert segments(engine) == [len(expected)]
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(engine).reader() as reader:
        assert reader.doc_count_all() == len(expected)  # nothing deleted left inside
    assert content(engine, spelling=False) == content(written(str(tmp_path / "one"), [expected]), spelling=False)


@pytest.mark.parametrize("pool", [97, 5_000])
def test_a_pool_spilled_to_disk_writes_the_same_segment(tmp_path, monkeypatch, pool):
    """97 postings a run: about 600 runs, more than Whoosh merges at once (128), so the runs
    are first merged among themselves; 5,000: a few runs, merged at the segment write."""
    batch = records(400)
    expected = content(written(str(tmp_path / "memory"), [batch]))
    monkeypatch.setattr(whoosh_writer, "POOL_POSTINGS", pool)
    spilled = written(str(tmp_path / "spilled"), [batch])
    assert content(spilled) == expected
    assert not list((tmp_path / "spilled").glob("*.tmp/*"))  # no run file left behind


def file_checks_in_commit(path: str, batches: list[list[PassageRecord]], monkeypatch) -> int:
    """How often the last of ``batches``' commits asks the file system whether a file exists
    (Whoosh asks whether a field has a length column that way)."""
    from whoosh.filedb.filestore import FileStorage

    backend = WhooshBackend(path, create=True)
    for batch in batches[:-1]:
        backend.add_passages(batch)
        backend.commit()
    backend.add_passages(batches[-1])
    calls = []
    exists = FileStorage.file_exists
    monkeypatch.setattr(FileStorage, "file_exists", lambda self, name: calls.append(name) or exists(self, name))
    backend.commit()
    monkeypatch.undo()
    backend.close()
    return len(calls)


def test_a_commit_asks_the_file_system_per_segment_not_per_posting(tmp_path, monkeypatch):
    """Writing a segment asks, for every posting, its document's length in each field; for a
    field without lengths (an ID, `pairs`) Whoosh's reader asks the file system each time
    (1,871 checks for 60 passages, 18,791 for 600). The writer's own reader remembers the
    answer, for the new segment and for the segments a commit merges, without patching
    Whoosh's classes."""
    from whoosh.codec import whoosh3

    one = [file_checks_in_commit(str(tmp_path / f"one{n}"), [records(n)], monkeypatch) for n in (60, 600)]
    assert one[0] == one[1] < 50
    merging = [file_checks_in_commit(str(tmp_path / f"merge{n}"), [records(n, n * i) for i in range(MERGE_FACTOR)],
                                     monkeypatch) for n in (10, 100)]
    assert segments(str(tmp_path / "merge100")) == [100 * MERGE_FACTOR]  # that commit merged them all
    assert merging[0] == merging[1] < 50 * MERGE_FACTOR
    # Whoosh's own reader is as Whoosh ships it (no patch at import).
    assert whoosh3.W3PerDocReader._cached_reader.__qualname__ == "W3PerDocReader._cached_reader"


# ---- `foi ingest` -------------------------------------------------------------------------------


def papers(folder, first: int, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + count):
        (folder / f"minutes {i:03d}.txt").write_text(minutes(i, word(i)), encoding="utf-8")
    return [word(i) for i in range(first, first + count)]


def test_a_run_adds_one_segment_whatever_its_files(tmp_path):
    index = tmp_path / ".foi"
    papers(tmp_path / "a", 0, 30)
    summary = run(str(index), [str(tmp_path / "a")])
    assert summary.ingested == 30 and len(segments(str(index / ENGINE_DIR))) == 1
    papers(tmp_path / "b", 30, 3)
    run(str(index), [str(tmp_path / "b")])
    assert len(segments(str(index / ENGINE_DIR))) == 2
    check_agreement(index, settled=True)


def test_killed_inside_a_merging_commit_then_finished(tmp_path):
    """MERGE_FACTOR - 1 runs leave as many segments; the next run's commit merges them into its
    own. Killed inside that commit (new segment written, TOC not), the old segments still
    answer; the next run finishes, merges, and every word is found once."""
    index = tmp_path / ".foi"
    words = []
    for n in range(MERGE_FACTOR - 1):
        words += papers(tmp_path / f"run{n}", 2 * n, 2)
        run(str(index), [str(tmp_path / f"run{n}")])
    engine = str(index / ENGINE_DIR)
    before = segments(engine)
    assert len(before) == MERGE_FACTOR - 1
    last = tmp_path / "last"
    words += papers(last, 100, 2)
    proc = subprocess.run([sys.executable, "-m", "search_cli", "--index", str(index), "ingest", str(last)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "FOI_TEST_KILL_AT": "whoosh_commit:1"})
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert segments(engine) == before
    check_agreement(index, settled=False)
    summary = run(str(index), [str(last)])
    assert summary.ingested + summary.unchanged == 2
    assert len(segments(engine)) == 1
    check_agreement(index, settled=True)
    with open_index(str(index)) as ix:
        for w in words:
            hits = search(ix, SearchOptions(query=w, limit=10)).hits
            assert len({h.passage.passage_id for h in hits}) == len(hits) == 2, w


def engine_leftovers(engine: Path) -> list[str]:
    """Files in the engine folder that no reader needs: a temporary folder (the writer's pool
    runs) or a segment the TOC does not list."""
    from whoosh import index as whoosh_index

    live = {s.segment_id() for s in whoosh_index.open_dir(str(engine))._segments()}
    return sorted(p.name for p in engine.iterdir()
                  if p.name.endswith(".tmp") or (p.name.endswith(".seg") and p.name[:-4] not in live))


@pytest.mark.parametrize("point", ["engine_add:8", "whoosh_commit:1"])
def test_a_run_killed_with_its_pool_on_disk_is_cleaned_up_and_finished_by_the_next(tmp_path, point):
    """A run whose writer's pool spilled to disk (a few postings a run), killed while adding
    (the pool's run files in the temporary folder) or inside its commit (the new segment
    written, not yet listed): searches still agree with the store, and the next ingest
    removes what the killed writer left and finds every word once."""
    index, folder = tmp_path / ".foi", tmp_path / "papers"
    words = papers(folder, 0, 12)
    code = ("import sys; import index.engine.whoosh_writer as w; w.POOL_POSTINGS = 50; "
            f"sys.argv = ['foi', '--index', {str(index)!r}, 'ingest', {str(folder)!r}]; "
            "from search_cli.main import cli; cli()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "FOI_TEST_KILL_AT": point})
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    engine = index / ENGINE_DIR
    left = engine_leftovers(engine)
    assert left, "the killed writer left nothing on disk: the test did not reach a spilled pool"
    if point.startswith("engine_add"):
        assert list(engine.glob("*.tmp/*.run")), left  # the pool's sorted runs
    check_agreement(index, settled=False)
    summary = run(str(index), [str(folder)])
    assert summary.ingested + summary.unchanged == 12 and summary.reconciled > 0 and not summary.failed
    assert engine_leftovers(engine) == []
    # The repair of what the killed run stored is a commit of its own before the run's writer
    # opens (a replayed document may be replaced again by the run's files, and Whoosh deletes
    # only from committed segments): a segment for the repair, one for the files still to read.
    expected = [36] if point.startswith("whoosh_commit") else [24, 12]  # 3 passages a file
    assert segments(str(engine)) == expected
    check_agreement(index, settled=True)
    with open_index(str(index)) as ix:
        for w in words:
            hits = search(ix, SearchOptions(query=w, limit=10)).hits
            assert len({h.passage.passage_id for h in hits}) == len(hits) > 0, w
