"""The one spaCy pipeline of the extraction stage, built lazily on first use.

``spacy.blank("en")`` only (no trained model): its tokenizer plus custom token attributes that
the pattern modules (``dates``, ``recs``) match on with ``Matcher``. spaCy is imported inside
``get_nlp`` so that importing ``ingest.extract`` (and every search command) stays cheap.

The blank tokenizer cuts redaction markers apart ("[", "REDACTED", "]") and glues others to
their neighbours ("Redacted]@fife.gov.uk"); ``_RedactionTokenizer`` makes every marker that
``ingest.markers`` recognises exactly one token, so an owner written "[REDACTED]" or "█████" is
one token with ``token._.is_redaction`` true. The Doc text is always the input text, unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.headers import MONTHS
from ingest.markers import find_text_markers, is_marker

_NLP: Any = None

WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.I)
_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())
}


def month_of(word: str) -> int:
    """1-12 for a month name or abbreviation as a token ("March", "Mar", "Sept.", "MAY"), else 0.

    Lower-case "may"/"march" are verbs far more often than months, so a month must start
    with a capital letter.
    """
    if not word or not word[0].isupper():
        return 0
    return MONTHS.get(word.lower().rstrip("."), 0)


def day_of(word: str) -> int:
    """Day of month for "4", "04", "4th", "31st", else 0."""
    m = _DAY.match(word)
    if not m:
        return 0
    d = int(m.group(1))
    return d if 1 <= d <= 31 else 0


def year_of(word: str) -> int:
    """1900-2099; also the year that ends a file name ("2016.docx"), glued to its extension."""
    m = re.fullmatch(r"((?:19|20)\d\d)(?:\.[A-Za-z]{2,4})?", word)
    return int(m.group(1)) if m else 0


def ref_number(word: str) -> int:
    """A recommendation number: "7", "12", "5.1" (-> 5), "seven"; not years or long numbers."""
    m = re.fullmatch(r"(\d{1,3})(?:\.\d{1,2})*", word)
    if m:
        return int(m.group(1)) if 0 < int(m.group(1)) < 400 else 0
    return _NUMBER_WORDS.get(word.lower(), 0)


class _RedactionTokenizer:
    """Wraps the blank tokenizer: marker spans become single tokens, the rest is tokenized as usual."""

    def __init__(self, base: Any, vocab: Any) -> None:
        self.base = base
        self.vocab = vocab

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []

        def add_plain(segment: str) -> None:
            if not segment:
                return
            for tok in self.base(segment):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

        pos = 0
        for span in find_text_markers(text):
            add_plain(text[pos:span.start])
            words.append(text[span.start:span.end])
            spaces.append(text[span.end:span.end + 1] == " ")
            pos = span.end + (1 if spaces[-1] else 0)
        add_plain(text[pos:])
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy calls these when (de)serialising a pipeline; the wrapper has no state of its own.
    def to_bytes(self, **_: Any) -> bytes:
        return self.base.to_bytes()

    def from_bytes(self, data: bytes, **_: Any) -> _RedactionTokenizer:
        self.base.from_bytes(data)
        return self


def _register_extensions() -> None:
    from spacy.tokens import Token

    getters = {
        "is_redaction": lambda t: is_marker(t.text),
        "month": lambda t: month_of(t.text),
        "day": lambda t: day_of(t.text),
        "year": lambda t: year_of(t.text),
        "weekday": lambda t: t.text.lower().rstrip(".") in WEEKDAYS and t.text[0].isupper(),
        "ref_num": lambda t: ref_number(t.text),
    }
    for name, getter in getters.items():
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


def get_nlp() -> Any:
    """The shared blank-English pipeline with the redaction-aware tokenizer."""
    global _NLP
    if _NLP is None:
        import spacy

        nlp = spacy.blank("en")
        # Only the tokenizer runs (no parser or NER), so long documents cost memory linearly.
        nlp.max_length = 20_000_000
        nlp.tokenizer = _RedactionTokenizer(nlp.tokenizer, nlp.vocab)
        _register_extensions()
        _NLP = nlp
    return _NLP


_RECENT_DOCS: dict[str, Any] = {}
_RECENT_MAX = 4


def tokens(text: str) -> Any:
    """``text`` as a spaCy Doc (tokenizer only; no pipeline components are needed).

    The last few are kept: dates, recommendations and owners each tokenize the same document
    text, and tokenizing is most of what they cost."""
    doc = _RECENT_DOCS.get(text)
    if doc is None:
        doc = get_nlp().make_doc(text)
        if len(_RECENT_DOCS) >= _RECENT_MAX:
            _RECENT_DOCS.pop(next(iter(_RECENT_DOCS)))
        _RECENT_DOCS[text] = doc
    return doc


_MATCHERS: dict[int, Any] = {}


def matcher_for(patterns: dict[str, list]) -> Any:
    """A spaCy Matcher over the shared vocabulary for one module's PATTERNS, built once."""
    key = id(patterns)
    if key not in _MATCHERS:
        from spacy.matcher import Matcher

        matcher = Matcher(get_nlp().vocab)
        for kind, rules in patterns.items():
            matcher.add(kind, rules)
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def match_in_candidates(doc: Any, patterns: dict[str, list], candidates: dict[str, list]) -> list[tuple[int, int, int]]:
    """What ``matcher_for(patterns)`` finds in ``doc``, found faster: ``candidates`` (the same
    patterns over cheap token tests that accept a superset of the tokens) scans the whole doc,
    and the exact matcher reads only the stretches it matched. Every exact match is also a
    candidate match, and the Matcher looks at nothing outside a match, so the result is the
    same; the exact tests (Python calls per token) run on a few tokens instead of all."""
    regions: list[list[int]] = []
    for _, s, e in sorted(matcher_for(candidates)(doc), key=lambda m: m[1]):
        if regions and s <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], e)
        else:
            regions.append([s, e])
    exact = matcher_for(patterns)
    found: set[tuple[int, int, int]] = set()
    for s, e in regions:
        found.update((match_id, s + a, s + b) for match_id, a, b in exact(doc[s:e]))
    return sorted(found, key=lambda m: (m[1], m[2]))
