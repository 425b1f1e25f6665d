"""Follow each action from the meeting that raised it to done, still in progress, or carried forward.

A *meeting series* is the documents of one group ordered by date (minutes, action lists and
logs, cover e-mails, plans, reports that name the group). For each action the later documents
of its series — and other records of the same meeting — are cut into candidate follow-ups
(``trace_units``), each scored on what the action is about rather than on its words as a whole:

* the action's content words (owner and "to provide/circulate" boilerplate stripped), weighted by
  rarity, with acronyms and their spelled-out names treated as one (``trace_text``);
* the discussion the action closed (the paragraph that raised it), at a lower weight, because a
  later meeting reports on the subject ("Edinburgh City Council Chief Executive took the
  decision ...") rather than on the errand ("liaise with Edinburgh");
* its owner, its recommendation numbers, an "Action 3" back-reference, a "matters arising"
  section, and the wording of the same action elsewhere (its action-list row, its re-listing in a
  later log), which is added to what the action is about as the chain grows.

Each accepted link gets a relation (``same_action_other_source``, ``progress_update``,
``completed``, ``carried_forward``); the action's status is read from the chain.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from index.copies import same_words
from index.trace.text import (
    Acronyms,
    Concept,
    Idf,
    concept_match,
    concepts,
    content_stems,
    learn_acronyms,
    sequence,
    shared_runs,
    term_match,
    words,
)
from index.trace.units import Unit, document_units, recs_in
from ingest.models import Action, Document

RELATIONS = ("same_action_other_source", "progress_update", "completed", "carried_forward")
STATUSES = ("open", "in_progress", "completed", "carried_forward")

# Documents that announce a meeting rather than report on one: they list what will be discussed,
# so a match there is not a follow-up. They still belong to the series.
NOT_FOLLOW_UPS = frozenset({"agenda", "meeting_request", "guidance"})

# Records that, undated and unnamed, belong to the meeting whose papers they follow in one file.
INHERITS_MEETING = frozenset({"action_list", "minutes"})

THRESHOLD = 0.34  # below this a link is too weak to show
SAME_SOURCE_THRESHOLD = 0.5  # another record of the same meeting must say the same thing
PHRASE_IDF_FLOOR = 0.33  # words commoner than this (MAPPA, group) make no phrase
PHRASE_STEP = 0.03
PHRASE_MAX = 0.2
# Rarity thresholds are fractions of the largest idf, so that they mean the same in a release
# of a thousand sentences and in three short sets of minutes.
BREADTH_IDF = 0.4  # a concept at least this rare counts toward breadth
PASSAGE_FACTOR = 1.0  # two sentences of one paragraph may carry the match together
KEEP_RATIO = 0.9  # further links in one document must score near its best one
ATTACHMENT_KEEP_RATIO = 0.7  # one e-mail often encloses every paper an action promised
MAX_PER_DOC = 3

_PREFIX_RE = re.compile(r"^\W*action(?:\s*(?:no\.?|point))?\s*\d*\s*[:.\-–—]*\s*", re.IGNORECASE)
_REC_PHRASE_RE = re.compile(r"\b(?:relative to |in relation to |re |for |on )?rec(?:ommendation)?s?\.?\s*\d{1,2}\b",
                            re.IGNORECASE)

DELIVERY_VERBS = frozenset(
    "circulate provide send share distribute issue submit publish forward email e-mail copy supply "
    "produce prepare draft write return disseminate give pass enclose upload".split()
)
EVENT_VERBS = frozenset("organise organize hold arrange convene run host set meet schedule deliver".split())
_FUTURE = r"(?:will|would|shall|should|to be|to|plan(?:s|ned)? to|propos\w* to|hope[sd]? to|intend\w* to|going to|about to|be)"
_DELIVERED_RE = re.compile(
    r"\b(?:enclos(?:e|ed|ing)|attached|circulated|distributed|issued|sent|shared|provided|submitted|"
    r"published|forwarded|e-?mailed|supplied|uploaded|returned)\b",
    re.IGNORECASE,
)
# Words that the thing itself went out (not "provided an update"): enough on their own with the item's name.
_SENT_RE = re.compile(r"\b(?:enclos(?:e|ed|ing)|attached|circulated|distributed|sent|forwarded|e-?mailed|issued|uploaded)\b",
                      re.IGNORECASE)
_HELD_RE = re.compile(r"\b(?:held|took place|was organised|were organised|was organized|convened|ran|hosted|has met|have met|met on)\b",
                      re.IGNORECASE)
_DONE_RE = re.compile(
    r"\b(?:now|has been|have been|had been|was|were|is|are|been)\s+(?:now\s+)?(?:fully\s+)?"
    r"(?:complete|completed|closed|done|finished|signed off|achieved|resolved|discharged|delivered|agreed and (?:issued|published))\b"
    r"|(?:^|[\s(\[:–-])(?:complete|completed|closed|done)\s*[)\].]?\s*$"
    r"|\baction (?:is |was )?(?:now )?(?:complete|completed|closed|discharged)\b",
    re.IGNORECASE,
)
_CARRIED_RE = re.compile(
    r"\b(?:carried (?:forward|over)|c/f|b/f|brought forward|roll(?:ed)? (?:forward|over)|deferred|"
    r"remains? open|still open|outstanding from)\b",
    re.IGNORECASE,
)


@dataclass
class Link:
    unit: Unit
    relation: str
    score: float

    @property
    def date(self) -> str | None:
        return self.unit.date

    def to_json(self) -> dict:
        doc, passage = self.unit.doc, self.unit.passage
        return {
            "doc_id": doc.doc_id,
            "source": doc.source,
            "date": self.unit.date,
            "page": doc.page_at(self.unit.start) if doc.page_starts else passage.page,
            "location": passage.location,
            "text": self.unit.text,
            "relation": self.relation,
            "score": round(self.score, 3),
            "passage_id": passage.passage_id,
            "doc_type": doc.doc_type,
            "title": doc.title,
        }


@dataclass
class Trace:
    action: Action
    status: str
    chain: list[Link] = field(default_factory=list)
    status_link: Link | None = None  # the passage that says completed / carried forward
    doc_type: str | None = None  # of the record that holds the action (minutes, action_list, ...)

    def to_json(self) -> dict:
        out = {
            "action": self.action.to_json(),
            "status": self.status,
            "chain": [link.to_json() for link in self.chain],
        }
        # Additions to the contract's shape (fields may be added): when and where the status was said.
        out["action_doc_type"] = self.doc_type
        out["status_date"] = self.status_link.date if self.status_link else None
        out["status_evidence"] = self.status_link.to_json() if self.status_link else None
        return out


@dataclass
class _Profile:
    """What one action is about, as weighted stems."""

    action: Action
    doc: Document
    core: list[Concept]
    context: list[Concept]
    aliases: list[list[Concept]] = field(default_factory=list)
    owner_terms: list[list[Concept]] = field(default_factory=list)
    verbs: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)  # the action's and its discussion's wording


class Tracer:
    """Links every action of a set of documents to its follow-ups."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents = [d for d in documents]
        self.acronyms: Acronyms = learn_acronyms(d.text for d in self.documents)
        self.units: dict[str, list[Unit]] = {d.doc_id: document_units(d, self.acronyms) for d in self.documents}
        self.idf = Idf(u.terms for units in self.units.values() for u in units)
        self.exact = frozenset(k.lower() for k in self.acronyms.expansions)
        self.group_of, self.date_of = _effective_meetings(self.documents)
        for doc in self.documents:
            for unit in self.units[doc.doc_id]:
                unit.date = self.date_of[doc.doc_id]
        self.series: dict[str, list[Document]] = defaultdict(list)
        for doc in self.documents:
            if self.group_of[doc.doc_id]:
                self.series[_norm_group(self.group_of[doc.doc_id])].append(doc)
        for docs in self.series.values():
            docs.sort(key=lambda d: (self.date_of[d.doc_id] or "", d.ordinal))
        self.doc_of_action: dict[str, Document] = {}
        for doc in self.documents:
            for action in doc.actions:
                self.doc_of_action[action.action_id] = doc
        self.profiles = {aid: self._profile(a) for aid, a in self.actions().items()}
        self._same_meeting = self._match_same_meeting()
        self._all: list[Trace] | None = None

    # ----- actions and what they are about -------------------------------------------------

    def actions(self) -> dict[str, Action]:
        return {a.action_id: a for d in self.documents for a in d.actions}

    def _profile(self, action: Action) -> _Profile:
        doc = self.doc_of_action[action.action_id]
        text = _PREFIX_RE.sub("", action.text)
        text = _REC_PHRASE_RE.sub(" ", text)
        owner_words = {w.lower() for o in action.owners for w in words(o)}
        core = concepts(text, self.acronyms, drop=owner_words)
        core_stems = {c.stem for c in core}
        context = [c for c in concepts(self._raising_text(doc, action), self.acronyms) if c.stem not in core_stems]
        owner_terms = [concepts(o, self.acronyms) for o in action.owners]
        verbs = {w.lower() for w in words(action.text)}
        raising = self._raising_text(doc, action)
        phrases = [sequence(text), sequence(raising)]
        return _Profile(action, doc, core, context, [], [t for t in owner_terms if t], verbs, phrases)

    def _raising_text(self, doc: Document, action: Action) -> str:
        """The discussion just before the action, in the same item: what the action is about."""
        before = [p for p in doc.passages if p.end <= action.start and p.kind not in ("heading", "header_block")]
        taken: list[str] = []
        here = doc.passage_at(action.start)
        for p in reversed(before[-2:]):
            if here is not None and p.location != here.location:
                break
            if any(a.start >= p.start and a.end <= p.end + 1 for a in doc.actions if a is not action):
                break  # an earlier action's line ends the discussion of this one
            taken.append(p.text)
            if len(p.text) > 80:
                break  # one real paragraph is the discussion; a short one may be a lead-in
        return " ".join(reversed(taken))

    # ----- scoring ---------------------------------------------------------------------------

    def _coverage(self, terms: list[Concept], unit: Unit) -> float:
        if not terms:
            return 0.0
        total = sum(self.weight(c.stem) for c in terms)
        got = sum(self.weight(c.stem) * concept_match(c, unit.terms, self.exact) for c in terms)
        return got / total if total else 0.0

    def weight(self, stem: str) -> float:
        # squared idf: a word few papers use (SOLACE, Edinburgh, archive) must outweigh several
        # that every paper of the body uses (ViSOR, social work, group)
        cache = self.__dict__.setdefault("_weights", {})
        if stem not in cache:
            cache[stem] = self.idf(stem) ** 2
        return cache[stem]

    def score(self, profile: _Profile, unit: Unit) -> float:
        core = max([self._coverage(profile.core, unit)] + [self._coverage(a, unit) for a in profile.aliases])
        if unit.kind == "attachment":
            # a file name names one of the things promised: how much of the name the action explains
            core = max(core, 0.8 * self._back_coverage(profile, unit))
        if core < 0.15 and not (profile.action.recommendations and set(profile.action.recommendations) & unit.recs):
            return 0.0
        context = self._coverage(profile.context, unit)
        phrase = self._phrase_bonus(profile, unit)
        recs = set(profile.action.recommendations)
        if self._breadth(profile, unit) <= 1 and context < 0.1 and phrase == 0 and not (recs & unit.recs) \
                and not (profile.verbs & DELIVERY_VERBS and _past(unit.text, _SENT_RE)) \
                and not (unit.backref_section and _CARRIED_RE.search(unit.text)):
            # one shared word, nothing from the discussion behind it, and no word that the thing
            # promised went out: chance
            return 0.0
        s = 0.75 * core + 0.25 * context + phrase
        if any(o and all(concept_match(c, unit.terms, self.exact) for c in o) for o in profile.owner_terms):
            s += 0.08
        if recs and unit.recs:
            s += 0.15 if recs & unit.recs else -0.2
        if profile.action.number is not None and profile.action.number in unit.action_numbers \
                and unit.doc.doc_id != profile.doc.doc_id:
            s += 0.08
        if unit.backref_section:
            s += 0.05
        return min(s, 1.0)

    def _back_coverage(self, profile: _Profile, unit: Unit) -> float:
        own: set[str] = set()
        for c in [*profile.core, *(c for a in profile.aliases for c in a)]:
            own.add(c.stem)
            own.update(c.expansion)
        terms = [t for t in unit.terms if not t.isdigit() and t not in ("docx", "doc", "pdf", "xls", "xlsx", "final", "draft")]
        total = sum(self.weight(t) for t in terms)
        return sum(self.weight(t) for t in terms if t in own) / total if total else 0.0

    def _breadth(self, profile: _Profile, unit: Unit) -> int:
        """How many of the action's (own or alias) concepts that are not everyday words the unit meets."""
        best = 0
        for terms in [profile.core, *profile.aliases]:
            n = sum(1 for c in terms
                    if self.idf(c.stem) >= BREADTH_IDF * self.idf.max and concept_match(c, unit.terms, self.exact) > 0)
            best = max(best, n)
        return best

    def _phrase_bonus(self, profile: _Profile, unit: Unit) -> float:
        """Wording carried over side by side ('council chief executive', 'benefits of the system')
        is stronger evidence than the same words scattered; only rarer words count."""
        best = 0.0
        for seq in profile.phrases:
            for run in shared_runs(seq, unit.seq):
                best = max(best, sum(max(0.0, self.idf(t) - PHRASE_IDF_FLOOR * self.idf.max) for t in run))
        return min(PHRASE_MAX, PHRASE_STEP * best)

    # ----- the same meeting's other records ----------------------------------------------------

    def _match_same_meeting(self) -> dict[str, list[tuple[Unit, float]]]:
        """Pair each action with its row in the same meeting's action list (or other copy), one to one."""
        pairs: dict[str, list[tuple[Unit, float]]] = defaultdict(list)
        for docs in self.series.values():
            by_date: dict[str, list[Document]] = defaultdict(list)
            for d in docs:
                if self.date_of[d.doc_id]:
                    by_date[self.date_of[d.doc_id]].append(d)
            for same in by_date.values():
                for src in same:
                    if not src.actions:
                        continue
                    for other in same:
                        if other is src or other.doc_type in NOT_FOLLOW_UPS:
                            continue
                        scored = []
                        for action in src.actions:
                            profile = self.profiles[action.action_id]
                            for unit in self.units[other.doc_id]:
                                if unit.kind not in ("action", "row", "sentence"):
                                    continue
                                s = self._same_score(profile, unit)
                                if s >= SAME_SOURCE_THRESHOLD:
                                    scored.append((s, action.action_id, id(unit), unit))
                        used_a: set[str] = set()
                        used_u: set[int] = set()
                        for s, aid, uid, unit in sorted(scored, key=lambda x: -x[0]):
                            if aid in used_a or uid in used_u:
                                continue
                            used_a.add(aid)
                            used_u.add(uid)
                            pairs[aid].append((unit, s))
        return pairs

    def _same_score(self, profile: _Profile, unit: Unit) -> float:
        """How surely a record of the same meeting states this very action (not just its topic)."""
        cov = self._coverage(profile.core, unit)
        other = self._alias_terms(unit)
        back = 0.0
        if other:
            total = sum(self.weight(c.stem) for c in other)
            own = {c.stem for c in profile.core + profile.context}
            for c in profile.core + profile.context:
                own.update(c.expansion)
            back = sum(self.weight(c.stem) * concept_match(c, own, self.exact) for c in other) / total if total else 0.0
        # Both directions must hold: the row says what the action says, and not something else.
        return min(cov, back) if unit.kind != "sentence" else min(cov, back) * 0.9

    # ----- relations ---------------------------------------------------------------------------

    def relation(self, profile: _Profile, unit: Unit, score: float) -> str:
        text = unit.text
        status = (unit.status_cell or "").lower()
        if status.startswith(("complete", "closed", "done", "achieved", "discharged")):
            return "completed"
        if _CARRIED_RE.search(text) or status in ("carried forward", "c/f", "b/f", "deferred"):
            return "carried_forward"
        # Re-listed: a row of a later action list or log (its own status column), or a later
        # minutes' action line that repeats this one almost word for word. A new action on the
        # same subject ("provide comments on the archiving paper") is progress, not the same action.
        same = self._same_score(profile, unit) if unit.kind in ("action", "row") else 0.0
        in_log = unit.doc.doc_type == "action_list" or unit.status_cell is not None or unit.kind == "row"
        relisted = (in_log and same >= 0.6) or same >= 0.85
        if relisted:
            return "carried_forward"
        if _DONE_RE.search(text) and not relisted:
            return "completed"
        delivery = bool(profile.verbs & DELIVERY_VERBS)
        event = bool(profile.verbs & EVENT_VERBS)
        if unit.kind == "attachment" and delivery:
            return "completed"
        if delivery and _past(text, _DELIVERED_RE) and unit.kind != "action":
            return "completed"
        if event and _past(text, _HELD_RE) and unit.kind != "action":
            return "completed"
        return "progress_update"

    # ----- tracing ---------------------------------------------------------------------------

    def trace(self, action_id: str) -> Trace:
        """One action's own chain (see ``trace_all`` for chains shared between copies of an action)."""
        profile = self.profiles[action_id]
        profile.aliases = []
        action, src = profile.action, profile.doc
        date = action.meeting_date or self.date_of[src.doc_id]
        chain: list[Link] = []
        seen_units: set[int] = set()
        for unit, s in self._same_meeting.get(action_id, []):
            chain.append(Link(unit, "same_action_other_source", s))
            seen_units.add(id(unit))
            profile.aliases.append(self._alias_terms(unit))
        series = self.series.get(_norm_group(action.meeting_group or self.group_of[src.doc_id] or ""), [])
        for doc in series:
            when = self.date_of[doc.doc_id]
            if doc is src or doc.doc_type in NOT_FOLLOW_UPS or not when or not date or when <= date:
                continue
            scored = self._candidates(profile, doc, seen_units)
            if not scored:
                continue
            best = scored[0][0]
            kept = [(s, u) for s, u in scored
                    if s >= best * (ATTACHMENT_KEEP_RATIO if u.kind == "attachment" else KEEP_RATIO)][:MAX_PER_DOC]
            if any(u.kind != "attachment" for _, u in kept):
                # prose that names the promised item is the better evidence than a file name
                kept = [(s, u) for s, u in kept if u.kind != "attachment"]
            for s, unit in sorted(kept, key=lambda x: x[1].start):
                rel = self.relation(profile, unit, s)
                chain.append(Link(unit, rel, s))
                seen_units.add(id(unit))
                if rel == "carried_forward":
                    profile.aliases.append(self._alias_terms(unit))
        chain.sort(key=lambda link: (link.unit.date or "", link.unit.doc.ordinal, link.unit.start))
        return _with_status(action, chain)

    def _candidates(self, profile: _Profile, doc: Document, seen: set[int]) -> list[tuple[float, Unit]]:
        """Scored follow-ups in one document, best first.

        Sentences of one paragraph are also scored together (what the action is about may be
        spread over two sentences: who held the workshop, and what it was for); the link then
        shows the sentences that carry the match.
        """
        out: list[tuple[float, Unit]] = []
        by_passage: dict[str, list[tuple[float, Unit]]] = defaultdict(list)
        possible = self._possible(profile, doc)
        for unit in self.units[doc.doc_id]:
            if id(unit) in seen or id(unit) not in possible:
                continue
            s = self.score(profile, unit)
            if unit.kind == "sentence":
                by_passage[unit.passage.passage_id].append((s, unit))
            elif s >= THRESHOLD:
                out.append((s, unit))
        for group in by_passage.values():
            best_s, best_u = max(group, key=lambda x: x[0])
            chosen: tuple[float, Unit] = (best_s, best_u)
            if len(group) > 1:
                helping = [(s, u) for s, u in group if s >= 0.5 * THRESHOLD]
                if len(helping) > 1:
                    merged = _merge(helping)
                    ms = PASSAGE_FACTOR * self.score(profile, merged)
                    if ms >= best_s:
                        chosen = (ms, merged)
            if chosen[0] >= THRESHOLD:
                out.append(chosen)
        out.sort(key=lambda x: -x[0])
        return out

    def _possible(self, profile: _Profile, doc: Document) -> set[int]:
        """Units of ``doc`` that can score above zero: those sharing a stem (or a near spelling,
        or an acronym's spelled-out stem) with what the action is about, or one of its
        recommendation numbers. Everything else scores 0, so it is never scored: this keeps
        tracing an archive linear in its size rather than actions × passages."""
        index = self.__dict__.setdefault("_stem_index", {})
        if doc.doc_id not in index:
            by_stem: dict[str, set[int]] = defaultdict(set)
            by_rec: dict[int, set[int]] = defaultdict(set)
            for unit in self.units[doc.doc_id]:
                for term in unit.terms:
                    by_stem[term].add(id(unit))
                for rec in unit.recs:
                    by_rec[rec].add(id(unit))
            index[doc.doc_id] = (by_stem, by_rec)
        by_stem, by_rec = index[doc.doc_id]
        found: set[int] = set()
        for stem in self._wanted_stems(profile):
            found |= by_stem.get(stem, set())
        for rec in profile.action.recommendations:
            found |= by_rec.get(rec, set())
        return found

    def _wanted_stems(self, profile: _Profile) -> set[str]:
        wanted: set[str] = set()
        for concept in [*profile.core, *(c for alias in profile.aliases for c in alias)]:
            wanted.add(concept.stem)
            wanted.update(concept.expansion)
            wanted.update(self._near_spellings(concept.stem))
        return wanted

    def _near_spellings(self, stem: str) -> list[str]:
        # the vocabulary words term_match accepts as the same word spelt differently
        cache = self.__dict__.setdefault("_near", {})
        if stem not in cache:
            if len(stem) < 5 or stem.isdigit() or stem in self.exact:
                cache[stem] = []
            else:
                vocab = self.__dict__.get("_vocab")
                if vocab is None:
                    vocab = self.__dict__["_vocab"] = [
                        t for t in self.idf.counts if len(t) >= 5 and not t.isdigit() and t not in self.exact
                    ]
                cache[stem] = [m[0] for m in process.extract(stem, vocab, scorer=fuzz.ratio, score_cutoff=88, limit=None)]
        return cache[stem]

    def _alias_terms(self, unit: Unit) -> list[Concept]:
        # Called for every pair of same-meeting units: computed once per unit.
        cache = self.__dict__.setdefault("_alias_cache", {})
        if id(unit) not in cache:
            text = unit.action.text if unit.action else (unit.passage.cells[0] if unit.passage.cells else unit.text)
            owners = unit.action.owners if unit.action else []
            drop = {w.lower() for o in owners for w in words(o)}
            cache[id(unit)] = (unit, concepts(_REC_PHRASE_RE.sub(" ", _PREFIX_RE.sub("", text)), self.acronyms, drop=drop))
        return cache[id(unit)][1]

    def trace_all(self) -> list[Trace]:
        """Every action's trace; copies of one action (minutes line, action-list row) share their follow-ups."""
        if self._all is not None:
            return self._all
        raw = {aid: self.trace(aid) for aid in self.profiles}
        unit_owner = {id(u): u.action.action_id for t in raw.values() for link in t.chain
                      if (u := link.unit).action is not None and link.relation == "same_action_other_source"}
        parent = {aid: aid for aid in raw}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for aid, t in raw.items():
            for link in t.chain:
                if link.relation != "same_action_other_source":
                    continue  # a later action on the same subject is a follow-up, not a copy
                other = unit_owner.get(id(link.unit))
                if other and other in parent:
                    parent[find(aid)] = find(other)
        groups: dict[str, list[str]] = defaultdict(list)
        for aid in raw:
            groups[find(aid)].append(aid)
        out = []
        for aid, t in raw.items():
            mates = [m for m in groups[find(aid)] if m != aid]
            chain = list(t.chain)
            for m in mates:
                for link in raw[m].chain:
                    if link.relation == "same_action_other_source":
                        continue
                    clash = [c for c in chain if c.unit.doc is link.unit.doc
                             and c.unit.start < link.unit.end and link.unit.start < c.unit.end]
                    if not clash:
                        chain.append(link)
                    elif all(len(link.unit.text) > len(c.unit.text) or c.score < link.score for c in clash):
                        # the fuller of two overlapping readings of one passage wins
                        chain = [c for c in chain if c not in clash] + [link]
            chain.sort(key=lambda link: (link.unit.date or "", link.unit.doc.ordinal, link.unit.start))
            trace = _with_status(t.action, chain)
            trace.doc_type = self.doc_of_action[aid].doc_type
            out.append(trace)
        self._all = out
        return out


