"""The search-backend interface and the engine-neutral query it answers.

`index/search.py` and `index/build.py` talk only to `SearchBackend`, opened by
`index.engine.open_backend`. Two engines implement it: `whoosh_backend.py` (Whoosh 2.7.4) and
`fts5_backend.py` (SQLite FTS5); `tests/test_engine_conformance.py` holds them to the same hits,
totals and filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# typing.TYPE_CHECKING without importing typing (~1.5 ms of every `foi search`); type checkers
# read this name alike (PEP 781). The interface is structural for type checkers only: nothing
# checks a backend against it at run time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object

# ---- engine-neutral query -------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """Words typed by the user, analysed by the engine (several tokens become a phrase)."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: the words in order, adjacent."""

    text: str


@dataclass(frozen=True)
class RecRef:
    """'recommendation 7' and its spellings: the recs field or the phrase, boosted."""

    number: int


@dataclass(frozen=True)
class FieldIs:
    """field:value typed in the query (year, doc_type, group, recs, doc_id)."""

    field: str
    value: str


@dataclass(frozen=True)
class Not:
    """Passages that do not match ``query``."""

    query: Query


@dataclass(frozen=True)
class And:
    """Passages matching every item."""

    items: tuple[Query, ...]


@dataclass(frozen=True)
class Or:
    """Passages matching any item."""

    items: tuple[Query, ...]


@dataclass(frozen=True)
class AndMaybe:
    """``required`` must match; ``optional`` only adds to the score."""

    required: Query
    optional: Query


@dataclass(frozen=True)
class MatchAll:
    """Every passage (a query of filters only)."""

    pass


@dataclass(frozen=True)
class Ranked:
    """Ranked matching with coordination: a passage matches when any of ``items`` does (each
    item one idea of the query: a word, or a word with its spellings and abbreviations); its
    score is the BM25 of what it matched, plus, per item matched, ``coord`` times that item's
    IDF. So passages holding more of the query's ideas come first, and among them the rarer
    ideas count more (Lucene's OR with a coordination factor, additive so that it can be
    computed one posting list at a time)."""

    items: tuple[Query, ...]
    coord: float = 1.0
    # Scored like the items (a date named in the query, matched by the document's date) but
    # never enough to match on their own.
    extras: tuple[Query, ...] = ()


Query = Term | Phrase | RecRef | FieldIs | Not | And | Or | AndMaybe | MatchAll | Ranked


@dataclass
class Filters:
    """Restrictions that do not score: every field is ANDed, values within one field ORed."""

    years: list[int] = field(default_factory=list)
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive (a month "2016-02" covers the month)
    doc_types: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # exact stored group values
    has_redaction: bool | None = None
    doc_ids: list[str] = field(default_factory=list)
    # Only these passages (None: no restriction; empty: none at all), e.g. those holding an
    # action of the owner that `owner:X` names.
    passage_ids: list[str] | None = None

    def is_empty(self) -> bool:
        return not (self.years or self.since or self.until or self.doc_types or self.groups
                    or self.has_redaction is not None or self.doc_ids or self.passage_ids is not None)

    def field_values(self) -> list[tuple[str, list[str]]]:
        """(field, values it may hold) for each restricting keyword field, the values as every
        engine indexes them (years as text, types and groups in lower case). An empty
        ``passage_ids`` list ("none at all") is not here: each engine answers it with nothing."""
        fields = [("year", [str(y) for y in self.years]), ("doc_type", [t.lower() for t in self.doc_types]),
                  ("group", [g.lower() for g in self.groups]), ("doc_id", list(self.doc_ids)),
                  ("passage_id", list(self.passage_ids or []))]
        return [(name, values) for name, values in fields if values]

    def date_bounds(self) -> tuple[str | None, str | None]:
        """(low, high) for comparing ISO dates as text, both inclusive: "\uffff" after --until
        makes "2016-02" take every day of February. (None, None) when no date restricts."""
        return self.since, (self.until + "\uffff") if self.until else None


# ---- what goes in and what comes out ---------------------------------------------------------


@dataclass
class PassageRecord:
    """One unit of search as the engine sees it. Only ids are stored; text lives in the store."""

    passage_id: str
    doc_id: str
    text: str
    recs: list[int]
    year: int | None
    date: str | None
    doc_type: str
    group: str | None
    has_redaction: bool
    dup_key: str


@dataclass
class EngineHit:
    """One matching passage as the engine scored it."""

    passage_id: str
    doc_id: str
    dup_key: str
    score: float
    date: str | None
    # Indexed forms of the query words this passage matched (for ranking tiers and snippets).
    matched: frozenset[str] = frozenset()


@dataclass
class EngineResult:
    """The hits an engine fetched, and how many passages match in all."""

    hits: list[EngineHit]
    total: int  # passages matching, whether fetched or not


class EngineVersionError(Exception):
    """The engine's files were made by another version of its schema or analysis."""


class EngineBusy(Exception):
    """Another process holds the engine's write lock."""


class SearchBackend(Protocol):
    # Opened for writing: True when the engine was made empty (new, or rebuilt after a version
    # change), so the store's documents must be replayed into it.
    created: bool

    def add_passages(self, passages: Iterable[PassageRecord]) -> None: ...

    def delete_documents(self, doc_ids: Iterable[str]) -> None: ...

    def commit(self) -> None:
        """Make the adds and deletes since the last commit visible, all or nothing."""

    def cancel(self) -> None: ...

    def search(self, query: Query, filters: Filters, limit: int | None) -> EngineResult: ...

    def group_counts(self, query: Query, filters: Filters, field: str) -> dict[str, int]: ...

    def suggest(self, words: Sequence[str]) -> str | None:
        """A corrected spelling of the query words, or None when every word is known."""

    def passages(self) -> dict[str, str]:
        """passage_id -> doc_id for every passage in the committed index (to reconcile with the store)."""

    def close(self) -> None: ...
