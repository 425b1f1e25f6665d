"""Another body's minutes in another house style: what a release nobody here has seen looks like."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import Document
from ingest.pipeline import extract_file

BOARD = Path(__file__).parent / "fixtures" / "unseen" / "2019-03-14 clinical governance committee minutes.txt"


def _read(tmp_path: Path, name: str, text: str) -> list[Document]:
    """The documents read from ``text`` written to a file ``name`` under ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(str(path)).documents


def test_board_minutes_and_trailing_action_log():
    docs = extract_file(str(BOARD)).documents
    minutes, log = docs
    assert (minutes.doc_type, minutes.date, minutes.group) == (
        "minutes", "2019-03-14", "NHS Grampian Clinical Governance Committee",
    )
    # the log printed after the minutes is that meeting's, not dated by its first due date
    assert (log.doc_type, log.date, log.group) == ("action_list", "2019-03-14", minutes.group)

    by_number = {a.number: a for a in minutes.actions}
    assert by_number[4].owners == ["Director of Nursing"] and by_number[4].due == "next meeting"
    assert by_number[4].recommendations == [4, 5]  # "3.2 On Recommendations 4 and 5, ..."
    assert by_number[5].owners == ["Head of Clinical Governance", "[REDACTED]"] and by_number[5].owner_redacted
    assert by_number[5].due_date == "2019-09-30" and by_number[5].recommendations == [11]

    assert [(a.text, a.status) for a in log.actions] == [
        ("Circulate revised complaints policy", "Complete"),
        ("Present revised staffing plan", "Open"),
        ("Audit medicines reconciliation", "Open"),
    ]
    assert sorted(r.number for r in minutes.recommendation_refs) == [4, 5, 11]  # not "made 12 recommendations"
    quarter = [d for d in minutes.dates if d.text == "Q3 2019"]
    assert quarter and quarter[0].iso is None
    exemptions = [r.exemption for r in minutes.redactions if r.style == "bracket_exemption"]
    assert exemptions == ["s.38(1)(b)"]


def test_five_invented_bodies_are_typed_dated_and_grouped(tmp_path):
    """The benchmark's generated releases: other bodies, other house styles (letterheads on one
    line, "AGENDA for the meeting on 23.05.16", "MEETING NOTE – …", dotted dates)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import generate

    generate.generate(str(tmp_path), seed=3, size_name="small", jobs=1)
    from ingest.pipeline import extract_path

    docs = extract_path(str(tmp_path))
    assert len(docs) >= 30
    untyped = [(d.source, d.title) for d in docs if d.doc_type == "other"]
    undated = [(d.source, d.title) for d in docs if d.doc_type != "guidance" and not d.date]
    ungrouped = [(d.source, d.title) for d in docs if d.doc_type in ("minutes", "agenda", "action_list") and not d.group]
    assert not untyped and not undated and not ungrouped, (untyped, undated, ungrouped)
    # a council's letterhead does not make the council the group that met
    assert not any(d.group and d.group.endswith("Council") for d in docs if d.doc_type == "minutes")


AGENDA_THEN_NOTES = """# Steering Committee Meeting 2015-03-26

## Agenda and background materials

## Previous action items [ 10 min ]

* Self-sufficient workshop guide

    * Assigned: Dana

## Budget [ 10 min ]

The treasurer will present the accounts.

## Adjourn

-----------------------------------------------

## Steering Committee Minutes

Please note: read these minutes together with the agenda above.

### Attendance:

Dana Ortiz
Kofi Tembo

## Budget

The accounts were approved.
"""


def test_notes_printed_after_the_agenda_are_that_meetings_minutes(tmp_path):
    agenda, minutes = _read(tmp_path, "minutes-2015-03-26.md", AGENDA_THEN_NOTES)
    assert (agenda.doc_type, agenda.date) == ("agenda", "2015-03-26")
    assert minutes.doc_type == "minutes" and "accounts were approved" in minutes.text
    # the notes name no date of their own: they are the meeting's whose agenda they follow
    assert (minutes.date, minutes.group) == ("2015-03-26", agenda.group)


def test_a_year_slip_in_the_title_is_no_meeting_date(tmp_path):
    doc = _read(tmp_path, "minutes-2015-06-18.md", "#Steering Committee Minutes\n##June 18, 1015\n\n###Attending:\n"
                "* Dana Ortiz\n\n## Budget\n\nThe accounts were approved.\n")[0]
    assert (doc.date, doc.date_source) == ("2015-06-18", "file_name")
    assert doc.date_problem and "1015" in doc.date_problem


TSC_MINUTES = """# Acme.io Foundation Technical Steering Committee (TSC) Meeting 2019-01-30

