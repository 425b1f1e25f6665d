"""What a follow-up link shows, on board minutes in the shapes real boards write (every name and
body here is invented): an action closed by an "Action: AW" tag whose list of conditions sits
under the tag; a report whose paragraph says in two sentences who held the event and what it was
for (the link shows the paragraph); a roll call naming the action's owner, which reports
nothing of the action; a "Matters arising" line inside an item's text, which opens the section
that reports on earlier actions; and the closing tag, which belongs to the action above it."""

from __future__ import annotations

from pathlib import Path

import pytest
from trace_fixtures import traced, write_papers

SEPTEMBER = """Weyford Libraries Board

Minutes of the Board meeting held on 11th September 2012

Present: Ann West (AW), Carl Dunn (CD), Mona Harte (MH)

10. Premises

The leases of four branch premises expire this year.

11. Orchard Lane Library - Application to change opening hours

The branch group proposed opening every morning instead of three afternoons.

The Board agreed that in order to make a decision the following needed to be resolved:
Action: AW
1. Under 18s consultation and access proposals
2. Communication plan to be reviewed by the county press office

12. Volunteers

Mona Harte to organise a volunteers workshop to seek views on the weekend rota.

13. Membership officer

Carl Dunn to find a volunteer for the post of membership officer.
"""

NOVEMBER = """Weyford Libraries Board

Minutes of the Board meeting held on 19th November 2012

Apologies were received from Mona Harte and Carl Dunn.

1. Matters arising

Orchard Lane Library opening hours - the under 18s consultation has closed and the communication plan was agreed with the press office.

2. Volunteers

The volunteers workshop took place on 3 November at the Orchard Lane branch with thirty volunteers. Its main purpose was to seek views on the weekend rota.

3. Membership officer

This item is to stay on the agenda as no volunteer has come forward for the membership officer post.
"""


@pytest.fixture(scope="module")
def traces(tmp_path_factory):
    return traced(tmp_path_factory.mktemp("board"), {"board-minutes-2012-09-11.txt": SEPTEMBER,
                                                       "board-minutes-2012-11-19.txt": NOVEMBER})


def _trace(traces, words: str) -> dict:
    found = [t for t in traces if words in t["action"]["text"]]
    assert found, f"no action with {words!r}: {[t['action']['text'] for t in traces]}"
    return found[0]


def test_the_list_under_a_closing_action_tag_is_part_of_the_action(traces):
    action = _trace(traces, "in order to make a decision")["action"]
    assert action["owners"] == ["AW"]
    assert "Under 18s consultation" in action["text"] and "press office" in action["text"]
    assert "Volunteers" not in action["text"]  # the list ends at its blank line


def test_the_list_links_the_action_to_its_report(traces):
    chain = _trace(traces, "in order to make a decision")["chain"]
    assert any("under 18s consultation has closed" in link["text"] for link in chain), chain


def test_a_paragraph_that_reports_in_two_sentences_is_shown_whole(traces):
    chain = _trace(traces, "volunteers workshop")["chain"]
    reports = [link["text"] for link in chain if "workshop took place" in link["text"]]
    assert reports and "weekend rota" in reports[0], chain


def test_an_item_kept_on_the_agenda_is_carried_forward(traces):
    trace = _trace(traces, "membership officer")
    assert [link["relation"] for link in trace["chain"] if "stay on the agenda" in link["text"]] == ["carried_forward"]
    assert trace["status"] == "carried_forward"


def test_a_roll_call_naming_the_owner_is_not_a_follow_up(traces):
    chain = _trace(traces, "volunteers workshop")["chain"]
    assert not any(link["text"].startswith("Apologies") for link in chain), chain


JANUARY = """Weyford Libraries Board

Minutes of the Board meeting held on 30th January 2014

4. Community groups

Brackley – the General Manager will be visiting the new Chair of the Friends group next week and the Vice Chair continues to work with the group.
Action: AW
The Board thanked the groups for their work over the winter.
"""

