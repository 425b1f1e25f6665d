"""Tracing where follow-ups share little but the topic: a small invented series of a friends'
group (tests/fixtures/trace_topic, three meetings in text form). Links by reference ("Action
3/22"), by a matters-arising lead-in with the owner ("Bandstand – JT reported ..."), by a
review-of-actions table with status words ("Done", "Ongoing"), and by the subject alone
("The new advisory panel held its first meeting")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "trace_topic"


@pytest.fixture(scope="module")
def docs():
    from ingest.pipeline import extract_path

    found = extract_path(str(FIXTURE))
    assert sum(len(d.actions) for d in found) >= 4, "extraction finds the first meeting's actions"
    return found


@pytest.fixture(scope="module")
def traces(docs):
    from index.trace import select_traces

    return select_traces(docs, every=True)


def _trace(traces, words):
    found = [t for t in traces if words in t["action"]["text"] and t["action"]["meeting_date"] == "2022-02-10"]
    assert found, f"no action with {words!r}"
    return found[0]


def test_papers_without_a_group_form_one_series_by_folder(docs):
    from index.trace import series_listing

    listing = series_listing(docs)
    assert len(listing) == 1
    assert [d["date"] for d in listing[0]["documents"]] == ["2022-02-10", "2022-04-14", "2022-06-09"]


def test_reference_links_carried_forward_then_done(traces):
    trace = _trace(traces, "volunteering policy")
    chain = [(link["date"], link["relation"], link["reason"]) for link in trace["chain"]]
    assert ("2022-04-14", "carried_forward", "number") in chain
    assert ("2022-06-09", "completed", "number") in chain  # the review table's "Done"
    assert trace["status"] == "completed"


def test_matters_arising_lead_in_with_owner(traces):
    trace = _trace(traces, "repainting the bandstand")
    first = trace["chain"][0]
    assert first["date"] == "2022-04-14" and first["text"].startswith("Bandstand")
    assert first["reason"] == "matters_arising" and first["relation"] == "progress_update"
    assert trace["status"] == "in_progress"  # the June table says "Ongoing"


def test_status_words_say_completed(traces):
    trace = _trace(traces, "church hall")
    assert [link["relation"] for link in trace["chain"]] == ["completed"]
    assert "booked" in trace["chain"][0]["text"]


def test_same_subject_in_other_words(traces):
    trace = _trace(traces, "advisory panel")
    assert any("held its first meeting" in link["text"] and link["reason"] == "topic" for link in trace["chain"])
    # the dog bins and the treasurer's balance share nothing with it
    assert not any("bins" in link["text"] or "balance" in link["text"] for link in trace["chain"])


def test_every_link_has_a_reason_and_evidence(traces):
    from index.trace import REASONS, RELATIONS

    for trace in traces:
        for link in trace["chain"]:
            assert link["reason"] in REASONS and link["relation"] in RELATIONS
            assert isinstance(link["evidence"], list)


def test_cli_series_query_html_and_open(tmp_path):
    from click.testing import CliRunner

    from search_cli.main import cli

    runner = CliRunner()
    index = str(tmp_path / "ix")
    assert runner.invoke(cli, ["--index", index, "ingest", str(FIXTURE)]).exit_code in (0, 1)
    series = runner.invoke(cli, ["--index", index, "series", "--json"])
    assert series.exit_code == 0, series.output
    data = json.loads(series.output)
    assert data["schema"] == 1 and len(data["series"]) == 1
    assert set(data["series"][0]["documents"][0]) >= {"doc_id", "date", "doc_type"}

    by_words = runner.invoke(cli, ["--index", index, "trace", "bandstand quotes", "--json"])
    assert by_words.exit_code == 0, by_words.output
    (trace,) = json.loads(by_words.output)["traces"]
    assert "bandstand" in trace["action"]["text"]

    page = tmp_path / "t.html"
    out = runner.invoke(cli, ["--index", index, "trace", trace["action"]["action_id"], "--html", str(page)])
    assert out.exit_code == 0, out.output
    html = page.read_text(encoding="utf-8")
    assert "<mark>" in html and "Bandstand" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html  # readable offline

    opened = runner.invoke(cli, ["--index", index, "actions", "--open", "--json"])
    assert opened.exit_code == 0, opened.output
    texts = [a["text"] for a in json.loads(opened.output)["actions"]]
    assert any("bandstand" in t for t in texts)
    assert not any("church hall" in t for t in texts)


def test_timeline_page_escapes_text():
    from index.trace.html import timeline_html

    link = {"date": "2022-04-14", "title": "Minutes", "source": "m.txt", "location": "2", "relation": "completed",
            "reason": "topic", "score": 0.9, "text": "<script>alert(1)</script> & the panel", "evidence": ["panel"]}
    action = {"text": "Set up a <b>panel</b>", "meeting_group": "G", "meeting_date": "2022-02-10", "owners": ["A&B"],
              "source": "m.txt", "location": "1", "action_id": "x-a01"}
    html = timeline_html({"action": action, "status": "completed", "chain": [link]})
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;panel&lt;/b&gt;" in html and "<mark>panel</mark>" in html and "A&amp;B" in html
