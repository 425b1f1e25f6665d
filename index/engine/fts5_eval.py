"""Engine-neutral queries answered over the FTS5 engine's postings, scored as Whoosh scores them.

The conversion mirrors `whoosh_backend.to_whoosh` node for node (a recommendation reference is
the recs field or its phrases, boosted alike; `Ranked` is an OR of its items, each beside its
coordination bonus; extras only add to a match) and the evaluation mirrors `whoosh_eval`: BM25F
with Whoosh's defaults (B 0.75, K1 1.2, IDF ``log(N / (df + 1)) + 1``, field lengths rounded to
Whoosh's one-byte lengths), sums added in the order Whoosh's matcher tree adds them. So both
engines give a passage the same score, and hence the same ranking, not merely the same matches.

Nothing here knows SQL: `Source` is what the evaluator reads (fts5_backend's snapshot).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

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
from index.engine.score_tree import Scores, intersect, tree_sum, union, weighted_tree

# As whoosh_backend: the recommendation clause dominates.
REC_FIELD_BOOST = 3.0
REC_PHRASE_BOOST = 2.0
# Whoosh's BM25F defaults.
B = 0.75
K1 = 1.2
TEXT, RECS = "text", "recs"  # the scored fields; every other field scores 1 per match


class Source(Protocol):
    def doc_count(self) -> int: ...

    def all_docs(self) -> Iterable[int]: ...

    def term_full(self, field: str, text: str) -> Scores:
        """Unboosted scores of every live row holding the term (BM25 for text and recs, else 1)."""

    def term_df(self, field: str, text: str) -> int: ...

    def text_scores_at(self, term: str, docs: list[int]) -> Scores:
        """Unboosted BM25 of a text term, at least at ``docs``."""

    def phrase_docs(self, words: tuple[str, ...]) -> set[int]: ...

    def date_range(self, low: str | None, high: str | None) -> set[int]: ...


# ---- the query tree (the shapes to_whoosh builds) ---------------------------------------------


@dataclass(frozen=True)
class TermQ:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class PhraseQ:
    words: tuple[str, ...]  # indexed forms, two or more
    boost: float = 1.0


@dataclass(frozen=True)
class RangeQ:
    """Dates from ``low`` to ``high`` inclusive, compared as text (each match scores 1)."""

    low: str | None
    high: str | None


@dataclass(frozen=True)
class EveryQ:
    pass


@dataclass(frozen=True)
class NullQ:
    pass


@dataclass(frozen=True)
class OrQ:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class AndQ:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class AndNotQ:
    positive: Node
    negative: Node


@dataclass(frozen=True)
class AndMaybeQ:
    required: Node
    optional: Node


@dataclass(frozen=True)
class BonusQ:
    """What ``child`` matches, each scoring ``score`` (a coordination bonus)."""

    child: Node
    score: float


Node = TermQ | PhraseQ | RangeQ | EveryQ | NullQ | OrQ | AndQ | AndNotQ | AndMaybeQ | BonusQ


def _words(text: str) -> Node | None:
    toks = analysis.terms(text)
    if not toks:
        return None
    return TermQ(TEXT, toks[0]) if len(toks) == 1 else PhraseQ(tuple(toks))


def rec_node(number: int) -> Node:
    n = str(number)
    return OrQ((
        TermQ(RECS, n, REC_FIELD_BOOST),
        PhraseQ(("recommend", n), REC_PHRASE_BOOST),
        PhraseQ(("rec", n), REC_PHRASE_BOOST),
        TermQ(TEXT, "r" + n, REC_PHRASE_BOOST),  # "R7": one token
    ))


def field_node(field: str, value: str) -> Node | None:
    value = value.strip()
    if not value:
        return None
    if field == "recs":
        return TermQ(RECS, value.lstrip("#"))
    if field in ("doc_type", "group"):
        return TermQ(field, value.lower())
    if field in ("year", "doc_id", "passage_id"):
        return TermQ(field, value)
    if field == "has_redaction":
        return TermQ(field, "1" if value.lower() in ("1", "true", "yes") else "0")
    if field == "date":  # a date prefix: "2017-05" is every day of May 2017
        return RangeQ(value, value + "\uffff")
    return None


class Converter:
    """Engine-neutral query -> node tree; ``source`` gives the IDFs of the coordination bonus."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def convert(self, query: Query) -> Node | None:
        if isinstance(query, Ranked):
            return self._ranked(query)
        if isinstance(query, (Term, Phrase)):
            return _words(query.text)
        if isinstance(query, RecRef):
            return rec_node(query.number)
        if isinstance(query, FieldIs):
            return field_node(query.field, query.value)
        if isinstance(query, MatchAll):
            return EveryQ()
        if isinstance(query, Not):
            inner = self.convert(query.query)
            return AndNotQ(EveryQ(), inner) if inner is not None else None
        if isinstance(query, And):
            positives = [p for p in (self.convert(i) for i in query.items if not isinstance(i, Not)) if p is not None]
            negatives = [n for n in (self.convert(i.query) for i in query.items if isinstance(i, Not)) if n is not None]
            base = AndQ(tuple(positives)) if len(positives) > 1 else (positives[0] if positives else EveryQ())
            if negatives:
                return AndNotQ(base, OrQ(tuple(negatives)) if len(negatives) > 1 else negatives[0])
            return base
        if isinstance(query, Or):
            items = [q for q in (self.convert(i) for i in query.items) if q is not None]
            return OrQ(tuple(items)) if len(items) > 1 else (items[0] if items else None)
        if isinstance(query, AndMaybe):
            required = self.convert(query.required)
            optional = self.convert(query.optional)
            if required is None:
                return optional
            return AndMaybeQ(required, optional) if optional is not None else required
        raise TypeError(f"unknown query node {query!r}")

    def idf(self, node: Node) -> float:
        """The largest IDF among the terms of ``node`` the index holds; for a node without terms (a date range),
        the IDF of the set of rows it matches (as whoosh_backend._Converter.idf)."""
        n = self.source.doc_count()
        terms = set(_terms(node))
        if terms:
            dfs = [self.source.term_df(f, t) for f, t in terms]
            held = [df for df in dfs if df > 0] or dfs  # a word the index does not hold is no evidence
            return max(math.log(n / (df + 1)) + 1 for df in held)
        df = len(Evaluator(self.source).evaluate(node, None))
        return math.log(n / (df + 1)) + 1

    def _scored(self, items: Iterable[Query], coord: float) -> list[Node]:
        parts: list[Node] = []
        for item in items:
            node = self.convert(item)
            if node is None:
                continue
            parts.append(OrQ((node, BonusQ(node, coord * self.idf(node)))) if coord else node)
        return parts

    def _ranked(self, query: Ranked) -> Node | None:
        parts = self._scored(query.items, query.coord)
        if not parts:
            return None
        core: Node = OrQ(tuple(parts)) if len(parts) > 1 else parts[0]
        optional = self._scored(query.extras, query.coord)
        if optional:
            core = AndMaybeQ(core, OrQ(tuple(optional)) if len(optional) > 1 else optional[0])
        return core


