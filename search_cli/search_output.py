"""`foi search`'s run and output, shared by the click command (search_cli/cmd_search.py) and
the click-free path (search_cli/fast_search.py): one code, so the two print the same bytes.

``echo`` is click.echo under click (it honours a context's colour setting, as tests set it) and
search_cli.console.echo without; the two write alike (tests/test_console.py).
"""

from __future__ import annotations

from collections.abc import Callable

from search_cli.render import (
    backend_or_exit,
    dim,
    heading_line,
    highlight,
    json_text,
    open_index_or_exit,
    place,
    safe,
    style,
)

# typing.TYPE_CHECKING without importing typing (~1.5 ms of every `foi search`); type checkers
# read this name alike (PEP 781)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from index.search import Hit, SearchOptions, SearchResult

Echo = Callable[..., None]  # echo(message, err=False)


def search_and_print(index_path: str, options: SearchOptions, as_json: bool, echo: Echo) -> None:
    """Runs the search on the index at ``index_path`` and prints it (exits 2 when the index
    cannot be used)."""
    from index.search import search

    with open_index_or_exit(index_path) as index:
        backend_or_exit(index)
        result = search(index, options)
    for notice in result.notices:
        echo(f"foi search: {notice}", err=True)
    echo(json_text(result.to_json()) if as_json else result_text(result, options.query))


def result_text(result: SearchResult, text: str) -> str:
    """The readable output of a search for ``text``: a summary line, then the hits."""
    if not result.total:
        line = f"No passages match {text!r}."
        if result.suggestion:
            line += f" Did you mean: {style(result.suggestion, bold=True)}?"
        return line
    lines: list[str] = []
    if result.years is not None:
        summary = ", ".join(f"{g.year or 'undated'}: {g.total}" for g in result.years)
        lines.append(f"{result.total} passages for {text!r} by year ({summary})")
        for group in result.years:
            lines.append("")
            lines.append(style(f"== {group.year or 'undated'} ({group.total}) ==", bold=True))
            for hit in group.hits:
                lines.extend(_hit_lines(hit))
            if group.total > len(group.hits):
                lines.append(dim(f"   … {group.total - len(group.hits)} more in {group.year or 'undated'}"))
        return "\n".join(lines)
    lines.append(f"{result.total} passages for {text!r}"
                 + (f", showing {len(result.hits)}" if result.total > len(result.hits) else ""))
    for hit in result.hits:
        lines.append("")
        lines.extend(_hit_lines(hit))
    return "\n".join(lines)


def _hit_lines(hit: Hit) -> list[str]:
    where = place(hit.passage.page, hit.passage.location)
    lines = [heading_line(hit.doc.date, hit.doc.group, hit.doc.title, where) + dim(f"  [{hit.doc.doc_id}]"),
             "    " + highlight(hit.snippet)]
    for other in hit.also_in:
        lines.append(dim(safe(f"    also in {other.source} [{other.doc_id}] {other.location}".rstrip())))
    return lines
