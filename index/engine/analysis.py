"""The text analysis shared by indexing, querying and snippet highlighting.

Whoosh's stock analyzers drop one-character tokens and stop words, so "recommendation 7"
would match "recommendation 8". This one keeps every number and single letter, stems
English (vetting/vetted/vet -> vet), folds case and accents, and turns each redaction
marker (█ runs, [REDACTED], [Redacted - s.40(2)], (redacted) ...) into one token
``REDACTION_TOKEN`` so that a marker takes one position in a phrase and the word
"redacted" inside a marker is never indexed as content.

Whoosh indexes the text field with its own analyzer chain (`whoosh_analysis.text_analyzer`:
tokenizer, marker filter, lower case, accent map, English Snowball stemmer). Everything else
(queries, highlighting, duplicate keys, word pairs, the FTS5 engine) analyses here, the same
steps without Whoosh's analysis package: `foi search` starts without importing it (about 6 ms),
and a word's indexed form is worked out once per process. tests/test_analysis_equivalence.py
holds the two equal, token for token and offset for offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.marker_patterns import BLOCK_PATTERN, MARKER_PATTERN

REDACTION_TOKEN = "xredactedx"

# One alternation: a marker first (so "[REDACTED - s.40(2)]" is one token, not five), then a
# word or number. An item number ("4.2") or a thousands figure ("1,000") stays one token; a list
# "7,8" or an address "fife.gov.uk" splits, so each part matches on its own.
_MARKER = "(?:" + MARKER_PATTERN + ")"
_BLOCK = "(?:(?:" + BLOCK_PATTERN + r")(?:[ \t]*(?:" + BLOCK_PATTERN + "))*)"
_WORD = r"\d{1,3}(?:,\d{3})+(?![\w,])|\d+(?:\.\d+)+(?![\w.]\d)|\w+"
TOKEN_PATTERN = re.compile(f"{_BLOCK}|{_MARKER}|{_WORD}", re.IGNORECASE | re.UNICODE)
_MARKER_START = re.compile(r"[\[(<{\u2588]")
_LETTER = re.compile(r"[^\W\d_]")


def text_analyzer():
    """Whoosh's analyzer of the passage text field (the schema's; imports Whoosh's analysis)."""
    from index.engine.whoosh_analysis import text_analyzer as whoosh_text_analyzer

    return whoosh_text_analyzer()


def __getattr__(name: str):
    # Pickled schemas name index.engine.analysis.MarkerFilter (see whoosh_analysis).
    if name == "MarkerFilter":
        from index.engine.whoosh_analysis import MarkerFilter

        return MarkerFilter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---- the analysis, step by step as the Whoosh chain runs it ------------------------------------

_ACCENTS: dict[int, str] | None = None
_STEM = None
# A token as written -> (its folded word, its indexed term). Bounded (~250 bytes an entry, so
# ~12 MB at most): an ingest meets every spelling of a corpus, and Whoosh's own chain keeps its
# stems beside it; past the bound the table starts again (a cache, never a result).
_SEEN: dict[str, tuple[str, str]] = {}
_SEEN_BOUND = 50_000


def _accents() -> dict[int, str]:
    """Whoosh's accent map (CharsetFilter(accent_map)): loaded on the first non-ASCII word."""
    global _ACCENTS
    if _ACCENTS is None:
        from whoosh.support.charset import accent_map

        _ACCENTS = accent_map
    return _ACCENTS


def _stemmer():
    """StemFilter(lang="en")'s stemmer: Whoosh's English Snowball stemmer."""
    global _STEM
    if _STEM is None:
        from index.engine.whoosh_imports import english_stemmer

        _STEM = english_stemmer()
    return _STEM


def _analysed(raw: str) -> tuple[str, str]:
    """(folded word, indexed term) of one token as the tokenizer cut it."""
    known = _SEEN.get(raw)
    if known is not None:
        return known
    if _MARKER_START.match(raw):  # MarkerFilter
        word = term = REDACTION_TOKEN
    else:
        word = raw.lower()  # LowercaseFilter
        if not word.isascii():  # CharsetFilter(accent_map): it maps no lower-case ASCII letter
            word = word.translate(_accents())
        # StemFilter(ignore=...); a token with no letter (a number, "4.2", "1,000") stems to
        # itself, so the stemmer is not asked (a long log's numbers are most of its tokens).
        stem = word != REDACTION_TOKEN and _LETTER.search(word) is not None
        term = _stemmer()(word) if stem else word
    if len(_SEEN) >= _SEEN_BOUND:
        _SEEN.clear()
    _SEEN[raw] = known = (word, term)
    return known


@dataclass(frozen=True)
class Token:
    """One token of a text: its indexed form and where it stands."""

    text: str  # the indexed (folded, stemmed) form
    start: int  # character offsets in the analysed string
    end: int


def tokens(text: str) -> list[Token]:
    """Indexed tokens of ``text`` with their character offsets (for tests and highlighting)."""
    return [Token(_analysed(m.group())[1], m.start(), m.end()) for m in TOKEN_PATTERN.finditer(text)]


def terms(text: str) -> list[str]:
    """Indexed forms of ``text``'s tokens, in order (query words go through this too)."""
    return [_analysed(m.group())[1] for m in TOKEN_PATTERN.finditer(text)]


def terms_and_words(text: str) -> tuple[list[str], list[str]]:
    """In one pass: the indexed tokens of ``text`` (as `terms` gives them) and its distinct
    unstemmed words, sorted: what a spelling suggestion may offer (Whoosh's `spell_text` field
    holds the same words)."""
    pairs = [_analysed(m.group()) for m in TOKEN_PATTERN.finditer(text)]
    return [term for _, term in pairs], sorted({word for word, _ in pairs})


# Joins the two tokens of a word pair. No token holds it (a token is word characters, digits
# with "," or ".", or the redaction token), so "a_b c" and "a b_c" stay different pairs, which
# an underscore would not guarantee.
PAIR_SEPARATOR = "|"


def pair_term(first: str, second: str) -> str:
    """The `pairs` field term of two adjacent indexed tokens."""
    return first + PAIR_SEPARATOR + second


def pairs(text: str) -> list[str]:
    """Every adjacent pair of ``text``'s indexed tokens (the tokens of the text field, the
    redaction token included), each once: a two-word phrase is then one term lookup."""
    toks = terms(text)
    return list(dict.fromkeys(pair_term(a, b) for a, b in zip(toks, toks[1:], strict=False)))


def has_marker(text: str) -> bool:
    return REDACTION_TOKEN in terms(text)


def normalise_for_duplicates(text: str) -> str:
    """Text reduced to its indexed tokens: two copies differing in spacing, case, punctuation
    or marker spelling normalise alike (the same e-mail in a bundle and as its own file)."""
    return " ".join(terms(text))
