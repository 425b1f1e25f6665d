"""The status a later paper writes beside the action's own reference ("03-02 closed."), or as an
item's field ("* Done: http://…"), says what became of it. Fixtures written here; names invented."""

from __future__ import annotations

from pathlib import Path

from index.trace.label import label
from index.trace.tracer import Tracer, merge_units
from ingest.pipeline import extract_path

HEAD = "Harbour Pharmacy Committee\n\nMinutes of the meeting held on {day}\n\nPresent: Sam Cole (SC), Sue Bell (SB)\n\n"


def _tracer(tmp_path: Path, first: str, later: str, suffix: str = ".txt") -> Tracer:
    (tmp_path / f"minutes-2024-03-07{suffix}").write_text(HEAD.format(day="7 March 2024") + first, encoding="utf-8")
    (tmp_path / f"minutes-2024-05-02{suffix}").write_text(HEAD.format(day="2 May 2024") + later, encoding="utf-8")
    return Tracer(extract_path(str(tmp_path)))


def test_the_status_beside_the_reference_is_the_actions(tmp_path: Path) -> None:
    tracer = _tracer(tmp_path,
                     "4. Governance\n\nSC gave an overview of the self-assessment.\n"
                     "Action: 03-02 SC to send governance template comments to SB for updating\n",
                     "2. Actions from the last meeting\n\n"
                     "03-02 closed. Governance position to be reviewed at the July meeting.\n")
    (aid,) = [a for a, action in tracer.actions().items() if "governance template" in action.text]
    later = next(d for d in tracer.documents if d.date == "2024-05-02")
    units = [u for u in tracer.units[later.doc_id] if u.kind == "sentence"]
    first = next(k for k, u in enumerate(units) if "03-02 closed" in u.text)
    # the link shows the reference's line with the sentence after it (as trace joins them)
    shown = merge_units(units[first:first + 2])
    assert "to be reviewed" in shown.text
    assert label(tracer.profiles[aid], shown, "number", False) == "completed"


def test_a_done_field_is_the_items_status(tmp_path: Path) -> None:
    tracer = _tracer(tmp_path, "Actions\n\n* SB: write a blog post about the subcommittees\n",
                     "## Previous Action Items\n\n* Blog post about the subcommittees\n\n"
                     "    * Assigned: Sue\n\n    * Done: http://example.org/blog/subcommittees\n", ".md")
    later = next(d for d in tracer.documents if d.date == "2024-05-02")
    (row,) = [u for u in tracer.units[later.doc_id] if "Blog post" in u.text]
    assert row.kind == "row" and row.status_cell == "done"


def _label_of(tracer: Tracer, action_words: str, unit_words: str) -> str:
    (aid,) = [a for a, action in tracer.actions().items() if action_words in action.text]
    later = next(d for d in tracer.documents if d.date == "2024-05-02")
    (unit,) = [u for u in tracer.units[later.doc_id] if unit_words in u.text]
    return label(tracer.profiles[aid], unit, "topic", False)


def test_the_work_said_done_and_the_errand_asked_again(tmp_path: Path) -> None:
    """A parish council's later minutes say the work itself was done ("had been cut back", "was
    duly co-opted") or that the errand is asked again or still owed ("chase … again", "is still
    to produce"): completed and carried forward, not just progress."""
    tracer = _tracer(tmp_path,
                     "5. Highways\n\nAction: The Clerk to ask the County Council to cut back the brambles on Mill Lane.\n"
                     "Action: The Clerk to chase the County Council about the blocked drain on Church Street.\n\n"
                     "6. Vacancy\n\nAction: SB to advertise the councillor vacancy in the village magazine.\n\n"
                     "7. Newsletter\n\nAction: SC to produce a newsletter about the sewerage problems.\n",
                     "3. Matters arising\n\nMill Lane - the brambles had been cut back and the lane looked tidier.\n\n"
                     "The blocked drain on Church Street was discussed. The Clerk agreed to chase the County "
                     "Council again about the drain.\n\n"
                     "Mrs Ann Hale was duly co-opted to fill the councillor vacancy.\n\n"
                     "The council is still to produce a newsletter about the sewerage problems.\n\n"
                     "Magazine advert for the councillor vacancy - SB: yet to be actioned.\n")
    assert _label_of(tracer, "cut back the brambles", "brambles had been cut back") == "completed"
    assert _label_of(tracer, "blocked drain", "chase the County Council again") == "carried_forward"
    assert _label_of(tracer, "councillor vacancy", "duly co-opted") == "completed"
    assert _label_of(tracer, "produce a newsletter", "still to produce") == "carried_forward"
    assert _label_of(tracer, "councillor vacancy", "yet to be actioned") == "carried_forward"


def test_work_denied_is_not_done(tmp_path: Path) -> None:
    """"has not yet cleared", "has not been completed": the errand's own verb and the done
    words, denied, say the action is still owed; "has now been replaced" says it is done."""
    tracer = _tracer(tmp_path,
                     "5. Footpaths\n\nAction: SB to clear the briars along Church Path.\n\n"
                     "6. Play area\n\nAction: SC to arrange the repair of the broken seat in the play area.\n\n"
                     "7. Bins\n\nAction: SC to order a replacement for the litter bin by the green.\n",
                     "3. Matters arising\n\nSB has not yet cleared the briars along Church Path.\n\n"
                     "The repair of the seat in the play area has not been completed.\n\n"
                     "The litter bin by the green has now been replaced.\n\n"
                     "Church Path signs - haven't ordered them yet.\n")
    assert _label_of(tracer, "clear the briars", "not yet cleared") == "carried_forward"
    assert _label_of(tracer, "broken seat", "has not been completed") != "completed"
    assert _label_of(tracer, "litter bin", "now been replaced") == "completed"
    assert _label_of(tracer, "clear the briars", "haven't ordered them yet") == "carried_forward"
