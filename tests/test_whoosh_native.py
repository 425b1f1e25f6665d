"""`foi search` reads the Whoosh index itself (index/engine/whoosh_eval.py). Held here to
Whoosh's own reading of the same files: every posting (ids, weights, positions), stored field,
length, document frequency and IDF, in an index of several segments with deleted documents and
in one of separate (not compound) segment files; the shortcuts it takes (a block unpickled only
up to its weights, values cut out of a block without unpickling it) to the plain unpickling; and
phrases, which it proves from the word-pair field and the words' counts, reading positions only
where those do not decide, to Whoosh's own phrase matcher on crafted cases and generated ones.
No timings here (bench/run.py measures)."""

from __future__ import annotations

import subprocess
import sys
import zlib
from itertools import accumulate
from pickle import loads

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import fields as wf
from whoosh import index as whoosh_index
from whoosh import query as wq

from index.engine import analysis, whoosh_eval
from index.engine.backend import Filters, PassageRecord, Phrase, Term
from index.engine.whoosh_backend import ENGINE_VERSION, WhooshBackend, to_tree, to_whoosh


def _record(pid: str, text: str, year: int = 2016, recs=(), date: str = "2016-02-18") -> PassageRecord:
    return PassageRecord(passage_id=pid, doc_id=pid.split("-p")[0], text=text, recs=list(recs), year=year,
                         date=date, doc_type="minutes", group="Audit Committee", has_redaction="[REDACTED]" in text,
                         dup_key="")


TEXTS = [
    "The summer recess review was postponed; the recess review ended.",
    "After the summer recess the review was postponed.",
    "The summer recess review was held in June. Recommendation 7 is agreed.",
    "Summer recess. Recess ended early; summer recess again.",
    "A further update at the next meeting. A further update at the next meeting.",
    "Further update at the next meeting of the board, and at the next meeting after.",
    "the the the the the the",
    "update at the next update at the next meeting",
    "[REDACTED] reported that the vetting of staff (redacted) was delayed by [REDACTED - s.40(2)].",
    "Vetting: rec 7 and recommendation 11; R7 is open. Vetted, vets, vetting again.",
]


def _passages(n: int) -> list[PassageRecord]:
    out = []
    for i in range(n):
        text = TEXTS[i % len(TEXTS)] + (" " + TEXTS[(i * 7 + 3) % len(TEXTS)] if i % 3 else "")
        out.append(_record(f"d{i // 4:03d}-p{i:04d}", text, year=2015 + i % 4, recs=[7] if "7" in text else [],
                           date=f"{2015 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    return out


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """Four segments (one commit each), then deletions: offsets and deleted documents matter."""
    b = WhooshBackend(str(tmp_path_factory.mktemp("native") / "whoosh"), create=True)
    passages = _passages(600)
    for start in range(0, len(passages), 150):
        b.add_passages(passages[start:start + 150])
        b.commit()
    b.delete_documents(sorted({p.doc_id for p in passages})[::7])
    b.commit()
    yield b
    b.close()


def _leaves(b: WhooshBackend):
    return list(b._s().reader().leaf_readers())


def _postings(reader, field: str, btext: bytes) -> list[tuple[int, float, bytes | None]]:
    m = reader.postings(field, btext)
    if hasattr(m, "child"):  # Whoosh's filter over deletions (which moved past the first deleted ones)
        m = m.child
        m.reset()
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value() if field == "text" else None))
        m.next()
    return out


def test_the_index_has_segments_and_deletions(backend):
    files = backend._read()
    assert files is not None and len(files.segments) > 1
    assert any(s.deleted for s in files.segments)
    assert files.doc_count_all == backend._s().doc_count_all()
    assert files.doc_count == backend._s().doc_count()