MARCH = """Weyford Libraries Board

Minutes of the Board meeting held on 20th March 2014

3. Minutes of the last meeting
The minutes were agreed as a true record.
Matters arising
Item 4 – the Brackley visit was cancelled and has been rescheduled for 10th April.
Signage – this is ongoing and the marketing team is working with the county.
"""


@pytest.fixture(scope="module")
def spring(tmp_path_factory):
    from ingest.pipeline import extract_path

    folder = write_papers(tmp_path_factory.mktemp("spring"), {"board-minutes-2014-01-30.txt": JANUARY,
                                                               "board-minutes-2014-03-20.txt": MARCH})
    return extract_path(str(folder))


def test_matters_arising_on_a_line_of_its_own_is_a_heading(spring):
    documents = spring
    march = next(d for d in documents if d.date == "2014-03-20")
    arising = next(p for p in march.passages if "Brackley visit was cancelled" in p.text)
    assert arising.kind == "heading" and arising.context == "Matters arising"


def test_the_closing_action_tag_is_not_part_of_the_next_sentence(spring):
    documents = spring
    from index.trace.tracer import Tracer

    tracer = Tracer(documents)
    january = next(d for d in documents if d.date == "2014-01-30")
    thanked = [u.text for u in tracer.units[january.doc_id] if "thanked the groups" in u.text]
    assert thanked and all(not t.startswith("Action") for t in thanked), thanked


# A report whose sentence runs over a page break: "… securing funding from the Town" at the foot
# of page 1, "Council, which will pay for the new stair risers." at the top of page 2.
AUGUST = """Minutes of Trustees of The Friends of Weyford Library
Meeting held 4th August 2015

4. Stair risers

The Trustees agreed to apply to the Town Council for funding towards the new stair risers.
Action: DT
"""


def _report_pdf(path: Path) -> None:
    from pdf_fixtures import new_canvas

    c = new_canvas(path)
    top = [
        "Minutes of Trustees of The Friends of Weyford Library",
        "Meeting held 27th October 2015",
        "",
        "4. Stair risers",
        "",
        "4.1 DT confirmed that we had been successful in securing funding from the Town",
    ]
    y = 780
    for line in top:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(72, 780, "Council, which will pay for the new stair risers.")
    c.drawString(72, 764, "")
    c.drawString(72, 748, "5. Any other business")
    c.drawString(72, 732, "None.")
    c.save()


def test_a_report_cut_by_a_page_break_is_labelled_by_the_whole_sentence(tmp_path):
    _report_pdf(tmp_path / "friends-minutes-2015-10-27.pdf")
    traces = traced(tmp_path, {"friends-minutes-2015-08-04.txt": AUGUST})
    chain = _trace(traces, "apply to the Town Council")["chain"]
    later = [link for link in chain if link["date"] == "2015-10-27"]
    assert later and all(link["relation"] == "completed" for link in later), chain


def test_an_item_title_that_answers_the_action_is_shown_with_the_sentence_under_it(tmp_path):
    papers = {
        "board-minutes-2014-01-09.txt": (
            "Weyford Libraries Board\n\nMinutes of the Board meeting held on 9th January 2014\n\n"
            "3. Premises\n\nThe leases of four branch premises expire this year.\n\n"
            "4. Finance\n\nThe treasurer presented the accounts for the third quarter.\n\n"
            "5. Any other business\n\n"
            "It was requested that the status of all unaffiliated reading circles should be discussed "
            "at the next Board meeting.\nAction: AW\n"),
        "board-minutes-2014-02-27.txt": (
            "Weyford Libraries Board\n\nMinutes of the Board meeting held on 27th February 2014\n\n"
            "4. Premises\n\nTwo of the four leases have been renewed for five years.\n\n"
            "5. Finance\n\nThe accounts were approved and signed by the chair.\n\n"
            "6. Status of unaffiliated reading circles\n\n"
            "The outreach lead gave the following update:\n\n"
            "Eastgate\nThe circle meets monthly and has asked for a room at the branch.\n"),
    }
    trace = next(t for t in traced(tmp_path, papers) if "reading circles" in t["action"]["text"])
    shown = [link["text"] for link in trace["chain"] if "Status of unaffiliated" in link["text"]]
    # the title alone says nothing of what happened: the sentence under it is shown with it
    assert shown and "gave the following update" in shown[0], trace["chain"]


