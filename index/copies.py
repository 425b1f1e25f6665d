"""When two texts are copies of one another: the same paper as a Word file, a PDF, a page of the
bundle a requester received, or a scan. Box widths, line breaks and OCR slips differ; words don't."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

_MARKERS = re.compile(r"█+|\[[^\]]{0,40}\]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def copy_key(text: str) -> str:
    """Lower-case words with every redaction marker as 'x'."""
    return _NON_WORD.sub(" ", _MARKERS.sub(" x ", text.lower())).strip()


def same_words(a: str, b: str, cutoff: float = 92) -> bool:
    """True when one text is a copy of the other, or of a part of it (a sentence cut at a line end)."""
    ka, kb = copy_key(a), copy_key(b)
    return bool(ka and kb) and fuzz.partial_ratio(ka, kb) >= cutoff