def _effective_meetings(documents: list[Document]) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Each document's group and date; a record without its own (an action log at the end of a
    minutes file) belongs to the meeting of the document before it in the same file."""
    group_of = {d.doc_id: d.group for d in documents}
    date_of = {d.doc_id: d.date for d in documents}
    by_source: dict[str, list[Document]] = defaultdict(list)
    for d in documents:
        by_source[d.source].append(d)
    for docs in by_source.values():
        docs.sort(key=lambda d: d.ordinal)
        for prev, doc in zip(docs, docs[1:], strict=False):
            if doc.doc_type in INHERITS_MEETING and not doc.date and not doc.group:
                group_of[doc.doc_id] = group_of[prev.doc_id]
                date_of[doc.doc_id] = date_of[prev.doc_id]
    return group_of, date_of


def _merge(group: list[tuple[float, Unit]]) -> Unit:
    """One unit spanning the given sentences of a paragraph (from the first to the last)."""
    units = sorted((u for _, u in group), key=lambda u: u.start)
    first, last = units[0], units[-1]
    doc = first.doc
    merged = Unit(doc, first.passage, doc.text[first.start:last.end].strip(), first.start, last.end, "sentence")
    for u in units:
        merged.terms |= u.terms
        merged.recs |= u.recs
        merged.action_numbers |= u.action_numbers
    merged.backref_section = first.backref_section
    merged.date = first.date
    return merged


def _with_status(action: Action, chain: list[Link]) -> Trace:
    """open / in_progress / completed / carried_forward, read from the chain (and the action's own status cell)."""
    later = [link for link in chain if link.relation != "same_action_other_source"]
    done = [link for link in later if link.relation == "completed"]
    own = (action.status or "").lower()
    for link in chain:
        if link.relation == "same_action_other_source" and link.unit.status_cell:
            own = own or link.unit.status_cell
    if done:
        return Trace(action, "completed", chain, done[0])
    if own.startswith(("complete", "closed", "done", "achieved", "discharged")):
        return Trace(action, "completed", chain, None)
    if later and later[-1].relation == "carried_forward":
        return Trace(action, "carried_forward", chain, later[-1])
    if later or own.startswith(("ongoing", "on-going", "in progress", "on track", "underway")):
        return Trace(action, "in_progress", chain, None)
    return Trace(action, "open", chain, None)


def _past(text: str, pattern: re.Pattern[str]) -> bool:
    """The cue is there and not as a promise ('will be circulated', 'proposals to hold')."""
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 30): m.start()].lower()
        if re.search(r"\b" + _FUTURE + r"\s+(?:\w+\s+){0,2}$", before) and not re.search(r"\b(?:has|have|had|was|were)\s+been\s+$", before):
            continue
        if re.match(r"\s*find\b", before[-6:]) or before.rstrip().endswith(("please find", "find")):
            continue  # "please find attached" sends the papers of the day, not the action's output
        return True
    return False


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _norm_group(name: str) -> str:
    return re.sub(r"\W+", " ", name).strip().lower()


