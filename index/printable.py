"""Text from a document or a file name made safe to print on a terminal.

A release is made by people outside the team: a title, a passage or a file name may hold an
escape sequence (ESC [ 2 J clears the screen; ESC ] 0 ; … retitles the window) or a
bidirectional override that makes text read other than it is stored. Every such character is
shown as an escape (``\\x1b``), never sent. JSON output needs none of this (it escapes itself).
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides/isolates.
_UNSAFE = "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]"


@cache
def _unsafe() -> re.Pattern[str]:
    # compiled on first use: `foi search --json` prints nothing through here
    return re.compile(_UNSAFE)


def safe(text: str) -> str:
    """``text`` with every control character written as an escape: "a\\x1b[2Jb" -> "a\\\\x1b[2Jb"."""
    return _unsafe().sub(lambda m: repr(m.group())[1:-1], text)
