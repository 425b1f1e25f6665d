"""Actions, owners, recommendation references, dates and groups in the house styles other
bodies use (issue: real papers). Every fixture is written here; names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from trace_fixtures import one_document

from ingest.extract.owners import split_owners
from ingest.extract.recs import find_recommendation_refs
from ingest.pipeline import extract_file


def _by_text(doc, words: str):
    found = [a for a in doc.actions if words in " ".join(a.text.split())]
    assert found, [a.text for a in doc.actions]
    return found[0]


OUTSTANDING = """\
Lakeside Trust Board Meeting Agenda

March 12, 2025

7. Review Outstanding Action Items

    * Priya: Draft the volunteer handbook and circulate it to the
            trustees before the spring fair.
          Status: in progress, first draft shared

    * Tom: Ask the council about the car park lease
          Status:

    * Priya, Tom: Arrange the annual accessibility audit
          Status: Done

8. Any Other Business

Note: the next meeting moves to the library annexe.
"""


def test_owner_colon_items_with_status_lines(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "agenda.txt", OUTSTANDING)
    handbook = _by_text(doc, "Draft the volunteer handbook and circulate it to the trustees")
    assert handbook.owners == ["Priya"]
    assert handbook.status == "in progress, first draft shared"
    lease = _by_text(doc, "Ask the council about the car park lease")
    assert lease.owners == ["Tom"] and lease.status is None
    assert _by_text(doc, "accessibility audit").owners == ["Priya", "Tom"]
    # a field line outside the list is not an action
    assert not any("library annexe" in a.text for a in doc.actions)
    assert len(doc.actions) == 3


def test_at_owner_and_reference_led_log_lines(tmp_path: Path) -> None:
    text = (
        "Harbour Group action tracker\n\n"
        "- Jan ACT-HG-2025-07: KM/RT - Publish the tide table on the website.\n"
        "- Feb ACT-HG-2025-09: ALL - Read the draft byelaws.\n\n"
        "Reports\n\n"
        "   @Dana: Request a clearer budget report for next month\n"
    )
    doc = one_document(tmp_path, "tracker.md", text)
    assert _by_text(doc, "Publish the tide table").owners == ["KM", "RT"]
    assert _by_text(doc, "Read the draft byelaws").owners == ["ALL"]
    assert _by_text(doc, "Request a clearer budget report").owners == ["Dana"]


MINUTES = """\
Minutes of the Riverside Allotments Association Committee
Meeting of 4th March 2025

Present: Jane Hollis (Chair), Omar Reid (OR), Beth Carter, Sam Lowe (Treasurer)

1. Water supply
The standpipe on plot 12 is leaking. The Clerk to the Committee will write to the water company before the next meeting.
BC agreed to check the other standpipes.
She agreed to circulate a note to plot holders.
The Committee agreed to adopt the revised rules as presented.