## Links

* **Recording**: <https://example.org/recording>
* **GitHub Issue**: <https://example.org/issues/651>

## Present

* Dana Ortiz @dortiz (TSC)
* Kofi Tembo @ktembo (TSC)

## Agenda

### acme/runtime

* Tracking issue for the build matrix [#476](https://example.org/issues/476)
  * Trying to get both interpreters into the build matrix.
  * Kofi T will find out the plans and report back.

* Nominating @lwong to rejoin the TSC [#694](https://example.org/issues/694)
  * Welcome to your first meeting :)
  * No objections, Dana will check numbers and open a PR tomorrow.
"""


def test_a_committee_meeting_titled_in_title_case_over_its_attendance(tmp_path):
    doc = _read(tmp_path, "2019-01-30.md", TSC_MINUTES)[0]  # the file name says nothing of its kind
    assert (doc.doc_type, doc.date) == ("minutes", "2019-01-30")
    assert doc.group == "Acme.io Foundation Technical Steering Committee"
    # owners are the people under "## Present"; "Trying to …" and "Welcome to …" are no owners
    owners = sorted(o for a in doc.actions for o in a.owners)
    assert owners == ["Dana", "Kofi T"], [(a.owners, a.text) for a in doc.actions]
    dana = next(a for a in doc.actions if a.owners == ["Dana"])
    assert dana.text.startswith("No objections") and "Nominating" not in dana.text


def test_an_action_log_after_the_agenda_is_that_meetings_and_its_rows_are_no_titles(tmp_path):
    from ingest.pipeline import extract_path

    (tmp_path / "parks.txt").write_text(
        "PARKS COMMITTEE\n\nAGENDA FOR THE MEETING ON 3 MARCH 2021\n\n1. Apologies\n\n2. Tree survey\n\n"
        "3. Any other business\n\n\fACTION LOG\n\nAction\tOwner\tStatus\n"
        "Report on the tree survey\tClerk\tOpen\nOrder two benches\tTreasurer\tDone\n", encoding="utf-8")
    docs = extract_path(str(tmp_path))
    assert [(d.doc_type, d.date, d.group) for d in docs] == [
        ("agenda", "2021-03-03", "Parks Committee"),
        # dated and grouped as stored (search's filters, `foi series`), not only when traced
        ("action_list", "2021-03-03", "Parks Committee"),
    ]
    assert len(docs[1].actions) == 2  # "Report on the tree survey" is a row, not a report's title


def test_a_deed_with_its_contents_and_schedules_is_one_dated_document(tmp_path):
    """A contract as councils publish it: a cover dated over its title and parties, spaced down the
    page; a contents list naming clauses and schedules ("SCHEDULE 16 STOCK POLICY"); clauses headed
    in capitals ("11. SERVICE STANDARDS"). One paper, dated and named by its cover."""
    contents = "\n".join(f"{n}.    {name}{'.' * 40}{n + 2}" for n, name in enumerate(
        ["Definitions", "Term", "Asset Sale and Transfer of Authority Assets", "Premises of the Authority",
         "Service Standards", "Insurance"], start=1))
    schedules = "\n\n".join(f"SCHEDULE {n} {name}" for n, name in [
        (14, "DATA PROTECTION"), (15, "SERVICE LEVELS"), (16, "STOCK POLICY"), (17, "SUPPORT SERVICES POLICY")])
    clauses = "\n\n".join(
        f"{n}. {title}\n\n{n}.1 The Provider shall meet the {title.lower()} set by the Authority as its Data Processor"
        f" for the Authority and report to the Authority every quarter."
        for n, title in [(5, "SERVICE STANDARDS"), (6, "INSURANCE"), (7, "STOCK POLICY")])
    deed = (f"DATED: 18 JULY 2012\n\n\n\nLIBRARY SERVICES CONTRACT\n\n\n\n\nbetween\n\n\n\n\nWEYFORD COUNTY COUNCIL"
            f"\n\n\n\nand\n\n\n\nWEYFORD LIBRARIES TRUST\n\n\n\nCONTENTS\n\nCLAUSE\n{contents}\n\n{schedules}\n\n"
            f"THIS AGREEMENT is dated 18 July 2012.\n\n{clauses}\n")
    docs = _read(tmp_path, "library-services-contract.txt", deed)
    assert [(d.title, d.date, d.group) for d in docs] == [
        ("Library Services Contract", "2012-07-18", "Weyford County Council")]


def test_a_letter_is_titled_by_its_subject_not_its_date_or_addressee(tmp_path):
    letter = ("26 November 2013\n\n\nMs Jane Doe\n\n\n\nBy email: jane@example.org\n\n\n\nDear Ms Doe\n\n"
              "FOI REQUEST - REFERENCE NUMBER 2013-040\n\nI refer to your request for access to documents under "
              "the Freedom of Information Act in your email of 22 September 2013.\n\nI have decided to release the "
              "documents in part.\n\nYours sincerely\n\nA Officer\nFOI Coordinator\n")
    (doc,) = _read(tmp_path, "2013-040 decision.txt", letter)
    assert (doc.doc_type, doc.title, doc.date) == ("letter", "FOI Request - Reference Number 2013-040", "2013-11-26")


NUMBERED_NOTES = """Minutes from 3rd Tidewater Rowing Club committee meeting, March 7, 2021

Attendees: Dana H., Kofi T., Priya A.

Agenda:

1) Confirmation of quorum
2) Boathouse roof repair
3) Summer regatta
4) Schedule next meeting

