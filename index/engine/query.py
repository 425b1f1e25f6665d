"""Parse what a user types into the engine-neutral query of `backend.py`.

What people type is a question or a few words, not a Boolean expression, so by default every
word is optional and passages are ranked (`Ranked`: BM25 with coordination, those holding more
of the query's ideas first). The query goes through small stages, each a pure function:

1. ``_mark_recs``: "recommendation 7", "recommendations 7, 9 and 10", "rec 7", "Rec. 7",
   "rec7", "R7", "Recommendation No. 7" become one recommendation reference each (outside
   quoted phrases); a passage about the recommendation is required, the other words rank.
2. ``_items``: words, "quoted phrases" and ``+word`` (required), ``-item`` (excluded),
   ``a OR b`` (one idea, either word), ``field:value`` (year, type, group, rec, doc, owner,
   status; owner and status are answered from the actions, see `index/search.py`).
3. ``_dates``: a year (``2017``) and a month with its year (``May 2017``, ``4 May 2017``) leave
   the words; they boost passages of documents of that date (and still count, a little, where
   the text itself says the year). Filtering by date is ``--year``/``--since``/``--until``.
4. ``_ideas``: question and function words ("who", "what", "did", "the", "about") are dropped
   unless nothing else is left; an abbreviation the papers define ("Memorandum of Understanding
   (MoU)", learnt at ingest) makes one idea of the short form and the long one, whichever was
   typed.
5. ``_assemble``: required parts AND-ed; the ideas as a `Ranked` clause (optional when something
   is required); date boosts; exclusions.

Parsing never raises: anything odd falls back to plain words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from index.engine import analysis
from index.engine.backend import (
    And,
    AndMaybe,
    FieldIs,
    MatchAll,
    Not,
    Or,
    Phrase,
    Query,
    Ranked,
    RecRef,
    Term,
)

# "recommendation 7", "Recommendations 7, 9 and 10", "rec. 7", "rec7", "Recommendation No 7", "rec #7"
REC_RE = re.compile(
    r"\b(?:recommendations?|recs?)\b\.?\s*(?:no\.?\s*|number\s+|#\s*)?"
    r"(?P<nums>\d{1,3}(?:\s*(?:,|&|and|or)\s*\d{1,3})*)\b"
    r"|\brecs?(?P<glued>\d{1,3})\b",
    re.IGNORECASE,
)
# "R7": a capital R glued to the number (a lower-case "r7" may be anything).
R_REC_RE = re.compile(r"(?<![\w.])R(?P<glued>\d{1,2})\b")

FIELD_ALIASES = {
    "year": "year",
    "type": "doc_type",
    "doc_type": "doc_type",
    "group": "group",
    "rec": "recs",
    "recs": "recs",
    "recommendation": "recs",
    "doc": "doc_id",
    "doc_id": "doc_id",
    "owner": "owner",
    "status": "status",
}
# Fields answered outside the engine (from the store's actions).
ACTION_FIELDS = ("owner", "status")

# Words that frame a question or hold a sentence together: never required, never ranked on
# (unless the query has nothing else). Content words ("decide", "responsible") stay.
STOP_WORDS = frozenset("""
a about after again all also am an and any are as at be been before being both but by can
could did do does doing done during each either ever for from had has have having he her here
hers him his how i if in into is it its itself just me might more most must my no nor not now
of off on once only or other our ours out over own same shall she should so some still such
than that the their theirs them then there these they this those through to too under until
up upon very was we were what whatever when whenever where whereas whether which while who
whom whose why will with within would yet you your yours
happen happens happened tell know find show please vs versus
""".split())

# Words that ask for redacted text: they also match every redaction marker ("[REDACTED]", █ runs).
REDACTION_WORDS = frozenset({"redacted", "redaction", "redactions", "redact", "withheld", "blacked"})
MARKER = "[REDACTED]"  # what a marker analyses to, whatever its spelling

# How a question names a thing vs how minutes record it: a person asks what a board "decided";
# its minutes say it "agreed", "approved", "resolved". Each question word on the left is one
# idea with the minute-taker's words (general English of meetings, no body's own terms).
_DECIDED = ("agreed", "approved", "resolved", "accepted", "voted")
MINUTE_WORDS: dict[str, tuple[str, ...]] = {
    # the verb and its noun, which the stemmer keeps apart ("decid", "decis")
    **dict.fromkeys(("decide", "decided"), ("decision", *_DECIDED)),
    **dict.fromkeys(("decision", "decisions"), ("decide", *_DECIDED)),
    "responsible": ("action", "lead", "owner"),
    **dict.fromkeys(("chairman", "chairwoman"), ("chair",)),
}

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
YEAR_RE = re.compile(r"^(?:19|20)\d\d$")

# Per idea a passage matches, this many times the idea's IDF is added to its BM25 score: more
# than BM25 can give one word (k1 + 1 = 2.2), so holding one more idea outweighs repeating
# another, by a margin. Measured on the five judged sets (scripts/score_search.py): 0.5-12
# tried; 5-8 is a plateau (Suffolk R@10 0.826 at 2.2 -> 0.840, held-out sets level or up).
COORD = 5.0

_TOKEN_RE = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[A-Za-z_]+):(?:"(?P<fq>[^"]*)"?|(?P<fv>[^\s"]+))'
    r'|"(?P<phrase>[^"]*)"?|(?P<rec>\x00REC(?P<recn>\d+)\x00)|(?P<word>[^\s"]+))'
)


@dataclass
class ParsedQuery:
    """A typed query read: the engine query, and what ranking and suggestion need of it."""

    query: Query
    rec_numbers: list[int] = field(default_factory=list)  # recommendations the user asked for
    words: list[str] = field(default_factory=list)  # positive words and phrases, for suggestion
    # Each idea of the query as the texts that express it (a word; or an abbreviation and its
    # long forms): for ranking inside a recommendation and for highlighting.
    ideas: list[tuple[str, ...]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # dates named in the query (boosts)
    months: list[str] = field(default_factory=list)  # "2017-05"
    fields: dict[str, list[str]] = field(default_factory=dict)  # owner / status values
    # The same query with nothing required that the user did not ask for explicitly (a
    # recommendation reference becomes one more idea): asked when ``query`` finds nothing.
    relaxed: Query | None = None


def _rec_numbers(match: re.Match) -> list[int]:
    if match.group("glued"):
        return [int(match.group("glued"))]
    return [int(n) for n in re.findall(r"\d+", match.group("nums"))]


Abbreviations = Mapping[str, Sequence[str]]  # short form (lower case) -> its long forms


def parse(text: str, abbreviations: Abbreviations | None = None) -> ParsedQuery:
    """The engine query of what a user typed. ``abbreviations`` are the ones the indexed papers
    define (`index.vocabulary`), short form in lower case -> long forms."""
    try:
        return _parse(text, abbreviations or {})
    except Exception:  # noqa: BLE001 - a query must never crash the command
        words = [w for w in re.findall(r"\w+", text or "")]
        query: Query = _ranked([Term(w) for w in words]) if words else MatchAll()
        return ParsedQuery(query, [], words, [(w,) for w in words])


@dataclass
class _Item:
    """One idea of the query as it is read, before it becomes an engine query."""

    kind: str  # word, phrase, rec, field, or (an OR of items)
    query: Query
    text: str = ""  # the word as typed (word items)
    negated: bool = False
    required: bool = False  # +word, a phrase, a field


def _mark_recs(text: str, rec_numbers: list[int]) -> str:
    """Stage 1: each recommendation reference becomes a marker token (outside quotes)."""

    def mark(match: re.Match) -> str:
        numbers = _rec_numbers(match)
        rec_numbers.extend(n for n in numbers if n not in rec_numbers)
        return " ".join(f"\x00REC{n}\x00" for n in numbers) if numbers else match.group(0)

    parts = re.split(r'("[^"]*"?)', text)
    return "".join(p if p.startswith('"') else R_REC_RE.sub(mark, REC_RE.sub(mark, p)) for p in parts)


def _items(text: str, words: list[str]) -> list[_Item]:
    """Stage 2: the typed items in order, OR-groups merged."""
    items: list[_Item] = []
    or_next = False
    for match in _TOKEN_RE.finditer(text):
        negated = bool(match.group("neg"))
        item: _Item | None = None
        if match.group("rec"):
            item = _Item("rec", RecRef(int(match.group("recn"))))
        elif match.group("field") is not None:
            name = FIELD_ALIASES.get(match.group("field").lower())
            value = match.group("fq") if match.group("fq") is not None else match.group("fv")
            if name and value:
                item = _Item("field", FieldIs(name, value), required=True)
            else:  # "note:" or "s.40:" — not a field, just words
                raw = match.group(0).lstrip("-")
                if re.search(r"\w", raw):
                    item = _Item("word", Term(raw), raw)
                    words.append(raw)
        elif match.group("phrase") is not None:
            phrase = match.group("phrase").strip()
            if re.search(r"\w|\u2588", phrase):
                item = _Item("phrase", Phrase(phrase), phrase, required=True)
                if not negated:
                    words.append(phrase)
        else:
            word = match.group("word")
            if word == "OR" and items:
                or_next = True
                continue
            required = word.startswith("+") and len(word) > 1
            word = word[1:] if required else word
            if not re.search(r"\w|\u2588", word):
                continue
            item = _Item("word", Term(word), word, required=required)
            if not negated:
                words.append(word)
        if item is None:
            continue
        item.negated = negated
        prev = items[-1] if items else None
        if or_next and prev is not None and not negated and not prev.negated:
            alts = prev.query.items if prev.kind == "or" else (prev.query,)
            merged = Or((*alts, item.query))
            both_recs = all(isinstance(a, RecRef) for a in merged.items)
            items[-1] = _Item("rec" if both_recs else "or", merged, required=prev.required and item.required)
        else:
            items.append(item)
        or_next = False
    return items


def _month_of(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _dates(items: list[_Item]) -> tuple[list[_Item], list[int], list[str], dict[str, Query]]:
    """Stage 3: years and months (with their year) taken out of the optional words; each month
    keeps its words ("October" and "2025"), met by a text that writes both as well as by the
    document's date: "the date of the next meeting, Tuesday, October 14, 2025"."""
    years: list[int] = []
    months: list[str] = []
    written: dict[str, Query] = {}
    drop: set[int] = set()
    for i, item in enumerate(items):
        if item.kind != "word" or item.negated or item.required or not YEAR_RE.match(item.text):
            continue
        year = int(item.text)
        if year not in years:
            years.append(year)
        drop.add(i)
        j = i - 1
        if j >= 0 and items[j].kind == "word" and not items[j].required and _month_of(items[j].text):
            month = f"{year}-{_month_of(items[j].text):02d}"
            if month not in months:
                months.append(month)
                written[month] = And((items[j].query, Term(item.text)))
            drop.add(j)
            if j - 1 >= 0 and items[j - 1].kind == "word" and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", items[j - 1].text):
                drop.add(j - 1)
    return [it for k, it in enumerate(items) if k not in drop], years, months, written