def test_a_restated_item_with_its_status_field_is_one_follow_up(tmp_path):
    # Markdown minutes list the last meeting's items again, each with fields under it
    papers = {
        "minutes-2015-03-12.md": (
            "# Steering committee meeting 2015-03-12\n\n## New business\n\n"
            "The treasurer presented the accounts for the quarter.\n\n## Actions\n\n"
            "* Greg: set up a poll to choose the weekend of the in-person meeting\n\n"
            "* Mina: draft the partner membership rules for the website\n"),
        "minutes-2015-03-26.md": (
            "# Steering committee meeting 2015-03-26\n\n## Previous action items\n\n"
            "* Poll for the in-person meeting weekend\n\n"
            "    * Assigned: Greg\n\n"
            "    * Status: done, the weekend of June 13-14 suits everyone\n\n"
            "* Partner membership rules\n\n"
            "    * Assigned: Mina\n\n"
            "    * Status: no update\n"),
    }
    traces = traced(tmp_path, papers)
    poll = next(t for t in traces if "poll" in t["action"]["text"])
    links = [link for link in poll["chain"] if "June 13-14" in link["text"]]
    assert links and "Poll for the in-person meeting" in links[0]["text"], poll["chain"]
    assert links[0]["relation"] == "completed"


def test_a_short_status_sentence_after_the_follow_up_is_shown_with_it(tmp_path):
    papers = {
        "board-minutes-2018-09-05.txt": (
            "Weyford Pharmacy Committee\n\nMinutes of the Committee meeting held on 5th September 2018\n\n"
            "3. Premises\n\nThe leases of four branch premises expire this year.\n\n"
            "4. Services\n\nFQ to contact the stop smoking adviser about a joint clinic.\n\n"
            "5. Finance\n\nThe treasurer presented the accounts for the quarter.\n"),
        "board-minutes-2018-11-14.txt": (
            "Weyford Pharmacy Committee\n\nMinutes of the Committee meeting held on 14th November 2018\n\n"
            "3. Premises\n\nTwo of the four leases have been renewed for five years.\n\n"
            "4. Health campaigns\n\nSee report for full details.\nFurther discussion required regarding the joint clinic "
            "with the stop smoking adviser. Deferred to the next meeting.\n\n"
            "5. Finance\n\nThe accounts were approved and signed by the chair.\n"),
    }
    trace = next(t for t in traced(tmp_path, papers) if "smoking" in t["action"]["text"])
    links = [link for link in trace["chain"] if "Further discussion required" in link["text"]]
    assert links and "Deferred to the next meeting" in links[0]["text"], trace["chain"]
    assert links[0]["relation"] == "carried_forward"


# Notes-style minutes (Markdown bullets): a note of two sentences is one report, as its reader
# quotes it; a long bullet is still cut into sentences.
NOTES_APRIL = """# Weyford Tools Committee Meeting 2019-04-17

## Present

* Ann West
* Carl Dunn

## Agenda

* Release schedule
  * Version 12 goes out next Tuesday; the changelog is being written.
* Security
  * Two reports this month, both fixed in the last patch release.

Build Resources

* Nothing much to report this week. Will put together a brief doc describing the problem and
  proposed solutions, get some input and then figure out next steps.
"""

NOTES_MAY = """# Weyford Tools Committee Meeting 2019-05-01

## Present

* Ann West
* Carl Dunn

## Agenda

* Strategic initiatives
  * Release schedule
    * Version 12 went out on Tuesday with its changelog.
  * Security
    * No new reports since the last meeting.
  * Build resources
    * Last week, a doc describing the problem and possible solutions was promised
      for this week. There is a draft (only its first part so far) in an open
      issue and it is being discussed.
"""


