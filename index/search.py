"""`foi search`: one query across every document: filters, ranking, duplicates, snippets, years.

Words are optional and ranked (BM25 with coordination: passages holding more of the query's
ideas first; see `index.engine.query`); ``+word`` and "quoted phrases" are required, ``-word``
excludes; a year in the query boosts that year's documents; abbreviations the papers define
count as their long forms; ``owner:X`` and ``status:open`` keep the passages holding such an
action. A query that finds nothing with a recommendation required asks again without.

Order: relevance, ties by newest date. For a query that names a recommendation, a passage
about that recommendation that also has all the other words ranks first, then one with some
of them, then the rest; a passage whose only recommendations are other numbers comes last
whatever its score. The same passage in several documents (a release bundle and the separate
file, two copies of one e-mail) is one hit whose ``also_in`` lists the other places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from index import Index
from index.engine import analysis
from index.engine.backend import (
    And,
    AndMaybe,
    EngineHit,
    FieldIs,
    Filters,
    Not,
    Or,
    Query,
    Ranked,
)
from index.engine.query import STOP_WORDS, parse
from index.store import ActionFilters
from ingest.furniture import HONORIFICS, ROLL_CALL_LINE, ROLL_CALL_RE, is_contents
from ingest.limits import limit
from ingest.models import Document, Passage

SNIPPET_CHARS = 240
HIGHLIGHT_OPEN = "\u00ab"  # «  (rare in public-body papers, unlike ** or [ ])
HIGHLIGHT_CLOSE = "\u00bb"  # »
# Engine hits fetched per shown hit: room for re-ranking and duplicate collapse.
WINDOW_FACTOR = 20
MIN_WINDOW = 200
# Up to this many matches every match is read and copies folded over all of them (the total
# is exact and the same at every --limit); beyond, the total folds copies within the window.
EXACT_TOTAL = 2000


@dataclass
class SearchOptions:
    """What `foi search` was asked: the query and its filters."""

    query: str
    years: list[int] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    doc_types: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    has_redaction: bool = False
    limit: int = 10
    by_year: bool = False


@dataclass
class AlsoIn:
    """Another place holding the same passage (a copy folded into the hit)."""

    doc_id: str
    source: str
    location: str

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "source": self.source, "location": self.location}


@dataclass
class Hit:
    """One search hit: the passage, its document, its score and what to show of it."""

    doc: Document
    passage: Passage
    score: float
    snippet: str = ""
    also_in: list[AlsoIn] = field(default_factory=list)
    matched: frozenset[str] = frozenset()
    dup_key: str = ""
    # (start, end) in ``passage.text`` of every matched word (highlighting; JSON "matches").
    matches: list[tuple[int, int]] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        d = self.doc.date
        return int(d[:4]) if d and d[:4].isdigit() else None

    def to_json(self) -> dict:
        return {
            "doc_id": self.doc.doc_id,
            "source": self.doc.source,
            "title": self.doc.title,
            "doc_type": self.doc.doc_type,
            "group": self.doc.group,
            "date": self.doc.date,
            "page": self.passage.page,
            "location": self.passage.location,
            "passage_id": self.passage.passage_id,
            "score": round(self.score, 4),
            "text": self.passage.text,
            "snippet": self.snippet,
            "recommendations": sorted(set(self.passage.recommendations)),
            "also_in": [a.to_json() for a in self.also_in],
            "matches": [[a, b] for a, b in self.matches],
        }


@dataclass
class YearGroup:
    """The hits of one year (--by-year) and how many there are in all."""

    year: int | None
    total: int
    hits: list[Hit]

    def to_json(self) -> dict:
        return {"year": self.year, "total": self.total, "hits": [h.to_json() for h in self.hits]}


@dataclass
class SearchResult:
    """What `foi search` answers: the hits, the total, and notes on the query."""

    query: str
    total: int
    hits: list[Hit]
    years: list[YearGroup] | None = None
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)  # what was done to the query (cut, capped)

    def to_json(self) -> dict:
        out = {"schema": 1, "query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits]}
        if self.years is not None:
            out["years"] = [g.to_json() for g in self.years]
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.notices:
            out["notices"] = list(self.notices)
        return out


# A query is what a person types: beyond these it is a pasted document, and the planner's work
# (terms to look up, spelling to correct) would grow with it. Cut, and said so.
MAX_QUERY_CHARS = limit("query_chars")
MAX_QUERY_WORDS = limit("query_words")
# "Did you mean" looks at a few short words only: a 10,000-letter word has no near neighbour.
SUGGEST_WORDS, SUGGEST_WORD_CHARS = 8, 30


def bounded_query(query: str) -> tuple[str, list[str]]:
    """The query cut to what a person types (MAX_QUERY_CHARS, MAX_QUERY_WORDS), with a notice
    for each cut."""
    notices = []
    if len(query) > MAX_QUERY_CHARS:
        cut = query.rfind(" ", 0, MAX_QUERY_CHARS)
        query = query[:cut if cut > 0 else MAX_QUERY_CHARS]
        notices.append(f"query cut to its first {len(query)} characters (at most {MAX_QUERY_CHARS})")
    words = query.split()
    if len(words) > MAX_QUERY_WORDS:
        query = " ".join(words[:MAX_QUERY_WORDS])
        notices.append(f"query cut to its first {MAX_QUERY_WORDS} words")
    return query, notices


# ---- group names ------------------------------------------------------------------------------


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper() or len(w) > 3).lower()


def resolve_groups(wanted: str, known: list[str]) -> list[str]:
    """The stored group names a user's --group value means: exact, else every name containing it,
    else every name whose initials it is ("NSG", "MDG"). Case never matters."""
    w = wanted.strip().lower()
    exact = [g for g in known if g.lower() == w]
    if exact:
        return exact
    inside = [g for g in known if w in g.lower()]
    if inside:
        return inside
    compact = re.sub(r"[^a-z]", "", w)
    by_initials = [g for g in known if compact and (_initials(g) == compact or _initials(g).endswith(compact))]
    return by_initials or [wanted]


def _rewrite_groups(query: Query, known: list[str]) -> Query:
    if isinstance(query, FieldIs) and query.field == "group":
        names = resolve_groups(query.value, known)
        return FieldIs("group", names[0]) if len(names) == 1 else Or(tuple(FieldIs("group", n) for n in names))
    if isinstance(query, FieldIs) and query.field == "doc_type":
        return FieldIs("doc_type", _doc_type(query.value))
    if isinstance(query, Not):
        return Not(_rewrite_groups(query.query, known))
    if isinstance(query, And):
        return And(tuple(_rewrite_groups(q, known) for q in query.items))
    if isinstance(query, Or):
        return Or(tuple(_rewrite_groups(q, known) for q in query.items))
    if isinstance(query, AndMaybe):
        return AndMaybe(_rewrite_groups(query.required, known), _rewrite_groups(query.optional, known))
    return query


def _names_group(query: Query) -> bool:
    """Whether `_rewrite_groups` has a group name to resolve in ``query``."""
    if isinstance(query, FieldIs):
        return query.field == "group"
    if isinstance(query, Not):
        return _names_group(query.query)
    if isinstance(query, (And, Or)):
        return any(_names_group(q) for q in query.items)
    if isinstance(query, AndMaybe):
        return _names_group(query.required) or _names_group(query.optional)
    return False


def _doc_type(value: str) -> str:
    return re.sub(r"[\s-]+", "_", value.strip().lower())


# ---- snippets ------------------------------------------------------------------------------


def snippet(text: str, matched: frozenset[str] | set[str], width: int = SNIPPET_CHARS,
            tokens: list[analysis.Token] | None = None) -> str:
    """The passage (or its densest window of matches) on one line, matches in «». ``tokens``:
    ``analysis.tokens(text)``, when the caller has them already."""
    toks = [t for t in (analysis.tokens(text) if tokens is None else tokens) if t.text in matched]
    start, end = 0, len(text)
    if len(text) > width:
        best, best_count = 0, -1
        for i, tok in enumerate(toks):
            count = sum(1 for t in toks[i:] if t.end <= tok.start + width)
            if count > best_count:
                best, best_count = tok.start, count
        start = max(0, best - width // 4) if toks else 0
        # Start at a word boundary, end at one.
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 30 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + width // 2 else end
    out, pos = [], start
    for t in toks:
        if t.start < start or t.end > end:
            continue
        out.append(text[pos:t.start])
        out.append(HIGHLIGHT_OPEN + text[t.start:t.end] + HIGHLIGHT_CLOSE)
        pos = t.end
    out.append(text[pos:end])
    body = re.sub(r"\s+", " ", "".join(out)).strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


# ---- the search ---------------------------------------------------------------------------


def _idea_groups(ideas: list[tuple[str, ...]]) -> list[list[frozenset[str]]]:
    """Each idea of the query as the indexed terms of each of its spellings."""
    groups = []
    for texts in ideas:
        alts = [frozenset(analysis.terms(t)) - {analysis.REDACTION_TOKEN} for t in texts]
        alts = [a for a in alts if a]
        if alts:
            groups.append(alts)
    return groups


def _query_words(text: str) -> list[str]:
    return re.findall(r"\w+", text or "")


def _action_passages(store, fields: dict[str, list[str]]) -> list[str] | None:
    """The passages holding an action that ``owner:``/``status:`` in the query ask for."""
    if not fields:
        return None
    wanted: set[str] | None = None
    for owner in fields.get("owner") or [None]:
        for status in fields.get("status") or [None]:
            try:
                actions = store.actions(ActionFilters(owner=owner, status=status))
            except ValueError:  # a status the store does not know: no action has it
                actions = []
            found = {a.passage_id for a in actions if a.passage_id}
            wanted = found if wanted is None else wanted | found
    return sorted(wanted or ())


# A person named in a query: a title and a capitalised name ("Cllr Kit Hesketh-Harvey"), or two
# or three capitalised words ("Daphne Clements").
_NAME_WORD = r"(?:[A-Z]['\u2019])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)*"  # O'Neil, McNeill, Hesketh-Harvey
_PERSON_RE = re.compile(rf"\b(?:(?P<title>[A-Z][a-z]+)\.?\s+)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\b")


# Words of a question about someone's tasks: with them a single name ("what did Dan agree to do",
# "Ken action items", "what is the Clerk chasing") asks for that person's actions; without, a lone
# capitalised word is as often a place or a project as a person ("Katy strategic planning").
_TASK_CUE = re.compile(r"\b(?:agree[ds]?|agreeing|actions?|tasks?|responsib\w*|do|doing|done|will|chas\w*|"
                       r"follow(?:ing)?[\s-]up|owes?|owned|owns|assigned|promised|volunteered)\b", re.I)


def named_people(text: str) -> list[str]:
    """The names a query gives (people, roles, bodies), as typed and without a title: "what has
    Cllr Daphne Clements agreed to do" -> ["Daphne Clements"]. One capitalised word is a name
    after a title, or in a question about tasks; a question's first word ("What") is never one."""
    out: list[str] = []
    asks_tasks = bool(_TASK_CUE.search(text or ""))
    for m in _PERSON_RE.finditer(text or ""):
        title = m.group("title")
        words = m.group("name").split()
        if title and title.lower() not in HONORIFICS:
            words = [title, *words]
        while words and words[0].lower() in STOP_WORDS:
            words = words[1:]
        if len(words) >= 2 or (words and ((title and title.lower() in HONORIFICS) or asks_tasks)):
            out.append(" ".join(words))
    return out


