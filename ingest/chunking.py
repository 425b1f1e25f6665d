"""Join a document's small blocks into passages of a readable, searchable size.

Minutes cut into blocks at every blank line, bullet and heading leave half their passages
under ten words: "2. Membership Applications", then "- Needham Market application has been
accepted …", each alone. A one-line block cannot be found by the words of the heading it sits
under, and ten of them fill a page of results with fragments of one item. So consecutive blocks
of one item are joined, as unstructured's ``chunk_by_title`` does: a heading opens a passage
and the text under it joins it, up to ``CHUNK_CHARS``; a passage never crosses an item, a
heading, a page or a table row. Measured on judged queries over real minutes (see
``scripts/score_search.py``): 300 characters gained less than 500, 800 and more lost again.
"""

from __future__ import annotations

import re

from ingest.models import Document, Passage

# About 200 words: an item's few paragraphs, or a bullet and its notes, read as one passage.
# Measured on seven judged sets (scripts/score_search.py): 500 -> 1200 raised recall@10 on all
# and nDCG@10 on five; past that recall keeps rising (a longer passage holds more) while the
# seed's nDCG falls (1600: 0.762 -> 0.726).
CHUNK_CHARS = 1200
# Blocks that stay passages of their own: a table row is a record (an action, a log line), the
# header block of an e-mail is its envelope.
_ALONE = frozenset({"table_row", "header_block"})
# Blocks that open a passage rather than join the one before.
_OPENS = frozenset({"heading", "item"})


def _lone_title_over(current: Passage, block: Passage) -> bool:
    """A heading line alone ("9 Staff Advisory Group") over its first sub-item ("9.1 …"): the
    title joins the text it names, or it is a passage of four words that no query finds."""
    return (current.kind == "heading" and block.kind == "item" and "\n" not in current.text.strip()
            and block.context == current.text.strip())


SHORT_POINT_WORDS = 8


# A bullet's mark: the usual ones, and the "o" a word processor prints for a second-level bullet
# ("o   Bank mandate changes"; the word "o" before a capital is otherwise unknown in minutes),
# the arrow notes use for what came of a point ("-> Renee to make further proposals."), and the
# round and square marks of office suites' exports ("● Get budget summaries to …").
# POINT_MARKS open a point wherever a line starts with one; a dash or an "o" may also start a
# wrapped line ("… the budget for 2026" / "– 2027 – Robin"), so readers that join wrapped lines
# take those only where a list is known.
POINT_MARKS = r"->|→|[-•*·▪◦●○■]"
BULLET_MARKS = POINT_MARKS + r"|=>|–|o(?=[ \t]+[A-Z0-9(])"
BULLET = re.compile(r"^[ \t]*(?:" + BULLET_MARKS + r")[ \t]+(?=\S)")
# The marks word processors give a list's second level (a PDF drops the indent, keeps the mark).
SUB_BULLET = re.compile(r"^[ \t]*(?:[○◦▪■]|o(?=[ \t]+[A-Z0-9(]))[ \t]+(?=\S)")


def line_indent(text: str) -> int:
    """Spaces and tabs before a text's first line: how deep a bullet sits in its list."""
    return len(text) - len(text.lstrip(" \t"))


def _same_unnumbered_part(current: Passage, block: Passage) -> bool:
    """Papers without item numbers (Markdown minutes, notes) cite each block as its own "para
    N"; under one heading a block still belongs to the passage before it when it continues it:
    a sub-bullet under its bullet ("* Fees" / "    * Update: met with …"), or a paragraph after
    a paragraph. A bullet beside a bullet is a record of its own (an action tracker's lines),
    unless the passage is a paragraph that introduces the list (it ends with a colon)."""
    if not (current.context and current.location.startswith("para ") and block.location.startswith("para ")):
        return False
    if current.kind == "list_item":
        indent = line_indent(block.text)
        if indent > line_indent(current.text):
            return True
        if block.kind == "list_item" and SUB_BULLET.match(block.text) and not SUB_BULLET.match(current.text):
            return True  # "○ Need 50% down" under "● Entrance gates": a PDF keeps the mark, not the indent
        # A flat list of short points ("• Health prevention") reads as one passage; a bullet
        # after sub-bullets opens the next part.
        last = current.text[current.parts[-1]:] if current.parts else current.text
        if block.kind == "list_item" and indent == line_indent(current.text) > 0:
            return True  # notes under one bullet, the passage cut among them by its size
        if SUB_BULLET.match(last) and not SUB_BULLET.match(block.text):
            return False  # "● Simul night" after "■ …": a point after the last one's notes opens the next part
        return (block.kind == "list_item" and indent == line_indent(current.text) == line_indent(last)
                and len(block.text.split()) <= SHORT_POINT_WORDS)
    if block.kind == "list_item":
        return current.text.rstrip().endswith(":")
    return True


def _joins(current: Passage, block: Passage) -> bool:
    if _lone_title_over(current, block) and block.page == current.page and block.end - current.start <= CHUNK_CHARS:
        return True
    return (
        block.kind not in _ALONE
        and block.kind not in _OPENS
        and current.kind not in _ALONE
        and block.page == current.page
        and (block.location == current.location or _same_unnumbered_part(current, block))
        and block.context == current.context
        and block.end - current.start <= CHUNK_CHARS
    )


def chunk_passages(doc: Document) -> None:
    """Replace ``doc.passages`` by its blocks joined (ids renumbered in order). A passage keeps
    the kind of the block that opens it: a "heading" passage starts with its heading line."""
    joined: list[Passage] = []
    for block in doc.passages:
        current = joined[-1] if joined else None
        if current is not None and _joins(current, block):
            current.parts = (current.parts or [0]) + [block.start - current.start]
            current.end = block.end
            current.text = doc.text[current.start:current.end]
            continue
        joined.append(block)
    for n, passage in enumerate(joined, start=1):
        passage.passage_id = f"{doc.doc_id}-p{n:03d}"
    doc.passages = joined
