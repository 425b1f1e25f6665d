"""A town council's minutes written as a narrative in the present tense (an invented paper in the
shape real ones use): "MINUTES-TOWN OF …, ST" over a date typed with stray spaces, a roll call,
motions and roll-call votes, and undertakings reported as "X states he will …"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import extract_file

NARRATIVE = """MINUTES-TOWN OF ASHBY FORK, KY
{date} @ 6:30 P.M.
120 Main Street, Ashby Fork, Kentucky 40000

REGULAR SESSION OF COUNCIL

Mayor Delacroix opened the regular session meeting with the pledge of allegiance.

ROLL CALL OF COUNCIL
Delacroix - Here
Whitt - Here
Sturgill - Here

Mayor Delacroix asks if there is a motion to approve the consent calendar.
Councilwoman Whitt makes the motion to approve the consent calendar. Councilman Sturgill seconds.

ROLL CALL VOTE:
Delacroix - Yes
Whitt - Yes
Sturgill - Yes

OLD BUSINESS

NEWLY ACQUIRED BUILDING
Councilwoman Whitt states the roof is leaking again. Councilwoman Whitt makes a motion to request three quotes for the roof repair. Councilman Sturgill seconds.
Mayor Delacroix states he will get in contact with the insurer about it.
Councilwoman Whitt states she would prefer a metal roof.

AUDIT UPDATE
Mrs. Quillen states the auditor has all the files now. She states she will reach out to the auditor to see about a date for the first audit.
Councilman Sturgill asks the town manager to prepare a budget that keeps the tax rate the same.

SURVEY
The survey was done by Mr. Ramey. Quillen states the plat is ready. She states she will send the plat to the county.

ADJOURNMENT
Councilman Sturgill makes a motion to adjourn. Councilwoman Whitt seconds.
"""


def _read(tmp_path: Path, date_line: str):
    path = tmp_path / "council-minutes-c.txt"
    path.write_text(NARRATIVE.format(date=date_line), encoding="utf-8")
    (doc,) = extract_file(str(path)).documents
    return doc


@pytest.mark.parametrize(("typed", "iso"), [
    ("SEPTEMBER 16 , 2025", "2025-09-16"),  # a space before the comma
    ("February 17 ,2026", "2026-02-17"),  # and none after it
    ("April21,2026", "2026-04-21"),  # a scan's OCR joins month and day
])
def test_the_meeting_date_however_the_comma_is_spaced(tmp_path, typed, iso):
    assert _read(tmp_path, typed).date == iso


def test_the_place_after_minutes_names_the_body_not_the_roll_call(tmp_path):
    doc = _read(tmp_path, "SEPTEMBER 16, 2025")
    assert doc.group == "Town of Ashby Fork"  # not "Roll Call of Council", not the state


def test_motions_that_set_work_going_and_undertakings_in_the_present(tmp_path):
    doc = _read(tmp_path, "SEPTEMBER 16, 2025")
    tasks = {a.text: a.owners for a in doc.actions}
    assert tasks.get("Mayor Delacroix states he will get in contact with the insurer about it.") == ["Mayor Delacroix"]
    assert any("makes a motion to request three quotes" in t for t in tasks)
    # settled as voted, or a view: no task
    assert not any("approve the consent calendar" in t or "motion to adjourn" in t for t in tasks)
    assert not any("prefer a metal roof" in t for t in tasks)


def test_she_states_she_will_is_the_task_of_the_last_named_speaker(tmp_path):
    doc = _read(tmp_path, "SEPTEMBER 16, 2025")
    tasks = {a.text: a.owners for a in doc.actions}
    assert [o for t, o in tasks.items() if t.startswith("She states she will reach out to the auditor")] == [["Mrs. Quillen"]]
    # a name ending the sentence before is no title of the speaker ("… by Mr. Ramey. Quillen states …")
    assert [o for t, o in tasks.items() if t.startswith("She states she will send the plat")] == [["Quillen"]]
    asked = [o for t, o in tasks.items() if t.startswith("Councilman Sturgill asks the town manager to prepare")]
    assert len(asked) == 1 and [o.lower().removeprefix("the ") for o in asked[0]] == ["town manager"]


def test_which_meeting_after_the_dash_is_no_body(tmp_path):
    # "MINUTES-TOWN OF …" names the body after the dash; "AGENDA - REGULAR MEETING" names none
    path = tmp_path / "agenda.txt"
    path.write_text("AGENDA - REGULAR MEETING\nMarch 3, 2025\n\nPresent: Ann Hale, Tom Reeve\n\n1. Call to order\n",
                    encoding="utf-8")
    (doc,) = extract_file(str(path)).documents
    assert doc.group != "Regular"