def _is_stop(word: str) -> bool:
    """A question or function word; typed in capitals ("IT", "WHO") it is an abbreviation."""
    return _plain(word) in STOP_WORDS and not (word.isupper() and len(word) > 1)


def _plain(word: str) -> str:
    return " ".join(re.findall(r"\w+", word.lower()))


def _ideas(items: list[_Item], abbreviations: Abbreviations) -> list[tuple[Query, tuple[str, ...]]]:
    """Stage 4: the optional words as ideas: stop words dropped (unless nothing else is left),
    abbreviations joined to their long forms."""
    optional = [it for it in items if not it.negated and not it.required and it.kind in ("word", "or")]
    # Long forms typed in full ("memorandum of understanding"): the run of words becomes one
    # idea with its short form. Longest first; stop words inside a long form are part of it.
    longs: dict[tuple[str, ...], list[str]] = {}
    for short, forms in abbreviations.items():
        for form in forms:
            key = tuple(_plain(form).split())
            if len(key) > 1:
                longs.setdefault(key, []).append(short)
    plain = [_plain(it.text) if it.kind == "word" else "" for it in optional]
    ideas: list[tuple[Query, tuple[str, ...]]] = []
    used: set[int] = set()
    if longs:
        for size in sorted({len(k) for k in longs}, reverse=True):
            for i in range(len(optional) - size + 1):
                if used & set(range(i, i + size)):
                    continue
                key = tuple(plain[i:i + size])
                if key in longs:
                    long_text = " ".join(optional[k].text for k in range(i, i + size))
                    alts = (long_text, *longs[key])
                    # A query that is the long form and nothing else ("Smagorinsky viscosity") takes
                    # its content words too, inside the one idea: a passage that writes part of it
                    # ("Run GOSI10p2 with Smagorinsky") still answers, below one that writes it all.
                    # (Beside other words the long form stays whole: its words loose cost openwis
                    # 0.025 nDCG@10.)
                    alone = all(it.kind == "word" and _is_stop(it.text)
                                for k, it in enumerate(optional) if not i <= k < i + size)
                    words = [Term(optional[k].text) for k in range(i, i + size)
                             if alone and not _is_stop(optional[k].text)]
                    ideas.append((Or((Phrase(long_text), *(Term(s) for s in longs[key]), *words)), alts))
                    used.update(range(i, i + size))
    rest = [(k, it) for k, it in enumerate(optional) if k not in used]
    content = [(k, it) for k, it in rest if it.kind == "or" or not _is_stop(it.text)]
    if not content and not ideas and not any(it.required or it.kind == "rec" for it in items if not it.negated):
        content = rest  # only question words ("the", "who"): search for them after all
    seen: set[str] = set()
    for k, it in content:
        key = _plain(it.text) if it.kind == "word" else repr(it.query)
        if key in seen:  # a word typed twice is one idea
            continue
        seen.add(key)
        if it.kind == "or":
            texts = tuple(q.text for q in it.query.items if isinstance(q, (Term, Phrase)))
            ideas.append((it.query, texts))
            continue
        forms = abbreviations.get(it.text.lower(), ()) if len(it.text) > 1 else ()
        if it.text.lower() in REDACTION_WORDS:
            ideas.append((Or((Term(it.text), Phrase(MARKER))), (it.text,)))
        elif it.text.lower() in MINUTE_WORDS:
            said = MINUTE_WORDS[it.text.lower()]
            ideas.append((Or((Term(it.text), *(Term(w) for w in said))), (it.text, *said)))
        elif forms:
            ideas.append((Or((Term(it.text), *(Phrase(f) for f in forms))), (it.text, *forms)))
        else:
            following = optional[k + 1] if k + 1 < len(optional) else None
            compound = _compound(it.text, following) or _joined(it.text, following)
            if compound:  # "backed up" is also "backups", "set up" also "setup", "Circle CI" "CircleCI"
                ideas.append((Or((Term(it.text), Term(compound))), (it.text, compound)))
            else:
                ideas.append((Term(it.text), (it.text,)))
    return ideas