def test_every_posting_is_read_as_whoosh_reads_it(backend):
    files = backend._read()
    leaves = _leaves(backend)
    searcher = backend._s()
    checked = 0
    for field in ("text", "pairs", "recs", "year", "doc_id", "passage_id", "has_redaction", "date", "group"):
        terms = {t for f, t in searcher.reader().all_terms() if f == field}
        assert terms, field
        for btext in sorted(terms):
            assert files.doc_frequency(field, btext) == searcher.doc_frequency(field, btext), (field, btext)
            assert files.idf(field, btext) == searcher.idf(field, btext), (field, btext)
            for seg, (reader, offset) in zip(files.segments, leaves, strict=True):
                assert seg.offset == offset
                p = seg.term(field, btext)
                if (field, btext) not in reader:
                    assert p is None
                    continue
                ref = _postings(reader, field, btext)
                ids, weights = p.all()
                assert ids == [d for d, _, _ in ref], (field, btext)
                assert list(weights) == [w for _, w, _ in ref], (field, btext)
                assert p.weights_at(ids[::3]) == [w for _, w, _ in ref][::3]
                if field == "text":
                    texts = p.values_at(ids)
                    assert [v.encode("latin-1") for v in texts] == [v for _, _, v in ref], btext
                    expected = [_positions(v) for _, _, v in ref]
                    assert [list(ps) for ps in whoosh_eval._piece_positions(p.pieces_at(ids))] == expected
                    # sparse reads select records; the plain path unpickles every block
                    assert p.values_at(ids[::17]) == texts[::17]
                    assert whoosh_eval._piece_texts(p.pieces_at(ids[::3], plain=True)) == texts[::3]
                    assert [list(ps) for ps in whoosh_eval._piece_positions(p.pieces_at(ids[1::4], plain=True))] \
                        == expected[1::4]
                checked += 1
    assert checked > 500


def _positions(value: bytes) -> list[int]:
    from whoosh.formats import Positions

    return Positions().decode_positions(value)


def test_lengths_stored_fields_and_ranges_are_whoosh_s(backend):
    files = backend._read()
    searcher = backend._s()
    evaluator = backend._eval()
    for seg, (reader, offset) in zip(files.segments, _leaves(backend), strict=True):
        for field in ("text", "recs"):
            lengths = seg.lengths(field)
            for d in range(reader.doc_count_all()):
                assert whoosh_eval._LENGTHS[lengths[d]] == reader.doc_field_length(d, field, 1), (field, d)
        for d in range(reader.doc_count_all()):
            assert evaluator.stored(d + offset) == reader.stored_fields(d)
    for field in ("text", "recs"):
        assert files.norms(field)[5] == 1.2 * (0.25 + 0.75 * whoosh_eval._LENGTHS[5] / searcher.avg_field_length(field))
    from whoosh.util.numeric import byte_to_length

    assert list(whoosh_eval._LENGTHS[1:]) == [byte_to_length(b) for b in range(1, 256)]
    for low, high in [("2016-02", "2016-02\uffff"), ("2015", "2016-06-30"), (None, "2015-12"), ("2018-05", None)]:
        q = whoosh_eval.RangeQ("date", low, high)
        ref = set(searcher.docs_for_query(wq.TermRange("date", low, high, startexcl=False, endexcl=False)))
        assert set(evaluator._range(q)) == ref, (low, high)
        assert ref


def test_block_shortcuts_agree_with_unpickling_the_block(backend):
    """The cut after the weights and the values split out of a block are the block's own."""
    files = backend._read()
    blocks = 0
    for seg in files.segments:
        for btext in (b"the", b"summer", b"recess", b"review", b"xredactedx", b"7", b"vet"):
            p = seg.term("text", btext)
            if p is None:
                continue
            for k in range(len(p._walk())):
                data = p._data(k)
                ids, weights, values = loads(data)
                p._iw[k] = None
                got_ids, got_weights = p.block(k)
                assert got_ids == list(accumulate(ids))
                count = len(got_ids)
                assert list(got_weights) == ([1.0] * count if weights is None else [weights] * count
                                             if isinstance(weights, float) else list(weights))
                m = whoosh_eval._HEAD.match(zlib.decompressobj().decompress(
                    p.buf[p._blocks[k][2]:p._blocks[k][2] + p._blocks[k][3]], 14 * count + 48))
                assert m is not None and loads(m.group() + whoosh_eval._CLOSE_HEAD) == (ids, weights)
                pieces = whoosh_eval._value_pieces(data, count)
                assert pieces is not None
                assert [x.encode("latin-1") for x in whoosh_eval._piece_texts(pieces)] == list(values)
                plain = whoosh_eval._plain_head(data, count)
                assert plain is None or (plain[0], list(plain[1])) == (got_ids, list(got_weights))
                blocks += 1
    assert blocks > 20


def _check_phrase(b: WhooshBackend, words: list[str]) -> set[int]:
    """The evaluator's documents and scores for a phrase equal Whoosh's phrase matcher's."""
    searcher = b._s()
    evaluator = b._eval()
    ref = set(searcher.docs_for_query(wq.Phrase("text", words)))
    got = evaluator._phrase(whoosh_eval.PhraseQ("text", words))
    assert set(got) == ref, (words, sorted(set(got) ^ ref)[:10])
    if ref:  # scores as Whoosh's collector gives them
        q = Phrase(" ".join(words))
        fast = b.search(q, Filters(), None)
        slow = b.search_collector(q, Filters(), None)
        assert [(h.passage_id, h.score) for h in fast.hits] == [(h.passage_id, h.score) for h in slow.hits]
    return ref


