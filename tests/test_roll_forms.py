"""Who a committee's minutes name, in the forms real rolls and action lists take: a hyphenated
first name the minutes shorten ("Phoebe-Jean" is "Phoebe"), a double-barrelled surname in
initials ("Debbie Baird-Palmer" is DBP), a name and initials together ("Beau and JC"), a roll
laid out as a table, a Who / What / Status summary with a row short of cells, and the same task
in a sentence and in the paper's own action list. Every name here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from trace_fixtures import one_document

WIKI_MINUTES = """# Committee Meeting - 2023-07-22

Scheduled start: 2023-07-22, 14:00

# Minutes

## Members Present

* Present:
    * Beau Okafor
    * Johannes Chuah
    * Phoebe-Jean Harris
    * Debbie Baird-Palmer
    * Lewis Yip
* Apologies: Nil
* Minute taker: Lewis

## General Business

### Conventions

* Invited to a regional anime convention - a chance to revive cosplay in the space
  * Is there any board game content?
  * Phoebe to investigate.

### Waste disposal

Action: Investigate the other waste contractor - Beau has a contact.

### Specifications

DBP agreed to liaise with the pharmacy lead about the service specification.

### By-laws: Vehicle projects

Bylaw needs more work. Beau and JC to work on the vehicle projects bylaw.

## Action Summary

| Who | What | Status |
| --- | ---- | ------ |
| Lewis | Close out remaining issues on the storage bylaw. | |
| Lewis | Update wiki regarding online motion by-law. |
| Fletcher | Publicise the workshop event on the calendar. | |
"""

ROLL_TABLE_MINUTES = """MINUTES OF THE COMMITTEE MEETING

Date: Wednesday 14th November 2018

PRESENT:

Name\tOrganisation\tAffiliation
Chris Dodd\tGill & Schofield\tIndependent
Sharon Wells\tNorth Pharmacy\tIndependent

01 Visitors
The area lead spoke about the flu service. CD agreed to draft a letter to the area team.
SW to ask the regulator about cost-sharing.

Actions:
- SW to ask the regulator about cost-sharing
"""



@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("wiki"), "committee-minutes-i.md", WIKI_MINUTES)


def _owners_of(doc, words: str) -> list[str]:
    [action] = [a for a in doc.actions if words in a.text]
    return action.owners


def test_a_hyphenated_first_name_is_called_by_its_first_part(wiki) -> None:
    assert _owners_of(wiki, "Phoebe to investigate") == ["Phoebe"]


def test_a_double_barrelled_surname_gives_initials_of_both_parts(wiki) -> None:
    assert _owners_of(wiki, "liaise with the pharmacy lead") == ["DBP"]


def test_a_name_and_initials_of_the_roll_own_a_task_together(wiki) -> None:
    assert _owners_of(wiki, "work on the vehicle projects bylaw") == ["Beau", "JC"]


def test_the_owner_stands_after_a_spaced_dash_not_before_it(wiki) -> None:
    assert _owners_of(wiki, "Investigate the other waste contractor") == ["Beau"]


def test_a_who_what_table_sets_actions_and_a_short_row_keeps_its_task(wiki) -> None:
    assert _owners_of(wiki, "Close out remaining issues") == ["Lewis"]
    assert _owners_of(wiki, "Update wiki regarding online motion by-law") == ["Lewis"]
    assert _owners_of(wiki, "Publicise the workshop event") == ["Fletcher"]


@pytest.fixture(scope="module")
def lpc(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("lpc"), "minutes-2018-11.txt", ROLL_TABLE_MINUTES)


def test_a_roll_laid_out_as_a_table_gives_each_persons_initials(lpc) -> None:
    assert _owners_of(lpc, "draft a letter to the area team") == ["CD"]


def test_a_task_in_a_sentence_and_in_the_action_list_is_one_action(lpc) -> None:
    asked = [a for a in lpc.actions if "ask the regulator" in a.text]
    assert len(asked) == 1
    assert asked[0].owners == ["SW"]


REPORTS = """Lakeside Residents Board Minutes

Date: Sep 18, 2025

Attendees: Dana Holt, Kofi Tembo, Robin Vale

