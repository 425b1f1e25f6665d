"""The redaction audit: every way a release leaks what it redacts or contradicts itself.

``run_audit(documents, names)`` runs each check over the whole release (checks compare
documents with one another, so they see all of them at once) and returns the findings with a
summary. The checks live in their own modules:

* ``audit_boxes``: text still under a PDF box or DOCX shading;
* ``audit_names``: names and initials visible in the slots the release redacts elsewhere
  (learnt with spaCy patterns), and people named in a role the release redacts elsewhere;
* ``audit_copies``: words redacted in one sentence and readable in its repeat; near-copies
  of a document that differ;
* ``audit_watchlist``: the team's own list of names to withhold;
* ``audit_markers``: mixed marker styles, markers without an exemption.
* ``audit_hidden``: hidden spreadsheet rows, columns and sheets that hold text.
* ``personal``: personal details (phones, e-mails, people with titles, numbers) printed where
  the release withholds that kind of detail elsewhere (``recognisers`` finds them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from index.audit.model import KINDS, SEVERITY_ORDER, Finding
from ingest.models import Document


@dataclass
class AuditResult:
    documents: list[Document]
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    # (path, reason) of every file the audit did not read: skipped (no reader) or failed.
    unread: list[tuple[str, str]] = field(default_factory=list)
    # What was audited, when and how: {"when", "paths" | "index", "names", "version"}.
    run: dict = field(default_factory=dict)

    def summary(self) -> dict:
        by_kind = Counter(f.kind for f in self.findings)
        by_severity = Counter(f.severity for f in self.findings)
        per_doc: dict[str, Counter] = {d.doc_id: Counter() for d in self.documents}
        for f in self.findings:
            per_doc.setdefault(f.at.doc_id, Counter())[f.severity] += 1
        return {
            "documents": len(self.documents),
            "findings": len(self.findings),
            "by_kind": {k: by_kind[k] for k in KINDS if by_kind[k]},
            "by_severity": {s: by_severity[s] for s in SEVERITY_ORDER if by_severity[s]},
            "by_document": [
                {
                    "doc_id": d.doc_id,
                    "source": d.source,
                    "title": d.title,
                    "findings": sum(per_doc[d.doc_id].values()),
                    "high": per_doc[d.doc_id]["high"],
                    "medium": per_doc[d.doc_id]["medium"],
                    "low": per_doc[d.doc_id]["low"],
                }
                for d in self.documents
            ],
        }

    def to_json(self) -> dict:
        summary = self.summary()
        summary["unread"] = [{"path": p, "reason": r} for p, r in self.unread]
        out = {"schema": 1, "summary": summary, "findings": [f.to_json() for f in self.findings]}
        if self.run:
            out["run"] = self.run
        return out


def run_audit(documents: list[Document], names: list[str] | None = None) -> AuditResult:
    import time

    from index.audit.boxes import find_hidden_text
    from index.audit.copies import find_differing_copies, find_redacted_elsewhere
    from index.audit.hidden import find_hidden_content
    from index.audit.lexicon import build_lexicon
    from index.audit.markers import find_marker_styles, find_missing_exemptions
    from index.audit.names import find_names, find_role_conflicts
    from index.audit.personal import find_personal_data

    began = time.perf_counter()
    docs = [d for d in documents if d.text]
    lex = build_lexicon(docs)
    findings = find_hidden_text(docs)
    name_findings, slots = find_names(docs, lex)
    findings += name_findings
    findings += _new(find_role_conflicts(name_findings, slots, docs), findings)
    findings += _new(find_redacted_elsewhere(docs, lex), findings)
    findings += find_differing_copies(docs)
    if names:
        from index.audit.watchlist import find_watchlist

        findings += find_watchlist(docs, names)
    findings += find_marker_styles(docs)
    findings += find_missing_exemptions(docs)
    findings += find_hidden_content(docs)
    findings += find_personal_data(docs, reported=_spans(findings))
    findings = merge_leaks(findings)
    findings.sort(key=Finding.sort_key)
    return AuditResult(documents=docs, findings=findings, seconds=time.perf_counter() - began)


# Kinds whose finding is a piece of text a reader can read now (or that the release shows in
# one place and hides in another): the same words are one leak wherever they are readable.
# In the order a merged finding takes its kind: a name on the team's own list is reported as
# that, whatever else found it.
LEAK_KINDS = ("watchlist_hit", "text_under_box", "hidden_under_shading", "name_visible", "initials_visible",
              "role_inconsistent")


def _leak_key(f: Finding) -> str | None:
    if f.kind not in LEAK_KINDS:
        return None
    words = " ".join(f.at.text.split()).lower()
    return words if len(words) >= 2 else None


def merge_leaks(findings: list[Finding]) -> list[Finding]:
    """One finding per leaked text: the same words found by several checks, or in several
    copies, become one finding (the most severe, then the first kind in LEAK_KINDS) whose
    evidence starts with every other place they are readable."""

    groups: dict[str, list[Finding]] = {}
    out: list[Finding] = []
    for f in findings:
        key = _leak_key(f)
        if key is None:
            out.append(f)
        else:
            groups.setdefault(key, []).append(f)
    for group in groups.values():
        group.sort(key=lambda f: (SEVERITY_ORDER[f.severity], LEAK_KINDS.index(f.kind), f.at.source, f.at.start))
        head = group[0]
        if len(group) > 1:
            seen = {(head.at.doc_id, head.at.start)}
            places, evidence = [], []
            for other in group[1:]:
                if (other.at.doc_id, other.at.start) not in seen:
                    seen.add((other.at.doc_id, other.at.start))
                    places.append(other.at)
            for other in group:
                for e in other.evidence:
                    if (e.doc_id, e.start, e.text) not in {(x.doc_id, x.start, x.text) for x in evidence}:
                        evidence.append(e)
            head.evidence = places + evidence
            also = sorted({f.kind for f in group[1:]} - {head.kind}, key=LEAK_KINDS.index)
            tail = []
            if places:
                n = len(places)
                tail.append(f"the same text is readable in {n} other place{'s' if n > 1 else ''}, "
                            "listed first in the evidence")
            if also:
                tail.append(f"also found as {' and '.join(also)}")
            if tail:
                head.explanation = head.explanation.rstrip(".") + "; " + "; ".join(tail) + "."
        out.append(head)
    return out


def _spans(findings: list[Finding]) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> the stretches of text earlier checks already report (a name found in a
    redacted slot is reported once, as that)."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        taken.setdefault(f.at.doc_id, []).append((f.at.start, f.at.end))
    return taken


def _new(candidates: list[Finding], have: list[Finding]) -> list[Finding]:
    """role_inconsistent findings not already made for the same text by an earlier check."""
    seen = {(f.kind, f.at.doc_id, f.at.start, f.at.end) for f in have}
    out = []
    for f in candidates:
        key = (f.kind, f.at.doc_id, f.at.start, f.at.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
