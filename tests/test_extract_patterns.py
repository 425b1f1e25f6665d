"""The pattern modules on plain strings: dates, recommendation references, owners, due, tokens."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ingest.extract import find_dates, find_recommendation_refs, find_text_actions
from ingest.extract.due import due_from_text
from ingest.extract.nlp import tokens
from ingest.extract.owners import owners_from_text


def _dates(text: str, year: int | None = 2017, ref: str | None = None) -> list[tuple[str, str | None]]:
    return [(t, iso) for _, _, t, iso in find_dates(text, year, ref_date=ref)]


@pytest.mark.parametrize(("text", "expected"), [
    ("held on 3rd May 2016 at", [("3rd May 2016", "2016-05-03")]),
    ("MINUTES – Thursday 4th May 2017", [("Thursday 4th May 2017", "2017-05-04")]),
    ("Start: Thu 04/05/2017 13:30", [("Thu 04/05/2017", "2017-05-04")]),
    ("Version 1.5 – 14/02/2017", [("14/02/2017", "2017-02-14")]),
    ("by Home Office (23/6/15).", [("23/6/15", "2015-06-23")]),
    ("deadline date of August 2017.", [("August 2017", "2017-08")]),
    ("by the end of March 2016.", [("end of March 2016", "2016-03")]),
    ("Mar 2017", [("Mar 2017", "2017-03")]),
    ("go live Q3 2018", [("Q3 2018", None)]),
    ("<< File: 2016 02 02 Letter to SOLOs Forum.docx >>", [("2016 02 02", "2016-02-02")]),
    ("MAPPA NSG 18\nFEBRUARY 2016 ...", [("18\nFEBRUARY 2016", "2016-02-18")]),
    ("Engagement Days throughout June in the North", [("June", "2017-06")]),
    ("there would not be an April meeting", [("April", "2017-04")]),
    ("remit reset in 2013; the 2015 Report; 2017/18; at 1330 hours; 13:30", []),
    ("we may go; members may wish to march", []),
    ("met on 16 September and 22 October 2015.", [("16 September", "2015-09-16"), ("22 October 2015", "2015-10-22")]),
    ("courses in May and June 2016", [("May and June 2016", "2016-05"), ("June 2016", "2016-06")]),
])
def test_find_dates(text, expected):
    assert _dates(text) == expected


def test_year_of_a_previous_meeting_is_the_year_before_when_its_month_is_later():
    text = "Minutes of previous meeting on 15 October and matters arising"
    assert _dates(text, 2016, "2016-02-18") == [("15 October", "2015-10-15")]
    assert _dates("previous meeting of Thursday 9th March", 2017, "2017-05-04") == [("Thursday 9th March", "2017-03-09")]


def test_year_of_a_next_meeting_is_the_year_after_when_its_month_is_earlier():
    assert _dates("The next meeting will be on 12 January.", 2017, "2017-11-20") == [("12 January", "2018-01-12")]


def test_undated_text_takes_the_nearest_explicit_year():
    assert _dates("On 3 May 2019 we met; again on 4 June.", None) == [("3 May 2019", "2019-05-03"), ("4 June", "2019-06-04")]


@pytest.mark.parametrize(("text", "numbers"), [
    ("seek views on Recommendation 9 of the Joint Thematic Review", [9]),
    ("**On recommendation 7** members acknowledged", [7]),
    ("progress on recommendations 2 and 3", [2, 3]),
    ("recommendations 2–4 were discussed", [2, 3, 4]),
    ("see Rec. 6 and Rec 8", [6, 8]),
    ("in response to HMIC(S) recommendation 2 and upon completion", [2]),
    ("This work predated Recommendation 1 of the Thematic report.", [1]),
    ("the 10 recommendations; the Report's 10 recommendations; made 10 recommendations", []),
    ("three recommendations remain open", []),
])
def test_find_recommendation_refs(text, numbers):
    assert [n for _, _, n in find_recommendation_refs(text)] == numbers


@pytest.mark.parametrize(("text", "owners"), [
    ("SGCSU to circulate ViSOR users leaflet", ["SGCSU"]),
    ("█ and █ to meet and discuss process", ["█", "█"]),
    ("NSS and █ to take to ViSOR User group", ["NSS", "█"]),
    ("[REDACTED] and [REDACTED] to complete DWP Operational Guidance", ["[REDACTED]", "[REDACTED]"]),
    ("[REDACTED] agreed to circulate the relevant presentation", ["[REDACTED]"]),
    ("Clarity around housekeeping documents to be taken to SWS", []),
    ("Confirm if email from █ to SOG chairs has been circulated", []),
    ("Clarification required from SWS around the commitment", ["SWS"]),
    ("Provide any comments to █ and thereafter NSS will circulate", ["NSS"]),
    ("The Clerk to the Committee to circulate the paper", ["Clerk to the Committee"]),
    ("Audit and Risk Committee to consider the report", ["Audit and Risk Committee"]),
])
def test_owners_from_text(text, owners):
    assert owners_from_text(text) == owners


@pytest.mark.parametrize(("text", "due"), [
    ("█ to arrange meeting with new chair when appointed on 19th May 2017", ("when appointed on 19th May 2017", "2017-05-19")),
    ("Confirm the plan and a deadline date of August 2017.", ("August 2017", "2017-08")),
    ("JB to report back by 30 April 2018", ("30 April 2018", "2018-04-30")),
    ("█ to summarise paper at next SWS Standing Committee.", ("next SWS Standing Committee", None)),
    ("Clerk to circulate at the next meeting", ("next meeting", None)),
    ("Will put together a brief doc, get some input and then figure out next steps.", (None, None)),
    ("Dana to send the figures by next week", ("next week", None)),
    ("Confirm availability for the suggested meeting dates in 2016", (None, None)),
])
def test_due_from_text(text, due):
    assert due_from_text(text, 2017, "2017-05-04") == due


@pytest.mark.parametrize(("text", "number", "body"), [
    ("ACTION SGCSU to circulate the leaflet.", None, "SGCSU to circulate the leaflet."),
    ("ACTION: [REDACTED] agreed to circulate it.", None, "[REDACTED] agreed to circulate it."),
    ("ACTION 3 – Confirm the email has gone.", 3, "Confirm the email has gone."),
    ("Action 7 : █ Form of words to be generated", 7, "█ Form of words to be generated"),
    ("Action point 4: Clerk to book venue.", 4, "Clerk to book venue."),
    ("AP3 – KL to update the risk register", 3, "KL to update the risk register"),
])
def test_action_line_forms(text, number, body):
    (action,) = find_text_actions(f"Some discussion.\n\n{text}\n\nMore discussion.")
    assert (action.number, action.text) == (number, body)


@pytest.mark.parametrize("text", [
    "Action plans were discussed and agreed.",
    "<< ACTION LOG MAPPA DEVELOPMENT GROUP.xls >>",
    "ACTION LOG MAPPA DEVELO...",
    "█ agreed that she would raise this at the next NSG meeting.",
])
def test_unmarked_or_non_action_lines_are_not_actions(text):
    assert find_text_actions(f"{text}\n") == []


def test_wrapped_action_line_continues_but_stops_at_next_paragraph():
    width_line = "x" * 95
    text = (f"{width_line}\n{width_line}\n"
            "ACTION 3 – Confirm if email from █ to SOG chairs has been circulated and includes the National ViSOR\n"
            "Action plan as a template and a deadline date of August 2017.\n"
            "NSS are reviewing the standards.\n")
    (action,) = find_text_actions(text)
    assert action.text.endswith("deadline date of August 2017.")


def test_redaction_markers_are_single_tokens_and_text_is_kept():
    text = "[REDACTED] and [Redacted]@fife.gov.uk met ████ and [REDACTED - s.38(1)(b)]."
    doc = tokens(text)
    assert doc.text == text
    marked = [t.text for t in doc if t._.is_redaction]
    assert marked == ["[REDACTED]", "[Redacted]", "████", "[REDACTED - s.38(1)(b)]"]


def test_importing_extract_does_not_import_spacy():
    code = "import sys, ingest.extract; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


MINUTES_WITH_LINKED_ACTIONS = """3. Weather API
    1. See [Action-SC-2017-17 Project Charter for Weather API](https://tracker.example/issues/188)
    2. RG - Should we share the presentation?
    3. MD - Ok, I can do that:
        - [Action-SC-2017-63 Circulate the presentation on the Weather API](https://tracker.example/issues/324)
    4. JT - Could you speak to them?
        - MD - [Action-SC-2017-64 Speak to NMI about the benefits of partnership](https://tracker.example/issues/325)
4. Any other business
    1. The report went to the board. (Action: JB)
"""


def test_actions_written_as_links_to_a_tracker_keep_their_reference_and_speaker():
    found = [(a.text, a.owners) for a in find_text_actions(MINUTES_WITH_LINKED_ACTIONS)]
    assert ("Action-SC-2017-63 Circulate the presentation on the Weather API", ["MD"]) in found
    assert ("Action-SC-2017-64 Speak to NMI about the benefits of partnership", ["MD"]) in found
    assert not [t for t, _ in found if "SC-2017-17" in t]  # "See [Action-…]" points at an old one
    assert ("The report went to the board.", ["JB"]) in found  # a closing tag still reads as before
    assert len(found) == 3
