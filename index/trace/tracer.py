"""Follow each action through the later meetings of its series, then the rest of the papers.

For one action (``Tracer.trace``):

1. its series is the papers of its group by date (``series.py``); the papers after its meeting
   are searched nearest first, then later papers of other groups at a stricter bar;
2. each paper is cut into candidate follow-ups (``units.py``) and only those sharing a concept,
   a recommendation or a reference with the action are scored (``_possible``);
3. a candidate is scored by every link real minutes use (``_score``): the same reference
   (``number``), the action re-listed in a later log (``relisted``), a "Matters arising" /
   "Review of actions" item (``matters_arising``), the same owner with the same subject
   (``owner``), and the same subject in other words, BM25 over the action's words, its item's
   heading and the discussion that raised it (``topic``);
4. kept candidates above ``THRESHOLD`` are labelled (``label.py``) and the status is read from
   the chain (``model.with_status``).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

from index.trace.bm25 import BM25
from index.trace.cues import CARRIED_RE, DELIVERY_VERBS, SENT_RE, past, says_done
from index.trace.label import label, status_news
from index.trace.model import Link, Trace, with_status
from index.trace.profile import PREFIX_RE, REC_PHRASE_RE, Profile, build_profile
from index.trace.series import Series, build_series, effective_meetings
from index.trace.text import (
    REDACTED_RE,
    Acronyms,
    Concept,
    Idf,
    KnownTerms,
    concept_match,
    learn_acronyms,
    shared_runs,
    stem,
    words,
)
from index.trace.units import Unit, document_units
from ingest.furniture import ROLL_CALL_RE
from ingest.models import Action, Document

# Documents that announce a meeting rather than report on one: only their "review of actions"
# items and action rows can be follow-ups. They still belong to the series.
ANNOUNCES = frozenset({"agenda", "meeting_request", "guidance"})

# Chosen on the development series (scripts/score_traces.py), never on the test papers.
THRESHOLD = 0.4  # below this a link is too weak to show
OTHER_SERIES_THRESHOLD = 0.6  # papers of another group must match more surely
SAME_SOURCE_THRESHOLD = 0.5  # another record of the same meeting must say the same thing
RELISTED = 0.6  # a later log row this like the action is the action itself
W_TOPIC = 0.7  # share of the absolute BM25 evidence (the rest: how much of the action's own words)
W_CONTEXT = 0.3  # the raising discussion counts for this much of a word of the action
RAW_SCALE = 1.5  # BM25 evidence of this many of the rarest words' worth scores one half
DISTANCE_DECAY = 0.05  # per later meeting: the nearest meetings report on an action first
MAX_DECAY = 0.3  # chosen on the development series with DISTANCE_DECAY (scripts/score_traces.py)
PHRASE_IDF_FLOOR = 0.33
PHRASE_STEP = 0.03
PHRASE_MAX = 0.2
BREADTH_IDF = 0.4
RARE_NAME_IDF = 0.6
NAME_IDF = 0.5  # below this share of the rarest word's idf, a capitalised word is a role or a title word
KEEP_RATIO = 0.75  # a second link in one document must score near its best one (0.6-0.9 tried on the development series)
ATTACHMENT_KEEP_RATIO = 0.7
MAX_PER_DOC = 2
SAME_PATTERN = 85  # two actions' words, owners and names aside, this alike: one pattern
STATUS_AFTER_WORDS = 12  # a status sentence after a follow-up is short ("Deferred to the next meeting.")
SURE_REASONS = frozenset({"number", "relisted"})  # kept whatever the topic links score
CHAIN_KEEP = 0.7  # topic links must score this share of the action's best follow-up
MAX_TOPIC_LINKS = 5  # the nearest ones
SAME_ITEM = 0.99  # the later item's heading holds every word of the action's item heading
ITEM_FLOOR = 0.3  # what a sentence under the same item heading scores at least
WEAK = 0.0  # a match on one everyday word and nothing else: chance
BONUS = {"number": 0.45, "relisted": 0.3, "matters_arising": 0.08, "owner": 0.08}


class Tracer:
    """Links every action of a set of documents to its follow-ups."""

    def __init__(self, documents: Iterable[Document], progress: Callable[[int, int], None] | None = None) -> None:
        self.documents = list(documents)
        self.progress = progress
        self.acronyms: Acronyms = learn_acronyms(d.text for d in self.documents)
        self.group_of, self.date_of = effective_meetings(self.documents)
        self.units: dict[str, list[Unit]] = {}
        for d in self.documents:
            self.units[d.doc_id] = document_units(d, self.acronyms)
            for unit in self.units[d.doc_id]:
                unit.date = self.date_of[d.doc_id]
        all_units = [u for units in self.units.values() for u in units]
        self.idf = Idf(u.terms for u in all_units)
        self.exact = KnownTerms((k.lower() for k in self.acronyms.expansions), self.idf.counts)
        self.bm25 = BM25(self.idf, [len(u.seq) or 1 for u in all_units], self.exact)
        self.series: dict[str, Series] = build_series(self.documents, self.group_of, self.date_of)
        self.series_of_doc: dict[str, Series] = {d.doc_id: s for s in self.series.values() for d in s.documents}
        self.doc_of_action: dict[str, Document] = {a.action_id: d for d in self.documents for a in d.actions}
        self.profiles = {aid: build_profile(a, self.doc_of_action[aid], self.acronyms) for aid, a in self.actions().items()}
        self._weights: dict[str, float] = {}
        self._stem_index: dict[str, tuple[dict, dict, dict]] = {}
        self._alias_cache: dict[int, list[Concept]] = {}
        self._patterns: dict[str, tuple[list[Concept], str]] = {}
        self._own: dict[str, set[str]] = {}
        self._same_meeting: dict[str, list[tuple[Unit, float]]] = {}
        self._paired_dates: set[tuple[int, str]] = set()  # (series, date) already paired
        self._all: list[Trace] | None = None

    def actions(self) -> dict[str, Action]:
        return {a.action_id: a for d in self.documents for a in d.actions}

    # ----- weights and coverage --------------------------------------------------------------

    def weight(self, stem: str) -> float:
        # squared idf: a word few papers use must outweigh several that every paper uses
        if stem not in self._weights:
            self._weights[stem] = self.idf(stem) ** 2
        return self._weights[stem]

    def _boost(self, p: Profile, stem: str) -> float:
        """A word's weight factor in this action; a capitalised word many papers use ("General
        Manager", "Vice Chair": a role, not a subject) is not raised as a name."""
        factor = p.boost.get(stem, 1.0)
        if factor > 1.0 and self.idf(stem) < NAME_IDF * self.idf.max:
            return 1.0
        return factor

    def _topic(self, p: Profile, terms: list[Concept], unit: Unit) -> float:
        def weight(s: str) -> float:
            return self.weight(s) * self._boost(p, s)

        return min(1.0, self.bm25.normalised(terms, unit.terms, len(unit.seq) or 1, weight))

    def _evidence_sum(self, p: Profile, unit: Unit) -> float:
        """BM25 (idf-weighted) of the action's words, its heading and, lighter, its discussion: 0..1."""
        def weight(s: str) -> float:
            return self.idf(s) * self._boost(p, s)

        length = len(unit.seq) or 1
        core = max([self.bm25.raw(p.core, unit.terms, length, weight)]
                   + [self.bm25.raw(a, unit.terms, length, weight) for a in p.aliases])
        raw = core + self.bm25.raw(p.heading, unit.terms, length, weight) \
            + W_CONTEXT * self.bm25.raw(p.context, unit.terms, length, weight)
        return raw / (raw + RAW_SCALE * self.idf.max)

    def _coverage(self, terms: list[Concept], unit: Unit) -> float:
        if not terms:
            return 0.0
        total = sum(self.weight(c.stem) for c in terms)
        got = sum(self.weight(c.stem) * concept_match(c, unit.terms, self.exact) for c in terms)
        return got / total if total else 0.0

    # ----- scoring ---------------------------------------------------------------------------

    def _score(self, p: Profile, unit: Unit) -> tuple[float, str]:
        """(score, reason) of one candidate follow-up (its linking words: ``_evidence``, for the kept ones)."""
        core = max([self._topic(p, p.core, unit)] + [self._topic(p, a, unit) for a in p.aliases])
        if unit.kind == "attachment":
            core = max(core, 0.8 * self._back_coverage(p, unit))
        heading = self._topic(p, p.heading, unit)
        # the same item heading at a later meeting ("3. Playground" again): the subject of the item
        item = max(_within(unit.head_terms, p.item), _within(unit.lead_terms, p.item))
        context = self._topic(p, p.context, unit)
        ref = bool(p.refs & unit.refs) or (p.action.number is not None and p.action.number in unit.action_numbers
                                           and unit.doc.doc_id != p.doc.doc_id)
        recs = set(p.action.recommendations)
        weak = 1.0
        if item >= SAME_ITEM:
            heading = max(heading, item)
        if core < 0.15 and heading < 0.5 and not ref and not (recs & unit.recs) \
                and not (unit.backref_section and self._shares_rare_name(p, unit)):
            weak = WEAK  # little of the action, unless a report on actions names its rare subject
        phrase = self._phrase_bonus(p, unit)
        relisted = not ref and self._relisted(p, unit)  # asked once: it reads the record's coverage
        owner = any(o and all(concept_match(c, unit.terms, self.exact) for c in o) for o in p.owner_terms)
        if not ref and not owner and self._breadth(p, unit) <= 1 and context < 0.1 and heading < 0.5 and phrase == 0 \
                and not (recs & unit.recs) \
                and not (p.verbs & DELIVERY_VERBS and past(unit.text, SENT_RE)) \
                and not (unit.backref_section and CARRIED_RE.search(unit.text)) \
                and not self._shares_rare_name(p, unit) \
                and not relisted:
            weak = WEAK  # one shared word, nothing else: likely chance (not the same record listed again)
        s = weak * (W_TOPIC * self._evidence_sum(p, unit) + (1 - W_TOPIC) * core + phrase)
        if item >= SAME_ITEM:
            s = max(s, ITEM_FLOOR + 0.5 * s)
        reason = "topic"
        if recs and unit.recs:
            s += 0.15 if recs & unit.recs else -0.2
        if ref:
            s += BONUS["number"]
            reason = "number"
        elif relisted:
            s += BONUS["relisted"]
            reason = "relisted"
        elif unit.backref_section or unit.status_cell:
            s += BONUS["matters_arising"]
            reason = "matters_arising"
        if owner and reason == "topic" and (core >= 0.2 or heading >= 0.5):
            s += BONUS["owner"]
            reason = "owner"
        elif owner:
            s += BONUS["owner"] / 2
        return min(s, 1.0), reason

    def _another_action(self, p: Profile, unit: Unit) -> bool:
        """Another action written to the same pattern ("Doug: pursue a report for Helix" /
        "Sam: pursue a report for Abdera"): the same words but for its owner and the named thing,
        and without this action's named thing. Such a log line is no follow-up of this one."""
        other = unit.action
        if other is None or other is p.action:
            return False
        names, pattern = self._pattern(p)
        if not names or any(concept_match(c, unit.terms, self.exact) for c in names):
            return False
        return fuzz.ratio(pattern, _pattern_of(other.text)) >= SAME_PATTERN

    def _pattern(self, p: Profile) -> tuple[list[Concept], str]:
        """The action's rare names and its words without them (once per action: asked per candidate)."""
        found = self._patterns.get(p.action.action_id)
        if found is None:
            names = [c for c in p.core if p.boost.get(c.stem, 1.0) > 1.0
                     and self.idf(c.stem) >= RARE_NAME_IDF * self.idf.max]
            found = self._patterns[p.action.action_id] = (names, _pattern_of(p.action.text))
        return found

    def _evidence(self, p: Profile, unit: Unit) -> list[str]:
        """The words of the follow-up that carry the match (for highlighting)."""
        wanted = self._wanted_stems(p, context=True)
        from index.trace.text import stem

        return sorted({w for w in words(unit.text) if stem(w) in wanted and len(w) > 2}, key=str.lower)

    def _back_coverage(self, p: Profile, unit: Unit) -> float:
        own: set[str] = set()
        for c in [*p.core, *(c for a in p.aliases for c in a)]:
            own.add(c.stem)
            own.update(c.expansion)
        terms = [t for t in unit.terms if not t.isdigit() and t not in ("docx", "doc", "pdf", "xls", "xlsx", "final", "draft")]
        total = sum(self.weight(t) for t in terms)
        return sum(self.weight(t) for t in terms if t in own) / total if total else 0.0

    def _shares_rare_name(self, p: Profile, unit: Unit) -> bool:
        """The one shared word is a name few papers use ("Halesworth", "EGM"): not chance."""
        return any(p.boost.get(c.stem, 1.0) > 1.0 and self.idf(c.stem) >= RARE_NAME_IDF * self.idf.max
                   and concept_match(c, unit.terms, self.exact) >= 1.0 for c in p.core)

    def _breadth(self, p: Profile, unit: Unit) -> int:
        best = 0
        for terms in [p.core, *p.aliases]:
            n = sum(1 for c in terms
                    if self.idf(c.stem) >= BREADTH_IDF * self.idf.max and concept_match(c, unit.terms, self.exact) > 0)
            best = max(best, n)
        return best

    def _phrase_bonus(self, p: Profile, unit: Unit) -> float:
        best = 0.0
        for seq in p.phrases:
            for run in shared_runs(seq, unit.seq):
                best = max(best, sum(max(0.0, self.idf(t) - PHRASE_IDF_FLOOR * self.idf.max) for t in run))
        return min(PHRASE_MAX, PHRASE_STEP * best)

    # ----- the same meeting's other records ----------------------------------------------------

    def _same_meeting_for(self, action_id: str) -> list[tuple[Unit, float]]:
        """The action's rows in the other records of its own meeting (its action list, another copy),
        paired one to one with the meeting's other actions; computed once per meeting, when asked."""
        doc = self.doc_of_action[action_id]
        series = self.series_of_doc.get(doc.doc_id)
        date = self.date_of[doc.doc_id]
        if series is None or not date or (id(series), date) in self._paired_dates:
            return self._same_meeting.get(action_id, [])
        self._paired_dates.add((id(series), date))
        same = [d for d in series.documents if self.date_of[d.doc_id] == date]
        for src in same:
            for other in same:
                if other is src or not src.actions:
                    continue
                scored = []
                for action in src.actions:
                    profile = self.profiles[action.action_id]
                    # only units sharing a stem can score (as in `_possible`): actions × units
                    # of a long action log would otherwise be all compared
                    for unit in self._possible(profile, other):
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
                    self._same_meeting.setdefault(aid, []).append((unit, s))
        return self._same_meeting.get(action_id, [])

    def _relisted(self, p: Profile, unit: Unit) -> bool:
        """A later record that states this very action again (a log's row carried forward)."""
        return unit.kind in ("action", "row") and unit.doc.doc_id != p.doc.doc_id and self._same_score(p, unit) >= RELISTED

    def _same_score(self, p: Profile, unit: Unit) -> float:
        """How surely a record states this very action (not just its topic): both directions hold,
        or one record holds the other's words as written (the action list repeats the minutes)."""
        if unit.kind in ("action", "row") and _holds_words(unit.text, p.action.text):
            return 1.0
        cov = self._coverage(p.core, unit)
        if cov <= 0.0:
            return 0.0
        other = self._alias_terms(unit)
        back = 0.0
        if other:
            total = sum(self.weight(c.stem) for c in other)
            own = self._own_terms(p)
            back = sum(self.weight(c.stem) * concept_match(c, own, self.exact) for c in other) / total if total else 0.0
        return min(cov, back) if unit.kind != "sentence" else min(cov, back) * 0.9

    def _own_terms(self, p: Profile) -> set[str]:
        """The stems of the action and the discussion that raised it (one set per action, so that
        matching against it reuses its fuzzy pool)."""
        own = self._own.get(p.action.action_id)
        if own is None:
            own = {c.stem for c in p.core + p.context}
            for c in p.core + p.context:
                own.update(c.expansion)
            self._own[p.action.action_id] = own
        return own

    def _alias_terms(self, unit: Unit) -> list[Concept]:
        if id(unit) not in self._alias_cache:
            text = unit.action.text if unit.action else (unit.passage.cells[0] if unit.passage.cells else unit.text)
            owners = unit.action.owners if unit.action else []
            drop = {w.lower() for o in owners for w in words(o)}
            self._alias_cache[id(unit)] = concepts_of(REC_PHRASE_RE.sub(" ", PREFIX_RE.sub("", text)), self.acronyms, drop)
        return self._alias_cache[id(unit)]

    # ----- tracing ---------------------------------------------------------------------------

    def later_documents(self, action_id: str) -> list[tuple[Document, bool]]:
        """(document, in the action's own series) for every paper after the action's meeting:
        its own series nearest first, then the other groups' papers by date."""
        p = self.profiles[action_id]
        src = p.doc
        date = p.action.meeting_date or self.date_of[src.doc_id]
        if not date:
            return []
        own = self.series_of_doc.get(src.doc_id)
        own_docs = own.documents if own is not None else [src]
        out = [(d, True) for d in own_docs if d is not src and (self.date_of[d.doc_id] or "") > date]
        mine = {id(d) for d, _ in out} | {id(d) for d in own_docs}
        rest = sorted((d for d in self.documents if id(d) not in mine and (self.date_of[d.doc_id] or "") > date),
                      key=lambda d: (self.date_of[d.doc_id] or "", d.ordinal))
        return out + [(d, False) for d in rest]

    def trace(self, action_id: str) -> Trace:
        """One action's own chain (see ``trace_all`` for chains shared between copies of an action)."""
        p = self.profiles[action_id]
        p.aliases = []
        chain: list[Link] = []
        seen: set[int] = set()
        for unit, s in self._same_meeting_for(action_id):
            # a status beside the copy says what became of it; a bare copy is the same action
            chain.append(Link(unit, status_news(p, unit) or "same_action_other_source", s, "same_meeting"))
            seen.add(id(unit))
            p.aliases.append(self._alias_terms(unit))
        meetings: list[str] = []
        found: list[tuple[float, Unit, str]] = []
        for doc, in_series in self.later_documents(action_id):
            when = self.date_of[doc.doc_id]
            if in_series and when not in meetings:
                meetings.append(when)
            decay = min(MAX_DECAY, DISTANCE_DECAY * max(0, len(meetings) - 1))
            bar = THRESHOLD if in_series else OTHER_SERIES_THRESHOLD
            scored = self._candidates(p, doc, seen, bar, decay)
            if not scored:
                continue
            best = scored[0][0]
            kept = [x for x in scored
                    if x[0] >= best * (ATTACHMENT_KEEP_RATIO if x[1].kind == "attachment" else KEEP_RATIO)][:MAX_PER_DOC]
            # a link by the action's own reference is kept whatever the topic links of its paper score
            kept += [x for x in scored if x[2] in SURE_REASONS and x not in kept]
            if any(x[1].kind != "attachment" for x in kept):
                kept = [x for x in kept if x[1].kind != "attachment"]
            for x in kept:
                seen.add(id(x[1]))
                if x[2] in ("relisted", "number"):
                    p.aliases.append(self._alias_terms(x[1]))  # the action worded again: its words count too
            found += kept
        # Of the topic links, only those near the action's best follow-up: a subject that comes
        # up at every meeting is not reported on at every meeting.
        top = max((s for s, *_ in found), default=0.0)
        topical = [x for x in found if x[2] not in SURE_REASONS and x[0] >= CHAIN_KEEP * top]
        topical = sorted(topical, key=lambda x: (x[1].date or "", x[1].start))[:MAX_TOPIC_LINKS]
        for s, unit, reason in [x for x in found if x[2] in SURE_REASONS] + topical:
            unit = self._with_status_after(unit)
            relisted = reason == "relisted" or (unit.kind in ("action", "row") and self._same_score(p, unit) >= 0.85)
            chain.append(Link(unit, label(p, unit, reason, relisted, s), s, reason, self._evidence(p, unit)))
        chain.sort(key=lambda link: (link.unit.date or "", link.unit.doc.ordinal, link.unit.start))
        trace = with_status(p.action, chain)
        trace.doc_type = p.doc.doc_type
        own = self.series_of_doc.get(p.doc.doc_id)
        trace.series = own.group if own is not None else None
        return trace

    def _candidates(self, p: Profile, doc: Document, seen: set[int], bar: float,
                    decay: float) -> list[tuple[float, Unit, str]]:
        """Scored follow-ups in one document, best first; sentences of one paragraph may carry
        the match together (who held the workshop, and what it was for)."""
        out: list[tuple[float, Unit, str]] = []
        by_passage: dict[tuple[str, int], list[tuple[float, Unit, str]]] = defaultdict(list)
        announces = doc.doc_type in ANNOUNCES
        for unit in self._possible(p, doc):
            if id(unit) in seen:
                continue
            if announces and not (unit.backref_section or unit.status_cell or unit.kind in ("action", "row")):
                continue
            if unit.kind != "attachment" and _says_little(unit) and not self._relisted(p, unit):
                continue  # (a task of one word listed again, "Playtesting", is that task)
            if self._another_action(p, unit):
                continue
            s, reason = self._score(p, unit)
            s *= 1 - decay
            if unit.kind == "sentence":
                by_passage[(unit.passage.passage_id, unit.block)].append((s, unit, reason))
            elif s >= bar:
                out.append((s, unit, reason))
        for group in by_passage.values():
            chosen = max(group, key=lambda x: x[0])
            if len(group) > 1:
                helping = [x for x in group if x[0] >= 0.5 * bar]
                if len(helping) > 1:
                    merged = merge_units([u for _, u, _ in helping])
                    ms, mreason = self._score(p, merged)
                    ms *= 1 - decay
                    # the paragraph is shown whole, at the better of its score and its best sentence's
                    chosen = (ms, merged, mreason) if ms >= chosen[0] else (chosen[0], merged, chosen[2])
            if chosen[0] >= bar:
                out.append(chosen)
        out.sort(key=lambda x: -x[0])
        return out

    def _with_status_after(self, unit: Unit) -> Unit:
        """A sentence with the short one after it in its paragraph when that one says what became
        of it ("Further discussion required regarding … a smoking advisor. Defer to strategy and
        work plan discussions.")."""
        if unit.kind != "sentence":
            return unit
        units = self.units[unit.doc.doc_id]
        k = bisect.bisect_left(units, unit.end, key=lambda u: u.start)  # units are in reading order
        nxt = units[k] if k < len(units) else None
        if (nxt is None or nxt.kind not in ("sentence", "action") or nxt.passage is not unit.passage
                or unit.doc.text[unit.end:nxt.start].strip() or len(nxt.seq) > STATUS_AFTER_WORDS
                or (nxt.refs and not nxt.refs & unit.refs)):
            return unit  # only the very next words of the same passage ("Action 3/22 – carried forward": its own)
        if CARRIED_RE.search(nxt.text) or says_done(nxt.text):
            return merge_units([unit, nxt])
        return unit

    def _possible(self, p: Profile, doc: Document) -> list[Unit]:
        """Units of ``doc`` that can score above zero: those sharing a stem (a near spelling, an
        acronym's spelled-out stem), a recommendation or a reference with the action. The rest
        are never scored: tracing stays linear in the papers' size, not actions × passages."""
        if doc.doc_id not in self._stem_index:
            by_stem: dict[str, set[int]] = defaultdict(set)
            by_rec: dict[int, set[int]] = defaultdict(set)
            by_ref: dict[str, set[int]] = defaultdict(set)
            for i, unit in enumerate(self.units[doc.doc_id]):
                for term in unit.terms | unit.head_terms | unit.lead_terms:
                    by_stem[term].add(i)
                for rec in unit.recs:
                    by_rec[rec].add(i)
                for ref in unit.refs:
                    by_ref[ref].add(i)
            self._stem_index[doc.doc_id] = (by_stem, by_rec, by_ref)
        by_stem, by_rec, by_ref = self._stem_index[doc.doc_id]
        found: set[int] = set()
        for s in self._wanted_stems(p):
            found |= by_stem.get(s, set())
        for rec in p.action.recommendations:
            found |= by_rec.get(rec, set())
        for ref in p.refs:
            found |= by_ref.get(ref, set())
        units = self.units[doc.doc_id]
        return [units[i] for i in sorted(found)]

    def _wanted_stems(self, p: Profile, context: bool = False) -> set[str]:
        wanted: set[str] = set()
        lists = [p.core, p.heading, *p.aliases] + ([p.context] if context else [])
        for concept in (c for terms in lists for c in terms):
            wanted.add(concept.stem)
            wanted.update(concept.expansion)
            wanted.update(self._near_spellings(concept.stem))
        return wanted

    def _near_spellings(self, stem: str) -> frozenset[str]:
        if len(stem) < 5 or stem.isdigit() or stem in self.exact:
            return frozenset()
        return self.exact.near(stem)

    def trace_all(self) -> list[Trace]:
        """Every action's trace; copies of one action (minutes line, action-list row) share their follow-ups."""
        if self._all is not None:
            return self._all
        raw = {}
        for i, aid in enumerate(self.profiles):
            raw[aid] = self.trace(aid)
            if self.progress:
                self.progress(i + 1, len(self.profiles))
        self._all = share_copies(raw, self.doc_of_action)
        return self._all