def _terms(node: Node) -> Iterable[tuple[str, str]]:
    """Every (field, term) of the node's leaves, negated ones included (Whoosh's iter_all_terms)."""
    if isinstance(node, TermQ):
        yield node.field, node.text
    elif isinstance(node, PhraseQ):
        for w in node.words:
            yield TEXT, w
    elif isinstance(node, (OrQ, AndQ)):
        for item in node.items:
            yield from _terms(item)
    elif isinstance(node, AndNotQ):
        yield from _terms(node.positive)
        yield from _terms(node.negative)
    elif isinstance(node, AndMaybeQ):
        yield from _terms(node.required)
        yield from _terms(node.optional)
    elif isinstance(node, BonusQ):
        yield from _terms(node.child)


# ---- evaluation --------------------------------------------------------------------------------

Leaves = list[tuple[frozenset[str], Scores]]


class Evaluator:
    def __init__(self, source: Source) -> None:
        self.source = source

    def scores(self, node: Node | None) -> tuple[Scores, dict[int, set[str]]]:
        """Every matching row with its score, and per row (on demand) the text terms it matched:
        the leaves outside a negation that hold it."""
        leaves: Leaves = []
        found = self.evaluate(node, leaves) if node is not None else {}
        return found, _Matched(leaves)

    def evaluate(self, node: Node, leaves: Leaves | None) -> Scores:
        src = self.source
        if isinstance(node, NullQ):
            return {}
        if isinstance(node, TermQ):
            out = _boost(src.term_full(node.field, node.text), node.boost)
            if leaves is not None and node.field == TEXT:
                leaves.append((frozenset([node.text]), out))
            return out
        if isinstance(node, PhraseQ):
            out = self._phrase(node)
            if leaves is not None and out:
                leaves.append((frozenset(node.words), out))
            return out
        if isinstance(node, BonusQ):
            return dict.fromkeys(self.evaluate(node.child, leaves), node.score)
        if isinstance(node, EveryQ):
            return dict.fromkeys(src.all_docs(), 1.0)
        if isinstance(node, RangeQ):
            return dict.fromkeys(src.date_range(node.low, node.high), 1.0)
        if isinstance(node, AndNotQ):
            pos = self.evaluate(node.positive, leaves)
            neg = self.evaluate(node.negative, None)
            return {d: s for d, s in pos.items() if d not in neg}
        if isinstance(node, AndMaybeQ):
            req = self.evaluate(node.required, leaves)
            opt = self.evaluate(node.optional, leaves)
            return {d: (s + opt[d]) if d in opt else s for d, s in req.items()}
        if isinstance(node, (AndQ, OrQ)):
            parts = [self.evaluate(item, leaves) for item in node.items]
            if not parts:
                return {}
            if len(parts) == 1:
                return parts[0]
            if isinstance(node, AndQ):  # smallest first, as Whoosh's intersection tree
                return intersect(weighted_tree([-len(p) for p in parts], parts))
            return union(weighted_tree([len(p) for p in parts], parts))
        raise TypeError(f"unknown node {node!r}")

    def _phrase(self, node: PhraseQ) -> Scores:
        matched = sorted(self.source.phrase_docs(node.words))
        if not matched:
            return {}
        per_term = [self.source.text_scores_at(w, matched) for w in node.words]
        # A phrase scores the sum of its words' BM25, added as Whoosh's binary tree adds them.
        out = {d: tree_sum([t[d] for t in per_term]) for d in matched}
        return _boost(out, node.boost)


def top(scores: Scores, allow: frozenset[int] | None, limit: int | None) -> tuple[list[tuple[int, float]], int]:
    """The best ``limit`` (all when None) inside ``allow``, score descending then row id (the
    order rows were added, as Whoosh's document numbers), and how many matched."""
    items = scores.items() if allow is None else [(d, s) for d, s in scores.items() if d in allow]
    total = len(items)
    if limit is None or limit >= total:
        return sorted(items, key=_rank_key), total
    return heapq.nsmallest(limit, items, key=_rank_key), total


def _rank_key(item: tuple[int, float]) -> tuple[float, int]:
    return (-item[1], item[0])


def _boost(scores: Scores, boost: float) -> Scores:
    return scores if boost == 1.0 else {d: s * boost for d, s in scores.items()}


class _Matched(dict):
    """row -> matched text terms, computed for the few rows asked (the hits shown)."""

    def __init__(self, leaves: Leaves) -> None:
        super().__init__()
        self._leaves = leaves

    def __missing__(self, row: int) -> set[str]:
        words: set[str] = set()
        for terms, scores in self._leaves:
            if row in scores:
                words |= terms
        return words