1) A quorum was confirmed.

2) Dana received two quotes for the roof. The lower one is from a local firm and covers the
gutters as well.

3) Kofi has booked the river marshals. Entries open in April.

4) The next meeting is on April 4.
"""

REPORT_LISTS = """Quarterly report of the Tidewater Rowing Club, March 2021

Aims for the quarter:
1. http://example.org/club/events/spring
2. Grow the junior squad
3. Finish the boathouse move

Three most important issues:

1. We plan to move the boats before the summer.

2. Recruit two new coaches.

3. Keep up community engagement.
"""


def test_numbered_paragraphs_sit_under_the_agenda_titles_they_answer(tmp_path):
    (doc,) = _read(tmp_path, "2021-03-07.md", NUMBERED_NOTES)
    by_start = {p.text.split()[0]: p.context for p in doc.passages if p.kind == "item" and "\n" not in p.text[:30]}
    # "2) Dana received two quotes …" is item 2 of the agenda: its subject is the roof repair
    assert by_start["2)"] == "2) Boathouse roof repair"
    assert by_start["3)"] == "3) Summer regatta"


def test_a_numbered_list_without_an_agenda_label_titles_nothing(tmp_path):
    (doc,) = _read(tmp_path, "report.txt", REPORT_LISTS)
    contexts = [p.context for p in doc.passages if p.text.lstrip().startswith(("2. Recruit", "3. Keep"))]
    assert contexts and not any(c and "boathouse" in c.lower() for c in contexts)
    assert not any(c and "junior" in c.lower() for c in contexts)


FOOTED_EMAIL = """Hi Sam

My apologies for the time this has taken. The register you asked for is a
public one, and is updated on a frequent and regular basis; your request
coincided with annual leave and with the monthly update of the spreadsheet.
As the definition of a house in multiple occupation differs between the
housing and the planning rules, I have also sent your request on to the
planning manager, who will answer it on his own.

If I can be of further help please contact me.

Jo Bloggs
Environmental Health Officer
Housing and Community Safety

--

****************************************************************
Any opinions expressed are not necessarily those of Kernow
District Council. This e-mail and any attachments are confidential.
****************************************************************

Kernow District Council
"""


def test_the_group_is_the_same_whatever_the_process_hash_seed(tmp_path):
    # "District Council" and "Kernow District Council" tie on the evidence; the name picked must
    # not depend on the order of a set, which changes from one process to the next
    import os
    import subprocess
    import sys

    path = tmp_path / "reply.txt"
    path.write_text(FOOTED_EMAIL, encoding="utf-8")
    code = "import sys; from ingest.pipeline import extract_file; print(extract_file(sys.argv[1]).documents[0].group)"
    groups = set()
    for seed in range(6):
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env,
                             cwd=Path(__file__).parent.parent, check=True)
        groups.add(out.stdout.strip())
    assert groups == {"Kernow District Council"}


SITE_PAGE = """---
title: "2021-05-12"
parent: Meetings
---
# HRWG Meeting - May 12, 2021