@pytest.mark.parametrize("words", [
    ["summer", "recess", "review"], ["summer", "recess", "end"], ["recess", "review"],
    ["further", "updat", "at", "the", "next", "meet"], ["updat", "at", "the", "next"],
    ["the", "next", "meet"], ["at", "the", "next", "updat"], ["the", "the"], ["the", "the", "the"],
    ["the", "the", "the", "the", "the", "the", "the"], ["updat", "at", "the", "next", "updat"],
    [analysis.REDACTION_TOKEN, "report", "that"], ["of", "staff", analysis.REDACTION_TOKEN, "was"],
    ["rec", "7"], ["recommend", "7", "is"], ["vet", "again"], ["nowher", "to", "be", "found"],
    ["summer", "recess", "again", "nowher"],
])
def test_phrases_are_whoosh_s(backend, words):
    _check_phrase(backend, words)


def test_the_crafted_phrases_take_every_path(backend):
    """The cases above are not all decided alike: some by the pairs and counts alone, some with
    positions of one word per run, some with every word's positions."""
    seen = set()
    original = whoosh_eval._plan

    def plan(n, once, dfs):
        found = original(n, once, dfs)
        seen.add("proved" if found is None else "anchored" if found[0] else "every word")
        return found

    whoosh_eval._plan = plan
    try:
        evaluator = whoosh_eval.Evaluator(backend._read())
        for words in (["summer", "recess", "review"], ["further", "updat", "at", "the", "next", "meet"],
                      ["the", "the", "the"], ["updat", "at", "the", "next"]):
            evaluator._phrase(whoosh_eval.PhraseQ("text", words))
    finally:
        whoosh_eval._plan = original
    assert seen == {"proved", "anchored", "every word"}


def test_plan():
    # all once: proved; a word occurring often between runs: one anchor per run
    assert whoosh_eval._plan(3, 0b111, (5, 5, 5)) is None
    assert whoosh_eval._plan(3, 0b010, (5, 5, 5)) is None  # the middle word pins both ends
    assert whoosh_eval._plan(6, 0b110011, (9, 8, 7, 6, 5, 4)) == ((1, 5), ())
    assert whoosh_eval._plan(6, 0b110001, (9, 8, 7, 6, 5, 4)) == ((0, 5), (2,))
    assert whoosh_eval._plan(4, 0, (1, 1, 1, 1)) == ((), (0, 1, 2, 3))
    assert whoosh_eval._plan(2, 0b01, (3, 3)) is None


VOCAB = ["a", "b", "c", "d"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=12), min_size=1, max_size=30),
       phrase=st.lists(st.sampled_from(VOCAB), min_size=2, max_size=5))
def test_generated_phrases_are_whoosh_s(tmp_path_factory, docs, phrase):
    """Small vocabularies make every kind of repeat: words twice in a phrase, phrases twice in a
    passage, pairs present but never in one run."""
    b = WhooshBackend(str(tmp_path_factory.mktemp("gen") / "whoosh"), create=True)
    try:
        half = len(docs) // 2
        b.add_passages(_record(f"g{i:03d}-p{i:04d}", " ".join(words)) for i, words in enumerate(docs[:half]))
        b.commit()
        b.add_passages(_record(f"g{i:03d}-p{i:04d}", " ".join(words)) for i, words in enumerate(docs[half:], half))
        b.commit()
        if len(docs) > 3:
            b.delete_documents([f"g{1:03d}"])
            b.commit()
        _check_phrase(b, phrase)
    finally:
        b.close()


def test_separate_segment_files_are_read_too(tmp_path):
    """A segment written without the compound file (each file on its own) reads the same."""
    path = tmp_path / "whoosh"
    b = WhooshBackend(str(path), create=True)
    b.close()
    ix = whoosh_index.open_dir(str(path))
    writer = ix.writer(compound=False)
    for i, text in enumerate(TEXTS):
        writer.add_document(passage_id=f"s-p{i}", doc_id="s", text=text, pairs=analysis.pairs(text), year="2017",
                            date="2017-01-01", doc_type="minutes", dup_key="")
    writer.commit()
    assert any(p.name.endswith(".trm") for p in path.iterdir())  # not compound
    b = WhooshBackend(str(path))
    try:
        assert b._read() is not None
        for text in ("the recess review", "vetting", '"summer recess review"', '"further update at the next meeting"'):
            from index.engine.query import parse

            q = parse(text).query
            fast, slow = b.search(q, Filters(), None), b.search_collector(q, Filters(), None)
            assert b.last_path == "collector"
            assert [(h.passage_id, h.score) for h in fast.hits] == [(h.passage_id, h.score) for h in slow.hits]
        b.search(Term("vetting"), Filters(), 5)
        assert b.last_path == "sets"
    finally:
        b.close()


