"""The release against itself: the same words redacted in one place and readable in another.

Two checks:

* ``find_redacted_elsewhere`` (``role_inconsistent``): every marker is described by the words
  just before it ("… version of recent ICR concerning █████") and just after it. Where the
  same leading words are followed by visible text that ends the way the redacted sentence
  ends ("… recent ICR concerning a restricted patient."), that visible text is what the
  marker hides. The index is a dict keyed on the leading words, so the scan is linear.
* ``find_differing_copies`` (``duplicate_differs``): documents of one type that are near-copies
  (rapidfuzz ``token_set_ratio`` on texts of similar length, compared with ``cdist`` per type so
  only plausible pairs are scored) are aligned line by line with ``difflib``; every block
  that differs is a finding, since copies taken from different mailboxes or redacted by
  different hands are where a release contradicts itself.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from index.audit.lexicon import Lexicon
from index.audit.model import Finding, Place, place, window
from ingest.models import Document

ANCHOR = 4  # words before a marker that must match
MAX_FILL = 6  # words a visible filler may have
_ARTICLES = frozenset({"a", "an", "the"})
_AUXILIARIES = frozenset("is was were are be been being has had have will would shall should can could may might "
                         "must did does do".split())
# A single line break is not an end: PDFs break sentences over lines. A blank line or a tab
# (table cell) is.
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*|[.;:!?\t]|\n[ \t]*\n")
_END = frozenset(".;:!?\t")


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    marker: bool

    @property
    def key(self) -> str:
        return self.text.lower()

    @property
    def is_end(self) -> bool:
        return self.text in _END or self.text.startswith("\n")


def _tokens(doc: Document) -> list[_Tok]:
    """Words, sentence ends and markers of ``doc.text``; each redaction span is one marker token."""
    out: list[_Tok] = []
    pos = 0
    for span in sorted(doc.redaction_spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        out += [_Tok(m.group(), m.start(), m.end(), False) for m in _WORD.finditer(doc.text, pos, span.start)]
        out.append(_Tok(doc.text[span.start:span.end], span.start, span.end, True))
        pos = span.end
    out += [_Tok(m.group(), m.start(), m.end(), False) for m in _WORD.finditer(doc.text, pos)]
    return out


def _content(toks: list[_Tok]) -> list[int]:
    """Indexes of the tokens that count for matching (articles skipped: "a recent ICR" = "recent ICR")."""
    return [i for i, t in enumerate(toks) if t.key not in _ARTICLES]


def _left(toks: list[_Tok], idx: list[int], at: int) -> tuple[str, ...] | None:
    """The ANCHOR words before content position ``at``, all on the marker's sentence."""
    if at < ANCHOR:
        return None
    words = [toks[idx[k]] for k in range(at - ANCHOR, at)]
    if any(w.marker or w.is_end for w in words):
        return None
    return tuple(w.key for w in words)


def _right(toks: list[_Tok], idx: list[int], at: int, n: int = 3) -> tuple[str, ...]:
    """Up to n words after content position ``at`` up to the end of the sentence."""
    out: list[str] = []
    for k in range(at, min(len(idx), at + n)):
        t = toks[idx[k]]
        if t.is_end or t.marker:
            break
        out.append(t.key)
    return tuple(out)


def find_redacted_elsewhere(docs: list[Document], lex: Lexicon) -> list[Finding]:
    stop = _stop_words()
    tokenized = {d.doc_id: _tokens(d) for d in docs}
    indexes = {d.doc_id: _content(tokenized[d.doc_id]) for d in docs}
    anchors: dict[tuple[str, ...], list[tuple[Document, int, tuple[str, ...]]]] = defaultdict(list)
    for doc in docs:
        toks, idx = tokenized[doc.doc_id], indexes[doc.doc_id]
        for k, i in enumerate(idx):
            if not toks[i].marker:
                continue
            left = _left(toks, idx, k)
            if left is None or sum(w not in stop for w in left) < 3:
                continue  # "… on behalf of █" is too common a lead to identify a sentence
            anchors[left].append((doc, k, _right(toks, idx, k + 1)))
    findings: dict[tuple[str, int, int], Finding] = {}
    for doc in docs:
        toks, idx = tokenized[doc.doc_id], indexes[doc.doc_id]
        for k in range(ANCHOR, len(idx)):
            first = toks[idx[k]]
            if first.marker or first.is_end:
                continue
            left = _left(toks, idx, k)
            if left not in anchors:
                continue
            for rdoc, rk, right in anchors[left]:
                fill = _fill(toks, idx, k, right)
                if fill is None:
                    continue
                a, b = fill
                words = [toks[idx[j]].key for j in range(a, b)]
                if any(w in _AUXILIARIES for w in words):
                    continue  # a clause ("staffing was closed"), not the noun phrase a marker stands for
                if all(w in stop for w in words) or _org_like(toks[idx[a]].text, lex):
                    continue  # "… on behalf of SWS" where another says "… on behalf of █": a body, not the person
                start, end = toks[idx[a]].start, toks[idx[b - 1]].end
                if rdoc is doc and abs(toks[idx[k]].start - tokenized[rdoc.doc_id][indexes[rdoc.doc_id][rk]].start) < 40:
                    continue
                key = (doc.doc_id, start, end)
                if key not in findings:
                    findings[key] = Finding(
                        "role_inconsistent", place(doc, start, end),
                        f"\"{doc.text[start:end]}\" is readable here, but the same words are redacted where the "
                        f"sentence recurs (\"… {' '.join(left)} █\").",
                    )
                # Once one repeat confirms it, every marker with the same lead is evidence too.
                for odoc, ok, _ in anchors[left]:
                    otok = tokenized[odoc.doc_id][indexes[odoc.doc_id][ok]]
                    if any((e.doc_id, e.start) == (odoc.doc_id, otok.start) for e in findings[key].evidence):
                        continue
                    ev = place(odoc, otok.start, otok.end)
                    ev.text = window(odoc.text, otok.start, otok.end, 70).strip()
                    findings[key].evidence.append(ev)
    out = list(findings.values())
    for f in out:
        n = len(f.evidence)
        f.explanation = f.explanation.replace("where the sentence recurs", f"in the {n} other place{'s' if n > 1 else ''} the sentence recurs")
    return out


