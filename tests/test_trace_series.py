"""Action tracing on a three-meeting series of another body (tests/fixtures/series).

Riverside Borough Council's housing committee, January–May 2023: actions are reworded between
meetings, one is completed, one is carried forward twice, one is dropped. The expected chains
are in the folder's gold.json, in the same shape as the seed's gold.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SERIES = Path(__file__).resolve().parent / "fixtures" / "series"


@pytest.fixture(scope="module")
def series_gold() -> dict:
    return json.loads((SERIES / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def series_traces(series_gold):
    from index.trace import trace_documents
    from index.trace.score import actions_from_gold
    from ingest.pipeline import extract_path

    docs = extract_path(str(SERIES))
    assert len({d.date for d in docs if d.date}) == 3, "three meetings"
    if not any(d.actions for d in docs):  # extraction stage absent: place the actions by their text
        assert actions_from_gold(docs, series_gold["actions"]) == len(series_gold["actions"])
    return trace_documents(docs)


def _trace_for(traces, quote):
    from index.trace.score import _match_action

    trace = _match_action(quote, traces)
    assert trace is not None, f"no action found for {quote!r}"
    return trace


def test_series_links_score_full_marks(series_traces, series_gold):
    from index.trace.score import score_traces

    score = score_traces(series_traces, series_gold)
    assert score.total.gold == 9
    assert score.total.precision >= 0.9, score.extras
    assert score.total.recall >= 0.9, score.misses


@pytest.mark.parametrize("index", range(5))
def test_status_read_from_chain(series_traces, series_gold, index):
    g = series_gold["traces"][index]
    trace = _trace_for(series_traces, g["action_quote"])
    assert trace.status == g["expected_status"]
    if g["expected_status_date"]:
        assert trace.status_link is not None and trace.status_link.date == g["expected_status_date"]


def test_carried_forward_twice_across_reworded_entries(series_traces, series_gold):
    trace = _trace_for(series_traces, series_gold["traces"][1]["action_quote"])
    carried = [link for link in trace.chain if link.relation == "carried_forward"]
    assert {link.date for link in carried} == {"2023-03-09", "2023-05-11"}
    # the May log re-words the action completely ("Independent damp and mould complaints review (Eastfield)")
    assert any("Eastfield" in link.unit.text and link.unit.kind in ("action", "row") for link in carried)
    assert [link.date for link in trace.chain] == sorted(link.date for link in trace.chain)


def test_dropped_action_has_no_chain(series_traces, series_gold):
    # "The annual review of garage rents was noted." shares a word with it and must not count
    trace = _trace_for(series_traces, series_gold["traces"][3]["action_quote"])
    assert trace.chain == []
    assert trace.status == "open"


def test_completed_is_not_claimed_by_a_promise():
    """'will be circulated' promises; 'was circulated' reports."""
    from index.trace import _DELIVERED_RE, _past

    assert _past("The leaflet was circulated to members on 20 January.", _DELIVERED_RE)
    assert _past("I also enclose the ViSOR leaflet.", _DELIVERED_RE)
    assert not _past("The leaflet will be circulated once printed.", _DELIVERED_RE)
    assert not _past("Please find attached the agenda.", _DELIVERED_RE)


def test_action_statuses_for_the_actions_command(series_traces):
    from index.trace import STATUSES, action_statuses
    from ingest.pipeline import extract_path

    docs = extract_path(str(SERIES))
    statuses = action_statuses(docs)
    assert set(statuses.values()) <= set(STATUSES)
    if docs and any(d.actions for d in docs):
        assert set(statuses) == {a.action_id for d in docs for a in d.actions}
        assert "open" in statuses.values() and "completed" in statuses.values()


def test_acronym_and_spelled_out_name_are_one_concept():
    from index.trace.text import concept_match, concepts, content_stems, learn_acronyms

    acr = learn_acronyms(["The Scottish Federation of Housing Associations (SFHA) wrote.", "SFHA letter"])
    spelled = concepts("Circulate the Scottish Federation of Housing Associations letter", acr)
    short = set(content_stems("copy of the SFHA letter", acr))
    assert [c.stem for c in spelled] == ["sfha", "letter"]
    assert all(concept_match(c, short) == 1.0 for c in spelled)
    # and the other way: the acronym in the action, the name in the follow-up
    (abbr,) = [c for c in concepts("SFHA", acr)]
    assert concept_match(abbr, set(content_stems("Scottish Federation of Housing Associations", acr))) == 1.0


def test_cli_trace_json_and_timeline(tmp_path):
    from click.testing import CliRunner

    from search_cli.main import cli

    runner = CliRunner()
    out = runner.invoke(cli, ["--index", str(tmp_path / "none"), "trace", "--query", "damp mould review",
                              "--from", str(SERIES), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["schema"] == 1 and data["traces"]
    first = data["traces"][0]
    assert "damp and mould" in first["action"]["text"]
    assert first["status"] == "carried_forward"
    for link in first["chain"]:
        assert set(link) >= {"doc_id", "source", "date", "page", "location", "text", "relation", "score"}
        assert link["relation"] in ("same_action_other_source", "progress_update", "completed", "carried_forward")
    text = runner.invoke(cli, ["trace", "--all", "--from", str(SERIES)])
    assert text.exit_code == 0
    assert "carried forward" in text.output and " · " in text.output


def test_cli_trace_usage_errors(tmp_path):
    from click.testing import CliRunner

    from search_cli.main import cli

    runner = CliRunner()
    both = runner.invoke(cli, ["trace", "X", "--all", "--from", str(SERIES)])
    assert both.exit_code == 2
    missing = runner.invoke(cli, ["trace", "no-such-action", "--from", str(SERIES)])
    assert missing.exit_code == 2 and "no-such-action" in missing.output
    assert "Traceback" not in missing.output
