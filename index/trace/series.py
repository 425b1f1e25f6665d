"""Meeting series: the documents of one group, ordered by their own dates.

A group is named as each paper writes it, so one series can carry several spellings
("Board of Trustees", "Trustees Ofthe Board", "Action Tracker 2016 September"). ``series_key``
reduces a name to its lasting words (no dates, months, years or connectors) and ``build_series``
joins keys that differ only by a word or a typo. A record without its own group or date (an action
log at the end of a minutes file) belongs to the meeting of the document before it in the file.

    >>> series_key("OpenWIS Action Tracker 2016 September")
    'action openwis tracker'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from ingest.models import MEETING_PAPERS, Document

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_NOISE = frozenset(_MONTHS) | frozenset(
    "of the and for a an in on at to meeting meetings minutes minute held notes agenda".split())
SAME_SERIES_SIMILARITY = 85  # token-set similarity of two keys that name one group


def _tokens(name: str) -> list[str]:
    words = re.findall(r"[a-z]+", name.lower().replace("ofthe", "of the"))
    return [w for w in words if w not in _NOISE and not re.fullmatch(r"(?:st|nd|rd|th)", w)]


def series_key(name: str | None) -> str:
    """A group's name without the words that change from meeting to meeting."""
    return " ".join(sorted(set(_tokens(name or ""))))


def effective_meetings(documents: list[Document]) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Each document's group and date (a record of a meeting that names neither takes its file's
    meeting at ingest: ingest/segment.py, INHERITS_MEETING)."""
    return {d.doc_id: d.group for d in documents}, {d.doc_id: d.date for d in documents}


def display_name(group: str) -> str:
    """The group's name without the date words of one meeting ('Tracker 2016 September' -> 'Tracker')."""
    months = "|".join(_MONTHS)
    name = re.sub(rf"\b(?:(?:19|20)\d\d|\d{{1,2}}(?:st|nd|rd|th)?|{months})\b\.?", " ", group, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", name).strip(" -–,") or group


@dataclass
class Series:
    """One group's papers, oldest first."""

    key: str
    group: str  # the name most of its papers give
    documents: list[Document]


FOLDER_GROUP_SHARE = 0.75


def _folder(doc: Document) -> str:
    return doc.source.replace("\\", "/").rsplit("/", 1)[0] if "/" in doc.source else "."


def build_series(documents: list[Document], group_of: dict[str, str | None],
                 date_of: dict[str, str | None]) -> dict[str, Series]:
    """Series key -> Series; keys that name one group (a typo, a year) are joined."""
    keys: list[str] = []  # canonical keys, first seen first
    canon: dict[str, str] = {}
    members: dict[str, list[Document]] = defaultdict(list)
    # A folder whose named meeting papers (three in four at least) name one group: its unnamed
    # meeting papers ("## Minutes" with no name over them) are that group's too.
    named_in: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in documents:
        if group_of[doc.doc_id] and doc.doc_type in MEETING_PAPERS:
            named_in[_folder(doc)][series_key(group_of[doc.doc_id])] += 1
    for doc in sorted(documents, key=lambda d: (date_of[d.doc_id] or "", d.source, d.ordinal)):
        key = series_key(group_of[doc.doc_id])
        named = named_in[_folder(doc)]
        usual = named.most_common(1)[0] if named else None
        if not key and doc.doc_type in MEETING_PAPERS and usual and usual[1] >= FOLDER_GROUP_SHARE * sum(named.values()):
            key = usual[0]
        elif not key:
            # no group read: the papers kept together in one folder are taken as one series
            folder = _folder(doc)
            key = f"folder {folder}"
            group_of = {**group_of, doc.doc_id: group_of[doc.doc_id] or f"(papers in {folder})"}
        if key not in canon:
            near = max(keys, key=lambda k: fuzz.token_set_ratio(k, key), default=None)
            canon[key] = near if near is not None and fuzz.token_set_ratio(near, key) >= SAME_SERIES_SIMILARITY \
                and fuzz.ratio(near, key) >= 60 else key
            if canon[key] == key:
                keys.append(key)
        members[canon[key]].append(doc)
    out: dict[str, Series] = {}
    for key, docs in members.items():
        docs.sort(key=lambda d: (date_of[d.doc_id] or "", d.ordinal))
        names: dict[str, int] = defaultdict(int)
        for d in docs:
            names[group_of[d.doc_id] or ""] += 1
        out[key] = Series(key, display_name(max(names, key=lambda n: names[n])), docs)
    for key, target in canon.items():
        out.setdefault(key, out[target])
    return out


def series_listing(documents: list[Document], action_counts: dict[str, int] | None = None) -> list[dict]:
    """The `foi series` JSON: each group with its papers by date (undated last). ``action_counts``
    (doc_id -> actions) serves when the documents are summaries without their records."""
    group_of, date_of = effective_meetings(documents)
    seen: set[int] = set()
    listing = []
    for s in build_series(documents, group_of, date_of).values():
        if id(s) in seen:
            continue
        seen.add(id(s))
        docs = sorted(s.documents, key=lambda d: (date_of[d.doc_id] is None, date_of[d.doc_id] or "", d.source, d.ordinal))
        listing.append({"group": s.group, "documents": [
            {"doc_id": d.doc_id, "date": date_of[d.doc_id], "doc_type": d.doc_type, "source": d.source,
             "title": d.title, "actions": action_counts.get(d.doc_id, 0) if action_counts is not None else len(d.actions)} for d in docs]})
    listing.sort(key=lambda s: s["group"].lower())
    return listing
