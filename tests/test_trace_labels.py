"""What a follow-up says became of an action, in the forms minute-takers write: a review-of-
actions block whose line naming the action says "ongoing" while another line says "closed"; a
meeting that decides what it was asked to consider; members who attended what they agreed to
attend. Two invented meetings of a club, written as text files by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

FIRST = """HARBOUR ROWING CLUB

COMMITTEE MEETING

MINUTES OF MEETING – THURSDAY 12 January 2023

Present: AB (Chair), CD, EF, GH

1. Boathouse lease

The landlord has sent a revised lease for the boathouse with a new break clause.

ACTION 07-01: CD to consider the revised boathouse lease and its break clause.

2. Junior section

ACTION 07-02: GH to review the junior coaching safeguarding rota.

3. Regional forum

EF and GH agreed to attend the regional rowing forum in Exeter on 3 March.

4. Lottery grant

ACTION: Committee to consider the lottery grant application for new oars at the next meeting.

5. Date of next meeting

Thursday 9 March 2023.
"""

SECOND = """HARBOUR ROWING CLUB

COMMITTEE MEETING

MINUTES OF MEETING – THURSDAY 9 March 2023

Present: AB (Chair), CD, EF, GH

1. Review of actions

Insurance complaint was discussed, and matter closed
07-01, 07-02 action points ongoing
Insurance complaint closed

2. Regional forum

EF and GH attended the regional rowing forum in Exeter and found it useful.

3. Lottery grant

The committee discussed the lottery grant application for new oars and approved it for submission in April.

4. Boathouse lease break clause

The solicitor's advice on the revised boathouse lease is awaited.

5. Date of next meeting

Thursday 11 May 2023.
"""


@pytest.fixture(scope="module")
def traces(tmp_path_factory):
    from index.trace import select_traces
    from ingest.pipeline import extract_path

    folder: Path = tmp_path_factory.mktemp("club")
    (folder / "2023-01-12_rowing_club_minutes.txt").write_text(FIRST, encoding="utf-8")
    (folder / "2023-03-09_rowing_club_minutes.txt").write_text(SECOND, encoding="utf-8")
    return select_traces(extract_path(str(folder)), every=True)


def _links(traces, words: str) -> list[tuple[str, str, str]]:
    found = [t for t in traces if words in t["action"]["text"]]
    assert found, f"no action with {words!r}"
    return [(link["relation"], link["reason"], link["text"]) for link in found[0]["chain"]]


def test_action_reference_is_not_part_of_its_words(traces):
    action = next(t["action"] for t in traces if "boathouse lease" in t["action"]["text"])
    assert action["text"].startswith("CD to consider")
    assert action["owners"] == ["CD"]


@pytest.mark.parametrize("words", ["revised boathouse lease", "junior coaching"])
def test_status_is_read_from_the_line_that_names_the_action(traces, words):
    by_number = [(r, text) for r, why, text in _links(traces, words) if why == "number"]
    assert [r for r, _ in by_number] == ["progress_update"]
    assert "ongoing" in by_number[0][1] and "closed" in by_number[0][1]  # the whole block is shown


def test_a_link_by_reference_stays_beside_a_stronger_topic_link_of_its_paper(traces):
    reasons = [why for _, why, _ in _links(traces, "revised boathouse lease")]
    assert "number" in reasons and "topic" in reasons


def test_a_decision_completes_an_action_to_consider(traces):
    links = _links(traces, "lottery grant")
    assert [r for r, _, text in links if "approved it" in text] == ["completed"]


def test_attended_completes_an_agreement_to_attend(traces):
    links = _links(traces, "regional rowing forum")
    assert [r for r, _, text in links if "attended" in text] == ["completed"]
