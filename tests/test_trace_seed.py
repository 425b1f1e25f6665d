"""Action tracing on the seed release against its hand-made `traces` (actions from extraction only)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "corpus" / ".seed" / "mappa_foi_release.txt"


@pytest.fixture(scope="module")
def seed_traces(seed_docs):
    from index.trace import select_traces

    assert any(d.actions for d in seed_docs), "extraction finds the seed's actions"
    return select_traces(seed_docs, every=True)


def _trace(traces, quote):
    from index.trace.score import match_action

    trace = match_action(quote, None, traces)
    assert trace is not None, f"no action found for {quote!r}"
    return trace


def test_recall_precision_floors(seed_traces, gold):
    from index.trace.score import score_set

    score = score_set("seed", seed_traces, gold)
    assert not score.unmatched_actions
    assert score.precision >= 0.9, "\n".join(score.extras)
    assert score.recall >= 0.8, "\n".join(score.misses)


def test_workshop_action_followed_to_the_workshop(seed_traces):
    trace = _trace(seed_traces, "ACTION SGCSU to organise separate workshop relative to recommendation 9")
    dates = [link["date"] for link in trace["chain"]]
    assert "2016-02-24" in dates  # "proposals to hold a separate workshop"
    assert "2016-05-03" in dates  # the workshop's own note
    assert ("2016-02-18", "same_action_other_source") in [(link["date"], link["relation"]) for link in trace["chain"]]
    assert trace["status"] == "completed"  # the workshop's note reports it held
    for link in trace["chain"]:
        assert link["reason"] in ("same_meeting", "number", "relisted", "matters_arising", "owner", "topic")


def test_reworded_follow_up_found_through_the_discussion(seed_traces):
    """'liaise with Edinburgh' comes back as 'Edinburgh City Council Chief Executive took the decision'."""
    trace = _trace(seed_traces, "Action 3 – █ to liaise with Edinburgh to ascertain background and process in "
                                "order that this can be shared and disseminated.")
    assert any("took the decision" in link["text"] for link in trace["chain"])


def test_query_words_trace_the_best_matching_action(seed_docs):
    from index.trace import trace_from_documents

    traces = trace_from_documents(seed_docs, "workshop recommendation 9", None, False)
    assert len(traces) == 1
    action = traces[0]["action"]
    assert "workshop" in action["text"].lower() and 9 in action["recommendations"]
