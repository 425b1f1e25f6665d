"""Action tracing on a three-meeting series of another body (tests/fixtures/series).

Riverside Borough Council's housing committee, January–May 2023: actions are reworded between
meetings, one is completed, one is carried forward twice, one is dropped. The expected chains
are in the folder's gold.json (the seed's gold shape). Actions come from extraction only.
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
def series_docs():
    from ingest.pipeline import extract_path

    docs = extract_path(str(SERIES))
    assert len({d.date for d in docs if d.date}) == 3, "three meetings"
    assert any(d.actions for d in docs), "extraction finds the actions"
    return docs


@pytest.fixture(scope="module")
def series_traces(series_docs):
    from index.trace import select_traces

    return select_traces(series_docs, every=True)


def _trace(traces, quote):
    from index.trace.score import match_action

    trace = match_action(quote, None, traces)
    assert trace is not None, f"no action found for {quote!r}"
    return trace


def test_one_series_of_three_meetings(series_docs):
    from index.trace import series_listing

    listing = series_listing(series_docs)
    assert len(listing) == 1
    dates = [d["date"] for d in listing[0]["documents"]]
    assert dates == sorted(dates) and len(set(dates)) == 3


def test_series_links(series_traces, series_gold):
    from index.trace.score import score_set

    score = score_set("series", series_traces, series_gold)
    assert score.gold == 9
    assert score.precision >= 0.9, score.extras
    # Known misses (issue 18 notes): two of nine (a minutes sentence that reports the same thing
    # as a re-listed log row of the same date; the May log's full rewording of the damp and
    # mould review). 7 of 9 found since the nearest meetings weigh more (DISTANCE_DECAY).
    assert score.recall >= 0.75, score.misses


def test_carried_forward_across_reworded_entries(series_traces, series_gold):
    trace = _trace(series_traces, series_gold["traces"][1]["action_quote"])
    assert trace["status"] == "carried_forward"
    carried = [link for link in trace["chain"] if link["relation"] == "carried_forward"]
    assert {link["date"] for link in carried} >= {"2023-03-09"}  # the May re-wording is not found yet
    assert [link["date"] for link in trace["chain"]] == sorted(link["date"] for link in trace["chain"])


def test_dropped_action_has_no_chain(series_traces, series_gold):
    # "The annual review of garage rents was noted." shares a word with it and must not count
    trace = _trace(series_traces, series_gold["traces"][3]["action_quote"])
    assert trace["chain"] == []
    assert trace["status"] == "open"


def test_completed_is_not_claimed_by_a_promise():
    """'will be circulated' promises; 'was circulated' reports; a condition is not a report."""
    from index.trace.cues import DELIVERED_RE, past, says_done

    assert past("The leaflet was circulated to members on 20 January.", DELIVERED_RE)
    assert past("I also enclose the ViSOR leaflet.", DELIVERED_RE)
    assert not past("The leaflet will be circulated once printed.", DELIVERED_RE)
    assert not past("Please find attached the agenda.", DELIVERED_RE)
    assert says_done("The policy has been completed.")
    assert not says_done("Recruitment will start once the new structure has been completed.")


def test_action_statuses_for_the_actions_command(series_docs):
    from index.trace import STATUSES, action_statuses

    statuses = action_statuses(series_docs)
    assert set(statuses.values()) <= set(STATUSES)
    assert set(statuses) == {a.action_id for d in series_docs for a in d.actions}
    assert "open" in statuses.values() and "completed" in statuses.values()


def test_acronym_and_spelled_out_name_are_one_concept():
    from index.trace.text import concept_match, concepts, content_stems, learn_acronyms

    acr = learn_acronyms(["The Scottish Federation of Housing Associations (SFHA) wrote.", "SFHA letter"])
    spelled = concepts("Circulate the Scottish Federation of Housing Associations letter", acr)
    short = set(content_stems("copy of the SFHA letter", acr))
    assert [c.stem for c in spelled] == ["sfha", "letter"]
    assert all(concept_match(c, short) == 1.0 for c in spelled)
    (abbr,) = [c for c in concepts("SFHA", acr)]
    assert concept_match(abbr, set(content_stems("Scottish Federation of Housing Associations", acr))) == 1.0


def test_cli_trace_json_and_timeline(tmp_path):
    from click.testing import CliRunner

    from search_cli.main import cli

    runner = CliRunner()
    out = runner.invoke(cli, ["--index", str(tmp_path / "none"), "trace", "damp mould review",
                              "--from", str(SERIES), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["schema"] == 1 and len(data["traces"]) == 1
    first = data["traces"][0]
    assert "damp and mould" in first["action"]["text"]
    for link in first["chain"]:
        assert set(link) >= {"doc_id", "source", "date", "page", "location", "text", "relation", "score", "reason"}
        assert link["relation"] in ("same_action_other_source", "progress_update", "completed", "carried_forward",
                                    "same_topic")
    text = runner.invoke(cli, ["trace", "--all", "--from", str(SERIES)])
    assert text.exit_code == 0
    assert "carried forward" in text.output and " · " in text.output


def test_cli_trace_usage_errors():
    from click.testing import CliRunner

    from search_cli.main import cli

    runner = CliRunner()
    both = runner.invoke(cli, ["trace", "X", "--all", "--from", str(SERIES)])
    assert both.exit_code == 2
    missing = runner.invoke(cli, ["trace", "--query", "zzzz qqqq", "--from", str(SERIES)])
    # nothing matched: an empty answer, exit 0 as for search (docs/cli.md, one exit-code rule)
    assert missing.exit_code == 0 and "No action matches" in missing.output and "zzzz" in missing.output
    assert "Traceback" not in missing.output


def test_an_unnamed_paper_joins_the_one_group_of_its_folder(tmp_path):
    from index.trace import series_listing
    from ingest.pipeline import extract_path

    named = "# Steering Committee meeting {}\n\n### Attending\n\nDana Ortiz\n\n## Budget\n\nThe accounts were noted.\n"
    (tmp_path / "minutes-2015-02-12.md").write_text(named.format("2015-02-12"), encoding="utf-8")
    (tmp_path / "minutes-2015-02-26.md").write_text(named.format("2015-02-26"), encoding="utf-8")
    # this one has only "Minutes" over it: no group is read from it
    (tmp_path / "minutes-2015-02-19.md").write_text(
        "## Minutes\n\n### Attending\n\nDana Ortiz\n\n## Budget\n\nThe budget was approved.\n", encoding="utf-8")
    docs = extract_path(str(tmp_path))
    assert [d.group for d in docs if d.source.endswith("02-19.md")] == [None]
    listing = series_listing(docs)
    assert len(listing) == 1 and len(listing[0]["documents"]) == 3, listing
