"""Score traces against a hand annotation, in either gold shape.

Two shapes are read:

* the shared one (``/work/shared/eval``): ``traces: [{action, file, followups: [{file, quote, relation}]}]``;
* the seed's: ``traces: [{action_quote, followups: [{quote, document_date, relation}]}]``.

Traces are the contract's JSON (``Trace.to_json()`` or ``foi trace --all --json``), so the same
scoring applies in process and to the command's output. For each annotated action:

* **recall** — a gold follow-up is found when a link of that action's chain holds its quote
  (fuzzily, redaction markers folded) in the gold's file (or on its document date);
  ``recall@5`` counts only the action's first five gold follow-ups (by date);
* **precision** — each link shown for an annotated action is checked against that action's gold
  follow-ups (any relation); a copy of the action itself in another copy of its paper is not a link;
* **label accuracy** — of the follow-ups found, how many carry the gold relation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ingest.markers import ANY_MARKER_RE

_QUOTE_PREFIX_RE = re.compile(r"^\W*(?:action(?:\s*point)?|ap|ai)\s*\d*\s*[:.\-–—]*\s*", re.IGNORECASE)
FIRST_N = 5


def norm(text: str) -> str:
    text = ANY_MARKER_RE.sub(" X ", (text or "").replace("**", ""))
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class GoldFollowup:
    quote: str
    relation: str
    file: str | None = None
    date: str | None = None


@dataclass
class GoldTrace:
    action: str
    file: str | None
    followups: list[GoldFollowup]


def read_gold(gold: dict) -> list[GoldTrace]:
    """The annotated traces of either gold shape."""
    out = []
    for g in gold.get("traces", []):
        followups = [GoldFollowup(f["quote"], f["relation"], f.get("file"), f.get("document_date"))
                     for f in g.get("followups", [])]
        out.append(GoldTrace(g.get("action") or g.get("action_quote") or "", g.get("file"), followups))
    return out


@dataclass
class SetScore:
    name: str
    actions: int = 0
    actions_found: int = 0
    gold: int = 0
    found: int = 0
    gold_first: int = 0
    found_first: int = 0
    shown: int = 0
    right: int = 0
    labelled_right: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_labels: list[str] = field(default_factory=list)
    unmatched_actions: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def recall_first(self) -> float:
        return self.found_first / self.gold_first if self.gold_first else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.shown if self.shown else 1.0

    @property
    def label_accuracy(self) -> float:
        return self.labelled_right / self.found if self.found else 1.0

    def row(self) -> dict:
        return {"set": self.name, "actions": self.actions, "actions_found": self.actions_found,
                "followups": self.gold, "found": self.found, "recall": round(self.recall, 3),
                "recall_first5": round(self.recall_first, 3), "shown": self.shown, "right": self.right,
                "precision": round(self.precision, 3), "label_accuracy": round(self.label_accuracy, 3)}


HEADER = (f"{'set':16} {'actions':>9} {'follow-ups':>10} {'recall':>7} {'rec@5':>6} {'shown':>6} "
          f"{'precision':>9} {'labels':>7}")


def table(scores: list[SetScore]) -> str:
    lines = [HEADER]
    for s in scores:
        lines.append(f"{s.name:16} {s.actions_found:>4}/{s.actions:<4} {s.gold:>10} {s.recall:>7.2f} "
                     f"{s.recall_first:>6.2f} {s.shown:>6} {s.precision:>9.2f} {s.label_accuracy:>7.2f}")
    return "\n".join(lines)


def _same_file(file: str | None, source: str | None) -> bool:
    return not file or (source or "").replace("\\", "/").endswith(file)


def match_action(quote: str, file: str | None, traces: list[dict]) -> dict | None:
    """The trace whose action is the quoted one (in the quoted file when one is given)."""
    want = norm(_QUOTE_PREFIX_RE.sub("", quote))
    best, best_score = None, 0.0
    for t in traces:
        a = t["action"]
        if not _same_file(file, a.get("source")):
            continue
        have = norm(_QUOTE_PREFIX_RE.sub("", a["text"]))
        s = max(fuzz.ratio(want, have), fuzz.token_set_ratio(want, have) - 5)
        if s > best_score:
            best, best_score = t, s
    return best if best_score >= 80 else None


def quote_in(quote: str, text: str) -> bool:
    """The gold quote is in the link's text, or the link's text is most of the quote."""
    q, t = norm(quote), norm(text)
    if not q or not t:
        return False
    short, long_ = (q, t) if len(q) <= len(t) else (t, q)
    return fuzz.partial_ratio(short, long_) >= 88 and len(short) >= 0.5 * len(q)


def _link_matches(f: GoldFollowup, link: dict) -> bool:
    if f.file and not _same_file(f.file, link.get("source")):
        return False
    if f.date and not f.file and link.get("date") != f.date:
        return False
    return quote_in(f.quote, link.get("text", ""))


def _is_self_copy(trace: dict, link: dict) -> bool:
    """The action itself in another copy of its paper (the PDF and the bundle): not a follow-up."""
    a = trace["action"]
    # the meeting's action list repeating the minutes word for word is another source, not a copy
    other_kind = link.get("doc_type") and trace.get("action_doc_type") and link["doc_type"] != trace["action_doc_type"]
    return (link["relation"] == "same_action_other_source" and link.get("date") == a.get("meeting_date")
            and not other_kind and fuzz.ratio(norm(link["text"]), norm(a["text"])) >= 95)


def score_set(name: str, traces: list[dict], gold: dict) -> SetScore:
    score = SetScore(name)
    for g in read_gold(gold):
        score.actions += 1
        score.gold += len(g.followups)
        first = sorted(range(len(g.followups)), key=lambda i: (g.followups[i].date or g.followups[i].file or ""))
        first_ids = set(first[:FIRST_N])
        score.gold_first += len(first_ids)
        trace = match_action(g.action, g.file, traces)
        label = g.action[:50]
        if trace is None:
            score.unmatched_actions.append(g.action)
            score.misses += [f"{label} -> (no action) {f.quote[:60]}" for f in g.followups]
            continue
        score.actions_found += 1
        links = []
        seen: set[tuple] = set()
        for link in trace["chain"]:
            if _is_self_copy(trace, link):
                continue
            key = (link.get("date"), norm(link["text"])[:300])
            if key in seen:
                continue
            seen.add(key)
            links.append(link)
        used: set[int] = set()
        for i, f in enumerate(g.followups):
            hit = next((link for link in links if _link_matches(f, link)), None)
            if hit is None:
                score.misses.append(f"{label} -> [{f.relation} {f.file or f.date}] {f.quote[:70]}")
                continue
            score.found += 1
            score.found_first += i in first_ids
            used.add(id(hit))
            if hit["relation"] == f.relation:
                score.labelled_right += 1
            else:
                score.wrong_labels.append(f"{label} -> gold {f.relation}, shown {hit['relation']}: {f.quote[:60]}")
        for link in links:
            score.shown += 1
            if id(link) in used or any(_link_matches(f, link) for f in g.followups):
                score.right += 1
            else:
                score.extras.append(f"{label} -> [{link['relation']} {link.get('date')} {link.get('reason', '')}] "
                                    f"{link['text'][:70]}")
    return score
