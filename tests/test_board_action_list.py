"""A residents' association board's minutes as an office suite exports them (round bullets, a
roll of labelled points under "Attendees"), closing on the board's list of required actions,
each a task with its owners after a dash. Every name and body here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract.prose_actions import attendance
from ingest.pipeline import extract_file

MINUTES = """Pine Hollow Ranch Board Minutes
Status: Approved

Date: Mar 27, 2025

Time: 4:30 PM

Location: Zoom

Attendees
   ● Board Members: Dana Holt, Kofi Tembo, Priya Ashworth, Robin Vale
   ● Members Absent: Ewan Lindqvist
   ● Guest: Marta Okonjo
   ● Staff: Nia Pryce

Treasurer's Report
   ● The operating account stands at $41,200 after the spring assessments.
   ● Three assessments are outstanding – letters have gone out.

Old Business
   ● Road grading – the contractor will start after the thaw.

Required Board Actions
   ● Begin planning the budget for 2026 – 2027 – Robin, Committee Chairs, and Board
   ● Get budget summaries to Committee Chairs – Robin
   ● Firewise meetings planned – Committee Chair
   ● Great Meadow, Current Need – Approved
   ● Host a transition Board meeting

Adjournment
   ● The next meeting is scheduled via Zoom for Thursday, April 24, 2025 at 4:30pm.
"""


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("board") / "minutes-c.txt"
    path.write_text(MINUTES, encoding="utf-8")
    result = extract_file(str(path))
    assert result.error is None
    [doc] = result.documents
    return doc


def test_a_roll_of_labelled_points_lists_every_name(minutes) -> None:
    people = attendance(minutes.text)
    for name in ("dana holt", "kofi tembo", "priya ashworth", "robin vale", "ewan lindqvist", "marta okonjo",
                 "nia pryce"):
        assert name in people.names, sorted(people.names)
    assert "board members dana holt" not in people.names


def test_required_board_actions_are_tasks_with_their_owners_after_the_dash(minutes) -> None:
    by_text = {a.text: a.owners for a in minutes.actions}
    assert by_text.get("Begin planning the budget for 2026 – 2027") == ["Robin", "Committee Chairs", "Board"]
    assert by_text.get("Get budget summaries to Committee Chairs") == ["Robin"]
    assert by_text.get("Firewise meetings planned") == ["Committee Chair"]


def test_a_point_of_the_list_naming_nobody_is_a_task_and_the_list_ends_with_its_points(minutes) -> None:
    by_text = {a.text: a.owners for a in minutes.actions}
    assert by_text.get("Host a transition Board meeting") == []
    assert not any("next meeting is scheduled" in t for t in by_text)  # under "Adjournment"


def test_a_dash_outside_the_list_or_before_an_outcome_names_no_owner(minutes) -> None:
    texts = " | ".join(a.text for a in minutes.actions)
    assert not any("Approved" in a.owners for a in minutes.actions)  # what became of it, not who acts
    assert "Three assessments are outstanding" not in texts
