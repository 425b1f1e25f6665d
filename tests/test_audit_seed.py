"""The audit on the real release: the hand-annotated leaks are found, false alarms stay rare."""

from __future__ import annotations

import pytest

from index.audit import run_audit
from index.audit.model import KINDS


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def matches(finding, quote: str) -> bool:
    """A finding reports a gold leak when its text is part of the quote or the quote is on its line
    (for differing copies, which are one finding listing every difference: on any of its places)."""
    places = [finding.at] + (finding.evidence if finding.kind == "duplicate_differs" else [])
    for at in places:
        text, context, q = _norm(at.text), _norm(at.context), _norm(quote)
        if text and (text in q or q in context or q in text):
            return True
    return False


@pytest.fixture(scope="module")
def audit(seed_docs):
    return run_audit(seed_docs)


def test_gold_leaks_are_reported(audit, gold) -> None:
    leaks = gold["leaks"]
    assert leaks, "the gold file lists the release's leaks"
    found = [leak for leak in leaks
             if any(f.kind == leak["kind"] and matches(f, leak["quote"]) for f in audit.findings)]
    recall = len(found) / len(leaks)
    missed = [leak["quote"] for leak in leaks if leak not in found]
    assert recall >= 0.9, f"recall {recall:.2f}; missed {missed}"


def test_the_differing_invitation_lines_are_all_reported(audit, gold) -> None:
    [dup] = [leak for leak in gold["leaks"] if leak["kind"] == "duplicate_differs"]
    texts = [f for f in audit.findings if f.kind == "duplicate_differs"]
    for quote in [dup["quote"], *dup["also"]]:
        assert any(matches(f, quote) for f in texts), quote
    # header-field differences of the two copies of one invitation are one low finding
    [request] = texts
    assert request.severity == "low" and len(request.evidence) >= len(dup["also"])
    # both copies are the meeting requests: every difference points at one of them
    assert {f.at.doc_id for f in texts} <= {d.doc_id for d in audit.documents if d.doc_type == "meeting_request"}


def test_few_high_severity_false_alarms(audit, gold) -> None:
    high = [f for f in audit.findings if f.severity == "high"]
    other = [f for f in high if not any(f.kind == leak["kind"] and matches(f, leak["quote"]) for leak in gold["leaks"])]
    assert len(other) <= 5, [(f.kind, f.at.text) for f in other]


def test_organisations_roles_and_pronouns_are_not_names(audit) -> None:
    flagged = {f.at.text for f in audit.findings if f.kind in ("name_visible", "initials_visible")}
    for word in ("Chair", "NSS", "SPS", "Police Scotland", "RMA", "Members", "She", "He", "The group", "SG"):
        assert word not in flagged


def test_findings_follow_the_contract(audit) -> None:
    payload = audit.to_json()
    assert payload["schema"] == 1
    assert payload["summary"]["findings"] == len(payload["findings"])
    for f in payload["findings"]:
        assert f["kind"] in KINDS
        assert f["severity"] in ("high", "medium", "low")
        assert {"kind", "severity", "doc_id", "source", "page", "location", "text", "explanation", "evidence"} <= set(f)
        assert f["explanation"].count(". ") == 0 and f["explanation"].endswith(".")  # one sentence
        for e in f["evidence"]:
            assert set(e) == {"doc_id", "source", "page", "location", "text"}
    by_id = {d.doc_id: d for d in audit.documents}
    for f in audit.findings:
        if f.kind not in ("text_under_box", "hidden_under_shading"):
            assert by_id[f.at.doc_id].text[f.at.start:f.at.end] == f.at.text


def test_role_inconsistent_names_the_redacted_places(audit) -> None:
    [icr] = [f for f in audit.findings if f.kind == "role_inconsistent" and "restricted patient" in f.at.text]
    assert "ACTION" in icr.at.context
    # the minutes' item 8.5, the action list row and the covering e-mail all redact it
    assert {d.doc_type for d in audit.documents if d.doc_id in {e.doc_id for e in icr.evidence}} >= {
        "minutes", "action_list", "email"}


