"""Shared helpers of the read commands: opening the index, option checks, readable rendering.

Without click (search_cli/console.py writes and styles as click does): `foi search` runs without
it when its arguments are plain (search_cli/fast_search.py). Styles are dropped, as click drops
them, when the output is not a terminal.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence

from index.printable import safe
from search_cli import console

# typing.TYPE_CHECKING without importing typing (~1.5 ms of every `foi search`); type checkers
# read this name alike (PEP 781)
TYPE_CHECKING = False
if TYPE_CHECKING:
    import click

HIGHLIGHT = re.compile("\u00ab(.*?)\u00bb")


def die(message: str, code: int = 2) -> None:
    """One line on stderr, then exit (2: usage error or unusable index)."""
    console.echo(f"foi: {message}", err=True)
    sys.exit(code)


def open_index_or_exit(index_path: str):
    from index import IndexUnavailable, open_index

    try:
        index = open_index(index_path)
    except IndexUnavailable as exc:
        die(str(exc))
    if index.unconfirmed:
        # on stderr: --json output stays exact
        console.echo(f"note: {len(index.unconfirmed)} document(s) of an unfinished ingest are not shown "
                   "until `foi ingest` runs again", err=True)
    return index


def backend_or_exit(index):
    from index import IndexUnavailable

    try:
        return index.backend
    except IndexUnavailable as exc:
        die(str(exc))


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """click callback: a real date given as YYYY, YYYY-MM or YYYY-MM-DD (2017-13-01 is none)."""
    import click

    from index.store import FilterError, check_date

    try:
        return check_date(value, f"--{param.name}" if param.name else "date")
    except FilterError as exc:
        raise click.BadParameter(str(exc)) from None


def json_text(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def print_json(obj: dict) -> None:
    console.echo(json_text(obj))


def no_color() -> bool:
    """NO_COLOR set (to anything but the empty string): plain text even on a terminal
    (https://no-color.org). Off a terminal click drops the styles by itself."""
    return bool(os.environ.get("NO_COLOR"))


def style(text: str, **styles) -> str:
    return text if no_color() else console.style(text, **styles)


def highlight(snippet: str) -> str:
    """«matched» -> bold on a terminal, the bare word when piped or under NO_COLOR."""
    return HIGHLIGHT.sub(lambda m: style(m.group(1), bold=True), safe(snippet))


def dim(text: str) -> str:
    return style(text, dim=True)


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
        bits.append(safe(group))
    bits.append(style(safe(title or "(untitled)"), bold=True))
    if where:
        bits.append(safe(where))
    return " · ".join(bits)


def table(rows: Sequence[Sequence[object]], headers: Sequence[str], max_width: int = 60) -> str:
    """An aligned text table as wide as the terminal; long cells are cut with … (the JSON
    keeps them whole)."""
    from search_cli.tables import fit_table

    cells = [[None if v is None else safe(str(v)) for v in row] for row in rows]
    return fit_table(cells, headers, max_cell=max_width, style_header=lambda h: style(h, bold=True))


def wrap(text: str, indent: str = "    ", width: int = 100) -> str:
    import textwrap

    return textwrap.fill(re.sub(r"\s+", " ", safe(text)).strip(), width=width, initial_indent=indent,
                         subsequent_indent=indent, break_on_hyphens=False)