2. Finance
The accounts will be examined by the Treasurer in April.
Omar was asked to chase the two unpaid rents.
ZQ will replace the gate.
"""


def test_actions_in_plain_sentences_need_a_named_owner(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "minutes.txt", MINUTES)
    assert doc.group == "Riverside Allotments Association Committee"
    assert doc.date == "2025-03-04"
    assert _by_text(doc, "will write to the water company").owners == ["Clerk to the Committee"]
    assert _by_text(doc, "agreed to check the other standpipes").owners == ["BC"]
    assert _by_text(doc, "examined by the Treasurer").owners == ["Treasurer"]
    assert _by_text(doc, "chase the two unpaid rents").owners == ["Omar"]
    texts = " | ".join(a.text for a in doc.actions)
    assert "circulate a note" not in texts  # "She": nobody named
    assert "adopt the revised rules" not in texts  # the meeting deciding, not a task
    assert "replace the gate" not in texts  # ZQ is nobody the attendance lists
    assert "standpipe on plot 12 is leaking" not in texts


@pytest.mark.parametrize(("written", "owners"), [
    ("DT/AHop", ["DT", "AHop"]),
    ("Chair; Clerk", ["Chair", "Clerk"]),
    ("JB, KL & MT", ["JB", "KL", "MT"]),
    ("Health and Social Care Partnership", ["Health and Social Care Partnership"]),
    ("Police and Crime Commissioner", ["Police and Crime Commissioner"]),
    ("Finance Manager and Clerk", ["Finance Manager", "Clerk"]),
])
def test_owner_lists_split_between_owners_never_inside_a_name(written: str, owners: list[str]) -> None:
    assert split_owners(written) == owners


def test_short_recommendation_notation_where_the_text_speaks_of_recommendations() -> None:
    text = "The review made eleven recommendations. Progress on R6 and (R5) is slow; R8, R9 are done."
    assert [n for _, _, n in find_recommendation_refs(text)] == [6, 5, 8, 9]
    # without a word about recommendations, R6 is a form, a road or a room
    assert find_recommendation_refs("Please complete form R6 and return it to room R12.") == []


def test_action_inherits_the_recommendation_of_its_heading(tmp_path: Path) -> None:
    text = (
        "Minutes of the Quality Review Panel\n"
        "Meeting of 9 May 2024\n\n"
        "Present: Ann Lowe (Chair), Raj Patel\n\n"
        "3. Recommendation 4 - staff training\n\n"
        "The training plan was discussed.\n"
        "ACTION: Raj Patel to book the refresher course.\n"
    )
    doc = one_document(tmp_path, "panel.txt", text)
    assert _by_text(doc, "book the refresher course").recommendations == [4]


def test_document_date_sources(tmp_path: Path) -> None:
    header = one_document(tmp_path, "a.txt", "Title of Meeting: Canal Society Board\nDate: 30th January 2024\n\n1. Apologies\nNone.\n")
    assert (header.date, header.date_source, header.group) == ("2024-01-30", "header", "Canal Society Board")
    named = one_document(tmp_path, "canal-minutes-2023-11-02.txt", "Notes\n\nThe towpath was discussed at length.\n")
    assert (named.date, named.date_source) == ("2023-11-02", "file_name")
    nothing = one_document(tmp_path, "notes.txt", "Notes\n\nThe towpath was discussed at length.\n")
    assert (nothing.date, nothing.date_source) == (None, "none")


def test_a_paper_that_never_prints_its_year_is_dated_by_its_title_property(tmp_path: Path) -> None:
    # A Google Docs export: the text writes "November 9 at 4 PM EST" and no year anywhere; the
    # file's title property keeps the document's name. The day is the paper's own, the year the
    # one nearest the property's date (a Dec meeting saved in the new year stays in its year).
    from reportlab.pdfgen import canvas

    def paper(name: str, title: str, when: str) -> str:
        path = tmp_path / name
        c = canvas.Canvas(str(path))
        c.setTitle(title)
        for k, line in enumerate(["Canal Society Advisory Board Agenda", when, "Attending: Ana, Bo",
                                  "Review minutes from previous meeting", "Action: Bo to book the hall."]):
            c.drawString(72, 760 - 18 * k, line)
        c.save()
        return str(path)

    docs = [extract_file(paper(n, t, w)).documents[0] for n, t, w in [
        ("a.pdf", "2023-11-09-minutes", "November 9 at 4 PM EST"),
        ("b.pdf", "2024-01-03 minutes", "December 14 at 5 AM GMT"),
        ("c.pdf", "minutes 2024-03-14", "Thursday at noon"),
        ("d.pdf", "Agenda", "November 9 at 4 PM EST"),
    ]]
    assert [(d.date, d.date_source) for d in docs] == [
        ("2023-11-09", "file_name"), ("2023-12-14", "file_name"), ("2024-03-14", "file_name"), (None, "none")]


def test_impossible_header_date_is_flagged_never_moved(tmp_path: Path) -> None:
    path = tmp_path / "canal-2013-10-01.txt"
    path.write_text("Title of Meeting: Canal Society Board\nDate: 31st September 2013\n\n1. Apologies\nNone.\n",
                    encoding="utf-8")
    result = extract_file(str(path))
    doc = result.documents[0]
    # not silently moved to 30 September or 1 October: the header's date is not used at all
    assert (doc.date, doc.date_source) == ("2013-10-01", "file_name")
    assert any("31st September 2013" in w and "not a real date" in w for w in result.warnings)


def test_tasks_in_clauses_and_requests(tmp_path: Path) -> None:
    text = (
        "Minutes of the Millbrook Friends Committee\nMeeting of 2 June 2025\n\n"
        "Present: Ann Bell (AB), Carl Dunn (CD)\n\n"
        "1. Survey\nThe members' survey is being analysed and AB will report back in July.\n"
        "Trustees were asked if they could staff the stall on 5 July.\n"
        "This was agreed in principle, with CD to take the lead.\n"
        "The chair has been in contact with the County Archive to try to find the deeds.\n"
    )
    doc = one_document(tmp_path, "friends.txt", text)
    assert _by_text(doc, "AB will report back").owners == ["AB"]
    assert _by_text(doc, "staff the stall").owners == ["Trustees"]
    assert _by_text(doc, "with CD to take the lead").owners == ["CD"]
    assert not any("County Archive" in a.text for a in doc.actions)


def test_lists_and_references_inside_an_item_keep_its_number(tmp_path: Path) -> None:
    text = (
        "Minutes of the Canal Society Board\nMeeting of 4 March 2025\n\n"
        "3. Minutes of the previous meeting\nThe minutes were agreed.\n\n"
        "Item 5.2 – the towpath repairs have been booked.\n\n"
        "4. Decisions\n\n1. Application for membership from the Lock Keepers.\n\n"
        "2. Application for membership from the Rowing Club.\n\n"
        "5. Finance\nThe accounts were received.\n"
    )
    doc = one_document(tmp_path, "board.txt", text)

    def where(words: str) -> set[str]:
        return {p.location for p in doc.passages if words in " ".join(p.text.split())}

    assert where("towpath repairs have been booked") == {"3"}  # a reference back, not item 5.2
    assert where("Lock Keepers") == {"4"} and where("Rowing Club") == {"4"}  # a list inside item 4
    assert where("accounts were received") == {"5"}


def test_title_and_group_from_a_letterhead_and_its_heading(tmp_path: Path) -> None:
    generic = one_document(tmp_path, "lpc.txt", "MINUTES OF THE COMMITTEE MEETING\nNORTH DALES PHARMACY COMMITTEE\n"
                   "Date: 7 March 2018\n\n01 Introduction\nApologies received.\n\nThe Finance Group met twice.\n")
    assert generic.group == "North Dales Pharmacy Committee"
    letterhead = one_document(tmp_path, "board.txt", "Riverside Trust\nA charity for the river\n\nOPEN BOARD MEETING MINUTES\n"
                      "Title of Meeting: Riverside Trust - Board Meeting\nDate: 30th January 2014\n\n1. Apologies\nNone.\n")
    assert letterhead.title == "Open Board Meeting Minutes"
    assert letterhead.group == "Riverside Trust - Board"


# A steering committee's Markdown minutes in the house styles open-source boards use (names invented).
STEERING = """\
Harbourside Software Steering Committee Meeting
March 12, 2015