## Voting Member Attendees

- Dana Holt, Tidewater Rowing Club
- Kofi Tembo, Harbour Sailing Trust

## Voting Member Regrets

- Priya Ashworth, Estuary Canoe Club

# Action Items (AIs)

- Marta to draft the shared insurance proposal for the June meeting.

# Notes

Marta presented the insurers' quotes and indicated that she would circulate them by Friday.
Kofi said he would ask the harbour master about the slipway hours.
Dana noted that the regatta budget is unchanged.
"""

TITLED_PAGE = """---
layout: page
title: Harbour Users Steering Committee 2021 June
---

#### 9th June 2021 - video call

Present: Dana Holt, Kofi Tembo

Kofi will book the hall for the open day.
"""


def test_a_site_page_is_titled_and_grouped_by_its_heading_not_its_settings(tmp_path):
    (doc,) = _read(tmp_path, "2021-05-12.md", SITE_PAGE)  # the settings block is no document of its own
    assert (doc.doc_type, doc.date, doc.group) == ("minutes", "2021-05-12", "HRWG")
    assert doc.title == "HRWG Meeting - May 12, 2021"
    # Marta is on no attendance list, but presents at the meeting: she owns the listed action
    assert any(a.owners == ["Marta"] and a.text.startswith("Marta to draft") for a in doc.actions)
    # a promise reported: "Kofi said he would ask …"
    assert any(a.owners == ["Kofi"] and "harbour master" in a.text for a in doc.actions)
    # "Dana noted that the budget is unchanged" gives nobody a task
    assert not any("budget" in a.text for a in doc.actions)


def test_a_site_page_title_setting_names_the_paper_when_it_is_more_than_a_date(tmp_path):
    (doc,) = _read(tmp_path, "2021-06-09-steering.md", TITLED_PAGE)
    assert doc.title == "Harbour Users Steering Committee 2021 June"
    assert doc.date == "2021-06-09"


EVERYONE_NOTES = """Minutes from 9th Tidewater Rowing Club committee meeting, May 6, 2021

Attendees: Dana H., Kofi T., Priya A.

1) Safety policy

All committee members to read Dana's draft safety policy before the next meeting.

Everyone should renew their coaching licence by June.

All present should ask their crews about the new launch times.

We need to buy a new launch before the season, and we will write to the council about moorings.
"""


def test_a_task_given_to_everyone_at_the_meeting_is_an_action_of_theirs(tmp_path):
    (doc,) = _read(tmp_path, "2021-05-06.md", EVERYONE_NOTES.replace("All committee members", "All RC members"))
    owned = {a.text.split()[0] + " " + a.text.split()[1]: a.owners for a in doc.actions}
    assert owned["All RC"] == ["All RC members"]
    assert owned["Everyone should"] == ["Everyone"]
    assert owned["All present"] == ["All present"]
    # "we need to …" is how a report writes its plans too: no task given to anyone here
    assert not any(a.text.startswith("We need") for a in doc.actions)


LISTED_ACTIONS = """# HRWG Meeting - June 9, 2021

## Voting Member Attendees

- Dana Holt, Tidewater Rowing Club
- Kofi Tembo, Harbour Sailing Trust

# Action Items (AIs)

- Marta to book the hall for the open day.

# Notes

Dana reported on the slipway.

- Follow up: check with the harbour office about the mooring fees.

Rosa to send the minutes round.
"""


def test_owners_of_the_papers_own_action_list_need_not_be_on_its_attendance_list(tmp_path):
    (doc,) = _read(tmp_path, "2021-06-09.md", LISTED_ACTIONS)
    by_text = {a.text.split(":")[0] if a.text.startswith("Follow") else a.text.split()[0]: a.owners for a in doc.actions}
    assert by_text["Marta"] == ["Marta"]  # staff who write the list are not voting members
    # outside the list, a name nobody lists and who says nothing at the meeting owns nothing
    assert "Rosa" not in by_text
    # a task labelled as one, with nobody named
    assert by_text["Follow up"] == []


ROLL_OF_BULLETS = """# Harbour Users Committee

## Meeting Attendance

### In Attendance
*    Dana Holt
*    Kofi Tembo, Harbour Sailing Trust, Estuary Office
*    Priya Ashworth - Treasurer, Estuary Canoe Club

### Notes

