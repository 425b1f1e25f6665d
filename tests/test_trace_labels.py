"""What a follow-up says became of an action, in the forms minute-takers write: a review-of-
actions block whose line naming the action says "ongoing" while another line says "closed"; a
meeting that decides what it was asked to consider; members who attended what they agreed to
attend. Two invented meetings of a club, written as text files by the test."""

from __future__ import annotations

import pytest
from trace_fixtures import traced

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
    return traced(tmp_path_factory.mktemp("club"), {"2023-01-12_rowing_club_minutes.txt": FIRST,
                                                      "2023-03-09_rowing_club_minutes.txt": SECOND})


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


# The "Owner: task" form with a "Status:" line under it, re-listed at the next meeting (the
# form of many boards' action-item reviews).
BOARD_JANUARY = """EXAMPLE FOUNDATION

Board of Directors Meeting Minutes

17 January 2024

1. Call to order

The meeting was called to order at 10:00.

2. Action Items

    * Kim: draft the travel policy for volunteers

    * Lee: ask the conference venue for a catering quote

    * Max: contact the auditors about the year-end timetable

3. Adjournment

Adjourned at 11:00.
"""

BOARD_FEBRUARY = """EXAMPLE FOUNDATION

Board of Directors Meeting Minutes

21 February 2024

1. Call to order

The meeting was called to order at 10:00.

2. Review Outstanding Action Items

    * Kim: draft the travel policy for volunteers
          Status: still drafting; a first version will go to the
          board in March

    * Lee: ask the conference venue for a catering quote
          Status: quote received and accepted

    * Max: contact the auditors about the year-end timetable
          Status:

3. Adjournment

Adjourned at 11:00.
"""


@pytest.fixture(scope="module")
def board_traces(tmp_path_factory):
    papers = {"2024-01-17_foundation_board_minutes.txt": BOARD_JANUARY,
              "2024-02-21_foundation_board_minutes.txt": BOARD_FEBRUARY}
    return [t for t in traced(tmp_path_factory.mktemp("board"), papers)
            if t["action"]["meeting_date"] == "2024-01-17"]


def test_call_to_order_is_not_an_action(board_traces):
    assert not [t for t in board_traces if t["action"]["text"].lower().startswith("call to order")]


@pytest.mark.parametrize(("owner", "status_words", "relation"), [
    ("Kim", "still drafting", "progress_update"),
    ("Lee", "quote received and accepted", "completed"),
])
def test_a_relisted_action_shows_and_is_labelled_by_its_status_line(board_traces, owner, status_words, relation):
    trace = next(t for t in board_traces if t["action"]["text"].startswith(owner + ":"))
    assert [(link["relation"], status_words in link["text"]) for link in trace["chain"]] == [(relation, True)]


def test_a_relisted_action_with_an_empty_status_is_carried_forward(board_traces):
    trace = next(t for t in board_traces if t["action"]["text"].startswith("Max:"))
    assert [link["relation"] for link in trace["chain"]] == ["carried_forward"]


# Minutes written as numbered dialogue, each action a link to its tracker entry hanging under
# the reply of the one who took it on; re-listed at the next meeting under the new reply.
DIALOGUE_OCTOBER = """# Steering Committee

Date: 9 October 2017

5. Partners
    1. JT - Are you talking to the met institute about partnership?
    2. MD - It may be beneficial to do that. Yes, ok:
        - [Action-SC-2017-64 Speak to the met institute about the benefits of partnership](https://tracker.example/issues/325)
6. Any other business
    1. JT - Nothing else was raised.
"""

DIALOGUE_DECEMBER = """# Steering Committee

Date: 7 December 2017

4. Partners
    1. JT - Any others? MD, I think you were going to talk to the met institute?
        1. MD - Yes, but I haven't had the time; I will.
            - MD - [Action-SC-2017-64 Speak to the met institute about the benefits of partnership](https://tracker.example/issues/325)
5. Any other business
    1. JT - Nothing else was raised.
"""


def test_a_relisted_linked_action_shows_the_reply_it_hangs_under(tmp_path):
    traces = traced(tmp_path, {"2017-10-09-steering-committee.md": DIALOGUE_OCTOBER,
                               "2017-12-07-steering-committee.md": DIALOGUE_DECEMBER})
    first = next(t for t in traces if t["action"]["source"].endswith("2017-10-09-steering-committee.md"))
    assert first["action"]["owners"] == ["MD"]
    assert [(link["reason"], "haven't had the time" in link["text"]) for link in first["chain"]] == [("number", True)]


# An action review written line after line, the new actions between the old ones' statuses.
MARCH_LPC = """Northfield Pharmacy Committee

Minutes of the meeting held on 7 March 2018

3. Governance

ACTION 03-02: SC to send the governance template comments to SB before the July meeting.
"""

MAY_LPC = """Northfield Pharmacy Committee

Minutes of the meeting held on 2 May 2018

3. Open Action Points
All ongoing action points updated.
11-03 closed. Healthwatch to be invited to a committee meeting.
Action: 05-04 Invite Healthwatch to a committee meeting
03-02 closed. Governance position to be reviewed at the July meeting.
Action: 05-05 Governance position to be reviewed at the July meeting
"""


def test_a_status_line_after_another_actions_line_is_its_own_follow_up(tmp_path):
    traces = traced(tmp_path, {"2018-03-07-committee-minutes.txt": MARCH_LPC,
                               "2018-05-02-committee-minutes.txt": MAY_LPC})
    links = _links(traces, "governance template comments")
    assert [(relation, reason) for relation, reason, text in links if text.startswith("03-02 closed")] == [
        ("completed", "number")], links


def test_the_errands_own_verb_in_the_past_completes_it(tmp_path):
    from index.trace.cues import errand_done_re

    assert errand_done_re("JW: make contact with the county archivist").search("JW made contact with her")
    assert errand_done_re("Introduce the fees committee to the treasurer").search("It has been introduced")
    assert errand_done_re("Greg to set up a poll") is None  # "set" is its own past: no cue
    papers = {
        "minutes-2015-03-12.md": (
            "# Steering committee meeting 2015-03-12\n\n## Discussion\n\n"
            "The archive of the society's early papers needs a home.\n\n## Actions\n\n"
            "* JW: make contact with the county archivist about the society's early papers\n"),
        "minutes-2015-03-26.md": (
            "# Steering committee meeting 2015-03-26\n\n## Archive\n\n"
            "JW made contact with the county archivist; she will visit to see the early papers in May.\n"),
    }
    trace = next(t for t in traced(tmp_path, papers) if "archivist" in t["action"]["text"])
    links = [link for link in trace["chain"] if "made contact" in link["text"]]
    assert links and links[0]["relation"] == "completed", trace["chain"]