**Attending**

 - Dana Holt (Chair)
 - Kofi Tembo

**Actions/Resolutions**

 - DH: circulate the spreadsheet with the budget for 2015
 - KT + PA: contact partners about appointing a representative

**Minutes**

 - DH: welcome to new members
 - Q: should outgoing members vote?

## Previous Action Items

* Enabling self-organised workshops to generate questionnaires
    * Assigned: Priya
    * Status: progressing on the script with help from Trevor
* ACTION: Cancel the lawyer review of the partnership agreement
    * Assigned: Dana
    * Status: done
* Write a blog post about the change of host
    * Assigned: TBD

#### Action Item

Introduce the fee waiver committee to the diversity group so that they can talk.
Assigned to: Dana Holt
Due date: 19/03/2015

## New business

Kofi ACTION: check the accounts with the fiscal sponsor.
Update: no reply from the sponsor yet. Todo: Priya will send the draft to the committee for comments.
"""


def test_steering_committee_house_styles(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "minutes-2015-03-12.md", STEERING)
    assert _by_text(doc, "circulate the spreadsheet").owners == ["DH"]
    assert _by_text(doc, "contact partners about appointing").owners == ["KT", "PA"]
    # the Minutes section's "Name: words" lines are speakers, not actions
    assert not any("welcome to new members" in a.text or "outgoing members" in a.text for a in doc.actions)
    questionnaires = _by_text(doc, "generate questionnaires")
    assert questionnaires.owners == ["Priya"] and questionnaires.status == "progressing on the script with help from Trevor"
    review = _by_text(doc, "Cancel the lawyer review")
    assert review.owners == ["Dana"] and review.status == "done" and not review.text.startswith("ACTION")
    assert _by_text(doc, "blog post about the change of host").owners == []
    assert not any(a.text.startswith(("Assigned", "Status")) or a.owners == ["Assigned"] for a in doc.actions)
    fee = _by_text(doc, "Introduce the fee waiver committee")
    assert fee.owners == ["Dana Holt"] and fee.due_date == "2015-03-19"
    assert _by_text(doc, "check the accounts with the fiscal sponsor").owners == ["Kofi"]
    assert _by_text(doc, "send the draft to the committee").owners == ["Priya"]
    assert len([a for a in doc.actions if "fiscal sponsor" in a.text]) == 1


SPEAKER_NOTES = """\
# Harbour Software Steering Group (HSSG) Meeting 2025-02-11