# ----- the API the commands and the store use ------------------------------------------------


def trace_documents(documents: Iterable[Document]) -> list[Trace]:
    """Traces of every action in the documents."""
    return Tracer(documents).trace_all()


def action_statuses(documents: Iterable[Document]) -> dict[str, str]:
    """action_id -> open / in_progress / completed / carried_forward (for `foi actions --status`)."""
    return {t.action.action_id: t.status for t in trace_documents(documents)}


def find_actions(tracer: Tracer, query: str) -> list[Action]:
    """Actions best matching a free-text query ('workshop recommendation 9'); copies of one action folded."""
    q_terms = _unique(content_stems(query, tracer.acronyms, boilerplate=False))
    q_recs = recs_in(query)
    scored = []
    for aid, profile in tracer.profiles.items():
        terms = {c.stem for c in profile.core} | set(content_stems(profile.action.text, tracer.acronyms, boilerplate=False))
        cov = sum(tracer.idf(t) * term_match(t, terms, tracer.exact) for t in q_terms)
        total = sum(tracer.idf(t) for t in q_terms) or 1.0
        s = cov / total + (0.3 if q_recs & set(profile.action.recommendations) else 0.0)
        s += fuzz.partial_ratio(query.lower(), profile.action.text.lower()) / 1000
        if s > 0.3:
            scored.append((s, aid))
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return []
    best = scored[0][0]
    return [tracer.profiles[aid].action for s, aid in scored if s >= best - 0.1][:5]