# Past this many passages a name's actions are no one person's tasks to single out (a role that
# owns most of a large release's actions), and each would be one more term of the query.
OWNED_MAX = 500


def _owner_boost(store, text: str, query: Query) -> Query:
    """A query that names an action's owner ("what has Cllr Daphne Clements agreed to do") also
    scores the passages holding that person's actions, as one more idea of the query: minutes
    record a person's tasks in words ("agreed to", "will", "ACTION: DC") no query can list."""
    if not isinstance(query, Ranked):
        return query
    passages: set[str] = set()
    for name in named_people(text):
        passages.update(store.owned_passages(name))
    if not passages or len(passages) > OWNED_MAX:
        return query
    owned = Or(tuple(FieldIs("passage_id", p) for p in sorted(passages)))
    return replace(query, extras=(*query.extras, owned))


def search(index: Index, options: SearchOptions) -> SearchResult:
    store = index.store
    text, notices = bounded_query(options.query)
    parsed = parse(text, store.abbreviations(_query_words(text)))
    # The stored group names (a scan of the documents) only when a group is asked for.
    asks_group = bool(options.groups) or any(_names_group(q) for q in (parsed.query, parsed.relaxed) if q is not None)
    known_groups = store.groups() if asks_group else []
    query = _owner_boost(store, text, _rewrite_groups(parsed.query, known_groups))
    groups: list[str] = []
    for g in options.groups:
        groups += resolve_groups(g, known_groups)
    filters = Filters(
        years=list(options.years), since=options.since, until=options.until,
        doc_types=[_doc_type(t) for t in options.doc_types], groups=groups,
        has_redaction=True if options.has_redaction else None,
        passage_ids=_action_passages(store, parsed.fields),
    )
    limit = max(1, options.limit)
    window = None if options.by_year else max(MIN_WINDOW, limit * WINDOW_FACTOR)
    backend = index.backend
    found = backend.search(query, filters, window)
    if not found.hits and parsed.relaxed is not None:
        # Nothing about the recommendation (or nothing with it): the words alone still answer.
        query = _rewrite_groups(parsed.relaxed, known_groups)
        found = backend.search(query, filters, window)
    if window is not None and len(found.hits) < found.total <= EXACT_TOTAL:
        # Copies are folded over every match, so the total does not change with --limit.
        found = backend.search(query, filters, None)
    fetched_all = window is None or found.total <= len(found.hits)

    rows = store.passages(h.passage_id for h in found.hits)
    engine_hits = [h for h in found.hits if h.passage_id in rows]  # the engine may be ahead of the store
    docs = store.doc_summaries(h.doc_id for h in engine_hits)
    engine_hits = [h for h in engine_hits if h.doc_id in docs]

    ranked = _rank(engine_hits, rows, docs, parsed.rec_numbers, _idea_groups(parsed.ideas))
    hits, dropped = _collapse(ranked, rows, docs, store)
    total = len(hits) if fetched_all else max(len(hits), found.total - dropped)

    shown = hits if options.by_year else hits[:limit]
    highlight_extra = set()
    for n in parsed.rec_numbers:  # "rec 7" in the query: mark the word too, not only the number
        highlight_extra |= {"recommend", "rec", str(n), f"r{n}"}
    for hit in shown:
        text = hit.passage.text
        toks = analysis.tokens(text)  # once per hit: the highlights and the snippet share them
        words = hit.matched | (highlight_extra & {t.text for t in toks}) if highlight_extra else hit.matched
        hit.matches = match_offsets(text, words, toks)
        hit.snippet = snippet(text, words, tokens=toks)

    years = None
    if options.by_year:
        by: dict[int | None, list[Hit]] = {}
        for hit in hits:
            by.setdefault(hit.year, []).append(hit)
        order = sorted(by, key=lambda y: (y is None, -(y or 0)))
        years = [YearGroup(y, len(by[y]), by[y][:limit]) for y in order]
        shown = hits[:limit]

    suggestion = None
    short = [w for w in parsed.words if len(w) <= SUGGEST_WORD_CHARS][:SUGGEST_WORDS]
    if not hits and short:
        suggestion = backend.suggest(short)
    return SearchResult(options.query, total, shown, years, suggestion, notices)


