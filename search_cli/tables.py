"""Text tables that fit the terminal: columns are cut (with …) until the table is as wide as
the terminal (``$COLUMNS``, else the terminal, else 100 columns when piped). The JSON output
keeps every cell whole."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence

MIN_COLUMN = 6  # a column (and its heading) is never cut narrower than this


def terminal_width(default: int = 100) -> int:
    return max(shutil.get_terminal_size((default, 24)).columns, 40)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def column_widths(natural: Sequence[int], minimum: Sequence[int], width: int, gap: int = 2) -> list[int]:
    """Shrink the widest columns first until the widths plus gaps fit ``width`` (or every
    column is at its minimum)."""
    widths = list(natural)
    excess = sum(widths) + gap * (len(widths) - 1) - width
    while excess > 0:
        k = max(range(len(widths)), key=lambda i: (widths[i] - minimum[i], widths[i]))
        if widths[k] <= minimum[k]:
            break
        # cut the widest column down towards the next widest in one step
        others = sorted((w for i, w in enumerate(widths) if i != k), reverse=True)
        floor = max(minimum[k], others[0] if others else 0)
        step = max(1, min(excess, widths[k] - floor))
        widths[k] -= step
        excess -= step
    return widths


def fit_table(rows: Sequence[Sequence[object]], headers: Sequence[str], width: int | None = None,
              max_cell: int = 60, style_header=None) -> str:
    """An aligned table no wider than ``width`` (default: the terminal's)."""
    width = terminal_width() if width is None else width
    cells = [[re.sub(r"\s+", " ", "" if v is None else str(v)) for v in row] for row in rows]
    natural = [min(max([len(h)] + [len(r[i]) for r in cells]), max(max_cell, len(h)))
               for i, h in enumerate(headers)]
    minimum = [min(n, MIN_COLUMN) for n in natural]
    widths = column_widths(natural, minimum, width)
    head = "  ".join(_cut(h, w).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    lines = [style_header(head) if style_header else head]
    for r in cells:
        lines.append("  ".join(_cut(v, w).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)
