"""The Whoosh analyzer of the passage text field: what Whoosh itself runs when it indexes.

Only writing needs it (the schema names it: `whoosh_backend.make_schema`); every other caller
analyses text with `index.engine.analysis`, which gives the same tokens without importing
Whoosh's analysis package (tests/test_analysis_equivalence.py holds the two equal).
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from index.engine.analysis import _MARKER_START, REDACTION_TOKEN, TOKEN_PATTERN


class MarkerFilter(Filter):
    """Replace every marker token by REDACTION_TOKEN (a marker may carry 'redacted', 's.40')."""

    def __call__(self, tokens):
        for t in tokens:
            if _MARKER_START.match(t.text):
                t.text = REDACTION_TOKEN
            yield t


# Every index's schema was pickled naming index.engine.analysis.MarkerFilter (where the class
# lived before); that module still serves the name, so old and new schemas read alike.
MarkerFilter.__module__ = "index.engine.analysis"


@lru_cache(maxsize=1)
def text_analyzer():
    """The analyzer of the passage text field (built once per process)."""
    # cachesize=-1: unbounded stem cache; an index holds a few tens of thousands of word forms.
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | MarkerFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter(lang="en", ignore=frozenset({REDACTION_TOKEN}), cachesize=-1)
    )