def _fill(toks: list[_Tok], idx: list[int], k: int, right: tuple[str, ...]) -> tuple[int, int] | None:
    """Content positions [k, end) of visible words standing where the marker stood, or None."""
    for n in range(1, MAX_FILL + 1):
        if k + n > len(idx):
            return None
        last = toks[idx[k + n - 1]]
        if last.marker or last.is_end:
            return None
        after = _right(toks, idx, k + n, len(right) or 1)
        if right and after == right:
            return k, k + n
        if not right:
            nxt = toks[idx[k + n]] if k + n < len(idx) else None
            if nxt is None or nxt.is_end:
                return k, k + n
    return None


def _org_like(word: str, lex: Lexicon) -> bool:
    bare = word.rstrip("s") if word.isupper() else word
    return bare in lex.acronyms or word in lex.org


# ---------------------------------------------------------------------------------- copies

COPY_SCORE = 85  # token_set_ratio of two documents taken as copies of one another
SAME_RENDERING = 90  # plain ratio above which two copies are one document rendered twice (PDF/DOCX/scan)
_MARKUP = re.compile(r"\*\*|__|\[([^\]]*)\]\(#?[^)]*\)|^[-•*]\s+|^\d+\.\s+|<<|>>")
_PAGE_LINE = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", re.I)
_DASHES = str.maketrans({"—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "\t": " "})


def _norm_line(line: str) -> str:
    """A line as compared between copies: markup, dash and quote styles, case and spacing ignored."""
    line = _MARKUP.sub(lambda m: m.group(1) or "", line.strip().translate(_DASHES))
    line = re.sub(r"█+|\[(?i:redacted)[^\]]*\]", "█", line)
    line = re.sub(r"\s*([,.;:)])", r"\1", line)
    return " ".join(line.split()).lower()


def _lines(doc: Document) -> list[tuple[str, int, int]]:
    # Kept on the document for the run: each copy is compared with several others.
    cached = _LINES.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    out = _compute_lines(doc)
    _LINES[id(doc)] = (doc, out)
    return out


_LINES: dict[int, tuple[Document, list[tuple[str, int, int]]]] = {}


def _compute_lines(doc: Document) -> list[tuple[str, int, int]]:
    out = []
    pos = 0
    for raw in doc.text.split("\n"):
        norm = _norm_line(raw)
        if norm and not re.fullmatch(r"[-_=|\s]+", norm) and not _PAGE_LINE.match(norm):
            lead = len(raw) - len(raw.lstrip())
            out.append((norm, pos + lead, pos + len(raw.rstrip())))
        pos += len(raw) + 1
    return out


def copy_pairs(docs: list[Document]) -> list[tuple[Document, Document, float, float]]:
    """(a, b, token_set score, plain score) for documents of one type that are near-copies."""
    from rapidfuzz import fuzz, process

    by_type: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        by_type[d.doc_type].append(d)
    pairs = []
    for group in by_type.values():
        if len(group) < 2:
            continue
        texts = [" ".join(x[0] for x in _lines(d)) for d in group]
        scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, score_cutoff=COPY_SCORE)
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = len(texts[i]), len(texts[j])
                if scores[i][j] >= COPY_SCORE and min(a, b) >= 0.6 * max(a, b) \
                        and one_document(group[i], group[j]):
                    pairs.append((group[i], group[j], float(scores[i][j]), fuzz.ratio(texts[i], texts[j])))
    return pairs


QUOTED = 0.8  # share of the shorter document's lines found, in order, in the longer: one quotes the other


def _title_key(doc: Document) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (doc.title or "").lower()))