MIN_SAYING = 3  # content words (not numbers, not dates) a sentence needs to report anything


def _says_little(unit: Unit) -> bool:
    """A heading or a line of meeting furniture ("Finance & Audit", "Minutes of the meeting held on
    17 October 2012", "There was a discussion"): it names a subject but says nothing of it."""
    if ROLL_CALL_RE.match(unit.text):
        return True  # "Apologies were received from …": who came, not what was done
    if unit.refs or unit.recs or unit.action_numbers or says_done(unit.text) or CARRIED_RE.search(unit.text):
        return False  # "This has now been cancelled." says what became of it
    said = {t for t in unit.seq if not t.isdigit() and t not in _CALENDAR}
    return len(said) < MIN_SAYING


_CALENDAR = frozenset(stem(w) for w in (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "date meeting minutes held").split())


def _flat_words(text: str) -> str:
    return " ".join(REDACTED_RE.sub(" ", text).lower().split())


def _holds_words(a: str, b: str) -> bool:
    """One text holds the other's words nearly as written (markers and spacing aside)."""
    x, y = _flat_words(a), _flat_words(b)
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 25 and fuzz.partial_ratio(short, long_) >= 92


def _pattern_of(text: str) -> str:
    """An action's words without its owner's lead and its capitalised names ("pursue a report for")."""
    text = re.sub(r"^\W*[A-Z][\w/&+ ,.]{0,40}?\s*(?::|\bto\b|\bwill\b)\s+", "", text.strip())
    return " ".join(w for w in text.split() if not w[:1].isupper())


