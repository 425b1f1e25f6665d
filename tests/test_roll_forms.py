"""Who a committee's minutes name, in the forms real rolls and action lists take: a hyphenated
first name the minutes shorten ("Phoebe-Jean" is "Phoebe"), a double-barrelled surname in
initials ("Debbie Baird-Palmer" is DBP), a name and initials together ("Beau and JC"), a roll
laid out as a table, a Who / What / Status summary with a row short of cells, and the same task
in a sentence and in the paper's own action list. Every name here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import extract_file

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


def _doc(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_file(str(path))
    assert result.error is None
    [doc] = result.documents
    return doc


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    return _doc(tmp_path_factory.mktemp("wiki"), "committee-minutes-i.md", WIKI_MINUTES)


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
    return _doc(tmp_path_factory.mktemp("lpc"), "minutes-2018-11.txt", ROLL_TABLE_MINUTES)


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
    doc = _doc(tmp_path, "minutes-2025-09.txt", REPORTS)
    texts = [a.text for a in doc.actions]
    assert any("We will be filling potholes on Main" in t for t in texts)
    assert any("I will be in touch with the contractor" in t for t in texts)
    assert any(t.startswith("Plan to fell trees") for t in texts)
    assert not any("able to cover the cost" in t for t in texts)
