"""House-keeping of the markers themselves: mixed marker styles, markers without an exemption.

A release that writes "█████" in one place and "[Redacted]" in another was redacted by
different hands or tools, which is where missed redactions come from; a release that labels
some markers with the exemption applied (s.38(1)(b)) and not others leaves the requester
unable to appeal those others.
"""

from __future__ import annotations

import re
from collections import Counter

from index.audit.model import Finding, Place, place
from ingest.models import Document, RedactionSpan

_BOXES = ("block", "pdf_box", "image_box", "docx_shading", "xlsx_fill", "html_box")


def marker_family(span: RedactionSpan) -> str:
    """How a marker looks to a reader: '█ box', or the bracket word as spelt ('[REDACTED]', '[Redacted]')."""
    if span.style in _BOXES:
        return "█ box"
    match = re.match(r"\s*([\[(<{])\s*([A-Za-z]+(?:\s+[A-Za-z]+)?)", span.marker)
    if not match:
        return span.marker
    close = {"[": "]", "(": ")", "<": ">", "{": "}"}[match.group(1)]
    word = match.group(2).split()[0]
    return f"{match.group(1)}{word}{close}"


def _summary(counts: Counter[str]) -> str:
    return ", ".join(f"{family} ×{n}" for family, n in counts.most_common())


def find_marker_styles(docs: list[Document]) -> list[Finding]:
    findings: list[Finding] = []
    release: Counter[str] = Counter()
    first_of: dict[str, Place] = {}
    mixed_docs = 0
    for doc in docs:
        counts: Counter[str] = Counter()
        firsts: dict[str, Place] = {}
        for span in doc.redaction_spans:
            family = marker_family(span)
            counts[family] += 1
            if family not in firsts:
                firsts[family] = place(doc, span.start, span.end)
        release.update(counts)
        for family, where in firsts.items():
            first_of.setdefault(family, where)
        if len(counts) > 1:
            mixed_docs += 1
            main = counts.most_common(1)[0][0]
            # The finding points at the first marker of the less used style: that is the odd one out.
            odd = min((f for f in firsts if f != main), key=lambda f: firsts[f].start)
            findings.append(Finding(
                "marker_style_mixed", firsts[odd],
                f"This document mixes {len(counts)} marker styles ({_summary(counts)}), a sign that it "
                "was redacted in more than one pass or by more than one person.",
                evidence=[firsts[f] for f in counts if f != odd],
            ))
    if len(release) > 1 and len(docs) > 1 and mixed_docs < len(docs):
        # Documents each consistent in themselves can still disagree with one another.
        main = release.most_common(1)[0][0]
        odd = release.most_common()[-1][0]
        findings.append(Finding(
            "marker_style_mixed", first_of[odd],
            f"The release as a whole uses {len(release)} marker styles ({_summary(release)}) "
            f"across {len(docs)} documents.",
            evidence=[first_of[f] for f in release if f != odd and f in first_of and f != main] + [first_of[main]],
        ))
    return findings


def find_missing_exemptions(docs: list[Document]) -> list[Finding]:
    labelled = [(doc, s) for doc in docs for s in doc.redaction_spans if s.exemption]
    if not labelled:
        return []  # the release cites no exemption anywhere: nothing to be inconsistent with
    exemptions = Counter(s.exemption for _, s in labelled)
    examples = [place(doc, s.start, s.end) for doc, s in labelled[:3]]
    findings: list[Finding] = []
    for doc in docs:
        bare = [s for s in doc.redaction_spans if not s.exemption]
        if not bare:
            continue
        first = bare[0]
        findings.append(Finding(
            "exemption_missing", place(doc, first.start, first.end),
            f"{len(bare)} marker(s) in this document give no exemption while the release labels "
            f"{len(labelled)} others with one ({', '.join(e for e, _ in exemptions.most_common(3))}).",
            evidence=examples,
        ))
    return findings