# Particles that English verbs join into nouns: "set up" / "setup", "roll out" / "rollout".
PARTICLES = frozenset({"up", "out", "off", "down"})


def _compound(word: str, following: _Item | None) -> str | None:
    """The one-word form of a verb and the particle typed after it ("backed up" -> "backup"):
    the verb's stem and the particle, which the index stems as it stems "backups"."""
    if following is None or following.kind != "word" or _plain(following.text) not in PARTICLES:
        return None
    stems = analysis.terms(word)
    if len(stems) != 1 or not stems[0].isalpha() or len(stems[0]) < 3:
        return None
    return stems[0] + _plain(following.text)


def _joined(word: str, following: _Item | None) -> str | None:
    """Two words typed side by side as one ("Circle CI" -> "circleci", "back pay" -> "backpay",
    "web site" -> "website"); not before a name ("Gireesh Punathil" joined is a handle, "@gireeshpunathil").
    A joined form the index does not hold ("boarddecide") matches nothing and leaves the idea's
    score and bonus as they were (an absent term's IDF is left out of the bonus)."""
    if following is None or following.kind != "word" or following.negated or following.required:
        return None
    nxt = following.text
    if not (word.isalpha() and nxt.isalpha()) or _is_stop(word) or _is_stop(nxt) or nxt.istitle():
        return None  # a capitalised second word is a name's ("Circle CI" and "back pay" join, "CI Travis" not)
    return (word + nxt).lower()