def test_a_bullet_note_of_two_sentences_is_one_follow_up(tmp_path):
    traces = traced(tmp_path, {"2019-04-17.md": NOTES_APRIL, "2019-05-01.md": NOTES_MAY})
    chain = _trace(traces, "brief doc describing the problem")["chain"]
    notes = [link["text"] for link in chain if "doc describing the problem" in link["text"]]
    assert notes and "There is a draft" in notes[0] and "being discussed" in notes[0], chain


# A word processor's second-level bullet ("o   Bank mandate changes") under a lead-in that says
# what became of every point on the list.
OCTOBER_BOARD = """Weyford Libraries Board

Minutes of the Board meeting held on 17th October 2012

Present: Ann West (AW), Carl Dunn (CD), Mona Harte (MH)

4. Matters arising

g) Outcome of the Chair's meeting with county councillors - the Chair
reported a constructive meeting.

h) Completed decisions - it was noted that these had been
completed:

o Bank mandate changes
o Confirmation of head lease renewals to the county
o Contract summary
o Document management system

5. General Manager report

The written report was noted.
"""

SEPTEMBER_BOARD = """Weyford Libraries Board

Minutes of the Board meeting held on 11th September 2012

Present: Ann West (AW), Carl Dunn (CD), Mona Harte (MH)

6. Finance

The new signatories were agreed. AW to complete the bank mandate changes with the bank.

7. Premises

The leases of four branch premises expire this year.
"""


def test_a_list_of_short_points_under_its_lead_in_is_one_report(tmp_path):
    traces = traced(tmp_path, {"board-minutes-2012-09-11.txt": SEPTEMBER_BOARD,
                               "board-minutes-2012-10-17.txt": OCTOBER_BOARD})
    chain = _trace(traces, "bank mandate")["chain"]
    links = [link for link in chain if "Bank mandate changes" in link["text"]]
    assert links and "Completed decisions" in links[0]["text"], chain
    assert links[0]["relation"] == "completed"


def test_a_word_processors_o_bullet_opens_a_list_item(tmp_path):
    from ingest.pipeline import extract_path

    folder = write_papers(tmp_path, {"board-minutes-2012-10-17.txt": OCTOBER_BOARD})
    (doc,) = extract_path(str(folder))
    # each "o" point is a block of its own, not a lower-case line continuing the one above
    bank = next(p for p in doc.passages if "Bank mandate changes" in p.text)
    starts = {bank.start + part for part in bank.parts} | {bank.start}
    for point in ("o Confirmation of head lease", "o Contract summary", "o Document management system"):
        assert doc.text.find(point) in starts, (point, bank.parts, bank.text)


NOTES_FEB = """# Weyford Tools Committee Meeting 2019-02-06

## Present

* Ann West
* Carl Dunn

## Agenda

* Release schedule
  * Version 11 goes out next week.
* Tracking issue for updating the committee on board meetings [#476]
  * Dana not here, defer to next time.
"""

NOTES_MARCH = """# Weyford Tools Committee Meeting 2019-03-06

## Present

* Ann West
* Dana Okafor

## Agenda

* Release schedule
  * Version 11 went out with two fixes.
* Tracking issue for updating the committee on board meetings [#476]
  * Board meeting on Friday 8th, nothing on its agenda from the committee.
"""


def test_an_item_title_bullet_is_shown_with_the_note_under_it(tmp_path):
    traces = traced(tmp_path, {"2019-02-06.md": NOTES_FEB, "2019-03-06.md": NOTES_MARCH})
    chain = _trace(traces, "defer to next time")["chain"]
    later = [link["text"] for link in chain if link["date"] == "2019-03-06"]
    assert later and "Board meeting on Friday 8th" in later[0], chain


