"""A student society committee's weekly minutes, in the shape its Google Docs exports give them:
a label grid (Location, Date with no year, Attendees with initials), numbered standing items,
and under them bullets of three marks ("●", "○", "■") where a task is written "ACTION MW: Contact
the guild" or "Action TL: Find the transfer script". An open task is copied into each later
paper with its state on the line under it ("■ Action carried forwards", "● Action complete"):
a copy reports on the earlier task, it sets no new one. Every name here is invented."""

from __future__ import annotations

from pathlib import Path

from trace_fixtures import one_document

PAPER = """Chess Society Committee Meeting - Minutes

Location: Discord
Date: Monday 13th October 2025
Attendees: Rosa Quint (RQ) (Chair), Ned Kora (NK) (Minuting), Pip Harrow (PH)

1 Apologies RQ
● None

2 Past Events All
● Freshers Fair
○ ACTION RQ: Contact the guild
■ Action carried forwards
○ Action PH: Put the training dates on the form
● Action complete
● Simul night
○ ACTION NK: Book the hall
■ NK reports the hall is free on Thursdays

3 Future Events (standing item) All
● Blitz tournament
○ ACTION PH/NK: Buy new clocks
○ ACTION V: Email the union about the bar
○ Action points: none this week
"""


def test_tasks_tagged_with_their_owners_under_any_bullet_mark(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "chess.txt", PAPER)
    tasks = {a.text: a.owners for a in doc.actions}
    assert tasks["Book the hall"] == ["NK"]
    assert tasks["Buy new clocks"] == ["PH", "NK"]
    assert tasks["Email the union about the bar"] == ["V"]
    assert not any("none this week" in t for t in tasks)  # a heading's words, not an owner


def test_a_task_copied_with_its_state_under_it_is_no_new_task(tmp_path: Path) -> None:
    doc = one_document(tmp_path, "chess.txt", PAPER)
    tasks = [a.text for a in doc.actions]
    assert "Contact the guild" not in tasks
    assert "Put the training dates on the form" not in tasks
    # a report under a new task is not its state: the task stays
    assert "Book the hall" in tasks


LATER = PAPER.replace("Monday 13th October 2025", "Monday 20th October 2025").replace(
    "○ ACTION NK: Book the hall\n■ NK reports the hall is free on Thursdays",
    "○ ACTION NK: Book the hall\n■ Action complete").replace(
    "○ ACTION PH/NK: Buy new clocks", "○ ACTION PH/NK: Buy new clocks\n■ Action carried forwards")

MARKDOWN_FIRST = """# Estuary model working group meeting minutes

*Thursday 15th May 2025*

## Actions

- (TR) Rerun the spring case with the corrected inflows.
- (IV) Circulate the draft estuary paper.
- (OH) Ask the data team for the missing salinity files.
"""

MARKDOWN_LATER = """# Estuary model working group meeting minutes

*Thursday 18th September 2025*

## Actions from last meeting:

- [x] (TR) Rerun the spring case with the corrected inflows.
- [ ] (IV) Circulate the draft estuary paper.

## Review actions from previous meetings

1. **Action 2.1: OH to ask the data team for the missing salinity files.** _Done. Closed_
"""


def _relations(traces: list[dict], task: str) -> list[str]:
    trace = next(t for t in traces if task in t["action"]["text"])
    return [link["relation"] for link in trace["chain"]]


def test_the_state_under_a_copied_task_says_what_became_of_it(tmp_path: Path) -> None:
    from trace_fixtures import traced

    traces = traced(tmp_path, {"a.txt": PAPER, "b.txt": LATER})
    assert "completed" in _relations(traces, "Book the hall")
    assert "carried_forward" in _relations(traces, "Buy new clocks")


def test_a_review_list_s_check_box_or_closing_state_says_what_became_of_it(tmp_path: Path) -> None:
    from trace_fixtures import traced

    traces = traced(tmp_path, {"a.md": MARKDOWN_FIRST, "b.md": MARKDOWN_LATER})
    assert _relations(traces, "Rerun the spring case")[:1] == ["completed"]
    assert _relations(traces, "Circulate the draft estuary paper")[:1] == ["carried_forward"]
    assert _relations(traces, "missing salinity files")[:1] == ["completed"]