def _ranked(queries: list[Query], extras: list[Query] = ()) -> Query:
    if len(queries) == 1 and not extras:
        return queries[0]
    return Ranked(tuple(queries), COORD, tuple(extras))


def _one(queries: list[Query], kind=And) -> Query:
    return queries[0] if len(queries) == 1 else kind(tuple(queries))


def _assemble(required: list[Query], ideas: list[Query], dates: list[Query], negated: list[Query]) -> Query:
    """Stage 5: required parts AND-ed, ideas ranked (optional beside a required part) with the
    dates scoring beside them, exclusions last."""
    if ideas:
        ranked = _ranked(ideas, dates)
        core: Query = AndMaybe(_one(required), ranked) if required else ranked
    elif required:
        core = AndMaybe(_one(required), _one(dates, Or)) if dates else _one(required)
    elif dates:
        core = _ranked(dates)  # only a date: the passages of that date, or saying it
    else:
        core = MatchAll()
    if negated:
        core = And((core, *(Not(n) for n in negated)))
    return core


def _parse(text: str, abbreviations: Abbreviations | None = None) -> ParsedQuery:
    text = (text or "").replace("\x00", " ")
    abbreviations = abbreviations or {}
    rec_numbers: list[int] = []
    words: list[str] = []
    items = _items(_mark_recs(text, rec_numbers), words)
    items, years, months, written = _dates(items)
    fields: dict[str, list[str]] = {}
    required: list[Query] = []
    recs: list[Query] = []
    negated: list[Query] = []
    for it in items:
        if it.kind == "field" and isinstance(it.query, FieldIs) and it.query.field in ACTION_FIELDS:
            if not it.negated:
                fields.setdefault(it.query.field, []).append(it.query.value)
            continue
        if it.negated:
            negated.append(it.query)
        elif it.kind == "rec":
            recs.append(it.query)
        elif it.required or it.kind == "phrase":
            required.append(it.query)
    ideas = _ideas(items, abbreviations)
    idea_queries = [q for q, _ in ideas]
    # A date named in the query is one more idea, met by the document's date or by the text.
    dates: list[Query] = [Or((FieldIs("year", str(y)), Term(str(y)))) for y in years]
    dates += [Or((FieldIs("date", m), written[m])) for m in months]
    rec_clause = [_one(recs, Or)] if recs else []
    query = _assemble(rec_clause + required, idea_queries, dates, negated)
    relaxed = None
    if recs:
        relaxed = _assemble(required, rec_clause + idea_queries, dates, negated)
    if not items and not years:
        query = MatchAll()
    texts = [t for _, t in ideas]
    return ParsedQuery(query, rec_numbers, words, texts, years, months, fields, relaxed)
