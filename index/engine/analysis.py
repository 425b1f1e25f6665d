"""The text analyzer shared by indexing, querying and snippet highlighting.

Whoosh's stock analyzers drop one-character tokens and stop words, so "recommendation 7"
would match "recommendation 8". This one keeps every number and single letter, stems
English (vetting/vetted/vet -> vet), folds case and accents, and turns each redaction
marker (█ runs, [REDACTED], [Redacted - s.40(2)], (redacted) ...) into one token
``REDACTION_TOKEN`` so that a marker takes one position in a phrase and the word
"redacted" inside a marker is never indexed as content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from ingest.markers import BLOCK_RE, MARKER_RE

REDACTION_TOKEN = "xredactedx"

# One alternation: a marker first (so "[REDACTED - s.40(2)]" is one token, not five), then a
# word or number. An item number ("4.2") or a thousands figure ("1,000") stays one token; a list
# "7,8" or an address "fife.gov.uk" splits, so each part matches on its own.
_MARKER = "(?:" + MARKER_RE.pattern + ")"
_BLOCK = "(?:(?:" + BLOCK_RE.pattern + r")(?:[ \t]*(?:" + BLOCK_RE.pattern + "))*)"
_WORD = r"\d{1,3}(?:,\d{3})+(?![\w,])|\d+(?:\.\d+)+(?![\w.]\d)|\w+"
TOKEN_PATTERN = re.compile(f"{_BLOCK}|{_MARKER}|{_WORD}", re.IGNORECASE | re.UNICODE)
_MARKER_START = re.compile(r"[\[(<{\u2588]")


class MarkerFilter(Filter):
    """Replace every marker token by REDACTION_TOKEN (a marker may carry 'redacted', 's.40')."""

    def __call__(self, tokens):
        for t in tokens:
            if _MARKER_START.match(t.text):
                t.text = REDACTION_TOKEN
            yield t


def _stem_ignore() -> frozenset[str]:
    return frozenset({REDACTION_TOKEN})


@lru_cache(maxsize=1)
def text_analyzer():
    """The analyzer of the passage text field (built once per process)."""
    # cachesize=-1: unbounded stem cache; an index holds a few tens of thousands of word forms.
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | MarkerFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter(lang="en", ignore=_stem_ignore(), cachesize=-1)
    )


@dataclass(frozen=True)
class Token:
    text: str  # the indexed (folded, stemmed) form
    start: int  # character offsets in the analysed string
    end: int


def tokens(text: str) -> list[Token]:
    """Indexed tokens of ``text`` with their character offsets (for tests and highlighting)."""
    return [
        Token(t.text, t.startchar, t.endchar)
        for t in text_analyzer()(text, chars=True, mode="index")
    ]


def terms(text: str) -> list[str]:
    """Indexed forms of ``text``'s tokens, in order (query words go through this too)."""
    return [t.text for t in text_analyzer()(text, mode="query")]


def terms_and_words(text: str) -> tuple[list[str], list[str]]:
    """In one pass: the indexed tokens of ``text`` (as `terms` gives them) and its distinct
    unstemmed words, sorted: what a spelling suggestion may offer (Whoosh's `spell_text` field
    holds the same words)."""
    chain = text_analyzer()
    words: list[str] = []

    def unstemmed(stream):
        for t in stream:  # Whoosh reuses one token object: keep its text as it passes
            words.append(t.text)
            yield t

    stemmed = [t.text for t in chain[-1](unstemmed(chain(text, mode="index", no_morph=True)))]
    return stemmed, sorted(set(words))


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
