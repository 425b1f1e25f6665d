"""A parish council's minutes written as a newsletter (an invented Word paper in the shape real
ones use): unnumbered topic headings, no action table, no initials; the council's errands are
sentences in which the council names itself by its initials ("PC is to contact …") or which set
the errand in the passive ("this will be fully investigated")."""

from __future__ import annotations

from pathlib import Path

import docx

from ingest.pipeline import extract_file


def _newsletter_minutes(path: Path) -> Path:
    d = docx.Document()
    for line in (
        "Minutes of Brackenford Parish Council Meeting",
        "Held in the Village Hall on Monday 9th March 2020",
        "Present: Councillors Ann Hale (chair), Tom Reeve, Lucy Marsh",
        "Clerk: Peter Lane",
        "Highways, traffic and parking:",
        "Contractors have left signs on the verge at Mill Lane. PC is to contact the contractors to request "
        "their removal and the tidying up of the area.",
        "The county has published its draft transport plan. The PC will review and comment on the sections "
        "relating to our area.",
        "Planning:",
        "Councillors discussed a complaint from a parishioner about a planning matter and this will be fully "
        "investigated. In the meanwhile, an acknowledgement of the letter is to be made.",
        "Several corrections had to be made to the minutes of the last meeting.",
        "It was agreed that the PC will nominate Jane Cole as a trustee of the village charity.",
        "Village maintenance:",
        "A new bench has been donated and will be erected on the green once the base is laid.",
        "Date of next meeting: Monday 20th April 2020",
    ):
        d.add_paragraph(line)
    d.save(str(path))
    return path


def test_a_council_that_names_itself_by_its_initials_owns_the_errand(tmp_path):
    (doc,) = extract_file(str(_newsletter_minutes(tmp_path / "minutes-b.docx"))).documents
    assert (doc.group, doc.date) == ("Brackenford Parish Council", "2020-03-09")
    owners = {a.text: a.owners for a in doc.actions}
    contact = [o for t, o in owners.items() if t.startswith("PC is to contact the contractors")]
    review = [o for t, o in owners.items() if t.startswith("The PC will review and comment")]
    assert contact == [["PC"]]
    assert len(review) == 1 and [o.removeprefix("The ").strip() for o in review[0]] == ["PC"]
    # the council deciding is not a task of the council's
    assert not any("nominate Jane Cole" in t for t in owners)


def test_errands_in_the_passive_with_an_adverb_or_to_be_made(tmp_path):
    (doc,) = extract_file(str(_newsletter_minutes(tmp_path / "minutes-b.docx"))).documents
    texts = [a.text for a in doc.actions]
    assert any(t.endswith("this will be fully investigated.") for t in texts)
    assert "In the meanwhile, an acknowledgement of the letter is to be made." in texts
    assert any("will be erected on the green" in t for t in texts)
    assert not any("had to be made" in t for t in texts)  # done, not to do


NUMBERED_MINUTES = """Thornby Parish Council - 4th September 2018

Present: Councillors P Garside (Chair), L Moran, K Healey. Clerk J Lowther. Mr B Ashworth, EDC.

18.09.1 Apologies - none.

18.09.4 Matters Arising
The cart road is breaking up again. Resolved Councillor Healey contact the quarry and order more scalpings.
After discussion it was agreed Councillor Moran will call in and make the residents aware of the cattle moving.

18.09.5 Highway Matters
Councillors requested Mr Ashworth, EDC to look into who is responsible for sweeping the village.
The Highways Dept will attend and inspect the Lane.

18.09.6 Finance
The insurance renewal was received. The Councillors resolved this was acceptable, clerk to complete, sign and return.
All Councillors agreed that Mrs Dora Platt be asked to complete the internal audit.
"""


def test_a_decision_that_gives_a_task_with_or_without_its_that(tmp_path):
    path = tmp_path / "minutes-k.txt"
    path.write_text(NUMBERED_MINUTES, encoding="utf-8")
    (doc,) = extract_file(str(path)).documents
    owners = {a.text: a.owners for a in doc.actions}

    def owner_of(start: str) -> list[list[str]]:
        return [o for t, o in owners.items() if t.startswith(start)]

    assert owner_of("Resolved Councillor Healey contact the quarry") == [["Councillor Healey"]]
    assert owner_of("After discussion it was agreed Councillor Moran will call in") == [["Councillor Moran"]]
    assert owner_of("All Councillors agreed that Mrs Dora Platt be asked") == [["Mrs Dora Platt"]]
    # the body the owner speaks for after the name; a department; an officer in lower case
    assert owner_of("Councillors requested Mr Ashworth, EDC to look into") == [["Mr Ashworth"]]
    assert [[o.removeprefix("The ") for o in os] for os in owner_of("The Highways Dept will attend")] == [["Highways Dept"]]
    assert [[o.lower() for o in os] for os in owner_of("The Councillors resolved this was acceptable")] == [["clerk"]]



def test_an_action_still_to_do_is_about_its_subject_not_about_still():
    """"The Seat is also still to be repaired" (carried from meeting to meeting): its subject is
    the seat and its repair; "still", "yet", "already", "now" say when, and a later "has now been
    repaired" or "the drains are still blocked" shares nothing of the topic through them."""
    from index.trace.text import concepts

    assert [c.stem for c in concepts("The Seat is also still to be repaired.")] == ["seat", "repair"]
    assert [c.stem for c in concepts("Quotes for the gates are not yet in; the fence is now done.")] == [
        "quot", "gat", "fenc"]
