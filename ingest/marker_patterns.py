"""The patterns of a redaction marker typed into text, as pattern text (not compiled).

ingest/markers.py compiles them (MARKER_RE, BLOCK_RE); the search analyzer
(index/engine/analysis.py) builds its token pattern from them, so `foi search` does not compile
the extraction's marker patterns it never uses.
"""

from __future__ import annotations

from ingest.models import BLOCK_CHAR

# Words a release uses for "this was removed": [REDACTED], (Redacted), [WITHHELD], [name removed].
_REDACT_WORDS = r"(?:redacted|redaction|withheld|removed|name\s+removed|personal\s+data\s+removed|exempt)"

# An exemption cited inside a marker: "s.38(1)(b)", "section 40(2)", "s 30", "Section 38(1)(b) FOISA",
# "Reg 13", "regulation 11(2)" (EIRs).
_EXEMPTION = (
    r"(?P<exemption>(?:s(?:ection|ect?\.?|\.)?|reg(?:ulation|\.)?)\s*\.?\s*"
    r"\d+[A-Za-z]?(?:\s*\(\s*[0-9a-zA-Z]{1,4}\s*\))*(?:\s*(?:FOISA|FOIA|EIRs?))?)"
)

# [REDACTED], [Redacted], (redacted), <REDACTED>, {redacted}, [REDACTED - s.38(1)(b)],
# [Redacted under section 40(2)], [REDACTED: s.40]. Case-insensitive (re.IGNORECASE).
MARKER_PATTERN = (
    r"(?P<open>[\[(<{])\s*"
    r"(?P<word>" + _REDACT_WORDS + r")"
    r"(?:\s*(?:[-–—:,;]|under|per|by\s+virtue\s+of)?\s*(?:under\s+)?" + _EXEMPTION + r")?"
    r"\s*(?P<close>[\])>}])"
)

# █ runs of any length; ■ (a typed black square) only in runs: one alone may be a list bullet.
BLOCK_PATTERN = BLOCK_CHAR + "+|\u25a0{2,}"
