"""`index.build.run` on files the tests write: skip unchanged, replace changed, keep missing,
report failures, lock out a second writer, and repair an index left half-written."""

from __future__ import annotations

import os
import time

import pytest

from index import ENGINE_DIR, LOCK_FILE, STORE_FILE, open_index
from index.build import IndexBusy, IngestLock, run
from index.engine.whoosh_backend import WhooshBackend
from index.search import SearchOptions, search
from index.store import Store

MINUTES = """MAPPA National Strategic Group
Minutes of the meeting held on 18 February 2016

1. ViSOR

1.1 On recommendation 7 members discussed {topic} and the ViSOR users leaflet.

1.2 ACTION: Secretariat to circulate the leaflet.
"""


def write(path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "papers"
    write(folder / "nsg-minutes.txt", MINUTES.format(topic="vetting"))
    write(folder / "sub" / "mdg-minutes.txt", MINUTES.format(topic="housing").replace("18 February 2016", "4 May 2017"))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (folder / "notes.xyz").write_text("no reader for this")
    return folder


def agree(index_path: str) -> tuple[set[str], set[str]]:
    store = Store(os.path.join(index_path, STORE_FILE))
    backend = WhooshBackend(os.path.join(index_path, ENGINE_DIR))
    try:
        return store.passage_ids(), set(backend.passages())
    finally:
        backend.close()
        store.close()


def texts(index_path: str, query: str) -> list[str]:
    with open_index(index_path) as index:
        return [h.passage.text for h in search(index, SearchOptions(query=query, limit=50)).hits]


def test_first_ingest_reports_every_file(tmp_path, corpus):
    idx = str(tmp_path / ".foi")
    summary = run(idx, [str(corpus)])
    assert summary.ingested == 2 and summary.unchanged == 0
    assert [os.path.basename(p) for p, _ in summary.failed] == ["broken.pdf"]
    assert all(reason for _, reason in summary.failed)
    assert [os.path.basename(p) for p, _ in summary.skipped] == ["notes.xyz"]
    assert summary.documents >= 2 and summary.passages >= 4
    shape = summary.to_json()
    assert {"schema", "ingested", "unchanged", "failed", "documents", "passages"} <= set(shape)
    assert shape["failed"][0].keys() == {"path", "reason"}
    store_ids, engine_ids = agree(idx)
    assert store_ids == engine_ids and store_ids
    assert any("vetting" in t for t in texts(idx, "vetting"))


def test_rerun_on_unchanged_files_ingests_nothing(tmp_path, corpus):
    idx = str(tmp_path / ".foi")
    first = run(idx, [str(corpus)])
    again = run(idx, [str(corpus)])
    assert again.ingested == 0 and again.unchanged == 2
    assert (again.documents, again.passages) == (first.documents, first.passages)
    # Same bytes with a new mtime: unchanged by content hash.
    minutes = corpus / "nsg-minutes.txt"
    os.utime(minutes, (time.time() + 100, time.time() + 100))
    touched = run(idx, [str(corpus)])
    assert touched.ingested == 0 and touched.unchanged == 2


def test_changed_file_replaces_its_old_version(tmp_path, corpus):
    idx = str(tmp_path / ".foi")
    first = run(idx, [str(corpus)])
    write(corpus / "nsg-minutes.txt", MINUTES.format(topic="disclosure checks"))
    second = run(idx, [str(corpus)])
    assert second.ingested == 1 and second.unchanged == 1
    assert second.documents == first.documents and second.passages == first.passages
    assert not any("vetting" in t for t in texts(idx, "vetting"))
    assert any("disclosure checks" in t for t in texts(idx, '"disclosure checks"'))
    store_ids, engine_ids = agree(idx)
    assert store_ids == engine_ids


def test_force_rereads_everything(tmp_path, corpus):
    idx = str(tmp_path / ".foi")
    first = run(idx, [str(corpus)])
    forced = run(idx, [str(corpus)], force=True)
    assert forced.ingested == 2 and forced.unchanged == 0
    assert forced.passages == first.passages
    assert agree(idx)[0] == agree(idx)[1]


def test_missing_file_is_reported_and_kept(tmp_path, corpus):
    idx = str(tmp_path / ".foi")
    run(idx, [str(corpus)])
    os.remove(corpus / "nsg-minutes.txt")
    summary = run(idx, [str(corpus)])
    assert [os.path.basename(p) for p in summary.missing] == ["nsg-minutes.txt"]
    assert any("vetting" in t for t in texts(idx, "vetting"))  # removed from disk, not from the index


def test_second_writer_waits_then_fails_clearly(tmp_path, corpus):
    idx = tmp_path / ".foi"
    idx.mkdir()
    with IngestLock(str(idx / LOCK_FILE)):
        started = time.monotonic()
        with pytest.raises(IndexBusy, match="another `foi ingest`"):
            run(str(idx), [str(corpus)], lock_timeout=0.5)
        assert time.monotonic() - started >= 0.5
    assert run(str(idx), [str(corpus)]).ingested == 2  # the lock is free again


def test_interrupted_ingest_is_repaired_on_the_next_run(tmp_path, corpus):
    """The store committed a file but the engine never did (a crash between the two commits)."""
    idx = str(tmp_path / ".foi")
    run(idx, [str(corpus)])
    from index.build import passage_rows
    from ingest.pipeline import extract_file

    changed = write(corpus / "nsg-minutes.txt", MINUTES.format(topic="period of grace"))
    result = extract_file(changed)
    rows: dict = {}
    for doc in result.documents:
        rows.update(passage_rows(doc)[0])
    store = Store(os.path.join(idx, STORE_FILE))
    st = os.stat(changed)
    store.replace_file(os.path.abspath(changed), changed, result.sha256, st.st_size, st.st_mtime,
                       result.documents, rows)
    store.set_meta("writing", "1")
    assert store.pending()  # half-written: the engine still indexes the old text
    store.close()
    assert texts(idx, '"period of grace"') == []  # searching meanwhile works, on the last engine commit

    summary = run(idx, [str(corpus)])
    assert summary.reconciled >= 1 and summary.ingested == 0
    store_ids, engine_ids = agree(idx)
    assert store_ids == engine_ids
    assert Store(os.path.join(idx, STORE_FILE)).pending() == []
    assert any("period of grace" in t for t in texts(idx, '"period of grace"'))
    assert texts(idx, "vetting") == []


def test_engine_of_another_version_is_rebuilt_from_the_store(tmp_path, corpus):
    idx = tmp_path / ".foi"
    run(str(idx), [str(corpus)])
    (idx / ENGINE_DIR / "FOI_ENGINE_VERSION").write_text("0")
    with open_index(str(idx)) as index, pytest.raises(Exception, match="another version"):
        index.backend  # noqa: B018 - opening is the test
    run(str(idx), [str(corpus)])
    store_ids, engine_ids = agree(str(idx))
    assert store_ids == engine_ids and store_ids
