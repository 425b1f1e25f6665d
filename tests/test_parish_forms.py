"""Forms of a parish council's and an advisory board's minutes, as real ones print them: a roll
in two columns under two labels on one line ("Present:   Members of the Public:"), councillors
called by initials that spell a word ("NO will …" for Nina Okoro (NO)), an "Actions Summary" of
plain paragraphs naming a councillor absent from the roll, a payments table after the action
table with as many columns, and minutes that give their date under "## Date, Time and
Location" below a summary, name the board with its quarter ("…, Q3 2018") and say who took them
in a sentence opening on "Minutes". Every name here is invented."""

from __future__ import annotations

import pytest
from trace_fixtures import one_document

PARISH = """MINUTES OF THE MEETING OF LITTLE HAMPDEN PARISH COUNCIL

HELD IN THE VILLAGE HALL

ON 25th September 2025

Present:                          Members of the Public:

Nina Okoro (NO) CHAIR             Cllr Dev Rao
Asha Shah (AS)                    Tom Penn
Colm Fry (CF) CLERK

09.25.01 Apologies for absence
No apologies had been received

09.25.05 Land at the playing field
The boundary of the field remains in dispute. NO will inform the Land Registry.

09.25.06 Village fete
AS to book the hall for the fete in June.

09.25.07 Planning
NO OBJECTION was raised to the extension at Home Farm.

Actions Summary

NO will inform the Land Registry.

HD to draft a letter to the school about parking on the verges.
"""

TABLES = """# Minutes of the Parish Council, 26 February 2026

Present: Nina Okoro (NO), Asha Shah (AS), Colm Fry (CF)

## Actions

| No | Action | Owner | Update |
| --- | --- | --- | --- |
| Feb26.01 | NO to contact the tree surgeon about the ash trees | NO | |
| Feb26.02 | CF to renew the insurance | CF | |

## Finance

The following accounts were approved for payment.

| Payee | Detail | Total £s | VAT |
| --- | --- | --- | --- |
| Colm Fry | Clerk Salary | 140.24 | 0.0 |
| HMRC | (re above) | 28.56 | 0.0 |
"""

BOARD = """---
layout: contact
---

# Minutes of the 10th meeting of the Example Software Center, Q3 2018

Minutes are [archived](https://example.org/records.html) on the
Center's website.

## Summary

The following agenda was distributed to attendees:
[agenda](https://example.org/agendas/010-2018-q3.md).

Lena Marsh is the new director of the Center.

Center activities for the past quarter focused on courses,
collections, the build server, pipelined compilation, the
compiler's performance, editor tooling, conferences and
talks, open source sprees and the improvement process.

Full details on these activities are in
[Lena's report](https://example.org/report).

Other topics discussed at the meeting included forum moderation
and possible changes to how sponsorship works.

One new proposal was made:

* [XP-018](https://example.org/proposals/018.md): Converging the intermediate representations
    * voted on and accepted

## Date, Time and Location

The meeting took place virtually, via video call, on Friday,
September 21, 2018 at 4:00pm (GMT).

Minutes were taken by Ada Quill (secretary).

## Attendees

Board members present:

- Ben Ortiz, Acme Corp
- Lena Marsh, community

## Proceedings

Ben agreed to raise the sponsorship question on the board's mailing list.
"""



@pytest.fixture(scope="module")
def parish(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("parish"), "minutes-d.txt", PARISH)


def _owners(doc, words: str) -> list[list[str]]:
    return [a.owners for a in doc.actions if words in a.text]


def test_initials_that_spell_a_word_own_a_task_when_the_roll_gives_them(parish) -> None:
    # the roll sits in two columns under two labels on one line; NO is Nina Okoro, AS Asha Shah
    assert ["NO"] in _owners(parish, "inform the Land Registry")
    assert _owners(parish, "book the hall for the fete") == [["AS"]]
    # the word itself still is one: "NO OBJECTION was raised" gives nobody a task
    assert _owners(parish, "OBJECTION") == []


