"""The set-at-a-time evaluator (`WhooshBackend.search`) answers exactly as Whoosh's collector
path (`WhooshBackend.search_collector`, the code it replaced): same hits in the same order,
same scores, same matched words, and the total is the number of passages the unlimited
collector finds. Checked on the seed FOI release and on generated meeting passages, in an
index of several segments with deleted documents. No timings are asserted here."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from whoosh import query as wq

from index.engine import analysis
from index.engine.backend import Filters, PassageRecord
from index.engine.query import parse
from index.engine.whoosh_backend import WhooshBackend, to_whoosh

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / ".seed" / "mappa_foi_release.txt"

QUERIES = [
    "vetting", "ViSOR", "MAPPA", "risk", "the", "complaints", "redacted", "xyzzy",
    "risk register", "ViSOR vetting", "information governance", "care home", "waiting times",
    '"action plan"', '"summer recess"', '"further update at the next meeting"', '"ViSOR users"',
    '"public health objective"', '"body-worn video"', '"national strategic group"',
    "recommendation 7", "rec 7", "Rec. 6", "recommendations 3 and 9", "recommendation 7 vetting",
    "rec 11 procurement", "recommendation 2 -vetting", "rec 7 OR rec 8 vetting",
    "vetting OR fraud", "-vetting fraud", "fraud -\"counter fraud\"", "year:2016 fraud",
    "recs:5", "type:minutes risk", '"action plan" OR custody', "-vetting",
    '"recommendation 7"', '"of the meeting"', '"[REDACTED] updated"', '"[REDACTED] reported that"',
]

FILTERS = [
    Filters(),
    Filters(years=[2016]),
    Filters(years=[2017, 2019], doc_types=["minutes", "report"]),
    Filters(has_redaction=True),
    Filters(since="2016-03", until="2018-06"),
]


def _seed_passages() -> list[PassageRecord]:
    """The seed release cut at blank lines: real FOI text, redaction markers and all."""
    text = SEED.read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    out = []
    for i, para in enumerate(paras):
        doc = i // 20
        recs = sorted({int(n) for n in re.findall(r"\b[Rr]ecommendations?\s+(\d{1,2})\b", para)})
        year = 2015 + doc % 5
        out.append(PassageRecord(
            passage_id=f"seed-{doc:03d}-p{i:04d}", doc_id=f"seed-{doc:03d}", text=para, recs=recs,
            year=year, date=f"{year}-{1 + doc % 12:02d}-{1 + i % 28:02d}", doc_type=("minutes", "report", "email")[doc % 3],
            group="MAPPA National Strategic Group", has_redaction="[REDACTED]" in para or "\u2588" in para,
            dup_key="",
        ))
    return out


def _generated_passages(n: int) -> list[PassageRecord]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    return [PassageRecord(passage_id=p["passage_id"], doc_id=p["doc_id"], text=p["text"], recs=p["recs"],
                          year=p["year"], date=p["date"], doc_type=p["doc_type"], group=p["group"],
                          has_redaction=p["has_redaction"], dup_key="")
            for p in generate.passages(11, n)]


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("perf") / "whoosh")
    passages = _seed_passages() + _generated_passages(2500)
    b = WhooshBackend(path, create=True)
    # Several commits (several segments), then deletions, so segment offsets and deleted
    # documents are both exercised.
    step = len(passages) // 4 + 1
    for start in range(0, len(passages), step):
        b.add_passages(passages[start:start + step])
        b.commit()
    doc_ids = sorted({p.doc_id for p in passages})
    b.delete_documents(doc_ids[::9])
    b.commit()
    yield b
    b.close()


def test_index_has_segments_and_deletions(backend):
    reader = backend._s().reader()
    leaves = list(reader.leaf_readers())
    assert len(leaves) > 1
    assert any(r.has_deletions() for r, _ in leaves)
    # Phrases are answered through the word-pair field here, not the word-by-word fallback.
    assert "pairs" in backend._s().schema and reader.doc_frequency("pairs", analysis.pair_term("recommend", "7")) > 0


@pytest.mark.parametrize("text", QUERIES)
def test_same_hits_as_collector(backend, text):
    query = parse(text).query
    phrase_words = {w for node in to_whoosh(query).leaves() if isinstance(node, wq.Phrase) for w in node.words}
    for filters in FILTERS:
        everything = backend.search_collector(query, filters, None)
        for limit in (10, 200, None):
            fast = backend.search(query, filters, limit)
            ref = everything if limit is None else backend.search_collector(query, filters, limit)
            assert [h.passage_id for h in fast.hits] == [h.passage_id for h in ref.hits], (text, filters, limit)
            assert [h.score for h in fast.hits] == pytest.approx([h.score for h in ref.hits], rel=1e-12)
            # Whoosh's TermsCollector may also report the words of a phrase whose words are in the
            # passage but not side by side (its span matcher sits on the document after a failed
            # check); the evaluator reports a phrase's words only where the phrase is.
            for f, r in zip(fast.hits, ref.hits, strict=True):
                assert f.matched <= r.matched, (text, f.passage_id)
                assert r.matched - f.matched <= phrase_words, (text, f.passage_id, r.matched - f.matched)
            assert [(h.doc_id, h.date) for h in fast.hits] == [(h.doc_id, h.date) for h in ref.hits]
            assert fast.total == len(everything.hits), (text, filters, limit)
            assert ref.total == len(everything.hits), ("collector total under a limit", text, filters, limit)


def test_queries_find_something(backend):
    """The comparison above is not vacuous: most queries match passages."""
    found = sum(1 for text in QUERIES if backend.search(parse(text).query, Filters(), 10).total)
    assert found >= len(QUERIES) - 3


@pytest.mark.parametrize("text", ["vetting", "risk register", '"action plan"', "recommendation 7 vetting"])
def test_an_empty_filter_allows_nothing_on_either_path(backend, text):
    """A filter that allows no passage (an owner with no action) answers nothing, on the
    evaluator and on the collector alike (Whoosh reads an empty allow-set as "no filter")."""
    query = parse(text).query
    nothing = Filters(passage_ids=[])
    ref = backend.search_collector(query, nothing, 10)
    assert backend.last_path == "collector"
    assert (ref.hits, ref.total) == ([], 0)
    fast = backend.search(query, nothing, 10)
    assert (fast.hits, fast.total) == ([], 0)


def test_the_equivalence_compares_two_paths(backend):
    """The evaluator really answers the common queries (else the comparison above would hold
    trivially), and the collector really answers when called."""
    answered = []
    for text in QUERIES:
        backend.search(parse(text).query, Filters(), 10)
        answered.append(backend.last_path)
    assert answered.count("sets") >= len(QUERIES) // 2, answered
    backend.search_collector(parse("vetting").query, Filters(), 10)
    assert backend.last_path == "collector"
