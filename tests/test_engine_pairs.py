"""The `pairs` field (adjacent token pairs) that finds phrase candidates: it holds exactly the
two-word phrases of the text field, redaction markers included, and a longer phrase whose
pairs are all present but not in one run is still not a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from whoosh import query as wq

from index.engine import analysis
from index.engine.backend import Filters, PassageRecord, Phrase
from index.engine.whoosh_backend import WhooshBackend

SEED = Path(__file__).resolve().parent.parent / "corpus" / ".seed" / "mappa_foi_release.txt"


def _record(pid: str, text: str) -> PassageRecord:
    return PassageRecord(passage_id=pid, doc_id=pid.split("-p")[0], text=text, recs=[], year=2016,
                         date="2016-02-18", doc_type="minutes", group="", has_redaction="[REDACTED]" in text,
                         dup_key="")


@pytest.fixture(scope="module")
def seed_backend(tmp_path_factory):
    paras = [p.strip() for p in re.split(r"\n\s*\n", SEED.read_text(encoding="utf-8")) if p.strip()]
    b = WhooshBackend(str(tmp_path_factory.mktemp("pairs") / "whoosh"), create=True)
    b.add_passages(_record(f"seed-{i // 20:03d}-p{i:04d}", p) for i, p in enumerate(paras))
    b.commit()
    yield b, paras
    b.close()


def test_pairs_are_adjacent_analysed_tokens_with_the_redaction_token():
    text = "Recommendation 7: vetting of [REDACTED - s.40(2)] staff"
    toks = analysis.terms(text)
    found = analysis.pairs(text)
    assert found == [analysis.pair_term(a, b) for a, b in zip(toks, toks[1:], strict=False)]
    assert analysis.pair_term("recommend", "7") in found
    assert analysis.pair_term(analysis.REDACTION_TOKEN, toks[-1]) in found
    assert analysis.pairs("vetting") == []
    # The separator keeps "a_b c" and "a b_c" apart (an underscore would merge them).
    assert set(analysis.pairs("file_name x")).isdisjoint(analysis.pairs("file name_x"))


def test_pair_term_finds_exactly_the_two_word_phrase_on_the_seed(seed_backend):
    backend, paras = seed_backend
    searcher = backend._s()
    # Every adjacent pair of a sample of real paragraphs, common and rare ones alike.
    pairs = sorted({tuple(p.split(analysis.PAIR_SEPARATOR)) for para in paras[::7] for p in analysis.pairs(para)})
    assert len(pairs) > 200
    for a, b in pairs[::5]:
        by_pair = set(searcher.docs_for_query(wq.Term("pairs", analysis.pair_term(a, b))))
        by_positions = set(searcher.docs_for_query(wq.Phrase("text", [a, b])))
        assert by_pair == by_positions, (a, b)
        assert by_pair


def test_longer_phrase_keeps_the_position_check(tmp_path):
    b = WhooshBackend(str(tmp_path / "whoosh"), create=True)
    b.add_passages([
        _record("d1-p1", "The summer recess review was postponed; the recess review ended."),
        _record("d2-p1", "After the summer recess the review was postponed."),
        _record("d3-p1", "The summer recess review was held in June."),
    ])
    b.commit()
    try:
        # d2 holds "summer recess" but not "recess review": the pair lookup drops it.
        hits = b.search(Phrase("summer recess review"), Filters(), None)
        assert sorted(h.passage_id for h in hits.hits) == ["d1-p1", "d3-p1"]
        # d4 holds both pairs of "summer recess ended" ("summer recess", "recess ended") but
        # never the three words in one run: pair-AND alone would wrongly match it.
        b.add_passages([_record("d4-p1", "Summer recess. Recess ended early; summer recess again.")])
        b.commit()
        hits = b.search(Phrase("summer recess ended"), Filters(), None)
        assert [h.passage_id for h in hits.hits] == []
        ref = b.search_collector(Phrase("summer recess ended"), Filters(), None)
        assert ref.total == 0
        hits = b.search(Phrase("recess ended early"), Filters(), None)
        assert [h.passage_id for h in hits.hits] == ["d4-p1"]
    finally:
        b.close()