def test_a_plain_actions_summary_names_owners_the_roll_does_not(parish) -> None:
    assert _owners(parish, "draft a letter to the school") == [["HD"]]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("tables"), "minutes-h.md", TABLES)


def test_a_payments_table_after_the_action_table_holds_no_actions(tables) -> None:
    texts = [a.text for a in tables.actions]
    assert any("tree surgeon" in t for t in texts) and any("renew the insurance" in t for t in texts)
    assert not any(t in ("Clerk Salary", "(re above)", "Detail") for t in texts), texts


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("board"), "board-minutes-c.md", BOARD)


def test_minutes_dated_under_their_own_heading_below_a_summary(board) -> None:
    assert board.date == "2018-09-21"
    assert board.date_source == "body"


def test_the_quarter_after_the_name_is_no_part_of_the_group(board) -> None:
    assert board.group == "Example Software Center"


def test_who_took_the_minutes_opens_no_new_document(board) -> None:
    # one document: its proceedings (and their action) stay with it
    assert any("raise the sponsorship question" in a.text for a in board.actions)


COUNCIL = """# Minutes of Little Hampden Parish Council Meeting held on 4 July 2018

Present: Cllr Dana Holt (Chair), Cllr Kofi Tembo, Cllr Robin Vale, Cllr Tom Penn, Cllr Dick Shaw

152/18 To Approve a Communications Protocol The Clerk agreed to redraft the protocol with the amendments provided.

156/18 To Approve Website Amends – search engine reference and domain result The Clerk agreed to go back to the website contractor and query.

157/18 Matters Arising
• There were two big pot holes down School Lane, the Clerk agreed to report them to the County Council.
• Cllr Kofi Tembo also agreed to add the church hall as an emergency meeting place.
• Tom, Dick and Robin will run the stall at the fete.
• On 17 August the Chair had met with Karl Rands, Highways Manager to discuss the speed limit.
• The Clerk agreed to continue work on the footpath survey with the County Council.
• The Parish Council will continue to monitor the parking on the green.
"""


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("council"), "minutes-2018-07.md", COUNCIL)


def test_the_owner_after_a_run_in_minute_title_and_its_subtitle(council) -> None:
    assert _owners(council, "redraft the protocol") == [["Clerk"]]
    assert _owners(council, "go back to the website contractor") == [["Clerk"]]


def test_the_owner_after_a_comma_and_an_also(council) -> None:
    assert _owners(council, "report them to the County Council") == [["Clerk"]]
    assert _owners(council, "add the church hall") == [["Cllr Kofi Tembo"]]


def test_a_list_of_names_with_commas_owns_the_task_together(council) -> None:
    assert _owners(council, "run the stall at the fete") == [["Tom", "Dick", "Robin"]]


def test_a_name_and_its_role_after_a_comma_are_no_owner(council) -> None:
    assert _owners(council, "discuss the speed limit") == []


def test_work_taken_on_again_is_a_task_and_watching_on_is_not(council) -> None:
    assert _owners(council, "continue work on the footpath survey") == [["Clerk"]]
    assert _owners(council, "continue to monitor the parking") == []


BOARD_NOTES = """Example Community Advisory Board (CAB) Agenda

March 14 at 5 AM GMT

Members: Maria, Kozo, Aedin, Lori, Johannes, Daniela, Kevin

Attending: Kozo, Maria, Kevin, Johannes
Regrets: Aedin

:36 - :44 Evaluation of social logins (Lori)
- Remove social login as an option.
- Lori to provide some analytics on usage of social logins.
- Sales to start once the shop reopens.
"""


@pytest.fixture(scope="module")
def first_names(tmp_path_factory):
    return one_document(tmp_path_factory.mktemp("notes"), "cab-notes-e.txt", BOARD_NOTES)


def test_a_roll_of_first_names_gives_its_people(first_names) -> None:
    # Lori is a member, not at this meeting: the members' list names her
    assert _owners(first_names, "analytics on usage") == [["Lori"]]
    # a word the roll does not list owns nothing
    assert _owners(first_names, "Sales to start") == []
