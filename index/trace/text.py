"""Words for action tracing: what an action is about, as stems that survive rewording.

Successive minutes rarely repeat an action's words, so an action is reduced to its content
words (owner, boilerplate verbs and function words stripped), each stemmed so that "archive"
meets "archiving", and each acronym joined to its spelled-out name wherever the release itself
spells it out ("Sex Offender Liaison Officer (SOLO)") or a capitalised name's initials make it
("Scottish Federation of Housing Associations" = SFHA). Weights are inverse document
frequencies over the whole release, so a rare word (a body named once, a town) counts for more
than one every paper uses (the group's own name).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ingest.markers import ANY_MARKER_RE

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]|\d+(?:\.\d+)?")
REDACTED_RE = ANY_MARKER_RE  # one definition of a marker (ingest.markers)

# Function words, and words every paper of a public body uses, that say nothing about topic.
STOPWORDS = frozenset(
    """
a an the and or nor but if then than so as at by for from in into of off on onto out over to up
with within without via per upon about above after again against all any both each few more most
other some such only own same too very can will just should would could may might must shall
is are was were be been being am have has had having do does did doing this that these those it
its itself they them their theirs we us our ours you your yours he him his she her hers i me my
who whom whose which what when where why how there here not no yes also further furthermore
through thereafter far
still yet already now soon
however therefore thereafter therein thereof whereby while whilst such etc ie eg re its
relative relation relating regard regards regarding respect respective respectively behalf
following follow including include includes included given
any anything everything something nothing one two three
mr mrs ms dr cllr councillor
subsequent relevant various current currently recent recently new additional existing overall general
specific particular separate same similar certain main full fuller proposed suggested
""".split()
)

# Verbs and nouns that say an action exists, not what it is about ("X to provide a copy of ...").
ACTION_BOILERPLATE = frozenset(
    """
action actions agreed agree agrees provide provides provided circulate circulates circulated
send sends sent take takes taken make makes made ensure ensures confirm confirms establish
organise organize arrange arranges prepare prepares produce produces progress consider
considers look looks liaise discuss meet copy copies information info item items note notes
noted update updates updated report back asap immediate timescale owner lead due date group
members member secretariat chair officer officers relevant regarding appropriate required
require requires need needs necessary order possible possibly brief short please
complete completed completion done ongoing open closed outstanding status
meeting meetings next asked ask asks request requests requested view
""".split()
)

# Clipped forms that minute-takers write for common words ("Cat 3", "Govt", "Cttee").
ABBREVIATIONS = {
    "cat": "category", "cats": "category", "govt": "government", "gov": "government", "dept": "department",
    "depts": "department", "cttee": "committee", "ctte": "committee", "mgmt": "management", "mgt": "management",
    "info": "information", "docs": "documents", "doc": "document", "approx": "approximately", "exec": "executive",
    "comms": "communications", "org": "organisation", "orgs": "organisation", "reqd": "required", "cllrs": "councillors",
    "mtg": "meeting", "mtgs": "meeting", "sec": "secretary", "asst": "assistant", "mgr": "manager", "mgrs": "manager",
}

CONNECTORS = frozenset({"of", "and", "for", "the", "&", "in", "on", "to"})


@functools.lru_cache(maxsize=1 << 16)  # the same few thousand words are stemmed over and over
def stem(word: str) -> str:
    """A light suffix-stripper: enough to join 'archive', 'archiving', 'archived', 'reviews'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    w = ABBREVIATIONS.get(w, w)
    if len(w) <= 3 or w.isdigit():
        return w
    for suffix in ("ational", "isation", "ization", "ations", "ation", "ions", "ion", "ments", "ment", "ings", "ing",
                   "ies", "ied", "ised", "ized", "ises", "izes", "ise", "ize", "edly", "ed", "es", "s", "e", "y"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith(("ss", "us", "is"))):
            w = w[: -len(suffix)]
            break
    # 'organis(ing)' and 'organ(ise)' meet at 'organ'; 'disseminat(ed)' and 'dissemin(ation)' too
    if len(w) > 5 and w.endswith(("is", "iz")):
        w = w[:-2]
    elif len(w) > 6 and w.endswith("at"):
        w = w[:-2]
    # doubled final consonant left by -ing/-ed ("planned" -> "plann" -> "plan")
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Word tokens with redaction markers and web addresses removed (a marker is never a topic,
    and "https://docs.releng.linuxfoundation.org/projects/lftools/en/latest" is an address, not
    eleven words of what the action is about; a link's own text stays)."""
    return WORD_RE.findall(URL_RE.sub(" ", REDACTED_RE.sub(" ", text)))


@dataclass
class Acronyms:
    """Acronym -> stems of its spelled-out name, learned from the release itself."""

    expansions: dict[str, list[str]] = field(default_factory=dict)

    def expand(self, token: str) -> list[str] | None:
        key = token.upper()
        if key.endswith("S") and key[:-1] in self.expansions and key not in self.expansions:
            key = key[:-1]
        return self.expansions.get(key)


_DEFINED_RE = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|&)\s+)?){2,8})\(([A-Z][A-Za-z]{1,7})\)")