Committee Reports
Roads Committee – We will be filling potholes on Main in September using our volunteers.
The side roads were graded in August. We will be able to cover the cost from the reserve.
Water Committee – If the Board agrees, I will be in touch with the contractor to get the
meters replaced. Plan to fell trees over the fire road to block vehicles.
"""


def test_a_committee_reports_own_undertakings_are_actions(tmp_path: Path) -> None:
    """A report's writer promising work ("We will …", "I will …", "Plan to …") sets an action;
    a sentence about what they will be able to do does not."""
    doc = one_document(tmp_path, "minutes-2025-09.txt", REPORTS)
    texts = [a.text for a in doc.actions]
    assert any("We will be filling potholes on Main" in t for t in texts)
    assert any("I will be in touch with the contractor" in t for t in texts)
    assert any(t.startswith("Plan to fell trees") for t in texts)
    assert not any("able to cover the cost" in t for t in texts)


PARENT_COUNCIL = """PARKSIDE PAC MEETING MINUTES
Tuesday, October 17th, 2023

1. CALL TO ORDER (7:00pm); attendance: approximately 20 people

2. REPORTS OF OFFICERS
a. Treasurer: Present and vote on PAC Budget 2023/2024:
Notable changes we propose now are funding for PE equipment.
b. Lunch program: Had to re-open the sushi order five times over winter break.
Propose to say in person or online.
c. Volunteers: Lorie will send out an email and use a sign-up sheet.

3. UNFINISHED BUSINESS
a. Fundraising model discussion: table to next meeting
b. Not all expenses have been received; budget vote is deferred until the September meeting.

4. NEW BUSINESS
a. Karla and Shannon will strike their own fundraising committee with other parents.
b. Few questions to clarify - Jeni Vlahovic will follow up with the school office.
"""


@pytest.fixture(scope="module")
def pac(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("pac"), "pac-minutes-c.txt", PARENT_COUNCIL)


def test_present_as_a_verb_heads_no_roll(pac) -> None:
    """"Present and vote on the budget:" is an agenda line, not the roll: with no roll, the
    names the minutes give own their tasks."""
    assert _owners_of(pac, "strike their own fundraising committee") == ["Karla", "Shannon"]
    assert _owners_of(pac, "send out an email") == ["Lorie"]


def test_a_verb_opening_a_note_is_no_owner(pac) -> None:
    texts = [a.text for a in pac.actions]
    assert not any(t.startswith(("Had to", "Propose to")) for t in texts)


def test_the_owner_after_a_spaced_hyphen_is_read(pac) -> None:
    assert _owners_of(pac, "follow up with the school office") == ["Jeni Vlahovic"]


def test_business_put_off_to_a_named_meeting_is_owed(pac) -> None:
    texts = [a.text for a in pac.actions]
    assert any("table to next meeting" in t for t in texts)
    assert any("deferred until the September meeting" in t for t in texts)


def test_a_roll_label_set_off_by_a_dash_lists_the_council(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "wretton-minutes.txt", "MINUTES OF THE PARISH COUNCIL MEETING\n\nTUESDAY 8th SEPTEMBER 2009\n\n"
               "Present- Chairman,\n\nCllr M Peake - Vice-Chairman, Cllr A Box, Cllr L Peake, Cllr S Briston.\n\n"
               "OPEN SESSION\n\nPosts could be erected around the Green. Cllr. L. Peake offered to supply posts.\n")
    assert _owners_of(doc, "offered to supply posts") == ["Peake"]


HANDLES = """Riverbank Software Community Advisory Board (CAB) Agenda
March 14, 2024 at 5 AM GMT

Members: Maria, Kozo, Lori, Johannes, Stevie

Attending: Kozo, Lori, Johannes, Stevie
Regrets: Maria

:10 - :20 Working groups
    - [Action @Lori/@jo] Send an invitation for each meeting for the next six months.
    - [Action item @Stevie, @Maria]: start discussing the training plan among interested
      people.
    - [Action Maria]: create the publication working group.
    - [Action]: define the working groups to invite for April.
    - The draft rules need a wider review before submission. [Action @Kozo].
"""


def test_bracketed_action_tags_name_their_owners_by_handle(tmp_path: Path) -> None:
    """Minutes of a project that lives on GitHub and Slack tag each task "[Action @handle]",
    before the task or closing it; the handles are its owners."""
    doc = one_document(tmp_path, "cab-minutes-e.txt", HANDLES)
    assert _owners_of(doc, "Send an invitation for each meeting") == ["Lori", "jo"]
    assert _owners_of(doc, "start discussing the training plan among interested people") == ["Stevie", "Maria"]
    assert _owners_of(doc, "create the publication working group") == ["Maria"]
    assert _owners_of(doc, "define the working groups to invite") == []
    assert _owners_of(doc, "draft rules need a wider review") == ["Kozo"]
