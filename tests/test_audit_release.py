"""The audit's release-wide checks on small releases written here in other bodies' phrasing."""

from __future__ import annotations

from pathlib import Path

from index.audit import run_audit
from index.audit.watchlist import spellings
from ingest.pipeline import extract_file

PARTNERSHIP = """MINUTES OF THE COMMUNITY SAFETY PARTNERSHIP, 12 March 2019

Present

[REDACTED] (Chair), Housing Services
[REDACTED], Fire and Rescue Service
Jane McAllister, Housing Services
[REDACTED], NHS Lothian

Apologies

[REDACTED], Police Scotland
[REDACTED], the council

1. Welcome

[REDACTED] welcomed members to the meeting. The Chair thanked the council for the room.

2. Budget

[REDACTED] reported that the budget for the year had been agreed by the council. [REDACTED] noted that the \
housing team had received additional funds. In further discussion [REDACTED] explained that members would see \
a revised plan.

Fraser Gill confirmed that the review of the night shelter would finish in June.

JMK advised that the data sharing agreement had been signed.

NHS Lothian reported that waiting times had fallen. She explained that staff were in post. Members agreed the \
plan. Council agreed to fund a second post. The group noted the update.

ACTION: [REDACTED] to circulate the revised plan.
ACTION: [REDACTED] to book the room for June.
ACTION: NHS Lothian to report on waiting times.
"""


def audit_text(tmp_path: Path, text: str, names: list[str] | None = None, name: str = "release.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_file(str(path))
    assert result.error is None
    return run_audit(result.documents, names)


def found(result, *kinds: str) -> list[tuple[str, str]]:
    return [(f.kind, f.at.text) for f in result.findings if f.kind in kinds]


def test_names_and_initials_in_learnt_slots_but_not_bodies_or_pronouns(tmp_path: Path) -> None:
    result = audit_text(tmp_path, PARTNERSHIP)
    assert sorted(found(result, "name_visible", "initials_visible")) == [
        ("initials_visible", "JMK"), ("name_visible", "Fraser Gill"), ("name_visible", "Jane McAllister")]
    fraser = next(f for f in result.findings if f.at.text == "Fraser Gill")
    assert fraser.severity == "high"
    assert all("[REDACTED]" in e.text for e in fraser.evidence) and fraser.evidence


def test_nothing_is_learnt_from_a_release_that_redacts_no_speakers(tmp_path: Path) -> None:
    text = "Minutes\n\nFraser Gill confirmed the budget. JMK advised that the plan was signed.\n"
    assert found(audit_text(tmp_path, text), "name_visible", "initials_visible") == []


def test_words_redacted_in_one_sentence_and_readable_in_its_repeat(tmp_path: Path) -> None:
    text = (
        "Item 4\n\n[Redacted] agreed to share the review of the case involving [Redacted] with members.\n\n"
        "Item 5\n\nA copy will follow of the review of the case involving [Redacted].\n\n"
        "ACTION: share the review of the case involving the Dunbar family.\n\n"
        "Also noted: the review of the case involving staffing was closed.\n"
    )
    result = audit_text(tmp_path, text)
    conflicts = [f for f in result.findings if f.kind == "role_inconsistent"]
    assert [(f.at.text, f.severity) for f in conflicts] == [("Dunbar family", "medium")]
    assert len(conflicts[0].evidence) == 2


def test_role_named_here_and_redacted_there(tmp_path: Path) -> None:
    text = (
        "Attendees\n\nHousing Options Team\t[REDACTED]\nFire Service\t[REDACTED]\n\n"
        "Notes\n\n[REDACTED], Head of Fire Safety, opened the session. [REDACTED], Lead Officer for Licensing, "
        "spoke next.\n\nPeter Rennie, Head of Housing Options, explained the waiting list.\n"
    )
    result = audit_text(tmp_path, text)
    assert ("name_visible", "Peter Rennie") in found(result, "name_visible")
    # the name is one leak: one finding, which also carries the role redacted elsewhere as evidence
    [leak] = [f for f in result.findings if f.at.text == "Peter Rennie"]
    assert leak.kind == "name_visible" and "role_inconsistent" in leak.explanation
    assert "Housing Options Team\t[REDACTED]" in [e.text for e in leak.evidence]


def test_watchlist_matches_spellings_but_never_inside_markers(tmp_path: Path) -> None:
    text = (
        "Report\n\nThe note was written by ARLENE STUART. A. Stuart later added a page.\n"
        "It went to Stuart's team and to Arlene Stu-\nart herself. Arlcne Stuart signed it.\n"
        "Stuartfield was not involved. [REDACTED] reviewed it.\n"
    )
    result = audit_text(tmp_path, text, names=["Arlene Stuart"])
    hits = [f.at.text for f in result.findings if f.kind == "watchlist_hit"]
    assert hits == ["ARLENE STUART", "A. Stuart", "Stuart's", "Arlene Stu-\nart", "Arlcne Stuart"]
    assert all(f.severity == "high" for f in result.findings if f.kind == "watchlist_hit")
    assert "a stuart" in spellings("Arlene Stuart") and "stuart arlene" in spellings("Arlene Stuart")


def test_mixed_marker_styles_and_missing_exemptions(tmp_path: Path) -> None:
    text = (
        "Minutes\n\n[REDACTED - s.38(1)(b)] opened the meeting. [REDACTED] spoke. ███ agreed.\n"
        "[Redacted] closed it.\n"
    )
    result = audit_text(tmp_path, text)
    [mixed] = [f for f in result.findings if f.kind == "marker_style_mixed"]
    assert mixed.severity == "low" and "3 marker styles" in mixed.explanation
    [missing] = [f for f in result.findings if f.kind == "exemption_missing"]
    assert missing.at.text == "[REDACTED]" and missing.explanation.startswith("3 marker(s)")


def test_consistent_release_has_no_marker_findings(tmp_path: Path) -> None:
    result = audit_text(tmp_path, "Minutes\n\n[REDACTED] opened the meeting. [REDACTED] agreed.\n")
    assert found(result, "marker_style_mixed", "exemption_missing") == []


def test_copies_of_an_email_whose_redaction_differs(tmp_path: Path) -> None:
    one = ("From: [Redacted]\nSent: 3 May 2019 10:00\nTo: [Redacted]\nSubject: Panel dates\n\n"
           "Dear all,\n\nThe panel on the Lomond case meets on 9 May. [Redacted] will chair it and the notes "
           "will go to all members after the meeting.\n\nRegards\n")
    two = one.replace("[Redacted] will chair", "Moira Kerr will chair")
    (tmp_path / "a.txt").write_text(one, encoding="utf-8")
    (tmp_path / "b.txt").write_text(two, encoding="utf-8")
    docs = extract_file(str(tmp_path / "a.txt")).documents + extract_file(str(tmp_path / "b.txt")).documents
    result = run_audit(docs)
    [dup] = [f for f in result.findings if f.kind == "duplicate_differs"]
    assert "Moira Kerr will chair" in dup.at.text and dup.at.source.endswith("b.txt")
    assert "redacted in the other" in dup.explanation
    assert "[Redacted] will chair" in dup.evidence[0].text
