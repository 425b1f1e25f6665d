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
        return {"schema": 1, "summary": self.summary(), "findings": [f.to_json() for f in self.findings]}


def run_audit(documents: list[Document], names: list[str] | None = None) -> AuditResult:
    import time

    from index.audit.boxes import find_hidden_text
    from index.audit.copies import find_differing_copies, find_redacted_elsewhere
    from index.audit.lexicon import build_lexicon
    from index.audit.markers import find_marker_styles, find_missing_exemptions
    from index.audit.names import find_names, find_role_conflicts

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
    findings.sort(key=Finding.sort_key)
    return AuditResult(documents=docs, findings=findings, seconds=time.perf_counter() - began)


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
