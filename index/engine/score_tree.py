"""Scores combined in the order Whoosh combines them, for both engines' evaluators.

Whoosh adds the scores of an AND or an OR through a tree of matchers (`whoosh.util`'s
``make_weighted_tree`` and ``make_binary_tree``); floating-point sums depend on that order, so an
evaluator that wants Whoosh's exact scores (``whoosh_eval``) or the same scores on another engine
(``fts5_eval``) combines per-document score maps through the same trees.
"""

from __future__ import annotations

from bisect import insort

Scores = dict[int, float]  # document number -> score


class Node:
    """A node of the matcher tree Whoosh would build."""

    __slots__ = ("a", "b")

    def __init__(self, a, b) -> None:
        self.a = a
        self.b = b


def weighted_tree(weights: list[int], items: list):
    """whoosh.util.make_weighted_tree: the lightest two joined first, ties kept in query order."""
    ls = sorted((w, k, item) for k, (w, item) in enumerate(zip(weights, items, strict=True)))
    seq = len(ls)
    while len(ls) > 1:
        a, b = ls.pop(0), ls.pop(0)
        insort(ls, (a[0] + b[0], seq, Node(a[2], b[2])))
        seq += 1
    return ls[0][2]


def intersect(tree) -> Scores:
    """The documents in every leaf, scores added along the tree."""
    if isinstance(tree, dict):
        return tree
    a, b = intersect(tree.a), intersect(tree.b)
    if len(a) > len(b):
        return {d: a[d] + s for d, s in b.items() if d in a}
    return {d: s + b[d] for d, s in a.items() if d in b}


def union(tree) -> Scores:
    """The documents in any leaf, scores added along the tree."""
    if isinstance(tree, dict):
        return tree
    a, b = union(tree.a), union(tree.b)
    out = dict(a)
    for d, s in b.items():
        out[d] = out[d] + s if d in out else s
    return out


def tree_sum(values: list[float]) -> float:
    """whoosh.util.make_binary_tree's sum: halves added recursively."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])
