"""A copy of an action in another record of its own meeting, with a status beside it, says what
became of the action: the agenda lists last month's actions, the minutes of the same meeting
review them ("Status: report received"). Fixtures written here; names invented."""

from __future__ import annotations

from pathlib import Path

from index.trace.tracer import Tracer
from ingest.pipeline import extract_path

HEAD = "The Harbour Foundation\nBoard of Directors Meeting {kind}\nFebruary 19, 2025\n\n"
ITEMS = ("7. Review Outstanding Action Items\n\n"
         "    * Dana: pursue a report for the Lighthouse project\n{dana}"
         "    * Ravi: draft the travel policy for volunteers\n{ravi}\n"
         "8. Any Other Business\n\nNone.\n")


def test_a_status_beside_the_same_meetings_copy_labels_it(tmp_path: Path) -> None:
    (tmp_path / "board_agenda_2025_02_19.txt").write_text(
        HEAD.format(kind="Agenda") + ITEMS.format(dana="", ravi=""), encoding="utf-8")
    (tmp_path / "board_minutes_2025_02_19.txt").write_text(
        HEAD.format(kind="Minutes") + ITEMS.format(dana="          Status: report received\n",
                                                   ravi="          Status: open\n"), encoding="utf-8")
    tracer = Tracer(extract_path(str(tmp_path)))
    traces = [tracer.trace(aid) for aid in tracer.actions()]
    by_action = {(t.action.text.split(":")[0], t.doc_type): t for t in traces}
    dana = by_action[("Dana", "agenda")]
    (copy,) = [link for link in dana.chain if "Lighthouse" in link.unit.text]
    assert "report received" in copy.unit.text and copy.relation == "completed"
    ravi = by_action[("Ravi", "agenda")]
    (copy,) = [link for link in ravi.chain if "travel policy" in link.unit.text]
    assert copy.relation == "same_action_other_source"  # "open": only the state it was raised in