# ----- choosing what to trace (the `foi trace` use-case) -------------------------------------


class TraceSelectionError(ValueError):
    """The ACTION_ID or query names no action; the message says why. ``usage`` is true for an
    id that does not exist (the caller's mistake), false for a query that matched nothing."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def select_traces(
    documents: list[Document], action_id: str | None = None, query: str | None = None, every: bool = False
) -> list[dict]:
    """Traces (contract JSON) of one action, of the actions best matching a query, or of all."""
    tracer = Tracer(documents)
    if every:
        wanted = list(tracer.profiles)
    elif query:
        wanted = [a.action_id for a in find_actions(tracer, query)]
        if not wanted:
            raise TraceSelectionError(f"no action matches {query!r}")
    else:
        wanted = _resolve_id(action_id or "", list(tracer.profiles))
    # one action alone is traced alone; --all shares chains between copies of an action
    traced = tracer.trace_all() if every else [tracer.trace(aid) for aid in wanted]
    by_id = {t.action.action_id: t for t in traced}
    return fold_copies([by_id[aid].to_json() for aid in wanted])


def select_stored_traces(store, action_id: str | None = None, query: str | None = None, every: bool = False) -> list[dict]:
    """The same, from the traces an ingest stored (``Store.stored_traces``): no re-tracing."""
    stored = store.stored_traces()
    by_id = {t["action"]["action_id"]: t for t in stored}
    if every:
        return fold_copies(sorted(stored, key=_timeline_order))
    if query:
        wanted = _match_query([t["action"] for t in stored], query)
        if not wanted:
            raise TraceSelectionError(f"no action matches {query!r}")
        return fold_copies([by_id[aid] for aid in wanted])
    return fold_copies([by_id[aid] for aid in _resolve_id(action_id or "", list(by_id))])


def fold_copies(traces: list[dict]) -> list[dict]:
    """One trace per action however many copies of its paper the index holds, and one link per
    follow-up: copies are named in ``also_in``. A copy of the action in the same kind of record
    (the minutes PDF and the minutes in the bundle) is the action itself, not a link."""
    kept: list[dict] = []
    for trace in traces:
        action = trace["action"]
        home = next((k for k in kept if _same_action(k, trace)), None)
        where = {"action_id": action["action_id"], "doc_id": action["doc_id"], "source": action["source"],
                 "location": action["location"]}
        if home is not None:
            home.setdefault("also_in", []).append(where)
            continue
        trace = dict(trace, also_in=[])
        chain: list[dict] = []
        for link in trace["chain"]:
            if (link["date"] == action["meeting_date"] and link.get("doc_type") == trace.get("action_doc_type")
                    and same_words(link["text"], action["text"])):
                trace["also_in"].append({"doc_id": link["doc_id"], "source": link["source"], "location": link["location"]})
                continue
            twin = next((c for c in chain if c["date"] == link["date"] and c["relation"] == link["relation"]
                         and same_words(c["text"], link["text"])), None)
            if twin is not None:
                twin.setdefault("also_in", []).append(
                    {"doc_id": link["doc_id"], "source": link["source"], "location": link["location"]})
                continue
            chain.append(dict(link, also_in=[]))
        trace["chain"] = chain
        kept.append(trace)
    return kept


def _same_action(a: dict, b: dict) -> bool:
    x, y = a["action"], b["action"]
    return (x["meeting_date"] == y["meeting_date"] and x["meeting_group"] == y["meeting_group"]
            and a.get("action_doc_type") == b.get("action_doc_type") and same_words(x["text"], y["text"]))


def _timeline_order(trace: dict) -> tuple:
    action = trace["action"]
    return (action["meeting_date"] is None, action["meeting_date"] or "", action["source"], action["action_id"])


def _resolve_id(action_id: str, known: list[str]) -> list[str]:
    if action_id in known:
        return [action_id]
    near = [aid for aid in known if aid.startswith(action_id)]
    if len(near) == 1:
        return near
    raise TraceSelectionError(
        f"no action with id {action_id!r}" + (f" ({len(near)} ids start so)" if near else "; see `foi actions`"),
        usage=True,
    )


def _match_query(actions: list[dict], query: str) -> list[str]:
    """Actions whose words best cover the query's (rarer words count more), recommendation numbers
    as a bonus; copies of one action come back together."""
    import math

    q_terms = _unique(content_stems(query, None, boilerplate=False))
    q_recs = recs_in(query)
    bags = {a["action_id"]: set(content_stems(a["text"], None, boilerplate=False)) for a in actions}
    df: dict[str, int] = defaultdict(int)
    for bag in bags.values():
        for term in bag:
            df[term] += 1
    idf = {t: math.log((len(bags) + 1) / (df.get(t, 0) + 0.5)) for t in q_terms}
    total = sum(idf.values()) or 1.0
    scored = []
    for action in actions:
        bag = bags[action["action_id"]]
        score = sum(idf[t] for t in q_terms if t in bag) / total
        score += 0.3 if q_recs & set(action["recommendations"]) else 0.0
        score += fuzz.partial_ratio(query.lower(), action["text"].lower()) / 1000
        if score > 0.3:
            scored.append((score, action["action_id"]))
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return []
    best = scored[0][0]
    return [aid for s, aid in scored if s >= best - 0.1][:5]
