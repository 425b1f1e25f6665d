"""A small BM25 over candidate follow-ups, with an action's concepts as the query.

The collection is the units (sentences, rows) of the papers being traced; a query term is a
``Concept``, met by its stem, a near spelling or its acronym's spelled-out words
(``text.concept_match``). ``normalised`` divides by what a unit of average length holding every
query term once would score, so that one threshold serves short and long actions alike.
"""

from __future__ import annotations

from collections.abc import Callable

from index.trace.text import Concept, Idf, concept_match

K1 = 1.2
B = 0.5  # sentences vary less in length than documents: length counts for less


class BM25:
    def __init__(self, idf: Idf, lengths: list[int], exact: frozenset[str]) -> None:
        self.idf = idf
        self.avg = (sum(lengths) / len(lengths)) if lengths else 1.0
        self.exact = exact

    def _tf_part(self, tf: float, length: int) -> float:
        norm = 1 - B + B * (length / self.avg if self.avg else 1.0)
        return tf * (K1 + 1) / (tf + K1 * norm)

    def normalised(self, terms: list[Concept], unit_terms: set[str], length: int,
                   weight: Callable[[str], float]) -> float:
        """BM25 of the unit for these concepts over the best a typical unit could score (0..~1.2)."""
        if not terms:
            return 0.0
        best = got = 0.0
        ideal = self._tf_part(1.0, round(self.avg))
        for c in terms:
            w = weight(c.stem)
            best += w * ideal
            hit = concept_match(c, unit_terms, self.exact)
            if hit:
                got += w * self._tf_part(hit, length)
        return got / best if best else 0.0

    def raw(self, terms: list[Concept], unit_terms: set[str], length: int, weight: Callable[[str], float]) -> float:
        """Plain BM25: the evidence for the concepts, whatever the action's length."""
        got = 0.0
        for c in terms:
            hit = concept_match(c, unit_terms, self.exact)
            if hit:
                got += weight(c.stem) * self._tf_part(hit, length)
        return got
