"""Another action written to the same pattern ("Sam: pursue a report for Abdera") is no follow-up
of this one ("Doug: pursue a report for Helix"), whatever words they share; this one's own line
is. Fixtures written here; names invented."""

from __future__ import annotations

from pathlib import Path

from index.trace.tracer import Tracer
from ingest.pipeline import extract_path

HEAD = "The Harbour Software Foundation\nBoard of Directors Meeting Minutes\n{day}\n\n"
# the rest of a board's business, so that "pursue" and "report" are words of the action lines only
BUSINESS = "".join(f"{n}. {t}\n\n{b}\n\n" for n, (t, b) in enumerate([
    ("Treasurer", "The accounts were presented and the auditors' fee was agreed."),
    ("Marketing", "The new brochure is printed and the website banner was changed."),
    ("Infrastructure", "Two mirrors were retired and the mail servers were moved."),
    ("Fundraising", "Three sponsors renewed and a fourth is in talks."),
    ("Legal", "The trademark filings in two countries were completed."),
], start=2))
OWED = ("Doug", "Helix"), ("Sam", "Abdera"), ("Brett", "Axis"), ("Greg", "Tapestry")


def test_a_line_of_the_same_pattern_for_another_project_is_no_follow_up(tmp_path: Path) -> None:
    first = BUSINESS + "7. Action items\n\n" + "".join(f"    * {o}: pursue a report for {p}\n" for o, p in OWED)
    later = BUSINESS + "7. Review Outstanding Action Items\n\n" + "".join(
        f"    * {o}: pursue a report for {p}\n          Status: {'report received' if p == 'Helix' else 'not done'}\n"
        for o, p in OWED)
    (tmp_path / "board_minutes_2024_02_19.txt").write_text(HEAD.format(day="February 19, 2024") + first, encoding="utf-8")
    (tmp_path / "board_minutes_2024_03_19.txt").write_text(HEAD.format(day="March 19, 2024") + later, encoding="utf-8")
    tracer = Tracer(extract_path(str(tmp_path)))
    (aid,) = [a for a, action in tracer.actions().items()
              if "Helix" in action.text and tracer.doc_of_action[a].date == "2024-02-19"]
    texts = [link.unit.text for link in tracer.trace(aid).chain]
    assert any("Helix" in t and "report received" in t for t in texts), texts
    assert not any(p in t for t in texts for p in ("Abdera", "Axis", "Tapestry")), texts


def test_a_line_of_the_same_pattern_is_never_a_candidate(tmp_path: Path) -> None:
    # at any bar: its score (the shared words of the pattern) is not what rules it out
    first = BUSINESS + "7. Action items\n\n" + "".join(f"    * {o}: pursue a report for {p}\n" for o, p in OWED)
    later = BUSINESS + "7. Review Outstanding Action Items\n\n" + "".join(
        f"    * {o}: pursue a report for {p}\n          Status: not done\n" for o, p in OWED)
    (tmp_path / "board_minutes_2024_02_19.txt").write_text(HEAD.format(day="February 19, 2024") + first, encoding="utf-8")
    (tmp_path / "board_minutes_2024_03_19.txt").write_text(HEAD.format(day="March 19, 2024") + later, encoding="utf-8")
    tracer = Tracer(extract_path(str(tmp_path)))
    (aid,) = [a for a, action in tracer.actions().items()
              if "Helix" in action.text and tracer.doc_of_action[a].date == "2024-02-19"]
    later_doc = next(d for d in tracer.documents if d.date == "2024-03-19")
    found = [u.text for _, u, _ in tracer._candidates(tracer.profiles[aid], later_doc, set(), 0.0, 0.0)]
    assert any("Helix" in t for t in found) and not any("Abdera" in t or "Axis" in t for t in found), found