def one_document(a: Document, b: Document) -> bool:
    """Two near-copies are one document (so their differences matter) when they carry the same
    title and date, or when one quotes the other. Two meetings of one series (same heading,
    same attendance, different date and business) are not: their differences are the business."""
    if _title_key(a) and _title_key(a) == _title_key(b) and a.date == b.date:
        return True
    la, lb = [x[0] for x in _lines(a)], [x[0] for x in _lines(b)]
    short, long_ = (la, lb) if len(la) <= len(lb) else (lb, la)
    if not short:
        return False
    matcher = difflib.SequenceMatcher(None, short, long_, autojunk=False)
    kept = sum(len(" ".join(short[m.a:m.a + m.size])) for m in matcher.get_matching_blocks())
    return kept >= QUOTED * len(" ".join(short))


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _words(doc: Document) -> list[tuple[str, int, int]]:
    """(word, start, end of its line): copies are compared word by word, so that a paragraph
    wrapped differently by a PDF is still the same paragraph; a difference is shown as its lines."""
    out = []
    for norm, start, end in _lines(doc):
        out += [(w, start, end) for w in norm.split() if re.search(r"[\w█]", w)]
    return out


def find_differing_copies(docs: list[Document]) -> list[Finding]:
    found: dict[tuple[str, int, int], Finding] = {}
    for a, b, score, plain in copy_pairs(docs):
        # One document rendered twice (a PDF and its DOCX, a scan): wording differences are the
        # converter's or the OCR's; only a redaction present in one and not the other counts.
        rendering = plain >= SAME_RENDERING
        # An organiser's and an invitee's copy of one meeting request differ in their Outlook
        # header fields (Meeting Status, Show Time As, attendees) and attachment labels: that
        # is one thing to tidy, so it is one low finding listing every difference.
        request = a.doc_type == b.doc_type == "meeting_request"
        request_places: list[Place] = []
        wa, wb = _words(a), _words(b)
        matcher = difflib.SequenceMatcher(None, [x[0] for x in wa], [x[0] for x in wb], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            ta = " ".join(x[0] for x in wa[i1:i2])
            tb = " ".join(x[0] for x in wb[j1:j2])
            if ta.replace(" ", "") == tb.replace(" ", ""):
                continue  # the same words spaced differently
            redaction = ta.count("█") != tb.count("█")
            if rendering and not (redaction and _revealed(ta, tb)):
                continue
            # The finding sits in the copy that shows more (fewer markers, or extra words);
            # the other copy is the evidence.
            use_b = (tb.count("█") < ta.count("█") if redaction else j2 > j1) or i2 == i1
            if (j2 == j1) if use_b else (i2 == i1):
                use_b = not use_b  # the finding sits where there is text to point at
            if use_b:
                here, there, hw, tw, h1, h2, t1, t2 = b, a, wb, wa, j1, j2, i1, i2
            else:
                here, there, hw, tw, h1, h2, t1, t2 = a, b, wa, wb, i1, i2, j1, j2
            at = place(here, hw[h1][1], hw[h2 - 1][2])
            if t2 > t1:
                ev = place(there, tw[t1][1], tw[t2 - 1][2])
            else:
                k = min(t1, len(tw) - 1)
                ev = place(there, tw[k][1], tw[k][2]) if tw else Place(there.doc_id, there.source, None, "", "")
                ev.text = "(not in this copy) " + ev.text
            what = ("text readable in one copy is redacted in the other" if redaction
                    else "this text appears only in this copy" if op in ("insert", "delete")
                    else "the copies carry different words here")
            if request and not (redaction and _revealed(ta, tb)):
                request_places += [at, ev]
                continue
            key = (here.doc_id, at.start, at.end)
            if key in found:
                if all((e.doc_id, e.start) != (ev.doc_id, ev.start) for e in found[key].evidence):
                    found[key].evidence.append(ev)
                continue
            found[key] = Finding(
                "duplicate_differs", at,
                f"\"{here.title or here.doc_id}\" ({here.source}) and its copy in {there.source} are near-copies "
                f"(similarity {score:.0f}), but {what}.",
                evidence=[ev],
                # words one copy shows where the other redacts them are readable now
                severity="high" if redaction and _revealed(ta, tb) else "",
            )
        if request_places:
            first = request_places[0]
            n = len(request_places) // 2
            found[(first.doc_id, first.start, first.end)] = Finding(
                "duplicate_differs", first,
                f"The copies of meeting request \"{a.title or a.doc_id}\" in {a.source} and {b.source} differ in "
                f"{n} header field{'s' if n > 1 else ''} or line{'s' if n > 1 else ''} (as an organiser's and "
                "an invitee's copy do), with no redaction between them.",
                evidence=request_places[1:], severity="low",
            )
    _LINES.clear()
    return list(found.values())


def _revealed(ta: str, tb: str) -> bool:
    """True when the copy with fewer markers shows real words where the other has a marker.

    An OCR'd scan reads a box as "Bi" or "|": two letters or fewer in its place is not a leak.
    """
    more, fewer = (ta, tb) if ta.count("█") > tb.count("█") else (tb, ta)
    return _letters(fewer) - _letters(more) >= 3
