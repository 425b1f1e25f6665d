"""Action tracing on the seed release against the hand-made `traces` (floors: 0.8 / 0.8)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "corpus" / ".seed" / "mappa_foi_release.txt"


@pytest.fixture(scope="module")
def seed_traces(gold):
    from index.trace import trace_documents
    from index.trace.score import actions_from_gold
    from ingest.pipeline import extract_file

    docs = extract_file(str(SEED)).documents
    if not any(d.actions for d in docs):  # extraction stage absent: place the gold actions
        actions_from_gold(docs, gold["actions"])
    return trace_documents(docs)


def test_link_precision_and_recall_floors(seed_traces, gold):
    from index.trace.score import score_traces

    score = score_traces(seed_traces, gold)
    assert not score.unmatched_actions
    assert score.total.precision >= 0.8, "\n".join(score.extras)
    assert score.total.recall >= 0.8, "\n".join(score.misses)


def test_workshop_action_runs_to_completion(seed_traces):
    from index.trace.score import _match_action

    trace = _match_action("ACTION SGCSU to organise separate workshop relative to recommendation 9", seed_traces)
    relations = [(link.date, link.relation) for link in trace.chain]
    assert ("2016-02-18", "same_action_other_source") in relations
    assert ("2016-02-24", "progress_update") in relations  # "I will contact you ... proposals to hold"
    assert trace.status == "completed"
    assert trace.status_link.date == "2016-05-03" and "held a workshop" in trace.status_link.unit.text


def test_reworded_follow_up_found_through_the_discussion(seed_traces):
    """'liaise with Edinburgh' comes back as 'Edinburgh City Council Chief Executive took the decision'."""
    from index.trace.score import _match_action

    trace = _match_action(
        "Action 3 – █ to liaise with Edinburgh to ascertain background and process in order that this can be "
        "shared and disseminated.", seed_traces)
    assert any("took the decision" in link.unit.text and link.relation == "progress_update" for link in trace.chain)
    assert trace.status == "in_progress"


def test_query_finds_the_action(gold):
    from index.trace import Tracer, find_actions
    from ingest.pipeline import extract_file

    docs = extract_file(str(SEED)).documents
    if not any(d.actions for d in docs):
        from index.trace.score import actions_from_gold

        actions_from_gold(docs, gold["actions"])
    found = find_actions(Tracer(docs), "workshop recommendation 9")
    assert found and "workshop" in found[0].text.lower() and 9 in found[0].recommendations


def test_floors_on_the_built_corpus(gold):
    """The same release as separate files, copies and a bundle (corpus/, built by corpus/build_corpus.py)."""
    from index.trace import trace_documents
    from index.trace.score import score_traces
    from ingest.pipeline import extract_path

    corpus = SEED.parent.parent
    if not any(p.suffix in (".pdf", ".docx", ".eml") for p in corpus.iterdir()):
        pytest.skip("corpus/ not built")
    docs = extract_path(str(corpus))
    if not any(d.actions for d in docs):
        pytest.skip("extraction stage gives no actions")
    score = score_traces(trace_documents(docs), gold)
    assert score.total.precision >= 0.8, "\n".join(score.extras)
    assert score.total.recall >= 0.8, "\n".join(score.misses)
