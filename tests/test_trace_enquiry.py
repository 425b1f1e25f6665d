"""An action to find something out is done when its answer is reported ("Ali to
enquire if the car park could be used" / "Ali had spoken to the council and gained approval").
Fixtures written here; names invented."""

from __future__ import annotations

from pathlib import Path

from index.trace.tracer import Tracer
from ingest.pipeline import extract_path

HEAD = "Friends of Harbour Library\n\nMinutes of the Trustees meeting held on {day}\n\nPresent: Ali Khan, Mike Shaw (MS)\n\n"


STORAGE = ("9. Storage of chairs\n\n9.1 MS asked if the chairs could be stored closer to the library. "
           "Ali to enquire if the disabled parking area could be used for a storage shed.\n")
INVITATION = ("7. Annual general meeting\n\n7.1 The trustees agreed the date of the AGM. MS to invite the new chief "
              "executive of the library service to the AGM.\n")


def _trace(tmp_path: Path, later: str, raised: str = STORAGE, verb: str = "enquire"):
    """The chain of the action (its text holding ``verb``) raised in March, with ``later`` in April."""
    (tmp_path / "2024-03-05-minutes.txt").write_text(HEAD.format(day="5 March 2024") + raised, encoding="utf-8")
    (tmp_path / "2024-04-09-minutes.txt").write_text(HEAD.format(day="9 April 2024") + later, encoding="utf-8")
    tracer = Tracer(extract_path(str(tmp_path)))
    (aid,) = [a for a, action in tracer.actions().items() if verb in action.text]
    return tracer.trace(aid).chain


def test_an_enquiry_answered_is_completed(tmp_path: Path) -> None:
    chain = _trace(tmp_path, "3. Matters Arising\n\n3.1 Regarding storage for the chairs, Ali had spoken to the "
                             "council property manager and gained approval for a storage shed in the disabled parking area.\n")
    (link,) = [x for x in chain if "had spoken" in x.unit.text]
    assert link.relation == "completed"


def test_an_enquiry_still_to_make_is_not(tmp_path: Path) -> None:
    chain = _trace(tmp_path, "3. Matters Arising\n\n3.1 Storage for the chairs: Ali will speak to the council property "
                             "manager about a storage shed in the disabled parking area.\n")
    assert chain and all(x.relation != "completed" for x in chain)


def test_an_invitation_answered_is_completed(tmp_path: Path) -> None:
    # an invitation is a question put to someone: their answer reported closes it
    chain = _trace(tmp_path, "4. AGM\n\n4.1 MS advised that Jo Bell, newly appointed chief executive of the library "
                             "service, has confirmed attendance at AGM and awards evening.\n", INVITATION, "invite")
    (link,) = [x for x in chain if "has confirmed" in x.unit.text]
    assert link.relation == "completed"