def test_the_owner_reporting_on_the_items_subject_in_other_words_is_a_follow_up(tmp_path):
    head = "Minutes from {n}th Weyford Tools TSC meeting, {day}\n\nAttendees: Ken M., Dan B., Nick A.\n\n"
    papers = {
        "2019-01-17.md": head.format(n=5, day="Jan. 17, 2019") + (
            "1) Quorum was confirmed\n\n2) Release schedule\n\nVersion 6 goes out next week with its changelog.\n\n"
            "3) SIGGRAPH Course\n\nKen will send around an email thread to start a discussion on topics to be presented.\n"),
        "2019-02-14.md": head.format(n=7, day="Feb. 14, 2019") + (
            "1) Quorum was confirmed\n\n2) Release schedule\n\nVersion 6 went out with two fixes.\n\n"
            "4) Ken submitted a proposal for the Weyford SIGGRAPH Course on Feb. 12th.\n"),
    }
    chain = _trace(traced(tmp_path, papers), "send around an email thread")["chain"]
    links = [link for link in chain if "submitted a proposal" in link["text"]]
    # linked as the owner's report on the item, not by a chance word
    assert links and links[0]["reason"] == "owner", chain


def test_a_web_address_in_an_action_is_no_part_of_its_subject():
    from index.trace.text import content_stems

    stems = content_stems("Dan will investigate reno, as used in https://docs.example.org/projects/lftools/en/latest/"
                          "release-notes.html as one option, see [the packaging guide](https://example.org/a/b).")
    assert "reno" in stems and "packag" in " ".join(stems)  # the link's own text stays
    assert not {"http", "https", "lftool", "html", "en", "docs", "org"} & set(stems), stems


def test_an_item_put_off_is_followed_by_the_item_at_a_later_meeting(tmp_path):
    head = "Weyford Libraries Board\n\nMinutes of the Board meeting held on {day}\n\nPresent: Ann West (AW), Carl Dunn (CD)\n\n"
    papers = {
        "board-minutes-2014-01-30.txt": head.format(day="30th January 2014") + (
            "4. Finance\n\nThe accounts for the quarter were noted.\n\n"
            "5. Branch signage\n\nCarl not here, deferred until next meeting.\n\n"
            "6. Volunteers\n\nThe volunteers rota is full until Easter.\n"),
        "board-minutes-2014-03-20.txt": head.format(day="20th March 2014") + (
            "4. Finance\n\nThe accounts were approved.\n\n"
            "5. Branch signage\n\nThe new branch signage designs were agreed with the county.\n\n"
            "6. Volunteers\n\nTwo new volunteers joined in February.\n"),
    }
    chain = _trace(traced(tmp_path, papers), "deferred until next meeting")["chain"]
    assert any("signage designs were agreed" in link["text"] for link in chain), chain


ROWING_JAN = """Minutes from 5th Harbour Rowing TSC meeting, Jan. 17, 2019

Attendees: *Ken* M., *Nick* A., *Dan* B.

Agenda:

1) Confirmation of quorum
2) Boathouse roof
3) Summer course
4) Schedule next meeting

1) A quorum was confirmed.

2) The roof quotes are due next month.

3) Summer course: a proposal is due in February. Ken will send around an email thread to start a
discussion on the topics to be presented.

4) The next meeting is on Feb. 14.
"""

ROWING_FEB = """Minutes from 6th Harbour Rowing TSC meeting, Feb. 14, 2019

Attendees: *Ken* M., *Nick* A., *Dan* B.

Agenda:

1) Confirmation of quorum
2) Summer course
3) Schedule next meeting

1) A quorum was confirmed.

2) Ken submitted a proposal for the Harbour Rowing summer course on Feb. 12th. The
submission is still open for a 90 minute slot and has room for one more talk.
The first topic, presented by Ken, will be an update since the last course.
Nick will present the new rigging guide.

3) The next meeting is on March 7.
"""


def test_a_numbered_paragraph_opening_on_prose_is_read_whole_not_under_its_first_line(tmp_path):
    # "2) Ken submitted a proposal … on Feb. 12th. The" is the paragraph's first line, not a
    # title: the report is that sentence and the ones after it, read as one paragraph
    traces = traced(tmp_path, {"2019-01-17.md": ROWING_JAN, "2019-02-14.md": ROWING_FEB})
    (trace,) = [t for t in traces if t["action"]["text"].startswith("Ken will send around")]
    (link,) = trace["chain"]  # one report, not its first sentence and another one apart
    assert "Ken submitted a proposal" in link["text"] and "The first topic, presented by Ken" in link["text"]