def _capital_runs(text: str) -> Iterable[list[str]]:
    """Runs of capitalised words on one line, allowing connectors inside ('Federation of Housing').

    A run stops at an all-capitals word: 'Northern ABC South' is two names, not N-A-S.
    """
    for line in text.splitlines():
        yield from _line_runs(line)


def _line_runs(line: str) -> Iterable[list[str]]:
    run: list[str] = []
    for word in words(line):
        if word[:1].isupper() and not (word.isupper() and len(word) > 1):
            run.append(word)
        elif word.lower() in CONNECTORS and run:
            run.append(word)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def learn_acronyms(texts: Iterable[str]) -> Acronyms:
    """Acronyms from 'Long Name (ABBR)' and from capitalised names whose initials an ALLCAPS token spells."""
    texts = list(texts)
    found: dict[str, list[str]] = {}
    caps_tokens: set[str] = set()
    for text in texts:
        for m in _DEFINED_RE.finditer(text):
            raw = m.group(2)
            abbr = raw.upper()
            abbr_base = raw[:-1].upper() if raw.endswith("s") and len(raw) > 2 else abbr
            name_words = words(m.group(1).splitlines()[-1] if m.group(1).strip() else "")
            # keep only the tail whose initials spell the acronym
            content = [w for w in name_words if w.lower() not in CONNECTORS]
            for k in (len(abbr_base), len(abbr)):
                tail = content[-k:] if k <= len(content) else []
                if tail and "".join(w[0] for w in tail).upper() in (abbr, abbr_base):
                    found.setdefault(abbr_base, [stem(w) for w in tail])
                    break
        caps_tokens.update(w for w in words(text) if len(w) >= 3 and w.isupper() and w.isalpha())
    for text in texts:
        for run in _capital_runs(text):
            content = [w for w in run if w.lower() not in CONNECTORS]
            for i in range(len(content)):
                for j in range(i + 3, min(len(content), i + 8) + 1):
                    initials = "".join(w[0] for w in content[i:j]).upper()
                    if initials in caps_tokens and initials not in found and not all(w.isupper() for w in content[i:j]):
                        found[initials] = [stem(w) for w in content[i:j]]
    return Acronyms(found)


def content_stems(text: str, acronyms: Acronyms | None = None, drop: Iterable[str] = (),
                  boilerplate: bool = True) -> list[str]:
    """Stems of the content words of a text, in order. Acronyms stay as one stem ('sws'): their
    spelled-out words are matched through ``Concept.expansion``, so that an action about 'work'
    does not meet every 'SWS'."""
    dropped = {d.lower() for d in drop}
    out: list[str] = []
    for word in words(text):
        low = word.lower()
        if low in STOPWORDS or low in dropped or (boilerplate and low in ACTION_BOILERPLATE):
            continue
        if len(low) == 1 and not low.isdigit():
            continue
        out.append(stem(word))
    return out


@dataclass(frozen=True)
class Concept:
    """One thing an action is about: a stem, or an acronym that its spelled-out stems also satisfy."""

    stem: str
    expansion: tuple[str, ...] = ()


def concepts(text: str, acronyms: Acronyms | None = None, drop: Iterable[str] = ()) -> list[Concept]:
    """The distinct content concepts of an action's text, in order.

    An acronym is one concept whether written short or spelled out: 'SFHA' and 'Scottish
    Federation of Housing Associations' both become Concept('sfha', (scottish, feder, hous, associ)).
    """
    dropped = {d.lower() for d in drop}
    toks = words(text)
    stems = [stem(w) for w in toks]
    spelled: dict[int, tuple[str, int]] = {}  # start index -> (acronym, words consumed)
    if acronyms:
        for abbr, expansion in acronyms.expansions.items():
            n = len(expansion)
            for i in range(len(toks)):
                j, k = i, 0
                while j < len(toks) and k < n:
                    if toks[j].lower() in CONNECTORS and k > 0:
                        j += 1
                        continue
                    if stems[j] != expansion[k] or not toks[j][:1].isupper():
                        break
                    j += 1
                    k += 1
                if k == n and (i not in spelled or spelled[i][1] < j - i):
                    spelled[i] = (abbr, j - i)
    out: dict[str, Concept] = {}
    i = 0
    while i < len(toks):
        if i in spelled:
            abbr, used = spelled[i]
            expansion = acronyms.expansions[abbr] if acronyms else []
            out.setdefault(abbr.lower(), Concept(abbr.lower(), tuple(expansion)))
            i += used
            continue
        word, low = toks[i], toks[i].lower()
        i += 1
        if low in STOPWORDS or low in dropped or low in ACTION_BOILERPLATE or (len(low) == 1 and not low.isdigit()):
            continue
        expansion = acronyms.expand(word) if acronyms and word.isupper() and len(word) >= 2 else None
        key = stem(word)
        out.setdefault(key, Concept(key, tuple(expansion or ())))
    return list(out.values())