def match_offsets(text: str, matched: frozenset[str] | set[str],
                  tokens: list[analysis.Token] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every word of ``text`` whose indexed form is in ``matched`` (``tokens``:
    ``analysis.tokens(text)``, when the caller has them already)."""
    return [(t.start, t.end) for t in (analysis.tokens(text) if tokens is None else tokens) if t.text in matched]


# A roll call ("Attendees: Tony Brown (Chair), …") names everyone at every meeting: it ranks as
# if it held one idea fewer (0.8-1.0 tried on the judged sets; 0.9 Suffolk R@10 0.840 -> 0.848).
ROLL_CALL_FACTOR = 0.9
CONTENTS_FACTOR = 0.5  # below any passage holding the words (0.9 left the contents above the clause)


def _furniture(passage: Passage) -> float:
    """The factor of a passage's score: a roll call (on a line of the passage, or the list under a
    roll-call heading: "## Present") names everyone at every meeting; a table of contents names
    every subject and says nothing of any."""
    if is_contents(passage.text):
        return CONTENTS_FACTOR
    if ROLL_CALL_LINE.search(passage.text) or (passage.context and ROLL_CALL_RE.match(passage.context)):
        return ROLL_CALL_FACTOR
    return 1.0


def _rank(hits: list[EngineHit], rows, docs: dict[str, Document], rec_numbers: list[int],
          idea_groups: list[list[frozenset[str]]]) -> list[Hit]:
    asked = set(rec_numbers)
    out: list[tuple[tuple, Hit]] = []
    for eh in hits:
        row = rows[eh.passage_id]
        hit = Hit(docs[eh.doc_id], row.passage, eh.score, matched=eh.matched, dup_key=row.dup_key)
        recs = set(row.passage.recommendations)
        tier = 1 if asked and recs and not (recs & asked) else 0
        coverage = sum(1 for alts in idea_groups if any(a <= eh.matched for a in alts)) if asked else 0
        score = eh.score * _furniture(row.passage)
        out.append(((tier, -coverage, -round(score, 4)), hit))
    # Newest first among equals: sort by date descending, then stably by the rank key.
    out.sort(key=lambda kv: (kv[1].doc.date or "", ), reverse=True)
    out.sort(key=lambda kv: kv[0])
    return [h for _, h in out]


def _collapse(ranked: list[Hit], rows, docs: dict[str, Document], store) -> tuple[list[Hit], int]:
    """One hit per duplicated passage, the best ranked; ``also_in`` names every other document
    holding the same text (found or not: a filter may have hidden the other copy)."""
    keys = {h.dup_key for h in ranked if h.dup_key}
    copies = store.passages_with_keys(keys) if keys else {}
    other_ids = {pid for pairs in copies.values() for pid, _ in pairs}
    other_rows = store.passages(other_ids - rows.keys())
    other_docs = store.doc_summaries({d for pairs in copies.values() for _, d in pairs} - docs.keys())
    seen: dict[str, Hit] = {}
    out: list[Hit] = []
    dropped = 0
    for hit in ranked:
        key = hit.dup_key
        if key and key in seen:
            primary = seen[key]
            if hit.doc.doc_id != primary.doc.doc_id:
                dropped += 1
                continue
            out.append(hit)  # the same words twice in one document are two places, not duplicates
            continue
        if key:
            seen[key] = hit
            listed = {hit.doc.doc_id}
            for pid, doc_id in copies.get(key, []):
                if doc_id in listed:
                    continue
                listed.add(doc_id)
                row = rows.get(pid) or other_rows.get(pid)
                doc = docs.get(doc_id) or other_docs.get(doc_id)
                if row is None or doc is None:
                    continue
                hit.also_in.append(AlsoIn(doc.doc_id, doc.source, row.passage.location))
        out.append(hit)
    return out, dropped


__all__ = ["SearchOptions", "SearchResult", "Hit", "YearGroup", "search", "snippet", "match_offsets",
           "resolve_groups"]