def test_an_index_it_does_not_model_is_answered_by_whoosh(tmp_path):
    """Another schema (a numeric field) is not read directly: Whoosh's collector answers."""
    path = tmp_path / "whoosh"
    path.mkdir()
    schema = wf.Schema(passage_id=wf.ID(stored=True), doc_id=wf.ID(stored=True), text=wf.TEXT(phrase=True),
                       size=wf.NUMERIC(stored=True))
    ix = whoosh_index.create_in(str(path), schema)
    writer = ix.writer()
    writer.add_document(passage_id="x-p1", doc_id="x", text="vetting of staff", size=3)
    writer.commit()
    (path / "FOI_ENGINE_VERSION").write_text(str(ENGINE_VERSION))
    b = WhooshBackend(str(path))
    try:
        assert b._read() is None
        found = b.search(Term("staff"), Filters(), 5)
        assert b.last_path == "collector" and [h.passage_id for h in found.hits] == ["x-p1"]
        assert b.doc_count() == 1
    finally:
        b.close()


def _same_tree(node, q) -> None:
    """A query tree node and a whoosh.query node ask the same question."""
    kinds = {whoosh_eval.TermQ: wq.Term, whoosh_eval.PhraseQ: wq.Phrase, whoosh_eval.AndQ: wq.And,
             whoosh_eval.OrQ: wq.Or, whoosh_eval.AndNotQ: wq.AndNot, whoosh_eval.AndMaybeQ: wq.AndMaybe,
             whoosh_eval.EveryQ: wq.Every, whoosh_eval.RangeQ: wq.TermRange}
    if isinstance(node, whoosh_eval.BonusQ):
        assert type(q).__name__ == "Bonus" and q.score == node.score
        _same_tree(node.child, q.child)
        return
    if node is whoosh_eval.NULL:
        assert q is wq.NullQuery
        return
    assert type(q) is kinds[type(node)], (node, q)
    if isinstance(node, whoosh_eval.TermQ):
        assert (q.fieldname, q.text, q.boost) == (node.field, node.text, node.boost)
    elif isinstance(node, whoosh_eval.PhraseQ):
        assert (q.fieldname, list(q.words), q.boost, q.slop) == (node.field, list(node.words), node.boost, 1)
    elif isinstance(node, whoosh_eval.RangeQ):
        assert (q.fieldname, q.start, q.end, q.startexcl, q.endexcl) == (node.field, node.start, node.end, False, False)
    elif isinstance(node, (whoosh_eval.AndNotQ, whoosh_eval.AndMaybeQ)):
        _same_tree(node.a, q.a)
        _same_tree(node.b, q.b)
    elif isinstance(node, whoosh_eval.AndQ):  # And, Or
        assert len(node.subs) == len(q.subqueries) and q.boost == node.boost
        for a, b in zip(node.subs, q.subqueries, strict=True):
            _same_tree(a, b)


def test_the_query_tree_is_whoosh_s_query(backend):
    """The collector runs the tree the evaluator answers, node for node, IDFs included."""
    from index.engine.query import parse

    for text in ("recommendation 7 vetting", '"summer recess" -review', "year:2016 recess OR review", "vetting",
                 "recess May 2016", "-vetting", "type:minutes group:audit has_redaction:yes review"):
        q = parse(text).query
        evaluator = backend._eval()
        from index.engine.whoosh_backend import _FileStats

        _same_tree(to_tree(q, _FileStats(evaluator)), to_whoosh(q, backend._s()))
        _same_tree(to_tree(q), to_whoosh(q))


