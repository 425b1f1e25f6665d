"""Choosing what to trace (the `foi trace` use-case): an id, the action best matching a query, or all.

Copies of one action (the minutes PDF and the same minutes in a bundle) are folded into one
trace, and copies of one follow-up into one link, each naming the others in ``also_in``.
"""

from __future__ import annotations

import math
from collections import defaultdict

from rapidfuzz import fuzz

from index.copies import same_words
from index.trace.text import content_stems, term_match
from index.trace.tracer import Tracer
from index.trace.units import recs_in
from ingest.models import Action, Document

# Traced on demand, an action is followed through this many later meetings of its series (the
# nearest ones report on it; a whole decade of a body's papers would not answer in 2 s).
ON_DEMAND_MEETINGS = 12


class TraceSelectionError(ValueError):
    """The ACTION_ID or query names no action; the message says why. ``usage`` is true for an
    id that does not exist (the caller's mistake), false for a query that matched nothing."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def find_actions(tracer: Tracer, query: str) -> list[Action]:
    """Actions best matching a free-text query ('workshop recommendation 9'); copies of one action together."""
    q_terms = list(dict.fromkeys(content_stems(query, tracer.acronyms, boilerplate=False)))
    q_recs = recs_in(query)
    scored = []
    for aid, profile in tracer.profiles.items():
        terms = {c.stem for c in profile.core} | set(content_stems(profile.action.text, tracer.acronyms, boilerplate=False))
        heading = {c.stem for c in profile.heading}
        cov = sum(tracer.idf(t) * max(term_match(t, terms, tracer.exact), 0.5 * (t in heading)) for t in q_terms)
        total = sum(tracer.idf(t) for t in q_terms) or 1.0
        s = cov / total + (0.3 if q_recs & set(profile.action.recommendations) else 0.0)
        s += fuzz.partial_ratio(query.lower(), profile.action.text.lower()) / 1000
        if s > 0.3:
            scored.append((s, aid))
    return _best([(s, aid) for s, aid in scored], lambda aid: tracer.profiles[aid].action)


def _best(scored: list[tuple[float, str]], get):
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return []
    best = scored[0][0]
    return [get(aid) for s, aid in scored if s >= best - 0.1][:5]


def resolve_id(action_id: str, known: list[str]) -> list[str]:
    if action_id in known:
        return [action_id]
    near = [aid for aid in known if aid.startswith(action_id)]
    if len(near) == 1:
        return near
    raise TraceSelectionError(
        f"no action with id {action_id!r}" + (f" ({len(near)} ids start so)" if near else "; see `foi actions`"),
        usage=True,
    )


def select_traces(documents: list[Document], action_id: str | None = None, query: str | None = None,
                  every: bool = False, progress=None) -> list[dict]:
    """Traces (contract JSON) of one action, of the actions best matching a query, or of all."""
    tracer = Tracer(documents, progress=progress)
    if every:
        wanted = list(tracer.profiles)
    elif query:
        wanted = [a.action_id for a in find_actions(tracer, query)]
        if not wanted:
            raise TraceSelectionError(f"no action matches {query!r}")
        wanted = wanted[:1]  # the best-matching action
    else:
        wanted = resolve_id(action_id or "", list(tracer.profiles))
    # one action alone is traced alone; --all shares chains between copies of an action
    traced = tracer.trace_all() if every else [tracer.trace(aid) for aid in wanted]
    by_id = {t.action.action_id: t for t in traced}
    return fold_copies([by_id[aid].to_json() for aid in wanted])


def select_stored_traces(store, action_id: str | None = None, query: str | None = None, every: bool = False) -> list[dict]:
    """The same, from the traces an ingest stored (``Store.stored_traces``): no re-tracing."""
    if every:
        return fold_copies(sorted(store.stored_traces(), key=timeline_order))
    if query:
        wanted = match_query(store.actions(), query)
        if not wanted:
            raise TraceSelectionError(f"no action matches {query!r}")
        return fold_copies(store.stored_traces(wanted[:1]))
    ids = resolve_id(action_id or "", store.action_ids(action_id or ""))
    return fold_copies(store.stored_traces(ids))


def select_series_traces(store, action_id: str | None = None, query: str | None = None, progress=None) -> list[dict]:
    """One action traced on demand from the store, reading only its own series from its meeting
    on (the index is never walked whole: summaries, then the few papers that can follow it)."""
    from index.trace.series import build_series, effective_meetings

    if query:
        wanted = match_query(store.actions(), query)
        if not wanted:
            raise TraceSelectionError(f"no action matches {query!r}")
        action_id = wanted[0]
    ids = resolve_id(action_id or "", store.action_ids(action_id or ""))
    home = store.action_doc(ids[0])
    summaries = store.documents()
    group_of, date_of = effective_meetings(summaries)
    series = build_series(summaries, group_of, date_of)
    start = date_of.get(home) or ""
    own = next((s for s in series.values() if any(d.doc_id == home for d in s.documents)), None)
    later = [d for d in (own.documents if own else []) if (date_of[d.doc_id] or "") >= start]
    dates = sorted({date_of[d.doc_id] or "" for d in later})[:ON_DEMAND_MEETINGS + 1]
    doc_ids = [d.doc_id for d in later if (date_of[d.doc_id] or "") in dates] or [home]
    if home not in doc_ids:
        doc_ids.append(home)
    documents = []
    for i, doc_id in enumerate(doc_ids):
        documents.append(store.load_document(doc_id))
        if progress:
            progress(i + 1, len(doc_ids))
    return select_traces([d for d in documents if d is not None], action_id=ids[0])


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


def timeline_order(trace: dict) -> tuple:
    action = trace["action"]
    return (action["meeting_date"] is None, action["meeting_date"] or "", action["source"], action["action_id"])


def match_query(actions: list[Action], query: str) -> list[str]:
    """Ids of the actions whose words best cover the query's (rarer words count more),
    recommendation numbers as a bonus; best first."""
    q_terms = list(dict.fromkeys(content_stems(query, None, boilerplate=False)))
    q_recs = recs_in(query)
    bags = {a.action_id: set(content_stems(a.text, None, boilerplate=False)) for a in actions}
    df: dict[str, int] = defaultdict(int)
    for bag in bags.values():
        for term in bag:
            df[term] += 1
    idf = {t: math.log((len(bags) + 1) / (df.get(t, 0) + 0.5)) for t in q_terms}
    total = sum(idf.values()) or 1.0
    scored = []
    for action in actions:
        bag = bags[action.action_id]
        score = sum(idf[t] for t in q_terms if t in bag) / total
        score += 0.3 if q_recs & set(action.recommendations) else 0.0
        score += fuzz.partial_ratio(query.lower(), action.text.lower()) / 1000
        if score > 0.3:
            scored.append((score, action.action_id))
    return _best(scored, lambda aid: aid)


def is_action_id(target: str, known: list[str]) -> bool:
    """An id (or unique id prefix) rather than words: `foi trace ID` and `foi trace "query words"` share one argument."""
    return target in known or (len([k for k in known if k.startswith(target)]) >= 1 and " " not in target)


def trace_from_documents(documents: list[Document], target: str | None, query: str | None, every: bool,
                         progress=None) -> list[dict]:
    """`foi trace --from PATHS`: TARGET is an action id, or words to find the action by."""
    if target and not query and not every:
        known = [a.action_id for d in documents for a in d.actions]
        if not is_action_id(target, known):
            query, target = target, None
    return select_traces(documents, target, query, every, progress)


def trace_from_store(store, target: str | None, query: str | None, every: bool, progress=None) -> list[dict]:
    """`foi trace` on an index: stored chains when an ingest traced everything, else the action's
    own series traced now (never the whole index)."""
    if target and not query and not every and not is_action_id(target, store.action_ids(target)):
        query, target = target, None
    if store.get_meta("traces") == "fresh":
        return select_stored_traces(store, target, query, every)
    if every:
        return select_traces(store.load_all(), every=True, progress=progress)
    return select_series_traces(store, target, query, progress)