def sequence(text: str, acronyms: Acronyms | None = None) -> list[str]:
    """Content stems in reading order (function words dropped), for finding shared phrases."""
    out: list[str] = []
    for word in words(text):
        low = word.lower()
        if low in STOPWORDS or (len(low) == 1 and not low.isdigit()):
            continue
        out.append(stem(word))
    return out


def shared_runs(a: list[str], b: list[str], min_len: int = 2) -> list[list[str]]:
    """Runs of two or more stems that occur in the same order, side by side, in both sequences."""
    runs: list[list[str]] = []
    positions: dict[str, list[int]] = {}
    for j, t in enumerate(b):
        positions.setdefault(t, []).append(j)
    i = 0
    while i < len(a):
        best = 0
        for j in positions.get(a[i], []):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
        if best >= min_len:
            runs.append(a[i:i + best])
            i += best
        else:
            i += 1
    return runs


class Idf:
    """Inverse document frequency of stems over the release's sentences."""

    def __init__(self, units: Iterable[Iterable[str]]) -> None:
        counts: Counter[str] = Counter()
        n = 0
        for unit in units:
            n += 1
            counts.update(set(unit))
        self.n = max(n, 1)
        self.counts = counts
        self.max = math.log((self.n + 1) / 0.5)  # the idf of a word no unit has

    def __call__(self, term: str) -> float:
        return math.log((self.n + 1) / (self.counts.get(term, 0) + 0.5))


class KnownTerms(frozenset):
    """The acronyms that match only themselves (a frozenset of them), knowing the papers'
    vocabulary: a term's near spellings in it are looked up once, so matching a term against a
    unit is a set test, not a fuzzy scan of the unit's words per call (same answer: the unit's
    words are words of the vocabulary)."""

    def __new__(cls, acronyms: Iterable[str], vocabulary: Iterable[str]) -> KnownTerms:
        return super().__new__(cls, acronyms)

    def __init__(self, acronyms: Iterable[str], vocabulary: Iterable[str]) -> None:
        self.vocabulary = [t for t in set(vocabulary) if len(t) >= 5 and not t.isdigit() and t not in self]
        self.known = frozenset(self.vocabulary)
        self._near: dict[str, frozenset[str]] = {}

    def near(self, term: str) -> frozenset[str]:
        """The vocabulary's words within fuzz.ratio 88 of ``term`` (clipped forms, misspellings)."""
        hit = self._near.get(term)
        if hit is None:
            hit = self._near[term] = frozenset(
                m[0] for m in process.extract(term, self.vocabulary, scorer=fuzz.ratio, score_cutoff=88, limit=None))
        return hit


def term_match(term: str, unit_terms: set[str], exact_only: frozenset[str] = frozenset()) -> float:
    """1 for the same stem, partial credit for a clipped form ('cat' for 'category') or a near spelling.

    Known acronyms (``exact_only``) match only themselves: REC is not 'record'.
    """
    if term in unit_terms:
        return 1.0
    if term in exact_only:
        return 0.0
    if len(term) < 5 or term.isdigit():
        return 0.0
    pool, known = _fuzzy_pool(unit_terms, exact_only)
    if not pool:
        return 0.0
    if known:  # every word of the pool is in the vocabulary: its near spellings are the answer
        return 0.8 if not exact_only.near(term).isdisjoint(unit_terms) else 0.0  # type: ignore[attr-defined]
    if process.extractOne(term, pool, scorer=fuzz.ratio, score_cutoff=88) is not None:
        return 0.8
    return 0.0


# Each unit's terms are matched against many concepts: build its fuzzy candidates once.
_POOLS: dict[tuple[int, int], tuple[set[str], list[str], bool]] = {}


def _fuzzy_pool(unit_terms: set[str], exact_only: frozenset[str]) -> tuple[list[str], bool]:
    """The unit's words a near spelling may match, and whether all are in the vocabulary of
    ``exact_only`` (a `KnownTerms`)."""
    key = (id(unit_terms), id(exact_only))
    hit = _POOLS.get(key)
    if hit is None or hit[0] is not unit_terms:
        pool = [t for t in unit_terms if len(t) >= 5 and t not in exact_only and not t.isdigit()]
        known = isinstance(exact_only, KnownTerms) and exact_only.known.issuperset(pool)
        hit = _POOLS[key] = (unit_terms, pool, known)
    return hit[1], hit[2]


def concept_match(concept: Concept, unit_terms: set[str], exact_only: frozenset[str] = frozenset()) -> float:
    """A concept is met by its stem, or by every stem of its acronym's spelled-out name."""
    got = term_match(concept.stem, unit_terms, exact_only)
    if got < 1.0 and concept.expansion and all(t in unit_terms for t in concept.expansion):
        return 1.0
    return got
