"""Score traces against a hand annotation (`traces` in seed_gold.json).

A link counts when its follow-up passage is in the chain of the right action with the right
relation: the gold quote is found (fuzzily, redaction markers folded) in the link's text, on
the gold document date. Copies of one passage in several files of a release count once.
Precision is over every link shown for the annotated actions (and for
the other gold actions, whose chains should be empty unless annotated); an action that is only
another copy of a traced one (its action-list row) is not scored twice.

Until the extraction stage fills ``doc.actions``, ``actions_from_gold`` places the gold
actions on the extracted passages so that linking can be measured on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from index.trace import RELATIONS, Trace
from ingest.markers import ANY_MARKER_RE
from ingest.models import Action, Document

_MARK_RE = ANY_MARKER_RE  # one definition of a marker (ingest.markers)
_QUOTE_PREFIX_RE = re.compile(r"^\W*action\s*\d*\s*[:.\-–—]*\s*", re.IGNORECASE)


def norm(text: str) -> str:
    text = _MARK_RE.sub(" X ", text.replace("**", ""))
    return re.sub(r"\s+", " ", text).strip().lower()


def actions_from_gold(documents: list[Document], gold_actions: list[dict]) -> int:
    """Put each gold action on the passage that holds it; returns how many were placed."""
    placed = 0
    counters: dict[str, int] = {}
    for g in gold_actions:
        want = norm(g["text"])
        best = None
        for doc in documents:
            if doc.date != g.get("meeting_date") or (g.get("source_doc_type") and doc.doc_type != g["source_doc_type"]):
                continue
            for p in doc.passages:
                s = fuzz.partial_ratio(want, norm(p.text)) if len(want) <= len(norm(p.text)) + 5 else 0
                if s >= 90 and (best is None or s > best[0]):
                    best = (s, doc, p)
        if best is None:
            continue
        _, doc, p = best
        counters[doc.doc_id] = counters.get(doc.doc_id, 0) + 1
        action = Action(
            action_id=f"{doc.doc_id}-a{counters[doc.doc_id]:02d}",
            doc_id=doc.doc_id, source=doc.source, meeting_group=g.get("meeting_group") or doc.group,
            meeting_date=g.get("meeting_date") or doc.date, page=p.page, location=p.location,
            number=g.get("number"), text=g["text"], owners=list(g.get("owners", [])),
            owner_redacted=bool(g.get("owner_redacted")), due=g.get("due"), due_date=g.get("due_date"),
            recommendations=list(g.get("recommendations", [])), status=g.get("status"),
            passage_id=p.passage_id, start=p.start, end=p.end,
        )
        doc.actions.append(action)
        placed += 1
    for doc in documents:
        doc.actions.sort(key=lambda a: a.start)
    return placed


@dataclass
class Row:
    name: str
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


@dataclass
class Score:
    rows: dict[str, Row] = field(default_factory=dict)
    total: Row = field(default_factory=lambda: Row("all"))
    any_relation: Row = field(default_factory=lambda: Row("link, any relation"))
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    unmatched_actions: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = [f"{'relation':28} {'gold':>5} {'shown':>6} {'right':>6} {'precision':>10} {'recall':>7}"]
        for row in [*self.rows.values(), self.total, self.any_relation]:
            lines.append(f"{row.name:28} {row.gold:>5} {row.predicted:>6} {row.correct:>6} "
                         f"{row.precision:>10.2f} {row.recall:>7.2f}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        def row(r: Row) -> dict:
            return {"gold": r.gold, "shown": r.predicted, "right": r.correct,
                    "precision": round(r.precision, 3), "recall": round(r.recall, 3)}
        return {"relations": {k: row(v) for k, v in self.rows.items()}, "all": row(self.total),
                "any_relation": row(self.any_relation), "misses": self.misses, "extras": self.extras,
                "unmatched_actions": self.unmatched_actions}


def _match_action(quote: str, traces: list[Trace]) -> Trace | None:
    want = norm(_QUOTE_PREFIX_RE.sub("", quote))
    best = max(traces, key=lambda t: fuzz.ratio(want, norm(t.action.text)), default=None)
    if best is None or fuzz.ratio(want, norm(best.action.text)) < 80:
        return None
    return best


def _quote_in(quote: str, text: str) -> bool:
    q, t = norm(quote), norm(text)
    if not q or not t:
        return False
    short, long_ = (q, t) if len(q) <= len(t) else (t, q)
    # the shorter must be most of the quote: a one-word link text does not "contain" a sentence
    return fuzz.partial_ratio(short, long_) >= 88 and len(short) >= 0.6 * len(q)


def score_traces(traces: list[Trace], gold: dict) -> Score:
    score = Score(rows={r: Row(r) for r in RELATIONS})
    scored_ids: set[str] = set()
    for g in gold.get("traces", []):
        trace = _match_action(g["action_quote"], traces)
        followups = g["followups"]
        for f in followups:
            score.rows[f["relation"]].gold += 1
            score.total.gold += 1
            score.any_relation.gold += 1
        if trace is None:
            score.unmatched_actions.append(g["action_quote"])
            score.misses += [f"{g['action_quote'][:50]} -> {f['quote'][:60]} ({f['relation']})" for f in followups]
            continue
        scored_ids.add(trace.action.action_id)
        # copies of this action (its action-list row) are the same action: not scored again
        for f in followups:
            if f["relation"] == "same_action_other_source":
                copy = _match_action(f["quote"], traces)
                if copy is not None and copy is not trace:
                    scored_ids.add(copy.action.action_id)
        _score_chain(score, trace, followups, g["action_quote"])
    # the other gold actions: any link shown for them is not in the annotation
    for ga in gold.get("actions", []):
        trace = _match_action(ga["text"], traces)
        if trace is None or trace.action.action_id in scored_ids:
            continue
        scored_ids.add(trace.action.action_id)
        _score_chain(score, trace, [], ga["text"])
    return score


def _score_chain(score: Score, trace: Trace, followups: list[dict], label: str) -> None:
    used: set[int] = set()
    used_any: set[int] = set()
    seen: set[tuple[str, str | None, str]] = set()
    own = norm(trace.action.text)
    for link in trace.chain:
        text = norm(link.unit.text)
        # A release often holds one paper several times (PDF, DOCX, a bundle, a scan): a copy of
        # the action itself is not a follow-up the annotation could list, and one passage found
        # again in another copy is one link, not two.
        if link.relation == "same_action_other_source" and fuzz.ratio(text, own) >= 95 \
                and link.unit.doc.doc_type == trace.doc_type:
            continue
        key = (link.relation, link.date, text[:300])
        if key in seen:
            continue
        seen.add(key)
        score.rows[link.relation].predicted += 1
        score.total.predicted += 1
        score.any_relation.predicted += 1
        hit = None
        for i, f in enumerate(followups):
            if i not in used and f["relation"] == link.relation and f["document_date"] == link.date \
                    and _quote_in(f["quote"], link.unit.text):
                hit = i
                break
        loose = next((i for i, f in enumerate(followups) if i not in used_any and f["document_date"] == link.date
                      and _quote_in(f["quote"], link.unit.text)), None)
        if loose is not None:
            used_any.add(loose)
            score.any_relation.correct += 1
        if hit is None:
            score.extras.append(f"{label[:50]} -> [{link.relation} {link.date}] {link.unit.text[:70]}")
            continue
        used.add(hit)
        score.rows[link.relation].correct += 1
        score.total.correct += 1
    for i, f in enumerate(followups):
        if i not in used:
            score.misses.append(f"{label[:50]} -> [{f['relation']} {f['document_date']}] {f['quote'][:70]}")
