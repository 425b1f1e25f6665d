"""The phrase evaluator's C-level shortcuts (index/engine/whoosh_eval.py) held to the plain
computations they replace: the once-only masks and their plan groups, the check that each value
record ends where its length says (BINPUT and LONG_BINPUT memo puts: a block of 128 values
passes memo 255), inflating a block without its checksum, and scores computed once per
(weights, length). Then phrases over generated meeting passages, blocks of 128 postings with
words once and several times, answered as a plain word-by-word scan of the analysed tokens
finds them, with Whoosh's own scores. No timings here (bench/run.py measures)."""

from __future__ import annotations

import random
from itertools import groupby

import pytest
from whoosh.formats import Positions

from index.engine import analysis, whoosh_eval
from index.engine.backend import Filters, PassageRecord, Phrase
from index.engine.whoosh_backend import WhooshBackend


def _plain_groups(n: int, weights: list[list], dfs: tuple[int, ...]) -> tuple[list[int], dict]:
    """`_plan_groups` as the evaluator did it before: masks in Python, sorted and grouped."""
    masks = [sum(1 << k for k in range(n) if row[k] == 1.0) for row in zip(*weights, strict=True)]
    keep: list[int] = []
    groups: dict = {}
    for mask, idxs in groupby(sorted(range(len(masks)), key=masks.__getitem__), key=masks.__getitem__):
        plan = whoosh_eval._plan(n, mask, dfs)
        if plan is None:
            keep += idxs
        else:
            groups.setdefault(plan, []).extend(idxs)
    return sorted(keep), {plan: sorted(idxs) for plan, idxs in groups.items()}


@pytest.mark.parametrize("n", [2, 3, 5, 8, 9])
def test_once_masks_and_plan_groups_are_the_plain_ones(n):
    rng = random.Random(n)
    count = 500
    weights = [[rng.choice([1.0, 1.0, 2.0, 3.0, 1, None]) for _ in range(count)] for _ in range(n)]
    dfs = tuple(rng.randint(600, 900) for _ in range(n))
    masks = whoosh_eval._once_masks(weights, count)
    if n > 8:
        assert masks is None
    else:
        assert list(masks) == whoosh_eval._mask_builder(n)(weights)
    assert whoosh_eval._plan_groups(n, weights, count, dfs) == _plain_groups(n, weights, dfs)
    # without the pairs no word is known to occur once: one group, every word
    assert whoosh_eval._plan_groups(n, None, count, dfs) == ([], {((), tuple(range(n))): list(range(count))})


def _block_records(values: list[bytes]) -> list[bytes]:
    """A block's value records as whoosh3 pickles them and `_value_pieces` cuts them."""
    from pickle import dumps

    data = dumps((tuple(range(len(values))), None, tuple(values)), 2)
    pieces = whoosh_eval._value_pieces(data, len(values))
    assert pieces is not None
    return pieces


def test_record_ends_are_checked_as_the_regex_checks_them():
    rng = random.Random(7)
    values = [Positions().encode(sorted(rng.sample(range(400), rng.randint(1, 6)))) for _ in range(128)]
    pieces = _block_records(values)
    ends = [int.from_bytes(x[:4], "little") + 4 for x in pieces]
    puts = {x[e] for x, e in zip(pieces, ends, strict=True)}
    assert puts == {ord("q"), ord("r")}  # memo puts past 255 are LONG_BINPUT
    assert whoosh_eval._records_end(pieces, ends)
    for _ in range(300):  # a length wrong by a little or a lot: refused exactly when the regex refuses
        moved = list(ends)
        i = rng.randrange(len(moved))
        moved[i] += rng.choice([-3, -1, 1, 2, 3, 5, 400])
        assert whoosh_eval._records_end(pieces, moved) == all(map(whoosh_eval._RECORD_END.match, pieces, moved))
    assert [list(p) for p in whoosh_eval._piece_positions(pieces)] == [
        list(whoosh_eval.positions(v)) for v in values]


WORDS = ["further", "update", "at", "the", "next", "meeting", "board", "report", "noted", "and"]
PHRASES = ["further update at the next meeting", "update at the next", "the next meeting", "at the next",
           "the the", "next meeting and the board", "meeting at the next meeting", "report noted"]


def _text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 40))]
    for _ in range(rng.randint(0, 2)):  # planted whole phrases, sometimes twice
        at = rng.randint(0, len(words))
        words[at:at] = rng.choice(PHRASES).split()
    return " ".join(words)


@pytest.fixture(scope="module")
def meetings(tmp_path_factory):
    rng = random.Random(20)
    texts = [_text(rng) for _ in range(900)]
    b = WhooshBackend(str(tmp_path_factory.mktemp("phrases") / "whoosh"), create=True)
    b.add_passages(PassageRecord(passage_id=f"m{i:04d}-p1", doc_id=f"m{i:04d}", text=t, recs=[], year=2016,
                                 date="2016-02-18", doc_type="minutes", group="", has_redaction=False, dup_key="")
                   for i, t in enumerate(texts))
    b.commit()
    yield b, texts
    b.close()


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrases_are_the_word_by_word_scan_with_whoosh_s_scores(meetings, phrase):
    b, texts = meetings
    words = analysis.terms(phrase)
    expected = set()
    for i, t in enumerate(texts):
        toks = analysis.terms(t)
        if any(toks[s:s + len(words)] == words for s in range(len(toks) - len(words) + 1)):
            expected.add(f"m{i:04d}-p1")
    found = b.search(Phrase(phrase), Filters(), None)
    assert b.last_path == "sets"  # answered by the evaluator, not handed to Whoosh
    assert {h.passage_id for h in found.hits} == expected and found.total == len(expected)
    assert expected  # every phrase is planted
    ref = b.search_collector(Phrase(phrase), Filters(), None)
    assert [(h.passage_id, round(h.score, 9)) for h in found.hits] == [
        (h.passage_id, round(h.score, 9)) for h in ref.hits]