def test_foi_search_reads_without_whoosh_s_reading_modules(tmp_path) -> None:
    """A search in a fresh process: the engine answers (the sets path) and Whoosh's index,
    searching, query, matching, codec and storage modules are never imported."""
    path = tmp_path / "whoosh"
    b = WhooshBackend(str(path), create=True)
    b.add_passages(_passages(40))
    b.commit()
    b.close()
    script = (
        "import sys, json\n"
        "from index.engine.whoosh_backend import WhooshBackend\n"
        "from index.engine.backend import Filters\n"
        "from index.engine.query import parse\n"
        f"b = WhooshBackend({str(path)!r}); b.doc_count()\n"
        "found = [b.search(parse(t).query, Filters(years=[2016]), 10).total for t in\n"
        "         ('summer recess', '\"further update at the next meeting\"', 'recommendation 7 vetting')]\n"
        "print(json.dumps([b.last_path, found, sorted(m for m in sys.modules if m.startswith('whoosh.'))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    import json

    path_used, totals, modules = json.loads(out.stdout)
    assert path_used == "sets" and all(totals)
    reading = ("whoosh.index", "whoosh.searching", "whoosh.reading", "whoosh.query", "whoosh.matching",
               "whoosh.codec", "whoosh.filedb", "whoosh.columns", "whoosh.scoring", "whoosh.fields",
               "whoosh.collectors", "whoosh.writing")
    assert [m for m in modules if m.startswith(reading)] == []


def test_phrases_read_alike_without_holding_blocks(backend, monkeypatch):
    """Past the memory bound a phrase's blocks are not held decompressed: the same answers."""
    monkeypatch.setattr(whoosh_eval, "HOLD_BYTES", 0)
    backend._drop_searcher()
    for words in (["summer", "recess", "review"], ["further", "updat", "at", "the", "next", "meet"],
                  ["the", "the", "the"], ["updat", "at", "the", "next"], [analysis.REDACTION_TOKEN, "report", "that"]):
        _check_phrase(backend, words)


def test_filters_are_cached_under_their_own_keys(backend):
    """One backend asked under several filters of the same shape (an OR of two years, of two
    types) answers each under its own: the filter sets are cached by the tree's full repr."""
    backend._drop_searcher()
    for years in ([2015, 2016], [2017, 2018], [2016, 2018]):
        filters = Filters(years=years, doc_types=["minutes", "report"])
        fast = backend.search(Term("recess"), filters, None)
        slow = backend.search_collector(Term("recess"), filters, None)
        assert [h.passage_id for h in fast.hits] == [h.passage_id for h in slow.hits] and fast.hits, years


def _block_pickle(ids: list[int], weights: list[float]) -> bytes:
    """A block's data as whoosh3 writes it (W3PostingsWriter._write_block: delta ids, weights
    minified, position values)."""
    from pickle import dumps

    from whoosh.formats import Positions

    deltas = tuple(b - a for a, b in zip([0, *ids], ids, strict=False))
    mini = None if all(w == 1.0 for w in weights) else weights[0] if len(set(weights)) == 1 else tuple(weights)
    values = tuple(Positions().encode(list(range(int(w)))) for w in weights)
    return dumps((deltas, mini, values), 2)


@pytest.mark.parametrize("ids, weights", [
    (list(range(0, 256, 2)), [1.0] * 128),  # every weight 1: None
    (list(range(1000, 1128)), [3.0] * 128),  # one float for all; the first id a BININT2
    (list(range(70_000, 70_640, 5)), [float(1 + i % 4) for i in range(128)]),  # first id a BININT
    ([3, 7, 9, 12, 15], [1.0, 2.0, 1.0, 1.0, 5.0]),
    ([0, 300, 301, 302, 303], [1.0, 2.0, 2.0, 1.0, 1.0]),  # a delta of two bytes: not this layout
    ([1, 2, 3], [2.0, 1.0, 1.0]),  # under four postings: tuples by TUPLEn, not this layout
])
def test_the_plain_head_is_what_unpickling_gives(ids, weights):
    data = _block_pickle(ids, weights)
    head = whoosh_eval._plain_head(data, len(ids))
    deltas, _, _ = loads(data)
    if len(ids) < 4 or any(d > 255 for d in deltas[1:]):
        assert head is None
    else:
        assert head is not None and (head[0], list(head[1])) == (ids, weights)
    # a block cut short (as a partial decompression leaves it) still reads, or is refused
    cut = whoosh_eval._plain_head(data[:14 * len(ids) + 48], len(ids))
    assert cut is None or cut == head


def _records(values: list[bytes]) -> list[bytes]:
    return [whoosh_eval._record(v) for v in values]


POSITION_LISTS = [[0], [5], [127], [128], [200], [255], [256], [300], [40_000], [70_000], [2, 9], [0, 1, 2, 3],
                  list(range(0, 400, 3)), [1, 130, 131, 600], list(range(127)), [7, 70_000]]


def test_record_positions_are_the_values_positions():
    """Positions read from records (`pieces_at`'s), many at once: short lists take one unpickling
    together, a list of 128 or more positions or a length past one byte the value-by-value
    path; either way Whoosh's decode_positions."""
    from whoosh.formats import Positions

    values = [Positions().encode(ps) for ps in POSITION_LISTS]
    expected = [_positions(v) for v in values]
    assert [list(ps) for ps in whoosh_eval._piece_positions(_records(values))] == expected
    short = [v for v, ps in zip(values, POSITION_LISTS, strict=True) if len(ps) < 100]
    assert [list(ps) for ps in whoosh_eval._piece_positions(_records(short))] == [_positions(v) for v in short]
    assert whoosh_eval._piece_positions([]) == []
    # a record cut in the wrong place is refused, never misread
    cut = whoosh_eval._record(values[1])
    with pytest.raises(ValueError):
        whoosh_eval._piece_positions([cut[:-3] + b"ZZZ"])


def test_a_once_only_word_s_record_gives_its_position():
    from whoosh.formats import Positions

    once = whoosh_eval._OnlyPosition()
    for ps in POSITION_LISTS:
        record = whoosh_eval._record(Positions().encode(ps))
        key = record[:record[0] + 5]
        if len(ps) == 1:
            assert once[key] == ps[0]
            assert once[key] == ps[0]  # remembered
        else:
            with pytest.raises(whoosh_eval.Unsupported):
                once[key]
    with pytest.raises(ValueError):  # a key not ending at its record's end
        once[whoosh_eval._record(Positions().encode([9]))[:10]]


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_the_tree_scorer_adds_as_the_tree_adder(n):
    """The one-pass phrase score is each word's bm25 summed in Whoosh's order, float for float."""
    import random

    rng = random.Random(n)
    tables = [whoosh_eval._ScoreTables(rng.uniform(0.5, 9.0), [None] + [rng.uniform(0.1, 3.0) for _ in range(255)])
              for _ in range(n)]
    weights = [[float(rng.randint(1, 6)) for _ in range(300)] for _ in range(n)]
    lens = bytes(rng.randint(1, 255) for _ in range(300))
    per_word = [[t[w][x] for w, x in zip(ws, lens, strict=True)] for t, ws in zip(tables, weights, strict=True)]
    assert whoosh_eval._tree_scorer(n)(tables, weights, lens) == whoosh_eval._tree_adder(n)(per_word)


CRAFTED = [["summer", "recess", "review"], ["further", "updat", "at", "the", "next", "meet"],
           ["the", "the", "the"], ["updat", "at", "the", "next"], [analysis.REDACTION_TOKEN, "report", "that"],
           ["at", "the", "next", "updat"]]


def test_phrases_read_alike_from_unpickled_blocks(backend, monkeypatch):
    """Blocks not laid out as the shortcuts expect (here: every block) are unpickled whole: the
    same answers."""
    monkeypatch.setattr(whoosh_eval, "_value_pieces", lambda data, count: None)
    monkeypatch.setattr(whoosh_eval, "_plain_head", lambda data, count: None)
    backend._drop_searcher()
    for words in CRAFTED:
        _check_phrase(backend, words)
    backend._drop_searcher()


def test_a_record_cut_wrongly_sends_the_phrase_to_unpickled_blocks(backend, monkeypatch):
    """Records that do not end where their length says are never read: the check runs again on
    unpickled blocks."""
    real = whoosh_eval._value_pieces
    monkeypatch.setattr(whoosh_eval, "_value_pieces",  # every length one byte too long
                        lambda data, count: None if (found := real(data, count)) is None
                        else [bytes([x[0] + 1]) + x[1:] for x in found])
    plain = []
    pieces_at = whoosh_eval._Postings.pieces_at
    monkeypatch.setattr(whoosh_eval._Postings, "pieces_at",
                        lambda self, docs, plain_=False: plain.append(plain_) or pieces_at(self, docs, plain_))
    backend._drop_searcher()
    for words in CRAFTED:
        _check_phrase(backend, words)
    assert True in plain
    backend._drop_searcher()


LONG = ("the report of the board " * 70).strip()  # 350 tokens: positions past 256, 140 of "the"


def _segmented(path: str, segments: int, per_segment: int, record, deleted: list[str]) -> WhooshBackend:
    """A backend of ``segments`` commits of ``per_segment`` passages each (``record(n)``, n =
    segment * 1000 + i), then the ``deleted`` documents removed in a commit of their own."""
    b = WhooshBackend(path, create=True)
    for seg in range(segments):
        b.add_passages([record(seg * 1000 + i) for i in range(per_segment)])
        b.commit()
    b.delete_documents(deleted)
    b.commit()
    return b


@pytest.fixture(scope="module")
def long_backend(tmp_path_factory):
    """Postings of several blocks in each of three segments, documents deleted in each, passages
    long enough for positions of two bytes and words of more than 128 positions."""
    def record(n: int) -> PassageRecord:
        text = (TEXTS[n % len(TEXTS)] + " " + (LONG if n % 5 == 0 else TEXTS[(n * 3) % len(TEXTS)])
                + (" further update at the next meeting" if n % 3 == 0 else ""))
        return _record(f"l{n // 2:05d}-p{n:05d}", text)

    b = _segmented(str(tmp_path_factory.mktemp("long") / "whoosh"), 3, 420, record, [f"l{n:05d}" for n in range(0, 1500, 11)])
    yield b
    b.close()


@pytest.mark.parametrize("words", [
    ["further", "updat", "at", "the", "next", "meet"], ["the", "report", "of", "the", "board"],
    ["board", "the", "report"], ["the", "the"], ["of", "the", "board", "the", "report", "of"],
    ["next", "meet", "the", "report"],
])
def test_long_passages_across_segments_are_whoosh_s(long_backend, words):
    files = long_backend._read()
    assert len(files.segments) == 3 and all(s.deleted for s in files.segments)
    assert any(len(s.term("text", b"the")._walk()) > 2 for s in files.segments)
    _check_phrase(long_backend, words)


def test_only_the_blocks_holding_the_documents_are_decoded(long_backend):
    """Weights and records at a few documents decode the blocks holding them, no others."""
    long_backend._drop_searcher()
    files = long_backend._read()
    for seg in files.segments:
        p = seg.term("text", b"the")
        blocks = p._walk()
        assert len(blocks) > 2
        all_ids, all_weights = p.all()
        second = all_ids[blocks[0][1]:blocks[0][1] + blocks[1][1]]
        docs = [second[0], second[5], second[-1]]
        p.release()
        weights = p.weights_at(docs)
        assert [k for k, found in enumerate(p._iw) if found is not None] == [1]
        records = p.pieces_at(docs)
        assert [k for k, found in enumerate(p._iw) if found is not None] == [1]
        assert weights == [all_weights[all_ids.index(d)] for d in docs]
        assert whoosh_eval._piece_texts(records) == [p.values_at(all_ids)[all_ids.index(d)] for d in docs]
    long_backend._drop_searcher()


def test_weights_at_few_or_many_documents_are_the_postings(long_backend):
    """A block asked at a few documents (found by bisection) or at many (by its ids' dict)
    gives each one's weight, None where the term is absent."""
    long_backend._drop_searcher()
    files = long_backend._read()
    for seg in files.segments:
        for btext in (b"the", b"board", b"next"):
            p = seg.term("text", btext)
            ids, weights = p.all()
            at = dict(zip(ids, weights, strict=True))
            every = list(range(seg.n))
            for docs in (every, every[::7], every[::37], ids[::9], ids[::2], [every[-1]], []):
                p.release()
                assert p.weights_at(docs) == [at.get(d) for d in docs]
    long_backend._drop_searcher()


def test_weights_and_records_read_together_are_those_read_apart(long_backend):
    """A phrase's words read once for weights and records give what the two reads give."""
    long_backend._drop_searcher()
    files = long_backend._read()
    for seg in files.segments:
        for btext in (b"the", b"board", b"next"):
            p = seg.term("text", btext)
            ids = p.ids()
            for docs in (ids, ids[::3], ids[5:9], ids[-1:]):
                weights, records = p.weights_records(docs)
                assert list(weights) == p.weights_at(docs)
                assert list(records) == p.pieces_at(docs)
            absent = sorted(set(range(seg.n)) - set(ids))
            if absent:
                with pytest.raises(KeyError):
                    p.weights_records(sorted([*ids[:3], absent[0]]))
    long_backend._drop_searcher()


def test_phrases_read_alike_when_words_are_read_apart(backend, monkeypatch):
    """Should a candidate not be a word's (never, with the pairs), its weights are read as
    asked and its records where needed: the same answers."""
    def refuse(self, docs, *args):
        raise KeyError("refused")

    monkeypatch.setattr(whoosh_eval._Postings, "weights_records", refuse)
    backend._drop_searcher()
    for words in CRAFTED:
        _check_phrase(backend, words)
    backend._drop_searcher()


# Passages where no word of "further update at the next meeting" occurs once, so the phrase is
# decided from positions: the common word ("the", the largest postings) proved by a neighbour
# standing only at the possible starts, refuted by there being none, or read because a
# neighbour stands elsewhere too. Every pair of the phrase is in each one.
NO_ONCE = [
    "further update at the next meeting. further update at the next meeting.",  # proved: twice
    "further update at the end, the next meeting. further update at the end, the next meeting.",  # no start
    "the next item: further update at the next meeting. further update at a next meeting.",  # read: there
    "further update at a next meeting; the next one. at the next, further update at b next meeting.",  # read: not
    "at the next meeting further update at the next meeting further update the the",  # proved by "at"
    "next meeting further update at the next meeting further update at the next meeting",
]
FILLER = ["the board noted the report of the chair", "the the minutes of the last meeting were agreed",
          "a further item at the end of the day", "update the register at the next review"]


@pytest.fixture(scope="module")
def phrase_backend(tmp_path_factory):
    """Enough passages for postings of several blocks (more than 128 each), in two segments
    with deletions, most of them holding the phrase's words and pairs without one once."""
    def record(n: int) -> PassageRecord:
        text = NO_ONCE[n % len(NO_ONCE)] + " " + FILLER[(n // 3) % len(FILLER)]
        if n % 7 == 0:  # the phrase once: its words once, decided by the counts
            text = FILLER[n % len(FILLER)] + " further update at the next meeting"
        return _record(f"f{n // 2:05d}-p{n:05d}", text, year=2015 + n % 3)

    b = _segmented(str(tmp_path_factory.mktemp("phrase") / "whoosh"), 2, 700, record, [f"f{n:05d}" for n in range(0, 850, 13)])
    yield b
    b.close()


@pytest.mark.parametrize("words", [
    ["further", "updat", "at", "the", "next", "meet"], ["updat", "at", "the", "next"],
    ["at", "the", "next", "meet"], ["the", "next", "meet"], ["further", "updat", "at", "the"],
])
def test_a_phrase_s_common_word_is_proved_as_whoosh_finds_it(phrase_backend, monkeypatch, words):
    """The phrase's hits, order, scores and total are those of Whoosh's own phrase matcher and
    collector, with its common word proved without its positions, refuted, and read."""
    seen: list = []
    real = whoosh_eval._starts_check

    def starts_check(n, skip):
        check = real(n, skip)
        return lambda ps: seen.append(found := check(ps)) or found

    monkeypatch.setattr(whoosh_eval, "_starts_check", starts_check)
    phrase_backend._drop_searcher()
    ref = _check_phrase(phrase_backend, words)
    q = Phrase(" ".join(words))
    for filters, limit in ((Filters(), 200), (Filters(), 7), (Filters(years=[2016]), 20)):
        fast = phrase_backend.search(q, filters, limit)
        assert phrase_backend.last_path == "sets"
        slow = phrase_backend.search_collector(q, filters, limit)
        assert fast.total == slow.total and fast.total > 0
        assert [(h.passage_id, h.score, h.matched) for h in fast.hits] == \
            [(h.passage_id, h.score, h.matched) for h in slow.hits]
    assert len(ref) > 300
    if len(words) == 6:  # the sentences above take every way
        assert True in seen and [] in seen and any(isinstance(x, list) and x for x in seen)
    phrase_backend._drop_searcher()


def test_pair_lists_of_the_same_bytes_are_taken_as_one(phrase_backend):
    """Pairs whose postings are byte for byte alike have the same documents; others do not."""
    files = phrase_backend._read()
    pf = files.field("pairs")
    for seg in files.segments:
        def pair(a, b, seg=seg):
            return seg.term("pairs", pf.to_bytes(analysis.pair_term(a, b)))

        further, update, the = pair("further", "updat"), pair("updat", "at"), pair("the", "board")
        assert further.same_postings(further)
        assert further.same_postings(update) == (further.ids() == update.ids())
        assert further.same_postings(update)  # "further update at" only ever together here
        assert not further.same_postings(the) and further.ids() != the.ids()


def test_block_headers_read_from_bytes_are_the_pickles():
    """A block header's count, last id and compression read from its bytes are its pickle's;
    a header laid out otherwise (here an int weight) is left to the unpickler."""
    from pickle import dumps

    for info in [(128, 355, 3.0, 3, 22, 53), (5, 70_000, 1.0, 0, 1, 255), (1, 2**31 - 1, 2.5, 3, 0, 0),
                 (128, 256, 3.0, 3, 22, 53), (100, 40_000, 7.0, 1, 300, 2)]:
        raw = dumps(info, 2)
        m = whoosh_eval._BLOCK_INFO.match(raw + b"\x78\x9c")
        assert m is not None and m.end() == len(raw)
        assert [whoosh_eval._pint(m[g]) for g in (1, 2, 3)] == [info[0], info[1], info[3]]
    assert whoosh_eval._BLOCK_INFO.match(dumps((128, 355, 3, 3, 22, 53), 2)) is None  # an int weight
