"""`--names FILE`: every visible occurrence of the people the team means to withhold.

The text is read as a reader sees it: markers are cut out (a name is never "inside" a
marker), words broken over a line by a hyphen are joined ("Stu-\\nart"), possessives are
dropped ("Stuart's"). Each name is tried in the spellings a release uses for a person —
"Arlene Stuart", "A. Stuart", "A Stuart", "Stuart, Arlene", "Stuart" — against windows of the
same number of words, scored with rapidfuzz so that case and OCR slips ("Arlcne Stuart",
"Stuar t") still match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.audit.model import Finding, place
from ingest.models import Document

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
MIN_SCORE = 88  # rapidfuzz ratio (0-100) of a window against a spelling


class WatchlistError(Exception):
    """The names file cannot be used; the message names the reason."""


def read_names(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except UnicodeDecodeError:
        raise WatchlistError("not a UTF-8 text file") from None
    names = [ln.split("#", 1)[0].strip() for ln in lines]
    names = [n for n in names if n]
    if not names:
        raise WatchlistError("no names in the file (one name per line)")
    return names


@dataclass
class _Word:
    norm: str
    start: int
    end: int


def _visible_words(doc: Document) -> list[list[_Word]]:
    """Runs of visible words, cut at every marker so no match spans one."""
    runs: list[list[_Word]] = []
    pos = 0
    spans = sorted(doc.redaction_spans, key=lambda s: s.start)
    bounds: list[tuple[int, int]] = []
    for s in spans:
        if s.start > pos:
            bounds.append((pos, s.start))
        pos = max(pos, s.end)
    bounds.append((pos, len(doc.text)))
    for lo, hi in bounds:
        run: list[_Word] = []
        for m in _WORD.finditer(doc.text, lo, hi):
            word, start, end = m.group(), m.start(), m.end()
            if len(word) > 2 and word.endswith("."):
                word, end = word[:-1], end - 1  # a full stop, not an initial's dot
            if run and doc.text[run[-1].end - 1] == "-" and "\n" in doc.text[run[-1].end:start]:
                # "Stu-\nart": a word hyphenated over a line break is one word
                run[-1] = _Word(run[-1].norm.rstrip("-") + word.lower(), run[-1].start, end)
                continue
            norm = re.sub(r"['’]s?$", "", word.lower()).strip(".-")
            if norm:
                run.append(_Word(norm, start, end))
        if run:
            runs.append(run)
    return runs


def spellings(name: str) -> list[str]:
    parts = [p.lower().strip(".") for p in re.split(r"[\s,]+", name.strip()) if p.strip(".")]
    if not parts:
        return []
    out = [" ".join(parts)]
    if len(parts) >= 2:
        first, last = parts[0], parts[-1]
        out += [f"{first[0]} {last}", f"{last} {first}", " ".join(parts[1:]) if len(parts) > 2 else ""]
        if len(last) >= 4:
            out.append(last)  # the surname alone: "Stuart advised"
    return [s for s in dict.fromkeys(out) if s]


def find_watchlist(docs: list[Document], names: list[str]) -> list[Finding]:
    from rapidfuzz import fuzz

    findings: list[Finding] = []
    forms = [(name, s) for name in names for s in spellings(name)]
    for doc in docs:
        taken: list[tuple[int, int]] = []
        for run in _visible_words(doc):
            for name, form in sorted(forms, key=lambda f: -len(f[1].split())):
                n = len(form.split())
                # Short forms and a surname alone must match exactly: "Start" is not "Stuart".
                strict = n == 1 or len(form.replace(" ", "")) <= 5
                for i in range(len(run) - n + 1):
                    window = run[i:i + n]
                    text = " ".join(w.norm.replace(".", "") for w in window)
                    if strict:
                        if text != form:
                            continue
                    elif text[:1] != form[:1] or fuzz.ratio(text, form) < MIN_SCORE:
                        continue
                    start, end = window[0].start, window[-1].end
                    if any(a < end and start < b for a, b in taken):
                        continue
                    if n == 1 and not doc.text[start].isupper():
                        continue  # a surname alone counts only where written as a name
                    taken.append((start, end))
                    findings.append(Finding(
                        "watchlist_hit", place(doc, start, end),
                        f"\"{doc.text[start:end]}\" matches \"{name}\" from the withholding list and is "
                        "readable in the release.",
                    ))
    return findings