KT: will send out the mooring fees before the next meeting.
PA: will circulate the accounts.
"""


def test_a_bulleted_roll_call_gives_each_person_once_with_their_initials(tmp_path):
    from ingest.extract.prose_actions import attendance

    people = attendance(ROLL_OF_BULLETS)
    # one person a line, then their body or role: not "harbour sailing trust" as a name
    assert {"kofi tembo", "priya ashworth", "dana holt"} <= people.names
    assert not any("trust" in name or "treasurer" in name for name in people.names)
    assert {"KT", "PA", "DH"} <= people.initials
    (doc,) = _read(tmp_path, "minutes-2021-07-01.md", ROLL_OF_BULLETS)
    assert {tuple(a.owners) for a in doc.actions} >= {("KT",), ("PA",)}


PARISH_MINUTES = """Minutes of the Meeting of Tidewater Parish Council held on 4 March 2021

Present: Cllr John Smith (Chair), Mrs Ann Jones (Clerk), Dr Peter Hale, Mike Shaw (MS)

1. Highways

Cllr Smith will contact the highways team about the potholes on Mill Lane.
It was agreed that Dr. Hale would review the tree survey before the next meeting.
Mr Brown will attend the county forum.
MS to book the hall for the open day.
"""


def test_an_owner_written_with_a_title_is_the_person_listed(tmp_path):
    (doc,) = _read(tmp_path, "parish-council-minutes-2021-03-04.txt", PARISH_MINUTES)
    owners = {a.text.split()[1] if a.text.startswith("Cllr") else a.text[:20]: a.owners for a in doc.actions}
    assert ["Cllr Smith"] in owners.values()
    assert ["Dr. Hale"] in owners.values()
    # initials that spell a title are still initials ("MS" is Mike Shaw)
    assert ["MS"] in owners.values()
    # Mr Brown is on no list and says nothing at the meeting: a title does not make a name an owner
    assert not any("Brown" in " ".join(a.owners) for a in doc.actions)


PARISH_PAGE = """---
title: "Tidewater Parish Council April Meeting Minutes"
date: "2018-07-28"
categories:
  - "parish-councils"
---

TIDEWATER PARISH COUNCIL Draft Minutes Subject to the Approval at the next Meeting Ordinary Meeting of the Parish Council Wednesday 4 April 2018 at 7.00 pm Tidewater Village Hall

Attendance: Cllr Dana Holt Chair Cllr Kofi Tembo Cllr Priya Ashworth Jo Bloggs Parish Clerk

68/18 Apologies There were no apologies.

69/18 Grit Bins The Parish Council agreed to ask the county to fill the grit bins. The Parish Council noted the cost.

70/18 Village Sign The Parish Council discussed the village sign and the Parish Council agreed to seek quotes.
"""


def test_a_council_page_is_dated_by_its_meeting_not_its_publication(tmp_path):
    (doc,) = _read(tmp_path, "index.md", PARISH_PAGE)
    # the page was published on 28 July; the meeting was on 4 April
    assert doc.date == "2018-04-04"
    # "the Parish Council" in every item is the one named in full at the head
    assert doc.group == "Tidewater Parish Council"
    assert doc.doc_type == "minutes"  # as the page's title says


PARISH_ITEMS = """TIDEWATER PARISH COUNCIL Minutes of the Ordinary Meeting of the Parish Council Wednesday 2 May 2018

Attendance: Cllr Dana Holt Chair Cllr Kofi Tembo Cllr Priya Ashworth Jo Bloggs Parish Clerk

Also, in attendance: Cllr Martin Storey Norfolk County Council Mr Chris Philpott Footpath Warden

72/18 Matters Arising The following items were raised as matters arising: • Grit Bins – The Clerk agreed to chase up the county again. • Poppy Wreath – Cllr Kofi Tembo shared that wreaths could be left. • Benches – Cllr Priya Ashworth agreed to get two prices.

73/18 Highways Following a request Cllr Martin Storey agreed to ask the county about the speed signs.
"""


def test_a_councils_items_give_their_tasks_to_those_on_its_roll(tmp_path):
    (doc,) = _read(tmp_path, "parish-council-minutes-2018-05-02.txt", PARISH_ITEMS)
    owned = {a.owners[0]: a.text for a in doc.actions if a.owners}
    # matters arising written as bullets inside one line, each "Subject – who agreed to what"
    assert owned["Clerk"].startswith("Grit Bins – The Clerk agreed") or "chase up the county" in owned["Clerk"]
    assert "two prices" in owned["Cllr Priya Ashworth"]
    # a roll without commas, each person after a title; "Also, in attendance" is a roll too
    assert "speed signs" in owned["Cllr Martin Storey"]
    assert not any("wreaths" in text for text in owned.values())


RUN_IN_MINUTES = """TIDEWATER PARISH COUNCIL Minutes of the Ordinary Meeting of the Parish Council Wednesday 6 June 2018