## Present

* Dana Okafor @dokafor (HSSG)
* Ravi Menon @rmenon (HSSG)
* Lena Park @lpark (HSSG)

## Agenda

### Release process

* Signing keys for the next release [#88](https://example.org/issues/88)
  * Since we do not have quorum Ravi will open an issue to confirm there is consensus.
  * We just need a PR to bump the version but Lena ‘volunteered’ to confirm the process.
  * Next step is fresh download figures. Dana, will post an update in the issue.
  * Dana, once the new board forms Dana will no longer be our representative.
* Build machines
  * Nothing much to report this week. Will put together a brief doc describing the problem.
  * Will require board approval to buy more.
  * Will the donor renew?
  * Lena may try to get more machines from the cloud sponsor.
  * Mirrors may fail over to the backup host.
* Governance changes
  * Dana not here, defer to next time.
  * We will defer this until we have quorum.
  * Deferring to the next meeting is not always wise?
"""


def test_speaker_notes_name_their_owner_anywhere_in_the_sentence(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "2025-02-11.md", SPEAKER_NOTES)
    assert _by_text(doc, "Ravi will open an issue").owners == ["Ravi"]  # after a clause, no comma
    assert _by_text(doc, "volunteered’ to confirm the process").owners == ["Lena"]  # the second match, in quotes
    assert _by_text(doc, "Dana, will post an update").owners == ["Dana"]  # a speaker's own note
    assert _by_text(doc, "Will put together a brief doc").owners == []  # the speaker left out
    texts = " | ".join(a.text for a in doc.actions)
    assert "no longer be our representative" not in texts  # "will no longer": nothing to do
    assert "require board approval" not in texts and "donor renew" not in texts
    assert _by_text(doc, "Lena may try to get more machines").owners == ["Lena"]  # tentative, someone listed
    assert "Mirrors may fail over" not in texts  # what may happen, nobody's task
    # an item put off to a later meeting: the meeting owes it a return
    assert _by_text(doc, "defer to next time").owners == [] and _by_text(doc, "defer this until we have quorum")
    assert "not always wise" not in texts
    assert len(doc.actions) == 7


AGENDA_THEN_FIELDS = """\
Lakeside Trust Steering Committee minutes

## Previous Action Items

* Volunteer handbook
    * Assigned: Priya
    * Goal: Decide on a clearer name
    * Status: No update.

* Car park lease
    * Assigned: Tom
    * Done: http://example.org/lease

## Notes

Tom: the lease is signed.

# Attendance:

Priya Shah
Tom Evans
Ana Ruiz
"""


def test_an_items_other_fields_are_not_its_owners(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "minutes-2025-03-04.md", AGENDA_THEN_FIELDS)
    owners = {o for a in doc.actions for o in a.owners}
    assert "Goal" not in owners and "Done" not in owners
    assert _by_text(doc, "Volunteer handbook").owners == ["Priya"]
    assert _by_text(doc, "Car park lease").owners == ["Tom"]


BOARD_WITH_REPORTS = """\
The Harbour Software Foundation
Board of Directors Meeting Minutes
March 12, 2025

1. Call to order

    Directors Present:

        Dana Okafor
        Ravi Menon
        Lena T. Park

    Directors Absent:

        Omar Reid

2. Committee Reports

    Summary of Reports

     The following reports were approved as submitted.

    Report from the Incubator [Lena Park]

        Continue to build community.
        Ready to graduate.
        Jo Bloggs will present the project at the spring conference.

3. Action items

    * Ravi: follow up with the auditors about the spring accounts
    * Omar: send the travel policy to the volunteers
"""


def test_a_boards_directors_are_its_people_and_its_reports_part_of_it(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "board_minutes_2025_03_12.txt", BOARD_WITH_REPORTS)  # one paper: reports set in are items
    assert doc.date == "2025-03-12"
    owners = sorted(o for a in doc.actions for o in a.owners)
    # "Continue", "Ready" and a reporter nobody lists are no owners; the directors, absent or not, are
    assert owners == ["Omar", "Ravi"], [(a.owners, a.text) for a in doc.actions]


TAGGED = """\
Minutes of Trustees of The Friends of Weyford Library
Meeting held 5th May 2015

Present: Dan Thomas (DT), Ann Hale (AH), Mo Shah (MS)

3. Events and Fundraising

3.1 DT asked that this meeting concentrate on future events, in particular sponsorship of the
stair risers. AH will approach the artist to determine if she is able to undertake the artwork
for all 18 risers. She had previously quoted £100 per riser.
ACTION: AH

3.2 The trustees discussed the summer fair and agreed that it should run on two days this year
with a book stall and a raffle.
ACTION: MS
"""


def test_an_action_tag_gives_the_owner_the_sentence_that_names_them(tmp_path: Path) -> None:
    # the paragraph above "ACTION: AH" opens on what DT asked; AH's task starts where AH is named
    doc = one_document(tmp_path, "friends-minutes-2015-05-05.txt", TAGGED)
    artist = _by_text(doc, "approach the artist")
    assert artist.text.startswith("AH will approach the artist") and "£100 per riser" in artist.text
    assert artist.owners == ["AH"]
    # a paragraph that never names its owner is the action whole
    fair = _by_text(doc, "summer fair")
    assert fair.text.startswith("3.2 The trustees discussed") and fair.owners == ["MS"]


NOTES_AFTER_AGENDA = """\
# Harbour Steering Committee Meeting 2025-03-26

## Agenda

## Previous Action Items

## Workshops for students

------------------------------------------------

## Steering Committee Minutes

### Attendance:

Greg Wilson
Katy Huff
Raniere Silva
Karin Lagesen

### Apologies

Jason Williams

## Previous Action Items

**Actions/Resolutions**

 - KDH/All: Strategic plan
 - all: decide whether to invite the old committee to the first meetings
 - Titus: send the sprint dates

## Mentorship

- RS will send a pull request with a document for how email will be handled.

## Workshops for students

GW: propose this to instructors.

GW: will ask for a pair of volunteers from lab meeting next week.

KL: will be great to bring this to the instructors.
"""


def test_a_committees_own_shorthand_for_its_members(tmp_path: Path) -> None:
    """Attendance under a third-level heading; "all" and a middle initial ("KDH" for Katy Huff) as
    owners; a speaker's "GW: will ask …"."""
    path = tmp_path / "minutes-2025-03-26.md"
    path.write_text(NOTES_AFTER_AGENDA, encoding="utf-8")
    docs = extract_file(str(path)).documents
    doc = next(d for d in docs if "Strategic plan" in d.text)
    assert _by_text(doc, "Strategic plan").owners == ["KDH", "All"]
    assert _by_text(doc, "decide whether to invite").owners == ["all"]
    assert _by_text(doc, "RS will send a pull request").owners == ["RS"]
    assert _by_text(doc, "ask for a pair of volunteers").owners == ["GW"]
    texts = " | ".join(a.text for a in doc.actions)
    assert "sprint dates" not in texts  # Titus is nobody the minutes list
    assert "great to bring this" not in texts  # "will be": nothing to do


UNLISTED = """\
Weyford Pharmacy Committee

Minutes of the Committee meeting held on 7 March 2018

1. Strategy

Agreed to invite the new chief executive to the AGM. The invitation was agreed by all.
Committee to propose ideas for costing and inclusion in the strategy.
Just to note, the strategy day is just before the AGM.
Rosa to book the room for the strategy day.
"""


def test_a_word_the_paper_writes_in_lower_case_owns_nothing(tmp_path: Path) -> None:
    # nobody is listed: "Agreed" and "Just" are words of the paper, Rosa a name, the Committee a body
    doc = one_document(tmp_path, "minutes-2018-03-07.txt", UNLISTED)
    owners = {a.text.split()[0]: a.owners for a in doc.actions}
    assert owners.get("Rosa") == ["Rosa"] and owners.get("Committee") == ["Committee"]
    assert "Agreed" not in owners and "Just" not in owners, owners


NUMBERED_MEETING = """\
Minutes from 6th Weyford Tools TSC meeting, Jan. 24, 2019

Attendees: John M., *Jeff* L., *Nick* A., Andrew P.

Additional Attendees: Bruce Chernia (Intel), Thanh Ha

Agenda:

1) Confirmation of quorum
2) Release process (Dan)

1) Quorum was confirmed

2) Release process

Jeff will draft a release document to cover the current release process.
Thanh will investigate what is practical for the other projects.
Kimble will raise this at the next board meeting.
Jeff & Andrew still have to sign into the tracker.
It was decided that Jeff would make two tweaks to his PR to match the branch names.
It was agreed that Rosh training was a priority for the year.
Nick has acquired the project's handle and will make it available to the committee.
Andrew plans to release it at his studio first.
Kimble has moved on and will send his notes.
Call for everyone to test the build on their own platforms.
Lint integration will be delayed until after the build PR is merged.
A vote will be scheduled for next time about which services to keep.
The release was delayed by a week.
The treasurer tabled the accounts for the next quarter.
"""


def test_a_numbered_meeting_and_members_listed_by_first_name_and_initial(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "2019-01-24.md", NUMBERED_MEETING)
    assert (doc.group, doc.date) == ("Weyford Tools TSC", "2019-01-24")
    assert _by_text(doc, "draft a release document").owners == ["Jeff"]  # "*Jeff* L." is listed
    assert _by_text(doc, "investigate what is practical").owners == ["Thanh"]  # an additional attendee
    assert not any("Kimble" in a.text for a in doc.actions)  # nobody the minutes list
    assert _by_text(doc, "still have to sign into").owners == ["Jeff", "Andrew"]
    assert _by_text(doc, "would make two tweaks").owners == ["Jeff"]  # the name, not "Jeff would make two …"
    assert not any("Rosh training" in a.text for a in doc.actions)  # "that Rosh training was …": no task
    assert _by_text(doc, "and will make it available").owners == ["Nick"]  # the subject of both verbs
    assert _by_text(doc, "plans to release it").owners == ["Andrew"]
    assert not any("Kimble" in a.text for a in doc.actions)  # still nobody the minutes list
    assert _by_text(doc, "Call for everyone to test").owners == ["everyone"]
    # put off to a later meeting or a later event: the meeting owes it a return
    assert _by_text(doc, "delayed until after the build PR") and _by_text(doc, "vote will be scheduled for next time")
    assert not any("delayed by a week" in a.text for a in doc.actions)  # a report of what happened
    assert not any("tabled the accounts" in a.text for a in doc.actions)  # "tabled": presented, here


def test_a_numeric_date_with_no_thirteenth_month_is_read_month_first(tmp_path: Path) -> None:
    # US papers write "(03/13/2018)": day-first it is no date; month-first it is 13 March
    doc = one_document(tmp_path, "call.txt", "Canal Society Executive Committee Conference Call Minutes (03/13/2018)\n\n"
                       "Attendees: Dr. Ana Ruiz, Dr. Bo Chen\n\nThe towpath was discussed.\n")
    assert (doc.date, doc.date_source) == ("2018-03-13", "title")
    # day-first stays the reading wherever it is a date ("14/02/2017", "01/09/2018")
    uk = one_document(tmp_path, "uk.txt", "Canal Society Board Minutes 14/02/2017\n\nThe towpath was discussed.\n")
    assert uk.date == "2017-02-14"