def _within(title: set[str], item: set[str]) -> float:
    """1.0 when every word of a later item's title is a word of the action's item ('Playground' in
    'Playground renewal'; 'Bandstand' in 'repainting the bandstand'), else the share that is."""
    words = {t for t in title if not t.isdigit()}
    return len(words & item) / len(words) if words else 0.0


def concepts_of(text: str, acronyms: Acronyms, drop: set[str]) -> list[Concept]:
    from index.trace.text import concepts

    return concepts(text, acronyms, drop=drop)


def merge_units(units: list[Unit]) -> Unit:
    """One unit spanning the given sentences of a paragraph (from the first to the last)."""
    units = sorted(units, key=lambda u: u.start)
    first, last = units[0], units[-1]
    doc = first.doc
    merged = Unit(doc, first.passage, doc.text[first.start:last.end].strip(), first.start, last.end, "sentence")
    for u in units:
        merged.terms |= u.terms
        merged.seq += u.seq
        merged.recs |= u.recs
        merged.refs |= u.refs
        merged.action_numbers |= u.action_numbers
    merged.backref_section = first.backref_section
    merged.date = first.date
    merged.block, merged.around = first.block, first.around
    merged.head_terms, merged.lead_terms = first.head_terms, first.lead_terms
    return merged


def share_copies(raw: dict[str, Trace], doc_of_action: dict[str, Document]) -> list[Trace]:
    """Copies of one action (its minutes line and its action-list row) share their follow-ups."""
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
                continue
            other = unit_owner.get(id(link.unit))
            if other and other in parent:
                parent[find(aid)] = find(other)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in raw:
        groups[find(aid)].append(aid)
    out = []
    for aid, t in raw.items():
        chain = list(t.chain)
        for m in (m for m in groups[find(aid)] if m != aid):
            for link in raw[m].chain:
                if link.relation == "same_action_other_source":
                    continue
                clash = [c for c in chain if c.unit.doc is link.unit.doc
                         and c.unit.start < link.unit.end and link.unit.start < c.unit.end]
                if not clash:
                    chain.append(link)
                elif all(len(link.unit.text) > len(c.unit.text) or c.score < link.score for c in clash):
                    chain = [c for c in chain if c not in clash] + [link]
        chain.sort(key=lambda link: (link.unit.date or "", link.unit.doc.ordinal, link.unit.start))
        trace = with_status(t.action, chain)
        trace.doc_type = doc_of_action[aid].doc_type
        trace.series = t.series
        out.append(trace)
    return out
