"""Shared helpers of the read commands: opening the index, option checks, readable rendering.

Plain click only (click.style for colour, which click drops when output is not a terminal).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence

import click

HIGHLIGHT = re.compile("\u00ab(.*?)\u00bb")


def die(message: str, code: int = 2) -> None:
    """One line on stderr, then exit (2: usage error or unusable index)."""
    click.echo(f"foi: {message}", err=True)
    sys.exit(code)


def open_index_or_exit(index_path: str):
    from index import IndexUnavailable, open_index

    try:
        return open_index(index_path)
    except IndexUnavailable as exc:
        die(str(exc))


def backend_or_exit(index):
    from index import IndexUnavailable

    try:
        return index.backend
    except IndexUnavailable as exc:
        die(str(exc))


_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """click callback: a date given as YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    value = value.strip()
    if not _ISO.match(value):
        raise click.BadParameter(f"'{value}' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
    return value


def print_json(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def highlight(snippet: str) -> str:
    """«matched» -> bold yellow on a terminal, the bare word elsewhere."""
    return HIGHLIGHT.sub(lambda m: click.style(m.group(1), fg="yellow", bold=True), snippet)


def dim(text: str) -> str:
    return click.style(text, dim=True)


def place(page: int | None, location: str | None) -> str:
    parts = []
    if page is not None:
        parts.append(f"p.{page}")
    if location:
        parts.append(location)
    return " ".join(parts)


def heading_line(date: str | None, group: str | None, title: str, where: str) -> str:
    bits = [date or "undated"]
    if group:
        bits.append(group)
    bits.append(click.style(title or "(untitled)", bold=True))
    if where:
        bits.append(where)
    return " · ".join(bits)


def table(rows: Sequence[Sequence[object]], headers: Sequence[str], max_width: int = 60) -> str:
    """A plain aligned text table; long cells are cut with … (the JSON keeps them whole)."""

    def cell(v: object) -> str:
        s = "" if v is None else str(v)
        s = re.sub(r"\s+", " ", s)
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = [click.style("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), bold=True)]
    for r in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)


def wrap(text: str, indent: str = "    ", width: int = 100) -> str:
    import textwrap

    return textwrap.fill(re.sub(r"\s+", " ", text).strip(), width=width, initial_indent=indent,
                         subsequent_indent=indent, break_on_hyphens=False)
