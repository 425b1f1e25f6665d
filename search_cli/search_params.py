"""The bounds of `foi search`'s options, read by its click command (search_cli/cmd_search.py)
and by the click-free parser (search_cli/fast_search.py), so that the two accept the same."""

from __future__ import annotations

YEARS = (1900, 2200)  # --year: inclusive
LIMITS = (1, 10000)  # --limit: inclusive
DEFAULT_LIMIT = 10