Attendance: Cllr Dana Holt Chair Cllr Kit Hesketh-Harvey Jo Bloggs Parish Clerk

133/18 Approval of Communications Protocol The Clerk agreed to amend and circulate it again before July.

134/18 Village Sign Cllr Kit Hesketh-Harvey agreed to ask local artists for designs.
"""


def test_a_minute_run_in_after_its_number_and_title_and_a_double_barrelled_owner(tmp_path):
    (doc,) = _read(tmp_path, "parish-council-minutes-2018-06-06.txt", RUN_IN_MINUTES)
    owned = {a.owners[0]: a.text for a in doc.actions if a.owners}
    # "133/18 Approval of Communications Protocol The Clerk agreed …": the title is no part of the owner
    assert "amend and circulate" in owned["Clerk"]
    assert "local artists" in owned["Cllr Kit Hesketh-Harvey"]


# A council's minutes pasted from a PDF into a web page: every item on one line, lettered points
# and minute numbers run in after the stop that ends the sentence before them.
ONE_LINE_MINUTES = (
    "MARSHFORD PARISH COUNCIL Minutes of the Ordinary Meeting of the Parish Council Wednesday 7 March 2018 "
    "Attendance: Cllr Dana Holt Chair Cllr Owen Price Cllr Rhian Lloyd Jo Bloggs Parish Clerk "
    "52/18 Matters Arising a) The Parish Council affirmed that the grit bins were in place. The Clerk agreed to "
    "enquire about their re-filling after the snow. b) The Emergency Plan would be on the April agenda. "
    "53/18 Footpaths A resident reported a fallen tree on the bridleway. Following a request from Councillors "
    "Cllr Owen Price agreed to ask the landowner to clear it. 54/18 Communications The Clerk agreed to draft a "
    "protocol for review at the April meeting. 55/18 Date of Next Meeting Wednesday 4 April 2018.\n"
)


def test_a_sentence_ends_before_a_lettered_point_or_minute_number_run_in_after_it(tmp_path):
    (doc,) = _read(tmp_path, "parish-council-minutes-2018-03-07.md", ONE_LINE_MINUTES)
    tasks = {a.text: a.owners for a in doc.actions}
    assert tasks["The Clerk agreed to enquire about their re-filling after the snow."] == ["Clerk"]
    # the minute's number and title run in before its task are the minute's, not the sentence before
    assert tasks["54/18 Communications The Clerk agreed to draft a protocol for review at the April meeting."] == ["Clerk"]
    assert tasks["Following a request from Councillors Cllr Owen Price agreed to ask the landowner to clear it."]


def test_an_owner_after_what_led_to_the_task_is_its_owner(tmp_path):
    (doc,) = _read(tmp_path, "parish-council-minutes-2018-03-07.md", ONE_LINE_MINUTES)
    owned = {a.owners[0]: a.text for a in doc.actions if a.owners}
    # "Following a request from Councillors Cllr Owen Price agreed to …": no comma after the lead-in
    assert owned["Cllr Owen Price"].startswith("Following a request from Councillors Cllr Owen Price agreed to ask")


def _parish_page(title_setting: str, opening: str) -> str:
    """A village website's page of a parish council's minutes: settings, then the minutes."""
    return (f'---\ntitle: "{title_setting}"\ndate: "2009-11-01"\ncategories: \n  - "parish-councils"\n---\n\n'
            f"{opening}\n\nHELD AT THE CHURCH ON MONDAY 16TH NOVEMBER 2009\n\n"
            "Present: Cllr D Lloyd - Chairman, Cllr M Peake, Cllr A Box\n\n"
            "1\\. Apologies for Absence: none.\n\n"
            "2\\. Matters Arising: The Clerk will write to Highways about the flooding on Church Lane.\n")


@pytest.mark.parametrize("title_setting, opening", [
    # the month's meeting, the body abbreviated; spelt out on the line under
    ("Marshford PC Minutes", "Minutes of the November meeting of Marshford PC\n\nMINUTES OF MARSHFORD PARISH COUNCIL MEETING"),
    # a first line naming no body; the title under it does
    ("Minutes", "Minutes of the meeting held on 16th November 2009\n\nDRAFT MINUTES OF MARSHFORD PARISH COUNCIL MEETING"),
    # a misspelt first line: the body after "<month> Meeting of"
    ("Marshford PC", "Minuites of the November Meeting of Marshford Parish Council\n\nMINUTES OF MARSHFORD PARISH COUNCIL MEETING"),
    # the settings' title reads like a minutes heading: still the page's settings, not a paper
    ("MINUTES OF MARSHFORD PARISH COUNCIL MEETING", "MINUTES OF THE MEETING HELD AT THE CHURCH"),
])
def test_a_parish_council_page_is_one_paper_of_the_council(tmp_path, title_setting, opening):
    (doc,) = _read(tmp_path, "minutes-of-marshford-parish-council.md", _parish_page(title_setting, opening))
    assert (doc.doc_type, doc.date, doc.group) == ("minutes", "2009-11-16", "Marshford Parish Council")
    assert "flooding on Church Lane" in doc.text


INITIALLED_ROLL_MINUTES = """MINUTES OF MARSHFORD PARISH COUNCIL MEETING

