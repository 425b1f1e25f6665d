"""The furniture of minutes, written the same way by every body: the section that reports on
earlier actions, the roll call, the tag that closes an action with its owner. One definition
each, read by layout (ingest/segment.py), trace (index/trace) and search ranking (index/search.py)."""

from __future__ import annotations

import re

# The heading of a section that reports on earlier actions ("Matters arising", "Review of actions").
BACKREF_RE = re.compile(
    r"matters arising|update on (?:the )?actions|actions? (?:log|list|tracker) (?:update|review)|"
    r"review of (?:the )?actions|(?:open|outstanding) actions|previous minutes|actions from (?:the )?(?:last|previous)",
    re.IGNORECASE,
)
# … on a line of its own inside an item's text: a heading all the same.
BACKREF_LINE = re.compile(r"^\W{0,3}(?:" + BACKREF_RE.pattern + r")\W{0,3}$", re.IGNORECASE)
# Who came and who sent apologies: names, not what was done.
ROLL_CALL_RE = re.compile(r"^\W*(?:apologies|present|in attendance|attendees|absent|also present|members present)\b",
                          re.IGNORECASE)
# A passage holding a roll call on a line of its own (minutes without item numbers join their
# header's "Time:" and "Attendees:" lines into one passage).
ROLL_CALL_LINE = re.compile(ROLL_CALL_RE.pattern, re.IGNORECASE | re.MULTILINE)
# "ACTION: AHop/MS" closing a paragraph: a line of its own, whatever follows.
OWNER_TAG_LINE = re.compile(r"^\W{0,3}action\s*[:\-–]\s*\S{1,30}(?:\s*[/,&]\s*\S{1,30}){0,4}$", re.IGNORECASE | re.MULTILINE)
