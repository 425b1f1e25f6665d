"""Text still present under a redaction: a PDF box over live characters, DOCX black shading,
a black-filled spreadsheet cell, HTML text on a black background.

The readers already did the geometry (``ingest.read_pdf`` keeps the characters more than 80 %
covered by a filled dark box as ``text_beneath``; ``ingest.read_docx`` keeps a shaded run's
text), so this module only decides which of those are real leaks: hidden text that is just
punctuation, rules or a filler of X's was never information.
"""

from __future__ import annotations

import re

from index.audit.model import Finding, place
from ingest.markers import is_marker_label
from ingest.models import Document

# "XXXXX", "x x x", "----", "....": placeholders typed under a box on purpose.
_FILLER = re.compile(r"[\W_]*(?:[xX][\W_]*)*")


def meaningful(text: str | None) -> bool:
    """True when hidden text carries information: not blank, not a filler ("XXXX", one
    character repeated) and not the marker's own label ("Privileged", "Redacted")."""
    if not text or not text.strip():
        return False
    visible = set(text) - set(" \t\n")
    return not _FILLER.fullmatch(text) and len(visible) > 1 and not is_marker_label(text)


def _stamps(doc: Document) -> set[str]:
    """Text a redaction tool wrote under every box of a document (the same date or code under
    boxes of every width): a stamp, not what the boxes hide."""
    widths: dict[str, list[float]] = {}
    for span in doc.redaction_spans:
        if span.text_beneath and span.bbox:
            key = " ".join(span.text_beneath.split())
            widths.setdefault(key, []).append(span.bbox[2] - span.bbox[0])
    return {k for k, w in widths.items() if len(w) >= 3 and max(w) > 1.5 * max(min(w), 1.0)}


def find_hidden_text(docs: list[Document]) -> list[Finding]:
    findings: list[Finding] = []
    for doc in docs:
        stamps = _stamps(doc)
        for span in doc.redaction_spans:
            key = " ".join((span.text_beneath or "").split())
            if not meaningful(span.text_beneath) or any(key in stamp for stamp in stamps):
                continue  # (a box may cover only part of the stamp)
            beneath = " ".join((span.text_beneath or "").split())
            at = place(doc, span.start, span.end, text=beneath)
            if span.style in ("pdf_box", "image_box"):
                findings.append(Finding(
                    "text_under_box", at,
                    f"The box over this text hides it on screen, but the characters \"{beneath}\" are still "
                    "in the PDF's text layer and can be copied or searched.",
                ))
            elif span.style == "docx_shading":
                findings.append(Finding(
                    "hidden_under_shading", at,
                    f"This run is blacked out with shading or highlight, but its text \"{beneath}\" is still "
                    "in the document and shows when the shading is removed or the text is copied.",
                ))
            elif span.style in ("xlsx_fill", "html_box"):
                what = "cell is filled black" if span.style == "xlsx_fill" else "text sits on a black background"
                findings.append(Finding(
                    "hidden_under_shading", at,
                    f"This {what}, but its text \"{beneath}\" is still in the file and shows when the "
                    "fill is removed or the text is copied.",
                ))
    return findings