HELD AT THE CHURCH TUESDAY 14th JULY 2009

Present: Cllr D Lloyd - Chairman,

Cllr M Peake, Cllr A Box, Cllr. L Hart, Cllr B Glover.

1\\. Play area: the old bin was beyond repair. Cllr. L. Hart offered to supply posts for a new one.

2\\. Footpaths: Cllr. A Box offered to submit a quotation to clear the briar himself.

3\\. Drainage: Lucy Hart volunteered to look into the flooding on Church Lane.

4\\. Other reports: Cllr M Peake has offered to clear briar along Church Road. The Chairman reported that
he will be updating the website.
"""


def test_a_roll_of_titles_and_initials_that_runs_on_after_a_blank_line_gives_its_owners(tmp_path):
    (doc,) = _read(tmp_path, "minutes-2009-07-14.md", INITIALLED_ROLL_MINUTES)
    tasks = {a.text: a.owners for a in doc.actions}
    # "Cllr. L. Hart": neither the title's stop nor the initial's ends the sentence
    assert any(text.startswith("Cllr. L. Hart offered to supply posts") for text in tasks)
    assert ["Cllr. A Box"] in tasks.values()  # listed as "Cllr A Box" on the line after the blank one
    assert ["Lucy Hart"] in tasks.values()  # "Cllr. L Hart" on the roll: her surname, with her initial
    assert ["Cllr M Peake"] in tasks.values()  # "has offered to"
    assert ["Chairman"] in tasks.values()  # a promise reported: "reported that he will be updating"


UNMARKED_MINUTES = """MINUTES OF MARSHFORD PARISH COUNCIL MEETING

HELD AT THE CHURCH TUESDAY 10th NOVEMBER 2009

Present: Cllr D Lloyd - Chairman, Cllr M Peake, Cllr A Box

4\\. Telephone kiosk: neither option is open and BT will be contacted to stress that a pay phone is needed.

5\\. Footpaths: the footway by the school is in poor repair. A letter should be sent to Highways about it.

6\\. Accounts: the accounts were approved and will be published on the website.

7\\. Bus shelter: the shelter was cleaned by volunteers.
"""

MARKED_MINUTES = UNMARKED_MINUTES + "\nACTION: Cllr A Box to thank the volunteers.\n"


def test_a_paper_that_marks_no_actions_gives_its_errands_set_in_the_passive(tmp_path):
    (doc,) = _read(tmp_path, "minutes-2009-11-10.md", UNMARKED_MINUTES)
    tasks = {a.text: a.owners for a in doc.actions}
    assert [o for t, o in tasks.items() if "BT will be contacted to stress" in t] == [[]]  # nobody named
    assert tasks.get("A letter should be sent to Highways about it.") == []
    assert not any("cleaned by volunteers" in t for t in tasks)  # done, not to do


def test_a_paper_that_marks_its_actions_says_by_them_which_are_tasks(tmp_path):
    (doc,) = _read(tmp_path, "minutes-2009-11-10.md", MARKED_MINUTES)
    assert [a.owners for a in doc.actions] == [["Cllr A Box"]]
